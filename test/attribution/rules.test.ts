/**
 * R1 (docs/rules.md) rule by rule on tiny hand-made inputs. Wall times are read in the default zone,
 * Asia/Shanghai.
 */
import { describe, expect, it } from "vitest";
import {
  attributeSales,
  type AttributedOrder,
  type AgentSales,
  type AttributeOptions,
  type ConsultationLike,
  type OrderLike,
  type PolicyInput,
  type SalesAttribution,
  type Tally,
} from "../../src/index.js";

/** A consultation; `reply` null means the agent never replied. */
function con(
  consultationId: string,
  agentId: string,
  buyerId: string,
  reply: string | null,
  endedAt: string,
  extra: Partial<ConsultationLike> = {},
): ConsultationLike {
  return { consultationId, agentId, buyerId, startedAt: reply ?? endedAt, firstReplyAt: reply, endedAt, ...extra };
}

/** An order; `paidAt` null means unpaid. */
function order(
  orderId: string,
  buyerId: string | null,
  createdAt: string,
  paidAt: string | null,
  extra: Partial<OrderLike> = {},
): OrderLike {
  return { orderId, buyerId, createdAt, paidAt, amount: "100.00", ...extra };
}

interface Case {
  orders: OrderLike[];
  consultations?: ConsultationLike[];
  agents?: string[];
  policy?: PolicyInput;
  options?: AttributeOptions;
}

function run(c: Case): SalesAttribution {
  return attributeSales(
    {
      orders: c.orders,
      consultations: c.consultations ?? [],
      ...(c.agents ? { agents: c.agents.map((agentId) => ({ agentId })) } : {}),
    },
    c.policy,
    c.options,
  );
}

function byId(r: SalesAttribution, orderId: string): AttributedOrder {
  const o = r.orders.find((x) => x.orderId === orderId);
  if (!o) throw new Error(`no order ${orderId}`);
  return o;
}

function agent(r: SalesAttribution, agentId: string): AgentSales {
  const a = r.agents.find((x) => x.agentId === agentId);
  if (!a) throw new Error(`no agent ${agentId}`);
  return a;
}

const t = (orders: number, gross: string, refunds = "0.00", net = gross): Tally => ({ orders, gross, refunds, net });
const none = t(0, "0.00");

