/**
 * Fuzzing the month folder (issue 11, "Done when"): the sample month with its rows cut, extended
 * and shuffled, cells and header cells dropped or doubled, headers in another case, required
 * columns deleted, hostile text in every free-text field, files re-encoded in GB18030 (whole or
 * one row), bytes injected, files emptied, renamed, deleted or added — and `kefu-kpi report` run on
 * it in-process. Every outcome is held to the oracle of `./harness.ts` (the unmutated figures, or a
 * warning naming the change, or an error naming file, row and field; never a stack trace, another
 * exit code or a changed Object.prototype) and to what the mutation calls for (a cut row is an
 * error naming its row; a shuffle changes no figure …).
 *
 * `FUZZ_RUNS=2000 npx vitest run test/fuzz/folder.test.ts` runs more cases (seeded: the same cases
 * each run; `FUZZ_SEED=<n>` for others).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/node/csv.js";
import { baselineOf, csvText, judge, namesIn, removeFolder, runCliBounded, runs, sampleEntries, sampleFiles, SAMPLE_DIR, SEED, utf8, writeFolder, WARNING, type Baseline } from "./harness.js";
import { folderCase, idCellMutation, mutateFolder, type FolderMutation } from "./folderMutations.js";

const seed = Number(process.env["FUZZ_SEED"] ?? SEED);
let baseline: Baseline;
/**
 * The sample month with the rows of CE04a and CE04b swapped: R1 gives an exact tie to the later
 * row, so E04 is then A01's. A shuffle that puts CE04b first is held to this month, not the golden
 * one — an open finding (`./findings.test.ts`), the one allowance the oracle makes.
 */
let tieSwapped: Baseline;

async function baselineOfEntries(entries: ReadonlyMap<string, Uint8Array>): Promise<Baseline> {
  const dir = writeFolder(entries);
  try {
    return await baselineOf(["report", dir, "--format", "json"]);
  } finally {
    removeFolder(dir);
  }
}

beforeAll(async () => {
  baseline = await baselineOfEntries(sampleEntries());
  tieSwapped = await baselineOfEntries(tieRowsSwappedEntries());
});

/** The sample month's files with consultations CE04a and CE04b in the other order. */
function tieRowsSwappedEntries(): Map<string, Uint8Array> {
  const entries = sampleEntries();
  const table = sampleFiles().find((f) => f.kind === "consultations")!.table.map((row) => [...row]);
  const a = table.findIndex((row) => row[0] === "CE04a");
  const b = table.findIndex((row) => row[0] === "CE04b");
  [table[a], table[b]] = [table[b]!, table[a]!];
  entries.set("consultations.csv", utf8(csvText(table).text));
  return entries;
}

describe("the sample month as the fuzz suite writes it", () => {
  it("is the sample month byte for byte (the tables write back to the files)", () => {
    for (const f of sampleFiles()) expect(csvText(f.table).text, f.name).toBe(readFileSync(join(SAMPLE_DIR, f.name), "utf8"));
  });

  it("has the golden figures of the sample month (A01 paid 4573.41)", () => {
    const pay = (baseline.figures as { pay: { agentId: string; total: string }[] }).pay;
    expect(pay.find((p) => p.agentId === "A01")?.total).toBe("4573.41");
    expect(pay.map((p) => p.total)).toEqual(["4573.41", "4139.98", "2706.21", "3960.07", "3215.40", "5220.00"]);
  });

  it("with CE04b before CE04a, credits E04 (1004.00) to A01 instead of A02, and changes nothing else (R1's tie to the later row)", () => {
    type Figures = { agents: { agentId: string; sales: { orders: number; gross: string } }[]; shop: unknown };
    const before = baseline.figures as Figures;
    const after = tieSwapped.figures as Figures;
    const sales = (f: Figures, id: string) => f.agents.find((a) => a.agentId === id)!.sales;
    expect(sales(after, "A01")).toMatchObject({ orders: sales(before, "A01").orders + 1, gross: "14760.00" });
    expect(sales(after, "A02")).toMatchObject({ orders: sales(before, "A02").orders - 1, gross: "8507.00" });
    expect(after.shop).toEqual(before.shop);
  });
});

/** Runs one case: the folder mutated, the CLI run on it, the outcome judged. */
async function check(mutations: readonly FolderMutation[]): Promise<void> {
  const folder = mutateFolder(mutations);
  const dir = writeFolder(folder.entries);
  try {
    const run = await runCliBounded(["report", dir, "--format", "json"]);
    tally(mutations, run.code === 0 ? (run.stderr.split("\n").some((l) => l.startsWith(WARNING) && !baseline.warnings.has(l)) ? "0 warned" : "0") : String(run.code));
    judge({
      run,
      baseline: folder.tieRowsSwapped ? tieSwapped : baseline,
      expectation: folder.expectation,
      touched: folder.touched,
      sources: [...namesIn(dir), dir],
      what: `${folder.effects.map((e) => e.note).join("\n") || "(no change)"}\n${JSON.stringify(mutations).slice(0, 2000)}`,
    });
    // Hostile text read: what the terminal and a spreadsheet are shown of it is harmless.
    if (run.code === 0 && mutations.some((m) => m.op === "hostileText")) await checkShown(dir, folder.effects.map((e) => e.note).join("\n"));
  } finally {
    removeFolder(dir);
  }
}

// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/** The table shows no control character or direction override; no CSV cell starts a formula (other than a plain negative number). */
async function checkShown(dir: string, what: string): Promise<void> {
  const table = await runCliBounded(["report", dir]);
  expect(table.code, what).toBe(0);
  expect(TERMINAL_UNSAFE.exec(table.stdout)?.[0], `${what}\n--- the table shows a control character`).toBeUndefined();
  const csv = await runCliBounded(["report", dir, "--format", "csv"]);
  expect(csv.code, what).toBe(0);
  for (const row of parseCsv(csv.stdout)) {
    for (const cell of row) if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `${what}\n--- a CSV cell a spreadsheet would run`).toMatch(/^-\d+(\.\d+)?$/);
  }
}

// With FUZZ_STATS=1, how the cases ended, by mutation (a check that every kind of mutation is reached).
const stats = new Map<string, Map<string, number>>();
function tally(mutations: readonly FolderMutation[], outcome: string): void {
  if (!process.env["FUZZ_STATS"]) return;
  const key = mutations.length === 1 ? mutations[0]!.op : "several";
  const row = stats.get(key) ?? new Map<string, number>();
  row.set(outcome, (row.get(outcome) ?? 0) + 1);
  stats.set(key, row);
}
afterAll(() => {
  if (process.env["FUZZ_STATS"]) console.log([...stats].map(([op, row]) => `${op.padEnd(14)} ${[...row].sort().map(([o, n]) => `${o}: ${n}`).join(", ")}`).sort().join("\n"));
});

describe("the month folder under random mutation", () => {
  it("ends in the unmutated figures, a warning naming the change, or an error naming file, row and field", async () => {
    await fc.assert(
      fc.asyncProperty(folderCase, async (mutations) => {
        await check(mutations);
      }),
      { seed, numRuns: runs(250), endOnFailure: true },
    );
  }, 600_000);

  it("reads an id with a stray character as the same id, or names it as an error", async () => {
    await fc.assert(
      fc.asyncProperty(idCellMutation, async (mutation) => {
        await check([mutation]);
      }),
      { seed, numRuns: runs(100), endOnFailure: true },
    );
  }, 600_000);
});
