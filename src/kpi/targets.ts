/**
 * KPI targets (考核目标): each metric the policy's `kpi.targets` names, with every agent's value and
 * the shop's against the target — met (at least / at most the target, the target itself included),
 * missed, or not judged (no data, or under the metric's minimum sample).
 */
import { compareDecimals } from "../money/decimal.js";
import { KPI_METRIC_IDS, type KpiMetricId } from "../policy/kpiMetrics.js";
import type { KpiTarget } from "../policy/kpi.js";
import type { KpiTable, KpiValue } from "./types.js";

/** How a value stands against its target. */
export type KpiTargetStatus = "met" | "missed" | "noData" | "insufficient";

/** One value against its target. */
export interface KpiTargetValue {
  /** The metric's value as the KPI table gives it (null: no data). */
  readonly value: string | null;
  readonly status: KpiTargetStatus;
}

/** One metric's target and the values against it. */
export interface KpiTargetLine {
  readonly metric: KpiMetricId;
  /** atLeast: higher is better; atMost: lower is better. */
  readonly bound: "atLeast" | "atMost";
  readonly target: string;
  readonly shop: KpiTargetValue;
  /** Every agent of the KPI table, in its order. */
  readonly agents: readonly ({ readonly agentId: string } & KpiTargetValue)[];
}

/** How many targets one agent (or the shop) met and missed; the others were not judged. */
export interface KpiTargetTally {
  readonly met: number;
  readonly missed: number;
}

/** The targets of a period. */
export interface KpiTargetsReport {
  /** The targeted metrics, in the metric table's order. */
  readonly metrics: readonly KpiTargetLine[];
  readonly shop: KpiTargetTally;
  /** Every agent, in the KPI table's order. */
  readonly agents: readonly ({ readonly agentId: string } & KpiTargetTally)[];
}

/** A value against a target: met when it reaches the target (equal included). */
export function againstTarget(k: Pick<KpiValue, "value" | "status">, target: KpiTarget): KpiTargetValue {
  if (k.value === null) return { value: null, status: "noData" };
  if (k.status === "insufficient") return { value: k.value, status: "insufficient" };
  const met = target.atLeast !== undefined ? compareDecimals(k.value, target.atLeast) >= 0 : compareDecimals(k.value, target.atMost!) <= 0;
  return { value: k.value, status: met ? "met" : "missed" };
}

/**
 * The agents' and the shop's KPIs against the policy's targets; null when the policy sets none.
 *
 * @param targets - the policy's `kpi.targets`
 */
export function kpiTargets(
  targets: Readonly<Partial<Record<KpiMetricId, KpiTarget>>>,
  shop: KpiTable,
  agents: readonly { readonly agentId: string; readonly kpis: KpiTable }[],
): KpiTargetsReport | null {
  const metrics: KpiTargetLine[] = [];
  for (const metric of KPI_METRIC_IDS) {
    const target = Object.hasOwn(targets, metric) ? targets[metric] : undefined;
    if (target === undefined) continue;
    metrics.push({
      metric,
      bound: target.atLeast !== undefined ? "atLeast" : "atMost",
      target: target.atLeast ?? target.atMost!,
      shop: againstTarget(shop[metric], target),
      agents: agents.map((a) => ({ agentId: a.agentId, ...againstTarget(a.kpis[metric], target) })),
    });
  }
  if (metrics.length === 0) return null;
  const tally = (statuses: readonly KpiTargetStatus[]): KpiTargetTally => ({
    met: statuses.filter((s) => s === "met").length,
    missed: statuses.filter((s) => s === "missed").length,
  });
  return {
    metrics,
    shop: tally(metrics.map((m) => m.shop.status)),
    agents: agents.map((a, i) => ({ agentId: a.agentId, ...tally(metrics.map((m) => m.agents[i]!.status)) })),
  };
}
