import type { GradesPolicy } from "../policy/people.js";
import { KINDS } from "../records/kinds.js";
import { RECORD_SCHEMAS, type RecordOf } from "../records/schema.js";
import { OK, readEnum, readScore, reading } from "../records/values.js";

/** The three items of the probation evaluation (试用期员工表现评分): 工作项 work, 制度项 rules, 团队项 team. */
export const PROBATION_ITEMS = KINDS.probation.fields.item.values;
/** One item of a probationer's evaluation, with its evaluator (考评人). */
export type ProbationEvaluation = RecordOf<"probation">;
/** A probation evaluation as the library takes it (the same type as {@link ProbationEvaluation}). */
export type ProbationEvaluationInput = ProbationEvaluation;
/** The schema of one probation evaluation (`RECORD_SCHEMAS.probation`, wall times read in UTC): its output is the decoded record. */
export const ProbationEvaluationSchema = RECORD_SCHEMAS.probation;

/** One item of the evaluation as it counts: the latest score of the item and its evaluator. */
export interface ProbationItemResult {
  readonly item: (typeof PROBATION_ITEMS)[number];
  readonly score: string | null;
  readonly evaluator: string | null;
  readonly at: string | null;
  readonly passed: boolean | null;
}

/** The three-item probation evaluation (试用期员工表现评分) judged by the policy. */
export interface ProbationResult {
  readonly items: readonly ProbationItemResult[];
  /** `pass` when every item reaches `grades.probation.passScore`; `incomplete` when an item has no score. */
  readonly result: "pass" | "fail" | "incomplete";
  /** Every item reaches `grades.probation.earlyScore`: the probationer may be regularized early (提前转正). */
  readonly early: boolean;
  readonly explanation: string;
}

/** One evaluation row, decoded: the item's index in {@link PROBATION_ITEMS}, the score in hundredths. */
export interface ProbationMark {
  readonly item: number;
  readonly hundredths: number;
  readonly evaluator: string;
  readonly ms: number;
  readonly atText: string;
}

/**
 * Judges a probationer's evaluation: work (工作项), rules (制度项) and team (团队项), each scored by
 * its evaluator (考评人). The latest score of each item counts (on the same instant, the lower).
 *
 * @param evaluations - the agent's evaluation rows (already validated, instants as epoch ms in `ms`)
 * @param policy - `grades.probation`
 * @example
 * evaluateProbation([{ item: "work", score: 95, … }, { item: "rules", score: 92, … }, { item: "team", score: 90, … }], policy)
 * //=> { result: "pass", early: true, … }
 */
export function evaluateProbation(
  evaluations: readonly (ProbationEvaluation & { readonly ms: number; readonly atText: string })[],
  policy: GradesPolicy["probation"],
): ProbationResult {
  const out = reading();
  const marks: ProbationMark[] = [];
  for (const e of evaluations) {
    if (readEnum(e.item, out, KINDS.probation.fields.item) !== OK) continue;
    const item = out.num;
    marks.push({ item, hundredths: readScore(e.score, out) === OK ? out.num : -1, evaluator: e.evaluator, ms: e.ms, atText: e.atText });
  }
  return judgeProbation(marks, policy);
}

/** {@link evaluateProbation} of decoded rows. */
export function judgeProbation(marks: readonly ProbationMark[], policy: GradesPolicy["probation"]): ProbationResult {
  const pass = Math.round(policy.passScore * 100);
  const early = Math.round(policy.earlyScore * 100);
  const items = PROBATION_ITEMS.map((item, k): ProbationItemResult & { h: number } => {
    let best: ProbationMark | null = null;
    for (const e of marks) {
      if (e.item !== k) continue;
      if (best === null || e.ms > best.ms || (e.ms === best.ms && e.hundredths < best.hundredths)) best = e;
    }
    if (best === null || best.hundredths < 0) return { item, score: null, evaluator: null, at: null, passed: null, h: -1 };
    const h = best.hundredths;
    return { item, score: formatScore(h), evaluator: best.evaluator, at: best.atText, passed: h >= pass, h };
  });
  const missing = items.filter((i) => i.h < 0).map((i) => i.item);
  const failed = items.filter((i) => i.h >= 0 && i.h < pass).map((i) => i.item);
  const result = missing.length > 0 ? "incomplete" : failed.length > 0 ? "fail" : "pass";
  const isEarly = result === "pass" && items.every((i) => i.h >= early);
  const explanation =
    result === "incomplete"
      ? `no score yet for ${missing.join(", ")}`
      : result === "fail"
        ? `${failed.join(", ")} below the pass score ${formatScore(pass)}`
        : `every item at least ${formatScore(pass)}${isEarly ? ` and at least ${formatScore(early)}: may be regularized early (提前转正)` : ""}`;
  return { items: items.map(({ h: _h, ...rest }) => rest), result, early: isEarly, explanation };
}

/** A score in hundredths as text: `86.5`, `90`. */
export function formatScore(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths - whole * 100;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}
