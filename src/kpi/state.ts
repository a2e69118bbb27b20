/**
 * The KPI state of a period: what the metrics are computed from, kept so that states merge.
 *
 * A metric's state for a month equals the merge of its daily states (`test/kpi/state.test.ts`
 * proves it with fast-check). Sums (messages, response intervals, tickets, calls …) merge by
 * addition. Distinct people do not: the buyers who consulted an agent in a month are not the sum
 * of each day's, and whether a consulting buyer "finally ordered" depends on orders of later days.
 * So the state keeps, per agent and buyer, the first consultation's start, whether any was
 * answered or slow and the business days consulted (merged by min / or / union), and per order the
 * placing and paying instants inside the period (merged by taking the one that is present). The
 * state is held by buyer (the agents who served them, their orders), so the metrics are one pass
 * over the buyers. Orders and buyers are keyed by their ids (strings), so states built by
 * different processes (shards, one day at a time) merge without a shared numbering.
 *
 * States merge when their record sets are disjoint (different days, or shards that split records,
 * not copies of them) and were collected with the same thresholds, zone and cut-over.
 */
import { IssueCode, IssueList, KefuKpiError, type Issue } from "../errors.js";
import { quoteValue } from "../input.js";
import { FenError, describeFenError, parseFen } from "../money/fen.js";
import type { Policy } from "../policy/schema.js";
import { describeInstantError, scanInstant } from "../time/parse.js";
import { businessDayNumber, type Period } from "../time/period.js";
import type { Zone } from "../time/zone.js";
import { DenseIds } from "../ids/denseIds.js";
import { repeatedIds } from "../ids/repeatedIds.js";
import { StringIds } from "../ids/stringIds.js";
import { fastAfterSale, fastCall, fastQc, fastReview, fastTicket } from "./fastValid.js";
import { NOBODY, NO_CREDITS, NO_DAY, OrderColumns, PairColumns, REPLIED, SLOW } from "./columns.js";
import { AfterSaleSchema, PhoneCallSchema, QcInspectionSchema, ServiceReviewSchema, TicketSchema } from "./schema.js";
import type { KpiInput, KpiKind } from "./types.js";

/** Additive counters of one agent (all integers: counts, milliseconds, seconds, fen, hundredths). */
export interface AgentCounters {
  consultations: number;
  repliedConsultations: number;
  firstResponseMs: number;
  quickResponses: number;
  longReceptions: number;
  messageConsultations: number;
  buyerMessages: number;
  agentMessages: number;
  responseConsultations: number;
  responseCount: number;
  responseSeconds: number;
  reviews: number;
  goodReviews: number;
  qcInspections: number;
  qcHundredths: number;
  afterSales: number;
  reviewedAfterSales: number;
  afterSaleReviewMs: number;
  ratings: number;
  satisfiedRatings: number;
  refunds: number;
  refundedFen: number;
  tickets: number;
  repliedTickets: number;
  timelyTickets: number;
  firstContactTickets: number;
  calls: number;
  answeredCalls: number;
}

/** The mergeable state of a period. */
export interface KpiState {
  /** Thresholds, zone and cut-over the state was collected with: only equal settings merge. */
  readonly settings: string;
  /** Which kinds of input were given (a missing kind makes its metrics `null`, not 0). */
  readonly given: Record<KpiKind, boolean>;
  readonly agents: Map<string, AgentCounters>;
  /** Numbering of the agents and buyers of `pairs` and `orders` (a buyer key is the buyer id, or
   * shop + buyer id when a shopId is given). */
  readonly agentIds: string[];
  readonly buyerKeys: string[];
  /** One row per agent and buyer: the first consultation, answered, slow, the days served. */
  readonly pairs: PairColumns;
  /** Orders placed or paid in the period. */
  readonly orders: OrderColumns;
}

export const KPI_KINDS: readonly KpiKind[] = ["consultations", "orders", "credits", "tickets", "afterSales", "reviews", "qc", "calls"];

/** Fresh counters. */
export function emptyCounters(): AgentCounters {
  return {
    consultations: 0, repliedConsultations: 0, firstResponseMs: 0, quickResponses: 0, longReceptions: 0,
    messageConsultations: 0, buyerMessages: 0, agentMessages: 0, responseConsultations: 0, responseCount: 0, responseSeconds: 0,
    reviews: 0, goodReviews: 0, qcInspections: 0, qcHundredths: 0, afterSales: 0, reviewedAfterSales: 0, afterSaleReviewMs: 0,
    ratings: 0, satisfiedRatings: 0, refunds: 0, refundedFen: 0, tickets: 0, repliedTickets: 0, timelyTickets: 0,
    firstContactTickets: 0, calls: 0, answeredCalls: 0,
  };
}

