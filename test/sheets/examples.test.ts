// The spreadsheet examples run as their hosts run them, as `npm run examples` builds them (built
// here into a folder of their own): Excel's one script alone in a fresh global scope (a vm context
// with code generation off) with CustomFunctions stood in for by a recorder, and the Apps Script
// files in one global scope. The wrappers must register what functions.json declares, give the
// adapter's tables, read a month cell Excel turned into a date, and return errors as values.
import { readFileSync } from "node:fs";
import { createContext, runInContext, type Context } from "node:vm";
import { describe, expect, it } from "vitest";
import { attributionTable, breachTable, kpiTable, trendTable, ordersTable, payTable, remindersTable, serviceLevelTable, targetsTable, toCells, trafficTable } from "../../src/sheets/index.js";
import { sampleRanges } from "../bundle/sample.js";
import { buildExamples, serial1900 } from "./builtExamples.js";

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const built = buildExamples();

function host(globals: Record<string, unknown>, ...scripts: string[]): Context {
  const context = createContext(globals, { codeGeneration: { strings: false, wasm: false } });
  for (const script of scripts) runInContext(script, context);
  return context;
}

class CustomError {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

/** Excel's CustomFunctions, recording what the script associates. */
function customFunctions(): { CustomFunctions: unknown; registered: Map<string, (...args: unknown[]) => unknown> } {
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  const CustomFunctions = { associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn), Error: CustomError, ErrorCode: { invalidValue: "#VALUE!" } };
  return { CustomFunctions, registered };
}

