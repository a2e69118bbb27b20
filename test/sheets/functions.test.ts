// The sheet functions: the sample month from ranges gives the CLI's figures to the cent; errors
// come back as cell-addressed values, never thrown.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MONTH_CSV_COLUMNS } from "../../src/render/index.js";
import { formatIssue } from "../../src/index.js";
import { parseCsv } from "../../src/node/csv.js";
import { kpiFolder, readMonthFolder, reportFolder } from "../../src/node/index.js";
import { renderKpiCsv } from "../../src/render/index.js";
import { sampleRanges } from "../bundle/sample.js";
import { cli } from "../node/helpers.js";
import {
  agentFigure,
  attributionTable,
  breachTable,
  chatTable,
  kpiTable,
  trendTable,
  ordersTable,
  payTable,
  policyFromCells,
  serviceLevelTable,
  sheetMonthReport,
  shopTable,
  toCells,
  trafficTable,
  targetsTable,
  transfersTable,
  botsTable,
  shopsTable,
  remindersTable,
  type Cell,
  type MonthRanges,
} from "../../src/sheets/index.js";

const dir = new URL("../../fixtures/sample-month/", import.meta.url).pathname;
const csv = (name: string): string[][] => parseCsv(readFileSync(`${dir}${name}`, "utf8"));
const sample: MonthRanges = sampleRanges();

/** The sample month as Excel would pass it: wall times as 1900 serials, money and counts as numbers. */
function asExcel(range: string[][], timeColumns: readonly string[], numberColumns: readonly string[]): Cell[][] {
  const header = range[0]!;
  return range.map((row, r) =>
    r === 0
      ? row
      : row.map((cell, c) => {
          const name = header[c]!;
          if (cell === "") return "";
          if (timeColumns.includes(name)) {
            // Excel keeps a typed date-time, date or month ("2020-01" becomes 2020-01-01) as a serial.
            const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(cell)!;
            const days = Date.UTC(+m[1]!, +m[2]! - 1, +(m[3] ?? 1)) / 86_400_000 + 25_569;
            return days + (+(m[4] ?? 0) * 3600 + +(m[5] ?? 0) * 60 + +(m[6] ?? 0)) / 86_400;
          }
          return numberColumns.includes(name) ? Number(cell) : cell;
        }),
  );
}

