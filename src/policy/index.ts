// policy/: the policy as data (zod schema, defaults, JSON Schema): every threshold, ladder and tier the rules read.
export { PolicySchema, AttributionPolicySchema, DutiesPolicySchema, ChatPolicySchema, RoutingPolicySchema, StaffingPolicySchema, ROUTING_STEPS } from "./schema.js";
export { FLAG_COLOURS, type FlagColour } from "./flags.js";
export { KpiPolicySchema, KpiMetricIdSchema, ScorecardMetricSchema, KPI_METRIC_IDS } from "./kpi.js";
export { KPI_METRICS, KPI_UNITS, type KpiMetricDefinition, type KpiComputation } from "./kpiMetrics.js";
export type { KpiPolicy, KpiMetricId, ScorecardMetric, KpiTarget } from "./kpi.js";
export type { Policy, PolicyInput, AttributionPolicy, ChatPolicy, RoutingPolicy, RoutingStep, StaffingPolicy } from "./schema.js";
export { resolvePolicy, safeResolvePolicy, defaultPolicy, policyJsonSchema } from "./resolve.js";
export {
  GradesPolicySchema,
  DisciplinePolicySchema,
  RewardsPolicySchema,
  RosterPolicySchema,
  ShopReviewDutyPolicySchema,
  GRADES,
  DISCIPLINARY_ACTIONS,
} from "./people.js";
export type { GradesPolicy, DisciplinePolicy, RewardsPolicy, RosterPolicy, ShopReviewDutyPolicy } from "./people.js";
export { PayPolicySchema, CommissionPolicySchema, TiersSchema, KpiBonusPolicySchema, type PayPolicy, type Tiers } from "./pay.js";
export {
  ChatStandardsSchema,
  DEFAULT_CHAT_STANDARDS,
  CHAT_RULE_CATEGORIES,
  CHAT_QUOTES,
  CHAT_PATTERN_MAX_RUN,
  CHAT_PATTERN_MAX_SEPARATORS,
  phraseText,
  chatRules,
  type ChatStandards,
  type ChatRule,
  type ChatPhrase,
  type ChatPattern,
  type ChatRuleCategory,
  type ChatStandardsInput,
} from "./chatStandards.js";
