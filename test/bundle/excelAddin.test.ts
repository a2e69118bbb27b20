// The Excel add-in's page in real headless Chromium (Debian's package, as in chromium.test.ts), as
// Excel loads it: the generated functions.html and the one generated functions.js (built by
// `npm run examples`' script, here into a folder of its own), served from https://localhost:3000
// as the manifest names them, under the page's own strict CSP. The Office custom-functions runtime
// is stood in for by a small script defining CustomFunctions that records the associations.
// Everything is served by request interception: nothing touches the network.
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./launchChromium.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attributionTable, toCells } from "../../src/sheets/index.js";
import { buildExamples, serial1900 } from "../sheets/builtExamples.js";
import { sampleRanges } from "./sample.js";

const ORIGIN = "https://localhost:3000";
const RUNTIME = "https://appsforoffice.microsoft.com/lib/1/hosted/custom-functions-runtime.js";

// The stand-in for Office's runtime: CustomFunctions as the add-in uses it, the associations and
// the page's CSP violations recorded on window (it runs first, so it hears every violation).
const STAND_IN = `
window.violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile }));
window.associations = {};
class CustomFunctionsError { constructor(code, message) { this.code = code; this.message = message; } }
window.CustomFunctions = {
  associate(id, fn) { window.associations[id] = fn; },
  Error: CustomFunctionsError,
  ErrorCode: { invalidValue: "#VALUE!" },
};
`;

interface Call {
  readonly isError: boolean;
  readonly code?: string;
  readonly message?: string;
  readonly value?: unknown;
}

let browser: Browser;
let page: Page;
const requested: string[] = [];
const built = buildExamples();
const metadata = JSON.parse(built.excel["functions.json"]) as { functions: { id: string }[] };

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  const files: Record<string, { type: string; body: string }> = {
    [`${ORIGIN}/functions.html`]: { type: "text/html", body: built.excel["functions.html"] },
    [`${ORIGIN}/functions.js`]: { type: "text/javascript", body: built.excel["functions.js"] },
    [RUNTIME]: { type: "text/javascript", body: STAND_IN },
  };
  await page.route("**/*", (route) => {
    const url = route.request().url();
    requested.push(url);
    const file = files[url];
    return file ? route.fulfill({ status: 200, contentType: file.type, body: file.body }) : route.abort();
  });
  await page.goto(`${ORIGIN}/functions.html`, { waitUntil: "load" });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Calls a KEFU function as Excel would, in the page; reports whether it returned a CustomFunctions.Error. */
async function call(id: string, ...args: unknown[]): Promise<Call> {
  return page.evaluate(
    ({ id, args }) => {
      const w = window as unknown as { associations: Record<string, (...a: unknown[]) => unknown>; CustomFunctions: { Error: new (...a: unknown[]) => { code: string; message: string } } };
      const result = w.associations[id]!(...args);
      if (result instanceof w.CustomFunctions.Error) return { isError: true, code: result.code, message: result.message };
      return { isError: false, value: result };
    },
    { id, args },
  );
}

describe("the Excel add-in's page in headless Chromium", () => {
  it("loads only the runtime and the one script, which associates every function of functions.json", async () => {
    const scripts = await page.evaluate(() => Array.from(document.scripts, (s) => s.src));
    expect(scripts).toEqual([RUNTIME, `${ORIGIN}/functions.js`]);
    expect(requested.filter((url) => !url.endsWith("/favicon.ico"))).toEqual([`${ORIGIN}/functions.html`, RUNTIME, `${ORIGIN}/functions.js`]);
    const associated = await page.evaluate(() => Object.keys((window as unknown as { associations: object }).associations));
    expect(associated.sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    expect(associated.length).toBeGreaterThan(0);
    // The library is inside the script, not a global of the page.
    expect(await page.evaluate(() => "KefuKpi" in window)).toBe(false);
  });

  it("KEFU.ATTRIBUTION on the sample ranges gives the adapter's table", async () => {
    const sample = sampleRanges();
    const result = await call("ATTRIBUTION", sample.orders, sample.consultations, sample.agents, null, null, null);
    expect(result.isError).toBe(false);
    expect(result.value).toEqual(toCells(attributionTable(sample)));
  });

  it("a bad range gives a CustomFunctions.Error whose message names the cell", async () => {
    const sample = sampleRanges();
    const orders = sample.orders.map((row) => [...row]);
    const paidAt = orders[0]!.indexOf("paidAt");
    orders[5]![paidAt] = "2020-02-30 10:00";
    const result = await call("ATTRIBUTION", orders, sample.consultations, sample.agents, null, null, null);
    expect(result.isError).toBe(true);
    expect(result.code).toBe("#VALUE!");
    const cell = `订单!${String.fromCharCode(65 + paidAt)}6`;
    expect(result.message).toMatch(new RegExp(`^${cell} \\(orderId "${orders[5]![0]}"\\), paidAt: "2020-02-30 10:00" is not a real calendar date`));
  });

  it("reads a month cell Excel turned into a date serial as the month", async () => {
    const sample = sampleRanges();
    const ranges = [sample.orders, sample.consultations, sample.agents];
    const [february, asText, january, januaryText, byDefault, fourth] = await Promise.all([
      call("ATTRIBUTION", ...ranges, null, serial1900(2020, 2, 1), null),
      call("ATTRIBUTION", ...ranges, null, "2020-02", null),
      call("ATTRIBUTION", ...ranges, null, serial1900(2020, 1, 1), null),
      call("ATTRIBUTION", ...ranges, null, "2020-01", null),
      call("ATTRIBUTION", ...ranges, null, null, null),
      call("ATTRIBUTION", ...ranges, null, serial1900(2020, 2, 4), null),
    ]);
    expect(february).toEqual(asText);
    expect(january).toEqual(januaryText);
    // January is not the default month: the serial is read, not ignored.
    expect(january.value).not.toEqual(byDefault.value);
    expect(february.value).toEqual(toCells(attributionTable(sample, { month: "2020-02" })));
    expect(fourth.isError).toBe(true);
    expect(fourth.message).toBe(`options.month: ${serial1900(2020, 2, 4)} is 2020-02-04, not the first day of a month; expected a month YYYY-MM as text or the date serial of its first day`);
  });

  it("runs under the page's strict CSP without any violation of its own", async () => {
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content"));
    expect(csp).toBe("script-src 'self' https://appsforoffice.microsoft.com");
    // The CSP is in force: a script from elsewhere is refused, and that violation is heard. Events
    // come in order, so once the probe's has arrived, any the add-in caused would have before it.
    await page.evaluate(() => {
      const probe = document.createElement("script");
      probe.src = "https://elsewhere.test/probe.js";
      document.head.append(probe);
    });
    await page.waitForFunction(() => (window as unknown as { violations: unknown[] }).violations.length > 0);
    const violations = await page.evaluate(() => (window as unknown as { violations: { directive: string; blocked: string }[] }).violations);
    expect(violations).toEqual([{ directive: "script-src-elem", blocked: "https://elsewhere.test/probe.js", source: expect.any(String) }]);
  });
});
