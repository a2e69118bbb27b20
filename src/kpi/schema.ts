/**
 * The records the KPIs read besides consultations and orders (DOMAIN.md R2), as zod schemas; the
 * types are inferred from them. Instants are text (ISO 8601 with offset, or wall time in the shop
 * zone), money a decimal string, optional fields may be `null`, `""` or absent.
 */
import * as z from "zod";
import { describeFenError, parseFen } from "../money/fen.js";
import { describeInstantError, parseInstant } from "../time/parse.js";
import { createZone } from "../time/zone.js";

const UTC = createZone("UTC");
const id = z.string().trim().min(1, "is missing; expected an id");
const instant = z.string().superRefine((v, ctx) => {
  if (Number.isNaN(parseInstant(v, UTC))) ctx.addIssue({ code: "custom", message: describeInstantError(v, UTC) });
});
const optionalInstant = z.union([z.literal(""), z.null(), instant]).optional();
const optionalMoney = z
  .union([z.literal(""), z.null(), z.string(), z.number()])
  .optional()
  .superRefine((v, ctx) => {
    if (v === undefined || v === null || v === "") return;
    const fen = parseFen(v);
    if (fen < 0) ctx.addIssue({ code: "custom", message: describeFenError(fen, v) });
  });

/** 工单: a service ticket. */
export const TicketSchema = z.strictObject({
  ticketId: id,
  agentId: id,
  createdAt: instant,
  firstReplyAt: optionalInstant,
  closedAt: optionalInstant,
  closedOnFirstReply: z.boolean().optional(),
  kind: z.string().optional(),
});
export type Ticket = z.infer<typeof TicketSchema>;

/** 售后单: an after-sales request (refund / return). */
export const AfterSaleSchema = z.strictObject({
  afterSaleId: id,
  agentId: id,
  orderId: z.string().optional(),
  appliedAt: instant,
  reviewedAt: optionalInstant,
  goodsReceivedAt: optionalInstant,
  refundedAt: optionalInstant,
  refundAmount: optionalMoney,
  satisfaction: z.union([z.null(), z.number().int().min(1, "expected a rating 1–5").max(5, "expected a rating 1–5")]).optional(),
});
export type AfterSale = z.infer<typeof AfterSaleSchema>;

/** 客服评价: a buyer's rating of the agent's service. */
export const ServiceReviewSchema = z.strictObject({
  reviewId: z.string().optional(),
  agentId: id,
  at: instant,
  rating: z.enum(["good", "neutral", "bad"], { error: "expected good, neutral or bad" }),
});
export type ServiceReview = z.infer<typeof ServiceReviewSchema>;

/** 质检: the quality-inspection score of one sampled conversation. */
export const QcInspectionSchema = z.strictObject({
  conversationId: id,
  agentId: id,
  at: instant,
  score: z
    .number()
    .min(0, "expected a score 0–100")
    .max(100, "expected a score 0–100")
    .refine((v) => Number.isInteger(Math.round(v * 100)) && Math.abs(Math.round(v * 100) - v * 100) < 1e-6 && /^\d+(\.\d{1,2})?$/.test(String(v)), "expected a score with at most 2 decimals"),
});
export type QcInspection = z.infer<typeof QcInspectionSchema>;

/** 400 电话: one incoming call. */
export const PhoneCallSchema = z.strictObject({
  callId: z.string().optional(),
  agentId: id,
  at: instant,
  answered: z.boolean(),
});
export type PhoneCall = z.infer<typeof PhoneCallSchema>;
