// The public surface, held to reviewed lists: each entry point's exports (values from the ESM and
// CJS builds, types from the shipped declarations) must equal test/exports/<entry>.txt. A new,
// removed or renamed export fails here until the list is changed on purpose, with the CHANGELOG:
// `UPDATE_EXPORTS=1 npx vitest run test/exports.test.ts` rewrites the lists for review.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const ENTRIES = [
  { name: "kefu-kpi", list: "index", dist: "index" },
  { name: "kefu-kpi/schemas", list: "schemas", dist: "schemas" },
  { name: "kefu-kpi/render", list: "render", dist: "render/index" },
  { name: "kefu-kpi/node", list: "node", dist: "node/index" },
  { name: "kefu-kpi/sheets", list: "sheets", dist: "sheets/index" },
  { name: "kefu-kpi/sample-month", list: "sample-month", dist: "sample-month" },
] as const;

function declaredNames(file: string): string[] {
  const program = ts.createProgram([file], { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true });
  const source = program.getSourceFile(file);
  const symbol = source && program.getTypeChecker().getSymbolAtLocation(source);
  if (!symbol) throw new Error(`no module symbol for ${file}`);
  return program.getTypeChecker().getExportsOfModule(symbol).map((s) => s.name);
}

describe.each(ENTRIES)("the exports of $name", (entry) => {
  it("are the reviewed list, values and types, in the ESM and CJS builds alike", async () => {
    const esm = Object.keys(await import(/* @vite-ignore */ `${root}dist/${entry.dist}.js`)).sort();
    const cjs = Object.keys(require(`${root}dist/${entry.dist}.cjs`) as object).sort();
    expect(cjs).toEqual(esm);
    const declared = declaredNames(`${root}dist/${entry.dist}.d.ts`);
    const declaredCjs = declaredNames(`${root}dist/${entry.dist}.d.cts`);
    expect([...declaredCjs].sort()).toEqual([...declared].sort());
    // Every runtime value is declared; what is declared and not at run time is a type.
    expect(esm.filter((n) => !declared.includes(n))).toEqual([]);
    const lines = [...esm.map((n) => `value ${n}`), ...declared.filter((n) => !esm.includes(n)).map((n) => `type ${n}`)].sort();
    const path = `${root}test/exports/${entry.list}.txt`;
    if (process.env.UPDATE_EXPORTS === "1") writeFileSync(path, lines.join("\n") + "\n");
    expect(lines).toEqual(readFileSync(path, "utf8").trimEnd().split("\n"));
  });
});

it("each export is in one entry point only: one name per thing", () => {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const entry of ENTRIES) {
    for (const line of readFileSync(`${root}test/exports/${entry.list}.txt`, "utf8").trimEnd().split("\n")) {
      const name = line.split(" ")[1]!;
      if (seen.has(name)) twice.push(`${name}: ${seen.get(name)} and ${entry.name}`);
      seen.set(name, entry.name);
    }
  }
  expect(twice).toEqual([]);
});

// 74: the chat standards (R8) added their entry point and its safe twin, as did routing (R7) twice and staffing once
// (one arrival, a period's replay), and trends twice (the KPIs of each day or week, and their report); a new value
// must earn its place.
it("the root stays small: at most 74 values", () => {
  const values = readFileSync(`${root}test/exports/index.txt`, "utf8").split("\n").filter((l) => l.startsWith("value "));
  expect(values.length).toBeLessThanOrEqual(74);
});
