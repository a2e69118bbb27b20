import { IssueCode, IssueList, safely, type SafeResult } from "../errors.js";
import { formatFen, parseFen } from "../money/fen.js";
import type { DISCIPLINARY_ACTIONS, DisciplinePolicy } from "../policy/people.js";
import { resolvePolicy } from "../policy/resolve.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { parseRecords, throwInRecordOrder } from "../schema/parseRecords.js";
import { checkInput, checkOptions, readTextOption } from "../input.js";
import { parseInstant } from "../time/parse.js";
import { businessDateOf, formatInstant, monthIndexOf, monthLabel, monthPeriod, parseTimeOfDay } from "../time/period.js";
import { zoneOf } from "../time/zone.js";
import { ViolationSchema, type Violation } from "./schema.js";
import { fundLedger, type FundLedger } from "./fundLedger.js";

/** What the discipline rules need to know of an agent (a row of the agents file will do). */
export interface StaffMember {
  readonly agentId: string;
  readonly hiredAt?: string | null | undefined;
  readonly dismissedAt?: string | null | undefined;
}

export interface DisciplineInput {
  /** The staff (agents and supervisors). When given, every agentId and condonedBy must be in it. */
  readonly agents?: readonly StaffMember[];
  /** All violations since hire (not only the month's): the ladder counts them. */
  readonly violations: readonly unknown[];
}

export interface DisciplineOptions {
  /** `YYYY-MM`: report the lines of this month; earlier lines only count, and open the fund. */
  readonly month?: string;
}

/** What one occurrence did to one person: the rule, the ladder step, the actions and the fine. */
export interface DisciplineLine {
  readonly violationId: string;
  readonly rule: string;
  readonly ruleLabel: string;
  /** The person penalized. */
  readonly agentId: string;
  /** `violator`, or `supervisor` who saw the violation and did not stop it (seed 000). */
  readonly liability: "violator" | "supervisor";
  readonly violatorId: string;
  readonly at: string;
  readonly date: string;
  /** The counting window: `sinceHire`, or the calendar month `YYYY-MM`. */
  readonly window: string;
  /** This person's n-th occurrence of the rule in the window. */
  readonly occurrence: number;
  /** The ladder step applied (1-based); null after dismissal. */
  readonly step: number | null;
  readonly actions: readonly (typeof DISCIPLINARY_ACTIONS)[number][];
  readonly fine: string;
  /** `penalized`, or `afterDismissal`: reported, not fined again. */
  readonly outcome: "penalized" | "afterDismissal";
  readonly explanation: string;
}

/**
 * Per person with lines in the reported period, and per person dismissed by the ladder before its
 * end (a dismissal is permanent: later months list it with no lines): fines of the reported lines
 * and the dismissal, if any.
 */
export interface DisciplineStanding {
  readonly agentId: string;
  readonly lines: number;
  readonly fines: string;
  /** When the person was dismissed (by the ladder or the agents file), up to the end of the reported period. */
  readonly dismissedAt: string | null;
  /** The violation whose ladder step dismissed the person; null when dismissed by the agents file or not at all. */
  readonly dismissedBy: string | null;
}

export interface DisciplineResult {
  readonly window: DisciplinePolicy["window"];
  /** The reported lines, by time, then violationId, the violator before the supervisor. */
  readonly lines: readonly DisciplineLine[];
  readonly agents: readonly DisciplineStanding[];
  /** The department activity fund (部门活动经费): fines of earlier months open it. */
  readonly fund: FundLedger;
}

interface Event {
  readonly v: Violation;
  readonly ms: number;
  readonly person: string;
  readonly liability: "violator" | "supervisor";
}

/**
 * Applies the penalty ladders (R4) to violations: each occurrence steps the person's ladder for
 * the rule within the counting window (since hire, or each calendar month); a supervisor named in
 * `condonedBy` is penalized on the same ladder, on the supervisor's own count; the step that
 * dismisses ends the ladder, and later occurrences are reported with no fine. Every fine goes to
 * the fund's ledger.
 *
 * @param input - the staff and every violation since hire
 * @param policy - the policy (`discipline`, `timeZone`)
 * @param options - the month to report
 * @returns the lines (rule, step, actions, fine, why), each person's total and the fund ledger
 * @throws {KefuKpiError} for malformed violations, unknown agents or rules, duplicate ids
 * @example
 * evaluateDiscipline({ violations: [{ violationId: "V1", agentId: "A01", at: "2020-02-03 10:00", rule: "nonWorkActivity" }] }).lines[0]
 * //=> { step: 1, actions: ["verbalWarning"], fine: "10.00", … }
 */
