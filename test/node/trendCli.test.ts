// `kefu-kpi trend`: the sample month by day and week, the metrics chosen, a previous report read
// back from the kpi command's JSON, the four formats, and every misuse a usage error (exit 2) or a
// located data error (exit 1).
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TrendReportSchema } from "../../src/schemas.js";
import { cli, monthFolder, outPath } from "./helpers.js";

const dir = new URL("../../fixtures/sample-month/", import.meta.url).pathname;

describe("kefu-kpi trend", () => {
  it("prints every metric of every day as JSON matching its schema", async () => {
    const { code, stdout } = await cli("trend", dir, "--format", "json");
    expect(code).toBe(0);
    const r = TrendReportSchema.parse(JSON.parse(stdout));
    expect([r.period.label, r.by, r.parts.length, r.metrics.length, r.previous]).toEqual(["2020-02", "day", 29, 32, null]);
    expect(r.agents.map((a) => a.agentId)).toEqual(["A01", "A02", "A03", "A04", "A05", "A06"]);
  });

  it("cuts by week and shows the metrics asked for (repeated or comma-separated)", async () => {
    const { code, stdout } = await cli("trend", dir, "--by", "week", "--metric", "conversionRate,replyRate", "--metric", "agentSales", "--format", "json");
    expect(code).toBe(0);
    const r = TrendReportSchema.parse(JSON.parse(stdout));
    expect(r.parts.map((p) => p.label)).toEqual(["2020-W05", "2020-W06", "2020-W07", "2020-W08", "2020-W09"]);
    expect(r.metrics).toEqual(["replyRate", "conversionRate", "agentSales"]);
  });

  it("compares with the KPI report of an earlier period written by kpi --format json", async () => {
    const before = outPath("w06.json");
    // The helper captures what the CLI writes: the kpi command's JSON goes to a file for the trend to read.
    const written = (await cli("kpi", dir, "--period", "2020-W06", "--format", "json")).stdout;
    writeFileSync(before, written);
    const { code, stdout, stderr } = await cli("trend", dir, "--period", "2020-W07", "--metric", "replyRate", "--previous", before, "--format", "json");
    expect(code).toBe(0);
    expect(stderr).not.toContain("not before");
    const r = TrendReportSchema.parse(JSON.parse(stdout));
    const w06 = JSON.parse(written) as { shop: { kpis: { replyRate: { value: string } } } };
    expect(r.previous).toEqual({ label: "2020-W06" });
    expect(r.shop.lines[0]!.previous).toBe(w06.shop.kpis.replyRate.value);
    expect(r.parts.map((p) => p.label)).toEqual(["2020-02-10", "2020-02-11", "2020-02-12", "2020-02-13", "2020-02-14", "2020-02-15", "2020-02-16"]);
  });

  it("prints a table, a CSV with its byte-order mark and a self-contained HTML page", async () => {
    const table = await cli("trend", dir, "--metric", "replyRate", "--lang", "en", "--width", "100");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^kefu-kpi KPI trend 2020-02 \(by day, 29 parts\)$/m);
    expect(table.stdout).toMatch(/^A01 +王芳 +\S{29} +66\.67% +100\.00% +95\.83%/m);
    const csv = await cli("trend", dir, "--metric", "replyRate", "--format", "csv");
    expect(csv.stdout.split("\r\n")[0]).toMatch(/^\uFEFFmetric,agentId,name,2020-02-01,/);
    expect(csv.stdout.split("\r\n")[1]).toMatch(/^replyRate,\(shop\),,1\.0000,0\.8889,/);
    const out = outPath("trend.html");
    const html = await cli("trend", dir, "--metric", "replyRate", "--format", "html", "--out", out);
    expect(html.code).toBe(0);
    expect(html.files.get(out)).toMatch(/^<!doctype html>[\s\S]*<svg class="spark"[\s\S]*<\/html>\n$/);
  });

  it("prints the JSON Schema of its report", async () => {
    const { code, stdout } = await cli("schema", "trend");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).properties.kind.const).toBe("kefu-kpi/trend-report");
  });

  it("refuses misuse with a usage error (exit 2) naming the option", async () => {
    const cases: [string[], string][] = [
      [["trend", dir, "--by", "month"], '--by must be day or week, not "month"'],
      [["trend", dir, "--metric", "replyrate"], '--metric "replyrate" is not a KPI metric; the metrics are replyRate, '],
      [["trend", dir, "--month", "2020-02"], "trend takes --period, not --month"],
      [["trend", dir, "--format", "xlsx"], '--format must be table, json, csv or html, not "xlsx"'],
      [["trend", dir, "--period", "2020-13"], "--period"],
      [["trend", dir, "--shop", "S9"], "--shop"],
      [["trend"], "trend takes exactly one month folder"],
      [["kpi", dir, "--by", "week"], "--by and --metric go with trend"],
      [["report", dir, "--metric", "replyRate"], "--by and --metric go with trend"],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await cli(...argv);
      expect([argv.join(" "), code]).toEqual([argv.join(" "), 2]);
      expect(stderr).toContain(message);
    }
  });

  it("names the previous file and what is wrong with it (exit 1)", async () => {
    const folder = monthFolder({ "bad.json": '{"kind":"kefu-kpi/kpi-report","shop":{}}', "pay.json": '{"kind":"kefu-kpi/pay"}', "text.json": "not json" });
    const bad = await cli("trend", dir, "--previous", `${folder}/bad.json`);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.json/);
    const other = await cli("trend", dir, "--previous", `${folder}/pay.json`);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('is "kefu-kpi/pay": not a kefu-kpi month report or KPI report (written by report or kpi --format json)');
    const text = await cli("trend", dir, "--previous", `${folder}/text.json`);
    expect([text.code, text.stderr.includes("is not valid JSON")]).toEqual([1, true]);
  });
});