describe("R1 candidates and the window", () => {
  it("counts a consultation that ended exactly 48 h before the event, not one 1 minute or 1 ms past", () => {
    const r = run({
      orders: [
        order("at", "b1", "2020-02-21 10:00", "2020-02-21 10:00"),
        order("minute", "b2", "2020-02-21 10:01", "2020-02-21 10:01"),
        order("ms", "b3", "2020-02-21T10:00:00.001+08:00", "2020-02-21T10:00:00.001+08:00"),
      ],
      consultations: [
        con("C1", "A1", "b1", "2020-02-19 09:00", "2020-02-19 10:00"),
        con("C2", "A1", "b2", "2020-02-19 09:00", "2020-02-19 10:00"),
        con("C3", "A1", "b3", "2020-02-19 09:00", "2020-02-19 10:00"),
      ],
    });
    expect(byId(r, "at")).toMatchObject({ status: "assisted", placeConsultationId: "C1", payConsultationId: "C1", creditedAgent: "A1" });
    expect(byId(r, "minute")).toMatchObject({ status: "fully-silent", placeAgent: null, payAgent: null, creditedAgent: null });
    expect(byId(r, "ms")).toMatchObject({ status: "fully-silent", placeAgent: null, payAgent: null, creditedAgent: null });
  });

  it("follows policy attribution.windowHours (24 h)", () => {
    const input: Case = {
      orders: [
        order("O24", "b1", "2020-02-21 10:00", "2020-02-21 10:00"),
        order("O24+1", "b2", "2020-02-21 10:01", "2020-02-21 10:01"),
      ],
      consultations: [
        con("C1", "A1", "b1", "2020-02-20 09:00", "2020-02-20 10:00"),
        con("C2", "A1", "b2", "2020-02-20 09:00", "2020-02-20 10:00"),
      ],
    };
    const narrow = run({ ...input, policy: { attribution: { windowHours: 24 } } });
    expect(narrow.policy.windowHours).toBe(24);
    expect(byId(narrow, "O24").placeAgent).toBe("A1");
    expect(byId(narrow, "O24+1").placeAgent).toBeNull();
    // the default 48 h reaches both
    const wide = run(input);
    expect(wide.policy.windowHours).toBe(48);
    expect(byId(wide, "O24+1").placeAgent).toBe("A1");
  });

  it("has no window with attribution.windowHours null (seed 003 sets none): the latest replied consultation however long before", () => {
    const input: Case = {
      orders: [order("late", "b1", "2020-02-29 23:00", "2020-02-29 23:30"), order("never", "b2", "2020-02-10 10:00", "2020-02-10 10:00")],
      consultations: [
        con("Cold", "A1", "b1", "2019-11-02 09:00", "2019-11-02 10:00"),
        con("Old", "A2", "b1", "2020-01-02 09:00", "2020-01-02 10:00"),
        // replied only after the order: serves nobody at its time, window or not
        con("After", "A1", "b2", "2020-02-10 10:05", "2020-02-10 10:30"),
      ],
    };
    const none = run({ ...input, policy: { attribution: { windowHours: null } } });
    expect(none.policy.windowHours).toBeNull();
    expect(byId(none, "late")).toMatchObject({ status: "assisted", placeConsultationId: "Old", payConsultationId: "Old", creditedAgent: "A2" });
    expect(byId(none, "never")).toMatchObject({ status: "fully-silent", creditedAgent: null });
    // at most 360 h: the same order is fully silent
    expect(byId(run({ ...input, policy: { attribution: { windowHours: 360 } } }), "late").status).toBe("fully-silent");
  });

  it("counts firstReplyAt exactly at t, not a reply after t", () => {
    const r = run({
      orders: [
        order("O1", "b1", "2020-02-21 10:00", "2020-02-21 10:00"),
        order("O2", "b2", "2020-02-21 10:00", "2020-02-21 10:05"),
      ],
      consultations: [
        con("C1", "A1", "b1", "2020-02-21 10:00", "2020-02-21 10:30"),
        // started before the order, but replied a minute after it was placed
        con("C2", "A2", "b2", "2020-02-21 10:01", "2020-02-21 10:30", { startedAt: "2020-02-21 09:55" }),
      ],
    });
    expect(byId(r, "O1")).toMatchObject({ status: "assisted", placeConsultationId: "C1", creditedAgent: "A1" });
    // C2 serves only from 10:01: not the placeAgent, but the payAgent at 10:05
    expect(byId(r, "O2")).toMatchObject({
      status: "silent-order",
      placeAgent: null,
      payAgent: "A2",
      payConsultationId: "C2",
      creditedAgent: "A2",
      creditedBy: "payAgent",
    });
  });

  it("ignores an unreplied consultation (it serves nobody)", () => {
    const r = run({
      orders: [order("O1", "b1", "2020-02-21 10:10", "2020-02-21 10:20")],
      consultations: [
        con("C1", "A1", "b1", "2020-02-21 09:00", "2020-02-21 09:30"),
        // later and covering the order, but never replied (null and "" both mean unreplied)
        con("C2", "A2", "b1", null, "2020-02-21 10:30", { startedAt: "2020-02-21 10:00" }),
        con("C3", "A3", "b1", null, "2020-02-21 10:30", { startedAt: "2020-02-21 10:00", firstReplyAt: "" }),
      ],
    });
    expect(byId(r, "O1")).toMatchObject({ placeConsultationId: "C1", payConsultationId: "C1", creditedAgent: "A1" });

    const alone = run({
      orders: [order("O1", "b1", "2020-02-21 10:10", "2020-02-21 10:20")],
      consultations: [con("C2", "A2", "b1", null, "2020-02-21 10:30", { startedAt: "2020-02-21 10:00" })],
    });
    expect(byId(alone, "O1")).toMatchObject({ status: "fully-silent", creditedAgent: null });
    expect(alone.shop.silent).toEqual(t(1, "100.00"));
  });

  it("credits an order placed and paid mid-session (t inside [firstReplyAt, endedAt])", () => {
    const r = run({
      orders: [order("O1", "b1", "2020-02-21 10:30", "2020-02-21 10:45")],
      consultations: [con("C1", "A1", "b1", "2020-02-21 10:00", "2020-02-21 11:00")],
    });
    expect(byId(r, "O1")).toEqual({
      orderId: "O1",
      status: "assisted",
      booked: true,
      placeAgent: "A1",
      placeConsultationId: "C1",
      payAgent: "A1",
      payConsultationId: "C1",
      creditedAgent: "A1",
      creditedBy: "placeAgent",
      flag: null,
      excluded: false,
      botConsultationId: null,
    });
  });
});

