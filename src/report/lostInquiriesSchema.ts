/** The lost-inquiries section of the month report (询单流失). */
import * as z from "zod";

const rate = z.string().regex(/^\d+\.\d{4}$/);
const count = z.number().int().nonnegative();

const figures = {
  inquiringBuyers: count,
  convertedBuyers: count,
  lostBuyers: count,
  openBuyers: count,
  lostRate: rate.nullable(),
};

export const LostInquirySchema = z.object({
  agentId: z.string(),
  buyerId: z.string(),
  consultationId: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  durationSeconds: count,
  replied: z.boolean(),
  inquiries: count,
  lastMessage: z.object({ at: z.string(), from: z.enum(["buyer", "agent"]), text: z.string() }).nullable(),
});

export const LostInquiriesReportSchema = z.object({
  period: z.string(),
  windowHours: z.number().positive().nullable(),
  groups: z.array(z.enum(["presale", "insale", "aftersale"])).readonly(),
  shop: z.object(figures),
  agents: z.array(z.object({ agentId: z.string(), ...figures })).readonly(),
  items: z.array(LostInquirySchema).readonly(),
});
