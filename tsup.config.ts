import { rmSync } from "node:fs";
import { defineConfig } from "tsup";

// dist/ is emptied once, here, before any build starts. tsup's own `clean` on the library's build
// also removes every .d.ts in dist/ when that build's declaration pass starts, which on a busy
// machine can come after the sample month's declarations were written (dist/sample-month.d.ts
// went missing, failing test/exports.test.ts).
rmSync(new URL("./dist", import.meta.url), { recursive: true, force: true });

export default defineConfig([
  // The library (`kefu-kpi`, `kefu-kpi/schemas`, `kefu-kpi/render`, `kefu-kpi/sheets`) and its Node part (`kefu-kpi/node`): ESM + CJS with types for both,
  // dependencies external, shared code in common chunks so both entries use the same classes
  // (an error thrown by the core is `instanceof KefuKpiError` for node code too). The core is
  // type-checked without Node's types (`npm run typecheck`), so a Node API in it fails the checks.
  {
    entry: { index: "src/index.ts", schemas: "src/schemas.ts", "render/index": "src/render/index.ts", "node/index": "src/node/index.ts", "sheets/index": "src/sheets/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    tsconfig: "tsconfig.node.json",
    sourcemap: true,
    clean: false, // done above
    target: "es2022",
    platform: "node",
    splitting: true,
  },
  // The sample month for test suites (`kefu-kpi/sample-month`): generated data, so no source maps
  // (they would double its size and point at a generated file).
  {
    entry: { "sample-month": "src/sample/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    tsconfig: "tsconfig.node.json",
    sourcemap: false,
    target: "es2022",
    platform: "node",
  },
  // The CLI.
  {
    entry: { cli: "src/node/cli.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
    splitting: false,
  },
  // The browser global bundle for spreadsheet add-ins: everything inlined, no Node API.
  {
    entry: { "kefu-kpi.global": "src/browser.ts" },
    format: ["iife"],
    globalName: "KefuKpi",
    platform: "browser",
    target: "es2020",
    minify: true,
    noExternal: [/.*/],
    outExtension: () => ({ js: ".js" }),
  },
]);
