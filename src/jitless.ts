// jitless: the browser bundle's first module. Spreadsheet hosts and pages under a strict
// Content-Security-Policy forbid code generation; zod compiles an object schema's parser with `new
// Function` when the schema is built (at module load) unless `jitless` is already set, and probing
// for it is itself a refused eval the page logs. So the setting comes before any schema exists:
// `src/browser.ts` imports this module first. (zod keeps its settings on `globalThis`, so this sets
// them for the page's zod copies too, as `z.config` always has.)
import * as z from "zod";

z.config({ jitless: true });
const configured = true;

/** Whether zod was put in jitless mode before the bundle built its schemas (called by the bundle, so this module is kept). */
export function zodJitless(): boolean {
  return configured;
}
