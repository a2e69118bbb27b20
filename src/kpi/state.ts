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
import { IssueCode, IssueList, type Issue } from "../errors.js";
import { FenError, describeFenError, parseFen } from "../money/fen.js";
import type { Policy } from "../policy/schema.js";
import { describeInstantError, scanInstant } from "../time/parse.js";
import { businessDayNumber, type Period } from "../time/period.js";
import type { Zone } from "../time/zone.js";
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

/** One agent and one buyer in the period (held in the buyer's {@link BuyerRecord}). */
export interface BuyerState {
  readonly agentId: string;
  /** Start (epoch ms) of the first consultation in the period, and its business day. */
  firstStart: number;
  firstDay: number;
  /** Any consultation was answered. */
  replied: boolean;
  /** Any first response was slower than `thresholds.slowResponseSeconds`. */
  slow: boolean;
  /** Business days (day numbers) with an answered consultation (the buyer was served), ascending. */
  days: number[];
}

/** An order placed or paid in the period (the instants outside it are left out: `null`). */
export interface OrderState {
  readonly orderId: string;
  createdAt: number | null;
  paidAt: number | null;
  /** Business day of `paidAt`. */
  paidDay: number | null;
  readonly amountFen: number;
  /** The agent credited by R1 attribution (given as data), or null; undefined without credits. */
  credited: string | null | undefined;
}

/** Everything the period holds about one buyer: the agents who served them and their orders. */
export interface BuyerRecord {
  readonly served: BuyerState[];
  readonly orders: OrderState[];
}

/** The mergeable state of a period. */
export interface KpiState {
  /** Thresholds, zone and cut-over the state was collected with: only equal settings merge. */
  readonly settings: string;
  /** Which kinds of input were given (a missing kind makes its metrics `null`, not 0). */
  readonly given: Record<KpiKind, boolean>;
  readonly agents: Map<string, AgentCounters>;
  /** By buyer key (the buyer id, or shop + buyer id when a shopId is given). */
  readonly buyers: Map<string, BuyerRecord>;
  /** Orders without a buyer id (an export that cannot link orders to chats). */
  readonly unlinkedOrders: OrderState[];
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
  /** The state of `orders[i]` (when it falls in the period), for the credits. */
  readonly orderAt: (OrderState | undefined)[];
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
    buyers: new Map(),
    unlinkedOrders: [],
  };
  const pass: Pass = { zone, cutover, start: period.start, end: period.end, issues, roster, state, policy, times: new Float64Array(4), orderAt: [] };
  if (roster) for (const id of roster) state.agents.set(id, emptyCounters());
  if (input.consultations) readConsultations(input.consultations, pass);
  const orderIds = input.orders ? readOrders(input.orders, pass) : new Set<string>();
  if (input.credits) readCredits(input.credits, input.orders ?? [], orderIds, pass);
  if (input.tickets) readTickets(input.tickets, pass);
  if (input.afterSales) readAfterSales(input.afterSales, pass);
  if (input.reviews) readReviews(input.reviews, pass);
  if (input.qc) readQc(input.qc, pass);
  if (input.calls) readCalls(input.calls, pass);
  issues.throwIfAny();
  return state;
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
function instantField(pass: Pass, kind: string, i: number, idName: string | null, id: unknown, record: Record<string, unknown>, field: string, slot: number, required: boolean): number {
  const v = record[field];
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

// A Set, not a Map of first positions: the position is looked up only for a duplicate (error path).
function duplicateCheck(pass: Pass, kind: string, seen: Set<string>, records: readonly unknown[], i: number, idName: string, id: unknown): void {
  if (!isText(id)) return;
  const size = seen.size;
  seen.add(id);
  if (seen.size !== size) return;
  const first = records.findIndex((r) => typeof r === "object" && r !== null && (r as Record<string, unknown>)[idName] === id);
  issue(pass, kind, i, idName, id, idName, IssueCode.duplicateId, `"${id}" appears more than once (first at ${kind}[${first}]); each must be listed once`);
}

const inPeriod = (pass: Pass, t: number): boolean => t >= pass.start && t < pass.end;

function countField(pass: Pass, i: number, id: unknown, c: Record<string, unknown>, field: string): number {
  const v = c[field];
  if (v === undefined || v === null || v === "") return -1;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    issue(pass, "consultations", i, "consultationId", id, field, IssueCode.invalidValue, `${JSON.stringify(v)} is not a whole number ≥ 0`);
    return -2;
  }
  return v;
}

