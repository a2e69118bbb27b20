// discipline/: the penalty ladders (fines → dismissal), the rewards and the fund (奖罚基金) they feed.
export { evaluateDiscipline, safeEvaluateDiscipline, ViolationSchema } from "./evaluateDiscipline.js";
export type { DisciplineInput, DisciplineOptions, DisciplineLine, DisciplineStanding, DisciplineResult, StaffMember, Violation, ViolationInput } from "./evaluateDiscipline.js";
export { evaluateRewards, safeEvaluateRewards, RewardSchema, REWARD_KINDS } from "./evaluateRewards.js";
export type { RewardsInput, RewardLine, RewardsResult, Reward, RewardInput } from "./evaluateRewards.js";
export { fundLedger } from "./fundLedger.js";
export type { FineLike, FundEntry, FundLedger } from "./fundLedger.js";