export function evaluateDiscipline(
  input: DisciplineInput,
  policy: PolicyInput | Policy = {},
  options: DisciplineOptions = {},
): DisciplineResult {
  checkInput(input, ["violations", "agents"], ["violations"]);
  const opts = checkOptions(options, ["month"]);
  const resolved = resolvePolicy(policy);
  const zone = zoneOf(resolved);
  const cutover = parseTimeOfDay(resolved.businessDayStartsAt);
  const month = readTextOption(opts, "month", (label) => monthPeriod(label, zone, cutover));
  const d = resolved.discipline;
  const issues = new IssueList();
  const staff = new Map<string, { hired: number; dismissed: number }>();
  for (const a of input.agents ?? []) {
    staff.set(a.agentId, { hired: parseInstant(a.hiredAt, zone), dismissed: parseInstant(a.dismissedAt, zone) });
  }
  const checkPerson = (v: Violation, index: number, field: "agentId" | "condonedBy", ms: number): void => {
    const id = v[field] as string;
    const who = staff.get(id);
    const recordId = `violationId "${v.violationId}"`;
    if (input.agents === undefined) return;
    if (!who) {
      issues.add({ code: IssueCode.unknownAgent, path: ["violations", index, field], message: `"${id}" is not in the agents list`, recordId });
    } else if (ms < who.hired) {
      issues.add({ code: IssueCode.invalidValue, path: ["violations", index, "at"], message: `is before ${id} was hired (${formatInstant(who.hired, zone)})`, recordId });
    }
  };

  const events: Event[] = [];
  for (const { record: v, index } of parseRecords("violations", input.violations, ViolationSchema, issues, "violationId")) {
    const ms = parseInstant(v.at, zone);
    if (!Object.hasOwn(d.rules, v.rule)) {
      issues.add({
        code: IssueCode.invalidValue,
        path: ["violations", index, "rule"],
        message: `"${v.rule}" is not a rule of the policy; expected one of ${Object.keys(d.rules).join(", ")} (policy discipline.rules)`,
        recordId: `violationId "${v.violationId}"`,
      });
      continue;
    }
    checkPerson(v, index, "agentId", ms);
    events.push({ v, ms, person: v.agentId, liability: "violator" });
    const sup = v.condonedBy;
    if (sup !== undefined && sup !== null && sup !== "") {
      if (sup === v.agentId) {
        issues.add({ code: IssueCode.invalidValue, path: ["violations", index, "condonedBy"], message: "is the violator; condonedBy names the supervisor who saw it", recordId: `violationId "${v.violationId}"` });
      }
      checkPerson(v, index, "condonedBy", ms);
      if (d.supervisorLiability) events.push({ v, ms, person: sup, liability: "supervisor" });
    }
  }
  throwInRecordOrder(issues);

  events.sort((a, b) => a.ms - b.ms || cmp(a.v.violationId, b.v.violationId) || (a.liability === "violator" ? -1 : 1));
  const period = month ?? null;
  const counts = new Map<string, number>();
  const dismissed = new Map<string, { ms: number; by: string | null }>();
  for (const [id, s] of staff) if (!Number.isNaN(s.dismissed)) dismissed.set(id, { ms: s.dismissed, by: null });
  const lines: DisciplineLine[] = [];
  let earlierFen = 0;
  for (const e of events) {
    // The violator was no longer staff: there was no violation of the rules to stop, so the
    // supervisor's ladder does not step (the violator's line says so).
    if (e.liability === "supervisor" && condonedAfterDismissal(e, dismissed.get(e.v.agentId))) continue;
    const rule = d.rules[e.v.rule]!;
    const ladder = rule.ladder ?? d.ladder;
    const window = d.window === "sinceHire" ? "sinceHire" : monthLabel(monthIndexOf(e.ms, zone, cutover));
    const key = `${e.person}\u0000${e.v.rule}\u0000${window}`;
    const occurrence = (counts.get(key) ?? 0) + 1;
    counts.set(key, occurrence);
    const gone = dismissed.get(e.person);
    let line: DisciplineLine;
    const base = {
      violationId: e.v.violationId,
      rule: e.v.rule,
      ruleLabel: rule.label,
      agentId: e.person,
      liability: e.liability,
      violatorId: e.v.agentId,
      at: formatInstant(e.ms, zone),
      date: businessDateOf(e.ms, zone, cutover),
      window,
      occurrence,
    };
    const who = e.liability === "supervisor" ? `supervisor ${e.person} condoned ${e.v.agentId}'s violation` : `${e.person}`;
    if (gone !== undefined && e.ms >= gone.ms) {
      line = {
        ...base,
        step: null,
        actions: [],
        fine: "0.00",
        outcome: "afterDismissal",
        explanation:
          `${who}: occurrence ${occurrence} of ${e.v.rule} after dismissal on ${formatInstant(gone.ms, zone)}${gone.by ? ` (${gone.by})` : ""}; reported, not fined` +
          (e.liability === "violator" && d.supervisorLiability && e.v.condonedBy ? `; ${e.v.condonedBy}, who condoned it, is not penalized either (${e.person} was no longer staff)` : ""),
      };
    } else {
      const stepIndex = Math.min(occurrence, ladder.length) - 1;
      const step = ladder[stepIndex]!;
      if (step.actions.includes("dismissal")) dismissed.set(e.person, { ms: e.ms, by: e.v.violationId });
      const beyond = occurrence > ladder.length ? ` (beyond the ladder's ${ladder.length} steps: the last step repeats)` : "";
      line = {
        ...base,
        step: stepIndex + 1,
        actions: step.actions,
        fine: formatFen(parseFen(step.fine)),
        outcome: "penalized",
        explanation:
          `${who}: occurrence ${occurrence} of ${e.v.rule} (${window === "sinceHire" ? "since hire" : `in ${window}`}) → ladder step ${stepIndex + 1}${beyond}: ` +
          `${[...step.actions, `fine ${formatFen(parseFen(step.fine))}`].join(" + ")}`,
      };
    }
    if (period !== null && e.ms < period.start) earlierFen += parseFen(line.fine);
    if (period === null || (e.ms >= period.start && e.ms < period.end)) lines.push(line);
  }

  const per = new Map<string, { lines: number; fen: number }>();
  for (const l of lines) {
    const p = per.get(l.agentId) ?? { lines: 0, fen: 0 };
    p.lines++;
    p.fen += parseFen(l.fine);
    per.set(l.agentId, p);
  }
  const end = period?.end ?? Infinity;
  // A dismissal by the ladder is permanent: every later month lists the person, lines or not.
  const ids = new Set(per.keys());
  for (const [id, gone] of dismissed) if (gone.by !== null && gone.ms < end) ids.add(id);
  const agents: DisciplineStanding[] = [...ids].sort(cmp).map((id) => {
    const p = per.get(id) ?? { lines: 0, fen: 0 };
    const gone = dismissed.get(id);
    const inScope = gone !== undefined && gone.ms < end;
    return {
      agentId: id,
      lines: p.lines,
      fines: formatFen(p.fen),
      dismissedAt: inScope ? formatInstant(gone.ms, zone) : null,
      dismissedBy: inScope ? gone.by : null,
    };
  });
  return { window: d.window, lines, agents, fund: fundLedger(lines, formatFen(earlierFen)) };
}

/** {@link evaluateDiscipline} returning `{ success, data | issues }` instead of throwing. */
export function safeEvaluateDiscipline(
  input: DisciplineInput,
  policy?: PolicyInput | Policy,
  options?: DisciplineOptions,
): SafeResult<DisciplineResult> {
  return safely(() => evaluateDiscipline(input, policy, options));
}

// A supervisor's liability needs a violation by staff: a violation after the violator's dismissal
// (by an earlier violation, or the agents file) is not one. The violation that dismisses still is.
function condonedAfterDismissal(e: Event, violatorGone: { ms: number; by: string | null } | undefined): boolean {
  return violatorGone !== undefined && e.ms >= violatorGone.ms && violatorGone.by !== e.v.violationId;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
