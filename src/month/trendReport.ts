/**
 * The KPI trend report (走势): the chosen KPIs of every day or ISO week of a period, per agent and
 * for the shop, from one decode and one attribution of the period; each metric's period value
 * against the policy's target (and on how many days it met it), and against a previous report
 * (month-on-month).
 */
import * as z from "zod";
import { attributeMonth } from "../attribution/attributeSales.js";
import { IssueCode, KefuKpiError, fromZodIssues, safely, type SafeResult } from "../errors.js";
import { OPTION_FORMS, checkOptions, textOption, textsOption } from "../input.js";
import { againstTarget } from "../kpi/targets.js";
import { byOption, trendOfMonth, type TrendBy } from "../kpi/trend.js";
import type { KpiTable, KpiValue } from "../kpi/types.js";
import { differenceOfDecimals } from "../money/decimal.js";
import { KPI_METRIC_IDS, type KpiMetricId } from "../policy/kpiMetrics.js";
import type { KpiTarget } from "../policy/kpi.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { monthFor, type DecodedMonth } from "../records/month.js";
import { cutToShop } from "../records/shops.js";
import type { TrendLine, TrendReport } from "../report/trendSchema.js";
import type { MonthInput } from "./buildMonthReport.js";
import { agentAbout, KPI_REPORT_KINDS } from "./kpiReport.js";
import { missingKpiKinds } from "./kpiSection.js";

/** The KPIs of an earlier report, to compare with: a month report (`report --format json`) or a KPI report (`kpi --format json`). */
export interface PreviousKpis {
  readonly kind: "kefu-kpi/month-report" | "kefu-kpi/kpi-report";
  readonly month?: string;
  /** The report's period: its start (an instant with its offset) says whether it is earlier; a KPI report's label names it (a month report's is `month`). */
  readonly period?: { readonly label?: string; readonly start?: string; readonly end?: string };
  readonly shop: { readonly kpis: Readonly<Partial<Record<string, { readonly value: string | null }>>> };
  readonly agents: readonly { readonly agentId: string; readonly kpis: Readonly<Partial<Record<string, { readonly value: string | null }>>> }[];
}

export interface TrendReportOptions {
  /** `2020-02` (a month), `2020-W06`, `2020-02-01..2020-02-15` … */
  readonly period: string;
  readonly by: TrendBy;
  /** The metrics to show (ids of the metric table); default every metric. */
  readonly metrics?: readonly string[];
  /** One shop's records only (shopId). */
  readonly shop?: string;
  /** An earlier month or KPI report: each metric's change since. */
  readonly previous?: PreviousKpis;
  readonly warnings?: readonly string[];
}

const KpiValueLike = z.looseObject({ value: z.string().regex(/^\d+(\.\d+)?$/).nullable() });
const KpisLike = z.record(z.string(), KpiValueLike);
const PreviousSchema = z.looseObject({
  kind: z.enum(["kefu-kpi/month-report", "kefu-kpi/kpi-report"], { error: "expected a kefu-kpi month report or KPI report (kind kefu-kpi/month-report or kefu-kpi/kpi-report)" }),
  month: z.string().optional(),
  period: z.looseObject({ label: z.string().optional() }).optional(),
  shop: z.looseObject({ kpis: KpisLike }),
  agents: z.array(z.looseObject({ agentId: z.string(), kpis: KpisLike })),
});

/**
 * The KPI trend report of a period: the chosen metrics of each day (or ISO week) per agent and for
 * the shop, with the period's own value, its target and its change since a previous report.
 *
 * @throws {KefuKpiError} listing every invalid record, field or policy value; a bad `by`,
 *   `metrics` or `previous` at that option
 * @example
 * const t = buildTrendReport(folder.month, undefined, { period: "2020-02", by: "day", metrics: ["replyRate"] })
 * t.shop.lines[0].parts.length //=> 29
 */
