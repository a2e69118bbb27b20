/**
 * Text primitives every renderer shares: terminal display width, escaping invisible characters,
 * aligned text tables and CSV cells (with formula injection neutralised).
 */

/**
 * Display width of a string in a terminal: East Asian wide and full-width characters take 2 columns.
 *
 * @example
 * displayWidth("王芳 A01") //=> 8
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0x303e) ||
      (c >= 0x3041 && c <= 0x33ff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xa000 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
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

/** Lays out rows as aligned columns (the first row is the header, underlined). Cells are shown
 * with {@link visibleText}, line feeds included, so a cell is always one line. */
export function textTable(rows: readonly (readonly string[])[], align: readonly Align[]): string {
  rows = rows.map((row) => row.map((cell) => visibleText(cell, false)));
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell));
    });
  }
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => {
        const pad = " ".repeat((widths[i] ?? 0) - displayWidth(cell));
        return align[i] === "right" ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  const [header, ...body] = rows;
  if (!header) return "";
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
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
