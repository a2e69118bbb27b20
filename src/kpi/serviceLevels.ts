/**
 * The service-level rules of R2 (README, KPIs) as named checks (policy `kpi.serviceLevels`): each gives
 * how many records it checked, how many complied, the compliance rate and every breach (record id,
 * agent, deadline and how late). Online hours are wall-clock times in the shop zone.
 *
 * A record is checked in the period of its first instant (a consultation's `startedAt`, a ticket's
 * `createdAt`, an after-sales request's `appliedAt`, `goodsReceivedAt` for the refund rule, a
 * complaint's `at`, an order anomaly's `raisedAt`, and for shipping and pick-up the order's
 * `paidAt`, or `createdAt` by policy). A rule whose kind is not given is listed with status `noData`. A rule with further
 * limits (`firstReply.also`, `afterSaleReview.also`) has one more check per limit, with its
 * label, after its own.
 *
 * Shipping (发货) and pick-up (揽收) check every paid order of the period against its shipment
 * (one per order, `shipments`): an order without one, or without a pick-up scan, was not shipped
 * or not picked up — unless it was refunded in full (nothing left to ship) and has no shipment.
 * They are the shop's (the warehouse's), not an agent's: their breaches name no agent.
 */
import { withLazy } from "../lazy.js";
import { safely, type SafeResult } from "../errors.js";
import { ratio } from "../money/decimal.js";
import { instantFormatter, parseTimeOfDay } from "../time/period.js";
import type { Zone } from "../time/zone.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { joinShipments, monthFor, type DecodedMonth } from "../records/month.js";
import { kpiPeriod, type KpiOptions } from "./computeKpis.js";
import { float64s, grown, int32s } from "../memory.js";
import { TextColumn } from "../records/textColumn.js";
import { sortByIntKey } from "../compare.js";
import { FLAG_COLOURS, type FlagColour } from "../policy/flags.js";

export type ServiceLevelId =
  | "firstReply"
  | "overnight"
  | "ticketReply"
  | "afterSaleReview"
  | "refundAfterReceipt"
  | "presaleWait"
  | "complaintReply"
  | "orderAnomaly"
  | "shipping"
  | "pickupScan";

export interface ServiceLevelBreach {
  /** The record's id (for shipping and pick-up the order's, for an order anomaly its order's). */
  readonly recordId: string;
  /** The agent answerable; null for shipping and pick-up (the shop's), and for an anomaly with no agent given. */
  readonly agentId: string | null;
  /** The record's first instant (arrival, creation, application, goods received). */
  readonly at: string;
  /** When the answer was due (for the wait rule: the longest allowed wait ends). */
  readonly deadline: string;
  /** Seconds past the deadline (a decimal string), or null when it never happened (unreplied, unreviewed …). */
  readonly lateSeconds: string | null;
  readonly reason: string;
}

export interface ServiceLevelCheck {
  readonly id: ServiceLevelId;
  /**
   * null for the rule's own check; the label of a further check of the same rule with its own
   * limit (policy `kpi.serviceLevels.firstReply.also`, `afterSaleReview.also`), listed after it.
   */
  readonly label: string | null;
  /** The rule in words, with the policy's numbers. */
  readonly rule: string;
  /** `ok`: checked; `noData`: nothing to check (or no such data in the inputs); `disabled` by policy. */
  readonly status: "ok" | "noData" | "disabled";
  readonly checked: number;
  readonly compliant: number;
  /** compliant / checked, 4 decimals, or null when nothing was checked. */
  readonly complianceRate: string | null;
  /** Every breach, by instant then record id. */
  readonly breaches: readonly ServiceLevelBreach[];
}

export interface ServiceLevelInput {
  readonly agents?: readonly unknown[];
  readonly consultations?: readonly unknown[];
  readonly tickets?: readonly unknown[];
  readonly afterSales?: readonly unknown[];
  readonly orders?: readonly unknown[];
  readonly shipments?: readonly unknown[];
  readonly orderAnomalies?: readonly unknown[];
  readonly complaints?: readonly unknown[];
}

/**
 * The records of one check: all are counted, only the breaches kept (a month has millions of
 * compliant ones), and those as columns: a record of the kind, its agent and three instants. The
 * breach objects of the report are made when it is read.
 */
class Tally {
  checked = 0;
  count = 0;
  /**
   * The breaching records, by index in their kind (4 bytes each: the rest is recomputed when
   * listed), sized for every record of the kind: shared memory takes room only where written.
   */
  record: Int32Array;

