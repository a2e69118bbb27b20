import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { businessDateOf, dayPeriod, isoWeekOf, isoWeekPeriod, monthIndexOf, monthLabel, monthPeriod, parsePeriod, parseTimeOfDay, rangePeriod } from "../../src/time/period.js";
import { createZone } from "../../src/time/zone.js";
import { daysInMonth } from "../../src/time/parse.js";
import { zoneOf } from "./zones.js";

// One zone per name for the property runs (a zone builds its offset cache on first use).

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const shanghai = createZone("Asia/Shanghai");
// Shanghai is +08:00 all year: midnight of a date there is Date.UTC(date) − 8 h.
const shMidnight = (y: number, mo: number, d: number): number => Date.UTC(y, mo - 1, d) - 8 * HOUR;

describe("parseTimeOfDay", () => {
  it("reads HH:mm into minutes after midnight", () => {
    expect(parseTimeOfDay("00:00")).toBe(0);
    expect(parseTimeOfDay("06:00")).toBe(360);
    expect(parseTimeOfDay("06:30")).toBe(390);
    expect(parseTimeOfDay("23:59")).toBe(23 * 60 + 59);
  });
  it.each(["24:00", "6:30", "06:60", "0630", "06:30:00", "", "ab:cd"])("rejects %j", (text) => {
    expect(() => parseTimeOfDay(text)).toThrow(/not a time of day; expected HH:mm/);
  });
});

describe("monthPeriod", () => {
  it("cuts 2020-02 at Shanghai midnight", () => {
    const p = monthPeriod("2020-02", shanghai);
    expect(p).toEqual({ kind: "month", label: "2020-02", start: Date.UTC(2020, 0, 31, 16), end: Date.UTC(2020, 1, 29, 16) });
    expect(new Date(p.start).toISOString()).toBe("2020-01-31T16:00:00.000Z");
    expect(new Date(p.end).toISOString()).toBe("2020-02-29T16:00:00.000Z");
    expect(p.end - p.start).toBe(29 * DAY); // leap February
  });

  it("shifts both ends by the business-day cut-over", () => {
    const p = monthPeriod("2020-02", shanghai, 360);
    expect(p.start).toBe(Date.UTC(2020, 0, 31, 16) + 6 * HOUR);
    expect(p.end).toBe(Date.UTC(2020, 1, 29, 16) + 6 * HOUR);
  });

  it("runs December into January of the next year", () => {
    const p = monthPeriod("2020-12", shanghai);
    expect(p.start).toBe(shMidnight(2020, 12, 1));
    expect(p.end).toBe(shMidnight(2021, 1, 1));
  });

  it("is cut in the zone given", () => {
    const p = monthPeriod("2020-02", createZone("America/St_Johns"));
    expect(p.start).toBe(Date.UTC(2020, 1, 1) + 210 * MINUTE); // -03:30
    // Los Angeles: March has 31 days minus the hour lost on 2020-03-08
    const la = monthPeriod("2020-03", createZone("America/Los_Angeles"));
    expect(la.start).toBe(Date.UTC(2020, 2, 1) + 8 * HOUR);
    expect(la.end).toBe(Date.UTC(2020, 3, 1) + 7 * HOUR);
    expect(la.end - la.start).toBe(31 * DAY - HOUR);
  });

  it.each(["2020-13", "2020-00", "2020-2", "2020/02", "202002", "2020-02-01", ""])("rejects %j", (label) => {
    expect(() => monthPeriod(label, shanghai)).toThrow(RangeError);
  });
});

describe("dayPeriod", () => {
  it("is one Shanghai day, shifted by the cut-over", () => {
    expect(dayPeriod("2020-02-29", shanghai)).toEqual({
      kind: "day",
      label: "2020-02-29",
      start: shMidnight(2020, 2, 29),
      end: shMidnight(2020, 3, 1),
    });
    const shifted = dayPeriod("2020-02-29", shanghai, 360);
    expect(shifted.start).toBe(shMidnight(2020, 2, 29) + 6 * HOUR);
    expect(shifted.end).toBe(shMidnight(2020, 3, 1) + 6 * HOUR);
    expect(dayPeriod("2020-12-31", shanghai).end).toBe(shMidnight(2021, 1, 1));
  });

  it("is 23 or 25 hours on daylight-saving days", () => {
    const la = createZone("America/Los_Angeles");
    const spring = dayPeriod("2020-03-08", la);
    expect(spring.end - spring.start).toBe(23 * HOUR);
    const autumn = dayPeriod("2020-11-01", la);
    expect(autumn.end - autumn.start).toBe(25 * HOUR);
  });

  it.each(["2020-02-30", "2019-02-29", "2020-2-1", "2020/02/01", "2020-13-01", "x"])("rejects %j", (label) => {
    expect(() => dayPeriod(label, shanghai)).toThrow(/is not a date; expected YYYY-MM-DD/);
  });
});

