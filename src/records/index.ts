// records/: the record kinds (one definition each), the one decoder from objects, CSV cells and
// sheet values into columns, the Tmall order export mapping, and the decoded month every rule
// family computes from.
export { RECORD_KINDS, KINDS, DEFAULT_SHEET_NAMES, type RecordKind, type FieldSpec, type FieldType, type KindSpec } from "./kinds.js";
export { decodeMonth, isDecodedMonth, MonthDecoder, type DecodedMonth, type MonthBots, type MonthRecords, type MonthTables } from "./month.js";
export { recordSchema, recordJsonSchema, RECORD_SCHEMAS, type RecordOf, type DecodedValue } from "./schema.js";
export { AgentSchema, AgentGroupSchema, AgentGradeSchema, ConsultationSchema, OrderSchema, type Agent, type Consultation, type Order } from "./recordSchemas.js";
export { decodedRecords } from "./view.js";
export { matchHeader, type HeaderMatch, type HeaderIssue } from "./header.js";
export { mapTmallOrders, isTmallOrderHeader, agentIdInRemark, type TmallOrderRow, type TmallImport, type TmallImportError, type TmallMapOptions } from "./tmall.js";
export type { Table, TableSource, Columns } from "./table.js";
export type { TextColumn } from "./textColumn.js";
export type { TableBuilder, TableOptions } from "./decode.js";
