import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StringIds } from "../../src/ids/stringIds.js";

describe("StringIds", () => {
  it("gives each string the index of its first record, exactly as a Map would", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }), fc.array(fc.string({ maxLength: 6 })), (keys, probes) => {
        // expected = 1 forces the table to grow many times.
        const ids = new StringIds(1, (record) => keys[record]!);
        const first = new Map<string, number>();
        keys.forEach((k, i) => {
          const id = ids.intern(k, i);
          expect(ids.added).toBe(!first.has(k));
          if (!first.has(k)) first.set(k, i);
          expect(id).toBe(first.get(k));
        });
        expect(ids.size).toBe(first.size);
        for (const p of [...keys, ...probes]) expect(ids.get(p)).toBe(first.get(p) ?? -1);
      }),
    );
  });

  it("tells apart strings whose hashes share a slot", () => {
    // 20k ids in a table sized for 16: many share slots (and low hash bits); all stay distinct.
    const keys = Array.from({ length: 20_000 }, (_, i) => `buyer${i}`);
    const ids = new StringIds(16, (record) => keys[record]!);
    keys.forEach((k, i) => expect(ids.intern(k, i)).toBe(i));
    expect(keys.every((k, i) => ids.get(k) === i)).toBe(true);
    expect(ids.get("buyer20000")).toBe(-1);
    expect(ids.get("")).toBe(-1);
  });
});
