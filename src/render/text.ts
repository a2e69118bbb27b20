/**
 * Text primitives every renderer shares: terminal display width, escaping invisible characters,
 * aligned text tables and CSV cells (with formula injection neutralised).
 */
import { WIDE_RANGES } from "./eastAsianWidth.js";

/**
 * Display width of a string in a terminal, by Unicode's East Asian Width (UAX #11) and grapheme
 * clusters: wide (W) and fullwidth (F) characters — CJK, Hangul, fullwidth forms, emoji with
 * emoji presentation — take 2 columns; combining marks, format characters (ZWJ, bidi marks) and
 * conjoining Hangul vowels and finals 0; everything else, ambiguous (A) characters included, 1. An
 * emoji sequence (a pictograph with the emoji presentation selector, a skin tone or a ZWJ, such as
 * 👨‍👩‍👧 or ❤️) is one wide glyph. The width table is generated from the Unicode Character Database
 * (`scripts/make-east-asian-width.mjs`); clusters come from `Intl.Segmenter` where the platform
 * has it, else each code point counts alone.
 *
 * @example
 * displayWidth("王芳 A01") //=> 8
 * displayWidth("😀") //=> 2
 * displayWidth("e\u0301") //=> 1 (e and a combining acute accent)
 */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  const segmenter = graphemes();
  if (!segmenter) return codePointsWidth(text);
  let width = 0;
  for (const { segment } of segmenter.segment(text)) {
    width += segment.length > 1 && PICTOGRAPH.test(segment) && EMOJI_SEQUENCE.test(segment) ? 2 : codePointsWidth(segment);
  }
  return width;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
// The emoji presentation selector, a ZWJ or a skin-tone modifier: the cluster is shown as one emoji.
const EMOJI_SEQUENCE = /\u200d|\ufe0f|[\u{1f3fb}-\u{1f3ff}]/u;
// Combining marks, format characters but the soft hyphen (shown as a hyphen), conjoining Hangul
// vowels and finals (they join the initial before them).
const ZERO_WIDTH = /^(?:(?!\u00ad)[\p{Mn}\p{Me}\p{Cf}]|[\u1160-\u11ff\ud7b0-\ud7ff])$/u;

let segmenterCache: { segment(text: string): Iterable<{ segment: string }> } | null | undefined;

function graphemes(): { segment(text: string): Iterable<{ segment: string }> } | null {
  if (segmenterCache === undefined) {
    const Segmenter = (Intl as { Segmenter?: new (locale: string, options: { granularity: "grapheme" }) => { segment(text: string): Iterable<{ segment: string }> } }).Segmenter;
    // Grapheme clusters do not depend on the locale; "en" only avoids reading the machine's.
    segmenterCache = Segmenter ? new Segmenter("en", { granularity: "grapheme" }) : null;
  }
  return segmenterCache;
}

/** The width of a string counted code point by code point (no clusters): 0, 1 or 2 each. */
export function codePointsWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x20 && c < 0x7f) width += 1;
    else if (ZERO_WIDTH.test(ch)) continue;
    else width += isWide(c) ? 2 : 1;
  }
  return width;
}

