/**
 * Reads sheet ranges (2-D arrays: a header row, then one row per record) into the month's one
 * decoder (`records/`), the way spreadsheet hosts hand ranges over. The header is matched by the
 * kinds' one table (a near miss of a column name is an error at its header cell); each row's cells
 * go straight to the decoder, which checks them and places every problem at its cell (`订单!E17`).
 * Here a cell is only turned into what the decoder reads:
 * - blank cells come as `""`, `null`/`undefined` or `0` (Excel desktop and web differ): all are
 *   absent, except that `0` is the number 0 (or false) in money, count, score and boolean columns;
 * - dates come as Excel serial numbers (1900 or 1904 system) or as `Date` objects (Apps Script),
 *   which become text (a serial's wall time, read in the shop zone by the decoder; a `Date`'s
 *   instant, or its calendar day in the shop zone in a date column), or as text;
 * - a whole number in an id or text column (a 工号 or an order number stored as a number) becomes
 *   its digits when a number holds it exactly; numbers in money, count and score columns, booleans
 *   and text are handed over as they are; 1/0 in a boolean column as text;
 * - rows that are entirely blank (the unused tail of a range like `A1:H1000`) are skipped; a value
 *   right of the header's last column is an error at its cell.
 * Nothing here throws on what a range holds: every problem is an issue.
 */
import { IssueCode, KefuKpiError, isKefuKpiError, unreadable, type Issue } from "../errors.js";
import { describeValue, isObject } from "../input.js";
import { matchHeader } from "../records/header.js";
import { DEFAULT_SHEET_NAMES, KINDS, RECORD_KINDS, type FieldSpec, type FieldType, type RecordKind } from "../records/kinds.js";
import { MonthDecoder, type DecodedMonth } from "../records/month.js";
import type { TableSource } from "../records/table.js";
import { decodedRecords } from "../records/view.js";
import { isTmallOrderHeader, mapTmallOrders, tmallRecords } from "../records/tmall.js";
import type { Zone } from "../time/zone.js";
import { serialText, type DateSystem } from "./serial.js";

/** A cell as spreadsheet hosts pass it. */
export type Cell = string | number | boolean | Date | null | undefined;
/** A range: rows of cells, each as wide as the header (a host's ranges are rectangular). */
export type Range = readonly (readonly Cell[])[];

/** Where a range sits and how its dates count. */
export interface SheetOptions {
  /** The sheet's name, for messages (default 订单 / 咨询 / 客服 …). */
  readonly sheet?: string;
  /** The range's top-left cell (default `A1`), so messages name the real cells. */
  readonly origin?: string;
  /** The workbook's date system (default 1900). */
  readonly dateSystem?: DateSystem;
  /** The shop's time zone (default Asia/Shanghai): reads wall times, and the calendar day of a `Date` in a date column. */
  readonly timeZone?: string;
}

/** One range decoded on its own ({@link readSheet}). */
export interface SheetRecords {
  readonly sheet: string;
  /** The records as the decoder read them, each value in its canonical form (`decodedRecords`); a value that could not be read is left out. */
  readonly records: Record<string, unknown>[];
  /** The sheet row of each record. */
  readonly rows: number[];
  /** Every problem, at its cell. */
  readonly issues: Issue[];
  readonly warnings: string[];
}

/** Where a range sits in its workbook: what {@link addRange} needs besides the range. */
export interface RangePlace {
  readonly sheet: string;
  readonly origin: Origin;
  readonly dateSystem: DateSystem;
}

/**
 * Decodes the range of one kind of record on its own (for a sheet that shows what was read, or to
 * check a range before a month is computed from it). The sheet functions decode all of a month's
 * ranges into one decoded month instead.
 *
 * @example
 * readSheet("orders", [["orderId", "buyerId", "createdAt", "paidAt", "amount"], ["O1", "b1", 43882.375, "", 99]])
 *   .records[0] //=> { orderId: "O1", buyerId: "b1", createdAt: "2020-02-21T09:00:00+08:00", amount: "99.00" }
 */
export function readSheet(kind: RecordKind, range: Range, options: SheetOptions = {}): SheetRecords {
  try {
    return readChecked(kind, range, options);
  } catch (error) {
    // A range that throws when read (a revoked Proxy, a getter) is an issue too: nothing throws.
    return { sheet: "?", records: [], rows: [], issues: [unreadable(error)], warnings: [] };
  }
}