  /**
   * @param ids - the record ids of the kind checked
   * @param what - what was due (`first reply`, `review` …)
   * @param facts - a breaching record's agent number (-1: none), first instant, deadline and when it happened (NaN: never), recomputed from the columns when listed
   * @param strict - the deadline itself is a breach (a wait of exactly the limit is "≥ 2 min")
   */
  constructor(
    readonly ids: TextColumn | null,
    readonly what: string,
    readonly facts: (i: number) => readonly [agent: number, at: number, deadline: number, done: number],
    readonly strict = false,
  ) {
    this.record = int32s(Math.max(64, ids?.length ?? 0));
  }

  consider(i: number, deadline: number, done: number): void {
    this.checked++;
    if (done === done && (this.strict ? done < deadline : done <= deadline)) return;
    const k = this.count++;
    if (k === this.record.length) {
      this.record = grown(this.record, k * 2);
    }
    this.record[k] = i;
  }
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Runs every service-level check over a period.
 *
 * @throws {KefuKpiError} naming every invalid record (the same validation as `computeKpis`)
 * @example
 * checkServiceLevels({ consultations }, {}, { period: "2020-02" }).find((c) => c.id === "firstReply")
 * //=> { id: "firstReply", checked: 120, compliant: 118, complianceRate: "0.9833", breaches: [ … ], … }
 */
export function checkServiceLevels(input: ServiceLevelInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: KpiOptions): ServiceLevelCheck[] {
  return serviceLevelsOfMonth(monthFor(input, policy, ["agents", "consultations", "orders", "shipments", "orderAnomalies", "tickets", "afterSales", "complaints"]), options);
}

/** {@link checkServiceLevels} of a decoded month. */
export function serviceLevelsOfMonth(month: DecodedMonth, options: KpiOptions): ServiceLevelCheck[] {
  const { zone, policy } = month;
  const period = kpiPeriod(month, options);
  const sl = policy.kpi.serviceLevels;
  const inPeriod = (t: number) => t >= period.start && t < period.end;
  const from = parseTimeOfDay(sl.firstReply.onlineFrom);
  const to = parseTimeOfDay(sl.firstReply.onlineTo);
  const answerBy = parseTimeOfDay(sl.overnight.answerBy);
  const ids = month.agents.ids;
  const { consultations, tickets: ticketTable, afterSales } = month.tables;
  // Which agents the pre-sales wait rule checks: the presale group, or everyone without an agents file.
  const agents = month.tables.agents;
  const presale = agents === undefined ? null : new Uint8Array(ids.length);
  if (agents !== undefined && presale !== null) agents.columns.group.forEach((g, i) => g === 0 && (presale[i] = 1));

  const consultationIds = consultations?.columns.consultationId ?? null;
  const c = consultations?.columns;
  const firstReplyDue = (start: number): number => start + sl.firstReply.maxSeconds * 1000;
  // Overnight: answered by the morning's deadline (the next day's when it arrived before midnight).
  // The deadline of a wall day (and of the next), remembered per wall day: a month has few.
  const dues = new Map<number, number>();
  const overnightDue = (start: number, minuteOfDay: number): number => {
    const dayShift = minuteOfDay >= to ? 1 : 0;
    const key = Math.floor((start + zone.offsetAt(start) * MINUTE) / DAY) * 2 + dayShift;
    let due = dues.get(key);
    if (due === undefined) {
      const w = zone.wallOf(start);
      dues.set(key, (due = zone.fromWall(w.year, w.month, w.day + dayShift, Math.floor(answerBy / 60), answerBy % 60, 0, 0)));
    }
    return due;
  };
  const minuteOf = (start: number): number => Math.floor(((((start + zone.offsetAt(start) * MINUTE) % DAY) + DAY) % DAY) / MINUTE);
  const longestWait = (i: number): number => {
    const reply = c!.firstReplyAt[i]!;
    return Math.max(c!.maxResponseSeconds[i]! * 1000, reply === reply ? reply - c!.startedAt[i]! : 0);
  };
  const consultationFacts = (deadline: (i: number) => number, done: (i: number) => number) => (i: number) => [c!.agentId[i]!, c!.startedAt[i]!, deadline(i), done(i)] as const;
  const first = new Tally(consultationIds, "first reply", consultationFacts((i) => firstReplyDue(c!.startedAt[i]!), (i) => c!.firstReplyAt[i]!));
  // The further first-reply limits: the same consultations, each limit its own tally.
  const firstAlso = sl.firstReply.also.map((x) => {
    const due = (start: number): number => start + x.maxSeconds * 1000;
    return { ...x, due, tally: new Tally(consultationIds, "first reply", consultationFacts((i) => due(c!.startedAt[i]!), (i) => c!.firstReplyAt[i]!)) };
  });
  const night = new Tally(consultationIds, "first reply", consultationFacts((i) => overnightDue(c!.startedAt[i]!, minuteOf(c!.startedAt[i]!)), (i) => c!.firstReplyAt[i]!));
  const wait = new Tally(consultationIds, "longest wait", consultationFacts((i) => c!.startedAt[i]! + sl.presaleWait.maxWaitSeconds * 1000, (i) => c!.startedAt[i]! + longestWait(i)), true);
  if (consultations !== undefined && c !== undefined) {
    for (let i = 0; i < consultations.count; i++) {
      const start = c.startedAt[i]!;
      if (!inPeriod(start)) continue;
      const reply = c.firstReplyAt[i]!;
      // The wall time of day in the shop zone (the whole wall time only for the overnight deadline).
      const local = start + zone.offsetAt(start) * MINUTE;
      const msOfDay = ((local % DAY) + DAY) % DAY;
      const minuteOfDay = Math.floor(msOfDay / MINUTE);
      const exact = msOfDay % MINUTE === 0;
      const overnight = minuteOfDay >= to || minuteOfDay < from || (minuteOfDay === from && exact);
      const agent = c.agentId[i]!;
      if (!overnight) {
        first.consider(i, firstReplyDue(start), reply);
        for (const x of firstAlso) x.tally.consider(i, x.due(start), reply);
      }
      else night.consider(i, overnightDue(start, minuteOfDay), reply);
      const max = c.maxResponseSeconds[i]!;
      // The longest wait: the first response or the longest later one.
      if ((presale === null || presale[agent] === 1) && max >= 0) wait.consider(i, start + sl.presaleWait.maxWaitSeconds * 1000, start + longestWait(i));
    }
  }
  const t = ticketTable?.columns;
  const ticketDue = (created: number): number => created + sl.ticketReply.maxMinutes * 60_000;
  const tickets = new Tally(t?.ticketId ?? null, "first reply", (i) => [t!.agentId[i]!, t!.createdAt[i]!, ticketDue(t!.createdAt[i]!), t!.firstReplyAt[i]!]);
  if (ticketTable !== undefined && t !== undefined) {
    for (let i = 0; i < ticketTable.count; i++) {
      const created = t.createdAt[i]!;
      if (!inPeriod(created)) continue;
      if (sl.ticketReply.kinds !== null && !sl.ticketReply.kinds.includes(t.kind?.at(i) ?? "")) continue;
      tickets.consider(i, ticketDue(created), t.firstReplyAt[i]!);
    }
  }
  const a = afterSales?.columns;
  const reviewDue = (applied: number): number => applied + sl.afterSaleReview.maxHours * 3_600_000;
  const refundDue = (received: number): number => received + sl.refundAfterReceipt.maxHours * 3_600_000;
  const reviews = new Tally(a?.afterSaleId ?? null, "review", (i) => [a!.agentId[i]!, a!.appliedAt[i]!, reviewDue(a!.appliedAt[i]!), a!.reviewedAt[i]!]);
  const refunds = new Tally(a?.afterSaleId ?? null, "refund", (i) => [a!.agentId[i]!, a!.goodsReceivedAt[i]!, refundDue(a!.goodsReceivedAt[i]!), a!.refundedAt[i]!]);
  const reviewAlso = sl.afterSaleReview.also.map((x) => {
    const due = (applied: number): number => applied + x.maxHours * 3_600_000;
    return { ...x, due, tally: new Tally(a?.afterSaleId ?? null, "review", (i) => [a!.agentId[i]!, a!.appliedAt[i]!, due(a!.appliedAt[i]!), a!.reviewedAt[i]!]) };
  });
  if (afterSales !== undefined && a !== undefined) {
    for (let i = 0; i < afterSales.count; i++) {
      const applied = a.appliedAt[i]!;
      if (inPeriod(applied)) {
        reviews.consider(i, reviewDue(applied), a.reviewedAt[i]!);
        for (const x of reviewAlso) x.tally.consider(i, x.due(applied), a.reviewedAt[i]!);
      }
      const received = a.goodsReceivedAt[i]!;
      if (inPeriod(received)) refunds.consider(i, refundDue(received), a.refundedAt[i]!);
    }
  }

  const { anomaly, shipped, pickedUp } = shippingChecks(month, inPeriod);
  // Complaints answered within the limit (seed 000: 所有咨询、投诉和评价都应在24小时内回复).
  const k = month.tables.complaints?.columns;
  const complaintDue = (at: number): number => at + sl.complaintReply.maxHours * 3_600_000;
  const complaints = new Tally(k?.complaintId ?? null, "reply", (i) => [k!.agentId[i]!, k!.at[i]!, complaintDue(k!.at[i]!), k!.repliedAt[i]!]);
  for (let i = 0; i < (month.tables.complaints?.count ?? 0); i++) if (inPeriod(k!.at[i]!)) complaints.consider(i, complaintDue(k!.at[i]!), k!.repliedAt[i]!);

  const noInput = (kind: string) => `no ${kind} given`;
  const has = (kind: "consultations" | "tickets" | "afterSales" | "orderAnomalies" | "complaints"): boolean => month.tables[kind] !== undefined;
  const shippingNoData = month.tables.orders === undefined ? noInput("orders") : noInput("shipments");
  const fromWhat = (from: "paid" | "created"): string => (from === "paid" ? "payment" : "the order");
  const firstRule = (maxSeconds: number): string => `first reply within ${maxSeconds} s for consultations arriving ${sl.firstReply.onlineFrom}–${sl.firstReply.onlineTo}`;
  const reviewRule = (maxHours: number): string => `after-sales requests reviewed within ${maxHours} h`;
  return [
    check("firstReply", firstRule(sl.firstReply.maxSeconds), sl.firstReply.enabled, has("consultations") ? first : null, zone, ids, noInput("consultations")),
    ...firstAlso.map((x) => check("firstReply", firstRule(x.maxSeconds), sl.firstReply.enabled, has("consultations") ? x.tally : null, zone, ids, noInput("consultations"), x.label)),
    check("overnight", `consultations arriving ${sl.firstReply.onlineTo}–${sl.firstReply.onlineFrom} (inclusive) answered by ${sl.overnight.answerBy}`, sl.overnight.enabled, has("consultations") ? night : null, zone, ids, noInput("consultations")),
    check("ticketReply", `tickets${sl.ticketReply.kinds ? ` of kind ${sl.ticketReply.kinds.join(", ")}` : ""} answered within ${sl.ticketReply.maxMinutes} min`, sl.ticketReply.enabled, has("tickets") ? tickets : null, zone, ids, noInput("tickets")),
    check("afterSaleReview", reviewRule(sl.afterSaleReview.maxHours), sl.afterSaleReview.enabled, has("afterSales") ? reviews : null, zone, ids, noInput("afterSales")),
    ...reviewAlso.map((x) => check("afterSaleReview", reviewRule(x.maxHours), sl.afterSaleReview.enabled, has("afterSales") ? x.tally : null, zone, ids, noInput("afterSales"), x.label)),
    check("refundAfterReceipt", `refund within ${sl.refundAfterReceipt.maxHours} h after the returned goods arrive`, sl.refundAfterReceipt.enabled, has("afterSales") ? refunds : null, zone, ids, noInput("afterSales")),
    check("presaleWait", `a pre-sales buyer never waits ${sl.presaleWait.maxWaitSeconds} s or more`, sl.presaleWait.enabled, has("consultations") && wait.checked > 0 ? wait : null, zone, ids, "no consultation carries maxResponseSeconds (the longest wait)"),
    check("complaintReply", `complaints answered within ${sl.complaintReply.maxHours} h`, sl.complaintReply.enabled, has("complaints") ? complaints : null, zone, ids, noInput("complaints")),
    check("orderAnomaly", `order anomalies verified within ${sl.orderAnomaly.maxHours} h of being reported`, sl.orderAnomaly.enabled, has("orderAnomalies") ? anomaly : null, zone, ids, noInput("orderAnomalies")),
    check("shipping", `paid orders shipped within ${sl.shipping.maxHours} h of ${fromWhat(sl.shipping.from)}${except(sl.shipping.exemptFlags)}`, sl.shipping.enabled, shipped, zone, ids, shippingNoData),
    check(
      "pickupScan",
      `paid orders picked up by the carrier within ${sl.pickupScan.maxHours} h of ${fromWhat(sl.pickupScan.from)}${except(sl.pickupScan.exemptFlags)}`,
      sl.pickupScan.enabled,
      pickedUp,
      zone,
      ids,
      pickedUp === null && shipped !== null ? "no shipment carries pickedUpAt (the carrier's pick-up scan)" : shippingNoData,
    ),
  ];
}

/** The orders a check leaves out by their flag, in words. */
function except(flags: readonly FlagColour[]): string {
  return flags.length === 0 ? "" : `, except orders flagged ${flags.join(" or ")}`;
}

/**
 * The order anomalies (verified within the limit of being reported) and the shipping and pick-up
 * checks: each paid order of the period against its shipment. Null where the kinds are not given
 * (pick-up also when no shipment carries a pick-up scan).
 */
function shippingChecks(month: DecodedMonth, inPeriod: (t: number) => boolean): { anomaly: Tally; shipped: Tally | null; pickedUp: Tally | null } {
  const sl = month.policy.kpi.serviceLevels;
  const x = month.tables.orderAnomalies?.columns;
  const anomalyDue = (raised: number): number => raised + sl.orderAnomaly.maxHours * 3_600_000;
  const anomaly = new Tally(x?.orderId ?? null, "verification", (i) => [x!.agentId[i]!, x!.raisedAt[i]!, anomalyDue(x!.raisedAt[i]!), x!.verifiedAt[i]!]);
  for (let i = 0; i < (month.tables.orderAnomalies?.count ?? 0); i++) {
    const raised = x!.raisedAt[i]!;
    if (inPeriod(raised)) anomaly.consider(i, anomalyDue(raised), x!.verifiedAt[i]!);
  }
  const orders = month.tables.orders;
  const shipments = month.tables.shipments;
  if (orders === undefined || shipments === undefined) return { anomaly, shipped: null, pickedUp: null };
  const o = orders.columns;
  const s = shipments.columns;
  // Each order's shipment (-1: none), from the decoder's join; a shipment of an order not given is said by the decoder.
  const shipmentOf = new Int32Array(orders.count).fill(-1);
  (month.shipmentOrders ?? joinShipments(orders, shipments)).forEach((i, k) => i >= 0 && (shipmentOf[i] = k));
  const start = (from: "paid" | "created") => (i: number): number => (from === "paid" ? o.paidAt[i]! : o.createdAt[i]!);
  const event = (column: Float64Array) => (i: number): number => (shipmentOf[i]! < 0 ? NaN : column[shipmentOf[i]!]!);
  type Limit = { from: "paid" | "created"; maxHours: number; exemptFlags: readonly FlagColour[] };
  const limit = (rule: Limit, what: string, column: Float64Array): { tally: Tally; from: (i: number) => number; done: (i: number) => number; due: (i: number) => number; exempt: boolean[] } => {
    const from = start(rule.from);
    const due = (i: number): number => from(i) + rule.maxHours * 3_600_000;
    const done = event(column);
    const exempt = FLAG_COLOURS.map((c) => rule.exemptFlags.includes(c));
    return { tally: new Tally(o.orderId, what, (i) => [-1, from(i), due(i), done(i)]), from, done, due, exempt };
  };
  const ship = limit(sl.shipping, "shipment", s.shippedAt);
  // Pick-up only when some shipment carries a scan (a column left empty throughout is no data).
  const scanned = s.pickedUpAt.some((t) => t === t);
  const pick = scanned ? limit(sl.pickupScan, "pick-up scan", s.pickedUpAt) : null;
  for (let i = 0; i < orders.count; i++) {
    const paid = o.paidAt[i]!;
    if (paid !== paid) continue;
    // Refunded in full and never shipped: nothing was left to ship (an order of 0.00 is still shipped).
    const refund = o.refundAmount[i]!;
    if (shipmentOf[i]! < 0 && refund > 0 && refund >= o.amount[i]!) continue;
    // An order whose flag the check exempts (green: to be shipped later) is not checked.
    const flag = o.flag[i]!;
    for (const c of pick === null ? [ship] : [ship, pick]) if (inPeriod(c.from(i)) && !(flag >= 0 && c.exempt[flag])) c.tally.consider(i, c.due(i), c.done(i));
  }
  return { anomaly, shipped: ship.tally, pickedUp: pick?.tally ?? null };
}

function check(id: ServiceLevelId, rule: string, enabled: boolean, records: Tally | null, zone: Zone, agentIds: readonly string[], whyNoData: string, label: string | null = null): ServiceLevelCheck {
  if (!enabled) return { id, label, rule, status: "disabled", checked: 0, compliant: 0, complianceRate: null, breaches: [] };
  if (records === null) return { id, label, rule: `${rule} (${whyNoData})`, status: "noData", checked: 0, compliant: 0, complianceRate: null, breaches: [] };
  const checked = records.checked;
  const result: Omit<ServiceLevelCheck, "breaches"> = {
    id,
    label,
    rule,
    status: checked === 0 ? "noData" : "ok",
    checked,
    compliant: checked - records.count,
    complianceRate: ratio(checked - records.count, checked, 4),
  };
  // The breaches are listed on first access (an enumerable getter, so JSON and spreads see a plain
  // array): a month with a million breaches costs no objects until they are read.
  return withLazy(
    result,
    "breaches",
    (): readonly ServiceLevelBreach[] => breachesOf(records, zone, agentIds),
    { select: (selection) => breachesOf(records, zone, agentIds, selection.first), each: () => eachBreach(records, zone, agentIds) },
  );
}

/** The breaches of a check, in time order, ties by record id. */
function breachesOf(r: Tally, zone: Zone, agentIds: readonly string[], first = Infinity): ServiceLevelBreach[] {
  const { order, at } = breachView(r, zone, agentIds, first);
  return order.map(at);
}

/** {@link breachesOf} one at a time, none kept. */
function* eachBreach(r: Tally, zone: Zone, agentIds: readonly string[]): Generator<ServiceLevelBreach, void, undefined> {
  const { order, at } = breachView(r, zone, agentIds, Infinity);
  for (const i of order) yield at(i);
}

/** The breaches' records in time order (ties by record id), the first `first` only, and the breach of one record. */
function breachView(r: Tally, zone: Zone, agentIds: readonly string[], first: number): { order: number[]; at: (i: number) => ServiceLevelBreach } {
  const ids = r.ids ?? TextColumn.EMPTY;
  const when = (i: number): number => r.facts(i)[1];
  const before = (x: number, y: number): number => when(x) - when(y) || ids.compare(x, y);
  let order: number[];
  if (first >= r.count) {
    // The instants once, into a column the sort reads.
    const time = float64s(r.count);
    const records = Array.from(r.record.subarray(0, r.count));
    records.forEach((i, k) => (time[k] = when(i)));
    const ks = Array.from({ length: r.count }, (_, k) => k);
    const byId = (a: number, b: number): number => ids.compare(records[a]!, records[b]!);
    let earliest = Infinity;
    for (let k = 0; k < r.count; k++) if (time[k]! < earliest) earliest = time[k]!;
    // By instant as a packed number where the instants are whole seconds, else by comparison.
    if (!sortByIntKey(ks, (k) => (time[k]! - earliest) / 1000, byId)) ks.sort((a, b) => time[a]! - time[b]! || byId(a, b));
    order = ks.map((k) => records[k]!);
  } else {
    // Only the first few (a table shows ten): kept sorted while the breaches are scanned once.
    order = [];
    for (let k = 0; k < r.count && first > 0; k++) {
      const i = r.record[k]!;
      if (order.length === first && before(i, order[first - 1]!) >= 0) continue;
      let to = order.length;
      while (to > 0 && before(i, order[to - 1]!) < 0) to--;
      order.splice(to, 0, i);
      if (order.length > first) order.pop();
    }
  }
  // Instants repeat (minute-resolution exports): each is formatted once.
  const format = instantFormatter(zone);
  const at = (i: number): ServiceLevelBreach => {
    const [agent, atMs, due, done] = r.facts(i);
    const never = done !== done;
    const late = never ? null : seconds(done - due);
    const deadline = format(due);
    return {
      recordId: ids.at(i),
      agentId: agent < 0 ? null : agentIds[agent]!,
      at: format(atMs),
      deadline,
      lateSeconds: late,
      reason: never ? `no ${r.what} (due by ${deadline})` : r.strict ? `${r.what} ${seconds(done - atMs)} s, at or over the limit` : `${r.what} at ${format(done)}, ${late} s late`,
    };
  };
  return { order, at };
}

/** Integer milliseconds as exact decimal seconds: 1500 → "1.5", 61000 → "61". */
function seconds(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const rest = ms - whole * 1000;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(3, "0").replace(/0+$/, "")}`;
}

/** {@link checkServiceLevels} returning `{ success, data | issues }` instead of throwing. */
export function safeCheckServiceLevels(input: ServiceLevelInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: KpiOptions): SafeResult<ServiceLevelCheck[]> {
  return safely(() => checkServiceLevels(input, policy, options));
}
