/**
 * From a {@link KpiState} to the metric table of R2 (README, KPIs), per agent and for the shop.
 * Every value is exact: counts are integers, rates and means are computed by `ratio` (decimal.js,
 * ROUND_HALF_UP) from integer numerators and denominators, money is summed in integer fen.
 */
import { formatFen } from "../money/fen.js";
import { meanOfRatios, ratio } from "../money/decimal.js";
import { KPI_METRICS, type KpiFigure, type KpiMetricDefinition, type KpiMetricId } from "../policy/kpiMetrics.js";
import type { Policy } from "../policy/schema.js";
import { PAIR_BYTES, REPLIED, SLOW, TRANSFERRED_OUT, groupBy, type OrderColumns } from "./columns.js";
import type { AgentCounters, KpiState } from "./state.js";
import { emptyCounters } from "./state.js";
import type { KpiAgentLike, KpiKind, KpiTable, KpiUnit, KpiValue } from "./types.js";

/** Per metric the shop takes as the mean of its agents' values: each agent's exact numerator and denominator. */
type ShopMeans = Map<KpiMetricId, readonly (readonly [number, number])[]>;

const PLACES: Record<KpiUnit, number> = { rate: 4, ratio: 4, seconds: 2, hours: 2, score: 2, yuan: 2, count: 0 };

/** Buyer-level figures of one agent or of the shop. */
interface People {
  consultingBuyers: number;
  unrepliedBuyers: number;
  slowBuyers: number;
  orderedBuyers: number;
  paidBuyers: number;
  orderedUnpaidBuyers: number;
  nextDayBuyers: number;
  sameDayFen: number;
  creditedFen: number;
  creditedBuyers: number;
  /**
   * The paid orders of the period (an agent's: credited to the agent; the shop's: all), those
   * refunded (in part or whole), their amounts and refunds in fen, their distinct buyers, and the
   * buyers among them with a repeat payment (回购, see `repeat` of the orders).
   */
  paidOrders: number;
  refundedOrders: number;
  salesFen: number;
  refundFen: number;
  payingBuyers: number;
  repeatBuyers: number;
}

const emptyPeople = (): People => ({
  consultingBuyers: 0, unrepliedBuyers: 0, slowBuyers: 0, orderedBuyers: 0, paidBuyers: 0, orderedUnpaidBuyers: 0, nextDayBuyers: 0, sameDayFen: 0, creditedFen: 0, creditedBuyers: 0,
  paidOrders: 0, refundedOrders: 0, salesFen: 0, refundFen: 0, payingBuyers: 0, repeatBuyers: 0,
});

/** A paid order's amount and refund into one tally. */
function sales(p: People, fen: number, refund: number): void {
  p.paidOrders++;
  if (refund > 0) p.refundedOrders++;
  p.salesFen += fen;
  p.refundFen += refund;
}

interface BuyerFacts {
  firstStart: number;
  firstDay: number;
  replied: boolean;
  slow: boolean;
}

/**
 * Computes every metric of a state, in one pass over its buyers.
 *
 * @param state - from {@link collectKpiState} (or merged states)
 * @param policy - the resolved policy (minimum samples)
 * @param agents - the roster, for the groups (after-sales reception counts person-times)
 * @param listAgents - agents to list even without records in the state
 */
