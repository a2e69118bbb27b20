/**
 * Fuzzing the spreadsheet adapter (issue 11, "Done when"): `sheetMonthReport` on the sample month's
 * ranges as a workbook holds them, mutated as hosts and users do — dates as Excel serials or `Date`s,
 * amounts and counts as numbers, TRUE/FALSE, blanks as `null`/`undefined`/`0`, Chinese headers, the
 * unused tail of a range, rows in another order (all of which must change nothing) — and as they
 * should not: hostile text and hostile cells (Excel error values, NaN, huge numbers, bad serials,
 * objects), rows cut short (an issue at the first missing cell) or extended, headers dropped, doubled or in another case, rows that are no
 * rows; and hostile policy cells (`policyFromCells`: reserved key segments, keys set twice, values
 * of every cell type).
 *
 * `test/hostile.test.ts` puts hostile JavaScript values anywhere in a small call of every sheet
 * function; this suite mutates the ranges of a whole month and checks the figures too: a sheet
 * function never throws and leaves Object.prototype alone, and its month is the unmutated one, or
 * carries a new warning naming the range, or fails with issues placed at their sheet and cell.
 *
 * `FUZZ_RUNS=2000 npx vitest run test/fuzz/sheets.test.ts` runs more cases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IssueCode, formatIssue, safeResolvePolicy, type Issue } from "../../src/index.js";
import { KINDS, RECORD_KINDS, type RecordKind } from "../../src/records/kinds.js";
import * as S from "../../src/sheets/index.js";
import { sampleRanges } from "../bundle/sample.js";
import { describeDifference, expectPrototypeUntouched, figuresOf, isDeepEqual, runs, SEED } from "./harness.js";
import { HOSTILE_TEXT, SPREADSHEET_ERRORS, UNWARNED_WHEN_MISSING, permutation } from "./folderMutations.js";

const seed = Number(process.env["FUZZ_SEED"] ?? SEED);

type Cell = S.Cell;
type Ranges = Partial<Record<RecordKind, Cell[][]>>;

const SAMPLE = sampleRanges() as Partial<Record<RecordKind, string[][]>>;
const KIND_LIST = RECORD_KINDS.filter((k) => SAMPLE[k] !== undefined);
const copy = (): Ranges => Object.fromEntries(KIND_LIST.map((k) => [k, SAMPLE[k]!.map((row) => [...row])]));

const fieldType = (kind: RecordKind, header: Cell): string | null => {
  const spec = (KINDS[kind].fields as Readonly<Record<string, { readonly type: string }>>)[String(header)];
  return spec?.type ?? null;
};

// Excel serials (1900 system) and Dates of the shop's wall times (Asia/Shanghai: UTC+8, no DST).
const WALL = /^(\d{4})-(\d\d)(?:-(\d\d)(?: (\d\d):(\d\d)(?::(\d\d))?)?)?$/;
function wallMs(text: string): number | null {
  const m = WALL.exec(text);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 1), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
}
const serialOf = (text: string): number | null => {
  const ms = wallMs(text);
  return ms === null ? null : (ms - Date.UTC(1899, 11, 30)) / 86_400_000;
};
const dateOf = (text: string): Date | null => {
  const ms = wallMs(text);
  return ms === null ? null : new Date(ms - 8 * 3_600_000);
};

// ---------------------------------------------------------------------------------------------
// Mutations of the ranges

type SheetMutation =
  | { readonly op: "serial" | "date" | "number" | "boolean" | "pad"; readonly kind: number; readonly row: number; readonly col: number }
  | { readonly op: "blank"; readonly kind: number; readonly row: number; readonly col: number; readonly as: "null" | "undefined" | "zero" | "spaces" }
  | { readonly op: "alias"; readonly kind: number; readonly col: number }
  | { readonly op: "tail"; readonly kind: number; readonly rows: number; readonly cols: number; readonly as: "null" | "empty" }
  | { readonly op: "shuffle"; readonly kind: number; readonly seed: number }
  | { readonly op: "hostileText"; readonly kind: number; readonly row: number; readonly text: string }
  | { readonly op: "hostileCell"; readonly kind: number; readonly row: number; readonly col: number; readonly value: number }
  | { readonly op: "extendRow"; readonly kind: number; readonly row: number; readonly value: number }
  | { readonly op: "cutRow"; readonly kind: number; readonly row: number; readonly col: number }
  | { readonly op: "dropHeader" | "dupHeader" | "headerCase"; readonly kind: number; readonly col: number }
  | { readonly op: "notARow"; readonly kind: number; readonly row: number; readonly value: number }
  | { readonly op: "dropRange"; readonly kind: number };

/** Hostile cells of the types hosts pass (and a few they should not): for free text, anything. */
const HOSTILE_CELLS: readonly Cell[] = [
  ...SPREADSHEET_ERRORS,
  NaN,
  Infinity,
  -Infinity,
  -0,
  -1,
  0.5,
  1e308,
  2 ** 53 + 2,
  843512000000000000,
  60, // 1900-02-29, the day Excel counts that never was
  -700_000,
  3e6,
  true,
  false,
  new Date(NaN),
  new Date(Date.UTC(9999, 11, 31)),
  "8.43512E+17",
  "",
  "  ",
  "=1+1",
  "__proto__",
  "constructor",
  "\u0000",
  "2020-02-30 10:00:00",
  "2020-03-08 02:30:00",
  { toString: () => "A01" } as unknown as Cell,
  ["A01"] as unknown as Cell,
  Symbol("s") as unknown as Cell,
  10n as unknown as Cell,
];

