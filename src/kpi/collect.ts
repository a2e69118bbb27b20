/**
 * Collecting a {@link KpiState}: one pass over each kind of a decoded month's records in a period,
 * into the agents' additive counters, one row per agent and buyer (the pairs) and the orders.
 */
import type { DecodedMonth } from "../records/month.js";
import { businessDayNumber, startOfBusinessDay, type Period } from "../time/period.js";
import { NOBODY, NO_CREDITS, NO_DAY, PAIR_BYTES, OrderColumns, PairColumns, REPLIED, SLOW, TRANSFERRED_OUT, groupBy } from "./columns.js";
import type { KpiKind } from "./types.js";
import { int32s } from "../memory.js";
import { KPI_KINDS, checkSums, emptyCounters, settingsKey, type AgentCounters, type KpiState } from "./state.js";

/**
 * Reads the records of a decoded month that fall in `period` into a {@link KpiState}.
 *
 * @param credits - the credited agent's number of each order (by attribution), or null when not given
 * @param part - when the month's tables hold a part of a month's records (see `periodStates.ts`):
 *   per order, 1 for a repeat payment (回购, see {@link repeatPayments}) by the whole month's orders,
 *   and the part's buyers, by the numbers its tables give them (otherwise the month's)
 * @throws {KefuKpiError} when a sum would pass 2^53 (and so stop being exact)
 */
export function collectState(month: DecodedMonth, period: Period, credits: Int32Array | null, part?: { readonly repeat: Uint8Array | undefined; readonly buyerKeys: string[] }): KpiState {
  const { policy, tables } = month;
  const given = Object.fromEntries(KPI_KINDS.map((k) => [k, k === "credits" ? credits !== null && tables.orders !== undefined : tables[k] !== undefined])) as Record<KpiKind, boolean>;
  const state: KpiState = {
    settings: settingsKey(policy),
    given,
    agents: new Map(),
    agentIds: month.agents.ids,
    buyerKeys: part?.buyerKeys ?? month.buyers.keys,
    pairs: new PairColumns(0),
    orders: new OrderColumns(0),
  };
  const counters = month.agents.ids.map(() => emptyCounters());
  // With a roster, every rostered agent is measured; without, those some record of the period names.
  const measured = new Uint8Array(counters.length);
  if (month.agents.rosterSize >= 0) measured.fill(1, 0, month.agents.rosterSize);
  const pass: Pass = { month, start: period.start, end: period.end, counters, measured, state };
  readConsultations(pass);
  readOrders(pass, credits, part?.repeat);
  readTickets(pass);
  readAfterSales(pass);
  readReviews(pass);
  readShopReviews(pass);
  readQc(pass);
  readCalls(pass);
  month.agents.ids.forEach((id, a) => {
    if (measured[a] === 1) state.agents.set(id, counters[a]!);
  });
  checkSums(state);
  return state;
}

/** Context of one collection pass. */
interface Pass {
  readonly month: DecodedMonth;
  readonly start: number;
  readonly end: number;
  /** By agent number. */
  readonly counters: AgentCounters[];
  readonly measured: Uint8Array;
  readonly state: KpiState;
}

const inPeriod = (pass: Pass, t: number): boolean => t >= pass.start && t < pass.end;

