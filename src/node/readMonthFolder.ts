/**
 * Reads a month folder: one file per kind (`agents`, `consultations`, `orders`; for the KPIs
 * `tickets`, `afterSales`, `reviews`, `qc`, `calls`; for the people rules `violations`, `rewards`,
 * `assessments`, `probation`, `scores`, `roster`, `returnedParcels`, `shopReviews`, `traffic`), CSV or JSON, an
 * optional `policy.json`, and — for orders — the shop's own Tmall export as downloaded — straight
 * into a decoded month.
 *
 * CSV files are streamed (`./csvStream.ts`): the encoding decided strictly per file, records read
 * in chunks and each row's cells handed to the one decoder (`records/decode.ts`), which writes them
 * into the month's columns: no whole-file string, no object per row. Memory is the columns'.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { IssueCode, KefuKpiError, type Issue } from "../errors.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import type { TableBuilder } from "../records/decode.js";
import { matchHeader } from "../records/header.js";
import { KINDS, RECORD_KINDS, type FieldSpec, type RecordKind } from "../records/kinds.js";
import { locateIssues as locateInMonth } from "../records/locate.js";
import { MonthDecoder, type DecodedMonth } from "../records/month.js";
import { isTmallOrderHeader, mapTmallOrders, tmallRecords } from "../records/tmall.js";
import { readCsvFile, type CsvSink } from "./csvStream.js";
import { decodeText } from "./decode.js";
import { TextFileError } from "./encoding.js";
import { FolderError, checkFolder, openRegularFile, readRegularFile, type FileId } from "./files.js";
import { planFolder } from "./folderPlan.js";

export { FolderError };

/** The kinds of record a month folder holds (one file each). */
export type { RecordKind };

/** A month folder, read and decoded. */
export interface MonthFolder {
  readonly dir: string;
  /** The folder's records, decoded once under the policy (every entry point takes it). */
  readonly month: DecodedMonth;
  /** The folder's `policy.json`, if any (the month was decoded under `options.policy` when one was given, else under this). */
  readonly policy: PolicyInput | undefined;
  /** The name of the folder's policy file, when there is one (`policy.json`). */
  readonly policyFile?: string;
  /** What the reader noticed without it being an error (unused columns …); also in `month.warnings`. */
  readonly warnings: readonly string[];
  /** Every file read (to keep `--out` off them). */
  readonly files: readonly FileId[];
  /** The names in the folder that were not read (hidden names, starting with `.`, left out). */
  readonly unread: readonly string[];
}

export interface ReadFolderOptions {
  /**
   * The policy to decode under (a `--policy` file): the zone reads the wall times. Without one,
   * the folder's own `policy.json`, else the defaults.
   */
  readonly policy?: PolicyInput | Policy;
  /** The name of the file `policy` came from, to name it in its issues. */
  readonly policyFile?: string;
}

/** Issues listed at most (a file with a million bad rows fails fast and readably). */
const ISSUE_LIMIT = 200;

/**
 * Reads a month folder into a decoded month.
 *
 * @throws {FolderError} for a folder or file that cannot be read (missing, not a regular file, unreadable)
 * @throws {KefuKpiError} for files that cannot be read as records (encoding, bad CSV/JSON, short
 *   rows, missing or misspelt columns, misnamed files) and for every invalid record, named by file,
 *   row and field
 */