// Cells that no value of a type can be: each one must be an issue at its cell.
const NOT_A_VALUE: readonly Cell[] = [...SPREADSHEET_ERRORS, NaN, Infinity, -Infinity, new Date(NaN), { toString: () => "A01" } as unknown as Cell, ["A01"] as unknown as Cell, Symbol("s") as unknown as Cell, 10n as unknown as Cell, "\u0000x"];
const INVALID_ID: readonly Cell[] = [...NOT_A_VALUE, -1, 0.5, 1e308, 2 ** 53 + 2, 843512000000000000, true, false, new Date(0), "8.43512E+17", "b\u200b1", 'b"1'];
const INVALID: Readonly<Record<string, readonly Cell[]>> = {
  id: INVALID_ID,
  agent: INVALID_ID,
  buyer: INVALID_ID,
  money: [...NOT_A_VALUE, -1, 1e308, 843512000000000000, true, new Date(0), "8.43512E+17", "=1+1", "__proto__", "12.345", "1,000.00", "-0"],
  count: [...NOT_A_VALUE, -1, 0.5, 1e308, 2 ** 53 + 2, true, new Date(0), "=1+1", "1.5", "__proto__"],
  score: [...NOT_A_VALUE, -1, 100.5, 1e308, 90.123, true, new Date(0), "=1+1", "__proto__"],
  instant: [...NOT_A_VALUE, -1, 1e308, true, "2020-02-30 10:00:00", "2020-13-01 10:00:00", "__proto__", "=1+1", "yesterday"],
  date: [...NOT_A_VALUE, -1, 1e308, 0.5, true, "2020-02-30", "__proto__", "=1+1"],
  month: [...NOT_A_VALUE, -1, 1e308, true, "2020-13", "__proto__", "=1+1"],
  boolean: [...NOT_A_VALUE, 2, -1, 0.5, "maybe", "__proto__", "constructor", new Date(0)],
  enum: [...NOT_A_VALUE, "__proto__", "constructor", "toString", 5, true, new Date(0)],
};

