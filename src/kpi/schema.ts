/**
 * The records the KPIs read besides consultations and orders, as zod schemas derived from the
 * record definitions (`records/`), and their types.
 */
import { RECORD_SCHEMAS, type RecordOf } from "../records/schema.js";

/** 工单: a service ticket. */
export const TicketSchema = RECORD_SCHEMAS.tickets;
export type Ticket = RecordOf<"tickets">;
/** 售后单: an after-sales request (refund / return). */
export const AfterSaleSchema = RECORD_SCHEMAS.afterSales;
export type AfterSale = RecordOf<"afterSales">;
/** 客服评价: a buyer's rating of the agent's service. */
export const ServiceReviewSchema = RECORD_SCHEMAS.reviews;
export type ServiceReview = RecordOf<"reviews">;
/** 质检: the quality-inspection score of one sampled conversation. */
export const QcInspectionSchema = RECORD_SCHEMAS.qc;
export type QcInspection = RecordOf<"qc">;
/** 400 电话: one incoming call. */
export const PhoneCallSchema = RECORD_SCHEMAS.calls;
export type PhoneCall = RecordOf<"calls">;
