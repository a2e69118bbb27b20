/**
 * Role scorecards (R2, README): per group a list of metrics with weights (summing to 100) and a
 * step table each; the weighted score is 0–100, exact to 0.01 (ROUND_HALF_UP).
 */
import { IssueCode, KefuKpiError, safely, type Issue, type SafeResult } from "../errors.js";
import { checkOptions, describeValue, isObject, textOption } from "../input.js";
import { compareDecimals, ratio } from "../money/decimal.js";
import type { KpiMetricId, ScorecardMetric } from "../policy/kpi.js";
import { resolvePolicy } from "../policy/resolve.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import type { KpiStatus, KpiTable } from "./types.js";

/** How one metric of the scorecard scored. */
export interface ScoreLine {
  readonly metric: KpiMetricId;
  readonly weight: number;
  readonly value: string | null;
  readonly status: KpiStatus;
  /** 1-based step reached (1 = best), 0 when none ("otherwise"), null when not scored. */
  readonly step: number | null;
  /** Points 0–100 of the step, or null when the metric is not scored (no data / insufficient). */
  readonly points: number | null;
  readonly reason: string;
}

/** An agent's scorecard result. */
export interface AgentScore {
  /** `scored`; `notScored` (on probation, or no group); `insufficient` (no metric of the card could be scored). */
  readonly status: "scored" | "notScored" | "insufficient";
  /** Weighted score 0–100 as a decimal string (2 decimals), or null. */
  readonly score: string | null;
  readonly group: "presale" | "insale" | "aftersale" | null;
  readonly reason: string;
  readonly lines: readonly ScoreLine[];
}

export interface ScoreOptions {
  /** Why the agent is not scored this period (e.g. on probation), or undefined to score. */
  readonly notScoredBecause?: string | undefined;
}

/**
 * Scores an agent's metrics by the scorecard of the agent's group. Metrics without data or under
 * the minimum sample are listed but not scored; the score is then weighted over the metrics that
 * were (Σ weight × points / Σ weight of the scored metrics).
 *
 * @example
 * scoreAgent(result.agents[0].kpis, "presale").score //=> "86.00"
 */
export function scoreAgent(
  kpis: KpiTable,
  group: "presale" | "insale" | "aftersale" | null | undefined,
  policy?: PolicyInput | Policy,
  options: ScoreOptions = {},
): AgentScore {
  const opts = checkOptions(options, ["notScoredBecause"]);
  const notScoredBecause = textOption(opts, "notScoredBecause");
  const given: unknown = group;
  if (given !== null && given !== undefined && given !== "" && !(GROUPS as readonly unknown[]).includes(given)) {
    throw new KefuKpiError([{ code: IssueCode.invalidValue, path: ["group"], message: `expected one of ${GROUPS.join(", ")} (or none), got ${describeValue(group)}` }]);
  }
  const resolved = resolvePolicy(policy);
  if (!group) return { status: "notScored", score: null, group: null, reason: "the agent has no group (not in the agents file)", lines: [] };
  const card = resolved.kpi.scorecards[group];
  checkKpis(kpis, card);
  const lines = card.map((m) => scoreLine(m, kpis));
  if (notScoredBecause !== undefined) {
    return { status: "notScored", score: null, group, reason: `measured, not scored: ${notScoredBecause}`, lines };
  }
  let weighted = 0;
  let weights = 0;
  for (const l of lines) {
    if (l.points === null) continue;
    weighted += l.weight * l.points;
    weights += l.weight;
  }
  const score = ratio(weighted, weights, 2);
  if (score === null) return { status: "insufficient", score: null, group, reason: `no metric of the ${group} scorecard could be scored`, lines };
  const left = lines.filter((l) => l.points === null).map((l) => l.metric);
  return {
    status: "scored",
    score,
    group,
    reason: `Σ weight × points / Σ weight = ${weighted} / ${weights}${left.length ? `; not scored: ${left.join(", ")}` : ""}`,
    lines,
  };
}

const GROUPS = ["presale", "insale", "aftersale"] as const;
const STATUSES: readonly unknown[] = ["ok", "noData", "insufficient"];

// The metrics a card scores, as computeKpis gives them: each an object with a decimal value (or
// null), a status and a reason; anything else is an issue at kpis.<metric>, not a TypeError.
function checkKpis(kpis: unknown, card: readonly ScorecardMetric[]): void {
  if (!isObject(kpis)) {
    throw new KefuKpiError([{ code: IssueCode.invalidType, path: ["kpis"], message: `expected the metric table of an agent (computeKpis), got ${describeValue(kpis)}` }]);
  }
  const issues: Issue[] = [];
  for (const { metric } of card) {
    const k = Object.hasOwn(kpis, metric) ? kpis[metric] : undefined;
    const ok =
      isObject(k) && STATUSES.includes(k["status"]) && typeof k["reason"] === "string" &&
      (k["value"] === null || (typeof k["value"] === "string" && /^-?\d+(\.\d+)?$/.test(k["value"])));
    if (!ok) issues.push({ code: IssueCode.invalidValue, path: ["kpis", metric], message: `expected a metric value (value: a decimal text or null, status, reason), got ${describeValue(k)}` });
  }
  if (issues.length > 0) throw new KefuKpiError(issues);
}

function scoreLine(m: ScorecardMetric, kpis: KpiTable): ScoreLine {
  const k = kpis[m.metric];
  const base = { metric: m.metric, weight: m.weight, value: k.value, status: k.status };
  if (k.value === null || k.status !== "ok") {
    return { ...base, step: null, points: null, reason: k.status === "insufficient" ? `insufficient sample (${k.reason})` : `no data (${k.reason})` };
  }
  const value = k.value;
  const higher = m.direction === "higherIsBetter";
  const at = m.steps.findIndex((s) => (higher ? compareDecimals(value, s.threshold) >= 0 : compareDecimals(value, s.threshold) <= 0));
  if (at < 0) {
    const last = m.steps[m.steps.length - 1]!;
    return { ...base, step: 0, points: m.otherwise, reason: `${value} ${higher ? "<" : ">"} ${last.threshold}: no step reached → ${m.otherwise}` };
  }
  const s = m.steps[at]!;
  return { ...base, step: at + 1, points: s.points, reason: `${value} ${higher ? "≥" : "≤"} ${s.threshold} → step ${at + 1}, ${s.points} points` };
}

/** {@link scoreAgent} returning `{ success, data | issues }` instead of throwing (a bad policy). */
export function safeScoreAgent(
  kpis: KpiTable,
  group: "presale" | "insale" | "aftersale" | null | undefined,
  policy?: PolicyInput | Policy,
  options?: ScoreOptions,
): SafeResult<AgentScore> {
  return safely(() => scoreAgent(kpis, group, policy, options));
}
