import { describe, expect, it } from "vitest";
import { checkServiceLevels, decodeMonth, KefuKpiError } from "../../src/index.js";
import { buildKpiReport } from "../../src/index.js";
import { renderKpiReport } from "../../src/render/index.js";
import { message } from "../../src/render/lang.js";

// Seed 002: shipped within 24 h of 下单成功, the carrier's pick-up scan within 48 h, order anomalies verified within 24 h.
const order = (orderId: string, paidAt: string, extra: Record<string, unknown> = {}) => ({
  orderId, buyerId: `b${orderId}`, createdAt: "2020-01-31 08:00:00", paidAt, amount: "100.00", ...extra,
});
const byId = (checks: ReturnType<typeof checkServiceLevels>) => Object.fromEntries(checks.map((c) => [c.id, c]));
const feb = { period: "2020-02" };

describe("shipping and pick-up (seed 002)", () => {
  const orders = [
    order("O1", "2020-02-03 10:00:00"), // shipped exactly 24 h later: complies
    order("O2", "2020-02-03 10:00:00"), // 1 s late
    order("O3", "2020-02-03 10:00:00"), // no shipment: breach, never
    order("O4", "2020-02-03 10:00:00", { refundAmount: "100.00" }), // refunded in full, never shipped: not checked
    order("O5", "2020-02-03 10:00:00", { refundAmount: "100.00" }), // refunded in full after a late shipment: checked
    order("O6", "", {}), // unpaid: nothing to ship
    order("O7", "2020-01-31 23:00:00"), // paid in January: another period
    order("O8", "2020-02-29 23:00:00"), // paid on the last evening, not shipped: due in March, still a breach of February
    order("O9", "2020-02-03 10:00:00", { refundAmount: "50.00" }), // refunded in part, never shipped: breach
  ];
  const shipments = [
    { orderId: "O1", shippedAt: "2020-02-04 10:00:00", pickedUpAt: "2020-02-05 10:00:00", trackingNo: "SF1", carrier: "顺丰" },
    { orderId: "O2", shippedAt: "2020-02-04 10:00:01", pickedUpAt: "2020-02-04 12:00:00" },
    { orderId: "O5", shippedAt: "2020-02-05 10:00:00", pickedUpAt: "" },
    { orderId: "O7", shippedAt: "2020-02-03 10:00:00" },
  ];

  it("checks every paid order of the period against its shipment, within 24 h of payment, except orders flagged green", () => {
    const c = byId(checkServiceLevels({ orders, shipments }, {}, feb));
    expect(c.shipping).toMatchObject({ status: "ok", label: null, rule: "paid orders shipped within 24 h of payment, except orders flagged green", checked: 6, compliant: 1, complianceRate: "0.1667" });
    expect(c.shipping!.breaches.map((b) => [b.recordId, b.agentId, b.lateSeconds])).toEqual([
      ["O2", null, "1"],
      ["O3", null, null],
      ["O5", null, "86400"],
      ["O9", null, null],
      ["O8", null, null],
    ]);
    expect(c.shipping!.breaches[1]).toEqual({
      recordId: "O3", agentId: null, at: "2020-02-03T10:00:00+08:00", deadline: "2020-02-04T10:00:00+08:00", lateSeconds: null, reason: "no shipment (due by 2020-02-04T10:00:00+08:00)",
    });
    expect(c.shipping!.breaches[0]!.reason).toBe("shipment at 2020-02-04T10:00:01+08:00, 1 s late");
  });

  it("checks the pick-up scan within 48 h when the shipments carry it", () => {
    const c = byId(checkServiceLevels({ orders, shipments }, {}, feb));
    // O1 at exactly 48 h and O2 at 26 h comply; O3, O9 and O8 (no shipment) and O5 (no scan) do not.
    expect(c.pickupScan).toMatchObject({ status: "ok", checked: 6, compliant: 2 });
    expect(c.pickupScan!.breaches.map((b) => [b.recordId, b.reason])).toEqual([
      ["O3", "no pick-up scan (due by 2020-02-05T10:00:00+08:00)"],
      ["O5", "no pick-up scan (due by 2020-02-05T10:00:00+08:00)"],
      ["O9", "no pick-up scan (due by 2020-02-05T10:00:00+08:00)"],
      ["O8", "no pick-up scan (due by 2020-03-02T23:00:00+08:00)"],
    ]);
    const late = byId(checkServiceLevels({ orders: [order("O1", "2020-02-03 10:00:00")], shipments: [{ orderId: "O1", shippedAt: "2020-02-03 12:00:00", pickedUpAt: "2020-02-05 10:00:01" }] }, {}, feb));
    expect(late.pickupScan!.breaches.map((b) => b.lateSeconds)).toEqual(["1"]);
  });

  it("without a pick-up column, or with one left empty throughout, the pick-up rule has no data, and says why", () => {
    const c = byId(checkServiceLevels({ orders, shipments: shipments.map(({ orderId, shippedAt }) => ({ orderId, shippedAt })) }, {}, feb));
    expect(c.shipping!.status).toBe("ok");
    expect(c.pickupScan).toMatchObject({ status: "noData", checked: 0, rule: "paid orders picked up by the carrier within 48 h of payment, except orders flagged green (no shipment carries pickedUpAt (the carrier's pick-up scan))" });
    const empty = byId(checkServiceLevels({ orders, shipments: shipments.map(({ orderId, shippedAt }) => ({ orderId, shippedAt, pickedUpAt: "" })) }, {}, feb));
    expect(empty.pickupScan).toMatchObject({ status: "noData", checked: 0 });
  });

  it("a paid order of 0.00 (a gift) is still shipped: no refund exempts it", () => {
    const c = byId(checkServiceLevels({ orders: [order("G1", "2020-02-03 10:00:00", { amount: "0.00", refundAmount: "0.00" })], shipments: [] }, {}, feb));
    expect(c.shipping!.breaches.map((b) => [b.recordId, b.reason])).toEqual([["G1", "no shipment (due by 2020-02-04T10:00:00+08:00)"]]);
  });

  it("counts from the order's creation when the policy says so, and takes the policy's hours", () => {
    const c = byId(checkServiceLevels(
      { orders: [order("O1", "2020-02-03 10:00:00", { createdAt: "2020-02-03 09:00:00" })], shipments: [{ orderId: "O1", shippedAt: "2020-02-04 09:30:00" }] },
      { kpi: { serviceLevels: { shipping: { from: "created" } } } },
      feb,
    ));
    expect(c.shipping).toMatchObject({ rule: "paid orders shipped within 24 h of the order, except orders flagged green", checked: 1, compliant: 0 });
    expect(c.shipping!.breaches[0]).toMatchObject({ at: "2020-02-03T09:00:00+08:00", lateSeconds: "1800" });
    const longer = byId(checkServiceLevels({ orders: [order("O1", "2020-02-03 10:00:00")], shipments: [{ orderId: "O1", shippedAt: "2020-02-05 10:00:00" }] }, { kpi: { serviceLevels: { shipping: { maxHours: 48 } } } }, feb));
    expect(longer.shipping).toMatchObject({ rule: "paid orders shipped within 48 h of payment, except orders flagged green", compliant: 1 });
    // An order created in January and paid in February is February's by payment, January's by creation.
    const jan = { orders: [order("O1", "2020-02-01 10:00:00", { createdAt: "2020-01-31 23:00:00" })], shipments: [{ orderId: "O1", shippedAt: "2020-02-01 11:00:00" }] };
    expect(byId(checkServiceLevels(jan, {}, feb)).shipping!.checked).toBe(1);
    expect(byId(checkServiceLevels(jan, { kpi: { serviceLevels: { shipping: { from: "created" } } } }, feb)).shipping!.checked).toBe(0);
  });

  it("cuts the period at the business-day cut-over in the shop zone, and leaves unpaid orders with a shipment unchecked", () => {
    const orders = [
      order("L1", "2020-02-29 23:59:59"), // February's last second
      order("L2", "2020-03-01 00:00:00"), // March's first
      order("L3", "2020-03-01 03:59:00"), // before a 04:00 cut-over: still February's business day
      order("U1", ""), // unpaid, yet shipped: nothing to check
    ];
    const shipments = ["L1", "L2", "L3", "U1"].map((orderId) => ({ orderId, shippedAt: "2020-03-05 10:00:00" }));
    const midnight = byId(checkServiceLevels({ orders, shipments }, {}, feb));
    expect(midnight.shipping!.breaches.map((b) => b.recordId)).toEqual(["L1"]);
    const cutover = byId(checkServiceLevels({ orders, shipments }, { businessDayStartsAt: "04:00" }, feb));
    // February's business days run from 1 February 04:00 to 1 March 04:00.
    expect(cutover.shipping!.breaches.map((b) => b.recordId)).toEqual(["L1", "L2", "L3"]);
    // The same instants in another zone: wall times are read in it, and the check follows.
    const utc = byId(checkServiceLevels({ orders: [order("Z1", "2020-02-29T20:00:00Z")], shipments: [{ orderId: "Z1", shippedAt: "2020-03-01T20:00:00Z" }] }, { timeZone: "UTC" }, feb));
    expect(utc.shipping).toMatchObject({ checked: 1, compliant: 1 });
    expect(utc.shipping!.rule).toBe("paid orders shipped within 24 h of payment, except orders flagged green");
  });

  it("says which kind is missing, and a disabled rule is disabled", () => {
    expect(byId(checkServiceLevels({ shipments }, {}, feb)).shipping!.rule).toBe("paid orders shipped within 24 h of payment, except orders flagged green (no orders given)");
    expect(byId(checkServiceLevels({ orders }, {}, feb)).shipping!.rule).toBe("paid orders shipped within 24 h of payment, except orders flagged green (no shipments given)");
    expect(byId(checkServiceLevels({ orders }, {}, feb)).pickupScan!.status).toBe("noData");
    const off = byId(checkServiceLevels({ orders, shipments }, { kpi: { serviceLevels: { shipping: { enabled: false }, pickupScan: { enabled: false } } } }, feb));
    expect([off.shipping!.status, off.pickupScan!.status]).toEqual(["disabled", "disabled"]);
  });

  it("warns of a shipment whose order is not among the orders, and refuses one order shipped twice or a bad time", () => {
    const month = decodeMonth({ orders: [order("O1", "2020-02-03 10:00:00")], shipments: [{ orderId: "O1", shippedAt: "2020-02-03 11:00:00" }, { orderId: "X9", shippedAt: "2020-02-03 11:00:00" }] });
    expect(month.warnings).toEqual(['shipments: 1 shipment is of an order not among the orders ("X9"), so no shipping rule checks it']);
    expect(message(month.warnings[0]!, "zh")).toBe('发货：1 条发货记录的订单不在订单中（"X9"），不做发货检查');
    const many = decodeMonth({ orders: [], shipments: ["X1", "X2", "X3", "X4"].map((orderId) => ({ orderId, shippedAt: "2020-02-03 11:00:00" })) });
    expect(many.warnings).toEqual(['shipments: 4 shipments are of orders not among the orders ("X1", "X2", "X3" …), so no shipping rule checks them']);
    expect(message(many.warnings[0]!, "zh")).not.toMatch(/原文/);
    expect(() => decodeMonth({ shipments: [{ orderId: "O1", shippedAt: "2020-02-03 11:00:00" }, { orderId: "O1", shippedAt: "2020-02-03 12:00:00" }] })).toThrow('shipments[1] (orderId "O1"), orderId: "O1" appears more than once; each shipment must be listed once (first at shipments[0])');
    expect(() => decodeMonth({ orders: [order("O1", "2020-02-03 10:00:00")], shipments: [{ orderId: "O1", shippedAt: "2020-01-30 11:00:00" }] })).toThrow(
      'shipments[0] (orderId "O1"), shippedAt: 2020-01-30 11:00 is before the order was placed (its createdAt 2020-01-31 08:00)',
    );
    expect(() => decodeMonth({ shipments: [{ orderId: "O1", shippedAt: "2020-02-03 11:00:00", pickedUpAt: "2020-02-03 10:00:00" }] })).toThrow(
      'shipments[0] (orderId "O1"), pickedUpAt: 2020-02-03 10:00 is before shippedAt 2020-02-03 11:00',
    );
    expect(() => decodeMonth({ shipments: [{ orderId: "O1", shippedAt: "", pickedUpAt: "2020-02-03 10:00:00" }] })).toThrow(
      'shipments[0] (orderId "O1"), shippedAt: is missing; the carrier picked the order up at 2020-02-03 10:00, so it was shipped',
    );
    expect(() => decodeMonth({ orderAnomalies: [{ orderId: "O1", raisedAt: "2020-02-03 11:00:00", verifiedAt: "2020-02-03 10:00:00" }] })).toThrow(
      "orderAnomalies[0], verifiedAt: 2020-02-03 10:00 is before raisedAt 2020-02-03 11:00",
    );
    let error: unknown;
    try {
      decodeMonth({ shipments: [{ orderId: "O1", shippedAt: "tomorrow" }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KefuKpiError);
    expect((error as KefuKpiError).issues[0]!.path).toEqual(["shipments", 0, "shippedAt"]);
    expect(() => checkServiceLevels({ shipments: "none" } as never, {}, feb)).toThrow("shipments: expected an array of shipments records, got the text \"none\"");
    expect(() => checkServiceLevels({ orders: [], shipments: [] }, { kpi: { serviceLevels: { shipping: { from: "shipped" } } } } as never, feb)).toThrow(/policy\.kpi\.serviceLevels\.shipping\.from/);
  });

  it("the rule and its breaches in Chinese name the shop, not an agent", () => {
    const text = renderKpiReport(buildKpiReport({ orders, shipments }, {}, feb), { lang: "zh" });
    expect(text).toContain("已付款订单在付款后 24 小时内发货");
    expect(text).toContain("发货 O3（店铺）：未发货（应于 2020-02-04 10:00:00 前）");
    expect(text).toContain("揽收 O5（店铺）：未揽收（应于 2020-02-05 10:00:00 前）");
  });
});

describe("order anomalies verified within 24 h (seed 002)", () => {
  it("checks each anomaly reported in the period; the agent named when given", () => {
    const c = byId(checkServiceLevels({
      agents: [{ agentId: "A01" }],
      orderAnomalies: [
        { orderId: "O1", raisedAt: "2020-02-03 10:00:00", verifiedAt: "2020-02-04 10:00:00", agentId: "A01" }, // exactly 24 h: complies
        { orderId: "O2", raisedAt: "2020-02-03 10:00:00", verifiedAt: "2020-02-04 10:30:00", agentId: "A01", kind: "少发" },
        { orderId: "O3", raisedAt: "2020-02-10 10:00:00" }, // never verified, nobody named
        { orderId: "O4", raisedAt: "2020-01-31 10:00:00" }, // January's
      ],
    }, {}, feb));
    expect(c.orderAnomaly).toMatchObject({ status: "ok", rule: "order anomalies verified within 24 h of being reported", checked: 3, compliant: 1 });
    expect(c.orderAnomaly!.breaches).toEqual([
      { recordId: "O2", agentId: "A01", at: "2020-02-03T10:00:00+08:00", deadline: "2020-02-04T10:00:00+08:00", lateSeconds: "1800", reason: "verification at 2020-02-04T10:30:00+08:00, 1800 s late" },
      { recordId: "O3", agentId: null, at: "2020-02-10T10:00:00+08:00", deadline: "2020-02-11T10:00:00+08:00", lateSeconds: null, reason: "no verification (due by 2020-02-11T10:00:00+08:00)" },
    ]);
  });

  it("an anomaly of an agent not in the agents file is refused", () => {
    expect(() => checkServiceLevels({ agents: [{ agentId: "A01" }], orderAnomalies: [{ orderId: "O1", raisedAt: "2020-02-03 10:00:00", agentId: "B07" }] }, {}, feb)).toThrow(/orderAnomalies\[0\], agentId: "B07" is /);
  });
});
