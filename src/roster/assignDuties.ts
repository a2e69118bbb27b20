import { withLazy } from "../lazy.js";
import { byAgentId, sortByIntKey } from "../compare.js";
import type { Zone } from "../time/zone.js";
import { checkOptions } from "../input.js";
import { IssueCode, IssueList, KefuKpiError, safely, type SafeResult } from "../errors.js";
import { formatFen, parseFen } from "../money/fen.js";
import { ratio } from "../money/decimal.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { isDecodedMonth, monthFor, throwInMonthOrder, type DecodedMonth, type MonthRecords } from "../records/month.js";
import { periodOf, readOption } from "../records/options.js";
import { RECORD_SCHEMAS, type RecordOf } from "../records/schema.js";
import { show } from "../records/values.js";
import { dateOfDayNumber, businessDayNumber, instantFormatter, instantOfDayNumber, parseTimeOfDay, weekdayOfDayNumber } from "../time/period.js";
import { checkRosterRows, indexRoster } from "./rosterIndex.js";
import { float64s, grown, int32s, uint8s } from "../memory.js";
import { TextColumn } from "../records/textColumn.js";

const MINUTE = 60_000;
const WEEK = "Mon–Fri the night shift, Sat–Sun the agent on duty";
const HOUR = 3_600_000;
/** How many days, the due day first, a reminder waits for the buyer's agent's next shift (`buyersAgent`). */
const AHEAD_DAYS = 7;

/** A returned parcel (退货包裹) that arrived at the shop. */
export type ReturnedParcel = RecordOf<"returnedParcels">;
/** The schema of one returned parcel (`RECORD_SCHEMAS.returnedParcels`, wall times read in UTC): its output is the decoded record. */
export const ReturnedParcelSchema = RECORD_SCHEMAS.returnedParcels;
/** A neutral or negative shop review (中差评) left by a buyer. */
export type ShopReview = RecordOf<"shopReviews">;
/** The schema of one shop review (`RECORD_SCHEMAS.shopReviews`, wall times read in UTC): its output is the decoded record. */
export const ShopReviewSchema = RECORD_SCHEMAS.shopReviews;

/**
 * An order as the duties need it: times and amount (an order record: its other fields may be
 * given too), and the payAgent (落实付款客服) and placeAgent (落实下单客服) from the sales
 * attribution (null when none). The month report passes its attribution in.
 */
export interface DutyOrder {
  readonly orderId: string;
  readonly createdAt: string;
  readonly paidAt?: string | null | undefined;
  readonly amount: string | number;
  readonly payAgent?: string | null | undefined;
  /** The buyer's agent, who owes the human payment reminder under `duties.paymentReminder.owner` = `buyersAgent`. */
  readonly placeAgent?: string | null | undefined;
}

export interface DutiesInput {
  readonly roster: readonly unknown[];
  readonly agents?: readonly { readonly agentId: string }[];
  readonly orders?: readonly DutyOrder[];
  readonly returnedParcels?: readonly unknown[];
  /** 中差评. Reviews before the period still set the parity of a buyer's first review. */
  readonly shopReviews?: readonly unknown[];
}

export interface DutiesOptions {
  /** Keep the duties due in this period (`2020-02-21`, `2020-02`, `2020-W08` or a range); all when left out. */
  readonly period?: string;
  /**
   * With a decoded month: each order's payAgent (落实付款客服) by the sales attribution, parallel to
   * the month's orders (`attributeSales(month).orders.map((o) => o.payAgent)`); without it no
   * address check is listed. (Records give it on each order instead.)
   */
  readonly payAgents?: readonly (string | null)[];
  /**
   * With a decoded month: each order's placeAgent (落实下单客服), parallel to the month's orders
   * (`attributeSales(month).orders.map((o) => o.placeAgent)`), for the human payment reminders
   * under `duties.paymentReminder.owner` = `buyersAgent`; without it they go by the on-duty rule.
   */
  readonly placeAgents?: readonly (string | null)[];
}

export type DutyKind = "smsReminder" | "humanReminder" | "returnedParcel" | "shopReview" | "addressCheck";

