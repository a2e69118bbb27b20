// Read once, at the edge: from a decoded month, the month report (attribution, KPIs, people rules,
// pay) parses no instant, no record date and no record amount again. The parsers are wrapped to
// count what they are given while the report is computed.
import { describe, expect, it, vi } from "vitest";
import { buildMonthReport, resolvePolicy } from "../../src/index.js";
import { formatFen, parseFen } from "../../src/money/fen.js";
import { decodeMonth } from "../../src/records/month.js";

const seen = vi.hoisted(() => ({ on: false, instants: [] as unknown[], amounts: [] as unknown[], dates: [] as unknown[] }));

vi.mock("../../src/time/parse.js", async (importOriginal) => {
  const m = await importOriginal<typeof import("../../src/time/parse.js")>();
  return {
    ...m,
    parseInstant: (value: unknown, zone: Parameters<typeof m.parseInstant>[1]) => {
      if (seen.on) seen.instants.push(value);
      return m.parseInstant(value, zone);
    },
    scanInstant: (s: string, zone: Parameters<typeof m.scanInstant>[1], out: Float64Array, at: number) => {
      if (seen.on) seen.instants.push(s);
      return m.scanInstant(s, zone, out, at);
    },
  };
});
vi.mock("../../src/time/period.js", async (importOriginal) => {
  const m = await importOriginal<typeof import("../../src/time/period.js")>();
  return {
    ...m,
    dayNumberOfDate: (value: string) => {
      if (seen.on) seen.dates.push(value);
      return m.dayNumberOfDate(value);
    },
  };
});
vi.mock("../../src/money/fen.js", async (importOriginal) => {
  const m = await importOriginal<typeof import("../../src/money/fen.js")>();
  return {
    ...m,
    parseFen: (value: unknown) => {
      if (seen.on) seen.amounts.push(value);
      return m.parseFen(value);
    },
  };
});

const agents = [
  { agentId: "A01", name: "王芳", group: "presale", grade: "junior", hiredAt: "2019-01-07", gradeSince: "2019-06-03" },
  { agentId: "A02", name: "李娜", group: "insale", grade: "senior", hiredAt: "2019-01-07", gradeSince: "2019-06-03", dismissedAt: "2020-02-20 18:00" },
];
// Amounts and scores as a person types them: a parser reading them past the decoder would see "99" or "10.5".
const input = {
  agents,
  consultations: [{ consultationId: "C1", agentId: "A01", buyerId: "b1", startedAt: "2020-02-10 09:58", firstReplyAt: "2020-02-10 09:59", endedAt: "2020-02-10 10:20" }],
  orders: [
    { orderId: "O1", buyerId: "b1", createdAt: "2020-02-10 10:05", paidAt: "2020-02-10 10:06", amount: "99", refundAmount: "10.5" },
    { orderId: "O2", buyerId: "b2", createdAt: "2020-02-21 20:10", amount: "58.8" },
  ],
  violations: [{ violationId: "V1", agentId: "A02", at: "2020-02-03 10:00", rule: "nonWorkActivity", condonedBy: "A01" }],
  rewards: [{ agentId: "A01", at: "2020-02-06 14:00", kind: "specialAward", amount: "66.6" }],
  scores: [{ agentId: "A01", month: "2020-01", score: "91.5" }],
  roster: [{ agentId: "A01", date: "2020-02-21", shift: "night" }, { agentId: "A02", date: "2020-02-22", shift: "day" }],
  returnedParcels: [{ parcelId: "P1", arrivedAt: "2020-02-21 18:00" }],
  shopReviews: [{ reviewId: "R1", buyerId: "b1", at: "2020-02-22 12:00", rating: "negative" }],
};

describe("the month report of a decoded month", () => {
  it("reads no record value again: no instant, no date, amounts only as the policy gives or the report formats them", () => {
    const policy = resolvePolicy({ timeZone: "Asia/Shanghai" });
    const month = decodeMonth(input, policy);
    seen.on = true;
    const report = buildMonthReport(month, undefined, { month: "2020-02" });
    seen.on = false;
    expect(report.pay.map((p) => p.agentId)).toEqual(["A01", "A02"]);
    expect(report.people.rewards.lines.map((l) => l.amount)).toEqual(["66.60"]);
    expect(seen.instants).toEqual([]);
    // Dates: only those of the month asked (its first day, the next month's, the last: options, not records).
    expect([...new Set(seen.dates)].sort()).toEqual(["2020-02-01", "2020-02-29", "2020-03-01"]);
    // Amounts: the policy's (a ladder's fine, a base salary …) or text the report wrote itself ("88.80").
    const policyText = new Set(JSON.stringify(policy).match(/"[^"]*"/g)!.map((s) => JSON.parse(s) as string));
    const foreign = seen.amounts.filter((v) => !(typeof v === "string" && (policyText.has(v) || formatFen(parseFen(v)) === v)));
    expect(foreign).toEqual([]);
    expect(seen.amounts.length).toBeGreaterThan(0);
  });
});
