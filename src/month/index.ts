export { buildMonthReport, safeBuildMonthReport, busiestMonth, type MonthInput, type MonthReportOptions } from "./buildMonthReport.js";
export { MonthReportSchema, AgentReportSchema, OrderReportSchema, TallySchema } from "./schema.js";
export type { MonthReport, AgentReport, OrderReport } from "./schema.js";
export { renderMonthTable, renderMonthCsv, textTable, displayWidth, MONTH_CSV_COLUMNS } from "./render.js";
export { buildKpiReport, safeBuildKpiReport, type KpiReportOptions } from "./kpiReport.js";
export { KpiReportSchema, KpiValueSchema, KpiTableSchema, AgentScoreSchema, AgentQcSchema, ServiceLevelCheckSchema, type KpiReport } from "./kpiSchema.js";
export { renderKpiReport, renderKpiCsv, renderKpiSection, showKpi, KPI_LABELS } from "./renderKpi.js";
