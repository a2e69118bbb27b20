// The string CSV parser of the first release, kept as the reference the streaming parser is held to.
/** Field separators {@link parseCsv} understands. */
export type CsvDelimiter = "," | "\t";

/** Options for {@link parseCsv} and {@link parseCsvWithLines}. */
export interface CsvOptions {
  /** Field separator; detected with {@link detectDelimiter} when absent. */
  delimiter?: CsvDelimiter;
}

/** Parsed records with, for each record, the 1-based physical line of the file it starts on. */
export interface CsvRecords {
  rows: string[][];
  /** `lines[i]` is the line on which `rows[i]` starts (quoted newlines and skipped empty lines counted). */
  lines: number[];
}

const DQ = 0x22; // "
const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
const EQ = 0x3d; // =
const BOM = 0xfeff;

/**
 * Picks the field separator: tab when the first non-empty line has a tab and no comma, else comma.
 *
 * @example
 * detectDelimiter("订单编号\t总金额\n1\t2\n"); // "\t"
 * detectDelimiter("a,b\tc\n");                // ","
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const n = text.length;
  let start = text.charCodeAt(0) === BOM ? 1 : 0;
  while (start < n) {
    let end = start;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c === CR || c === LF) break;
      end++;
    }
    if (end > start) {
      const line = text.slice(start, end);
      return line.includes("\t") && !line.includes(",") ? "\t" : ",";
    }
    start = end + 1;
  }
  return ",";
}

/**
 * Parses CSV (RFC 4180, or tab-separated) into rows of cells.
 *
 * Quoted fields may hold separators, newlines and `""` escapes; CRLF, LF and CR all end a line; empty
 * lines (and so a trailing newline) make no row. A leading U+FEFF is ignored. Each cell loses leading
 * and trailing tabs, and an Excel text guard `="12345"` is unwrapped to `12345`; spaces are kept.
 * Text after a closing quote, up to the next separator, is appended as is (`"ab"c` reads `abc`).
 * Throws `Error("line 7: unterminated quoted field")` naming the line where the open quote is.
 * Runs in time linear in the text's length.
 *
 * @example
 * parseCsv('订单编号,备注\r\n="0012","\ta, ""b"""\r\n'); // [["订单编号", "备注"], ["0012", 'a, "b"']]
 */
export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  return parseCsvWithLines(text, options).rows;
}

/**
 * Like {@link parseCsv}, but also returns the physical line number on which each record starts.
 *
 * Use the line numbers in messages when a file may have empty lines or quoted newlines, where the
 * record index and the line number part ways.
 *
 * @example
 * parseCsvWithLines('a,b\n\n"x\ny",z\nq,r\n').lines; // [1, 3, 5]
 */
export function parseCsvWithLines(text: string, options: CsvOptions = {}): CsvRecords {
  const delim = (options.delimiter ?? detectDelimiter(text)).charCodeAt(0);
  const n = text.length;
  const rows: string[][] = [];
  const lines: number[] = [];
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;

  while (i < n) {
    const first = text.charCodeAt(i);
    if (first === LF) {
      line++;
      i++;
      continue;
    }
    if (first === CR) {
      line++;
      i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      continue;
    }

    const recordLine = line;
    const row: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === DQ) {
        const openLine = line;
        let j = i + 1;
        let segment = j;
        value = "";
        for (;;) {
          if (j >= n) throw new Error(`line ${openLine}: unterminated quoted field`);
          const c = text.charCodeAt(j);
          if (c === DQ) {
            if (text.charCodeAt(j + 1) === DQ) {
              value += text.slice(segment, j + 1);
              j += 2;
              segment = j;
              continue;
            }
            value += text.slice(segment, j);
            j++;
            break;
          }
          if (c === LF) line++;
          else if (c === CR && text.charCodeAt(j + 1) !== LF) line++;
          j++;
        }
        const rest = scanUnquoted(text, j, delim);
        if (rest > j) value += text.slice(j, rest);
        i = rest;
      } else {
        const end = scanUnquoted(text, i, delim);
        value = text.slice(i, end);
        i = end;
      }
      row.push(cleanCell(value));

      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        continue;
      }
      // c is CR or LF: the record ends.
      line++;
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      break;
    }
    rows.push(row);
    lines.push(recordLine);
  }
  return { rows, lines };
}

/** Index of the first separator, CR or LF at or after `from` (or the text's length). */
function scanUnquoted(text: string, from: number, delim: number): number {
  const n = text.length;
  let k = from;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === delim || c === CR || c === LF) break;
    k++;
  }
  return k;
}

/** Strips leading/trailing tabs, then unwraps an Excel text guard `="…"`. */
function cleanCell(value: string): string {
  let s = 0;
  let e = value.length;
  while (s < e && value.charCodeAt(s) === TAB) s++;
  while (e > s && value.charCodeAt(e - 1) === TAB) e--;
  const v = s > 0 || e < value.length ? value.slice(s, e) : value;
  return unwrapTextGuard(v);
}

/** `="12345"` → `12345` (inner `""` → `"`); anything else, including a guard with a lone inner quote, as is. */
function unwrapTextGuard(v: string): string {
  const len = v.length;
  if (len < 3 || v.charCodeAt(0) !== EQ || v.charCodeAt(1) !== DQ || v.charCodeAt(len - 1) !== DQ) {
    return v;
  }
  const inner = v.slice(2, len - 1);
  if (!inner.includes('"')) return inner;
  let out = "";
  let segment = 0;
  let k = 0;
  while (k < inner.length) {
    if (inner.charCodeAt(k) === DQ) {
      if (inner.charCodeAt(k + 1) !== DQ) return v;
      out += inner.slice(segment, k + 1);
      k += 2;
      segment = k;
    } else {
      k++;
    }
  }
  return out + inner.slice(segment);
}
