import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DenseIds } from "../../src/ids/denseIds.js";
import { hash } from "../../src/ids/stringIds.js";

describe("DenseIds", () => {
  it("numbers strings 0, 1, 2 … in order of first sight, exactly as a Map would", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6, unit: "binary" }), { maxLength: 300 }), (keys) => {
        // expected = 1 and a mean length of 1 force both the table and the arena to grow many times.
        const ids = new DenseIds(1, 1);
        const numbers = new Map<string, number>();
        for (const k of keys) {
          if (!numbers.has(k)) numbers.set(k, numbers.size);
          expect(ids.intern(k)).toBe(numbers.get(k));
        }
        expect(ids.size).toBe(numbers.size);
      }),
    );
  });

  it("numbers keys on either side of the 12 code units a slot holds, NULs and pairs of surrogates included, as a Map would", () => {
    const unit = fc.constantFrom("a", "b", "\u0000", "买", "\ud83d", "\ude00");
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 9, maxLength: 16, unit }), { maxLength: 300 }), fc.nat(40), (keys, expected) => {
        const ids = new DenseIds(expected, 1);
        const numbers = new Map<string, number>();
        for (const k of keys) {
          if (!numbers.has(k)) numbers.set(k, numbers.size);
          expect(ids.intern(k)).toBe(numbers.get(k));
        }
        for (const [k, n] of numbers) expect(ids.find(k)).toBe(n);
        expect(ids.find("never interned")).toBe(-1);
        expect(ids.size).toBe(numbers.size);
      }),
    );
  });

  it("tells apart strings whose 32-bit hashes are equal, of the same length or not", () => {
    // FNV-1a collisions found by search: the hit is confirmed on the characters, not the hash.
    for (const [a, b] of [["b2112789", "b2349192"], ["buyer1889", "buyer326036"], ["买家508418", "买家1370144"]] as const) {
      expect(hash(a)).toBe(hash(b));
      const ids = new DenseIds(16);
      expect([ids.intern(a), ids.intern(b), ids.intern(a), ids.intern(b)]).toEqual([0, 1, 0, 1]);
    }
  });

  it("keeps 20k keys apart in a table sized for 16, and keys of any length", () => {
    const ids = new DenseIds(16);
    const keys = Array.from({ length: 20_000 }, (_, i) => `buyer${i}`);
    keys.forEach((k, i) => expect(ids.intern(k)).toBe(i));
    expect(keys.every((k, i) => ids.intern(k) === i)).toBe(true);
    const long = "买".repeat(70_000); // over 65,535 code units: the length takes both header halves
    expect(ids.intern(long)).toBe(20_000);
    expect(ids.intern(`${long.slice(1)}家`)).toBe(20_001);
    expect(ids.intern(long)).toBe(20_000);
    expect(ids.intern("")).toBe(20_002);
  });

  it("numbers a range of a string as it numbers the slice (internRange), short and long keys, mixed with intern", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 })), { maxLength: 60 }), (parts) => {
        const byRange = new DenseIds(4);
        const bySlice = new DenseIds(4);
        for (const [before, key, after] of parts) {
          const joined = before + key + after;
          expect(byRange.internRange(joined, before.length, before.length + key.length)).toBe(bySlice.intern(key));
          expect(byRange.find(key)).toBe(bySlice.find(key));
        }
        expect(byRange.size).toBe(bySlice.size);
      }),
      { numRuns: 200 },
    );
  });
});