describe("isoWeekPeriod", () => {
  it("2020-W01 starts on Monday 2019-12-30", () => {
    const p = isoWeekPeriod("2020-W01", shanghai);
    expect(p).toEqual({ kind: "week", label: "2020-W01", start: shMidnight(2019, 12, 30), end: shMidnight(2020, 1, 6) });
    expect(new Date(p.start + 8 * HOUR).getUTCDay()).toBe(1); // a Monday on the wall clock
  });

  it("2020 has 53 weeks, 2021 has 52", () => {
    const w53 = isoWeekPeriod("2020-W53", shanghai);
    expect(w53.start).toBe(shMidnight(2020, 12, 28));
    expect(w53.end).toBe(shMidnight(2021, 1, 4));
    expect(isoWeekPeriod("2021-W01", shanghai).start).toBe(w53.end);
    expect(isoWeekPeriod("2021-W52", shanghai).start).toBe(shMidnight(2021, 12, 27));
    expect(() => isoWeekPeriod("2021-W53", shanghai)).toThrow(/not an ISO week/);
  });

  it("has a week 53 exactly in the years that start on a Thursday, or leap years starting on a Wednesday", () => {
    for (let y = 1990; y <= 2060; y++) {
      const jan1 = new Date(Date.UTC(y, 0, 1)).getUTCDay(); // 3 = Wednesday, 4 = Thursday
      const leap = daysInMonth(y, 2) === 29;
      const has53 = jan1 === 4 || (leap && jan1 === 3);
      if (has53) expect(isoWeekPeriod(`${y}-W53`, shanghai).end).toBe(isoWeekPeriod(`${y + 1}-W01`, shanghai).start);
      else expect(() => isoWeekPeriod(`${y}-W53`, shanghai)).toThrow(RangeError);
    }
  });

  it("shifts by the cut-over", () => {
    expect(isoWeekPeriod("2020-W08", shanghai, 360).start).toBe(shMidnight(2020, 2, 17) + 6 * HOUR);
  });

  it.each(["2020-W00", "2020-W54", "2020-W1", "2020W01", "2020-w01", "2020-W01-1", ""])("rejects %j", (label) => {
    expect(() => isoWeekPeriod(label, shanghai)).toThrow(RangeError);
  });

  it("starts on the Monday of the week holding 4 January, for every year 1990–2060", () => {
    for (let y = 1990; y <= 2060; y++) {
      const jan4 = Date.UTC(y, 0, 4);
      const dow = (new Date(jan4).getUTCDay() + 6) % 7; // 0 = Monday
      expect(isoWeekPeriod(`${y}-W01`, shanghai).start).toBe(jan4 - dow * DAY - 8 * HOUR);
    }
  });
});

describe("rangePeriod", () => {
  it("includes the end date", () => {
    expect(rangePeriod("2020-02-01..2020-02-15", shanghai)).toEqual({
      kind: "range",
      label: "2020-02-01..2020-02-15",
      start: shMidnight(2020, 2, 1),
      end: shMidnight(2020, 2, 16),
    });
    const oneDay = rangePeriod("2020-02-29..2020-02-29", shanghai, 360);
    expect(oneDay.start).toBe(shMidnight(2020, 2, 29) + 6 * HOUR);
    expect(oneDay.end - oneDay.start).toBe(DAY);
  });

  it("rejects a range that ends before it starts", () => {
    expect(() => rangePeriod("2020-02-15..2020-02-01", shanghai)).toThrow('"2020-02-15..2020-02-01" ends before it starts');
  });

  it.each(["2020-02-01", "2020-02-01..", "..2020-02-01", "2020-02-01..2020-02-15..2020-03-01", "2020-02-01..2020-02-30"])(
    "rejects %j",
    (label) => {
      expect(() => rangePeriod(label, shanghai)).toThrow(RangeError);
    },
  );
});

describe("parsePeriod", () => {
  it("dispatches on the label's shape", () => {
    expect(parsePeriod("2020-02-21", shanghai)).toEqual(dayPeriod("2020-02-21", shanghai));
    expect(parsePeriod("2020-W08", shanghai, 360)).toEqual(isoWeekPeriod("2020-W08", shanghai, 360));
    expect(parsePeriod("2020-02", shanghai)).toEqual(monthPeriod("2020-02", shanghai));
    expect(parsePeriod("2020-02-01..2020-02-15", shanghai)).toEqual(rangePeriod("2020-02-01..2020-02-15", shanghai));
    expect(parsePeriod("2020-02", shanghai).kind).toBe("month");
    expect(parsePeriod("2020-W08", shanghai).kind).toBe("week");
  });
  it.each(["2020-2", "2020-W8", "February", "2020-13", ""])("rejects %j", (label) => {
    expect(() => parsePeriod(label, shanghai)).toThrow(RangeError);
  });
});

