import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createZone } from "../../src/time/zone.js";
import { daysInMonth, describeInstantError, parseInstant } from "../../src/time/parse.js";
import { formatInstant } from "../../src/time/period.js";
import { scanInstant } from "../../src/time/parse.js";
import { zoneOf } from "./zones.js";

// One zone per name for the property runs (a zone builds its offset cache on first use).

const HOUR = 3_600_000;
const MINUTE = 60_000;
const shanghai = createZone("Asia/Shanghai");
// Shanghai has kept +08:00 all year since 1992: a wall time there is Date.UTC(fields) − 8 h.
const sh = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms) - 8 * HOUR;

describe("parseInstant: accepted forms", () => {
  it.each([
    // ISO 8601 with an offset (the zone does not matter)
    ["2020-02-21T09:00:00+08:00", sh(2020, 2, 21, 9)],
    ["2020-02-21T01:00:00Z", Date.UTC(2020, 1, 21, 1)],
    ["2020-02-21T01:00Z", Date.UTC(2020, 1, 21, 1)],
    ["2020-02-21T09:00:00+0800", sh(2020, 2, 21, 9)],
    ["2020-02-21T09:00+08", sh(2020, 2, 21, 9)],
    ["2020-02-21 09:00:00+08:00", sh(2020, 2, 21, 9)],
    ["2020-02-21T09:00:00.5+08:00", sh(2020, 2, 21, 9, 0, 0, 500)],
    ["2020-02-21T09:00:00.123Z", Date.UTC(2020, 1, 21, 9, 0, 0, 123)],
    ["2020-02-21T09:00:00.123456789Z", Date.UTC(2020, 1, 21, 9, 0, 0, 123)], // truncated to the ms
    ["2020-02-20T20:30:00-05:00", Date.UTC(2020, 1, 20, 20, 30) + 5 * HOUR],
    ["2020-02-21T06:30:00+05:30", Date.UTC(2020, 1, 21, 6, 30) - 330 * MINUTE],
    ["2020-02-21T00:00:00-00:00", Date.UTC(2020, 1, 21)],
    // local wall time in the shop zone
    ["2020-02-21 09:00:00", sh(2020, 2, 21, 9)],
    ["2020-02-21T09:00:00", sh(2020, 2, 21, 9)],
    ["2020-02-21 09:00", sh(2020, 2, 21, 9)],
    ["2020-02-21T09:00", sh(2020, 2, 21, 9)],
    ["2020-02-21 09:00:00.250", sh(2020, 2, 21, 9, 0, 0, 250)],
    ["2020/2/21 9:00", sh(2020, 2, 21, 9)],
    ["2020/2/21 0:00", sh(2020, 2, 21, 0)],
    ["2020/02/21 09:00:59", sh(2020, 2, 21, 9, 0, 59)],
    ["2020/12/31 23:59", sh(2020, 12, 31, 23, 59)],
    ["2020-2-1 9:05", sh(2020, 2, 1, 9, 5)],
    // a date alone is midnight in the shop zone
    ["2020-02-21", sh(2020, 2, 21)],
    ["2020/2/21", sh(2020, 2, 21)],
  ])("%s", (text, expected) => {
    expect(parseInstant(text, shanghai)).toBe(expected);
  });

  it("reads wall times in the zone it is given", () => {
    const kolkata = createZone("Asia/Kolkata"); // +05:30
    const stJohns = createZone("America/St_Johns"); // -03:30 in February
    const utc = createZone("UTC");
    expect(parseInstant("2020-02-21 09:00", kolkata)).toBe(Date.UTC(2020, 1, 21, 9) - 330 * MINUTE);
    expect(parseInstant("2020-02-21 09:00", stJohns)).toBe(Date.UTC(2020, 1, 21, 9) + 210 * MINUTE);
    expect(parseInstant("2020-02-21 09:00", utc)).toBe(Date.UTC(2020, 1, 21, 9));
    // an explicit offset wins over the zone
    expect(parseInstant("2020-02-21T09:00:00+08:00", stJohns)).toBe(sh(2020, 2, 21, 9));
  });

  it("accepts 29 February only in leap years", () => {
    expect(parseInstant("2020-02-29", shanghai)).toBe(sh(2020, 2, 29));
    expect(parseInstant("2000-02-29 12:00", shanghai)).toBe(sh(2000, 2, 29, 12)); // divisible by 400
    expect(parseInstant("2100-02-29", shanghai)).toBeNaN(); // divisible by 100, not 400
    expect(parseInstant("2100-02-29 12:00:00", shanghai)).toBeNaN();
    expect(parseInstant("2019-02-29", shanghai)).toBeNaN();
  });

  it("reads the smallest and largest time of a day", () => {
    expect(parseInstant("2020-02-21 00:00:00", shanghai)).toBe(sh(2020, 2, 21));
    expect(parseInstant("2020-02-21 23:59:59", shanghai)).toBe(sh(2020, 2, 22) - 1000);
  });
});

