export { computeKpis, safeComputeKpis, collectKpiState, finalizeKpis, type KpiOptions } from "./computeKpis.js";
export { mergeKpiStates, kpiStateToJSON, type KpiState, type AgentCounters } from "./state.js";
export type { PairColumns, OrderColumns } from "./columns.js";
export { scoreAgent, type AgentScore, type ScoreLine, type ScoreOptions } from "./scorecard.js";
export { qcDeductions, type AgentQc, type QcWeek, type QcDeduction } from "./qc.js";
export { checkServiceLevels, type ServiceLevelCheck, type ServiceLevelBreach, type ServiceLevelId, type ServiceLevelInput } from "./serviceLevels.js";
export { TicketSchema, AfterSaleSchema, ServiceReviewSchema, QcInspectionSchema, PhoneCallSchema } from "./schema.js";
export type { Ticket, AfterSale, ServiceReview, QcInspection, PhoneCall } from "./schema.js";
export type { KpiInput, KpiKind, KpiResult, KpiValue, KpiTable, KpiStatus, KpiUnit, AgentKpis, KpiAgentLike, KpiConsultationLike, KpiOrderLike } from "./types.js";