function readConsultations(pass: Pass): void {
  const table = pass.month.tables.consultations;
  if (table === undefined) return;
  const { policy } = pass.month;
  const t = policy.kpi.thresholds;
  const slowMs = t.slowResponseSeconds * 1000;
  const quickMs = t.quickResponseSeconds * 1000;
  const longMs = t.longReceptionMinutes * 60_000;
  const c = table.columns;
  const n = table.count;
  const buyers = pass.state.buyerKeys.length;
  // The consultations of buyer b go to rows start[b] … of the pair columns (a counting sort by
  // buyer, in input order within a buyer), so that the pairs are formed buyer by buyer afterwards
  // (see `formPairs`) and come out grouped by buyer, as the metrics read them.
  const start = int32s(buyers + 1);
  // 转接: a consultation the agent transferred out (transferredTo) counts the agent's work but not the
  // buyer, who counts for the agent it went to — unless the buyer has no other consultation of the
  // period, so that no buyer is lost to the shop. Its pair is the shop's alone: an agent numbered
  // after the month's (TRANSFERRED_OUT), whose pairs the shop's figures read and no agent's do.
  const pairless = transferredOut(pass, c, n, buyers);
  const shopOnly = pass.month.agents.ids.length;
  if (pairless !== null) (pass.state as { agentIds: string[] }).agentIds = [...pass.month.agents.ids, TRANSFERRED_OUT];
  let inside = 0;
  for (let i = 0; i < n; i++) {
    if (!inPeriod(pass, c.startedAt[i]!)) continue;
    start[c.buyerId[i]! + 1]!++;
    inside++;
  }
  for (let b = 0; b < buyers; b++) start[b + 1]! += start[b]!;
  // Each consultation goes to a row of one interleaved table laid out as the pairs' rows (see
  // PairColumns), the buyer's slot holding for now the last business day served. A scatter
  // straight to each buyer's rows would touch a random cache line per consultation; so the rows
  // go first to their bucket of buyers (2^shift buyers a bucket, at most about 2048 buckets: as
  // many write streams as the cache holds), in input order, then each bucket is sorted by buyer
  // through a small buffer (see `sortBuckets`). The pairs are then formed in place (`formPairs`).
  let shift = 0;
  while (buyers >> shift > 2048) shift++;
  const buckets = (buyers >> shift) + 1;
  const bucketNext = int32s(buckets);
  for (let j = 0; j < buckets; j++) bucketNext[j] = start[Math.min(buyers, j << shift)]!;
  const rowBuyer = int32s(inside);
  const pairs = new PairColumns(inside);
  const { starts, ints } = pairs;
  const days = new DayCutter(pass.month);
  for (let i = 0; i < n; i++) {
    const started = c.startedAt[i]!;
    if (!inPeriod(pass, started)) continue;
    const agent = c.agentId[i]!;
    const a = pass.counters[agent]!;
    pass.measured[agent] = 1;
    const ended = c.endedAt[i]!;
    const replied = c.firstReplyAt[i]!;
    a.consultations++;
    const answered = replied === replied;
    let slow = false;
    if (answered) {
      const wait = replied - started;
      a.repliedConsultations++;
      a.firstResponseMs += wait;
      if (wait <= quickMs) a.quickResponses++;
      slow = wait > slowMs;
    }
    if (ended - started > longMs) a.longReceptions++;
    const bm = c.buyerMessages[i]!;
    const am = c.agentMessages[i]!;
    if (bm >= 0 && am >= 0) {
      a.messageConsultations++;
      a.buyerMessages += bm;
      a.agentMessages += am;
    }
    const rc = c.responseCount[i]!;
    const rs = c.responseSeconds[i]!;
    if (rc >= 0 && rs >= 0) {
      a.responseConsultations++;
      a.responseCount += rc;
      a.responseSeconds += rs;
    }
    const buyer = c.buyerId[i]!;
    const row = bucketNext[buyer >> shift]!++;
    rowBuyer[row] = buyer;
    const startDay = days.of(started);
    const at = row * (PAIR_BYTES / 4);
    starts[row * (PAIR_BYTES / 8)] = started;
    ints[at + 3] = ((pairless?.[i] === 1 ? shopOnly : agent) << 3) | (answered ? REPLIED : 0) | (slow ? SLOW : 0);
    ints[at + 4] = startDay;
    // The business days the agent served the buyer: from the first reply to the end.
    if (answered) {
      const first = days.of(replied, startDay);
      ints[at + 5] = first;
      ints[at + 2] = days.of(ended, first);
    } else ints[at + 5] = NO_DAY;
  }
  const next = sortBuckets(pairs, rowBuyer, start, buyers, shift);
  formPairs(pairs, start, next, shopOnly + 1);
  (pass.state as { pairs: PairColumns }).pairs = pairs;
}

