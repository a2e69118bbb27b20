/**
 * KPI trends (走势): every metric per day or ISO week of a period, per agent and for the shop,
 * from one decode — the records cut by day or week in one pass ({@link collectPeriodStates}), each
 * part's state finalized as `computeKpis` would finalize that part alone.
 */
import { IssueCode, KefuKpiError, safely, type SafeResult } from "../errors.js";
import { OPTION_FORMS, checkOptions } from "../input.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import type { DecodedMonth } from "../records/month.js";
import { businessDayNumber, dateOfDayNumber, dayPeriod, formatInstant, isoWeekOf, type Period } from "../time/period.js";
import type { Zone } from "../time/zone.js";
import { collectState } from "./collect.js";
import { kpiMonth, kpiOptions, rosterOf, type KpiOptions } from "./computeKpis.js";
import { finalizeState } from "./finalize.js";
import { collectPeriodStates } from "./periodStates.js";
import type { AgentKpis, KpiInput, KpiTable } from "./types.js";

/** How a trend cuts its period: business days, or ISO weeks (Monday first) cut to the period. */
export type TrendBy = "day" | "week";

export interface KpiTrendOptions extends KpiOptions {
  readonly by: TrendBy;
}

/** A period as the reports print it: its label, start and end in the shop's zone. */
export interface PeriodLabel {
  readonly label: string;
  readonly start: string;
  readonly end: string;
}

/** The metric tables of each day or week of a period, and of the whole period. */
export interface KpiTrend {
  readonly period: PeriodLabel;
  readonly by: TrendBy;
  /** The days or weeks, in time order (a week at either end of the period is cut to it, its label the ISO week's). */
  readonly parts: readonly PeriodLabel[];
  /** The whole period's table, as `computeKpis` gives it. */
  readonly total: { readonly agents: readonly AgentKpis[]; readonly shop: { readonly kpis: KpiTable } };
  /** Each part's table, parallel to `parts`; each lists the agents of `total`, in its order. */
  readonly tables: readonly { readonly agents: readonly AgentKpis[]; readonly shop: { readonly kpis: KpiTable } }[];
}

/**
 * Every KPI metric per day (or ISO week) of a period, per agent and for the shop.
 *
 * A record counts in the day or week its instant falls in, by the instants `computeKpis` reads
 * (a consultation its start, an order its placing and its paying …); a day's figures are those
 * `computeKpis` gives for that day alone, with the same credits: distinct buyers are counted
 * within the day, so the days' buyers do not add up to the month's.
 *
 * @param input - as for `computeKpis` (or a month decoded by `decodeMonth`)
 * @param options - the period (any period label) and `by`: `day` or `week`
 * @throws {KefuKpiError} listing every invalid record and field, or a bad `by` at `options.by`
 * @example
 * const t = computeKpiTrend(month, {}, { period: "2020-02", by: "week" })
 * t.parts.map((p) => p.label) //=> ["2020-W05", "2020-W06", "2020-W07", "2020-W08", "2020-W09"]
 */
export function computeKpiTrend(input: KpiInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: KpiTrendOptions): KpiTrend {
  const opts = checkOptions(options, ["period", "listAgents", "credits", "by"]);
  const by = byOption(opts);
  const { month, credits } = kpiMonth(input, policy, options);
  return trendOfMonth(month, credits, { period: options.period, by, ...(options.listAgents === undefined ? {} : { listAgents: options.listAgents }) });
}

/** The `by` option of a trend: `day` or `week`, else an issue at `options.by`. */
export function byOption(opts: Record<string, unknown>): TrendBy {
  const by = opts["by"];
  if (by === "day" || by === "week") return by;
  throw new KefuKpiError([{ code: by === undefined ? IssueCode.missingField : IssueCode.invalidValue, path: ["options", "by"], message: `${by === undefined ? "is missing" : `is ${JSON.stringify(by) ?? String(by)}`}; expected ${OPTION_FORMS.by}` }]);
}

/** {@link computeKpiTrend} of a decoded month, with the credits by order number. */
export function trendOfMonth(month: DecodedMonth, credits: Int32Array | null, options: { readonly period: string; readonly by: TrendBy; readonly listAgents?: readonly string[] }): KpiTrend {
  const { period, listAgents } = kpiOptions(month, { period: options.period, ...(options.listAgents === undefined ? {} : { listAgents: options.listAgents }) });
  const roster = rosterOf(month);
  const total = finalizeState(collectState(month, period, credits), month.policy, roster, listAgents);
  const listed = total.agents.map((a) => a.agentId);
  const parts = partsOf(period, options.by, month.zone, month.cutover);
  const tables = collectPeriodStates(month, parts, credits, { orderIds: false }).map((state) => finalizeState(state, month.policy, roster, listed));
  const label = (p: Period): PeriodLabel => ({ label: p.label, start: formatInstant(p.start, month.zone), end: formatInstant(p.end, month.zone) });
  return { period: label(period), by: options.by, parts: parts.map(label), total, tables };
}

/** The business days of a period, or its ISO weeks cut to it. */
export function partsOf(period: Period, by: TrendBy, zone: Zone, cutover: number): Period[] {
  const first = businessDayNumber(period.start, zone, cutover);
  const last = businessDayNumber(period.end - 1, zone, cutover);
  const days: Period[] = [];
  for (let d = first; d <= last; d++) days.push(dayPeriod(dateOfDayNumber(d), zone, cutover));
  if (by === "day") return days;
  const weeks: Period[] = [];
  for (const day of days) {
    const label = isoWeekOf(day.start, zone, cutover);
    const current = weeks[weeks.length - 1];
    if (current?.label === label) weeks[weeks.length - 1] = { ...current, end: day.end };
    else weeks.push({ kind: "week", label, start: day.start, end: day.end });
  }
  return weeks;
}

/** {@link computeKpiTrend} returning `{ success, data | issues }` instead of throwing. */
export function safeComputeKpiTrend(input: KpiInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: KpiTrendOptions): SafeResult<KpiTrend> {
  return safely(() => computeKpiTrend(input, policy, options));
}
