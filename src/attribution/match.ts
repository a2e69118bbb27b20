/**
 * The matching of R1: for every order, the consultation that was last serving its buyer before it
 * was placed (placeAgent) and before it was paid (payAgent).
 *
 * A consultation serves from `firstReplyAt` to `endedAt`. For an event at `t`, it is a candidate
 * when `firstReplyAt <= t` and `t - min(endedAt, t) <= window`; the latest served instant
 * `min(endedAt, t)` wins, ties to the later `firstReplyAt`, then to the later input position (the
 * events that last rule decided between two agents are listed, for the report to say so).
 *
 * Near-linear: consultations and events are bucketed by buyer key (counting sort, stable), each
 * bucket ordered by time, then one sweep per bucket. The sweep keeps (a) a stack of the candidates
 * added so far from which every consultation that ended before `t` has been popped — its top, if
 * any, covers `t` (served instant = t) and is the latest by (firstReplyAt, position); and (b) the
 * best candidate by (endedAt, firstReplyAt, position) among all added, for when none covers `t`.
 * Because events are visited in time order, a popped consultation can never cover a later event,
 * so every consultation is pushed and popped at most once.
 */
import { int32s } from "../memory.js";

/** The orders as matching reads them: `key` is the buyer number (-1: no buyer id), keys below `keyCount`. */
export interface OrderColumns {
  readonly count: number;
  readonly key: Int32Array;
  readonly createdAt: Float64Array;
  /** NaN when unpaid. */
  readonly paidAt: Float64Array;
  readonly keyCount: number;
}

/** The consultations, the decoded month's columns: only those answered, of a buyer with orders
 * (`withOrders[buyer] === 1`), can matter to an order. */
export interface ConsultationColumns {
  readonly count: number;
  /** The buyer number, or -1. */
  readonly key: Int32Array;
  /** 1 for a buyer number with orders, by buyer number. */
  readonly withOrders: Uint8Array;
  readonly firstReplyAt: Float64Array;
  readonly endedAt: Float64Array;
  /** The agent number. */
  readonly agent: Int32Array;
}

export interface Matches {
  /** Entry (in the compacted consultation columns) that made the placeAgent, or -1. */
  readonly place: Int32Array;
  /** Index of the consultation that made the payAgent, or -1 (always -1 when unpaid). */
  readonly pay: Int32Array;
  /**
   * The events the input's row order decided between agents (R1's last tie-break): triplets of
   * event (2·order placing, 2·order + 1 paying), winner and the other consultation, which served
   * the buyer as late and was first answered at the same instant, for another agent. Mostly empty.
   */
  readonly ties: readonly number[];
}

/** Buckets `n` items by `key` (−1 = skip), stably: returns the items in key order and each key's
 * start (`start[k]` … `start[k + 1]`). With `cons`, only the consultations that can matter to an
 * order (answered, of a buyer with orders): no filtered key column is allocated for them. */
function bucket(key: Int32Array, n: number, keyCount: number, cons: ConsultationColumns | null = null): { items: Int32Array; start: Int32Array } {
  const withOrders = cons === null ? null : cons.withOrders;
  const reply = cons === null ? null : cons.firstReplyAt;
  const counts = (i: number, k: number): boolean => k >= 0 && (withOrders === null || (withOrders[k] === 1 && reply![i]! === reply![i]!));
  const start = int32s(keyCount + 1);
  for (let i = 0; i < n; i++) {
    const k = key[i]!;
    if (counts(i, k)) start[k + 1]!++;
  }
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const items = int32s(start[keyCount]!);
  // Place each item at start[k]++ (start[k] becomes the end of bucket k), then shift back.
  for (let i = 0; i < n; i++) {
    const k = key[i]!;
    if (counts(i, k)) items[start[k]!++] = i;
  }
  for (let k = keyCount; k > 0; k--) start[k] = start[k - 1]!;
  start[0] = 0;
  return { items, start };
}

/** Sorts items[from, to) by `time[item]` ascending, ties by item value ascending (input position). */
function sortRange(items: Int32Array, from: number, to: number, time: Float64Array): void {
  if (to - from < 2) return;
  if (to - from <= 48) {
    for (let i = from + 1; i < to; i++) {
      const item = items[i]!;
      const t = time[item]!;
      let j = i - 1;
      while (j >= from) {
        const other = items[j]!;
        const u = time[other]!;
        if (u < t || (u === t && other < item)) break;
        items[j + 1] = other;
        j--;
      }
      items[j + 1] = item;
    }
    return;
  }
  const sorted = Array.from(items.subarray(from, to)).sort((a, b) => time[a]! - time[b]! || a - b);
  items.set(sorted, from);
}

