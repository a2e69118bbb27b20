// The streaming JSON writer writes what JSON.stringify writes, in bounded chunks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withLazy } from "../../src/lazy.js";
import { jsonChunks } from "../../src/render/jsonChunks.js";

describe("jsonChunks", () => {
  it("joins to JSON.stringify(value, null, indent) for any JSON value, and for what JSON leaves out", () => {
    const odd = fc.constantFrom(undefined, NaN, Infinity, -0, () => 1, Symbol("s"), new Date(Date.UTC(2020, 1, 21)), { toJSON: (key: string) => `key:${key}` });
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: "small" }, fc.jsonValue(), odd, fc.array(tie("any"), { maxLength: 4 }), fc.dictionary(fc.string(), tie("any"), { maxKeys: 4 })),
    })).any;
    fc.assert(
      fc.property(value, fc.constantFrom(0, 1, 2, 4), fc.integer({ min: 1, max: 64 }), (v, indent, chunkSize) => {
        const chunks = [...jsonChunks(v, indent, chunkSize)];
        expect(chunks.join("")).toBe(JSON.stringify(v, null, indent) ?? "");
      }),
      { seed: 3, numRuns: 3000 },
    );
  });

  it("writes long arrays of small items in batches as JSON.stringify writes them, mixed with others", () => {
    const odd = fc.constantFrom(undefined, NaN, null, 7, "x", () => 1, { toJSON: (key: string) => `key:${key}` }, { big: Array.from({ length: 5000 }, (_, i) => i) });
    const small = fc.record({ orderId: fc.string(), amount: fc.option(fc.string()), n: fc.integer(), nested: fc.array(fc.jsonValue(), { maxLength: 3 }) });
    const items = fc.array(fc.oneof({ weight: 8, arbitrary: small }, { weight: 1, arbitrary: odd }), { maxLength: 700 });
    fc.assert(
      fc.property(items, fc.constantFrom(0, 2), fc.constantFrom(16, 4096, 1 << 16), fc.nat(3), (list, indent, chunkSize, depth) => {
        let v: unknown = list;
        for (let d = 0; d < depth; d++) v = { list: v };
        const chunks = [...jsonChunks(v, indent, chunkSize)];
        expect(chunks.join("")).toBe(JSON.stringify(v, null, indent));
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it("writes a lazy list's plain items, at any depth, as JSON.stringify writes the built list", () => {
    const plain = fc.record({ orderId: fc.string(), agents: fc.array(fc.option(fc.string()), { maxLength: 3 }), n: fc.integer(), nested: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }) });
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 700 }), fc.constantFrom(0, 1, 2, 4), fc.constantFrom(16, 4096, 1 << 16), fc.nat(4), (list, indent, chunkSize, depth) => {
        const lazy = (): object => withLazy({ before: 1 }, "items", () => list, { each: () => list });
        let streamed: unknown = lazy();
        let built: unknown = { before: 1, items: list };
        for (let d = 0; d < depth; d++) {
          streamed = { list: streamed, after: [d] };
          built = { list: built, after: [d] };
        }
        expect([...jsonChunks(streamed, indent, chunkSize)].join("")).toBe(JSON.stringify(built, null, indent));
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it("yields chunks of about the size asked for", () => {
    const big = Array.from({ length: 20_000 }, (_, i) => ({ orderId: `O${i}`, amount: "12.00", agents: ["A01", null] }));
    const chunks = [...jsonChunks(big, 2, 4096)];
    expect(chunks.length).toBeGreaterThan(100);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(4096 + 200);
    expect(chunks.join("")).toBe(JSON.stringify(big, null, 2));
  });

  it("throws on a cycle and a BigInt, as JSON.stringify does", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => [...jsonChunks(cycle)]).toThrow(TypeError);
    expect(() => [...jsonChunks({ n: 1n })]).toThrow(TypeError);
    // A cycle inside an array's item too (it spends the small-item allowance, then throws as there).
    expect(() => [...jsonChunks([{ ok: 1 }, cycle, { a: [cycle] }])]).toThrow(TypeError);
  });
});
