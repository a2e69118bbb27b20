// The spreadsheet examples run as their hosts run them: the browser bundle and the wrapper file in
// one fresh global scope (a vm context with code generation off), with Excel's CustomFunctions
// stood in for by a recorder. The wrappers must register what functions.json declares, give the
// adapter's tables, and return errors as values.
import { readFileSync } from "node:fs";
import { createContext, runInContext, type Context } from "node:vm";
import { describe, expect, it } from "vitest";
import { attributionTable, kpiTable, ordersTable, payTable, toCells } from "../../src/sheets/index.js";
import { sampleRanges } from "../bundle/sample.js";

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const bundle = read("dist/kefu-kpi.global.js");

function host(globals: Record<string, unknown>, script: string): Context {
  const context = createContext(globals, { codeGeneration: { strings: false, wasm: false } });
  runInContext(bundle, context);
  runInContext(script, context);
  return context;
}

describe("examples/excel", () => {
  const metadata = JSON.parse(read("examples/excel/functions.json")) as {
    functions: { id: string; name: string; parameters: { name: string; optional?: boolean }[] }[];
  };
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  class CustomError {
    constructor(readonly code: string, readonly message: string) {}
  }
  const excel = host(
    {
      CustomFunctions: {
        associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
        Error: CustomError,
        ErrorCode: { invalidValue: "#VALUE!" },
      },
    },
    read("examples/excel/functions.js"),
  );
  const sample = sampleRanges();

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

  it("KEFU.KPI gives the KPI table of a period", () => {
    const table = registered.get("KPI")!("2020-W06", null, Object.values(sample)) as unknown[][];
    expect(JSON.parse(JSON.stringify(table))).toEqual(toCells(kpiTable(sample, "2020-W06")));
    expect(table[1]?.[0]).toBe("2020-W06");
  });

  it("returns a CustomFunctions.Error naming the cell instead of throwing", () => {
    const orders = sample.orders.map((row) => [...row]);
    orders[3]![2] = "2020-02-30 10:00";
    const result = registered.get("ATTRIBUTION")!(orders, sample.consultations, sample.agents, null, null, null) as CustomError;
    expect(result).toBeInstanceOf(CustomError);
    expect(result.code).toBe("#VALUE!");
    expect(result.message).toMatch(/^订单!C4 \(orderId "O0103"\), createdAt: "2020-02-30 10:00" is not a real calendar date/);
  });

  it("computes the month once for the functions of one workbook, again when a cell changes", () => {
    // Count the month computations under the wrappers (the bundle's own function, wrapped).
    const original = excel["KefuKpi"] as { sheets: Record<string, (...args: unknown[]) => unknown> };
    let computed = 0;
    excel["KefuKpi"] = { ...original, sheets: { ...original.sheets, sheetMonthReport: (...args: unknown[]) => (computed++, original.sheets["sheetMonthReport"]!(...args)) } };
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
      excel["KefuKpi"] = original;
    }
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

describe("examples/apps-script", () => {
  const context = host({}, read("examples/apps-script/Code.js"));
  const call = (name: string, ...args: unknown[]): unknown => (context[name] as (...a: unknown[]) => unknown)(...args);
  const sample = sampleRanges();

  it("KEFU_ATTRIBUTION gives the adapter's table", () => {
    expect(JSON.parse(JSON.stringify(call("KEFU_ATTRIBUTION", sample.orders, sample.consultations, sample.agents)))).toEqual(toCells(attributionTable(sample)));
    expect(call("KEFU_AGENT", "A02", "orders", "", "", sample.orders, sample.consultations, sample.agents)).toEqual([[50]]);
    expect(JSON.parse(JSON.stringify(call("KEFU_PAY", "2020-02", "", ...Object.values(sample))))).toEqual(toCells(payTable(sample)));
    expect(JSON.parse(JSON.stringify(call("KEFU_KPI", "", "", ...Object.values(sample))))).toEqual(toCells(kpiTable(sample)));
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

  it("returns one error cell instead of throwing", () => {
    expect(call("KEFU_SHOP", [["orderId"]])).toEqual([[expect.stringMatching(/^#KEFU! 订单!A1: missing column buyerId/)]]);
  });
});
