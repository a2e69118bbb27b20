// The dashboard (`report --format html`) in real headless Chromium (Debian's package, with a Chinese
// font, both installed by scripts/ensure-chromium.mjs): the page the CLI writes for the sample month
// loads nothing and runs nothing, fits an A4 landscape page when printed, draws its Chinese with a
// Chinese font, and every number it marks (data-json) equals the JSON report's value at that path.
import { execFileSync } from "node:child_process";
import Decimal from "decimal.js";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../bundle/launchChromium.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleDir } from "../bundle/sample.js";

const cli = new URL("../../dist/cli.js", import.meta.url).pathname;
const run = (...args: string[]): string => execFileSync(process.execPath, [cli, "report", sampleDir, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] });
const ORIGIN = "https://kefu-kpi.test";
// Styles inline only: a script, an image, a font or a stylesheet from anywhere would be refused (and seen).
const CSP = "default-src 'none'; style-src 'unsafe-inline'";
// A4 landscape (297 mm) less the page's 1 cm margins, at 96 px per inch: 277 mm ≈ 1047 px.
const A4_LANDSCAPE_CONTENT_PX = Math.floor((277 / 25.4) * 96);
// The font families this machine has for Chinese, as fontconfig lists them (Chromium on Linux
// finds its fonts through fontconfig; scripts/ensure-chromium.mjs makes sure there is one).
const CHINESE_FAMILIES = new Set(
  execFileSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" })
    .split("\n")
    .flatMap((line) => line.split(","))
    .map((name) => name.trim())
    .filter((name) => name !== ""),
);

let browser: Browser;
let report: unknown;

beforeAll(async () => {
  report = JSON.parse(run("--format", "json"));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Opens the CLI's page as a print preview of A4 landscape; every request after the page's own is recorded (and refused). */
async function open(lang: "zh" | "en"): Promise<{ page: Page; requests: string[]; violations: () => Promise<string[]> }> {
  const html = run("--format", "html", "--lang", lang);
  const page = await browser.newPage({ viewport: { width: A4_LANDSCAPE_CONTENT_PX, height: 740 } });
  const requests: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/`) return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", headers: { "content-security-policy": CSP }, body: html });
    requests.push(url);
    return route.abort();
  });
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { violations: string[] }).violations.push(e.violatedDirective));
  });
  await page.goto(`${ORIGIN}/`);
  await page.emulateMedia({ media: "print" });
  return { page, requests, violations: () => page.evaluate(() => (window as unknown as { violations: string[] }).violations) };
}

/** The value at a data-json path: keys and list indexes between dots. */
function at(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const key of path.split(".")) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, key)) throw new Error(`data-json="${path}": no "${key}" in the JSON report`);
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A rate as the page should show it, computed apart from the page's code: ×100, at least two decimals. */
function percentOf(rate: string): string {
  const d = new Decimal(rate).times(100);
  return `${d.toFixed(Math.max(2, d.decimalPlaces()))}%`;
}

describe("the dashboard in headless Chromium", () => {
  for (const lang of ["zh", "en"] as const) {
    it(`(${lang}) loads nothing, runs nothing, and fits an A4 landscape page when printed`, async () => {
      const { page, requests, violations } = await open(lang);
      expect(requests).toEqual([]);
      expect(await violations()).toEqual([]);
      expect(await page.locator("script").count()).toBe(0);
      const dash = await page.locator("section.dash").count();
      expect(dash).toBe(3);
      // Nothing wider than the printable width: the page, and each section.
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, ...Array.from(document.querySelectorAll("section"), (s) => s.scrollWidth)]);
      for (const w of widths) expect(w).toBeLessThanOrEqual(A4_LANDSCAPE_CONTENT_PX);
      // The dashboard comes first, and Chromium lays the whole report out as A4 landscape pages.
      expect(await page.evaluate(() => document.querySelector("section")?.className)).toBe("dash");
      const pdf = await page.pdf({ preferCSSPageSize: true });
      const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString("latin1"));
      expect(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([842, 595]);
      await page.close();
    });
  }

  it("(zh) draws the Chinese with a Chinese font, no glyph missing", async () => {
    expect(CHINESE_FAMILIES.size, "fc-list :lang=zh lists no font").toBeGreaterThan(0);
    const { page } = await open("zh");
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
    for (const selector of ["h1", "section.dash h2", "section.dash .card .label", "section.dash .agent dt"]) {
      const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
      expect(nodeId, selector).toBeGreaterThan(0);
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
      const text = await page.locator(selector).first().textContent();
      const cjk = [...(text ?? "")].filter((c) => /\p{Script=Han}/u.test(c)).length;
      expect(cjk, selector).toBeGreaterThan(0);
      // Every Han character was drawn by a font that has Chinese (a missing glyph's box would count under another font, or none).
      const byChineseFont = fonts.filter((f) => CHINESE_FAMILIES.has(f.familyName)).reduce((n, f) => n + f.glyphCount, 0);
      expect(byChineseFont, `${selector}: ${JSON.stringify(fonts)}`).toBeGreaterThanOrEqual(cjk);
    }
    await page.close();
  });

  for (const lang of ["zh", "en"] as const) {
    it(`(${lang}) shows every marked number as the JSON report has it, and marks every number of the dashboard`, async () => {
      const { page } = await open(lang);
      const marked = await page.evaluate(() =>
        Array.from(document.querySelectorAll("[data-json]"), (e) => ({ path: e.getAttribute("data-json")!, fmt: e.getAttribute("data-fmt"), text: e.textContent })),
      );
      expect(marked.length).toBeGreaterThan(150);
      for (const m of marked) {
        const value = at(report, m.path);
        const expected = typeof value === "number" ? String(value) : typeof value === "string" ? (m.fmt === "percent" ? percentOf(value) : value) : `not a number: ${JSON.stringify(value)}`;
        expect(m.text, m.path).toBe(expected);
      }
      // Each path of the glance cards and the targets table is there (a figure cannot go missing unseen).
      const paths = new Set(marked.map((m) => m.path));
      for (const p of ["shop.sales.net", "shop.silent.net", "summary.silentShare.net", "summary.payTotal", "targets.shop.met"]) expect(paths, p).toContain(p);
      const targets = at(report, "targets.metrics") as { agents: unknown[] }[];
      targets.forEach((t, i) => t.agents.forEach((a, j) => (a as { value: unknown }).value !== null && expect(paths).toContain(`targets.metrics.${i}.agents.${j}.value`)));
      // Every digit in the dashboard's cells is inside a marked number, but for labels and ids.
      const unmarked = await page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
          const el = n.parentElement!;
          if (!el.closest("section.dash") || !/\d/.test(n.textContent ?? "")) continue;
          if (el.closest("[data-json], th, dt, h2, h3, .label, .note, td:first-child")) continue;
          out.push(n.textContent!);
        }
        return out;
      });
      expect(unmarked).toEqual([]);
      await page.close();
    });
  }
});
