/**
 * 质检扣分: each inspected conversation scoring ≥ 80 → 0 points, ≥ 70 → 1, ≥ 60 → 2,
 * < 60 → 3 (policy `kpi.qc`), at most 3 points per agent per ISO week (Monday first, cut in the
 * shop zone at the business-day cut-over), or with `capPer` = `shop` at most 3 for the whole shop
 * in a week: the week's points are charged in time order (then conversation id, reason, agent)
 * until the cap is reached. Only inspections inside the period count: a week that straddles the
 * period's edge is capped on the inspections of the period.
 */
import { safely, type SafeResult } from "../errors.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { monthFor, type DecodedMonth } from "../records/month.js";
import { businessDayNumber, formatInstant, isoWeekOf } from "../time/period.js";
import { kpiPeriod, type KpiOptions } from "./computeKpis.js";

export interface QcDeduction {
  readonly conversationId: string;
  readonly at: string;
  /** The inspection's score; null for a chat finding (policy `chat.qcPoints`). */
  readonly score: number | null;
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
  /** What is deducted: min(points, weekly cap); with the cap per shop, this agent's share of the shop's capped week. */
  readonly deducted: number;
  /** Fewer points deducted than the ladder gave (the cap was reached). */
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
export function qcDeductions(qc: readonly unknown[] | DecodedMonth, policy: PolicyInput | Policy | undefined, options: KpiOptions): AgentQc[] {
  const month = monthFor(Array.isArray(qc) ? { qc } : qc, policy, ["qc"]);
  return qcOfMonth(month, options);
}

/** A deduction that is no inspection: a chat finding turned into QC points (policy `chat.qcPoints`). */
export interface QcExtra {
  readonly agentId: string;
  readonly ms: number;
  readonly conversationId: string;
  readonly points: number;
  readonly reason: string;
}

/** {@link qcDeductions} of a decoded month, with any chat findings' deductions (`extra`, in the period) in their weeks. */
export function qcOfMonth(month: DecodedMonth, options: KpiOptions, extra: readonly QcExtra[] = []): AgentQc[] {
  const period = kpiPeriod(month, options);
  const { zone, cutover } = month;
  const { ladder, below, weeklyCap, capPer } = month.policy.kpi.qc;
  const table = month.tables.qc;
  const byAgent = new Map<string, Map<string, (QcDeduction & { ms: number })[]>>();
  const weekOfDay = new Map<number, string>();
  const add = (at: number, agentId: string, d: QcDeduction): void => {
    // The ISO week of each business day computed once (date-fns's week arithmetic is not cheap).
    const day = businessDayNumber(at, zone, cutover);
    let week = weekOfDay.get(day);
    if (week === undefined) weekOfDay.set(day, (week = isoWeekOf(at, zone, cutover)));
    let weeks = byAgent.get(agentId);
    if (!weeks) byAgent.set(agentId, (weeks = new Map()));
    let list = weeks.get(week);
    if (!list) weeks.set(week, (list = []));
    list.push({ ms: at, ...d });
  };
  if (table !== undefined) {
    const q = table.columns;
    for (let i = 0; i < table.count; i++) {
      const at = q.at[i]!;
      if (at < period.start || at >= period.end) continue;
      const score = q.score[i]! / 100;
      const step = ladder.find((s) => score >= s.atLeast);
      const points = step ? step.points : below;
      const reason = step ? `${score} ≥ ${step.atLeast} → ${points}` : `${score} < ${ladder[ladder.length - 1]!.atLeast} → ${below}`;
      add(at, month.agents.ids[q.agentId[i]!]!, { conversationId: q.conversationId.at(i), at: formatInstant(at, zone), score, points, reason });
    }
  }
  for (const e of extra) {
    if (e.ms < period.start || e.ms >= period.end) continue;
    add(e.ms, e.agentId, { conversationId: e.conversationId, at: formatInstant(e.ms, zone), score: null, points: e.points, reason: e.reason });
  }
  const order = (x: QcDeduction & { ms: number }, y: QcDeduction & { ms: number }): number => x.ms - y.ms || cmp(x.conversationId, y.conversationId) || cmp(x.reason, y.reason);
  // With the cap per shop, each week's points of every agent are charged in order until the cap.
  const shopCharged = new Map<string, Map<string, number>>();
  if (capPer === "shop") {
    const byWeek = new Map<string, { agentId: string; d: QcDeduction & { ms: number } }[]>();
    for (const [agentId, weeks] of byAgent) {
      for (const [week, list] of weeks) {
        let all = byWeek.get(week);
        if (!all) byWeek.set(week, (all = []));
        for (const d of list) all.push({ agentId, d });
      }
    }
    for (const [week, all] of byWeek) {
      all.sort((x, y) => order(x.d, y.d) || cmp(x.agentId, y.agentId));
      let left = weeklyCap;
      const charged = new Map<string, number>();
      for (const { agentId, d } of all) {
        const take = Math.min(d.points, left);
        left -= take;
        charged.set(agentId, (charged.get(agentId) ?? 0) + take);
      }
      shopCharged.set(week, charged);
    }
  }
  return [...byAgent.keys()].sort().map((agentId) => {
    const weeks = [...byAgent.get(agentId)!.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, list]) => {
      list.sort(order);
      const points = list.reduce((s, d) => s + d.points, 0);
      const deducted = capPer === "shop" ? shopCharged.get(week)!.get(agentId)! : Math.min(points, weeklyCap);
      return { week, inspections: list.map(({ ms: _ms, ...d }) => d), points, deducted, capped: points > deducted };
    });
    return { agentId, weeks, deducted: weeks.reduce((s, w) => s + w.deducted, 0) };
  });
}

/** {@link qcDeductions} returning `{ success, data | issues }` instead of throwing. */
export function safeQcDeductions(qc: readonly unknown[] | DecodedMonth, policy: PolicyInput | Policy | undefined, options: KpiOptions): SafeResult<AgentQc[]> {
  return safely(() => qcDeductions(qc, policy, options));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
