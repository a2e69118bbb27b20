// Reading ranges as hosts pass them: headers in English or Chinese, blank-cell conventions, serial
// and Date cells, numbers as ids, and every problem placed at its cell.
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/index.js";
import { columnName, parseOrigin, readSheet } from "../../src/sheets/index.js";

const ORDER_HEADER = ["orderId", "buyerId", "createdAt", "paidAt", "amount", "refundAmount"];

describe("readSheet: headers", () => {
  it("accepts the English ids and the Chinese column names", () => {
    const english = readSheet("orders", [ORDER_HEADER, ["O1", "b1", "2020-02-21 10:00", "2020-02-21 10:05", "128.00", ""]]);
    const chinese = readSheet("orders", [
      ["订单编号", "买家会员名", "下单时间", "付款时间", "实付金额", "退款金额"],
      ["O1", "b1", "2020-02-21 10:00", "2020-02-21 10:05", "128.00", ""],
    ]);
    expect(english.issues).toEqual([]);
    expect(chinese.issues).toEqual([]);
    expect(chinese.records).toEqual(english.records);
    expect(english.records[0]).toEqual({ orderId: "O1", buyerId: "b1", createdAt: "2020-02-21 10:00", paidAt: "2020-02-21 10:05", amount: "128.00" });
  });

  it("reads 售前 / 高级 labels of agents as the library's values", () => {
    const read = readSheet("agents", [["工号", "姓名", "组", "级别"], ["A01", "王芳", "售前", "高级"], ["A02", "李娜", "aftersale", "junior"]]);
    expect(read.records).toEqual([
      { agentId: "A01", name: "王芳", group: "presale", grade: "senior" },
      { agentId: "A02", name: "李娜", group: "aftersale", grade: "junior" },
    ]);
  });

  it("names each missing required column at the header and reads no rows", () => {
    const read = readSheet("orders", [["orderId", "buyerId", "createdAt"], ["O1", "b1", "2020-02-21"]], { sheet: "Orders" });
    expect(read.records).toEqual([]);
    expect(read.issues.map(formatIssue)).toEqual([
      "Orders!A1: missing column paidAt / 订单付款时间 / 付款时间",
      "Orders!A1: missing column amount / 实付金额 / 付款金额",
    ]);
  });

  it("rejects a column given twice (once in English, once in Chinese)", () => {
    const read = readSheet("orders", [[...ORDER_HEADER, "订单编号"]]);
    expect(read.issues.map(formatIssue)).toEqual(["订单!G1: column orderId appears more than once (also A)"]);
  });

  it("warns of columns it does not use, and of an empty header row", () => {
    const read = readSheet("orders", [[...ORDER_HEADER, "收货地址"], ["O1", "b1", "2020-02-21", "", "1", ""]]);
    expect(read.warnings).toEqual(["订单: column 收货地址 not used"]);
    expect(readSheet("orders", [["", null], ["O1"]]).issues[0]?.message).toMatch(/first row must be the header/);
  });
});