describe("parseInstant: rejected values", () => {
  it.each([
    "2020-02-30",
    "2019-02-29",
    "2020-02-31",
    "2020-04-31",
    "2020-13-01",
    "2020-00-10",
    "2020-01-00",
    "2020-02-21 24:00",
    "2020-02-21 23:60",
    "2020-02-21 23:59:60",
    "2020-02-31 10:00:00", // fixed-layout fast path
    "2020-02-31 10:00", // fixed-layout fast path
    "2020-02-31T10:00:00Z",
    "2020-02-31T10:00:00+08:00",
    "2020/2/30 9:00", // general scanner
    "2020-02-21T09:00:00+15:00", // offsets stop at ±14:00
    "2020-02-21T09:00:00+08:60",
  ])("%s is not a real calendar date or time", (text) => {
    expect(parseInstant(text, shanghai)).toBeNaN();
    expect(describeInstantError(text, shanghai)).toBe(`"${text}" is not a real calendar date or time`);
  });

  it.each([
    "abc",
    "20200221",
    "2020-02-21 9",
    "2020-02-21 09:0",
    "2020-02-21 09:00:0",
    "2020-02-21 09:00:00 ",
    " 2020-02-21 09:00:00",
    "2020-02-21  09:00",
    "2020-02-21 ",
    "2020-02-21_09:00",
    "2020-02/21 09:00",
    "20-02-21 09:00",
    "2020-002-21",
    "2020-02-021",
    "2020-02-21 009:00",
    "2020-02-21T09:00:00.Z",
    "2020-02-21T09:00.5Z",
    "2020-02-21T09:00:00ZZ",
    "2020-02-21T09:00:00+8",
    "2020-02-21T09:00:00+08:",
    "2020-02-21T09:00:00+08:0",
    "2020-02-21T09:00:00 +08:00",
    "2020-02-21T09:00:00GMT",
    "2020-02-21Z",
    "2020年2月21日",
    "2020-02-21 09:00:00.1234567890",
  ])("%j is malformed", (text) => {
    expect(parseInstant(text, shanghai)).toBeNaN();
    expect(describeInstantError(text, shanghai)).toBe(
      `"${text}" is not a date-time; expected 2020-02-21 09:00[:ss], 2020/2/21 9:00, or ISO 8601 with an offset`,
    );
  });

  it("rejects non-text values", () => {
    for (const v of [undefined, null, 1582246800000, new Date(0), {}]) expect(parseInstant(v, shanghai)).toBeNaN();
    expect(describeInstantError(undefined)).toBe("is missing; expected a date-time like 2020-02-21 09:00:00");
    expect(describeInstantError(null)).toBe("is missing; expected a date-time like 2020-02-21 09:00:00");
    expect(describeInstantError("")).toBe("is missing; expected a date-time like 2020-02-21 09:00:00");
    expect(parseInstant("", shanghai)).toBeNaN();
    expect(describeInstantError(1582246800000)).toBe("1582246800000 is not a date-time text");
  });

  it.each(["2020-02-21 09:00:00", "2020-02-21 09:00", "2020/2/21 9:00", "2020-02-21", "2020-02-21T09:00:00"])(
    "%s without a zone has no UTC offset",
    (text) => {
      expect(parseInstant(text, null)).toBeNaN();
      expect(describeInstantError(text, null)).toBe(
        `"${text}" has no UTC offset; expected ISO 8601 with an offset like 2020-02-21T09:00:00+08:00`,
      );
    },
  );

  it("reads instants with an offset without a zone", () => {
    expect(parseInstant("2020-02-21T09:00:00+08:00", null)).toBe(sh(2020, 2, 21, 9));
    expect(parseInstant("2020-02-21T01:00:00Z", null)).toBe(Date.UTC(2020, 1, 21, 1));
    expect(describeInstantError("2020-02-21T09:00:00+08:00", null)).toContain("not a date-time"); // no error to tell
  });
});

