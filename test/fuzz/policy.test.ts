/**
 * Fuzzing the policy file (issue 11, "Done when"): `kefu-kpi report` on the sample month with a
 * hostile policy, given as `--policy p.json` or as the folder's `policy.json` — any JSON value,
 * `null`, the whole default policy with one setting replaced by a value of another type, a huge or
 * non-finite number, a `__proto__` / `constructor` / `prototype` key or a misspelt one added, a
 * setting left out, and files that are not quite JSON (a BOM, comments, trailing commas, deep
 * nesting, duplicate keys).
 *
 * Beyond the oracle of `./harness.ts` (no stack trace, exit 0/1/2, Object.prototype untouched, a
 * bound on time), the CLI must agree with the library: it runs a policy exactly when
 * `safeResolvePolicy` accepts it, its report carries that resolved policy, a policy that resolves to
 * the defaults gives the unmutated figures, a `__proto__` key is never accepted, and a refused
 * policy is named by its file and the setting at fault.
 *
 * `FUZZ_RUNS=1000 npx vitest run test/fuzz/policy.test.ts` runs more cases.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy, safeResolvePolicy } from "../../src/index.js";
import { baselineOf, isDeepEqual, judge, removeFolder, runCliBounded, runs, sampleEntries, SEED, writeFolder, type Baseline } from "./harness.js";

const seed = Number(process.env["FUZZ_SEED"] ?? SEED);

// ---------------------------------------------------------------------------------------------
// Hostile policies, as the text of the file

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A value written into the JSON text as is (`1e400`, `-0`, `9007199254740993`): JSON.stringify cannot. */
const raw = (text: string): string => `\u0000RAW:${text}\u0000`;
const unraw = (text: string): string => text.replace(/"\\u0000RAW:(.*?)\\u0000"/g, (_, t: string) => JSON.parse(`"${t}"`) as string);

const HOSTILE_VALUES: readonly Json[] = [
  null,
  true,
  false,
  0,
  -1,
  0.1,
  1e308,
  raw("1e400"),
  raw("-1e400"),
  raw("-0"),
  raw("9007199254740993"),
  raw("123456789012345678901234567890.123"),
  "",
  " ",
  "NaN",
  "Infinity",
  "-0",
  "72",
  "1e3",
  "__proto__",
  "constructor",
  "x".repeat(2_000),
  "\u001b[2J",
  "=cmd|' /C calc'!A0",
  [],
  [null],
  {},
  { __proto__: null } as unknown as Json,
];

/** The settings of the default policy, as paths (every object key and array item, nested). */
function nodesOf(value: Json, path: readonly (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push([...path]);
  if (Array.isArray(value)) value.forEach((v, i) => nodesOf(v, [...path, i], out));
  else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) nodesOf(v, [...path, k], out);
  return out;
}

const defaults = JSON.parse(JSON.stringify(defaultPolicy())) as Json;
const PATHS = nodesOf(defaults).filter((p) => p.length > 0);
const OBJECT_PATHS = nodesOf(defaults).filter((p) => {
  const v = at(defaults, p);
  return typeof v === "object" && v !== null && !Array.isArray(v);
});

function at(value: Json, path: readonly (string | number)[]): Json {
  let node = value;
  for (const key of path) node = (node as Record<string | number, Json>)[key]!;
  return node;
}

/** Sets an own property (also `__proto__`, which an assignment would take as the prototype). */
function setOwn(node: object, key: string | number, value: Json): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A hostile value, or one of a known shape with a key that is no setting. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.constant(null).map(() => protoObject({ windowHours: 1, polluted: true })) },
);

function protoObject(inner: Json): Json {
  const o = {};
  setOwn(o, "__proto__", inner);
  return o as Json;
}

type PolicyCase =
  | { readonly kind: "value"; readonly value: Json }
  | { readonly kind: "replace"; readonly path: number; readonly value: Json }
  | { readonly kind: "addKey"; readonly path: number; readonly key: string; readonly value: Json }
  | { readonly kind: "drop"; readonly path: number }
  | { readonly kind: "text"; readonly text: string };

