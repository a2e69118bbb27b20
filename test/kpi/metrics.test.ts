// Each R2 formula on a tiny month (test/kpi/fixture.ts), worked out by hand in the comments.
import { describe, expect, it } from "vitest";
import { buildMonthReport, computeKpis, type KpiInput, type KpiResult, type KpiValue } from "../../src/index.js";
import { TINY } from "./fixture.js";

const NO_MIN = { kpi: { minSample: {} } };
const month = (input: KpiInput = TINY, policy: object = NO_MIN): KpiResult => computeKpis(input, policy, { period: "2020-02" });
const agent = (r: KpiResult, id: string) => r.agents.find((a) => a.agentId === id)!.kpis;
const v = (k: KpiValue) => [k.value, k.status];

describe("R2 metric table, per agent", () => {
  const r = month();
  const a1 = agent(r, "A1");
  const a2 = agent(r, "A2");

  it("replyRate, receptionCount, consultingBuyers, unrepliedBuyers: distinct buyers", () => {
    // A1 served b1 (twice), b2, b3; b3 was never answered.
    expect(v(a1.consultingBuyers)).toEqual(["3", "ok"]);
    expect(v(a1.unrepliedBuyers)).toEqual(["1", "ok"]);
    expect(v(a1.receptionCount)).toEqual(["2", "ok"]);
    expect(a1.replyRate).toMatchObject({ value: "0.6667", numerator: "2", denominator: "3" });
    expect(v(a2.replyRate)).toEqual(["1.0000", "ok"]);
  });

  it("answerRatio over consultations that carry both message counts", () => {
    // (6 + 3 + 0) / (4 + 6 + 2); C4 has no counts.
    expect(a1.answerRatio).toMatchObject({ value: "0.7500", numerator: "9", denominator: "12" });
  });

  it("avgResponseSeconds = response seconds / responses; avgFirstResponseSeconds = mean (firstReplyAt − startedAt)", () => {
    expect(a1.avgResponseSeconds).toMatchObject({ value: "26.00", numerator: "130", denominator: "5" });
    // (20 + 90 + 240) / 3 = 116.666… → 116.67
    expect(a1.avgFirstResponseSeconds).toMatchObject({ value: "116.67", numerator: "350000", denominator: "3" });
    expect(a2.avgFirstResponseSeconds.value).toBe("10.00");
  });

  it("slowResponseBuyers (> 60 s), longReceptions (> 30 min), quickResponseRate (≤ 180 s)", () => {
    expect(a1.slowResponseBuyers.value).toBe("2"); // b2 (90 s), b1 (C4, 240 s)
    expect(a1.longReceptions.value).toBe("1"); // C2, 45 min
    expect(a1.quickResponseRate).toMatchObject({ value: "0.5000", numerator: "2", denominator: "4" }); // C1, C2 of 4
  });

  it("orderedBuyers, paidBuyers, conversionRate, inquiryToPaymentRate, nextDayPaymentRate", () => {
    // b1: O1 after its first chat (10:00), paid the same day; b2: O2 created the next day, paid
    // two days after the chat; b3 ordered before its chat.
    expect(v(a1.orderedBuyers)).toEqual(["2", "ok"]);
    expect(v(a1.paidBuyers)).toEqual(["2", "ok"]);
    expect(a1.conversionRate.value).toBe("0.6667");
    expect(a1.inquiryToPaymentRate.value).toBe("0.6667");
    expect(a1.nextDayPaymentRate).toMatchObject({ value: "0.3333", numerator: "1", denominator: "3" });
    // A2 first served b1 at 15:00, after O1; O5 was placed in February (paid in March).
    expect(a2.orderedBuyers.value).toBe("1");
    expect(a2.paidBuyers.value).toBe("0");
    expect(a2.inquiryToPaymentRate.value).toBe("0.0000");
  });

  it("agentSales (R1 credits), sameDaySales (Vipshop), agentSalesShare, averageOrderValue", () => {
    expect(v(a1.agentSales)).toEqual(["100.00", "ok"]);
    // Shop paid in February: O1 100 + O2 50 + O3 30 + O4 80 = 260 (O5 paid in March).
    expect(a1.agentSalesShare).toMatchObject({ value: "0.3846", numerator: "10000", denominator: "26000" });
    expect(a1.averageOrderValue).toMatchObject({ value: "100.00", numerator: "10000", denominator: "1" });
    expect(a1.sameDaySales.value).toBe("100.00"); // O1, paid on 3 Feb when b1 consulted A1
    expect(a2.sameDaySales.value).toBe("100.00"); // b1 also consulted A2 on 3 Feb
    expect(v(a2.agentSales)).toEqual(["0.00", "ok"]);
    expect(v(a2.averageOrderValue)).toEqual([null, "noData"]);
  });

  it("goodReviewRate, qcScore, phoneAnswerRate", () => {
    expect(a1.goodReviewRate).toMatchObject({ value: "0.6667", numerator: "2", denominator: "3" });
    expect(a2.goodReviewRate.value).toBe("0.8000");
    expect(a1.qcScore).toMatchObject({ value: "78.75", numerator: "15750", denominator: "2" });
    expect(a1.phoneAnswerRate.value).toBe("0.6667");
  });

  it("ticketTimelyRate (replied within 60 min / replied), ticketFirstContactRate (closed on first reply / all)", () => {
    expect(a1.ticketTimelyRate).toMatchObject({ value: "0.5000", numerator: "1", denominator: "2" });
    expect(a1.ticketFirstContactRate).toMatchObject({ value: "0.3333", numerator: "1", denominator: "3" });
  });

  it("afterSaleSatisfaction (≥ 4 of 5), afterSaleReviewHours, refundedAmount", () => {
    expect(a2.afterSaleSatisfaction).toMatchObject({ value: "0.5000", numerator: "1", denominator: "2" });
    expect(a2.afterSaleReviewHours.value).toBe("10.75"); // (6 h + 15.5 h) / 2
    expect(a2.refundedAmount.value).toBe("45.50");
    expect(a1.refundedAmount.value).toBe("0.00");
  });
});

