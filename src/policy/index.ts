// policy/: the policy as data (zod schema, defaults, JSON Schema): every threshold, ladder and tier the rules read.
export { PolicySchema, AttributionPolicySchema, DutiesPolicySchema, ChatPolicySchema } from "./schema.js";
export { KpiPolicySchema, KpiMetricIdSchema, ScorecardMetricSchema, KPI_METRIC_IDS } from "./kpi.js";
export { KPI_METRICS, KPI_UNITS, type KpiMetricDefinition, type KpiComputation } from "./kpiMetrics.js";
export type { KpiPolicy, KpiMetricId, ScorecardMetric } from "./kpi.js";
export type { Policy, PolicyInput, AttributionPolicy, ChatPolicy } from "./schema.js";
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
