/**
 * Reads a month folder: one file per kind (`agents`, `consultations`, `orders`; for the KPIs
 * `tickets`, `afterSales`, `reviews`, `qc`, `calls`; for the people rules `violations`, `rewards`,
 * `assessments`, `probation`, `scores`, `roster`, `returnedParcels`, `shopReviews`), CSV or JSON, an
 * optional `policy.json`, and — for orders — the shop's own Tmall export as downloaded.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { OrderLike } from "../attribution/attributeSales.js";
import { IssueCode, KefuKpiError, formatIssueSource, relocateFirstAt, type Issue, type IssueCode as Code, type IssueSource } from "../errors.js";
import type { MonthInput } from "../month/buildMonthReport.js";
import type { PolicyInput } from "../policy/schema.js";
import { parseCsvWithLines } from "./csv.js";
import { decodeText } from "./decode.js";
import { RECORD_FIELDS, RECORD_KINDS, type FieldSpec, type RecordKind } from "../schema/kinds.js";
import { agentIdInRemark, isTmallOrderHeader, mapTmallOrders } from "../schema/tmall.js";

/** The kinds of record a month folder holds (one file each). */
export type { RecordKind };

/** Where the records of one kind came from: `rows[i]` is the file line of record `i` (CSV), or
 * absent for JSON (the record's array index locates it). */
export interface RecordSource {
  readonly file: string;
  readonly rows?: readonly number[];
  readonly encoding?: string;
}

/** A month folder, read and mapped to the library's records, not yet validated. */
export interface MonthFolder {
  readonly dir: string;
  readonly input: MonthInput;
  /** The folder's `policy.json`, if any. */
  readonly policy: PolicyInput | undefined;
  readonly warnings: readonly string[];
  /** Per kind, where each record came from (for error messages). */
  readonly sources: Partial<Record<RecordKind, readonly RecordSource[]>>;
}

interface Columns {
  readonly required: readonly string[];
  readonly optional: readonly string[];
  readonly integers?: readonly string[];
  /** Decimal numbers (a QC score like 87.5). */
  readonly numbers?: readonly string[];
  /** true/false (also 1/0, yes/no, 是/否). */
  readonly booleans?: readonly string[];
}

// The columns of each kind's file, from the one table of record kinds (src/schema/kinds.ts).
const COLUMNS = Object.fromEntries(
  RECORD_KINDS.map((kind) => {
    const fields = Object.entries(RECORD_FIELDS[kind]);
    const names = (keep: (spec: FieldSpec) => boolean): string[] => fields.filter(([, spec]) => keep(spec)).map(([name]) => name);
    return [
      kind,
      {
        required: names((f) => f.required === true),
        optional: names((f) => f.required !== true),
        integers: names((f) => f.type === "count"),
        numbers: names((f) => f.type === "number"),
        booleans: names((f) => f.type === "boolean"),
      },
    ];
  }),
) as unknown as Record<RecordKind, Columns>;

const KINDS = RECORD_KINDS;
const BOOLEANS: Record<string, boolean> = { true: true, false: false, "1": true, "0": false, yes: true, no: false, 是: true, 否: false };

/**
 * Reads a month folder into records and warnings. Validation of the records happens when they are
 * computed with; use {@link locateIssues} to point its issues at files and rows.
 *
 * @throws {KefuKpiError} for files that cannot be read as records (bad CSV/JSON, missing columns)
 */