/** Sorts events[from, to) by their time (createdAt for even events, paidAt for odd ones). */
function sortEvents(items: Int32Array, from: number, to: number, created: Float64Array, paid: Float64Array): void {
  const time = (ev: number): number => ((ev & 1) === 0 ? created[ev >> 1]! : paid[ev >> 1]!);
  if (to - from < 2) return;
  if (to - from <= 48) {
    for (let i = from + 1; i < to; i++) {
      const item = items[i]!;
      const t = time(item);
      let j = i - 1;
      while (j >= from) {
        const other = items[j]!;
        const u = time(other);
        if (u < t || (u === t && other < item)) break;
        items[j + 1] = other;
        j--;
      }
      items[j + 1] = item;
    }
    return;
  }
  const sorted = Array.from(items.subarray(from, to)).sort((a, b) => time(a) - time(b) || a - b);
  items.set(sorted, from);
}

/**
 * Finds placeAgent and payAgent consultations for every order.
 *
 * @param windowMs - 询单有效期 in milliseconds; Infinity for no window
 */
export function matchOrders(orders: OrderColumns, cons: ConsultationColumns, windowMs: number): Matches {
  const n = orders.count;
  const keyCount = orders.keyCount;
  const place = int32s(n).fill(-1);
  const pay = int32s(n).fill(-1);

  // Consultations by key, then by (firstReplyAt, position).
  const c = bucket(cons.key, cons.count, keyCount, cons);
  const reply = cons.firstReplyAt;
  const ended = cons.endedAt;
  // Events: 2·order for placing (at createdAt), 2·order + 1 for paying (at paidAt).
  const eventKey = int32s(2 * n);
  const created = orders.createdAt;
  const paid = orders.paidAt;
  for (let i = 0; i < n; i++) {
    const k = orders.key[i]!;
    eventKey[2 * i] = k;
    eventKey[2 * i + 1] = paid[i]! === paid[i]! ? k : -1;
  }
  const e = bucket(eventKey, 2 * n, keyCount);

  const agent = cons.agent;
  const ties: number[] = [];
  let stack = new Int32Array(16);
  for (let k = 0; k < keyCount; k++) {
    const cs = c.start[k]!;
    const ce = c.start[k + 1]!;
    if (cs === ce) continue; // no service for this buyer: all its orders stay fully silent
    const es = e.start[k]!;
    const ee = e.start[k + 1]!;
    if (es === ee) continue; // no order of this buyer
    sortRange(c.items, cs, ce, reply);
    sortEvents(e.items, es, ee, created, paid);
    if (stack.length < ce - cs) stack = new Int32Array(2 * (ce - cs));
    let next = cs;
    let top = 0;
    let best = -1;
    let bestEnd = -Infinity;
    // A consultation of another agent that ties with `best` (same end, same first reply), or -1.
    let bestTie = -1;
    for (let x = es; x < ee; x++) {
      const ev = e.items[x]!;
      const t = (ev & 1) === 0 ? created[ev >> 1]! : paid[ev >> 1]!;
      while (next < ce) {
        const ci = c.items[next]!;
        if (reply[ci]! > t) break;
        stack[top++] = ci;
        const end = ended[ci]!;
        if (end >= bestEnd) {
          // Pushed in (firstReplyAt, position) order: an equal end and reply is a tie the row decides.
          if (end > bestEnd || reply[ci]! !== reply[best]!) bestTie = -1;
          else if (agent[ci]! !== agent[best]!) bestTie = best;
          bestEnd = end;
          best = ci;
        }
        next++;
      }
      while (top > 0 && ended[stack[top - 1]!]! < t) top--;
      let winner = -1;
      let tie = -1;
      if (top > 0) {
        winner = stack[top - 1]!;
        // Below the top, those first answered at the same instant that still serve at t tie with it.
        for (let j = top - 2; j >= 0 && reply[stack[j]!]! === reply[winner]!; j--) {
          const other = stack[j]!;
          if (ended[other]! >= t && agent[other]! !== agent[winner]!) {
            tie = other;
            break;
          }
        }
      } else if (best >= 0 && t - bestEnd <= windowMs) {
        winner = best;
        tie = bestTie;
      }
      if (tie >= 0) ties.push(ev, winner, tie);
      if ((ev & 1) === 0) place[ev >> 1] = winner;
      else pay[ev >> 1] = winner;
    }
  }
  return { place, pay, ties };
}
