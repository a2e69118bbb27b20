// month/: the orchestration: one decoded month through every rule family (attribution, KPIs,
// people, pay), the previous month's settled report (clawbacks), the KPI report and the day's
// duty sheet. It builds the reports that report/ defines; it renders nothing.
export { buildMonthReport, safeBuildMonthReport, type MonthInput, type MonthReportOptions } from "./buildMonthReport.js";
export { buildKpiReport, safeBuildKpiReport, type KpiReportOptions } from "./kpiReport.js";
export { buildTrendReport, safeBuildTrendReport, type TrendReportOptions, type PreviousKpis } from "./trendReport.js";
export { buildDutySheet, type DutySheet } from "./dutySheet.js";
export type { ShopsReport, ShopLine } from "./shops.js";
export type { PeopleInput } from "./peopleSection.js";