describe("R2 metric table, shop", () => {
  const shop = month().shop.kpis;
  it("response times are the mean of the agents' means", () => {
    expect(shop.avgResponseSeconds).toMatchObject({ value: "18.00", numerator: "36.00", denominator: "2" }); // (26 + 10) / 2
    // One exact ratio: (350/3 + 10) / 2 = 63.333… → 63.33 (the agents' rounded means, (116.67 + 10.00) / 2 = 63.335, would say 63.34).
    expect(shop.avgFirstResponseSeconds.value).toBe("63.33");
  });
  it("distinct buyers across agents; pooled counts", () => {
    expect(shop.consultingBuyers.value).toBe("3");
    expect(shop.unrepliedBuyers.value).toBe("1");
    expect(shop.orderedBuyers.value).toBe("2");
    expect(shop.nextDayPaymentRate.value).toBe("0.3333");
    expect(shop.sameDaySales.value).toBe("100.00"); // O1 once, though two agents served b1 that day
    expect(shop.agentSales.value).toBe("100.00");
    expect(shop.agentSalesShare.value).toBe("0.3846");
    expect(shop.goodReviewRate.value).toBe("0.7500"); // 6 / 8
    expect(shop.qcScore.value).toBe("78.75");
  });
});

describe("null and insufficient", () => {
  it("a kind not given makes its metrics null (noData), not 0", () => {
    const r = month({ consultations: TINY.consultations! });
    const a1 = agent(r, "A1");
    for (const id of ["goodReviewRate", "qcScore", "phoneAnswerRate", "ticketTimelyRate", "afterSaleSatisfaction", "refundedAmount", "agentSales", "conversionRate", "sameDaySales"] as const) {
      expect([id, a1[id].value, a1[id].status]).toEqual([id, null, "noData"]);
    }
    expect(a1.refundedAmount.reason).toBe("no afterSales given");
    expect(a1.conversionRate.reason).toBe("no orders given");
    expect(a1.agentSales.reason).toBe("no orders or credits given");
  });

  it("a zero denominator is null (noData); a count of nothing is 0", () => {
    const r = month({ ...TINY, reviews: [], calls: [] });
    expect(v(agent(r, "A1").goodReviewRate)).toEqual([null, "noData"]);
    expect(agent(r, "A1").goodReviewRate.denominator).toBe("0");
    expect(v(agent(r, "A1").phoneAnswerRate)).toEqual([null, "noData"]);
    // A2 has no consultation with response counts … and A1 none in a period without chats.
    const day = computeKpis(TINY, NO_MIN, { period: "2020-02-20" });
    expect(v(day.shop.kpis.replyRate)).toEqual([null, "noData"]);
    expect(v(day.shop.kpis.consultingBuyers)).toEqual(["0", "ok"]);
    expect(v(day.shop.kpis.avgResponseSeconds)).toEqual([null, "noData"]); // no agent has a mean
  });

  it("under the policy's minimum sample a value is kept but marked insufficient", () => {
    const r = computeKpis(TINY, {}, { period: "2020-02" }); // defaults: goodReviewRate needs 5 reviews
    expect(v(agent(r, "A1").goodReviewRate)).toEqual(["0.6667", "insufficient"]);
    expect(agent(r, "A1").goodReviewRate.reason).toMatch(/under the minimum sample of 5/);
    expect(v(agent(r, "A2").goodReviewRate)).toEqual(["0.8000", "ok"]);
    const strict = computeKpis(TINY, { kpi: { minSample: { replyRate: 4 } } }, { period: "2020-02" });
    expect(v(agent(strict, "A1").replyRate)).toEqual(["0.6667", "insufficient"]);
    expect(v(strict.shop.kpis.replyRate)).toEqual(["0.6667", "insufficient"]);
  });

  it("never NaN or Infinity, every value a decimal string or null", () => {
    const r = month({ consultations: [], orders: [], credits: [], tickets: [], afterSales: [], reviews: [], qc: [], calls: [] });
    for (const k of Object.values(r.shop.kpis)) {
      expect(k.value === null || /^\d+(\.\d+)?$/.test(k.value)).toBe(true);
    }
  });
});

