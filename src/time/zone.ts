/**
 * A shop time zone: UTC offsets looked up through @date-fns/tz and cached per hour, so reading
 * millions of wall times costs one Map lookup each. Instances are created per call (no global state).
 */
import { tzOffset } from "@date-fns/tz";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Is `name` an IANA time zone this runtime knows? */
export function isValidTimeZone(name: string): boolean {
  if (typeof name !== "string" || name.length === 0) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Milliseconds of a wall time read as if it were UTC, by the days-from-civil arithmetic
 * (H. Hinnant): no Date object, valid for the whole Date range. Fields may overflow (minute 90).
 */
export function wallMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * 86_400_000 + hour * HOUR + minute * MINUTE + second * 1000 + ms;
}

/** Wall-clock fields of an instant in a zone. */
export interface WallTime {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** UTC offset in minutes (east positive). */
  readonly offset: number;
}

/**
 * How a wall time the clocks show twice (the hour repeated when they go back) is read: `error`
 * (the default: it must carry its offset), or the `earlier` or `later` of its two instants.
 */
export type AmbiguousTimes = "error" | "earlier" | "later";

/** A time zone with cached offsets. Create one per computation with {@link createZone}. */
export interface Zone {
  readonly name: string;
  /** How `parseInstant` reads a wall time that names two instants (see {@link AmbiguousTimes}). */
  readonly ambiguousTimes: AmbiguousTimes;
  /** UTC offset (minutes, east positive) in force at the instant. */
  offsetAt(utcMs: number): number;
  /** The instant of a wall-clock time in this zone, for period boundaries (see {@link createZone} for gaps and overlaps). */
  fromWall(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number;
  /** The wall-clock fields of an instant in this zone. */
  wallOf(utcMs: number): WallTime;
  /**
   * The instant of midnight of a wall day (a valid date) when one offset holds from a day before
   * it to a day after it, so that every wall time of the day is that instant plus its time of
   * day; NaN when the offset changes near the day (read its wall times one by one). Remembered
   * per day: reading millions of wall times costs one table read each.
   */
  steadyDay(year: number, month: number, day: number): number;
}

/**
 * Creates a {@link Zone}. Reading data (`parseInstant`), a wall time that does not exist (in a
 * daylight-saving gap) is an error, and one that exists twice (in an overlap) is an error unless
 * `options.ambiguousTimes` picks the earlier or later instant. Period boundaries (`fromWall`, a
 * day starting at a time the clocks skip) resolve with the offset in force just before the
 * transition: in an overlap that is the earlier instant (2020-11-01 01:30 in Los Angeles → 01:30
 * PDT); in a gap it moves the reading forward by the gap's length (2020-03-08 02:30 → 03:30 PDT),
 * as `Temporal`'s "compatible" choice does.
 *
 * @param name - an IANA zone name
 * @param options - `ambiguousTimes` (default `error`)
 * @example
 * const zone = createZone("Asia/Shanghai")
 * new Date(zone.fromWall(2020, 2, 21, 9, 0, 0, 0)).toISOString() //=> "2020-02-21T01:00:00.000Z"
 */
export function createZone(name: string, options: { readonly ambiguousTimes?: AmbiguousTimes } = {}): Zone {
  if (!isValidTimeZone(name)) throw new RangeError(`unknown time zone "${name}"`);
  const ambiguousTimes = options.ambiguousTimes ?? "error";
  if (ambiguousTimes !== "error" && ambiguousTimes !== "earlier" && ambiguousTimes !== "later") {
    throw new RangeError(`ambiguousTimes must be error, earlier or later`);
  }
  // Offsets per UTC hour in a typed array around the first hour asked (≈ 30 years), so a lookup is
  // one array read; an hour in which the offset changes is marked MIXED and computed exactly.
  // Hours outside the window go through a Map. Offsets are whole minutes, returned as small ints.
  const UNKNOWN = 0x7fffffff;
  const MIXED = 0x7ffffffe;
  const SPAN = 1 << 18;
  let base = NaN;
  let table: Int32Array | null = null;
  const far = new Map<number, number>();
  // Offsets are kept in whole minutes (what an ISO offset `+08:00` can say): the local mean times
  // of the 19th century (`+08:05:43`) are rounded to the minute, so every lookup of an hour, cached
  // in the Int32Array or not, gives the same answer.
  const exact = (ms: number): number => {
    const o = Math.round(tzOffset(name, new Date(ms)));
    return o === 0 ? 0 : o;
  };
  const hourOffset = (hour: number): number => {
    const start = exact(hour * HOUR);
    return start === exact(hour * HOUR + HOUR - 1) ? start : MIXED;
  };
  const offsetAt = (utcMs: number): number => {
    const hour = Math.floor(utcMs / HOUR);
    if (table === null) {
      table = new Int32Array(SPAN).fill(UNKNOWN);
      base = hour - SPAN / 2;
    }
    const slot = hour - base;
    let o: number;
    if (slot >= 0 && slot < SPAN) {
      o = table[slot]!;
      if (o === UNKNOWN) o = table[slot] = hourOffset(hour);
    } else {
      const cached = far.get(hour);
      o = cached ?? hourOffset(hour);
      if (cached === undefined) far.set(hour, o);
    }
    return o === MIXED ? exact(utcMs) : o;
  };
  // Wall days whose offset holds around them, direct-mapped by (year, month, day).
  const DAYS = 1024;
  const dayKeys = new Int32Array(DAYS).fill(-1);
  const dayStarts = new Float64Array(DAYS);
  const steadyDay = (year: number, month: number, day: number): number => {
    const key = (year * 16 + month) * 32 + day;
    const slot = key & (DAYS - 1);
    if (dayKeys[slot] === key) return dayStarts[slot]!;
    const naive = wallMs(year, month, day, 0, 0, 0, 0);
    // The 72 hours from a day before the wall day to a day after it: one offset, or NaN.
    const first = Math.floor((naive - DAY) / HOUR);
    const o = offsetAt(first * HOUR);
    let start = naive - o * MINUTE;
    for (let h = first; h < first + 72 && start === start; h++) if (offsetAt(h * HOUR) !== o || offsetAt(h * HOUR + HOUR - 1) !== o) start = NaN;
    dayKeys[slot] = key;
    dayStarts[slot] = start;
    return start;
  };
  const fromWall: Zone["fromWall"] = (year, month, day, hour, minute, second, ms) => {
    const naive = wallMs(year, month, day, hour, minute, second, ms);
    // Every instant the wall time can name lies within 14 h of `naive`, so the offsets a day
    // before and a day after are those on either side of any transition near it.
    const before = offsetAt(naive - DAY);
    const early = naive - before * MINUTE;
    // The usual case, and in an overlap the earlier instant (the offset before the transition).
    if (offsetAt(early) === before) return early;
    const after = offsetAt(naive + DAY);
    const late = naive - after * MINUTE;
    if (offsetAt(late) === after) return late;
    // In a gap no offset fits: read the wall time with the offset in force before the transition
    // (2020-03-08 02:30 in Los Angeles → 03:30 PDT).
    return early;
  };
  const wallOf = (utcMs: number): WallTime => {
    const offset = offsetAt(utcMs);
    const d = new Date(utcMs + offset * MINUTE);
    const dow = d.getUTCDay();
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
      weekday: dow === 0 ? 7 : dow,
      offset,
    };
  };
  return { name, ambiguousTimes, offsetAt, fromWall, wallOf, steadyDay };
}

/**
 * The shop zone of a policy: its `timeZone`, reading a wall time that names two instants as its
 * `ambiguousTimes` says.
 */
export function zoneOf(policy: { readonly timeZone: string; readonly ambiguousTimes?: AmbiguousTimes }): Zone {
  return createZone(policy.timeZone, policy.ambiguousTimes === undefined ? {} : { ambiguousTimes: policy.ambiguousTimes });
}
