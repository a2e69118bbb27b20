// The packed-key sort orders as the comparator it replaces, or declines and leaves the items alone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sortByIntKey } from "../src/compare.js";

describe("sortByIntKey", () => {
  it("orders by key, then by the tie-break, as the comparator sort does", () => {
    // Few distinct keys (long runs of equal keys) and many; ties broken by a second value.
    const records = fc.array(fc.tuple(fc.oneof(fc.nat(3), fc.nat(2 ** 30 - 1)), fc.string({ maxLength: 3 })), { maxLength: 300 });
    fc.assert(
      fc.property(records, fc.boolean(), (list, shuffle) => {
        const keys = list.map(([key]) => key);
        const names = list.map(([, name]) => name);
        const tie = (a: number, b: number): number => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : a - b);
        const items = list.map((_, i) => i);
        if (shuffle) items.reverse();
        const expected = [...items].sort((a, b) => keys[a]! - keys[b]! || tie(a, b));
        expect(sortByIntKey(items, (i) => keys[i]!, tie)).toBe(true);
        expect(items).toEqual(expected);
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it("declines keys that are no integers in [0, 2^30) and indexes of 2^23 or more, touching nothing", () => {
    for (const bad of [-1, 0.5, 2 ** 30, NaN, Infinity]) {
      const items = [2, 0, 1];
      expect(sortByIntKey(items, (i) => (i === 0 ? bad : i), () => 0)).toBe(false);
      expect(items).toEqual([2, 0, 1]);
    }
    const items = [2 ** 23, 1];
    expect(sortByIntKey(items, () => 0, () => 0)).toBe(false);
    expect(items).toEqual([2 ** 23, 1]);
    expect(sortByIntKey([2 ** 23 - 1, 0], (i) => (i === 0 ? 2 ** 30 - 1 : 0), () => 0)).toBe(true);
  });
});