describe("readSheet: cells", () => {
  it("takes '', null, undefined and 0 as blank in id, text and date columns, but 0 as zero in money", () => {
    const read = readSheet("orders", [
      [...ORDER_HEADER, "remarkAgentId"],
      ["O1", "b1", "2020-02-21 10:00", "", "99", "", ""],
      ["O2", "b1", "2020-02-21 10:00", null, "99", null, null],
      ["O3", "b1", "2020-02-21 10:00", 0, "99", 0, 0],
      ["O4", "b1", "2020-02-21 10:00", undefined, "99", undefined, undefined],
    ]);
    expect(read.issues).toEqual([]);
    const common = { buyerId: "b1", createdAt: "2020-02-21 10:00", paidAt: "", amount: "99" };
    expect(read.records).toEqual([
      { orderId: "O1", ...common },
      { orderId: "O2", ...common },
      { orderId: "O3", ...common, refundAmount: 0 },
      { orderId: "O4", ...common },
    ]);
  });

  it("skips wholly blank rows (the unused tail of a range) but keeps the row numbers", () => {
    const read = readSheet("orders", [ORDER_HEADER, ["", null, 0], [], ["O2", "b1", "2020-02-21", "", "1", ""]]);
    expect(read.records.map((r) => r["orderId"])).toEqual(["O2"]);
    expect(read.rows).toEqual([4]);
  });

  it("reads serial numbers (1900 or 1904 system) and Date objects as instants", () => {
    const when = new Date(Date.UTC(2020, 1, 21, 2, 5)); // 10:05 in Shanghai
    const read = readSheet("orders", [ORDER_HEADER, ["O1", "b1", 43882.375, when, 128.5, 0]]);
    expect(read.records[0]).toMatchObject({ createdAt: "2020-02-21 09:00:00", paidAt: "2020-02-21T02:05:00.000Z", amount: 128.5 });
    const mac = readSheet("orders", [ORDER_HEADER, ["O1", "b1", 43882.375 - 1462, "", 1, ""]], { dateSystem: 1904 });
    expect(mac.records[0]).toMatchObject({ createdAt: "2020-02-21 09:00:00" });
  });

  it("reads whole-number ids and counts, and refuses ids a number cannot hold exactly", () => {
    const read = readSheet("consultations", [
      ["consultationId", "agentId", "buyerId", "startedAt", "firstReplyAt", "endedAt", "buyerMessages"],
      [9001, 1001, "b1", "2020-02-21 09:00", "2020-02-21 09:01", "2020-02-21 09:10", 4],
      [Number("12345678901234567890"), 1001, "b1", "2020-02-21 09:00", "", "2020-02-21 09:10", "3"],
      ["C3", 10.5, "b1", "2020-02-21 09:00", "", "2020-02-21 09:10", 2.5],
    ], { sheet: "咨询" });
    expect(read.records[0]).toMatchObject({ consultationId: "9001", agentId: "1001", buyerMessages: 4 });
    expect(read.records[1]).toMatchObject({ buyerMessages: 3 });
    expect(read.issues.map(formatIssue)).toEqual([
      "咨询!A3, consultationId: 12345678901234567000 is a number that cannot be an exact id (over 15 digits or a fraction): format the column as text",
      "咨询!B4, agentId: 10.5 is a number that cannot be an exact id (over 15 digits or a fraction): format the column as text",
      "咨询!G4, buyerMessages: 2.5 is not a whole number ≥ 0",
    ]);
    expect([...read.failed]).toEqual(["1:consultationId", "2:agentId", "2:buyerMessages"]);
  });

  it("places every unreadable cell at its address, counting from the range's origin", () => {
    const read = readSheet(
      "orders",
      [ORDER_HEADER, ["O1", "b1", 60, true, "1", ""], ["O2", "b1", new Date(NaN), "", "1", "", "", "x"]],
      { sheet: "订单", origin: "C5" },
    );
    expect(read.issues.map(formatIssue)).toEqual([
      "订单!E6, createdAt: 60 is Excel's 1900-02-29, a day that never was (serial 60)",
      "订单!F6, paidAt: TRUE is not a date-time",
      "订单!E7, createdAt: is an invalid date",
      "订单!J7: a value stands right of the header's last column",
    ]);
    expect(read.rows).toEqual([6, 7]);
    expect(read.columns.get("amount")).toBe("G");
  });
});

