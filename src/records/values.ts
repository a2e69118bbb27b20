/**
 * The value readers: one per field type, the only place where a record's raw value (a CSV cell, a
 * JSON value, a sheet cell turned into text or a number) becomes the value kept in a column.
 * The decoder and the zod schemas both call them, so both accept the same values and say the same
 * about the rest. A reader writes its result into a {@link Reading} and returns a code: `OK`,
 * `ABSENT` (nothing given: `undefined`, `null`, or text that is empty once trimmed) or a failure
 * that {@link describeFailure} turns into a message naming the value and what was expected.
 */
import { FenError, describeFenError, parseFen } from "../money/fen.js";
import { describeInstantError, scanInstant } from "../time/parse.js";
import { daysInMonth } from "../time/parse.js";
import { wallMs, type Zone } from "../time/zone.js";
import { MAX_COUNT, type FieldSpec, type FieldType } from "./kinds.js";

export const OK = 0;
export const ABSENT = 1;
const NOT_TEXT = 2;
const EXCEL_NUMBER = 3;
const NOT_WHOLE = 4;
const OUT_OF_RANGE = 5;
const NOT_SCORE = 6;
const NOT_BOOLEAN = 7;
const NOT_LISTED = 8;
const NOT_DATE = 9;
const NOT_MONTH = 10;
const NOT_INSTANT = 11;
const NEGATIVE_ZERO = 12;
const CONTROL = 13;
const SPREADSHEET_ERROR = 14;
/** Money failures are MONEY - FenError (FenError codes are negative). */
const MONEY = 20;

/** Where a reader puts what it read: a number (ms, fen, a count, hundredths, an index) or a string. */
export interface Reading {
  num: number;
  str: string;
}

/** A fresh reading slot. */
export const reading = (): Reading => ({ num: 0, str: "" });

/** The day number of `1970-01-01`-based days meaning "no date". */
export const NO_DATE = -2147483648;

// Text is trimmed of white space at both ends; most values have none, so the check comes first.
function trimmed(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(n - 1);
  return a > 32 && b > 32 && a < 127 && b < 127 ? s : s.trim();
}

/** `8.43512E+17`: a long number Excel has shown in scientific notation and saved so; its digits are lost. */
function looksLikeExcelNumber(s: string): boolean {
  const n = s.length;
  // `8E+17` or `8.43512E+17`: a digit, then E or a point.
  const second = s.charCodeAt(1);
  if (n < 5 || (second !== 46 && second !== 69 && second !== 101)) return false;
  const e = s.indexOf("E+") >= 0 ? s.indexOf("E+") : s.indexOf("e+");
  if (e < 1) return false;
  for (let i = 0; i < n; i++) {
    if (i === e || i === e + 1) continue;
    const c = s.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 46) return false;
  }
  return e + 2 < n;
}

/** The error values spreadsheets show (and save into CSV files) for a formula that failed. */
const SPREADSHEET_ERRORS = new Set(["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#ERROR!"]);

/** `#N/A`, `#REF!` …: a formula that failed (a VLOOKUP that found nothing), not an id. */
function isSpreadsheetError(s: string): boolean {
  return s.charCodeAt(0) === 35 && s.length <= 13 && SPREADSHEET_ERRORS.has(s.toUpperCase());
}

/**
 * What a character no id holds is, or null: a control character (C0, DEL, C1 — a NUL, an escape
 * sequence, a line break), a direction mark or override (U+061C, U+200E/F, U+202A–U+202E,
 * U+2066–U+2069: text that displays other than it reads), a line or paragraph separator, an
 * invisible character (a zero-width space or joiner, a soft hyphen, a word joiner, a BOM inside
 * the text, a variation selector, a Hangul filler …), U+FFFD (what a wrong decoding leaves) or a
 * double quote (a slip of CSV quoting: `b01"01`). An id with one would silently stop matching the
 * same id without it.
 */
