/** The KPI trend report (走势): what `kefu-kpi trend --format json` prints. */
import * as z from "zod";
import { KpiMetricIdSchema } from "../policy/kpi.js";
import { KPI_UNITS } from "../policy/kpiMetrics.js";

const decimal = z.string().regex(/^\d+(\.\d+)?$/);
const signed = z.string().regex(/^-?\d+(\.\d+)?$/);
const count = z.number().int().nonnegative();
const PeriodLabelSchema = z.object({ label: z.string(), start: z.string(), end: z.string() });

/** One value of a metric: null with status noData; insufficient when under the metric's minimum sample. */
const TrendValueSchema = z.object({ value: decimal.nullable(), status: z.enum(["ok", "noData", "insufficient"]) });

/** One metric of one agent (or the shop) over the period. */
export const TrendLineSchema = z.object({
  metric: KpiMetricIdSchema,
  unit: z.enum(KPI_UNITS),
  /** The value of each day or week, parallel to the report's `parts`. */
  parts: z.array(TrendValueSchema).readonly(),
  /** The whole period's value (as the KPI report of the period gives it). */
  total: TrendValueSchema,
  /** The previous report's value of the metric (null: no previous report, not in it, or no data there). */
  previous: decimal.nullable(),
  /** total − previous, exactly (null when either is null). */
  change: signed.nullable(),
  /** Against the policy's target (kpi.targets); null when the metric has none. */
  target: z
    .object({
      bound: z.enum(["atLeast", "atMost"]),
      target: decimal,
      /** The period's value against the target. */
      status: z.enum(["met", "missed", "noData", "insufficient"]),
      /** The days (or weeks) whose value met the target, and those judged (a value, not under the minimum sample). */
      partsMet: count,
      partsJudged: count,
    })
    .nullable(),
});

/** What `kefu-kpi trend --format json` prints: the chosen KPIs of every day or week of a period. */
export const TrendReportSchema = z.object({
  kind: z.literal("kefu-kpi/trend-report"),
  version: z.literal(1),
  period: PeriodLabelSchema,
  by: z.enum(["day", "week"]),
  /** The days (business days, at the cut-over) or ISO weeks (cut to the period), in time order. */
  parts: z.array(PeriodLabelSchema).readonly(),
  /** The metrics shown, in the metric table's order. */
  metrics: z.array(KpiMetricIdSchema).readonly(),
  /** The report compared with (month-on-month): its month or period label; null when none was given. */
  previous: z.object({ label: z.string() }).nullable(),
  warnings: z.array(z.string()),
  shop: z.object({ lines: z.array(TrendLineSchema).readonly() }),
  /** Every agent of the period's KPI table, in its order. */
  agents: z.array(z.object({ agentId: z.string(), name: z.string().nullable(), lines: z.array(TrendLineSchema).readonly() })).readonly(),
});
export type TrendReport = z.infer<typeof TrendReportSchema>;
export type TrendLine = z.infer<typeof TrendLineSchema>;