describe("readSheet: a Tmall export pasted into a sheet", () => {
  const header = ["订单编号", "买家会员名", "总金额", "买家实际支付金额", "退款金额", "订单创建时间", "订单付款时间 ", "订单备注"];

  it("maps it as the folder reader does: gross 总金额, refund 退款金额, checked against 买家实际支付金额", () => {
    const read = readSheet("orders", [
      header,
      ["1001", "tb_amy", 128, 100, 28, 43882, 43882.0034722222, "A03 发顺丰"],
      ["1002", "tb_bob", "¥50.00", "0", "0", "2020/2/21 0:00", "", ""],
    ]);
    expect(read.issues).toEqual([]);
    expect(read.records).toEqual([
      { orderId: "1001", buyerId: "tb_amy", createdAt: "2020-02-21 00:00:00", paidAt: "2020-02-21 00:05:00", amount: "128", refundAmount: "28" },
      { orderId: "1002", buyerId: "tb_bob", createdAt: "2020/2/21 0:00", paidAt: null, amount: "50.00", refundAmount: "0" },
    ]);
    expect(read.remarks).toEqual(["A03 发顺丰", null]);
    expect(read.columns.get("amount")).toBe("C");
  });

  it("places the export's own errors at their cells", () => {
    const read = readSheet("orders", [header, ["1001", "tb", 128, 100, 20, 43882, 43882.5, ""], ["1001", "tb", 1, 1, 0, 60, 43882.5, ""]], { sheet: "导出" });
    expect(read.issues.map(formatIssue)).toEqual([
      "导出!C2: 总金额 128.00 ≠ 买家实际支付金额 100.00 + 退款金额 20.00",
      "导出!F3: empty",
      "导出!A3: 1001 already appears in row 2",
      "导出!F3: 订单创建时间 60 is Excel's 1900-02-29, a day that never was (serial 60)",
    ]);
  });
});

describe("cell addresses", () => {
  it("names columns past Z and reads origins with $", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
    expect(parseOrigin("$C$5")).toEqual({ col: 2, row: 5 });
    expect(() => parseOrigin("5C")).toThrow(/not a cell address/);
  });
});

describe("readSheet: the people kinds' dates, months, scores and yes/no", () => {
  it("reads a date column from serials (without a time), Date objects in the shop zone, or text", () => {
    // 2020-02-01 00:00 in Shanghai is 2020-01-31T16:00Z: its calendar day is the 1st in the shop zone.
    const shanghaiMidnight = new Date(Date.UTC(2020, 0, 31, 16, 0));
    const read = readSheet("roster", [["工号", "日期", "班次"], ["A01", 43862, "白班"], ["A01", shanghaiMidnight, "晚班"], ["A01", "2020-02-03", "off"], ["A01", 43862.5, "day"]]);
    expect(read.records.slice(0, 3)).toEqual([
      { agentId: "A01", date: "2020-02-01", shift: "day" },
      { agentId: "A01", date: "2020-02-01", shift: "night" },
      { agentId: "A01", date: "2020-02-03", shift: "off" },
    ]);
    expect(read.issues.map(formatIssue)).toEqual(["排班!B5, date: 43862.5 has a time of day; expected a date"]);
    const utc = readSheet("roster", [["agentId", "date", "shift"], ["A01", shanghaiMidnight, "day"]], { timeZone: "UTC" });
    expect(utc.records[0]).toMatchObject({ date: "2020-01-31" });
  });

  it("reads a month typed into Excel (a serial of its first day) and scores and yes/no as given", () => {
    const scores = readSheet("scores", [["agentId", "month", "score"], ["A01", 43831, 86.5], ["A01", "2020-02", "0"], ["A01", "2020-03", 0]]);
    expect(scores.records).toEqual([
      { agentId: "A01", month: "2020-01", score: 86.5 },
      { agentId: "A01", month: "2020-02", score: "0" },
      { agentId: "A01", month: "2020-03", score: 0 },
    ]);
    const assessments = readSheet("assessments", [["工号", "考核项目", "是否通过", "时间"], ["A01", "promotionReview", true, 43880], ["A02", "promotionReview", 0, 43880], ["A03", "promotionReview", "否", 43880], ["A04", "promotionReview", 2, 43880]]);
    expect(assessments.records.slice(0, 3).map((r) => r["passed"])).toEqual([true, false, "否"]);
    expect(assessments.issues.map(formatIssue)).toEqual(["考核!C5, passed: 2 is not yes or no (TRUE/FALSE, 1/0, 是/否)"]);
  });
});
