/**
 * Deciding a text file's encoding strictly, line by line, without decoding it: UTF-8 or GB18030
 * (the superset of GBK that Chinese back offices write), or UTF-16 with a byte-order mark.
 *
 * The rule (the README's "Encodings"):
 * - A byte-order mark decides: EF BB BF is UTF-8, FF FE UTF-16LE, FE FF UTF-16BE, and every line
 *   must then be valid in it.
 * - Otherwise each line is looked at alone. A line that is valid UTF-8 and not valid GB18030 is
 *   certainly UTF-8; a line that is not valid UTF-8 but valid GB18030 is certainly GBK. A line
 *   valid in both is only a hint: towards UTF-8 when it holds a 3-byte UTF-8 sequence (Chinese in
 *   UTF-8 is 3 bytes a character; GBK text rarely lines up so), towards GBK when its only
 *   non-ASCII bytes are 2-byte UTF-8 sequences (GBK lead bytes C2–DF with a trail 80–BF are one).
 * - No GBK line: UTF-8. GBK lines and no certain UTF-8 line, with fewer 3-byte hint lines than GBK
 *   lines: GB18030 (the lines valid in both are GBK that happens to be valid UTF-8). Anything else
 *   mixes encodings: an error naming the first line of the fewer kind. A line valid in neither is an
 *   error naming it.
 */
import { isUtf8 } from "node:buffer";

/** A file that cannot be read as text (or as CSV): the message says why, `line` where (1-based), when it is one place. */
export class TextFileError extends Error {
  override readonly name = "TextFileError";
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
  }
}

/** The encodings a text file is read in. */
export type TextEncodingName = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

/** What {@link EncodingScan} decided: the encoding and the length of the byte-order mark, or why not. */
export type EncodingDecision =
  | { readonly encoding: TextEncodingName; readonly bom: number }
  | { readonly error: string; readonly line: number };

const LF = 0x0a;
const CR = 0x0d;

/** How one line reads. */
export const LineClass = {
  /** Only ASCII bytes. */
  ascii: 0,
  /** Valid UTF-8 and valid GB18030, non-ASCII only as 2-byte UTF-8 sequences. */
  both2: 1,
  /** Valid UTF-8 and valid GB18030, with a 3- or 4-byte UTF-8 sequence. */
  both3: 2,
  /** Valid UTF-8, not valid GB18030. */
  utf8: 3,
  /** Valid GB18030, not valid UTF-8. */
  gbk: 4,
  /** Neither. */
  neither: 5,
} as const;
export type LineClass = (typeof LineClass)[keyof typeof LineClass];

/**
 * Classifies the bytes `[start, end)` of one line (no line break inside).
 *
 * @example
 * classifyLine(Buffer.from("订单,1"), 0, 8)                    //=> LineClass.utf8 (E8 AE A2 E5 8D 95 is not GB18030 before ",")
 * classifyLine(new Uint8Array([0xb6, 0xa9, 0xb5, 0xa5]), 0, 4) //=> LineClass.gbk (订单 in GBK)
 */
export function classifyLine(bytes: Uint8Array, start: number, end: number): LineClass {
  let i = start;
  while (i < end && bytes[i]! < 0x80) i++;
  if (i === end) return LineClass.ascii;
  const utf8 = isUtf8(bytes.subarray(i, end));
  const gb = isGb18030(bytes, i, end);
  if (!utf8) return gb ? LineClass.gbk : LineClass.neither;
  if (!gb) return LineClass.utf8;
  for (let k = i; k < end; k++) if (bytes[k]! >= 0xe0) return LineClass.both3;
  return LineClass.both2;
}

/**
 * Whether `[start, end)` is valid GB18030 as the WHATWG Encoding Standard (and Node's
 * `TextDecoder("gb18030", { fatal: true })`) reads it: ASCII, 0x80 (€), two bytes 81–FE +
 * 40–7E/80–FE, or four bytes 81–FE 30–39 81–FE 30–39 naming a code point.
 */
export function isGb18030(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b <= 0x80) {
      i++;
      continue;
    }
    if (b === 0xff || i + 1 >= end) return false;
    const b2 = bytes[i + 1]!;
    if (b2 >= 0x30 && b2 <= 0x39) {
      if (i + 3 >= end) return false;
      const b3 = bytes[i + 2]!;
      const b4 = bytes[i + 3]!;
      if (b3 < 0x81 || b3 > 0xfe || b4 < 0x30 || b4 > 0x39) return false;
      const pointer = (((b - 0x81) * 10 + (b2 - 0x30)) * 126 + (b3 - 0x81)) * 10 + (b4 - 0x30);
      if ((pointer > 39419 && pointer < 189000) || pointer > 1237575) return false;
      i += 4;
      continue;
    }
    if (b2 < 0x40 || b2 === 0x7f || b2 === 0xff) return false;
    i += 2;
  }
  return true;
}