const idx = fc.nat({ max: 1_000_000 });
const at = { kind: idx, row: idx, col: idx };
const sheetMutation: fc.Arbitrary<SheetMutation> = fc.oneof(
  fc.record({ op: fc.constantFrom("serial" as const, "date" as const, "number" as const, "boolean" as const, "pad" as const), ...at }),
  fc.record({ op: fc.constant("blank" as const), ...at, as: fc.constantFrom("null" as const, "undefined" as const, "zero" as const, "spaces" as const) }),
  fc.record({ op: fc.constant("alias" as const), kind: idx, col: idx }),
  fc.record({ op: fc.constant("tail" as const), kind: idx, rows: fc.nat({ max: 30 }), cols: fc.nat({ max: 3 }), as: fc.constantFrom("null" as const, "empty" as const) }),
  fc.record({ op: fc.constant("shuffle" as const), kind: idx, seed: fc.integer() }),
  fc.record({ op: fc.constant("hostileText" as const), kind: idx, row: idx, text: fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ unit: "binary", maxLength: 30 })) }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant("hostileCell" as const), ...at, value: idx }) },
  fc.record({ op: fc.constant("extendRow" as const), kind: idx, row: idx, value: idx }),
  fc.record({ op: fc.constant("cutRow" as const), kind: idx, row: idx, col: idx }),
  fc.record({ op: fc.constantFrom("dropHeader" as const, "dupHeader" as const, "headerCase" as const), kind: idx, col: idx }),
  fc.record({ op: fc.constant("notARow" as const), kind: idx, row: idx, value: idx }),
  fc.record({ op: fc.constant("dropRange" as const), kind: idx }),
);

/** What a mutation did, and what the month must then be: the same, the same or an error at the range, or anything the oracle allows. */
interface Effect {
  readonly note: string;
  readonly expect: "same" | "sameOrError" | "error" | "any";
  readonly kind: RecordKind;
  /** For an error: the cell it must be placed at. */
  readonly cell?: string;
}

