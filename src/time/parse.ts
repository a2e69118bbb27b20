/**
 * Reading instants. Accepted forms (README, Exactness, time and determinism):
 * - ISO 8601 with an offset: `2020-02-21T09:00:00+08:00`, `2020-02-21T01:00Z`, `…+0800`, a space for T;
 * - local wall time in the shop zone: `2020-02-21 09:00[:ss]`, `2020/2/21 9:00`, `2020-02-21T09:00`;
 * - a date alone (`2020-02-21`, `2020/2/21`) meaning the start of that day in the shop zone
 *   (midnight, or the first instant after it where the clocks skip midnight).
 * Impossible calendar values (`2020-02-31`, `25:00`) are rejected, never rolled over. So is a wall
 * time the shop zone's clocks skip (`2020-03-08 02:30` in America/New_York), and one they show
 * twice (`2020-11-01 01:30` there) unless the zone's `ambiguousTimes` picks one of its instants.
 */
import { describeValue } from "../input.js";
import { wallMs, type Zone } from "./zone.js";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Scan state is kept in locals of one function, and the result is written into a Float64Array
// slot (a double returned from a call would be boxed): the hot path allocates nothing.
const OK = 0;
const BAD_FORMAT = 1;
const BAD_VALUE = 2;
const NO_ZONE = 3;
const NONEXISTENT = 4;
const AMBIGUOUS = 5;

const NOT_FIXED = -1;

// The fixed layouts nearly all data uses, read at fixed positions in straight-line code:
// `YYYY-MM-DD HH:mm` (16), `YYYY-MM-DD HH:mm:ss` (19, also with T), `…ssZ` (20), `…ss+08:00` (25).
// Anything else (slashes, 1-digit fields, fractions) takes the general scanner.
function scanFixed(s: string, n: number, zone: Zone | null, out: Float64Array, at: number): number {
  const t = s.charCodeAt(10);
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (t !== 32 && t !== 84) || s.charCodeAt(13) !== 58) {
    return NOT_FIXED;
  }
  const y0 = s.charCodeAt(0) - 48;
  const y1 = s.charCodeAt(1) - 48;
  const y2 = s.charCodeAt(2) - 48;
  const y3 = s.charCodeAt(3) - 48;
  const m0 = s.charCodeAt(5) - 48;
  const m1 = s.charCodeAt(6) - 48;
  const d0 = s.charCodeAt(8) - 48;
  const d1 = s.charCodeAt(9) - 48;
  const h0 = s.charCodeAt(11) - 48;
  const h1 = s.charCodeAt(12) - 48;
  const i0 = s.charCodeAt(14) - 48;
  const i1 = s.charCodeAt(15) - 48;
  let s0 = 0;
  let s1 = 0;
  let offset = NaN;
  if (n > 16) {
    if (s.charCodeAt(16) !== 58) return NOT_FIXED;
    s0 = s.charCodeAt(17) - 48;
    s1 = s.charCodeAt(18) - 48;
    if (n === 20) {
      if (s.charCodeAt(19) !== 90 /* Z */) return NOT_FIXED;
      offset = 0;
    } else if (n === 25) {
      const sign = s.charCodeAt(19);
      if ((sign !== 43 && sign !== 45) || s.charCodeAt(22) !== 58) return NOT_FIXED;
      const a = s.charCodeAt(20) - 48;
      const b = s.charCodeAt(21) - 48;
      const c = s.charCodeAt(23) - 48;
      const d = s.charCodeAt(24) - 48;
      if (a >>> 0 > 9 || b >>> 0 > 9 || c >>> 0 > 9 || d >>> 0 > 9) return NOT_FIXED;
      const oh = a * 10 + b;
      const om = c * 10 + d;
      if (oh > 14 || om > 59) return BAD_VALUE;
      offset = (sign === 43 ? 1 : -1) * (oh * 60 + om);
    }
  }
  if (
    y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || m0 >>> 0 > 9 || m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 || d1 >>> 0 > 9 || h0 >>> 0 > 9 || h1 >>> 0 > 9 || i0 >>> 0 > 9 || i1 >>> 0 > 9 ||
    s0 >>> 0 > 9 || s1 >>> 0 > 9
  ) {
    return NOT_FIXED;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = i0 * 10 + i1;
  const second = s0 * 10 + s1;
  if (month < 1 || month > 12 || day < 1 || (day > 28 && day > daysInMonth(year, month))) return BAD_VALUE;
  if (hour > 23 || minute > 59 || second > 59) return BAD_VALUE;
  return store(year, month, day, hour, minute, second, 0, offset, zone, out, at);
}

