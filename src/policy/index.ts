export { PolicySchema, AttributionPolicySchema, DutiesPolicySchema } from "./schema.js";
export { KpiPolicySchema, KpiMetricIdSchema, ScorecardMetricSchema, KPI_METRIC_IDS } from "./kpi.js";
export type { KpiPolicy, KpiMetricId, ScorecardMetric } from "./kpi.js";
export type { Policy, PolicyInput, AttributionPolicy } from "./schema.js";
export { resolvePolicy, safeResolvePolicy, defaultPolicy, policyJsonSchema } from "./resolve.js";
