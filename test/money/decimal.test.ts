import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal, multiplyMoney, ratio, roundMoney, sumMoney, toDecimal } from "../../src/money/decimal.js";
import DecimalJs from "decimal.js";

describe("toDecimal", () => {
  it("reads decimal strings exactly", () => {
    expect(toDecimal("0.1").plus(toDecimal("0.2")).toString()).toBe("0.3");
    expect(toDecimal("-12.50").toFixed(2)).toBe("-12.50");
    expect(toDecimal("123456789012345678901234567890.01").toFixed(2)).toBe("123456789012345678901234567890.01");
  });

  it.each(["", "abc", "1e3", "1.", ".5", "+1", " 1", "1,000", "NaN", "Infinity"])("rejects %j", (text) => {
    expect(() => toDecimal(text)).toThrow(RangeError);
  });
});

describe("roundMoney", () => {
  it.each([
    ["61.725", "61.73"],
    ["61.724999", "61.72"],
    ["0.005", "0.01"],
    ["0.004", "0.00"],
    ["-0.005", "-0.01"], // half away from zero, as ROUND_HALF_UP
    ["-0.015", "-0.02"],
    ["-0.0049", "0.00"], // no "-0.00"
    ["-0.001", "0.00"],
    ["2.5", "2.50"],
    ["1", "1.00"],
    ["999999999999.995", "1000000000000.00"],
  ])("rounds %s to %s", (value, expected) => {
    expect(roundMoney(toDecimal(value))).toBe(expected);
  });
});

describe("multiplyMoney", () => {
  it.each([
    ["1234.50", "0.05", "61.73"], // 61.725 → half up
    ["1234.50", "0.03", "37.04"], // 37.035
    ["100.00", "0.015", "1.50"],
    ["0.10", "0.05", "0.01"], // 0.005
    ["0.10", "0.04", "0.00"], // 0.004
    ["-0.10", "0.05", "-0.01"], // -0.005
    ["128.50", "1", "128.50"],
    ["0.00", "0.33", "0.00"],
  ])("%s × %s = %s", (amount, rate, expected) => {
    expect(multiplyMoney(amount, rate)).toBe(expected);
  });

  it("rejects non-decimal inputs", () => {
    expect(() => multiplyMoney("1e2", "0.05")).toThrow(RangeError);
    expect(() => multiplyMoney("100", "5%")).toThrow(RangeError);
  });
});

describe("sumMoney", () => {
  it("sums exactly where floats do not", () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the reason for decimals
    expect(sumMoney(["0.10", "0.20"])).toBe("0.30");
    expect(sumMoney(Array.from({ length: 10 }, () => "0.10"))).toBe("1.00");
  });

  it("handles empty lists, negatives and large totals", () => {
    expect(sumMoney([])).toBe("0.00");
    expect(sumMoney(["10.00", "-2.35"])).toBe("7.65");
    expect(sumMoney(["-0.05", "0.05"])).toBe("0.00");
    expect(sumMoney(["90071992547409.91", "0.10"])).toBe("90071992547410.01"); // beyond 2^53 fen
  });

  it("rejects a malformed member", () => {
    expect(() => sumMoney(["1.00", "two"])).toThrow(/"two" is not a decimal number/);
  });
});

describe("Decimal clone", () => {
  it("does not change decimal.js's global configuration", () => {
    expect(DecimalJs.precision).toBe(20);
    expect(DecimalJs.rounding).toBe(DecimalJs.ROUND_HALF_UP);
    expect(Decimal.precision).toBe(40);
    expect(Decimal).not.toBe(DecimalJs);
  });
});

describe("money laws (property)", () => {
  // Money strings with 2 decimals, built from integer fen (BigInt, independent of the code under test).
  const money = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map((f) => {
    const abs = f < 0n ? -f : f;
    return `${f < 0n ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
  });
  const fenOf = (s: string): bigint => BigInt(s.replace(".", ""));

  it("sumMoney is the exact integer-fen sum, in any order", () => {
    fc.assert(
      fc.property(fc.array(money, { maxLength: 20 }), (values) => {
        const total = values.reduce((acc, v) => acc + fenOf(v), 0n);
        expect(fenOf(sumMoney(values))).toBe(total);
        expect(sumMoney([...values].reverse())).toBe(sumMoney(values));
      }),
    );
  });

  it("sumMoney has zero as identity", () => {
    fc.assert(
      fc.property(money, (a) => {
        expect(sumMoney([a, "0.00"])).toBe(sumMoney([a]));
      }),
    );
  });

  it("multiplyMoney rounds half away from zero (checked with BigInt arithmetic)", () => {
    // rate with 4 decimals: product in units of 1e-6 yuan; fen = round-half-up(product / 10^4)
    fc.assert(
      fc.property(money, fc.integer({ min: 0, max: 10_000 }), (a, rateUnits) => {
        const rate = `${Math.floor(rateUnits / 10_000)}.${String(rateUnits % 10_000).padStart(4, "0")}`;
        const product = fenOf(a) * BigInt(rateUnits); // units of 1e-6 yuan
        const abs = product < 0n ? -product : product;
        let fen = abs / 10_000n;
        if (abs % 10_000n >= 5_000n) fen += 1n;
        const expected = `${product < 0n && fen !== 0n ? "-" : ""}${fen / 100n}.${(fen % 100n).toString().padStart(2, "0")}`;
        expect(multiplyMoney(a, rate)).toBe(expected);
      }),
    );
  });
});

describe("ratio", () => {
  // The integer path (counts, seconds, fen) against decimal.js's exact division, at every size it takes and beyond.
  const exact = (n: number | string, d: number | string, places: number) =>
    new Decimal(n).dividedBy(new Decimal(d)).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
  it("equals decimal.js's exact quotient rounded half up, for small and huge integers", () => {
    const int = fc.oneof(fc.nat(1000), fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
    fc.assert(
      fc.property(int, int.filter((d) => d > 0), fc.constantFrom(0, 2, 4), (n, d, places) => {
        expect(ratio(n, d, places)).toBe(exact(n, d, places));
      }),
      { numRuns: 3000 },
    );
  });
  it("rounds exact halves up and keeps leading zeros", () => {
    expect(ratio(1, 8, 2)).toBe("0.13"); // 0.125
    expect(ratio(5, 2, 0)).toBe("3");
    expect(ratio(1, 20000, 4)).toBe("0.0001"); // 0.00005
    expect(ratio(1, 20001, 4)).toBe("0.0000");
    expect(ratio(2, 3, 4)).toBe("0.6667");
    expect(ratio(0, 7, 2)).toBe("0.00");
    expect(ratio(1, 0, 4)).toBeNull();
  });
  it("takes what the integer path does not (negative, fractional, text) through decimal.js", () => {
    expect(ratio(-1, 8, 2)).toBe(exact(-1, 8, 2));
    expect(ratio(0.5, 3, 4)).toBe("0.1667");
    expect(ratio("10.5", "4", 2)).toBe("2.63");
    expect(ratio(Number.MAX_SAFE_INTEGER, 3, 4)).toBe(exact(Number.MAX_SAFE_INTEGER, 3, 4));
  });
});
