/**
 * Who is on shift when, for the rules that read the roster as presence (R7's replay, staffing): an
 * agent comes online at a working shift's start and goes offline at its end or at their dismissal
 * (the agents file's or a penalty ladder's), whichever is first; a shift after the dismissal is none.
 */
import { disciplineOfMonth } from "../discipline/evaluateDiscipline.js";
import { IssueCode, IssueList, KefuKpiError } from "../errors.js";
import { throwInMonthOrder, type DecodedMonth, type MonthTables } from "../records/month.js";
import { periodOf, readOption } from "../records/options.js";
import { checkRosterRows, indexRoster, type RosterIndex } from "../roster/rosterIndex.js";
import type { Period } from "../time/period.js";
import { employmentOfMonth } from "./employment.js";

/** What the rules over the arrivals and the roster read (R7's replay, staffing). */
export interface RosterArrivalsInput {
  readonly roster: readonly unknown[];
  /** The arrivals: each consultation's start and end (and for the replay its `source`, 入线来源); or the chat log standing for them. */
  readonly consultations?: readonly unknown[];
  readonly messages?: readonly unknown[];
  /** The routing groups (`group` aftersale is after-sales) and the dismissals. */
  readonly agents?: readonly unknown[];
  /** A penalty ladder's dismissal takes the agent off shift from its instant. */
  readonly violations?: readonly unknown[];
  /** Upheld complaints step the ladder too. */
  readonly complaints?: readonly unknown[];
}

/**
 * The month's roster checked (an agent twice on a date is an error), the period read from its
 * label, and the consultations and the roster present (each is an error naming it when missing).
 */
export function arrivalsOverRoster(month: DecodedMonth, label: string, purpose: string): { period: Period; consultations: NonNullable<MonthTables["consultations"]> } {
  const issues = new IssueList();
  checkRosterRows(month, issues);
  throwInMonthOrder(issues);
  const period = readOption("period", () => periodOf(month, label));
  const consultations = month.tables.consultations;
  if (consultations === undefined || month.tables.roster === undefined) {
    throw new KefuKpiError([{ code: IssueCode.missingField, path: [consultations === undefined ? "consultations" : "roster"], message: `is missing; ${purpose}` }]);
  }
  return { period, consultations };
}

/** An agent coming online (a shift's start) or going offline (its end or the dismissal). */
export interface ShiftChange {
  readonly at: number;
  readonly agent: number;
  readonly online: boolean;
}

export interface OnShiftTimeline {
  readonly roster: RosterIndex;
  /** Every change, by instant (a shift's start and its end in pairs; ties in roster order). */
  readonly changes: readonly ShiftChange[];
}

/** Whether the month steps any penalty ladder: violations, complaints or attendance records given. */
export function laddersGiven(month: DecodedMonth): boolean {
  const t = month.tables;
  return t.violations !== undefined || t.complaints !== undefined || t.attendance !== undefined;
}

/** The month's roster as changes of presence (the month has a roster table). */
export function onShiftTimeline(month: DecodedMonth): OnShiftTimeline {
  const ladder = laddersGiven(month) ? disciplineOfMonth(month).dismissals : undefined;
  const gone = new Float64Array(month.agents.ids.length).fill(Infinity);
  for (const [a, e] of employmentOfMonth(month, ladder)) if (e.dismissedMs === e.dismissedMs) gone[a] = e.dismissedMs;
  const roster = indexRoster(month, month.policy.roster, month.zone);
  const changes: ShiftChange[] = [];
  for (const slots of roster.byDay.values()) {
    for (const s of slots) {
      if (s.shift === "off" || s.start >= gone[s.agent]!) continue;
      changes.push({ at: s.start, agent: s.agent, online: true }, { at: Math.min(s.end, gone[s.agent]!), agent: s.agent, online: false });
    }
  }
  changes.sort((x, y) => x.at - y.at);
  return { roster, changes };
}
