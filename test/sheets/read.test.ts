// Reading ranges as hosts pass them, through the one decoder: headers in English or Chinese (a near
// miss is an error at its header cell), blank-cell conventions, serial and Date cells, numbers as
// ids, and every problem placed at its cell.
import { describe, expect, it } from "vitest";
import { createZone } from "../../src/time/zone.js";
import { formatIssue } from "../../src/index.js";
import { MonthDecoder } from "../../src/records/month.js";
import { decodedRecords } from "../../src/records/view.js";
import { cellValue, columnName, parseOrigin, readSheet, type Cell } from "../../src/sheets/index.js";
import { addRange, parseOrigin as originOf } from "../../src/sheets/read.js";

const ORDER_HEADER = ["orderId", "buyerId", "createdAt", "paidAt", "amount", "refundAmount"];
const shanghai = { system: 1900 as const, zone: createZone("Asia/Shanghai") };
const messages = (read: { issues: readonly Parameters<typeof formatIssue>[0][] }): string[] => read.issues.map(formatIssue);

describe("cellValue: what the decoder reads for a cell a host passes", () => {
  it("turns blanks into nothing: '', null, undefined, and 0 except in money, count, score and boolean columns", () => {
    for (const blank of ["", null, undefined] as Cell[]) {
      for (const type of ["id", "agent", "text", "instant", "date", "month", "money", "count", "score", "boolean", "enum"] as const) expect(cellValue(blank, type, shanghai)).toBeUndefined();
    }
    for (const type of ["id", "agent", "buyer", "text", "instant", "date", "month", "enum"] as const) expect(cellValue(0, type, shanghai)).toBeUndefined();
    for (const type of ["money", "count", "score"] as const) expect(cellValue(0, type, shanghai)).toBe(0);
    expect(cellValue(0, "boolean", shanghai)).toBe("0");
  });

  it("turns an Excel serial into wall-time text: a date-time, a date without its midnight, a month", () => {
    expect(cellValue(43882.375, "instant", shanghai)).toBe("2020-02-21 09:00:00");
    expect(cellValue(43882.375 - 1462, "instant", { ...shanghai, system: 1904 })).toBe("2020-02-21 09:00:00");
    expect(cellValue(43882, "date", shanghai)).toBe("2020-02-21");
    // A time of day in a date column is handed over whole, for the decoder to refuse.
    expect(cellValue(43882.5, "date", shanghai)).toBe("2020-02-21 12:00:00");
    expect(cellValue(43831, "month", shanghai)).toBe("2020-01");
    // Excel's phantom 1900-02-29 as Excel shows it, a number before or after the serials as it is: the decoder refuses both.
    expect(cellValue(60, "instant", shanghai)).toBe("1900-02-29 00:00:00");
    expect(cellValue(60.5, "date", shanghai)).toBe("1900-02-29 12:00:00");
    expect(cellValue(60, "instant", { ...shanghai, system: 1904 })).toBe("1904-03-01 00:00:00");
    expect(cellValue(-1, "date", shanghai)).toBe(-1);
    expect(cellValue(2_958_466, "instant", shanghai)).toBe(2_958_466);
  });

  it("turns a Date into its instant, or its calendar day (month) in the shop zone in a date (month) column", () => {
    // 2020-02-01 00:00 in Shanghai is 2020-01-31T16:00Z.
    const midnight = new Date(Date.UTC(2020, 0, 31, 16, 0));
    expect(cellValue(midnight, "instant", shanghai)).toBe("2020-01-31T16:00:00.000Z");
    expect(cellValue(midnight, "date", shanghai)).toBe("2020-02-01");
    expect(cellValue(midnight, "month", shanghai)).toBe("2020-02");
    expect(cellValue(midnight, "date", { ...shanghai, zone: createZone("UTC") })).toBe("2020-01-31");
    expect(cellValue(new Date(NaN), "instant", shanghai)).toBe("Invalid Date");
  });

  it("turns a whole number in an id or text column into its digits when a number holds it exactly", () => {
    expect(cellValue(9001, "id", shanghai)).toBe("9001");
    expect(cellValue(1001, "agent", shanghai)).toBe("1001");
    expect(cellValue(Number.MAX_SAFE_INTEGER, "buyer", shanghai)).toBe("9007199254740991");
    // Inexact or no id: the number, which the decoder refuses.
    for (const n of [2 ** 53, 10.5, -3]) expect(cellValue(n, "id", shanghai)).toBe(n);
  });

  it("hands numbers in money, count and score columns, booleans and text over as they are", () => {
    expect(cellValue(128.5, "money", shanghai)).toBe(128.5);
    expect(cellValue(2.5, "count", shanghai)).toBe(2.5);
    expect(cellValue(86.5, "score", shanghai)).toBe(86.5);
    expect(cellValue(true, "boolean", shanghai)).toBe(true);
    expect(cellValue(false, "instant", shanghai)).toBe(false);
    expect(cellValue(1, "boolean", shanghai)).toBe("1");
    expect(cellValue(" O1 ", "id", shanghai)).toBe(" O1 ");
    expect(cellValue("constructor", "boolean", shanghai)).toBe("constructor");
  });
});

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
    expect(english.records[0]).toEqual({ orderId: "O1", buyerId: "b1", createdAt: "2020-02-21T10:00:00+08:00", paidAt: "2020-02-21T10:05:00+08:00", amount: "128.00" });
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
    expect(messages(read)).toEqual([
      "Orders!A1: missing column paidAt (expected columns orderId, buyerId, createdAt, paidAt, amount)",
      "Orders!A1: missing column amount (expected columns orderId, buyerId, createdAt, paidAt, amount)",
    ]);
  });

  it("places a near miss of a column name at its header cell, counting from the origin, and reads no rows", () => {
    const read = readSheet("orders", [["orderId", "buyerId", "createdAt", "paidAt", "amount", "refund Amount"], ["O1", "b1", "2020-02-21 10:00", "", "1", "5"]], { sheet: "订单", origin: "B3" });
    expect(read.records).toEqual([]);
    expect(read.issues.map((i) => [i.code, i.source?.cell])).toEqual([["invalid_file", "G3"]]);
    expect(messages(read)).toEqual(['订单!G3: column "refund Amount" is not a column of orders: did you mean refundAmount (退款金额)? (names match exactly, case included)']);
  });

  it("rejects a column given twice (once in English, once in Chinese) at its second cell", () => {
    const read = readSheet("orders", [[...ORDER_HEADER, "订单编号"]]);
    expect(messages(read)).toEqual(["订单!G1: columns orderId and 订单编号 both name orderId"]);
  });

  it("warns of columns it does not use, and names an empty header row", () => {
    const read = readSheet("orders", [[...ORDER_HEADER, "收货地址"], ["O1", "b1", "2020-02-21 10:00", "", "1", "", "杭州"]]);
    expect(read.issues).toEqual([]);
    expect(read.warnings).toEqual(["订单: column 收货地址 not used"]);
    expect(messages(readSheet("orders", [["", null], ["O1"]]))).toEqual(["订单!A1: the first row must be the header (expected columns orderId, buyerId, createdAt, paidAt, amount)"]);
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
    const common = { buyerId: "b1", createdAt: "2020-02-21T10:00:00+08:00", amount: "99.00" };
    expect(read.records).toEqual([
      { orderId: "O1", ...common },
      { orderId: "O2", ...common },
      { orderId: "O3", ...common, refundAmount: "0.00" },
      { orderId: "O4", ...common },
    ]);
  });

  it("skips wholly blank rows (the unused tail of a range) but keeps the row numbers", () => {
    const read = readSheet("orders", [ORDER_HEADER, ["", null, 0], [], ["O2", "b1", "2020-02-21 10:00", "", "1", ""], [" ", "\u3000"]]);
    expect(read.issues).toEqual([]);
    expect(read.records).toEqual([{ orderId: "O2", buyerId: "b1", createdAt: "2020-02-21T10:00:00+08:00", amount: "1.00" }]);
    expect(read.rows).toEqual([4]);
  });

  it("names a row shorter than the header at its first missing cell: a missing cell is not a blank one", () => {
    // Hosts pass rectangular ranges; an app that builds its arrays may cut a row (the refund would read as none).
    const read = readSheet("orders", [ORDER_HEADER, ["O1", "b1", "2020-02-21 10:00", "2020-02-21 10:05", "128"]], { origin: "B2" });
    expect(messages(read)).toEqual(['订单!G3: the row has 5 cells and the header 6: a missing cell is not a blank one (give every row the header\'s width)']);
    // Blank header cells after the last named column are the range's unused tail: rows need not reach them.
    const tail = readSheet("orders", [[...ORDER_HEADER, "", null], ["O1", "b1", "2020-02-21 10:00", "", "1", ""]]);
    expect(tail.issues).toEqual([]);
    // The Tmall export in a sheet alike.
    const tmall = readSheet("orders", [["订单编号", "买家会员名", "总金额", "买家实际支付金额", "订单创建时间", "订单付款时间", "退款金额"], ["1001", "tb1", "10.00", "10.00", "2020-02-21 10:00", "2020-02-21 10:05"]]);
    expect(messages(tmall)).toEqual([expect.stringContaining("订单!G2") as unknown as string]);
    expect(messages(tmall)[0]).toContain("the row has 6 cells and the header 7");
  });

  it("reads serial numbers (1900 or 1904 system) and Date objects as instants", () => {
    const when = new Date(Date.UTC(2020, 1, 21, 2, 5)); // 10:05 in Shanghai
    const read = readSheet("orders", [ORDER_HEADER, ["O1", "b1", 43882.375, when, 128.5, 0]]);
    expect(read.issues).toEqual([]);
    expect(read.records[0]).toEqual({ orderId: "O1", buyerId: "b1", createdAt: "2020-02-21T09:00:00+08:00", paidAt: "2020-02-21T10:05:00+08:00", amount: "128.50", refundAmount: "0.00" });
    const mac = readSheet("orders", [ORDER_HEADER, ["O1", "b1", 43882.375 - 1462, "", 1, ""]], { dateSystem: 1904 });
    expect(mac.records[0]).toMatchObject({ createdAt: "2020-02-21T09:00:00+08:00" });
    // Wall times are read in the zone given.
    const utc = readSheet("orders", [ORDER_HEADER, ["O1", "b1", 43882.375, "", 1, ""]], { timeZone: "UTC" });
    expect(utc.records[0]).toMatchObject({ createdAt: "2020-02-21T09:00:00Z" });
  });

  it("reads whole-number ids and counts, and the decoder refuses ids a number cannot hold exactly, at their cells", () => {
    const read = readSheet(
      "consultations",
      [
        ["consultationId", "agentId", "buyerId", "startedAt", "firstReplyAt", "endedAt", "buyerMessages"],
        [9001, 1001, "b1", "2020-02-21 09:00", "2020-02-21 09:01", "2020-02-21 09:10", 4],
        [Number("12345678901234567890"), 1001, "b1", "2020-02-21 09:00", "", "2020-02-21 09:10", "3"],
        ["C3", 10.5, "b1", "2020-02-21 09:00", "", "2020-02-21 09:10", 2.5],
      ],
      { sheet: "咨询" },
    );
    expect(read.records[0]).toMatchObject({ consultationId: "9001", agentId: "1001", buyerMessages: 4 });
    expect(read.records[1]).toMatchObject({ buyerMessages: 3 });
    expect(messages(read)).toEqual([
      "咨询!A3, consultationId: is the number 12345678901234567000; expected an id (text) (write ids as text: a number may have lost digits)",
      '咨询!B4 (consultationId "C3"), agentId: is the number 10.5; expected the agent\'s 工号 (text) (write ids as text: a number may have lost digits)',
      '咨询!G4 (consultationId "C3"), buyerMessages: 2.5 is not a whole number ≥ 0',
    ]);
  });

  it("places every unreadable cell at its address, counting from the range's origin", () => {
    const read = readSheet("orders", [ORDER_HEADER, ["O1", "b1", 60, true, "1", ""], ["O2", "b1", new Date(NaN), "", "1", "", "", "x"]], { sheet: "订单", origin: "C5" });
    expect(messages(read)).toEqual([
      '订单!E6 (orderId "O1"), createdAt: "1900-02-29 00:00:00" is not a real calendar date or time',
      '订单!F6 (orderId "O1"), paidAt: true is a boolean; expected a date-time like 2020-02-21 09:00:00',
      '订单!E7 (orderId "O2"), createdAt: "Invalid Date" is not a date-time; expected 2020-02-21 09:00[:ss], 2020/2/21 9:00, or ISO 8601 with an offset',
      "订单!J7: a value stands right of the header's last column",
    ]);
    expect(read.rows).toEqual([6, 7]);
  });

  it("places the problems of a record's rules at the cell of the field at fault", () => {
    const read = readSheet("orders", [ORDER_HEADER, ["O1", "b1", "2020-02-21 10:00", "2020-02-21 09:00", "10", "20"]], { origin: "B2" });
    expect(read.issues.map((i) => [i.source?.cell, i.path.join(".")])).toEqual([
      ["E3", "orders.0.paidAt"],
      ["G3", "orders.0.refundAmount"],
    ]);
  });

  it("names the first of a repeated id by its cell", () => {
    const read = readSheet("orders", [ORDER_HEADER, ["O1", "b1", "2020-02-21 10:00", "", "1", ""], ["O2", "b1", "2020-02-21 10:00", "", "1", ""], ["O1", "b1", "2020-02-21 10:00", "", "1", ""]], { origin: "B2" });
    expect(messages(read)).toEqual(['订单!B5 (orderId "O1"), orderId: "O1" appears more than once; each order must be listed once (first at 订单!B3)']);
  });

  it("reads a kind with yes/no and enum columns of any length (the decoder's columns of one byte a record)", () => {
    const agents = [["agentId", "name", "group", "grade"], ...Array.from({ length: 17 }, (_, i) => [`A${i}`, `客服${i}`, "presale", "junior"])];
    const read = readSheet("agents", agents);
    expect(read.issues).toEqual([]);
    expect(read.records).toHaveLength(17);
    const calls = readSheet("calls", [["agentId", "at", "answered"], ...Array.from({ length: 21 }, (_, i) => ["A01", "2020-02-03 10:00", i % 2 === 0])]);
    expect(calls.issues).toEqual([]);
    expect(calls.records.map((r) => r["answered"])).toEqual(Array.from({ length: 21 }, (_, i) => i % 2 === 0));
  });
});

