/**
 * Reads orders and consultations into typed columns in one validating pass. Each id string is
 * touched once (buyers are interned to integers here); everything after works on typed arrays.
 */
import { IssueCode, type IssueList } from "../errors.js";
import { FenError, describeFenError, parseFen } from "../money/fen.js";
import { describeInstantError, scanInstant } from "../time/parse.js";
import type { Zone } from "../time/zone.js";
import { repeatedIds } from "../ids/repeatedIds.js";
import type { StringIds } from "../ids/stringIds.js";

/** What attribution reads of an order (the `Order` record, or any object with these fields). */
export interface OrderLike {
  readonly orderId: string;
  readonly buyerId: string | null;
  readonly shopId?: string | undefined;
  readonly createdAt: string;
  readonly paidAt?: string | null | undefined;
  readonly amount: string | number;
  readonly refundAmount?: string | number | null | undefined;
  readonly remarkAgentId?: string | null | undefined;
}

/** What attribution reads of a consultation. */
export interface ConsultationLike {
  readonly consultationId: string;
  readonly agentId: string;
  readonly buyerId: string;
  readonly shopId?: string | undefined;
  readonly startedAt: string;
  readonly firstReplyAt?: string | null | undefined;
  readonly endedAt: string;
}

export interface OrderColumns {
  readonly count: number;
  /** Interned shop+buyer key, or -1 when the order has no buyer id. */
  readonly key: Int32Array;
  readonly createdAt: Float64Array;
  /** NaN when unpaid. */
  readonly paidAt: Float64Array;
  /** Agent index of the remark, or -1; null when no order has a remark. (Amounts are not kept:
   * the tally reads them again from the validated input, which costs less than 16 bytes an order.) */
  readonly remarkAgent: Int32Array | null;
  /** Keys are below this (a key is the index of the first order of its shop+buyer). */
  readonly keyCount: number;
}

/** The consultations that can matter to an order (replied, and of a buyer with orders), compacted:
 * entry `j` is input consultation `index[j]`. */
export interface ConsultationColumns {
  readonly count: number;
  readonly index: Int32Array;
  /** Key of the consultation's shop+buyer. */
  readonly key: Int32Array;
  readonly firstReplyAt: Float64Array;
  readonly endedAt: Float64Array;
  readonly agent: Int32Array;
}

/** Interns agent ids to small integers; with a known roster, unknown ids are issues. */
export class AgentIndex {
  readonly ids: string[] = [];
  private readonly byId = new Map<string, number>();
  constructor(readonly roster: ReadonlySet<string> | null) {
    if (roster) for (const id of [...roster].sort()) this.intern(id);
  }
  intern(id: string): number {
    let i = this.byId.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.byId.set(id, i);
    }
    return i;
  }
  /** The index of a known id, or -1 when a roster is given and does not hold it. */
  lookup(id: string): number {
    const i = this.byId.get(id);
    if (i !== undefined) return i;
    return this.roster ? -1 : this.intern(id);
  }
}

const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;
/** The key that links orders and consultations: the buyer, within its shop when one is given. */
export function buyerKey(shopId: string | undefined, buyerId: string): string {
  return shopId ? `${shopId}\u0001${buyerId}` : buyerId;
}

/** Marks a record whose buyer id is missing, until the validating loop reports it. */
const MISSING = -2;
const isString = (v: unknown): v is string => typeof v === "string";
const isAbsent = (v: unknown): boolean => v === undefined || v === null || v === "";

type Code = (typeof IssueCode)[keyof typeof IssueCode];

// Reports one bad field; the record's id is looked up only here, on the error path.
function fail(issues: IssueList, kind: "orders" | "consultations", i: number, id: unknown, field: string, code: Code, message: string): void {
  const idName = kind === "orders" ? "orderId" : "consultationId";
  const path = [kind, i, field];
  issues.add(
    typeof id === "string" && id.length > 0
      ? { code, path, message, recordId: `${idName} "${id}"` }
      : { code, path, message },
  );
}

