/**
 * Mutations of the sample month folder, as plain data (so fast-check prints and shrinks them) and
 * the function that applies them. A case applies its mutations in three phases — the tables
 * (cells, rows, headers, columns), then the bytes (encodings, injected bytes, emptied files), then
 * the names (renamed, deleted, added files) — and learns from each what its outcome must be.
 */
import fc from "fast-check";
import type { RecordKind } from "../../src/records/kinds.js";
import { KINDS } from "../../src/records/kinds.js";
import { concat, csvCell, csvText, gb18030, sampleFiles, utf8, type Expectation } from "./harness.js";

// ---------------------------------------------------------------------------------------------
// The mutations

export type FolderMutation =
  | { readonly op: "cutRow"; readonly file: number; readonly row: number; readonly keep: number }
  | { readonly op: "extendRow"; readonly file: number; readonly row: number; readonly cell: string }
  | { readonly op: "dropCell"; readonly file: number; readonly row: number; readonly col: number }
  | { readonly op: "dupCell"; readonly file: number; readonly row: number; readonly col: number }
  | { readonly op: "dropHeader"; readonly file: number; readonly col: number }
  | { readonly op: "dupHeader"; readonly file: number; readonly col: number }
  | { readonly op: "headerCase"; readonly file: number; readonly col: number; readonly how: "upper" | "lower" | "first" }
  | { readonly op: "shuffle"; readonly file: number; readonly seed: number }
  | { readonly op: "deleteColumn"; readonly file: number; readonly col: number }
  | { readonly op: "hostileText"; readonly file: number; readonly row: number; readonly text: string }
  | { readonly op: "errorValue"; readonly file: number; readonly row: number; readonly col: number; readonly value: string; readonly idsOnly?: boolean }
  | { readonly op: "encodeFile"; readonly file: number }
  | { readonly op: "encodeRow"; readonly file: number; readonly row: number }
  | { readonly op: "inject"; readonly file: number; readonly at: number; readonly bytes: string }
  | { readonly op: "injectCell"; readonly file: number; readonly row: number; readonly col: number; readonly at: number; readonly bytes: string; readonly idsOnly?: boolean }
  | { readonly op: "emptyFile"; readonly file: number; readonly content: string }
  | { readonly op: "asJson"; readonly file: number; readonly protoAt: number | null }
  | { readonly op: "renameCase"; readonly file: number; readonly how: "upper" | "first" | "ext" }
  | { readonly op: "renameTypo"; readonly file: number; readonly at: number; readonly edit: "insert" | "drop" | "change" | "swap"; readonly letter: string }
  | { readonly op: "deleteFile"; readonly file: number }
  | { readonly op: "addFile"; readonly name: string; readonly content: string | null };

/** Hostile free text: spreadsheet formulas, terminal escapes, object keys, long text, bidi, emoji … */
export const HOSTILE_TEXT: readonly string[] = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example","x")',
  "+1+1",
  "-2+3",
  "@SUM(A1:A9)",
  "\t=1+1",
  "\r=1+1",
  "\u001b[2J\u001b[31mred",
  "a\u0000b",
  "\u0007bell",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "x".repeat(100_000),
  "长".repeat(30_000),
  "\u202Eevil.exe\u202C",
  "\u2066isolate\u2069",
  "👩‍👩‍👧‍👦🎉",
  "\uFEFFbom",
  "zero\u200Bwidth",
  "\uFFFD",
  "\uD800",
  'say "hi"',
  '"',
  "a,b",
  "line\nbreak",
  "cr\rline",
  "crlf\r\nline",
  "  padded  ",
  "\u3000全角\u3000",
  '="0012"',
  "null",
  "NaN",
  "-0",
  "1e999",
  '{"__proto__":{"polluted":1}}',
  "<script>alert(1)</script>",
  "${process.exit(3)}",
  "%s%n%x",
  "../../etc/passwd",
  "王芳",
  "A01",
];

/** What a spreadsheet writes into a CSV file for a formula that failed (a VLOOKUP that found nothing …). */
export const SPREADSHEET_ERRORS: readonly string[] = ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#ERROR!"];

