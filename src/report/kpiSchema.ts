/**
 * The KPI parts of the month report (R2, README), as zod schemas: `agents[].kpis`,
 * `agents[].score`, `shop.kpis`, `qcDeductions` and `serviceLevels`.
 */
import * as z from "zod";
import { KpiTargetsReportSchema } from "./targetsSchema.js";
import { BotsReportSchema } from "./botsSchema.js";
import { KpiMetricIdSchema } from "../policy/kpi.js";
import { KPI_METRIC_IDS, KPI_UNITS, type KpiMetricId } from "../policy/kpiMetrics.js";

const decimal = z.string().regex(/^\d+(\.\d+)?$/);

export const KpiValueSchema = z.object({
  value: decimal.nullable(),
  status: z.enum(["ok", "noData", "insufficient"]),
  unit: z.enum(KPI_UNITS),
  numerator: decimal.nullable(),
  denominator: decimal.nullable(),
  reason: z.string(),
});

/** Every metric by id. */
export const KpiTableSchema = z.object(Object.fromEntries(KPI_METRIC_IDS.map((id) => [id, KpiValueSchema])) as Record<KpiMetricId, typeof KpiValueSchema>);

export const AgentScoreSchema = z.object({
  status: z.enum(["scored", "notScored", "insufficient"]),
  score: decimal.nullable(),
  group: z.enum(["presale", "insale", "aftersale"]).nullable(),
  reason: z.string(),
  lines: z.array(
    z.object({
      metric: KpiMetricIdSchema,
      weight: z.number().int(),
      value: decimal.nullable(),
      status: z.enum(["ok", "noData", "insufficient"]),
      step: z.number().int().nullable(),
      points: z.number().int().nullable(),
      reason: z.string(),
    }),
  ).readonly(),
});

export const AgentQcSchema = z.object({
  agentId: z.string(),
  deducted: z.number().int().nonnegative(),
  weeks: z.array(
    z.object({
      week: z.string().regex(/^\d{4}-W\d{2}$/),
      points: z.number().int().nonnegative(),
      deducted: z.number().int().nonnegative(),
      capped: z.boolean(),
      inspections: z.array(z.object({ conversationId: z.string(), at: z.string(), score: z.number().nullable(), points: z.number().int(), reason: z.string() })).readonly(),
    }),
  ).readonly(),
});

export const ServiceLevelCheckSchema = z.object({
  id: z.enum(["firstReply", "overnight", "ticketReply", "afterSaleReview", "refundAfterReceipt", "presaleWait", "complaintReply", "orderAnomaly", "shipping", "pickupScan"]),
  label: z.string().nullable(),
  rule: z.string(),
  status: z.enum(["ok", "noData", "disabled"]),
  checked: z.number().int().nonnegative(),
  compliant: z.number().int().nonnegative(),
  complianceRate: decimal.nullable(),
  breaches: z.array(
    z.object({ recordId: z.string(), agentId: z.string().nullable(), at: z.string(), deadline: z.string(), lateSeconds: decimal.nullable(), reason: z.string() }),
  ).readonly(),
});

/** What `kefu-kpi kpi --format json` prints: the metric table of any period. */
export const KpiReportSchema = z.object({
  kind: z.literal("kefu-kpi/kpi-report"),
  version: z.literal(1),
  /** The period asked for, cut in the shop zone at the business-day cut-over. */
  period: z.object({ label: z.string(), start: z.string(), end: z.string() }),
  warnings: z.array(z.string()),
  agents: z.array(
    z.object({
      agentId: z.string(),
      name: z.string().nullable(),
      group: z.enum(["presale", "insale", "aftersale"]).nullable(),
      kpis: KpiTableSchema,
      score: AgentScoreSchema,
    }),
  ),
  shop: z.object({ kpis: KpiTableSchema }),
  qcDeductions: z.array(AgentQcSchema),
  serviceLevels: z.array(ServiceLevelCheckSchema),
  /** The period's KPIs against the policy's targets (kpi.targets); null when it sets none. */
  targets: KpiTargetsReportSchema.nullable().default(null),
  /** The bots (店小蜜) of the period: receptions, hand-overs, the orders they alone served; null without bots. */
  bots: BotsReportSchema.nullable().default(null),
});
export type KpiReport = z.infer<typeof KpiReportSchema>;
