import { describe, expect, it } from "vitest";
import { checkServiceLevels } from "../../src/index.js";
import { readMonthFolder } from "../../src/node/index.js";
import { MonthDecoder } from "../../src/records/month.js";
import { decodedRecords } from "../../src/records/view.js";
import { addRange, parseOrigin as originOf } from "../../src/sheets/read.js";
import { mapTmallOrders } from "../../src/records/tmall.js";
import { folderProblems, monthFolder } from "./helpers.js";
import { gbk } from "./gbk.js";
import { message } from "../../src/render/lang.js";

// A Tmall export with the shipping columns (发货时间, 物流单号, 物流公司): its shipments come with its orders.
const HEADER = "订单编号,买家会员名,总金额,买家实际支付金额,订单创建时间,订单付款时间,退款金额,发货时间,物流单号,物流公司";
const EXPORT = [
  HEADER,
  "1001,tb_a,10.00,10.00,2020/2/3 9:00,2020/2/3 10:00,0,2020/2/4 10:00,SF100,顺丰速运", // 24 h: in time
  "1002,tb_b,10.00,10.00,2020/2/3 9:00,2020/2/3 10:00,0,2020/2/4 11:00,,", // 1 h late, no tracking number
  "1003,tb_c,10.00,10.00,2020/2/3 9:00,2020/2/3 10:00,0,,,", // not shipped
  "1004,tb_d,10.00,0,2020/2/3 9:00,,0,,,", // unpaid
].join("\n");