/** Bytes injected at random places: each one a byte or character no value of the sample holds. */
export const INJECTED: Readonly<Record<string, readonly number[]>> = {
  NUL: [0x00],
  "0xFF": [0xff],
  ESC: [0x1b],
  DEL: [0x7f],
  quote: [0x22],
  comma: [0x2c],
  CR: [0x0d],
  LF: [0x0a],
  TAB: [0x09],
  BOM: [0xef, 0xbb, 0xbf],
  "U+FFFD": [0xef, 0xbf, 0xbd],
  "U+200B": [0xe2, 0x80, 0x8b],
  "U+202E": [0xe2, 0x80, 0xae],
};

/** Names that are no kind's, the policy's or a near miss of one (a hidden name, a sub-folder). */
export const UNRELATED_NAMES: readonly string[] = ["README.md", "notes.txt", "summary.csv", "2020-02.xlsx", "~$orders.xlsx", "orders.csv.bak", "data.json", "Thumbs.db", ".DS_Store", "archive"];

/**
 * Kinds whose file may be left out without a warning (README, Month folders): the people rules'
 * files that change no pay line — without them the standings say why (no score of an earlier
 * month, no evaluation …), and the roster's absence leaves duties unowned. Violations and rewards
 * change pay when absent and are warned about (found by this suite).
 */
export const UNWARNED_WHEN_MISSING: ReadonlySet<RecordKind> = new Set(["assessments", "probation", "scores", "roster", "returnedParcels", "shopReviews"]);

const idx = fc.nat({ max: 1_000_000 });

/** One mutation of the folder. */
export const folderMutation: fc.Arbitrary<FolderMutation> = fc.oneof(
  fc.record({ op: fc.constant("cutRow" as const), file: idx, row: idx, keep: idx }),
  fc.record({ op: fc.constant("extendRow" as const), file: idx, row: idx, cell: fc.constantFrom("", " ", "\t", "x", "0", "A01", "2020-02-01 10:00:00", "=1+1") }),
  fc.record({ op: fc.constant("dropCell" as const), file: idx, row: idx, col: idx }),
  fc.record({ op: fc.constant("dupCell" as const), file: idx, row: idx, col: idx }),
  fc.record({ op: fc.constant("dropHeader" as const), file: idx, col: idx }),
  fc.record({ op: fc.constant("dupHeader" as const), file: idx, col: idx }),
  fc.record({ op: fc.constant("headerCase" as const), file: idx, col: idx, how: fc.constantFrom("upper" as const, "lower" as const, "first" as const) }),
  fc.record({ op: fc.constant("shuffle" as const), file: idx, seed: fc.integer() }),
  fc.record({ op: fc.constant("deleteColumn" as const), file: idx, col: idx }),
  fc.record({ op: fc.constant("hostileText" as const), file: idx, row: idx, text: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) }) }),
  fc.record({ op: fc.constant("errorValue" as const), file: idx, row: idx, col: idx, value: fc.constantFrom(...SPREADSHEET_ERRORS) }),
  fc.record({ op: fc.constant("encodeFile" as const), file: idx }),
  fc.record({ op: fc.constant("encodeRow" as const), file: idx, row: idx }),
  fc.record({ op: fc.constant("inject" as const), file: idx, at: idx, bytes: fc.constantFrom(...Object.keys(INJECTED)) }),
  fc.record({ op: fc.constant("injectCell" as const), file: idx, row: idx, col: idx, at: idx, bytes: fc.constantFrom(...Object.keys(INJECTED)) }),
  fc.record({ op: fc.constant("emptyFile" as const), file: idx, content: fc.constantFrom("", "\uFEFF", "\n", "\r\n\r\n") }),
  fc.record({ op: fc.constant("asJson" as const), file: idx, protoAt: fc.option(idx) }),
  fc.record({ op: fc.constant("renameCase" as const), file: idx, how: fc.constantFrom("upper" as const, "first" as const, "ext" as const) }),
  fc.record({ op: fc.constant("renameTypo" as const), file: idx, at: idx, edit: fc.constantFrom("insert" as const, "drop" as const, "change" as const, "swap" as const), letter: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz") }),
  fc.record({ op: fc.constant("deleteFile" as const), file: idx }),
  fc.record({ op: fc.constant("addFile" as const), name: fc.constantFrom(...UNRELATED_NAMES), content: fc.oneof(fc.constant(null), fc.string({ unit: "binary", maxLength: 60 }), fc.constant("orderId,buyerId\nO0101,b0101\n")) }),
);

/**
 * A character put into an id (a 工号, a buyer id, an order id …) of any file: the id reads the
 * same (a space trimmed off), or is an error naming it — never another id that silently links
 * nothing (an order whose buyer id holds a zero-width space has no chat).
 */
export const idCellMutation: fc.Arbitrary<FolderMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant("injectCell" as const), file: idx, row: idx, col: idx, at: idx, bytes: fc.constantFrom(...Object.keys(INJECTED)), idsOnly: fc.constant(true) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("errorValue" as const), file: idx, row: idx, col: idx, value: fc.constantFrom(...SPREADSHEET_ERRORS), idsOnly: fc.constant(true) }) },
);

