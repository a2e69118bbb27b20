/**
 * Reading a CSV file of any size in chunks, strictly: the encoding is decided for the whole file
 * first (a byte scan, {@link EncodingScan}), then the file is read again and parsed record by
 * record, each record handed to a sink and not kept. Memory stays at a few chunks (1–4 MB each) plus
 * whatever the sink keeps; no string ever holds the whole file.
 *
 * The parser reads UTF-8 bytes (GB18030 and UTF-16 are transcoded chunk by chunk), which is safe
 * because the bytes it looks for — separators, quotes, CR, LF — never occur inside a multi-byte
 * character of UTF-8. Each cell becomes a fresh string, so a kept cell holds no chunk alive.
 */
import type { FileHandle } from "node:fs/promises";
import { EncodingScan, TextFileError, type EncodingDecision, type TextEncodingName } from "./encoding.js";

export { TextFileError };

/** Field separators the reader understands. */
export type CsvDelimiter = "," | "\t";

/** Where the records of a file go, one at a time: the first record is the header. */
export interface CsvSink {
  header(cells: string[], line: number): void;
  row(cells: string[], line: number): void;
}

/** What {@link readCsvFile} read. */
export interface CsvFileInfo {
  readonly encoding: TextEncodingName;
  /** Null when the file holds no record (empty, only a BOM or blank lines). */
  readonly delimiter: CsvDelimiter | null;
  /** Records read, the header included. */
  readonly records: number;
}

/** Options for {@link readCsvFile}. */
export interface CsvReadOptions {
  /** Bytes read at a time (default 4 MiB). */
  readonly chunkSize?: number;
  /** Field separator; detected from the first line when absent. */
  readonly delimiter?: CsvDelimiter;
}

const DQ = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const EQ = 0x3d;
const DEFAULT_CHUNK = 4 << 20;
/** Cell flags: the quoted part holds `""`; the quoted part, or the rest, holds non-ASCII bytes. */
const ESCAPES = 1;
const QUOTED_HIGH = 2;
const REST_HIGH = 4;

/**
 * Reads a CSV file through a sink: decides its encoding strictly, then parses it in chunks.
 *
 * Records are RFC 4180 (quoted fields may hold separators, line breaks and `""`), separated by
 * CRLF, LF or CR; empty lines make no record. Each cell loses leading and trailing tabs, and an
 * Excel text guard `="0012"` is unwrapped. `line` is the 1-based physical line a record starts on
 * (the header is line 1 unless blank lines precede it).
 *
 * @throws {TextFileError} for an encoding that cannot be decided, a `;`-separated file, an
 *   unterminated quoted field; errors the sink throws pass through
 */
export async function readCsvFile(handle: FileHandle, sink: CsvSink, options: CsvReadOptions = {}): Promise<CsvFileInfo> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const decision = await decideFileEncoding(handle, chunkSize);
  if ("error" in decision) throw new TextFileError(decision.error, decision.line);
  const parser = new CsvParser(sink, options.delimiter ?? null);
  const transcoder = decision.encoding === "utf-8" ? null : new TextDecoder(decision.encoding, { fatal: true, ignoreBOM: true });
  let position = decision.bom;
  let rest: Buffer = Buffer.alloc(0);
  // The next chunk is read while this one is parsed.
  const read = (size: number): Promise<Buffer> => {
    const chunk = Buffer.allocUnsafe(size);
    const at = position;
    return handle.read(chunk, 0, size, at).then(({ bytesRead }) => {
      position = at + bytesRead;
      return chunk.subarray(0, bytesRead);
    });
  };
  let next = read(chunkSize);
  for (;;) {
    const chunk = await next;
    const eof = chunk.length === 0;
    // A record longer than a chunk makes the next read as long as it (so it is parsed O(log n) times, not O(n)).
    if (!eof) next = read(Math.max(chunkSize, rest.length + chunk.length));
    let bytes: Buffer = chunk;
    if (transcoder) {
      let text: string;
      try {
        text = transcoder.decode(bytes, { stream: !eof });
      } catch {
        // The scan checked every line; a file that changed since is not read half.
        throw new TextFileError(`changed while it was read, or is not valid ${decision.encoding.toUpperCase()}`, null);
      }
      bytes = Buffer.from(text, "utf8");
    }
    const buffer = rest.length === 0 ? bytes : Buffer.concat([rest, bytes]);
    const used = parser.feed(buffer, eof);
    if (eof) break;
    rest = Buffer.from(buffer.subarray(used));
  }
  return { encoding: decision.encoding, delimiter: parser.delimiter, records: parser.records };
}