describe("refundRate, refundAmountRate and repurchaseRate (seed 000: 降低退款率, 回购率)", () => {
  const order = (orderId: string, buyerId: string | null, paidAt: string | null, amount: string, refundAmount = "0") => ({ orderId, buyerId, createdAt: paidAt ?? "2020-02-10 10:00", paidAt: paidAt ?? "", amount, refundAmount });
  const input: KpiInput = {
    orders: [
      order("J1", "b1", "2020-01-05 10:00", "10.00"), // January: not of the period, but b1's earlier payment
      order("F1", "b1", "2020-02-03 10:00", "100.00", "30.00"), // 29 days after J1: a repurchase, part refunded
      order("F2", "b2", "2020-02-04 10:00", "50.00", "50.00"), // refunded in full
      order("F3", "b2", "2020-02-04 10:00", "20.00"), // the same instant as F2: no earlier payment, no repurchase
      order("F4", "b3", "2020-02-05 10:00", "40.00"),
      order("F5", "b3", "2020-05-05 10:00", "40.00"), // paid after the period
      order("F6", null, "2020-02-06 10:00", "5.00", "1.00"), // no buyer: a buyer of its own, never a repeat one
      order("F7", "b4", "2020-02-07 10:00", "60.00"), // uncredited (silent): the shop's only
      order("F8", "b1", null, "70.00"), // unpaid: no paid order
    ],
    credits: [
      { orderId: "J1", agentId: "A1" },
      { orderId: "F1", agentId: "A1" },
      { orderId: "F2", agentId: "A1" },
      { orderId: "F3", agentId: "A2" },
      { orderId: "F4", agentId: "A2" },
      { orderId: "F5", agentId: "A2" },
      { orderId: "F6", agentId: "A2" },
      { orderId: "F7", agentId: null },
      { orderId: "F8", agentId: null },
    ],
  };
  const r = month(input);

  it("count an agent's credited paid orders of the period, and the shop's every paid order", () => {
    // A1: F1 (refund 30.00 of 100.00), F2 (50.00 of 50.00): 2/2 refunded, 80.00/150.00.
    expect(agent(r, "A1").refundRate).toMatchObject({ value: "1.0000", numerator: "2", denominator: "2" });
    expect(agent(r, "A1").refundAmountRate).toMatchObject({ value: "0.5333", numerator: "8000", denominator: "15000" });
    // A2: F3, F4, F6 (1.00 of 5.00): 1/3, 1.00/65.00.
    expect(agent(r, "A2").refundRate).toMatchObject({ value: "0.3333", numerator: "1", denominator: "3" });
    expect(agent(r, "A2").refundAmountRate).toMatchObject({ value: "0.0154", numerator: "100", denominator: "6500" });
    // The shop: F1–F4, F6, F7 = 6 paid orders, 3 refunded; 81.00 of 275.00.
    expect(r.shop.kpis.refundRate).toMatchObject({ value: "0.5000", numerator: "3", denominator: "6" });
    expect(r.shop.kpis.refundAmountRate).toMatchObject({ value: "0.2945", numerator: "8100", denominator: "27500" });
  });

  it("a repurchase is a payment within 90 days after another of the buyer's, of any period given; buyers counted once", () => {
    // A1: b1 (F1 repeats J1), b2 → 1/2. A2: b2 (F3 not after F2), b3, F6's own buyer → 0/3.
    expect(agent(r, "A1").repurchaseRate).toMatchObject({ value: "0.5000", numerator: "1", denominator: "2" });
    expect(agent(r, "A2").repurchaseRate).toMatchObject({ value: "0.0000", numerator: "0", denominator: "3" });
    // The shop: b1, b2, b3, b4 and F6's buyer; b1 repeats → 1/5.
    expect(r.shop.kpis.repurchaseRate).toMatchObject({ value: "0.2000", numerator: "1", denominator: "5" });
    expect(r.shop.kpis.repurchaseRate.reason).toBe("buyers who paid again within 90 days / paying buyers = 1 / 5");
  });

  it("the window is policy, its last instant included", () => {
    const days = (n: number) => computeKpis(input, { kpi: { minSample: {}, thresholds: { repurchaseDays: n } } }, { period: "2020-02" });
    // J1 2020-01-05 10:00 → F1 2020-02-03 10:00 is 29 days exactly.
    expect(agent(days(29), "A1").repurchaseRate.numerator).toBe("1");
    expect(agent(days(28), "A1").repurchaseRate.numerator).toBe("0");
  });
});

