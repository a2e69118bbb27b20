/**
 * The one order of ids and names in every list the library prints: by UTF-16 code units, as
 * JavaScript compares strings — the same on every machine and locale (no `localeCompare`).
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** {@link byCodeUnits} of two records' `orderId`. */
export function byOrderId(a: { readonly orderId: string }, b: { readonly orderId: string }): number {
  return byCodeUnits(a.orderId, b.orderId);
}

/** {@link byCodeUnits} of two records' `agentId`. */
export function byAgentId(a: { readonly agentId: string }, b: { readonly agentId: string }): number {
  return byCodeUnits(a.agentId, b.agentId);
}

/** Indexes at most this many: an index takes the low 23 bits of a packed key. */
const INDEX_BITS = 2 ** 23;
/** Keys below this: a key times 2^23 stays an exact integer in a double. */
const KEY_LIMIT = 2 ** 30;

/**
 * Sorts `items` (record indexes) by `keyOf(i)`, then, among equal keys, by `tie` — as
 * `items.sort((a, b) => keyOf(a) - keyOf(b) || tie(a, b))` would, but the keys are compared by the
 * engine's numeric sort of packed doubles (key × 2^23 + index) with no call per comparison: a
 * month's millions of duties or breaches, mostly told apart by their instants. Returns false, the
 * items untouched, when a key is no integer in [0, 2^30) or an index is 2^23 or more; the caller
 * then sorts with the comparator.
 */
export function sortByIntKey(items: number[], keyOf: (i: number) => number, tie: (a: number, b: number) => number): boolean {
  const n = items.length;
  const packed = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = items[k]!;
    const key = keyOf(i);
    if (!(key >= 0 && key < KEY_LIMIT && Number.isInteger(key)) || !(i >= 0 && i < INDEX_BITS)) return false;
    packed[k] = key * INDEX_BITS + i;
  }
  packed.sort();
  for (let k = 0; k < n; k++) items[k] = packed[k]! % INDEX_BITS;
  // Runs of equal keys (the index order within them) sorted by the tie-break.
  for (let from = 0; from < n; ) {
    const key = Math.floor(packed[from]! / INDEX_BITS);
    let to = from + 1;
    while (to < n && Math.floor(packed[to]! / INDEX_BITS) === key) to++;
    if (to - from > 1) {
      const run = items.slice(from, to).sort(tie);
      for (let k = from; k < to; k++) items[k] = run[k - from]!;
    }
    from = to;
  }
  return true;
}
