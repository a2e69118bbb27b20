// The trend report rendered: sparklines (text and SVG), changes in percentage points, the CSV cell
// for cell the JSON's values, the HTML page's figures the JSON's, the table within its width.
import { describe, expect, it } from "vitest";
import { buildTrendReport, decodeMonth } from "../../src/index.js";
import { displayWidth, renderTrendHtml, renderTrendTable, sparkline, trendRows } from "../../src/render/index.js";
import { showChange, svgSparkline } from "../../src/render/trend.js";
import type { TrendLine } from "../../src/report/trendSchema.js";
import { sampleRecords } from "../../src/sample/index.js";

const month = decodeMonth(sampleRecords);
const policy = { kpi: { targets: { replyRate: { atLeast: "0.95" } } } };
const report = buildTrendReport(sampleRecords, policy, {
  period: "2020-02",
  by: "day",
  metrics: ["replyRate", "avgFirstResponseSeconds", "agentSales"],
  previous: { kind: "kefu-kpi/kpi-report", period: { label: "2020-01" }, shop: { kpis: { replyRate: { value: "0.9900" }, agentSales: { value: "100.00" } } }, agents: [] },
});
const part = (value: string | null) => ({ value, status: value === null ? ("noData" as const) : ("ok" as const) });
const line = (unit: TrendLine["unit"], change: string | null): TrendLine => ({ metric: "replyRate", unit, parts: [], total: part(null), previous: null, change, target: null });

describe("the trend's renderers", () => {
  it("draws a sparkline from the lowest value to the highest, a space for no data", () => {
    expect(sparkline(["0.5000", "1.0000", null, "0.7500"].map(part))).toBe("▁█ ▅");
    expect(sparkline(["3", "3"].map(part))).toBe("▄▄");
    expect(sparkline([null, null].map(part))).toBe("  ");
    expect(sparkline([])).toBe("");
  });

  it("shows a rate's change in percentage points, exactly, with its sign", () => {
    expect(showChange(line("rate", "-0.0216"), "en")).toBe("−2.16pt");
    expect(showChange(line("rate", "0.1234"), "zh")).toBe("+12.34个百分点");
    expect(showChange(line("rate", "0.0000"), "en")).toBe("±0.00pt");
    expect(showChange(line("yuan", "-12.50"), "en")).toBe("−12.50");
    expect(showChange(line("count", "3"), "en")).toBe("+3");
    expect(showChange(line("count", null), "en")).toBe("—");
  });

  it("writes the CSV cell for cell from the JSON: a row per metric and agent, the shop first", () => {
    const rows = trendRows(report);
    expect(rows[0]).toEqual(["metric", "agentId", "name", ...report.parts.map((p) => p.label), "total", "previous", "change", "target", "targetStatus", "partsMet", "partsJudged"]);
    expect(rows).toHaveLength(1 + report.metrics.length * (report.agents.length + 1));
    const all = [{ agentId: "(shop)", lines: report.shop.lines }, ...report.agents];
    report.metrics.forEach((metric, m) => {
      all.forEach((who, i) => {
        const row = rows[1 + m * all.length + i]!;
        const l = who.lines[m]!;
        expect(row.slice(0, 2)).toEqual([metric, who.agentId]);
        expect(row.slice(3, 3 + report.parts.length)).toEqual(l.parts.map((p) => p.value ?? ""));
        expect(row.slice(3 + report.parts.length)).toEqual([
          l.total.value ?? "",
          l.previous ?? "",
          l.change ?? "",
          l.target === null ? "" : `>=${l.target.target}`,
          l.target?.status ?? "",
          l.target === null ? "" : String(l.target.partsMet),
          l.target === null ? "" : String(l.target.partsJudged),
        ]);
      });
    });
    expect(rows[1]!.slice(-7)).toEqual(["0.9684", "0.9900", "-0.0216", ">=0.95", "met", expect.stringMatching(/^\d+$/), "29"]);
  });

  it("prints a block per metric, within the width asked for", () => {
    for (const width of [80, 120]) {
      const text = renderTrendTable(report, { lang: "en", width });
      for (const l of text.split("\n")) expect(displayWidth(l), l).toBeLessThanOrEqual(width);
      expect(text).toContain("reply rate (replyRate)");
    }
    const text = renderTrendTable(report, { lang: "en", width: 200 });
    const shop = text.split("\n").find((l) => l.startsWith("shop ") && l.includes("%"))!;
    expect(shop.trim().split(/\s{2,}/).slice(1)).toEqual([sparkline(report.shop.lines[0]!.parts), "83.33%", "100.00%", "96.84%", "99.00%", "−2.16pt", `≥ 95.00% ✓ ${report.shop.lines[0]!.target!.partsMet}/29`]);
  });

  it("draws an SVG sparkline per agent and metric on one page without script, its figures the JSON's", () => {
    const html = renderTrendHtml(report, { lang: "en" });
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html.match(/<svg class="spark"/g)).toHaveLength(report.metrics.length * (report.agents.length + 1));
    const cells = [...html.matchAll(/data-json="([^"]+)">([^<]*)</g)].map((m): [string, string] => [m[1]!, m[2]!]);
    expect(cells.length).toBe(report.metrics.length * (report.agents.length + 1) * 3);
    const at = (path: string): unknown => path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], report);
    for (const [path, shown] of cells) {
      const value = at(path) as string | null;
      if (value === null) expect(shown).toBe("—");
      else if (path.endsWith("change")) expect(shown.replace(/^[−+±]/, "")).toBe(path.includes("lines.0.") ? `${(Number(value.replace("-", "")) * 100).toFixed(2)}pt` : value.replace("-", ""));
      else expect(shown.replace(/[%*]/g, "")).toBe(path.includes("lines.0.") ? (Number(value) * 100).toFixed(2) : value);
    }
    // The dashed target line in the reply rate's sparklines only.
    expect(html.match(/class="target"/g)?.length).toBe(report.agents.length + 1 - report.agents.filter((a) => a.lines[0]!.parts.every((p) => p.value === null)).length);
  });

  it("breaks the SVG line where a part has no data and marks a lone value as a dot", () => {
    const svg = svgSparkline({ ...line("rate", null), parts: ["0.5000", "1.0000", null, "0.7500"].map(part) }, "x");
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    expect(svg.match(/<circle/g)).toHaveLength(1);
    expect(svg).toContain('points="2.0,29.0 60.7,3.0"');
    expect(svgSparkline({ ...line("rate", null), parts: [part(null)] }, "x")).not.toMatch(/polyline|circle|line/);
    expect(month.policy.timeZone).toBe("Asia/Shanghai");
  });
});
