import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FenError, MAX_AMOUNT_FEN, describeFenError, formatFen, parseFen } from "../../src/money/fen.js";
import { sumMoney } from "../../src/money/decimal.js";

describe("parseFen", () => {
  it.each([
    ["123.45", 12345],
    ["123.4", 12340],
    ["123", 12300],
    ["0", 0],
    ["0.00", 0],
    ["0.01", 1],
    ["128.5", 12850],
    ["1.000", 100], // trailing zeros beyond the fen are harmless
    ["1.10000", 110],
    ["007.00", 700], // leading zeros are harmless too
  ])("reads %j as %i fen", (text, fen) => {
    expect(parseFen(text)).toBe(fen);
  });

  it('reads "-0" and "-0.00" as zero, not as a negative amount', () => {
    expect(parseFen("-0")).toBe(0);
    expect(parseFen("-0.00")).toBe(0);
  });

  it("rejects negative amounts", () => {
    expect(parseFen("-1")).toBe(FenError.negative);
    expect(parseFen("-0.01")).toBe(FenError.negative);
    expect(parseFen(-5)).toBe(FenError.negative);
  });

  it("rejects a third non-zero decimal instead of rounding it", () => {
    expect(parseFen("1.005")).toBe(FenError.tooPrecise);
    expect(parseFen("0.001")).toBe(FenError.tooPrecise);
    expect(parseFen("1.0001")).toBe(FenError.tooPrecise);
  });

  it.each(["abc", "1e3", " 1", "1 ", "1,234.50", "1.", ".5", "-", "+1", "1.2.3", "1.-2", "¥1", "１２"])(
    "rejects %j as malformed",
    (text) => {
      expect(parseFen(text)).toBe(FenError.malformed);
    },
  );

  it("treats empty, null and undefined as missing", () => {
    expect(parseFen("")).toBe(FenError.missing);
    expect(parseFen(null)).toBe(FenError.missing);
    expect(parseFen(undefined)).toBe(FenError.missing);
  });

  it("rejects values that are neither text nor numbers", () => {
    expect(parseFen(true)).toBe(FenError.malformed);
    expect(parseFen({})).toBe(FenError.malformed);
    expect(parseFen([1])).toBe(FenError.malformed);
    expect(parseFen(12345n)).toBe(FenError.malformed);
  });

  it("accepts a JS number only through its shortest decimal form", () => {
    expect(parseFen(123.45)).toBe(12345);
    expect(parseFen(128.5)).toBe(12850);
    expect(parseFen(0)).toBe(0);
    expect(parseFen(-0)).toBe(0);
    // 0.1 + 0.2 prints as 0.30000000000000004: rejected, never rounded to 30 fen
    expect(parseFen(0.1 + 0.2)).toBe(FenError.tooPrecise);
    expect(parseFen(Number.NaN)).toBe(FenError.malformed);
    expect(parseFen(Number.POSITIVE_INFINITY)).toBe(FenError.malformed);
    expect(parseFen(1e21)).toBe(FenError.malformed); // prints as "1e+21"
  });

  it("accepts the maximum amount (10 billion yuan) and rejects one fen more", () => {
    expect(MAX_AMOUNT_FEN).toBe(10_000_000_000 * 100);
    expect(parseFen("10000000000")).toBe(MAX_AMOUNT_FEN);
    expect(parseFen("10000000000.00")).toBe(MAX_AMOUNT_FEN);
    expect(parseFen("9999999999.99")).toBe(MAX_AMOUNT_FEN - 1);
    expect(parseFen("10000000000.01")).toBe(FenError.tooLarge);
    expect(parseFen("99999999999")).toBe(FenError.tooLarge);
    // 30 digits would lose precision in a double: still rejected as too large, not misread
    expect(parseFen("1".repeat(30))).toBe(FenError.tooLarge);
  });

  it("does not count leading zeros toward the size limit", () => {
    // 13 digits, but the amount is 1 yuan
    expect(parseFen("0000000000001")).toBe(100);
    expect(parseFen("0000000000000.50")).toBe(50);
    expect(parseFen("00000000010000000000.01")).toBe(FenError.tooLarge);
  });
});

describe("describeFenError", () => {
  it("names the value and what was expected", () => {
    expect(describeFenError(FenError.negative, "-1")).toBe('"-1" is negative; expected an amount ≥ 0');
    expect(describeFenError(FenError.tooPrecise, "1.005")).toContain('"1.005" has more than 2 decimals');
    expect(describeFenError(FenError.tooLarge, "99999999999")).toBe('"99999999999" is larger than 10000000000 yuan');
    expect(describeFenError(FenError.malformed, "1,234.50")).toContain('"1,234.50" is not an amount');
    expect(describeFenError(FenError.malformed, "1,234.50")).toContain("123.45");
    expect(describeFenError(FenError.missing, "")).toBe("is missing; expected an amount like 123.45");
  });

  it("shows numbers without quotes", () => {
    expect(describeFenError(FenError.tooPrecise, 0.1 + 0.2)).toContain("0.30000000000000004 has more than 2 decimals");
  });

  it("describes what parseFen returned for each kind of bad value", () => {
    for (const bad of ["-3", "1.005", "abc", "", "99999999999"]) {
      const message = describeFenError(parseFen(bad), bad);
      if (bad !== "") expect(message).toContain(`"${bad}"`);
      else expect(message).toContain("missing");
    }
  });
});

describe("formatFen", () => {
  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [10, "0.10"],
    [100, "1.00"],
    [12850, "128.50"],
    [12345, "123.45"],
    [-5, "-0.05"],
    [-12850, "-128.50"],
    [-0, "0.00"],
    [Number.MAX_SAFE_INTEGER, "90071992547409.91"],
  ])("formats %d fen as %j", (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it("refuses integers beyond 2^53 and non-integers", () => {
    expect(() => formatFen(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => formatFen(-(2 ** 60))).toThrow(/outside the exactly representable range/);
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
    expect(() => formatFen(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("fen laws (property)", () => {
  // Below 2^52 fen so that a + b stays a safe integer.
  const fen = fc.integer({ min: -(2 ** 52), max: 2 ** 52 });

  it("formatFen(a + b) equals the decimal sum of formatFen(a) and formatFen(b)", () => {
    fc.assert(
      fc.property(fen, fen, (a, b) => {
        expect(formatFen(a + b)).toBe(sumMoney([formatFen(a), formatFen(b)]));
      }),
    );
  });

  it("parseFen(formatFen(a)) === a for every amount up to the maximum", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_FEN }), (a) => {
        expect(parseFen(formatFen(a))).toBe(a);
      }),
    );
  });

  it("formatFen agrees with an independent BigInt rendering", () => {
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (a) => {
        const big = BigInt(a);
        const abs = big < 0n ? -big : big;
        const expected = `${big < 0n ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
        expect(formatFen(a)).toBe(expected);
      }),
    );
  });
});
