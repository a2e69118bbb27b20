import { runInNewContext } from "node:vm";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { columnBuffer, float64s, int32s, uint16s, uint8s } from "../src/memory.js";
import { attributeSales } from "../src/index.js";

describe("column memory", () => {
  it("gives zero-filled columns of the length asked, over a SharedArrayBuffer when large (Node has one)", () => {
    const n = (1 << 20) + 3;
    for (const col of [int32s(n), float64s(n), uint8s(n), uint16s(n)]) {
      expect(col.length).toBe(n);
      expect(col.every((v) => v === 0)).toBe(true);
      expect(col.buffer).toBeInstanceOf(col.byteLength >= 1 << 20 ? SharedArrayBuffer : ArrayBuffer);
    }
    expect(int32s(10).buffer).toBeInstanceOf(ArrayBuffer);
    expect(columnBuffer(1 << 20)).toBeInstanceOf(SharedArrayBuffer);
  });

  it("columns over either kind of buffer hold and fill alike", () => {
    const big = int32s(1 << 19).fill(-1);
    big[7] = 42;
    expect([big[0], big[7], big[big.length - 1]]).toEqual([-1, 42, -1]);
    expect(big.slice(6, 8).buffer).toBeInstanceOf(ArrayBuffer); // a copy is an ordinary array again
  });

  it("the browser bundle, where no SharedArrayBuffer exists (a page not cross-origin isolated), computes the same month", () => {
    const bundle = readFileSync(new URL("../dist/kefu-kpi.global.js", import.meta.url), "utf8");
    const orders = Array.from({ length: 300_000 }, (_, i) => ({
      orderId: `O${i}`,
      buyerId: `b${i % 1000}`,
      createdAt: "2020-02-21 10:05",
      paidAt: "2020-02-21 10:06",
      amount: "1.00",
    }));
    const consultations = Array.from({ length: 1000 }, (_, i) => ({
      consultationId: `C${i}`,
      agentId: `A${i % 3}`,
      buyerId: `b${i}`,
      startedAt: "2020-02-21 09:58",
      firstReplyAt: "2020-02-21 09:59",
      endedAt: "2020-02-21 10:10",
    }));
    const input = { orders, consultations };
    const sandbox = { input, out: "" as string, SharedArrayBuffer: undefined };
    runInNewContext(`if (typeof SharedArrayBuffer !== "undefined") throw new Error("shared memory here"); ${bundle}; out = JSON.stringify(KefuKpi.attributeSales(input).agents.map((a) => [a.agentId, a.sales.net]))`, sandbox);
    const here = attributeSales(input).agents.map((a) => [a.agentId, a.sales.net]);
    expect(here).toEqual([
      // 1000 buyers of 300 orders each, buyer i served by agent i mod 3 (334, 333 and 333 buyers).
      ["A0", "100200.00"],
      ["A1", "99900.00"],
      ["A2", "99900.00"],
    ]);
    expect(JSON.parse(sandbox.out)).toEqual(here);
  });
});
