import { OPTION_FORMS, checkOptions, readTextOption, textOption } from "../input.js";
import { IssueCode, IssueList, KefuKpiError, safely, type SafeResult } from "../errors.js";
import { formatFen, parseFen } from "../money/fen.js";
import { GRADES } from "../policy/people.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { KINDS, type FieldSpec } from "../records/kinds.js";
import { monthFor, throwInMonthOrder, type DecodedMonth } from "../records/month.js";
import { readOption } from "../records/options.js";
import { recordIssue } from "../records/rows.js";
import { RECORD_SCHEMAS, type RecordOf } from "../records/schema.js";
import { ABSENT, describeFailure } from "../records/values.js";
import { addMonthsClamped, dateOfDayNumber, dayNumberOfDate, businessDayNumber, formatInstant, monthLabel } from "../time/period.js";
import { formatScore, judgeProbation, type ProbationMark, type ProbationResult } from "./evaluateProbation.js";
import { checkScoreRepeats } from "./scores.js";

/** A qualitative requirement assessed for an agent (e.g. the promotion review 晋升考核). */
export type Assessment = RecordOf<"assessments">;
/** An assessment as the library takes it (the same type as {@link Assessment}). */
export type AssessmentInput = Assessment;
/** The schema of one assessment (`RECORD_SCHEMAS.assessments`, wall times read in UTC): its output is the decoded record. */
export const AssessmentSchema = RECORD_SCHEMAS.assessments;
/** An agent's scorecard score (0–100) of a month, for the promotion gate and the ranking. */
export type Score = RecordOf<"scores">;
/** A score as the library takes it (the same type as {@link Score}). */
export type ScoreInput = Score;
/** The schema of one monthly score (`RECORD_SCHEMAS.scores`): its output is the decoded record (the score in hundredths). */
export const ScoreSchema = RECORD_SCHEMAS.scores;

export interface GradesInput {
  /** The agents, each with its grade. */
  readonly agents: readonly unknown[];
  /** Scorecard scores by month (0–100): past months from the `scores` file, the current month from the KPIs. */
  readonly scores?: readonly unknown[];
  /** Qualitative requirements assessed (`promotionReview` …). */
  readonly assessments?: readonly unknown[];
  /** Probation evaluation items. */
  readonly probation?: readonly unknown[];
}

export interface GradesOptions {
  /** The evaluation date `YYYY-MM-DD` (in the shop zone): no clock is read. */
  readonly asOf: string;
  /** The last month of the assessment gate (`YYYY-MM`); by default the month of `asOf`. */
  readonly throughMonth?: string;
}

/** Why an agent may not be promoted now. */
export interface PromotionReason {
  readonly code:
    | "topGrade"
    | "dismissed"
    | "inProbation"
    | "probationFailed"
    | "noGradeSince"
    | "tooFewMonths"
    | "scoreMissing"
    | "scoreBelow"
    | "requirementMissing"
    | "requirementFailed";
  readonly message: string;
}

/** An agent's standing at a date (R3). */
export interface GradeStanding {
  readonly agentId: string;
  readonly grade: (typeof GRADES)[number];
  readonly gradeLabel: string;
  /** 底薪 of the grade (policy `grades.levels[].baseSalary`). */
  readonly baseSalary: string;
  readonly gradeSince: string | null;
  /** Whole months in the grade at `asOf` (a month from the 31st ends on the last day of a shorter month). */
  readonly monthsInGrade: number | null;
  readonly nextGrade: (typeof GRADES)[number] | null;
  readonly promotion: {
    readonly eligible: boolean;
    /** The date the minimum months in grade are reached. */
    readonly monthsReachedOn: string | null;
    /** The months of the assessment gate and each one's score (null: none given). */
    readonly gate: readonly { readonly month: string; readonly score: string | null; readonly passed: boolean }[];
    readonly requirements: readonly { readonly requirement: string; readonly passed: boolean | null; readonly at: string | null }[];
    /** Every reason why not (empty when eligible). */
    readonly reasons: readonly PromotionReason[];
  };
  readonly probation: {
    /** `none` (no probation end recorded), `inProbation`, `earlyRegularization` (may be regularized before the end), `regularized`, `failed`, `evaluationIncomplete`. */
    readonly status: "none" | "inProbation" | "earlyRegularization" | "regularized" | "failed" | "evaluationIncomplete";
    readonly endsOn: string | null;
    readonly evaluation: ProbationResult | null;
  };
  readonly dismissed: boolean;
}