const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isAbsent = (v: unknown): boolean => v === undefined || v === null || v === "";
const SEP = "\u0001";

function settingsKey(policy: Policy): string {
  return JSON.stringify([policy.timeZone, policy.businessDayStartsAt, policy.kpi.thresholds]);
}

/** Context of one collection pass. */
interface Pass {
  readonly zone: Zone;
  readonly cutover: number;
  readonly start: number;
  readonly end: number;
  readonly issues: IssueList;
  readonly roster: ReadonlySet<string> | null;
  readonly state: KpiState;
  readonly policy: Policy;
  readonly times: Float64Array;
  /** Agent numbers of the pairs and credits. */
  readonly agentIndex: Map<string, number>;
  /** Buyer keys interned to their number in `state.buyerKeys`. */
  readonly buyerIds: DenseIds;
  /** The row in `state.orders` of `orders[i]`, or -1 (outside the period, invalid). */
  orderRow: Int32Array;
}

/**
 * Reads the records of {@link KpiInput} that fall in `period` into a {@link KpiState}, validating
 * every record of every kind (also those outside the period).
 *
 * @throws {KefuKpiError} listing every invalid record and field
 */
export function collectState(input: KpiInput, policy: Policy, period: Period, zone: Zone, cutover: number): KpiState {
  const issues = new IssueList();
  const roster = input.agents ? rosterOf(input.agents, issues) : null;
  const state: KpiState = {
    settings: settingsKey(policy),
    given: Object.fromEntries(KPI_KINDS.map((k) => [k, input[k] !== undefined])) as Record<KpiKind, boolean>,
    agents: new Map(),
    agentIds: [],
    buyerKeys: [],
    // Sized once for every record: growing large typed arrays makes V8 collect the whole heap
    // (external-memory pressure), which for a 4M-consultation input costs more than the work.
    pairs: new PairColumns(input.consultations?.length ?? 0),
    orders: new OrderColumns(input.orders?.length ?? 0),
  };
  const consultations = input.consultations ?? [];
  const orders = input.orders ?? [];
  const pass: Pass = {
    zone, cutover, start: period.start, end: period.end, issues, roster, state, policy, times: new Float64Array(4),
    agentIndex: new Map(), orderRow: new Int32Array(orders.length).fill(-1),
    // Sized for a few records a buyer (it grows past that): a table sized for every record would be
    // mostly empty and miss the cache on every probe.
    buyerIds: new DenseIds((consultations.length + orders.length) >> 2),
  };
  if (roster) for (const id of roster) state.agents.set(id, emptyCounters());
  if (input.consultations) readConsultations(input.consultations, pass);
  if (input.orders) readOrders(input.orders, pass);
  if (input.credits) readCredits(input.credits, orders, pass);
  if (input.tickets) readTickets(input.tickets, pass);
  if (input.afterSales) readAfterSales(input.afterSales, pass);
  if (input.reviews) readReviews(input.reviews, pass);
  if (input.qc) readQc(input.qc, pass);
  if (input.calls) readCalls(input.calls, pass);
  issues.throwIfAny();
  return state;
}

function agentNumber(pass: Pass, agentId: string): number {
  let a = pass.agentIndex.get(agentId);
  if (a === undefined) {
    a = pass.state.agentIds.length;
    pass.state.agentIds.push(agentId);
    pass.agentIndex.set(agentId, a);
  }
  return a;
}

/** The buyer numbers of consultations or orders, -1 without a buyer id. */
function buyerNumbers(records: readonly { readonly buyerId: string | null; readonly shopId?: string | undefined }[], pass: Pass): Int32Array {
  const numbers = new Int32Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const buyer = typeof r === "object" && r !== null ? r.buyerId : undefined;
    numbers[i] = isText(buyer) ? buyerNumber(pass, isText(r!.shopId) ? `${r!.shopId}${SEP}${buyer}` : buyer) : -1;
  }
  return numbers;
}

/** The number of a buyer key in `state.buyerKeys`, adding it when new. */
function buyerNumber(pass: Pass, key: string): number {
  const keys = pass.state.buyerKeys;
  const n = pass.buyerIds.intern(key);
  if (n === keys.length) keys.push(key);
  return n;
}

function rosterOf(agents: readonly { readonly agentId: string }[], issues: IssueList): Set<string> {
  const roster = new Set<string>();
  agents.forEach((a, i) => {
    const id = a?.agentId;
    if (!isText(id)) issues.add({ code: IssueCode.missingField, path: ["agents", i, "agentId"], message: "is missing; expected the agent's 工号" });
    else roster.add(id);
  });
  return roster;
}