/**
 * The consultations of the period that count no buyer (1): those transferred out (transferredTo)
 * whose buyer has another consultation of the period not transferred out; null without transfers.
 */
function transferredOut(pass: Pass, c: NonNullable<DecodedMonth["tables"]["consultations"]>["columns"], n: number, buyers: number): Uint8Array | null {
  const to = c.transferredTo;
  let any = false;
  for (let i = 0; i < n && !any; i++) any = to[i]! >= 0 && inPeriod(pass, c.startedAt[i]!);
  if (!any) return null;
  const kept = new Uint8Array(buyers);
  for (let i = 0; i < n; i++) if (to[i]! < 0 && inPeriod(pass, c.startedAt[i]!)) kept[c.buyerId[i]!] = 1;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (to[i]! >= 0 && kept[c.buyerId[i]!] === 1 && inPeriod(pass, c.startedAt[i]!)) out[i] = 1;
  return out;
}

/**
 * Business days of instants, cheaply: an instant before the end of a day already known (the
 * consultation's start day) is on that day, which saves the zone lookups of most replies and ends.
 */
class DayCutter {
  private readonly ends = new Map<number, number>();
  constructor(private readonly month: DecodedMonth) {}
  of(ms: number, known?: number): number {
    if (known !== undefined && known !== NO_DAY) {
      let end = this.ends.get(known);
      if (end === undefined) this.ends.set(known, (end = startOfBusinessDay(known + 1, this.month.zone, this.month.cutover)));
      if (ms < end) return known;
    }
    return businessDayNumber(ms, this.month.zone, this.month.cutover);
  }
}

/**
 * Sorts the rows of each bucket of buyers (rows start[j << shift] … start[(j + 1) << shift], their
 * buyers in `rowBuyer`) by buyer, keeping their order within a buyer, through a buffer the size
 * of the largest bucket. Returns where each buyer's rows end.
 */
function sortBuckets(pairs: PairColumns, rowBuyer: Int32Array, start: Int32Array, buyers: number, shift: number): Int32Array {
  const W = PAIR_BYTES / 4;
  const next = start.slice(0, buyers);
  let largest = 0;
  for (let first = 0; first < buyers; first += 1 << shift) largest = Math.max(largest, start[Math.min(buyers, first + (1 << shift))]! - start[first]!);
  const buffer = int32s(largest * W);
  const ints = pairs.ints;
  for (let first = 0; first < buyers; first += 1 << shift) {
    const from = start[first]!;
    const to = start[Math.min(buyers, first + (1 << shift))]!;
    if (to - from < 2) {
      if (to > from) next[rowBuyer[from]!]!++;
      continue;
    }
    buffer.set(ints.subarray(from * W, to * W));
    for (let k = 0; k < to - from; k++) {
      const at = next[rowBuyer[from + k]!]!++ * W;
      const b = k * W;
      for (let x = 0; x < W; x++) ints[at + x] = buffer[b + x]!;
    }
  }
  return next;
}

/**
 * Folds the consultations of each buyer into one pair per agent, in place: rows start[b] … next[b]
 * of `table` hold buyer b's consultations (laid out as pairs, the buyer's slot holding the last
 * business day served), and pair p is written to row p ≤ the rows read so far.
 */
