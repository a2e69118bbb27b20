import { OPTION_FORMS, describeValue } from "../input.js";
import { IssueCode, IssueList, KefuKpiError, safely, type SafeResult } from "../errors.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { monthFor, throwInMonthOrder, type DecodedMonth } from "../records/month.js";
import { daysInMonth } from "../time/parse.js";
import { dateOfDayNumber, dayNumberOfDate } from "../time/period.js";
import { overtimeOf, type RosterOvertime } from "./overtime.js";
import { checkRosterRows, indexRoster, shiftMinutes, type Shift } from "./rosterIndex.js";
import { coverageGaps, handoverGaps, type CoverageGap } from "./serviceHours.js";

export interface RosterInput {
  readonly roster: readonly unknown[];
  /** When given, every rostered agentId must be in it. */
  readonly agents?: readonly { readonly agentId: string }[];
  /** When given, the work past each shift's end (`overtime`). */
  readonly consultations?: readonly unknown[];
  /** The chat log, standing for the consultations it makes. */
  readonly messages?: readonly unknown[];
}

/** The roster rules of R6 a breach names. */
export type RosterRule = "restDays" | "nightThenDay" | "consecutiveDays" | "handover" | "wholeDayOff" | "hoursSpread" | "unrosteredDays";

export interface RosterBreach {
  readonly agentId: string;
  /** The date the breach is on; null for a rule of the whole month. */
  readonly date: string | null;
  readonly rule: RosterRule;
  readonly message: string;
}

export interface RosterAgentSummary {
  readonly agentId: string;
  readonly shifts: Readonly<Record<Shift, number>>;
  /** Days rostered `off`. */
  readonly restDays: number;
  /** Days of the month with no roster row. */
  readonly unrosteredDays: number;
  readonly minutes: number;
  /** `h:mm`. */
  readonly hours: string;
}

export interface RosterCheck {
  readonly month: string;
  /** Agents with at least one row in the month, by agentId. */
  readonly agents: readonly RosterAgentSummary[];
  /** The team's mean monthly hours (`h:mm`, to the nearest minute); null with no agent. */
  readonly meanHours: string | null;
  /** By date (month-wide breaches last), then agentId, then rule. */
  readonly breaches: readonly RosterBreach[];
  /** The service hours (客服部在线时间) and the stretches of them with too few agents on shift, by date and time. */
  readonly coverage: {
    /** `HH:mm–HH:mm`, from the policy. */
    readonly serviceHours: string;
    readonly minOnShift: number;
    readonly gaps: readonly CoverageGap[];
  };
  /** Work past a shift's end while a buyer was still being served, by date then agent; empty without consultations. */
  readonly overtime: readonly RosterOvertime[];
}

/**
 * Checks a month's roster (排班表) against R6: each agent's rest days equal
 * `roster.restDaysPerMonth` (default 4, 每月四天休息); a night shift is not followed by a full day
 * shift (值晚班客服第二天不适合上全白班; the day before the month is looked at when rostered); at
 * most `roster.maxConsecutiveDays` working days in a row (default 6, 做六休一; the days before the
 * month are counted when rostered); a day shift ends no earlier than the night shift starts
 * (hand-over); at least one whole day off (一整天的休息); monthly hours within
 * `roster.hoursTolerance` hours of the team's mean (roughly equal hours); every day of the month
 * rostered. Each breach names the agent, the date and the rule. Besides: the stretches of the
 * service hours (`roster.serviceHours`, 客服部在线时间 09:00–23:30) with fewer than
 * `roster.minOnShift` agents on shift, and, given consultations, the work past each shift's end
 * while a buyer was still being served (overtime).
 *
 * @param input - roster rows (any months; only `month` is checked), the agents and the
 *   consultations (or the chat log), or a month decoded by `decodeMonth`
 * @param policy - `roster` (shift definitions, rest days, tolerance); with a decoded month, leave it
 *   out (undefined) or give the policy the month was decoded under
 * @param month - `YYYY-MM`
 * @throws {KefuKpiError} for malformed rows, unknown agents, an agent rostered twice on a date
 * @example
 * checkRoster({ roster }, {}, "2020-02").breaches[0]
 * //=> { agentId: "A02", date: "2020-02-08", rule: "nightThenDay", message: "night shift on 2020-02-07 followed by a full day shift" }
 */
export function checkRoster(input: RosterInput | DecodedMonth, policy: PolicyInput | Policy | undefined, month: string): RosterCheck {
  monthDays(month);
  const decoded = monthFor(input, policy, ["agents", "roster", "consultations"], { required: ["roster"], check: checkRosterRows });
  return rosterOfMonth(decoded, month);
}

/** The first and last day numbers of a month `YYYY-MM` (an issue at `options.month` when it is not one). */
function monthDays(month: unknown): { first: number; last: number } {
  if (typeof month !== "string") {
    throw new KefuKpiError([{ code: IssueCode.invalidType, path: ["month"], message: `expected ${OPTION_FORMS.month}, got ${describeValue(month)}` }]);
  }
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new KefuKpiError([{ code: IssueCode.invalidValue, path: ["month"], message: `"${month}" is not a month; expected YYYY-MM` }]);
  const first = dayNumberOfDate(`${month}-01`);
  return { first, last: first + daysInMonth(Number(m[1]), Number(m[2])) - 1 };
}

