/** The pay part of the month report (R5), as a zod schema mirroring src/pay's statement. */
import * as z from "zod";

const money = z.string().regex(/^-?\d+\.\d{2}$/);

export const PayLineSchema = z.object({
  amount: money,
  rule: z.string(),
  inputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  steps: z.array(z.string()),
});

const BaseShareSchema = z.object({ orderId: z.string(), share: z.string(), amount: z.string(), reason: z.string() });

export const PayStatementSchema = z.object({
  agentId: z.string(),
  lines: z.object({
    baseSalary: PayLineSchema,
    commission: PayLineSchema,
    kpiBonus: PayLineSchema,
    rewards: PayLineSchema,
    fines: PayLineSchema,
    clawback: PayLineSchema,
  }),
  /** baseSalary + commission + kpiBonus + rewards − fines − clawback. */
  total: money,
  commissionOrders: z.array(BaseShareSchema),
  /** Orders credited to the agent but left out of the base (paid on a day not employed), each with why. */
  excludedOrders: z.array(BaseShareSchema).default([]),
});