function mutate(ranges: Ranges, m: SheetMutation): Effect | null {
  const kind = KIND_LIST[m.kind % KIND_LIST.length]!;
  const range = ranges[kind];
  if (range === undefined) return null;
  const header = range[0]!;
  const rows = range.length - 1;
  const effect = (note: string, expect: Effect["expect"]): Effect => ({ note: `${kind}: ${note}`, expect, kind });
  const cellAt = (row: number, col: number): { r: number; c: number; value: Cell; type: string | null } | null => {
    if (rows < 1) return null;
    const r = 1 + (row % rows);
    const cells = range[r];
    if (!Array.isArray(cells) || cells.length === 0) return null;
    const c = col % cells.length;
    return { r, c, value: cells[c], type: fieldType(kind, header[c]) };
  };
  const set = (r: number, c: number, value: Cell): void => {
    range[r] = range[r]!.map((v, i) => (i === c ? value : v));
  };
  switch (m.op) {
    case "serial":
    case "date": {
      const p = cellAt(m.row, m.col);
      if (!p || typeof p.value !== "string" || !["instant", "date", "month"].includes(p.type ?? "")) return null;
      const value = m.op === "serial" ? serialOf(p.value) : dateOf(p.value);
      if (value === null) return null;
      set(p.r, p.c, value);
      return effect(`row ${p.r + 1} ${String(header[p.c])} ${JSON.stringify(p.value)} as ${m.op === "serial" ? `the serial ${String(value)}` : `a Date ${(value as Date).toISOString()}`}`, "same");
    }
    case "number": {
      const p = cellAt(m.row, m.col);
      if (!p || typeof p.value !== "string" || p.value === "" || !["money", "count", "score"].includes(p.type ?? "")) return null;
      set(p.r, p.c, Number(p.value));
      return effect(`row ${p.r + 1} ${String(header[p.c])} ${JSON.stringify(p.value)} as a number`, "same");
    }
    case "boolean": {
      const p = cellAt(m.row, m.col);
      if (!p || p.type !== "boolean" || (p.value !== "true" && p.value !== "false")) return null;
      set(p.r, p.c, m.row % 2 === 0 ? p.value === "true" : p.value === "true" ? 1 : 0);
      return effect(`row ${p.r + 1} ${String(header[p.c])} ${JSON.stringify(p.value)} as TRUE/FALSE or 1/0`, "same");
    }
    case "pad": {
      const p = cellAt(m.row, m.col);
      if (!p || typeof p.value !== "string" || p.value === "" || !["id", "agent", "buyer", "text", "enum"].includes(p.type ?? "")) return null;
      set(p.r, p.c, ` \u3000${p.value}  `);
      return effect(`row ${p.r + 1} ${String(header[p.c])} ${JSON.stringify(p.value)} padded with spaces`, "same");
    }
    case "blank": {
      const p = cellAt(m.row, m.col);
      if (!p || p.value !== "") return null;
      // A 0 is blank only where a number cannot stand.
      if (m.as === "zero" && ["money", "count", "score", "boolean"].includes(p.type ?? "")) return null;
      set(p.r, p.c, m.as === "null" ? null : m.as === "undefined" ? undefined : m.as === "zero" ? 0 : "   ");
      return effect(`row ${p.r + 1} ${String(header[p.c])} blank as ${m.as}`, "same");
    }
    case "alias": {
      const c = m.col % header.length;
      const aliases = (KINDS[kind].fields as Readonly<Record<string, { readonly aliases?: readonly string[] }>>)[String(header[c])]?.aliases ?? [];
      if (aliases.length === 0) return null;
      range[0] = header.map((h, i) => (i === c ? aliases[0]! : h));
      return effect(`header ${String(header[c])} as ${aliases[0]}`, "same");
    }
    case "tail": {
      if (m.rows === 0 && m.cols === 0) return null;
      const blank = (): Cell => (m.as === "null" ? null : "");
      for (let r = 0; r < range.length; r++) if (Array.isArray(range[r])) range[r] = [...range[r]!, ...Array.from({ length: m.cols }, blank)];
      for (let r = 0; r < m.rows; r++) range.push(Array.from({ length: header.length + m.cols }, blank));
      return effect(`${m.rows} blank rows and ${m.cols} blank columns added`, "same");
    }
    case "shuffle": {
      if (rows < 2) return null;
      const body = range.slice(1);
      const order = permutation(body.length, m.seed);
      range.splice(1, rows, ...order.map((i) => body[i]!));
      return effect(`rows shuffled (seed ${m.seed})`, "same");
    }
    case "hostileText": {
      const columns = header.flatMap((h, c) => (fieldType(kind, h) === "text" ? [c] : []));
      if (columns.length === 0 || rows < 1) return null;
      const r = 1 + (m.row % rows);
      const c = columns[m.row % columns.length]!;
      set(r, c, m.text);
      // An agent's sub-accounts link the chat log: other accounts leave its messages unlinked, an
      // error on the chat log's sheet, not the agents'.
      const links = kind === "agents" && header[c] === "accounts";
      return effect(`row ${r + 1} ${String(header[c])} = ${JSON.stringify(m.text.slice(0, 40))}${m.text.length > 40 ? "…" : ""}`, links ? "any" : "sameOrError");
    }
    case "hostileCell": {
      const p = cellAt(m.row, m.col);
      if (!p || p.type === null) return null;
      // Free text takes anything; a typed column, a cell no value of its type can be.
      const list = p.type === "text" ? HOSTILE_CELLS : INVALID[p.type]!;
      const value = list[m.value % list.length];
      set(p.r, p.c, value);
      const note = `row ${p.r + 1} ${String(header[p.c])} ${JSON.stringify(p.value)} → ${showCell(value)}`;
      // As for hostile text: a changed sub-account is an error on the chat log's sheet, not the agents'.
      const links = kind === "agents" && header[p.c] === "accounts";
      return p.type === "text" ? effect(note, links ? "any" : "sameOrError") : { ...effect(note, "error"), cell: `${S.columnName(p.c)}${p.r + 1}` };
    }
    case "extendRow": {
      const p = cellAt(m.row, 0);
      if (!p) return null;
      const value = HOSTILE_CELLS[m.value % HOSTILE_CELLS.length];
      range[p.r] = [...range[p.r]!, value];
      return effect(`row ${p.r + 1} extended by ${showCell(value)}`, "any");
    }
    case "cutRow": {
      // A row an app built shorter than the header: an issue at its first missing cell, never blanks.
      const p = cellAt(m.row, 0);
      if (!p) return null;
      const k = 1 + (m.col % (header.length - 1));
      if (k >= header.length || range[p.r]!.slice(0, k).every((c) => c === "" || c === null || c === undefined)) return null;
      range[p.r] = range[p.r]!.slice(0, k);
      return { ...effect(`row ${p.r + 1} cut to ${k} cells`, "error"), cell: `${S.columnName(k)}${p.r + 1}` };
    }
    case "dropHeader":
    case "dupHeader":
    case "headerCase": {
      const c = m.col % header.length;
      const name = String(header[c]);
      if (m.op === "headerCase" && name.toUpperCase() === name) return null;
      range[0] = m.op === "dropHeader" ? header.filter((_, i) => i !== c) : m.op === "dupHeader" ? [...header.slice(0, c + 1), name, ...header.slice(c + 1)] : header.map((h, i) => (i === c ? name.toUpperCase() : h));
      return effect(`header ${name} ${m.op === "dropHeader" ? "dropped" : m.op === "dupHeader" ? "doubled" : "in upper case"}`, "any");
    }
    case "notARow": {
      if (rows < 1) return null;
      const r = 1 + (m.row % rows);
      const value = [null, undefined, "x", 5, {}, new Date(0)][m.value % 6];
      (range as unknown[])[r] = value;
      return effect(`row ${r + 1} is ${showCell(value as Cell)}`, "any");
    }
    case "dropRange": {
      // The people rules' ranges may be left out without a warning (the README's decision; see folderMutations.ts).
      if (UNWARNED_WHEN_MISSING.has(kind)) return null;
      delete ranges[kind];
      return effect("range left out", "any");
    }
  }
}