// Bisection over the [start, end] pairs.
function isWide(c: number): boolean {
  const ranges = WIDE_RANGES;
  if (c < ranges[0]!) return false;
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < ranges[2 * mid]!) hi = mid - 1;
    else if (c > ranges[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

type Align = "left" | "right";

/**
 * Text made safe for a terminal: control characters (C0 but the line feed, DEL, C1 — so an ANSI
 * escape sequence loses its ESC) become `\x1b`-style escapes, and the invisible characters that
 * reorder or break lines (bidirectional overrides and isolates, U+2028/U+2029) `\u202e`-style
 * ones. Used by every terminal renderer, so a name or id cannot recolour, move or hide the output.
 *
 * @example
 * visibleText("A01\u001b[2J王芳") //=> "A01\\x1b[2J王芳"
 */
export function visibleText(text: string, keepLineFeeds = true): string {
  const pattern = keepLineFeeds ? INVISIBLE : INVISIBLE_OR_LF;
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return text;
  pattern.lastIndex = 0;
  return text.replace(pattern, (ch) => {
    const c = ch.charCodeAt(0);
    return c <= 0xff ? `\\x${c.toString(16).padStart(2, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
  });
}

// Control characters are what these find.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const INVISIBLE_OR_LF = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** How a table fits a terminal: at most `width` columns wide, by wrapping the cells of column
 * `wrap` (a column of prose), else by splitting the columns into tables of their own that each
 * repeat the first `keep` columns (the row's key). */
export interface TableFit {
  readonly width?: number | undefined;
  readonly wrap?: number | undefined;
  readonly keep?: number | undefined;
}

// A wrapped column narrower than this reads worse than a table split in two.
const MIN_WRAP = 24;

/** Lays out rows as aligned columns (the first row is the header, underlined). Cells are shown
 * with {@link visibleText}, line feeds included, so a cell is always one line — unless `fit` lets
 * a prose column wrap. Given `fit.width`, no line is wider. */
export function textTable(rows: readonly (readonly string[])[], align: readonly Align[], fit: TableFit = {}): string {
  rows = rows.map((row) => row.map((cell) => visibleText(cell, false)));
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell));
    });
  }
  const total = widths.reduce((sum, w) => sum + w, 0) + 2 * Math.max(0, widths.length - 1);
  if (fit.width === undefined || total <= fit.width) return layout(rows, align, widths, null);
  if (fit.wrap !== undefined && fit.wrap < widths.length) {
    const room = fit.width - (total - widths[fit.wrap]!);
    if (room >= MIN_WRAP) {
      widths[fit.wrap] = room;
      return layout(rows, align, widths, fit.wrap);
    }
  }
  return splitColumns(rows, align, widths, fit.width, fit.keep ?? 1);
}

function layout(rows: readonly (readonly string[])[], align: readonly Align[], widths: number[], wrap: number | null): string {
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => {
        const pad = " ".repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell)));
        return align[i] === "right" ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  const lines = (row: readonly string[]): string[] => {
    if (wrap === null || displayWidth(row[wrap] ?? "") <= widths[wrap]!) return [line(row)];
    const parts = wrapText(row[wrap]!, widths[wrap]!);
    return parts.map((part, k) => line(row.map((cell, i) => (i === wrap ? part : k === 0 ? cell : ""))));
  };
  const [header, ...body] = rows;
  if (!header) return "";
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.flatMap(lines)].join("\n");
}

// Columns too many for the width: tables of consecutive columns, each led by the key columns.
function splitColumns(rows: readonly (readonly string[])[], align: readonly Align[], widths: number[], width: number, keep: number): string {
  const keyWidth = widths.slice(0, keep).reduce((sum, w) => sum + w + 2, 0);
  const blocks: number[][] = [];
  let block: number[] = [];
  let used = keyWidth;
  for (let i = keep; i < widths.length; i++) {
    if (block.length > 0 && used + widths[i]! > width) {
      blocks.push(block);
      block = [];
      used = keyWidth;
    }
    block.push(i);
    used += widths[i]! + 2;
  }
  if (block.length > 0) blocks.push(block);
  const keys = Array.from({ length: keep }, (_, i) => i);
  return blocks
    .map((cols) => {
      const picked = [...keys, ...cols];
      return layout(
        rows.map((row) => picked.map((i) => row[i] ?? "")),
        picked.map((i) => align[i] ?? "left"),
        picked.map((i) => widths[i]!),
        null,
      );
    })
    .join("\n\n");
}

const CLOSING = /^[，。；：、）」』】？！%]/;

/**
 * Text broken into lines of at most `width` columns: between words (after a space), or between
 * two Chinese characters; a word wider than the line is cut.
 *
 * @example
 * wrapText("first reply within 60 s", 12) //=> ["first reply", "within 60 s"]
 */
export function wrapText(text: string, width: number): string[] {
  // A closing mark (，。；：、）」 …) stays with what it closes: a line never starts with one.
  const tokens = text.match(/(?:[\x21-\x7e]+|[^\x21-\x7e])[，。；：、）」』】？！%]* */g) ?? [];
  const lines: string[] = [];
  let current = "";
  let used = 0;
  for (const raw of tokens) {
    let token = raw;
    let w = displayWidth(token.trimEnd());
    while (w > width) {
      // A word wider than a line: cut it where it fills the line.
      if (current !== "") {
        lines.push(current.trimEnd());
        current = "";
        used = 0;
      }
      let cut = 0;
      let taken = 0;
      for (const ch of token) {
        const cw = displayWidth(ch);
        if (taken + cw > width) break;
        taken += cw;
        cut += ch.length;
      }
      // Nor after a cut: a closing mark goes down with the character before it.
      while (cut > 1 && CLOSING.test(token.slice(cut, cut + 1))) cut--;
      lines.push(token.slice(0, cut));
      token = token.slice(cut);
      w = displayWidth(token.trimEnd());
    }
    if (token === "") continue;
    if (used + w > width && current !== "") {
      lines.push(current.trimEnd());
      current = "";
      used = 0;
    }
    current += token;
    used += displayWidth(token);
  }
  if (current.trimEnd() !== "" || lines.length === 0) lines.push(current.trimEnd());
  return lines;
}

/**
 * Lines of text fitted to `width`: a longer line is wrapped, its continuation indented two columns
 * past its own indent (tables laid out by {@link textTable} with the width are already fitted).
 */
export function fitLines(text: string, width: number): string {
  return text
    .split("\n")
    .flatMap((line) => {
      if (displayWidth(line) <= width) return [line];
      const indent = /^ */.exec(line)![0];
      const more = `${indent}  `;
      const [first = "", ...rest] = wrapText(line.slice(indent.length), width - more.length);
      return [indent + first, ...rest.map((part) => more + part)];
    })
    .join("\n");
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, a comma or a line break. A cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a CR — which Excel, LibreOffice and Sheets would run as
 * a formula (CSV injection) — gets a leading `'` (the OWASP rule), unless it is a plain number
 * such as `-5.00`, which a spreadsheet reads as that number.
 *
 * @example
 * csvCell("=HYPERLINK(\"http://x\")") //=> "\"'=HYPERLINK(\"\"http://x\"\")\""
 * csvCell("-5.00")                    //=> "-5.00"
 */
export function csvCell(value: string): string {
  const first = value.charCodeAt(0);
  const formula =
    (first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first === 0x09 || first === 0x0d) && !/^-\d+(\.\d+)?$/.test(value);
  const text = formula ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Whole seconds as `h:mm:ss` (`540` → `0:09:00`). */
export function hms(seconds: number): string {
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, "0");
  return `${Math.floor(seconds / 3600)}:${mm}:${String(seconds % 60).padStart(2, "0")}`;
}

/** A rate (a decimal fraction, as text) as a percentage with at least two decimals: 0.9583 → 95.83%, exactly. */
export function percent(rate: string): string {
  const [whole = "0", frac = ""] = rate.split(".");
  const digits = `${whole}${frac.slice(0, 2).padEnd(2, "0")}`.replace(/^0+(?=\d)/, "");
  return `${digits}.${frac.slice(2).padEnd(2, "0")}%`;
}