describe("a Tmall export's 发货时间, 物流单号 and 物流公司", () => {
  it("maps them per order (null where empty or absent)", () => {
    const rows = EXPORT.split("\n").map((line) => line.split(","));
    const mapped = mapTmallOrders(rows, "orders.csv");
    expect(mapped.shipping).toBe(true);
    expect(mapped.orders.map((o) => [o.shippedAt, o.trackingNo, o.carrier])).toEqual([
      ["2020/2/4 10:00", "SF100", "顺丰速运"],
      ["2020/2/4 11:00", null, null],
      [null, null, null],
      [null, null, null],
    ]);
    expect(mapTmallOrders([rows[0]!.slice(0, 7), rows[1]!.slice(0, 7)], "orders.csv").shipping).toBe(false);
  });

  it("become the folder's shipments, checked by the shipping rule", async () => {
    const folder = await readMonthFolder(monthFolder({ "ExportOrderList202002.csv": EXPORT }));
    expect(decodedRecords(folder.month, "shipments")).toEqual([
      { orderId: "1001", shippedAt: "2020-02-04T10:00:00+08:00", trackingNo: "SF100", carrier: "顺丰速运" },
      { orderId: "1002", shippedAt: "2020-02-04T11:00:00+08:00" },
    ]);
    const shipping = checkServiceLevels(folder.month, undefined, { period: "2020-02" }).find((c) => c.id === "shipping")!;
    expect(shipping).toMatchObject({ status: "ok", checked: 3, compliant: 1 });
    expect(shipping.breaches.map((b) => [b.recordId, b.lateSeconds])).toEqual([["1002", "3600"], ["1003", null]]);
  });

  it("a 发货时间 that is no time is refused at its file, row and field", async () => {
    const bad = EXPORT.replace("2020/2/4 11:00", "明天");
    expect(await folderProblems({ "ExportOrderList202002.csv": bad })).toEqual([
      'ExportOrderList202002.csv row 3 (orderId "1002"), shippedAt: "明天" is not a date-time; expected 2020-02-21 09:00[:ss], 2020/2/21 9:00, or ISO 8601 with an offset',
    ]);
    const early = EXPORT.replace("2020/2/4 11:00", "2020/2/2 11:00");
    expect(await folderProblems({ "ExportOrderList202002.csv": early })).toEqual([
      'ExportOrderList202002.csv row 3 (orderId "1002"), shippedAt: 2020-02-02 11:00 is before the order was placed (its createdAt 2020-02-03 09:00)',
    ]);
  });

  it("a shipments file given beside the export is the one read, and the export's column is said to be unused", async () => {
    const folder = await readMonthFolder(monthFolder({ "ExportOrderList202002.csv": EXPORT, "shipments.csv": "orderId,shippedAt\n1003,2020-02-03 12:00" }));
    expect(decodedRecords(folder.month, "shipments")).toEqual([{ orderId: "1003", shippedAt: "2020-02-03T12:00:00+08:00" }]);
    expect(folder.warnings).toEqual(["ExportOrderList202002.csv: its 发货时间 not used: the shipments file gives the shipments"]);
    expect(message(folder.warnings[0]!, "zh")).toBe("ExportOrderList202002.csv：未使用其发货时间，以单独提供的发货记录为准");
  });

  it("a shipments file and an anomalies file in GBK with the back office's Chinese headers", async () => {
    const folder = await readMonthFolder(monthFolder({
      "orders.csv": "orderId,buyerId,createdAt,paidAt,amount\nO1,b1,2020-02-03 09:00,2020-02-03 10:00,10.00\n",
      "shipments.csv": gbk("订单编号,发货时间,揽收时间,物流公司,运单号\nO1,2020-02-04 11:00,2020-02-04 18:00,中通快递,ZT1\n"),
      "orderAnomalies.csv": gbk("订单编号,反馈时间,核实时间,处理人工号,异常类型\nO1,2020-02-05 10:00,2020-02-05 12:00,,少发\n"),
    }));
    expect(decodedRecords(folder.month, "shipments")).toEqual([{ orderId: "O1", shippedAt: "2020-02-04T11:00:00+08:00", pickedUpAt: "2020-02-04T18:00:00+08:00", carrier: "中通快递", trackingNo: "ZT1" }]);
    const levels = checkServiceLevels(folder.month, undefined, { period: "2020-02" });
    expect(levels.filter((c) => ["orderAnomaly", "shipping", "pickupScan"].includes(c.id)).map((c) => [c.id, c.checked, c.compliant])).toEqual([["orderAnomaly", 1, 1], ["shipping", 1, 0], ["pickupScan", 1, 1]]);
  });

  it("a 揽收时间 column left empty throughout is no pick-up data, not every order unscanned", async () => {
    const folder = await readMonthFolder(monthFolder({
      "orders.csv": "orderId,buyerId,createdAt,paidAt,amount\nO1,b1,2020-02-03 09:00,2020-02-03 10:00,10.00\n",
      "shipments.csv": "orderId,shippedAt,pickedUpAt\nO1,2020-02-03 11:00,\n",
    }));
    const levels = checkServiceLevels(folder.month, undefined, { period: "2020-02" });
    expect(levels.filter((c) => c.id === "shipping" || c.id === "pickupScan").map((c) => [c.id, c.status, c.checked])).toEqual([["shipping", "ok", 1], ["pickupScan", "noData", 0]]);
  });

  it("two exports of which one lacks 发货时间 give no shipments, and say so", async () => {
    const without = [HEADER.split(",").slice(0, 7).join(","), "2001,tb_x,10.00,10.00,2020/2/5 9:00,2020/2/5 10:00,0"].join("\n");
    const folder = await readMonthFolder(monthFolder({ "ExportOrderList202002.csv": EXPORT, "ExportOrderList202002b.csv": without }));
    expect(folder.month.tables.shipments).toBeUndefined();
    expect(folder.month.tables.orders?.count).toBe(5);
    expect(folder.warnings).toEqual(["ExportOrderList202002.csv has 发货时间 but ExportOrderList202002b.csv has not: no shipments read from the exports"]);
    expect(message(folder.warnings[0]!, "zh")).toBe("ExportOrderList202002.csv 有发货时间而 ExportOrderList202002b.csv 没有：不从导出文件读取发货记录");
  });

  it("in a sheet: the export's shipments, a bad 发货时间 placed at its cell, and a shipments range preferred", () => {
    const place = (sheet: string) => ({ sheet, origin: originOf("A1"), dateSystem: 1900 as const });
    const rows = EXPORT.split("\n").map((line) => line.split(","));
    const decoder = new MonthDecoder(undefined);
    addRange(decoder, "orders", rows, place("订单"));
    const month = decoder.finish();
    expect(decodedRecords(month, "shipments").map((s) => s["orderId"])).toEqual(["1001", "1002"]);

    const bad = new MonthDecoder(undefined);
    addRange(bad, "orders", rows.map((r, i) => (i === 2 ? r.map((c, j) => (j === 7 ? "明天" : c)) : r)), place("订单"));
    expect(() => bad.finish()).toThrow(/订单!H3 \(orderId "1002"\), shippedAt: "明天" is not a date-time/);

    const both = new MonthDecoder(undefined);
    addRange(both, "orders", rows, place("订单"));
    addRange(both, "shipments", [["订单编号", "发货时间"], ["1003", "2020-02-03 12:00"]], place("发货"));
    const m = both.finish();
    expect(decodedRecords(m, "shipments").map((s) => s["orderId"])).toEqual(["1003"]);
    expect(m.warnings).toEqual(["订单: its 发货时间 not used: the shipments range gives the shipments"]);
  });
});
