// kefu-kpi/node: file and CLI code (the only part of kefu-kpi that uses Node APIs).
export { readMonthFolder, readPolicyFile, locateIssues, FolderError } from "./readMonthFolder.js";
export type { MonthFolder, ReadFolderOptions, RecordKind } from "./readMonthFolder.js";
export { runCli, reportFolder, nodeIO, INTERNAL_ERROR, USAGE, type CliIO } from "./runCli.js";
export { parseCsv, parseCsvWithLines, detectDelimiter } from "./csv.js";
export { readCsvFile, type CsvSink, type CsvFileInfo, type CsvReadOptions, type CsvDelimiter } from "./csvStream.js";
export { TextFileError, type TextEncodingName } from "./encoding.js";
export { decodeText } from "./decode.js";
export { agentIdInRemark, isTmallOrderHeader, mapTmallOrders } from "../schema/tmall.js";
export type { TmallOrderRow, TmallImport, TmallImportError } from "../schema/tmall.js";
export { renderPeopleTable, renderDutySheet } from "./renderPeople.js";
// The duty sheet joins attribution and the roster for one day; it is exported here, with its
// rendering, so the browser bundle does not carry it.
export { buildDutySheet, type DutySheet } from "../month/dutySheet.js";
export { kpiFolder, periodLabel, renderKpiFormat } from "./kpiCommand.js";
