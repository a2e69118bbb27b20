// report/: what a report is: the zod schemas of the month, KPI, people and pay reports and of the routing
// replay and staffing (the JSON
// the CLI writes and `--previous` reads back), and the diff of a settled report against a new one.
export { MonthReportSchema, AgentReportSchema, OrderReportSchema, TallySchema, type MonthReport, type AgentReport, type OrderReport } from "./schema.js";
export { KpiReportSchema, KpiValueSchema, KpiTableSchema, AgentScoreSchema, AgentQcSchema, ServiceLevelCheckSchema, type KpiReport } from "./kpiSchema.js";
export { TrendReportSchema, TrendLineSchema, type TrendReport, type TrendLine } from "./trendSchema.js";
export { PeopleReportSchema, GradeStandingSchema, DisciplineLineSchema, DutySchema, ReminderOutcomesSchema, type PeopleReport } from "./peopleSchema.js";
export { PayLineSchema, PayStatementSchema } from "./paySchema.js";
export { ChatReviewSchema, ChatFindingLineSchema } from "./chatSchema.js";
export { TrafficReportSchema, TrafficDaySchema } from "./trafficSchema.js";
export { LostInquiriesReportSchema, LostInquirySchema } from "./lostInquiriesSchema.js";
export { TransfersReportSchema } from "./transfersSchema.js";
export { BotsReportSchema } from "./botsSchema.js";
export { ShopsReportSchema, ShopLineSchema } from "./shopsSchema.js";
export { KpiTargetsReportSchema, MonthSummarySchema } from "./targetsSchema.js";
export { RoutingReplaySchema, StaffingPlanSchema } from "./routingSchema.js";
export { compareReports, type ReportDifference } from "./settled.js";
