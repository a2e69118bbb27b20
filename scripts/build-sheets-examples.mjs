#!/usr/bin/env node
// Copies the browser bundle (dist/kefu-kpi.global.js, built by `npm run build`) into the
// spreadsheet examples: examples/excel/kefu-kpi.global.js (loaded by functions.html) and
// examples/apps-script/KefuKpi.js (an Apps Script file defining the global KefuKpi).
import { copyFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist", "kefu-kpi.global.js");
if (!existsSync(bundle)) {
  console.error("dist/kefu-kpi.global.js is missing: run npm run build first");
  process.exit(1);
}
for (const target of ["examples/excel/kefu-kpi.global.js", "examples/apps-script/KefuKpi.js"]) {
  copyFileSync(bundle, join(root, target));
  console.log(`wrote ${target}`);
}
