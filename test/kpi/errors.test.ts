// Bad input of the KPI kinds: every problem named by kind, record, field and what was expected.
import { describe, expect, it } from "vitest";
import { formatIssue, safeComputeKpis, type KpiInput } from "../../src/index.js";

function problems(input: KpiInput): string[] {
  const r = safeComputeKpis(input, {}, { period: "2020-02" });
  if (r.success) return [];
  return r.issues.map(formatIssue);
}
const bad = (input: unknown): KpiInput => input as KpiInput;

describe("KPI input errors", () => {
  it("tickets: bad dates, closedAt before createdAt, duplicate ids, wrong types", () => {
    expect(problems(bad({ tickets: [
      { ticketId: "T1", agentId: "A", createdAt: "2020-02-31 10:00" },
      { ticketId: "T2", agentId: "A", createdAt: "2020-02-03 10:00", closedAt: "2020-02-03 09:00" },
      { ticketId: "T2", agentId: "A", createdAt: "2020-02-03 10:00" },
      { ticketId: "T3", agentId: "A", createdAt: "2020-02-03 10:00", closedOnFirstReply: "maybe" },
    ] }))).toEqual([
      'tickets[0] (ticketId "T1"), createdAt: "2020-02-31 10:00" is not a real calendar date or time',
      'tickets[1] (ticketId "T2"), closedAt: 2020-02-03 09:00 is before createdAt 2020-02-03 10:00',
      'tickets[2] (ticketId "T2"), ticketId: "T2" appears more than once; each ticket must be listed once (first at tickets[1])',
      'tickets[3] (ticketId "T3"), closedOnFirstReply: "maybe" is not true or false (also 1/0, yes/no, 是/否)',
    ]);
  });

  it("after-sales: satisfaction out of 1–5, reviewedAt before appliedAt, a refund without its amount, bad money", () => {
    expect(problems(bad({ afterSales: [
      { afterSaleId: "S1", agentId: "A", appliedAt: "2020-02-03 10:00", satisfaction: 6 },
      { afterSaleId: "S2", agentId: "A", appliedAt: "2020-02-03 10:00", reviewedAt: "2020-02-02 10:00" },
      { afterSaleId: "S3", agentId: "A", appliedAt: "2020-02-03 10:00", refundedAt: "2020-02-04 10:00" },
      { afterSaleId: "S4", agentId: "A", appliedAt: "2020-02-03 10:00", refundedAt: "2020-02-04 10:00", refundAmount: "1.005" },
    ] }))).toEqual([
      'afterSales[0] (afterSaleId "S1"), satisfaction: 6 is out of range; expected a whole number from 1 to 5',
      'afterSales[1] (afterSaleId "S2"), reviewedAt: 2020-02-02 10:00 is before appliedAt 2020-02-03 10:00',
      'afterSales[2] (afterSaleId "S3"), refundAmount: is missing; expected the amount refunded at refundedAt',
      'afterSales[3] (afterSaleId "S4"), refundAmount: "1.005" has more than 2 decimals; expected yuan to the fen, like 123.45',
    ]);
  });

  it("reviews: rating not good/neutral/bad; qc: score out of 0–100 or too precise; calls: answered not a boolean", () => {
    expect(problems(bad({
      reviews: [{ agentId: "A", at: "2020-02-03 10:00", rating: "great" }],
      qc: [
        { conversationId: "C1", agentId: "A", at: "2020-02-03 10:00", score: 101 },
        { conversationId: "C2", agentId: "A", at: "2020-02-03 10:00", score: 80.125 },
        { conversationId: "C2", agentId: "A", at: "2020-02-03 10:00", score: 80 },
      ],
      calls: [{ agentId: "A", at: "2020-02-03 10:00" }],
    }))).toEqual([
      'reviews[0], rating: "great" is not one of good (好评), neutral (中评), bad (差评)',
      'qc[0] (conversationId "C1"), score: 101 is not a score from 0 to 100 with at most 2 decimals, like 86.5',
      'qc[1] (conversationId "C2"), score: 80.125 is not a score from 0 to 100 with at most 2 decimals, like 86.5',
      'qc[2] (conversationId "C2"), conversationId: "C2" appears more than once; each quality inspection must be listed once (first at qc[1])',
      "calls[0], answered: is missing; expected true or false (also 1/0, yes/no, 是/否)",
    ]);
  });

  it("consultations: response fields go together and must be whole numbers; times in order", () => {
    const c = { agentId: "A", buyerId: "b", startedAt: "2020-02-03 10:00", endedAt: "2020-02-03 10:10" };
    expect(problems(bad({ consultations: [
      { ...c, consultationId: "C1", responseCount: 2 },
      { ...c, consultationId: "C2", responseCount: 2, responseSeconds: -1 },
      { ...c, consultationId: "C3", firstReplyAt: "2020-02-03 09:59" },
      { ...c, consultationId: "C4", responseCount: 1, responseSeconds: 10, maxResponseSeconds: 11 },
      { ...c, consultationId: "C4" },
    ] }))).toEqual([
      'consultations[0] (consultationId "C1"), responseSeconds: is missing; expected it beside responseCount (the two go together)',
      'consultations[1] (consultationId "C2"), responseSeconds: -1 is out of range; expected a whole number ≥ 0',
      'consultations[2] (consultationId "C3"), firstReplyAt: 2020-02-03 09:59 is before the consultation started (2020-02-03 10:00)',
      'consultations[3] (consultationId "C4"), maxResponseSeconds: 11 is more than the sum of the response intervals (responseSeconds 10)',
      'consultations[4] (consultationId "C4"), consultationId: "C4" appears more than once; each consultation must be listed once (first at consultations[3])',
    ]);
  });

  it("unknown agents when a roster is given; credits of unknown orders", () => {
    expect(problems(bad({
      agents: [{ agentId: "A" }],
      calls: [{ agentId: "Z", at: "2020-02-03 10:00", answered: true }],
      orders: [{ orderId: "O1", buyerId: "b", createdAt: "2020-02-03 10:00", paidAt: "2020-02-03 10:01", amount: "1" }],
      credits: [{ orderId: "O9", agentId: "A" }],
    }))).toEqual([
      'credits[0], orderId: "O9" is not an order of the input',
      'calls[0], agentId: "Z" is not in the agents list',
    ]);
  });

  it("records outside the period are validated too (nothing half-computed)", () => {
    expect(problems(bad({ reviews: [{ agentId: "A", at: "2019-05-03 10:00", rating: "bad!" }] }))).toHaveLength(1);
  });
});