describe("examples/excel: the one script Excel loads, alone", () => {
  const metadata = JSON.parse(built.excel["functions.json"]) as {
    functions: { id: string; name: string; parameters: { name: string; type: string; optional?: boolean }[] }[];
  };
  const { CustomFunctions, registered } = customFunctions();
  // Nothing but the runtime's CustomFunctions: no bundle loaded before it.
  const excel = host({ CustomFunctions }, built.excel["functions.js"]);
  const sample = sampleRanges();

  it("carries the library itself and leaves no global behind", () => {
    expect(Object.keys(excel)).toEqual(["CustomFunctions"]);
    expect(built.excel["functions.js"]).toContain(read("dist/kefu-kpi.global.js").trimEnd());
    expect(built.excel["functions.json"]).toBe(read("examples/excel/src/functions.json"));
  });

  it("is what the manifest names: its script, page and metadata URLs are the built files, under one origin", () => {
    const manifest = read("examples/excel/manifest.xml");
    const url = (id: string): URL => new URL(new RegExp(`<bt:Url id="${id}" DefaultValue="([^"]+)"`).exec(manifest)![1]!);
    const [script, page, meta] = ["Functions.Script.Url", "Functions.Page.Url", "Functions.Metadata.Url"].map(url);
    expect([script!.pathname, page!.pathname, meta!.pathname]).toEqual(["/functions.js", "/functions.html", "/functions.json"]);
    expect(new Set([script!.origin, page!.origin, meta!.origin, new URL(/<SourceLocation DefaultValue="([^"]+)"/.exec(manifest)![1]!).origin])).toEqual(new Set(["https://localhost:3000"]));
    // The page loads the runtime and the one script the manifest names, nothing else.
    const sources = [...built.excel["functions.html"].matchAll(/<script src="([^"]+)"/g)].map((m) => new URL(m[1]!, page!).href);
    expect(sources).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/custom-functions-runtime.js", script!.href]);
  });

  it("associates exactly the functions of functions.json, each taking its declared parameters", () => {
    expect([...registered.keys()].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    for (const f of metadata.functions) {
      expect(f.name).toBe(f.id);
      expect(registered.get(f.id)!.length, f.id).toBe(f.parameters.length);
      // Optional parameters come last, as Excel requires.
      const firstOptional = f.parameters.findIndex((p) => p.optional);
      expect(f.parameters.slice(firstOptional).every((p) => p.optional), f.id).toBe(true);
    }
  });

  it("KEFU.ATTRIBUTION gives the adapter's table; omitted arguments arrive as null", () => {
    const table = registered.get("ATTRIBUTION")!(sample.orders, sample.consultations, sample.agents, null, null, null);
    expect(JSON.parse(JSON.stringify(table))).toEqual(toCells(attributionTable(sample)));
    expect(registered.get("AGENT")!("A01", "net", null, null, [sample.orders, sample.consultations, sample.agents])).toEqual([[13341]]);
    // A policy in one cell of JSON, as Excel passes a single cell: [["{…}"]].
    const place = registered.get("SHOP")!(sample.orders, sample.consultations, sample.agents, [['{"attribution":{"rule":"place"}}']], "2020-02", null) as unknown[][];
    expect(place[4]?.[1]).toBe(22);
  });

  it("KEFU.PAY takes the month's ranges in any order, each known by its header", () => {
    const all = Object.values(sample).reverse();
    const table = registered.get("PAY")!(null, null, all) as unknown[][];
    expect(JSON.parse(JSON.stringify(table))).toEqual(toCells(payTable(sample)));
    expect(table[0]).toEqual(["agentId", "name", "baseSalary", "commission", "kpiBonus", "rewards", "fines", "clawback", "total"]);
    const unknown = registered.get("PAY")!("", "", [sample.orders, [["what", "ever"]]]) as CustomError;
    expect(unknown.message).toMatch(/^range 2: its header \(what, ever\) is not the header of any kind/);
  });

  it("KEFU.SERVICE and KEFU.BREACHES give the service levels and their breaches", () => {
    const checks = registered.get("SERVICE")!("2020-02", null, Object.values(sample)) as unknown[][];
    expect(JSON.parse(JSON.stringify(checks))).toEqual(toCells(serviceLevelTable(sample)));
    expect(checks.find((r) => r[0] === "shipping")?.slice(3, 5)).toEqual([232, 230]);
    const breaches = registered.get("BREACHES")!(null, null, Object.values(sample)) as unknown[][];
    expect(JSON.parse(JSON.stringify(breaches))).toEqual(toCells(breachTable(sample)));
  });

  it("KEFU.TRAFFIC gives the shop's traffic per day and the total", () => {
    const days = registered.get("TRAFFIC")!("2020-02", null, Object.values(sample)) as unknown[][];
    expect(JSON.parse(JSON.stringify(days))).toEqual(toCells(trafficTable(sample)));
    expect(days.at(-1)?.slice(0, 3)).toEqual(["total", 16365, 227]);
  });

  it("KEFU.TARGETS, KEFU.TRANSFERS and KEFU.REMINDERS give the lead's tables, or say what is missing", () => {
    const targets = registered.get("TARGETS")!("2020-02", null, Object.values(sample)) as unknown[][];
    expect(JSON.parse(JSON.stringify(targets))).toEqual(toCells(targetsTable(sample)));
    expect(targets[1]).toEqual(["goodReviewRate", "atLeast", 0.98, "agent", "A01", 0.95, "missed"]);
    const reminders = registered.get("REMINDERS")!("2020-02", null, Object.values(sample)) as unknown[][];
    expect(JSON.parse(JSON.stringify(reminders))).toEqual(toCells(remindersTable(sample)));
    expect(reminders[1]).toEqual(["sms", "", 44, 24, 8047, 0.5455, 20]);
    // The sample names no transfer: the error names the field.
    const transfers = registered.get("TRANSFERS")!("2020-02", null, Object.values(sample)) as CustomError;
    expect(transfers.message).toMatch(/^consultations\.transferredTo: is given by no consultation/);
    // The sample has no bot: the error names the agents' group.
    const bots = registered.get("BOTS")!("2020-02", null, Object.values(sample)) as CustomError;
    expect(bots.message).toMatch(/^agents\.group: names no bot/);
    // The sample is one shop's: the error names the orders' shopId.
    const shops = registered.get("SHOPS")!("2020-02", null, Object.values(sample)) as CustomError;
    expect(shops.message).toMatch(/^orders\.shopId: names fewer than two shops/);
  });

  it("KEFU.KPI gives the KPI table of a period", () => {
    const table = registered.get("KPI")!("2020-W06", null, Object.values(sample)) as unknown[][];
    expect(JSON.parse(JSON.stringify(table))).toEqual(toCells(kpiTable(sample, "2020-W06")));
    expect(table[1]?.[0]).toBe("2020-W06");
    const trend = registered.get("TREND")!("replyRate", "week", null, null, Object.values(sample)) as unknown[][];
    expect(JSON.parse(JSON.stringify(trend))).toEqual(toCells(trendTable(sample, "replyRate", "week")));
  });

  it("returns a CustomFunctions.Error naming the cell instead of throwing", () => {
    const orders = sample.orders.map((row) => [...row]);
    orders[3]![2] = "2020-02-30 10:00";
    const result = registered.get("ATTRIBUTION")!(orders, sample.consultations, sample.agents, null, null, null) as CustomError;
    expect(result).toBeInstanceOf(CustomError);
    expect(result.code).toBe("#VALUE!");
    expect(result.message).toMatch(/^订单!C4 \(orderId "O0103"\), createdAt: "2020-02-30 10:00" is not a real calendar date/);
  });

  it("reads a month cell Excel turned into a date (its first day's serial) as the month, in either date system", () => {
    const data = [sample.orders, sample.consultations, sample.agents];
    const call = (id: string, ...args: unknown[]): unknown => JSON.parse(JSON.stringify(registered.get(id)!(...args)));
    // January, not the sample's default month (February), so that a month left unread shows.
    const january = serial1900(2020, 1, 1);
    const asText = call("ATTRIBUTION", sample.orders, sample.consultations, sample.agents, null, "2020-01", null);
    expect(asText).toEqual(toCells(attributionTable(sample, { month: "2020-01" })));
    expect(asText).not.toEqual(call("ATTRIBUTION", sample.orders, sample.consultations, sample.agents, null, null, null));
    expect(call("ATTRIBUTION", sample.orders, sample.consultations, sample.agents, null, january, null)).toEqual(asText);
    // A 1904 workbook counts its days from 1904-01-01: the same day is 1462 less.
    expect(call("ATTRIBUTION", sample.orders, sample.consultations, sample.agents, null, january - 1462, 1904)).toEqual(asText);
    expect(call("PAY", january, null, data)).toEqual(call("PAY", "2020-01", null, data));
    expect(call("AGENT", "A01", "net", serial1900(2020, 2, 1), null, data)).toEqual(call("AGENT", "A01", "net", "2020-02", null, data));
    const all = Object.values(sample);
    expect(call("KPI", serial1900(2020, 2, 1), null, all)).toEqual(toCells(kpiTable(sample, "2020-02")));
    expect(call("KPI", serial1900(2020, 2, 1), null, all)).not.toEqual(call("KPI", "2020-W06", null, all));
  });

  it("names a date that is no month's first day, or no date, in the error value", () => {
    const attribution = (month: unknown): CustomError =>
      registered.get("ATTRIBUTION")!(sample.orders, sample.consultations, sample.agents, null, month, null) as CustomError;
    const fourth = serial1900(2020, 2, 4);
    expect(attribution(fourth)).toBeInstanceOf(CustomError);
    expect(attribution(fourth).message).toBe(`options.month: ${fourth} is 2020-02-04, not the first day of a month; expected a month YYYY-MM as text or the date serial of its first day`);
    expect(attribution(0.5).message).toMatch(/^options\.month: 0\.5 is not a date serial of the 1900 date system; expected a month YYYY-MM as text/);
    expect(attribution(serial1900(2020, 2, 1) + 0.5).message).toMatch(/^options\.month: [\d.]+ is 2020-02-01 12:00:00, not a whole day; /);
    const kpi = registered.get("KPI")!(fourth, null, [sample.orders]) as CustomError;
    expect(kpi.message).toMatch(new RegExp(`^period: ${fourth} is 2020-02-04, not the first day of a month; expected a period as text `));
  });

  it("declares the month and period parameters as any, so a date cell reaches the script as its serial", () => {
    const dated = metadata.functions.flatMap((f) => f.parameters.filter((p) => p.name === "month" || p.name === "period").map((p) => [f.id, p.type]));
    expect(dated.length).toBe(17);
    expect(dated.filter(([, type]) => type !== "any")).toEqual([]);
  });

  it("reads serials of a 1904 workbook when told", () => {
    const orders = [["orderId", "buyerId", "createdAt", "paidAt", "amount"], ["O1", "b1", 43882.5 - 1462, 43882.6 - 1462, 10]];
    const mac = registered.get("ORDERS")!(orders, null, null, null, null, 1904) as unknown[][];
    const pc = registered.get("ORDERS")!(orders, null, null, null, null, null) as unknown[][];
    expect(mac[1]?.slice(0, 3)).toEqual(["O1", "fully-silent", "2020-02-21T14:24:00+08:00"]);
    // Read in the 1900 system, the same serials are four years and a day earlier.
    expect(pc[1]?.[2]).toBe("2016-02-20T14:24:00+08:00");
  });
});

describe("examples/excel/src/functions.js, the wrappers over the bundle", () => {
  // The wrappers' source with the bundle in one scope, as the built script has them, but with
  // KefuKpi reachable, to count the month computations beneath them.
  const { CustomFunctions, registered } = customFunctions();
  const wrappers = host({ CustomFunctions }, read("dist/kefu-kpi.global.js"), read("examples/excel/src/functions.js"));
  const sample = sampleRanges();

  it("computes the month once for the functions of one workbook, again when a cell changes", () => {
    // Count the month computations under the wrappers (the bundle's own function, wrapped).
    const original = wrappers["KefuKpi"] as { sheets: Record<string, (...args: unknown[]) => unknown> };
    let computed = 0;
    wrappers["KefuKpi"] = { ...original, sheets: { ...original.sheets, sheetMonthReport: (...args: unknown[]) => (computed++, original.sheets["sheetMonthReport"]!(...args)) } };
    try {
      const data = [sample.orders, sample.consultations, sample.agents];
      const first = registered.get("PAY")!("2020-02", null, data);
      registered.get("AGENT")!("A01", "total", "2020-02", null, data);
      registered.get("AGENT")!("A02", "net", "2020-02", null, [...data].reverse()); // same ranges, known by their headers
      expect(computed).toBe(1);
      const three = { orders: sample.orders, consultations: sample.consultations, agents: sample.agents };
      expect(JSON.parse(JSON.stringify(first))).toEqual(toCells(payTable(three, { month: "2020-02" })));
      // One order's amount changes: the month is computed again, and the figure follows.
      const credited = toCells(ordersTable(sample)).find((r) => r[10] === "A01")![0];
      const orders = sample.orders!.map((row) => [...row]);
      const amount = orders[0]!.indexOf("amount");
      const row = orders.findIndex((r) => r[0] === credited);
      const before = registered.get("AGENT")!("A01", "gross", "2020-02", null, data) as number[][];
      orders[row]![amount] = String(Number(orders[row]![amount]) + 1);
      const after = registered.get("AGENT")!("A01", "gross", "2020-02", null, [orders, sample.consultations, sample.agents]) as number[][];
      expect(computed).toBe(2);
      expect(after[0]![0]).toBeCloseTo(before[0]![0]! + 1, 6);
    } finally {
      wrappers["KefuKpi"] = original;
    }
  });

});

describe("examples/apps-script", () => {
  const context = host({}, built.appsScriptBundle, read("examples/apps-script/Code.js"));
  const call = (name: string, ...args: unknown[]): unknown => (context[name] as (...a: unknown[]) => unknown)(...args);
  const sample = sampleRanges();

  it("KEFU_ATTRIBUTION gives the adapter's table", () => {
    expect(JSON.parse(JSON.stringify(call("KEFU_ATTRIBUTION", sample.orders, sample.consultations, sample.agents)))).toEqual(toCells(attributionTable(sample)));
    expect(call("KEFU_AGENT", "A02", "orders", "", "", sample.orders, sample.consultations, sample.agents)).toEqual([[50]]);
    expect(JSON.parse(JSON.stringify(call("KEFU_PAY", "2020-02", "", ...Object.values(sample))))).toEqual(toCells(payTable(sample)));
    expect(JSON.parse(JSON.stringify(call("KEFU_KPI", "", "", ...Object.values(sample))))).toEqual(toCells(kpiTable(sample)));
    expect(JSON.parse(JSON.stringify(call("KEFU_TREND", "replyRate", "", "", "", ...Object.values(sample))))).toEqual(toCells(trendTable(sample, "replyRate")));
    expect(JSON.parse(JSON.stringify(call("KEFU_SERVICE", "2020-02", "", ...Object.values(sample))))).toEqual(toCells(serviceLevelTable(sample)));
    expect(JSON.parse(JSON.stringify(call("KEFU_BREACHES", "", "", ...Object.values(sample))))).toEqual(toCells(breachTable(sample)));
    expect(JSON.parse(JSON.stringify(call("KEFU_TRAFFIC", "2020-02", "", ...Object.values(sample))))).toEqual(toCells(trafficTable(sample)));
    expect(JSON.parse(JSON.stringify(call("KEFU_TARGETS", "2020-02", "", ...Object.values(sample))))).toEqual(toCells(targetsTable(sample)));
    expect(JSON.parse(JSON.stringify(call("KEFU_REMINDERS", "2020-02", "", ...Object.values(sample))))).toEqual(toCells(remindersTable(sample)));
    expect(call("KEFU_TRANSFERS", "2020-02", "", ...Object.values(sample))).toEqual([[expect.stringMatching(/^#KEFU! consultations\.transferredTo: is given by no consultation/)]]);
    expect(call("KEFU_BOTS", "2020-02", "", ...Object.values(sample))).toEqual([[expect.stringMatching(/^#KEFU! agents\.group: names no bot/)]]);
    expect(call("KEFU_SHOPS", "2020-02", "", ...Object.values(sample))).toEqual([[expect.stringMatching(/^#KEFU! orders\.shopId: names fewer than two shops/)]]);
  });

  it("reads the Date objects Sheets passes (made in the script's own realm)", () => {
    const orders = runInContext(
      `[["orderId", "buyerId", "createdAt", "paidAt", "amount"],
        ["O1", "b1", new Date(Date.UTC(2020, 1, 21, 2, 0)), new Date(Date.UTC(2020, 1, 21, 2, 5)), 128.5]]`,
      context,
    ) as unknown[][];
    const consultations = [["consultationId", "agentId", "buyerId", "startedAt", "firstReplyAt", "endedAt"], ["C1", "A01", "b1", "2020-02-21 09:58", "2020-02-21 09:59", "2020-02-21 10:10"]];
    const table = call("KEFU_ORDERS", orders, consultations, "", "", "") as unknown[][];
    if (table.length === 1) throw new Error(String(table[0]?.[0]));
    expect(table[1]?.slice(0, 4)).toEqual(["O1", "assisted", "2020-02-21T10:05:00+08:00", 128.5]);
    expect(table[1]?.[10]).toBe("A01");
  });

  it("reads a month cell Sheets passes as a Date by its calendar day in the shop's zone", () => {
    // Midnight of 2020-01-01 in Asia/Shanghai (UTC+8, the shop's default zone), as Sheets passes a
    // date cell of a spreadsheet set to that zone: the previous day in UTC.
    const dateIn = (day: number): unknown => runInContext(`new Date(Date.UTC(2020, 0, ${day}) - 8 * 3600 * 1000)`, context);
    const all = Object.values(sample);
    const january = JSON.parse(JSON.stringify(call("KEFU_PAY", dateIn(1), "", ...all)));
    expect(january).toEqual(toCells(payTable(sample, { month: "2020-01" })));
    expect(january).not.toEqual(toCells(payTable(sample)));
    expect(call("KEFU_PAY", dateIn(4), "", ...all)).toEqual([
      ["#KEFU! options.month: 2020-01-03T16:00:00.000Z is 2020-01-04 in the shop's time zone (Asia/Shanghai), not the first day of a month; expected a month YYYY-MM as text or the date serial of its first day"],
    ]);
  });

  it("returns one error cell instead of throwing", () => {
    expect(call("KEFU_SHOP", [["orderId"]])).toEqual([[expect.stringMatching(/^#KEFU! 订单!A1: missing column buyerId/)]]);
  });
});
