/**
 * Reads a sheet range (a 2-D array: a header row, then one row per record) into the records of a
 * month, the way spreadsheet hosts hand ranges over:
 * - blank cells come as `""`, `null`/`undefined` or `0` (Excel desktop and web differ): all are
 *   blank in id, text and date columns; in money and count columns `0` is the number 0;
 * - dates come as Excel serial numbers (1900 or 1904 system), as `Date` objects (Apps Script) or as
 *   text, and wall times are read in the shop zone;
 * - rows that are entirely blank (the unused tail of a range like `A1:H1000`) are skipped.
 * Every problem is an issue located at its cell (`订单!E17`), never thrown.
 */
import { IssueCode, unreadable, type Issue, type IssueCode as Code } from "../errors.js";
import { isTmallOrderHeader, mapTmallOrders } from "../schema/tmall.js";
import { DEFAULT_SHEET_NAMES, RECORD_FIELDS, RECORD_KINDS, type FieldSpec, type FieldType, type RecordKind } from "../schema/kinds.js";
import { createZone, type Zone } from "../time/zone.js";
import { describeValue, isObject } from "../input.js";
import { serialToWallText, type DateSystem } from "./serial.js";

/** A cell as spreadsheet hosts pass it. */
export type Cell = string | number | boolean | Date | null | undefined;
/** A range: rows of cells (rows may be ragged). */
export type Range = readonly (readonly Cell[])[];

/** Where a range sits and how its dates count. */
export interface SheetOptions {
  /** The sheet's name, for messages (default 订单 / 咨询 / 客服). */
  readonly sheet?: string;
  /** The range's top-left cell (default `A1`), so messages name the real cells. */
  readonly origin?: string;
  /** The workbook's date system (default 1900). */
  readonly dateSystem?: DateSystem;
  /** The shop's time zone (default Asia/Shanghai): the calendar day of a `Date` in a date column. */
  readonly timeZone?: string;
}

/** A sheet read into records: record `i` came from sheet row `rows[i]`. */
export interface SheetRecords {
  readonly sheet: string;
  readonly records: Record<string, unknown>[];
  readonly rows: number[];
  /** The column letters of each field. */
  readonly columns: Map<string, string>;
  /** Order remarks (订单备注) of a Tmall export, parallel to `records`, to search for a 工号. */
  readonly remarks: (string | null)[] | null;
  readonly issues: Issue[];
  readonly warnings: string[];
  /** `record:field` of every cell that could not be read (its record lacks the field). */
  readonly failed: Set<string>;
}

// The Tmall columns that hold each field, to place downstream issues at the right cell.
const TMALL_COLUMNS: Readonly<Record<string, string>> = {
  orderId: "订单编号",
  buyerId: "买家会员名",
  createdAt: "订单创建时间",
  paidAt: "订单付款时间",
  amount: "总金额",
  refundAmount: "退款金额",
};
const TMALL_TIMES = new Set(["订单创建时间", "订单付款时间"]);

/**
 * Reads the range of one kind of record.
 *
 * @example
 * readSheet("orders", [["orderId", "buyerId", "createdAt", "paidAt", "amount"], ["O1", "b1", 43882.375, "", 99]])
 *   .records[0] //=> { orderId: "O1", buyerId: "b1", createdAt: "2020-02-21 09:00:00", paidAt: "", amount: 99 }
 */
export function readSheet(kind: RecordKind, range: Range, options: SheetOptions = {}): SheetRecords {
  try {
    return readChecked(kind, range, options);
  } catch (error) {
    // A range that throws when read (a revoked Proxy, a getter) is an issue too: nothing throws.
    const records: Record<string, unknown>[] = [];
    return { sheet: "?", records, rows: [], columns: new Map(), remarks: null, issues: [unreadable(error)], warnings: [], failed: new Set() };
  }
}