describe("readSheet: a Tmall export pasted into a sheet", () => {
  const header = ["订单编号", "买家会员名", "总金额", "买家实际支付金额", "退款金额", "订单创建时间", "订单付款时间 ", "订单备注"];

  it("maps it as the folder reader does: gross 总金额, refund 退款金额, checked against 买家实际支付金额", () => {
    const read = readSheet("orders", [header, ["1001", "tb_amy", 128, 100, 28, 43882, 43882.0034722222, "A03 发顺丰"], [1002, "tb_bob", "¥50.00", "0", "0", "2020/2/21 0:00", "", ""]]);
    expect(read.issues).toEqual([]);
    expect(read.records).toEqual([
      { orderId: "1001", buyerId: "tb_amy", createdAt: "2020-02-21T00:00:00+08:00", paidAt: "2020-02-21T00:05:00+08:00", amount: "128.00", refundAmount: "28.00" },
      { orderId: "1002", buyerId: "tb_bob", createdAt: "2020-02-21T00:00:00+08:00", amount: "50.00", refundAmount: "0.00" },
    ]);
    // Without the agents, a remark's 工号 cannot be recognised.
    expect(read.warnings).toEqual(["1 order remarks (订单备注) not read for 工号: there is no agents range to recognise them by"]);
  });

  it("reads a rostered 工号 in 订单备注 when the agents range is read first", () => {
    const decoder = new MonthDecoder(undefined);
    const place = (sheet: string) => ({ sheet, origin: originOf("A1"), dateSystem: 1900 as const });
    addRange(decoder, "agents", [["工号", "姓名", "组", "级别"], ["A03", "王芳", "售前", "初级"]], place("客服"));
    addRange(
      decoder,
      "orders",
      [header, ["1001", "tb_amy", 128, 100, 28, 43882, 43882.0034722222, "A03 发顺丰"], ["1002", "tb_bob", 50, 50, 0, 43882, 43882.01, "A033 B07"]],
      place("订单"),
    );
    const month = decoder.finish();
    expect(decodedRecords(month, "orders").map((o) => o["remarkAgentId"])).toEqual(["A03", undefined]);
    expect(month.warnings).toEqual([]);
  });

  it("places the export's own errors and the decoder's at their cells", () => {
    const read = readSheet(
      "orders",
      [header, ["1001", "tb", 128, 100, 20, 43882, 43882.5, ""], ["1001", "tb", 1, 1, 0, 43882, 43882.5, ""], [2837460000000000000, "tb", 1, 1, 0, 60, 43882.5, ""]],
      { sheet: "导出" },
    );
    expect(messages(read)).toEqual([
      "导出!C2: 总金额 128.00 ≠ 买家实际支付金额 100.00 + 退款金额 20.00",
      "导出!A3: 1001 already appears in row 2",
      '导出!A4, orderId: "2.83746E+18" looks like a number in scientific notation (a long id Excel has shortened, its last digits lost); expected the id as text — format the column as text before saving',
      '导出!F4, createdAt: "1900-02-29 00:00:00" is not a real calendar date or time',
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
    expect(messages(read)).toEqual(['排班!B5, date: "2020-02-01 12:00:00" is not a date YYYY-MM-DD like 2020-02-21']);
    const utc = readSheet("roster", [["agentId", "date", "shift"], ["A01", shanghaiMidnight, "day"]], { timeZone: "UTC" });
    expect(utc.records[0]).toMatchObject({ date: "2020-01-31" });
  });

  it("reads a month typed into Excel (a serial of its first day), scores, and yes/no from booleans, 1/0 and text", () => {
    const scores = readSheet("scores", [["agentId", "month", "score"], ["A01", 43831, 86.5], ["A01", "2020-02", "0"], ["A01", "2020-03", 0]]);
    expect(scores.issues).toEqual([]);
    expect(scores.records).toEqual([
      { agentId: "A01", month: "2020-01", score: "86.5" },
      { agentId: "A01", month: "2020-02", score: "0" },
      { agentId: "A01", month: "2020-03", score: "0" },
    ]);
    const assessments = readSheet("assessments", [
      ["工号", "考核项目", "是否通过", "时间"],
      ["A01", "promotionReview", true, 43880],
      ["A02", "promotionReview", 0, 43880],
      ["A03", "promotionReview", "否", 43880],
      ["A04", "promotionReview", 1, 43880],
      ["A05", "promotionReview", 2, 43880],
    ]);
    expect(assessments.records.slice(0, 4).map((r) => r["passed"])).toEqual([true, false, false, true]);
    expect(messages(assessments)).toEqual(['考核!C6, passed: "2" is not true or false (also 1/0, yes/no, 是/否)']);
  });
});
