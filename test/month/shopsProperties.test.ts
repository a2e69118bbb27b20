// Shops, as properties over random months of two or three shops (a buyer id may be a buyer of
// several): each shop's line of the shops section is what attribution gives for a month of that
// shop's records alone (filtered here, not by the library's cut), the lines add up to the month's,
// one shop's report agrees with its line, and none of it depends on the records' order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attributeSales, buildMonthReport } from "../../src/index.js";

const MINUTE = 60_000;
function wall(minutes: number): string {
  const d = new Date(Date.UTC(2020, 1, 1) + minutes * MINUTE);
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

const SHOPS = ["S1", "S2", "S3"];
const AGENTS = ["A1", "A2", "BOT"];
const SPAN = 4 * 1440;
const consultation = fc.record({
  agent: fc.constantFrom(...AGENTS),
  buyer: fc.constantFrom("b1", "b2", "b3"),
  shop: fc.constantFrom(...SHOPS),
  start: fc.integer({ min: 0, max: SPAN }),
  reply: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  length: fc.integer({ min: 31, max: 600 }),
});
const order = fc.record({
  buyer: fc.constantFrom("b1", "b2", "b3"),
  shop: fc.constantFrom(...SHOPS),
  created: fc.integer({ min: 0, max: SPAN }),
  paidAfter: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }),
  amount: fc.integer({ min: 1, max: 99_999 }),
  refund: fc.integer({ min: 0, max: 3 }),
  flag: fc.constantFrom(undefined, undefined, "red" as const),
});
const month = fc.record({ consultations: fc.array(consultation, { maxLength: 14 }), orders: fc.array(order, { minLength: 1, maxLength: 12 }), seed: fc.integer() });
type Month = typeof month extends fc.Arbitrary<infer M> ? M : never;

const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
function records(m: Month, shop?: string) {
  return {
    consultations: m.consultations.flatMap((c, i) =>
      shop !== undefined && c.shop !== shop
        ? []
        : [{ consultationId: `C${i}`, agentId: c.agent, buyerId: c.buyer, shopId: c.shop, startedAt: wall(c.start), firstReplyAt: c.reply === null ? "" : wall(c.start + c.reply), endedAt: wall(c.start + c.length) }],
    ),
    orders: m.orders.flatMap((o, i) =>
      shop !== undefined && o.shop !== shop
        ? []
        : [{ orderId: `O${i}`, buyerId: o.buyer, shopId: o.shop, createdAt: wall(o.created), paidAt: o.paidAfter === null ? "" : wall(o.created + o.paidAfter), amount: yuan(o.amount), refundAmount: o.paidAfter === null ? "" : yuan(Math.floor((o.amount * o.refund) / 4)), ...(o.flag === undefined ? {} : { flag: o.flag }) }],
    ),
  };
}
const agents = AGENTS.map((agentId) => ({ agentId, name: agentId, group: agentId === "BOT" ? ("bot" as const) : ("presale" as const), grade: "junior" as const, hiredAt: "2019-01-01" }));
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
// A red flag (指定订单不算业绩) excludes the order: neither credited nor silent.
const policy = { attribution: { excludeFlags: ["red" as const] } };
const fen = (t: { net: string }): number => Math.round(Number(t.net) * 100);

describe("shops over random months", () => {
  it("each line is the shop's own attribution; the lines add up; one shop's report agrees; the order of records does not matter", () => {
    fc.assert(
      fc.property(month, (m) => {
        const input = { agents, ...records(m) };
        const report = buildMonthReport(input, policy, { month: "2020-02" });
        const named = [...new Set([...m.orders.map((o) => o.shop), ...m.consultations.filter((c) => c.agent !== "BOT").map((c) => c.shop), ...m.consultations.filter((c) => c.agent === "BOT").map((c) => c.shop)])].sort();
        if (named.length < 2) {
          expect(report.shops).toBeNull();
          return;
        }
        const lines = report.shops!.shops;
        expect(lines.map((l) => l.shopId)).toEqual(named);
        for (const line of lines) {
          const own = records(m, line.shopId);
          const alone = attributeSales({ agents, ...own }, policy, { period: "2020-02" });
          expect([line.sales, line.credited, line.silent, line.botServed]).toEqual([alone.shop.sales, alone.shop.credited, alone.shop.silent, alone.shop.botServed]);
          expect(line.agents).toEqual(alone.agents.filter((a) => a.sales.orders > 0).map((a) => ({ agentId: a.agentId, sales: a.sales })));
          expect(line.consultations).toBe(own.consultations.filter((c) => c.agentId !== "BOT" && c.startedAt < "2020-03").length);
        }
        // One shop's report (the first shop's: each costs two month reports) agrees with its line.
        const first = lines[0]!;
        const one = buildMonthReport(input, policy, { month: "2020-02", shop: first.shopId });
        expect([one.shop.sales, one.shop.credited, one.shop.silent, one.shop.botServed]).toEqual([first.sales, first.credited, first.silent, first.botServed]);
        for (const key of ["sales", "credited", "silent", "botServed"] as const) {
          expect(lines.reduce((n, l) => n + l[key].orders, 0)).toBe(report.shop[key].orders);
          expect(lines.reduce((n, l) => n + fen(l[key]), 0)).toBe(fen(report.shop[key]));
        }
        const again = buildMonthReport({ agents, consultations: shuffled(input.consultations, m.seed), orders: shuffled(input.orders, m.seed + 1) }, policy, { month: "2020-02" });
        expect(again.shops).toEqual(report.shops);
      }),
      { numRuns: 80 },
    );
  });
});