function readChecked(kind: RecordKind, range: Range, options: SheetOptions): SheetRecords {
  const given: unknown = kind;
  const known = typeof given === "string" && (RECORD_KINDS as readonly string[]).includes(given);
  const sheet = isObject(options) && typeof options["sheet"] === "string" ? options["sheet"] : known ? DEFAULT_SHEET_NAMES[kind] : "?";
  const out: SheetRecords = { sheet, records: [], rows: [], columns: new Map(), remarks: null, issues: [], warnings: [], failed: new Set() };
  const fail = (message: string): SheetRecords => {
    out.issues.push({ code: IssueCode.invalidValue, path: known ? [kind] : ["kind"], message, source: { file: sheet } });
    return out;
  };
  if (!known) return fail(`${describeValue(given)} is not a kind of record; expected one of ${RECORD_KINDS.join(", ")}`);
  if (options !== undefined && !isObject(options)) return fail(`expected the options { sheet, origin, dateSystem, timeZone }, got ${describeValue(options)}`);
  if (!Array.isArray(range) || !range.every((row: unknown) => row === undefined || row === null || Array.isArray(row))) return fail("expected a range (rows of cells)");
  const { origin: originText = "A1", dateSystem = 1900, timeZone = "Asia/Shanghai" } = options as SheetOptions;
  if (dateSystem !== 1900 && dateSystem !== 1904) return fail(`expected the date system 1900 or 1904, got ${describeValue(dateSystem)}`);
  if (typeof originText !== "string" || typeof timeZone !== "string") return fail("expected the origin (like A1) and the time zone as text");
  let origin: Origin;
  let context: CellContext;
  try {
    origin = parseOrigin(originText);
    context = { system: dateSystem, zone: createZone(timeZone) };
  } catch (error) {
    return fail((error as Error).message);
  }
  return readRange(kind, range as Range, sheet, origin, context, out);
}

function readRange(kind: RecordKind, range: Range, sheet: string, origin: Origin, context: CellContext, out: SheetRecords): SheetRecords {
  const at = (row: number, col: number): string => `${columnName(origin.col + col)}${origin.row + row}`;
  const issue = (code: Code, path: (string | number)[], message: string, row: number, col: number): Issue => ({
    code,
    path,
    message,
    source: { file: sheet, cell: at(row, col) },
  });
  const header = (range[0] ?? []).map(headerText);
  if (header.every((h) => h === "")) {
    out.issues.push(issue(IssueCode.missingColumn, [kind], `the first row must be the header (expected columns ${required(kind).join(", ")})`, 0, 0));
    return out;
  }

  if (kind === "orders" && isTmallOrderHeader(header)) return readTmall(range, header, out, origin, context);

  const fields = RECORD_FIELDS[kind];
  const byColumn: (string | null)[] = header.map((h) => fieldOf(fields, h));
  const columns = out.columns;
  byColumn.forEach((field, c) => {
    if (field === null) return;
    if (columns.has(field)) {
      out.issues.push(issue(IssueCode.invalidFile, [kind], `column ${field} appears more than once (also ${columns.get(field)!})`, 0, c));
    } else columns.set(field, columnName(origin.col + c));
  });
  const unused = header.filter((h, c) => h !== "" && byColumn[c] === null);
  if (unused.length > 0) out.warnings.push(`${sheet}: column${unused.length > 1 ? "s" : ""} ${unused.join(", ")} not used`);
  for (const field of required(kind)) {
    if (!columns.has(field)) {
      const names = [field, ...(fields[field]?.aliases ?? [])].join(" / ");
      out.issues.push(issue(IssueCode.missingColumn, [kind], `missing column ${names}`, 0, 0));
    }
  }
  if (out.issues.length > 0) return out;

  // The columns read, with their fields' specs, looked up once rather than per cell.
  const used = byColumn.flatMap((field, c) => (field === null ? [] : [{ c, field, spec: fields[field]! }]));
  for (let r = 1; r < range.length; r++) {
    const row = range[r] ?? [];
    if (isBlankRow(row)) continue;
    const i = out.records.length;
    const record: Record<string, unknown> = {};
    for (const { c, field, spec } of used) {
      const read = readCell(row[c], spec, context);
      if ("error" in read) {
        out.issues.push(issue(IssueCode.invalidValue, [kind, i, field], read.error, r, c));
        out.failed.add(`${i}:${field}`);
      } else if (read.value !== undefined) record[field] = read.value;
      else if (spec.required) record[field] = "";
    }
    for (let c = header.length; c < row.length; c++) {
      if (isBlank(row[c])) continue;
      out.issues.push(issue(IssueCode.invalidFile, [kind, i], "a value stands right of the header's last column", r, c));
      break;
    }
    out.records.push(record);
    out.rows.push(origin.row + r);
  }
  return out;
}

