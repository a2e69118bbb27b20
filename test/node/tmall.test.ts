import { describe, it, expect } from "vitest";
import { decodeText } from "../../src/node/decode.js";
import { parseCsv, parseCsvWithLines } from "../../src/node/csv.js";
import { isTmallOrderHeader, mapTmallOrders } from "../../src/records/tmall.js";

const HEADER = [
  "订单编号",
  "买家会员名",
  "总金额",
  "买家实际支付金额",
  "收货地址",
  "订单创建时间",
  "订单付款时间",
  "退款金额",
  "订单备注",
  "订单状态",
];

/** A data row in HEADER's column order. */
function order(
  id: string,
  total: string,
  paid: string,
  refund: string,
  paidAt = "2020/2/21 0:05",
  extra: { buyer?: string; remark?: string; status?: string } = {},
): string[] {
  return [
    id,
    extra.buyer ?? "tb_amy",
    total,
    paid,
    "浙江省 杭州市",
    "2020/2/21 0:00",
    paidAt,
    refund,
    extra.remark ?? "",
    extra.status ?? "交易成功",
  ];
}

describe("isTmallOrderHeader", () => {
  it("recognises the Tmall order header, with stray spaces, full-width spaces and tabs", () => {
    expect(
      isTmallOrderHeader(["订单编号 ", "\t总金额", "买家实际支付金额\u3000", "收货地址", " 订单创建时间"]),
    ).toBe(true);
    expect(isTmallOrderHeader(HEADER)).toBe(true);
  });

  it("rejects headers missing one of the four key columns", () => {
    expect(isTmallOrderHeader(["订单编号", "总金额", "买家实际支付金额"])).toBe(false);
    expect(isTmallOrderHeader(["订单编号", "总金额", "订单创建时间", "实付金额"])).toBe(false);
    expect(isTmallOrderHeader([])).toBe(false);
  });
});

