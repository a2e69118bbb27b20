export { buildMonthReport, safeBuildMonthReport, busiestMonth, type MonthInput, type MonthReportOptions } from "./buildMonthReport.js";
export { MonthReportSchema, AgentReportSchema, OrderReportSchema, TallySchema } from "./schema.js";
export type { MonthReport, AgentReport, OrderReport } from "./schema.js";
export { renderMonthTable, renderMonthCsv, monthAgentRows, textTable, displayWidth, MONTH_CSV_COLUMNS } from "./render.js";
export { compareReports, type ReportDifference } from "./settled.js";
export { renderMonthHtml, type HtmlSection } from "./renderHtml.js";
export { renderPayExplanation, renderPayComparison, PAY_LINE_LABELS } from "./renderPay.js";