/**
 * Evaluates every agent's grade standing at a date (R3): grade, base salary, months in grade,
 * probation status with the three-item evaluation, and whether the agent may be proposed for
 * promotion to the next grade — with every reason why not: too few months in grade (policy
 * `grades.levels[].minMonths`, default 3), a month of the assessment gate without a score or below
 * `grades.assessment.minScore`, a requirement of the next grade not passed, probation, dismissal.
 *
 * @param input - agents, scores, assessments and probation evaluations (or a month decoded by `decodeMonth`)
 * @param policy - the policy (`grades`, `timeZone`); with a decoded month, leave it out (undefined)
 *   or give the policy the month was decoded under
 * @param options - `asOf` (the evaluation date) and the gate's last month
 * @returns one standing per agent, by agentId
 * @throws {KefuKpiError} for malformed rows, unknown agents, an agent without a grade, a repeated (agent, month) score
 * @example
 * evaluateGrades({ agents, scores }, {}, { asOf: "2020-02-29" })[0].promotion.reasons
 * //=> [{ code: "tooFewMonths", message: "1 of 3 months in grade (reached on 2020-04-30)" }]
 */
export function evaluateGrades(input: GradesInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: GradesOptions): GradeStanding[] {
  checkOptions(options, ["asOf", "throughMonth"]);
  const dates = gradeDates(options);
  const month = monthFor(input, policy, ["agents", "scores", "assessments", "probation"], { required: ["agents"], check: checkGrades });
  return standingsOf(month, dates, new Map());
}

/**
 * {@link evaluateGrades} of a decoded month; `dismissed` gives an agent's dismissal (agent number →
 * epoch ms) where it is not the agents file's (the month report's earlier dismissal by the penalty ladder).
 *
 * @throws {KefuKpiError} for bad options, a month without agents, an agent without a grade, a repeated (agent, month) score
 */
export function gradesOfMonth(month: DecodedMonth, options: GradesOptions, dismissed: ReadonlyMap<number, number> = new Map()): GradeStanding[] {
  return standingsOf(month, gradeDates(options), dismissed);
}

/** The evaluation day and the last month of the gate, from the options. */
function gradeDates(options: GradesOptions): { asOf: number; through: number } {
  const opts = checkOptions(options, ["asOf", "throughMonth"]);
  const asOfText = textOption(opts, "asOf");
  if (asOfText === undefined) throw new KefuKpiError([{ code: IssueCode.missingField, path: ["options", "asOf"], message: `is missing; expected ${OPTION_FORMS.asOf}` }]);
  const asOf = readTextOption(opts, "asOf", dayNumberOfDate)!;
  const through = textOption(opts, "throughMonth") ?? asOfText.slice(0, 7);
  readOption("throughMonth", () => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(through)) throw new RangeError(`"${through}" is not a month; expected YYYY-MM`);
  });
  return { asOf, through: Number(through.slice(0, 4)) * 12 + Number(through.slice(5, 7)) - 1 };
}

const GRADE = KINDS.agents.fields.grade as FieldSpec;

/**
 * The checks of the grades' input beyond the decoder's: every agent has a grade (the month
 * report asks for it anyway; other apps may give agents without one), and one score per agent and month.
 */
export function checkGrades(month: DecodedMonth, issues: IssueList): void {
  const agents = month.tables.agents;
  if (agents !== undefined) {
    // A grade the decoder could not read has its own issue.
    const unread = new Set(issues.items.filter((i) => i.path[0] === "agents" && i.path[2] === "grade").map((i) => i.path[1]));
    for (let r = 0; r < agents.count; r++) {
      if (agents.columns.grade[r]! >= 0 || unread.has(r)) continue;
      issues.add(recordIssue(agents, r, "grade", IssueCode.missingField, `${describeFailure(ABSENT, undefined, GRADE, null)} (the grades need every agent's grade)`));
    }
  }
  checkScoreRepeats(month, issues);
}

