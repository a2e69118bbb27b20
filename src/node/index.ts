// kefu-kpi/node: file and CLI code (the only part of kefu-kpi that uses Node APIs).
export { readMonthFolder, readPolicyFile, locateIssues, FolderError } from "./readMonthFolder.js";
export type { MonthFolder, RecordKind, RecordSource } from "./readMonthFolder.js";
export { runCli, reportFolder, USAGE, type CliIO } from "./runCli.js";
export { parseCsv, parseCsvWithLines, detectDelimiter } from "./csv.js";
export { decodeText } from "./decode.js";
export { agentIdInRemark, isTmallOrderHeader, mapTmallOrders } from "../schema/tmall.js";
export type { TmallOrderRow, TmallImport, TmallImportError } from "../schema/tmall.js";
