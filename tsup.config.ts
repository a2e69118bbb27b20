import { defineConfig } from "tsup";

export default defineConfig([
  // The library: ESM + CJS with types for both; dependencies stay external.
  {
    entry: { index: "src/index.ts", "node/index": "src/node/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    platform: "neutral",
    external: [/^node:/],
    splitting: false,
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
    entry: { "kefu-kpi.global": "src/index.ts" },
    format: ["iife"],
    globalName: "KefuKpi",
    platform: "browser",
    target: "es2020",
    minify: true,
    noExternal: [/.*/],
    outExtension: () => ({ js: ".js" }),
  },
]);
