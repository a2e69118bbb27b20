// docs/rules.md held to the code: the metric table to KPI_METRICS, every policy key and default to
// defaultPolicy(), the issue codes to IssueCode, the exit codes to the CLI's source, the seeds by
// their titles. Each check reads the document's own tables, so a key, metric, code or default
// added, renamed or changed on either side fails here until the page says it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// The narrow modules the root index re-exports (the root and kefu-kpi/node load the whole engine,
// which this page's checks do not need); the CLI's codes are read from its source text.
import { IssueCode } from "../../src/errors.js";
import { KPI_METRICS, KPI_METRIC_IDS, defaultPolicy, policyJsonSchema } from "../../src/policy/index.js";

const doc = readFileSync(new URL("../../docs/rules.md", import.meta.url), "utf8");
const source = (path: string): string => readFileSync(new URL(`../../src/${path}`, import.meta.url), "utf8");

/** The source documents by number, with the title each opens with. */
const SEEDS: Readonly<Record<string, string>> = {
  "000": "淘宝客服日常工作制度及绩效考核",
  "001": "怎么管理天猫店铺",
  "002": "客服在线客服程序",
  "003": "淘宝客服绩效如何判定的?有什么技巧?",
  "004": "天猫售前客服岗位职责工作标准",
};

/** The text of the `## ` section whose heading starts with `title`, up to the next `## ` heading. */
function section(title: string): string {
  const lines = doc.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`## ${title}`));
  if (start < 0) throw new Error(`docs/rules.md has no section "## ${title}"`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith("## "));
  return (end < 0 ? rest : rest.slice(0, end)).join("\n");
}

/** The backticked tokens of a text, in order. */
function ticks(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
}