export async function readMonthFolder(dir: string): Promise<MonthFolder> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new FolderError(`${dir} is not a folder`);
  const names = (await readdir(dir)).sort();
  const issues: Issue[] = [];
  const warnings: string[] = [];
  const input: { -readonly [K in keyof MonthInput]: MonthInput[K] extends readonly (infer T)[] | undefined ? T[] : never } = {};
  const sources: Partial<Record<RecordKind, RecordSource[]>> = {};

  for (const kind of KINDS) {
    const candidates = names.filter((n) => n === `${kind}.csv` || n === `${kind}.json`);
    if (candidates.length > 1) {
      issues.push(fileIssue(IssueCode.invalidFile, `${kind}.csv`, `both ${kind}.csv and ${kind}.json are present; keep one`));
      continue;
    }
    const name = candidates[0];
    if (name === undefined) continue;
    const text = decodeText(await readFile(join(dir, name)));
    if (name.endsWith(".json")) {
      const records = readJsonRecords(text.text, name, issues);
      if (records) {
        dropUnknownFields(kind, records, name, warnings);
        input[kind] = records as never;
        sources[kind] = records.map(() => ({ file: name }));
      }
      continue;
    }
    const csv = readCsv(text.text, name, issues);
    if (!csv) continue;
    if (kind === "orders" && isTmallOrderHeader(csv.rows[0] ?? [])) {
      addTmall(csv, name, text.encoding, input, sources, warnings, issues);
      continue;
    }
    const records = csvRecords(kind, csv, name, issues, warnings);
    input[kind] = records as never;
    sources[kind] = records.map((_, i) => ({ file: name, rows: [csv.lines[i + 1] ?? i + 2] }));
  }

  // Orders may come as the shop's Tmall export(s), under the name the back office gave them.
  if (!input.orders) {
    for (const name of names.filter((n) => n.toLowerCase().endsWith(".csv") && !KINDS.some((k) => n === `${k}.csv`))) {
      const text = decodeText(await readFile(join(dir, name)));
      const csv = readCsv(text.text, name, issues);
      if (csv && isTmallOrderHeader(csv.rows[0] ?? [])) addTmall(csv, name, text.encoding, input, sources, warnings, issues);
      else if (csv) warnings.push(`${name}: not a kind this folder reads (${KINDS.join(", ")} or a Tmall order export); ignored`);
    }
  }

  // Remarks of a Tmall export are free text: find the 工号 of a rostered agent in them.
  const remarks = (input.orders ?? []).filter((o) => typeof (o as TmallOrder).remark === "string");
  if (remarks.length > 0) {
    if (!input.agents) warnings.push(`${remarks.length} order remarks (订单备注) not read for 工号: there is no agents file to recognise them by`);
    else {
      const ids = input.agents.map((a) => a.agentId).filter((id) => typeof id === "string" && id !== "");
      for (const o of remarks as TmallOrder[]) o.remarkAgentId = agentIdInRemark(o.remark!, ids);
    }
  }
  for (const o of input.orders ?? []) delete (o as TmallOrder).remark;

  let policy: PolicyInput | undefined;
  if (names.includes("policy.json")) {
    const text = decodeText(await readFile(join(dir, "policy.json"))).text;
    try {
      policy = JSON.parse(text) as PolicyInput;
    } catch (error) {
      issues.push(fileIssue(IssueCode.invalidFile, "policy.json", `is not valid JSON: ${(error as Error).message}`));
    }
  }
  // A kind with no file stays undefined (no roster is not an empty roster); the month report warns.
  if (issues.length > 0) throw new KefuKpiError(issues);
  return { dir, input, policy, warnings, sources };
}

/** Reads a policy file (JSON). */
export async function readPolicyFile(file: string): Promise<PolicyInput> {
  const text = decodeText(await readFile(file).catch(() => {
    throw new FolderError(`cannot read the policy file ${file}`);
  })).text;
  try {
    return JSON.parse(text) as PolicyInput;
  } catch (error) {
    throw new KefuKpiError([fileIssue(IssueCode.invalidFile, basename(file), `is not valid JSON: ${(error as Error).message}`)]);
  }
}

/** A folder or file that is not there: a usage problem, not bad data. */
export class FolderError extends Error {
  override readonly name = "FolderError";
}

/**
 * Points the issues of a computation over a folder's records at their files and rows
 * (`orders.csv row 19 (orderId "O-17"), paidAt: …`).
 */
export function locateIssues(error: KefuKpiError, folder: MonthFolder): KefuKpiError {
  // A record's place in its file: the CSV line, or the index in a JSON file's array.
  const sourceOf = (kind: unknown, index: unknown): IssueSource | null => {
    const source = typeof kind === "string" && typeof index === "number" ? folder.sources[kind as RecordKind]?.[index] : undefined;
    if (!source) return null;
    const row = source.rows?.[0];
    return row === undefined ? { file: source.file, index: index as number } : { file: source.file, row };
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

interface Csv {
  readonly rows: string[][];
  readonly lines: number[];
}

function readCsv(text: string, file: string, issues: Issue[]): Csv | null {
  try {
    return parseCsvWithLines(text);
  } catch (error) {
    issues.push(fileIssue(IssueCode.invalidFile, file, (error as Error).message));
    return null;
  }
}

function fileIssue(code: Code, file: string, message: string, row?: number): Issue {
  return { code, path: [], message, source: row === undefined ? { file } : { file, row } };
}

function readJsonRecords(text: string, file: string, issues: Issue[]): Record<string, unknown>[] | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    issues.push(fileIssue(IssueCode.invalidFile, file, `is not valid JSON: ${(error as Error).message}`));
    return null;
  }
  if (!Array.isArray(data)) {
    issues.push(fileIssue(IssueCode.invalidFile, file, "expected a JSON array of records"));
    return null;
  }
  const bad = data.findIndex((r) => typeof r !== "object" || r === null || Array.isArray(r));
  if (bad >= 0) {
    issues.push({ code: IssueCode.invalidType, path: [], message: "is not a record (expected an object)", source: { file, index: bad } });
    return null;
  }
  return data as Record<string, unknown>[];
}

