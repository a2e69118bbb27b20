import { attributeSales } from "../attribution/attributeSales.js";
import { IssueCode, KefuKpiError, safely, type SafeResult } from "../errors.js";
import { resolvePolicy } from "../policy/resolve.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { formatInstant, parsePeriod, parseTimeOfDay } from "../time/period.js";
import { zoneOf } from "../time/zone.js";
import type { MonthInput } from "./buildMonthReport.js";
import { kpiSection } from "./kpiSection.js";
import type { KpiReport } from "./kpiSchema.js";
import { checkInput, checkOptions, OPTION_FORMS, readTextOption, textsOption } from "../input.js";
import { RECORD_KINDS } from "../schema/kinds.js";

export interface KpiReportOptions {
  /** `2020-02-03`, `2020-W06`, `2020-02` or `2020-02-01..2020-02-15`. */
  readonly period: string;
  readonly warnings?: readonly string[];
}

/**
 * The KPI report of any period: attribution (R1) over the period gives the credits, then the
 * metric table, scorecards, QC deductions and service-level checks (R2).
 *
 * @throws {KefuKpiError} listing every invalid record, field or policy value
 * @example
 * buildKpiReport(folder.input, policy, { period: "2020-W06" }).shop.kpis.replyRate.value //=> "0.9667"
 */
export function buildKpiReport(input: MonthInput, policy: PolicyInput | Policy | undefined, options: KpiReportOptions): KpiReport {
  checkInput(input, RECORD_KINDS);
  const opts = checkOptions(options, ["period", "warnings"]);
  const resolved = resolvePolicy(policy);
  const zone = zoneOf(resolved);
  const cutover = parseTimeOfDay(resolved.businessDayStartsAt);
  const period = readTextOption(opts, "period", (label) => parsePeriod(label, zone, cutover));
  if (period === undefined) throw new KefuKpiError([{ code: IssueCode.missingField, path: ["options", "period"], message: `is missing; expected ${OPTION_FORMS.period}` }]);
  const warnings = [...(textsOption(opts, "warnings") ?? [])];
  const orders = input.orders ?? [];
  const consultations = input.consultations ?? [];
  const sales = attributeSales(input.agents ? { orders, consultations, agents: input.agents } : { orders, consultations }, resolved, { period: period.label });
  const credits = input.orders ? sales.orders.map((o) => ({ orderId: o.orderId, agentId: o.creditedAgent })) : [];
  const kpi = kpiSection(input, resolved, period.label, zone, cutover, credits);
  warnings.push(...kpi.warnings);
  const roster = new Map((input.agents ?? []).map((a) => [a.agentId, a]));
  return {
    kind: "kefu-kpi/kpi-report",
    version: 1,
    period: { label: period.label, start: formatInstant(period.start, zone), end: formatInstant(period.end, zone) },
    warnings,
    agents: [...kpi.agents].map(([agentId, k]) => ({ agentId, name: roster.get(agentId)?.name ?? null, group: roster.get(agentId)?.group ?? null, kpis: k.kpis, score: k.score })),
    shop: { kpis: kpi.shop },
    qcDeductions: kpi.qcDeductions,
    serviceLevels: kpi.serviceLevels,
  };
}

/** {@link buildKpiReport} returning `{ success, data | issues }` instead of throwing. */
export function safeBuildKpiReport(input: MonthInput, policy: PolicyInput | Policy | undefined, options: KpiReportOptions): SafeResult<KpiReport> {
  return safely(() => buildKpiReport(input, policy, options));
}