function readConsultations(consultations: KpiInput["consultations"] & {}, pass: Pass): void {
  const t = pass.policy.kpi.thresholds;
  const slowMs = t.slowResponseSeconds * 1000;
  const quickMs = t.quickResponseSeconds * 1000;
  const longMs = t.longReceptionMinutes * 60_000;
  const seen = new Set<string>();
  const { buyers } = pass.state;
  let lastAgent = "";
  let a = emptyCounters();
  for (let i = 0; i < consultations.length; i++) {
    const c = consultations[i] as unknown as Record<string, unknown> | null;
    if (typeof c !== "object" || c === null) {
      pass.issues.add({ code: IssueCode.invalidType, path: ["consultations", i], message: "is not a consultation record" });
      continue;
    }
    const id = c["consultationId"];
    if (!isText(id)) issue(pass, "consultations", i, null, id, "consultationId", IssueCode.missingField, "is missing; expected the consultation id");
    duplicateCheck(pass, "consultations", seen, consultations, i, "consultationId", id);
    const okAgent = agentField(pass, "consultations", i, "consultationId", id, c["agentId"]);
    const buyer = c["buyerId"];
    if (!isText(buyer)) issue(pass, "consultations", i, "consultationId", id, "buyerId", IssueCode.missingField, "is missing; expected the buyer id");
    const started = instantField(pass, "consultations", i, "consultationId", id, c, "startedAt", 0, true);
    const ended = instantField(pass, "consultations", i, "consultationId", id, c, "endedAt", 1, true);
    const replied = instantField(pass, "consultations", i, "consultationId", id, c, "firstReplyAt", 2, false);
    if (replied === replied) {
      if (replied < started) issue(pass, "consultations", i, "consultationId", id, "firstReplyAt", IssueCode.replyBeforeStart, `${String(c["firstReplyAt"])} is before the consultation started (${String(c["startedAt"])})`);
      else if (ended < replied) issue(pass, "consultations", i, "consultationId", id, "endedAt", IssueCode.endBeforeReply, `${String(c["endedAt"])} is before the first reply (${String(c["firstReplyAt"])})`);
    } else if (ended < started) {
      issue(pass, "consultations", i, "consultationId", id, "endedAt", IssueCode.endBeforeStart, `${String(c["endedAt"])} is before the consultation started (${String(c["startedAt"])})`);
    }
    const bm = countField(pass, i, id, c, "buyerMessages");
    const am = countField(pass, i, id, c, "agentMessages");
    const rc = countField(pass, i, id, c, "responseCount");
    const rs = countField(pass, i, id, c, "responseSeconds");
    const mx = countField(pass, i, id, c, "maxResponseSeconds");
    if ((rc === -1) !== (rs === -1) && rc !== -2 && rs !== -2) {
      const missing = rc === -1 ? "responseCount" : "responseSeconds";
      issue(pass, "consultations", i, "consultationId", id, missing, IssueCode.missingField, `is missing; expected it beside ${missing === "responseCount" ? "responseSeconds" : "responseCount"} (the two go together)`);
    } else if (mx >= 0 && rs >= 0 && mx > rs) {
      issue(pass, "consultations", i, "consultationId", id, "maxResponseSeconds", IssueCode.invalidValue, `${mx} is more than the sum of the response intervals (responseSeconds ${rs})`);
    } else if (rc === 0 && rs > 0) {
      issue(pass, "consultations", i, "consultationId", id, "responseSeconds", IssueCode.invalidValue, `${rs} seconds over 0 responses`);
    }
    if (!okAgent || !isText(buyer) || !(started >= pass.start && started < pass.end) || ended !== ended) continue;
    const agentId = c["agentId"] as string;
    if (agentId !== lastAgent) {
      lastAgent = agentId;
      a = counters(pass, agentId);
    }
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
    const buyerKey = isText(c["shopId"]) ? `${c["shopId"]}${SEP}${buyer}` : buyer;
    const day = businessDayNumber(started, pass.zone, pass.cutover);
    const record = recordOf(buyers, buyerKey);
    const b = servedBy(record, agentId);
    if (b === undefined) {
      record.served.push({ agentId, firstStart: started, firstDay: day, replied: answered, slow, days: answered ? [day] : [] });
    } else {
      if (started < b.firstStart) {
        b.firstStart = started;
        b.firstDay = day;
      }
      b.replied ||= answered;
      b.slow ||= slow;
      if (answered) addDay(b.days, day);
    }
  }
}

function recordOf(buyers: Map<string, BuyerRecord>, key: string): BuyerRecord {
  let r = buyers.get(key);
  if (r === undefined) buyers.set(key, (r = { served: [], orders: [] }));
  return r;
}

function servedBy(record: BuyerRecord, agentId: string): BuyerState | undefined {
  for (const b of record.served) if (b.agentId === agentId) return b;
  return undefined;
}

function addDay(days: number[], day: number): void {
  let at = days.length;
  while (at > 0 && days[at - 1]! > day) at--;
  if (at > 0 && days[at - 1] === day) return;
  days.splice(at, 0, day);
}

