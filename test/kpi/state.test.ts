// Incremental KPIs: the state of a month equals the merge of its daily states (in any order and
// grouping), so apps can update one day at a time and shards merge.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collectKpiState, finalizeKpis, kpiStateToJSON, mergeKpiStates, type KefuKpiError, type KpiInput, type KpiState } from "../../src/index.js";
import { FEBRUARY_DAYS as DAYS, TINY, eventRecords, wall } from "./fixture.js";

const when = fc.integer({ min: 0, max: 31 * 1440 });

const inputArb: fc.Arbitrary<KpiInput> = fc
  .record({
    cons: fc.array(fc.record({ agent: fc.constantFrom("A1", "A2", "A3"), buyer: fc.integer({ min: 0, max: 6 }), start: when, wait: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }), len: fc.integer({ min: 0, max: 90 }), msgs: fc.nat(9) }), { maxLength: 40 }),
    orders: fc.array(fc.record({ buyer: fc.integer({ min: 0, max: 7 }), created: when, payAfter: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }), fen: fc.integer({ min: 1, max: 99999 }), ref: fc.option(fc.integer({ min: 1, max: 99999 }), { nil: null }), credit: fc.option(fc.constantFrom("A1", "A2", "A3"), { nil: null }) }), { maxLength: 25 }),
    events: fc.array(fc.record({ agent: fc.constantFrom("A1", "A2", "A3"), at: when, n: fc.nat(100), flag: fc.boolean() }), { maxLength: 25 }),
  })
  .map(({ cons, orders, events }) => ({
    consultations: cons.map((c, i) => ({
      consultationId: `C${i}`, agentId: c.agent, buyerId: `b${c.buyer}`, startedAt: wall(c.start),
      firstReplyAt: c.wait === null ? "" : wall(c.start + Math.floor(c.wait / 60)), endedAt: wall(c.start + Math.floor((c.wait ?? 0) / 60) + c.len),
      buyerMessages: c.msgs, agentMessages: c.msgs + 1, responseCount: c.msgs, responseSeconds: c.msgs * 7,
    })),
    orders: orders.map((o, i) => ({ orderId: `O${i}`, buyerId: `b${o.buyer}`, createdAt: wall(o.created), paidAt: o.payAfter === null ? "" : wall(o.created + o.payAfter), amount: `${Math.floor(o.fen / 100)}.${String(o.fen % 100).padStart(2, "0")}`, ...(o.ref === null || o.payAfter === null ? {} : { refundAmount: money(Math.min(o.ref, o.fen)) }) })),
    credits: orders.map((o, i) => ({ orderId: `O${i}`, agentId: o.credit })),
    ...eventRecords(events),
  }));

function money(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}

const mergeAll = (states: KpiState[]) => states.reduce((a, b) => mergeKpiStates(a, b));