function readChecked(kind: RecordKind, range: Range, options: SheetOptions): SheetRecords {
  const given: unknown = kind;
  const known = typeof given === "string" && (RECORD_KINDS as readonly string[]).includes(given);
  const sheet = isObject(options) && typeof options["sheet"] === "string" ? options["sheet"] : known ? DEFAULT_SHEET_NAMES[kind] : "?";
  const fail = (message: string): SheetRecords => ({
    sheet,
    records: [],
    rows: [],
    issues: [{ code: IssueCode.invalidValue, path: known ? [kind] : ["kind"], message, source: { file: sheet } }],
    warnings: [],
  });
  if (!known) return fail(`${describeValue(given)} is not a kind of record; expected one of ${RECORD_KINDS.join(", ")}`);
  if (options !== undefined && !isObject(options)) return fail(`expected the options { sheet, origin, dateSystem, timeZone }, got ${describeValue(options)}`);
  if (!Array.isArray(range) || !range.every((row: unknown) => row === undefined || row === null || Array.isArray(row))) return fail("expected a range (rows of cells)");
  const { origin: originText = "A1", dateSystem = 1900, timeZone = "Asia/Shanghai" } = options as SheetOptions;
  if (dateSystem !== 1900 && dateSystem !== 1904) return fail(`expected the date system 1900 or 1904, got ${describeValue(dateSystem)}`);
  if (typeof originText !== "string" || typeof timeZone !== "string") return fail("expected the origin (like A1) and the time zone as text");
  let origin: Origin;
  let decoder: MonthDecoder;
  try {
    origin = parseOrigin(originText);
    decoder = new MonthDecoder({ timeZone });
  } catch (error) {
    return fail(isKefuKpiError(error) ? error.issues.map((i) => i.message).join("; ") : (error as Error).message);
  }
  addRange(decoder, kind, range as Range, { sheet, origin, dateSystem });
  let month: DecodedMonth;
  let issues: Issue[] = [];
  try {
    month = decoder.finish();
  } catch (error) {
    if (!(error instanceof KefuKpiError)) throw error;
    issues = [...error.issues];
    month = decoder.month();
  }
  const locators = month.tables[kind]?.locators;
  return { sheet, records: decodedRecords(month, kind), rows: locators ? Array.from(locators) : [], issues, warnings: [...month.warnings] };
}

/**
 * Reads the range of one kind into the month's decoder: the header matched to the kind's fields,
 * each row's cells converted ({@link cellValue}) and handed to the decoder, located by sheet cell.
 * An orders range with the header of a Tmall export is read as the export (`mapTmallOrders`, its
 * 订单备注 searched for a rostered 工号, so the agents are read first). Problems of the range
 * itself (its header, a value right of it) go to the decoder's issues with the records'.
 */
export function addRange(decoder: MonthDecoder, kind: RecordKind, range: Range, place: RangePlace): void {
  const { sheet, origin } = place;
  const header = (range[0] ?? []).map(headerText);
  if (header.every((h) => h === "")) {
    decoder.issues.add({
      code: IssueCode.missingColumn,
      path: [kind],
      message: `the first row must be the header (expected columns ${requiredFields(kind).join(", ")})`,
      source: { file: sheet, cell: cellName(origin, 0, 0) },
    });
    return;
  }
  if (kind === "orders" && isTmallOrderHeader(header)) {
    addTmallRange(decoder, range, header, place);
    return;
  }

  const match = matchHeader(kind, header);
  for (const i of match.issues) decoder.issues.add({ code: i.code, path: [kind], message: i.message, source: { file: sheet, cell: cellName(origin, 0, i.column ?? 0) } });
  if (match.unused.length > 0) decoder.warnings.push(`${sheet}: column${match.unused.length > 1 ? "s" : ""} ${match.unused.join(", ")} not used`);
  if (match.issues.length > 0) return;

  const letters = new Map<string, string>();
  match.fields.forEach((field, c) => {
    if (field !== null) letters.set(field, columnName(origin.col + c));
  });
  const builder = decoder.builder(kind, { source: cellSource(sheet, letters), expected: capacityFor(range.length - 1) });
  builder.markGiven(match.fields);
  const fieldOfColumn = builder.fieldIndexes(match.fields);
  const fields = KINDS[kind].fields as Readonly<Record<string, FieldSpec>>;
  const roles = Int8Array.from(match.fields, (field) => (field === null ? UNUSED : roleOf(fields[field]!.type)));
  const context: CellContext = { system: place.dateSystem, zone: decoder.zone };
  const width = header.length;
  // The header's last named column: a row reaching it is whole (blank header cells after it are the
  // unused tail of the range).
  const named = header.reduce((last, h, c) => (h === "" ? last : c + 1), 0);
  const values = new Array<unknown>(width);
  for (let r = 1; r < range.length; r++) {
    const row: readonly Cell[] = range[r] ?? [];
    let filled = false;
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      if (!filled && !isBlankCell(cell)) filled = true;
      const role = roles[c]!;
      values[c] = role === UNUSED ? undefined : hostValue(cell, role, context);
    }
    let beyond = -1;
    for (let c = width; c < row.length; c++) {
      if (isBlankCell(row[c])) continue;
      beyond = c;
      break;
    }
    // A wholly blank row (the unused tail of a range) is no record.
    if (!filled && beyond < 0) continue;
    const record = builder.size;
    builder.addCells(values, fieldOfColumn, origin.row + r);
    // A row (an array an app built) shorter than the header: its missing cells are not blanks.
    if (row.length < named) {
      decoder.issues.add({
        code: IssueCode.invalidFile,
        path: [kind, record],
        message: `the row has ${row.length} cell${row.length === 1 ? "" : "s"} and the header ${named}: a missing cell is not a blank one (give every row the header's width)`,
        source: { file: sheet, cell: cellName(origin, r, row.length) },
      });
    }
    if (beyond >= 0) {
      decoder.issues.add({
        code: IssueCode.invalidFile,
        path: [kind, record],
        message: "a value stands right of the header's last column",
        source: { file: sheet, cell: cellName(origin, r, beyond) },
      });
    }
  }
  decoder.add(builder.finish());
}