/** One duty: what, for which record, who owes it, from when, by when, and by which rule. */
export interface Duty {
  readonly kind: DutyKind;
  /** The order, parcel or review id. */
  readonly ref: string;
  readonly orderId: string | null;
  /** When the duty arises. */
  readonly due: string;
  readonly deadline: string | null;
  /** The agent who owes it; null when automatic (`system`) or when no one on the roster can own it. */
  readonly owner: string | null;
  readonly by: "system" | "agent";
  /** Others the rule would also have allowed (equally placed agents), by agentId. */
  readonly alsoEligible: readonly string[];
  readonly rule: string;
  /** Why no one owns it (a duty nobody can own is reported, never dropped); null when owned or automatic. */
  readonly unowned: string | null;
  /** A payment reminder's outcome: when its order was paid (after the reminder, whenever the orders show it); null while unpaid, and for the other duties. */
  readonly paidAt: string | null;
}

/** What the payment reminders of one owner (or of the system, or nobody) brought in: 催付 outcomes. */
export interface ReminderTally {
  /** Reminders owed (due in the period). */
  readonly owed: number;
  /** Of them, orders paid (after the reminder) before the period's end. */
  readonly paid: number;
  /** 挽回金额: what those orders paid (实付, refunds not deducted), yuan. */
  readonly recovered: string;
  /** paid / owed, 4 decimals; null when none was owed. */
  readonly rate: string | null;
  /** owed − paid: orders still unpaid at the period's end. */
  readonly unpaid: number;
}

/** The payment reminders' outcomes (催付效果): the SMS reminders, and the human ones in all, per owner and unowned. */
export interface ReminderOutcomes {
  readonly sms: ReminderTally;
  readonly human: ReminderTally;
  /** The human reminders per owner, by agentId. */
  readonly agents: readonly ({ readonly agentId: string } & ReminderTally)[];
  /** The human reminders no one on the roster could own. */
  readonly unowned: ReminderTally;
}

export interface DutiesResult {
  /** By due instant, then kind, then ref. */
  readonly duties: readonly Duty[];
  /** Per owner: the number of duties of each kind, by agentId. */
  readonly agents: readonly { readonly agentId: string; readonly counts: Readonly<Record<DutyKind, number>> }[];
  readonly system: number;
  readonly unowned: number;
  /** The payment reminders' outcomes: paid before the period's end (all given, without a period), and the amount recovered. */
  readonly reminders: ReminderOutcomes;
}

const KIND_ORDER: readonly DutyKind[] = ["addressCheck", "smsReminder", "humanReminder", "returnedParcel", "shopReview"];

/** Duties as columns, made into {@link Duty} objects (sorted by due instant, then kind, then ref) when read. */
class DutyColumns {
  count = 0;
  kind: Uint8Array;
  due: Float64Array;
  deadline: Float64Array;
  /** The owner's index in `ownerList` (one Owner per day and situation), or -1 for a duty done by the system. */
  owner: Int32Array;
  /** The rule's index in `ruleList`. */
  rule: Int32Array;
  /** A payment reminder's order's payment instant; NaN while unpaid and for the other duties. */
  paid: Float64Array;

  /**
   * @param capacity - the most duties expected (the columns grow past it). Large columns are
   * shared memory, whose pages take room only once written: sizing for the most costs nothing,
   * where growing leaves the old columns behind until the next collection.
   */
  constructor(capacity: number) {
    const n = Math.max(64, capacity);
    this.kind = uint8s(n);
    this.due = float64s(n);
    this.deadline = float64s(n);
    this.owner = int32s(n);
    this.rule = int32s(n);
    this.paid = float64s(n);
  }
  /** Each duty's record id (a text column: millions of duties' ids are few strings). */
  readonly refs = new TextColumn();
  /** The order of a duty, where it is not its ref (a parcel's, a review's), by duty. */
  private readonly orderIds = new Map<number, string | null>();
  private readonly ownerList: Owner[] = [];
  private readonly ownerIndex = new Map<Owner, number>();
  private readonly ruleList: string[] = [];
  private readonly ruleIndex = new Map<string, number>();

  add(kind: number, ref: string, orderId: string | null, due: number, deadline: number, owner: Owner | null, rule: string, paid: number): void {
    const d = this.count++;
    if (d === this.kind.length) {
      this.kind = grown(this.kind, d * 2);
      this.due = grown(this.due, d * 2);
      this.deadline = grown(this.deadline, d * 2);
      this.owner = grown(this.owner, d * 2);
      this.rule = grown(this.rule, d * 2);
      this.paid = grown(this.paid, d * 2);
    }
    this.kind[d] = kind;
    this.due[d] = due;
    this.deadline[d] = deadline;
    this.owner[d] = owner === null ? -1 : this.indexOf(this.ownerList, this.ownerIndex, owner);
    this.rule[d] = this.indexOf(this.ruleList, this.ruleIndex, rule);
    this.paid[d] = paid;
    this.refs.set(d, ref);
    if (orderId !== ref) this.orderIds.set(d, orderId);
  }

