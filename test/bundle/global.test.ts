// The browser global bundle (dist/kefu-kpi.global.js, built by `npm run build` before the tests)
// must run where spreadsheet add-ins run it: no Node API, no module system, just `KefuKpi`.
import { readFileSync } from "node:fs";
import { createContext, runInContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { readMonthFolder, reportFolder } from "../../src/node/index.js";
import { sampleDir, sampleRanges } from "./sample.js";

const bundle = readFileSync(new URL("../../dist/kefu-kpi.global.js", import.meta.url), "utf8");

describe("browser global bundle", () => {
  it("defines KefuKpi in an empty context and attributes a sale", () => {
    const context = createContext({});
    runInContext(bundle, context);
    const result = runInContext(
      `KefuKpi.attributeSales({
        orders: [{ orderId: "O1", buyerId: "b1", createdAt: "2020/2/21 10:05", paidAt: "2020/2/21 10:06", amount: "99.00" }],
        consultations: [{ consultationId: "C1", agentId: "A1", buyerId: "b1", startedAt: "2020/2/21 9:58",
          firstReplyAt: "2020/2/21 9:59", endedAt: "2020/2/21 10:10" }],
      })`,
      context,
    ) as { orders: { creditedAgent: string }[]; agents: { sales: { net: string } }[] };
    expect(result.orders[0]?.creditedAgent).toBe("A1");
    expect(result.agents[0]?.sales.net).toBe("99.00");
  });

  it("computes the sample month through KefuKpi.sheets where code generation is off, equal to the CLI's report", async () => {
    const context = createContext({ ranges: sampleRanges() }, { codeGeneration: { strings: false, wasm: false } });
    runInContext(bundle, context);
    const result = runInContext("KefuKpi.sheets.sheetMonthReport(ranges)", context) as { success: boolean; data: unknown };
    expect(result.success).toBe(true);
    const expected = reportFolder(await readMonthFolder(sampleDir));
    expect(JSON.parse(JSON.stringify(result.data))).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it("carries no Node API, no require and no eval", () => {
    expect(bundle).not.toMatch(/\brequire\(|process\.|Buffer\.|from"node:|\beval\(|new Function\(/);
  });

  it("reports bad input as KefuKpiError issues inside the bundle too", () => {
    const context = createContext({});
    runInContext(bundle, context);
    const result = runInContext(
      `KefuKpi.safeAttributeSales({ orders: [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-31 10:05", amount: "1" }] })`,
      context,
    ) as { success: boolean; issues: { code: string; path: (string | number)[] }[] };
    expect(result.success).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: "invalid_date", path: ["orders", 0, "createdAt"] });
  });

  it("runs the people rules: a ladder, a roster check and a duty owner", () => {
    const context = createContext({});
    runInContext(bundle, context);
    const result = runInContext(
      `({
        discipline: KefuKpi.evaluateDiscipline({ violations: [
          { violationId: "V1", agentId: "A1", at: "2020-02-03 10:00", rule: "nonWorkActivity" },
          { violationId: "V2", agentId: "A1", at: "2020-02-04 10:00", rule: "nonWorkActivity" } ] }),
        duties: KefuKpi.assignDuties({ roster: [{ agentId: "A1", date: "2020-02-21", shift: "night" }],
          orders: [{ orderId: "O1", createdAt: "2020-02-21 10:00", amount: "9.00" }] }),
        roster: KefuKpi.safeCheckRoster({ roster: [{ agentId: "A1", date: "2020-02-30", shift: "day" }] }, {}, "2020-02"),
      })`,
      context,
    ) as {
      discipline: { fund: { closing: string } };
      duties: { duties: { kind: string; owner: string | null }[] };
      roster: { success: boolean; issues: { path: (string | number)[] }[] };
    };
    expect(result.discipline.fund.closing).toBe("40.00");
    expect(result.duties.duties.map((d) => [d.kind, d.owner])).toEqual([
      ["smsReminder", null],
      ["humanReminder", "A1"],
    ]);
    expect(result.roster.success).toBe(false);
    expect(result.roster.issues[0]?.path).toEqual(["roster", 0, "date"]);
  });
});