// The Tmall columns that hold each field, to place the decoder's issues at the right cell.
const TMALL_COLUMNS: Readonly<Record<string, string>> = {
  orderId: "订单编号",
  buyerId: "买家会员名",
  createdAt: "订单创建时间",
  paidAt: "订单付款时间",
  amount: "总金额",
  refundAmount: "退款金额",
  shippedAt: "发货时间",
  trackingNo: "物流单号",
  carrier: "物流公司",
};
const TMALL_TIMES = new Set(["订单创建时间", "订单付款时间", "发货时间"]);
const TMALL_MONEY = new Set(["总金额", "买家实际支付金额", "退款金额"]);

/** A Tmall export in a sheet range: its cells as the text the export mapper reads, then the orders to the decoder. */
function addTmallRange(decoder: MonthDecoder, range: Range, header: string[], place: RangePlace): void {
  const { sheet, origin } = place;
  const context: CellContext = { system: place.dateSystem, zone: decoder.zone };
  const roles = header.map((name) => (TMALL_TIMES.has(name) ? INSTANT : TMALL_MONEY.has(name) ? NUMBER : TEXT));
  const rows: string[][] = [header];
  const lines: number[] = [origin.row];
  for (let r = 1; r < range.length; r++) {
    const row: readonly Cell[] = range[r] ?? [];
    if (isBlankRow(row)) continue;
    const text = header.map((_, c) => {
      const value = hostValue(row[c], roles[c]!, context);
      if (value === undefined) return "";
      if (typeof value === "string") return value;
      if (typeof value === "number") return tmallNumberText(value);
      if (typeof value === "boolean") return String(value);
      // Anything no host passes (an object, a symbol) is named, never read as text.
      decoder.issues.add({
        code: IssueCode.invalidType,
        path: ["orders"],
        message: `${header[c]} ${describeValue(value)} is not a cell value; expected text, a number or a date`,
        source: { file: sheet, cell: cellName(origin, r, c) },
      });
      return "";
    });
    if (row.length < header.length) {
      decoder.issues.add({
        code: IssueCode.invalidFile,
        path: ["orders"],
        message: `the row has ${row.length} cell${row.length === 1 ? "" : "s"} and the header ${header.length}: a missing cell is not a blank one (give every row the header's width)`,
        source: { file: sheet, cell: cellName(origin, r, row.length) },
      });
    }
    const beyond = row.findIndex((cell, c) => c >= header.length && !isBlankCell(cell));
    if (beyond >= 0) {
      decoder.issues.add({ code: IssueCode.invalidFile, path: ["orders"], message: "a value stands right of the header's last column", source: { file: sheet, cell: cellName(origin, r, beyond) } });
    }
    rows.push(text);
    lines.push(origin.row + r);
  }
  const mapped = mapTmallOrders(rows, sheet, { lines });
  for (const e of mapped.errors) {
    const c = e.field === "" ? 0 : header.indexOf(e.field);
    decoder.issues.add({
      code: /missing column/.test(e.detail) ? IssueCode.missingColumn : IssueCode.invalidValue,
      path: ["orders"],
      message: e.detail,
      source: { file: sheet, cell: cellName(origin, e.row - origin.row, Math.max(0, c)) },
    });
  }
  decoder.warnings.push(...mapped.warnings);

  // The 工号 in 订单备注, as the folder reader finds it: a rostered agent's id standing as a token.
  const agents = decoder.month().agents;
  const roster = agents.rosterSize >= 0 ? agents.ids.slice(0, agents.rosterSize) : null;
  const { orders, orderRows: rowsOf, shipments, shipmentRows, remarks } = tmallRecords(mapped, roster);
  if (remarks > 0 && roster === null) decoder.warnings.push(`${remarks} order remarks (订单备注) not read for 工号: there is no agents range to recognise them by`);

  const letters = new Map<string, string>();
  for (const [field, name] of Object.entries(TMALL_COLUMNS)) {
    const c = header.indexOf(name);
    if (c >= 0) letters.set(field, columnName(origin.col + c));
  }
  const builder = decoder.builder("orders", { source: cellSource(sheet, letters), expected: capacityFor(orders.length) });
  builder.addObjects(orders, rowsOf);
  decoder.add(builder.finish());
  // With 发货时间, the export's shipments (unless a shipments range gives them).
  if (shipments !== null) {
    const shipped = decoder.builder("shipments", { source: cellSource(sheet, letters), expected: capacityFor(shipments.length) });
    shipped.addObjects(shipments, shipmentRows);
    decoder.offer(shipped.finish(), `${sheet}: its 发货时间 not used: the shipments range gives the shipments`);
  }
}

