/**
 * The KPI section of the month report: the metric table per agent and for the shop, each agent's
 * scorecard (measured but not scored on probation), the QC deductions and the service-level
 * checks, from the decoded month. Attribution reaches the KPIs only as data: the credited agent
 * of each order.
 */
import { kpisOfMonth } from "../kpi/computeKpis.js";
import { qcOfMonth, type AgentQc, type QcExtra } from "../kpi/qc.js";
import { reviewChat, type ChatFindingAt } from "../chat/review.js";
import { scoreAgent, type AgentScore } from "../kpi/scorecard.js";
import { serviceLevelsOfMonth, type ServiceLevelCheck } from "../kpi/serviceLevels.js";
import type { KpiTable } from "../kpi/types.js";
import { staffGroupOf } from "../records/recordSchemas.js";
import type { DecodedMonth } from "../records/month.js";
import { periodOf } from "../records/options.js";
import { formatInstant } from "../time/period.js";

export interface KpiSection {
  readonly agents: ReadonlyMap<string, { readonly kpis: KpiTable; readonly score: AgentScore }>;
  readonly shop: KpiTable;
  readonly qcDeductions: AgentQc[];
  readonly serviceLevels: ServiceLevelCheck[];
  readonly warnings: string[];
}

const KPI_KINDS = ["tickets", "afterSales", "reviews", "qc", "calls", "shopReviews"] as const;
const SERVICE_KINDS = ["shipments", "orderAnomalies", "complaints"] as const;

/**
 * Computes the KPI section of a period (the month of the month report, or any period of the `kpi`
 * command).
 *
 * @param period - a period label (`2020-02`, `2020-W06`, `2020-02-03`, `2020-02-01..2020-02-15`)
 * @param credits - the credited agent's number of each order (attribution's), or null without orders
 * @param listAgents - agents the report lists (attribution's), measured even without KPI records
 */
export function kpiSection(month: DecodedMonth, period: string, credits: Int32Array | null, listAgents: readonly string[] = [], chatQc?: readonly QcExtra[]): KpiSection {
  const options = { period, listAgents };
  // The chat findings as QC deductions (policy chat.qcPoints), given by the month report, else found here.
  const qcExtra = chatQc ?? (month.chat !== undefined && month.policy.chat.qcPoints > 0 ? chatQcExtras(month, reviewChat(month, periodOf(month, period)).found) : []);
  const result = kpisOfMonth(month, credits, options);
  const start = periodOf(month, period).start;
  const table = month.tables.agents;
  const agents = new Map(
    result.agents.map(({ agentId, kpis }) => {
      const a = month.agents.find(agentId);
      const row = table !== undefined && a !== undefined && a < table.count ? a : -1;
      const ends = row >= 0 ? table!.columns.probationEndsAt[row]! : NaN;
      const g = row >= 0 ? table!.columns.group[row]! : -1;
      // On probation in a period that starts before probation ends: KPI assessment starts with the
      // first whole period after regularization.
      const probation = ends > start ? `on probation until ${formatInstant(ends, month.zone)}` : undefined;
      return [agentId, { kpis, score: scoreAgent(kpis, staffGroupOf(g), month.policy, { notScoredBecause: probation }) }];
    }),
  );
  const warnings = missingKpiKinds(month);
  // The kinds that feed service levels (and, upheld complaints, the ladder): said as the KPI kinds are.
  const unserved = SERVICE_KINDS.filter((k) => month.tables[k] === undefined);
  if (unserved.length > 0) warnings.push(`no ${unserved.join(", ")} (file${unserved.length > 1 ? "s" : ""}) given: the service levels checked from ${unserved.length > 1 ? "them" : "it"} have no data`);
  return {
    agents,
    shop: result.shop.kpis,
    qcDeductions: month.tables.qc !== undefined || qcExtra.length > 0 ? qcOfMonth(month, options, qcExtra) : [],
    serviceLevels: serviceLevelsOfMonth(month, options),
    warnings,
  };
}

/** A warning naming the kinds the KPIs read that the month lacks (their metrics are null), if any. */
export function missingKpiKinds(month: DecodedMonth): string[] {
  const missing = KPI_KINDS.filter((k) => month.tables[k] === undefined);
  return missing.length === 0 ? [] : [`no ${missing.join(", ")} (file${missing.length > 1 ? "s" : ""}) given: the KPIs computed from ${missing.length > 1 ? "them" : "it"} are null (no data)`];
}

/**
 * The findings as QC deductions (policy `chat.qcPoints` points each; none when 0): each in the
 * week of its message, under the weekly cap with the inspections.
 */
export function chatQcExtras(month: DecodedMonth, found: readonly ChatFindingAt[]): QcExtra[] {
  const points = month.policy.chat.qcPoints;
  if (points === 0) return [];
  return found.map(({ line, ms }) => ({
    agentId: line.agentId,
    ms,
    conversationId: line.consultationId ?? "",
    points,
    reason: line.match === null ? `chat ${line.ruleId}: ${line.waitSeconds} s` : `chat ${line.ruleId}: ${line.match}`,
  }));
}