export function finalizeState(state: KpiState, policy: Policy, agents: readonly KpiAgentLike[] = [], listAgents: readonly string[] = []): { agents: { agentId: string; kpis: KpiTable }[]; shop: { kpis: KpiTable } } {
  const groupOf = new Map(agents.map((a) => [a.agentId, a.group ?? null]));
  const { pairs, orders, agentIds } = state;
  const agentCount = agentIds.length;
  // The pairs of consultations transferred out whose buyer counts for another agent: the shop's alone.
  const shopOnly = agentIds.indexOf(TRANSFERRED_OUT);
  let shopPaidFen = 0;
  // Per agent number: people figures and credited sales.
  const people = agentIds.map(() => emptyPeople());
  const measured = new Uint8Array(agentCount);
  const shopPeople = emptyPeople();
  const shopFacts: BuyerFacts = { firstStart: 0, firstDay: 0, replied: false, slow: false };
  const facts: BuyerFacts = { firstStart: 0, firstDay: 0, replied: false, slow: false };
  const creditedTo: number[] = [];
  // The agents credited with a repeat payment of the current buyer, and whether the buyer paid (and repeated) at all.
  const repeatTo: number[] = [];
  let buyerPaid = false;
  let buyerRepeat = false;
  // Distinct credited buyers: a buyer counts once per agent credited with a paid order of theirs
  // (an order without a buyer id counts as a buyer of its own, never a repeat one).
  const tally = (o: number, alone: boolean): void => {
    if (Number.isNaN(orders.paidAt[o]!)) return;
    const fen = orders.amountFen[o]!;
    const refund = orders.refundFen[o]!;
    const repeat = !alone && orders.repeat[o] === 1;
    shopPaidFen += fen;
    sales(shopPeople, fen, refund);
    if (alone) shopPeople.payingBuyers++;
    else {
      buyerPaid = true;
      buyerRepeat ||= repeat;
    }
    const c = orders.credited[o]!;
    if (c < 0) return;
    people[c]!.creditedFen += fen;
    sales(people[c]!, fen, refund);
    measured[c] = 1;
    shopPeople.creditedFen += fen;
    if (repeat && !repeatTo.includes(c)) repeatTo.push(c);
    if (!alone && creditedTo.includes(c)) return;
    if (alone || creditedTo.length === 0) shopPeople.creditedBuyers++;
    if (!alone) creditedTo.push(c);
    people[c]!.creditedBuyers++;
    people[c]!.payingBuyers++;
  };
  for (let o = 0; o < orders.count; o++) if (orders.buyer[o]! < 0) tally(o, true);
  const buyerCount = state.buyerKeys.length;
  const byPair = groupBy(pairs.ints, pairs.count, buyerCount, PAIR_BYTES / 4, 2);
  const byOrder = groupBy(orders.buyer, orders.count, buyerCount);
  const mine: number[] = [];
  for (let buyer = 0; buyer < buyerCount; buyer++) {
    // (Emptied only when not empty: setting an array's length is a call to the engine, and most buyers have no orders.)
    if (creditedTo.length > 0) creditedTo.length = 0;
    if (repeatTo.length > 0) repeatTo.length = 0;
    buyerPaid = false;
    buyerRepeat = false;
    if (mine.length > 0) mine.length = 0;
    for (let k = byOrder.start[buyer]!; k < byOrder.start[buyer + 1]!; k++) {
      const o = byOrder.rows ? byOrder.rows[k]! : k;
      mine.push(o);
      tally(o, false);
    }
    if (buyerPaid) shopPeople.payingBuyers++;
    if (buyerRepeat) shopPeople.repeatBuyers++;
    for (const c of repeatTo) people[c]!.repeatBuyers++;
    const first = byPair.start[buyer]!;
    const last = byPair.start[buyer + 1]!;
    let sameDayFen = 0;
    for (let k = first; k < last; k++) {
      const p = byPair.rows ? byPair.rows[k]! : k;
      const agent = pairs.agent(p);
      const flags = pairs.flags(p);
      facts.firstStart = pairs.firstStart(p);
      facts.firstDay = pairs.firstDay(p);
      facts.replied = (flags & REPLIED) !== 0;
      facts.slow = (flags & SLOW) !== 0;
      const pp = agent === shopOnly ? null : people[agent]!;
      if (pp !== null) {
        measured[agent] = 1;
        count(pp, facts, orders, mine);
      }
      for (const o of mine) {
        const paid = orders.paidAt[o]!;
        if (Number.isNaN(paid)) continue;
        const day = orders.paidDay[o]!;
        if (!pairs.served(p, day)) continue;
        if (pp !== null) pp.sameDayFen += orders.amountFen[o]!;
        // The shop counts each order once, though several agents served the buyer that day.
        let before = false;
        for (let j = first; j < k && !before; j++) before = pairs.served(byPair.rows ? byPair.rows[j]! : j, day);
        if (!before) sameDayFen += orders.amountFen[o]!;
      }
      if (k === first || facts.firstStart < shopFacts.firstStart) {
        shopFacts.firstStart = facts.firstStart;
        shopFacts.firstDay = facts.firstDay;
      }
      shopFacts.replied = k === first ? facts.replied : shopFacts.replied || facts.replied;
      shopFacts.slow = k === first ? facts.slow : shopFacts.slow || facts.slow;
    }
    if (last > first) {
      count(shopPeople, shopFacts, orders, mine);
      shopPeople.sameDayFen += sameDayFen;
    }
  }

  const numberOf = new Map(agentIds.map((id, n) => [id, n]));
  const ids = [...new Set([...state.agents.keys(), ...agentIds.filter((_, n) => measured[n] === 1), ...listAgents])].sort();
  const table = new Table(state.given, policy);
  // Each agent's figures, once: its table and the shop's means of agents read them.
  const agentFigures = ids.map((agentId) => {
    const n = numberOf.get(agentId);
    const figures = figuresOf(state.agents.get(agentId) ?? emptyCounters(), n === undefined ? emptyPeople() : people[n]!, shopPaidFen);
    return { agentId, counted: state.agents.has(agentId), figures };
  });
  const agentTables = agentFigures.map(({ agentId, figures }) => ({ agentId, kpis: table.build(figures, groupOf.get(agentId) === "aftersale", null) }));

  // The shop: pooled sums, distinct buyers, and the response times as the mean of the agents' means.
  const pooled = emptyCounters();
  for (const c of state.agents.values()) for (const k of Object.keys(c) as (keyof AgentCounters)[]) pooled[k] += c[k];
  // Each agent's mean as an exact fraction: the shop's mean of means is rounded once.
  const means: ShopMeans = new Map();
  for (const metric of KPI_METRICS) {
    if (!metric.shopMeanOfAgents || !("ratio" in metric.compute)) continue;
    const [num, den] = metric.compute.ratio as readonly [KpiFigure, KpiFigure];
    const divisor = metric.compute.divisor ?? 1;
    const list: (readonly [number, number])[] = [];
    for (const { counted, figures } of agentFigures) if (counted && figures[den] > 0) list.push([figures[num], figures[den] * divisor]);
    means.set(metric.id, list);
  }
  return { agents: agentTables, shop: { kpis: table.build(figuresOf(pooled, shopPeople, shopPaidFen), false, means) } };
}

