// The buyer figures of R2 (consultingBuyers, unrepliedBuyers, slowResponseBuyers, orderedBuyers,
// paidBuyers, orderedUnpaidBuyers, next-day payments) against a plain reference written with Maps
// and sets over the records, per agent and for the shop: the typed state (buyers interned, consultations
// counting-sorted by buyer and folded into agent-and-buyer pairs) must count the same people.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeKpis } from "../../src/index.js";

const MINUTE = 60_000;
// Minutes after 2020-01-31 00:00 Asia/Shanghai (no daylight saving), printed as wall time.
const BASE = Date.UTC(2020, 0, 31);
const FEB = [1440, 30 * 1440]; // [2020-02-01 00:00, 2020-03-01 00:00)
function wall(minutes: number): string {
  const d = new Date(BASE + minutes * MINUTE);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
const inFeb = (m: number | null): m is number => m !== null && m >= FEB[0]! && m < FEB[1]!;
const day = (m: number) => Math.floor(m / 1440);

const when = fc.integer({ min: 0, max: 31 * 1440 });
const arb = fc.record({
  cons: fc.array(fc.record({ agent: fc.constantFrom("A1", "A2", "A3", "A4"), buyer: fc.integer({ min: 0, max: 9 }), start: when, waitMinutes: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }) }), { maxLength: 60 }),
  orders: fc.array(fc.record({ buyer: fc.integer({ min: 0, max: 11 }), created: when, payAfter: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }) }), { maxLength: 30 }),
});

interface Pair { first: number; replied: boolean; slow: boolean }
interface Figures { consultingBuyers: number; unrepliedBuyers: number; slowResponseBuyers: number; orderedBuyers: number; paidBuyers: number; orderedUnpaidBuyers: number; nextDay: number }

function reference(cons: { agent: string; buyer: number; start: number; waitMinutes: number | null }[], orders: { buyer: number; created: number; payAfter: number | null }[]) {
  const byAgent = new Map<string, Map<number, Pair>>();
  const shop = new Map<number, Pair>();
  const fold = (into: Map<number, Pair>, buyer: number, c: (typeof cons)[number]) => {
    const slow = c.waitMinutes !== null && c.waitMinutes * 60 > 60; // slowResponseSeconds 60
    const p = into.get(buyer);
    if (!p) into.set(buyer, { first: c.start, replied: c.waitMinutes !== null, slow });
    else into.set(buyer, { first: Math.min(p.first, c.start), replied: p.replied || c.waitMinutes !== null, slow: p.slow || slow });
  };
  for (const c of cons) {
    if (!inFeb(c.start)) continue;
    if (!byAgent.has(c.agent)) byAgent.set(c.agent, new Map());
    fold(byAgent.get(c.agent)!, c.buyer, c);
    fold(shop, c.buyer, c);
  }
  const figures = (pairs: Map<number, Pair>): Figures => {
    const f: Figures = { consultingBuyers: 0, unrepliedBuyers: 0, slowResponseBuyers: 0, orderedBuyers: 0, paidBuyers: 0, orderedUnpaidBuyers: 0, nextDay: 0 };
    for (const [buyer, p] of pairs) {
      f.consultingBuyers++;
      if (!p.replied) f.unrepliedBuyers++;
      if (p.slow) f.slowResponseBuyers++;
      const mine = orders.filter((o) => o.buyer === buyer);
      const ordered = mine.some((o) => inFeb(o.created) && o.created >= p.first);
      if (ordered) f.orderedBuyers++;
      const paid = mine.map((o) => (o.payAfter === null ? null : o.created + o.payAfter)).filter((t): t is number => inFeb(t) && t >= p.first);
      if (paid.length > 0) f.paidBuyers++;
      if (ordered && paid.length === 0) f.orderedUnpaidBuyers++;
      if (paid.some((t) => day(t) <= day(p.first) + 1)) f.nextDay++;
    }
    return f;
  };
  return { agents: new Map([...byAgent].map(([a, pairs]) => [a, figures(pairs)])), shop: figures(shop) };
}

function measured(kpis: Record<string, { value: string | null; numerator: string | null }>): Figures {
  const n = (id: string) => Number(kpis[id]!.value ?? "0");
  return {
    consultingBuyers: n("consultingBuyers"),
    unrepliedBuyers: n("unrepliedBuyers"),
    slowResponseBuyers: n("slowResponseBuyers"),
    orderedBuyers: n("orderedBuyers"),
    paidBuyers: n("paidBuyers"),
    orderedUnpaidBuyers: n("orderedUnpaidBuyers"),
    nextDay: Number(kpis["nextDayPaymentRate"]!.numerator ?? "0"),
  };
}

describe("buyer figures against a plain reference", () => {
  it("per agent and for the shop, whatever the records", () => {
    fc.assert(
      fc.property(arb, ({ cons, orders }) => {
        const result = computeKpis(
          {
            consultations: cons.map((c, i) => ({
              consultationId: `C${i}`, agentId: c.agent, buyerId: `b${c.buyer}`, startedAt: wall(c.start),
              firstReplyAt: c.waitMinutes === null ? "" : wall(c.start + c.waitMinutes), endedAt: wall(c.start + (c.waitMinutes ?? 0) + 5),
            })),
            orders: orders.map((o, i) => ({ orderId: `O${i}`, buyerId: `b${o.buyer}`, createdAt: wall(o.created), paidAt: o.payAfter === null ? "" : wall(o.created + o.payAfter), amount: "1.00" })),
          },
          {},
          { period: "2020-02" },
        );
        const expected = reference(cons, orders);
        for (const a of result.agents) {
          const want = expected.agents.get(a.agentId);
          if (want) expect(measured(a.kpis), a.agentId).toEqual(want);
          else expect(measured(a.kpis).consultingBuyers, a.agentId).toBe(0);
        }
        expect(result.agents.filter((a) => measured(a.kpis).consultingBuyers > 0).map((a) => a.agentId).sort()).toEqual([...expected.agents.keys()].sort());
        expect(measured(result.shop.kpis)).toEqual(expected.shop);
      }),
      { numRuns: 300 },
    );
  });
});
