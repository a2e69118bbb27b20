/**
 * Bad input to attributeSales: one clear issue per problem, with its code, the path to the field,
 * the record's id, and a message that names the offending value.
 */
import { describe, expect, it } from "vitest";
import {
  KefuKpiError,
  attributeSales,
  safeAttributeSales,
  type AttributeOptions,
  type ConsultationLike,
  type Issue,
  type OrderLike,
  type PolicyInput,
  type SalesInput,
} from "../../src/index.js";

const goodOrder: OrderLike = { orderId: "O1", buyerId: "b1", createdAt: "2020-02-21 10:00", paidAt: "2020-02-21 10:05", amount: "100.00" };
const goodCon: ConsultationLike = {
  consultationId: "C1",
  agentId: "A1",
  buyerId: "b1",
  startedAt: "2020-02-21 09:00",
  firstReplyAt: "2020-02-21 09:01",
  endedAt: "2020-02-21 09:30",
};

/** Runs the input expecting a KefuKpiError; returns its issues. */
function issuesOf(input: SalesInput, policy?: PolicyInput, options?: AttributeOptions): readonly Issue[] {
  let caught: unknown;
  try {
    attributeSales(input, policy, options);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(KefuKpiError);
  const error = caught as KefuKpiError;
  expect(error.name).toBe("KefuKpiError");
  return error.issues;
}

/** The single issue of an input with one bad order field. */
function orderIssue(patch: Record<string, unknown>): Issue {
  const issues = issuesOf({ orders: [{ ...goodOrder, ...patch } as OrderLike], consultations: [goodCon] });
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

/** The single issue of an input with one bad consultation field. */
function consultationIssue(patch: Record<string, unknown>): Issue {
  const issues = issuesOf({ orders: [goodOrder], consultations: [{ ...goodCon, ...patch } as ConsultationLike] });
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe("impossible dates", () => {
  it.each([["createdAt"], ["paidAt"]])("order %s 2020-02-31", (field) => {
    const issue = orderIssue({ createdAt: "2020-02-01 09:00", [field]: "2020-02-31 10:00" });
    expect(issue).toMatchObject({ code: "invalid_date", path: ["orders", 0, field], recordId: 'orderId "O1"' });
    expect(issue.message).toContain('"2020-02-31 10:00"');
  });

  it("consultation startedAt 2020-02-31", () => {
    const issue = consultationIssue({ startedAt: "2020-02-31 09:00" });
    expect(issue).toMatchObject({ code: "invalid_date", path: ["consultations", 0, "startedAt"], recordId: 'consultationId "C1"' });
    expect(issue.message).toContain('"2020-02-31 09:00"');
  });

  it("a text that is no date at all", () => {
    const issue = orderIssue({ createdAt: "yesterday" });
    expect(issue).toMatchObject({ code: "invalid_date", path: ["orders", 0, "createdAt"] });
    expect(issue.message).toContain('"yesterday"');
  });
});

describe("money", () => {
  it.each([["12.3.4"], ["abc"]])("malformed amount %s", (amount) => {
    const issue = orderIssue({ amount });
    expect(issue).toMatchObject({ code: "invalid_money", path: ["orders", 0, "amount"], recordId: 'orderId "O1"' });
    expect(issue.message).toContain(`"${amount}"`);
  });

  it("negative amount -5.00", () => {
    const issue = orderIssue({ amount: "-5.00" });
    expect(issue).toMatchObject({ code: "negative_money", path: ["orders", 0, "amount"] });
    expect(issue.message).toContain('"-5.00"');
  });

  it("negative refund", () => {
    const issue = orderIssue({ refundAmount: "-5.00" });
    expect(issue).toMatchObject({ code: "negative_money", path: ["orders", 0, "refundAmount"] });
    expect(issue.message).toContain('"-5.00"');
  });

  it("more than 2 decimals", () => {
    const issue = orderIssue({ amount: "12.345" });
    expect(issue).toMatchObject({ code: "invalid_money", path: ["orders", 0, "amount"] });
    expect(issue.message).toContain('"12.345"');
    expect(issue.message).toMatch(/2 decimals/);
  });

  it("refund larger than the amount", () => {
    const issue = orderIssue({ amount: "100.00", refundAmount: "100.01" });
    expect(issue).toMatchObject({ code: "refund_exceeds_amount", path: ["orders", 0, "refundAmount"], recordId: 'orderId "O1"' });
    expect(issue.message).toContain("100.01");
    expect(issue.message).toContain("100.00");
  });

  it("refund on an unpaid order", () => {
    const issue = orderIssue({ paidAt: null, refundAmount: "10.00" });
    expect(issue).toMatchObject({ code: "refund_on_unpaid_order", path: ["orders", 0, "refundAmount"], recordId: 'orderId "O1"' });
    expect(issue.message).toContain("10.00");
  });

  it("a refund on an order with an impossible paidAt reports the date only (the order is not unpaid)", () => {
    const issue = orderIssue({ paidAt: "2020-02-31 10:00", refundAmount: "10.00" });
    expect(issue).toMatchObject({ code: "invalid_date", path: ["orders", 0, "paidAt"] });
  });
});

describe("order of events", () => {
  it("paidAt before createdAt", () => {
    const issue = orderIssue({ createdAt: "2020-02-21 10:00", paidAt: "2020-02-21 09:59" });
    expect(issue).toMatchObject({ code: "paid_before_created", path: ["orders", 0, "paidAt"], recordId: 'orderId "O1"' });
    expect(issue.message).toContain("2020-02-21 09:59");
  });

  it("firstReplyAt before startedAt", () => {
    const issue = consultationIssue({ startedAt: "2020-02-21 09:00", firstReplyAt: "2020-02-21 08:59" });
    expect(issue).toMatchObject({ code: "reply_before_start", path: ["consultations", 0, "firstReplyAt"], recordId: 'consultationId "C1"' });
    expect(issue.message).toContain("2020-02-21 08:59");
  });

  it("endedAt before firstReplyAt", () => {
    const issue = consultationIssue({ firstReplyAt: "2020-02-21 09:10", endedAt: "2020-02-21 09:05" });
    expect(issue).toMatchObject({ code: "end_before_reply", path: ["consultations", 0, "endedAt"], recordId: 'consultationId "C1"' });
    expect(issue.message).toContain("2020-02-21 09:05");
  });

  it("endedAt before startedAt of an unreplied consultation", () => {
    const issue = consultationIssue({ firstReplyAt: null, endedAt: "2020-02-21 08:30" });
    expect(issue).toMatchObject({ code: "end_before_start", path: ["consultations", 0, "endedAt"], recordId: 'consultationId "C1"' });
    expect(issue.message).toContain("2020-02-21 08:30");
  });
});

describe("ids and the roster", () => {
  it("missing orderId", () => {
    const issue = orderIssue({ orderId: "" });
    expect(issue).toMatchObject({ code: "missing_field", path: ["orders", 0, "orderId"] });
    expect(issue.recordId).toBeUndefined();
  });

  it("missing buyerId (null is allowed: it means unlinked)", () => {
    const issue = orderIssue({ buyerId: undefined });
    expect(issue).toMatchObject({ code: "missing_field", path: ["orders", 0, "buyerId"], recordId: 'orderId "O1"' });
    const con = consultationIssue({ buyerId: "" });
    expect(con).toMatchObject({ code: "missing_field", path: ["consultations", 0, "buyerId"], recordId: 'consultationId "C1"' });
  });

  it("missing agentId", () => {
    const issue = consultationIssue({ agentId: "" });
    expect(issue).toMatchObject({ code: "missing_field", path: ["consultations", 0, "agentId"], recordId: 'consultationId "C1"' });
  });

  it("duplicate orderId", () => {
    const issues = issuesOf({ orders: [goodOrder, { ...goodOrder }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "duplicate_id", path: ["orders", 1, "orderId"], recordId: 'orderId "O1"' });
    expect(issues[0]!.message).toContain('"O1"');
  });

  it("unknown agent with a roster (consultation and remark)", () => {
    const issues = issuesOf({
      orders: [{ ...goodOrder, remarkAgentId: "A8" }],
      consultations: [{ ...goodCon, agentId: "A9" }],
      agents: [{ agentId: "A1" }],
    });
    // Issues come kind by kind in the kinds' order (consultations before orders), then record by record.
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ code: "unknown_agent", path: ["consultations", 0, "agentId"], recordId: 'consultationId "C1"' });
    expect(issues[0]!.message).toContain('"A9"');
    expect(issues[1]).toMatchObject({ code: "unknown_agent", path: ["orders", 0, "remarkAgentId"], recordId: 'orderId "O1"' });
    expect(issues[1]!.message).toContain('"A8"');
  });

  it("duplicate agent in the roster", () => {
    const issues = issuesOf({ orders: [goodOrder], consultations: [goodCon], agents: [{ agentId: "A1" }, { agentId: "A1" }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "duplicate_id", path: ["agents", 1, "agentId"], recordId: 'agentId "A1"' });
    expect(issues[0]!.message).toContain('"A1"');
  });
});

describe("options and policy", () => {
  it.each([["2020-13"], ["2020-02-30"], ["February"]])("bad options.period %s", (period) => {
    const issues = issuesOf({ orders: [goodOrder] }, undefined, { period });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "invalid_value", path: ["options", "period"] });
    expect(issues[0]!.message).toContain(`"${period}"`);
  });

  it("bad policy: windowHours 0", () => {
    const issues = issuesOf({ orders: [goodOrder] }, { attribution: { windowHours: 0 } });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "invalid_policy", path: ["policy", "attribution", "windowHours"] });
    expect(issues[0]!.message).toContain(">0");
  });
});

