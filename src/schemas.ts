// kefu-kpi/schemas: the zod schemas of every record kind, of the policy's parts and of the reports,
// for apps that validate or generate data themselves. The whole policy's schema is `PolicySchema`
// in the root entry. Named re-exports only; the list is held to test/exports/schemas.txt.
export { RECORD_SCHEMAS, recordSchema, recordJsonSchema, AgentSchema, AgentGroupSchema, AgentGradeSchema, ConsultationSchema, OrderSchema } from "./records/index.js";
export { TicketSchema, AfterSaleSchema, ServiceReviewSchema, QcInspectionSchema, PhoneCallSchema } from "./kpi/index.js";
export { AssessmentSchema, ScoreSchema, ProbationEvaluationSchema } from "./grading/index.js";
export { ViolationSchema, RewardSchema } from "./discipline/index.js";
export { ReturnedParcelSchema, ShopReviewSchema, RosterEntrySchema } from "./roster/index.js";
export { PayInputSchema, PayAgentSchema, PayOrderSchema, PayItemSchema, ClawbackItemSchema } from "./pay/index.js";
export {
  AttributionPolicySchema,
  DutiesPolicySchema,
  KpiPolicySchema,
  KpiMetricIdSchema,
  ScorecardMetricSchema,
  GradesPolicySchema,
  DisciplinePolicySchema,
  RewardsPolicySchema,
  RosterPolicySchema,
  ShopReviewDutyPolicySchema,
  PayPolicySchema,
  CommissionPolicySchema,
  TiersSchema,
  KpiBonusPolicySchema,
  ChatPolicySchema,
  ChatStandardsSchema,
  RoutingPolicySchema,
  StaffingPolicySchema,
} from "./policy/index.js";
export {
  MonthReportSchema,
  AgentReportSchema,
  OrderReportSchema,
  TallySchema,
  KpiReportSchema,
  KpiValueSchema,
  KpiTableSchema,
  AgentScoreSchema,
  AgentQcSchema,
  ServiceLevelCheckSchema,
  TrendReportSchema,
  TrendLineSchema,
  PeopleReportSchema,
  GradeStandingSchema,
  DisciplineLineSchema,
  DutySchema,
  ReminderOutcomesSchema,
  PayLineSchema,
  PayStatementSchema,
  ChatReviewSchema,
  ChatFindingLineSchema,
  TrafficReportSchema,
  TrafficDaySchema,
  LostInquiriesReportSchema,
  LostInquirySchema,
  TransfersReportSchema,
  BotsReportSchema,
  ShopsReportSchema,
  ShopLineSchema,
  KpiTargetsReportSchema,
  MonthSummarySchema,
  RoutingReplaySchema,
  StaffingPlanSchema,
} from "./report/index.js";
