/**
 * From a {@link KpiState} to the metric table of R2 (README, KPIs), per agent and for the shop.
 * Every value is exact: counts are integers, rates and means are computed by `ratio` (decimal.js,
 * ROUND_HALF_UP) from integer numerators and denominators, money is summed in integer fen.
 */
import { formatFen } from "../money/fen.js";
import { meanOfRatios, ratio } from "../money/decimal.js";
import { KPI_METRIC_IDS, type KpiMetricId } from "../policy/kpi.js";
import type { Policy } from "../policy/schema.js";
import { PAIR_BYTES, REPLIED, SLOW, groupBy, type OrderColumns } from "./columns.js";
import type { AgentCounters, KpiState } from "./state.js";
import { emptyCounters } from "./state.js";
import type { KpiAgentLike, KpiKind, KpiTable, KpiUnit, KpiValue } from "./types.js";

/** Per agent with a mean: its exact numerator and denominator (seconds). */
interface ShopMeans {
  avgResponseSeconds: (readonly [number, number])[];
  avgFirstResponseSeconds: (readonly [number, number])[];
}

const PLACES: Record<KpiUnit, number> = { rate: 4, ratio: 4, seconds: 2, hours: 2, score: 2, yuan: 2, count: 0 };

/** Buyer-level figures of one agent or of the shop. */
interface People {
  consulting: number;
  unreplied: number;
  slow: number;
  ordered: number;
  paid: number;
  nextDay: number;
  sameDayFen: number;
  creditedFen: number;
  creditedBuyers: number;
}