function readTmall(range: Range, header: string[], out: SheetRecords, origin: Origin, context: CellContext): SheetRecords {
  const at = (row: number, col: number): string => `${columnName(origin.col + col)}${origin.row + row}`;
  // The Tmall mapper reads text: dates of the time columns become wall-time text first.
  const rows: string[][] = [header];
  const cellIssues: Issue[] = [];
  for (let r = 1; r < range.length; r++) {
    const row = range[r] ?? [];
    if (isBlankRow(row)) {
      rows.push([]);
      continue;
    }
    rows.push(
      header.map((name, c) => {
        const cell = row[c];
        if (TMALL_TIMES.has(name)) {
          const read = readCell(cell, { type: "instant" }, context);
          if ("error" in read) {
            cellIssues.push({ code: IssueCode.invalidValue, path: ["orders"], message: `${name} ${read.error}`, source: { file: out.sheet, cell: at(r, c) } });
            return "";
          }
          return typeof read.value === "string" ? read.value : "";
        }
        return isBlank(cell) ? "" : isDate(cell) ? dateText(cell) : cellText(cell);
      }),
    );
  }
  const mapped = mapTmallOrders(rows, out.sheet, { lines: rows.map((_, r) => origin.row + r) });
  for (const e of mapped.errors) {
    const c = e.field === "" ? 0 : header.indexOf(e.field);
    out.issues.push({
      code: /missing column/.test(e.detail) ? IssueCode.missingColumn : IssueCode.invalidValue,
      path: ["orders"],
      message: e.detail,
      source: { file: out.sheet, cell: at(e.row - origin.row, Math.max(0, c)) },
    });
  }
  out.issues.push(...cellIssues);
  out.warnings.push(...mapped.warnings);
  const columns = out.columns;
  for (const [field, name] of Object.entries(TMALL_COLUMNS)) {
    const c = header.indexOf(name);
    if (c >= 0) columns.set(field, columnName(origin.col + c));
  }
  const remarks: (string | null)[] = [];
  for (const o of mapped.orders) {
    out.records.push({ orderId: o.orderId, buyerId: o.buyerId, createdAt: o.createdAt, paidAt: o.paidAt, amount: o.amount, refundAmount: o.refundAmount });
    out.rows.push(o.row);
    remarks.push(o.remark);
  }
  return { ...out, remarks: header.includes("订单备注") ? remarks : null };
}

type CellReading = { readonly value: unknown } | { readonly error: string };

const BLANK: CellReading = { value: undefined };

/** What reading a cell needs beyond the cell: the workbook's date system, and the shop zone for the calendar day of a `Date`. */
export interface CellContext {
  readonly system: DateSystem;
  readonly zone: Zone;
}

