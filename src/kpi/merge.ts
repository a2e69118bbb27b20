/** Merging {@link KpiState}s of disjoint record sets (the days of a month, shards). */
import { IssueCode, KefuKpiError } from "../errors.js";
import { NO_CREDITS, NO_DAY, OrderColumns, PairColumns } from "./columns.js";
import type { KpiKind } from "./types.js";
import { KPI_KINDS, checkKpiState, checkSums, type AgentCounters, type KpiState } from "./state.js";

/**
 * Merges states of disjoint record sets (e.g. the days of a month, or shards) into a new state; the
 * inputs are left unchanged. Give every state in one call (`mergeKpiStates(...days)`): each record
 * is then copied once, where folding them two at a time copies the growing result again each time.
 *
 * @throws {KefuKpiError} when one is not a state of {@link collectKpiState} (named `a`, `b`, then
 *   `more.0` …), or the states were collected with different thresholds, zone or cut-over
 */
export function mergeKpiStates(a: KpiState, b: KpiState, ...more: KpiState[]): KpiState {
  checkKpiState(a, "a");
  checkKpiState(b, "b");
  more.forEach((s, i) => checkKpiState(s, `more.${i}`));
  const states = [a, b, ...more];
  const unequal = states.findIndex((s) => s.settings !== a.settings);
  if (unequal > 0) {
    throw new KefuKpiError([
      { code: IssueCode.invalidValue, path: [unequal === 1 ? "b" : `more.${unequal - 2}`, "settings"], message: "the KPI states were collected with different thresholds, zone or business-day cut-over; only equal settings merge" },
    ]);
  }
  const given = Object.fromEntries(KPI_KINDS.map((k) => [k, states.some((s) => s.given[k])])) as Record<KpiKind, boolean>;
  const agents = new Map<string, AgentCounters>();
  for (const { agents: source } of states) {
    for (const [id, c] of source) {
      const into = agents.get(id);
      if (!into) agents.set(id, { ...c });
      else for (const k of Object.keys(c) as (keyof AgentCounters)[]) into[k] += c[k];
    }
  }
  const agentIds: string[] = [];
  const agentIndex = new Map<string, number>();
  const agentOf = (id: string): number => {
    let n = agentIndex.get(id);
    if (n === undefined) agentIndex.set(id, (n = agentIds.push(id) - 1));
    return n;
  };
  const buyerKeys: string[] = [];
  const buyerIndex = new Map<string, number>();
  const buyerOf = (key: string): number => {
    let n = buyerIndex.get(key);
    if (n === undefined) buyerIndex.set(key, (n = buyerKeys.push(key) - 1));
    return n;
  };
  const pairs = new PairColumns(states.reduce((n, s) => n + s.pairs.count, 0));
  const pairAt = new Map<number, number>(); // buyer × 2^20 + agent → row
  const orders = new OrderColumns(states.reduce((n, s) => n + s.orders.count, 0));
  const orderAt = new Map<string, number>();
  for (const s of states) {
    const p = s.pairs;
    for (let i = 0; i < p.count; i++) {
      const buyer = buyerOf(s.buyerKeys[p.buyer(i)]!);
      const agent = agentOf(s.agentIds[p.agent(i)]!);
      const key = buyer * 1_048_576 + agent;
      const days = p.days(i);
      const row = pairAt.get(key);
      if (row === undefined) {
        const added = pairs.add(buyer, agent, p.firstStart(i), p.firstDay(i), p.flags(i), days[0] ?? NO_DAY);
        for (const d of days.slice(1)) pairs.addDay(added, d);
        pairAt.set(key, added);
      } else {
        pairs.fold(row, p.firstStart(i), p.firstDay(i), p.flags(i), NO_DAY);
        for (const d of days) pairs.addDay(row, d);
      }
    }
    const o = s.orders;
    for (let i = 0; i < o.count; i++) {
      const id = o.id.at(i);
      const credited = o.credited[i]! >= 0 ? agentOf(s.agentIds[o.credited[i]!]!) : o.credited[i]!;
      const row = orderAt.get(id);
      if (row === undefined) {
        const buyer = o.buyer[i]! >= 0 ? buyerOf(s.buyerKeys[o.buyer[i]!]!) : -1;
        orderAt.set(id, orders.add(id, buyer, o.createdAt[i]!, o.paidAt[i]!, o.paidDay[i]!, o.amountFen[i]!, credited, o.refundFen[i]!, o.repeat[i]!));
        continue;
      }
      // The same order in two states (placed in one period, paid in another): the instants present.
      if (Number.isNaN(orders.createdAt[row]!)) orders.createdAt[row] = o.createdAt[i]!;
      if (Number.isNaN(orders.paidAt[row]!)) {
        orders.paidAt[row] = o.paidAt[i]!;
        orders.paidDay[row] = o.paidDay[i]!;
        orders.repeat[row] = o.repeat[i]!;
      }
      if (orders.credited[row]! < 0 && credited !== NO_CREDITS) orders.credited[row] = credited;
    }
  }
  const merged: KpiState = { settings: a.settings, given, agents, agentIds, buyerKeys, pairs, orders };
  checkSums(merged);
  return merged;
}
