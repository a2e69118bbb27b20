// `kefu-kpi/sample-month`: the sample month as a module a test suite imports. It must be the
// fixture folder's month (record for record, figure for figure), and the library on it must give
// the hand-derived figures and the reviewed golden report.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RECORD_KINDS, buildMonthReport, decodeMonth, decodedRecords } from "../../src/index.js";
import { readMonthFolder } from "../../src/node/index.js";
import { SAMPLE_MONTH, sampleFigures, sampleRecords } from "../../src/sample/index.js";

const dir = new URL("../../fixtures/sample-month/", import.meta.url).pathname;
const json = (name: string): unknown => JSON.parse(readFileSync(`${dir}${name}`, "utf8"));

describe("the sample month module", async () => {
  const folder = await readMonthFolder(dir);
  const decoded = decodeMonth(sampleRecords);

  it("holds every kind of the fixture folder, record for record (regenerate: node scripts/make-sample-module.mjs)", () => {
    const kinds = RECORD_KINDS.filter((k) => readdirSync(dir).includes(`${k}.csv`));
    expect(Object.keys(sampleRecords).sort()).toEqual([...kinds].sort());
    for (const kind of kinds) expect(decodedRecords(decoded, kind), kind).toEqual(decodedRecords(folder.month, kind));
  });

  it("holds the hand-derived figures of the fixture's README", () => {
    expect(sampleFigures).toEqual({
      attribution: json("hand-derived.json"),
      kpi: json("hand-derived-kpi.json"),
      people: json("hand-derived-people.json"),
      pay: json("hand-derived-pay.json"),
      chat: json("hand-derived-chat.json"),
    });
  });

  it("gives the hand-derived figures and the golden report through the library", () => {
    const report = buildMonthReport(sampleRecords, {}, { month: SAMPLE_MONTH });
    expect(report.shop.sales).toEqual(sampleFigures.attribution.shop.sales);
    for (const [agentId, statement] of Object.entries(sampleFigures.pay.statements)) {
      expect(report.pay.find((s) => s.agentId === agentId)?.total, agentId).toBe(statement.total);
    }
    expect(report.agents.find((a) => a.agentId === "A01")?.kpis.replyRate.value).toBe(sampleFigures.kpi.agents.A01.replyRate);
    expect(report.chat?.findings).toBe(sampleFigures.chat.findings);
    // The whole report is the folder's reviewed golden report, but for the warnings about the folder's files.
    const golden = json("expected-report.json") as Record<string, unknown>;
    const { warnings: _w, ...figures } = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
    const { warnings: _g, ...goldenFigures } = golden;
    expect(figures).toEqual(goldenFigures);
  });
});
