/**
 * Periods cut in the shop zone: day, ISO week (Monday first), month and custom date ranges, each
 * starting at the business-day cut-over (policy `businessDayStartsAt`, 业务天分割点).
 * A business day `D` runs from `D` at the cut-over to `D + 1` at the cut-over.
 */
import { describeValue } from "../input.js";
import { addCalendarMonths, isoWeekLabel, isoWeekMonday } from "./calendar.js";
import { daysInMonth } from "./parse.js";
import { wallMs, type Zone } from "./zone.js";

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Larger than any daylight-saving or standard offset change (they are 30 min to 2 h). */
const NEAR_BOUNDARY = 4 * 3_600_000;

/** A half-open interval `[start, end)` of epoch ms with the label it was asked by. */
export interface Period {
  readonly kind: "day" | "week" | "month" | "range";
  /** `2020-02-21`, `2020-W08`, `2020-02` or `2020-02-01..2020-02-15`. */
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Reads a time of day `HH:mm` into minutes after midnight.
 *
 * @example
 * parseTimeOfDay("06:30") //=> 390
 */
export function parseTimeOfDay(value: string): number {
  text(value, "a time of day HH:mm");
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new RangeError(`"${value}" is not a time of day; expected HH:mm`);
  return Number(m[1]) * 60 + Number(m[2]);
}

// Calendar dates are carried as day numbers (days since 1970-01-01): no Date in the machine's
// zone, whose own calendar (a day skipped, as Pacific/Kiritimati skipped 1994-12-31) must not leak
// into the shop's. ISO weeks and adding months are date-fns's, on dates in UTC (`calendar.ts`);
// the hot paths here (a weekday, a business date per record) are integer arithmetic.
function dayNumber(year: number, month: number, day: number): number {
  return wallMs(year, month, day, 0, 0, 0, 0) / DAY;
}

// Labels are read as text only: anything else is a RangeError saying what was expected, as a bad
// text is (never a TypeError from a string method).
function text(value: unknown, expected: string): asserts value is string {
  if (typeof value !== "string") throw new RangeError(`${describeValue(value)} is not text; expected ${expected}`);
}

function parseDate(value: string): number {
  text(value, "a date YYYY-MM-DD");
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  const d = Number(m?.[3]);
  if (!m || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new RangeError(`"${value}" is not a date; expected YYYY-MM-DD`);
  }
  return dayNumber(y, mo, d);
}

/**
 * The business month `YYYY-MM` in the zone.
 *
 * @example
 * monthPeriod("2020-02", createZone("Asia/Shanghai"), 0).start // 2020-02-01T00:00+08:00
 */
export function monthPeriod(month: string, zone: Zone, cutover = 0): Period {
  text(month, "a month YYYY-MM");
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new RangeError(`"${month}" is not a month; expected YYYY-MM`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return {
    kind: "month",
    label: month,
    start: startOfDayNumber(dayNumber(y, mo, 1), zone, cutover),
    end: startOfDayNumber(mo === 12 ? dayNumber(y + 1, 1, 1) : dayNumber(y, mo + 1, 1), zone, cutover),
  };
}

/** The business day `YYYY-MM-DD` in the zone. */
export function dayPeriod(date: string, zone: Zone, cutover = 0): Period {
  const d = parseDate(date);
  return {
    kind: "day",
    label: date,
    start: startOfDayNumber(d, zone, cutover),
    end: startOfDayNumber(d + 1, zone, cutover),
  };
}

/** The ISO week `YYYY-Www` (Monday first) in the zone. */
export function isoWeekPeriod(week: string, zone: Zone, cutover = 0): Period {
  text(week, "an ISO week YYYY-Www");
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  const monday = m ? isoWeekMonday(dayNumber(Number(m[1]), 1, 4), Number(m[2])) : null;
  if (monday === null) throw new RangeError(`"${week}" is not an ISO week; expected YYYY-Www like 2020-W08`);
  return {
    kind: "week",
    label: week,
    start: startOfDayNumber(monday, zone, cutover),
    end: startOfDayNumber(monday + 7, zone, cutover),
  };
}

/** The inclusive date range `YYYY-MM-DD..YYYY-MM-DD` in the zone. */
export function rangePeriod(range: string, zone: Zone, cutover = 0): Period {
  text(range, "a range YYYY-MM-DD..YYYY-MM-DD");
  const parts = range.split("..");
  if (parts.length !== 2) throw new RangeError(`"${range}" is not a range; expected YYYY-MM-DD..YYYY-MM-DD`);
  const from = parseDate(parts[0] ?? "");
  const to = parseDate(parts[1] ?? "");
  if (to < from) throw new RangeError(`"${range}" ends before it starts`);
  return {
    kind: "range",
    label: range,
    start: startOfDayNumber(from, zone, cutover),
    end: startOfDayNumber(to + 1, zone, cutover),
  };
}

/**
 * Reads any period label: `2020-02-21`, `2020-W08`, `2020-02` or `2020-02-01..2020-02-15`.
 *
 * @example
 * parsePeriod("2020-W08", zone, 0).kind //=> "week"
 */
export function parsePeriod(label: string, zone: Zone, cutover = 0): Period {
  text(label, PERIOD_FORMS);
  if (label.includes("..")) return rangePeriod(label, zone, cutover);
  if (/^\d{4}-W/.test(label)) return isoWeekPeriod(label, zone, cutover);
  if (/^\d{4}-\d{2}$/.test(label)) return monthPeriod(label, zone, cutover);
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) return dayPeriod(label, zone, cutover);
  throw new RangeError(`"${label}" is not a period; expected ${PERIOD_FORMS}`);
}

const PERIOD_FORMS = "a day YYYY-MM-DD, an ISO week YYYY-Www, a month YYYY-MM or a range YYYY-MM-DD..YYYY-MM-DD";

/**
 * The day number (days since 1970-01-01) of a calendar date `YYYY-MM-DD`. Calendar arithmetic on
 * day numbers is integer arithmetic, independent of any zone.
 *
 * @throws {RangeError} when the text is not a real date
 * @example
 * dayNumberOfDate("2020-02-29") //=> 18321
 */
export function dayNumberOfDate(value: string): number {
  return parseDate(value);
}

/**
 * The calendar date `YYYY-MM-DD` of a day number.
 *
 * @example
 * dateOfDayNumber(18321) //=> "2020-02-29"
 */
export function dateOfDayNumber(days: number): string {
  const packed = civilFromDays(days);
  const index = Math.floor(packed / 32);
  return `${monthLabel(index)}-${pad(packed - index * 32)}`;
}

/**
 * The ISO weekday of a day number: 1 = Monday … 7 = Sunday.
 *
 * @example
 * weekdayOfDayNumber(dayNumberOfDate("2020-02-22")) //=> 6 (a Saturday)
 */
export function weekdayOfDayNumber(days: number): number {
  // Integer arithmetic (1970-01-01 was a Thursday): the duties ask it of every order's day.
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/**
 * Adds calendar months to a day number, clamping the day of the month to the target month's
 * last day: 2020-01-31 + 1 month = 2020-02-29, + 3 months = 2020-04-30.
 *
 * @example
 * dateOfDayNumber(addMonthsClamped(dayNumberOfDate("2020-01-31"), 3)) //=> "2020-04-30"
 */
export function addMonthsClamped(days: number, months: number): number {
  return addCalendarMonths(days, months);
}

/** The start (epoch ms) of the business day with day number `days` (see {@link businessDayNumber}). */
export function startOfBusinessDay(days: number, zone: Zone, cutover = 0): number {
  return startOfDayNumber(days, zone, cutover);
}

/** The instant of a wall-clock time (minutes after midnight, may exceed 24 h) on a day number. */
export function instantOfDayNumber(days: number, zone: Zone, minutes: number): number {
  return startOfDayNumber(days, zone, minutes);
}

/** The business date `YYYY-MM-DD` an instant belongs to: the day whose {@link dayPeriod} holds it. */
export function businessDateOf(ms: number, zone: Zone, cutover = 0): string {
  return dateOfDayNumber(businessDayNumber(ms, zone, cutover));
}

/** The ISO week label `YYYY-Www` of the business date an instant belongs to. */
export function isoWeekOf(ms: number, zone: Zone, cutover = 0): string {
  return isoWeekLabel(businessDayNumber(ms, zone, cutover));
}

/**
 * The business month `YYYY-MM` of an instant, as a number `year * 12 + month - 1`, without
 * allocating (for hot loops). Use {@link monthLabel} to print it.
 */
export function monthIndexOf(ms: number, zone: Zone, cutover = 0): number {
  return Math.floor(civilFromDays(businessDayNumber(ms, zone, cutover)) / 32);
}

// Days since 1970-01-01 of the business date of an instant: the day D with
// start(D) <= ms < start(D + 1), where start(D) is D at the cut-over placed by Zone.fromWall.
// The wall clock moved back by the cut-over answers, except within an offset change (at most a
// few hours) of a day boundary near a daylight-saving transition, where the boundary in a gap or
// overlap is placed by the gap/overlap rule; there the boundaries are computed and the wall-clock
// answer corrected (by one day at most). Elsewhere this costs one offset lookup.
/**
 * The business date of an instant as a day number (days since 1970-01-01): cheap to compare and
 * to step (`+ 1` is the next business day). {@link businessDateOf} prints the same date.
 */
export function businessDayNumber(ms: number, zone: Zone, cutover = 0): number {
  const offset = zone.offsetAt(ms);
  const shifted = ms + (offset - cutover) * MINUTE;
  let days = Math.floor(shifted / DAY);
  const sinceStart = shifted - days * DAY;
  if (
    (sinceStart < NEAR_BOUNDARY || sinceStart >= DAY - NEAR_BOUNDARY) &&
    (zone.offsetAt(ms - 2 * DAY) !== offset || zone.offsetAt(ms + 2 * DAY) !== offset)
  ) {
    if (ms < startOfDayNumber(days, zone, cutover)) days--;
    else if (ms >= startOfDayNumber(days + 1, zone, cutover)) days++;
  }
  return days;
}

// Day `days` after 1970-01-01 at the cut-over (wallMs lets the day of the month overflow).
function startOfDayNumber(days: number, zone: Zone, cutover: number): number {
  return zone.fromWall(1970, 1, 1 + days, 0, cutover, 0, 0);
}

/**
 * The calendar date of a day number (days since 1970-01-01): civil-from-days (H. Hinnant), valid
 * for the whole Date range, packed without allocating as `(year * 12 + month - 1) * 32 + day`.
 *
 * @example
 * const packed = civilFromDays(18313) // 2020-02-21
 * [Math.floor(packed / 384), Math.floor(packed / 32) % 12 + 1, packed % 32] //=> [2020, 2, 21]
 */
export function civilFromDays(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return (year * 12 + month - 1) * 32 + day;
}

/** Prints a month index of {@link monthIndexOf} as `YYYY-MM`. */
export function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/**
 * Formats an instant as ISO 8601 with the zone's offset (seconds always, milliseconds when not 0).
 *
 * @example
 * formatInstant(1582246800000, createZone("Asia/Shanghai")) //=> "2020-02-21T09:00:00+08:00"
 */
export function formatInstant(ms: number, zone: Zone): string {
  const w = zone.wallOf(ms);
  const o = Math.abs(w.offset);
  const offset = w.offset === 0 ? "Z" : `${w.offset < 0 ? "-" : "+"}${pad(Math.floor(o / 60))}:${pad(o % 60)}`;
  const millis = w.millisecond === 0 ? "" : `.${String(w.millisecond).padStart(3, "0")}`;
  const year = w.year >= 0 && w.year <= 9999 ? String(w.year).padStart(4, "0") : String(w.year);
  return `${year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${millis}${offset}`;
}

/**
 * {@link formatInstant} for a list whose instants repeat (minute-resolution exports, a shift's
 * end): each instant formatted once, up to 100,000 of them remembered.
 */
export function instantFormatter(zone: Zone): (ms: number) => string {
  const formatted = new Map<number, string>();
  return (ms) => {
    let text = formatted.get(ms);
    if (text === undefined) {
      text = formatInstant(ms, zone);
      if (formatted.size < 100_000) formatted.set(ms, text);
    }
    return text;
  };
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
