/**
 * 质检扣分 (DOMAIN.md R2): each inspected conversation scoring ≥ 80 → 0 points, ≥ 70 → 1, ≥ 60 → 2,
 * < 60 → 3 (policy `kpi.qc`), at most 3 points per agent per ISO week (Monday first, cut in the
 * shop zone at the business-day cut-over). Only inspections inside the period count: a week that
 * straddles the period's edge is capped on the inspections of the period.
 */
import { IssueCode, IssueList, safely, type SafeResult } from "../errors.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { formatInstant, isoWeekOf } from "../time/period.js";
import { parseInstant } from "../time/parse.js";
import { kpiContext, type KpiOptions } from "./computeKpis.js";
import { checkRecords } from "../input.js";
import { QcInspectionSchema, type QcInspection } from "./schema.js";

export interface QcDeduction {
  readonly conversationId: string;
  readonly at: string;
  readonly score: number;
  /** Points of the ladder step (before the week cap). */
  readonly points: number;
  readonly reason: string;
}

export interface QcWeek {
  /** `2020-W06`. */
  readonly week: string;
  readonly inspections: readonly QcDeduction[];
  /** Sum of the ladder points. */
  readonly points: number;
  /** What is deducted: min(points, weekly cap). */
  readonly deducted: number;
  readonly capped: boolean;
}

export interface AgentQc {
  readonly agentId: string;
  readonly weeks: readonly QcWeek[];
  readonly deducted: number;
}

/**
 * The QC deductions of each agent per ISO week of the period.
 *
 * @throws {KefuKpiError} naming every invalid inspection
 * @example
 * qcDeductions([{ conversationId: "C1", agentId: "A1", at: "2020-02-03 10:00", score: 65 }], {}, { period: "2020-02" })
 * //=> [{ agentId: "A1", deducted: 2, weeks: [{ week: "2020-W06", points: 2, deducted: 2, capped: false, … }] }]
 */
export function qcDeductions(qc: readonly QcInspection[], policy: PolicyInput | Policy | undefined, options: KpiOptions): AgentQc[] {
  const issues = new IssueList();
  checkRecords("qc", qc, issues);
  issues.throwIfAny();
  const { policy: resolved, zone, cutover, period } = kpiContext(policy, options);
  const { ladder, below, weeklyCap } = resolved.kpi.qc;
  const byAgent = new Map<string, Map<string, (QcDeduction & { ms: number })[]>>();
  qc.forEach((record, i) => {
    const parsed = QcInspectionSchema.safeParse(record);
    const at = parsed.success ? parseInstant(parsed.data.at, zone) : NaN;
    if (!parsed.success || at !== at) {
      issues.add({ code: IssueCode.invalidValue, path: ["qc", i], message: parsed.success ? "at is not a date-time in the shop zone" : parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ") });
      return;
    }
    if (at < period.start || at >= period.end) return;
    const q = parsed.data;
    const step = ladder.find((s) => q.score >= s.atLeast);
    const points = step ? step.points : below;
    const reason = step ? `${q.score} ≥ ${step.atLeast} → ${points}` : `${q.score} < ${ladder[ladder.length - 1]!.atLeast} → ${below}`;
    const week = isoWeekOf(at, zone, cutover);
    let weeks = byAgent.get(q.agentId);
    if (!weeks) byAgent.set(q.agentId, (weeks = new Map()));
    let list = weeks.get(week);
    if (!list) weeks.set(week, (list = []));
    list.push({ ms: at, conversationId: q.conversationId, at: formatInstant(at, zone), score: q.score, points, reason });
  });
  issues.throwIfAny();
  return [...byAgent.keys()].sort().map((agentId) => {
    const weeks = [...byAgent.get(agentId)!.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, list]) => {
      list.sort((x, y) => x.ms - y.ms || (x.conversationId < y.conversationId ? -1 : 1));
      const points = list.reduce((s, d) => s + d.points, 0);
      return { week, inspections: list.map(({ ms: _ms, ...d }) => d), points, deducted: Math.min(points, weeklyCap), capped: points > weeklyCap };
    });
    return { agentId, weeks, deducted: weeks.reduce((s, w) => s + w.deducted, 0) };
  });
}

/** {@link qcDeductions} returning `{ success, data | issues }` instead of throwing. */
export function safeQcDeductions(qc: readonly QcInspection[], policy: PolicyInput | Policy | undefined, options: KpiOptions): SafeResult<AgentQc[]> {
  return safely(() => qcDeductions(qc, policy, options));
}
