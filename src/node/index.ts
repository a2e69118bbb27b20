// kefu-kpi/node: file and CLI code (the only part of kefu-kpi that uses Node APIs).
export { readMonthFolder, readPolicyFile, locateIssues, agentIdInRemark, FolderError } from "./readMonthFolder.js";
export type { MonthFolder, RecordKind, RecordSource } from "./readMonthFolder.js";
export { runCli, reportFolder, USAGE, type CliIO } from "./runCli.js";
export { parseCsv, parseCsvWithLines, detectDelimiter } from "./csv.js";
export { decodeText } from "./decode.js";
export { isTmallOrderHeader, mapTmallOrders } from "./tmall.js";
export type { TmallOrderRow, TmallImport, TmallImportError } from "./tmall.js";
export { kpiFolder, periodLabel, renderKpiFormat } from "./kpiCommand.js";
