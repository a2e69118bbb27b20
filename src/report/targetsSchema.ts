/** The month report's KPI targets (考核目标) and its summary (the month at a glance). */
import * as z from "zod";
import { KpiMetricIdSchema } from "../policy/kpi.js";

const count = z.number().int().nonnegative();
const decimal = z.string().regex(/^\d+(\.\d+)?$/);
const rate = z.string().regex(/^\d+\.\d{4}$/);
const money = z.string().regex(/^-?\d+\.\d{2}$/);

const TargetValueSchema = z.object({
  value: decimal.nullable(),
  status: z.enum(["met", "missed", "noData", "insufficient"]),
});
const TallySchema = z.object({ met: count, missed: count });

export const KpiTargetsReportSchema = z.object({
  metrics: z
    .array(
      z.object({
        metric: KpiMetricIdSchema,
        bound: z.enum(["atLeast", "atMost"]),
        target: decimal,
        shop: TargetValueSchema,
        agents: z.array(TargetValueSchema.extend({ agentId: z.string() })).readonly(),
      }),
    )
    .readonly(),
  shop: TallySchema,
  agents: z.array(TallySchema.extend({ agentId: z.string() })).readonly(),
});

/** The month at a glance: the shares of the paid sales and the month's pay. */
export const MonthSummarySchema = z.object({
  /** Fully silent (全静默) orders over the paid orders, and their net over the paid net; null when nothing was paid. */
  silentShare: z.object({ orders: rate.nullable(), net: rate.nullable() }),
  /** Credited (客服业绩) orders over the paid orders, and their net over the paid net. */
  creditedShare: z.object({ orders: rate.nullable(), net: rate.nullable() }),
  /** The pay statements' totals summed (元). */
  payTotal: money,
});
