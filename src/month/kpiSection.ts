/**
 * The KPI section of the month report (DOMAIN.md R2): the metric table per agent and for the shop,
 * each agent's scorecard (measured but not scored on probation, R3), the QC deductions and the
 * service-level checks. Attribution (R1) reaches the KPIs only as data: the credited agent of each
 * order.
 */
import { computeKpis } from "../kpi/computeKpis.js";
import { qcDeductions, type AgentQc } from "../kpi/qc.js";
import { scoreAgent, type AgentScore } from "../kpi/scorecard.js";
import { checkValidServiceLevels, type ServiceLevelCheck } from "../kpi/serviceLevels.js";
import type { KpiConsultationLike, KpiInput, KpiTable } from "../kpi/types.js";
import type { Policy } from "../policy/schema.js";
import { parseInstant } from "../time/parse.js";
import { formatInstant, parsePeriod } from "../time/period.js";
import type { Zone } from "../time/zone.js";
import type { MonthInput } from "./buildMonthReport.js";

export interface KpiSection {
  readonly agents: ReadonlyMap<string, { readonly kpis: KpiTable; readonly score: AgentScore }>;
  readonly shop: KpiTable;
  readonly qcDeductions: AgentQc[];
  readonly serviceLevels: ServiceLevelCheck[];
  readonly warnings: string[];
}

const KPI_KINDS = ["tickets", "afterSales", "reviews", "qc", "calls"] as const;

/**
 * Computes the KPI section of a period (the month of the month report, or any period of the `kpi`
 * command).
 *
 * @param period - a period label (`2020-02`, `2020-W06`, `2020-02-03`, `2020-02-01..2020-02-15`)
 * @param credits - the credited agent of each order (R1), as computed by attribution
 * @param listAgents - agents the report lists (attribution's), measured even without KPI records
 */
export function kpiSection(
  input: MonthInput,
  policy: Policy,
  period: string,
  zone: Zone,
  cutover: number,
  credits: readonly { readonly orderId: string; readonly agentId: string | null }[],
  listAgents: readonly string[] = [],
): KpiSection {
  const kpiInput: KpiInput = {
    ...(input.agents ? { agents: input.agents } : {}),
    ...(input.consultations ? { consultations: input.consultations as readonly KpiConsultationLike[] } : {}),
    ...(input.orders ? { orders: input.orders, credits } : {}),
    ...Object.fromEntries(KPI_KINDS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]])),
  };
  const options = { period, listAgents };
  const result = computeKpis(kpiInput, policy, options);
  const start = parsePeriod(period, zone, cutover).start;
  const roster = new Map((input.agents ?? []).map((a) => [a.agentId, a]));
  const agents = new Map(
    result.agents.map(({ agentId, kpis }) => {
      const agent = roster.get(agentId);
      const ends = agent?.probationEndsAt ? parseInstant(agent.probationEndsAt, zone) : NaN;
      // On probation in a period that starts before probation ends: KPI assessment starts with the
      // first whole period after regularization (R3).
      const probation = ends > start ? `on probation until ${formatInstant(ends, zone)}` : undefined;
      return [agentId, { kpis, score: scoreAgent(kpis, agent?.group, policy, { notScoredBecause: probation }) }];
    }),
  );
  const missing = KPI_KINDS.filter((k) => input[k] === undefined);
  const warnings =
    missing.length === 0 ? [] : [`no ${missing.join(", ")} (file${missing.length > 1 ? "s" : ""}) given: the KPIs computed from ${missing.length > 1 ? "them" : "it"} are null (no data)`];
  return {
    agents,
    shop: result.shop.kpis,
    qcDeductions: input.qc ? qcDeductions(input.qc, policy, options) : [],
    // computeKpis validated every record above.
    serviceLevels: checkValidServiceLevels(kpiInput, policy, options),
    warnings,
  };
}
