// kpi/: the KPI table (collect, merge, finalize), the role scorecards, the QC deductions and the service levels.
export { computeKpis, safeComputeKpis, collectKpiState, safeCollectKpiState, finalizeKpis, type KpiOptions } from "./computeKpis.js";
export { mergeKpiStates } from "./merge.js";
export { computeKpiTrend, safeComputeKpiTrend, type KpiTrend, type KpiTrendOptions, type TrendBy, type PeriodLabel } from "./trend.js";
export { kpiStateToJSON } from "./stateJson.js";
export type { KpiState, AgentCounters } from "./state.js";
export type { PairColumns, OrderColumns } from "./columns.js";
export { scoreAgent, safeScoreAgent, type AgentScore, type ScoreLine, type ScoreOptions } from "./scorecard.js";
export { qcDeductions, safeQcDeductions, type AgentQc, type QcWeek, type QcDeduction } from "./qc.js";
export { checkServiceLevels, safeCheckServiceLevels, type ServiceLevelCheck, type ServiceLevelBreach, type ServiceLevelId, type ServiceLevelInput } from "./serviceLevels.js";
export { TicketSchema, AfterSaleSchema, ServiceReviewSchema, QcInspectionSchema, PhoneCallSchema } from "./schema.js";
export type { Ticket, AfterSale, ServiceReview, QcInspection, PhoneCall } from "./schema.js";
export type { KpiInput, KpiKind, KpiResult, KpiValue, KpiTable, KpiStatus, KpiUnit, AgentKpis, KpiAgentLike, KpiConsultationLike, KpiOrderLike } from "./types.js";
export { kpiTargets, againstTarget, type KpiTargetsReport, type KpiTargetLine, type KpiTargetValue, type KpiTargetStatus, type KpiTargetTally } from "./targets.js";