/** Reads orders, interning buyer keys into `keys`. */
export function readOrders(
  orders: readonly OrderLike[],
  zone: Zone,
  keys: StringIds,
  agents: AgentIndex,
  issues: IssueList,
): OrderColumns {
  const n = orders.length;
  const key = new Int32Array(n);
  const createdAt = new Float64Array(n);
  const paidAt = new Float64Array(n);
  let remarkAgent: Int32Array | null = null;
  // The id lookups run in loops of their own: a short loop body lets the CPU overlap the cache
  // misses of many iterations, which a long validating body would serialize (≈ 2× faster here).
  for (let i = 0; i < n; i++) {
    const o = orders[i];
    const buyer = typeof o === "object" && o !== null ? o.buyerId : undefined;
    if (buyer === null) key[i] = -1;
    else if (!isText(buyer)) key[i] = MISSING;
    else {
      key[i] = keys.intern(buyerKey(o!.shopId, buyer), i);
    }
  }
  const repeats = repeatedIds(n, (record) => orders[record]?.orderId);
  for (let i = 0; i < n; i++) {
    const o = orders[i];
    if (typeof o !== "object" || o === null) {
      issues.add({ code: IssueCode.invalidType, path: ["orders", i], message: "is not an order record" });
      key[i] = -1;
      continue;
    }
    if (!isText(o.orderId)) fail(issues, "orders", i, o.orderId, "orderId", IssueCode.missingField, "is missing; expected the order id");
    else if (repeats.size > 0 && repeats.has(i)) {
      fail(issues, "orders", i, o.orderId, "orderId", IssueCode.duplicateId, `"${o.orderId}" appears more than once (first at orders[${repeats.get(i)!}]); each order must be listed once`);
    }
    if (key[i] === MISSING) {
      fail(issues, "orders", i, o.orderId, "buyerId", IssueCode.missingField, "is missing; expected the buyer id (or null when the export has none)");
      key[i] = -1;
    }
    const createdOk = isString(o.createdAt) && scanInstant(o.createdAt, zone, createdAt, i) === 0;
    if (!createdOk) {
      fail(issues, "orders", i, o.orderId, "createdAt", IssueCode.invalidDate, describeInstantError(o.createdAt, zone));
    }
    paidAt[i] = NaN;
    if (!isAbsent(o.paidAt)) {
      if (!isString(o.paidAt) || scanInstant(o.paidAt, zone, paidAt, i) !== 0) {
        paidAt[i] = NaN;
        fail(issues, "orders", i, o.orderId, "paidAt", IssueCode.invalidDate, describeInstantError(o.paidAt, zone));
      } else if (createdOk && paidAt[i]! < createdAt[i]!) {
        fail(issues, "orders", i, o.orderId, "paidAt", IssueCode.paidBeforeCreated, `${o.paidAt} is before createdAt ${o.createdAt}`);
      }
    }
    const amount = parseFen(o.amount);
    if (amount < 0) fail(issues, "orders", i, o.orderId, "amount", amount === FenError.negative ? IssueCode.negativeMoney : IssueCode.invalidMoney, describeFenError(amount, o.amount));
    let refund = 0;
    if (!isAbsent(o.refundAmount)) {
      refund = parseFen(o.refundAmount);
      if (refund < 0) {
        fail(issues, "orders", i, o.orderId, "refundAmount", refund === FenError.negative ? IssueCode.negativeMoney : IssueCode.invalidMoney, describeFenError(refund, o.refundAmount));
      } else if (amount >= 0 && refund > amount) {
        fail(issues, "orders", i, o.orderId, "refundAmount", IssueCode.refundExceedsAmount, `${String(o.refundAmount)} is more than the amount ${String(o.amount)}`);
      } else if (refund > 0 && isAbsent(o.paidAt)) {
        // Only a truly absent paidAt means unpaid; an unreadable one is reported as a bad date.
        fail(issues, "orders", i, o.orderId, "refundAmount", IssueCode.refundOnUnpaidOrder, `${String(o.refundAmount)} is refunded on an order that was never paid`);
      }
    }
    const remark = o.remarkAgentId;
    if (isAbsent(remark)) continue;
    if (typeof remark !== "string") {
      fail(issues, "orders", i, o.orderId, "remarkAgentId", IssueCode.invalidType, "expected the 工号 as text");
    } else {
      const a = agents.lookup(remark);
      if (a < 0) fail(issues, "orders", i, o.orderId, "remarkAgentId", IssueCode.unknownAgent, `"${remark}" is not an agent of the roster`);
      remarkAgent ??= new Int32Array(n).fill(-1);
      remarkAgent[i] = a;
    }
  }
  return { count: n, key, createdAt, paidAt, remarkAgent, keyCount: n };
}

