/**
 * The buyer side of the KPI state in typed columns: one row per agent-and-buyer pair (who served
 * whom, from when, answered or slow, on which days) and one per order of the period. Buyers and
 * agents are numbered within a state (`buyerKeys[i]`, `agentIds[i]`), so a month of 4M
 * consultations costs a few typed arrays instead of millions of objects; merging renumbers.
 */
import { columnBuffer, grown, int32s } from "../memory.js";
import { TextColumn } from "../records/textColumn.js";

/** No answered day yet. */
export const NO_DAY = -2147483648;
/** `credited` of an order: no credits given at all / credited to nobody. */
export const NO_CREDITS = -2;
export const NOBODY = -1;
/**
 * The agent id, in a state's `agentIds`, of the pairs of consultations transferred out whose buyer
 * counts for another agent (转接): the shop's figures read them (the shop counts each buyer once,
 * transfers or not), no agent's do. A control character: no agent of the records has this id.
 */
export const TRANSFERRED_OUT = "\u0000transferred out";
export const REPLIED = 1;
export const SLOW = 2;
/** A pair's flag: it has answered days beyond its first (in `moreDays`). */
const MORE = 4;

function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, size: number): T {
  return size <= a.length ? a : grown(a, Math.max(size, a.length * 2, 16));
}

/** Bytes of a pair's row: its first start (a double), then four 32-bit integers (see {@link PairColumns}). */
export const PAIR_BYTES = 24;
const W = PAIR_BYTES / 4;
const F = PAIR_BYTES / 8;

/**
 * Agent-and-buyer pairs, one interleaved row each (so that writing or reading a pair touches one
 * cache line, not six): the start of the pair's first consultation in the period (epoch ms, a
 * double), then as 32-bit integers the buyer, the agent × 8 + flags (REPLIED | SLOW | MORE), the
 * business day of that first start, and the earliest business day with an answered consultation
 * (or NO_DAY; later ones in `moreDays`).
 */
export class PairColumns {
  count = 0;
  /** The rows as doubles (the first start at `3p`) and as 32-bit integers (`6p + 2` …). */
  starts: Float64Array;
  ints: Int32Array;
  readonly moreDays = new Map<number, number[]>();

  /** @param capacity - rows to allocate (the table grows past them) */
  constructor(capacity = 0) {
    const bytes = columnBuffer(Math.max(0, capacity) * PAIR_BYTES);
    this.starts = new Float64Array(bytes);
    this.ints = new Int32Array(bytes);
  }

  /** How many rows the table holds before it grows. */
  get capacity(): number {
    return this.starts.length / F;
  }

  buyer(p: number): number {
    return this.ints[p * W + 2]!;
  }
  agent(p: number): number {
    return this.ints[p * W + 3]! >> 3;
  }
  flags(p: number): number {
    return this.ints[p * W + 3]! & 3;
  }
  firstStart(p: number): number {
    return this.starts[p * F]!;
  }
  firstDay(p: number): number {
    return this.ints[p * W + 4]!;
  }

  reserve(size: number): void {
    if (size <= this.capacity) return;
    const bigger = new PairColumns(Math.max(size, this.capacity * 2, 16));
    bigger.ints.set(this.ints);
    this.starts = bigger.starts;
    this.ints = bigger.ints;
  }

  add(buyer: number, agent: number, start: number, startDay: number, flags: number, day: number): number {
    const p = this.count++;
    if (p >= this.capacity) this.reserve(p + 1);
    this.set(p, buyer, agent, start, startDay, flags, day);
    return p;
  }

  /** Writes row `p` (within the capacity). */
  set(p: number, buyer: number, agent: number, start: number, startDay: number, flags: number, day: number): void {
    const at = p * W;
    this.starts[p * F] = start;
    this.ints[at + 2] = buyer;
    this.ints[at + 3] = (agent << 3) | flags;
    this.ints[at + 4] = startDay;
    this.ints[at + 5] = day;
  }

  /** Folds a consultation (or another state's pair) into pair `p`. */
  fold(p: number, start: number, startDay: number, flags: number, day: number): void {
    if (start < this.starts[p * F]!) {
      this.starts[p * F] = start;
      this.ints[p * W + 4] = startDay;
    }
    this.ints[p * W + 3]! |= flags;
    if (day !== NO_DAY) this.addDay(p, day);
  }

  addDay(p: number, d: number): void {
    const first = this.ints[p * W + 5]!;
    if (first === d) return;
    if (first === NO_DAY) {
      this.ints[p * W + 5] = d;
      return;
    }
    const more = this.moreDays.get(p) ?? [];
    const add = d < first ? first : d;
    if (d < first) this.ints[p * W + 5] = d;
    let at = more.length;
    while (at > 0 && more[at - 1]! > add) at--;
    if (at > 0 && more[at - 1] === add) return;
    more.splice(at, 0, add);
    this.moreDays.set(p, more);
    this.ints[p * W + 3]! |= MORE;
  }