describe("R1 winner among candidates", () => {
  it("prefers the latest served instant min(endedAt, t), not the latest reply", () => {
    const r = run({
      orders: [
        // placed mid-session of A while B (replied later) had already ended
        order("O1", "b1", "2020-02-21 10:30", null),
        // neither covers: B ended later, though A replied later
        order("O2", "b2", "2020-02-21 12:00", null),
      ],
      consultations: [
        con("A-b1", "A", "b1", "2020-02-21 10:00", "2020-02-21 11:00"),
        con("B-b1", "B", "b1", "2020-02-21 10:15", "2020-02-21 10:20"),
        con("B-b2", "B", "b2", "2020-02-21 08:00", "2020-02-21 09:30"),
        con("A-b2", "A", "b2", "2020-02-21 08:30", "2020-02-21 09:00"),
      ],
    });
    expect(byId(r, "O1")).toMatchObject({ placeConsultationId: "A-b1", placeAgent: "A" });
    expect(byId(r, "O2")).toMatchObject({ placeConsultationId: "B-b2", placeAgent: "B" });
  });

  it("breaks a tie on the served instant by the later firstReplyAt, whatever the input order", () => {
    const r = run({
      orders: [
        // both ended at 10:00: served instant 10:00 for both
        order("ended", "b1", "2020-02-21 11:00", null),
        // both still running at 10:30: served instant = t for both
        order("running", "b2", "2020-02-21 10:30", null),
      ],
      consultations: [
        con("late-b1", "B", "b1", "2020-02-21 09:30", "2020-02-21 10:00"),
        con("early-b1", "A", "b1", "2020-02-21 09:00", "2020-02-21 10:00"),
        con("late-b2", "B", "b2", "2020-02-21 09:30", "2020-02-21 11:00"),
        con("early-b2", "A", "b2", "2020-02-21 09:00", "2020-02-21 12:00"),
      ],
    });
    expect(byId(r, "ended").placeConsultationId).toBe("late-b1");
    expect(byId(r, "running").placeConsultationId).toBe("late-b2");
  });

  it("breaks a full tie (served instant and firstReplyAt) by the later input position", () => {
    const a = con("CA", "A", "b1", "2020-02-21 09:00", "2020-02-21 10:00");
    const b = con("CB", "B", "b1", "2020-02-21 09:00", "2020-02-21 10:00");
    const orders = [order("O1", "b1", "2020-02-21 11:00", "2020-02-21 11:05")];
    const ab = run({ orders, consultations: [a, b] });
    expect(byId(ab, "O1")).toMatchObject({ placeConsultationId: "CB", payConsultationId: "CB", creditedAgent: "B" });
    const ba = run({ orders, consultations: [b, a] });
    expect(byId(ba, "O1")).toMatchObject({ placeConsultationId: "CA", payConsultationId: "CA", creditedAgent: "A" });
  });
});

describe("R1 booking by paidAt in the period", () => {
  it("lets a consultation of the previous month attribute an order paid in the period", () => {
    const r = run({
      orders: [order("O1", "b1", "2020-02-01 09:00", "2020-02-01 09:05")],
      consultations: [con("C1", "A1", "b1", "2020-01-31 20:00", "2020-01-31 21:00")],
      options: { period: "2020-02" },
    });
    expect(r.period).toEqual({ label: "2020-02", start: "2020-02-01T00:00:00+08:00", end: "2020-03-01T00:00:00+08:00" });
    expect(byId(r, "O1")).toMatchObject({ booked: true, status: "assisted", placeConsultationId: "C1", creditedAgent: "A1" });
    expect(agent(r, "A1").sales).toEqual(t(1, "100.00"));
  });

  it("books by paidAt: created last month and paid in the period counts, paid after the period end does not", () => {
    const r = run({
      orders: [
        order("jan-feb", "b1", "2020-01-31 23:00", "2020-02-01 00:00", { amount: "10.00" }),
        order("feb-mar", "b1", "2020-02-29 23:30", "2020-03-01 00:00", { amount: "20.00" }),
        order("last", "b1", "2020-02-29 23:00", "2020-02-29 23:59:59", { amount: "30.00" }),
        order("unpaid", "b1", "2020-02-10 10:00", null, { amount: "40.00" }),
      ],
      options: { period: "2020-02" },
    });
    expect(byId(r, "jan-feb").booked).toBe(true);
    expect(byId(r, "feb-mar")).toMatchObject({ booked: false, status: "fully-silent" });
    expect(byId(r, "last").booked).toBe(true);
    expect(byId(r, "unpaid")).toMatchObject({ booked: false, status: "unpaid" });
    expect(r.shop.sales).toEqual(t(2, "40.00"));
    expect(r.shop.paidOutsidePeriod).toBe(1);
    expect(r.shop.unpaidOrders).toBe(1);
    // without a period every paid order is booked
    const all = run({ orders: r.orders.map((o) => order(o.orderId, "b1", "2020-02-10 10:00", o.status === "unpaid" ? null : "2020-02-10 10:00")) });
    expect(all.period).toBeNull();
    expect(all.shop.sales.orders).toBe(3);
    expect(all.shop.paidOutsidePeriod).toBe(0);
  });
});