describe("businessDateOf / isoWeekOf / monthIndexOf", () => {
  it("puts Shanghai midnight into the new day", () => {
    const midnight = shMidnight(2020, 3, 1);
    expect(businessDateOf(midnight, shanghai)).toBe("2020-03-01");
    expect(businessDateOf(midnight - 1, shanghai)).toBe("2020-02-29");
    expect(monthLabel(monthIndexOf(midnight, shanghai))).toBe("2020-03");
    expect(monthLabel(monthIndexOf(midnight - 1, shanghai))).toBe("2020-02");
  });

  it("keeps the hours before the cut-over in the previous business day", () => {
    const at0559 = shMidnight(2020, 3, 1) + 5 * HOUR + 59 * MINUTE; // 2020-03-01 05:59 +08:00
    expect(businessDateOf(at0559, shanghai, 360)).toBe("2020-02-29");
    expect(monthLabel(monthIndexOf(at0559, shanghai, 360))).toBe("2020-02");
    expect(isoWeekOf(at0559, shanghai, 360)).toBe("2020-W09"); // Saturday 2020-02-29
    const at0600 = at0559 + MINUTE;
    expect(businessDateOf(at0600, shanghai, 360)).toBe("2020-03-01");
    expect(monthLabel(monthIndexOf(at0600, shanghai, 360))).toBe("2020-03");
    expect(isoWeekOf(at0600, shanghai, 360)).toBe("2020-W09"); // Sunday 2020-03-01
    expect(isoWeekOf(at0600 + DAY, shanghai, 360)).toBe("2020-W10"); // Monday 2020-03-02
  });

  it("labels ISO weeks across the year end", () => {
    expect(isoWeekOf(shMidnight(2019, 12, 30), shanghai)).toBe("2020-W01");
    expect(isoWeekOf(shMidnight(2019, 12, 30) - 1, shanghai)).toBe("2019-W52");
    expect(isoWeekOf(shMidnight(2020, 12, 31), shanghai)).toBe("2020-W53");
    expect(isoWeekOf(shMidnight(2021, 1, 3) + 12 * HOUR, shanghai)).toBe("2020-W53");
    expect(isoWeekOf(shMidnight(2021, 1, 4), shanghai)).toBe("2021-W01");
    // before the cut-over, Monday morning still belongs to Sunday's week
    expect(isoWeekOf(shMidnight(2019, 12, 30) + 5 * HOUR, shanghai, 360)).toBe("2019-W52");
  });

  it("monthIndexOf counts months from year 0, monthLabel prints them", () => {
    expect(monthIndexOf(shMidnight(2020, 2, 15), shanghai)).toBe(2020 * 12 + 1);
    expect(monthLabel(2020 * 12 + 1)).toBe("2020-02");
    expect(monthLabel(2020 * 12 + 11)).toBe("2020-12");
    expect(monthLabel(2021 * 12)).toBe("2021-01");
  });

  it("agrees with the periods across a daylight-saving change at the cut-over", () => {
    // Los Angeles, cut-over 01:30. On 2020-11-01 01:30 happens twice; the business day starts at the
    // first (01:30 PDT = 08:30Z). 09:15Z is 01:15 PST, after that start: business day 2020-11-01.
    const la = createZone("America/Los_Angeles");
    const cut = 90;
    const day = dayPeriod("2020-11-01", la, cut);
    expect(day.start).toBe(Date.UTC(2020, 10, 1, 8, 30));
    const ms = Date.UTC(2020, 10, 1, 9, 15);
    expect(ms >= day.start && ms < day.end).toBe(true);
    expect(businessDateOf(ms, la, cut)).toBe("2020-11-01");
    expect(monthLabel(monthIndexOf(ms, la, cut))).toBe("2020-11");
    expect(isoWeekOf(ms, la, cut)).toBe("2020-W44"); // Sunday 2020-11-01
    // Spring, cut-over 02:30 (inside the gap): the day starts at 02:30 PST = 03:30 PDT = 10:30Z;
    // 10:00Z (03:00 PDT) is still in business day 2020-03-07.
    const spring = dayPeriod("2020-03-08", la, 150);
    expect(spring.start).toBe(Date.UTC(2020, 2, 8, 10, 30));
    expect(businessDateOf(Date.UTC(2020, 2, 8, 10), la, 150)).toBe("2020-03-07");
    expect(businessDateOf(Date.UTC(2020, 2, 8, 10, 30), la, 150)).toBe("2020-03-08");
  });
});

