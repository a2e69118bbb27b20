// kefu-kpi: the entry points, their safe twins, the policy, the errors and the input and result
// types. Schemas are in `kefu-kpi/schemas`, renderers in `kefu-kpi/render`, files and the CLI in
// `kefu-kpi/node`, the spreadsheet adapter in `kefu-kpi/sheets`. Named re-exports only; the list is
// held to test/exports/*.txt, so a new export is a deliberate change.

// Errors
export { IssueCode, KefuKpiError, formatIssue, formatIssueLocation, isKefuKpiError, toSafe } from "./errors.js";
export type { Issue, IssueSource, SafeResult } from "./errors.js";

// The policy
export { PolicySchema, resolvePolicy, safeResolvePolicy, defaultPolicy, policyJsonSchema, KPI_METRIC_IDS, KPI_METRICS, GRADES, DISCIPLINARY_ACTIONS } from "./policy/index.js";
export type { Policy, PolicyInput, AttributionPolicy, KpiPolicy, KpiMetricId, KpiMetricDefinition, KpiComputation, ScorecardMetric, PayPolicy, Tiers } from "./policy/index.js";
export type { GradesPolicy, DisciplinePolicy, RewardsPolicy, RosterPolicy, ShopReviewDutyPolicy, FlagColour } from "./policy/index.js";
export type { AmbiguousTimes } from "./time/zone.js";

// Records: the one decoder, the record kinds, the Tmall order export
export { decodeMonth, isDecodedMonth, decodedRecords, RECORD_KINDS, mapTmallOrders, isTmallOrderHeader } from "./records/index.js";
export type { DecodedMonth, MonthBots, MonthRecords, RecordOf, RecordKind, DecodedValue, TextColumn, Agent, Consultation, Order } from "./records/index.js";
export type { TmallOrderRow, TmallImport, TmallImportError, TmallMapOptions } from "./records/index.js";

// The month: every rule family over one decoded month
export { buildMonthReport, safeBuildMonthReport, buildKpiReport, safeBuildKpiReport, buildTrendReport, safeBuildTrendReport, buildDutySheet } from "./month/index.js";
export type { MonthInput, MonthReportOptions, KpiReportOptions, TrendReportOptions, PreviousKpis, PeopleInput, DutySheet, ShopsReport, ShopLine } from "./month/index.js";
export { compareReports } from "./report/index.js";
export type { MonthReport, AgentReport, OrderReport, KpiReport, TrendReport, TrendLine, PeopleReport, ReportDifference } from "./report/index.js";

// The rule families, one by one
export { attributeSales, safeAttributeSales } from "./attribution/index.js";
export type { AttributeOptions, SalesInput, OrderLike, ConsultationLike, SalesAttribution, AttributedOrder, AgentSales, AgentBreakdown, ShopSales, CreditedBy, OrderStatus, Tally } from "./attribution/index.js";
export {
  computeKpis,
  safeComputeKpis,
  collectKpiState,
  safeCollectKpiState,
  finalizeKpis,
  mergeKpiStates,
  kpiStateToJSON,
  computeKpiTrend,
  safeComputeKpiTrend,
  scoreAgent,
  safeScoreAgent,
  qcDeductions,
  safeQcDeductions,
  checkServiceLevels,
  safeCheckServiceLevels,
} from "./kpi/index.js";
export type { KpiTrend, KpiTrendOptions, TrendBy, PeriodLabel } from "./kpi/index.js";
export type { KpiOptions, KpiState, AgentScore, ScoreLine, ScoreOptions, AgentQc, QcWeek, QcDeduction } from "./kpi/index.js";
export type { ServiceLevelCheck, ServiceLevelBreach, ServiceLevelId, ServiceLevelInput } from "./kpi/index.js";
export type { KpiTargetsReport, KpiTargetLine, KpiTargetValue, KpiTargetStatus, KpiTargetTally } from "./kpi/index.js";
export type { Ticket, AfterSale, ServiceReview, QcInspection, PhoneCall } from "./kpi/index.js";
export type { KpiInput, KpiKind, KpiResult, KpiValue, KpiTable, KpiStatus, KpiUnit, AgentKpis, KpiAgentLike, KpiConsultationLike, KpiOrderLike } from "./kpi/index.js";
export { evaluateGrades, safeEvaluateGrades, evaluateGrade, rankAgents, safeRankAgents } from "./grading/index.js";
export type { Assessment, AssessmentInput, GradeStanding, GradesInput, GradesOptions, PromotionReason, Score, ScoreInput } from "./grading/index.js";
export type { ProbationEvaluation, ProbationEvaluationInput, ProbationItemResult, ProbationResult, RankOptions, Ranking } from "./grading/index.js";
export { evaluateDiscipline, safeEvaluateDiscipline, evaluateRewards, safeEvaluateRewards, fundLedger, REWARD_KINDS } from "./discipline/index.js";
export type { DisciplineInput, DisciplineLine, DisciplineOptions, DisciplineResult, DisciplineStanding, StaffMember, Violation, ViolationInput } from "./discipline/index.js";
export type { Reward, RewardInput, RewardLine, RewardsInput, RewardsResult, FineLike, FundEntry, FundLedger } from "./discipline/index.js";
export { assignDuties, safeAssignDuties, checkRoster, safeCheckRoster, SHIFTS } from "./roster/index.js";
export type { DutiesInput, DutiesOptions, DutiesResult, Duty, DutyKind, DutyOrder, ReminderOutcomes, ReminderTally, ReturnedParcel, ShopReview } from "./roster/index.js";
export type { RosterAgentSummary, RosterBreach, RosterCheck, RosterEntry, RosterInput, RosterRule, Shift } from "./roster/index.js";
export { checkChatStandards, safeCheckChatStandards } from "./chat/index.js";
export type { ChatInput, ChatReview, ChatFindingLine, ChatRuleLine, ChatAgentLine } from "./chat/index.js";
export type { ChatPolicy, ChatRule, ChatPhrase, ChatPattern, ChatRuleCategory, ChatStandards, ChatStandardsInput } from "./policy/index.js";
export { routeConsultation, safeRouteConsultation } from "./routing/index.js";
export { replayRouting, safeReplayRouting } from "./month/routingReplay.js";
export { planStaffing, safePlanStaffing } from "./month/staffing.js";
export type { RoutingAgent, RoutingArrival, RoutingDecision, RoutingGroup, RoutingState } from "./routing/index.js";
export type { RoutingReplay, RoutingReplayAgent, RoutingReplayInput, RoutingReplayOptions, RoutingWait, RoutingDifference } from "./month/routingReplay.js";
export type { StaffingHour, StaffingInput, StaffingOptions, StaffingPlan, StaffingStatus } from "./month/staffing.js";
export type { RoutingPolicy, RoutingStep, StaffingPolicy } from "./policy/index.js";
export type { TrafficReport, TrafficDay, TrafficSource } from "./traffic/index.js";
export type { LostInquiriesReport, LostInquiry, LostInquiryFigures, LostInquiryMessage, TransfersReport, AgentTransfers, BotsReport } from "./followUp/index.js";
export { payStatements, safePayStatements, comparePay, PAY_LINES } from "./pay/index.js";
export type { PayInput, PayAgentInput, PayOrder, PayItem, ClawbackItem, PayLine, PayLineId, PayStatement, PayComparison } from "./pay/index.js";
