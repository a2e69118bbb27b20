// The spreadsheet examples as `npm run examples` builds them: scripts/build-sheets-examples.mjs run
// on dist/ (which `npm run build` makes before the tests), into a folder of its own, so that test
// files running at once never read a half-written file and the working tree is left alone.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface BuiltExamples {
  /** examples/excel/dist/: the one script Excel loads, its page and its metadata. */
  readonly excel: { readonly "functions.js": string; readonly "functions.html": string; readonly "functions.json": string };
  /** examples/apps-script/KefuKpi.js: the bundle as an Apps Script file. */
  readonly appsScriptBundle: string;
}

export function buildExamples(): BuiltExamples {
  const out = mkdtempSync(join(tmpdir(), "kefu-kpi-examples-"));
  try {
    execFileSync(process.execPath, [fileURLToPath(new URL("../../scripts/build-sheets-examples.mjs", import.meta.url)), "--out", out], { stdio: "pipe" });
    const excel = (file: string): string => readFileSync(join(out, "excel", "dist", file), "utf8");
    return {
      excel: { "functions.js": excel("functions.js"), "functions.html": excel("functions.html"), "functions.json": excel("functions.json") },
      appsScriptBundle: readFileSync(join(out, "apps-script", "KefuKpi.js"), "utf8"),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The 1900-system serial of a day (Excel's, from 1900-03-01 on), computed from the calendar. */
export function serial1900(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000 + 25_569;
}