describe("mapTmallOrders", () => {
  it("maps a paid order: amount is 总金额 (gross), refundAmount is 退款金额", () => {
    const result = mapTmallOrders(
      [HEADER, order("1001", "¥128.00", "￥100.00", "28.00", "2020/2/21 0:05", { remark: "工号 A07" })],
      "orders.csv",
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.orders).toEqual([
      {
        orderId: "1001",
        buyerId: "tb_amy",
        createdAt: "2020/2/21 0:00",
        paidAt: "2020/2/21 0:05",
        amount: "128.00",
        refundAmount: "28.00",
        remark: "工号 A07",
        status: "交易成功",
        shippedAt: null,
        trackingNo: null,
        carrier: null,
        flag: null,
        row: 2,
      },
    ]);
  });

  it("accepts amounts with 0, 1 or 2 decimals and checks the identity in fen", () => {
    const result = mapTmallOrders(
      [HEADER, order("1", "128", "100.5", "27.50"), order("2", "0.3", "0.1", "0.2")],
      "f.csv",
    );
    expect(result.errors).toEqual([]);
    expect(result.orders.map((o) => [o.amount, o.refundAmount])).toEqual([
      ["128", "27.50"],
      ["0.3", "0.2"],
    ]);
  });

  it("treats an empty 退款金额 as 0", () => {
    const result = mapTmallOrders([HEADER, order("1", "50.00", "50.00", "")], "f.csv");
    expect(result.errors).toEqual([]);
    expect(result.orders[0]?.refundAmount).toBe("0");
  });

  it("trims header cells with stray spaces", () => {
    const header = HEADER.map((h) => (h === "订单付款时间" ? "订单付款时间 " : ` ${h}`));
    const result = mapTmallOrders([header, order("1", "10.00", "10.00", "0.00")], "f.csv");
    expect(result.errors).toEqual([]);
    expect(result.orders[0]?.paidAt).toBe("2020/2/21 0:05");
  });

  it("reports a 总金额 mismatch naming file and row", () => {
    const result = mapTmallOrders(
      [HEADER, order("1", "10.00", "10.00", "0"), order("2", "128.00", "100.00", "20.00")],
      "orders.csv",
    );
    expect(result.orders.map((o) => o.orderId)).toEqual(["1"]);
    expect(result.errors).toEqual([
      {
        row: 3,
        field: "总金额",
        message: "orders.csv row 3: 总金额 128.00 ≠ 买家实际支付金额 100.00 + 退款金额 20.00", detail: "总金额 128.00 ≠ 买家实际支付金额 100.00 + 退款金额 20.00",
      },
    ]);
  });

  it("reports a 1-fen mismatch (no float rounding)", () => {
    const result = mapTmallOrders([HEADER, order("1", "0.30", "0.10", "0.19")], "f.csv");
    expect(result.orders).toEqual([]);
    expect(result.errors[0]?.message).toBe("f.csv row 2: 总金额 0.30 ≠ 买家实际支付金额 0.10 + 退款金额 0.19");
  });

  it("reports malformed money naming row and column", () => {
    const result = mapTmallOrders(
      [HEADER, order("1", "12.3.4", "10.00", "0"), order("2", "10.00", "10.00", "-1"), order("3", "1.234", "", "0")],
      "orders.csv",
    );
    expect(result.orders).toEqual([]);
    expect(result.errors).toEqual([
      {
        row: 2,
        field: "总金额",
        message: 'orders.csv row 2, 总金额: "12.3.4" is not an amount (expected a decimal like 123.45)', detail: '"12.3.4" is not an amount (expected a decimal like 123.45)',
      },
      {
        row: 3,
        field: "退款金额",
        message: 'orders.csv row 3, 退款金额: "-1" is not an amount (expected a decimal like 123.45)', detail: '"-1" is not an amount (expected a decimal like 123.45)',
      },
      {
        row: 4,
        field: "总金额",
        message: 'orders.csv row 4, 总金额: "1.234" is not an amount (expected a decimal like 123.45)', detail: '"1.234" is not an amount (expected a decimal like 123.45)',
      },
      {
        row: 4,
        field: "买家实际支付金额",
        message: 'orders.csv row 4, 买家实际支付金额: "" is not an amount (expected a decimal like 123.45)', detail: '"" is not an amount (expected a decimal like 123.45)',
      },
    ]);
  });

  it("maps an unpaid order with 0 and 0 (paidAt null, amount still 总金额)", () => {
    const result = mapTmallOrders([HEADER, order("9", "66.00", "0.00", "0.00", "", { status: "交易关闭" })], "f.csv");
    expect(result.errors).toEqual([]);
    expect(result.orders[0]).toMatchObject({ orderId: "9", paidAt: null, amount: "66.00", refundAmount: "0.00", status: "交易关闭" });
  });

  it("rejects an unpaid order that shows a payment or refund", () => {
    const result = mapTmallOrders([HEADER, order("9", "66.00", "66.00", "5", "")], "f.csv");
    expect(result.orders).toEqual([]);
    expect(result.errors).toEqual([
      {
        row: 2,
        field: "买家实际支付金额",
        message: "f.csv row 2: unpaid order (empty 订单付款时间) has 买家实际支付金额 66.00, expected 0", detail: "unpaid order (empty 订单付款时间) has 买家实际支付金额 66.00, expected 0",
      },
      {
        row: 2,
        field: "退款金额",
        message: "f.csv row 2: unpaid order (empty 订单付款时间) has 退款金额 5.00, expected 0", detail: "unpaid order (empty 订单付款时间) has 退款金额 5.00, expected 0",
      },
    ]);
  });

  it("warns once when there is no 买家会员名 column and sets buyerId null", () => {
    const header = HEADER.filter((h) => h !== "买家会员名");
    const rows = [header, ["1", "10", "10", "addr", "2020/2/21 0:00", "2020/2/21 0:01", "0", "", ""], ["2", "20", "15", "addr", "2020/2/21 1:00", "2020/2/21 1:01", "5", "", ""]];
    const result = mapTmallOrders(rows, "shop.csv");
    expect(result.errors).toEqual([]);
    expect(result.orders.map((o) => o.buyerId)).toEqual([null, null]);
    expect(result.orders.map((o) => o.status)).toEqual([null, null]);
    expect(result.warnings).toEqual([
      "shop.csv: no 买家会员名 (buyer id) column, so orders cannot be linked to chats; all 2 orders count as fully silent",
    ]);
  });

  it("maps an export without the optional 订单备注 / 订单状态 columns to nulls", () => {
    const header = ["订单编号", "买家会员名", "总金额", "买家实际支付金额", "订单创建时间", "订单付款时间", "退款金额"];
    const result = mapTmallOrders([header, ["1", "", "10", "10", "2020/2/21 0:00", "2020/2/21 0:01", "0"]], "f.csv");
    expect(result.warnings).toEqual([]);
    expect(result.orders[0]).toMatchObject({ buyerId: null, remark: null, status: null });
  });

  it("reports each missing required column at row 1 and maps no orders", () => {
    const header = HEADER.filter((h) => h !== "订单付款时间" && h !== "退款金额");
    const result = mapTmallOrders([header, ["1", "tb", "10", "10", "a", "2020/2/21 0:00", "", ""]], "orders.csv");
    expect(result.orders).toEqual([]);
    expect(result.errors).toEqual([
      { row: 1, field: "退款金额", message: "orders.csv: missing column 退款金额", detail: "missing column 退款金额" },
      { row: 1, field: "订单付款时间", message: "orders.csv: missing column 订单付款时间", detail: "missing column 订单付款时间" },
    ]);
  });

  it("reports all six required columns for an empty input", () => {
    const result = mapTmallOrders([], "empty.csv");
    expect(result.errors.map((e) => e.field)).toEqual([
      "订单编号",
      "总金额",
      "买家实际支付金额",
      "退款金额",
      "订单创建时间",
      "订单付款时间",
    ]);
  });

  it("rejects a header with a duplicated column", () => {
    const result = mapTmallOrders([[...HEADER, "总金额"], [...order("1", "1", "1", "0"), "2"]], "f.csv");
    expect(result.orders).toEqual([]);
    expect(result.errors).toEqual([
      { row: 1, field: "总金额", message: "f.csv: column 总金额 appears more than once (columns 3 and 11)", detail: "column 总金额 appears more than once (columns 3 and 11)" },
    ]);
  });

  it("skips entirely empty rows but keeps row numbers as line numbers", () => {
    const result = mapTmallOrders([HEADER, ["", " ", ""], [], order("1", "1", "1", "0")], "f.csv");
    expect(result.errors).toEqual([]);
    expect(result.orders.map((o) => o.row)).toEqual([4]);
  });

  it("reports a row with fewer cells than the header", () => {
    const result = mapTmallOrders([HEADER, ["1", "tb", "10"]], "f.csv");
    expect(result.orders).toEqual([]);
    expect(result.errors).toEqual([
      { row: 2, field: "", message: "f.csv row 2: 3 cells but the header has 10 columns", detail: "3 cells but the header has 10 columns" },
    ]);
  });

  it("allows extra empty trailing cells but rejects extra non-empty ones", () => {
    const result = mapTmallOrders(
      [HEADER, [...order("1", "1", "1", "0"), ""], [...order("2", "1", "1", "0"), "x"]],
      "f.csv",
    );
    expect(result.orders.map((o) => o.orderId)).toEqual(["1"]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ row: 3, field: "" });
    expect(result.errors[0]?.message).toMatch(/^f\.csv row 3: 11 cells but the header has 10 columns/);
  });

  it("rejects empty 订单编号 / 订单创建时间 and duplicate order ids", () => {
    const noCreated = order("3", "1", "1", "0");
    noCreated[5] = " ";
    const result = mapTmallOrders(
      [HEADER, order("1", "1", "1", "0"), order("", "1", "1", "0"), noCreated, order("1", "2", "2", "0")],
      "f.csv",
    );
    expect(result.orders.map((o) => o.row)).toEqual([2]);
    expect(result.errors).toEqual([
      { row: 3, field: "订单编号", message: "f.csv row 3, 订单编号: empty", detail: "empty" },
      { row: 4, field: "订单创建时间", message: "f.csv row 4, 订单创建时间: empty", detail: "empty" },
      { row: 5, field: "订单编号", message: "f.csv row 5, 订单编号: 1 already appears in row 2", detail: "1 already appears in row 2" },
    ]);
  });

  it("uses physical line numbers when given the lines from parseCsvWithLines", () => {
    const text = [
      HEADER.join(","),
      "",
      order("1", "1", "1", "0", "2020/2/21 0:05", { remark: '"工号 A07\n多行备注"' }).join(","),
      order("2", "5", "1", "1").join(","),
      "",
    ].join("\n");
    const { rows, lines } = parseCsvWithLines(text);
    const result = mapTmallOrders(rows, "f.csv", { lines });
    expect(result.orders[0]).toMatchObject({ orderId: "1", remark: "工号 A07\n多行备注", row: 3 });
    expect(result.errors[0]?.row).toBe(5);
    expect(result.errors[0]?.message).toBe("f.csv row 5: 总金额 5.00 ≠ 买家实际支付金额 1.00 + 退款金额 1.00");
  });

  it("imports a real GBK-encoded export end to end (BOM-less, text guard, stray header space)", () => {
    // python3: ('订单编号,买家会员名,总金额,买家实际支付金额,订单创建时间,订单付款时间 ,退款金额\r\n'
    //           '="1001",张三,128.00,100.00,2020/2/21 0:00,2020/2/21 0:05,28.00\r\n').encode('gbk')
    const bytes = new Uint8Array([
      0xb6, 0xa9, 0xb5, 0xa5, 0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xc2, 0xf2, 0xbc, 0xd2, 0xbb, 0xe1, 0xd4, 0xb1,
      0xc3, 0xfb, 0x2c, 0xd7, 0xdc, 0xbd, 0xf0, 0xb6, 0xee, 0x2c, 0xc2, 0xf2, 0xbc, 0xd2, 0xca, 0xb5, 0xbc,
      0xca, 0xd6, 0xa7, 0xb8, 0xb6, 0xbd, 0xf0, 0xb6, 0xee, 0x2c, 0xb6, 0xa9, 0xb5, 0xa5, 0xb4, 0xb4, 0xbd,
      0xa8, 0xca, 0xb1, 0xbc, 0xe4, 0x2c, 0xb6, 0xa9, 0xb5, 0xa5, 0xb8, 0xb6, 0xbf, 0xee, 0xca, 0xb1, 0xbc,
      0xe4, 0x20, 0x2c, 0xcd, 0xcb, 0xbf, 0xee, 0xbd, 0xf0, 0xb6, 0xee, 0x0d, 0x0a, 0x3d, 0x22, 0x31, 0x30,
      0x30, 0x31, 0x22, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x32, 0x38, 0x2e, 0x30, 0x30, 0x2c, 0x31,
      0x30, 0x30, 0x2e, 0x30, 0x30, 0x2c, 0x32, 0x30, 0x32, 0x30, 0x2f, 0x32, 0x2f, 0x32, 0x31, 0x20, 0x30,
      0x3a, 0x30, 0x30, 0x2c, 0x32, 0x30, 0x32, 0x30, 0x2f, 0x32, 0x2f, 0x32, 0x31, 0x20, 0x30, 0x3a, 0x30,
      0x35, 0x2c, 0x32, 0x38, 0x2e, 0x30, 0x30, 0x0d, 0x0a,
    ]);
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe("gbk");
    const rows = parseCsv(decoded.text);
    expect(rows[0]).toBeDefined();
    expect(isTmallOrderHeader(rows[0] ?? [])).toBe(true);
    const result = mapTmallOrders(rows, "ExportOrderList.csv");
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.orders).toEqual([
      {
        orderId: "1001",
        buyerId: "张三",
        createdAt: "2020/2/21 0:00",
        paidAt: "2020/2/21 0:05",
        amount: "128.00",
        refundAmount: "28.00",
        remark: null,
        status: null,
        shippedAt: null,
        trackingNo: null,
        carrier: null,
        flag: null,
        row: 2,
      },
    ]);
  });
});