  /** The answered days of pair `p`, ascending. */
  days(p: number): number[] {
    const first = this.ints[p * W + 5]!;
    return first === NO_DAY ? [] : [first, ...(this.moreDays.get(p) ?? [])];
  }

  served(p: number, d: number): boolean {
    if (this.ints[p * W + 5] === d) return true;
    return (this.ints[p * W + 3]! & MORE) !== 0 && this.moreDays.get(p)!.includes(d);
  }
}

/** Orders placed or paid in the period (NaN for an instant outside it). */
export class OrderColumns {
  count = 0;
  /**
   * The orders' ids (a text column: a month's millions of ids are few strings); the decoded
   * orders' own column when every order of the month is in the state, row for row.
   */
  id = new TextColumn();
  /** Buyer number, or -1 when the order has no buyer id. */
  buyer = new Int32Array(0);
  createdAt = new Float64Array(0);
  paidAt = new Float64Array(0);
  paidDay = new Int32Array(0);
  amountFen = new Float64Array(0);
  /** The refunded amount (fen) of the order. */
  refundFen = new Float64Array(0);
  /** Agent number, NOBODY, or NO_CREDITS. */
  credited = new Int32Array(0);
  /** 1: paid in the period by a buyer who had paid another order within `kpi.thresholds.repurchaseDays` before (回购). */
  repeat = new Uint8Array(0);

  constructor(capacity = 0) {
    if (capacity <= 0) return;
    // One buffer for the eight columns: each large allocation beside a large input can set off a
    // full collection of the heap, so one allocation costs less than eight.
    const buffer = columnBuffer(capacity * 45);
    let at = 0;
    const take = <T>(make: (b: ArrayBuffer, offset: number, n: number) => T, bytes: number): T => {
      const view = make(buffer, at, capacity);
      at += bytes * capacity;
      return view;
    };
    this.createdAt = take((b, o, n) => new Float64Array(b, o, n), 8);
    this.paidAt = take((b, o, n) => new Float64Array(b, o, n), 8);
    this.amountFen = take((b, o, n) => new Float64Array(b, o, n), 8);
    this.refundFen = take((b, o, n) => new Float64Array(b, o, n), 8);
    this.buyer = take((b, o, n) => new Int32Array(b, o, n), 4);
    this.paidDay = take((b, o, n) => new Int32Array(b, o, n), 4);
    this.credited = take((b, o, n) => new Int32Array(b, o, n), 4);
    this.repeat = take((b, o, n) => new Uint8Array(b, o, n), 1);
  }

  reserve(size: number): void {
    this.buyer = grow(this.buyer, size);
    this.createdAt = grow(this.createdAt, size);
    this.paidAt = grow(this.paidAt, size);
    this.paidDay = grow(this.paidDay, size);
    this.amountFen = grow(this.amountFen, size);
    this.refundFen = grow(this.refundFen, size);
    this.credited = grow(this.credited, size);
    this.repeat = grow(this.repeat, size);
  }

  /** Adds an order (`id` null: the id column is the decoded orders', set by the caller). */
  add(id: string | null, buyer: number, createdAt: number, paidAt: number, paidDay: number, amountFen: number, credited: number, refundFen = 0, repeat = 0): number {
    const o = this.count++;
    if (o >= this.buyer.length) this.reserve(o + 1);
    if (id !== null) this.id.set(o, id);
    this.buyer[o] = buyer;
    this.createdAt[o] = createdAt;
    this.paidAt[o] = paidAt;
    this.paidDay[o] = paidDay;
    this.amountFen[o] = amountFen;
    this.credited[o] = credited;
    this.refundFen[o] = refundFen;
    this.repeat[o] = repeat;
    return o;
  }
}

/**
 * Rows grouped by buyer: `rows[start[b] … start[b + 1])` are buyer b's (a counting sort, stable),
 * the key of row i being `keys[i * stride + offset]`.
 * `rows` is null when the keys are already ascending and none is negative (the pairs of one
 * collection are): then the rows of buyer b are `start[b] … start[b + 1]` themselves.
 */
export function groupBy(keys: Int32Array, count: number, buyers: number, stride = 1, offset = 0): { start: Int32Array; rows: Int32Array | null } {
  const start = int32s(buyers + 2);
  let sorted = true;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const k = keys[i * stride + offset]!;
    if (k < previous) sorted = false; // also any k < 0 (no buyer): rows are then no positions
    previous = k;
    if (k >= 0) start[k + 2]!++;
  }
  for (let b = 2; b < start.length; b++) start[b]! += start[b - 1]!;
  if (sorted) return { start: start.subarray(1), rows: null };
  const rows = int32s(start[start.length - 1]!);
  for (let i = 0; i < count; i++) {
    const k = keys[i * stride + offset]!;
    if (k >= 0) rows[start[k + 1]!++] = i;
  }
  return { start, rows };
}