function counters(pass: Pass, agentId: string): AgentCounters {
  let c = pass.state.agents.get(agentId);
  if (!c) {
    c = emptyCounters();
    pass.state.agents.set(agentId, c);
  }
  return c;
}

type Code = (typeof IssueCode)[keyof typeof IssueCode];

function issue(pass: Pass, kind: string, i: number, idName: string | null, id: unknown, field: string, code: Code, message: string): void {
  const base: Issue = { code, path: [kind, i, field], message };
  pass.issues.add(idName !== null && isText(id) ? { ...base, recordId: `${idName} "${id}"` } : base);
}

/** Reads an instant field into `pass.times[slot]`; NaN (and an issue) when invalid, NaN when absent and optional. */
function instantField(pass: Pass, kind: string, i: number, idName: string | null, id: unknown, v: unknown, field: string, slot: number, required: boolean): number {
  pass.times[slot] = NaN;
  if (isAbsent(v)) {
    if (required) issue(pass, kind, i, idName, id, field, IssueCode.invalidDate, describeInstantError(v, pass.zone));
    return NaN;
  }
  if (typeof v !== "string" || scanInstant(v, pass.zone, pass.times, slot) !== 0) {
    pass.times[slot] = NaN;
    issue(pass, kind, i, idName, id, field, IssueCode.invalidDate, describeInstantError(v, pass.zone));
  }
  return pass.times[slot]!;
}

function agentField(pass: Pass, kind: string, i: number, idName: string | null, id: unknown, agentId: unknown): boolean {
  if (!isText(agentId)) {
    issue(pass, kind, i, idName, id, "agentId", IssueCode.missingField, "is missing; expected the agent's 工号");
    return false;
  }
  if (pass.roster && !pass.roster.has(agentId)) {
    issue(pass, kind, i, idName, id, "agentId", IssueCode.unknownAgent, `"${agentId}" is not an agent of the roster`);
    return false;
  }
  return true;
}

/** Ids seen so far of one kind (a typed hash table over the records: no string copies). */
function idTable(records: readonly unknown[], idName: string): StringIds {
  return new StringIds(records.length, (r) => (records[r] as Record<string, string>)[idName]!);
}

function duplicateCheck(pass: Pass, kind: string, seen: StringIds, i: number, idName: string, id: unknown): void {
  if (!isText(id)) return;
  const first = seen.intern(id, i);
  if (!seen.added) duplicateIssue(pass, kind, i, idName, id, first);
}

function duplicateIssue(pass: Pass, kind: string, i: number, idName: string, id: unknown, first: number): void {
  issue(pass, kind, i, idName, id, idName, IssueCode.duplicateId, `"${String(id)}" appears more than once (first at ${kind}[${first}]); each must be listed once`);
}

const inPeriod = (pass: Pass, t: number): boolean => t >= pass.start && t < pass.end;

function countField(pass: Pass, i: number, id: unknown, v: unknown, field: string): number {
  if (v === undefined || v === null || v === "") return -1;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    issue(pass, "consultations", i, "consultationId", id, field, IssueCode.invalidValue, `${quoteValue(v)} is not a whole number ≥ 0`);
    return -2;
  }
  return v;
}