function idCharacterKind(c: number): string | null {
  if (c < 32 || (c >= 0x7f && c <= 0x9f)) return "a control character";
  if (c === 0x22) return "a double quote";
  if (c < 0xad) return null;
  if (c === 0x061c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return "a direction mark or override";
  if (c === 0x2028 || c === 0x2029) return "a line or paragraph separator";
  if (c === 0xfffd) return "a character the file's encoding could not read";
  if (
    c === 0xad ||
    c === 0x034f ||
    c === 0x115f ||
    c === 0x1160 ||
    c === 0x17b4 ||
    c === 0x17b5 ||
    (c >= 0x180b && c <= 0x180f) ||
    (c >= 0x200b && c <= 0x200d) ||
    (c >= 0x2060 && c <= 0x2064) ||
    (c >= 0x206a && c <= 0x206f) ||
    c === 0x3164 ||
    (c >= 0xfe00 && c <= 0xfe0f) ||
    c === 0xfeff ||
    c === 0xffa0 ||
    (c >= 0xfff0 && c <= 0xfffb)
  ) {
    return "an invisible character";
  }
  return null;
}

/** The index of the first character no id holds ({@link idCharacterKind}), or -1. */
function badIdCharacter(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Most ids are printable ASCII without a quote: one comparison each.
    if (c >= 32 && c < 0x7f && c !== 0x22) continue;
    if (idCharacterKind(c) !== null) return i;
  }
  return -1;
}

/** An id or text: text only (a number is refused: ids are text, and a number may have lost digits). */
export function readText(v: unknown, out: Reading, id: boolean, controlChecked = false): number {
  if (typeof v !== "string") return v === undefined || v === null ? ABSENT : NOT_TEXT;
  const s = trimmed(v);
  if (s.length === 0) return ABSENT;
  if (id) {
    if (looksLikeExcelNumber(s)) return EXCEL_NUMBER;
    if (!controlChecked) {
      if (isSpreadsheetError(s)) return SPREADSHEET_ERROR;
      if (badIdCharacter(s) >= 0) return CONTROL;
    }
  }
  out.str = s;
  return OK;
}

/**
 * An agent's or buyer's id, read without the control-character check: the decoder checks a
 * numbered id once, when it is first met (with {@link controlFailure}), not at each of its millions of uses.
 */
export function readListedId(v: unknown, out: Reading): number {
  return readText(v, out, true, true);
}

/**
 * What {@link readText} refuses in an id beyond its form: a spreadsheet's error value, or a
 * character no id holds (control, invisible, direction, U+FFFD, a double quote); else OK.
 */
export function controlFailure(s: string): number {
  if (isSpreadsheetError(s)) return SPREADSHEET_ERROR;
  return badIdCharacter(s) >= 0 ? CONTROL : OK;
}

/** An instant, into `col[at]` (epoch ms); text only. */
export function readInstant(v: unknown, zone: Zone, col: Float64Array, at: number): number {
  if (typeof v !== "string") return v === undefined || v === null ? ABSENT : NOT_TEXT;
  let s = v;
  const n = s.length;
  if (n === 0) return ABSENT;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(n - 1);
  if (a <= 32 || b <= 32) {
    s = s.trim();
    if (s.length === 0) return ABSENT;
  }
  return scanInstant(s, zone, col, at) === 0 ? OK : NOT_INSTANT;
}

/** Money: decimal text or a number (read by its shortest decimal form), into integer fen. */
export function readMoney(v: unknown, out: Reading): number {
  if (v === undefined || v === null) return ABSENT;
  if (typeof v === "string") {
    const s = trimmed(v);
    if (s.length === 0) return ABSENT;
    const fen = parseFen(s);
    if (fen < 0) return MONEY - fen;
    if (fen === 0 && s.charCodeAt(0) === 45) return NEGATIVE_ZERO;
    out.num = fen;
    return OK;
  }
  if (typeof v === "number") {
    if (Object.is(v, -0)) return NEGATIVE_ZERO;
    const fen = parseFen(v);
    if (fen < 0) return MONEY - fen;
    out.num = fen;
    return OK;
  }
  return NOT_TEXT;
}

/** A whole number within the field's bounds: a number, or digits as text. */
export function readCount(v: unknown, out: Reading, min: number, max: number): number {
  let n: number;
  if (typeof v === "number") {
    if (!Number.isInteger(v)) return NOT_WHOLE;
    n = v;
  } else if (typeof v === "string") {
    const s = trimmed(v);
    const len = s.length;
    if (len === 0) return ABSENT;
    n = 0;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return NOT_WHOLE;
      if (n > max) return OUT_OF_RANGE; // stop before the number loses digits
      n = n * 10 + c;
    }
  } else return v === undefined || v === null ? ABSENT : NOT_TEXT;
  if (n < min || n > max || Object.is(n, -0)) return Object.is(n, -0) ? NEGATIVE_ZERO : OUT_OF_RANGE;
  out.num = n;
  return OK;
}