function standingsOf(month: DecodedMonth, dates: { asOf: number; through: number }, dismissedBy: ReadonlyMap<number, number>): GradeStanding[] {
  const agents = month.tables.agents;
  if (agents === undefined) {
    throw new KefuKpiError([{ code: IssueCode.missingField, path: ["agents"], message: "is missing; the grades are evaluated for the agents of the agents list (their grade, gradeSince, probation)" }]);
  }
  const issues = new IssueList();
  checkGrades(month, issues);
  throwInMonthOrder(issues);
  const g = month.policy.grades;
  const { zone, cutover } = month;
  const { asOf, through } = dates;
  const day = (ms: number): number => businessDayNumber(ms, zone, cutover);

  const scores = new Map<string, number>();
  const s = month.tables.scores;
  for (let i = 0; i < (s?.count ?? 0); i++) scores.set(`${s!.columns.agentId[i]!}\u0000${s!.columns.month[i]!}`, s!.columns.score[i]!);
  const assessments = new Map<number, { requirement: string; passed: boolean; ms: number }[]>();
  const a = month.tables.assessments;
  for (let i = 0; i < (a?.count ?? 0); i++) {
    const c = a!.columns;
    const ms = c.at[i]!;
    if (day(ms) > asOf) continue; // not yet known at asOf
    push(assessments, c.agentId[i]!, { requirement: c.requirement.at(i), passed: c.passed[i] === 1, ms });
  }
  const probation = new Map<number, ProbationMark[]>();
  const p = month.tables.probation;
  for (let i = 0; i < (p?.count ?? 0); i++) {
    const c = p!.columns;
    const ms = c.at[i]!;
    if (day(ms) > asOf) continue;
    push(probation, c.agentId[i]!, { item: c.item[i]!, hundredths: c.score[i]!, evaluator: c.evaluator.at(i), ms, atText: formatInstant(ms, zone) });
  }

  const standings: GradeStanding[] = [];
  const c = agents.columns;
  for (let r = 0; r < agents.count; r++) {
    const agent = month.agents.find(c.agentId.at(r))!;
    standings.push(standing(r, agent));
  }
  return standings.sort((x, y) => (x.agentId < y.agentId ? -1 : x.agentId > y.agentId ? 1 : 0));

  function standing(r: number, agent: number): GradeStanding {
    const agentId = c.agentId.at(r);
    const level = c.grade[r]!;
    const grade = GRADES[level]!;
    const current = g.levels[level]!;
    const next = g.levels[level + 1] ?? null;
    const reasons: PromotionReason[] = [];
    const dismissedMs = dismissedBy.get(agent) ?? c.dismissedAt[r]!;
    const dismissed = dismissedMs === dismissedMs && day(dismissedMs) <= asOf;

    // Probation.
    const endsMs = c.probationEndsAt[r]!;
    const endsDay = endsMs !== endsMs ? null : day(endsMs);
    const rows = probation.get(agent) ?? [];
    const evaluation = rows.length > 0 ? judgeProbation(rows, g.probation) : null;
    let status: GradeStanding["probation"]["status"];
    if (endsDay === null) status = evaluation?.result === "fail" ? "failed" : "none";
    else if (asOf < endsDay) status = evaluation?.early ? "earlyRegularization" : evaluation?.result === "fail" ? "failed" : "inProbation";
    else status = evaluation === null || evaluation.result === "pass" ? "regularized" : evaluation.result === "fail" ? "failed" : "evaluationIncomplete";

    // Months in grade.
    const sinceMs = c.gradeSince[r]!;
    const since = sinceMs !== sinceMs ? null : day(sinceMs);
    const months = since === null ? null : wholeMonths(since, asOf);
    const reachedOn = since === null || next === null ? null : addMonthsClamped(since, current.minMonths);

    if (next === null) reasons.push({ code: "topGrade", message: `${current.label} (${grade}) is the top grade` });
    if (dismissed) reasons.push({ code: "dismissed", message: `dismissed on ${dateOfDayNumber(day(dismissedMs))}` });
    if (status === "inProbation" || status === "earlyRegularization" || status === "evaluationIncomplete") {
      reasons.push({ code: "inProbation", message: `not yet regularized (probation ends ${endsDay === null ? "—" : dateOfDayNumber(endsDay)})` });
    }
    if (status === "failed") reasons.push({ code: "probationFailed", message: `probation evaluation failed: ${evaluation?.explanation ?? ""}` });
    if (next !== null) {
      if (since === null) reasons.push({ code: "noGradeSince", message: "gradeSince is not given: months in grade unknown" });
      else if (months! < current.minMonths) {
        reasons.push({
          code: "tooFewMonths",
          message: `${months} of ${current.minMonths} months in grade (reached on ${dateOfDayNumber(reachedOn!)})`,
        });
      }
    }
    const minScore = Math.round(g.assessment.minScore * 100);
    const gate: { month: string; score: string | null; passed: boolean }[] = [];
    for (let m = through - g.assessment.months + 1; m <= through; m++) {
      const label = monthLabel(m);
      const h = scores.get(`${agent}\u0000${m}`);
      gate.push({ month: label, score: h === undefined ? null : formatScore(h), passed: h !== undefined && h >= minScore });
      if (next === null) continue;
      if (h === undefined) reasons.push({ code: "scoreMissing", message: `no scorecard score for ${label}` });
      else if (h < minScore) reasons.push({ code: "scoreBelow", message: `${label} score ${formatScore(h)} < ${formatScore(minScore)}` });
    }
    const requirements = (next?.requirements ?? []).map((requirement) => {
      const best = latestAssessment(assessments.get(agent) ?? [], requirement);
      if (best === null) reasons.push({ code: "requirementMissing", message: `requirement ${requirement} of ${next!.label} not assessed` });
      else if (!best.passed) reasons.push({ code: "requirementFailed", message: `requirement ${requirement} of ${next!.label} not passed (${formatInstant(best.ms, zone)})` });
      return { requirement, passed: best?.passed ?? null, at: best === null ? null : formatInstant(best.ms, zone) };
    });

    return {
      agentId,
      grade,
      gradeLabel: current.label,
      baseSalary: formatFen(parseFen(current.baseSalary)),
      gradeSince: since === null ? null : dateOfDayNumber(since),
      monthsInGrade: months,
      nextGrade: next?.grade ?? null,
      promotion: { eligible: reasons.length === 0, monthsReachedOn: reachedOn === null ? null : dateOfDayNumber(reachedOn), gate, requirements, reasons },
      probation: { status, endsOn: endsDay === null ? null : dateOfDayNumber(endsDay), evaluation },
      dismissed,
    };
  }
}