  private indexOf<T>(list: T[], index: Map<T, number>, value: T): number {
    let i = index.get(value);
    if (i === undefined) index.set(value, (i = list.push(value) - 1));
    return i;
  }

  /** The owner of duty `d`, or null when the system does it. */
  ownerOf(d: number): Owner | null {
    const o = this.owner[d]!;
    return o < 0 ? null : this.ownerList[o]!;
  }

  /** The duties as objects, in order; only those an agent owes and no one on the roster can own, with `unownedOnly`. */
  duties(zone: Zone, unownedOnly = false): Duty[] {
    const { order, at } = this.view(zone, unownedOnly);
    return order.map(at);
  }

  /** {@link duties} one at a time, none kept. */
  *each(zone: Zone): Generator<Duty, void, undefined> {
    const { order, at } = this.view(zone, false);
    for (const d of order) yield at(d);
  }

  /** The duties' order (by due instant, then kind, then ref), and the object of one duty. */
  private view(zone: Zone, unownedOnly: boolean): { order: number[]; at: (d: number) => Duty } {
    // Deadlines repeat (a shift's end, 17:30): format each instant once.
    const fmt = instantFormatter(zone);
    const order: number[] = [];
    for (let d = 0; d < this.count; d++) if (!unownedOnly || (this.owner[d]! >= 0 && this.ownerList[this.owner[d]!]!.owner === null)) order.push(d);
    // By due instant and kind as one packed number where the instants are whole seconds (kinds < 8).
    const due = this.due;
    const kind = this.kind;
    let first = Infinity;
    for (const d of order) if (due[d]! < first) first = due[d]!;
    const byRef = (a: number, b: number): number => this.refs.compare(a, b);
    if (!sortByIntKey(order, (d) => ((due[d]! - first) / 1000) * 8 + kind[d]!, byRef)) {
      order.sort((a, b) => due[a]! - due[b]! || kind[a]! - kind[b]! || byRef(a, b));
    }
    const at = (d: number): Duty => {
      const owner = this.ownerOf(d);
      const deadline = this.deadline[d]!;
      const ref = this.refs.at(d);
      const orderId = this.orderIds.get(d);
      return {
        kind: KIND_ORDER[this.kind[d]!]!,
        ref,
        orderId: orderId === undefined ? ref : orderId,
        due: fmt(this.due[d]!),
        deadline: Number.isNaN(deadline) ? null : fmt(deadline),
        owner: owner?.owner ?? null,
        by: owner ? "agent" : "system",
        alsoEligible: owner?.alsoEligible ?? [],
        rule: this.ruleList[this.rule[d]!]!,
        unowned: owner?.unowned ?? null,
        paidAt: Number.isNaN(this.paid[d]!) ? null : fmt(this.paid[d]!),
      };
    };
    return { order, at };
  }
}


interface Owner {
  readonly owner: string | null;
  readonly deadline: number;
  readonly alsoEligible: readonly string[];
  readonly unowned: string | null;
}

/** The kinds the duties read. */
const DUTY_KINDS = ["agents", "roster", "orders", "returnedParcels", "shopReviews"] as const;

/** How the duties of a decoded month are listed. */
export interface DutyInputs {
  /** Each order's payAgent (agent number, -1 for none): its address check; null: no address checks. */
  readonly payAgent: Int32Array | null;
  /** Each order's placeAgent (agent number, -1 for none): the buyer's agent of a payment reminder; null: none known. */
  readonly placeAgent?: Int32Array | null;
  /** Roster rows to leave out (1): a rostered day after the agent's dismissal owns no duties. */
  readonly skipRoster?: Uint8Array | null;
  /** Count the address checks per owner without listing them (the month report lists the other duties only). */
  readonly countAddressChecks?: boolean;
}