describe("every bad row is named", () => {
  it("an unknown agent is reported on each of its rows", () => {
    const c = (id: string) => ({ consultationId: id, agentId: "Z", buyerId: "b", startedAt: "2020-02-03 10:00", endedAt: "2020-02-03 10:10" });
    expect(problems({ agents: [{ agentId: "A" }], consultations: [c("C1"), c("C2")] })).toEqual([
      'consultations[0] (consultationId "C1"), agentId: "Z" is not in the agents list',
      'consultations[1] (consultationId "C2"), agentId: "Z" is not in the agents list',
    ]);
  });
});

describe("safe twins", () => {
  it("return the issues instead of throwing", async () => {
    const { safeCollectKpiState, safeQcDeductions, safeCheckServiceLevels, safeScoreAgent, computeKpis } = await import("../../src/index.js");
    const badQc = [{ conversationId: "C1", agentId: "A", at: "2020-02-03 10:00", score: 120 }];
    const qc = safeQcDeductions(badQc, {}, { period: "2020-02" });
    expect(qc.success).toBe(false);
    expect(safeCollectKpiState(bad({ qc: badQc }), {}, { period: "2020-02" }).success).toBe(false);
    const sl = safeCheckServiceLevels(bad({ tickets: [{ ticketId: "T", agentId: "A", createdAt: "nope" }] }), {}, { period: "2020-02" });
    expect(sl.success ? [] : sl.issues.map(formatIssue)).toEqual(['tickets[0] (ticketId "T"), createdAt: "nope" is not a date-time; expected 2020-02-21 09:00[:ss], 2020/2/21 9:00, or ISO 8601 with an offset']);
    const kpis = computeKpis({}, {}, { period: "2020-02" }).shop.kpis;
    const score = safeScoreAgent(kpis, "presale", { kpi: { scorecards: { presale: [{ metric: "replyRate", weight: 50, direction: "higherIsBetter", steps: [{ threshold: "1", points: 100 }] }] } } });
    expect(score.success ? [] : score.issues.map(formatIssue)).toEqual(["policy.kpi.scorecards.presale: the weights sum to 50; they must sum to 100"]);
  });
});