describe("KPI state", () => {
  it("month state = merge of the 29 daily states, in any order", () => {
    fc.assert(
      fc.property(inputArb, fc.array(fc.nat(28), { minLength: 29, maxLength: 29 }), (input, keys) => {
        const monthState = collectKpiState(input, {}, { period: "2020-02" });
        const daily = DAYS.map((d) => collectKpiState(input, {}, { period: d }));
        const shuffled = daily.map((s, i) => [keys[i]!, i, s] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]).map(([, , s]) => s);
        expect(kpiStateToJSON(mergeAll(shuffled))).toEqual(kpiStateToJSON(monthState));
        expect(finalizeKpis(mergeAll(shuffled))).toEqual(finalizeKpis(monthState));
        // All 29 in one call (each record copied once) gives the same state as folding them in pairs.
        const [first, second, ...rest] = shuffled;
        expect(kpiStateToJSON(mergeKpiStates(first!, second!, ...rest))).toEqual(kpiStateToJSON(monthState));
      }),
      { numRuns: 60 },
    );
    // 60 months of 30 states each: seconds on an idle machine, more on a loaded one (not a timing test).
  }, 60_000);

  it("merging is associative and the week of days equals the ISO week", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const [a, b, c] = ["2020-02-03..2020-02-04", "2020-02-05", "2020-02-06..2020-02-09"].map((p) => collectKpiState(input, {}, { period: p })) as [KpiState, KpiState, KpiState];
        const left = kpiStateToJSON(mergeKpiStates(mergeKpiStates(a, b), c));
        expect(kpiStateToJSON(mergeKpiStates(a, mergeKpiStates(b, c)))).toEqual(left);
        expect(left).toEqual(kpiStateToJSON(collectKpiState(input, {}, { period: "2020-W06" })));
      }),
      { numRuns: 40 },
    );
  });

  it("shards that split the records merge to the state of the whole", () => {
    const odd = <T,>(list: readonly T[] | undefined, keep: number) => (list ?? []).filter((_, i) => i % 2 === keep);
    // Every kind split in two; each order's credit goes with its order.
    const shard = (keep: number): KpiInput => ({
      consultations: odd(TINY.consultations, keep), orders: odd(TINY.orders, keep), credits: TINY.credits!.filter((c) => odd(TINY.orders, keep).some((o) => o.orderId === c.orderId)),
      reviews: odd(TINY.reviews, keep), calls: odd(TINY.calls, keep), qc: odd(TINY.qc, keep), tickets: odd(TINY.tickets, keep), afterSales: odd(TINY.afterSales, keep),
    });
    const whole = collectKpiState(TINY, {}, { period: "2020-02" });
    const merged = mergeKpiStates(collectKpiState(shard(0), {}, { period: "2020-02" }), collectKpiState(shard(1), {}, { period: "2020-02" }));
    expect(kpiStateToJSON(merged)).toEqual(kpiStateToJSON(whole));
  });

  it("a month's distinct buyers are not the sum of the days' (the state keeps who, not how many)", () => {
    const input: KpiInput = {
      consultations: ["2020-02-03", "2020-02-04"].map((d, i) => ({ consultationId: `C${i}`, agentId: "A", buyerId: "b", startedAt: `${d} 10:00`, firstReplyAt: `${d} 10:01`, endedAt: `${d} 10:05` })),
    };
    const days = ["2020-02-03", "2020-02-04"].map((d) => collectKpiState(input, {}, { period: d }));
    const sum = days.map((s) => Number(finalizeKpis(s).shop.kpis.consultingBuyers.value)).reduce((x, y) => x + y);
    expect(sum).toBe(2);
    expect(finalizeKpis(mergeKpiStates(days[0]!, days[1]!)).shop.kpis.consultingBuyers.value).toBe("1");
  });

  it("states collected with different thresholds do not merge", () => {
    const a = collectKpiState(TINY, {}, { period: "2020-02-03" });
    const b = collectKpiState(TINY, { kpi: { thresholds: { slowResponseSeconds: 30 } } }, { period: "2020-02-04" });
    expect(() => mergeKpiStates(a, b)).toThrow(/different thresholds/);
    // Among many, the state that differs (or is no state) is named.
    const c = collectKpiState(TINY, {}, { period: "2020-02-05" });
    const issue = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as KefuKpiError).issues.map((i) => [i.path, i.message]);
      }
      return "no error";
    };
    expect(issue(() => mergeKpiStates(a, c, c, b))).toEqual([[["more.1", "settings"], expect.stringMatching(/^the KPI states were collected with different thresholds/)]]);
    expect(issue(() => mergeKpiStates(a, c, {} as KpiState))).toEqual([[["more.0"], "expected a KPI state made by collectKpiState or mergeKpiStates"]]);
  });

  it("a month of 6000 buyers (pairs sorted by buyer in buckets of buyers) keeps each agent-and-buyer pair as the records say", () => {
    // A reference by Map from the records themselves: per buyer and agent the first start, and
    // whether any consultation was answered, or answered slowly (over the default 60 s).
    let seed = 7;
    const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const agents = ["A1", "A2", "A3", "A4", "A5"];
    const consultations = Array.from({ length: 20_000 }, (_, i) => {
      const start = 1440 + Math.floor(random() * 28 * 1440);
      const wait = random() < 0.2 ? null : Math.floor(random() * 6);
      return {
        consultationId: `C${i}`, agentId: agents[Math.floor(random() * agents.length)]!, buyerId: `b${Math.floor(random() * 6000)}`,
        startedAt: wall(start), firstReplyAt: wait === null ? "" : wall(start + wait), endedAt: wall(start + (wait ?? 0) + 3),
        buyerMessages: 1, agentMessages: 1, responseCount: 1, responseSeconds: 5,
      };
    });
    const expected = new Map<string, Map<string, { firstStart: number; replied: boolean; slow: boolean }>>();
    for (const c of consultations) {
      const at = Date.parse(c.startedAt.replace(" ", "T") + ":00+08:00");
      const replied = c.firstReplyAt !== "";
      const slow = replied && Date.parse(c.firstReplyAt.replace(" ", "T") + ":00+08:00") - at > 60_000;
      const byAgent = expected.get(c.buyerId) ?? new Map();
      expected.set(c.buyerId, byAgent);
      const e = byAgent.get(c.agentId);
      if (e === undefined) byAgent.set(c.agentId, { firstStart: at, replied, slow });
      else byAgent.set(c.agentId, { firstStart: Math.min(e.firstStart, at), replied: e.replied || replied, slow: e.slow || slow });
    }
    const json = kpiStateToJSON(collectKpiState({ consultations }, {}, { period: "2020-02" })) as { buyers: [string, { served: { agentId: string; firstStart: number; replied: boolean; slow: boolean }[] }][] };
    expect(json.buyers.length).toBe(expected.size);
    expect(expected.size).toBeGreaterThan(4096);
    for (const [buyer, { served }] of json.buyers) {
      const want = [...expected.get(buyer)!].sort(([x], [y]) => (x < y ? -1 : 1)).map(([agentId, e]) => ({ agentId, ...e }));
      expect([buyer, served.map(({ agentId, firstStart, replied, slow }) => ({ agentId, firstStart, replied, slow }))]).toEqual([buyer, want]);
    }
  });
});