const idx = fc.nat({ max: 1_000_000 });
const policyCase: fc.Arbitrary<PolicyCase> = fc.oneof(
  fc.record({ kind: fc.constant("value" as const), value: fc.oneof(hostileValue, fc.jsonValue() as fc.Arbitrary<Json>) }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("replace" as const), path: idx, value: hostileValue }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("addKey" as const),
      path: idx,
      key: fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "windowHour", "Rule", "polluted"), fc.string({ maxLength: 8 })),
      value: hostileValue,
    }),
  },
  fc.record({ kind: fc.constant("drop" as const), path: idx }),
  fc.record({
    kind: fc.constant("text" as const),
    text: fc.constantFrom(
      "",
      "null",
      "\uFEFF{}",
      "{} {}",
      '{"attribution": {"windowHours": 72,}}',
      '// the policy\n{"attribution": {"rule": "pay"}}',
      '{"attribution": {"windowHours": 72, "windowHours": 1e400}}',
      '{"__proto__": {"attribution": {"windowHours": 1}}}',
      '{"attribution": {"__proto__": {"windowHours": 1}}}',
      '{"constructor": {"prototype": {"polluted": true}}}',
      `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
      `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`,
      '{"attribution": {"windowHours": "48"}}',
      "{'attribution': {}}",
      '{"timeZone": "Mars/Olympus_Mons"}',
      '{"timeZone": "UTC"}',
      '{"discipline": {"rules": {"__proto__": {"label": "x"}}}}',
      '{"discipline": {"rules": {"constructor": {"label": "x"}}}}',
    ),
  }),
);

/** The file's text for a case (the default policy in full, changed in one place). */
function policyText(c: PolicyCase): { text: string; note: string } {
  if (c.kind === "text") return { text: c.text, note: `the text ${JSON.stringify(c.text.slice(0, 80))}${c.text.length > 80 ? "…" : ""}` };
  if (c.kind === "value") return { text: unraw(JSON.stringify(c.value)), note: "a JSON value" };
  const policy = structuredClone(defaults);
  if (c.kind === "replace") {
    const path = PATHS[c.path % PATHS.length]!;
    setOwn(at(policy, path.slice(0, -1)) as object, path[path.length - 1]!, c.value);
    return { text: unraw(JSON.stringify(policy)), note: `${path.join(".")} = ${unraw(JSON.stringify(c.value) ?? "undefined").slice(0, 80)}` };
  }
  if (c.kind === "addKey") {
    const path = OBJECT_PATHS[c.path % OBJECT_PATHS.length]!;
    setOwn(at(policy, path) as object, c.key, c.value);
    return { text: unraw(JSON.stringify(policy)), note: `${[...path, c.key].join(".")} added = ${unraw(JSON.stringify(c.value) ?? "undefined").slice(0, 80)}` };
  }
  const path = PATHS[c.path % PATHS.length]!;
  const parent = at(policy, path.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
  else delete (parent as Record<string, Json>)[path[path.length - 1]!];
  return { text: JSON.stringify(policy), note: `${path.join(".")} left out` };
}

// ---------------------------------------------------------------------------------------------

let folder: string;
let policyDir: string;
let baseline: Baseline;
const resolvedDefaults = JSON.parse(JSON.stringify(defaultPolicy())) as unknown;

beforeAll(async () => {
  folder = writeFolder(sampleEntries());
  policyDir = mkdtempSync(join(tmpdir(), "kefu-kpi-fuzz-policy-"));
  baseline = await baselineOf(["report", folder, "--format", "json"]);
});
afterAll(() => {
  removeFolder(folder);
  removeFolder(policyDir);
});

/** What the library makes of the file's text (a byte-order mark is no part of it): the resolved policy, or null when it refuses it. */
function libraryPolicy(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const r = safeResolvePolicy(parsed);
  return r.success ? JSON.parse(JSON.stringify(r.data)) : null;
}

async function check(c: PolicyCase, inFolder: boolean): Promise<void> {
  const { text, note } = policyText(c);
  const file = inFolder ? join(folder, "policy.json") : join(policyDir, "p.json");
  writeFileSync(file, text);
  try {
    const run = await runCliBounded(inFolder ? ["report", folder, "--format", "json"] : ["report", folder, "--policy", file, "--format", "json"]);
    const shown = inFolder ? "policy.json" : file;
    const what = `${inFolder ? "policy.json" : "--policy p.json"}: ${note}`;
    const resolved = libraryPolicy(text);
    const defaultsAgain = resolved !== null && isDeepEqual(resolved, resolvedDefaults);
    judge({
      run,
      baseline,
      // The policy resolves to the defaults: the unmutated figures; another valid policy may change
      // them (it is the user's policy, not bad input); a refused one is an error naming its file.
      expectation: defaultsAgain ? { kind: "same" } : resolved === null ? { kind: "error", file: shown } : { kind: "valid" },
      touched: [shown, "policy"],
      sources: [shown, "policy.json", ...[...sampleEntries().keys()]],
      what,
    });
    const context = `${what}\n--- exit ${run.code}\n${run.stderr.slice(0, 2000)}`;
    // The CLI and the library agree on what a policy is.
    if (run.code === 0) {
      expect(resolved, `${context}\n--- the CLI ran a policy the library refuses`).not.toBeNull();
      expect((JSON.parse(run.stdout) as { policy: unknown }).policy, context).toEqual(resolved);
    }
    if (/"__proto__"\s*:/.test(text)) expect(run.code, `${context}\n--- a __proto__ key was accepted`).not.toBe(0);
    // A refused policy names its setting: `p.json, attribution.windowHours: …` (or the whole file: `p.json: …`).
    if (resolved === null && run.code === 1) {
      for (const line of run.stderr.split("\n").filter((l) => l.startsWith(`  ${shown}`))) expect(line, context).toMatch(new RegExp(`^  ${escape(shown)}(: |, )`));
    }
  } finally {
    rmSync(file, { force: true });
  }
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("hostile policy files", () => {
  it("run exactly when the library accepts them, as the library resolves them; else name the file and the setting", async () => {
    await fc.assert(
      fc.asyncProperty(policyCase, fc.boolean(), async (c, inFolder) => {
        await check(c, inFolder);
      }),
      { seed, numRuns: runs(150), endOnFailure: true },
    );
  }, 600_000);
});
