// The states of many periods collected in one go (the records cut by period first) equal the
// states collected period by period from the whole month.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collectKpiState, finalizeKpis, kpiStateToJSON, type KpiInput } from "../../src/index.js";
import { kpiMonth } from "../../src/kpi/computeKpis.js";
import { collectPeriodStates } from "../../src/kpi/periodStates.js";
import { computeKpiTrend } from "../../src/kpi/trend.js";
import { computeKpis, KefuKpiError } from "../../src/index.js";
import { parsePeriod } from "../../src/time/period.js";
import { FEBRUARY_DAYS as DAYS, TINY, eventRecords, wall } from "./fixture.js";

const WEEKS = ["2020-02-01..2020-02-02", "2020-W06", "2020-W07", "2020-W08", "2020-02-24..2020-02-29"];
const when = fc.integer({ min: 0, max: 31 * 1440 });
const money = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

// Records of January's last day to March's first, with transfers, shops and every kind a state reads.
const inputArb: fc.Arbitrary<KpiInput> = fc
  .record({
    cons: fc.array(fc.record({ agent: fc.constantFrom("A1", "A2", "A3"), buyer: fc.integer({ min: 0, max: 6 }), shop: fc.constantFrom("S1", "S2"), start: when, wait: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }), len: fc.integer({ min: 0, max: 3000 }), msgs: fc.nat(9), to: fc.option(fc.constantFrom("A1", "A2", "A3"), { nil: null }) }), { maxLength: 40 }),
    orders: fc.array(fc.record({ buyer: fc.integer({ min: 0, max: 7 }), shop: fc.constantFrom("S1", "S2"), created: when, payAfter: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }), fen: fc.integer({ min: 1, max: 99999 }), ref: fc.option(fc.integer({ min: 1, max: 99999 }), { nil: null }), credit: fc.option(fc.constantFrom("A1", "A2", "A3"), { nil: null }) }), { maxLength: 25 }),
    events: fc.array(fc.record({ agent: fc.constantFrom("A1", "A2", "A3"), at: when, n: fc.nat(100), flag: fc.boolean() }), { maxLength: 25 }),
  })
  .map(({ cons, orders, events }) => ({
    consultations: cons.map((c, i) => ({
      consultationId: `C${i}`, agentId: c.agent, buyerId: `b${c.buyer}`, shopId: c.shop, startedAt: wall(c.start),
      firstReplyAt: c.wait === null ? "" : wall(c.start + Math.floor(c.wait / 60)), endedAt: wall(c.start + Math.floor((c.wait ?? 0) / 60) + c.len),
      buyerMessages: c.msgs, agentMessages: c.msgs + 1, responseCount: c.msgs, responseSeconds: c.msgs * 7,
      ...(c.to === null || c.to === c.agent ? {} : { transferredTo: c.to }),
    })),
    orders: orders.map((o, i) => ({ orderId: `O${i}`, buyerId: `b${o.buyer}`, shopId: o.shop, createdAt: wall(o.created), paidAt: o.payAfter === null ? "" : wall(o.created + o.payAfter), amount: money(o.fen), ...(o.ref === null || o.payAfter === null ? {} : { refundAmount: money(Math.min(o.ref, o.fen)) }) })),
    credits: orders.map((o, i) => ({ orderId: `O${i}`, agentId: o.credit })),
    ...eventRecords(events),
  }));

function inOneGo(input: KpiInput, labels: readonly string[], policy = {}) {
  const { month, credits } = kpiMonth(input, policy);
  return collectPeriodStates(month, labels.map((l) => parsePeriod(l, month.zone, month.cutover)), credits);
}

