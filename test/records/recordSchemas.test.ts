import { describe, expect, it } from "vitest";
import { AgentGradeSchema, AgentGroupSchema, AgentSchema, ConsultationSchema, OrderSchema } from "../../src/schemas.js";

const agent = { agentId: "A1", name: "小王", group: "presale", grade: "junior", hiredAt: "2019-09-01", gradeSince: "2019-12-01 00:00", probationEndsAt: null };
const consultation = {
  consultationId: "C1",
  agentId: "A1",
  buyerId: "b1",
  shopId: "S1",
  startedAt: "2020-02-21 09:58",
  firstReplyAt: "2020-02-21T09:59:00+00:00",
  endedAt: "2020/2/21 10:10",
  buyerMessages: 4,
  agentMessages: 5,
  source: "item detail",
};
const order = {
  orderId: "O1",
  buyerId: "b1",
  createdAt: "2020-02-21 10:05:00",
  paidAt: "2020-02-21 10:06:00",
  amount: "99.00",
  refundAmount: "10.5",
  remarkAgentId: "A1",
};

// The messages of the failing fields, by path, so a test names which field failed and why.
function failures(result: { success: boolean; error?: { issues: readonly { path: PropertyKey[]; message: string; code: string }[] } }): Record<string, string> {
  expect(result.success).toBe(false);
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[issue.path.map(String).join(".")] = `${issue.code}: ${issue.message}`;
  return out;
}

// The schemas are the record kinds' own (RECORD_SCHEMAS, wall times read in UTC): a record parses
// into its decoded values (instants in epoch ms, money in fen), absent values as null.
describe("AgentSchema", () => {
  it("accepts a good agent, with optional instants null, empty or absent", () => {
    expect(AgentSchema.parse(agent)).toStrictEqual({ ...agent, hiredAt: Date.UTC(2019, 8, 1), gradeSince: Date.UTC(2019, 11, 1) });
    const minimal = { agentId: "A2", name: "", group: "aftersale", grade: "expert" };
    expect(AgentSchema.parse(minimal)).toStrictEqual({ ...minimal, name: null });
    expect(AgentSchema.safeParse({ ...minimal, hiredAt: "" }).success).toBe(true);
  });

  it("trims the id", () => {
    expect(AgentSchema.parse({ ...agent, agentId: "  A1 " }).agentId).toBe("A1");
  });

  it("rejects a group or grade outside the closed lists", () => {
    expect(Object.keys(failures(AgentSchema.safeParse({ ...agent, group: "sales" })))).toStrictEqual(["group"]);
    expect(Object.keys(failures(AgentSchema.safeParse({ ...agent, grade: "master" })))).toStrictEqual(["grade"]);
    expect(AgentGroupSchema.options).toStrictEqual(["presale", "insale", "aftersale", "bot"]);
    expect(AgentGradeSchema.options).toStrictEqual(["junior", "intermediate", "senior", "expert"]);
  });

  it("rejects a missing or blank id", () => {
    const { agentId: _omitted, ...noId } = agent;
    expect(Object.keys(failures(AgentSchema.safeParse(noId)))).toStrictEqual(["agentId"]);
    expect(failures(AgentSchema.safeParse({ ...agent, agentId: "   " }))).toStrictEqual({ agentId: "custom: is missing; expected an id (text)" });
  });

  it("rejects an impossible hire date", () => {
    expect(failures(AgentSchema.safeParse({ ...agent, hiredAt: "2019-02-29" }))).toStrictEqual({
      hiredAt: 'custom: "2019-02-29" is not a real calendar date or time',
    });
  });

  it("rejects unknown fields", () => {
    const f = failures(AgentSchema.safeParse({ ...agent, nickname: "x" }));
    expect(Object.values(f).join()).toContain("nickname");
  });
});

