/**
 * Periods cut in the shop zone: day, ISO week (Monday first), month and custom date ranges, each
 * starting at the business-day cut-over (policy `businessDayStartsAt`, 业务天分割点).
 * A business day `D` runs from `D` at the cut-over to `D + 1` at the cut-over.
 */
import { TZDate } from "@date-fns/tz";
import { addDays, getISOWeek, getISOWeekYear, startOfISOWeek } from "date-fns";
import { daysInMonth } from "./parse.js";
import type { Zone } from "./zone.js";

const MINUTE = 60_000;
const DAY = 86_400_000;

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
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new RangeError(`"${value}" is not a time of day; expected HH:mm`);
  return Number(m[1]) * 60 + Number(m[2]);
}

// A calendar date is carried as a TZDate at midnight in UTC: date-fns does its calendar arithmetic
// on it in that fixed zone, so nothing depends on the machine's zone.
function calendarDate(year: number, month: number, day: number): TZDate {
  return TZDate.tz("UTC", year, month - 1, day);
}

function startOfBusinessDay(date: Date, zone: Zone, cutover: number): number {
  const d = new TZDate(date.getTime(), "UTC");
  return zone.fromWall(d.getFullYear(), d.getMonth() + 1, d.getDate(), 0, cutover, 0, 0);
}

function parseDate(value: string): TZDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  const d = Number(m?.[3]);
  if (!m || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new RangeError(`"${value}" is not a date; expected YYYY-MM-DD`);
  }
  return calendarDate(y, mo, d);
}

/**
 * The business month `YYYY-MM` in the zone.
 *
 * @example
 * monthPeriod("2020-02", createZone("Asia/Shanghai"), 0).start // 2020-02-01T00:00+08:00
 */
export function monthPeriod(month: string, zone: Zone, cutover = 0): Period {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new RangeError(`"${month}" is not a month; expected YYYY-MM`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return {
    kind: "month",
    label: month,
    start: startOfBusinessDay(calendarDate(y, mo, 1), zone, cutover),
    end: startOfBusinessDay(calendarDate(y, mo + 1, 1), zone, cutover),
  };
}

/** The business day `YYYY-MM-DD` in the zone. */
export function dayPeriod(date: string, zone: Zone, cutover = 0): Period {
  const d = parseDate(date);
  return {
    kind: "day",
    label: date,
    start: startOfBusinessDay(d, zone, cutover),
    end: startOfBusinessDay(addDays(d, 1), zone, cutover),
  };
}

/** The ISO week `YYYY-Www` (Monday first) in the zone. */
export function isoWeekPeriod(week: string, zone: Zone, cutover = 0): Period {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  const y = Number(m?.[1]);
  const w = Number(m?.[2]);
  const jan4 = calendarDate(y, 1, 4);
  const monday = addDays(startOfISOWeek(jan4), (w - 1) * 7);
  if (!m || w < 1 || getISOWeekYear(monday) !== y) {
    throw new RangeError(`"${week}" is not an ISO week; expected YYYY-Www like 2020-W08`);
  }
  return {
    kind: "week",
    label: week,
    start: startOfBusinessDay(monday, zone, cutover),
    end: startOfBusinessDay(addDays(monday, 7), zone, cutover),
  };
}

/** The inclusive date range `YYYY-MM-DD..YYYY-MM-DD` in the zone. */
export function rangePeriod(range: string, zone: Zone, cutover = 0): Period {
  const parts = range.split("..");
  if (parts.length !== 2) throw new RangeError(`"${range}" is not a range; expected YYYY-MM-DD..YYYY-MM-DD`);
  const from = parseDate(parts[0] ?? "");
  const to = parseDate(parts[1] ?? "");
  if (to.getTime() < from.getTime()) throw new RangeError(`"${range}" ends before it starts`);
  return {
    kind: "range",
    label: range,
    start: startOfBusinessDay(from, zone, cutover),
    end: startOfBusinessDay(addDays(to, 1), zone, cutover),
  };
}

/**
 * Reads any period label: `2020-02-21`, `2020-W08`, `2020-02` or `2020-02-01..2020-02-15`.
 *
 * @example
 * parsePeriod("2020-W08", zone, 0).kind //=> "week"
 */
export function parsePeriod(label: string, zone: Zone, cutover = 0): Period {
  if (label.includes("..")) return rangePeriod(label, zone, cutover);
  if (/^\d{4}-W/.test(label)) return isoWeekPeriod(label, zone, cutover);
  if (/^\d{4}-\d{2}$/.test(label)) return monthPeriod(label, zone, cutover);
  return dayPeriod(label, zone, cutover);
}

/** The business date `YYYY-MM-DD` an instant belongs to. */
export function businessDateOf(ms: number, zone: Zone, cutover = 0): string {
  const d = businessDate(ms, zone, cutover);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// The wall date of the instant, moved back by the cut-over.
function businessDate(ms: number, zone: Zone, cutover: number): TZDate {
  const w = zone.wallOf(ms);
  const shifted = new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute - cutover));
  return calendarDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** The ISO week label `YYYY-Www` of the business date an instant belongs to. */
export function isoWeekOf(ms: number, zone: Zone, cutover = 0): string {
  const d = businessDate(ms, zone, cutover);
  return `${getISOWeekYear(d)}-W${pad(getISOWeek(d))}`;
}

/**
 * The business month `YYYY-MM` of an instant, as a number `year * 12 + month - 1`, without
 * allocating (for hot loops). Use {@link monthLabel} to print it.
 */
export function monthIndexOf(ms: number, zone: Zone, cutover = 0): number {
  const shifted = ms + zone.offsetAt(ms) * MINUTE - cutover * MINUTE;
  const days = Math.floor(shifted / DAY);
  // civil-from-days (H. Hinnant), valid for the whole Date range
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
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
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${millis}${offset}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
