/**
 * Money in hot loops: integer fen (分) held in JS numbers. Every value is an integer, so sums are
 * exact while they stay below 2^53 fen (≈ 90 trillion yuan); {@link formatFen} refuses anything
 * beyond that instead of printing an inexact figure.
 */
import { describeValue } from "../input.js";

/** Largest single amount accepted: 10 billion yuan, in fen. */
export const MAX_AMOUNT_FEN = 1_000_000_000_000;

/** Why {@link parseFen} rejected a value (returned as a negative sentinel). */
export const FenError = {
  malformed: -1,
  negative: -2,
  tooPrecise: -3,
  tooLarge: -4,
  missing: -5,
} as const;

/**
 * Reads a CNY amount given as a decimal string (`"123.45"`, `"123.4"`, `"123"`) into integer fen.
 * A JS number is accepted only through its shortest decimal form (`123.45` → `"123.45"`), so a
 * float that does not print as a 2-decimal amount (e.g. `0.1 + 0.2`) is rejected, never rounded.
 *
 * @param value - the amount
 * @returns fen (≥ 0), or a negative {@link FenError} code
 * @example
 * parseFen("128.5") //=> 12850
 * parseFen("-1") //=> FenError.negative
 * parseFen("1.005") //=> FenError.tooPrecise
 */
export function parseFen(value: unknown): number {
  let s: string;
  if (typeof value === "string") s = value;
  else if (typeof value === "number") {
    if (!Number.isFinite(value)) return FenError.malformed;
    s = String(value);
  } else if (value === undefined || value === null) return FenError.missing;
  else return FenError.malformed;
  const n = s.length;
  if (n === 0) return FenError.missing;
  let i = 0;
  let negative = false;
  if (s.charCodeAt(0) === 45 /* - */) {
    negative = true;
    i = 1;
  }
  let whole = 0;
  let digits = 0;
  // Significant digits of the whole part: leading zeros (`"007.00"`) do not make an amount large.
  let significant = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
    digits++;
    if (whole !== 0) significant++;
  }
  if (digits === 0) return FenError.malformed;
  let frac = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 46 /* . */) return FenError.malformed;
    i++;
    let fracDigits = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return FenError.malformed;
      fracDigits++;
      if (fracDigits > 2) {
        if (c !== 0) return FenError.tooPrecise;
      } else frac += fracDigits === 1 ? c * 10 : c;
    }
    if (fracDigits === 0) return FenError.malformed;
  }
  if (significant > 11 || whole * 100 + frac > MAX_AMOUNT_FEN) return FenError.tooLarge;
  const fen = whole * 100 + frac;
  if (negative) return fen === 0 ? 0 : FenError.negative;
  return fen;
}

/** The message for a {@link FenError} code, naming the value and what was expected. */
export function describeFenError(code: number, value: unknown): string {
  const shown = typeof value === "string" ? `"${value}"` : typeof value === "number" ? String(value) : describeValue(value);
  switch (code) {
    case FenError.negative:
      return `${shown} is negative; expected an amount ≥ 0`;
    case FenError.tooPrecise:
      return `${shown} has more than 2 decimals; expected yuan to the fen, like 123.45`;
    case FenError.tooLarge:
      return `${shown} is larger than ${MAX_AMOUNT_FEN / 100} yuan`;
    case FenError.missing:
      return `is missing; expected an amount like 123.45`;
    default:
      return `${shown} is not an amount; expected a decimal string like 123.45`;
  }
}

/**
 * Formats integer fen as a decimal string with exactly 2 decimals.
 *
 * @example
 * formatFen(12850) //=> "128.50"
 * formatFen(-5) //=> "-0.05"
 */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) {
    throw new RangeError(`money total ${fen} fen is outside the exactly representable range`);
  }
  const negative = fen < 0;
  const abs = negative ? -fen : fen;
  const yuan = Math.floor(abs / 100);
  const cents = abs - yuan * 100;
  return `${negative ? "-" : ""}${yuan}.${cents < 10 ? "0" : ""}${cents}`;
}
