export { evaluateDiscipline, safeEvaluateDiscipline } from "./evaluateDiscipline.js";
export type { DisciplineInput, DisciplineOptions, DisciplineLine, DisciplineStanding, DisciplineResult, StaffMember } from "./evaluateDiscipline.js";
export { evaluateRewards, safeEvaluateRewards } from "./evaluateRewards.js";
export type { RewardsInput, RewardLine, RewardsResult } from "./evaluateRewards.js";
export { fundLedger } from "./fundLedger.js";
export type { FineLike, FundEntry, FundLedger } from "./fundLedger.js";
export { ViolationSchema, RewardSchema, REWARD_KINDS } from "./schema.js";
export type { Violation, ViolationInput, Reward, RewardInput } from "./schema.js";
