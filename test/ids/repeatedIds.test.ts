import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repeatedIds } from "../../src/ids/repeatedIds.js";
import { hash } from "../../src/ids/stringIds.js";

/** The reference: each record repeating an earlier id, mapped to the first record holding it. */
function byMap(ids: readonly unknown[]): Map<number, number> {
  const first = new Map<string, number>();
  const repeats = new Map<number, number>();
  ids.forEach((id, r) => {
    if (typeof id !== "string" || id === "") return;
    const f = first.get(id);
    if (f === undefined) first.set(id, r);
    else repeats.set(r, f);
  });
  return repeats;
}

describe("repeatedIds", () => {
  it("finds exactly the records a Map finds, whatever the ids (repeats, non-text, empty)", () => {
    const id = fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom(null, undefined, 7, ""));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 400 }), (ids) => {
        expect(repeatedIds(ids.length, (r) => ids[r])).toEqual(byMap(ids));
      }),
    );
  });

  it("does not take ids whose hashes are equal for repeats", () => {
    // FNV-1a collisions (of the same length and not): they share a bit, so they are compared exactly.
    const ids = ["b2112789", "b2349192", "buyer1889", "buyer326036", "b2112789"];
    expect([...repeatedIds(ids.length, (r) => ids[r])]).toEqual([[4, 0]]);
  });

  it("checks 200k unique ids (many bits shared) and names each repeat's first holder", () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => `C${i}`);
    expect(repeatedIds(ids.length, (r) => ids[r]).size).toBe(0);
    ids.push("C150000", "C7", "C150000");
    expect([...repeatedIds(ids.length, (r) => ids[r])]).toEqual([[200_000, 150_000], [200_001, 7], [200_002, 150_000]]);
  });

  it("with the hashes given, finds exactly the records a Map finds (0: no id, or an id that hashes to 0)", () => {
    const id = fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom(null, undefined, 7, ""));
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.boolean()), { maxLength: 400 }), (rows) => {
        const ids = rows.map(([x]) => x);
        // Some real ids are given the hash 0, as an id whose hash is 0 would be.
        const hashes = Int32Array.from(rows, ([x, zero]) => (typeof x === "string" && x !== "" && !zero ? hash(x) : 0));
        expect(repeatedIds(ids.length, (r) => ids[r], hashes)).toEqual(byMap(ids));
      }),
    );
  });

  it("with the hashes given, reads the ids only of the records whose hash bits meet", () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `C${i}`);
    ids.push("C49999");
    const hashes = Int32Array.from(ids, hash);
    let reads = 0;
    const repeats = repeatedIds(ids.length, (r) => (reads++, ids[r]), hashes);
    expect([...repeats]).toEqual([[50_000, 49_999]]);
    expect(reads).toBeLessThan(ids.length / 5);
  });
});