describe("transfers and the shop", () => {
  it("the shop's KPI table is the same with or without the transfers (the shop counts each buyer once, as always), the month's and each week's", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plain = { ...input, consultations: input.consultations!.map(({ transferredTo: _t, ...c }) => c) };
        for (const period of ["2020-02", "2020-W07"]) {
          expect(computeKpis(input, {}, { period }).shop).toEqual(computeKpis(plain, {}, { period }).shop);
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it("a buyer an agent answered and transferred is a replied, converted buyer of the shop, though the agent who took over never answered", () => {
    const agents = ["A1", "A2"].map((agentId) => ({ agentId, name: agentId, group: "presale" as const, grade: "junior" as const }));
    const input: KpiInput = {
      agents,
      consultations: [
        { consultationId: "C1", agentId: "A1", buyerId: "b1", startedAt: "2020-02-10 10:00:00", firstReplyAt: "2020-02-10 10:01:01", endedAt: "2020-02-10 10:05:00", transferredTo: "A2" },
        { consultationId: "C2", agentId: "A2", buyerId: "b1", startedAt: "2020-02-20 10:00:00", firstReplyAt: "", endedAt: "2020-02-20 10:30:00" },
      ],
      orders: [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-15 10:00", paidAt: "2020-02-15 10:00", amount: "100.00" }],
    };
    const r = computeKpis(input, {}, { period: "2020-02" });
    const shop = r.shop.kpis;
    // These were 1, 0.0000, 0, 0, 0, 0.0000: the shop read C2 alone, as A2 does.
    expect([shop.unrepliedBuyers.value, shop.replyRate.value, shop.receptionCount.value, shop.slowResponseBuyers.value, shop.orderedBuyers.value, shop.conversionRate.value]).toEqual(["0", "1.0000", "1", "1", "1", "1.0000"]);
    // The buyer is A2's (unanswered, ordered before A2's consultation), not A1's.
    expect(r.agents.map((a) => [a.agentId, a.kpis.consultingBuyers.value, a.kpis.replyRate.value, a.kpis.orderedBuyers.value])).toEqual([
      ["A1", "0", null, "0"],
      ["A2", "1", "0.0000", "0"],
    ]);
    // The state's JSON names the shop's own pair as transferred out.
    const [buyer, { served }] = (kpiStateToJSON(collectKpiState(input, {}, { period: "2020-02" })) as { buyers: [string, { served: { agentId: string }[] }][] }).buyers[0]!;
    expect([buyer, served.map((x) => x.agentId)]).toEqual(["b1", ["(transferred out)", "A2"]]);
  });
});

describe("KPI states of many periods in one go", () => {
  it("each day's state equals the day collected from the whole month (random months with transfers, shops, records outside the month)", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const states = inOneGo(input, DAYS);
        DAYS.forEach((day, d) => {
          const alone = collectKpiState(input, {}, { period: day });
          expect(kpiStateToJSON(states[d]!)).toEqual(kpiStateToJSON(alone));
          expect(finalizeKpis(states[d]!)).toEqual(finalizeKpis(alone));
        });
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it("weeks cut to the month (ranges at its ends) equal each week collected alone, under a business-day cut-over", () => {
    const policy = { businessDayStartsAt: "06:00" };
    fc.assert(
      fc.property(inputArb, (input) => {
        const states = inOneGo(input, WEEKS, policy);
        WEEKS.forEach((week, w) => expect(kpiStateToJSON(states[w]!)).toEqual(kpiStateToJSON(collectKpiState(input, policy, { period: week }))));
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it("states to be finalized at once (no order ids) give the same tables, though the buffers are reused period after period", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { month, credits } = kpiMonth(input, {});
        const states = collectPeriodStates(month, DAYS.map((l) => parsePeriod(l, month.zone, month.cutover)), credits, { orderIds: false });
        DAYS.forEach((day, d) => {
          expect(states[d]!.orders.id.length).toBe(0);
          expect(finalizeKpis(states[d]!)).toEqual(finalizeKpis(collectKpiState(input, {}, { period: day })));
        });
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it("the fixture month: every day, and a record on a period's first and last instant lands in that period only", () => {
    const states = inOneGo(TINY, DAYS);
    DAYS.forEach((day, d) => expect(kpiStateToJSON(states[d]!)).toEqual(kpiStateToJSON(collectKpiState(TINY, {}, { period: day }))));
    const edge: KpiInput = {
      consultations: [
        { consultationId: "C1", agentId: "A", buyerId: "b", startedAt: "2020-02-03 00:00:00", firstReplyAt: "2020-02-03 00:00:10", endedAt: "2020-02-03 00:05:00" },
        { consultationId: "C2", agentId: "A", buyerId: "c", startedAt: "2020-02-03 23:59:59", firstReplyAt: "2020-02-04 00:00:10", endedAt: "2020-02-04 00:05:00" },
      ],
    };
    const [d2, d3, d4] = inOneGo(edge, ["2020-02-02", "2020-02-03", "2020-02-04"]).map((s) => finalizeKpis(s).shop.kpis.receptionCount.value);
    expect([d2, d3, d4]).toEqual(["0", "2", "0"]);
  });

  it("a trend: the parts of the period (ISO weeks cut to it), each part's tables as computeKpis gives that part alone, the total as the period's", () => {
    const trend = computeKpiTrend(TINY, {}, { period: "2020-02", by: "week" });
    expect(trend.parts.map((p) => p.label)).toEqual(["2020-W05", "2020-W06", "2020-W07", "2020-W08", "2020-W09"]);
    expect(trend.parts[0]).toEqual({ label: "2020-W05", start: "2020-02-01T00:00:00+08:00", end: "2020-02-03T00:00:00+08:00" });
    expect(trend.parts[4]!.end).toBe("2020-03-01T00:00:00+08:00");
    const month = computeKpis(TINY, {}, { period: "2020-02" });
    expect(trend.total.shop).toEqual(month.shop);
    expect(trend.total.agents).toEqual(month.agents);
    const week = computeKpis(TINY, {}, { period: "2020-W07", listAgents: month.agents.map((a) => a.agentId) });
    expect(trend.tables[2]!.shop).toEqual(week.shop);
    expect(trend.tables[2]!.agents).toEqual(week.agents);
    expect(computeKpiTrend(TINY, {}, { period: "2020-02-03..2020-02-05", by: "day" }).parts.map((p) => p.label)).toEqual(["2020-02-03", "2020-02-04", "2020-02-05"]);
  });

  it("a trend without a valid `by` is refused at options.by", () => {
    for (const by of [undefined, "month", 7]) {
      try {
        computeKpiTrend(TINY, {}, { period: "2020-02", by } as never);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(KefuKpiError);
        expect((error as KefuKpiError).issues.map((i) => i.path)).toEqual([["options", "by"]]);
        expect((error as KefuKpiError).issues[0]!.message).toMatch(/expected "day" or "week"/);
      }
    }
  });
});