describe("ConsultationSchema", () => {
  it("accepts a good consultation, and an unreplied one", () => {
    const minute = (m: number) => Date.UTC(2020, 1, 21, 9, 58) + (m - 58) * 60_000;
    expect(ConsultationSchema.parse(consultation)).toStrictEqual({ ...consultation, startedAt: minute(58), firstReplyAt: minute(59), endedAt: minute(70) });
    const { firstReplyAt: _omitted, ...unreplied } = consultation;
    expect(ConsultationSchema.safeParse(unreplied).success).toBe(true);
    expect(ConsultationSchema.safeParse({ ...consultation, firstReplyAt: "" }).success).toBe(true);
    expect(ConsultationSchema.safeParse({ ...consultation, firstReplyAt: null }).success).toBe(true);
  });

  it.each([
    ["startedAt", "2020-02-30 09:58", "is not a real calendar date or time"],
    ["endedAt", "21/02/2020 10:10", "is not a date-time; expected"],
    ["firstReplyAt", "2020-02-21 24:00", "is not a real calendar date or time"],
    ["endedAt", "", "is missing"],
  ])("rejects %s %j", (field, value, message) => {
    const f = failures(ConsultationSchema.safeParse({ ...consultation, [field]: value }));
    expect(Object.keys(f)).toStrictEqual([field]);
    expect(f[field]).toContain(message);
  });

  it("rejects counts that are negative or fractional, and missing ids", () => {
    expect(Object.keys(failures(ConsultationSchema.safeParse({ ...consultation, buyerMessages: -1 })))).toStrictEqual(["buyerMessages"]);
    expect(Object.keys(failures(ConsultationSchema.safeParse({ ...consultation, agentMessages: 1.5 })))).toStrictEqual(["agentMessages"]);
    expect(Object.keys(failures(ConsultationSchema.safeParse({ ...consultation, buyerId: "" })))).toStrictEqual(["buyerId"]);
    const { consultationId: _omitted, ...noId } = consultation;
    expect(Object.keys(failures(ConsultationSchema.safeParse(noId)))).toStrictEqual(["consultationId"]);
  });

  it("rejects unknown fields", () => {
    const f = failures(ConsultationSchema.safeParse({ ...consultation, endAt: "2020-02-21 10:10" }));
    expect(Object.values(f).join()).toContain("endAt");
  });
});

describe("OrderSchema", () => {
  it("accepts a good order, an unpaid one and one without a buyer", () => {
    expect(OrderSchema.parse(order)).toStrictEqual({ ...order, createdAt: Date.UTC(2020, 1, 21, 10, 5), paidAt: Date.UTC(2020, 1, 21, 10, 6), amount: 9900, refundAmount: 1050 });
    expect(OrderSchema.safeParse({ ...order, paidAt: "", refundAmount: null }).success).toBe(true);
    expect(OrderSchema.safeParse({ ...order, buyerId: null }).success).toBe(true);
    expect(OrderSchema.safeParse({ ...order, amount: 99, refundAmount: 10.5 }).success).toBe(true);
    expect(OrderSchema.safeParse({ ...order, createdAt: "2020-02-21T10:05:00+08:00" }).success).toBe(true);
  });

  it.each([
    ["1.005", "more than 2 decimals"],
    ["abc", "is not an amount"],
    ["1,234.50", "is not an amount"],
    ["", "is missing"],
    ["-1", "is negative"],
    ["-0.01", "is negative"],
    ["99999999999", "larger than"],
  ])("rejects the amount %j", (amount, message) => {
    const f = failures(OrderSchema.safeParse({ ...order, amount }));
    expect(Object.keys(f)).toStrictEqual(["amount"]);
    expect(f.amount).toContain(message);
    if (amount !== "") expect(f.amount).toContain(`"${amount}"`);
  });

  it("rejects a float amount that is not a 2-decimal figure", () => {
    expect(failures(OrderSchema.safeParse({ ...order, amount: 0.1 + 0.2 })).amount).toContain("more than 2 decimals");
  });

  it("rejects a negative refund and a bad payment time", () => {
    expect(Object.keys(failures(OrderSchema.safeParse({ ...order, refundAmount: "-5" })))).toStrictEqual(["refundAmount"]);
    expect(Object.keys(failures(OrderSchema.safeParse({ ...order, paidAt: "2020-02-31 10:06" })))).toStrictEqual(["paidAt"]);
    expect(Object.keys(failures(OrderSchema.safeParse({ ...order, createdAt: undefined })))).toStrictEqual(["createdAt"]);
  });

  it("rejects a missing order id and a missing (not null) buyer id", () => {
    const { orderId: _o, ...noId } = order;
    expect(Object.keys(failures(OrderSchema.safeParse(noId)))).toStrictEqual(["orderId"]);
    expect(Object.keys(failures(OrderSchema.safeParse({ ...order, orderId: " " })))).toStrictEqual(["orderId"]);
    const { buyerId: _b, ...noBuyer } = order;
    expect(Object.keys(failures(OrderSchema.safeParse(noBuyer)))).toStrictEqual(["buyerId"]);
  });

  it("rejects unknown fields", () => {
    const f = failures(OrderSchema.safeParse({ ...order, amout: "99.00" }));
    expect(Object.values(f).join()).toContain("amout");
  });

  it("reports every bad field of a record at once", () => {
    const f = failures(OrderSchema.safeParse({ ...order, amount: "-1", paidAt: "2019-02-29 10:00", extra: 1 }));
    expect(Object.keys(f).sort()).toStrictEqual(["", "amount", "paidAt"]);
  });
});