export async function readMonthFolder(dir: string, options: ReadFolderOptions = {}): Promise<MonthFolder> {
  await checkFolder(dir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new FolderError(`${dir}: cannot be read (${(error as { code?: string }).code ?? String(error)})`);
  }
  const plan = planFolder(names);
  const state = new ReadState();
  for (const p of plan.problems) state.issue({ code: IssueCode.invalidFile, path: [], message: p.message, source: { file: p.file } });
  const unread = [...plan.unread];

  // The policy first: its zone reads the wall times of every file.
  let folderPolicy: PolicyInput | undefined;
  if (plan.policy !== null) folderPolicy = await readPolicy(join(dir, plan.policy), plan.policy, state);
  const policyFile = options.policy !== undefined ? options.policyFile : (plan.policy ?? undefined);
  let decoder: MonthDecoder;
  try {
    decoder = new MonthDecoder(options.policy ?? folderPolicy, 1 << 16);
  } catch (error) {
    if (!(error instanceof KefuKpiError)) throw error;
    const named = error.issues.map((issue): Issue => (policyFile !== undefined && !issue.source ? { ...issue, source: { file: policyFile } } : issue));
    throw new KefuKpiError([...state.issues, ...named]);
  }
  const read = new FolderReading(dir, decoder, state);

  for (const kind of RECORD_KINDS) {
    const name = plan.kinds.get(kind);
    if (name === undefined) continue;
    if (name.toLowerCase().endsWith(".json")) await read.jsonKind(kind, name);
    else await read.csvKind(kind, name);
  }

  // Orders may come as the shop's Tmall export(s), under the name the back office gave them.
  if (!plan.kinds.has("orders")) {
    for (const name of plan.others) if (!(await read.csvKind("orders", name, true))) unread.push(name);
  } else unread.push(...plan.others);
  read.finishTmall();

  // Every problem of the files and of the records, kind by kind, at once.
  for (const issue of state.issues) decoder.issues.add(issue);
  decoder.issues.drop(state.dropped);
  const month = decoder.finish();
  return {
    dir,
    month,
    policy: folderPolicy,
    ...(plan.policy !== null && { policyFile: plan.policy }),
    warnings: month.warnings,
    files: state.files,
    unread: unread.sort(),
  };
}

/**
 * Reads a policy file (JSON holding one object of settings).
 *
 * @throws {FolderError} when the file cannot be read
 * @throws {KefuKpiError} naming the file when it is not JSON or not an object
 */
export async function readPolicyFile(file: string): Promise<PolicyInput> {
  const state = new ReadState();
  const policy = await readPolicy(file, file, state);
  state.throwIfAny();
  return policy!;
}

/**
 * Points the issues of a computation over a folder's decoded month at their files and rows
 * (`orders.csv row 19 (orderId "O-17"), paidAt: …`); the decoder's own issues already are.
 */
export function locateIssues(error: KefuKpiError, folder: MonthFolder): KefuKpiError {
  return new KefuKpiError(locateInMonth(error.issues, folder.month));
}

// ---------------------------------------------------------------------------------------------

/** What the reading of one folder collects: issues of the files (up to a limit), the files read. */
class ReadState {
  readonly issues: Issue[] = [];
  dropped = 0;
  readonly files: FileId[] = [];

  issue(issue: Issue): void {
    if (this.issues.length < ISSUE_LIMIT) this.issues.push(issue);
    else this.dropped++;
  }

  throwIfAny(): void {
    if (this.issues.length === 0) return;
    const all = this.issues.slice();
    if (this.dropped > 0) all.push({ code: IssueCode.tooManyIssues, path: [], message: `${this.dropped} further problems not listed` });
    throw new KefuKpiError(all);
  }
}

/** Stops reading a file early (its header is unusable, or the issue limit is reached). */
class StopReading extends Error {}

function fileIssue(file: string, message: string, row?: number | null, code: IssueCode = IssueCode.invalidFile): Issue {
  return { code, path: [], message, source: row === undefined || row === null ? { file } : { file, row } };
}

function requiredFields(kind: RecordKind): string[] {
  const fields = KINDS[kind].fields as Readonly<Record<string, FieldSpec>>;
  return Object.keys(fields).filter((f) => fields[f]!.required === true || fields[f]!.forMonth === true);
}

/** The reading of one folder's files into the month's decoder. */
class FolderReading {
  /** Rows of the folder's Tmall exports, gathered whole (the export's checks read all its rows). */
  private readonly tmall: { file: string; rows: string[][]; lines: number[] }[] = [];

  constructor(
    private readonly dir: string,
    private readonly decoder: MonthDecoder,
    private readonly state: ReadState,
  ) {}