describe("R1 credit rules", () => {
  // Placed with no service before; served between placing and paying.
  const silentOrder: Case = {
    orders: [order("O1", "b1", "2020-02-21 10:00", "2020-02-21 10:45", { amount: "50.00" })],
    consultations: [con("C1", "A1", "b1", "2020-02-21 10:20", "2020-02-21 10:40")],
  };

  it("placeFirst credits a silent order to its payAgent", () => {
    const r = run(silentOrder);
    expect(byId(r, "O1")).toMatchObject({ status: "silent-order", placeAgent: null, payAgent: "A1", creditedAgent: "A1", creditedBy: "payAgent" });
    expect(r.shop).toMatchObject({ credited: t(1, "50.00"), uncredited: none, silent: none });
    expect(r.shop.byStatus).toEqual({ assisted: none, silentOrder: t(1, "50.00"), fullySilent: none });
  });

  it("place leaves a silent order uncredited (reported as uncredited, not silent)", () => {
    const r = run({ ...silentOrder, policy: { attribution: { rule: "place" } } });
    expect(byId(r, "O1")).toMatchObject({ status: "silent-order", payAgent: "A1", creditedAgent: null, creditedBy: null });
    expect(r.shop).toMatchObject({ sales: t(1, "50.00"), credited: none, uncredited: t(1, "50.00"), silent: none });
    expect(agent(r, "A1").sales).toEqual(none);
    // the breakdown still shows who paid
    expect(agent(r, "A1").breakdown.silentOrderOwnPay).toEqual(t(1, "50.00"));
  });

  it("pay leaves an assisted order without a payAgent uncredited; placeFirst and place credit its placeAgent", () => {
    // placed within 48 h of C1's end, paid more than 48 h after it
    const input: Case = {
      orders: [order("O1", "b1", "2020-02-21 10:00", "2020-02-23 10:01")],
      consultations: [con("C1", "A1", "b1", "2020-02-21 09:00", "2020-02-21 10:00")],
    };
    const pay = run({ ...input, policy: { attribution: { rule: "pay" } } });
    expect(byId(pay, "O1")).toMatchObject({ status: "assisted", placeAgent: "A1", payAgent: null, creditedAgent: null });
    expect(pay.shop).toMatchObject({ credited: none, uncredited: t(1, "100.00"), silent: none });
    for (const rule of ["placeFirst", "place"] as const) {
      const r = run({ ...input, policy: { attribution: { rule } } });
      expect(byId(r, "O1")).toMatchObject({ creditedAgent: "A1", creditedBy: "placeAgent" });
    }
  });

  it("pay credits the payAgent over a different placeAgent", () => {
    const r = run({
      orders: [order("O1", "b1", "2020-02-21 10:10", "2020-02-21 11:10")],
      consultations: [con("C1", "A1", "b1", "2020-02-21 10:00", "2020-02-21 10:30"), con("C2", "A2", "b1", "2020-02-21 11:00", "2020-02-21 11:30")],
      policy: { attribution: { rule: "pay" } },
    });
    expect(byId(r, "O1")).toMatchObject({ placeAgent: "A1", payAgent: "A2", creditedAgent: "A2", creditedBy: "payAgent" });
  });

  it("source remark credits the remarked agent, even on a fully silent order; an unremarked served order is uncredited", () => {
    const r = run({
      orders: [
        order("chat-A1-remark-A2", "b1", "2020-02-21 10:10", "2020-02-21 10:20", { remarkAgentId: "A2", amount: "10.00" }),
        order("served-unremarked", "b1", "2020-02-21 10:15", "2020-02-21 10:25", { amount: "20.00" }),
        order("silent-remarked", "b9", "2020-02-21 10:00", "2020-02-21 10:05", { remarkAgentId: "A3", amount: "30.00" }),
        order("silent-unremarked", "b9", "2020-02-21 11:00", "2020-02-21 11:05", { remarkAgentId: "", amount: "40.00" }),
      ],
      consultations: [con("C1", "A1", "b1", "2020-02-21 10:00", "2020-02-21 10:30")],
      policy: { attribution: { source: "remark" } },
    });
    expect(byId(r, "chat-A1-remark-A2")).toMatchObject({ placeAgent: "A1", creditedAgent: "A2", creditedBy: "remark" });
    expect(byId(r, "served-unremarked")).toMatchObject({ placeAgent: "A1", creditedAgent: null, creditedBy: null });
    expect(byId(r, "silent-remarked")).toMatchObject({ status: "fully-silent", creditedAgent: "A3", creditedBy: "remark" });
    expect(byId(r, "silent-unremarked")).toMatchObject({ status: "fully-silent", creditedAgent: null });
    expect(r.shop).toMatchObject({ sales: t(4, "100.00"), credited: t(2, "40.00"), uncredited: t(1, "20.00"), silent: t(1, "40.00") });
    expect(agent(r, "A1").sales).toEqual(none);
    expect(agent(r, "A2").sales).toEqual(t(1, "10.00"));
    expect(agent(r, "A3").sales).toEqual(t(1, "30.00"));
  });

  it("chatThenRemark uses the chat credit and falls back to the remark; source chat ignores remarks", () => {
    const input: Case = {
      orders: [
        order("chat", "b1", "2020-02-21 10:10", "2020-02-21 10:20", { remarkAgentId: "A2" }),
        order("silent", "b9", "2020-02-21 10:00", "2020-02-21 10:05", { remarkAgentId: "A3" }),
        // a silent order under rule place is left by the chat rule: the remark takes it
        order("silentOrder", "b2", "2020-02-21 10:00", "2020-02-21 10:45", { remarkAgentId: "A2" }),
      ],
      consultations: [con("C1", "A1", "b1", "2020-02-21 10:00", "2020-02-21 10:30"), con("C2", "A1", "b2", "2020-02-21 10:20", "2020-02-21 10:40")],
    };
    const r = run({ ...input, policy: { attribution: { source: "chatThenRemark", rule: "place" } } });
    expect(byId(r, "chat")).toMatchObject({ creditedAgent: "A1", creditedBy: "placeAgent" });
    expect(byId(r, "silent")).toMatchObject({ status: "fully-silent", creditedAgent: "A3", creditedBy: "remark" });
    expect(byId(r, "silentOrder")).toMatchObject({ status: "silent-order", creditedAgent: "A2", creditedBy: "remark" });
    expect(r.shop).toMatchObject({ credited: t(3, "300.00"), silent: none, uncredited: none });

    const chat = run({ ...input, policy: { attribution: { source: "chat", rule: "place" } } });
    expect(byId(chat, "silent")).toMatchObject({ creditedAgent: null, creditedBy: null });
    expect(byId(chat, "silentOrder")).toMatchObject({ creditedAgent: null });
    expect(chat.shop).toMatchObject({ credited: t(1, "100.00"), silent: t(1, "100.00"), uncredited: t(1, "100.00") });
  });
});