function readConsultations(consultations: KpiInput["consultations"] & {}, pass: Pass): void {
  const t = pass.policy.kpi.thresholds;
  const slowMs = t.slowResponseSeconds * 1000;
  const quickMs = t.quickResponseSeconds * 1000;
  const longMs = t.longReceptionMinutes * 60_000;
  // The id lookups run in loops of their own, before the validating loop: a short loop body lets
  // the CPU overlap the cache misses of many lookups (as attribution does).
  const repeats = repeatedIds(consultations.length, (r) => consultations[r]?.consultationId);
  const buyerNo = buyerNumbers(consultations, pass);
  const { pairs } = pass.state;
  // The consultations of buyer b go to rows start[b] … of the pair columns (a counting sort by
  // buyer, in input order within a buyer), so that the pairs are formed buyer by buyer afterwards
  // (see `formPairs`) and come out grouped by buyer, as the metrics read them.
  const buyers = pass.state.buyerKeys.length;
  const start = new Int32Array(buyers + 1);
  for (let i = 0; i < consultations.length; i++) {
    const b = buyerNo[i]!;
    if (b >= 0) start[b + 1]!++;
  }
  for (let b = 0; b < buyers; b++) start[b + 1]! += start[b]!;
  const next = start.slice(0, buyers);
  // One lookup per consultation finds the agent's number and counters (null: not in the roster).
  const slots = new Map<string, { no: number; counters: AgentCounters } | null>();
  for (let i = 0; i < consultations.length; i++) {
    const c = consultations[i] as unknown as Record<string, unknown> | null;
    if (typeof c !== "object" || c === null) {
      pass.issues.add({ code: IssueCode.invalidType, path: ["consultations", i], message: "is not a consultation record" });
      continue;
    }
    const id = c["consultationId"];
    if (!isText(id)) issue(pass, "consultations", i, null, id, "consultationId", IssueCode.missingField, "is missing; expected the consultation id");
    if (repeats.size > 0 && repeats.has(i)) duplicateIssue(pass, "consultations", i, "consultationId", id, repeats.get(i)!);
    const agentId = c["agentId"];
    let slot = typeof agentId === "string" ? slots.get(agentId) : undefined;
    if (slot === undefined) {
      const ok = agentField(pass, "consultations", i, "consultationId", id, agentId);
      slot = ok ? { no: agentNumber(pass, agentId as string), counters: counters(pass, agentId as string) } : null;
      if (typeof agentId === "string") slots.set(agentId, slot);
    } else if (slot === null) agentField(pass, "consultations", i, "consultationId", id, agentId); // each row is named
    const buyer = c["buyerId"];
    if (!isText(buyer)) issue(pass, "consultations", i, "consultationId", id, "buyerId", IssueCode.missingField, "is missing; expected the buyer id");
    const started = instantField(pass, "consultations", i, "consultationId", id, c["startedAt"], "startedAt", 0, true);
    const ended = instantField(pass, "consultations", i, "consultationId", id, c["endedAt"], "endedAt", 1, true);
    const replied = instantField(pass, "consultations", i, "consultationId", id, c["firstReplyAt"], "firstReplyAt", 2, false);
    if (replied === replied) {
      if (replied < started) issue(pass, "consultations", i, "consultationId", id, "firstReplyAt", IssueCode.replyBeforeStart, `${String(c["firstReplyAt"])} is before the consultation started (${String(c["startedAt"])})`);
      else if (ended < replied) issue(pass, "consultations", i, "consultationId", id, "endedAt", IssueCode.endBeforeReply, `${String(c["endedAt"])} is before the first reply (${String(c["firstReplyAt"])})`);
    } else if (ended < started) {
      issue(pass, "consultations", i, "consultationId", id, "endedAt", IssueCode.endBeforeStart, `${String(c["endedAt"])} is before the consultation started (${String(c["startedAt"])})`);
    }
    const bm = countField(pass, i, id, c["buyerMessages"], "buyerMessages");
    const am = countField(pass, i, id, c["agentMessages"], "agentMessages");
    const rc = countField(pass, i, id, c["responseCount"], "responseCount");
    const rs = countField(pass, i, id, c["responseSeconds"], "responseSeconds");
    const mx = countField(pass, i, id, c["maxResponseSeconds"], "maxResponseSeconds");
    if ((rc === -1) !== (rs === -1) && rc !== -2 && rs !== -2) {
      const missing = rc === -1 ? "responseCount" : "responseSeconds";
      issue(pass, "consultations", i, "consultationId", id, missing, IssueCode.missingField, `is missing; expected it beside ${missing === "responseCount" ? "responseSeconds" : "responseCount"} (the two go together)`);
    } else if (mx >= 0 && rs >= 0 && mx > rs) {
      issue(pass, "consultations", i, "consultationId", id, "maxResponseSeconds", IssueCode.invalidValue, `${mx} is more than the sum of the response intervals (responseSeconds ${rs})`);
    } else if (rc === 0 && rs > 0) {
      issue(pass, "consultations", i, "consultationId", id, "responseSeconds", IssueCode.invalidValue, `${rs} seconds over 0 responses`);
    }
    if (slot === null || !isText(buyer) || !(started >= pass.start && started < pass.end) || ended !== ended) continue;
    const a = slot.counters;
    const agentNo = slot.no;
    a.consultations++;
    const answered = replied === replied;
    let slow = false;
    if (answered) {
      const wait = replied - started;
      a.repliedConsultations++;
      a.firstResponseMs += wait;
      if (wait <= quickMs) a.quickResponses++;
      slow = wait > slowMs;
    }
    if (ended - started > longMs) a.longReceptions++;
    if (bm >= 0 && am >= 0) {
      a.messageConsultations++;
      a.buyerMessages += bm;
      a.agentMessages += am;
    }
    if (rc >= 0 && rs >= 0) {
      a.responseConsultations++;
      a.responseCount += rc;
      a.responseSeconds += rs;
    }
    const row = next[buyerNo[i]!]!++;
    pairs.firstStart[row] = started;
    pairs.firstDay[row] = businessDayNumber(started, pass.zone, pass.cutover);
    pairs.agent[row] = agentNo;
    pairs.flags[row] = (answered ? REPLIED : 0) | (slow ? SLOW : 0);
  }
  formPairs(pairs, start, next, pass.state.agentIds.length);
}