  /**
   * Reads the CSV file of a kind into the decoder, or (for orders) gathers a Tmall export. With
   * `tmallOnly`, a file that is no Tmall export is left (false returned).
   */
  async csvKind(kind: RecordKind, file: string, tmallOnly = false): Promise<boolean> {
    const { state, decoder } = this;
    const path = join(this.dir, file);
    const opened = await openRegularFile(path);
    state.files.push(opened.id);
    let builder: TableBuilder<RecordKind> | null = null;
    let columns = 0;
    let fieldOfColumn: Int32Array = new Int32Array(0);
    let tmall: { file: string; rows: string[][]; lines: number[] } | null = null;
    let notTmall = false;
    let failed = false;
    // The first data row's cells and line, and whether rows of two lengths were named already.
    let first: RowWidth | null = null;
    let widthsNamed = false;
    const sink: CsvSink = {
      header(cells, line) {
        if (kind === "orders" && isTmallOrderHeader(cells)) {
          tmall = { file, rows: [cells], lines: [line] };
          return;
        }
        if (tmallOnly) {
          notTmall = true;
          throw new StopReading();
        }
        const match = matchHeader(kind, cells);
        for (const i of match.issues) state.issue({ code: i.code, path: [kind], message: i.message, source: { file, row: line } });
        if (match.unused.length > 0) decoder.warnings.push(`${file}: column${match.unused.length > 1 ? "s" : ""} ${match.unused.join(", ")} not used`);
        if (match.issues.length > 0) {
          failed = true;
          throw new StopReading();
        }
        builder = decoder.builder(kind, { source: { file, style: "row" }, expected: 1024 });
        builder.markGiven(match.fields);
        fieldOfColumn = builder.fieldIndexes(match.fields);
        columns = cells.length;
      },
      row(cells, line) {
        if (tmall) {
          tmall.rows.push(cells);
          tmall.lines.push(line);
          return;
        }
        first ??= { cells: cells.length, line };
        const shape = checkShape(cells, columns);
        const widths = shape === null && !widthsNamed ? checkWidth({ cells: cells.length, line }, first, columns) : null;
        if (shape !== null || widths !== null) {
          // A row of the wrong shape is not read (its cells would land in the wrong fields); the file is refused.
          failed = true;
          if (shape !== null) state.issue({ code: IssueCode.invalidFile, path: [kind], message: shape, source: { file, row: line } });
          else {
            widthsNamed = true;
            state.issue({ code: IssueCode.invalidFile, path: [kind], message: widths!.message, source: { file, row: widths!.line } });
          }
        } else builder!.addCells(cells, fieldOfColumn, line);
        if (decoder.issues.size + state.issues.length >= ISSUE_LIMIT) {
          failed = true;
          throw new StopReading();
        }
      },
    };
    try {
      const info = await readCsvFile(opened.handle, sink);
      if (info.records === 0) {
        if (tmallOnly) return false;
        state.issue(fileIssue(file, `is empty: no header row (expected columns ${requiredFields(kind).join(", ")})`, null, IssueCode.missingColumn));
        return true;
      }
    } catch (error) {
      if (error instanceof TextFileError) {
        state.issue(fileIssue(file, error.message, error.line));
        return true;
      }
      if (error instanceof StopReading) {
        // The header or the issue limit stopped the reading.
      } else if (typeof (error as { code?: unknown }).code === "string") {
        throw new FolderError(`${path}: cannot be read (${(error as { code: string }).code})`);
      } else throw error;
    } finally {
      await opened.handle.close().catch(() => undefined);
    }
    if (notTmall) return false;
    if (tmall) {
      this.tmall.push(tmall);
      return true;
    }
    // A file whose rows could not all be read is not given to the month (its problems are named).
    if (builder !== null && !failed) decoder.add((builder as TableBuilder<RecordKind>).finish());
    else if (builder !== null) (builder as TableBuilder<RecordKind>).finish();
    return true;
  }

