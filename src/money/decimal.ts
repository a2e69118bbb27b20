/**
 * Decimal arithmetic for pay lines (rates × amounts). The only place that imports decimal.js, and
 * only through a private clone: the library never changes decimal.js's global configuration.
 */
import DecimalJs from "decimal.js";

/** kefu-kpi's private Decimal: 40 significant digits, ROUND_HALF_UP. */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

const MONEY = /^-?\d+(\.\d+)?$/;

/**
 * Reads a decimal string (money or a rate) exactly.
 *
 * @example
 * toDecimal("0.05").times("1234.50").toFixed(2) //=> "61.73"
 */
export function toDecimal(value: string): Decimal {
  if (!MONEY.test(value)) throw new RangeError(`"${value}" is not a decimal number`);
  return new Decimal(value);
}

/**
 * Rounds to the fen (0.01) with ROUND_HALF_UP, as every pay line is (README, Exactness, time and determinism).
 *
 * @example
 * roundMoney(toDecimal("61.725")) //=> "61.73"
 * roundMoney(toDecimal("-0.005")) //=> "-0.01"
 */
export function roundMoney(value: Decimal): string {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/**
 * Multiplies an amount by a rate and rounds the product to the fen.
 *
 * @example
 * multiplyMoney("1234.50", "0.05") //=> "61.73"
 */
export function multiplyMoney(amount: string, rate: string): string {
  return roundMoney(toDecimal(amount).times(toDecimal(rate)));
}

/**
 * Sums money strings exactly (each is expected to be already rounded to the fen).
 *
 * @example
 * sumMoney(["0.10", "0.20"]) //=> "0.30"
 */
export function sumMoney(values: readonly string[]): string {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(toDecimal(v));
  return roundMoney(total);
}

/**
 * The exact quotient of two integers (or decimal strings), rounded to `places` decimals with
 * ROUND_HALF_UP: how rates and means are printed (KPIs). `null` when the denominator is zero.
 *
 * @example
 * ratio(2, 3, 4) //=> "0.6667"
 * ratio(1, 0, 4) //=> null
 */
export function ratio(numerator: number | string, denominator: number | string, places: number): string | null {
  if (typeof numerator === "number" && typeof denominator === "number") {
    const quick = integerRatio(numerator, denominator, places);
    if (quick !== null) return quick;
  }
  const d = new Decimal(denominator);
  if (d.isZero()) return null;
  return new Decimal(numerator).dividedBy(d).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}

const TENS = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/**
 * {@link ratio} of two non-negative integers by integer arithmetic, exact while every intermediate
 * stays below 2^53 (a KPI's counts, seconds and fen always do); null otherwise (and for a zero
 * denominator), leaving the answer to decimal.js. A month's trend asks it of every metric of every
 * agent of every day.
 */
function integerRatio(num: number, den: number, places: number): string | null {
  const scale = TENS[places];
  if (scale === undefined || !Number.isSafeInteger(num) || !Number.isSafeInteger(den) || num < 0 || den <= 0) return null;
  const scaled = num * scale;
  if (!(scaled * 2 <= Number.MAX_SAFE_INTEGER && den * 2 <= Number.MAX_SAFE_INTEGER)) return null;
  // The quotient by floating division, corrected to the exact integer one by its remainder.
  let q = Math.floor(scaled / den);
  let r = scaled - q * den;
  while (r < 0) {
    q--;
    r += den;
  }
  while (r >= den) {
    q++;
    r -= den;
  }
  if (r * 2 >= den) q++; // ROUND_HALF_UP
  if (places === 0) return String(q);
  const digits = String(q).padStart(places + 1, "0");
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/**
 * The exact sum of decimal strings, rounded to `places` decimals (ROUND_HALF_UP) — e.g. the sum of
 * several agents' means, to be divided again by {@link ratio}.
 *
 * @example
 * sumDecimals(["0.10", "0.25"], 2) //=> "0.35"
 */
export function sumDecimals(values: readonly string[], places: number): string {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(toDecimal(v));
  return total.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}

/**
 * The exact difference a − b of two decimal strings, with as many decimals as the longer has (a
 * change between two values of one metric).
 *
 * @example
 * differenceOfDecimals("0.9500", "0.9667") //=> "-0.0167"
 */
export function differenceOfDecimals(a: string, b: string): string {
  const places = Math.max(a.split(".")[1]?.length ?? 0, b.split(".")[1]?.length ?? 0);
  const d = toDecimal(a).minus(toDecimal(b));
  return (d.isZero() ? new Decimal(0) : d).toFixed(places);
}

/**
 * Compares two decimal strings exactly: -1, 0 or 1.
 *
 * @example
 * compareDecimals("0.95", "0.950") //=> 0
 */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  return toDecimal(a).comparedTo(toDecimal(b)) as -1 | 0 | 1;
}

/**
 * An exact decimal as money text: two decimals, or all of them when there are more (a split share
 * of an amount, e.g. 70 % of 1.01), so nothing is rounded away.
 *
 * @example
 * exactMoney(toDecimal("8400")) //=> "8400.00"
 * exactMoney(toDecimal("0.707")) //=> "0.707"
 */
export function exactMoney(value: Decimal): string {
  return value.decimalPlaces() <= 2 ? value.toFixed(2) : value.toFixed();
}

/**
 * The mean of several exact ratios `numerator / denominator`, computed exactly (BigInt fractions)
 * and rounded once to `places` decimals (ROUND_HALF_UP): the shop's mean of its agents' mean
 * response times, without rounding each agent's mean first. `null` when there is no ratio.
 *
 * @example
 * meanOfRatios([[88, 100], [13, 100]], 2) //=> { value: "0.51", sum: "1.01" } // (0.88 + 0.13) / 2 = 0.505
 * meanOfRatios([[7, 8], [1, 8]], 2) //=> { value: "0.50", sum: "1.00" }
 */
export function meanOfRatios(ratios: readonly (readonly [number, number])[], places: number): { value: string; sum: string } | null {
  if (ratios.length === 0) return null;
  let p = 0n;
  let q = 1n;
  for (const [a, b] of ratios) {
    const num = BigInt(a);
    const den = BigInt(b);
    p = p * den + num * q;
    q = q * den;
    const g = gcd(p, q);
    if (g > 1n) {
      p /= g;
      q /= g;
    }
  }
  const rounded = (num: bigint, den: bigint, digits: number): string => {
    const scale = 10n ** BigInt(digits);
    const r = (2n * num * scale + den) / (2n * den);
    const whole = r / scale;
    const frac = (r % scale).toString().padStart(digits, "0");
    return digits === 0 ? whole.toString() : `${whole}.${frac}`;
  };
  return { value: rounded(p, q * BigInt(ratios.length), places), sum: rounded(p, q, places) };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
