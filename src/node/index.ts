// node/ (`kefu-kpi/node`): the only code that uses Node APIs: reading a month folder (CSV, JSON,
// GBK or UTF-8, the Tmall export), streaming CSV, writing files, and the CLI. Everything it
// computes or renders comes from the pure entries.
export { readMonthFolder, readPolicyFile, locateIssues, FolderError } from "./readMonthFolder.js";
export type { MonthFolder, ReadFolderOptions } from "./readMonthFolder.js";
export { runCli, reportFolder, nodeIO, INTERNAL_ERROR, USAGE, type CliIO } from "./runCli.js";
export { kpiFolder } from "./kpiCommand.js";
export { parseCsv, parseCsvWithLines, detectDelimiter } from "./csv.js";
export { readCsvFile, type CsvSink, type CsvFileInfo, type CsvReadOptions, type CsvDelimiter } from "./csvStream.js";
export { TextFileError, type TextEncodingName } from "./encoding.js";
export { decodeText } from "./decode.js";
