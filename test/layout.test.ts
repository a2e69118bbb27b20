// The layout the README's "Architecture" section describes, held by a test so that it stays true:
// one folder per stage, imports only towards earlier stages (no cycles), the rule families
// independent of one another, Node APIs only under src/node, and every folder's index.ts opening
// with the comment that says what the folder owns.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../src");

// The stages in the order data flows; a module may import from its own stage's folder or from an
// earlier stage, never a later one. The rule families share one stage and never import each other.
const STAGES: readonly (readonly string[])[] = [
  ["errors", "memory", "lazy", "compare"], // the issues and plain helpers every stage uses
  ["input"], // the checks of an entry point's arguments (objects, arrays, known options)
  ["money", "time", "ids"], // exact money, instants and periods, id tables
  ["policy"],
  ["records"], // the record kinds and the one decoder
  ["attribution", "kpi", "grading", "discipline", "roster", "pay", "chat", "routing", "traffic", "followUp"], // the rule families
  ["report"], // what a report is (schemas, the settled diff)
  ["month"], // the orchestration
  ["render"],
  ["sheets", "node", "sample"],
  ["index", "schemas", "browser", "jitless"], // the package's entry points (jitless: the browser bundle's first module)
];
const FAMILIES = new Set(STAGES[5]);
const stageOf = new Map(STAGES.flatMap((names, i) => names.map((name) => [name, i] as const)));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** `attribution/match.ts` → "attribution"; `index.ts` → "index". */
function unitOf(path: string): string {
  const parts = relative(SRC, path).split(sep);
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.[jt]s$/, "");
}

const files = sourceFiles(SRC);
const imports = files.flatMap((file) => {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']/g)].map((m) => m[1]!);
  const dynamic = [...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
  return [...specifiers, ...dynamic].map((specifier) => ({ file, specifier }));
});

describe("the layout", () => {
  it("puts every source folder and top-level module in a stage", () => {
    const units = [...new Set(files.map(unitOf))].sort();
    expect(units.filter((unit) => !stageOf.has(unit))).toEqual([]);
  });

  it("imports only from the same stage's folder or an earlier stage (so no cycles between folders)", () => {
    const backwards: string[] = [];
    for (const { file, specifier } of imports) {
      if (!specifier.startsWith(".")) continue;
      const from = unitOf(file);
      const to = unitOf(resolve(dirname(file), specifier));
      if (from === to) continue;
      const [a, b] = [stageOf.get(from)!, stageOf.get(to)!];
      if (b > a || (a === b && !["index", "schemas", "browser"].includes(from)))
        backwards.push(`${relative(SRC, file)} imports ${specifier}`);
    }
    expect(backwards).toEqual([]);
  });

  it("keeps the rule families independent of one another", () => {
    const crossing = imports.filter(({ file, specifier }) => {
      const from = unitOf(file);
      const to = unitOf(resolve(dirname(file), specifier));
      return specifier.startsWith(".") && from !== to && FAMILIES.has(from) && FAMILIES.has(to);
    });
    expect(crossing).toEqual([]);
  });

  it("uses Node APIs only under src/node, and no package but the run-time dependencies", () => {
    const allowed = /^(zod(\/.*)?|decimal\.js|date-fns(\/.*)?|@date-fns\/tz)$/;
    const outside = imports.filter(({ file, specifier }) => !specifier.startsWith(".") && unitOf(file) !== "node" && !allowed.test(specifier));
    expect(outside.map(({ file, specifier }) => `${relative(SRC, file)}: ${specifier}`)).toEqual([]);
    const nodeImports = imports.filter(({ file, specifier }) => unitOf(file) === "node" && specifier.startsWith("node:"));
    expect(nodeImports.length).toBeGreaterThan(0); // the pattern above does see imports
  });

  it("opens every folder's index.ts with a comment naming the folder and what it owns", () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(folders.length).toBeGreaterThan(10);
    for (const folder of folders) {
      const text = readFileSync(join(SRC, folder.name, "index.ts"), "utf8");
      expect(text.startsWith(`// ${folder.name}/`), folder.name).toBe(true);
      expect(text.split("\n")[0]!.length, folder.name).toBeGreaterThan(`// ${folder.name}/: `.length + 20);
    }
  });
});