export function buildTrendReport(input: MonthInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: TrendReportOptions): TrendReport {
  const opts = checkOptions(options, ["period", "by", "metrics", "shop", "previous", "warnings"]);
  const by = byOption(opts);
  const metrics = metricsOption(opts);
  const previous = previousOption(opts);
  const whole = monthFor(input, policy, KPI_REPORT_KINDS);
  const shop = textOption(opts, "shop");
  const month = shop === undefined ? whole : cutToShop(whole, shop, { kinds: KPI_REPORT_KINDS });
  const period = textOption(opts, "period");
  if (period === undefined) throw new KefuKpiError([{ code: IssueCode.missingField, path: ["options", "period"], message: `is missing; expected ${OPTION_FORMS.period}` }]);
  const warnings = [...(shop === undefined ? [] : [`shop ${JSON.stringify(shop)} alone: the KPIs of this shop's records only`]), ...(textsOption(opts, "warnings") ?? []), ...month.warnings];
  const attribution = month.tables.orders === undefined ? null : attributeMonth(month, { period });
  const credits = attribution?.credits ?? null;
  if (credits !== null) warnings.push(...credits.rowOrderTies);
  warnings.push(...missingKpiKinds(month));
  const trend = trendOfMonth(month, credits?.credited ?? null, { period, by });
  const previousLabel = previous === null ? null : previous.kind === "kefu-kpi/month-report" ? (previous.month ?? "") : (previous.period?.label ?? "");
  // Both reports write their period's start as an instant with its offset: compared as instants
  // (a previous report given as data without one: by its label).
  const previousStart = Date.parse(previous?.period?.start ?? "");
  const notBefore = Number.isNaN(previousStart) ? previousLabel !== null && previousLabel >= trend.period.label : previousStart >= Date.parse(trend.period.start);
  if (previousLabel !== null && notBefore) warnings.push(`the previous report's period ${previousLabel} does not start before ${trend.period.label}: the changes compare with it all the same`);
  const previousAgents = new Map(previous?.agents.map((a) => [a.agentId, a.kpis]));
  const targets = month.policy.kpi.targets;
  // Own keys only: a report's JSON is data, never a prototype.
  const earlier = (before: PreviousKpis["shop"]["kpis"] | undefined, metric: KpiMetricId): string | null => (before !== undefined && Object.hasOwn(before, metric) ? (before[metric]?.value ?? null) : null);
  const lines = (total: KpiTable, parts: readonly KpiTable[], before: PreviousKpis["shop"]["kpis"] | undefined): TrendLine[] =>
    metrics.map((metric) => trendLine(metric, total[metric], parts.map((p) => p[metric]), earlier(before, metric), Object.hasOwn(targets, metric) ? targets[metric] : undefined));
  const about = agentAbout(month);
  return {
    kind: "kefu-kpi/trend-report",
    version: 1,
    period: trend.period,
    by,
    parts: trend.parts,
    metrics,
    previous: previousLabel === null ? null : { label: previousLabel },
    warnings,
    shop: { lines: lines(trend.total.shop.kpis, trend.tables.map((t) => t.shop.kpis), previous?.shop.kpis) },
    agents: trend.total.agents.map((a, i) => ({
      agentId: a.agentId,
      name: about(a.agentId).name,
      lines: lines(a.kpis, trend.tables.map((t) => t.agents[i]!.kpis), previousAgents.get(a.agentId)),
    })),
  };
}

/** One metric of one row: each part's value, the total, its change and its target. */
function trendLine(metric: KpiMetricId, total: KpiValue, parts: readonly KpiValue[], previous: string | null, target: KpiTarget | undefined): TrendLine {
  const value = (k: KpiValue): TrendLine["total"] => ({ value: k.value, status: k.status });
  let met = 0;
  let judged = 0;
  if (target !== undefined) {
    for (const k of parts) {
      const s = againstTarget(k, target).status;
      if (s === "met" || s === "missed") judged++;
      if (s === "met") met++;
    }
  }
  return {
    metric,
    unit: total.unit,
    parts: parts.map(value),
    total: value(total),
    previous,
    change: previous === null || total.value === null ? null : differenceOfDecimals(total.value, previous),
    target:
      target === undefined
        ? null
        : { bound: target.atLeast !== undefined ? "atLeast" : "atMost", target: target.atLeast ?? target.atMost!, status: againstTarget(total, target).status, partsMet: met, partsJudged: judged },
  };
}

/** The `metrics` option: known metric ids, each once, in the metric table's order; default all. */
function metricsOption(opts: Record<string, unknown>): KpiMetricId[] {
  const given = textsOption(opts, "metrics");
  if (given === undefined) return [...KPI_METRIC_IDS];
  const known = new Set<string>(KPI_METRIC_IDS);
  const unknown = given.map((m, i) => [m, i] as const).filter(([m]) => !known.has(m));
  if (unknown.length > 0) {
    throw new KefuKpiError(unknown.map(([m, i]) => ({ code: IssueCode.invalidValue, path: ["options", "metrics", i], message: `is ${JSON.stringify(m)}, not a KPI metric; expected one of ${KPI_METRIC_IDS.join(", ")}` })));
  }
  if (given.length === 0) throw new KefuKpiError([{ code: IssueCode.invalidValue, path: ["options", "metrics"], message: `is empty; expected ${OPTION_FORMS.metrics}` }]);
  const chosen = new Set(given);
  return KPI_METRIC_IDS.filter((m) => chosen.has(m));
}

function previousOption(opts: Record<string, unknown>): PreviousKpis | null {
  if (opts["previous"] === undefined) return null;
  const parsed = PreviousSchema.safeParse(opts["previous"]);
  if (!parsed.success) throw new KefuKpiError(fromZodIssues(parsed.error.issues, { at: ["options", "previous"], code: IssueCode.invalidValue, limit: 20 }));
  const seen = new Set<string>();
  const twice = parsed.data.agents.findIndex((a) => seen.size === seen.add(a.agentId).size);
  if (twice >= 0) throw new KefuKpiError([{ code: IssueCode.invalidValue, path: ["options", "previous", "agents", twice, "agentId"], message: `is ${JSON.stringify(parsed.data.agents[twice]!.agentId)} a second time; a report lists each agent once` }]);
  return parsed.data as PreviousKpis;
}

/** {@link buildTrendReport} returning `{ success, data | issues }` instead of throwing. */
export function safeBuildTrendReport(input: MonthInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: TrendReportOptions): SafeResult<TrendReport> {
  return safely(() => buildTrendReport(input, policy, options));
}
