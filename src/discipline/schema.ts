/** The input records of R4 (violations and rewards), as zod schemas; types are z.infer of them. */
import * as z from "zod";
import { idField, instantField, optionalMoneyField } from "../schema/records.js";

/** One violation (违规) by an agent; `condonedBy` is a supervisor who saw it and did not stop it. */
export const ViolationSchema = z.strictObject({
  violationId: idField,
  agentId: idField,
  at: instantField,
  rule: idField.describe("a rule id of the policy's discipline.rules"),
  condonedBy: z.union([z.literal(""), z.null(), idField]).optional().describe("领导发现未做出处理及时制止: the supervisor's 工号"),
  note: z.string().optional(),
});
export type Violation = z.infer<typeof ViolationSchema>;
export type ViolationInput = z.input<typeof ViolationSchema>;

/** The reward kinds: the two fixed by policy (seed 000) and the two awards of seed 001. */
export const REWARD_KINDS = ["dataErrorFound", "suggestionAdopted", "performanceAward", "specialAward"] as const;

/** One reward (奖励) earned by an agent. `amount` is given for the awards and left out for the fixed kinds. */
export const RewardSchema = z.strictObject({
  rewardId: z.union([z.literal(""), z.null(), idField]).optional(),
  agentId: idField,
  at: instantField,
  kind: z.enum(REWARD_KINDS),
  amount: optionalMoneyField,
  note: z.string().optional(),
});
export type Reward = z.infer<typeof RewardSchema>;
export type RewardInput = z.input<typeof RewardSchema>;
