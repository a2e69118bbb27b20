// render/ (`kefu-kpi/render`): every renderer: the month, KPI, pay and people reports and the duty
// sheet as terminal text, CSV and HTML, the text primitives they share, and JSON written in chunks
// (internal: the CLI's writer). Pure and browser-safe: a report in, a string out.
export { renderMonthTable, renderMonthCsv, monthAgentRows, MONTH_CSV_COLUMNS, MONTH_CSV_PAY_COLUMNS } from "./month.js";
export { renderMonthHtml, type HtmlSection } from "./html.js";
export { renderKpiReport, renderKpiCsv, renderKpiSection, showKpi, KPI_LABELS } from "./kpi.js";
export { renderTrendTable, renderTrendHtml, trendCsvLines, trendRows, sparkline } from "./trend.js";
export { renderPayExplanation, renderPayComparison, renderPayTable, PAY_LINE_LABELS } from "./pay.js";
export { renderPeopleTable, renderDutySheet } from "./people.js";
export { textTable, displayWidth, visibleText, csvCell, wrapText, type TableFit } from "./text.js";
export { defaultLang, type ReportLang, type RenderOptions } from "./lang.js";