// A number in a Tmall export's text column: a whole number Excel kept exactly as its digits; a
// longer one (an 18-digit order number Excel rounded) as Excel shows it (`2.83746E+18`), which the
// decoder refuses as an id whose digits are lost.
function tmallNumberText(n: number): string {
  return Number.isInteger(n) && !Number.isSafeInteger(n) ? n.toExponential().toUpperCase() : String(n);
}

// Room for `n` records, a multiple of 4: the decoder lays a table's numeric columns and its
// locators out in one buffer, and the locators (4 bytes each) must start at a multiple of 4 after
// the 1-byte columns (booleans, enums) of an odd number of records.
function capacityFor(n: number): number {
  return Math.max(16, (n + 3) & ~3);
}

/** A sheet as the source of a table: record `i` is a sheet row, a field its column. */
function cellSource(sheet: string, letters: ReadonlyMap<string, string>): TableSource {
  // A record as a whole is named by its leftmost column.
  const first = [...letters.values()].sort((a, b) => a.length - b.length || a.localeCompare(b))[0] ?? "A";
  return { file: sheet, style: "cell", columnOf: (field) => (field === "" ? first : letters.get(field)) };
}

// ---------------------------------------------------------------------------------------------
// Cells

/** What converting a cell needs besides the cell: the workbook's date system, and the shop zone for the calendar day of a `Date`. */
export interface CellContext {
  readonly system: DateSystem;
  readonly zone: Zone;
}

// How a column's cells are handed to the decoder, by the field's type.
const UNUSED = -1;
const TEXT = 0; // id, agent, buyer, text, enum
const INSTANT = 1;
const DATE = 2;
const MONTH = 3;
const NUMBER = 4; // money, count, score: a 0 is zero
const BOOLEAN = 5; // a 0 is false

function roleOf(type: FieldType): number {
  switch (type) {
    case "instant":
      return INSTANT;
    case "date":
      return DATE;
    case "month":
      return MONTH;
    case "money":
    case "count":
    case "score":
      return NUMBER;
    case "boolean":
      return BOOLEAN;
    default:
      return TEXT;
  }
}

/**
 * What the decoder reads for a cell of a field of type `type`, as a host passed it: `undefined`
 * for a blank; wall-time text for an Excel serial in an instant, date or month column (a date's
 * `YYYY-MM-DD` when it has no time of day, a month's `YYYY-MM`); for a `Date`, its instant as ISO
 * text, or its calendar day (month) in the shop zone in a date (month) column; the digits of a
 * whole number in an id or text column; `"1"`/`"0"` for 1/0 in a boolean column; anything else as
 * it is. It checks nothing: what the value is worth is the decoder's to say (a number beyond the
 * serials of the date system, or a fraction in an id column, is handed over as the number, and
 * serial 60 of the 1900 system as the `1900-02-29` Excel shows for it, all of which the decoder
 * refuses).
 *
 * @example
 * cellValue(43882.375, "instant", context) //=> "2020-02-21 09:00:00"
 * cellValue(1001, "agent", context)        //=> "1001"
 * cellValue(0, "id", context)              //=> undefined
 * cellValue(0, "money", context)           //=> 0
 */
