/**
 * Reads a month folder: one file per kind (`agents`, `consultations`, `orders`; for the KPIs
 * `tickets`, `afterSales`, `reviews`, `qc`, `calls`; for the people rules `violations`, `rewards`,
 * `assessments`, `probation`, `scores`, `roster`, `returnedParcels`, `shopReviews`), CSV or JSON, an
 * optional `policy.json`, and — for orders — the shop's own Tmall export as downloaded.
 *
 * CSV files are streamed (`./csvStream.ts`): the encoding decided strictly per file, records read
 * in chunks and turned into records one by one ({@link toRecord}, the one step to replace with a
 * columnar decoder), so a file of several GB is read with memory for its records only.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { OrderLike } from "../attribution/attributeSales.js";
import { IssueCode, KefuKpiError, formatIssueSource, relocateFirstAt, type Issue, type IssueSource } from "../errors.js";
import type { MonthInput } from "../month/buildMonthReport.js";
import type { PolicyInput } from "../policy/schema.js";
import { matchHeader, type HeaderMatch } from "../records/header.js";
import { RECORD_FIELDS, RECORD_KINDS, type FieldSpec, type RecordKind } from "../schema/kinds.js";
import { agentIdInRemark, isTmallOrderHeader, mapTmallOrders } from "../schema/tmall.js";
import { readCsvFile, type CsvSink } from "./csvStream.js";
import { decodeText } from "./decode.js";
import { TextFileError } from "./encoding.js";
import { FolderError, checkFolder, openRegularFile, readRegularFile, type FileId } from "./files.js";
import { planFolder } from "./folderPlan.js";

export { FolderError };

/** The kinds of record a month folder holds (one file each). */
export type { RecordKind };

/**
 * Where a run of records of one kind came from: records `first … first + count − 1` were read from
 * `file`; `lines[i]` is the file line of record `first + i` (CSV), or `lines` is null (JSON: the
 * index in the file's array, `i`, locates it).
 */
export interface RecordSource {
  readonly file: string;
  readonly first: number;
  readonly count: number;
  readonly lines: readonly number[] | null;
  readonly encoding?: string;
}

/** A month folder, read and mapped to the library's records, not yet validated. */
export interface MonthFolder {
  readonly dir: string;
  readonly input: MonthInput;
  /** The folder's `policy.json`, if any. */
  readonly policy: PolicyInput | undefined;
  /** The name of the folder's policy file, when there is one (`policy.json`). */
  readonly policyFile?: string;
  readonly warnings: readonly string[];
  /** Per kind, where its records came from (for error messages). */
  readonly sources: Partial<Record<RecordKind, readonly RecordSource[]>>;
  /** Every file read (to keep `--out` off them). */
  readonly files: readonly FileId[];
  /** The names in the folder that were not read (hidden names, starting with `.`, left out). */
  readonly unread: readonly string[];
}

const KINDS = RECORD_KINDS;
const BOOLEANS: Record<string, boolean> = { true: true, false: false, "1": true, "0": false, yes: true, no: false, 是: true, 否: false };
/** Issues listed at most (a file with a million bad rows fails fast and readably). */
const ISSUE_LIMIT = 200;

/**
 * Reads a month folder into records and warnings. Validation of the records happens when they are
 * computed with; use {@link locateIssues} to point its issues at files and rows.
 *
 * @throws {FolderError} for a folder or file that cannot be read (missing, not a regular file, unreadable)
 * @throws {KefuKpiError} for files that cannot be read as records (encoding, bad CSV/JSON, short rows, missing or misspelt columns, misnamed files)
 */
