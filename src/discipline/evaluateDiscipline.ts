import { checkOptions } from "../input.js";
import { IssueCode, IssueList, safely, type SafeResult } from "../errors.js";
import { formatFen, parseFen } from "../money/fen.js";
import type { DISCIPLINARY_ACTIONS, DisciplinePolicy } from "../policy/people.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { monthFor, throwInMonthOrder, type DecodedMonth } from "../records/month.js";
import { monthOf, readOption } from "../records/options.js";
import { agentRows, recordIssue } from "../records/rows.js";
import { RECORD_SCHEMAS, type RecordOf } from "../records/schema.js";
import { businessDateOf, formatInstant, monthIndexOf, monthLabel } from "../time/period.js";
import { ledgerOfFen, type FundLedger } from "./fundLedger.js";
import { attendanceFindings } from "./attendance.js";

/** One violation (违规) by an agent; `condonedBy` is a supervisor who saw it and did not stop it. */
export type Violation = RecordOf<"violations">;
/** A violation as the library takes it (the same type as {@link Violation}). */
export type ViolationInput = Violation;
/** The schema of one violation (`RECORD_SCHEMAS.violations`, wall times read in UTC): its output is the decoded record. */
export const ViolationSchema = RECORD_SCHEMAS.violations;

/** What the discipline rules need to know of an agent (a row of the agents file will do). */
export interface StaffMember {
  readonly agentId: string;
  readonly hiredAt?: string | null | undefined;
  readonly dismissedAt?: string | null | undefined;
}

export interface DisciplineInput {
  /** The staff (agents and supervisors). When given, every agentId and condonedBy must be in it. */
  readonly agents?: readonly StaffMember[];
  /** All violations since hire (not only the month's): the ladder counts them. Required unless `complaints` or `attendance` are given. */
  readonly violations?: readonly unknown[];
  /** The buyers' complaints since hire: each upheld one steps the ladder of `discipline.complaintRule`. */
  readonly complaints?: readonly unknown[];
  /** Sign-ins and sign-outs (考勤): with the roster, late, leaving early and absent step the ladders of `discipline.attendance`. */
  readonly attendance?: readonly unknown[];
  /** The roster the attendance is checked against. */
  readonly roster?: readonly unknown[];
}

export interface DisciplineOptions {
  /** `YYYY-MM`: report the lines of this month; earlier lines only count, and open the fund. */
  readonly month?: string;
}