function formPairs(table: PairColumns, start: Int32Array, next: Int32Array, agents: number): void {
  const lastBuyer = new Int32Array(agents).fill(-1);
  const pairOf = new Int32Array(agents);
  const { starts, ints } = table;
  let count = 0;
  for (let b = 0; b < next.length; b++) {
    for (let row = start[b]!; row < next[b]!; row++) {
      const at = row * (PAIR_BYTES / 4);
      const started = starts[row * (PAIR_BYTES / 8)]!;
      const lastServed = ints[at + 2]!;
      const agent = ints[at + 3]! >> 3;
      const flags = ints[at + 3]! & 3;
      const day = ints[at + 4]!;
      const firstServed = ints[at + 5]!;
      let p: number;
      if (lastBuyer[agent] === b) {
        p = pairOf[agent]!;
        table.fold(p, started, day, flags, firstServed);
      } else {
        lastBuyer[agent] = b;
        p = pairOf[agent] = count++;
        table.set(p, b, agent, started, day, flags, firstServed);
      }
      if (firstServed !== NO_DAY) for (let d = firstServed + 1; d <= lastServed; d++) table.addDay(p, d);
    }
  }
  table.count = count;
}

function readOrders(pass: Pass, credits: Int32Array | null, given: Uint8Array | undefined): void {
  const table = pass.month.tables.orders;
  if (table === undefined) return;
  const { zone, cutover } = pass.month;
  const o = table.columns;
  const n = table.count;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    const paid = o.paidAt[i]!;
    if (inPeriod(pass, o.createdAt[i]!) || (paid === paid && inPeriod(pass, paid))) inside++;
  }
  const orders = new OrderColumns(inside);
  // Every order in the period (the usual month): the rows are the decoded orders', ids included.
  const all = inside === n;
  if (all) orders.id = o.orderId;
  const repeat = given ?? repeatPayments(pass.month, o.buyerId, o.paidAt, n);
  for (let i = 0; i < n; i++) {
    const created = o.createdAt[i]!;
    const paid = o.paidAt[i]!;
    const createdIn = inPeriod(pass, created);
    const paidIn = paid === paid && inPeriod(pass, paid);
    if (!createdIn && !paidIn) continue;
    const credited = credits === null ? NO_CREDITS : credits[i]! >= 0 ? credits[i]! : NOBODY;
    if (credited >= 0 && paidIn) pass.measured[credited] = 1;
    const refund = o.refundAmount[i]!;
    orders.add(
      all ? null : o.orderId.at(i),
      o.buyerId[i]!,
      createdIn ? created : NaN,
      paidIn ? paid : NaN,
      paidIn ? businessDayNumber(paid, zone, cutover) : 0,
      o.amount[i]!,
      credited,
      refund === refund ? refund : 0,
      paidIn ? repeat[i]! : 0,
    );
  }
  (pass.state as { orders: OrderColumns }).orders = orders;
}

/**
 * 回购: per order, 1 when its buyer had paid another order (of any period given) strictly before it
 * and at most `kpi.thresholds.repurchaseDays` days before. Orders without a buyer are never one.
 * The orders are grouped by buyer (a counting sort), and only a buyer's few paid orders sorted.
 */
export function repeatPayments(month: DecodedMonth, buyer: Int32Array, paidAt: Float64Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const windowMs = month.policy.kpi.thresholds.repurchaseDays * 86_400_000;
  const { start, rows } = groupBy(buyer, n, month.buyers.size);
  const paid: number[] = [];
  for (let b = 0; b < month.buyers.size; b++) {
    if (start[b + 1]! - start[b]! < 2) continue;
    paid.length = 0;
    for (let k = start[b]!; k < start[b + 1]!; k++) {
      const i = rows === null ? k : rows[k]!;
      if (paidAt[i] === paidAt[i]) paid.push(i);
    }
    if (paid.length < 2) continue;
    paid.sort((x, y) => paidAt[x]! - paidAt[y]!);
    let earlier = NaN; // the latest paid instant strictly before the current one
    for (let k = 1; k < paid.length; k++) {
      const before = paidAt[paid[k - 1]!]!;
      const at = paidAt[paid[k]!]!;
      if (before < at) earlier = before;
      if (earlier === earlier && at - earlier <= windowMs) out[paid[k]!] = 1;
    }
  }
  return out;
}