/** Reads one cell by its field's type. */
export function readCell(cell: Cell, spec: FieldSpec, context: CellContext): CellReading {
  const { type } = spec;
  if (isBlank(cell) || (cell === 0 && !ZERO_IS_A_VALUE.has(type))) return BLANK;
  if (typeof cell === "boolean") return type === "yesNo" || type === "boolean" ? { value: cell } : { error: `${cell ? "TRUE" : "FALSE"} is not ${expected(type)}` };
  if (isDate(cell)) return readDate(cell, type, context.zone);
  if (typeof cell === "number") return readNumber(cell, type, context.system);
  if (typeof cell !== "string") return { error: `is not ${expected(type)}` };
  const text = trimCell(cell);
  switch (type) {
    case "count":
      return /^\d+$/.test(text) ? { value: Number(text) } : { error: `"${text}" is not a whole number ≥ 0` };
    case "number":
      return /^\d+(\.\d+)?$/.test(text) ? { value: Number(text) } : { error: `"${text}" is not a number ≥ 0` };
    case "boolean": {
      // Own keys only: a cell "constructor" is no boolean (nor a label below).
      const lower = text.toLowerCase();
      const value = Object.hasOwn(BOOLEANS, lower) ? BOOLEANS[lower] : undefined;
      return value === undefined ? { error: `"${text}" is not true or false (TRUE/FALSE, 1/0, 是/否)` } : { value };
    }
    case "enum":
      return { value: spec.labels && Object.hasOwn(spec.labels, text) ? spec.labels[text]! : text };
    default:
      return { value: text };
  }
}

// A 0 in these columns is the number 0 (or "no"), not a blank.
const ZERO_IS_A_VALUE = new Set<FieldType>(["money", "count", "number", "boolean", "score", "yesNo"]);
const BOOLEANS: Readonly<Record<string, boolean>> = { true: true, false: false, "1": true, "0": false, yes: true, no: false, 是: true, 否: false };

// An Apps Script Date is an instant; a date or month column wants its calendar day in the shop zone.
function readDate(date: Date, type: FieldType, zone: Zone): CellReading {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return { error: "is an invalid date" };
  if (type === "instant") return { value: date.toISOString() };
  if (type !== "date" && type !== "month") return { error: `a date is not ${expected(type)}` };
  const w = zone.wallOf(ms);
  const day = `${String(w.year).padStart(4, "0")}-${pad2(w.month)}-${pad2(w.day)}`;
  return { value: type === "date" ? day : day.slice(0, 7) };
}