/** A case: one mutation most often, up to four. */
export const folderCase: fc.Arbitrary<readonly FolderMutation[]> = fc.oneof(
  { weight: 3, arbitrary: folderMutation.map((m) => [m]) },
  { weight: 2, arbitrary: fc.array(folderMutation, { minLength: 2, maxLength: 4 }) },
);

// ---------------------------------------------------------------------------------------------
// Applying them

const TABLE_OPS = new Set(["cutRow", "extendRow", "dropCell", "dupCell", "dropHeader", "dupHeader", "headerCase", "shuffle", "deleteColumn", "hostileText", "errorValue"]);
const BYTE_OPS = new Set(["encodeFile", "encodeRow", "inject", "injectCell", "emptyFile", "asJson"]);

/** One file of the folder being mutated: its table until its bytes are changed, then its bytes. */
interface FileState {
  name: string;
  readonly kind: RecordKind;
  table: string[][];
  bytes: Uint8Array | null;
}

/** What one mutation did, and what the outcome must then be. */
export interface Effect {
  readonly note: string;
  readonly expectation: Expectation;
  /** Names a warning about it may use. */
  readonly touched: readonly string[];
}

/** The mutated folder: its entries (name → bytes, or null for a sub-folder) and what the case must end in. */
export interface MutatedFolder {
  readonly entries: Map<string, Uint8Array | string | null>;
  readonly effects: readonly Effect[];
  readonly expectation: Expectation;
  readonly touched: readonly string[];
  /**
   * The consultations' rows put CE04b before CE04a: by R1, an exact tie of two consultations goes
   * to the later row, so E04 is A01's instead of A02's (a known finding: see `./findings.test.ts`).
   */
  readonly tieRowsSwapped: boolean;
}

/** Applies a case's mutations to the sample month. */
export function mutateFolder(mutations: readonly FolderMutation[]): MutatedFolder {
  const files: FileState[] = sampleFiles().map((f) => ({ name: f.name, kind: f.kind, table: f.table.map((r) => [...r]), bytes: null }));
  const extra = new Map<string, Uint8Array | string | null>();
  const effects: Effect[] = [];
  const phase = (m: FolderMutation): number => (TABLE_OPS.has(m.op) ? 0 : BYTE_OPS.has(m.op) ? 1 : 2);
  const ordered = [...mutations].sort((a, b) => phase(a) - phase(b));
  for (const m of ordered) {
    const effect = apply(files, extra, m);
    if (effect) effects.push(effect);
  }
  const entries = new Map<string, Uint8Array | string | null>();
  for (const f of files) entries.set(f.name, f.bytes ?? utf8(csvText(f.table).text));
  for (const [name, content] of extra) entries.set(name, content);
  const ids = files.find((f) => f.kind === "consultations")?.table.map((row) => row[0]) ?? [];
  const tieRowsSwapped = ids.includes("CE04a") && ids.includes("CE04b") && ids.indexOf("CE04b") < ids.indexOf("CE04a");
  return { entries, effects, expectation: combine(effects), touched: [...new Set(effects.flatMap((e) => e.touched))], tieRowsSwapped };
}