/**
 * Folds the consultations of each buyer into one pair per agent, in place: rows start[b] … next[b]
 * hold buyer b's consultations (first start, its business day, agent, flags), and pair p is written
 * to row p ≤ the rows read so far. An answered consultation's day is its start's business day.
 */
function formPairs(pairs: PairColumns, start: Int32Array, next: Int32Array, agents: number): void {
  const lastBuyer = new Int32Array(agents).fill(-1);
  const pairOf = new Int32Array(agents);
  let count = 0;
  for (let b = 0; b < next.length; b++) {
    for (let row = start[b]!; row < next[b]!; row++) {
      const agent = pairs.agent[row]!;
      const started = pairs.firstStart[row]!;
      const day = pairs.firstDay[row]!;
      const flags = pairs.flags[row]!;
      const answeredDay = (flags & REPLIED) !== 0 ? day : NO_DAY;
      if (lastBuyer[agent] === b) {
        pairs.fold(pairOf[agent]!, started, day, flags, answeredDay);
        continue;
      }
      lastBuyer[agent] = b;
      pairOf[agent] = count;
      pairs.set(count++, b, agent, started, day, flags, answeredDay);
    }
  }
  pairs.count = count;
}

function readOrders(orders: KpiInput["orders"] & {}, pass: Pass): void {
  const repeats = repeatedIds(orders.length, (r) => orders[r]?.orderId);
  const buyerNo = buyerNumbers(orders, pass);
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i] as unknown as Record<string, unknown> | null;
    if (typeof o !== "object" || o === null) {
      pass.issues.add({ code: IssueCode.invalidType, path: ["orders", i], message: "is not an order record" });
      continue;
    }
    const id = o["orderId"];
    if (!isText(id)) issue(pass, "orders", i, null, id, "orderId", IssueCode.missingField, "is missing; expected the order id");
    if (repeats.size > 0 && repeats.has(i)) duplicateIssue(pass, "orders", i, "orderId", id, repeats.get(i)!);
    const buyer = o["buyerId"];
    if (buyer !== null && !isText(buyer)) issue(pass, "orders", i, "orderId", id, "buyerId", IssueCode.missingField, "is missing; expected the buyer id (or null when the export has none)");
    const created = instantField(pass, "orders", i, "orderId", id, o["createdAt"], "createdAt", 0, true);
    const paid = instantField(pass, "orders", i, "orderId", id, o["paidAt"], "paidAt", 1, false);
    if (paid === paid && created === created && paid < created) {
      issue(pass, "orders", i, "orderId", id, "paidAt", IssueCode.paidBeforeCreated, `${String(o["paidAt"])} is before createdAt ${String(o["createdAt"])}`);
    }
    const amount = parseFen(o["amount"]);
    if (amount < 0) issue(pass, "orders", i, "orderId", id, "amount", amount === FenError.negative ? IssueCode.negativeMoney : IssueCode.invalidMoney, describeFenError(amount, o["amount"]));
    if (!isText(id) || amount < 0 || created !== created) continue;
    const createdIn = inPeriod(pass, created);
    const paidIn = paid === paid && inPeriod(pass, paid);
    if (!createdIn && !paidIn) continue;
    const b = buyerNo[i]!;
    pass.orderRow[i] = pass.state.orders.add(
      id,
      b,
      createdIn ? created : NaN,
      paidIn ? paid : NaN,
      paidIn ? businessDayNumber(paid, pass.zone, pass.cutover) : 0,
      amount,
      pass.state.given.credits ? NOBODY : NO_CREDITS,
    );
  }
}

// Credits are usually parallel to the orders (as attribution returns them): then the order is
// found by position; otherwise by id.
function readCredits(credits: KpiInput["credits"] & {}, orders: readonly { readonly orderId: string }[], pass: Pass): void {
  let byId: Map<unknown, number> | null = null;
  credits.forEach((c, i) => {
    const id = c?.orderId;
    let at = orders[i]?.orderId === id ? i : -1;
    if (at < 0 && isText(id)) {
      byId ??= new Map(orders.map((o, k) => [o?.orderId, k]));
      at = byId.get(id) ?? -1;
    }
    if (!isText(id) || at < 0) {
      pass.issues.add({ code: IssueCode.invalidValue, path: ["credits", i, "orderId"], message: `${JSON.stringify(id)} is not an order of the input` });
      return;
    }
    const agentId = c.agentId;
    if (agentId !== null && !agentField(pass, "credits", i, "orderId", id, agentId)) return;
    const row = pass.orderRow[at]!;
    if (row >= 0) pass.state.orders.credited[row] = agentId === null ? NOBODY : agentNumber(pass, agentId);
  });
}

