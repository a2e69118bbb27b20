import { IssueCode, IssueList, safely, type Issue, type SafeResult } from "../errors.js";
import { parseFen } from "../money/fen.js";
import { resolvePolicy } from "../policy/resolve.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { parseRecords, throwInRecordOrder } from "../schema/parseRecords.js";
import { checkInput, checkOptions, describeValue, quoteValue, readTextOption } from "../input.js";
import { describeInstantError, parseInstant } from "../time/parse.js";
import { dateOfDayNumber, businessDayNumber, formatInstant, instantOfDayNumber, parsePeriod, parseTimeOfDay, weekdayOfDayNumber } from "../time/period.js";
import { zoneOf } from "../time/zone.js";
import { indexRoster } from "./rosterIndex.js";
import { ReturnedParcelSchema, ShopReviewSchema } from "./schema.js";

const MINUTE = 60_000;
const WEEK = "Mon–Fri the night shift, Sat–Sun the agent on duty";
const HOUR = 3_600_000;

/**
 * An order as the duties need it: times and amount, and the payAgent (落实付款客服) from the sales
 * attribution (null for a fully silent order). The month report passes its attribution in.
 */
export interface DutyOrder {
  readonly orderId: string;
  readonly createdAt: string;
  readonly paidAt?: string | null | undefined;
  readonly amount: string | number;
  readonly payAgent?: string | null | undefined;
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
}

export interface DutiesResult {
  /** By due instant, then kind, then ref. */
  readonly duties: readonly Duty[];
  /** Per owner: the number of duties of each kind, by agentId. */
  readonly agents: readonly { readonly agentId: string; readonly counts: Readonly<Record<DutyKind, number>> }[];
  readonly system: number;
  readonly unowned: number;
}

const KIND_ORDER: readonly DutyKind[] = ["addressCheck", "smsReminder", "humanReminder", "returnedParcel", "shopReview"];

interface Owner {
  readonly owner: string | null;
  readonly deadline: number;
  readonly alsoEligible: readonly string[];
  readonly unowned: string | null;
}

/**
 * Lists the duties of R1 (seed 003) with their owners from the roster (R6):
 * - address check (核对地址): every paid order that is not fully silent, owed by its payAgent at payment;
 * - SMS payment reminder (短信催付): automatic, `duties.paymentReminder.smsAfterMinutes` (15) after
 *   placing, for orders strictly above `smsAboveAmount` (8.00) still unpaid then;
 * - human payment reminder (催付): orders still unpaid `humanAfterMinutes` (30) after placing; Monday–
 *   Friday the night-shift agent of that day, Saturday–Sunday the agent on duty (working a shift that
 *   covers the instant, else the next to start that day); due after the shift ended, it passes to the next day;
 * - returned parcel (退货包裹): inspected by `returnedParcels.inspectBy` (17:30) the day it arrives (the
 *   next day when it arrives later); weekdays the night-shift agent, weekends the agent on duty;
 * - neutral/negative review (中差评): by the parity of the day of the month of the buyer's first review,
 *   the first agent of `duties.shopReviews.odd|even` working that day, within `handleWithinHours`.
 * Several equally placed agents: the smallest agentId owns, the others are listed. A duty no one on
 * the roster can own is listed with `owner: null` and the reason.
 *
 * @throws {KefuKpiError} for malformed rows, unknown agents, duplicate ids, a review owner not in the agents list
 * @example
 * assignDuties({ roster, orders }, {}, { period: "2020-02-21" }).duties[0]
 * //=> { kind: "humanReminder", ref: "O7", owner: "A02", deadline: "2020-02-21T23:30:00+08:00", … }
 */