  /** Reads a JSON file of records whole (checked keys: a near miss of a field is an error, an unknown key a warning). */
  async jsonKind(kind: RecordKind, file: string): Promise<void> {
    const { state, decoder } = this;
    const data = await readJsonFile(join(this.dir, file), file, state, "give this kind as CSV, which is read in chunks");
    if (data === undefined) return;
    if (!Array.isArray(data)) {
      state.issue(fileIssue(file, "expected a JSON array of records"));
      return;
    }
    const records: readonly unknown[] = data;
    // The keys of all records, in the order first seen, matched as a header would be.
    const keys = new Set<string>();
    for (const r of records) if (typeof r === "object" && r !== null && !Array.isArray(r)) for (const k of Object.keys(r)) keys.add(k);
    const match = matchHeader(kind, [...keys], { required: false, noun: "key" });
    for (const i of match.issues) state.issue({ code: i.code, path: [kind], message: i.message, source: { file } });
    if (match.issues.length > 0) return;
    if (match.unused.length > 0) decoder.warnings.push(`${file}: field${match.unused.length > 1 ? "s" : ""} ${[...match.unused].sort().join(", ")} not used`);
    // A key that names a field by its Chinese name reads as the field.
    const fieldOf = new Map([...keys].map((k, i) => [k, match.fields[i] ?? null]));
    const renamed = [...fieldOf].some(([k, f]) => f !== null && f !== k);
    const rows = renamed
      ? records.map((record) => {
          if (typeof record !== "object" || record === null || Array.isArray(record)) return record;
          const out: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(record)) {
            const field = fieldOf.get(key);
            if (field) out[field] = value;
          }
          return out;
        })
      : records;
    const builder = decoder.builder(kind, { source: { file, style: "index" }, expected: rows.length, unknownKeys: "collect" });
    builder.addObjects(rows);
    decoder.add(builder.finish());
  }

  /** The gathered Tmall exports, as the month's orders (remarks searched for a rostered 工号). */
  finishTmall(): void {
    if (this.tmall.length === 0) return;
    const { state, decoder } = this;
    const month = decoder.month();
    const roster = month.agents.rosterSize >= 0 ? month.agents.ids.slice(0, month.agents.rosterSize) : null;
    const orders: Record<string, unknown>[] = [];
    const locators: number[] = [];
    const shipments: Record<string, unknown>[] = [];
    const shipmentRows: number[] = [];
    // The exports with a 发货时间 column, and those without.
    const shipping: string[] = [];
    const notShipping: string[] = [];
    let remarks = 0;
    let file = "";
    for (const t of this.tmall) {
      const mapped = mapTmallOrders(t.rows, t.file, { lines: t.lines });
      for (const e of mapped.errors) {
        state.issue({ code: /missing column/.test(e.message) ? IssueCode.missingColumn : IssueCode.invalidValue, path: e.field ? ["orders", e.field] : ["orders"], message: e.detail, source: { file: t.file, row: e.row } });
      }
      decoder.warnings.push(...mapped.warnings);
      const records = tmallRecords(mapped, roster);
      append(orders, records.orders);
      append(locators, records.orderRows);
      remarks += records.remarks;
      if (records.shipments !== null) {
        shipping.push(t.file);
        append(shipments, records.shipments);
        append(shipmentRows, records.shipmentRows);
      } else notShipping.push(t.file);
      file = t.file;
    }
    if (remarks > 0 && roster === null) decoder.warnings.push(`${remarks} order remarks (订单备注) not read for 工号: there is no agents file to recognise them by`);
    // Several exports are one list of orders, each record located by its own file's row.
    const source = this.tmall.length === 1 ? { file, style: "row" as const } : { file: this.tmall.map((t) => t.file).join(" + "), style: "row" as const };
    const builder = decoder.builder("orders", { source, expected: orders.length });
    builder.addObjects(orders, locators);
    decoder.add(builder.finish());
    // With 发货时间, the export's shipments (unless a shipments file gives them). Exports that
    // differ give none: an order of one without the column would count as never shipped.
    if (shipping.length > 0 && notShipping.length > 0) {
      decoder.warnings.push(`${shipping.join(", ")} ${shipping.length > 1 ? "have" : "has"} 发货时间 but ${notShipping.join(", ")} ${notShipping.length > 1 ? "have" : "has"} not: no shipments read from the exports`);
    } else if (shipping.length > 0) {
      const shipped = decoder.builder("shipments", { source, expected: shipments.length });
      shipped.addObjects(shipments, shipmentRows);
      decoder.offer(shipped.finish(), `${source.file}: its 发货时间 not used: the shipments file gives the shipments`);
    }
  }
}