/**
 * Decides the encoding of a file from its bytes, given chunk by chunk in order. Feed every chunk
 * with {@link EncodingScan.add}, then call {@link EncodingScan.decide}.
 *
 * UTF-8 files take a fast path (a native validity check per chunk); a file with any line that is
 * not UTF-8 must be scanned again line by line: {@link EncodingScan.add} then returns `"rescan"`,
 * and the caller starts over with a fresh scan in line mode.
 */
export class EncodingScan {
  private started = false;
  private bom = 0;
  private encoding: TextEncodingName | null = null;
  /** Bytes held back: the start of the file (before the byte-order mark is told), a split character (UTF-8 fast path, UTF-16). */
  private carry: Uint8Array = new Uint8Array(0);
  /** Line mode: the start of a line that has not ended yet. */
  private pending: Uint8Array[] = [];
  private line = 1;
  private error: { error: string; line: number } | null = null;
  // Line mode: counts and first line of each class.
  private readonly counts = [0, 0, 0, 0, 0, 0];
  private readonly first = [0, 0, 0, 0, 0, 0];
  /** UTF-16: a high surrogate waits for its low half; the last unit was a CR (a CRLF is one line break). */
  private pendingHigh = false;
  private lastCR = false;

  /** @param lineMode classify every line (after a `"rescan"`); otherwise try the UTF-8 fast path first. */
  constructor(private readonly lineMode = false) {}

  /** Whether an error was found already (the rest of the file need not be read). */
  get failed(): boolean {
    return this.error !== null;
  }

  /** Adds the next chunk (kept only in part, copied); `"rescan"` asks for a new scan in line mode from the start. */
  add(chunk: Uint8Array): "ok" | "rescan" {
    if (this.error) return "ok";
    let bytes = chunk;
    if (!this.started) {
      bytes = concat(this.carry, chunk);
      // The byte-order mark needs 3 bytes (or the end of the file) to be told.
      if (bytes.length < 3) {
        this.carry = copy(bytes);
        return "ok";
      }
      this.started = true;
      this.carry = new Uint8Array(0);
      this.startWith(bytes);
      bytes = bytes.subarray(this.bom);
    }
    if (this.encoding === "utf-16le" || this.encoding === "utf-16be") {
      this.addUtf16(bytes);
      return "ok";
    }
    if (!this.lineMode) {
      // The fast path: whole characters only (a carry of at most 3 bytes).
      const all = concat(this.carry, bytes);
      const cut = utf8Boundary(all);
      this.carry = copy(all.subarray(cut));
      return isUtf8(all.subarray(0, cut)) ? "ok" : "rescan";
    }
    // Line mode: whole lines only. A chunk without a line break waits (in a list, so a long line is copied once).
    const cut = lastLineBreak(bytes);
    if (cut === 0) {
      this.pending.push(copy(bytes));
      return "ok";
    }
    this.addLines(concat(concatAll(this.pending), bytes.subarray(0, cut)));
    this.pending = [copy(bytes.subarray(cut))];
    return "ok";
  }

  /** The decision, once every chunk was added (`"rescan"`: scan again in line mode). */
  decide(): EncodingDecision | "rescan" {
    if (!this.started) {
      this.started = true;
      const bytes = this.carry;
      this.carry = new Uint8Array(0);
      this.startWith(bytes);
      const rest = bytes.subarray(this.bom);
      if (this.encoding === "utf-16le" || this.encoding === "utf-16be") this.addUtf16(rest);
      else if (this.lineMode) this.pending = [rest];
      else this.carry = rest;
    }
    if (this.encoding === "utf-16le" || this.encoding === "utf-16be") {
      if (!this.error && this.carry.length > 0) this.error = { error: `ends in the middle of a character: not valid ${this.encoding.toUpperCase()}`, line: this.line };
      if (!this.error && this.pendingHigh) this.error = { error: `has half a character (a lone surrogate): not valid ${this.encoding.toUpperCase()}`, line: this.line };
      return this.error ?? { encoding: this.encoding, bom: this.bom };
    }
    if (!this.lineMode) return this.carry.length === 0 || isUtf8(this.carry) ? { encoding: "utf-8", bom: this.bom } : "rescan";
    if (!this.error) this.addLines(concatAll(this.pending));
    this.pending = [];
    if (this.error) return this.error;
    if (this.encoding === "utf-8") return { encoding: "utf-8", bom: this.bom };
    return this.decideByLines();
  }

  // -------------------------------------------------------------------------------------------

