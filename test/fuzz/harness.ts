/**
 * The fuzz suite's common part: the sample month as tables, CSV bytes (UTF-8 or GB18030) written
 * back from them, the CLI run in-process on a folder with a bound on its time, the figures of a JSON
 * report, and the oracle every outcome is held to:
 *
 * - exit 0 with the figures of the unmutated month (row order aside; names may differ), or
 * - exit 0 with a new warning on stderr that names what was changed, or
 * - exit 1 (bad data: each problem line names a file of the folder, and a record's row and field)
 *   or 2 (a file that cannot be used: one line naming it),
 *
 * and never a stack trace, another exit code, an internal error, a changed `Object.prototype` or a
 * run past its time bound.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { parseCsv } from "../../src/node/csv.js";
import { runCli } from "../../src/node/index.js";
import { RECORD_KINDS, type RecordKind } from "../../src/records/kinds.js";

/** Cases per property: `FUZZ_RUNS=<n>` runs more (the defaults keep the suite near 40 s on 2 cores). */
export function runs(fallback: number): number {
  const n = Number(process.env["FUZZ_RUNS"]);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

/** One seed for the whole suite, so a failure is reproduced by running the file again. */
export const SEED = 20_200_229;

/** A run of the CLI longer than this is a hang (the sample month takes well under a second). */
export const RUN_BOUND_MS = 15_000;

export const SAMPLE_DIR = new URL("../../fixtures/sample-month/", import.meta.url).pathname;

// ---------------------------------------------------------------------------------------------
// The sample month as tables

/** A CSV file of the sample month: its name, its kind and its records (the header first). */
export interface SampleFile {
  readonly name: string;
  readonly kind: RecordKind;
  readonly table: readonly (readonly string[])[];
}

let sample: readonly SampleFile[] | null = null;

/** The sample month's kind files (`agents.csv` … `violations.csv`), in the order of the kinds (the sample has no chat log yet: the kinds it has files of). */
export function sampleFiles(): readonly SampleFile[] {
  const present = new Set(readdirSync(SAMPLE_DIR));
  sample ??= RECORD_KINDS.filter((kind) => present.has(`${kind}.csv`)).map((kind) => ({ name: `${kind}.csv`, kind, table: parseCsv(readFileSync(join(SAMPLE_DIR, `${kind}.csv`), "utf8")) }));
  return sample;
}

/** A cell as a CSV writer puts it: quoted when it holds a separator, a quote or a line break. */
export function csvCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** CSV text of a table (LF line ends, one at the end), with the 1-based line each record starts on. */
export function csvText(table: readonly (readonly string[])[]): { text: string; lines: number[] } {
  const lines: number[] = [];
  let line = 1;
  let text = "";
  for (const row of table) {
    lines.push(line);
    const record = row.map(csvCell).join(",");
    // Quoted line breaks: CRLF and a lone CR or LF each end a physical line.
    line += 1 + (record.match(/\r\n|\r|\n/g)?.length ?? 0);
    text += record + "\n";
  }
  return { text, lines };
}

// ---------------------------------------------------------------------------------------------
// GB18030 (the whole standard: two-byte codes and four-byte codes, from the decoder itself)

let gbTable: Map<number, readonly number[]> | null = null;

function gbCodes(): Map<number, readonly number[]> {
  if (gbTable) return gbTable;
  const table = new Map<number, readonly number[]>();
  const decoder = new TextDecoder("gb18030");
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const cp = decoder.decode(new Uint8Array([lead, trail])).codePointAt(0)!;
      if (cp !== 0xfffd && !table.has(cp)) table.set(cp, [lead, trail]);
    }
  }
  // Four-byte codes of the BMP: pointers 0 … 39419.
  for (let p = 0; p <= 39419; p++) {
    const bytes = [0x81 + Math.floor(p / 12600), 0x30 + (Math.floor(p / 1260) % 10), 0x81 + (Math.floor(p / 10) % 126), 0x30 + (p % 10)];
    const text = decoder.decode(new Uint8Array(bytes));
    const cp = text.codePointAt(0)!;
    if (text.length === 1 && !table.has(cp)) table.set(cp, bytes);
  }
  gbTable = table;
  return table;
}

/** `text` in GB18030 (a lone surrogate is written as U+FFFD, as UTF-8 would). */
export function gb18030(text: string): Uint8Array {
  const codes = gbCodes();
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp >= 0x10000) {
      const p = 189000 + (cp - 0x10000);
      out.push(0x81 + Math.floor(p / 12600), 0x30 + (Math.floor(p / 1260) % 10), 0x81 + (Math.floor(p / 10) % 126), 0x30 + (p % 10));
    } else {
      const code = codes.get(cp);
      if (!code) throw new Error(`no GB18030 code for U+${cp.toString(16)}`);
      out.push(...code);
    }
  }
  return new Uint8Array(out);
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Folders and runs

