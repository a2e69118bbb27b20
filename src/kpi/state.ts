/**
 * The KPI state of a period: what the metrics are computed from, kept so that states merge.
 *
 * A metric's state for a month equals the merge of its daily states (`test/kpi/state.test.ts`
 * proves it with fast-check). Sums (messages, response intervals, tickets, calls …) merge by
 * addition. Distinct people do not: the buyers who consulted an agent in a month are not the sum
 * of each day's, and whether a consulting buyer "finally ordered" depends on orders of later days.
 * So the state keeps, per agent and buyer, the first consultation's start, whether any was
 * answered or slow and the business days consulted (merged by min / or / union), and per order the
 * placing and paying instants inside the period (merged by taking the one that is present). The
 * state is held by buyer (the agents who served them, their orders), so the metrics are one pass
 * over the buyers. Orders and buyers are keyed by their ids (strings), so states built by
 * different processes (shards, one day at a time) merge without a shared numbering.
 *
 * States merge when their record sets are disjoint (different days, or shards that split records,
 * not copies of them) and were collected with the same thresholds, zone and cut-over.
 */
import { IssueCode, KefuKpiError } from "../errors.js";
import type { Policy } from "../policy/schema.js";
import { OrderColumns, PairColumns } from "./columns.js";
import type { KpiKind } from "./types.js";

/** Additive counters of one agent (all integers: counts, milliseconds, seconds, fen, hundredths). */
export interface AgentCounters {
  consultations: number;
  repliedConsultations: number;
  firstResponseMs: number;
  quickResponses: number;
  longReceptions: number;
  messageConsultations: number;
  buyerMessages: number;
  agentMessages: number;
  responseConsultations: number;
  responseCount: number;
  responseSeconds: number;
  reviews: number;
  goodReviews: number;
  qcInspections: number;
  qcHundredths: number;
  afterSales: number;
  reviewedAfterSales: number;
  afterSaleReviewMs: number;
  ratings: number;
  satisfiedRatings: number;
  refunds: number;
  refundedFen: number;
  tickets: number;
  repliedTickets: number;
  timelyTickets: number;
  firstContactTickets: number;
  calls: number;
  answeredCalls: number;
  /** 中差评 (shop reviews) the agent handled with an outcome, and those changed to good or removed. */
  handledShopReviews: number;
  recoveredShopReviews: number;
}

/** The mergeable state of a period. */
export interface KpiState {
  /** Thresholds, zone and cut-over the state was collected with: only equal settings merge. */
  readonly settings: string;
  /** Which kinds of input were given (a missing kind makes its metrics `null`, not 0). */
  readonly given: Record<KpiKind, boolean>;
  readonly agents: Map<string, AgentCounters>;
  /** Numbering of the agents and buyers of `pairs` and `orders` (a buyer key is the buyer id, or
   * shop + buyer id when a shopId is given). */
  readonly agentIds: string[];
  readonly buyerKeys: string[];
  /** One row per agent and buyer: the first consultation, answered, slow, the days served. */
  readonly pairs: PairColumns;
  /** Orders placed or paid in the period. */
  readonly orders: OrderColumns;
}

export const KPI_KINDS: readonly KpiKind[] = ["consultations", "orders", "credits", "tickets", "afterSales", "reviews", "qc", "calls", "shopReviews"];

/** Fresh counters. */
export function emptyCounters(): AgentCounters {
  return {
    consultations: 0, repliedConsultations: 0, firstResponseMs: 0, quickResponses: 0, longReceptions: 0,
    messageConsultations: 0, buyerMessages: 0, agentMessages: 0, responseConsultations: 0, responseCount: 0, responseSeconds: 0,
    reviews: 0, goodReviews: 0, qcInspections: 0, qcHundredths: 0, afterSales: 0, reviewedAfterSales: 0, afterSaleReviewMs: 0,
    ratings: 0, satisfiedRatings: 0, refunds: 0, refundedFen: 0, tickets: 0, repliedTickets: 0, timelyTickets: 0,
    firstContactTickets: 0, calls: 0, answeredCalls: 0, handledShopReviews: 0, recoveredShopReviews: 0,
  };
}

export function settingsKey(policy: Policy): string {
  return JSON.stringify([policy.timeZone, policy.businessDayStartsAt, policy.kpi.thresholds]);
}
/** Every counter is an integer sum: exact while it stays below 2^53. */
export function checkSums(state: KpiState): void {
  for (const [agentId, c] of state.agents) {
    for (const [name, value] of Object.entries(c)) {
      if (value > Number.MAX_SAFE_INTEGER) {
        throw new KefuKpiError([
          { code: IssueCode.invalidValue, path: ["kpi", agentId, name], message: `the sum of ${name} of ${agentId} passes 2^53 and would no longer be exact; compute a shorter period` },
        ]);
      }
    }
  }
}

/**
 * Checks that `value` is a state made by `collectKpiState` or {@link mergeKpiStates} (a state
 * stored as JSON is data to compare, not a state to merge).
 *
 * @throws {KefuKpiError} at `name` when it is not
 */
export function checkKpiState(value: unknown, name: string): asserts value is KpiState {
  const s = value as Partial<KpiState> | null;
  const ok =
    typeof s === "object" && s !== null && typeof s.settings === "string" && typeof s.given === "object" && s.given !== null &&
    s.agents instanceof Map && Array.isArray(s.agentIds) && Array.isArray(s.buyerKeys) && s.pairs instanceof PairColumns && s.orders instanceof OrderColumns &&
    KPI_KINDS.every((k) => typeof s.given![k] === "boolean") && allText(s.agentIds) && allText(s.buyerKeys) && numbered(s as KpiState);
  if (!ok) throw new KefuKpiError([{ code: IssueCode.invalidType, path: [name], message: "expected a KPI state made by collectKpiState or mergeKpiStates" }]);
}

// The pairs and orders name agents and buyers of the state's lists (a state whose lists were
// changed would read beyond them).
function numbered(s: KpiState): boolean {
  const agents = s.agentIds.length;
  const buyers = s.buyerKeys.length;
  const { pairs, orders } = s;
  if (!(pairs.count >= 0 && pairs.count <= pairs.capacity && orders.count >= 0 && orders.count <= orders.buyer.length)) return false;
  for (let p = 0; p < pairs.count; p++) {
    const [b, a] = [pairs.buyer(p), pairs.agent(p)];
    if (!(b >= 0 && b < buyers && a >= 0 && a < agents)) return false;
  }
  for (let o = 0; o < orders.count; o++) {
    const [b, c] = [orders.buyer[o]!, orders.credited[o]!];
    if (!(b >= -1 && b < buyers && c >= -2 && c < agents)) return false; // -1: no buyer id; -1, -2: NOBODY, NO_CREDITS
  }
  return true;
}

// Every element text (a hole is no text: `every` would skip it).
function allText(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== "string") return false;
  return true;
}