/** Appends `items` to `to` (a loop: spreading a million items overflows the stack). */
function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

/** A row's cells against the header's columns: null when they fit, else what is wrong. */
function checkShape(cells: readonly string[], columns: number): string | null {
  if (cells.length < columns) {
    return `has ${cells.length} cell${cells.length === 1 ? "" : "s"} but the header has ${columns} columns: a cell is missing (the row was cut short, or a separator lost)`;
  }
  if (cells.length > columns) {
    for (let c = columns; c < cells.length; c++) {
      if (cells[c]!.trim() !== "") return `has ${cells.length} cells but the header has ${columns} columns (an unquoted comma in a value?)`;
    }
  }
  return null;
}

/** How many cells a row has, and the line it starts on. */
interface RowWidth {
  readonly cells: number;
  readonly line: number;
}

/**
 * Empty cells beyond the header are read only when every row has them alike (a writer that ends
 * each data line with a separator): a row longer than the others — by a doubled cell or a stray
 * separator in it — has its values moved one column on, which its empty last cell would hide.
 * Null when `row` (of the right shape) is as wide as the file's first data row, else the longer
 * row's line and what is wrong.
 */
function checkWidth(row: RowWidth, first: RowWidth, columns: number): { line: number; message: string } | null {
  if (row.cells === first.cells || (row.cells <= columns && first.cells <= columns)) return null;
  const [longer, other] = row.cells > first.cells ? [row, first] : [first, row];
  return {
    line: longer.line,
    message: `has ${longer.cells} cells but the header has ${columns} columns and row ${other.line} has ${other.cells}: the extra cell${longer.cells - Math.max(columns, other.cells) > 1 ? "s are" : " is"} empty, but the values before ${longer.cells - Math.max(columns, other.cells) > 1 ? "them" : "it"} may have moved (a doubled cell or a stray separator?); rows may end in empty cells beyond the header only all alike`,
  };
}

/** Reads a policy file: JSON holding an object. */
async function readPolicy(path: string, file: string, state: ReadState): Promise<PolicyInput | undefined> {
  const data = await readJsonFile(path, file, state, "a policy is a few settings");
  if (data === undefined) return undefined;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    state.issue(fileIssue(file, `holds ${data === null ? "null" : Array.isArray(data) ? "an array" : `a ${typeof data}`}; expected a JSON object of settings (write {} for the defaults)`, null, IssueCode.invalidPolicy));
    return undefined;
  }
  return data as PolicyInput;
}

/** Reads and parses a JSON file whole; problems go to `state` (undefined returned). */
async function readJsonFile(path: string, file: string, state: ReadState, tooLargeHint: string): Promise<unknown> {
  const read = await readRegularFile(path);
  if ("tooLarge" in read) {
    state.issue(fileIssue(file, `is too large to read as JSON (${Math.round(read.tooLarge / (1 << 20))} MB); ${tooLargeHint}`));
    return undefined;
  }
  state.files.push(read.id);
  let text: string;
  try {
    text = decodeText(read.bytes).text;
  } catch (error) {
    if (!(error instanceof TextFileError)) throw error;
    state.issue(fileIssue(file, error.message, error.line));
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    state.issue(fileIssue(file, `is not valid JSON: ${(error as Error).message}`));
    return undefined;
  }
}