/**
 * Decides a file's encoding ({@link EncodingScan}): the UTF-8 fast path, then — if some line is not
 * UTF-8 — a line-by-line scan from the start.
 */
export async function decideFileEncoding(handle: FileHandle, chunkSize = DEFAULT_CHUNK): Promise<EncodingDecision> {
  const chunk = Buffer.allocUnsafe(chunkSize);
  for (const lineMode of [false, true]) {
    const scan = new EncodingScan(lineMode);
    let position = 0;
    let rescan = false;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunkSize, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      if (scan.add(chunk.subarray(0, bytesRead)) === "rescan") {
        rescan = true;
        break;
      }
      if (scan.failed) break;
    }
    if (rescan) continue;
    const decision = scan.decide();
    if (decision !== "rescan") return decision;
  }
  throw new Error("encoding scan: the line scan asked for a rescan");
}

/**
 * Parses UTF-8 CSV bytes into records, chunk by chunk: {@link CsvParser.feed} takes the bytes not
 * consumed before followed by the next chunk, and returns how many it consumed (up to the start of
 * a record that has not ended yet).
 */
export class CsvParser {
  /** The field separator (decided at the first record when not given). */
  delimiter: CsvDelimiter | null;
  /** Records passed to the sink. */
  records = 0;
  private line = 1;
  /** Per cell of the record being read: start and end of its quoted part (or -1), start and end of the rest. */
  private bounds = new Int32Array(4 * 64);
  /** Per cell: {@link ESCAPES}, {@link QUOTED_HIGH}, {@link REST_HIGH}. */
  private flags = new Uint8Array(64);

  constructor(
    private readonly sink: CsvSink,
    delimiter: CsvDelimiter | null = null,
  ) {
    this.delimiter = delimiter;
  }

  /** Parses every complete record of `b`; at `eof`, the last one too. Returns the bytes consumed. */
  feed(b: Buffer, eof: boolean): number {
    const n = b.length;
    let i = 0;
    while (i < n) {
      const first = b[i]!;
      if (first === LF) {
        this.line++;
        i++;
        continue;
      }
      if (first === CR) {
        if (i + 1 === n && !eof) return i;
        this.line++;
        i += b[i + 1] === LF ? 2 : 1;
        continue;
      }
      if (this.delimiter === null) {
        const detected = detectDelimiterBytes(b, i, eof, this.line);
        if (detected === null) return i;
        this.delimiter = detected;
      }
      const next = this.record(b, i, eof);
      if (next < 0) return i;
      i = next;
    }
    return n;
  }

  /** Parses the record starting at `start`; returns the index after it, or -1 when it does not end in `b` (and not at `eof`). */
  private record(b: Buffer, start: number, eof: boolean): number {
    const n = b.length;
    const delim = this.delimiter === "\t" ? TAB : COMMA;
    const recordLine = this.line;
    let line = this.line;
    let count = 0;
    let i = start;
    // First the cells' bounds in bytes: per cell the quoted part (or -1) and the unquoted part
    // (`"ab"c`: quoted ab, then c; `abc`: unquoted abc), and which parts hold non-ASCII bytes.
    for (;;) {
      if (4 * count + 4 > this.bounds.length) this.grow();
      const bounds = this.bounds;
      const at = 4 * count;
      let flags = 0;
      let k: number;
      if (b[i] === DQ) {
        const openLine = line;
        let j = i + 1;
        let high = 0;
        for (;;) {
          if (j >= n) {
            if (eof) throw new TextFileError("unterminated quoted field (a \" opens a value that never closes)", openLine);
            return -1;
          }
          const c = b[j]!;
          if (c === DQ) {
            if (j + 1 >= n && !eof) return -1;
            if (b[j + 1] === DQ) {
              flags |= ESCAPES;
              j += 2;
              continue;
            }
            break;
          }
          if (c === LF) line++;
          else if (c === CR) {
            if (j + 1 >= n && !eof) return -1;
            if (b[j + 1] !== LF) line++;
          }
          high |= c;
          j++;
        }
        if (high >= 0x80) flags |= QUOTED_HIGH;
        bounds[at] = i + 1;
        bounds[at + 1] = j;
        // Text after the closing quote, up to the next separator, is kept as is (`"ab"c` reads `abc`).
        i = j + 1;
      } else {
        bounds[at] = -1;
        bounds[at + 1] = -1;
      }
      let high = 0;
      for (k = i; k < n; k++) {
        const c = b[k]!;
        if (c === delim || c === CR || c === LF) break;
        high |= c;
      }
      if (k >= n && !eof) return -1;
      if (high >= 0x80) flags |= REST_HIGH;
      bounds[at + 2] = i;
      bounds[at + 3] = k;
      this.flags[count] = flags;
      count++;
      i = k;
      if (i >= n) break;
      const c = b[i]!;
      if (c === delim) {
        i++;
        continue;
      }
      // c is CR or LF: the record ends.
      if (c === CR && i + 1 >= n && !eof) return -1;
      line++;
      i += c === CR && b[i + 1] === LF ? 2 : 1;
      break;
    }
    this.line = line;
    const cells = this.cells(b, start, count);
    if (this.records === 0) this.sink.header(cells, recordLine);
    else this.sink.row(cells, recordLine);
    this.records++;
    return i;
  }