/** A folder's entries: a file's bytes, or `null` for a sub-folder. */
export type FolderEntries = ReadonlyMap<string, Uint8Array | string | null>;

/** Writes the entries into a fresh temp dir; returns its path. */
export function writeFolder(entries: FolderEntries): string {
  const dir = mkdtempSync(join(tmpdir(), "kefu-kpi-fuzz-"));
  for (const [name, content] of entries) {
    if (content === null) mkdirSync(join(dir, name));
    else writeFileSync(join(dir, name), content);
  }
  return dir;
}

export function removeFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The entries of the unmutated sample month (its CSV files only, written back from the tables). */
export function sampleEntries(): Map<string, Uint8Array> {
  return new Map(sampleFiles().map((f) => [f.name, utf8(csvText(f.table).text)]));
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs the CLI in-process, capturing its output; a run that does not end within the bound fails. */
export async function runCliBounded(argv: readonly string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`kefu-kpi ${argv.join(" ")} ran past ${RUN_BOUND_MS} ms (a hang)`)), RUN_BOUND_MS);
  });
  try {
    const code = await Promise.race([
      runCli(argv, {
        stdout: (t) => void (stdout += t),
        stderr: (t) => void (stderr += t),
        writeFile: async () => {
          throw new Error("the fuzz runs write no file");
        },
      }),
      bound,
    ]);
    const ms = performance.now() - started;
    // A run that blocks the event loop is not stopped by the timer, but is caught here.
    expect(ms, `kefu-kpi ${argv.join(" ")} took ${Math.round(ms)} ms`).toBeLessThan(RUN_BOUND_MS);
    return { code, stdout, stderr, ms };
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Figures

interface Sales {
  readonly orders: number;
  readonly gross: string;
  readonly refunds: string;
  readonly net: string;
}
interface Kpi {
  readonly value: string | null;
  readonly status: string;
  readonly numerator: string | null;
  readonly denominator: string | null;
}
interface ReportLike {
  readonly shop: {
    readonly sales: Sales;
    readonly credited: Sales;
    readonly silent: Sales;
    readonly uncredited: Sales;
    readonly byStatus: unknown;
    readonly unpaidOrders: number;
    readonly paidOutsidePeriod: number;
    readonly unlinkedOrders: number;
    readonly kpis: Readonly<Record<string, Kpi>>;
  };
  readonly agents: readonly {
    readonly agentId: string;
    readonly sales: Sales;
    readonly commissionable: string;
    readonly breakdown: unknown;
    readonly addressChecks: number;
    readonly kpis: Readonly<Record<string, Kpi>>;
    readonly score: { readonly status: string; readonly score?: string | null };
  }[];
  readonly pay: readonly { readonly agentId: string; readonly total: string; readonly lines: Readonly<Record<string, { readonly amount: string }>> }[];
  readonly serviceLevels: readonly { readonly id: string; readonly status: string; readonly checked: number; readonly compliant: number; readonly breaches: readonly unknown[] }[];
  readonly qcDeductions: readonly { readonly agentId: string; readonly deducted: number }[];
  readonly people: {
    readonly standings: readonly { readonly agentId: string; readonly promotion: { readonly eligible: boolean }; readonly probation: { readonly status: string }; readonly dismissed: boolean }[];
    readonly ranking: { readonly ranking: readonly { readonly agentId: string; readonly rank: number }[]; readonly bottom: readonly string[] };
    readonly fund: { readonly opening: string; readonly fines: string; readonly closing: string };
    readonly roster: { readonly agents: readonly { readonly agentId: string; readonly minutes: number; readonly restDays: number }[]; readonly breaches: readonly unknown[] } | null;
    readonly duties: { readonly agents: readonly { readonly agentId: string; readonly counts: unknown }[]; readonly unowned: readonly unknown[] };
  };
}

const kpiFigures = (kpis: Readonly<Record<string, Kpi>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(kpis).map(([id, k]) => [id, [k.value, k.status, k.numerator, k.denominator]]));

const byAgent = <T extends { readonly agentId: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));

/**
 * The figures of a JSON month report that a mutation which changes no value must leave as they
 * are: the shop's sales and KPIs, each agent's sales, breakdown, KPIs and score, each pay
 * statement's lines and total, the service levels' counts, the QC deductions, and the people
 * rules' outcomes (promotion, probation, dismissal, ranking, the fund, the roster's hours and
 * breaches, the duties per agent) — by agent id, whatever the order of rows; names are left out.
 */