function readOrders(orders: KpiInput["orders"] & {}, pass: Pass): Set<string> {
  const seen = new Set<string>();
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i] as unknown as Record<string, unknown> | null;
    if (typeof o !== "object" || o === null) {
      pass.issues.add({ code: IssueCode.invalidType, path: ["orders", i], message: "is not an order record" });
      continue;
    }
    const id = o["orderId"];
    if (!isText(id)) issue(pass, "orders", i, null, id, "orderId", IssueCode.missingField, "is missing; expected the order id");
    duplicateCheck(pass, "orders", seen, orders, i, "orderId", id);
    const buyer = o["buyerId"];
    if (buyer !== null && !isText(buyer)) issue(pass, "orders", i, "orderId", id, "buyerId", IssueCode.missingField, "is missing; expected the buyer id (or null when the export has none)");
    const created = instantField(pass, "orders", i, "orderId", id, o, "createdAt", 0, true);
    const paid = instantField(pass, "orders", i, "orderId", id, o, "paidAt", 1, false);
    if (paid === paid && created === created && paid < created) {
      issue(pass, "orders", i, "orderId", id, "paidAt", IssueCode.paidBeforeCreated, `${String(o["paidAt"])} is before createdAt ${String(o["createdAt"])}`);
    }
    const amount = parseFen(o["amount"]);
    if (amount < 0) issue(pass, "orders", i, "orderId", id, "amount", amount === FenError.negative ? IssueCode.negativeMoney : IssueCode.invalidMoney, describeFenError(amount, o["amount"]));
    if (!isText(id) || amount < 0 || created !== created) continue;
    const createdIn = inPeriod(pass, created);
    const paidIn = paid === paid && inPeriod(pass, paid);
    if (!createdIn && !paidIn) continue;
    const buyerKey = isText(buyer) ? (isText(o["shopId"]) ? `${o["shopId"]}${SEP}${buyer}` : buyer) : null;
    const state: OrderState = {
      orderId: id,
      createdAt: createdIn ? created : null,
      paidAt: paidIn ? paid : null,
      paidDay: paidIn ? businessDayNumber(paid, pass.zone, pass.cutover) : null,
      amountFen: amount,
      credited: pass.state.given.credits ? null : undefined,
    };
    pass.orderAt[i] = state;
    if (buyerKey === null) pass.state.unlinkedOrders.push(state);
    else recordOf(pass.state.buyers, buyerKey).orders.push(state);
  }
  return seen;
}

// Credits are usually parallel to the orders (as attribution returns them): then the order is
// found by position; otherwise by id.
function readCredits(credits: KpiInput["credits"] & {}, orders: readonly { readonly orderId: string }[], orderIds: ReadonlySet<string>, pass: Pass): void {
  let byId: Map<string, OrderState> | null = null;
  credits.forEach((c, i) => {
    const id = c?.orderId;
    const parallel = orders[i]?.orderId === id;
    if (!isText(id) || (!parallel && !orderIds.has(id))) {
      pass.issues.add({ code: IssueCode.invalidValue, path: ["credits", i, "orderId"], message: `${JSON.stringify(id)} is not an order of the input` });
      return;
    }
    const agentId = c.agentId;
    if (agentId !== null && !agentField(pass, "credits", i, "orderId", id, agentId)) return;
    let o: OrderState | undefined;
    if (parallel) o = pass.orderAt[i];
    else {
      if (byId === null) {
        byId = new Map();
        for (const s of pass.orderAt) if (s !== undefined) byId.set(s.orderId, s);
      }
      o = byId.get(id);
    }
    if (o) o.credited = agentId;
  });
}

