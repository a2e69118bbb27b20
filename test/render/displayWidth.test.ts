// displayWidth by Unicode's East Asian Width and grapheme clusters: the cases a text table of
// Chinese names, emoji and accented Latin meets.
import { readFileSync, existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { displayWidth, textTable } from "../../src/render/index.js";
import { codePointsWidth } from "../../src/render/text.js";
import { UNICODE_VERSION, WIDE_RANGES } from "../../src/render/eastAsianWidth.js";

const CASES: [string, string, number][] = [
  ["ASCII", "A01 tb_buyer", 12],
  ["Chinese name and id", "王芳 A01", 8],
  ["emoji (W)", "😀", 2],
  ["e + combining acute", "e\u0301", 1],
  ["precomposed é", "é", 1],
  ["halfwidth katakana (H)", "ｱ", 1],
  ["halfwidth ka + voiced mark", "ｶﾞ", 2],
  ["fullwidth Latin (F)", "Ａ", 2],
  ["ideographic space (F)", "\u3000", 2],
  ["Hangul syllables", "한국어", 6],
  ["conjoining Hangul jamo", "\u1100\u1161\u11a8", 2],
  ["CJK extension B", "𠀀", 2],
  ["unassigned plane-2 code point (defaults to W)", "\u{2fff0}", 2],
  ["ambiguous (A) circled digit", "①", 1],
  ["zero-width space (Cf)", "\u200b", 0],
  ["soft hyphen (shown)", "\u00ad", 1],
  ["heart without the emoji selector (N)", "❤", 1],
  ["heart with the emoji selector", "❤️", 2],
  ["ZWJ family", "👨‍👩‍👧", 2],
  ["thumbs up with a skin tone", "👍🏽", 2],
  ["flag (two regional indicators)", "🇨🇳", 2],
  ["empty", "", 0],
];

describe("displayWidth", () => {
  it.each(CASES)("%s: %j is %i columns", (_, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it("counts code point by code point where the platform has no Intl.Segmenter: the same but for emoji sequences", () => {
    for (const [what, text, width] of CASES) {
      if (/\u200d|\ufe0f|\u{1f3fb}|\u{1f3fc}|\u{1f3fd}|\u{1f3fe}|\u{1f3ff}/u.test(text)) continue;
      expect(codePointsWidth(text), what).toBe(width);
    }
    expect(codePointsWidth("👍🏽")).toBe(4); // the modifier is wide on its own
  });

  it("aligns a table of Chinese names and emoji by columns", () => {
    const lines = textTable([["name", "id"], ["王芳😀", "A01"], ["Zoë", "A02"]], ["left", "left"]).split("\n");
    expect(lines).toEqual(["name    id", "------  ---", "王芳😀  A01", "Zoë     A02"]);
  });

  it("uses a width table that is sorted, merged and matches the Unicode data where it is installed", () => {
    expect(WIDE_RANGES.slice(0, 2)).toEqual([0x1100, 0x115f]); // Hangul Choseong, the first wide block
    expect(WIDE_RANGES.length).toBeGreaterThan(200);
    // Sorted, and merged: each range starts at least two past the previous one's end.
    for (let i = 1; i < WIDE_RANGES.length; i++) expect(i % 2 === 1 ? WIDE_RANGES[i]! >= WIDE_RANGES[i - 1]! : WIDE_RANGES[i]! > WIDE_RANGES[i - 1]! + 1).toBe(true);
    const file = "/usr/share/unicode/EastAsianWidth.txt";
    if (!existsSync(file)) return; // the generator's source (Debian's unicode-data) is not needed to run the suite
    const text = readFileSync(file, "utf8");
    if (!text.includes(`EastAsianWidth-${UNICODE_VERSION}.txt`)) return;
    for (const line of text.split("\n")) {
      const m = /^([0-9A-F]{4,6})(?:\.\.([0-9A-F]{4,6}))?;(\w+)/.exec(line);
      if (!m) continue;
      const from = parseInt(m[1]!, 16);
      const wide = m[3] === "W" || m[3] === "F";
      // The first and last code point of each listed range: wide exactly when W or F.
      for (const c of [from, parseInt(m[2] ?? m[1]!, 16)]) {
        const inTable = WIDE_RANGES.some((_, i) => i % 2 === 0 && c >= WIDE_RANGES[i]! && c <= WIDE_RANGES[i + 1]!);
        expect(inTable, m[0]).toBe(wide);
      }
    }
  });
});