export function figuresOf(report: unknown): unknown {
  const r = report as ReportLike;
  const { sales, credited, silent, uncredited, byStatus, unpaidOrders, paidOutsidePeriod, unlinkedOrders, kpis } = r.shop;
  const { standings, ranking, fund, roster, duties } = r.people;
  return {
    serviceLevels: r.serviceLevels.map((l) => [l.id, l.status, l.checked, l.compliant, l.breaches.length]),
    qcDeductions: byAgent(r.qcDeductions).map((q) => [q.agentId, q.deducted]),
    people: {
      standings: byAgent(standings).map((s) => [s.agentId, s.promotion.eligible, s.probation.status, s.dismissed]),
      ranking: [byAgent(ranking.ranking).map((a) => [a.agentId, a.rank]), [...ranking.bottom].sort()],
      fund: [fund.opening, fund.fines, fund.closing],
      roster: roster === null ? null : [byAgent(roster.agents).map((a) => [a.agentId, a.minutes, a.restDays]), roster.breaches.length],
      duties: [byAgent(duties.agents).map((a) => [a.agentId, a.counts]), duties.unowned.length],
    },
    shop: { sales, credited, silent, uncredited, byStatus, unpaidOrders, paidOutsidePeriod, unlinkedOrders, kpis: kpiFigures(kpis) },
    agents: byAgent(r.agents).map((a) => ({
      agentId: a.agentId,
      sales: a.sales,
      commissionable: a.commissionable,
      breakdown: a.breakdown,
      addressChecks: a.addressChecks,
      kpis: kpiFigures(a.kpis),
      score: [a.score.status, a.score.score ?? null],
    })),
    pay: byAgent(r.pay).map((p) => ({ agentId: p.agentId, total: p.total, lines: Object.fromEntries(Object.entries(p.lines).map(([id, l]) => [id, l.amount])) })),
  };
}

// ---------------------------------------------------------------------------------------------
// The oracle

/** What the unmutated month gives: its figures and the warnings it prints. */
export interface Baseline {
  readonly figures: unknown;
  readonly warnings: ReadonlySet<string>;
}

/** What a case must end in, on top of the oracle every case is held to. */
export type Expectation =
  /** Nothing that changes a value: exit 0 and the baseline's figures. */
  | { readonly kind: "same" }
  /** Exit 0 with the baseline's figures and a new warning naming `mention`. */
  | { readonly kind: "sameWarned"; readonly mention: string }
  /** Bad input: exit 1 or 2, naming `file` (and `line`, when given, as `file row line`). */
  | { readonly kind: "error"; readonly file: string; readonly line?: number }
  /** Either of the two above. */
  | { readonly kind: "sameOrError"; readonly file: string; readonly line?: number }
  /** Only the oracle. */
  | { readonly kind: "any" }
  /** Only the oracle, and exit 0 may change figures without a warning: what changed is a valid setting of the user's. */
  | { readonly kind: "valid" };

export const WARNING = "kefu-kpi: warning: ";

export function warningsOf(stderr: string): string[] {
  return stderr.split("\n").filter((l) => l.startsWith(WARNING));
}

/** The baseline of a folder: run once, exit 0 and a report that parses. */
export async function baselineOf(argv: readonly string[]): Promise<Baseline> {
  const run = await runCliBounded(argv);
  expect(run.code, run.stderr).toBe(0);
  return { figures: figuresOf(JSON.parse(run.stdout)), warnings: new Set(warningsOf(run.stderr)) };
}

const prototypeBefore = Object.getOwnPropertyDescriptors(Object.prototype);

export function expectPrototypeUntouched(): void {
  const now = Object.getOwnPropertyDescriptors(Object.prototype);
  expect(Reflect.ownKeys(now)).toEqual(Reflect.ownKeys(prototypeBefore));
  for (const key of Reflect.ownKeys(now)) expect(now[key as string]!.value).toBe(prototypeBefore[key as string]!.value);
}

/** The context an outcome is judged in. */
export interface Judged {
  readonly run: Run;
  readonly baseline: Baseline;
  readonly expectation: Expectation;
  /** The names a warning about the change may use: files touched (before and after), kinds, keys. */
  readonly touched: readonly string[];
  /** The names a problem line may start with: the folder's entries (and the policy file), the folder's path. */
  readonly sources: readonly string[];
  /** What the case did, for the failure message. */
  readonly what: string;
}