  /**
   * The cells of a record whose bounds are in `this.bounds`. The record is decoded once as
   * Latin-1 (a byte a character, so byte offsets are string offsets) and each ASCII cell is a piece
   * of it; a cell with non-ASCII bytes is decoded on its own as UTF-8. Every string is fresh: a kept
   * cell holds at most its row's text alive, never a chunk.
   */
  private cells(b: Buffer, start: number, count: number): string[] {
    const bounds = this.bounds;
    const flags = this.flags;
    const text = decode(b, start, bounds[4 * count - 1]!, 0);
    const piece = (from: number, to: number, high: number): string =>
      to <= from ? "" : high !== 0 ? decode(b, from, to, 0x80) : text.slice(from - start, to - start);
    const cells = new Array<string>(count);
    for (let c = 0; c < count; c++) {
      const at = 4 * c;
      const f = flags[c]!;
      let value = "";
      if (bounds[at]! >= 0) {
        value = piece(bounds[at]!, bounds[at + 1]!, f & QUOTED_HIGH);
        if ((f & ESCAPES) !== 0) value = value.replaceAll('""', '"');
      }
      const rest = piece(bounds[at + 2]!, bounds[at + 3]!, f & REST_HIGH);
      if (rest !== "") value = value === "" ? rest : value + rest;
      cells[c] = cleanCell(value);
    }
    return cells;
  }

  private grow(): void {
    const bounds = new Int32Array(this.bounds.length * 2);
    bounds.set(this.bounds);
    this.bounds = bounds;
    const flags = new Uint8Array(this.flags.length * 2);
    flags.set(this.flags);
    this.flags = flags;
  }
}

/**
 * The separator of a file from its first non-empty line (at `from`): tab when it has a tab and no
 * comma, else comma. Null when the line has not ended in `b` yet.
 *
 * @throws {TextFileError} when the line is separated by semicolons (no comma, no tab)
 */
function detectDelimiterBytes(b: Buffer, from: number, eof: boolean, line: number): CsvDelimiter | null {
  let tab = false;
  let comma = false;
  let semicolon = false;
  let i = from;
  for (; i < b.length; i++) {
    const c = b[i];
    if (c === LF || c === CR) break;
    if (c === TAB) tab = true;
    else if (c === COMMA) comma = true;
    else if (c === SEMICOLON) semicolon = true;
  }
  if (i >= b.length && !eof) return null;
  if (tab && !comma) return "\t";
  if (!comma && semicolon) {
    throw new TextFileError("is separated by semicolons (;), not commas or tabs: save it as CSV with commas (CSV UTF-8 in Excel) or as tab-separated text", line);
  }
  return ",";
}

// Buffer's own decoders, called directly: `toString(encoding, start, end)` looks the encoding up
// and checks its arguments on every call, a noticeable part of the reading time with millions of rows.
interface BufferDecoders {
  latin1Slice?(start: number, end: number): string;
  utf8Slice?(start: number, end: number): string;
}
const DIRECT = typeof (Buffer.prototype as BufferDecoders).latin1Slice === "function" && typeof (Buffer.prototype as BufferDecoders).utf8Slice === "function";

/** A fresh string of `b[start, end)`: Latin-1 when every byte is ASCII (`high` < 0x80, faster), else UTF-8. */
function decode(b: Buffer, start: number, end: number, high: number): string {
  if (end <= start) return "";
  if (DIRECT) return high < 0x80 ? (b as BufferDecoders).latin1Slice!(start, end) : (b as BufferDecoders).utf8Slice!(start, end);
  return b.toString(high < 0x80 ? "latin1" : "utf8", start, end);
}

/** Strips leading/trailing tabs, then unwraps an Excel text guard `="…"`. */
export function cleanCell(value: string): string {
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
