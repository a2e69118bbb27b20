// kefu-kpi: named re-exports only.
export { IssueCode, KefuKpiError, formatIssue, formatIssueLocation, toSafe } from "./errors.js";
export type { Issue, IssueSource, SafeResult } from "./errors.js";
export * from "./money/index.js";
export * from "./time/index.js";
export * from "./policy/index.js";
export * from "./schema/records.js";
export * from "./attribution/index.js";
export * from "./month/index.js";
export * from "./kpi/index.js";