describe("R1 money", () => {
  const input: Case = {
    orders: [
      order("O1", "b1", "2020-02-21 10:10", "2020-02-21 10:20", { amount: "100.00", refundAmount: "30.50" }),
      order("O2", "b1", "2020-02-21 10:15", "2020-02-21 10:25", { amount: 19.9 }),
      order("O3", "b9", "2020-02-21 10:15", "2020-02-21 10:25", { amount: "8", refundAmount: "8.00" }),
    ],
    consultations: [con("C1", "A1", "b1", "2020-02-21 10:00", "2020-02-21 10:30")],
  };

  it("reports gross, refunds and net; commissionable is net when deductRefunds (default)", () => {
    const r = run(input);
    expect(r.policy.deductRefunds).toBe(true);
    expect(agent(r, "A1").sales).toEqual(t(2, "119.90", "30.50", "89.40"));
    expect(agent(r, "A1").commissionable).toBe("89.40");
    expect(r.shop.sales).toEqual(t(3, "127.90", "38.50", "89.40"));
    expect(r.shop.silent).toEqual(t(1, "8.00", "8.00", "0.00"));
  });

  it("commissionable is gross when deductRefunds is false (the tallies are unchanged)", () => {
    const r = run({ ...input, policy: { attribution: { deductRefunds: false } } });
    expect(agent(r, "A1").sales).toEqual(t(2, "119.90", "30.50", "89.40"));
    expect(agent(r, "A1").commissionable).toBe("119.90");
  });
});