describe("sameDaySales counts days the agent served the buyer", () => {
  it("an unanswered consultation does not make a same-day sale", () => {
    const input: KpiInput = {
      consultations: [
        { consultationId: "C1", agentId: "A", buyerId: "b", startedAt: "2020-02-03 10:00", firstReplyAt: "", endedAt: "2020-02-03 10:05" },
        { consultationId: "C2", agentId: "B", buyerId: "b", startedAt: "2020-02-03 10:10", firstReplyAt: "2020-02-03 10:11", endedAt: "2020-02-03 10:20" },
      ],
      orders: [{ orderId: "O", buyerId: "b", createdAt: "2020-02-03 10:15", paidAt: "2020-02-03 10:16", amount: "10.00" }],
    };
    const r = month(input);
    expect([agent(r, "A").sameDaySales.value, agent(r, "B").sameDaySales.value]).toEqual(["0.00", "10.00"]);
    expect(agent(r, "A").orderedBuyers.value).toBe("1"); // A's consultation still counts as an inquiry
  });
});

describe("after-sales reception counts person-times (人次)", () => {
  it("a rostered after-sales agent's receptionCount is its replied consultations", () => {
    const r = month({ ...TINY, agents: [{ agentId: "A1", group: "aftersale" }, { agentId: "A2", group: "presale" }] });
    expect(agent(r, "A1").receptionCount.value).toBe("3"); // C1, C2, C4 (b1 twice)
    expect(agent(r, "A2").receptionCount.value).toBe("1");
  });
});