// Writes the instant of validated fields into out[at]: with an offset, directly; a wall time, in
// the zone. Every instant a wall time can name lies within 14 h of `naive`, so the offsets a day
// before and a day after are those on either side of any transition near it. The common case (no
// transition within a day: the two are equal, and hold at the result) is three offset lookups,
// all table reads; near a transition readNearTransition decides.
function store(
  year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number,
  offset: number, zone: Zone | null, out: Float64Array, at: number, dateOnly = false,
): number {
  if (offset === offset) {
    out[at] = wallMs(year, month, day, hour, minute, second, ms) - offset * MINUTE;
    return OK;
  }
  if (zone === null) return NO_ZONE;
  // Nearly always: a day with one offset around it.
  const midnight = zone.steadyDay(year, month, day);
  if (midnight === midnight) {
    out[at] = midnight + hour * HOUR + minute * MINUTE + second * 1000 + ms;
    return OK;
  }
  const naive = wallMs(year, month, day, hour, minute, second, ms);
  const before = zone.offsetAt(naive - DAY);
  const guess = naive - before * MINUTE;
  if (zone.offsetAt(naive + DAY) === before && zone.offsetAt(guess) === before) {
    out[at] = guess;
    return OK;
  }
  // A date alone is the start of that day, as a period's boundary is: midnight, or the first
  // instant after it where the clocks skip midnight (and the first of two midnights).
  if (dateOnly) {
    out[at] = zone.fromWall(year, month, day, 0, 0, 0, 0);
    return OK;
  }
  return readNearTransition(naive, before, zone, out, at);
}

// A wall time near a transition names an instant for each offset that is in force at that instant:
// none in a gap (NONEXISTENT), two in an overlap (AMBIGUOUS, or the one the zone's ambiguousTimes
// picks).
function readNearTransition(naive: number, before: number, zone: Zone, out: Float64Array, at: number): number {
  const after = zone.offsetAt(naive + DAY);
  const early = naive - before * MINUTE;
  const late = naive - after * MINUTE;
  const earlyHolds = zone.offsetAt(early) === before;
  const lateHolds = zone.offsetAt(late) === after && late !== early;
  if (earlyHolds && lateHolds) {
    if (zone.ambiguousTimes === "error") return AMBIGUOUS;
    out[at] = zone.ambiguousTimes === "earlier" ? Math.min(early, late) : Math.max(early, late);
    return OK;
  }
  if (earlyHolds || lateHolds) {
    out[at] = earlyHolds ? early : late;
    return OK;
  }
  // Two transitions within two days (the same offset on either side): the offset at the guess.
  const between = zone.offsetAt(early);
  const third = naive - between * MINUTE;
  if (zone.offsetAt(third) === between) {
    out[at] = third;
    return OK;
  }
  return NONEXISTENT;
}

/**
 * Reads an instant into `out[at]` (epoch ms), for hot loops.
 * @returns 0 when read, 1 when the text is not of an accepted form, 2 when it names an impossible
 * date or time (`2020-02-31`), 3 when a wall time is given but `zone` is null, 4 when the wall time
 * does not exist in the zone (the clocks skip it), 5 when it exists twice and the zone's
 * `ambiguousTimes` is `error` (see {@link describeInstantError})
 */