function count(p: People, facts: BuyerFacts, orders: OrderColumns, mine: readonly number[]): void {
  p.consultingBuyers++;
  if (!facts.replied) p.unrepliedBuyers++;
  if (facts.slow) p.slowBuyers++;
  let ordered = false;
  let paid = false;
  let nextDay = false;
  for (const o of mine) {
    // NaN (outside the period) compares false.
    if (orders.createdAt[o]! >= facts.firstStart) ordered = true;
    if (orders.paidAt[o]! >= facts.firstStart) {
      paid = true;
      if (orders.paidDay[o]! <= facts.firstDay + 1) nextDay = true;
    }
  }
  if (ordered) p.orderedBuyers++;
  if (paid) p.paidBuyers++;
  else if (ordered) p.orderedUnpaidBuyers++;
  if (nextDay) p.nextDayBuyers++;
}

/** The figures one agent's (or the shop's) metrics are computed from, by the names the metric table uses. */
function figuresOf(c: AgentCounters, p: People, shopPaidFen: number): Record<KpiFigure, number> {
  return { ...c, ...p, repliedBuyers: p.consultingBuyers - p.unrepliedBuyers, shopPaidFen };
}

/** Computes the metric table ({@link KPI_METRICS}) from figures. */
class Table {
  constructor(
    private readonly given: Record<KpiKind, boolean>,
    private readonly policy: Policy,
  ) {}

