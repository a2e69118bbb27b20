export { buildMonthReport, safeBuildMonthReport, busiestMonth, type MonthInput, type MonthReportOptions } from "./buildMonthReport.js";
export { MonthReportSchema, AgentReportSchema, OrderReportSchema, TallySchema } from "./schema.js";
export type { MonthReport, AgentReport, OrderReport } from "./schema.js";
export { renderMonthTable, renderMonthCsv, textTable, displayWidth, MONTH_CSV_COLUMNS } from "./render.js";
export { PeopleReportSchema, GradeStandingSchema, DisciplineLineSchema, DutySchema } from "./peopleSchema.js";
export type { PeopleReport } from "./peopleSchema.js";
export type { PeopleInput } from "./peopleSection.js";