describe("periods", () => {
  it("day, ISO week, month and range cut in the shop zone", () => {
    const day = computeKpis(TINY, NO_MIN, { period: "2020-02-03" });
    expect(agent(day, "A1").consultingBuyers.value).toBe("2"); // b1, b2
    expect(day.period).toEqual({ label: "2020-02-03", start: "2020-02-03T00:00:00+08:00", end: "2020-02-04T00:00:00+08:00" });
    const week = computeKpis(TINY, NO_MIN, { period: "2020-W06" }); // 3–9 February
    expect(agent(week, "A1").consultingBuyers.value).toBe("3");
    const range = computeKpis(TINY, NO_MIN, { period: "2020-02-04..2020-02-05" });
    expect(agent(range, "A1").consultingBuyers.value).toBe("2"); // b3, b1
    expect(agent(range, "A1").conversionRate.value).toBe("0.0000"); // O2 was placed 4 Feb 09:00, before b3's and b1's chats
    const jan = computeKpis(TINY, NO_MIN, { period: "2020-01-31" });
    expect(agent(jan, "A2").consultingBuyers.value).toBe("1"); // C6 at 23:59:59 belongs to 31 January
  });

  it("the business-day cut-over moves records across days (sameDaySales)", () => {
    const input: KpiInput = {
      consultations: [{ consultationId: "C", agentId: "A", buyerId: "b", startedAt: "2020-02-04 05:30", firstReplyAt: "2020-02-04 05:30:10", endedAt: "2020-02-04 05:40" }],
      orders: [{ orderId: "O", buyerId: "b", createdAt: "2020-02-03 20:00", paidAt: "2020-02-03 20:01", amount: "10.00" }],
    };
    const midnight = computeKpis(input, {}, { period: "2020-02" });
    expect(midnight.agents[0]!.kpis.sameDaySales.value).toBe("0.00");
    const six = computeKpis(input, { businessDayStartsAt: "06:00" }, { period: "2020-02" });
    expect(six.agents[0]!.kpis.sameDaySales.value).toBe("10.00"); // both on business day 3 Feb
    const day3 = computeKpis(input, { businessDayStartsAt: "06:00" }, { period: "2020-02-03" });
    expect(day3.agents[0]!.kpis.consultingBuyers.value).toBe("1");
    expect(day3.period.end).toBe("2020-02-04T06:00:00+08:00");
  });

  it("a bad period is an issue naming options.period", () => {
    expect(() => computeKpis(TINY, {}, { period: "2020-02-30" })).toThrow(/options\.period: "2020-02-30" is not a date/);
  });
});

describe("determinism", () => {
  it("the result does not depend on the order of the input", () => {
    const reversed = Object.fromEntries(Object.entries(TINY).map(([k, list]) => [k, [...(list as unknown[])].reverse()])) as KpiInput;
    expect(month(reversed)).toEqual(month());
  });

  it("the same instants give the same result whether written as wall time or with an offset", () => {
    const iso: KpiInput = { ...TINY, consultations: TINY.consultations!.map((c) => ({ ...c, startedAt: c.startedAt.replace(" ", "T") + "+08:00" })) };
    expect(month(iso)).toEqual(month());
  });
});

describe("agents listed without records", () => {
  it("listAgents gives a row of zeros and nulls; the month report measures every agent it lists", () => {
    const r = computeKpis({ consultations: [] }, {}, { period: "2020-02", listAgents: ["A7"] });
    expect(r.agents.map((a) => [a.agentId, a.kpis.consultingBuyers.value, a.kpis.replyRate.status])).toEqual([["A7", "0", "noData"]]);
    // A remarked agent whose only order was paid in January: listed by attribution, measured by the KPIs.
    const report = buildMonthReport({ orders: [
      { orderId: "O1", buyerId: "b", createdAt: "2020-01-20 10:00", paidAt: "2020-01-20 10:01", amount: "5", remarkAgentId: "A9" },
      { orderId: "O2", buyerId: "c", createdAt: "2020-02-20 10:00", paidAt: "2020-02-20 10:01", amount: "5" },
    ] }, { attribution: { source: "remark" } }, { month: "2020-02" });
    expect(report.agents.map((a) => [a.agentId, a.kpis.agentSales.value, a.score.status])).toEqual([["A9", "0.00", "notScored"]]);
  });
});
