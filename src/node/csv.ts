import { TextFileError, CsvParser, type CsvDelimiter } from "./csvStream.js";

/** Field separators {@link parseCsv} understands. */
export type { CsvDelimiter };

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

const CR = 0x0d;
const LF = 0x0a;
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
 * Runs in time linear in the text's length. The parser is the one `readCsvFile` streams files
 * through (`./csvStream.ts`); this is its form for text already in memory.
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
  const rows: string[][] = [];
  const lines: number[] = [];
  const keep = (cells: string[], line: number): void => {
    rows.push(cells);
    lines.push(line);
  };
  const parser = new CsvParser({ header: keep, row: keep }, options.delimiter ?? detectDelimiter(text));
  const body = text.charCodeAt(0) === BOM ? text.slice(1) : text;
  try {
    parser.feed(Buffer.from(body, "utf8"), true);
  } catch (error) {
    if (error instanceof TextFileError) throw new Error(`line ${error.line ?? 1}: unterminated quoted field`);
    throw error;
  }
  return { rows, lines };
}