/** The outcome a case must end in: a single mutation's; several that change nothing: the same figures; else only the oracle. */
function combine(effects: readonly Effect[]): Expectation {
  if (effects.length === 0) return { kind: "same" };
  if (effects.length === 1) return effects[0]!.expectation;
  if (effects.every((e) => e.expectation.kind === "same")) return { kind: "same" };
  return { kind: "any" };
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

/** Fields whose values are free text (names, notes, source, kind, trackingNo). */
function textColumns(f: FileState): number[] {
  const fields = KINDS[f.kind].fields as Readonly<Record<string, { readonly type: string }>>;
  const header = f.table[0] ?? [];
  return header.flatMap((h, c) => (fields[h]?.type === "text" ? [c] : []));
}

/** Fields whose values are ids (of the record, an agent, a buyer, an order …). */
function idColumns(f: FileState): number[] {
  const fields = KINDS[f.kind].fields as Readonly<Record<string, { readonly type: string }>>;
  const header = f.table[0] ?? [];
  return header.flatMap((h, c) => (["id", "agent", "buyer"].includes(fields[h]?.type ?? "") ? [c] : []));
}

/** The columns a file of its kind must have. */
function requiredColumns(f: FileState): number[] {
  const fields = KINDS[f.kind].fields as Readonly<Record<string, { readonly required?: boolean; readonly forMonth?: boolean }>>;
  const header = f.table[0] ?? [];
  return header.flatMap((h, c) => (fields[h]?.required === true || fields[h]?.forMonth === true ? [c] : []));
}

const lineOf = (f: FileState, row: number): number => csvText(f.table).lines[row]!;

function apply(files: FileState[], extra: Map<string, Uint8Array | string | null>, m: FolderMutation): Effect | null {
  if (m.op === "addFile") {
    if (extra.has(m.name) || files.some((f) => f.name === m.name)) return null;
    extra.set(m.name, m.content === null ? null : utf8(m.content));
    const hidden = m.name.startsWith(".");
    return { note: `add ${m.content === null ? "the folder" : "the file"} ${m.name}`, expectation: hidden ? { kind: "same" } : { kind: "sameWarned", mention: m.name }, touched: [m.name] };
  }
  if (files.length === 0) return null;
  // Table mutations choose among files whose table is still theirs.
  const tables = files.filter((f) => f.bytes === null);
  if (TABLE_OPS.has(m.op)) {
    if (tables.length === 0) return null;
    const f = m.op === "hostileText" ? pickText(tables, m.file) : pick(tables, m.file);
    if (f === null) return null;
    return applyTable(f, m);
  }
  if ("idsOnly" in m && m.idsOnly === true) {
    // Any id column of any file, alike: the file and the column chosen together.
    const targets = tables.flatMap((f) => idColumns(f).map((c) => ({ f, c })));
    if (targets.length === 0) return null;
    const { f, c } = pick(targets, m.file);
    return m.op === "errorValue" ? applyTable(f, { ...m, col: c }) : applyBytes(f, { ...m, col: c });
  }
  const f = pick(files, m.file);
  if (BYTE_OPS.has(m.op)) return applyBytes(f, m);
  return applyName(files, f, m);
}

function pickText(tables: FileState[], n: number): FileState | null {
  const withText = tables.filter((f) => textColumns(f).length > 0);
  return withText.length === 0 ? null : pick(withText, n);
}

function applyTable(f: FileState, m: FolderMutation): Effect | null {
  const { table } = f;
  const rows = table.length - 1;
  const touched = [f.name, f.kind];
  switch (m.op) {
    case "cutRow": {
      if (rows < 1) return null;
      const r = 1 + (m.row % rows);
      const cells = table[r]!;
      if (cells.length < 2) return null;
      // At least one cell is kept (a row of nothing is a blank line, which is no record), and a non-blank one.
      let keep = 1 + (m.keep % (cells.length - 1));
      while (keep < cells.length - 1 && cells.slice(0, keep).every((c) => c === "")) keep++;
      table[r] = cells.slice(0, keep);
      return { note: `${f.name}: row ${lineOf(f, r)} cut to ${keep} of ${cells.length} cells`, expectation: { kind: "error", file: f.name, line: lineOf(f, r) }, touched };
    }
    case "extendRow": {
      if (rows < 1) return null;
      const r = 1 + (m.row % rows);
      table[r] = [...table[r]!, m.cell];
      const blank = m.cell.trim() === "";
      return {
        note: `${f.name}: row ${lineOf(f, r)} extended by ${JSON.stringify(m.cell)}`,
        // Empty cells beyond the header are read when every row has them alike; one longer row is an error.
        expectation: blank && rows === 1 ? { kind: "same" } : { kind: "error", file: f.name, line: lineOf(f, r) },
        touched,
      };
    }
    case "dropCell": {
      if (rows < 1) return null;
      const r = 1 + (m.row % rows);
      const cells = table[r]!;
      if (cells.length < 2) return null;
      const c = m.col % cells.length;
      const next = cells.filter((_, i) => i !== c);
      if (next.every((x) => x === "")) return null;
      table[r] = next;
      return { note: `${f.name}: row ${lineOf(f, r)} lost cell ${c + 1} (${JSON.stringify(cells[c])})`, expectation: { kind: "error", file: f.name, line: lineOf(f, r) }, touched };
    }
    case "dupCell": {
      if (rows < 1) return null;
      const r = 1 + (m.row % rows);
      const cells = table[r]!;
      const c = m.col % cells.length;
      table[r] = [...cells.slice(0, c + 1), cells[c]!, ...cells.slice(c + 1)];
      return { note: `${f.name}: row ${lineOf(f, r)} cell ${c + 1} (${JSON.stringify(cells[c])}) doubled`, expectation: { kind: "sameOrError", file: f.name, line: lineOf(f, r) }, touched };
    }
    case "dropHeader": {
      const header = table[0]!;
      const c = m.col % header.length;
      table[0] = header.filter((_, i) => i !== c);
      return { note: `${f.name}: header cell ${header[c]} dropped`, expectation: { kind: "sameOrError", file: f.name }, touched: [...touched, header[c]!] };
    }
    case "dupHeader": {
      const header = table[0]!;
      const c = m.col % header.length;
      table[0] = [...header.slice(0, c + 1), header[c]!, ...header.slice(c + 1)];
      return { note: `${f.name}: header cell ${header[c]} doubled`, expectation: { kind: "error", file: f.name }, touched: [...touched, header[c]!] };
    }
    case "headerCase": {
      const header = table[0]!;
      const c = m.col % header.length;
      const name = header[c]!;
      const changed = m.how === "upper" ? name.toUpperCase() : m.how === "lower" ? name.toLowerCase() : name.charAt(0).toUpperCase() + name.slice(1);
      if (changed === name) return null;
      table[0] = header.map((h, i) => (i === c ? changed : h));
      return { note: `${f.name}: header ${name} → ${changed}`, expectation: { kind: "error", file: f.name, line: 1 }, touched: [...touched, name, changed] };
    }
    case "shuffle": {
      if (rows < 2) return null;
      const body = table.slice(1);
      const order = permutation(body.length, m.seed);
      if (order.every((v, i) => v === i)) return null;
      table.splice(1, rows, ...order.map((i) => body[i]!));
      return { note: `${f.name}: rows shuffled (seed ${m.seed})`, expectation: { kind: "same" }, touched };
    }
    case "deleteColumn": {
      const required = requiredColumns(f);
      if (required.length === 0) return null;
      const c = pick(required, m.col);
      const name = table[0]![c]!;
      for (let r = 0; r < table.length; r++) table[r] = table[r]!.filter((_, i) => i !== c);
      return { note: `${f.name}: column ${name} deleted`, expectation: { kind: "error", file: f.name, line: 1 }, touched: [...touched, name] };
    }
    case "hostileText": {
      if (rows < 1) return null;
      const columns = textColumns(f);
      const r = 1 + (m.row % rows);
      const c = pick(columns, m.row);
      const before = table[r]![c]!;
      table[r] = table[r]!.map((v, i) => (i === c ? m.text : v));
      const shown = m.text.length > 40 ? `${JSON.stringify(m.text.slice(0, 20))}… (${m.text.length} characters)` : JSON.stringify(m.text);
      return {
        note: `${f.name}: row ${lineOf(f, r)} ${table[0]![c]} ${JSON.stringify(before)} → ${shown}`,
        expectation: { kind: "sameOrError", file: f.name, line: lineOf(f, r) },
        touched,
      };
    }
    case "errorValue": {
      if (rows < 1) return null;
      const r = 1 + (m.row % rows);
      const c = m.idsOnly === true ? m.col : m.col % table[r]!.length;
      const before = table[r]![c]!;
      table[r] = table[r]!.map((v, i) => (i === c ? m.value : v));
      // Free text may say anything; any other value is an error naming it.
      return { note: `${f.name}: row ${lineOf(f, r)} ${table[0]![c] ?? `column ${c + 1}`} ${JSON.stringify(before)} → ${m.value}`, expectation: { kind: "sameOrError", file: f.name, line: lineOf(f, r) }, touched };
    }
    default:
      return null;
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

function applyBytes(f: FileState, m: FolderMutation): Effect | null {
  const touched = [f.name, f.kind];
  const current = (): Uint8Array => f.bytes ?? utf8(csvText(f.table).text);
  switch (m.op) {
    case "encodeFile": {
      if (f.bytes !== null) return null;
      const { text } = csvText(f.table);
      if (isAscii(text)) return null;
      f.bytes = gb18030(text);
      return { note: `${f.name}: written in GB18030`, expectation: { kind: "same" }, touched };
    }
    case "encodeRow": {
      if (f.bytes !== null) return null;
      const { lines } = csvText(f.table);
      const records = f.table.map((row) => row.map(csvCell).join(",") + "\n");
      const r = m.row % records.length;
      const record = records[r]!;
      if (isAscii(record)) return null;
      const before = records.slice(0, r).join("");
      const after = records.slice(r + 1).join("");
      const encoded = gb18030(record);
      f.bytes = concat(utf8(before), encoded, utf8(after));
      const othersNonAscii = !isAscii(before + after);
      let decodesAsUtf8 = true;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(encoded);
      } catch {
        decodesAsUtf8 = false;
      }
      // One row in GB18030 among UTF-8 rows is an error naming it; the only non-ASCII row in GB18030
      // makes the file GB18030 (read right); GB18030 bytes that happen to be UTF-8 read as other text.
      const expectation: Expectation = !othersNonAscii ? { kind: "same" } : decodesAsUtf8 ? { kind: "sameOrError", file: f.name } : { kind: "error", file: f.name, line: lines[r]! };
      return { note: `${f.name}: row ${lines[r]} written in GB18030, the rest in UTF-8`, expectation, touched };
    }
    case "inject": {
      // Put in, never written over a byte: a byte lost is a value changed (70 → 0), which no reader can tell.
      const bytes = current();
      const add = INJECTED[m.bytes]!;
      const at = m.at % (bytes.length + 1);
      const head = bytes.subarray(0, at);
      f.bytes = concat(head, new Uint8Array(add), bytes.subarray(at));
      const line = 1 + head.filter((b) => b === 0x0a).length;
      // 0xFF is no byte of UTF-8 or GB18030: the file cannot be read. Any other byte is trimmed off,
      // or makes no difference (in free text, a blank line), or is an error naming the file.
      const expectation: Expectation = m.bytes === "0xFF" ? { kind: "error", file: f.name } : { kind: "sameOrError", file: f.name };
      return { note: `${f.name}: ${m.bytes} put before byte ${at} (line ${line}: ${JSON.stringify(new TextDecoder().decode(lineAround(f.bytes, at)))})`, expectation, touched };
    }
    case "injectCell": {
      // Into a cell's text as the file holds it (inside its quotes when quoted).
      if (f.bytes !== null) return null;
      const rows = f.table.length - 1;
      if (rows < 1) return null;
      const r = 1 + (m.row % rows);
      const cells = f.table[r]!;
      const c = m.idsOnly === true ? m.col : m.col % cells.length;
      const cell = cells[c]!;
      const { lines } = csvText(f.table);
      const before = f.table.slice(0, r).map((row) => row.map(csvCell).join(",") + "\n").join("") + cells.slice(0, c).map((x) => csvCell(x) + ",").join("");
      const quoted = csvCell(cell) !== cell;
      const k = m.at % (cell.length + 1);
      const at = utf8(before).length + (quoted ? 1 : 0) + utf8(csvCell(cell).slice(quoted ? 1 : 0).slice(0, k)).length;
      const bytes = utf8(csvText(f.table).text);
      f.bytes = concat(bytes.subarray(0, at), new Uint8Array(INJECTED[m.bytes]!), bytes.subarray(at));
      const field = f.table[0]![c] ?? `column ${c + 1}`;
      return {
        note: `${f.name}: ${m.bytes} put into row ${lines[r]} ${field} ${JSON.stringify(cell)} at ${k}`,
        // The value reads the same (a character trimmed off, or free text), or is an error naming the file.
        expectation: m.bytes === "0xFF" ? { kind: "error", file: f.name } : { kind: "sameOrError", file: f.name },
        touched,
      };
    }
    case "asJson": {
      // The same records as a JSON array (empty cells left out), maybe one with a __proto__ key.
      // Not after a row lost or gained a cell: JSON records have keys, not places.
      if (f.bytes !== null || f.table.some((row) => row.length !== f.table[0]!.length)) return null;
      const [header, ...rows] = f.table;
      const records = rows.map((row) => Object.fromEntries(header!.flatMap((h, c) => (row[c] === "" || row[c] === undefined ? [] : [[h, row[c]!]]))));
      let text = JSON.stringify(records);
      const proto = m.protoAt !== null && records.length > 0 ? m.protoAt % records.length : null;
      if (proto !== null) {
        // JSON.parse makes "__proto__" an own key; the reader must neither take it as the prototype nor as a field.
        const parts = records.map((r) => JSON.stringify(r));
        parts[proto] = parts[proto]!.replace(/^\{/, `{"__proto__": {"amount": "0.01", "polluted": true},`);
        text = `[${parts.join(",")}]`;
      }
      f.bytes = utf8(text);
      const name = f.name.replace(/\.csv$/i, ".json");
      const before = f.name;
      f.name = name;
      return {
        note: `${before} written as ${name}${proto === null ? "" : ` (record ${proto} with a __proto__ key)`}`,
        // A key that is no field is named in a warning; the figures stay.
        expectation: proto === null ? { kind: "same" } : { kind: "sameWarned", mention: name },
        touched: [before, name, f.kind],
      };
    }
    case "emptyFile": {
      f.bytes = utf8(m.content);
      return { note: `${f.name}: emptied (${JSON.stringify(m.content)})`, expectation: { kind: "error", file: f.name }, touched };
    }
    default:
      return null;
  }
}

function lineAround(bytes: Uint8Array, at: number): Uint8Array {
  let s = at;
  while (s > 0 && bytes[s - 1] !== 0x0a) s--;
  let e = at;
  while (e < bytes.length && bytes[e] !== 0x0a) e++;
  return bytes.subarray(s, Math.min(e, s + 200));
}

function applyName(files: FileState[], f: FileState, m: FolderMutation): Effect | null {
  const dot = f.name.lastIndexOf(".");
  const stem = f.name.slice(0, dot);
  const ext = f.name.slice(dot);
  const rename = (name: string, note: string, expectation: Expectation): Effect | null => {
    if (name === f.name || files.some((g) => g.name === name)) return null;
    const before = f.name;
    f.name = name;
    return { note: `${before} renamed ${name} (${note})`, expectation, touched: [before, name, f.kind] };
  };
  switch (m.op) {
    case "renameCase": {
      const name = m.how === "upper" ? f.name.toUpperCase() : m.how === "first" ? stem.charAt(0).toUpperCase() + stem.slice(1) + ext : stem + ext.toUpperCase();
      // Kind names match without regard to case.
      return rename(name, "case", { kind: "same" });
    }
    case "renameTypo": {
      const at = m.at % (stem.length + 1);
      const typo =
        m.edit === "insert"
          ? stem.slice(0, at) + m.letter + stem.slice(at)
          : m.edit === "drop"
            ? stem.slice(0, Math.min(at, stem.length - 1)) + stem.slice(Math.min(at, stem.length - 1) + 1)
            : m.edit === "change"
              ? stem.slice(0, Math.min(at, stem.length - 1)) + m.letter + stem.slice(Math.min(at, stem.length - 1) + 1)
              : stem.slice(0, Math.min(at, stem.length - 2)) + stem.charAt(Math.min(at, stem.length - 2) + 1) + stem.charAt(Math.min(at, stem.length - 2)) + stem.slice(Math.min(at, stem.length - 2) + 2);
      if (typo.toLowerCase() === stem.toLowerCase() || typo === "") return null;
      return rename(typo + ext, "typo", { kind: "any" });
    }
    case "deleteFile": {
      // Only the files whose absence the report names (see UNWARNED_WHEN_MISSING).
      if (UNWARNED_WHEN_MISSING.has(f.kind)) return null;
      files.splice(files.indexOf(f), 1);
      return { note: `${f.name} deleted`, expectation: { kind: "any" }, touched: [f.name, f.kind] };
    }
    default:
      return null;
  }
}

/** A permutation of 0 … n−1 from a seed (a small LCG: the same seed, the same order). */
export function permutation(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