/** The table rows of a text whose first cell is one backticked token: that token and the cells. */
function rows(text: string): { key: string; cells: string[] }[] {
  const out: { key: string; cells: string[] }[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("|")) continue;
    const cells = line.trim().slice(1, -1).split("|").map((c) => c.trim());
    const key = /^`([^`]+)`$/.exec(cells[0] ?? "")?.[1];
    if (key !== undefined) out.push({ key, cells });
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface JsonSchema {
  readonly type?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: unknown;
  readonly propertyNames?: unknown;
  readonly anyOf?: readonly JsonSchema[];
}

const isRecord = (v: unknown): v is { [key: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

/** The object branch of a schema node (a nullable object is `anyOf: [object, null]`). */
function objectSchema(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (schema === undefined) return undefined;
  if (schema.type === "object" || schema.properties !== undefined || schema.additionalProperties !== undefined) return schema;
  for (const branch of schema.anyOf ?? []) {
    const found = objectSchema(branch);
    if (found) return found;
  }
  return undefined;
}

/**
 * The leaf key paths of a policy value: a primitive, null or list is a leaf; an object with fixed
 * settings is descended into; a map keyed by ids (a record in the JSON Schema: no `properties`) is
 * one leaf, as the page lists it.
 */
function leafPaths(value: Json, schema: JsonSchema | undefined, path: string): string[] {
  const node = objectSchema(schema);
  const isMap = node !== undefined && node.properties === undefined && (node.additionalProperties !== undefined || node.propertyNames !== undefined);
  if (!isRecord(value) || isMap) return [path];
  return Object.keys(value).flatMap((key) => leafPaths(value[key]!, node?.properties?.[key], path === "" ? key : `${path}.${key}`));
}

/** The values a dotted path names (`a.b[].c`: field c of each item of list a.b); undefined when it names nothing. */
function resolve(root: Json, path: string): Json[] | undefined {
  let values: Json[] = [root];
  for (const segment of path.split(".")) {
    const list = segment.endsWith("[]");
    const name = list ? segment.slice(0, -2) : segment;
    const next: Json[] = [];
    for (const v of values) {
      if (!isRecord(v) || !Object.hasOwn(v, name)) return undefined;
      const child = v[name]!;
      if (!list) next.push(child);
      else if (Array.isArray(child)) next.push(...child);
      else return undefined;
    }
    values = next;
  }
  return values.length > 0 ? values : undefined;
}

/** How the page writes a default: each primitive as one token, an empty list as `[]`; null for an object. */
function tokensOf(v: Json): string[] | null {
  if (Array.isArray(v)) {
    if (v.length === 0) return ["[]"];
    const parts = v.map(tokensOf);
    return parts.some((p) => p === null) ? null : parts.flatMap((p) => p!);
  }
  if (isRecord(v)) return null;
  return [String(v)];
}

const DOTTED = /^[A-Za-z_$][\w$]*(?:\[\])?(?:\.[A-Za-z_$][\w$]*(?:\[\])?)+$/;
const policy = defaultPolicy() as unknown as Json;
const policyKeys = Object.keys(policy as Record<string, Json>);

describe("docs/rules.md", () => {
  it("never mentions the internal domain reference", () => {
    expect(doc).not.toMatch(/DOMAIN\.md/i);
  });

  it("has a section per rule family R1–R9, each citing its seeds, none said to be not implemented", () => {
    for (let n = 1; n <= 9; n++) expect(section(`R${n} `), `R${n}`).toMatch(/seed \d{3}\s+\(/);
    // R7 was the last family with a part not implemented (its staffing, since the Erlang C model).
    expect(doc).not.toMatch(/not implemented/i);
  });

  it("cites each seed by number and its own title", () => {
    const cited = [...doc.matchAll(/seed (\d{3})\s+\(([^)]*)\)/g)];
    for (const [whole, number, title] of cited) expect(title, whole).toBe(SEEDS[number!]);
    expect(new Set(cited.map((m) => m[1])), "every seed cited with its title").toEqual(new Set(Object.keys(SEEDS)));
    for (const [whole, number] of doc.matchAll(/seed (\d+)/g)) expect(Object.keys(SEEDS), whole).toContain(number);
  });

  describe("KPI metrics", () => {
    const text = section("KPI metrics");
    const table = rows(text);

    it("lists every metric of KPI_METRICS once, with its 中文 label and unit", () => {
      expect(table.map((r) => r.key).sort()).toEqual([...KPI_METRIC_IDS].sort());
      for (const metric of KPI_METRICS) {
        const row = table.find((r) => r.key === metric.id)!;
        expect(row.cells[1], metric.id).toBe(metric.label.zh);
        expect(row.cells[3], metric.id).toBe(metric.unit);
      }
    });

    it("names a metric only by a real metric id, and a threshold only by a real policy key", () => {
      for (const token of ticks(text)) {
        if (/^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/.test(token)) expect(KPI_METRIC_IDS as readonly string[], token).toContain(token);
        else expect(resolve(policy, token), token).toBeDefined();
      }
    });

    it("names every metric id in backticks", () => {
      const all = new Set(ticks(doc));
      for (const id of KPI_METRIC_IDS) expect(all.has(id), id).toBe(true);
    });
  });

  describe("Policy keys", () => {
    const text = section("Policy keys");
    const table = rows(text);

    it("lists every leaf key of the default policy (a map keyed by ids as one key)", () => {
      const leaves = leafPaths(policy, policyJsonSchema() as JsonSchema, "");
      const listed = new Set(table.map((r) => r.key));
      expect(leaves.filter((path) => !listed.has(path))).toEqual([]);
      expect(new Set(table.map((r) => r.key)).size, "each key listed once").toBe(table.length);
    });

    it("names only real keys of the default policy", () => {
      for (const { key } of table) expect(resolve(policy, key), key).toBeDefined();
      for (const token of ticks(text).filter((t) => DOTTED.test(t))) expect(resolve(policy, token), token).toBeDefined();
    });

    it("states each default as the default policy has it", () => {
      for (const { key, cells } of table) {
        const values = resolve(policy, key)!;
        const stated = ticks(cells[1] ?? "");
        const only = values[0];
        if (values.length === 1 && isRecord(only)) {
          // A map keyed by ids: its default ids are named.
          for (const id of Object.keys(only)) expect(stated, `${key}: ${id}`).toContain(id);
          continue;
        }
        const expected = values.map(tokensOf);
        if (expected.some((e) => e === null)) continue; // a list of settings: its fields have rows of their own
        expect(stated, key).toEqual(expected.flatMap((e) => e!));
      }
    });
  });

  it("gives the default wherever the text writes `key` = `value`", () => {
    const pairs = [...doc.matchAll(/`([^`\n]+)` = `([^`\n]+)`/g)];
    expect(pairs.length).toBeGreaterThan(0);
    for (const [whole, key, value] of pairs) {
      const values = resolve(policy, key!);
      expect(values, whole).toBeDefined();
      for (const v of values!) expect(tokensOf(v), whole).toEqual([value]);
    }
  });

  it("names only real policy keys anywhere (a dotted path under a policy section)", () => {
    // `shop.…` is left out: the report has a shop section of its own.
    const sections = policyKeys.filter((k) => k !== "shop");
    for (const token of ticks(doc)) {
      if (!DOTTED.test(token) || !sections.includes(token.split(".")[0]!.replace("[]", ""))) continue;
      expect(resolve(policy, token), token).toBeDefined();
    }
  });

  describe("Issue codes", () => {
    const text = section("Issue codes");

    it("lists every IssueCode once, and no other snake_case code", () => {
      const codes: readonly string[] = Object.values(IssueCode);
      const listed = rows(text).map((r) => r.key);
      expect([...listed].sort()).toEqual([...codes].sort());
      for (const token of ticks(text).filter((t) => /^[a-z]+(?:_[a-z]+)+$/.test(t))) expect(codes, token).toContain(token);
    });
  });

  describe("Exit codes", () => {
    const text = section("Exit codes");

    const runCli = source("node/runCli.ts");

    /**
     * The exit codes the CLI returns, read from its source: the numbers runCli returns, INTERNAL_ERROR
     * (as declared, and returned), and the process exits of the bin (src/node/cli.ts).
     */
    function cliCodes(): Set<number> {
      const bin = source("node/cli.ts");
      const codes = new Set<number>();
      for (const m of runCli.matchAll(/\breturn (\d+);/g)) codes.add(Number(m[1]));
      for (const m of bin.matchAll(/process\.exit\((\d+)\)/g)) codes.add(Number(m[1]));
      const internal = /export const INTERNAL_ERROR = (\d+);/.exec(runCli)?.[1];
      expect(internal, "INTERNAL_ERROR declared in runCli.ts").toBeDefined();
      expect(runCli).toMatch(/\breturn INTERNAL_ERROR;/);
      expect(bin).toMatch(/process\.exit\(INTERNAL_ERROR\)/);
      codes.add(Number(internal));
      return codes;
    }

    it("lists exactly the codes the CLI exits with", () => {
      const codes = cliCodes();
      expect(codes.size).toBeGreaterThan(1);
      const listed = rows(text).map((r) => Number(r.key));
      expect(new Set(listed)).toEqual(codes);
      expect(listed.length, "each code listed once").toBe(codes.size);
      for (const token of ticks(text).filter((t) => /^\d+$/.test(t))) expect(codes.has(Number(token)), token).toBe(true);
    });

    it("agrees with the codes the CLI's usage text (USAGE) names", () => {
      const text = /export const USAGE = `([^`]*)`;/.exec(runCli)?.[1] ?? "";
      expect(text, "USAGE declared in runCli.ts").toMatch(/Exit codes:/);
      const usage = text.slice(text.indexOf("Exit codes:"));
      const named = new Set([...usage.matchAll(/(?:Exit codes:|,)\s*(\d+)\s/g)].map((m) => Number(m[1])));
      expect(named).toEqual(cliCodes());
    });
  });
});
