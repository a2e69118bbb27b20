import { attributeMonth } from "../attribution/attributeSales.js";
import { safely, type SafeResult } from "../errors.js";
import { checkOptions, textOption, textsOption } from "../input.js";
import { cutToShop } from "../records/shops.js";
import { kpiPeriod } from "../kpi/computeKpis.js";
import { kpiTargets } from "../kpi/targets.js";
import { botsOfPeriod } from "../followUp/bots.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { staffGroupOf, type StaffGroup } from "../records/recordSchemas.js";
import { monthFor, type DecodedMonth } from "../records/month.js";
import { formatInstant } from "../time/period.js";
import type { MonthInput } from "./buildMonthReport.js";
import { kpiSection } from "./kpiSection.js";
import type { KpiReport } from "../report/kpiSchema.js";

export interface KpiReportOptions {
  /** `2020-02-03`, `2020-W06`, `2020-02` or `2020-02-01..2020-02-15`. */
  readonly period: string;
  readonly warnings?: readonly string[];
  /** One shop's KPIs (店铺): only the records of this shopId (refused, at `options.shop`, when no record names it, or at a kind whose records name no shop). */
  readonly shop?: string;
}

/** The kinds the KPI report reads. */
export const KPI_REPORT_KINDS = ["agents", "consultations", "orders", "shipments", "orderAnomalies", "tickets", "afterSales", "reviews", "complaints", "qc", "calls", "shopReviews"] as const;

/**
 * The KPI report of any period: attribution (R1) over the period gives the credits, then the
 * metric table, scorecards, QC deductions and service-level checks (R2).
 *
 * @throws {KefuKpiError} listing every invalid record, field or policy value
 * @example
 * buildKpiReport(folder.month, policy, { period: "2020-W06" }).shop.kpis.replyRate.value //=> "0.9667"
 */
export function buildKpiReport(input: MonthInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: KpiReportOptions): KpiReport {
  const whole = monthFor(input, policy, KPI_REPORT_KINDS);
  const opts = checkOptions(options, ["period", "warnings", "shop"]);
  const shop = textOption(opts, "shop");
  // One shop's: the kinds the report reads, cut (a kind it does not read need not name shops).
  const month = shop === undefined ? whole : cutToShop(whole, shop, { kinds: KPI_REPORT_KINDS });
  const period = kpiPeriod(month, { period: opts["period"] });
  const warnings = [...(shop === undefined ? [] : [`shop ${JSON.stringify(shop)} alone: the KPIs of this shop's records only`]), ...(textsOption(opts, "warnings") ?? []), ...month.warnings];
  const attribution = month.tables.orders === undefined ? null : attributeMonth(month, { period: options.period });
  const attributed = attribution?.credits ?? null;
  if (attributed !== null) warnings.push(...attributed.rowOrderTies);
  const kpi = kpiSection(month, options.period, attributed?.credited ?? null);
  warnings.push(...kpi.warnings);
  const about = agentAbout(month);
  const agents = [...kpi.agents].map(([agentId, k]) => ({ agentId, ...about(agentId), kpis: k.kpis, score: k.score }));
  return {
    kind: "kefu-kpi/kpi-report",
    version: 1,
    period: { label: period.label, start: formatInstant(period.start, month.zone), end: formatInstant(period.end, month.zone) },
    warnings,
    agents,
    shop: { kpis: kpi.shop },
    qcDeductions: kpi.qcDeductions,
    serviceLevels: kpi.serviceLevels,
    targets: kpiTargets(month.policy.kpi.targets, kpi.shop, agents),
    bots: botsOfPeriod(month, period, attribution?.result.shop ?? null),
  };
}

/** An agent's name and group by the agents file (null for an agent it does not list). */
export function agentAbout(month: DecodedMonth): (agentId: string) => { name: string | null; group: StaffGroup | null } {
  const table = month.tables.agents;
  return (agentId) => {
    const a = month.agents.find(agentId);
    if (table === undefined || a === undefined || a >= table.count) return { name: null, group: null };
    const g = table.columns.group[a]!;
    return { name: table.columns.name?.at(a) || null, group: staffGroupOf(g) };
  };
}

/** {@link buildKpiReport} returning `{ success, data | issues }` instead of throwing. */
export function safeBuildKpiReport(input: MonthInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: KpiReportOptions): SafeResult<KpiReport> {
  return safely(() => buildKpiReport(input, policy, options));
}