describe("the sample month through the sheet functions", () => {
  it("gives the CLI's JSON report, figure for figure", async () => {
    const expected = reportFolder(await readMonthFolder(dir));
    const report = sheetMonthReport(sample);
    expect(report.success).toBe(true);
    if (report.success) expect(report.data).toEqual(expected);
  });

  it("gives the same report from Excel-typed cells (serial dates, numeric money and counts)", async () => {
    const expected = reportFolder(await readMonthFolder(dir));
    const excel: MonthRanges = {
      ...sample,
      orders: asExcel(csv("orders.csv"), ["createdAt", "paidAt"], ["amount", "refundAmount"]),
      consultations: asExcel(csv("consultations.csv"), ["startedAt", "firstReplyAt", "endedAt"], ["buyerMessages", "agentMessages"]),
      roster: asExcel(csv("roster.csv"), ["date"], []),
      scores: asExcel(csv("scores.csv"), ["month"], ["score"]),
      violations: asExcel(csv("violations.csv"), ["at"], []),
    };
    expect(typeof excel.orders![1]![2]).toBe("number");
    expect(Number.isInteger(excel.roster![1]![1])).toBe(true);
    const report = sheetMonthReport(excel);
    if (!report.success) throw new Error(report.issues.map(formatIssue).join("\n"));
    expect(report.data).toEqual(expected);
  });

  it("attributionTable: the CSV's columns, money as numbers equal to the report's decimals", async () => {
    const expected = reportFolder(await readMonthFolder(dir));
    const result = attributionTable(sample);
    if (!result.success) throw new Error(result.message);
    expect(result.data[0]).toEqual([...MONTH_CSV_COLUMNS]);
    expect(result.data).toHaveLength(1 + expected.agents.length);
    result.data.slice(1).forEach((row, i) => {
      const a = expected.agents[i]!;
      const cell = (name: string): unknown => row[MONTH_CSV_COLUMNS.indexOf(name as never)];
      expect(cell("agentId")).toBe(a.agentId);
      expect(cell("orders")).toBe(a.sales.orders);
      expect((cell("net") as number).toFixed(2)).toBe(a.sales.net);
      expect((cell("gross") as number).toFixed(2)).toBe(a.sales.gross);
      expect(cell("addressChecks")).toBe(a.addressChecks);
    });
  });

  it("keeps money as exact text on request", () => {
    const result = shopTable(sample, { money: "text" });
    expect(toCells(result)).toEqual([
      ["line", "orders", "gross", "refunds", "net"],
      ["已付款 paid", 236, "43836.00", "1757.00", "42079.00"],
      ["客服业绩 credited", 193, "37649.00", "1728.00", "35921.00"],
      ["全静默 fully silent", 43, "6187.00", "29.00", "6158.00"],
      ["未计业绩 uncredited", 0, "0.00", "0.00", "0.00"],
      ["按旗帜排除 excluded by flag", 0, "0.00", "0.00", "0.00"],
    ]);
  });

  it("ordersTable explains every booked order; agentFigure gives one cell", () => {
    const orders = toCells(ordersTable(sample));
    expect(orders).toHaveLength(1 + 236);
    expect(orders[0]?.slice(0, 3)).toEqual(["orderId", "status", "paidAt"]);
    expect(toCells(agentFigure(sample, "A01", "net"))).toEqual([[13341]]);
    expect(toCells(agentFigure(sample, "A01", "orders"))).toEqual([[66]]);
    expect(toCells(agentFigure(sample, "A01", "net", { money: "text" }))).toEqual([["13341.00"]]);
    expect(toCells(agentFigure(sample, "A99", "net"))).toEqual([[expect.stringMatching(/^#KEFU! agentId: "A99" has no figures this month \(not in the agents range nor in the data\)/)]]);
    expect(toCells(agentFigure(sample, "A99", "total"))).toEqual([[expect.stringMatching(/^#KEFU! agentId: "A99" has no pay statement/)]]);
    const pay = toCells(payTable(sample, { money: "text" }));
    expect(toCells(agentFigure(sample, "A03", "total", { money: "text" }))).toEqual([[pay.find((r) => r[0] === "A03")![8]]]);
    // 5655.30 × 0.01: O0328–O0330, paid after A03's dismissal on 02-26, earn no commission.
    expect(toCells(agentFigure(sample, "A03", "commission", { money: "text" }))).toEqual([["56.55"]]);
    expect(toCells(agentFigure(sample, "A01", "salary"))).toEqual([[expect.stringMatching(/^#KEFU! figure: "salary" is not a figure; expected one of orders, gross/)]]);
  });
});

describe("the chat standards of a messages range (R8)", () => {
  it("lists every finding of the month, as the lint command's CSV, from the chat log and the agents' accounts alone", async () => {
    const table = toCells(chatTable({ agents: sample.agents, messages: sample.messages }, { month: "2020-02" }));
    const folder = await readMonthFolder(dir);
    const report = reportFolder(folder);
    expect(table[0]).toEqual(["at", "agentId", "buyerId", "consultationId", "ruleId", "label", "match", "start", "end", "suggestion", "waitSeconds", "text"]);
    expect(table).toHaveLength(1 + report.chat!.findings);
    // Without the consultations range the consultations are made from the log: same findings, ids made from agent, buyer and start.
    expect(table.slice(1).map((r) => [r[0], r[1], r[4], r[6], r[7]])).toEqual(report.chat!.lines.map((l) => [l.at, l.agentId, l.ruleId, l.match, l.start]));
    expect(table[1]![3]).toBe("A05/as10/2020-02-07 09:35");
    // With every range, the given consultations' ids.
    expect(toCells(chatTable(sample)).slice(1).map((r) => r[3])).toEqual(report.chat!.lines.map((l) => l.consultationId));
  });

  it("is an error naming the messages range when there is none, and the cells of a bad message", () => {
    expect(toCells(chatTable({ agents: sample.agents }, { month: "2020-02" }))).toEqual([[expect.stringMatching(/^#KEFU! messages: is missing; the chat standards check the chat log/)]]);
    const bad = sample.messages!.map((row, r) => (r === 3 ? [row[0]!, "陌生人", row[2]!, row[3]!] : row));
    expect(toCells(chatTable({ agents: sample.agents, messages: bad }, { month: "2020-02" }))).toEqual([[expect.stringMatching(/^#KEFU! 聊天记录!B4, from: neither "陌生人" nor "edge-tie-reply" is an agent.s sub-account/)]]);
  });
});

describe("the KPI table of a period", () => {
  it("equals the kpi command's CSV for a week and for the month, values as exact text on request", async () => {
    const folder = await readMonthFolder(dir);
    for (const period of ["2020-W06", "2020-02"]) {
      const csvText = renderKpiCsv(kpiFolder(folder, period));
      const table = toCells(kpiTable(sample, period, { money: "text" }));
      expect(table.map((row) => row.map(String).join(",")).join("\r\n") + "\r\n").toBe(csvText);
    }
    // By default the month most orders were paid in; numbers for the sheet to compute with.
    const month = toCells(kpiTable(sample));
    expect(month[1]?.[0]).toBe("2020-02");
    expect(typeof month[1]?.[4]).toBe("number");
    expect(toCells(kpiTable(sample, "2020-13"))[0]?.[0]).toMatch(/^#KEFU! options\.period: "2020-13" is not a month/);
    expect(toCells(kpiTable(sample, "2020-W06", { sheets: { orders: { origin: "A0" } } }))[0]?.[0]).toMatch(/^#KEFU! options\.sheets\.orders\.origin: "A0" is not a cell address like A1$/);
    expect(toCells(kpiTable({ agents: sample.agents }))[0]?.[0]).toMatch(/^#KEFU! month: no paid orders/);
  });

  it("trendTable gives the trend command's CSV rows, numbers for the sheet, and names a bad by or metric", async () => {
    const csv = await cli("trend", dir, "--by", "week", "--metric", "replyRate,agentSales", "--format", "csv", "--no-bom");
    const table = toCells(trendTable(sample, "replyRate, agentSales", "week", null, { money: "text" }));
    expect(table.map((row) => row.map(String).join(",")).join("\r\n") + "\r\n").toBe(csv.stdout);
    const numbers = toCells(trendTable(sample, "agentSales", "week"));
    expect(numbers[1]).toEqual(["agentSales", "(shop)", "", 3983.7, 9249.3, 10210.3, 9929.3, 4276.4, 37649, "", "", "", "", "", ""]);
    expect(toCells(trendTable(sample, "replyRate", null, "2020-W07"))[0]!.slice(3, 6)).toEqual(["2020-02-10", "2020-02-11", "2020-02-12"]);
    expect(toCells(trendTable(sample, "replyRate", "month"))[0]?.[0]).toBe('#KEFU! by: is the text "month"; expected day or week');
    expect(toCells(trendTable(sample, "replyrate"))[0]?.[0]).toMatch(/^#KEFU! options\.metrics\.0: is "replyrate", not a KPI metric/);
  });

  it("agentFigure gives one KPI or the scorecard score of the month", async () => {
    const report = reportFolder(await readMonthFolder(dir));
    const a01 = report.agents.find((a) => a.agentId === "A01")!;
    expect(toCells(agentFigure(sample, "A01", "replyRate", { money: "text" }))).toEqual([[a01.kpis.replyRate.value]]);
    expect(toCells(agentFigure(sample, "A01", "score"))).toEqual([[Number(a01.score.score)]]);
    // A03 is measured, not scored (probation): a blank cell, not 0.
    expect(toCells(agentFigure(sample, "A03", "score"))).toEqual([[""]]);
  });
});

describe("the policy from a sheet", () => {
  it("reads key/value rows as the defaults are typed (numbers, TRUE/FALSE or 是/否, time serials)", () => {
    const read = policyFromCells([
      ["setting", "value"],
      ["attribution.windowHours", "72"],
      ["attribution.deductRefunds", "否"],
      ["attribution.rule", "pay"],
      ["duties.paymentReminder.smsAboveAmount", 8],
      ["duties.returnedParcels.inspectBy", 17.5 / 24],
      ["", ""],
    ]);
    expect(read.issues).toEqual([]);
    expect(read.policy).toEqual({
      attribution: { windowHours: 72, deductRefunds: false, rule: "pay" },
      duties: { paymentReminder: { smsAboveAmount: "8" }, returnedParcels: { inspectBy: "17:30" } },
    });
    expect(read.cells.get("attribution.rule")).toBe("B4");
  });

  it("switches a number setting off with none (or 无 / 不限), and refuses it where the setting cannot be off", () => {
    const read = policyFromCells([
      ["attribution.windowHours", "不限"],
      ["chat.waitLimitSeconds", " None "],
    ]);
    expect(read.issues).toEqual([]);
    expect(read.policy).toEqual({ attribution: { windowHours: null }, chat: { waitLimitSeconds: null } });
    const off = attributionTable(sample, { policy: [["kpi.qc.weeklyCap", "none"]] });
    expect(off.success).toBe(false);
    if (!off.success) expect(off.issues.map((i) => [i.source?.cell, i.path.join(".")])).toEqual([["B1", "policy.kpi.qc.weeklyCap"]]);
  });

  it("takes the policy from rows or from one JSON cell alike, and it changes the figures", () => {
    const place = toCells(shopTable(sample, { money: "text" }));
    const pay = toCells(shopTable(sample, { money: "text", policy: [["attribution.rule", "place"]] }));
    const json = toCells(shopTable(sample, { money: "text", policy: [['{"attribution":{"rule":"place"}}']] }));
    expect(pay).toEqual(json);
    expect(pay).not.toEqual(place);
    // Under `place`, the silent orders that placeFirst credits to their payAgent are left uncredited.
    expect(pay[4]).toEqual(["未计业绩 uncredited", 22, expect.any(String), expect.any(String), expect.any(String)]);
  });

  it("places bad settings at their cells", () => {
    const result = attributionTable(sample, {
      policy: [["attribution.windowHours", 999], ["attribution.rules", "pay"], ["attribution.deductRefunds", "maybe"]],
      sheets: { policy: { sheet: "规则", origin: "D2" } },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => `${i.source?.file}!${i.source?.cell}: ${i.message}`)).toEqual([
      "规则!E4: \"maybe\" is not TRUE or FALSE",
      "规则!E2: the attribution window is at most 15 days (360 hours); null for none",
      "规则!E3: unknown setting \"rules\"",
    ]);
    expect(result.message).toMatch(/^规则!E4, attribution\.deductRefunds: "maybe" is not TRUE or FALSE; 规则!E2, attribution\.windowHours: /);
  });

  it("reports a JSON cell that is not JSON", () => {
    expect(toCells(shopTable(sample, { policy: "{attribution:" }))[0]?.[0]).toMatch(/^#KEFU! policy: is not valid JSON/);
  });
});

describe("the month computed once, its tables many", () => {
  it("gives each month table from sheetMonthReport's result as from the ranges, money options included", () => {
    for (const options of [{}, { money: "text" as const, month: "2020-02" }]) {
      const month = sheetMonthReport(sample, options);
      expect(month.success).toBe(true);
      expect(attributionTable(month, options)).toEqual(attributionTable(sample, options));
      expect(shopTable(month, options)).toEqual(shopTable(sample, options));
      expect(ordersTable(month, options)).toEqual(ordersTable(sample, options));
      expect(payTable(month, options)).toEqual(payTable(sample, options));
      for (const figure of ["net", "replyRate", "score", "total"]) expect(agentFigure(month, "A01", figure, options)).toEqual(agentFigure(sample, "A01", figure, options));
    }
  });

  it("keeps sheetMonthReport's result frozen all the way down, its lists built on first read included", () => {
    const month = sheetMonthReport(sample);
    if (!month.success) throw new Error("the sample month computes");
    // The orders are built on their first read; then they are as frozen as the rest (a table trusts them unchecked).
    const order = month.data.orders[1]!;
    expect(Object.isFrozen(month.data.orders)).toBe(true);
    expect(Object.isFrozen(order)).toBe(true);
    expect(() => {
      (order as { gross: unknown }).gross = {};
    }).toThrow(TypeError);
    expect(ordersTable(month)).toEqual(ordersTable(sample));
  });

  it("gives the same cell-addressed error from a failed month as from the ranges", () => {
    const orders = csv("orders.csv");
    orders[5]![3] = "2020/2/31 10:00";
    const ranges = { ...sample, orders };
    const month = sheetMonthReport(ranges);
    expect(month.success).toBe(false);
    const fromMonth = payTable(month);
    expect(fromMonth).toEqual(payTable(ranges));
    expect(fromMonth.success ? "" : fromMonth.message).toMatch(/^订单!D6 \(orderId "O0105"\), paidAt: /);
  });
});

describe("errors come back as values at their cells", () => {
  it("names the cells of bad records, from reading and from the rules alike, all at once", () => {
    const orders = csv("orders.csv");
    orders[5]![3] = "2020/2/31 10:00";
    orders[6]![4] = "-3";
    const consultations: Cell[][] = csv("consultations.csv");
    consultations[2]![4] = "2020-01-01 00:00:00"; // a reply before the consultation started
    consultations[3]![6] = -1; // buyerMessages
    const result = attributionTable({ ...sample, orders, consultations }, { sheets: { orders: { sheet: "Orders" } } });
    expect(result.success).toBe(false);
    if (result.success) return;
    // One decoder reads the cells and checks the records' rules: the problems come record by record.
    expect(result.issues.map((i) => `${i.source?.file}!${i.source?.cell} ${String(i.path.at(-1))}`)).toEqual([
      "咨询!E3 firstReplyAt",
      "咨询!G4 buyerMessages",
      "Orders!D6 paidAt",
      "Orders!E7 amount",
    ]);
    expect(result.message).toMatch(
      /^咨询!E3 \(consultationId "C0102"\), firstReplyAt: .*; 咨询!G4 \(consultationId "C0103"\), buyerMessages: -1 is out of range; expected a whole number ≥ 0; Orders!D6 \(orderId "O0105"\), paidAt: /,
    );
    expect(toCells(result)).toEqual([[`#KEFU! ${result.message}`]]);
  });

  it("names a near miss of a column name at its header cell, where the range sits", () => {
    const orders = csv("orders.csv");
    orders[0]![3] = "paidat";
    const result = attributionTable({ ...sample, orders }, { sheets: { orders: { sheet: "Orders", origin: "B2" } } });
    expect(toCells(result)).toEqual([['#KEFU! Orders!E2: column "paidat" is not a column of orders: did you mean paidAt (订单付款时间 / 付款时间)? (names match exactly, case included)']]);
  });

  it("names the problems of the ranges and of the policy together, the ranges' first", () => {
    const orders = csv("orders.csv");
    orders[2]![4] = "12.345";
    const result = shopTable({ ...sample, orders }, { policy: [["attribution.windowHours", 999]] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => `${i.source?.file}!${i.source?.cell} ${i.path.join(".")}`)).toEqual(["订单!E3 orders.1.amount", "设置!B1 policy.attribution.windowHours"]);
  });

  it("names the first of a repeated id by its cell", () => {
    const consultations: Cell[][] = csv("consultations.csv");
    consultations.push([...consultations[2]!]); // row 3's consultation again, at the end
    const result = attributionTable({ ...sample, consultations });
    const id = String(consultations[2]![0]);
    expect(result.success ? "" : result.message).toBe(
      `咨询!A${consultations.length} (consultationId "${id}"), consultationId: "${id}" appears more than once; each consultation must be listed once (first at 咨询!A3)`,
    );
  });

  it("treats a missing or blank range as no data, with the report's warning", () => {
    const result = sheetMonthReport({ orders: sample.orders, consultations: [[""], [null]], agents: [[0, 0]] });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.shop.credited.orders).toBe(0);
    expect(result.data.warnings).toContain("no consultations (file) given: every paid order counts as fully silent (全静默)");
  });

  it("never throws, even on what no host should pass", () => {
    expect(toCells(attributionTable({ orders: "A1:B2" as never }))[0]?.[0]).toMatch(/^#KEFU! 订单: expected a range/);
    expect(toCells(attributionTable(sample, { sheets: { orders: { origin: "1A" } } }))[0]?.[0]).toMatch(/^#KEFU! options\.sheets\.orders\.origin: "1A" is not a cell address like A1$/);
    expect(toCells(attributionTable({ orders: [["x"]] }))[0]?.[0]).toMatch(/^#KEFU! 订单!A1: missing column orderId/);
    expect(toCells(attributionTable({}))[0]?.[0]).toMatch(/^#KEFU! month: no paid orders/);
    expect(toCells(attributionTable(sample, { month: "2020-13" }))[0]?.[0]).toMatch(/^#KEFU! /);
  });
});

describe("a month or period cell that the host turned into a date", () => {
  // Excel turns a typed `2020-01` into the date 2020-01-01, passed as its serial; computed here from
  // the calendar (days since 1899-12-30; the 1904 system counts from 1904-01-01, 1462 days later).
  const serial = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / 86_400_000 + 25_569;
  const january = serial(2020, 1, 1);
  const error = (result: ReturnType<typeof attributionTable>): string => (result.success ? "no error" : result.message);

  it("a whole-day serial of a month's first day is that month, as its text is; the text is unchanged", () => {
    const asText = toCells(attributionTable(sample, { month: "2020-01" }));
    // January is not the month the sample falls in by default, so a month left unread would show.
    expect(asText).not.toEqual(toCells(attributionTable(sample)));
    expect(asText[1]?.[0]).toBe("2020-01");
    expect(toCells(attributionTable(sample, { month: january }))).toEqual(asText);
    expect(toCells(attributionTable(sample, { month: " 2020-01 " }))).toEqual(asText);
    expect(toCells(attributionTable(sample, { month: serial(2020, 2, 1) }))).toEqual(toCells(attributionTable(sample, { month: "2020-02" })));
    const month = sheetMonthReport(sample, { month: january });
    expect(month.success && month.data.month).toBe("2020-01");
  });

  it("reads the serial in the workbook's date system", () => {
    const asText = toCells(payTable(sample, { month: "2020-01" }));
    expect(toCells(payTable(sample, { month: january - 1462, dateSystem: 1904 }))).toEqual(asText);
    // The same number in the 1900 system is a day four years earlier, not a first of a month.
    expect(error(payTable(sample, { month: january - 1462 }))).toBe(
      `options.month: ${january - 1462} is 2015-12-31, not the first day of a month; expected a month YYYY-MM as text or the date serial of its first day`,
    );
  });

  it("refuses a date that is not a month's first day, a time of day, and what is no date serial, naming options.month", () => {
    const expected = "expected a month YYYY-MM as text or the date serial of its first day";
    const fourth = serial(2020, 2, 4);
    expect(error(attributionTable(sample, { month: fourth }))).toBe(`options.month: ${fourth} is 2020-02-04, not the first day of a month; ${expected}`);
    expect(error(attributionTable(sample, { month: 0.5 }))).toBe(`options.month: 0.5 is not a date serial of the 1900 date system; ${expected}`);
    expect(error(attributionTable(sample, { month: 0.5, dateSystem: 1904 }))).toBe(`options.month: 0.5 is 1904-01-01 12:00:00, not a whole day; ${expected}`);
    expect(error(attributionTable(sample, { month: january + 0.25 }))).toBe(`options.month: ${january + 0.25} is 2020-01-01 06:00:00, not a whole day; ${expected}`);
    for (const bad of [-1, Number.NaN, Infinity, 60, 1e9]) {
      expect(error(attributionTable(sample, { month: bad })), String(bad)).toBe(`options.month: ${String(bad)} is not a date serial of the 1900 date system; ${expected}`);
    }
    expect(error(attributionTable(sample, { month: true as never }))).toBe(`options.month: expected a month YYYY-MM as text or the date serial of its first day, got true`);
    const failed = sheetMonthReport(sample, { month: fourth });
    expect(failed.success ? null : failed.issues).toEqual([{ code: "invalid_value", path: ["options", "month"], message: expect.stringMatching(/^\d+ is 2020-02-04, not the first day/) }]);
  });

  it("reads a Date (Apps Script's date cell) by its calendar day in the shop's zone", () => {
    const asText = toCells(attributionTable(sample, { month: "2020-01" }));
    // Midnight of 2020-01-01 in Asia/Shanghai (UTC+8) is 2019-12-31 16:00 UTC.
    expect(toCells(attributionTable(sample, { month: new Date(Date.UTC(2019, 11, 31, 16)) }))).toEqual(asText);
    expect(error(attributionTable(sample, { month: new Date(Date.UTC(2019, 11, 31, 15)) }))).toBe(
      "options.month: 2019-12-31T15:00:00.000Z is 2019-12-31 in the shop's time zone (Asia/Shanghai), not the first day of a month; expected a month YYYY-MM as text or the date serial of its first day",
    );
    // Under a policy in another zone, the same instant is another calendar day.
    const utc = { timeZone: "UTC" };
    expect(error(attributionTable(sample, { month: new Date(Date.UTC(2019, 11, 31, 16)), policy: utc }))).toMatch(/^options\.month: .* is 2019-12-31 in the shop's time zone \(UTC\), not the first day/);
    expect(error(attributionTable(sample, { month: new Date(Number.NaN) }))).toBe("options.month: expected a month YYYY-MM as text or the date serial of its first day, got an object");
  });

  it("reads the KPI period's date cell as its month; another day is an error naming period", () => {
    expect(toCells(kpiTable(sample, serial(2020, 2, 1)))).toEqual(toCells(kpiTable(sample, "2020-02")));
    expect(toCells(kpiTable(sample, null, { month: january }))).toEqual(toCells(kpiTable(sample, "2020-01")));
    expect(toCells(kpiTable(sample, serial(2020, 2, 1)))).not.toEqual(toCells(kpiTable(sample, "2020-01")));
    expect(toCells(kpiTable(sample, serial(2020, 2, 3)))).toEqual([
      [`#KEFU! period: ${serial(2020, 2, 3)} is 2020-02-03, not the first day of a month; expected a period as text (2020-02-03, 2020-W06, 2020-02 or 2020-02-01..2020-02-15) or the date serial of a month's first day`],
    ]);
  });
});

describe("the service levels of the month's ranges (R2)", () => {
  it("one row per check and one per breach, as the month report has them", async () => {
    const report = reportFolder(await readMonthFolder(dir));
    const checks = toCells(serviceLevelTable(sample));
    expect(checks[0]).toEqual(["id", "label", "status", "checked", "compliant", "complianceRate", "breaches", "rule"]);
    expect(checks.slice(1).map((r) => [r[0], r[3], r[4], r[6]])).toEqual(report.serviceLevels.map((c) => [c.id, c.checked, c.compliant, c.checked - c.compliant]));
    // The sample month's shipments (its README): 232 paid orders checked (O0111 flagged green), O0120 late and O0130 never shipped.
    expect(checks.find((r) => r[0] === "shipping")).toEqual(["shipping", "", "ok", 232, 230, 0.9914, 2, "paid orders shipped within 24 h of payment, except orders flagged green"]);
    const breaches = toCells(breachTable(sample, { money: "text" }));
    expect(breaches[0]).toEqual(["id", "label", "recordId", "agentId", "at", "deadline", "lateSeconds", "reason"]);
    expect(breaches.length - 1).toBe(report.serviceLevels.reduce((n, c) => n + c.breaches.length, 0));
    expect(breaches.filter((r) => r[0] === "shipping")).toEqual([
      ["shipping", "", "O0120", "", "2020-02-10T09:49:00+08:00", "2020-02-11T09:49:00+08:00", "21600", "shipment at 2020-02-11T15:49:00+08:00, 21600 s late"],
      ["shipping", "", "O0130", "", "2020-02-15T09:17:00+08:00", "2020-02-16T09:17:00+08:00", "", "no shipment (due by 2020-02-16T09:17:00+08:00)"],
    ]);
    expect(breaches.filter((r) => r[0] === "orderAnomaly").map((r) => [r[2], r[3]])).toEqual([["O0233", "A04"], ["O0310", ""]]);
  });

  it("without shipments the shipping checks have no data and say which range is missing; a bad shipment is named at its cell", () => {
    const { shipments: _, orderAnomalies: __, ...without } = sample;
    const checks = toCells(serviceLevelTable(without));
    expect(checks.find((r) => r[0] === "shipping")).toEqual(["shipping", "", "noData", 0, 0, "", 0, "paid orders shipped within 24 h of payment, except orders flagged green (no shipments given)"]);
    const bad = sample.shipments!.map((row, r) => (r === 2 ? [row[0]!, "2020-02-31 10:00:00", ...row.slice(2)] : row));
    expect(toCells(serviceLevelTable({ ...sample, shipments: bad }))).toEqual([[expect.stringMatching(/^#KEFU! 发货!B3 \(orderId "O0102"\), shippedAt: "2020-02-31 10:00:00" is not a real calendar date/)]]);
  });
});

describe("the traffic of the month's ranges (seed 001)", () => {
  it("one row per day and the total, as the month report has them; values as exact text on request", async () => {
    const report = reportFolder(await readMonthFolder(dir));
    const rows = toCells(trafficTable(sample, { money: "text" }));
    expect(rows[0]).toEqual(["date", "uv", "paidBuyers", "sales", "conversionRate", "averageOrderValue", "estimate", "difference"]);
    expect(rows).toHaveLength(1 + 29 + 1);
    // 3 February and 16 February (no traffic record) of the sample month's README.
    expect(rows[3]).toEqual(["2020-02-03", 465, 9, "1117.90", "0.0194", "124.21", "1120.50", "-2.60"]);
    expect(rows[16]).toEqual(["2020-02-16", "", 9, "2797.90", "", "310.88", "", ""]);
    expect(rows.at(-1)).toEqual(["total", 16365, 227, "41038.10", "0.0139", "180.78", "", ""]);
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(report.traffic!.days.map((d) => d.date));
    // Numbers by default: money and rates as numbers.
    expect(toCells(trafficTable(sample)).at(-1)).toEqual(["total", 16365, 227, 41038.1, 0.0139, 180.78, "", ""]);
  });

  it("is an error naming the traffic range when there is none; a bad record is named at its cell", () => {
    const { traffic: _, ...without } = sample;
    expect(toCells(trafficTable(without))).toEqual([[expect.stringMatching(/^#KEFU! traffic: is missing; the traffic table needs the traffic range \(流量\)/)]]);
    const bad = sample.traffic!.map((row, r) => (r === 3 ? [row[0]!, row[1]!, "many"] : row));
    expect(toCells(trafficTable({ ...sample, traffic: bad }))).toEqual([[expect.stringMatching(/^#KEFU! 流量!C4, uv: "many" is not a whole number/)]]);
  });
});

describe("the team lead's tables: targets, transfers, payment reminders", () => {
  it("targetsTable: one row per targeted metric and agent, then the shop, as the month report has them", async () => {
    const report = reportFolder(await readMonthFolder(dir));
    const rows = toCells(targetsTable(sample, { money: "text" }));
    expect(rows[0]).toEqual(["metric", "bound", "target", "scope", "agentId", "value", "status"]);
    // Six default targets, each for the six agents and the shop.
    expect(rows).toHaveLength(1 + 6 * 7);
    expect(rows.slice(1, 8)).toEqual([
      ["goodReviewRate", "atLeast", "0.98", "agent", "A01", "0.9500", "missed"],
      ["goodReviewRate", "atLeast", "0.98", "agent", "A02", "1.0000", "met"],
      ["goodReviewRate", "atLeast", "0.98", "agent", "A03", "0.6667", "insufficient"],
      ["goodReviewRate", "atLeast", "0.98", "agent", "A04", "", "noData"],
      ["goodReviewRate", "atLeast", "0.98", "agent", "A05", "0.7500", "missed"],
      ["goodReviewRate", "atLeast", "0.98", "agent", "A06", "1.0000", "met"],
      ["goodReviewRate", "atLeast", "0.98", "shop", "", "0.9245", "missed"],
    ]);
    expect(rows.filter((r) => r[3] === "shop").map((r) => r[6])).toEqual(report.targets!.metrics.map((m) => m.shop.status));
    // Numbers by default: A04's average response, 30.00 against at most 30 (met, the edge).
    expect(toCells(targetsTable(sample)).find((r) => r[0] === "avgResponseSeconds" && r[4] === "A04")).toEqual(["avgResponseSeconds", "atMost", 30, "agent", "A04", 30, "met"]);
    // No target set: an error naming the policy key.
    expect(toCells(targetsTable(sample, { policy: { kpi: { targets: {} } } }))).toEqual([[expect.stringMatching(/^#KEFU! policy\.kpi\.targets: sets no target; the targets table needs at least one/)]]);
  });

  it("transfersTable: per agent out and in, and the total; an error naming the consultations when none names a transfer", () => {
    expect(toCells(transfersTable(sample))).toEqual([[expect.stringMatching(/^#KEFU! consultations\.transferredTo: is given by no consultation; the transfers table needs/)]]);
    // The sample README's what-if: CE04a (A01) transferred to A02, CE04b (A02) taken over from A01.
    const [header, ...rows] = sample.consultations!;
    const id = header!.indexOf("consultationId");
    const consultations = [
      [...header!, "transferredTo", "transferredFrom"],
      ...rows.map((r) => [...r, r[id] === "CE04a" ? "A02" : "", r[id] === "CE04b" ? "A01" : ""]),
    ];
    expect(toCells(transfersTable({ ...sample, consultations }))).toEqual([
      ["agentId", "transfersOut", "transfersIn"],
      ["A01", 1, 0],
      ["A02", 0, 1],
      ["total", 1, 1],
    ]);
    // A transfer whose taking-over consultation does not say where it came from: out 1, in 0.
    const outOnly = consultations.map((r, i) => (i === 0 ? r : [...r.slice(0, -1), ""]));
    expect(toCells(transfersTable({ ...sample, consultations: outOnly })).slice(1)).toEqual([
      ["A01", 1, 0],
      ["total", 1, 0],
    ]);
  });

  it("botsTable: the sample README's bot, figure by figure; an error naming the agents when none is a bot", () => {
    expect(toCells(botsTable(sample))).toEqual([[expect.stringMatching(/^#KEFU! agents\.group: names no bot; the bots table needs an agent of group bot/)]]);
    // The sample README's bot: BOT (group 店小蜜) and its seven consultations.
    const [aHeader, ...aRows] = sample.agents!;
    const agents = [aHeader!, ...aRows, aHeader!.map((h) => (h === "agentId" ? "BOT" : h === "group" ? "店小蜜" : h === "name" ? "店小蜜" : ""))];
    const [cHeader, ...cRows] = sample.consultations!;
    const botChat = (id: string, buyer: string, start: string, end: string, to = ""): string[] => {
      const cell: Record<string, string> = { consultationId: id, agentId: "BOT", buyerId: buyer, startedAt: start, firstReplyAt: start.replace(/:00$/, ":02"), endedAt: end };
      return [...cHeader!.map((h) => cell[h as string] ?? ""), to];
    };
    const consultations = [
      [...cHeader!, "transferredTo"],
      ...cRows.map((r) => [...r, ""]),
      botChat("CB01", "silent01", "2020-02-01 07:10:00", "2020-02-01 07:20:00"),
      botChat("CB02", "silent02", "2020-02-01 13:00:00", "2020-02-01 13:05:00"),
      botChat("CB03", "b0101", "2020-02-01 09:00:00", "2020-02-01 09:06:00"),
      botChat("CB04", "edge-window-past", "2020-02-06 19:00:00", "2020-02-06 19:30:00"),
      botChat("CB05", "nr02", "2020-02-06 23:50:00", "2020-02-06 23:52:40", "A02"),
      botChat("CB06", "botbuyer01", "2020-02-10 10:00:00", "2020-02-10 10:05:00"),
      botChat("CB07", "silent03", "2020-01-31 22:00:00", "2020-01-31 22:10:00"),
    ];
    expect(toCells(botsTable({ ...sample, agents, consultations }, { money: "text" }))).toEqual([
      ["figure", "value", "share"],
      ["consultations", "6", ""],
      ["handedOver", "1", ""],
      ["receivedByBots", "6", "0.0234"],
      ["receivedByBotsOnly", "3", "0.0117"],
      ["receivedByAll", "256", ""],
      ["servedOrders", "196", ""],
      ["servedNet", "37081.00", ""],
      ["botServedOrders", "3", "0.0153"],
      ["botServedNet", "1160.00", "0.0313"],
    ]);
  });

  it("shopsTable: the sample README's two shops, shop by shop; an error naming the orders' shopId for one shop", () => {
    expect(toCells(shopsTable(sample))).toEqual([[expect.stringMatching(/^#KEFU! orders\.shopId: names fewer than two shops/)]]);
    // The sample README's split: b0101 (C0101, O0101) and S01 are the 专营店's, the rest the 旗舰店's.
    const withShop = (range: readonly (readonly Cell[])[], id: string): Cell[][] => {
      const [header, ...rows] = range;
      const at = header!.indexOf(id);
      return [[...header!, "shopId"], ...rows.map((r) => [...r, ["C0101", "O0101", "S01"].includes(String(r[at])) ? "暖暖家居专营店" : "暖暖家居旗舰店"])];
    };
    const split = { ...sample, consultations: withShop(sample.consultations!, "consultationId"), orders: withShop(sample.orders!, "orderId") };
    expect(toCells(shopsTable(split, { money: "text" }))).toEqual([
      ["shopId", "consultations", "orders", "net", "creditedOrders", "creditedNet", "silentOrders", "silentNet", "botServedOrders", "botServedNet"],
      ["暖暖家居专营店", 1, 2, "207.00", 1, "128.00", 1, "79.00", 0, "0.00"],
      ["暖暖家居旗舰店", 259, 234, "41872.00", 192, "35793.00", 42, "6079.00", 0, "0.00"],
    ]);
  });

  it("remindersTable: the SMS and human reminders, each agent and the unowned ones, as the duties tally them", async () => {
    const report = reportFolder(await readMonthFolder(dir));
    const rows = toCells(remindersTable(sample, { money: "text" }));
    expect(rows.slice(0, 3)).toEqual([
      ["owner", "agentId", "owed", "paid", "recovered", "rate", "unpaid"],
      ["sms", "", 44, 24, "8047.00", "0.5455", 20],
      ["human", "", 25, 4, "4047.00", "0.1600", 21],
    ]);
    expect(rows.slice(3, -1).map((r) => r[1])).toEqual(report.people.duties.reminders.agents.map((a) => a.agentId));
    expect(rows.at(-1)).toEqual(["unowned", "", 1, 0, "0.00", "0.0000", 1]);
    // The agents' and the unowned reminders are the human ones, split.
    expect(rows.slice(3).reduce((n, r) => n + (r[2] as number), 0)).toBe(25);
    const { orders: _, ...withoutOrders } = sample;
    expect(toCells(remindersTable(withoutOrders, { month: "2020-02" }))).toEqual([[expect.stringMatching(/^#KEFU! orders: is missing; the payment reminders need the orders/)]]);
  });
});
