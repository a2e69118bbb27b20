// kefu-kpi: named re-exports only.
export { IssueCode, KefuKpiError, formatIssue, formatIssueLocation, isKefuKpiError, toSafe } from "./errors.js";
export type { Issue, IssueSource, SafeResult } from "./errors.js";
export * from "./money/index.js";
export * from "./time/index.js";
export * from "./policy/index.js";
export * from "./schema/records.js";
export { decodeMonth, isDecodedMonth, decodedRecords, recordSchema, recordJsonSchema, RECORD_SCHEMAS, RECORD_KINDS } from "./records/index.js";
export type { DecodedMonth, MonthRecords, RecordOf, RecordKind, DecodedValue, TextColumn } from "./records/index.js";
export { agentIdInRemark, isTmallOrderHeader, mapTmallOrders } from "./schema/tmall.js";
export type { TmallOrderRow, TmallImport, TmallImportError, TmallMapOptions } from "./schema/tmall.js";
export * from "./attribution/index.js";
export * from "./pay/index.js";
export * from "./month/index.js";
export * from "./kpi/index.js";
export * from "./discipline/index.js";
export * from "./grading/index.js";
export * from "./roster/index.js";
