// The browser bundle in real headless Chromium (Debian's package, installed by
// scripts/ensure-chromium.mjs), on a page whose Content-Security-Policy forbids eval: the page's
// own script computes the sample month through KefuKpi.sheets, and the figures must equal the CLI's.
// The page and its scripts are served by request interception: nothing touches the network.
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { launchChromium } from "./launchChromium.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMonthFolder, reportFolder } from "../../src/node/index.js";
import { sampleDir, sampleRanges } from "./sample.js";

const bundle = readFileSync(new URL("../../dist/kefu-kpi.global.js", import.meta.url), "utf8");
const ORIGIN = "https://kefu-kpi.test";
const CSP = "default-src 'none'; script-src 'self'";

const PAGE = `<!doctype html><meta charset="utf-8"><title>kefu-kpi</title>
<script src="/probe.js"></script><script src="/kefu-kpi.global.js"></script><script src="/data.js"></script><script src="/main.js"></script>`;
// Listening before the bundle loads: a refused eval while the bundle builds its schemas is seen too.
const PROBE = `
window.violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.violations.push(e.violatedDirective));
`;
// The page's own script: computes, then checks that the CSP refuses eval. Violation events are
// delivered in order, so once the probe's own violation has arrived, any the bundle caused would
// have arrived before it.
const MAIN = `
window.report = KefuKpi.sheets.sheetMonthReport(window.ranges);
window.table = KefuKpi.sheets.toCells(KefuKpi.sheets.attributionTable(window.ranges, { money: "text" }));
window.bad = KefuKpi.sheets.toCells(KefuKpi.sheets.attributionTable({ orders: [["orderId", "buyerId", "createdAt", "paidAt", "amount"], ["O1", "b1", 60, "", "1"]] }));
try { new Function("return 1")(); window.evalAllowed = true; } catch (e) { window.evalAllowed = false; }
`;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("the browser bundle in headless Chromium under a strict CSP", () => {
  it("computes the sample month through KefuKpi.sheets, equal to the CLI's report to the cent", async () => {
    const page = await browser.newPage();
    const files: Record<string, { type: string; body: string }> = {
      "/": { type: "text/html", body: PAGE },
      "/probe.js": { type: "text/javascript", body: PROBE },
      "/kefu-kpi.global.js": { type: "text/javascript", body: bundle },
      "/data.js": { type: "text/javascript", body: `window.ranges = ${JSON.stringify(sampleRanges())};` },
      "/main.js": { type: "text/javascript", body: MAIN },
    };
    await page.route("**/*", (route) => {
      const url = new URL(route.request().url());
      const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
      return file
        ? route.fulfill({ status: 200, contentType: file.type, headers: { "content-security-policy": CSP }, body: file.body })
        : route.abort();
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (window as unknown as { violations: unknown[] }).violations.length > 0);
    const out = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { evalAllowed: w["evalAllowed"], violations: w["violations"], report: w["report"], table: w["table"], bad: w["bad"] };
    });
    // The CSP is in force (our probe's eval was refused: the one violation), and the bundle
    // computed under it without attempting any code generation itself.
    expect(out.evalAllowed).toBe(false);
    expect(out.violations).toEqual(["script-src"]);
    const expected = reportFolder(await readMonthFolder(sampleDir));
    expect(out.report).toEqual({ success: true, data: JSON.parse(JSON.stringify(expected)) });
    const table = out.table as (string | number)[][];
    expect(table[0]?.[1]).toBe("agentId");
    expect(table.slice(1).map((row) => [row[1], row[8]])).toEqual(expected.agents.map((a) => [a.agentId, a.sales.net]));
    expect(out.bad).toEqual([[expect.stringMatching(/^#KEFU! 订单!C2 \(orderId "O1"\), createdAt: "1900-02-29 00:00:00" is not a real calendar date or time/)]]);
    await page.close();
  });
});