const PROBLEMS = /^kefu-kpi: the data has (a problem|\d+ problems):$/;

/** Holds one outcome to the oracle and to its expectation (vitest expects: a failure says why). */
export function judge({ run, baseline, expectation, touched, sources, what }: Judged): void {
  const context = `${what}\n--- exit ${run.code}, stderr:\n${run.stderr.slice(0, 3000)}`;
  expect([0, 1, 2], context).toContain(run.code);
  expect(run.stderr, context).not.toMatch(/^\s+at /m);
  expect(run.stdout.slice(0, 100_000), context).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
  expect(run.stderr, context).not.toContain("internal error");
  expectPrototypeUntouched();

  if (run.code === 0) {
    let report: unknown;
    expect(() => (report = JSON.parse(run.stdout)), context).not.toThrow();
    const figures = figuresOf(report);
    const fresh = warningsOf(run.stderr).filter((w) => !baseline.warnings.has(w));
    const same = isDeepEqual(figures, baseline.figures);
    if (!same && expectation.kind !== "valid") {
      // Different figures are allowed only with a warning that names what changed.
      const named = fresh.filter((w) => touched.some((t) => w.includes(t)));
      expect(named, `${context}\n--- exit 0 with different figures and no warning naming ${touched.join(", ")}:\n${describeDifference(figures, baseline.figures)}`).not.toEqual([]);
    }
    switch (expectation.kind) {
      case "same":
      case "sameOrError":
        expect(same, `${context}\n--- expected the unmutated figures:\n${describeDifference(figures, baseline.figures)}`).toBe(true);
        break;
      case "sameWarned":
        expect(same, `${context}\n--- expected the unmutated figures:\n${describeDifference(figures, baseline.figures)}`).toBe(true);
        expect(fresh.some((w) => w.includes(expectation.mention)), `${context}\n--- expected a warning naming ${expectation.mention}`).toBe(true);
        break;
      case "error":
        expect.fail(`${context}\n--- expected an error naming ${expectation.file}${expectation.line === undefined ? "" : ` row ${expectation.line}`}, got exit 0`);
        break;
      case "any":
      case "valid":
        break;
    }
    return;
  }

  // Exit 1 or 2: every line says where.
  const lines = run.stderr.split("\n").filter((l) => l !== "" && !l.startsWith(WARNING));
  if (run.code === 1) {
    expect(lines[0], context).toMatch(PROBLEMS);
    for (const line of lines.slice(1)) {
      if (/^ {2}… and \d+ more$/.test(line)) continue;
      expect(line.startsWith("  "), context).toBe(true);
      const problem = line.slice(2);
      // It starts with a file of the folder, or (a problem of the month, not of a file: `month: no
      // paid orders …`) names what was changed.
      expect(
        sources.some((s) => problem.startsWith(s) && /^($|[ :,![])/.test(problem.slice(s.length))) || touched.some((t) => problem.includes(t)),
        `${context}\n--- a problem line that names no file of the folder, nor what was changed: ${line}`,
      ).toBe(true);
      // A record's problem (`file row N (id "…")`) names its field too: `…), field: message`.
      if (/^\S+ row \d+ \(/.test(problem)) expect(problem, `${context}\n--- a record's problem that names no field: ${line}`).toMatch(/\), [\w.]+: /);
    }
  } else {
    expect(lines.length, context).toBe(1);
    expect(
      sources.some((s) => lines[0]!.includes(s)),
      `${context}\n--- a file problem that names no file of the folder`,
    ).toBe(true);
  }
  if (expectation.kind === "error" || expectation.kind === "sameOrError") {
    expect(run.stderr, `${context}\n--- expected the error to name ${expectation.file}`).toContain(expectation.file);
    if (expectation.line !== undefined) expect(run.stderr, `${context}\n--- expected the error to name row ${expectation.line}`).toContain(`${expectation.file} row ${expectation.line}`);
  } else if (expectation.kind === "same" || expectation.kind === "sameWarned") {
    expect.fail(`${context}\n--- expected exit 0 with the unmutated figures`);
  }
}

export function isDeepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The first differences between two figure objects (paths and values), for a failure message. */
export function describeDifference(a: unknown, b: unknown, path = "", out: string[] = []): string {
  if (out.length >= 8) return out.join("\n");
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) describeDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
  } else if (!isDeepEqual(a, b)) out.push(`${path}: ${JSON.stringify(b)} (unmutated) → ${JSON.stringify(a)}`);
  return out.join("\n");
}

/** The names in a folder (for the names a problem may start with). */
export function namesIn(dir: string): string[] {
  return readdirSync(dir);
}