export function scanInstant(s: string, zone: Zone | null, out: Float64Array, at: number): number {
  const n = s.length;
  if (n === 19 || n === 16 || n === 25 || n === 20) {
    const r = scanFixed(s, n, zone, out, at);
    if (r !== NOT_FIXED) return r;
  }
  let i = 0;
  let c = 0;
  // year: exactly 4 digits
  if (n < 8) return BAD_FORMAT;
  let year = 0;
  for (; i < 4; i++) {
    c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return BAD_FORMAT;
    year = year * 10 + c;
  }
  const sep = s.charCodeAt(4);
  if (sep !== 45 /* - */ && sep !== 47 /* / */) return BAD_FORMAT;
  i = 5;
  // month, day: 1–2 digits
  let month = 0;
  let k = 0;
  for (; i < n && k < 2; i++, k++) {
    c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    month = month * 10 + c;
  }
  if (k === 0 || s.charCodeAt(i) !== sep) return BAD_FORMAT;
  i++;
  let day = 0;
  k = 0;
  for (; i < n && k < 2; i++, k++) {
    c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    day = day * 10 + c;
  }
  if (k === 0) return BAD_FORMAT;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let offset = NaN; // minutes; NaN = wall time
  const timeGiven = i < n;
  if (timeGiven) {
    c = s.charCodeAt(i);
    if (c !== 84 /* T */ && c !== 32 /* space */) return BAD_FORMAT;
    i++;
    k = 0;
    for (; i < n && k < 2; i++, k++) {
      c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      hour = hour * 10 + c;
    }
    if (k === 0 || s.charCodeAt(i) !== 58 /* : */) return BAD_FORMAT;
    i++;
    k = 0;
    for (; i < n && k < 2; i++, k++) {
      c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      minute = minute * 10 + c;
    }
    if (k !== 2) return BAD_FORMAT;
    if (i < n && s.charCodeAt(i) === 58) {
      i++;
      k = 0;
      for (; i < n && k < 2; i++, k++) {
        c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        second = second * 10 + c;
      }
      if (k !== 2) return BAD_FORMAT;
      if (i < n && s.charCodeAt(i) === 46 /* . */) {
        i++;
        k = 0;
        let scale = 100;
        for (; i < n; i++, k++) {
          c = s.charCodeAt(i) - 48;
          if (c < 0 || c > 9) break;
          ms += c * scale;
          scale /= 10;
        }
        if (k === 0 || k > 9) return BAD_FORMAT;
        ms = Math.floor(ms);
      }
    }
    if (i < n) {
      c = s.charCodeAt(i);
      if (c === 90 /* Z */ && i === n - 1) {
        offset = 0;
        i++;
      } else if (c === 43 /* + */ || c === 45 /* - */) {
        const sign = c === 43 ? 1 : -1;
        i++;
        let oh = 0;
        let om = 0;
        k = 0;
        for (; i < n && k < 2; i++, k++) {
          c = s.charCodeAt(i) - 48;
          if (c < 0 || c > 9) return BAD_FORMAT;
          oh = oh * 10 + c;
        }
        if (k !== 2) return BAD_FORMAT;
        // `+08`, `+0800` or `+08:00`; a colon must be followed by the minutes (`+08:` is malformed).
        if (i < n && s.charCodeAt(i) === 58) {
          i++;
          if (i === n) return BAD_FORMAT;
        }
        if (i < n) {
          k = 0;
          for (; i < n && k < 2; i++, k++) {
            c = s.charCodeAt(i) - 48;
            if (c < 0 || c > 9) return BAD_FORMAT;
            om = om * 10 + c;
          }
          if (k !== 2) return BAD_FORMAT;
        }
        if (oh > 14 || om > 59) return BAD_VALUE;
        offset = sign * (oh * 60 + om);
      } else return BAD_FORMAT;
    }
    if (i !== n) return BAD_FORMAT;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return BAD_VALUE;
  if (hour > 23 || minute > 59 || second > 59) return BAD_VALUE;
  return store(year, month, day, hour, minute, second, ms, offset, zone, out, at, !timeGiven);
}

// parseInstant's result slot, reused: the scan is synchronous and calls nothing that could parse
// meanwhile, so one slot serves every call (a fresh array a call cost more than the scan itself).
const scratch = new Float64Array(1);

/**
 * Reads an instant (see the module doc for the forms) into epoch milliseconds.
 *
 * @param value - the text
 * @param zone - the shop zone, for wall times; `null` accepts only instants with an offset
 * @returns epoch ms, or `NaN` when the value is not a valid instant (see {@link describeInstantError})
 * @example
 * parseInstant("2020/2/21 9:00", createZone("Asia/Shanghai")) //=> 1582246800000
 * parseInstant("2020-02-31 10:00", zone) //=> NaN
 */
export function parseInstant(value: unknown, zone: Zone | null): number {
  if (typeof value !== "string") return NaN;
  return scanInstant(value, zone, scratch, 0) === OK ? scratch[0]! : NaN;
}


/** Why {@link parseInstant} rejected a value, naming it and the expected forms. */
export function describeInstantError(value: unknown, zone: Zone | null = null): string {
  if (value === undefined || value === null || value === "") {
    return "is missing; expected a date-time like 2020-02-21 09:00:00";
  }
  if (typeof value !== "string") return `${typeof value === "number" ? String(value) : describeValue(value)} is not a date-time text`;
  const r = scanInstant(value, zone, new Float64Array(1), 0);
  if (r === BAD_VALUE) return `"${value}" is not a real calendar date or time`;
  if (r === NO_ZONE) return `"${value}" has no UTC offset; expected ISO 8601 with an offset like 2020-02-21T09:00:00+08:00`;
  if ((r === NONEXISTENT || r === AMBIGUOUS) && zone !== null) return describeTransition(value, zone, r === AMBIGUOUS);
  return `"${value}" is not a date-time; expected 2020-02-21 09:00[:ss], 2020/2/21 9:00, or ISO 8601 with an offset`;
}

// Why a wall time near a transition names no instant or two: the transition, in the zone's words.
function describeTransition(value: string, zone: Zone, ambiguous: boolean): string {
  const fields = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  const naive = fields ? wallMs(+fields[1]!, +fields[2]!, +fields[3]!, +(fields[4] ?? 0), +(fields[5] ?? 0), +(fields[6] ?? 0), 0) : NaN;
  const before = zone.offsetAt(naive - DAY);
  const after = zone.offsetAt(naive + DAY);
  // The transition: the first instant with the later offset (binary search over whole ms).
  let lo = naive - DAY;
  let hi = naive + DAY;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offsetAt(mid) === before) lo = mid;
    else hi = mid;
  }
  const from = wallText(hi + before * MINUTE);
  const to = wallText(hi + after * MINUTE);
  const clocks = from.date === to.date ? `from ${from.time} to ${to.time} on ${from.date}` : `from ${from.date} ${from.time} to ${to.date} ${to.time}`;
  if (!ambiguous) return `"${value}" does not exist in ${zone.name}: clocks jump ${clocks}`;
  const date = fields ? `${fields[1]}-${fields[2]!.padStart(2, "0")}-${fields[3]!.padStart(2, "0")}T${(fields[4] ?? "0").padStart(2, "0")}:${fields[5] ?? "00"}:${fields[6] ?? "00"}` : value;
  return (
    `"${value}" is ambiguous in ${zone.name}: clocks go back ${clocks}, so it happens twice; ` +
    `give its offset (${date}${offsetText(before)} or ${date}${offsetText(after)}), or set the policy's ambiguousTimes to earlier or later`
  );
}

function wallText(ms: number): { date: string; time: string } {
  const iso = new Date(ms).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

function offsetText(minutes: number): string {
  const m = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}
