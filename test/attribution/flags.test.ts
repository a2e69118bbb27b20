// Remark flags (备注小旗, seed 000: 红 standard, 黄 courier request, 绿 delayed shipment, 蓝 gifts or
// refund, 紫 other): read into an order's flag; `attribution.excludeFlags` takes the orders of the
// colours given from every agent (指定订单不算客服业绩); the shipping checks pass over green orders.
import { describe, expect, it } from "vitest";
import { attributeSales, buildMonthReport, checkServiceLevels, KefuKpiError, type MonthInput } from "../../src/index.js";
import { readMonthFolder } from "../../src/node/index.js";
import { flagInRemark, mapTmallOrders } from "../../src/records/tmall.js";
import { decodedRecords } from "../../src/records/view.js";
import { renderMonthTable } from "../../src/render/index.js";
import { folderProblems, monthFolder } from "../node/helpers.js";

const con = (id: string, agentId: string, buyerId: string) => ({
  consultationId: id, agentId, buyerId, startedAt: "2020-02-10 10:00", firstReplyAt: "2020-02-10 10:00:30", endedAt: "2020-02-10 10:20",
});
const order = (orderId: string, buyerId: string, amount: string, extra: Record<string, unknown> = {}) => ({
  orderId, buyerId, createdAt: "2020-02-10 10:05", paidAt: "2020-02-10 10:06", amount, ...extra,
});
const agents = [{ agentId: "A1" }, { agentId: "A2" }];
const consultations = [con("C1", "A1", "b1"), con("C2", "A1", "b2"), con("C3", "A2", "b3")];
const orders = [
  order("O1", "b1", "100.00", { flag: "红旗" }), // A1's, red: counts
  order("O2", "b2", "40.00", { flag: "紫" }), // A1's, purple: excluded when purple is
  order("O3", "b3", "30.00", { flag: "purple", refundAmount: "10.00" }), // A2's, purple
  order("O4", "b9", "20.00", { flag: "小紫旗" }), // nobody served it: fully silent, purple
  order("O5", "b9", "5.00", { flag: "紫色", paidAt: "" }), // unpaid: never booked
];

describe("remark flags in attribution", () => {
  it("are read in every spelling (red, 红, 红色, 红旗, 小红旗) and explained per order", () => {
    const r = attributeSales({ orders, consultations, agents });
    expect(r.orders.map((o) => [o.orderId, o.flag, o.excluded])).toEqual([
      ["O1", "red", false],
      ["O2", "purple", false],
      ["O3", "purple", false],
      ["O4", "purple", false],
      ["O5", "purple", false],
    ]);
    // No colour is excluded by default: every served order is credited.
    expect(r.shop.excluded).toEqual({ orders: 0, gross: "0.00", refunds: "0.00", net: "0.00" });
    expect(r.agents.map((a) => [a.agentId, a.sales.net])).toEqual([["A1", "140.00"], ["A2", "20.00"]]);
  });

  it("an excluded colour takes the order from every agent, the fully silent one too, and the shop's lines still add up", () => {
    const r = attributeSales({ orders, consultations, agents }, { attribution: { excludeFlags: ["purple"] } });
    expect(r.orders.filter((o) => o.excluded).map((o) => [o.orderId, o.status, o.placeAgent, o.creditedAgent, o.creditedBy])).toEqual([
      ["O2", "assisted", "A1", null, null],
      ["O3", "assisted", "A2", null, null],
      ["O4", "fully-silent", null, null, null],
    ]);
    expect(r.orders.find((o) => o.orderId === "O5")!.excluded).toBe(false); // unpaid: not booked, so nothing to exclude
    expect(r.shop.excluded).toEqual({ orders: 3, gross: "90.00", refunds: "10.00", net: "80.00" });
    expect(r.shop.silent.orders).toBe(0);
    expect(r.shop.credited).toEqual({ orders: 1, gross: "100.00", refunds: "0.00", net: "100.00" });
    const lines = [r.shop.credited, r.shop.silent, r.shop.uncredited, r.shop.excluded];
    expect(lines.reduce((n, t) => n + t.orders, 0)).toBe(r.shop.sales.orders);
    expect(lines.reduce((n, t) => n + Number(t.gross.replace(".", "")), 0)).toBe(Number(r.shop.sales.gross.replace(".", "")));
    const a1 = r.agents.find((a) => a.agentId === "A1")!;
    const a2 = r.agents.find((a) => a.agentId === "A2")!;
    expect([a1.sales.net, a1.commissionable, a2.sales.orders, a2.commissionable]).toEqual(["100.00", "100.00", 0, "0.00"]);
    // The breakdown leaves the order out with the credit; the address check is owed all the same (R1).
    expect(a1.breakdown.ownPlaceOwnPay.orders).toBe(1);
    expect([a1.addressChecks, a2.addressChecks]).toEqual([2, 1]);
  });

  it("an excluded colour wins over the remark's 工号 too", () => {
    const remarked = [order("O1", "b1", "10.00", { remarkAgentId: "A2", flag: "purple" }), order("O2", "b2", "10.00", { remarkAgentId: "A2" })];
    const r = attributeSales({ orders: remarked, agents }, { attribution: { source: "remark", excludeFlags: ["purple", "yellow"] } });
    expect(r.orders.map((o) => [o.orderId, o.creditedAgent, o.excluded])).toEqual([["O1", null, true], ["O2", "A2", false]]);
  });

  it("a flag that is no colour is refused at its order and field, with the colours listed", () => {
    const bad = [order("O1", "b1", "10.00", { flag: "粉" }), order("O2", "b2", "10.00", { flag: "red flag" })];
    const call = () => attributeSales({ orders: bad });
    expect(call).toThrow(KefuKpiError);
    const messages = (() => {
      try {
        call();
      } catch (e) {
        return (e as KefuKpiError).issues.map((i) => i.message);
      }
      return [];
    })();
    expect(messages).toHaveLength(2);
    for (const m of messages) expect(m).toContain("one of red (红旗), yellow (黄旗), green (绿旗), blue (蓝旗), purple (紫旗)");
  });
});