function showCell(value: unknown): string {
  if (typeof value === "symbol") return "a symbol";
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? "NaN" : value.toISOString()})`;
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return "?";
  }
}

// ---------------------------------------------------------------------------------------------
// The oracle

const baseline = S.sheetMonthReport(copy());
if (!baseline.success) throw new Error(`the sample ranges give no month: ${baseline.issues.map(formatIssue).join("; ")}`);
const baselineFigures = figuresOf(baseline.data);
const baselineWarnings = new Set(baseline.data.warnings);

/** The sample with CE04a and CE04b in the other order (R1: the tie goes to the later row; see folder.test.ts). */
const tieSwapped = ((): unknown => {
  const ranges = copy();
  const table = ranges.consultations!;
  const a = table.findIndex((row) => row[0] === "CE04a");
  const b = table.findIndex((row) => row[0] === "CE04b");
  [table[a], table[b]] = [table[b]!, table[a]!];
  const r = S.sheetMonthReport(ranges);
  if (!r.success) throw new Error("the swapped sample gives no month");
  return figuresOf(r.data);
})();

const CELL = /^\$?[A-Z]{1,3}\$?\d+$/;

/** Every issue says where: a sheet of the workbook and a cell, or (a problem of no cell) the kind or setting it is about. */
function expectLocated(issues: readonly Issue[], context: string): void {
  expect(issues.length, context).toBeGreaterThan(0);
  const sheets = new Set([...Object.values(S.DEFAULT_SHEET_NAMES), "设置"]);
  for (const issue of issues) {
    expect(typeof issue.message === "string" && issue.message !== "", context).toBe(true);
    const line = formatIssue(issue);
    if (issue.code === IssueCode.tooManyIssues) continue;
    if (issue.source?.cell !== undefined) {
      expect(sheets.has(issue.source.file), `${context}\n--- ${line}`).toBe(true);
      expect(issue.source.cell, `${context}\n--- ${line}`).toMatch(CELL);
    } else {
      expect([...RECORD_KINDS, "month", "policy", "options"].includes(String(issue.path[0] ?? issue.source?.file ?? "")) || sheets.has(issue.source?.file ?? ""), `${context}\n--- an issue that says not where: ${line}`).toBe(true);
    }
  }
}

function check(mutations: readonly SheetMutation[]): void {
  const ranges = copy();
  // Rows that are no rows, and ranges left out, last: the other mutations change rows of cells.
  const last = (m: SheetMutation): number => (m.op === "notARow" || m.op === "dropRange" ? 1 : 0);
  const effects = [...mutations].sort((a, b) => last(a) - last(b)).map((m) => mutate(ranges, m)).filter((e): e is Effect => e !== null);
  const swapped = (() => {
    const ids = ranges.consultations?.map((row) => (Array.isArray(row) ? row[0] : null)) ?? [];
    return ids.includes("CE04a") && ids.includes("CE04b") && ids.indexOf("CE04b") < ids.indexOf("CE04a");
  })();
  const expected = swapped ? tieSwapped : baselineFigures;
  const context = effects.map((e) => e.note).join("\n") || "(no change)";
  let month: S.SheetMonthReport | undefined;
  expect(() => (month = S.sheetMonthReport(ranges as S.MonthRanges)), context).not.toThrow();
  expectPrototypeUntouched();
  // The tables of the month never throw either.
  for (const table of [S.attributionTable, S.shopTable, S.ordersTable, S.payTable]) expect(() => S.toCells(table(month!)), context).not.toThrow();
  const all: Effect["expect"] = effects.length === 1 ? effects[0]!.expect : effects.every((e) => e.expect === "same") ? "same" : "any";
  const sheetNames = effects.map((e) => S.DEFAULT_SHEET_NAMES[e.kind]);
  if (!month!.success) {
    expectLocated(month!.issues, context);
    expect(all, `${context}\n--- expected the unmutated month, got:\n${month!.issues.slice(0, 5).map(formatIssue).join("\n")}`).not.toBe("same");
    if (all === "sameOrError" || all === "error") expect(month!.issues.some((i) => sheetNames.includes(i.source?.file ?? "")), `${context}\n--- no issue on the changed sheet`).toBe(true);
    const cell = effects.length === 1 ? effects[0]!.cell : undefined;
    if (cell !== undefined) expect(month!.issues.some((i) => i.source?.file === sheetNames[0] && i.source?.cell === cell), `${context}\n--- no issue at ${sheetNames[0]}!${cell}:\n${month!.issues.slice(0, 5).map(formatIssue).join("\n")}`).toBe(true);
    return;
  }
  expect(all, `${context}\n--- expected an issue at the changed cell, got a month`).not.toBe("error");
  const figures = figuresOf(month!.data);
  if (isDeepEqual(figures, expected)) return;
  expect(all === "same" || all === "sameOrError" || all === "error", `${context}\n--- expected the unmutated figures:\n${describeDifference(figures, expected)}`).toBe(false);
  // Other figures: with a new warning naming the range (its sheet or kind).
  const fresh = month!.data.warnings.filter((w) => !baselineWarnings.has(w));
  const names = [...sheetNames, ...effects.map((e) => e.kind)];
  expect(fresh.filter((w) => names.some((n) => w.includes(n))), `${context}\n--- other figures and no warning naming ${names.join(", ")}:\n${describeDifference(figures, expected)}`).not.toEqual([]);
}

describe("the sample month's ranges under random mutation", () => {
  it("the ranges give the figures of the month folder", () => {
    expect(baseline.data.pay.map((p) => p.total)).toEqual(["4573.41", "4139.98", "2706.21", "3960.07", "3215.40", "5220.00"]);
  });

  it("give the unmutated month, or a warning naming the range, or issues at their cells; never a throw", () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: sheetMutation.map((m) => [m]) }, { weight: 1, arbitrary: fc.array(sheetMutation, { minLength: 2, maxLength: 4 }) }), (mutations) => {
        check(mutations);
      }),
      { seed, numRuns: runs(400), endOnFailure: true },
    );
  }, 600_000);
});

// ---------------------------------------------------------------------------------------------
// Policy cells

const POLICY_PATHS = ((): string[] => {
  const out: string[] = [];
  const walk = (v: unknown, path: string[]): void => {
    if (typeof v === "object" && v !== null && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    else out.push(path.join("."));
  };
  walk(JSON.parse(JSON.stringify(safeResolvePolicy({}).success ? (safeResolvePolicy({}) as { data: unknown }).data : {})), []);
  return out;
})();

const policyKey: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...POLICY_PATHS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "attribution.__proto__.polluted",
      "__proto__.polluted",
      "constructor.prototype.polluted",
      "attribution.constructor",
      "prototype",
      "attribution",
      "attribution.windowHours.x",
      "attribution..rule",
      " attribution.rule ",
      "Attribution.Rule",
      "grades.levels.0.baseSalary",
      "setting",
      "设置",
      "=1+1",
      "",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<Cell>(null, undefined, 72, true, new Date(0)) },
);
const policyValue: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom<Cell>(72, 48, 0, -1, 0.75, 1e308, NaN, Infinity, -0, 2 ** 53 + 2, "72", "pay", "placeFirst", "否", "TRUE", true, false, "", "  ", null, undefined, "__proto__", "{}", "UTC", "Mars/Base", "17:30", new Date(0), "=1+1"),
  fc.string({ maxLength: 8 }),
);
const policyRows: fc.Arbitrary<Cell[][]> = fc.array(
  fc.oneof({ weight: 8, arbitrary: fc.tuple(policyKey, policyValue).map(([k, v]) => [k, v]) }, { weight: 1, arbitrary: fc.constantFrom<Cell[]>([], [null, 72], ["attribution.rule"], ["attribution.rule", "pay", "extra"]) }),
  { maxLength: 6 },
);

describe("hostile policy cells", () => {
  const attribution = S.attributionTable(copy());

  it("are read into a policy or issues at their cells, and the table follows the policy the cells hold; never a throw", () => {
    fc.assert(
      fc.property(policyRows, (rows) => {
        const context = JSON.stringify(rows.map((r) => r.map((c) => showCell(c))));
        let read: S.PolicyCells | undefined;
        expect(() => (read = S.policyFromCells(rows)), context).not.toThrow();
        expectPrototypeUntouched();
        for (const issue of read!.issues) {
          expect(issue.source?.file, `${context}\n--- ${formatIssue(issue)}`).toBe("设置");
          expect(issue.source?.cell ?? "", `${context}\n--- ${formatIssue(issue)}`).toMatch(CELL);
        }
        let table: S.SheetResult | undefined;
        expect(() => (table = S.attributionTable(copy(), { policy: rows })), context).not.toThrow();
        expectPrototypeUntouched();
        const resolved = safeResolvePolicy(read!.policy);
        // A sheet call reads a wholly blank range (a 0 is blank, as Excel on the web gives it) as no
        // policy, and one cell of JSON as a policy in JSON (the README's rules for the policy option).
        const filled = rows.flat().filter((c) => !(c === undefined || c === null || c === 0 || (typeof c === "string" && c.trim() === "")));
        if (filled.length === 0) {
          expect(table, context).toEqual(attribution);
        } else if (filled.length === 1 && typeof filled[0] === "string" && filled[0].trim().startsWith("{")) {
          expect(table, context).toEqual(S.attributionTable(copy(), { policy: filled[0] }));
        } else if (read!.issues.length > 0 || !resolved.success) {
          // Cells that hold no policy: the table is the error value, its policy issues at their cells.
          expect(table!.success, context).toBe(false);
          if (!table!.success) for (const issue of table!.issues.filter((i) => i.path[0] === "policy" && read!.cells.size > 0 && i.source)) expect(issue.source!.cell ?? "", `${context}\n--- ${formatIssue(issue)}`).toMatch(CELL);
        } else if (isDeepEqual(resolved.data, safeResolvePolicy({}).success ? (safeResolvePolicy({}) as { data: unknown }).data : null)) {
          // Cells that say only what the defaults say: the default table.
          expect(table, context).toEqual(attribution);
        } else {
          // Another policy: the table of that policy, given as an object.
          expect(table, context).toEqual(S.attributionTable(copy(), { policy: read!.policy }));
        }
      }),
      { seed, numRuns: runs(250), endOnFailure: true },
    );
  }, 600_000);
});