export async function readMonthFolder(dir: string): Promise<MonthFolder> {
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
  const input: { -readonly [K in keyof MonthInput]: MonthInput[K] extends readonly (infer T)[] | undefined ? T[] : never } = {};
  const unread = [...plan.unread];

  for (const kind of KINDS) {
    const name = plan.kinds.get(kind);
    if (name === undefined) continue;
    const path = join(dir, name);
    if (name.toLowerCase().endsWith(".json")) {
      const records = await readJsonKind(kind, path, name, state);
      if (records) {
        input[kind] = records as never;
        state.addSource(kind, { file: name, first: 0, count: records.length, lines: null });
      }
      continue;
    }
    const read = await readCsvKind(kind, path, name, state, input);
    if (read) input[kind] = read as never;
  }

  // Orders may come as the shop's Tmall export(s), under the name the back office gave them.
  for (const name of plan.others) {
    if (plan.kinds.has("orders")) {
      unread.push(name);
      continue;
    }
    const tmall = await readCsvKind("orders", join(dir, name), name, state, input, true);
    if (tmall === "not tmall") unread.push(name);
  }

  // Remarks of a Tmall export are free text: find the 工号 of a rostered agent in them.
  const remarks = (input.orders ?? []).filter((o) => typeof (o as TmallOrder).remark === "string");
  if (remarks.length > 0) {
    if (!input.agents) state.warnings.push(`${remarks.length} order remarks (订单备注) not read for 工号: there is no agents file to recognise them by`);
    else {
      const ids = input.agents.map((a) => a.agentId).filter((id) => typeof id === "string" && id !== "");
      for (const o of remarks as TmallOrder[]) o.remarkAgentId = agentIdInRemark(o.remark!, ids);
    }
  }
  for (const o of input.orders ?? []) delete (o as TmallOrder).remark;

  let policy: PolicyInput | undefined;
  if (plan.policy !== null) {
    const read = await readPolicy(join(dir, plan.policy), plan.policy, state);
    if (read !== undefined) policy = read;
  }
  // A kind with no file stays undefined (no roster is not an empty roster); the month report warns.
  state.throwIfAny();
  return {
    dir,
    input,
    policy,
    ...(plan.policy !== null && { policyFile: plan.policy }),
    warnings: state.warnings,
    sources: state.sources,
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
 * Points the issues of a computation over a folder's records at their files and rows
 * (`orders.csv row 19 (orderId "O-17"), paidAt: …`).
 */
export function locateIssues(error: KefuKpiError, folder: MonthFolder): KefuKpiError {
  // A record's place in its file: the CSV line, or the index in a JSON file's array.
  const sourceOf = (kind: unknown, index: unknown): IssueSource | null => {
    if (typeof kind !== "string" || typeof index !== "number") return null;
    const runs = folder.sources[kind as RecordKind];
    const run = runs?.find((r) => index >= r.first && index < r.first + r.count);
    if (!run) return null;
    const row = run.lines?.[index - run.first];
    return row === undefined ? { file: run.file, index: index - run.first } : { file: run.file, row };
  };
  return new KefuKpiError(
    error.issues.map((original) => {
      // "(first at consultations[3])" names the repeated record by its place in the file too.
      const message = relocateFirstAt(original.message, (kind, index) => {
        const source = sourceOf(kind, index);
        return source === null ? null : formatIssueSource(source);
      });
      const issue = message === original.message ? original : { ...original, message };
      const source = issue.source ? null : sourceOf(issue.path[0], issue.path[1]);
      return source === null ? issue : { ...issue, source };
    }),
  );
}

// ---------------------------------------------------------------------------------------------

interface TmallOrder extends OrderLike {
  remark?: string | null;
  remarkAgentId?: string | null;
}

type FileRecord = Record<string, string | number | boolean>;

/** What the reading of one folder collects: issues (up to a limit), warnings, sources, the files read. */
class ReadState {
  readonly issues: Issue[] = [];
  private dropped = 0;
  readonly warnings: string[] = [];
  readonly sources: Partial<Record<RecordKind, RecordSource[]>> = {};
  readonly files: FileId[] = [];

  issue(issue: Issue): void {
    if (this.issues.length < ISSUE_LIMIT) this.issues.push(issue);
    else this.dropped++;
  }

  get full(): boolean {
    return this.issues.length >= ISSUE_LIMIT;
  }

  addSource(kind: RecordKind, source: RecordSource): void {
    (this.sources[kind] ??= []).push(source);
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

/** How each column of a CSV file becomes a field of a record: the plan {@link toRecord} follows. */
interface RecordPlan {
  readonly kind: RecordKind;
  readonly columns: number;
  readonly used: readonly { readonly column: number; readonly field: string; readonly spec: FieldSpec }[];
}

/**
 * Reads the CSV file of a kind into records, or (for orders) a Tmall export into orders. Returns
 * the records, `"not tmall"` when `tmallOnly` and the header is not a Tmall export's, or null
 * when the file has problems (recorded in `state`).
 */
async function readCsvKind(
  kind: RecordKind,
  path: string,
  file: string,
  state: ReadState,
  input: { orders?: OrderLike[] },
  tmallOnly = false,
): Promise<FileRecord[] | "not tmall" | null> {
  const opened = await openRegularFile(path);
  state.files.push(opened.id);
  const records: FileRecord[] = [];
  const lines: number[] = [];
  let plan: RecordPlan | null = null;
  let tmall: { rows: string[][]; lines: number[] } | null = null;
  let notTmall = false;
  let failed = false;
  const sink: CsvSink = {
    header(cells, line) {
      if (kind === "orders" && isTmallOrderHeader(cells)) {
        tmall = { rows: [cells], lines: [line] };
        return;
      }
      if (tmallOnly) {
        notTmall = true;
        throw new StopReading();
      }
      const match = matchHeader(kind, cells);
      for (const i of match.issues) state.issue({ code: i.code, path: [kind], message: i.message, source: { file, row: line } });
      if (match.unused.length > 0) state.warnings.push(`${file}: column${match.unused.length > 1 ? "s" : ""} ${match.unused.join(", ")} not used`);
      if (match.issues.length > 0) {
        failed = true;
        throw new StopReading();
      }
      plan = recordPlan(kind, cells.length, match);
    },
    row(cells, line) {
      if (tmall) {
        tmall.rows.push(cells);
        tmall.lines.push(line);
        return;
      }
      const index = records.length;
      const shape = checkShape(cells, plan!.columns);
      if (shape !== null) {
        failed = true;
        state.issue({ code: IssueCode.invalidFile, path: [kind, index], message: shape, source: { file, row: line } });
      }
      records.push(toRecord(plan!, cells, (field, message) => {
        state.issue({ code: IssueCode.invalidValue, path: [kind, index, field], message, source: { file, row: line } });
      }));
      lines.push(line);
      if (state.full) {
        failed = true;
        throw new StopReading();
      }
    },
  };
  let encoding = "utf-8";
  try {
    const info = await readCsvFile(opened.handle, sink);
    encoding = info.encoding;
    if (info.records === 0) {
      if (tmallOnly) return "not tmall";
      state.issue(fileIssue(file, `is empty: no header row (expected columns ${requiredFields(kind).join(", ")})`, null, IssueCode.missingColumn));
      return null;
    }
  } catch (error) {
    // Also for a .csv that may be a Tmall export: the month's orders may be in it.
    if (error instanceof TextFileError) {
      state.issue(fileIssue(file, error.message, error.line));
      return null;
    }
    if (error instanceof StopReading) {
      // The header or the issue limit stopped the reading: what was read is not returned.
    } else if (typeof (error as { code?: unknown }).code === "string") {
      throw new FolderError(`${path}: cannot be read (${(error as { code: string }).code})`);
    } else throw error;
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
  if (notTmall) return "not tmall";
  if (tmall) {
    addTmall(tmall, file, encoding, input, state);
    return null;
  }
  if (failed) return null;
  state.addSource(kind, { file, first: 0, count: records.length, lines, encoding });
  return records;
}

function requiredFields(kind: RecordKind): string[] {
  return Object.entries(RECORD_FIELDS[kind])
    .filter(([, spec]) => spec.required === true)
    .map(([field]) => field);
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

function recordPlan(kind: RecordKind, columns: number, match: HeaderMatch): RecordPlan {
  const specs = RECORD_FIELDS[kind];
  const used = match.fields.flatMap((field, column) => (field === null ? [] : [{ column, field, spec: specs[field]! }]));
  return { kind, columns, used };
}

/**
 * One CSV row → one record (the step a columnar decoder replaces): cells trimmed; an empty optional
 * cell left out, an empty required one kept as `""` (the record's validation names it); counts and
 * numbers as numbers, booleans as booleans, everything else as text. A cell that is not of its
 * field's type is reported through `fail` and left out.
 */
function toRecord(plan: RecordPlan, cells: readonly string[], fail: (field: string, message: string) => void): FileRecord {
  const record: FileRecord = {};
  for (const { column, field, spec } of plan.used) {
    const cell = (cells[column] ?? "").trim();
    if (cell === "" && spec.required !== true) continue;
    if (spec.type === "count") {
      if (!/^\d+$/.test(cell)) fail(field, `"${cell}" is not a whole number ≥ 0`);
      else record[field] = Number(cell);
    } else if (spec.type === "number") {
      if (!/^\d+(\.\d+)?$/.test(cell)) fail(field, `"${cell}" is not a number ≥ 0`);
      else record[field] = Number(cell);
    } else if (spec.type === "boolean") {
      const value = BOOLEANS[cell.toLowerCase()];
      if (value === undefined) fail(field, `"${cell}" is not true or false (also 1/0, yes/no, 是/否)`);
      else record[field] = value;
    } else record[field] = cell;
  }
  return record;
}

/** Reads a JSON file of records whole (checked keys: a near miss of a field is an error, an unknown key a warning). */
async function readJsonKind(kind: RecordKind, path: string, file: string, state: ReadState): Promise<Record<string, unknown>[] | null> {
  const data = await readJsonFile(path, file, state, "give this kind as CSV, which is read in chunks");
  if (data === undefined) return null;
  if (!Array.isArray(data)) {
    state.issue(fileIssue(file, "expected a JSON array of records"));
    return null;
  }
  const bad = data.findIndex((r) => typeof r !== "object" || r === null || Array.isArray(r));
  if (bad >= 0) {
    state.issue({ code: IssueCode.invalidType, path: [], message: "is not a record (expected an object)", source: { file, index: bad } });
    return null;
  }
  const records = data as Record<string, unknown>[];
  // The keys of all records, in the order first seen, matched as a header would be.
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const match = matchHeader(kind, keys, { required: false, noun: "key" });
  for (const i of match.issues) state.issue({ code: i.code, path: [kind], message: i.message, source: { file } });
  if (match.issues.length > 0) return null;
  if (match.unused.length > 0) state.warnings.push(`${file}: field${match.unused.length > 1 ? "s" : ""} ${[...match.unused].sort().join(", ")} not used`);
  const fieldOf = new Map(keys.map((k, i) => [k, match.fields[i] ?? null]));
  return records.map((record) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      const field = fieldOf.get(key);
      if (field) out[field] = value;
    }
    return out;
  });
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

function addTmall(tmall: { rows: string[][]; lines: number[] }, file: string, encoding: string, input: { orders?: OrderLike[] }, state: ReadState): void {
  const mapped = mapTmallOrders(tmall.rows, file, { lines: tmall.lines });
  for (const e of mapped.errors) {
    state.issue({
      code: /missing column/.test(e.message) ? IssueCode.missingColumn : IssueCode.invalidValue,
      path: e.field ? ["orders", e.field] : ["orders"],
      message: e.detail,
      source: { file, row: e.row },
    });
  }
  state.warnings.push(...mapped.warnings);
  input.orders ??= [];
  const orders = input.orders;
  const first = orders.length;
  for (const o of mapped.orders) {
    const order: TmallOrder = {
      orderId: o.orderId,
      buyerId: o.buyerId,
      createdAt: o.createdAt,
      paidAt: o.paidAt,
      amount: o.amount,
      refundAmount: o.refundAmount,
      remark: o.remark,
    };
    orders.push(order);
  }
  state.addSource("orders", { file, first, count: mapped.orders.length, lines: mapped.orders.map((o) => o.row), encoding });
}