// Independent ISO week of a calendar date: the week's Thursday decides the year (ISO 8601).
function isoWeekLabel(y: number, m: number, d: number): string {
  const date = Date.UTC(y, m - 1, d);
  const dow = (new Date(date).getUTCDay() + 6) % 7; // 0 = Monday
  const thursday = new Date(date + (3 - dow) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

describe("period laws (property)", () => {
  const zones = ["Asia/Shanghai", "UTC", "Asia/Kolkata", "America/St_Johns", "America/Los_Angeles", "Europe/Berlin", "Pacific/Auckland"];
  const instant = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2045, 0, 1) });
  const cutover = fc.oneof(fc.constant(0), fc.constant(360), fc.integer({ min: 0, max: 24 * 60 - 1 }));

  it("monthLabel(monthIndexOf(ms)) is the month of businessDateOf(ms)", () => {
    fc.assert(
      fc.property(instant, cutover, fc.constantFrom(...zones), (ms, cut, name) => {
        const zone = zoneOf(name);
        expect(monthLabel(monthIndexOf(ms, zone, cut))).toBe(businessDateOf(ms, zone, cut).slice(0, 7));
      }),
    );
  });

  it("the day, week and month an instant is given hold it", () => {
    fc.assert(
      fc.property(instant, cutover, fc.constantFrom(...zones), (ms, cut, name) => {
        const zone = zoneOf(name);
        const inside = (p: { start: number; end: number }): boolean => p.start <= ms && ms < p.end;
        expect(inside(dayPeriod(businessDateOf(ms, zone, cut), zone, cut))).toBe(true);
        expect(inside(isoWeekPeriod(isoWeekOf(ms, zone, cut), zone, cut))).toBe(true);
        expect(inside(monthPeriod(monthLabel(monthIndexOf(ms, zone, cut)), zone, cut))).toBe(true);
      }),
    );
  });

  it("in Shanghai, the business date is the UTC date of ms + 8 h − cut-over, and its ISO week matches", () => {
    fc.assert(
      fc.property(instant, cutover, (ms, cut) => {
        const expected = new Date(ms + 8 * HOUR - cut * MINUTE).toISOString().slice(0, 10);
        expect(businessDateOf(ms, shanghai, cut)).toBe(expected);
        const [y, m, d] = expected.split("-").map(Number) as [number, number, number];
        expect(isoWeekOf(ms, shanghai, cut)).toBe(isoWeekLabel(y, m, d));
      }),
    );
  });

  it("the periods hold the instant near daylight-saving transitions, whatever the cut-over", () => {
    // Instants within a day of 2020's transitions in zones west and east of UTC; the cut-over is
    // drawn from 00:00–04:00 so that it often falls in a gap or overlap.
    const transitions: [string, number][] = [
      ["America/Los_Angeles", Date.UTC(2020, 2, 8, 10)],
      ["America/Los_Angeles", Date.UTC(2020, 10, 1, 9)],
      ["Europe/Berlin", Date.UTC(2020, 2, 29, 1)],
      ["Europe/Berlin", Date.UTC(2020, 9, 25, 1)],
      ["America/St_Johns", Date.UTC(2020, 2, 8, 5, 30)],
      ["America/St_Johns", Date.UTC(2020, 10, 1, 4, 30)],
      ["Australia/Lord_Howe", Date.UTC(2020, 3, 4, 15)], // a 30-minute change
    ];
    fc.assert(
      fc.property(fc.constantFrom(...transitions), fc.integer({ min: -DAY, max: DAY }), fc.integer({ min: 0, max: 240 }), ([name, t], delta, cut) => {
        const zone = zoneOf(name);
        const ms = t + delta;
        const day = dayPeriod(businessDateOf(ms, zone, cut), zone, cut);
        expect(day.start <= ms && ms < day.end).toBe(true);
        const month = monthPeriod(monthLabel(monthIndexOf(ms, zone, cut)), zone, cut);
        expect(month.start <= ms && ms < month.end).toBe(true);
        const week = isoWeekPeriod(isoWeekOf(ms, zone, cut), zone, cut);
        expect(week.start <= ms && ms < week.end).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("consecutive days, weeks and months tile time without gaps", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1995, max: 2045 }), fc.integer({ min: 1, max: 12 }), cutover, fc.constantFrom(...zones), (y, m, cut, name) => {
        const zone = zoneOf(name);
        const label = `${y}-${String(m).padStart(2, "0")}`;
        const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
        const p = monthPeriod(label, zone, cut);
        expect(p.end).toBe(monthPeriod(next, zone, cut).start);
        expect(p.start).toBe(dayPeriod(`${label}-01`, zone, cut).start);
        expect(p.end).toBeGreaterThan(p.start);
      }),
    );
  });
});