/** A score 0–100 with at most 2 decimals: a number (by its shortest decimal form) or text, into hundredths. */
export function readScore(v: unknown, out: Reading): number {
  let s: string;
  if (typeof v === "number") {
    if (!Number.isFinite(v) || Object.is(v, -0)) return NOT_SCORE;
    s = String(v);
  } else if (typeof v === "string") {
    s = trimmed(v);
    if (s.length === 0) return ABSENT;
  } else return v === undefined || v === null ? ABSENT : NOT_TEXT;
  const n = s.length;
  let whole = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
    if (i >= 3) return NOT_SCORE;
  }
  if (i === 0) return NOT_SCORE;
  let frac = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 46 || i + 1 === n || n - i - 1 > 2) return NOT_SCORE;
    for (let k = i + 1; k < n; k++) {
      const c = s.charCodeAt(k) - 48;
      if (c < 0 || c > 9) return NOT_SCORE;
      frac += k === i + 1 ? c * 10 : c;
    }
  }
  const hundredths = whole * 100 + frac;
  if (hundredths > 10_000) return NOT_SCORE;
  out.num = hundredths;
  return OK;
}

const TRUE_TEXT = new Set(["true", "yes", "y", "1", "是"]);
const FALSE_TEXT = new Set(["false", "no", "n", "0", "否"]);

/** True or false: a boolean, or its text (true/false, yes/no, y/n, 1/0, 是/否, any case), into 1 or 0. */
export function readBoolean(v: unknown, out: Reading): number {
  if (typeof v === "boolean") {
    out.num = v ? 1 : 0;
    return OK;
  }
  if (typeof v !== "string") return v === undefined || v === null ? ABSENT : NOT_BOOLEAN;
  const s = trimmed(v).toLowerCase();
  if (s.length === 0) return ABSENT;
  if (TRUE_TEXT.has(s)) out.num = 1;
  else if (FALSE_TEXT.has(s)) out.num = 0;
  else return NOT_BOOLEAN;
  return OK;
}

/** One of the field's values, or its Chinese label, into the value's index. */
export function readEnum(v: unknown, out: Reading, spec: FieldSpec): number {
  if (typeof v !== "string") return v === undefined || v === null ? ABSENT : NOT_TEXT;
  const s = trimmed(v);
  if (s.length === 0) return ABSENT;
  const values = spec.values!;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === s || spec.labels?.[values[i]!] === s || spec.synonyms?.[values[i]!]?.includes(s)) {
      out.num = i;
      return OK;
    }
  }
  return NOT_LISTED;
}

/** A calendar date `YYYY-MM-DD` that exists, into its day number (days since 1970-01-01). */
export function readDate(v: unknown, out: Reading): number {
  if (typeof v !== "string") return v === undefined || v === null ? ABSENT : NOT_TEXT;
  const s = trimmed(v);
  if (s.length === 0) return ABSENT;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return NOT_DATE;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NOT_DATE;
  out.num = wallMs(y, mo, d, 0, 0, 0, 0) / 86_400_000;
  return OK;
}

/** A month `YYYY-MM`, into its index `year * 12 + month - 1`. */
export function readMonth(v: unknown, out: Reading): number {
  if (typeof v !== "string") return v === undefined || v === null ? ABSENT : NOT_TEXT;
  const s = trimmed(v);
  if (s.length === 0) return ABSENT;
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(s);
  if (!m) return NOT_MONTH;
  out.num = Number(m[1]) * 12 + Number(m[2]) - 1;
  return OK;
}