describe("remark flags in the month report and pay", () => {
  const input: MonthInput = {
    agents: agents.map((a) => ({ ...a, name: a.agentId, group: "presale" as const, grade: "junior" as const, hiredAt: "2019-01-01" })),
    consultations,
    orders,
  };
  it("an excluded order pays no commission and is its own line of the shop's table", () => {
    const plain = buildMonthReport(input, {}, { month: "2020-02" });
    const flagged = buildMonthReport(input, { attribution: { excludeFlags: ["purple"] } }, { month: "2020-02" });
    const commission = (r: typeof plain, id: string) => r.pay.find((s) => s.agentId === id)!.lines.commission.inputs;
    expect(commission(plain, "A2")).toMatchObject({ base: "20.00", orders: 1 });
    expect(commission(flagged, "A2")).toMatchObject({ base: "0.00", orders: 0 });
    expect(flagged.orders.filter((o) => o.excluded).map((o) => o.orderId)).toEqual(["O2", "O3", "O4"]);
    expect(renderMonthTable(flagged)).toMatch(/指定订单不算业绩（按旗帜排除）\s+3\s+90\.00\s+10\.00\s+80\.00/);
    expect(renderMonthTable(flagged, { lang: "en" })).toMatch(/excluded by their flag\s+3\s+90\.00\s+10\.00\s+80\.00/);
    // Without the setting and without excluded orders, the table has no such line.
    expect(renderMonthTable(plain)).not.toContain("按旗帜排除");
  });
});