/**
 * Lists the duties of R1 (seed 003) with their owners from the roster (R6):
 * - address check (核对地址): every paid order that is not fully silent, owed by its payAgent at payment;
 * - SMS payment reminder (短信催付): automatic, `duties.paymentReminder.smsAfterMinutes` (15) after
 *   placing, for orders strictly above `smsAboveAmount` (8.00) still unpaid then;
 * - human payment reminder (催付): orders still unpaid `humanAfterMinutes` (30) after placing; Monday–
 *   Friday the night-shift agent of that day, Saturday–Sunday the agent on duty (working a shift that
 *   covers the instant, else the next to start that day); due after the shift ended, it passes to the next day.
 *   With `paymentReminder.owner` = `buyersAgent` (谁的顾客谁跟进) the order's placeAgent owes it by the end
 *   of their shift that day, or of their next shift within 7 days; an order with no placeAgent, or
 *   whose placeAgent has no shift in those days, goes by the on-duty rule;
 * - returned parcel (退货包裹): inspected by `returnedParcels.inspectBy` (17:30) the day it arrives (the
 *   next day when it arrives later); weekdays the night-shift agent, weekends the agent on duty;
 * - neutral/negative review (中差评): by the parity of the day of the month of the buyer's first review,
 *   the first agent of `duties.shopReviews.odd|even` working that day, within `handleWithinHours`.
 * Several equally placed agents: the smallest agentId owns, the others are listed. A duty no one on
 * the roster can own is listed with `owner: null` and the reason.
 *
 * @param input - the roster, orders (with their payAgent), returned parcels and shop reviews, and
 *   the agents; or a month decoded by `decodeMonth` (with `options.payAgents` for the address checks)
 * @param policy - `duties`, `roster`, `timeZone`; with a decoded month, leave it out or give the
 *   policy the month was decoded under
 * @throws {KefuKpiError} for malformed rows, unknown agents, duplicate ids, a review owner not in the agents list
 * @example
 * assignDuties({ roster, orders }, {}, { period: "2020-02-21" }).duties[0]
 * //=> { kind: "humanReminder", ref: "O7", owner: "A02", deadline: "2020-02-21T23:30:00+08:00", … }
 */
export function assignDuties(input: DutiesInput | DecodedMonth, policy?: PolicyInput | Policy, options: DutiesOptions = {}): DutiesResult {
  checkOptions(options, ["period", "payAgents", "placeAgents"]);
  if (isDecodedMonth(input)) {
    const month = monthFor(input, policy, DUTY_KINDS);
    const payAgent = options.payAgents === undefined ? null : givenAgents(month, options.payAgents, "payAgents");
    const placeAgent = options.placeAgents === undefined ? null : givenAgents(month, options.placeAgents, "placeAgents");
    return dutiesOfMonth(month, options, { payAgent, placeAgent });
  }
  const orders = (input as { orders?: unknown } | null)?.orders;
  for (const key of ["payAgents", "placeAgents"] as const) {
    if (options[key] !== undefined) {
      throw new KefuKpiError([{ code: IssueCode.invalidValue, path: ["options", key], message: `is for a decoded month; with records, give each order's ${key.slice(0, -1)}` }]);
    }
  }
  // The orders are order records with their payAgent and placeAgent beside: the records are
  // decoded, the agents read once the agents are known.
  const split = Array.isArray(orders) ? splitAgents(orders) : null;
  let payAgent: Int32Array | null = null;
  let placeAgent: Int32Array | null = null;
  const records: MonthRecords = split === null ? (input as MonthRecords) : { ...(input as MonthRecords), orders: split.orders };
  const month = monthFor(records, policy, DUTY_KINDS, {
    required: ["roster"],
    check: (m, issues) => {
      checkDuties(m, issues);
      if (split !== null) {
        payAgent = agentNumbers(m, split.payAgents, "payAgent", issues);
        // No order carrying a placeAgent at all: none given (not "none of the buyers was served").
        if (split.placeAgents.length > 0) placeAgent = agentNumbers(m, split.placeAgents, "placeAgent", issues);
      }
    },
  });
  return dutiesOfMonth(month, options, { payAgent, placeAgent });
}

/** The orders' records without their payAgent and placeAgent, and those (undefined for a record that is no object). */
function splitAgents(orders: readonly unknown[]): { orders: unknown[]; payAgents: unknown[]; placeAgents: unknown[] } {
  const payAgents: unknown[] = [];
  const placeAgents: unknown[] = [];
  const records = orders.map((o, i) => {
    if (typeof o !== "object" || o === null || Array.isArray(o)) return o;
    try {
      // The duties read no buyer: an order given without one is linked to none.
      const order: Record<string, unknown> = { buyerId: null };
      const r = o as Record<string, unknown>;
      for (const key in r) {
        if (key === "payAgent") payAgents[i] = r[key];
        else if (key === "placeAgent") placeAgents[i] = r[key];
        else order[key] = r[key];
      }
      return order;
    } catch {
      return o; // a record that cannot be read: the decoder names it
    }
  });
  return { orders: records, payAgents, placeAgents };
}