const emptyPeople = (): People => ({ consulting: 0, unreplied: 0, slow: 0, ordered: 0, paid: 0, nextDay: 0, sameDayFen: 0, creditedFen: 0, creditedBuyers: 0 });

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
  let shopPaidFen = 0;
  // Per agent number: people figures and credited sales.
  const people = agentIds.map(() => emptyPeople());
  const measured = new Uint8Array(agentCount);
  const shopPeople = emptyPeople();
  const shopFacts: BuyerFacts = { firstStart: 0, firstDay: 0, replied: false, slow: false };
  const facts: BuyerFacts = { firstStart: 0, firstDay: 0, replied: false, slow: false };
  const creditedTo: number[] = [];
  // Distinct credited buyers: a buyer counts once per agent credited with a paid order of theirs
  // (an order without a buyer id counts as a buyer of its own).
  const tally = (o: number, alone: boolean): void => {
    if (Number.isNaN(orders.paidAt[o]!)) return;
    const fen = orders.amountFen[o]!;
    shopPaidFen += fen;
    const c = orders.credited[o]!;
    if (c < 0) return;
    people[c]!.creditedFen += fen;
    measured[c] = 1;
    shopPeople.creditedFen += fen;
    if (!alone && creditedTo.includes(c)) return;
    if (alone || creditedTo.length === 0) shopPeople.creditedBuyers++;
    if (!alone) creditedTo.push(c);
    people[c]!.creditedBuyers++;
  };
  for (let o = 0; o < orders.count; o++) if (orders.buyer[o]! < 0) tally(o, true);
  const buyerCount = state.buyerKeys.length;
  const byPair = groupBy(pairs.ints, pairs.count, buyerCount, PAIR_BYTES / 4, 2);
  const byOrder = groupBy(orders.buyer, orders.count, buyerCount);
  const mine: number[] = [];
  for (let buyer = 0; buyer < buyerCount; buyer++) {
    creditedTo.length = 0;
    mine.length = 0;
    for (let k = byOrder.start[buyer]!; k < byOrder.start[buyer + 1]!; k++) {
      const o = byOrder.rows ? byOrder.rows[k]! : k;
      mine.push(o);
      tally(o, false);
    }
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
      measured[agent] = 1;
      const pp = people[agent]!;
      count(pp, facts, orders, mine);
      for (const o of mine) {
        const paid = orders.paidAt[o]!;
        if (Number.isNaN(paid)) continue;
        const day = orders.paidDay[o]!;
        if (!pairs.served(p, day)) continue;
        pp.sameDayFen += orders.amountFen[o]!;
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
  const agentTables = ids.map((agentId) => {
    const c = state.agents.get(agentId) ?? emptyCounters();
    const n = numberOf.get(agentId);
    const p = n === undefined ? emptyPeople() : people[n]!;
    return { agentId, kpis: table.build(c, p, shopPaidFen, groupOf.get(agentId) === "aftersale", null) };
  });

  // The shop: pooled sums, distinct buyers, and the response times as the mean of the agents' means.
  const pooled = emptyCounters();
  for (const c of state.agents.values()) for (const k of Object.keys(c) as (keyof AgentCounters)[]) pooled[k] += c[k];
  // Each agent's mean as an exact fraction: the shop's mean of means is rounded once.
  const means: ShopMeans = { avgResponseSeconds: [], avgFirstResponseSeconds: [] };
  for (const { agentId } of agentTables) {
    const c = state.agents.get(agentId);
    if (!c) continue;
    if (c.responseCount > 0) means.avgResponseSeconds.push([c.responseSeconds, c.responseCount]);
    if (c.repliedConsultations > 0) means.avgFirstResponseSeconds.push([c.firstResponseMs, c.repliedConsultations * 1000]);
  }
  return { agents: agentTables, shop: { kpis: table.build(pooled, shopPeople, shopPaidFen, false, means) } };
}

function count(p: People, facts: BuyerFacts, orders: OrderColumns, mine: readonly number[]): void {
  p.consulting++;
  if (!facts.replied) p.unreplied++;
  if (facts.slow) p.slow++;
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
  if (ordered) p.ordered++;
  if (paid) p.paid++;
  if (nextDay) p.nextDay++;
}

const NEEDS: Record<KpiMetricId, readonly KpiKind[]> = {
  replyRate: ["consultations"],
  goodReviewRate: ["reviews"],
  receptionCount: ["consultations"],
  answerRatio: ["consultations"],
  qcScore: ["qc"],
  avgResponseSeconds: ["consultations"],
  avgFirstResponseSeconds: ["consultations"],
  afterSaleSatisfaction: ["afterSales"],
  afterSaleReviewHours: ["afterSales"],
  refundedAmount: ["afterSales"],
  ticketTimelyRate: ["tickets"],
  ticketFirstContactRate: ["tickets"],
  phoneAnswerRate: ["calls"],
  conversionRate: ["consultations", "orders"],
  averageOrderValue: ["orders", "credits"],
  agentSales: ["orders", "credits"],
  sameDaySales: ["consultations", "orders"],
  agentSalesShare: ["orders", "credits"],
  inquiryToPaymentRate: ["consultations", "orders"],
  consultingBuyers: ["consultations"],
  orderedBuyers: ["consultations", "orders"],
  paidBuyers: ["consultations", "orders"],
  nextDayPaymentRate: ["consultations", "orders"],
  slowResponseBuyers: ["consultations"],
  longReceptions: ["consultations"],
  quickResponseRate: ["consultations"],
  unrepliedBuyers: ["consultations"],
};

class Table {
  constructor(
    private readonly given: Record<KpiKind, boolean>,
    private readonly policy: Policy,
  ) {}

  private missing(id: KpiMetricId): string | null {
    const absent = NEEDS[id].filter((k) => !this.given[k]);
    return absent.length === 0 ? null : `no ${absent.join(" or ")} given`;
  }

  /** `num / (den × divisor)`: the divisor turns integer units (ms, fen, hundredths) into the metric's unit. */
  private ratio(id: KpiMetricId, unit: KpiUnit, num: number | string, den: number | string, what: string, divisor = 1): KpiValue {
    const missing = this.missing(id);
    if (missing) return { value: null, status: "noData", unit, numerator: null, denominator: null, reason: missing };
    const shown = { numerator: String(num), denominator: String(den) };
    const value = ratio(num, divisor === 1 ? den : Number(den) * divisor, PLACES[unit]);
    const shownRatio = `${num} / ${den}${divisor !== 1 ? ` ÷ ${divisor}` : ""}`;
    if (value === null) return { value: null, status: "noData", unit, ...shown, reason: `no ${what.split(" / ")[1] ?? what} in the period` };
    const min = this.policy.kpi.minSample[id];
    if (min !== undefined && Number(den) < min) {
      return { value, status: "insufficient", unit, ...shown, reason: `${what} = ${shownRatio}; ${den} is under the minimum sample of ${min}` };
    }
    return { value, status: "ok", unit, ...shown, reason: `${what} = ${shownRatio}` };
  }

  private total(id: KpiMetricId, unit: "count" | "yuan", value: number, what: string): KpiValue {
    const missing = this.missing(id);
    if (missing) return { value: null, status: "noData", unit, numerator: null, denominator: null, reason: missing };
    const text = unit === "yuan" ? formatFen(value) : String(value);
    return { value: text, status: "ok", unit, numerator: text, denominator: null, reason: `${what}: ${text}` };
  }

  build(c: AgentCounters, p: People, shopPaidFen: number, personTimes: boolean, shopMeans: ShopMeans | null): KpiTable {
    const replied = p.consulting - p.unreplied;
    const t: Record<KpiMetricId, KpiValue> = {
      replyRate: this.ratio("replyRate", "rate", replied, p.consulting, "replied buyers / consulting buyers"),
      goodReviewRate: this.ratio("goodReviewRate", "rate", c.goodReviews, c.reviews, "good reviews / service reviews"),
      receptionCount: personTimes
        ? this.total("receptionCount", "count", c.repliedConsultations, "replied consultations (after-sales: person-times 人次)")
        : this.total("receptionCount", "count", replied, "consulting buyers − unreplied buyers"),
      answerRatio: this.ratio("answerRatio", "ratio", c.agentMessages, c.buyerMessages, "agent messages / buyer messages"),
      qcScore: this.ratio("qcScore", "score", c.qcHundredths, c.qcInspections, "sum of QC scores in hundredths / inspections", 100),
      avgResponseSeconds: shopMeans
        ? this.meanOfMeans("avgResponseSeconds", shopMeans.avgResponseSeconds, "mean response times")
        : this.ratio("avgResponseSeconds", "seconds", c.responseSeconds, c.responseCount, "response seconds / responses"),
      avgFirstResponseSeconds: shopMeans
        ? this.meanOfMeans("avgFirstResponseSeconds", shopMeans.avgFirstResponseSeconds, "mean first-response times")
        : this.ratio("avgFirstResponseSeconds", "seconds", c.firstResponseMs, c.repliedConsultations, "first-response ms / replied consultations", 1000),
      afterSaleSatisfaction: this.ratio("afterSaleSatisfaction", "rate", c.satisfiedRatings, c.ratings, `ratings ≥ ${this.policy.kpi.thresholds.satisfiedAtLeast} / ratings`),
      afterSaleReviewHours: this.ratio("afterSaleReviewHours", "hours", c.afterSaleReviewMs, c.reviewedAfterSales, "review ms / reviewed after-sales", 3_600_000),
      refundedAmount: this.total("refundedAmount", "yuan", c.refundedFen, `${c.refunds} refunds completed`),
      ticketTimelyRate: this.ratio("ticketTimelyRate", "rate", c.timelyTickets, c.repliedTickets, `tickets replied within ${this.policy.kpi.thresholds.ticketReplyMinutes} min / replied tickets`),
      ticketFirstContactRate: this.ratio("ticketFirstContactRate", "rate", c.firstContactTickets, c.tickets, "tickets closed on the first reply / tickets"),
      phoneAnswerRate: this.ratio("phoneAnswerRate", "rate", c.answeredCalls, c.calls, "answered calls / incoming calls"),
      conversionRate: this.ratio("conversionRate", "rate", p.ordered, p.consulting, "buyers who ordered / consulting buyers"),
      averageOrderValue: this.ratio("averageOrderValue", "yuan", p.creditedFen, p.creditedBuyers, "credited sales fen / buyers who ordered and paid", 100),
      agentSales: this.total("agentSales", "yuan", p.creditedFen, "credited sales (R1 attribution), paid in the period"),
      sameDaySales: this.total("sameDaySales", "yuan", p.sameDayFen, "payments by buyers on a business day the agent served them"),
      agentSalesShare: this.ratio("agentSalesShare", "rate", p.creditedFen, shopPaidFen, "credited sales fen / shop paid fen"),
      inquiryToPaymentRate: this.ratio("inquiryToPaymentRate", "rate", p.paid, p.consulting, "buyers who paid / consulting buyers"),
      consultingBuyers: this.total("consultingBuyers", "count", p.consulting, "distinct buyers who consulted"),
      orderedBuyers: this.total("orderedBuyers", "count", p.ordered, "consulting buyers who placed an order after their first consultation"),
      paidBuyers: this.total("paidBuyers", "count", p.paid, "consulting buyers who paid after their first consultation"),
      nextDayPaymentRate: this.ratio("nextDayPaymentRate", "rate", p.nextDay, p.consulting, "buyers who paid by the next business day / consulting buyers"),
      slowResponseBuyers: this.total("slowResponseBuyers", "count", p.slow, `buyers with a first response over ${this.policy.kpi.thresholds.slowResponseSeconds} s`),
      longReceptions: this.total("longReceptions", "count", c.longReceptions, `consultations longer than ${this.policy.kpi.thresholds.longReceptionMinutes} min`),
      quickResponseRate: this.ratio("quickResponseRate", "rate", c.quickResponses, c.consultations, `consultations first answered within ${this.policy.kpi.thresholds.quickResponseSeconds} s / consultations`),
      unrepliedBuyers: this.total("unrepliedBuyers", "count", p.unreplied, "consulting buyers never replied"),
    };
    return Object.fromEntries(KPI_METRIC_IDS.map((id) => [id, t[id]])) as KpiTable;
  }

  private meanOfMeans(id: KpiMetricId, means: readonly (readonly [number, number])[], what: string): KpiValue {
    const missing = this.missing(id);
    if (missing) return { value: null, status: "noData", unit: "seconds", numerator: null, denominator: null, reason: missing };
    const mean = meanOfRatios(means, PLACES.seconds);
    if (mean === null) return { value: null, status: "noData", unit: "seconds", numerator: "0", denominator: "0", reason: `no agent with ${what} in the period` };
    return {
      value: mean.value,
      status: "ok",
      unit: "seconds",
      numerator: mean.sum,
      denominator: String(means.length),
      reason: `sum of ${means.length} agents' ${what} (each an exact ratio) / agents = ${mean.sum} / ${means.length}, rounded once`,
    };
  }
}