/**
 * {@link checkRoster} of a decoded month.
 *
 * @param offDuty - roster rows (1) of agents no longer there (a rostered day after a dismissal):
 *   planned, so counted by the roster's rules, but nobody on shift for the coverage, the
 *   hand-over and the overtime
 * @throws {KefuKpiError} for a bad month, or an agent rostered twice on a date
 */
export function rosterOfMonth(decoded: DecodedMonth, month: string, offDuty: Uint8Array | null = null): RosterCheck {
  const { first, last } = monthDays(month);
  const issues = new IssueList();
  checkRosterRows(decoded, issues);
  throwInMonthOrder(issues);
  const r = decoded.policy.roster;
  const index = indexRoster(decoded, r, decoded.zone);
  const onDuty = offDuty === null ? index : indexRoster(decoded, r, decoded.zone, offDuty);

  const minutesOf = shiftMinutes(r);
  const breaches: RosterBreach[] = [];
  const summaries: RosterAgentSummary[] = [];
  for (const agent of index.agents) {
    const agentId = decoded.agents.ids[agent]!;
    const shifts: Record<Shift, number> = { day: 0, halfDay: 0, night: 0, off: 0 };
    const missing: string[] = [];
    let minutes = 0;
    // 做六休一: the working days in a row up to the day before, those before the month counted.
    let run = 0;
    let runFrom = first;
    while (isWorking(index.slot(agent, runFrom - 1)?.shift)) runFrom--;
    run = first - runFrom;
    for (let d = first; d <= last; d++) {
      const slot = index.slot(agent, d);
      if (isWorking(slot?.shift)) {
        if (run === 0) runFrom = d;
        run++;
        if (run === r.maxConsecutiveDays + 1 || (d === first && run > r.maxConsecutiveDays)) {
          breaches.push({
            agentId,
            date: dateOfDayNumber(d),
            rule: "consecutiveDays",
            message: `the ${ordinal(run)} working day in a row (from ${dateOfDayNumber(runFrom)}); at most ${r.maxConsecutiveDays} (policy roster.maxConsecutiveDays)`,
          });
        }
      } else run = 0;
      if (!slot) {
        missing.push(dateOfDayNumber(d));
        continue;
      }
      shifts[slot.shift]++;
      minutes += minutesOf[slot.shift];
      if (slot.shift === "day" && index.slot(agent, d - 1)?.shift === "night") {
        breaches.push({ agentId, date: dateOfDayNumber(d), rule: "nightThenDay", message: `night shift on ${dateOfDayNumber(d - 1)} followed by a full day shift` });
      }
    }
    if (missing.length === last - first + 1) continue; // not rostered this month
    summaries.push({ agentId, shifts, restDays: shifts.off, unrosteredDays: missing.length, minutes, hours: hm(minutes) });
    if (missing.length > 0) {
      breaches.push({ agentId, date: null, rule: "unrosteredDays", message: `${missing.length} days without a roster row: ${missing.join(", ")}` });
    }
    if (shifts.off !== r.restDaysPerMonth) {
      breaches.push({ agentId, date: null, rule: "restDays", message: `${shifts.off} rest days in ${month}; expected ${r.restDaysPerMonth} (policy roster.restDaysPerMonth)` });
    }
    if (shifts.off === 0) breaches.push({ agentId, date: null, rule: "wholeDayOff", message: `no whole day off in ${month}` });
  }
  const n = summaries.length;
  const total = summaries.reduce((s, a) => s + a.minutes, 0);
  const tolerance = Math.round(r.hoursTolerance * 60);
  for (const a of summaries) {
    // |minutes − total / n| > tolerance, in integers.
    if (Math.abs(a.minutes * n - total) > tolerance * n) {
      breaches.push({
        agentId: a.agentId,
        date: null,
        rule: "hoursSpread",
        message: `${a.hours} h in ${month}, ${a.minutes * n > total ? "above" : "below"} the team mean ${hm(Math.round(total / n))} h by more than ${r.hoursTolerance} h (policy roster.hoursTolerance)`,
      });
    }
  }
  for (const h of handoverGaps(onDuty, r, first, last)) breaches.push({ ...h, rule: "handover" });
  const order: RosterRule[] = ["nightThenDay", "consecutiveDays", "handover", "unrosteredDays", "restDays", "wholeDayOff", "hoursSpread"];
  breaches.sort(
    (a, b) =>
      (a.date ?? "9999") < (b.date ?? "9999") ? -1 : (a.date ?? "9999") > (b.date ?? "9999") ? 1 : a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : order.indexOf(a.rule) - order.indexOf(b.rule),
  );
  return {
    month,
    agents: summaries,
    meanHours: n === 0 ? null : hm(Math.round(total / n)),
    breaches,
    coverage: { serviceHours: `${r.serviceHours.start}–${r.serviceHours.end}`, minOnShift: r.minOnShift, gaps: coverageGaps(onDuty, r, first, last) },
    overtime: overtimeOf(decoded, onDuty, first, last),
  };
}

/** {@link checkRoster} returning `{ success, data | issues }` instead of throwing. */
export function safeCheckRoster(input: RosterInput | DecodedMonth, policy: PolicyInput | Policy | undefined, month: string): SafeResult<RosterCheck> {
  return safely(() => checkRoster(input, policy, month));
}

const isWorking = (shift: Shift | undefined): boolean => shift !== undefined && shift !== "off";

/** 7th, 11th, 21st … */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

function hm(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}
