#!/usr/bin/env node
// Builds the spreadsheet examples from the browser bundle (dist/kefu-kpi.global.js, built by
// `npm run build`; `npm run examples` runs both):
// - examples/excel/dist/, the folder the Excel add-in serves: functions.js, the ONE script Excel
//   loads (the custom-functions runtime runs only the script the manifest names, with no page
//   around it), holds the bundle and the wrappers of examples/excel/src/functions.js in one
//   function scope, so it needs no other file and leaves no global behind (`KefuKpi` included);
//   functions.html and functions.json are copied beside it from examples/excel/src/.
// - examples/apps-script/KefuKpi.js: the bundle as an Apps Script file (Apps Script loads every file
//   of a project into one global scope, so the bundle's global `KefuKpi` is what Code.js calls).
// `--out DIR` writes under DIR instead of examples/ (DIR/excel/dist/…, DIR/apps-script/KefuKpi.js),
// as the tests do. Each file is written whole under a temporary name and then renamed, so a reader
// never sees half of one.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundlePath = join(root, "dist", "kefu-kpi.global.js");
if (!existsSync(bundlePath)) {
  console.error("dist/kefu-kpi.global.js is missing: run npm run build first");
  process.exit(1);
}
const outFlag = process.argv.indexOf("--out");
const out = outFlag === -1 ? join(root, "examples") : resolve(process.argv[outFlag + 1] ?? "");
if (outFlag !== -1 && process.argv[outFlag + 1] === undefined) {
  console.error("--out needs a folder");
  process.exit(1);
}

const bundle = readFileSync(bundlePath, "utf8");
const excelSource = join(root, "examples", "excel", "src");

/**
 * The Excel add-in's one script. The bundle is an IIFE assigned to `var KefuKpi`: inside the outer
 * function that var is the wrappers' `KefuKpi` and no global; the wrappers reach the runtime only
 * through `CustomFunctions.associate`. The bundle's one use of `globalThis` is zod keeping its
 * settings there (`__zod_globalConfig`, `__zod_globalRegistry`): the outer function's `globalThis`
 * parameter gives it a private object instead, so the add-in leaves no global and shares no
 * settings with another script's zod. That object starts in jitless mode: zod probes `new
 * Function` when it builds a schema unless told not to, and the bundle's schemas are built before
 * its own `z.config({ jitless: true })` runs, so the page's CSP would log a refused eval. The `;`
 * ends the bundle's last statement whatever it is.
 */
function excelScript(wrappers) {
  return [
    "// kefu-kpi's Excel custom functions (KEFU.*): the library's browser bundle and the wrappers of",
    "// examples/excel/src/functions.js in one script, made by `npm run examples`. Do not edit: edit the",
    "// wrappers and build again.",
    "(function (globalThis) {",
    '"use strict";',
    bundle.trimEnd(),
    ";",
    wrappers.trimEnd(),
    "})({ __zod_globalConfig: { jitless: true } });",
    "",
  ].join("\n");
}

// Any other use of `globalThis` in a future bundle would get the private object: refuse to build.
const globalUses = bundle.match(/\bglobalThis\b/g)?.length ?? 0;
const zodUses = bundle.match(/\bglobalThis\)?\.__zod_global(?:Config|Registry)\b/g)?.length ?? 0;
if (globalUses !== zodUses) {
  console.error(`dist/kefu-kpi.global.js uses globalThis beyond zod's settings (${globalUses} uses, ${zodUses} of zod's): update excelScript in scripts/build-sheets-examples.mjs`);
  process.exit(1);
}

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
  console.log(`wrote ${path}`);
}

const excel = join(out, "excel", "dist");
write(join(excel, "functions.js"), excelScript(readFileSync(join(excelSource, "functions.js"), "utf8")));
for (const file of ["functions.html", "functions.json"]) write(join(excel, file), readFileSync(join(excelSource, file), "utf8"));
write(join(out, "apps-script", "KefuKpi.js"), bundle);
