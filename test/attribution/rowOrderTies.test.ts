/**
 * R1's last tie-break (the later row of the input) is the one place where the order of the rows
 * decides a figure. The month report then says so, order by order: with the row order it depends
 * on, the agent it gave, and the agent the other order would give.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildMonthReport } from "../../src/index.js";

const order = (orderId: string, createdAt: string, paidAt: string | undefined = createdAt) => ({ orderId, buyerId: "b1", createdAt, paidAt, amount: "10.00" });
const chat = (consultationId: string, agentId: string, firstReplyAt: string, endedAt: string) => ({
  consultationId,
  agentId,
  buyerId: "b1",
  startedAt: firstReplyAt,
  firstReplyAt,
  endedAt,
});
const tieWarnings = (r: { warnings: readonly string[] }): string[] => r.warnings.filter((w) => w.includes("by the order of the rows"));

describe("ties the row order decides", () => {
  it("two chats serving at the order's time, first answered at the same instant: named, with both agents", () => {
    const r = buildMonthReport({ orders: [order("O1", "2020-02-10 10:30")], consultations: [chat("C1", "A01", "2020-02-10 10:00", "2020-02-10 11:00"), chat("C2", "A02", "2020-02-10 10:00", "2020-02-10 12:00")] });
    expect(r.orders[0]).toMatchObject({ placeAgent: "A02", payAgent: "A02" });
    expect(tieWarnings(r)).toEqual([
      "orders: O1's 落实下单 placeAgent and 落实付款 payAgent are A02 by the order of the rows: consultations C1 (A01) and C2 (A02) served its buyer as late and were first answered at the same instant, and the later row counts; listed the other way round, A01 would be",
    ]);
  });

  it("two chats ended before the order at the same instant, first answered at the same instant: named", () => {
    const r = buildMonthReport({ orders: [order("O1", "2020-02-10 18:00")], consultations: [chat("C2", "A02", "2020-02-10 10:00", "2020-02-10 11:00"), chat("C1", "A01", "2020-02-10 10:00", "2020-02-10 11:00")] });
    expect(r.orders[0]).toMatchObject({ placeAgent: "A01" });
    expect(tieWarnings(r)).toEqual([expect.stringContaining("O1's 落实下单 placeAgent and 落实付款 payAgent are A01 by the order of the rows: consultations C2 (A02) and C1 (A01)")]);
  });

  it("only placing decided by the rows: names placing alone", () => {
    // Both serve when the order is placed; only C2 still serves when it is paid.
    const r = buildMonthReport({
      orders: [order("O1", "2020-02-10 10:30", "2020-02-10 11:30")],
      consultations: [chat("C1", "A01", "2020-02-10 10:00", "2020-02-10 11:00"), chat("C2", "A02", "2020-02-10 10:00", "2020-02-10 12:00")],
    });
    expect(tieWarnings(r)).toEqual([expect.stringMatching(/^orders: O1's 落实下单 placeAgent is A02 by the order of the rows/)]);
  });

  it("no warning when the tied chats are the same agent's, when the first replies differ, or when the order is not booked", () => {
    const same = buildMonthReport({ orders: [order("O1", "2020-02-10 10:30")], consultations: [chat("C1", "A01", "2020-02-10 10:00", "2020-02-10 11:00"), chat("C2", "A01", "2020-02-10 10:00", "2020-02-10 12:00")] });
    const later = buildMonthReport({ orders: [order("O1", "2020-02-10 10:30")], consultations: [chat("C1", "A01", "2020-02-10 10:00", "2020-02-10 11:00"), chat("C2", "A02", "2020-02-10 10:01", "2020-02-10 12:00")] });
    const { paidAt: _, ...placed } = order("O1", "2020-02-10 10:30");
    const unpaid = buildMonthReport({ orders: [placed, order("O2", "2020-02-12 10:00")], consultations: [chat("C1", "A01", "2020-02-10 10:00", "2020-02-10 11:00"), chat("C2", "A02", "2020-02-10 10:00", "2020-02-10 12:00")] });
    expect([tieWarnings(same), tieWarnings(later), tieWarnings(unpaid)]).toEqual([[], [], []]);
  });

  it("names the first 20 orders by orderId and counts the rest", () => {
    const orders = Array.from({ length: 25 }, (_, i) => ({ ...order(`O${String(i).padStart(2, "0")}`, "2020-02-10 10:30"), buyerId: `b${i}` }));
    const consultations = orders.flatMap((o, i) => [
      { ...chat(`C${i}a`, "A01", "2020-02-10 10:00", "2020-02-10 11:00"), buyerId: o.buyerId },
      { ...chat(`C${i}b`, "A02", "2020-02-10 10:00", "2020-02-10 11:00"), buyerId: o.buyerId },
    ]);
    const w = tieWarnings(buildMonthReport({ orders: [...orders].reverse(), consultations }));
    expect(w).toHaveLength(20);
    expect(w[0]).toMatch(/^orders: O00's/);
    expect(w[19]).toMatch(/^orders: O19's/);
    expect(buildMonthReport({ orders, consultations }).warnings).toContain("orders: 5 more orders whose placeAgent or payAgent the order of the consultations' rows decided");
  });

  it("whenever reversing the consultations' rows changes an order's agents, the report named that order", () => {
    // One buyer, times from a few minutes apart, so that exact ties are frequent.
    const minute = fc.integer({ min: 0, max: 4 });
    const chats = fc.array(fc.record({ agent: fc.constantFrom("A01", "A02", "A03"), reply: minute, length: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 6 });
    const events = fc.array(fc.record({ created: fc.integer({ min: 0, max: 8 }), payDelay: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 4 });
    const at = (m: number): string => `2020-02-10 10:${String(m).padStart(2, "0")}`;
    let changed = 0;
    fc.assert(
      fc.property(chats, events, (cs, es) => {
        const consultations = cs.map((c, i) => chat(`C${i}`, c.agent, at(c.reply), at(c.reply + c.length)));
        const orders = es.map((e, i) => order(`O${i}`, at(e.created), at(e.created + e.payDelay)));
        const straight = buildMonthReport({ orders, consultations });
        const reversed = buildMonthReport({ orders, consultations: [...consultations].reverse() });
        const named = tieWarnings(straight).join("\n");
        const namedReversed = tieWarnings(reversed).join("\n");
        straight.orders.forEach((o) => {
          const r = reversed.orders.find((x) => x.orderId === o.orderId)!;
          if (r.placeAgent !== o.placeAgent || r.payAgent !== o.payAgent) {
            changed++;
            expect(named).toContain(`orders: ${o.orderId}'s`);
            expect(namedReversed).toContain(`orders: ${o.orderId}'s`);
          }
        });
      }),
      { seed: 11, numRuns: 300 },
    );
    // The property is not vacuous: the row order did change agents in many of the months.
    expect(changed).toBeGreaterThan(30);
  });
});