/** Each order's payAgent (or placeAgent) as an agent number (-1: none); one that is no agent of the month is an issue at `orders[i].<field>`. */
function agentNumbers(month: DecodedMonth, given: readonly unknown[], field: "payAgent" | "placeAgent", issues: IssueList): Int32Array {
  const n = month.tables.orders?.count ?? 0;
  const out = new Int32Array(n).fill(-1);
  const roster = month.agents.rosterSize >= 0;
  for (let i = 0; i < n; i++) {
    const v = given[i];
    if (v === undefined || v === null || v === "") continue;
    const bad = (code: IssueCode, message: string): void => {
      const orderId = month.tables.orders!.columns.orderId.at(i);
      issues.add({ code, path: ["orders", i, field], message, ...(orderId ? { recordId: `orderId ${JSON.stringify(orderId)}` } : {}) });
    };
    if (typeof v !== "string") {
      bad(IssueCode.invalidType, `${show(v)} is not text; expected the ${field}'s 工号, or null`);
      continue;
    }
    const id = v.trim();
    // Without a roster every id is an agent of the month.
    const a = roster ? month.agents.find(id) : month.agents.number(id);
    if (a === undefined || a < 0) bad(IssueCode.unknownAgent, `${show(id)} is not in the agents list`);
    else out[i] = a;
  }
  return out;
}

/** The payAgents (or placeAgents) given for a decoded month's orders, as agent numbers. */
function givenAgents(month: DecodedMonth, agents: readonly (string | null)[], option: "payAgents" | "placeAgents"): Int32Array {
  const n = month.tables.orders?.count ?? 0;
  const issues = new IssueList();
  const out = new Int32Array(n).fill(-1);
  if (!Array.isArray(agents) || agents.length !== n) {
    issues.add({ code: IssueCode.invalidValue, path: ["options", option], message: `expected one ${option.slice(0, -1)} (or null) per order of the month: ${n}, in the orders' order` });
  } else {
    agents.forEach((id, i) => {
      if (id === null) return;
      const a = typeof id === "string" ? month.agents.find(id) : undefined;
      if (a === undefined) issues.add({ code: IssueCode.unknownAgent, path: ["options", option, i], message: `${show(id)} is not an agent of the month` });
      else out[i] = a;
    });
  }
  issues.throwIfAny();
  return out;
}

/** The checks of the duties' input beyond the decoder's: one shift per agent and day, and the policy's review owners are agents of the agents list. */
export function checkDuties(month: DecodedMonth, issues: IssueList): void {
  checkRosterRows(month, issues);
  if (month.agents.rosterSize < 0) return;
  const reviews = month.policy.duties.shopReviews;
  for (const [parity, list] of [["odd", reviews.odd], ["even", reviews.even]] as const) {
    list.forEach((id, i) => {
      if (month.agents.find(id) === undefined) {
        issues.add({ code: IssueCode.unknownAgent, path: ["policy", "duties", "shopReviews", parity, i], message: `${show(id)} is not in the agents list` });
      }
    });
  }
}

/**
 * {@link assignDuties} of a decoded month.
 *
 * @throws {KefuKpiError} for a bad period, an agent rostered twice on a date, a review owner not in the agents list
 */
