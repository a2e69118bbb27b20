import { describe, expect, it } from "vitest";
import { KefuKpiError, formatIssue } from "../../src/index.js";
import { agentIdInRemark } from "../../src/records/tmall.js";
import { readMonthFolder, reportFolder } from "../../src/node/index.js";
import { AGENTS, CONSULTATIONS, ORDERS, monthFolder } from "./helpers.js";
import { decodedRecords } from "../../src/records/view.js";

async function problems(files: Record<string, string>): Promise<string[]> {
  try {
    const folder = await readMonthFolder(monthFolder(files));
    reportFolder(folder, folder.policy, "2020-02");
  } catch (error) {
    if (error instanceof KefuKpiError) return error.issues.map(formatIssue);
    throw error;
  }
  return [];
}

const TMALL_HEADER = "订单编号,买家会员名,总金额,买家实际支付金额,收货地址,订单创建时间,订单付款时间 ,退款金额,订单备注";

describe("readMonthFolder", () => {
  it("decodes CSV kinds, cells trimmed, into the month's columns", async () => {
    const folder = await readMonthFolder(monthFolder({ "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS }));
    expect(folder.month.tables.agents?.count).toBe(2);
    expect(decodedRecords(folder.month, "consultations")[0]).toEqual({
      consultationId: "C1", agentId: "A01", buyerId: "b1", startedAt: "2020-02-10T09:58:00+08:00",
      firstReplyAt: "2020-02-10T09:59:00+08:00", endedAt: "2020-02-10T10:20:00+08:00", buyerMessages: 5, agentMessages: 6, source: "商品详情",
    });
    // Empty cells are absent (an empty paidAt: unpaid).
    expect(decodedRecords(folder.month, "orders")[3]).toEqual({ orderId: "O4", buyerId: "b1", createdAt: "2020-02-20T11:00:00+08:00", amount: "50.00", refundAmount: "0.00" });
    expect(folder.warnings).toEqual([]);
  });

  it("reads JSON kinds and names the array index in errors", async () => {
    const orders = [
      { orderId: "O1", buyerId: "b1", createdAt: "2020-02-10T10:05:00+08:00", paidAt: "2020-02-10T10:06:00+08:00", amount: "10.00" },
      { orderId: "O2", buyerId: "b1", createdAt: "2020-02-10T10:05:00+08:00", paidAt: null, amount: "-3" },
    ];
    expect(await problems({ "orders.json": JSON.stringify(orders) })).toEqual([
      'orders.json[1] (orderId "O2"), amount: "-3" is negative; expected an amount ≥ 0',
    ]);
  });

  // Found by the fuzz suite: calls.json of 49 calls (or reviews.json, roster.json: any JSON kind
  // with one-byte columns whose length is no multiple of 4) ended in an internal error, exit 70.
  it("reads a JSON kind of any length, as its CSV file", async () => {
    for (const n of [17, 18, 19, 49]) {
      const calls = Array.from({ length: n }, (_, i) => ({ callId: `P${i}`, agentId: "A01", at: `2020-02-${String(1 + (i % 28)).padStart(2, "0")} 10:00`, answered: i % 3 === 0 ? "false" : "true" }));
      const csv = `callId,agentId,at,answered\n${calls.map((c) => `${c.callId},${c.agentId},${c.at},${c.answered}`).join("\n")}\n`;
      const base = { "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS };
      const fromJson = await readMonthFolder(monthFolder({ ...base, "calls.json": JSON.stringify(calls) }));
      const fromCsv = await readMonthFolder(monthFolder({ ...base, "calls.csv": csv }));
      expect(decodedRecords(fromJson.month, "calls"), `${n} calls`).toEqual(decodedRecords(fromCsv.month, "calls"));
      expect(reportFolder(fromJson, {}, "2020-02").agents[0]!.kpis.phoneAnswerRate).toEqual(reportFolder(fromCsv, {}, "2020-02").agents[0]!.kpis.phoneAnswerRate);
    }
  });

  it("leaves out unknown JSON fields with a warning, as for CSV columns", async () => {
    const orders = [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-10 10:05", paidAt: "2020-02-10 10:06", amount: "10.00", channel: "app" }];
    const agents = [{ agentId: "A01", name: "王芳", group: "presale", grade: "senior", supervisor: "A06" }];
    const folder = await readMonthFolder(monthFolder({ "orders.json": JSON.stringify(orders), "agents.json": JSON.stringify(agents) }));
    expect(folder.warnings).toEqual(["agents.json: field supervisor not used", "orders.json: field channel not used"]);
    const report = reportFolder(folder, {}, "2020-02");
    expect(report.shop.sales.orders).toBe(1);
    expect(report.agents.map((a) => a.name)).toEqual(["王芳"]);
  });

  it("warns about each missing kind and unused columns", async () => {
    const folder = await readMonthFolder(monthFolder({ "orders.csv": ORDERS.replace("remarkAgentId", "remarkAgentId,note").replace(/\n(O\d.*)/g, "\n$1,x") }));
    expect(reportFolder(folder).warnings).toEqual([
      "orders.csv: column note not used",
      "no consultations (file) given: every paid order counts as fully silent (全静默)",
      "no agents (file) given: agents are listed by the ids seen in the data, without name, group or grade",
      "no agents (file) given: no pay statements (the base salary follows the grade)",
      "no tickets, afterSales, reviews, qc, calls, shopReviews (files) given: the KPIs computed from them are null (no data)",
      "no shipments, orderAnomalies, complaints (files) given: the service levels checked from them have no data",
    ]);
  });

  it("rejects a missing column, a file given twice, broken JSON and a non-integer count", async () => {
    expect(await problems({ "orders.csv": ORDERS.replace("paidAt,", "") })).toEqual([
      "orders.csv row 1: missing column paidAt (expected columns orderId, buyerId, createdAt, paidAt, amount)",
    ]);
    expect(await problems({ "orders.csv": ORDERS, "orders.json": "[]" })).toEqual([
      "orders.csv: both orders.csv and orders.json are present; keep one",
    ]);
    expect((await problems({ "orders.json": "[{" }))[0]).toMatch(/^orders\.json: is not valid JSON/);
    expect(await problems({ "orders.json": "{}" })).toEqual(["orders.json: expected a JSON array of records"]);
    expect(await problems({ "consultations.csv": CONSULTATIONS.replace(",5,6,", ",5,six,"), "orders.csv": ORDERS })).toEqual([
      'consultations.csv row 2 (consultationId "C1"), agentMessages: "six" is not a whole number ≥ 0',
    ]);
    expect((await problems({ "policy.json": "{oops", "orders.csv": ORDERS }))[0]).toMatch(/^policy\.json: is not valid JSON/);
  });

  it("names file, row and field for every kind of bad record", async () => {
    const found = await problems({
      "agents.csv": AGENTS.replace("presale,junior", "sales,junior"),
      "consultations.csv": CONSULTATIONS.replace("2020-02-11 14:00:30", "2020-02-11 13:59:00"),
      "orders.csv": ORDERS.replace("99.50,9.50", "99.50,199.50").replace("O3,b3", "O1,b3"),
    });
    // Every kind is checked at once, kind by kind in the kinds' order.
    expect(found).toEqual([
      'agents.csv row 3 (agentId "A02"), group: "sales" is not one of presale (售前), insale (售中), aftersale (售后), bot (机器人)',
      'consultations.csv row 3 (consultationId "C2"), firstReplyAt: 2020-02-11 13:59 is before the consultation started (2020-02-11 14:00)',
      'orders.csv row 3 (orderId "O2"), refundAmount: 199.50 is more than the amount 99.50',
      'orders.csv row 4 (orderId "O1"), orderId: "O1" appears more than once; each order must be listed once (first at orders.csv row 2)',
    ]);
  });

  it("names the first of a repeated id by its file and row (CSV) or index (JSON)", async () => {
    const lines = CONSULTATIONS.trimEnd().split("\n");
    const repeated = [...lines, lines[1]!].join("\n") + "\n";
    expect(await problems({ "agents.csv": AGENTS, "consultations.csv": repeated, "orders.csv": ORDERS })).toEqual([
      `consultations.csv row ${lines.length + 1} (consultationId "C1"), consultationId: "C1" appears more than once; each consultation must be listed once (first at consultations.csv row 2)`,
    ]);
    const orders = [
      { orderId: "O1", buyerId: "b1", createdAt: "2020-02-10 10:00", paidAt: "2020-02-10 10:01", amount: "10.00" },
      { orderId: "O1", buyerId: "b2", createdAt: "2020-02-10 11:00", paidAt: "2020-02-10 11:01", amount: "12.00" },
    ];
    expect(await problems({ "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS, "orders.json": JSON.stringify(orders) })).toEqual([
      'orders.json[1] (orderId "O1"), orderId: "O1" appears more than once; each order must be listed once (first at orders.json[0])',
    ]);
  });

  it("reads a Tmall export without buyer ids: every order fully silent, with a warning", async () => {
    const tmall = [
      "订单编号,总金额,买家实际支付金额,收货地址,订单创建时间,订单付款时间 ,退款金额",
      '1001,128.00,128.00,"浙江省 杭州市, 西湖区",2020/2/21 0:00,2020/2/21 0:05,0.00',
      '1002,100.00,80.00,"北京市, 朝阳区",2020/2/22 9:00,2020/2/22 9:01,20.00',
      "1003,66.00,0.00,上海市,2020/2/23 9:00,,0.00",
    ].join("\r\n");
    const folder = await readMonthFolder(monthFolder({ "ExportOrderList202002.csv": tmall, "consultations.csv": CONSULTATIONS }));
    const report = reportFolder(folder);
    // R9: gross = 总金额, refunds = 退款金额, net = 买家实际支付金额 (refunds not deducted twice).
    expect(report.shop.sales).toEqual({ orders: 2, gross: "228.00", refunds: "20.00", net: "208.00" });
    expect(report.shop.silent).toEqual(report.shop.sales);
    expect(report.shop.unpaidOrders).toBe(1);
    expect(report.warnings).toEqual(expect.arrayContaining([
      "ExportOrderList202002.csv: no 买家会员名 (buyer id) column, so orders cannot be linked to chats; all 3 orders count as fully silent",
      "2 paid orders of 2020-02 have no buyer id, so they cannot be linked to chats and count as fully silent",
    ]));
  });

  it("reads a Tmall export with buyer ids and remarks: chats attribute, remarks name the 工号", async () => {
    const tmall = [
      TMALL_HEADER,
      "2001,b1,128.00,128.00,杭州,2020/2/10 10:05,2020/2/10 10:06,0.00,",
      "2002,b9,50.00,50.00,杭州,2020/2/10 11:00,2020/2/10 11:01,0.00,A02 发顺丰",
    ].join("\n");
    const folder = await readMonthFolder(monthFolder({ "orders.csv": tmall, "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS }));
    expect(decodedRecords(folder.month, "orders").map((o) => o["remarkAgentId"] ?? null)).toEqual([null, "A02"]);
    const chat = reportFolder(folder);
    expect(chat.agents.map((a) => [a.agentId, a.sales.net])).toEqual([["A01", "128.00"], ["A02", "0.00"]]);
    const remark = reportFolder(folder, { attribution: { source: "chatThenRemark" } });
    expect(remark.agents.map((a) => [a.agentId, a.sales.net])).toEqual([["A01", "128.00"], ["A02", "50.00"]]);
  });

  it("reports Tmall rows whose totals do not add up, with file, row and column", async () => {
    const tmall = [TMALL_HEADER, "3001,b1,128.00,100.00,杭州,2020/2/10 10:05,2020/2/10 10:06,20.00,"].join("\n");
    expect(await problems({ "orders.csv": tmall })).toEqual([
      "orders.csv row 2, 总金额: 总金额 128.00 ≠ 买家实际支付金额 100.00 + 退款金额 20.00",
    ]);
  });
});

describe("agentIdInRemark", () => {
  it("finds the earliest rostered 工号 standing as a token", () => {
    expect(agentIdInRemark("1号客服 A03，发顺丰", ["A01", "A03"])).toBe("A03");
    expect(agentIdInRemark("A01/A03", ["A03", "A01"])).toBe("A01");
    expect(agentIdInRemark("XA01 发货", ["A01"])).toBeNull();
    expect(agentIdInRemark("A011 发货 A01", ["A01"])).toBe("A01");
    expect(agentIdInRemark("改价", ["A01"])).toBeNull();
  });
});