  private startWith(bytes: Uint8Array): void {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.bom = 3;
      this.encoding = "utf-8";
    } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      this.bom = 2;
      this.encoding = "utf-16le";
    } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      this.bom = 2;
      this.encoding = "utf-16be";
    }
  }

  private addLines(bytes: Uint8Array): void {
    const n = bytes.length;
    let i = 0;
    while (i < n) {
      const start = i;
      let high = 0;
      while (i < n) {
        const c = bytes[i]!;
        if (c === LF || c === CR) break;
        high |= c;
        i++;
      }
      if (high >= 0x80) this.count(classifyLine(bytes, start, i));
      if (i < n) {
        this.line++;
        i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
      }
    }
  }

  private count(kind: LineClass): void {
    if (this.counts[kind] === 0) this.first[kind] = this.line;
    this.counts[kind]!++;
    if (this.encoding === "utf-8" && kind !== LineClass.utf8 && kind !== LineClass.both2 && kind !== LineClass.both3 && !this.error) {
      this.error = { error: "is not valid UTF-8, although the file starts with a UTF-8 byte-order mark; save the whole file as UTF-8", line: this.line };
    }
  }

  private decideByLines(): EncodingDecision {
    const [, , both3, utf8, gbk, neither] = this.counts as [number, number, number, number, number, number];
    const first = this.first;
    if (neither > 0) return { error: "is neither UTF-8 nor GB18030 (GBK) text; save the file as UTF-8", line: first[LineClass.neither]! };
    if (gbk === 0) return { encoding: "utf-8", bom: 0 };
    if (utf8 === 0 && both3 < gbk) return { encoding: "gb18030", bom: 0 };
    // Both encodings: name the first line of the fewer.
    const utf8Lines = utf8 + both3;
    const utf8First = Math.min(...[first[LineClass.utf8]!, first[LineClass.both3]!].filter((l) => l > 0));
    if (gbk <= utf8Lines) {
      return { error: mixed("GBK (GB18030)", gbk, "UTF-8", utf8First, utf8Lines), line: first[LineClass.gbk]! };
    }
    return { error: mixed("UTF-8", utf8, "GBK (GB18030)", first[LineClass.gbk]!, gbk), line: first[LineClass.utf8]! };
  }

  // UTF-16: every unit valid, surrogates paired; lines counted by LF and CR units.
  private addUtf16(chunk: Uint8Array): void {
    const bytes = concat(this.carry, chunk);
    const n = bytes.length - (bytes.length % 2);
    this.carry = copy(bytes.subarray(n));
    const le = this.encoding === "utf-16le";
    const lone = `has half a character (a lone surrogate): not valid ${this.encoding!.toUpperCase()}`;
    for (let i = 0; i < n && !this.error; i += 2) {
      const unit = le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
      if (this.pendingHigh) {
        this.pendingHigh = false;
        if (unit >= 0xdc00 && unit <= 0xdfff) continue;
        this.error = { error: lone, line: this.line };
        return;
      }
      if (unit >= 0xd800 && unit <= 0xdbff) this.pendingHigh = true;
      else if (unit >= 0xdc00 && unit <= 0xdfff) {
        this.error = { error: lone, line: this.line };
        return;
      } else if (unit === LF) {
        if (!this.lastCR) this.line++;
      } else if (unit === CR) this.line++;
      this.lastCR = unit === CR;
    }
  }
}

/** `is GBK (GB18030) text in a UTF-8 file (…)`: the message for a line of the fewer encoding. */
function mixed(minority: string, minorityCount: number, majority: string, majorityFirst: number, majorityCount: number): string {
  const others = minorityCount === 1 ? "the only such row" : `and ${minorityCount - 1} more row${minorityCount === 2 ? "" : "s"} like it`;
  return `is ${minority} text in a ${majority} file (${majority}: ${lines(majorityFirst, majorityCount)}), ${others}; save the whole file in one encoding, preferably UTF-8`;
}

function lines(firstLine: number, count: number): string {
  return count === 1 ? `row ${firstLine}` : `row ${firstLine} and ${count - 1} other${count === 2 ? "" : "s"}`;
}

/** Index just after the last line break (LF, or a CR not at the very end), or 0. */
function lastLineBreak(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0; i--) {
    const c = bytes[i];
    if (c === LF) return i + 1;
    // A CR at the very end may be the first half of a CRLF: keep it for the next chunk.
    if (c === CR && i < bytes.length - 1) return i + 1;
  }
  return 0;
}

/** Where the trailing incomplete UTF-8 sequence starts (the length when there is none). */
function utf8Boundary(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = bytes[n - k]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) return (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > k ? n - k : n;
  }
  return n;
}

/** A copy (a Buffer's `slice` would be a view of memory the caller reuses). */
function copy(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

function concatAll(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