describe("green orders and the shipping checks (seed 000: 绿色 需要延时发货)", () => {
  const shipOrders = [order("O1", "b1", "10.00", { flag: "绿" }), order("O2", "b2", "10.00"), order("O3", "b3", "10.00", { flag: "blue" })];
  const shipments = [{ orderId: "O2", shippedAt: "2020-02-10 11:00", pickedUpAt: "2020-02-10 12:00" }];
  const checks = (policy = {}) => Object.fromEntries(checkServiceLevels({ orders: shipOrders, shipments }, policy, { period: "2020-02" }).map((c) => [c.id, c]));

  it("are not checked by default; the other colours are", () => {
    const c = checks();
    expect(c.shipping).toMatchObject({ checked: 2, compliant: 1, rule: "paid orders shipped within 24 h of payment, except orders flagged green" });
    expect(c.shipping!.breaches.map((b) => b.recordId)).toEqual(["O3"]);
    expect(c.pickupScan).toMatchObject({ checked: 2, compliant: 1 });
  });

  it("exemptFlags: [] checks them too; another list exempts its colours", () => {
    expect(checks({ kpi: { serviceLevels: { shipping: { exemptFlags: [] } } } }).shipping).toMatchObject({ checked: 3, compliant: 1, rule: "paid orders shipped within 24 h of payment" });
    const both = checks({ kpi: { serviceLevels: { shipping: { exemptFlags: ["green", "blue"] }, pickupScan: { exemptFlags: [] } } } });
    expect(both.shipping).toMatchObject({ checked: 1, compliant: 1, rule: "paid orders shipped within 24 h of payment, except orders flagged green or blue" });
    expect(both.pickupScan).toMatchObject({ checked: 3, compliant: 1 });
  });
});

describe("the Tmall export's flag column", () => {
  const HEADER = "订单编号,买家会员名,总金额,买家实际支付金额,订单创建时间,订单付款时间,退款金额,旗帜";
  const EXPORT = [HEADER, "1001,tb_a,10.00,10.00,2020/2/3 9:00,2020/2/3 10:00,0,紫旗", "1002,tb_b,10.00,10.00,2020/2/3 9:00,2020/2/3 10:00,0,"].join("\n");

  it("gives the orders' flags (none where the cell is empty)", async () => {
    const mapped = mapTmallOrders(EXPORT.split("\n").map((l) => l.split(",")), "orders.csv");
    expect(mapped.orders.map((o) => o.flag)).toEqual(["紫旗", null]);
    const folder = await readMonthFolder(monthFolder({ "ExportOrderList202002.csv": EXPORT }));
    expect(decodedRecords(folder.month, "orders").map((o) => o["flag"] ?? null)).toEqual(["purple", null]);
  });

  it("without a flag column, a flag mark that opens the remark (【紫旗】) is the order's flag; the column wins when there is one", async () => {
    expect(["【绿旗】A03 延时发货", "[红] A01", "（紫色）改价", "(小蓝旗)", "【 黄 】", "A03 红色款", "【红色款】", "A01 【红旗】"].map(flagInRemark)).toEqual(["绿", "红", "紫", "蓝", "黄", null, null, null]);
    const head = "订单编号,买家会员名,总金额,买家实际支付金额,订单创建时间,订单付款时间,退款金额,订单备注";
    const remarks = [head, "1001,tb_a,10.00,10.00,2020/2/3 9:00,2020/2/3 10:00,0,【紫旗】补单", "1002,tb_b,10.00,10.00,2020/2/3 9:00,2020/2/3 10:00,0,A01 红色款"].join("\n");
    const folder = await readMonthFolder(monthFolder({ "ExportOrderList202002.csv": remarks }));
    expect(decodedRecords(folder.month, "orders").map((o) => o["flag"] ?? null)).toEqual(["purple", null]);
    const both = [`${head},旗帜`, "1001,tb_a,10.00,10.00,2020/2/3 9:00,2020/2/3 10:00,0,【紫旗】补单,红旗"].join("\n");
    expect(decodedRecords((await readMonthFolder(monthFolder({ "ExportOrderList202002.csv": both }))).month, "orders")[0]!["flag"]).toBe("red");
  });

  it("a flag that is no colour is refused at its file, row and field; two flag columns are refused", async () => {
    const problems = await folderProblems({ "ExportOrderList202002.csv": EXPORT.replace("紫旗", "粉旗") });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^ExportOrderList202002\.csv row 2 \(orderId "1001"\), flag: "粉旗" .*one of red \(红旗\)/);
    const two = mapTmallOrders([[...HEADER.split(","), "旗帜颜色"], [...EXPORT.split("\n")[1]!.split(","), "红"]], "orders.csv");
    expect(two.errors.map((e) => e.message)).toEqual(["orders.csv: columns 旗帜 and 旗帜颜色 both give the order's flag; keep one"]);
  });
});