function readTickets(pass: Pass): void {
  const table = pass.month.tables.tickets;
  if (table === undefined) return;
  const slaMs = pass.month.policy.kpi.thresholds.ticketReplyMinutes * 60_000;
  const t = table.columns;
  for (let i = 0; i < table.count; i++) {
    const created = t.createdAt[i]!;
    if (!inPeriod(pass, created)) continue;
    const a = agentCounters(pass, t.agentId[i]!);
    a.tickets++;
    const replied = t.firstReplyAt[i]!;
    if (replied === replied) {
      a.repliedTickets++;
      if (replied - created <= slaMs) a.timelyTickets++;
    }
    if (t.closedOnFirstReply[i] === 1) a.firstContactTickets++;
  }
}

function readAfterSales(pass: Pass): void {
  const table = pass.month.tables.afterSales;
  if (table === undefined) return;
  const satisfied = pass.month.policy.kpi.thresholds.satisfiedAtLeast;
  const s = table.columns;
  for (let i = 0; i < table.count; i++) {
    const applied = s.appliedAt[i]!;
    const refundedAt = s.refundedAt[i]!;
    const appliedIn = inPeriod(pass, applied);
    const refundedIn = refundedAt === refundedAt && inPeriod(pass, refundedAt);
    if (!appliedIn && !refundedIn) continue;
    const a = agentCounters(pass, s.agentId[i]!);
    if (appliedIn) {
      a.afterSales++;
      const reviewed = s.reviewedAt[i]!;
      if (reviewed === reviewed) {
        a.reviewedAfterSales++;
        a.afterSaleReviewMs += reviewed - applied;
      }
      const rating = s.satisfaction[i]!;
      if (rating >= 0) {
        a.ratings++;
        if (rating >= satisfied) a.satisfiedRatings++;
      }
    }
    if (refundedIn) {
      a.refunds++;
      a.refundedFen += s.refundAmount[i]!;
    }
  }
}

function readReviews(pass: Pass): void {
  const table = pass.month.tables.reviews;
  if (table === undefined) return;
  const r = table.columns;
  const good = 0; // index of "good" in the field's values
  for (let i = 0; i < table.count; i++) {
    if (!inPeriod(pass, r.at[i]!)) continue;
    const a = agentCounters(pass, r.agentId[i]!);
    a.reviews++;
    if (r.rating[i] === good) a.goodReviews++;
  }
}

/**
 * 中差评 handled (seed 003: 中差评的处理成果…加入到客户绩效中): each shop review of the period (by
 * the buyer's review time) with an outcome counts for its handler; changed to good or removed, as
 * recovered.
 */
function readShopReviews(pass: Pass): void {
  const table = pass.month.tables.shopReviews;
  if (table === undefined) return;
  const r = table.columns;
  const [changed, removed] = [0, 1]; // indices in the field's values
  for (let i = 0; i < table.count; i++) {
    if (r.outcome[i]! < 0 || r.handlerId[i]! < 0 || !inPeriod(pass, r.at[i]!)) continue;
    const a = agentCounters(pass, r.handlerId[i]!);
    a.handledShopReviews++;
    if (r.outcome[i] === changed || r.outcome[i] === removed) a.recoveredShopReviews++;
  }
}

function readQc(pass: Pass): void {
  const table = pass.month.tables.qc;
  if (table === undefined) return;
  const q = table.columns;
  for (let i = 0; i < table.count; i++) {
    if (!inPeriod(pass, q.at[i]!)) continue;
    const a = agentCounters(pass, q.agentId[i]!);
    a.qcInspections++;
    a.qcHundredths += q.score[i]!;
  }
}

function readCalls(pass: Pass): void {
  const table = pass.month.tables.calls;
  if (table === undefined) return;
  const c = table.columns;
  for (let i = 0; i < table.count; i++) {
    if (!inPeriod(pass, c.at[i]!)) continue;
    const a = agentCounters(pass, c.agentId[i]!);
    a.calls++;
    if (c.answered[i] === 1) a.answeredCalls++;
  }
}

function agentCounters(pass: Pass, agent: number): AgentCounters {
  pass.measured[agent] = 1;
  return pass.counters[agent]!;
}