describe("daysInMonth", () => {
  it("agrees with Date.UTC for every month of 400 years", () => {
    for (let y = 1900; y < 2300; y++) {
      for (let m = 1; m <= 12; m++) {
        // day 0 of the next month is the last day of this one
        expect(daysInMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
      }
    }
  });
});

describe("scanInstant", () => {
  it("writes into the given slot and returns a status code", () => {
    const out = new Float64Array(3).fill(-1);
    expect(scanInstant("2020-02-21 09:00", shanghai, out, 1)).toBe(0);
    expect(out[1]).toBe(sh(2020, 2, 21, 9));
    expect(out[0]).toBe(-1);
    expect(out[2]).toBe(-1);
    expect(scanInstant("2020-02-21 9h", shanghai, out, 2)).toBe(1);
    expect(scanInstant("2020-02-31 09:00", shanghai, out, 2)).toBe(2);
    expect(scanInstant("2020-02-21 09:00", null, out, 2)).toBe(3);
    expect(out[2]).toBe(-1); // untouched on failure
  });
});

describe("daylight saving (America/Los_Angeles): a wall time the clocks skip or repeat", () => {
  const la = createZone("America/Los_Angeles");
  // 2020-03-08: at 02:00 PST (-08:00) clocks jump to 03:00 PDT (-07:00); 02:30 does not exist.
  it("a wall time in the spring gap is an error in every layout; period boundaries still resolve it forward", () => {
    for (const text of ["2020-03-08 02:30", "2020/3/8 2:30", "2020-03-08T02:30:00"]) {
      expect(parseInstant(text, la)).toBeNaN();
      expect(describeInstantError(text, la)).toBe(`"${text}" does not exist in America/Los_Angeles: clocks jump from 02:00 to 03:00 on 2020-03-08`);
    }
    // fromWall (a day that starts in a gap) keeps the offset before the transition: 03:30 PDT.
    const expected = Date.UTC(2020, 2, 8, 2, 30) + 8 * HOUR;
    expect(la.fromWall(2020, 3, 8, 2, 30, 0, 0)).toBe(expected);
    expect(formatInstant(expected, la)).toBe("2020-03-08T03:30:00-07:00");
  });

  // 2020-11-01: at 02:00 PDT (-07:00) clocks fall back to 01:00 PST (-08:00); 01:30 happens twice.
  it("a wall time in the autumn overlap is an error unless it carries its offset", () => {
    const earlier = Date.UTC(2020, 10, 1, 1, 30) + 7 * HOUR;
    for (const text of ["2020-11-01 01:30", "2020/11/1 1:30", "2020-11-01 01:30:00"]) {
      expect(parseInstant(text, la)).toBeNaN();
      expect(describeInstantError(text, la)).toBe(
        `"${text}" is ambiguous in America/Los_Angeles: clocks go back from 02:00 to 01:00 on 2020-11-01, so it happens twice; ` +
          "give its offset (2020-11-01T01:30:00-07:00 or 2020-11-01T01:30:00-08:00), or set the policy's ambiguousTimes to earlier or later",
      );
    }
    expect(parseInstant("2020-11-01T01:30:00-07:00", la)).toBe(earlier);
    expect(parseInstant("2020-11-01T01:30:00-08:00", la)).toBe(earlier + HOUR);
    expect(la.fromWall(2020, 11, 1, 1, 30, 0, 0)).toBe(earlier);
  });

  it("wall times next to the transitions are unambiguous", () => {
    expect(parseInstant("2020-03-08 01:59", la)).toBe(Date.UTC(2020, 2, 8, 1, 59) + 8 * HOUR);
    expect(parseInstant("2020-03-08 03:00", la)).toBe(Date.UTC(2020, 2, 8, 3) + 7 * HOUR);
    expect(parseInstant("2020-11-01 00:59", la)).toBe(Date.UTC(2020, 10, 1, 0, 59) + 7 * HOUR);
    expect(parseInstant("2020-11-01 02:00", la)).toBe(Date.UTC(2020, 10, 1, 2) + 8 * HOUR);
  });
});

describe("daylight saving east of UTC (Europe/Berlin)", () => {
  const berlin = createZone("Europe/Berlin");
  it("gap 2020-03-29 02:30 does not exist; overlap 2020-10-25 02:30 is read as ambiguousTimes says", () => {
    // gap: clocks jump 02:00 CET → 03:00 CEST at 01:00Z
    expect(parseInstant("2020-03-29 02:30", berlin)).toBeNaN();
    expect(describeInstantError("2020-03-29 02:30", berlin)).toBe('"2020-03-29 02:30" does not exist in Europe/Berlin: clocks jump from 02:00 to 03:00 on 2020-03-29');
    // overlap: clocks fall 03:00 CEST → 02:00 CET at 01:00Z; 02:30 is 00:30Z (+02:00) or 01:30Z (+01:00)
    expect(parseInstant("2020-10-25 02:30", berlin)).toBeNaN();
    expect(parseInstant("2020-10-25 02:30", createZone("Europe/Berlin", { ambiguousTimes: "earlier" }))).toBe(Date.UTC(2020, 9, 25, 0, 30));
    expect(parseInstant("2020/10/25 2:30", createZone("Europe/Berlin", { ambiguousTimes: "later" }))).toBe(Date.UTC(2020, 9, 25, 1, 30));
    expect(berlin.fromWall(2020, 10, 25, 2, 30, 0, 0)).toBe(Date.UTC(2020, 9, 25, 2, 30) - 2 * HOUR);
  });
});

// Random valid wall times, written in every layout the scanner knows; all must give the same instant.
const wallTime = fc.record({
  year: fc.integer({ min: 1990, max: 2060 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 31 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
}).map((w) => ({ ...w, day: Math.min(w.day, daysInMonth(w.year, w.month)) }));

const p2 = (n: number): string => String(n).padStart(2, "0");
type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };
const isoDate = (w: Wall): string => `${w.year}-${p2(w.month)}-${p2(w.day)}`;

describe("fixed-layout fast path and general scanner agree (property)", () => {
  const zones = ["Asia/Shanghai", "UTC", "Asia/Kolkata", "America/St_Johns", "America/Los_Angeles", "Europe/Berlin"];

  it("every layout of a wall time with seconds gives the same instant", () => {
    fc.assert(
      fc.property(wallTime, fc.constantFrom(...zones), (w, zoneName) => {
        const zone = zoneOf(zoneName);
        const layouts = [
          `${isoDate(w)} ${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)}`, // 19, fast path
          `${isoDate(w)}T${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)}`, // 19 with T, fast path
          `${w.year}/${w.month}/${w.day} ${w.hour}:${p2(w.minute)}:${p2(w.second)}`, // general
          `${w.year}-${w.month}-${w.day} ${w.hour}:${p2(w.minute)}:${p2(w.second)}`, // general
          `${isoDate(w)} ${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)}.000`, // general (fraction)
        ];
        const results = layouts.map((s) => parseInstant(s, zone));
        for (const r of results) expect(r).toBe(results[0]);
        // A wall time the clocks skip or repeat is refused in every layout (the DST tests say why).
        const code = scanInstant(layouts[0]!, zone, new Float64Array(1), 0);
        expect(Number.isNaN(results[0])).toBe(code === 4 || code === 5);
        if (code === 0) expect(results[0]).toBe(zone.fromWall(w.year, w.month, w.day, w.hour, w.minute, w.second, 0));
      }),
    );
  });

  it("every layout of a wall time to the minute gives the same instant", () => {
    fc.assert(
      fc.property(wallTime, fc.constantFrom(...zones), (w, zoneName) => {
        const zone = zoneOf(zoneName);
        const layouts = [
          `${isoDate(w)} ${p2(w.hour)}:${p2(w.minute)}`, // 16, fast path
          `${isoDate(w)}T${p2(w.hour)}:${p2(w.minute)}`, // 16, fast path
          `${w.year}/${w.month}/${w.day} ${w.hour}:${p2(w.minute)}`, // Tmall export, general
          `${isoDate(w)} ${p2(w.hour)}:${p2(w.minute)}:00`, // 19, fast path
        ];
        const results = layouts.map((s) => parseInstant(s, zone));
        for (const r of results) expect(r).toBe(results[0]);
      }),
    );
  });

  it("ISO layouts with an offset give Date.UTC(fields) minus the offset", () => {
    fc.assert(
      fc.property(wallTime, fc.integer({ min: -12 * 60, max: 14 * 60 }), (w, offset) => {
        const o = Math.abs(offset);
        const sign = offset < 0 ? "-" : "+";
        const hhmm = `${p2(Math.floor(o / 60))}:${p2(o % 60)}`;
        const time = `${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)}`;
        const expected = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - offset * MINUTE;
        const layouts = [
          `${isoDate(w)}T${time}${sign}${hhmm}`, // 25, fast path
          `${isoDate(w)} ${time}${sign}${hhmm}`, // 25 with a space, fast path
          `${isoDate(w)}T${time}${sign}${hhmm.replace(":", "")}`, // +0800, general
          `${isoDate(w)}T${time}.000${sign}${hhmm}`, // general
          `${w.year}/${w.month}/${w.day}T${w.hour}:${p2(w.minute)}:${p2(w.second)}${sign}${hhmm}`, // general
        ];
        for (const s of layouts) {
          expect(parseInstant(s, null)).toBe(expected);
          expect(parseInstant(s, shanghai)).toBe(expected); // the zone does not matter
        }
        if (offset === 0) {
          expect(parseInstant(`${isoDate(w)}T${time}Z`, null)).toBe(expected); // 20, fast path
          expect(parseInstant(`${isoDate(w)}T${time}.0Z`, null)).toBe(expected); // general
        }
      }),
    );
  });

  it("an impossible day is rejected by both paths", () => {
    fc.assert(
      fc.property(wallTime, (w) => {
        const bad = { ...w, day: daysInMonth(w.year, w.month) + 1 };
        const fixed = `${isoDate(bad)} ${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)}`;
        const general = `${bad.year}/${bad.month}/${bad.day} ${w.hour}:${p2(w.minute)}`;
        expect(parseInstant(fixed, shanghai)).toBeNaN();
        expect(parseInstant(general, shanghai)).toBeNaN();
        expect(describeInstantError(fixed, shanghai)).toContain("not a real calendar date");
        expect(describeInstantError(general, shanghai)).toContain("not a real calendar date");
      }),
    );
  });
});
