import { IssueCode, IssueList, KefuKpiError, safely, type SafeResult } from "../errors.js";
import { formatFen, parseFen } from "../money/fen.js";
import { GRADES } from "../policy/people.js";
import { resolvePolicy } from "../policy/resolve.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { scoreHundredths } from "../schema/people.js";
import { parseRecords, throwInRecordOrder } from "../schema/parseRecords.js";
import { checkInput, checkOptions, OPTION_FORMS, readTextOption, textOption } from "../input.js";
import { AgentSchema, type Agent } from "../schema/records.js";
import { parseInstant } from "../time/parse.js";
import { addMonthsClamped, dateOfDayNumber, dayNumberOfDate, businessDayNumber, formatInstant, monthLabel, parseTimeOfDay } from "../time/period.js";
import { zoneOf } from "../time/zone.js";
import { evaluateProbation, formatScore, type ProbationResult } from "./evaluateProbation.js";
import { AssessmentSchema, ProbationEvaluationSchema, ScoreSchema } from "./schema.js";

export interface GradesInput {
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
 * @param input - agents, scores, assessments and probation evaluations
 * @param policy - the policy (`grades`, `timeZone`)
 * @param options - `asOf` (the evaluation date) and the gate's last month
 * @returns one standing per agent, by agentId
 * @throws {KefuKpiError} for malformed rows, unknown agents, a repeated (agent, month) score
 * @example
 * evaluateGrades({ agents, scores }, {}, { asOf: "2020-02-29" })[0].promotion.reasons
 * //=> [{ code: "tooFewMonths", message: "1 of 3 months in grade (reached on 2020-04-30)" }]
 */
export function evaluateGrades(input: GradesInput, policy: PolicyInput | Policy = {}, options: GradesOptions): GradeStanding[] {
  checkInput(input, ["agents", "scores", "assessments", "probation"], ["agents"]);
  const opts = checkOptions(options, ["asOf", "throughMonth"]);
  const resolved = resolvePolicy(policy);
  const g = resolved.grades;
  const zone = zoneOf(resolved);
  const cutover = parseTimeOfDay(resolved.businessDayStartsAt);
  const asOfDay = readTextOption(opts, "asOf", dayNumberOfDate);
  if (asOfDay === undefined) throw new KefuKpiError([{ code: IssueCode.missingField, path: ["options", "asOf"], message: `is missing; expected ${OPTION_FORMS.asOf}` }]);
  const asOf = asOfDay;
  const through = textOption(opts, "throughMonth") ?? dateOfDayNumber(asOf).slice(0, 7);
  readTextOption({ throughMonth: through }, "throughMonth", (text) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) throw new RangeError(`"${text}" is not a month; expected YYYY-MM`);
  });
  const throughIndex = Number(through.slice(0, 4)) * 12 + Number(through.slice(5, 7)) - 1;

  const issues = new IssueList();
  const agents = parseRecords("agents", input.agents, AgentSchema, issues, "agentId").map((r) => r.record);
  const known = new Set(agents.map((a) => a.agentId));
  const unknown = (kind: string, index: number, agentId: string): boolean => {
    if (known.has(agentId)) return false;
    issues.add({ code: IssueCode.unknownAgent, path: [kind, index, "agentId"], message: `"${agentId}" is not in the agents list` });
    return true;
  };
  const day = (ms: number): number => businessDayNumber(ms, zone, cutover);

  const scores = new Map<string, number>();
  for (const { record: s, index } of parseRecords("scores", input.scores ?? [], ScoreSchema, issues)) {
    if (unknown("scores", index, s.agentId)) continue;
    const key = `${s.agentId}\u0000${s.month}`;
    if (scores.has(key)) {
      issues.add({ code: IssueCode.duplicateId, path: ["scores", index, "month"], message: `${s.agentId} has more than one score for ${s.month}` });
      continue;
    }
    scores.set(key, scoreHundredths(s.score));
  }
  const assessments = new Map<string, { requirement: string; passed: boolean; ms: number }[]>();
  for (const { record: a, index } of parseRecords("assessments", input.assessments ?? [], AssessmentSchema, issues)) {
    if (unknown("assessments", index, a.agentId)) continue;
    const ms = parseInstant(a.at, zone);
    if (day(ms) > asOf) continue; // not yet known at asOf
    push(assessments, a.agentId, { requirement: a.requirement, passed: a.passed, ms });
  }
  const probation = new Map<string, Parameters<typeof evaluateProbation>[0][number][]>();
  for (const { record: p, index } of parseRecords("probation", input.probation ?? [], ProbationEvaluationSchema, issues)) {
    if (unknown("probation", index, p.agentId)) continue;
    const ms = parseInstant(p.at, zone);
    if (day(ms) > asOf) continue;
    push(probation, p.agentId, { ...p, ms, atText: formatInstant(ms, zone) });
  }
  throwInRecordOrder(issues);

  return agents
    .sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0))
    .map((agent) => standing(agent));

  function standing(agent: Agent): GradeStanding {
    const level = GRADES.indexOf(agent.grade);
    const current = g.levels[level]!;
    const next = g.levels[level + 1] ?? null;
    const reasons: PromotionReason[] = [];
    const dismissedMs = parseInstant(agent.dismissedAt, zone);
    const dismissed = !Number.isNaN(dismissedMs) && day(dismissedMs) <= asOf;

    // Probation.
    const endsMs = parseInstant(agent.probationEndsAt, zone);
    const endsDay = Number.isNaN(endsMs) ? null : day(endsMs);
    const rows = probation.get(agent.agentId) ?? [];
    const evaluation = rows.length > 0 ? evaluateProbation(rows, g.probation) : null;
    let status: GradeStanding["probation"]["status"];
    if (endsDay === null) status = evaluation?.result === "fail" ? "failed" : "none";
    else if (asOf < endsDay) status = evaluation?.early ? "earlyRegularization" : evaluation?.result === "fail" ? "failed" : "inProbation";
    else status = evaluation === null || evaluation.result === "pass" ? "regularized" : evaluation.result === "fail" ? "failed" : "evaluationIncomplete";

    // Months in grade.
    const sinceMs = parseInstant(agent.gradeSince, zone);
    const since = Number.isNaN(sinceMs) ? null : day(sinceMs);
    const months = since === null ? null : wholeMonths(since, asOf);
    const reachedOn = since === null || next === null ? null : addMonthsClamped(since, current.minMonths);

    if (next === null) reasons.push({ code: "topGrade", message: `${current.label} (${agent.grade}) is the top grade` });
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
    for (let m = throughIndex - g.assessment.months + 1; m <= throughIndex; m++) {
      const label = monthLabel(m);
      const h = scores.get(`${agent.agentId}\u0000${label}`);
      gate.push({ month: label, score: h === undefined ? null : formatScore(h), passed: h !== undefined && h >= minScore });
      if (next === null) continue;
      if (h === undefined) reasons.push({ code: "scoreMissing", message: `no scorecard score for ${label}` });
      else if (h < minScore) reasons.push({ code: "scoreBelow", message: `${label} score ${formatScore(h)} < ${formatScore(minScore)}` });
    }
    const requirements = (next?.requirements ?? []).map((requirement) => {
      const best = latestAssessment(assessments.get(agent.agentId) ?? [], requirement);
      if (best === null) reasons.push({ code: "requirementMissing", message: `requirement ${requirement} of ${next!.label} not assessed` });
      else if (!best.passed) reasons.push({ code: "requirementFailed", message: `requirement ${requirement} of ${next!.label} not passed (${formatInstant(best.ms, zone)})` });
      return { requirement, passed: best?.passed ?? null, at: best === null ? null : formatInstant(best.ms, zone) };
    });

    return {
      agentId: agent.agentId,
      grade: agent.grade,
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
export function evaluateGrade(input: GradesInput, agentId: string, policy: PolicyInput | Policy = {}, options: GradesOptions): GradeStanding {
  const found = evaluateGrades(input, policy, options).find((s) => s.agentId === agentId);
  if (!found) throw new KefuKpiError([{ code: IssueCode.unknownAgent, path: ["agentId"], message: `"${agentId}" is not in the agents list` }]);
  return found;
}

/** {@link evaluateGrades} returning `{ success, data | issues }` instead of throwing. */
export function safeEvaluateGrades(input: GradesInput, policy: PolicyInput | Policy | undefined, options: GradesOptions): SafeResult<GradeStanding[]> {
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