/** Reads `v` as a value of `spec` (any type but instant) into `out`. */
export function readValue(v: unknown, spec: FieldSpec, out: Reading): number {
  switch (spec.type) {
    case "id":
    case "agent":
    case "buyer":
      return readText(v, out, true);
    case "text":
      return readText(v, out, false);
    case "money":
      return readMoney(v, out);
    case "count":
      return readCount(v, out, spec.min ?? 0, spec.max ?? MAX_COUNT);
    case "score":
      return readScore(v, out);
    case "boolean":
      return readBoolean(v, out);
    case "enum":
      return readEnum(v, out, spec);
    case "date":
      return readDate(v, out);
    case "month":
      return readMonth(v, out);
    case "instant":
      throw new Error("instants are read by readInstant");
  }
}

/** A value as messages show it: text in quotes, anything else as JSON would print it. */
export function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}…` : v);
  if (typeof v === "number" || typeof v === "boolean" || v === null) return Object.is(v, -0) ? "-0" : String(v);
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

const EXPECTED: Readonly<Record<FieldType, string>> = {
  id: "an id (text)",
  agent: "the agent's 工号 (text)",
  buyer: "the buyer id (text)",
  text: "text",
  instant: "a date-time like 2020-02-21 09:00:00",
  date: "a date YYYY-MM-DD like 2020-02-21",
  month: "a month YYYY-MM like 2020-02",
  money: "an amount like 123.45",
  count: "a whole number",
  score: "a score from 0 to 100 with at most 2 decimals, like 86.5",
  boolean: "true or false (also 1/0, yes/no, 是/否)",
  enum: "one of the listed values",
};

/** What a field of this spec expects, in words. */
export function expectedOf(spec: FieldSpec): string {
  if (spec.type === "enum") {
    const values = spec.values!.map((v) => (spec.labels?.[v] ? `${v} (${spec.labels[v]})` : v));
    return `one of ${values.join(", ")}`;
  }
  if (spec.type === "count") {
    const min = spec.min ?? 0;
    const max = spec.max ?? MAX_COUNT;
    return max === MAX_COUNT ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
  }
  return EXPECTED[spec.type];
}

/** The message of a failed reading of `v` (`code` as a reader returned it). */
export function describeFailure(code: number, v: unknown, spec: FieldSpec, zone: Zone | null): string {
  const expected = expectedOf(spec);
  if (code === ABSENT) return `is missing; expected ${expected}`;
  if (code === NOT_TEXT) {
    if (typeof v === "number" && (spec.type === "id" || spec.type === "agent" || spec.type === "buyer" || spec.type === "text")) {
      return `is the number ${show(v)}; expected ${expected} (write ids as text: a number may have lost digits)`;
    }
    const what = v === null ? "is null" : Array.isArray(v) ? "is an array" : typeof v === "object" ? "is an object" : `${show(v)} is a ${typeof v}`;
    return `${what}; expected ${expected}`;
  }
  if (code === EXCEL_NUMBER) {
    return `${show(v)} looks like a number in scientific notation (a long id Excel has shortened, its last digits lost); expected the id as text — format the column as text before saving`;
  }
  if (code === SPREADSHEET_ERROR) return `${show(v)} is a spreadsheet's error value (a formula that failed: #N/A, #VALUE!, #REF! …); expected ${expected}`;
  if (code === CONTROL && typeof v === "string") {
    const s = v.trim();
    const c = s.charCodeAt(Math.max(0, badIdCharacter(s)));
    return `${JSON.stringify(s)} holds ${idCharacterKind(c) ?? "a character no id holds"} (U+${c.toString(16).toUpperCase().padStart(4, "0")}): it would not match the id without it; expected ${expected}`;
  }
  if (code === NOT_INSTANT) return describeInstantError(typeof v === "string" ? v.trim() : v, zone);
  if (code === NEGATIVE_ZERO) return `${show(v)} is a negative zero; expected ${expected} (write 0)`;
  if (code > MONEY) return describeFenError(MONEY - code, v);
  if (code === OUT_OF_RANGE) return `${show(v)} is out of range; expected ${expected}`;
  if (code === NOT_WHOLE) return `${show(v)} is not ${expected}`;
  return `${show(v)} is not ${expected}`;
}

/** Failure codes of money, for issue codes (negative amounts have their own). */
export function isNegativeMoney(code: number): boolean {
  return code === MONEY - FenError.negative || code === NEGATIVE_ZERO;
}
export function isMoneyFailure(code: number): boolean {
  return code > MONEY || code === NEGATIVE_ZERO;
}