/** Validates the records of a small kind (its fast check, else its zod schema), then hands each valid one on. */
function eachValid<T>(
  pass: Pass,
  kind: string,
  records: readonly unknown[],
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { code: string; path: readonly PropertyKey[]; message: string; keys?: readonly string[] }[] } } },
  idName: string | null,
  fast: (r: unknown) => boolean,
  visit: (record: T, i: number) => void,
): void {
  const seen = idName === null ? null : idTable(records, idName);
  records.forEach((r, i) => {
    const id = idName !== null && typeof r === "object" && r !== null ? (r as Record<string, unknown>)[idName] : undefined;
    if (seen !== null && idName !== null) duplicateCheck(pass, kind, seen, i, idName, id);
    // The fast check passes the record itself (valid and unchanged by the schema); zod the rest.
    const parsed = fast(r) ? { success: true as const, data: r as T } : schema.safeParse(r);
    if (!parsed.success) {
      for (const zi of parsed.error.issues) {
        const field = zi.path.map((p) => (typeof p === "symbol" ? String(p) : p));
        const value = typeof field[0] === "string" && typeof r === "object" && r !== null ? (r as Record<string, unknown>)[field[0]] : undefined;
        const message =
          zi.code === "unrecognized_keys" ? `unknown field ${(zi.keys ?? []).map((k) => `"${k}"`).join(", ")}` :
          value === undefined && field.length > 0 && zi.code === "invalid_type" ? "is missing" :
          value === undefined || (typeof value === "string" && zi.message.includes(value)) ? zi.message : `${quoteValue(value)}: ${zi.message}`;
        const base: Issue = { code: zi.code === "invalid_type" ? IssueCode.invalidType : IssueCode.invalidValue, path: [kind, i, ...(field as (string | number)[])], message };
        pass.issues.add(idName !== null && isText(id) ? { ...base, recordId: `${idName} "${id}"` } : base);
      }
      return;
    }
    const agentId = (parsed.data as { agentId: string }).agentId;
    if (pass.roster && !pass.roster.has(agentId)) {
      issue(pass, kind, i, idName, id, "agentId", IssueCode.unknownAgent, `"${agentId}" is not an agent of the roster`);
      return;
    }
    visit(parsed.data, i);
  });
}

/** Reads the instants of a valid record in the shop zone; reports those before `after`. */
function ordered(pass: Pass, kind: string, i: number, idName: string | null, id: unknown, record: Record<string, unknown>, first: string, later: readonly string[]): number[] | null {
  const base = instantField(pass, kind, i, idName, id, record[first], first, 0, true);
  const out = [base];
  let ok = base === base;
  later.forEach((field, k) => {
    const t = instantField(pass, kind, i, idName, id, record[field], field, 1 + k, false);
    if (t === t && base === base && t < base) {
      issue(pass, kind, i, idName, id, field, IssueCode.invalidValue, `${String(record[field])} is before ${first} ${String(record[first])}`);
      ok = false;
    }
    out.push(t);
  });
  return ok ? out : null;
}

function readTickets(records: readonly unknown[], pass: Pass): void {
  const slaMs = pass.policy.kpi.thresholds.ticketReplyMinutes * 60_000;
  eachValid(pass, "tickets", records, TicketSchema, "ticketId", fastTicket, (t, i) => {
    const times = ordered(pass, "tickets", i, "ticketId", t.ticketId, t, "createdAt", ["firstReplyAt", "closedAt"]);
    if (!times || !inPeriod(pass, times[0]!)) return;
    const [created, replied] = times as [number, number];
    const a = counters(pass, t.agentId);
    a.tickets++;
    if (replied === replied) {
      a.repliedTickets++;
      if (replied - created <= slaMs) a.timelyTickets++;
    }
    if (t.closedOnFirstReply === true) a.firstContactTickets++;
  });
}

function readAfterSales(records: readonly unknown[], pass: Pass): void {
  const satisfied = pass.policy.kpi.thresholds.satisfiedAtLeast;
  eachValid(pass, "afterSales", records, AfterSaleSchema, "afterSaleId", fastAfterSale, (s, i) => {
    const times = ordered(pass, "afterSales", i, "afterSaleId", s.afterSaleId, s, "appliedAt", ["reviewedAt", "goodsReceivedAt", "refundedAt"]);
    const refunded = !isAbsent(s.refundedAt);
    if (refunded && isAbsent(s.refundAmount)) {
      issue(pass, "afterSales", i, "afterSaleId", s.afterSaleId, "refundAmount", IssueCode.missingField, "is missing; expected the amount refunded at refundedAt");
      return;
    }
    if (!times) return;
    const [applied, reviewed, , refundedAt] = times as [number, number, number, number];
    const a = counters(pass, s.agentId);
    if (inPeriod(pass, applied)) {
      a.afterSales++;
      if (reviewed === reviewed) {
        a.reviewedAfterSales++;
        a.afterSaleReviewMs += reviewed - applied;
      }
      if (typeof s.satisfaction === "number") {
        a.ratings++;
        if (s.satisfaction >= satisfied) a.satisfiedRatings++;
      }
    }
    if (refunded && inPeriod(pass, refundedAt)) {
      a.refunds++;
      a.refundedFen += parseFen(s.refundAmount);
    }
  });
}

