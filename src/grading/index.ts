// grading/: grades 初级→资深 with promotion and demotion, probation (转正) evaluation, the monthly ranking.
export { evaluateGrades, evaluateGrade, safeEvaluateGrades, wholeMonths, AssessmentSchema, ScoreSchema } from "./evaluateGrades.js";
export type { GradesInput, GradesOptions, GradeStanding, PromotionReason, Assessment, AssessmentInput, Score, ScoreInput } from "./evaluateGrades.js";
export { evaluateProbation, ProbationEvaluationSchema, PROBATION_ITEMS } from "./evaluateProbation.js";
export type { ProbationResult, ProbationItemResult, ProbationEvaluation, ProbationEvaluationInput } from "./evaluateProbation.js";
export { rankAgents, safeRankAgents } from "./rankAgents.js";
export type { Ranking, RankOptions } from "./rankAgents.js";
