/** The input records of R3 (grades, probation, promotion), as zod schemas; types are z.infer of them. */
import * as z from "zod";
import { idField, instantField } from "../schema/records.js";
import { monthField, scoreField, yesNoField } from "../schema/people.js";

/** A qualitative requirement assessed for an agent (e.g. the promotion review 晋升考核). */
export const AssessmentSchema = z.strictObject({
  agentId: idField,
  requirement: idField.describe("the requirement's id, as the policy's grades.levels[].requirements name it"),
  passed: yesNoField,
  at: instantField,
});
export type Assessment = z.infer<typeof AssessmentSchema>;
export type AssessmentInput = z.input<typeof AssessmentSchema>;

/** The three items of the probation evaluation (试用期员工表现评分). */
export const PROBATION_ITEMS = ["work", "rules", "team"] as const;

/** One item of a probationer's evaluation: 工作项 work, 制度项 rules, 团队项 team, with its evaluator (考评人). */
export const ProbationEvaluationSchema = z.strictObject({
  agentId: idField,
  item: z.enum(PROBATION_ITEMS),
  score: scoreField,
  evaluator: idField.describe("考评人"),
  at: instantField,
});
export type ProbationEvaluation = z.infer<typeof ProbationEvaluationSchema>;
export type ProbationEvaluationInput = z.input<typeof ProbationEvaluationSchema>;

/** An agent's scorecard score (0–100) of a month, for the promotion gate and the ranking. */
export const ScoreSchema = z.strictObject({
  agentId: idField,
  month: monthField,
  score: scoreField,
});
export type Score = z.infer<typeof ScoreSchema>;
export type ScoreInput = z.input<typeof ScoreSchema>;