/**
 * Whole calendar months from day `from` to day `to`: the largest m with from + m months ≤ to,
 * where adding months clamps to the end of a shorter month (2020-01-31 + 1 month = 2020-02-29).
 */
export function wholeMonths(from: number, to: number): number {
  if (to < from) return 0;
  const a = dateOfDayNumber(from);
  const b = dateOfDayNumber(to);
  let m = (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
  while (m > 0 && addMonthsClamped(from, m) > to) m--;
  return m;
}

/**
 * One agent's standing: {@link evaluateGrades} for the agent `agentId` (the other rows of the
 * input are validated too, and ignored).
 *
 * @throws {KefuKpiError} for bad rows, or when the agent is not in the input
 */
export function evaluateGrade(input: GradesInput | DecodedMonth, agentId: string, policy: PolicyInput | Policy | undefined, options: GradesOptions): GradeStanding {
  const found = evaluateGrades(input, policy, options).find((s) => s.agentId === agentId);
  if (!found) throw new KefuKpiError([{ code: IssueCode.unknownAgent, path: ["agentId"], message: `"${agentId}" is not in the agents list` }]);
  return found;
}

/** {@link evaluateGrades} returning `{ success, data | issues }` instead of throwing. */
export function safeEvaluateGrades(input: GradesInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: GradesOptions): SafeResult<GradeStanding[]> {
  return safely(() => evaluateGrades(input, policy, options));
}

// The latest assessment of a requirement counts; on the same instant a failed one wins.
function latestAssessment(rows: readonly { requirement: string; passed: boolean; ms: number }[], requirement: string): { passed: boolean; ms: number } | null {
  let best: { passed: boolean; ms: number } | null = null;
  for (const a of rows) {
    if (a.requirement !== requirement) continue;
    if (best === null || a.ms > best.ms || (a.ms === best.ms && !a.passed)) best = a;
  }
  return best;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
