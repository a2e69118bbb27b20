// sheets/ (`kefu-kpi/sheets`): the spreadsheet adapter. Ranges (2-D arrays) in, tables out; nothing throws.
// Also in the browser bundle as `KefuKpi.sheets`. Named re-exports only.
export {
  sheetMonthReport,
  attributionTable,
  shopTable,
  ordersTable,
  agentFigure,
  payTable,
  kpiTable,
  trendTable,
  chatTable,
  serviceLevelTable,
  trafficTable,
  lostInquiriesTable,
  targetsTable,
  transfersTable,
  botsTable,
  shopsTable,
  remindersTable,
  breachTable,
  rangesByHeader,
  toCells,
  AGENT_FIGURES,
  type AgentFigure,
  type MonthRanges,
  type OutCell,
  type SheetCallOptions,
  type SheetResult,
  type SheetMonthReport,
} from "./functions.js";
export { readSheet, cellValue, kindOfHeader, isBlank, isBlankRow, columnName, parseOrigin, type Cell, type CellContext, type Range, type SheetOptions, type SheetRecords } from "./read.js";
export { policyFromCells, type PolicyCells } from "./policy.js";
export { serialToWallText, type DateSystem, type SerialReading } from "./serial.js";
export { KINDS, DEFAULT_SHEET_NAMES, type FieldSpec, type FieldType } from "../records/kinds.js";