  private missing(metric: KpiMetricDefinition): string | null {
    const absent = metric.needs.filter((k) => !this.given[k]);
    return absent.length === 0 ? null : `no ${absent.join(" or ")} given`;
  }

  /** A reason template with its `{figure}` and `{thresholds.name}` filled in. */
  private words(template: string, figures: Readonly<Record<KpiFigure, number>>): string {
    const thresholds = this.policy.kpi.thresholds as Readonly<Record<string, unknown>>;
    return template.replace(/\{(thresholds\.)?(\w+)\}/g, (_, threshold: string | undefined, name: string) =>
      String(threshold ? thresholds[name] : figures[name as KpiFigure]),
    );
  }

  build(figures: Readonly<Record<KpiFigure, number>>, personTimes: boolean, shopMeans: ShopMeans | null): KpiTable {
    const t = {} as Record<KpiMetricId, KpiValue>;
    for (const metric of KPI_METRICS) {
      const missing = this.missing(metric);
      const { compute, reason } = personTimes && metric.afterSales ? metric.afterSales : metric;
      if (missing) t[metric.id] = { value: null, status: "noData", unit: metric.unit, numerator: null, denominator: null, reason: missing };
      else if (shopMeans && metric.shopMeanOfAgents) t[metric.id] = meanOfMeans(metric.unit, shopMeans.get(metric.id) ?? [], metric.shopMeanOfAgents);
      else if ("total" in compute) t[metric.id] = this.total(metric, figures[compute.total as KpiFigure], this.words(reason, figures));
      else {
        const [num, den] = compute.ratio as readonly [KpiFigure, KpiFigure];
        t[metric.id] = this.ratio(metric, figures[num], figures[den], this.words(reason, figures), compute.divisor ?? 1);
      }
    }
    return t;
  }

  /** `num / (den × divisor)`: the divisor turns integer units (ms, fen, hundredths) into the metric's unit. */
  private ratio(metric: KpiMetricDefinition & { id: KpiMetricId }, num: number, den: number, what: string, divisor: number): KpiValue {
    const unit = metric.unit;
    const shown = { numerator: String(num), denominator: String(den) };
    const value = ratio(num, divisor === 1 ? den : den * divisor, PLACES[unit]);
    const shownRatio = `${num} / ${den}${divisor !== 1 ? ` ÷ ${divisor}` : ""}`;
    if (value === null) return { value: null, status: "noData", unit, ...shown, reason: `no ${what.split(" / ")[1] ?? what} in the period` };
    const min = this.policy.kpi.minSample[metric.id];
    if (min !== undefined && den < min) {
      return { value, status: "insufficient", unit, ...shown, reason: `${what} = ${shownRatio}; ${den} is under the minimum sample of ${min}` };
    }
    return { value, status: "ok", unit, ...shown, reason: `${what} = ${shownRatio}` };
  }

  private total(metric: KpiMetricDefinition, value: number, what: string): KpiValue {
    const unit = metric.unit;
    const text = unit === "yuan" ? formatFen(value) : String(value);
    return { value: text, status: "ok", unit, numerator: text, denominator: null, reason: `${what}: ${text}` };
  }
}

/** The shop's value of a metric as the mean of its agents' values, each an exact fraction: rounded once. */
function meanOfMeans(unit: KpiUnit, means: readonly (readonly [number, number])[], what: string): KpiValue {
  const mean = meanOfRatios(means, PLACES[unit]);
  if (mean === null) return { value: null, status: "noData", unit, numerator: "0", denominator: "0", reason: `no agent with ${what} in the period` };
  return {
    value: mean.value,
    status: "ok",
    unit,
    numerator: mean.sum,
    denominator: String(means.length),
    reason: `sum of ${means.length} agents' ${what} (each an exact ratio) / agents = ${mean.sum} / ${means.length}, rounded once`,
  };
}