describe("R1 breakdown and duties", () => {
  it("sorts each agent's orders into the 赤兔 categories and counts address checks", () => {
    const r = run({
      orders: [
        order("A/A", "b1", "2020-02-21 10:10", "2020-02-21 10:20", { amount: "1.00" }),
        order("A/B", "b2", "2020-02-21 10:10", "2020-02-21 11:10", { amount: "2.00" }),
        // paid more than 48 h after A's session: no payAgent
        order("A/-", "b3", "2020-02-21 10:10", "2020-02-23 11:00", { amount: "4.00" }),
        order("B/A", "b4", "2020-02-21 10:10", "2020-02-21 11:10", { amount: "8.00" }),
        order("-/A", "b5", "2020-02-21 10:00", "2020-02-21 10:45", { amount: "16.00" }),
        // not counted: fully silent; paid outside the period; unpaid
        order("-/-", "b9", "2020-02-21 10:00", "2020-02-21 10:45", { amount: "32.00" }),
        order("A/A-march", "b1", "2020-02-29 23:50", "2020-03-01 00:10", { amount: "64.00" }),
        order("A/unpaid", "b1", "2020-02-21 10:12", null, { amount: "128.00" }),
      ],
      consultations: [
        con("b1-A", "A", "b1", "2020-02-21 10:00", "2020-02-21 10:30"),
        con("b1-A2", "A", "b1", "2020-02-29 23:40", "2020-03-01 00:30"),
        con("b2-A", "A", "b2", "2020-02-21 10:00", "2020-02-21 10:30"),
        con("b2-B", "B", "b2", "2020-02-21 11:00", "2020-02-21 11:30"),
        con("b3-A", "A", "b3", "2020-02-21 10:00", "2020-02-21 10:30"),
        con("b4-B", "B", "b4", "2020-02-21 10:00", "2020-02-21 10:30"),
        con("b4-A", "A", "b4", "2020-02-21 11:00", "2020-02-21 11:30"),
        con("b5-A", "A", "b5", "2020-02-21 10:30", "2020-02-21 11:00"),
      ],
      options: { period: "2020-02" },
    });
    expect(byId(r, "A/-")).toMatchObject({ placeAgent: "A", payAgent: null });
    expect(byId(r, "-/A")).toMatchObject({ placeAgent: null, payAgent: "A" });
    const a = agent(r, "A");
    expect(a.breakdown).toEqual({
      ownPlaceOwnPay: t(1, "1.00"),
      ownPlaceOtherPay: t(2, "6.00"), // A/B and A/-
      otherPlaceOwnPay: t(1, "8.00"), // B/A
      silentOrderOwnPay: t(1, "16.00"),
    });
    expect(a.addressChecks).toBe(3); // A/A, B/A, -/A
    expect(a.sales).toEqual(t(4, "23.00")); // placeFirst: A/A, A/B, A/-, -/A
    const b = agent(r, "B");
    expect(b.breakdown).toEqual({
      ownPlaceOwnPay: none,
      ownPlaceOtherPay: t(1, "8.00"), // B/A
      otherPlaceOwnPay: t(1, "2.00"), // A/B
      silentOrderOwnPay: none,
    });
    expect(b.addressChecks).toBe(1); // A/B
    expect(b.sales).toEqual(t(1, "8.00"));
    expect(r.shop.sales).toEqual(t(6, "63.00"));
    expect(r.shop.byStatus).toEqual({ assisted: t(4, "15.00"), silentOrder: t(1, "16.00"), fullySilent: t(1, "32.00") });
  });
});

