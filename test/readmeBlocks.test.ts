// README code blocks run as written, against the built package (dist/, as a consumer imports it):
// each block is extracted, its `kefu-kpi…` imports pointed at dist/, transpiled, run, and every
// line of the form `expression; // "value" …` asserts that the expression is that value.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;
const readme = readFileSync(join(root, "README.md"), "utf8");
const ENTRY: Record<string, string> = {
  "kefu-kpi": "dist/index.js",
  "kefu-kpi/sample-month": "dist/sample-month.js",
  "kefu-kpi/schemas": "dist/schemas.js",
  "kefu-kpi/render": "dist/render/index.js",
  "kefu-kpi/sheets": "dist/sheets/index.js",
  "kefu-kpi/node": "dist/node/index.js",
};

/** The ```ts block right under a heading of the README. */
function blockUnder(heading: string): string {
  const at = readme.indexOf(`\n## ${heading}\n`);
  expect(at, heading).toBeGreaterThan(0);
  const m = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  expect(m, heading).not.toBeNull();
  return m![1]!;
}

async function runBlock(code: string): Promise<number> {
  let checks = 0;
  const body = code
    .replace(/from "(kefu-kpi[^"]*)"/g, (_, name: string) => `from ${JSON.stringify(pathToFileURL(join(root, ENTRY[name]!)).href)}`)
    .split("\n")
    .map((line) => {
      const m = /^(.*?);\s*\/\/\s*("(?:[^"\\]|\\.)*")/.exec(line);
      if (!m || /^\s*(import|const|let)\b/.test(m[1]!)) return line;
      checks++;
      return `__check(${m[1]}, ${m[2]}, ${JSON.stringify(m[1]!.trim())});`;
    })
    .join("\n");
  const js = ts.transpileModule(body, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const file = join(mkdtempSync(join(tmpdir(), "kefu-kpi-readme-")), "block.mjs");
  writeFileSync(file, `const __check = (got, want, what) => { if (got !== want) throw new Error(\`\${what}: \${JSON.stringify(got)}, the README says \${JSON.stringify(want)}\`); };\n${js}`);
  await import(pathToFileURL(file).href);
  return checks;
}

describe("README blocks, run as written against the built package", () => {
  it("The sample month in your tests", async () => {
    expect(await runBlock(blockUnder("The sample month in your tests"))).toBe(2);
  });
});
