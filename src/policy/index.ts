export { PolicySchema, AttributionPolicySchema, DutiesPolicySchema } from "./schema.js";
export type { Policy, PolicyInput, AttributionPolicy } from "./schema.js";
export { resolvePolicy, safeResolvePolicy, defaultPolicy, policyJsonSchema } from "./resolve.js";
export { PayPolicySchema, CommissionPolicySchema, TiersSchema, KpiBonusPolicySchema, type PayPolicy, type Tiers } from "./pay.js";