describe("R1 buyers, shops and the roster", () => {
  it("separates buyers of different shops by shopId", () => {
    const r = run({
      orders: [
        order("S1-order", "b1", "2020-02-21 10:10", "2020-02-21 10:20", { shopId: "S1" }),
        order("S2-order", "b1", "2020-02-21 10:10", "2020-02-21 10:20", { shopId: "S2" }),
        order("S3-order", "b1", "2020-02-21 10:10", "2020-02-21 10:20", { shopId: "S3" }),
      ],
      consultations: [
        con("C-S1", "A1", "b1", "2020-02-21 10:00", "2020-02-21 10:30", { shopId: "S1" }),
        con("C-S2", "A2", "b1", "2020-02-21 10:05", "2020-02-21 10:30", { shopId: "S2" }),
      ],
    });
    expect(byId(r, "S1-order")).toMatchObject({ placeConsultationId: "C-S1", creditedAgent: "A1" });
    expect(byId(r, "S2-order")).toMatchObject({ placeConsultationId: "C-S2", creditedAgent: "A2" });
    expect(byId(r, "S3-order")).toMatchObject({ status: "fully-silent", creditedAgent: null });
  });

  it("never matches an order without a buyer id: fully silent, counted as unlinked", () => {
    const r = run({
      orders: [
        order("nobody", null, "2020-02-21 10:10", "2020-02-21 10:20", { amount: "5.00" }),
        order("linked", "b1", "2020-02-21 10:10", "2020-02-21 10:20", { amount: "7.00" }),
      ],
      consultations: [con("C1", "A1", "b1", "2020-02-21 10:00", "2020-02-21 10:30")],
    });
    expect(byId(r, "nobody")).toMatchObject({ status: "fully-silent", placeAgent: null, payAgent: null, creditedAgent: null, booked: true });
    expect(byId(r, "linked").creditedAgent).toBe("A1");
    expect(r.shop.unlinkedOrders).toBe(1);
    expect(r.shop.silent).toEqual(t(1, "5.00"));
    expect(r.shop.byStatus.fullySilent).toEqual(t(1, "5.00"));
  });

  it("lists every rostered agent, sorted by agentId, with zero sales if need be", () => {
    const r = run({
      orders: [order("O1", "b1", "2020-02-21 10:10", "2020-02-21 10:20")],
      consultations: [con("C1", "A2", "b1", "2020-02-21 10:00", "2020-02-21 10:30")],
      agents: ["A3", "A1", "A2"],
    });
    expect(r.agents.map((a) => a.agentId)).toEqual(["A1", "A2", "A3"]);
    expect(agent(r, "A2").sales).toEqual(t(1, "100.00"));
    expect(agent(r, "A1")).toEqual({
      agentId: "A1",
      sales: none,
      commissionable: "0.00",
      breakdown: { ownPlaceOwnPay: none, ownPlaceOtherPay: none, otherPlaceOwnPay: none, silentOrderOwnPay: none },
      addressChecks: 0,
    });
    // without a roster: the agents seen in the data, sorted
    const seen = run({
      orders: [order("O1", "b1", "2020-02-21 10:10", "2020-02-21 10:20", { remarkAgentId: "M7" })],
      consultations: [con("C1", "Z9", "b1", "2020-02-21 10:00", "2020-02-21 10:30"), con("C2", "B2", "b2", "2020-02-21 10:00", "2020-02-21 10:30")],
    });
    expect(seen.agents.map((a) => a.agentId)).toEqual(["B2", "M7", "Z9"]);
  });

  it("explains orders on first access, as a plain enumerable property", () => {
    const r = run({
      orders: [order("O1", "b1", "2020-02-21 10:10", "2020-02-21 10:20")],
      consultations: [con("C1", "A1", "b1", "2020-02-21 10:00", "2020-02-21 10:30")],
    });
    expect(Object.keys(r)).toContain("orders");
    expect(r.orders).toBe(r.orders); // built once
    const copy = JSON.parse(JSON.stringify(r)) as typeof r;
    expect(copy.orders[0]).toMatchObject({ orderId: "O1", creditedAgent: "A1", placeConsultationId: "C1" });
    expect({ ...r }.orders).toEqual(r.orders);
  });
});