function readReviews(records: readonly unknown[], pass: Pass): void {
  eachValid(pass, "reviews", records, ServiceReviewSchema, "reviewId", fastReview, (r, i) => {
    const at = instantField(pass, "reviews", i, "reviewId", r.reviewId, r["at"], "at", 0, true);
    if (!inPeriod(pass, at)) return;
    const a = counters(pass, r.agentId);
    a.reviews++;
    if (r.rating === "good") a.goodReviews++;
  });
}

function readQc(records: readonly unknown[], pass: Pass): void {
  eachValid(pass, "qc", records, QcInspectionSchema, "conversationId", fastQc, (q, i) => {
    const at = instantField(pass, "qc", i, "conversationId", q.conversationId, q["at"], "at", 0, true);
    if (!inPeriod(pass, at)) return;
    const a = counters(pass, q.agentId);
    a.qcInspections++;
    a.qcHundredths += Math.round(q.score * 100);
  });
}

function readCalls(records: readonly unknown[], pass: Pass): void {
  eachValid(pass, "calls", records, PhoneCallSchema, "callId", fastCall, (c, i) => {
    const at = instantField(pass, "calls", i, "callId", c.callId, c["at"], "at", 0, true);
    if (!inPeriod(pass, at)) return;
    const a = counters(pass, c.agentId);
    a.calls++;
    if (c.answered) a.answeredCalls++;
  });
}

/**
 * Merges two states of disjoint record sets (e.g. two days, or two shards) into a new state; the
 * inputs are left unchanged.
 *
 * @throws {KefuKpiError} when either is not a state of {@link collectKpiState}, or the states were
 *   collected with different thresholds, zone or cut-over
 */
export function mergeKpiStates(a: KpiState, b: KpiState): KpiState {
  checkKpiState(a, "a");
  checkKpiState(b, "b");
  if (a.settings !== b.settings) {
    throw new KefuKpiError([{ code: IssueCode.invalidValue, path: ["b", "settings"], message: "the KPI states were collected with different thresholds, zone or business-day cut-over; only equal settings merge" }]);
  }
  const given = Object.fromEntries(KPI_KINDS.map((k) => [k, a.given[k] || b.given[k]])) as Record<KpiKind, boolean>;
  const agents = new Map<string, AgentCounters>();
  for (const source of [a.agents, b.agents]) {
    for (const [id, c] of source) {
      const into = agents.get(id);
      if (!into) agents.set(id, { ...c });
      else for (const k of Object.keys(c) as (keyof AgentCounters)[]) into[k] += c[k];
    }
  }
  const agentIds: string[] = [];
  const agentIndex = new Map<string, number>();
  const agentOf = (id: string): number => {
    let n = agentIndex.get(id);
    if (n === undefined) agentIndex.set(id, (n = agentIds.push(id) - 1));
    return n;
  };
  const buyerKeys: string[] = [];
  const buyerIndex = new Map<string, number>();
  const buyerOf = (key: string): number => {
    let n = buyerIndex.get(key);
    if (n === undefined) buyerIndex.set(key, (n = buyerKeys.push(key) - 1));
    return n;
  };
  const pairs = new PairColumns(a.pairs.count + b.pairs.count);
  const pairAt = new Map<number, number>(); // buyer × 2^20 + agent → row
  const orders = new OrderColumns(a.orders.count + b.orders.count);
  const orderAt = new Map<string, number>();
  for (const s of [a, b]) {
    const p = s.pairs;
    for (let i = 0; i < p.count; i++) {
      const buyer = buyerOf(s.buyerKeys[p.buyer[i]!]!);
      const agent = agentOf(s.agentIds[p.agent[i]!]!);
      const key = buyer * 1_048_576 + agent;
      const days = p.days(i);
      const row = pairAt.get(key);
      if (row === undefined) {
        const added = pairs.add(buyer, agent, p.firstStart[i]!, p.firstDay[i]!, p.flags[i]!, days[0] ?? NO_DAY);
        for (const d of days.slice(1)) pairs.addDay(added, d);
        pairAt.set(key, added);
      } else {
        pairs.fold(row, p.firstStart[i]!, p.firstDay[i]!, p.flags[i]!, NO_DAY);
        for (const d of days) pairs.addDay(row, d);
      }
    }
    const o = s.orders;
    for (let i = 0; i < o.count; i++) {
      const id = o.id[i]!;
      const credited = o.credited[i]! >= 0 ? agentOf(s.agentIds[o.credited[i]!]!) : o.credited[i]!;
      const row = orderAt.get(id);
      if (row === undefined) {
        const buyer = o.buyer[i]! >= 0 ? buyerOf(s.buyerKeys[o.buyer[i]!]!) : -1;
        orderAt.set(id, orders.add(id, buyer, o.createdAt[i]!, o.paidAt[i]!, o.paidDay[i]!, o.amountFen[i]!, credited));
        continue;
      }
      // The same order in two states (placed in one period, paid in another): the instants present.
      if (Number.isNaN(orders.createdAt[row]!)) orders.createdAt[row] = o.createdAt[i]!;
      if (Number.isNaN(orders.paidAt[row]!)) {
        orders.paidAt[row] = o.paidAt[i]!;
        orders.paidDay[row] = o.paidDay[i]!;
      }
      if (orders.credited[row]! < 0 && credited !== NO_CREDITS) orders.credited[row] = credited;
    }
  }
  return { settings: a.settings, given, agents, agentIds, buyerKeys, pairs, orders };
}