export function cellValue(cell: Cell, type: FieldType, context: CellContext): unknown {
  return isBlank(cell) ? undefined : hostValue(cell, roleOf(type), context);
}

function hostValue(cell: unknown, role: number, context: CellContext): unknown {
  switch (typeof cell) {
    case "string":
      return cell;
    case "number":
      if (cell === 0 && role !== NUMBER && role !== BOOLEAN) return undefined;
      switch (role) {
        case TEXT:
          // Ids stored as numbers (order numbers, 工号): exact only as safe integers (Excel keeps 15 digits).
          return Number.isSafeInteger(cell) && cell > 0 ? String(cell) : cell;
        case INSTANT:
          return serialText(cell, context.system, true) ?? cell;
        case DATE:
        case MONTH:
          return serialValue(cell, role, context.system);
        case BOOLEAN:
          return String(cell);
        default:
          return cell;
      }
    case "undefined":
      return undefined;
    case "object":
      if (cell === null) return undefined;
      return isDate(cell) ? dateValue(cell, role, context.zone) : cell;
    default:
      return cell;
  }
}

function serialValue(serial: number, role: number, system: DateSystem): unknown {
  const text = serialText(serial, system, true);
  if (text === null) return serial;
  if (role === MONTH) return text.slice(0, 7);
  // A date with a time of day is handed over whole, for the decoder to refuse.
  if (role === DATE && text.length === 19 && text.endsWith(" 00:00:00")) return text.slice(0, 10);
  return text;
}

// An Apps Script Date is an instant; a date or month column wants its calendar day in the shop zone.
function dateValue(date: Date, role: number, zone: Zone): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return String(date);
  if (role !== DATE && role !== MONTH) return date.toISOString();
  const w = zone.wallOf(ms);
  const month = `${String(w.year).padStart(4, "0")}-${pad2(w.month)}`;
  return role === MONTH ? month : `${month}-${pad2(w.day)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// ---------------------------------------------------------------------------------------------
// Headers

/** The columns a range of the kind must have (for a month: the agents' name, group and grade too). */
function requiredFields(kind: RecordKind): string[] {
  const fields = KINDS[kind].fields as Readonly<Record<string, FieldSpec>>;
  return Object.keys(fields).filter((f) => fields[f]!.required === true || fields[f]!.forMonth === true);
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
    const mapped = new Set(matchHeader(kind, header, { required: false }).fields.filter((f): f is string => f !== null));
    if (!requiredFields(kind).every((f) => mapped.has(f))) continue;
    if (best === null || mapped.size > best.known) {
      best = { kind, known: mapped.size };
      tie = false;
    } else if (mapped.size === best.known) tie = true;
  }
  if (best === null) return { error: `its header (${header.slice(0, 8).join(", ")}) is not the header of any kind (${RECORD_KINDS.join(", ")})` };
  if (tie) return { error: `its header (${header.join(", ")}) fits more than one kind; add the kind's other columns` };
  return { kind: best.kind };
}

/** A `Date`, also one made in another realm (an Apps Script or vm context). */
export function isDate(cell: unknown): cell is Date {
  return Object.prototype.toString.call(cell) === "[object Date]";
}

/** A row with nothing in it; Excel desktop passes the blanks of a range as 0. */
export function isBlankRow(row: readonly Cell[]): boolean {
  return row.every(isBlankCell);
}

/** Blank as hosts pass it: `""` (or only spaces), `null`, `undefined`. */
export function isBlank(cell: Cell): boolean {
  return cell === undefined || cell === null || (typeof cell === "string" && isBlankText(cell));
}

// Blank, or the 0 Excel desktop passes for an empty cell.
function isBlankCell(cell: unknown): boolean {
  return cell === undefined || cell === null || cell === 0 || (typeof cell === "string" && isBlankText(cell));
}

// Spaces, full-width spaces (U+3000) and a BOM only; most cells start with a visible character.
function isBlankText(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  return !(first > 32 && first < 127) && text.trim() === "";
}

function headerText(cell: Cell): string {
  if (typeof cell === "string") return cell.trim();
  if (isBlankCell(cell)) return "";
  return typeof cell === "number" || typeof cell === "boolean" ? String(cell) : describeValue(cell);
}

/** A range's top-left cell. */
export interface Origin {
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

/** The address of the cell `row` rows and `col` columns from the origin. */
function cellName(origin: Origin, row: number, col: number): string {
  return `${columnName(origin.col + col)}${origin.row + row}`;
}
