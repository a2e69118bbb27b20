// The calendar arithmetic done by date-fns (src/time/calendar.ts) against plain integer
// references over four centuries, leap years and the turn of every ISO year included, whatever
// the machine's zone (the suite runs under UTC and an odd zone).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TZDate } from "@date-fns/tz";
import { getISODay } from "date-fns";
import { addCalendarMonths, isoWeekLabel, isoWeekMonday } from "../../src/time/calendar.js";
import { weekdayOfDayNumber } from "../../src/time/period.js";

const DAY = 86_400_000;
const ymd = (days: number) => {
  const d = new Date(days * DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()] as const;
};
const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY;
const weekday = (days: number) => ((((days + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
const days = fc.integer({ min: dayOf(1900, 1, 1), max: dayOf(2300, 12, 31) });

describe("calendar (date-fns on UTC dates)", () => {
  it("weekdayOfDayNumber (integer arithmetic, on the duties' hot path) is date-fns's ISO weekday: 1 = Monday … 7 = Sunday", () => {
    expect(weekdayOfDayNumber(dayOf(2020, 2, 17))).toBe(1);
    expect(weekdayOfDayNumber(dayOf(2020, 2, 23))).toBe(7);
    fc.assert(fc.property(days, (d) => weekdayOfDayNumber(d) === getISODay(new TZDate(d * DAY, "UTC"))));
  });

  it("isoWeekLabel: the week's Thursday gives its year, weeks counted from the one holding 4 January", () => {
    expect(isoWeekLabel(dayOf(2019, 12, 30))).toBe("2020-W01");
    expect(isoWeekLabel(dayOf(2021, 1, 3))).toBe("2020-W53");
    expect(isoWeekLabel(dayOf(2020, 2, 29))).toBe("2020-W09");
    fc.assert(
      fc.property(days, (d) => {
        const thursday = d - weekday(d) + 4;
        const [year] = ymd(thursday);
        const week = Math.floor((thursday - dayOf(year, 1, 1)) / 7) + 1;
        expect(isoWeekLabel(d)).toBe(`${year}-W${String(week).padStart(2, "0")}`);
      }),
      { numRuns: 2000 },
    );
  });

  it("isoWeekMonday: the Monday of a week, null for a week the year does not have", () => {
    expect(isoWeekMonday(dayOf(2020, 1, 4), 1)).toBe(dayOf(2019, 12, 30));
    expect(isoWeekMonday(dayOf(2020, 1, 4), 53)).toBe(dayOf(2020, 12, 28));
    expect(isoWeekMonday(dayOf(2021, 1, 4), 53)).toBeNull();
    expect(isoWeekMonday(dayOf(2021, 1, 4), 0)).toBeNull();
    fc.assert(
      fc.property(days, (d) => {
        const [year, week] = isoWeekLabel(d).split("-W").map(Number) as [number, number];
        expect(isoWeekMonday(dayOf(year, 1, 4), week)).toBe(d - weekday(d) + 1);
      }),
    );
  });

  it("addCalendarMonths clamps the day to the target month's last day", () => {
    expect(addCalendarMonths(dayOf(2020, 1, 31), 1)).toBe(dayOf(2020, 2, 29));
    expect(addCalendarMonths(dayOf(2020, 1, 31), 3)).toBe(dayOf(2020, 4, 30));
    expect(addCalendarMonths(dayOf(2019, 2, 28), 12)).toBe(dayOf(2020, 2, 28));
    expect(addCalendarMonths(dayOf(2020, 2, 29), -12)).toBe(dayOf(2019, 2, 28));
    fc.assert(
      fc.property(days, fc.integer({ min: -60, max: 60 }), (d, months) => {
        const [y, m, day] = ymd(d);
        const index = y * 12 + (m - 1) + months;
        const ty = Math.floor(index / 12);
        const tm = index - ty * 12 + 1;
        const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
        expect(addCalendarMonths(d, months)).toBe(dayOf(ty, tm, Math.min(day, last)));
      }),
      { numRuns: 2000 },
    );
  });
});