/**
 * Checks that `value` is a state made by `collectKpiState` or {@link mergeKpiStates} (a state
 * stored as JSON is data to compare, not a state to merge).
 *
 * @throws {KefuKpiError} at `name` when it is not
 */
export function checkKpiState(value: unknown, name: string): asserts value is KpiState {
  const s = value as Partial<KpiState> | null;
  const ok =
    typeof s === "object" && s !== null && typeof s.settings === "string" && typeof s.given === "object" && s.given !== null &&
    s.agents instanceof Map && Array.isArray(s.agentIds) && Array.isArray(s.buyerKeys) && s.pairs instanceof PairColumns && s.orders instanceof OrderColumns &&
    KPI_KINDS.every((k) => typeof s.given![k] === "boolean") && s.agentIds.every((id) => typeof id === "string") && s.buyerKeys.every((key) => typeof key === "string");
  if (!ok) throw new KefuKpiError([{ code: IssueCode.invalidType, path: [name], message: "expected a KPI state made by collectKpiState or mergeKpiStates" }]);
}

/**
 * The state as plain, canonically ordered JSON data (agents, buyers and orders sorted by key), to
 * store it between runs or compare two states.
 */
export function kpiStateToJSON(state: KpiState): unknown {
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const { pairs, orders, agentIds, buyerKeys } = state;
  const buyers = new Map<string, { served: unknown[]; orders: unknown[] }>();
  const entry = (key: string) => {
    let e = buyers.get(key);
    if (!e) buyers.set(key, (e = { served: [], orders: [] }));
    return e;
  };
  for (let p = 0; p < pairs.count; p++) {
    const flags = pairs.flags[p]!;
    entry(buyerKeys[pairs.buyer[p]!]!).served.push({
      agentId: agentIds[pairs.agent[p]!]!,
      firstStart: pairs.firstStart[p]!,
      firstDay: pairs.firstDay[p]!,
      replied: (flags & REPLIED) !== 0,
      slow: (flags & SLOW) !== 0,
      days: pairs.days(p),
    });
  }
  const unlinked: unknown[] = [];
  for (let o = 0; o < orders.count; o++) {
    const paid = orders.paidAt[o]!;
    const created = orders.createdAt[o]!;
    const c = orders.credited[o]!;
    const row = {
      orderId: orders.id[o]!,
      createdAt: Number.isNaN(created) ? null : created,
      paidAt: Number.isNaN(paid) ? null : paid,
      paidDay: Number.isNaN(paid) ? null : orders.paidDay[o]!,
      amountFen: orders.amountFen[o]!,
      credited: c >= 0 ? agentIds[c]! : c === NOBODY ? null : "(no credits)",
    };
    if (orders.buyer[o]! < 0) unlinked.push(row);
    else entry(buyerKeys[orders.buyer[o]!]!).orders.push(row);
  }
  const sortBy = (k: string) => (x: unknown, y: unknown) => byText((x as Record<string, string>)[k]!, (y as Record<string, string>)[k]!);
  return {
    settings: state.settings,
    given: state.given,
    agents: [...state.agents.entries()].sort(([x], [y]) => byText(x, y)),
    buyers: [...buyers.entries()].sort(([x], [y]) => byText(x, y)).map(([key, e]) => [key, { served: e.served.sort(sortBy("agentId")), orders: e.orders.sort(sortBy("orderId")) }]),
    unlinkedOrders: unlinked.sort(sortBy("orderId")),
  };
}