describe("reporting", () => {
  const bad: SalesInput = {
    orders: [
      { ...goodOrder, amount: "abc" },
      { ...goodOrder, orderId: "O2", createdAt: "2020-02-31 10:00" },
      { ...goodOrder, orderId: "O3", paidAt: "2020-02-21 09:00" },
    ],
    consultations: [{ ...goodCon, firstReplyAt: "2020-02-21 08:00" }],
  };

  it("reports every problem in one KefuKpiError", () => {
    let caught: unknown;
    try {
      attributeSales(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KefuKpiError);
    const error = caught as KefuKpiError;
    expect(error.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["reply_before_start", "consultations.0.firstReplyAt"],
      ["invalid_money", "orders.0.amount"],
      ["invalid_date", "orders.1.createdAt"],
      ["paid_before_created", "orders.2.paidAt"],
    ]);
    expect(error.message).toMatch(/^4 problems in the input/);
    expect(error.message).toContain('orders[1] (orderId "O2"), createdAt');
  });

  it("safeAttributeSales returns the issues instead of throwing", () => {
    const result = safeAttributeSales(bad);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues).toHaveLength(4);
    expect(result.issues[1]).toMatchObject({ code: "invalid_money", recordId: 'orderId "O1"' });

    const ok = safeAttributeSales({ orders: [goodOrder], consultations: [goodCon] });
    expect(ok.success).toBe(true);
    if (ok.success) expect(ok.data.orders[0]?.creditedAgent).toBe("A1");
  });

  it("names a single problem with its location in the error message", () => {
    expect(() => attributeSales({ orders: [{ ...goodOrder, amount: "12.3.4" }] })).toThrow(
      'orders[0] (orderId "O1"), amount: "12.3.4" is not an amount',
    );
  });
});
