// The HTML report: one self-contained page (no network, no script) whose figures are the report's.
import { describe, expect, it } from "vitest";
import { renderMonthHtml } from "../../src/render/index.js";
import { readMonthFolder, reportFolder } from "../../src/node/index.js";

const dir = new URL("../../fixtures/sample-month/", import.meta.url).pathname;

describe("renderMonthHtml", () => {
  it("is one page with no script, no external resource, and every agent's figures", async () => {
    const report = reportFolder(await readMonthFolder(dir));
    const html = renderMonthHtml(report, [], { lang: "en" });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=|href=/i);
    // Each table cell of a report figure names its JSON path (data-json), as the dashboard's numbers do.
    report.agents.forEach((a, i) => {
      expect(html).toContain(`<td>${a.agentId}</td>`);
      expect(html).toContain(`<td class="num" data-json="agents.${i}.sales.net">${a.sales.net}</td>`);
    });
    expect(html).toContain(`<td>fully silent (no agent served)</td><td class="num" data-json="shop.silent.orders">${report.shop.silent.orders}</td>`);
    report.pay.forEach((s, i) =>
      expect(html).toContain(`<td class="num" data-json="pay.${i}.lines.clawback.amount">${s.lines.clawback.amount}</td><td class="num" data-json="pay.${i}.total">${s.total}</td></tr>`),
    );
    // Each chart has one bar per agent: net sales first (the longest for the best seller), then total pay.
    const widths = [...html.matchAll(/<rect x="90" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1])).slice(0, report.agents.length);
    expect(html.match(/<svg /g)).toHaveLength(2);
    const best = report.agents.reduce((a, b) => (Number(b.sales.net) > Number(a.sales.net) ? b : a));
    expect(Math.max(...widths)).toBe(widths[report.agents.indexOf(best)]);
  });

  it("escapes what the data holds", async () => {
    const report = reportFolder(await readMonthFolder(dir));
    const html = renderMonthHtml({ ...report, warnings: ['<b>"x" & y</b>'], agents: [{ ...report.agents[0]!, name: "<script>alert(1)</script>" }] }, [], { lang: "en" });
    expect(html).toContain("<li>&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;</li>");
    expect(html).not.toContain("<script>");
  });
});