function readNumber(n: number, type: FieldType, system: DateSystem): CellReading {
  switch (type) {
    case "instant":
    case "date":
    case "month": {
      const read = serialToWallText(n, system);
      if ("error" in read) return read;
      if (type === "instant") return { value: read.text };
      if (type === "date" && !read.text.endsWith(" 00:00:00")) return { error: `${n} has a time of day; expected a date` };
      return { value: read.text.slice(0, type === "date" ? 10 : 7) };
    }
    case "money":
    case "score":
    case "number":
      return { value: n };
    case "count":
      return Number.isSafeInteger(n) && n >= 0 ? { value: n } : { error: `${n} is not a whole number ≥ 0` };
    case "yesNo":
    case "boolean":
      return n === 1 || n === 0 ? { value: n === 1 } : { error: `${n} is not yes or no (TRUE/FALSE, 1/0, 是/否)` };
    default:
      // Ids stored as numbers (order numbers, 工号): exact only as safe integers; Excel keeps 15 digits.
      if (Number.isSafeInteger(n) && n > 0) return { value: String(n) };
      if (type === "text") return { value: String(n) };
      return { error: `${n} is a number that cannot be an exact id (over 15 digits or a fraction): format the column as text` };
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function expected(type: FieldType): string {
  return {
    id: "an id",
    text: "text",
    instant: "a date-time",
    date: "a date",
    month: "a month",
    money: "an amount",
    count: "a whole number",
    number: "a number",
    boolean: "true or false",
    score: "a score",
    yesNo: "yes or no",
    enum: "one of the listed values",
  }[type];
}

/**
 * The kind of record a header row announces: the kind all of whose required columns it has (by
 * English id or Chinese name), the one with the most columns it recognises on a tie; a Tmall order
 * export is orders.
 */
export function kindOfHeader(row: readonly Cell[]): { kind: RecordKind } | { error: string } {
  const header = row.map(headerText).filter((h) => h !== "");
  if (isTmallOrderHeader(header)) return { kind: "orders" };
  let best: { kind: RecordKind; known: number } | null = null;
  let tie = false;
  for (const kind of RECORD_KINDS) {
    const fields = RECORD_FIELDS[kind];
    const mapped = new Set(header.map((h) => fieldOf(fields, h)).filter((f): f is string => f !== null));
    if (!required(kind).every((f) => mapped.has(f))) continue;
    if (best === null || mapped.size > best.known) {
      best = { kind, known: mapped.size };
      tie = false;
    } else if (mapped.size === best.known) tie = true;
  }
  if (best === null) return { error: `its header (${header.slice(0, 8).join(", ")}) is not the header of any kind (${RECORD_KINDS.join(", ")})` };
  if (tie) return { error: `its header (${header.join(", ")}) fits more than one kind; add the kind's other columns` };
  return { kind: best.kind };
}

function required(kind: RecordKind): string[] {
  return Object.entries(RECORD_FIELDS[kind])
    .filter(([, spec]) => spec.required)
    .map(([field]) => field);
}

function fieldOf(fields: Readonly<Record<string, FieldSpec>>, header: string): string | null {
  if (header === "") return null;
  if (Object.hasOwn(fields, header)) return header;
  for (const [field, spec] of Object.entries(fields)) if (spec.aliases?.includes(header)) return field;
  return null;
}

/** A `Date`, also one made in another realm (an Apps Script or vm context). */
export function isDate(cell: unknown): cell is Date {
  return Object.prototype.toString.call(cell) === "[object Date]";
}

// A cell's text: a number or boolean as it prints; anything no host passes (an object, a symbol)
// by what it is, so it is reported rather than thrown on.
function cellText(cell: Cell): string {
  if (typeof cell === "string") return trimCell(cell);
  return typeof cell === "number" || typeof cell === "boolean" ? String(cell) : describeValue(cell);
}

// A date where text is expected stays visible (an invalid one as "Invalid Date"), never blank.
function dateText(date: Date): string {
  return Number.isNaN(date.getTime()) ? String(date) : date.toISOString();
}

/** A row with nothing in it; Excel desktop passes the blanks of a range as 0. */
export function isBlankRow(row: readonly Cell[]): boolean {
  return row.every((cell) => cell === 0 || isBlank(cell));
}

/** Blank as hosts pass it: `""` (or only spaces), `null`, `undefined`. */
export function isBlank(cell: Cell): boolean {
  return cell === undefined || cell === null || (typeof cell === "string" && trimCell(cell) === "");
}

const SPACE = /[\s\u3000\uFEFF]/;

/** Trims spaces, full-width spaces (U+3000) and a BOM; most cells have none, and are returned as they are. */
function trimCell(text: string): string {
  if (text === "" || (!SPACE.test(text[0]!) && !SPACE.test(text[text.length - 1]!))) return text;
  return text.replace(/^[\s\u3000\uFEFF]+|[\s\u3000\uFEFF]+$/g, "");
}

function headerText(cell: Cell): string {
  return typeof cell === "string" ? trimCell(cell) : isBlank(cell) || cell === 0 ? "" : cellText(cell);
}

interface Origin {
  /** Zero-based column. */
  readonly col: number;
  /** One-based row. */
  readonly row: number;
}

/** `A1` → the range's top-left cell. */
export function parseOrigin(origin: string): Origin {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9]\d{0,6})$/.exec(origin.trim());
  if (!m) throw new RangeError(`"${origin}" is not a cell address like A1`);
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}

/** Zero-based column → letters (`0` → `A`, `26` → `AA`). */
export function columnName(col: number): string {
  let name = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
