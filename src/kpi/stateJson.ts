/** A {@link KpiState} as plain, canonically ordered JSON data. */
import { NOBODY, REPLIED, SLOW, TRANSFERRED_OUT } from "./columns.js";
import { checkKpiState, type KpiState } from "./state.js";

/**
 * The state as plain, canonically ordered JSON data (agents, buyers and orders sorted by key), to
 * store it between runs or compare two states.
 */
export function kpiStateToJSON(state: KpiState): unknown {
  checkKpiState(state, "state");
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const { pairs, orders, agentIds, buyerKeys } = state;
  const buyers = new Map<string, { served: unknown[]; orders: unknown[] }>();
  const entry = (key: string) => {
    let e = buyers.get(key);
    if (!e) buyers.set(key, (e = { served: [], orders: [] }));
    return e;
  };
  for (let p = 0; p < pairs.count; p++) {
    const flags = pairs.flags(p);
    entry(buyerKeys[pairs.buyer(p)]!).served.push({
      // Consultations transferred out whose buyer counts for another agent: the shop's alone.
      agentId: agentIds[pairs.agent(p)] === TRANSFERRED_OUT ? "(transferred out)" : agentIds[pairs.agent(p)]!,
      firstStart: pairs.firstStart(p),
      firstDay: pairs.firstDay(p),
      replied: (flags & REPLIED) !== 0,
      slow: (flags & SLOW) !== 0,
      days: pairs.days(p),
    });
  }
  const unlinked: unknown[] = [];
  for (let o = 0; o < orders.count; o++) {
    const paid = orders.paidAt[o]!;
    const created = orders.createdAt[o]!;
    const c = orders.credited[o]!;
    const row = {
      orderId: orders.id.at(o),
      createdAt: Number.isNaN(created) ? null : created,
      paidAt: Number.isNaN(paid) ? null : paid,
      paidDay: Number.isNaN(paid) ? null : orders.paidDay[o]!,
      amountFen: orders.amountFen[o]!,
      refundFen: orders.refundFen[o]!,
      repeat: orders.repeat[o] === 1,
      credited: c >= 0 ? agentIds[c]! : c === NOBODY ? null : "(no credits)",
    };
    if (orders.buyer[o]! < 0) unlinked.push(row);
    else entry(buyerKeys[orders.buyer[o]!]!).orders.push(row);
  }
  const sortBy = (k: string) => (x: unknown, y: unknown) => byText((x as Record<string, string>)[k]!, (y as Record<string, string>)[k]!);
  return {
    settings: state.settings,
    given: state.given,
    agents: [...state.agents.entries()].sort(([x], [y]) => byText(x, y)),
    buyers: [...buyers.entries()].sort(([x], [y]) => byText(x, y)).map(([key, e]) => [key, { served: e.served.sort(sortBy("agentId")), orders: e.orders.sort(sortBy("orderId")) }]),
    unlinkedOrders: unlinked.sort(sortBy("orderId")),
  };
}