export function dutiesOfMonth(month: DecodedMonth, options: { readonly period?: string }, inputs: DutyInputs): DutiesResult {
  const issues = new IssueList();
  checkDuties(month, issues);
  throwInMonthOrder(issues);
  const { zone, policy } = month;
  const dp = policy.duties;
  const ids = month.agents.ids;
  const roster = indexRoster(month, policy.roster, zone, inputs.skipRoster ?? null);
  const period = options.period === undefined ? null : readOption("period", () => periodOf(month, options.period!));
  // The duties as columns (a month of a million orders owes a million reminders): each duty's
  // kind, ref, order, instants, owner (one shared Owner per day and situation) and rule; the Duty
  // objects are made when the list is read.
  // At most three duties an order (address check, text reminder, human reminder), one a parcel, one a review.
  const t = month.tables;
  const list = new DutyColumns(3 * (t.orders?.count ?? 0) + (t.returnedParcels?.count ?? 0) + (t.shopReviews?.count ?? 0));
  const owners = new Map<string, Owner>();
  const dayShifts = new Map<number, readonly DayShift[]>();
  const start = period === null ? -Infinity : period.start;
  const end = period === null ? Infinity : period.end;
  const dayOf = (ms: number): number => businessDayNumber(ms, zone, 0);
  // The payment reminders' outcomes, tallied as they are listed: [owed, paid before the end, fen paid].
  const smsTally = [0, 0, 0];
  const unownedTally = [0, 0, 0];
  const humanTally = new Map<string, number[]>();
  /** Lists a duty due in the period; a payment reminder's order was paid at `paid` (NaN: unpaid) for `fen`. */
  const add = (kind: DutyKind, ref: string, orderId: string | null, due: number, rule: string, owner: Owner | null, systemDeadline: number | null = null, paid = NaN, fen = 0): void => {
    if (due < start || due >= end) return;
    list.add(KIND_ORDER.indexOf(kind), ref, orderId, due, owner ? owner.deadline : (systemDeadline ?? NaN), owner, rule, paid);
    if (kind !== "smsReminder" && kind !== "humanReminder") return;
    let t = smsTally;
    if (kind === "humanReminder" && (owner === null || owner.owner === null)) t = unownedTally;
    else if (kind === "humanReminder") {
      const mine = humanTally.get(owner!.owner!);
      if (mine === undefined) humanTally.set(owner!.owner!, (t = [0, 0, 0]));
      else t = mine;
    }
    t[0]!++;
    if (paid < end) {
      t[1]!++;
      t[2]! += fen;
    }
  };

  // Orders: address checks and payment reminders, read from the order columns.
  const sms = dp.paymentReminder;
  const smsAbove = parseFen(sms.smsAboveAmount);
  const smsAfter = sms.smsAfterMinutes * MINUTE;
  const humanAfter = sms.humanAfterMinutes * MINUTE;
  const smsRule = `R1 短信催付: unpaid at ${sms.smsAfterMinutes} min, > ${sms.smsAboveAmount}`;
  const humanRule = `R1 催付: unpaid at ${sms.humanAfterMinutes} min; ${WEEK}`;
  const buyersAgent = sms.owner === "buyersAgent";
  const placeAgent = buyersAgent ? (inputs.placeAgent ?? null) : null;
  const ownRule = `R1 催付 (谁的顾客谁跟进): unpaid at ${sms.humanAfterMinutes} min; the buyer's agent (placeAgent), by the end of their shift that day or their next within ${AHEAD_DAYS} days`;
  const silentRule =
    placeAgent === null
      ? `R1 催付: unpaid at ${sms.humanAfterMinutes} min; the orders' placeAgent was not given: ${WEEK}`
      : `R1 催付: unpaid at ${sms.humanAfterMinutes} min; no placeAgent (the buyer was not served before placing): ${WEEK}`;
  const addressRule = "R1 核对地址: payAgent, at payment";
  const addressChecks = new Int32Array(ids.length);
  const orders = month.tables.orders;
  const payAgent = inputs.payAgent;
  for (let i = 0; i < (orders?.count ?? 0); i++) {
    const o = orders!.columns;
    const created = o.createdAt[i]!;
    const paid = o.paidAt[i]!; // NaN: unpaid
    const pay = payAgent === null ? -1 : payAgent[i]!;
    if (pay >= 0 && paid === paid && paid >= start && paid < end) {
      if (inputs.countAddressChecks) addressChecks[pay]!++;
      else add("addressCheck", o.orderId.at(i), o.orderId.at(i), paid, addressRule, { owner: ids[pay]!, deadline: paid, alsoEligible: [], unowned: null });
    }
    const smsDue = created + smsAfter;
    if (o.amount[i]! > smsAbove && !(paid <= smsDue)) add("smsReminder", o.orderId.at(i), o.orderId.at(i), smsDue, smsRule, null, smsDue, paid, o.amount[i]!);
    const humanDue = created + humanAfter;
    if (!(paid <= humanDue) && humanDue >= start && humanDue < end) {
      const ref = o.orderId.at(i);
      const day = dayOf(humanDue);
      const remind = (rule: string, owner: Owner | null): void => add("humanReminder", ref, ref, humanDue, rule, owner, null, paid, o.amount[i]!);
      if (!buyersAgent) remind(humanRule, ownerByWeekRule(humanDue, day, true));
      else {
        const own = placeAgent === null ? -1 : placeAgent[i]!;
        const found = own < 0 ? null : ownerAtNextShift(own, humanDue, day);
        if (found !== null) remind(ownRule, found);
        else {
          const why = own < 0 ? silentRule : `R1 催付: unpaid at ${sms.humanAfterMinutes} min; the buyer's agent ${ids[own]!} (placeAgent) has no shift from ${dateOfDayNumber(day)} within ${AHEAD_DAYS} days: ${WEEK}`;
          remind(why, ownerByWeekRule(humanDue, day, true));
        }
      }
    }
  }

  // Returned parcels.
  const inspectBy = parseTimeOfDay(dp.returnedParcels.inspectBy);
  const parcels = month.tables.returnedParcels;
  for (let i = 0; i < (parcels?.count ?? 0); i++) {
    const p = parcels!.columns;
    const arrived = p.arrivedAt[i]!;
    let day = dayOf(arrived);
    if (arrived >= instantOfDayNumber(day, zone, inspectBy)) day++;
    const deadline = instantOfDayNumber(day, zone, inspectBy);
    const found = ownerByWeekRule(Math.max(arrived, instantOfDayNumber(day, zone, 0)), day, false);
    add("returnedParcel", p.parcelId.at(i), p.orderId?.at(i) || null, arrived, `R1 退货包裹: by ${dp.returnedParcels.inspectBy}; ${WEEK}`, found && { ...found, deadline });
  }

  // Neutral/negative reviews: the parity of the day of each buyer's first review.
  const reviews = month.tables.shopReviews;
  const r = reviews?.columns;
  const firstReview = new Map<string, { ms: number; reviewId: string }>();
  for (let i = 0; i < (reviews?.count ?? 0); i++) {
    const f = firstReview.get(r!.buyerId.at(i));
    const ms = r!.at[i]!;
    const reviewId = r!.reviewId.at(i);
    if (!f || ms < f.ms || (ms === f.ms && reviewId < f.reviewId)) firstReview.set(r!.buyerId.at(i), { ms, reviewId });
  }
  for (let i = 0; i < (reviews?.count ?? 0); i++) {
    const ms = r!.at[i]!;
    const first = firstReview.get(r!.buyerId.at(i))!;
    const dom = Number(dateOfDayNumber(dayOf(first.ms)).slice(8, 10));
    const parity = dom % 2 === 1 ? "odd" : "even";
    const list = dp.shopReviews[parity];
    const day = dayOf(ms);
    const working = list.filter((id) => {
      const a = month.agents.find(id);
      const s = a === undefined ? undefined : roster.slot(a, day);
      return s !== undefined && s.shift !== "off";
    });
    const deadline = ms + dp.shopReviews.handleWithinHours * HOUR;
    const rule = `R1 中差评: first review on day ${dom} (${parity}): duties.shopReviews.${parity}`;
    add("shopReview", r!.reviewId.at(i), r!.orderId?.at(i) || null, ms, rule, {
      owner: working[0] ?? null,
      deadline,
      alsoEligible: working.slice(1),
      unowned:
        list.length === 0
          ? `policy duties.shopReviews.${parity} names no agent`
          : working.length === 0
            ? `none of ${list.join(", ")} (${parity} days) is rostered to work on ${dateOfDayNumber(day)}`
            : null,
    });
  }

  const per = new Map<string, Record<DutyKind, number>>();
  const countsOf = (owner: string): Record<DutyKind, number> => {
    let c = per.get(owner);
    if (c === undefined) per.set(owner, (c = { addressCheck: 0, smsReminder: 0, humanReminder: 0, returnedParcel: 0, shopReview: 0 }));
    return c;
  };
  let system = 0;
  let unowned = 0;
  addressChecks.forEach((n, a) => {
    if (n > 0) countsOf(ids[a]!).addressCheck += n;
  });
  for (let d = 0; d < list.count; d++) {
    const owner = list.ownerOf(d);
    if (owner === null) system++;
    else if (owner.owner === null) unowned++;
    else countsOf(owner.owner)[KIND_ORDER[list.kind[d]!]!]++;
  }
  const result: Omit<DutiesResult, "duties"> = {
    agents: [...per.keys()].sort().map((agentId) => ({ agentId, counts: per.get(agentId)! })),
    system,
    unowned,
    reminders: {
      sms: reminderTally(smsTally),
      human: reminderTally([...humanTally.values(), unownedTally].reduce((sum, t) => sum.map((x, k) => x + t[k]!), [0, 0, 0])),
      agents: [...humanTally.keys()].sort().map((agentId) => ({ agentId, ...reminderTally(humanTally.get(agentId)!) })),
      unowned: reminderTally(unownedTally),
    },
  };
  // The list on first read (an enumerable getter: JSON and spreads see a plain array).
  return withLazy(
    result,
    "duties",
    (): readonly Duty[] => list.duties(zone),
    { select: (selection) => list.duties(zone, selection.unowned === true), each: () => list.each(zone) },
  );

  /**
   * The buyer's agent as the owner from instant `from` (on `day`): their shift that day if it has
   * not ended, else their next working shift within {@link AHEAD_DAYS} days, whose end is the
   * deadline; null when they have none (off, or dismissed: the roster then has no working day).
   */
  function ownerAtNextShift(agent: number, from: number, day: number): Owner | null {
    for (let d = day; d < day + AHEAD_DAYS; d++) {
      const slot = roster.slot(agent, d);
      if (slot === undefined || slot.shift === "off" || !(slot.end > from)) continue;
      const key = `own|${agent}|${d}`;
      let found = owners.get(key);
      if (found === undefined) owners.set(key, (found = { owner: ids[agent]!, deadline: slot.end, alsoEligible: [], unowned: null }));
      return found;
    }
    return null;
  }

  /**
   * The owner under the weekday/weekend rule on `day`, from instant `from`: Mon–Fri the night-shift
   * agents; Sat–Sun the agents on duty at `from` (else the next to start). With `rollOver`, a duty
   * arising after the day's shifts ended passes to the next day. The answer depends only on which
   * shifts of the day are open or running at `from`, so it is computed once per day and situation
   * (a month with many agents costs no more per duty than one with few).
   */
  function ownerByWeekRule(from: number, day: number, rollOver: boolean): Owner {
    const shifts = shiftsOf(day);
    const weekend = weekdayOfDayNumber(day) >= 6;
    const candidates = weekend ? shifts : shifts.filter((s) => s.shift === "night");
    const what = weekend ? "agent on duty" : "night-shift agent";
    if (candidates.length === 0) {
      return { owner: null, deadline: NaN, alsoEligible: [], unowned: `no ${what} rostered on ${dateOfDayNumber(day)} (${weekend ? "weekend" : "weekday"})` };
    }
    const open = candidates.filter((s) => s.end > from);
    if (open.length === 0) {
      if (rollOver) return ownerByWeekRule(instantOfDayNumber(day + 1, zone, 0), day + 1, false);
      return { owner: null, deadline: NaN, alsoEligible: [], unowned: `every ${what} of ${dateOfDayNumber(day)} has ended their shift` };
    }
    let chosen = open;
    if (weekend) {
      const onDuty = open.filter((s) => s.start <= from);
      const next = Math.min(...open.map((s) => s.start));
      chosen = onDuty.length > 0 ? onDuty : open.filter((s) => s.start === next);
    }
    const key = `${day}|${chosen.map((s) => s.shift).join(",")}`;
    let found = owners.get(key);
    if (found === undefined) {
      // The agents of the chosen shifts, by agentId: the first owns, the others are listed.
      const merged = chosen.flatMap((s) => s.agents.map((agentId) => ({ agentId, end: s.end }))).sort(byAgentId);
      found = { owner: merged[0]!.agentId, deadline: merged[0]!.end, alsoEligible: merged.slice(1).map((m) => m.agentId), unowned: null };
      owners.set(key, found);
    }
    return found;
  }

  // The working shifts of a day, each with its instants and agents (by agentId).
  function shiftsOf(day: number): readonly DayShift[] {
    let list = dayShifts.get(day);
    if (list === undefined) {
      const by = new Map<string, DayShift>();
      for (const slot of roster.byDay.get(day) ?? []) {
        if (slot.shift === "off") continue;
        const s = by.get(slot.shift) ?? { shift: slot.shift, start: slot.start, end: slot.end, agents: [] };
        s.agents.push(slot.agentId);
        by.set(slot.shift, s);
      }
      list = [...by.values()];
      dayShifts.set(day, list);
    }
    return list;
  }
}

interface DayShift {
  readonly shift: string;
  readonly start: number;
  readonly end: number;
  readonly agents: string[];
}

/** {@link assignDuties} returning `{ success, data | issues }` instead of throwing. */
export function safeAssignDuties(input: DutiesInput | DecodedMonth, policy?: PolicyInput | Policy, options?: DutiesOptions): SafeResult<DutiesResult> {
  return safely(() => assignDuties(input, policy, options));
}

/** A tally [owed, paid, fen paid] as the report gives it. */
function reminderTally(t: readonly number[]): ReminderTally {
  return { owed: t[0]!, paid: t[1]!, recovered: formatFen(t[2]!), rate: ratio(t[1]!, t[0]!, 4), unpaid: t[0]! - t[1]! };
}
