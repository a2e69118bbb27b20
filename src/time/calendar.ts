/**
 * Calendar arithmetic off the hot path — ISO weeks, adding months — by date-fns, on
 * dates at midnight UTC (`TZDate` of @date-fns/tz in "UTC"), so neither the machine's zone nor
 * its calendar enters. Dates come in and go out as day numbers (days since 1970-01-01); the hot
 * paths (reading instants, a business date of each order) stay integer arithmetic in `period.ts`.
 */
import { TZDate } from "@date-fns/tz";
// Each function from its own module: the package's index loads every one of date-fns's functions.
import { addMonths } from "date-fns/addMonths";
import { getISOWeek } from "date-fns/getISOWeek";
import { getISOWeekYear } from "date-fns/getISOWeekYear";
import { getISOWeeksInYear } from "date-fns/getISOWeeksInYear";
import { setISOWeek } from "date-fns/setISOWeek";
import { startOfISOWeek } from "date-fns/startOfISOWeek";

const DAY = 86_400_000;

const utcDate = (days: number): TZDate => new TZDate(days * DAY, "UTC");
const dayNumberOf = (date: Date): number => Math.round(date.getTime() / DAY);

/** The Monday (a day number) of ISO week `week` of ISO year `year` (whose 4 January is `jan4`), or null when the year has no such week. */
export function isoWeekMonday(jan4: number, week: number): number | null {
  const date = utcDate(jan4);
  if (!Number.isInteger(week) || week < 1 || week > getISOWeeksInYear(date)) return null;
  return dayNumberOf(startOfISOWeek(setISOWeek(date, week)));
}

/** The ISO week `YYYY-Www` a day number falls in (the week's year is its Thursday's). */
export function isoWeekLabel(days: number): string {
  const date = utcDate(days);
  return `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, "0")}`;
}

/** A day number plus calendar months, the day of the month clamped to the target month's last day. */
export function addCalendarMonths(days: number, months: number): number {
  return dayNumberOf(addMonths(utcDate(days), months));
}