// As for CSV columns: a field the kind does not have is named in a warning and left out (a typo
// like `paidat` must not pass unnoticed, nor stop a month that is otherwise fine).
function dropUnknownFields(kind: RecordKind, records: Record<string, unknown>[], file: string, warnings: string[]): void {
  const spec = COLUMNS[kind];
  const known = new Set([...spec.required, ...spec.optional]);
  const unknown = new Set<string>();
  for (const record of records) {
    for (const field of Object.keys(record)) {
      if (known.has(field)) continue;
      unknown.add(field);
      delete record[field];
    }
  }
  if (unknown.size > 0) warnings.push(`${file}: field${unknown.size > 1 ? "s" : ""} ${[...unknown].sort().join(", ")} not used`);
}

function csvRecords(kind: RecordKind, csv: Csv, file: string, issues: Issue[], warnings: string[]): Record<string, string | number | boolean>[] {
  const spec = COLUMNS[kind];
  const header = (csv.rows[0] ?? []).map((h) => h.trim());
  const known = new Set([...spec.required, ...spec.optional]);
  const missing = spec.required.filter((c) => !header.includes(c));
  for (const c of missing) {
    issues.push({ code: IssueCode.missingColumn, path: [kind], message: `missing column ${c} (expected columns ${spec.required.join(", ")})`, source: { file, row: 1 } });
  }
  const unused = header.filter((h) => h !== "" && !known.has(h));
  if (unused.length > 0) warnings.push(`${file}: column${unused.length > 1 ? "s" : ""} ${unused.join(", ")} not used`);
  const dup = header.find((h, i) => h !== "" && header.indexOf(h) !== i);
  if (dup) issues.push({ code: IssueCode.invalidFile, path: [kind], message: `column ${dup} appears more than once`, source: { file, row: 1 } });
  if (missing.length > 0 || dup) return [];
  const integers = new Set(spec.integers ?? []);
  const numbers = new Set(spec.numbers ?? []);
  const booleans = new Set(spec.booleans ?? []);
  const records: Record<string, string | number | boolean>[] = [];
  for (let r = 1; r < csv.rows.length; r++) {
    const row = csv.rows[r]!;
    const line = csv.lines[r] ?? r + 1;
    if (row.length > header.length && row.slice(header.length).some((c) => c.trim() !== "")) {
      issues.push({ code: IssueCode.invalidFile, path: [kind, r - 1], message: `${row.length} cells but the header has ${header.length} columns (an unquoted comma in a value?)`, source: { file, row: line } });
    }
    const record: Record<string, string | number | boolean> = {};
    header.forEach((name, c) => {
      if (!known.has(name)) return;
      const cell = (row[c] ?? "").trim();
      if (cell === "" && !spec.required.includes(name)) return;
      if (integers.has(name)) {
        if (!/^\d+$/.test(cell)) {
          issues.push({ code: IssueCode.invalidValue, path: [kind, r - 1, name], message: `"${cell}" is not a whole number ≥ 0`, source: { file, row: line } });
          return;
        }
        record[name] = Number(cell);
      } else if (numbers.has(name)) {
        if (!/^\d+(\.\d+)?$/.test(cell)) {
          issues.push({ code: IssueCode.invalidValue, path: [kind, r - 1, name], message: `"${cell}" is not a number ≥ 0`, source: { file, row: line } });
          return;
        }
        record[name] = Number(cell);
      } else if (booleans.has(name)) {
        const value = BOOLEANS[cell.toLowerCase()];
        if (value === undefined) {
          issues.push({ code: IssueCode.invalidValue, path: [kind, r - 1, name], message: `"${cell}" is not true or false (also 1/0, yes/no, 是/否)`, source: { file, row: line } });
          return;
        }
        record[name] = value;
      } else record[name] = cell;
    });
    records.push(record);
  }
  return records;
}

function addTmall(
  csv: Csv,
  file: string,
  encoding: string,
  input: { orders?: OrderLike[] },
  sources: Partial<Record<RecordKind, RecordSource[]>>,
  warnings: string[],
  issues: Issue[],
): void {
  const mapped = mapTmallOrders(csv.rows, file, { lines: csv.lines });
  for (const e of mapped.errors) {
    issues.push({
      code: /missing column/.test(e.message) ? IssueCode.missingColumn : IssueCode.invalidValue,
      path: e.field ? ["orders", e.field] : ["orders"],
      message: e.detail,
      source: { file, row: e.row },
    });
  }
  warnings.push(...mapped.warnings);
  input.orders ??= [];
  sources.orders ??= [];
  const orders = input.orders;
  const rows = sources.orders;
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
    rows.push({ file, rows: [o.row], encoding });
  }
}