/** Reads consultations, looking up (never adding) buyer keys: a buyer without orders is skipped. */
export function readConsultations(
  consultations: readonly ConsultationLike[],
  zone: Zone,
  keys: StringIds,
  agents: AgentIndex,
  issues: IssueList,
): ConsultationColumns {
  const n = consultations.length;
  const allKeys = new Int32Array(n);
  let candidates = 0;
  for (let i = 0; i < n; i++) {
    const c = consultations[i];
    const buyer = typeof c === "object" && c !== null ? c.buyerId : undefined;
    const k = isText(buyer) ? keys.get(buyerKey(c!.shopId, buyer)) : MISSING;
    allKeys[i] = k;
    if (k >= 0) candidates++;
  }
  const index = new Int32Array(candidates);
  // Compacted keys overwrite allKeys in place: entry `count` is written only after allKeys[count]
  // (count ≤ i) has been read.
  const key = allKeys;
  const firstReplyAt = new Float64Array(candidates);
  const endedAt = new Float64Array(candidates);
  const agent = new Int32Array(candidates);
  const times = new Float64Array(3); // started, replied, ended
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = consultations[i];
    if (typeof c !== "object" || c === null) {
      issues.add({ code: IssueCode.invalidType, path: ["consultations", i], message: "is not a consultation record" });
      continue;
    }
    const id = c.consultationId;
    if (!isText(id)) fail(issues, "consultations", i, id, "consultationId", IssueCode.missingField, "is missing; expected the consultation id");
    let a = -1;
    if (!isText(c.agentId)) fail(issues, "consultations", i, id, "agentId", IssueCode.missingField, "is missing; expected the agent's 工号");
    else {
      a = agents.lookup(c.agentId);
      if (a < 0) fail(issues, "consultations", i, id, "agentId", IssueCode.unknownAgent, `"${c.agentId}" is not an agent of the roster`);
    }
    if (!isString(c.startedAt) || scanInstant(c.startedAt, zone, times, 0) !== 0) {
      times[0] = NaN;
      fail(issues, "consultations", i, id, "startedAt", IssueCode.invalidDate, describeInstantError(c.startedAt, zone));
    }
    if (!isString(c.endedAt) || scanInstant(c.endedAt, zone, times, 2) !== 0) {
      times[2] = NaN;
      fail(issues, "consultations", i, id, "endedAt", IssueCode.invalidDate, describeInstantError(c.endedAt, zone));
    }
    times[1] = NaN;
    if (!isAbsent(c.firstReplyAt)) {
      if (!isString(c.firstReplyAt) || scanInstant(c.firstReplyAt, zone, times, 1) !== 0) {
        times[1] = NaN;
        fail(issues, "consultations", i, id, "firstReplyAt", IssueCode.invalidDate, describeInstantError(c.firstReplyAt, zone));
      }
    }
    const started = times[0]!;
    const replied = times[1]!;
    const ended = times[2]!;
    if (replied === replied) {
      if (replied < started) {
        fail(issues, "consultations", i, id, "firstReplyAt", IssueCode.replyBeforeStart, `${String(c.firstReplyAt)} is before the consultation started (${c.startedAt})`);
      } else if (ended < replied) {
        fail(issues, "consultations", i, id, "endedAt", IssueCode.endBeforeReply, `${c.endedAt} is before the first reply (${String(c.firstReplyAt)})`);
      }
    } else if (ended < started) {
      fail(issues, "consultations", i, id, "endedAt", IssueCode.endBeforeStart, `${c.endedAt} is before the consultation started (${c.startedAt})`);
    }
    const k = allKeys[i]!;
    if (k === MISSING) fail(issues, "consultations", i, id, "buyerId", IssueCode.missingField, "is missing; expected the buyer id");
    else if (k >= 0 && replied === replied) {
      index[count] = i;
      key[count] = k;
      firstReplyAt[count] = replied;
      endedAt[count] = ended;
      agent[count] = a;
      count++;
    }
  }
  return { count, index, key: key.subarray(0, count), firstReplyAt, endedAt, agent };
}