/** What one occurrence did to one person: the rule, the ladder step, the actions and the fine. */
export interface DisciplineLine {
  /** The violation's id, or the upheld complaint's `complaintId` (its rule is `discipline.complaintRule`). */
  readonly violationId: string;
  readonly rule: string;
  readonly ruleLabel: string;
  /** The rule whose ladder and count the occurrence steps: `rule`, or the rule it counts with (`discipline.rules[rule].countsWith`). */
  readonly ladderRule: string;
  /** The person penalized. */
  readonly agentId: string;
  /** `violator`, or `supervisor` who saw the violation and did not stop it (seed 000). */
  readonly liability: "violator" | "supervisor";
  readonly violatorId: string;
  readonly at: string;
  readonly date: string;
  /** The counting window: `sinceHire`, or the calendar month `YYYY-MM`. */
  readonly window: string;
  /** This person's n-th occurrence of the ladder rule in the window (its own occurrences and those of the rules that count with it). */
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

/** What the month report reads of the discipline besides the result. */
export interface MonthDiscipline {
  readonly result: DisciplineResult;
  /** The dismissals by the penalty ladder before the end of the reported month (the earlier of the two dismissals), by agent number. */
  readonly dismissals: ReadonlyMap<number, { readonly ms: number; readonly by: string }>;
}

/** Where an event comes from: a violation, an upheld complaint, or an attendance finding. */
const [VIOLATION, COMPLAINT, ATTENDANCE] = [0, 1, 2] as const;

interface Event {
  /** The violation's row, the complaint's, or the attendance finding's (by `source`). */
  readonly row: number;
  readonly source: typeof VIOLATION | typeof COMPLAINT | typeof ATTENDANCE;
  readonly ms: number;
  /** The person penalized (agent number). */
  readonly person: number;
  readonly liability: "violator" | "supervisor";
}

/**
 * Applies the penalty ladders (R4) to violations: each occurrence steps the person's ladder for
 * the rule (or for the rule it `countsWith`, on one count with that rule's own) within the
 * counting window (since hire, or each calendar month); a supervisor named in `condonedBy` is
 * penalized on the same ladder, on the supervisor's own count; the step that
 * dismisses ends the ladder, and later occurrences are reported with no fine. Every fine goes to
 * the fund's ledger.
 *
 * @param input - the staff and every violation since hire, the complaints, the attendance with the
 *   roster (or a month decoded by `decodeMonth`)
 * @param policy - the policy (`discipline`, `timeZone`); with a decoded month, leave it out or give
 *   the policy the month was decoded under
 * @param options - the month to report
 * @returns the lines (rule, step, actions, fine, why), each person's total and the fund ledger
 * @throws {KefuKpiError} for malformed violations, unknown agents or rules, duplicate ids
 * @example
 * evaluateDiscipline({ violations: [{ violationId: "V1", agentId: "A01", at: "2020-02-03 10:00", rule: "nonWorkActivity" }] }).lines[0]
 * //=> { step: 1, actions: ["verbalWarning"], fine: "10.00", … }
 */
export function evaluateDiscipline(input: DisciplineInput | DecodedMonth, policy?: PolicyInput | Policy, options: DisciplineOptions = {}): DisciplineResult {
  checkOptions(options, ["month"]);
  // The violations, or the complaints or attendance (with the roster) alone: each steps the ladders.
  const given = (kind: string): boolean => typeof input === "object" && input !== null && (input as Record<string, unknown>)[kind] !== undefined;
  const month = monthFor(input, policy, ["agents", "violations", "complaints", "attendance", "roster"], { required: given("complaints") || given("attendance") ? [] : ["violations"], check: checkViolations });
  return disciplineOfMonth(month, options).result;
}

/**
 * {@link evaluateDiscipline} of a decoded month, with the ladder's dismissals.
 *
 * @throws {KefuKpiError} for a violation of a rule the policy does not have, or before its agent was hired
 */
export function disciplineOfMonth(month: DecodedMonth, options: DisciplineOptions = {}): MonthDiscipline {
  const issues = new IssueList();
  checkViolations(month, issues);
  throwInMonthOrder(issues);
  const { zone, cutover } = month;
  const d = month.policy.discipline;
  const period = options.month === undefined ? null : readOption("month", () => monthOf(month, options.month!));
  const ids = month.agents.ids;
  const table = month.tables.violations;
  const v = table?.columns;
  const events: Event[] = [];
  for (let i = 0; i < (table?.count ?? 0); i++) {
    const ms = v!.at[i]!;
    events.push({ row: i, source: VIOLATION, ms, person: v!.agentId[i]!, liability: "violator" });
    const sup = v!.condonedBy[i]!;
    if (sup >= 0 && d.supervisorLiability) events.push({ row: i, source: VIOLATION, ms, person: sup, liability: "supervisor" });
  }
  // An upheld complaint (因服务原因) is an occurrence of the complaint rule by the agent complained of.
  const complaints = month.tables.complaints;
  const k = complaints?.columns;
  if (d.complaintRule !== null) {
    for (let i = 0; i < (complaints?.count ?? 0); i++) if (k!.upheld[i] === 1) events.push({ row: i, source: COMPLAINT, ms: k!.at[i]!, person: k!.agentId[i]!, liability: "violator" });
  }
  // Late, leaving early and absent against the roster: each an occurrence of its rule.
  const attendance = attendanceFindings(month);
  attendance.forEach((f, i) => events.push({ row: i, source: ATTENDANCE, ms: f.ms, person: f.agent, liability: "violator" }));
  const violationId = (e: Event): string => (e.source === COMPLAINT ? k!.complaintId.at(e.row) : e.source === ATTENDANCE ? attendance[e.row]!.id : v!.violationId.at(e.row));
  const violatorOf = (e: Event): number => (e.source === COMPLAINT ? k!.agentId[e.row]! : e.source === ATTENDANCE ? attendance[e.row]!.agent : v!.agentId[e.row]!);
  events.sort((a, b) => a.ms - b.ms || cmp(violationId(a), violationId(b)) || (a.liability === "violator" ? -1 : 1));

  // Dismissals, by agent number: the agents file's first, then the ladder's when earlier.
  const dismissed = new Map<number, { ms: number; by: string | null }>();
  const staff = month.tables.agents;
  for (let r = 0; r < (staff?.count ?? 0); r++) {
    const ms = staff!.columns.dismissedAt[r]!;
    const a = month.agents.find(staff!.columns.agentId.at(r));
    if (ms === ms && a !== undefined) dismissed.set(a, { ms, by: null });
  }
  const fenOf = stepFen();
  const counts = new Map<string, number>();
  const lines: DisciplineLine[] = [];
  const lineFen: number[] = [];
  let earlierFen = 0;
  for (const e of events) {
    const violator = violatorOf(e);
    // The violator was no longer staff: there was no violation of the rules to stop, so the
    // supervisor's ladder does not step (the violator's line says so).
    if (e.liability === "supervisor" && condonedAfterDismissal(e, violationId(e), dismissed.get(violator))) continue;
    // No attendance is expected of an agent no longer there.
    const gone = dismissed.get(e.person);
    if (e.source === ATTENDANCE && gone !== undefined && e.ms >= gone.ms) continue;
    const ruleId = e.source === COMPLAINT ? d.complaintRule! : e.source === ATTENDANCE ? d.attendance[attendance[e.row]!.kind]! : v!.rule.at(e.row);
    const rule = d.rules[ruleId]!;
    const ladderRule = rule.countsWith ?? ruleId;
    const ladder = d.rules[ladderRule]!.ladder ?? d.ladder;
    const window = d.window === "sinceHire" ? "sinceHire" : monthLabel(monthIndexOf(e.ms, zone, cutover));
    const key = `${e.person}\u0000${ladderRule}\u0000${window}`;
    const occurrence = (counts.get(key) ?? 0) + 1;
    counts.set(key, occurrence);
    const person = ids[e.person]!;
    const violatorId = ids[violator]!;
    const condonedBy = e.source === VIOLATION ? v!.condonedBy[e.row]! : -1;
    const base = {
      violationId: violationId(e),
      rule: ruleId,
      ruleLabel: rule.label,
      ladderRule,
      agentId: person,
      liability: e.liability,
      violatorId,
      at: formatInstant(e.ms, zone),
      date: businessDateOf(e.ms, zone, cutover),
      window,
      occurrence,
    };
    const who = e.liability === "supervisor" ? `supervisor ${person} condoned ${violatorId}'s violation` : person;
    const shared = ladderRule === ruleId ? "" : `${ruleId} counts with ${ladderRule}: `;
    let line: DisciplineLine;
    let fen: number;
    if (gone !== undefined && e.ms >= gone.ms) {
      fen = 0;
      line = {
        ...base,
        step: null,
        actions: [],
        fine: "0.00",
        outcome: "afterDismissal",
        explanation:
          `${who}: ${shared}occurrence ${occurrence} of ${ladderRule} after dismissal on ${formatInstant(gone.ms, zone)}${gone.by ? ` (${gone.by})` : ""}; reported, not fined` +
          (e.liability === "violator" && d.supervisorLiability && condonedBy >= 0 ? `; ${ids[condonedBy]!}, who condoned it, is not penalized either (${person} was no longer staff)` : ""),
      };
    } else {
      const stepIndex = Math.min(occurrence, ladder.length) - 1;
      const step = ladder[stepIndex]!;
      fen = fenOf(step.fine);
      if (step.actions.includes("dismissal")) dismissed.set(e.person, { ms: e.ms, by: violationId(e) });
      const beyond = occurrence > ladder.length ? ` (beyond the ladder's ${ladder.length} steps: the last step repeats)` : "";
      line = {
        ...base,
        step: stepIndex + 1,
        actions: step.actions,
        fine: formatFen(fen),
        outcome: "penalized",
        explanation:
          `${who}: ${shared}occurrence ${occurrence} of ${ladderRule} (${window === "sinceHire" ? "since hire" : `in ${window}`}) → ladder step ${stepIndex + 1}${beyond}: ` +
          `${[...step.actions, `fine ${formatFen(fen)}`].join(" + ")}`,
      };
    }
    if (period !== null && e.ms < period.start) earlierFen += fen;
    if (period === null || (e.ms >= period.start && e.ms < period.end)) {
      lines.push(line);
      lineFen.push(fen);
    }
  }

  const per = new Map<string, { lines: number; fen: number }>();
  lines.forEach((l, k) => {
    const p = per.get(l.agentId) ?? { lines: 0, fen: 0 };
    p.lines++;
    p.fen += lineFen[k]!;
    per.set(l.agentId, p);
  });
  const end = period?.end ?? Infinity;
  // A dismissal by the ladder is permanent: every later month lists the person, lines or not.
  const byLadder = new Map<number, { ms: number; by: string }>();
  for (const [a, gone] of dismissed) if (gone.by !== null && gone.ms < end) byLadder.set(a, { ms: gone.ms, by: gone.by });
  const people = new Set(per.keys());
  for (const a of byLadder.keys()) people.add(ids[a]!);
  const agents: DisciplineStanding[] = [...people].sort(cmp).map((id) => {
    const p = per.get(id) ?? { lines: 0, fen: 0 };
    const a = month.agents.find(id);
    const gone = a === undefined ? undefined : dismissed.get(a);
    const inScope = gone !== undefined && gone.ms < end;
    return {
      agentId: id,
      lines: p.lines,
      fines: formatFen(p.fen),
      dismissedAt: inScope ? formatInstant(gone.ms, zone) : null,
      dismissedBy: inScope ? gone.by : null,
    };
  });
  return { result: { window: d.window, lines, agents, fund: ledgerOfFen(lines, lineFen, earlierFen) }, dismissals: byLadder };
}

/**
 * The checks of the violations that need the policy or the agents file: the rule is one of the
 * policy's `discipline.rules`, and the violation is not before the violator (or the supervisor who
 * condoned it) was hired. Records the decoder could not read are skipped where they lack a value.
 */
export function checkViolations(month: DecodedMonth, issues: IssueList): void {
  checkComplaints(month, issues);
  checkAttendanceRules(month, issues);
  const table = month.tables.violations;
  if (table === undefined) return;
  const rules = month.policy.discipline.rules;
  const v = table.columns;
  const rows = agentRows(month);
  const hired = month.tables.agents?.columns.hiredAt;
  for (let i = 0; i < table.count; i++) {
    const rule = v.rule.at(i);
    if (rule !== "" && !Object.hasOwn(rules, rule)) {
      issues.add(
        recordIssue(table, i, "rule", IssueCode.invalidValue, `${JSON.stringify(rule)} is not a rule of the policy; expected one of ${Object.keys(rules).join(", ")} (policy discipline.rules)`),
      );
      continue;
    }
    const ms = v.at[i]!;
    if (hired === undefined || ms !== ms) continue;
    for (const a of [v.agentId[i]!, v.condonedBy[i]!]) {
      const r = a >= 0 ? rows[a]! : -1;
      if (r < 0 || !(ms < hired[r]!)) continue;
      issues.add(recordIssue(table, i, "at", IssueCode.invalidValue, `is before ${month.agents.ids[a]!} was hired (${formatInstant(hired[r]!, month.zone)})`));
    }
  }
}

/**
 * With attendance records, each rule `discipline.attendance` names (late, leftEarly, absent) is
 * one of the policy's: a shop's own `discipline.rules` must have it, or the key is set to null.
 */
function checkAttendanceRules(month: DecodedMonth, issues: IssueList): void {
  if (month.tables.attendance === undefined) return;
  const { rules, attendance } = month.policy.discipline;
  for (const kind of ["late", "leftEarly", "absent"] as const) {
    const rule = attendance[kind];
    if (rule === null || Object.hasOwn(rules, rule)) continue;
    issues.add({
      code: IssueCode.invalidPolicy,
      path: ["policy", "discipline", "attendance", kind],
      message: `"${rule}" is not a rule of the policy (discipline.rules: ${Object.keys(rules).join(", ")}); with attendance records, add it, or set discipline.attendance.${kind} to null`,
    });
  }
}

/**
 * The upheld complaints step the ladder of `discipline.complaintRule`: that rule is one of the
 * policy's, the complaint is not before its agent was hired, and its id is no violation's (the
 * lines name both by id).
 */
function checkComplaints(month: DecodedMonth, issues: IssueList): void {
  const table = month.tables.complaints;
  const rule = month.policy.discipline.complaintRule;
  if (table === undefined || rule === null) return;
  const c = table.columns;
  const rules = month.policy.discipline.rules;
  const rows = agentRows(month);
  const hired = month.tables.agents?.columns.hiredAt;
  const violationIds = new Set(month.tables.violations?.columns.violationId ?? []);
  for (let i = 0; i < table.count; i++) {
    if (c.upheld[i] !== 1) continue;
    if (!Object.hasOwn(rules, rule)) {
      issues.add(recordIssue(table, i, "upheld", IssueCode.invalidValue, `an upheld complaint steps the ladder of discipline.complaintRule "${rule}", which is not a rule of the policy (discipline.rules: ${Object.keys(rules).join(", ")}); add it, or set complaintRule to null`));
      continue;
    }
    const id = c.complaintId.at(i);
    if (violationIds.has(id)) issues.add(recordIssue(table, i, "complaintId", IssueCode.duplicateId, `${JSON.stringify(id)} is also a violation's id; an upheld complaint is a line of the penalty ladder, named by its id: give it its own`));
    const a = c.agentId[i]!;
    const r = a >= 0 ? rows[a]! : -1;
    const ms = c.at[i]!;
    if (hired !== undefined && r >= 0 && ms < hired[r]!) issues.add(recordIssue(table, i, "at", IssueCode.invalidValue, `is before ${month.agents.ids[a]!} was hired (${formatInstant(hired[r]!, month.zone)})`));
  }
}

/** {@link evaluateDiscipline} returning `{ success, data | issues }` instead of throwing. */
export function safeEvaluateDiscipline(input: DisciplineInput | DecodedMonth, policy?: PolicyInput | Policy, options?: DisciplineOptions): SafeResult<DisciplineResult> {
  return safely(() => evaluateDiscipline(input, policy, options));
}

/** A step's fine in fen (the policy's amounts, read once each). */
function stepFen(): (fine: string) => number {
  const read = new Map<string, number>();
  return (fine) => {
    let fen = read.get(fine);
    if (fen === undefined) read.set(fine, (fen = parseFen(fine)));
    return fen;
  };
}

// A supervisor's liability needs a violation by staff: a violation after the violator's dismissal
// (by an earlier violation, or the agents file) is not one. The violation that dismisses still is.
function condonedAfterDismissal(e: Event, violationId: string, violatorGone: { ms: number; by: string | null } | undefined): boolean {
  return violatorGone !== undefined && e.ms >= violatorGone.ms && violatorGone.by !== violationId;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