/** Validates the records of a small kind with its zod schema, then hands each valid one on. */
function eachValid<T>(
  pass: Pass,
  kind: string,
  records: readonly unknown[],
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { code: string; path: readonly PropertyKey[]; message: string; keys?: readonly string[] }[] } } },
  idName: string | null,
  visit: (record: T, i: number) => void,
): void {
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const id = idName !== null && typeof r === "object" && r !== null ? (r as Record<string, unknown>)[idName] : undefined;
    if (idName !== null) duplicateCheck(pass, kind, seen, records, i, idName, id);
    const parsed = schema.safeParse(r);
    if (!parsed.success) {
      for (const zi of parsed.error.issues) {
        const field = zi.path.map((p) => (typeof p === "symbol" ? String(p) : p));
        const value = typeof field[0] === "string" && typeof r === "object" && r !== null ? (r as Record<string, unknown>)[field[0]] : undefined;
        const message =
          zi.code === "unrecognized_keys" ? `unknown field ${(zi.keys ?? []).map((k) => `"${k}"`).join(", ")}` :
          value === undefined && field.length > 0 && zi.code === "invalid_type" ? "is missing" :
          value === undefined || zi.message.includes(String(value)) ? zi.message : `${JSON.stringify(value)}: ${zi.message}`;
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
  const base = instantField(pass, kind, i, idName, id, record, first, 0, true);
  const out = [base];
  let ok = base === base;
  later.forEach((field, k) => {
    const t = instantField(pass, kind, i, idName, id, record, field, 1 + k, false);
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
  eachValid(pass, "tickets", records, TicketSchema, "ticketId", (t, i) => {
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
  eachValid(pass, "afterSales", records, AfterSaleSchema, "afterSaleId", (s, i) => {
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
  eachValid(pass, "reviews", records, ServiceReviewSchema, "reviewId", (r, i) => {
    const at = instantField(pass, "reviews", i, "reviewId", r.reviewId, r, "at", 0, true);
    if (!inPeriod(pass, at)) return;
    const a = counters(pass, r.agentId);
    a.reviews++;
    if (r.rating === "good") a.goodReviews++;
  });
}

function readQc(records: readonly unknown[], pass: Pass): void {
  eachValid(pass, "qc", records, QcInspectionSchema, "conversationId", (q, i) => {
    const at = instantField(pass, "qc", i, "conversationId", q.conversationId, q, "at", 0, true);
    if (!inPeriod(pass, at)) return;
    const a = counters(pass, q.agentId);
    a.qcInspections++;
    a.qcHundredths += Math.round(q.score * 100);
  });
}

function readCalls(records: readonly unknown[], pass: Pass): void {
  eachValid(pass, "calls", records, PhoneCallSchema, "callId", (c, i) => {
    const at = instantField(pass, "calls", i, "callId", c.callId, c, "at", 0, true);
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
 * @throws {RangeError} when the states were collected with different thresholds, zone or cut-over
 */
export function mergeKpiStates(a: KpiState, b: KpiState): KpiState {
  if (a.settings !== b.settings) {
    throw new RangeError("the KPI states were collected with different thresholds, zone or business-day cut-over; only equal settings merge");
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
  const buyers = new Map<string, BuyerRecord>();
  for (const [key, r] of [...a.buyers, ...b.buyers]) {
    const into = buyers.get(key);
    if (into === undefined) {
      buyers.set(key, { served: r.served.map((x) => ({ ...x, days: x.days.slice() })), orders: r.orders.map((o) => ({ ...o })) });
      continue;
    }
    for (const x of r.served) {
      const y = servedBy(into, x.agentId);
      if (y === undefined) into.served.push({ ...x, days: x.days.slice() });
      else {
        if (x.firstStart < y.firstStart) {
          y.firstStart = x.firstStart;
          y.firstDay = x.firstDay;
        }
        y.replied ||= x.replied;
        y.slow ||= x.slow;
        for (const d of x.days) addDay(y.days, d);
      }
    }
    mergeOrders(into.orders, r.orders);
  }
  const unlinkedOrders = a.unlinkedOrders.map((o) => ({ ...o }));
  mergeOrders(unlinkedOrders, b.unlinkedOrders);
  return { settings: a.settings, given, agents, buyers, unlinkedOrders };
}

// The same order from two states (placed in one period, paid in another): the instants present.
function mergeOrders(into: OrderState[], from: readonly OrderState[]): void {
  for (const o of from) {
    const same = into.find((x) => x.orderId === o.orderId);
    if (same === undefined) {
      into.push({ ...o });
      continue;
    }
    same.createdAt ??= o.createdAt;
    if (same.paidAt === null) {
      same.paidAt = o.paidAt;
      same.paidDay = o.paidDay;
    }
    if (same.credited === undefined || same.credited === null) same.credited = o.credited ?? same.credited;
  }
}

/**
 * The state as plain, canonically ordered JSON data (agents, buyers and orders sorted by key), to
 * store it between runs or compare two states.
 */
export function kpiStateToJSON(state: KpiState): unknown {
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const sorted = <V>(m: Map<string, V>) => [...m.entries()].sort(([x], [y]) => byText(x, y));
  const order = (o: OrderState) => ({ ...o, credited: o.credited === undefined ? "(no credits)" : o.credited });
  return {
    settings: state.settings,
    given: state.given,
    agents: sorted(state.agents),
    buyers: sorted(state.buyers).map(([key, r]) => [
      key,
      { served: [...r.served].sort((x, y) => byText(x.agentId, y.agentId)), orders: [...r.orders].sort((x, y) => byText(x.orderId, y.orderId)).map(order) },
    ]),
    unlinkedOrders: [...state.unlinkedOrders].sort((x, y) => byText(x.orderId, y.orderId)).map(order),
  };
}