export function assignDuties(input: DutiesInput, policy: PolicyInput | Policy = {}, options: DutiesOptions = {}): DutiesResult {
  checkInput(input, ["roster", "agents", "orders", "returnedParcels", "shopReviews"], ["roster"]);
  const opts = checkOptions(options, ["period"]);
  const resolved = resolvePolicy(policy);
  const zone = zoneOf(resolved);
  const cutover = parseTimeOfDay(resolved.businessDayStartsAt);
  const dp = resolved.duties;
  const issues = new IssueList();
  const known = input.agents === undefined ? null : new Set(input.agents.map((a) => a.agentId));
  const roster = indexRoster(input.roster, resolved.roster, zone, issues, known);
  const period = readTextOption(opts, "period", (label) => parsePeriod(label, zone, cutover)) ?? null;
  const duties: { duty: Duty; ms: number; rank: number }[] = [];
  const owners = new Map<string, Owner>();
  const dayShifts = new Map<number, readonly DayShift[]>();
  const inPeriod = (ms: number): boolean => period === null || (ms >= period.start && ms < period.end);
  // Deadlines repeat (a shift's end, 17:30): format each instant once.
  const formatted = new Map<number, string>();
  const fmt = (ms: number): string => {
    let text = formatted.get(ms);
    if (text === undefined) {
      text = formatInstant(ms, zone);
      if (formatted.size < 100_000) formatted.set(ms, text);
    }
    return text;
  };
  const dayOf = (ms: number): number => businessDayNumber(ms, zone, 0);
  const add = (kind: DutyKind, ref: string, orderId: string | null, due: number, rule: string, owner: Owner | null, systemDeadline: number | null = null): void => {
    if (!inPeriod(due)) return;
    const duty: Duty = {
      kind,
      ref,
      orderId,
      due: fmt(due),
      deadline: owner ? (Number.isNaN(owner.deadline) ? null : fmt(owner.deadline)) : systemDeadline === null ? null : fmt(systemDeadline),
      owner: owner?.owner ?? null,
      by: owner ? "agent" : "system",
      alsoEligible: owner?.alsoEligible ?? [],
      rule,
      unowned: owner?.unowned ?? null,
    };
    duties.push({ duty, ms: due, rank: KIND_ORDER.indexOf(kind) });
  };

  for (const [parity, list] of [["odd", dp.shopReviews.odd], ["even", dp.shopReviews.even]] as const) {
    list.forEach((id, i) => {
      if (known && !known.has(id)) {
        issues.add({ code: IssueCode.unknownAgent, path: ["policy", "duties", "shopReviews", parity, i], message: `"${id}" is not in the agents list` });
      }
    });
  }

  // Orders: address checks and payment reminders.
  const sms = dp.paymentReminder;
  const smsAbove = parseFen(sms.smsAboveAmount);
  (input.orders ?? []).forEach((o, i) => {
    const created = parseInstant(o?.createdAt, zone);
    const paid = o?.paidAt === undefined || o.paidAt === null || o.paidAt === "" ? null : parseInstant(o.paidAt, zone);
    const amount = parseFen(o?.amount);
    const bad = (field: string, message: string): void => {
      const issue: Issue = { code: IssueCode.invalidValue, path: ["orders", i, field], message };
      issues.add(typeof o?.orderId === "string" ? { ...issue, recordId: `orderId "${o.orderId}"` } : issue);
    };
    if (typeof o?.orderId !== "string" || o.orderId === "") return bad("orderId", "is missing; expected an id");
    if (Number.isNaN(created)) return bad("createdAt", describeInstantError(o.createdAt, zone));
    if (paid !== null && Number.isNaN(paid)) return bad("paidAt", describeInstantError(o.paidAt, zone));
    if (amount < 0) return bad("amount", `${quoteValue(typeof o.amount === "number" ? String(o.amount) : o.amount)} is not an amount ≥ 0 with at most 2 decimals`);
    const payAgent: unknown = o.payAgent;
    if (payAgent !== undefined && payAgent !== null && typeof payAgent !== "string") return bad("payAgent", `expected the payAgent's id (text), got ${describeValue(payAgent)}`);
    if (paid !== null && o.payAgent) {
      if (known && !known.has(o.payAgent)) bad("payAgent", `"${o.payAgent}" is not in the agents list`);
      add("addressCheck", o.orderId, o.orderId, paid, "R1 核对地址: payAgent, at payment", {
        owner: o.payAgent,
        deadline: paid,
        alsoEligible: [],
        unowned: null,
      });
    }
    const smsDue = created + sms.smsAfterMinutes * MINUTE;
    if (amount > smsAbove && (paid === null || paid > smsDue)) {
      add("smsReminder", o.orderId, o.orderId, smsDue, `R1 短信催付: unpaid at ${sms.smsAfterMinutes} min, > ${sms.smsAboveAmount}`, null, smsDue);
    }
    const humanDue = created + sms.humanAfterMinutes * MINUTE;
    if (paid === null || paid > humanDue) {
      const o2 = ownerByWeekRule(humanDue, dayOf(humanDue), true);
      add("humanReminder", o.orderId, o.orderId, humanDue, `R1 催付: unpaid at ${sms.humanAfterMinutes} min; ${WEEK}`, o2);
    }
  });

  // Returned parcels.
  const inspectBy = parseTimeOfDay(dp.returnedParcels.inspectBy);
  for (const { record: p } of parseRecords("returnedParcels", input.returnedParcels ?? [], ReturnedParcelSchema, issues, "parcelId")) {
    const arrived = parseInstant(p.arrivedAt, zone);
    let day = dayOf(arrived);
    if (arrived >= instantOfDayNumber(day, zone, inspectBy)) day++;
    const deadline = instantOfDayNumber(day, zone, inspectBy);
    const found = ownerByWeekRule(Math.max(arrived, instantOfDayNumber(day, zone, 0)), day, false);
    add("returnedParcel", p.parcelId, p.orderId ? p.orderId : null, arrived, `R1 退货包裹: by ${dp.returnedParcels.inspectBy}; ${WEEK}`, found && { ...found, deadline });
  }

  // Neutral/negative reviews: the parity of the day of each buyer's first review.
  const reviews = parseRecords("shopReviews", input.shopReviews ?? [], ShopReviewSchema, issues, "reviewId").map(({ record }) => ({
    record,
    ms: parseInstant(record.at, zone),
  }));
  throwInRecordOrder(issues);
  const firstReview = new Map<string, { ms: number; reviewId: string }>();
  for (const r of reviews) {
    const f = firstReview.get(r.record.buyerId);
    if (!f || r.ms < f.ms || (r.ms === f.ms && r.record.reviewId < f.reviewId)) firstReview.set(r.record.buyerId, { ms: r.ms, reviewId: r.record.reviewId });
  }
  for (const r of reviews) {
    const first = firstReview.get(r.record.buyerId)!;
    const dom = Number(dateOfDayNumber(dayOf(first.ms)).slice(8, 10));
    const parity = dom % 2 === 1 ? "odd" : "even";
    const list = dp.shopReviews[parity];
    const day = dayOf(r.ms);
    const working = list.filter((id) => {
      const s = roster.slot(id, day);
      return s !== undefined && s.shift !== "off";
    });
    const deadline = r.ms + dp.shopReviews.handleWithinHours * HOUR;
    const rule = `R1 中差评: first review on day ${dom} (${parity}): duties.shopReviews.${parity}`;
    add("shopReview", r.record.reviewId, r.record.orderId ? r.record.orderId : null, r.ms, rule, {
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

  duties.sort((a, b) => a.ms - b.ms || a.rank - b.rank || (a.duty.ref < b.duty.ref ? -1 : a.duty.ref > b.duty.ref ? 1 : 0));
  const per = new Map<string, Record<DutyKind, number>>();
  let system = 0;
  let unowned = 0;
  for (const { duty } of duties) {
    if (duty.by === "system") system++;
    else if (duty.owner === null) unowned++;
    else {
      const c = per.get(duty.owner) ?? { addressCheck: 0, smsReminder: 0, humanReminder: 0, returnedParcel: 0, shopReview: 0 };
      c[duty.kind]++;
      per.set(duty.owner, c);
    }
  }
  return {
    duties: duties.map((d) => d.duty),
    agents: [...per.keys()].sort().map((agentId) => ({ agentId, counts: per.get(agentId)! })),
    system,
    unowned,
  };

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
      const merged = chosen.flatMap((s) => s.agents.map((agentId) => ({ agentId, end: s.end }))).sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
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
export function safeAssignDuties(input: DutiesInput, policy?: PolicyInput | Policy, options?: DutiesOptions): SafeResult<DutiesResult> {
  return safely(() => assignDuties(input, policy, options));
}

