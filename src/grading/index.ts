export { evaluateGrades, evaluateGrade, safeEvaluateGrades, wholeMonths } from "./evaluateGrades.js";
export type { GradesInput, GradesOptions, GradeStanding, PromotionReason } from "./evaluateGrades.js";
export { evaluateProbation } from "./evaluateProbation.js";
export type { ProbationResult, ProbationItemResult } from "./evaluateProbation.js";
export { rankAgents, safeRankAgents } from "./rankAgents.js";
export type { Ranking, RankOptions } from "./rankAgents.js";
export { AssessmentSchema, ProbationEvaluationSchema, ScoreSchema, PROBATION_ITEMS } from "./schema.js";
export type { Assessment, AssessmentInput, ProbationEvaluation, ProbationEvaluationInput, Score, ScoreInput } from "./schema.js";
