import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createZone, isValidTimeZone, wallMs } from "../../src/time/zone.js";
import { formatInstant } from "../../src/time/period.js";
import { parseInstant } from "../../src/time/parse.js";
import { zoneOf } from "./zones.js";

// One zone per name for the property runs (a zone builds its offset cache on first use).

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe("isValidTimeZone / createZone", () => {
  it("knows IANA names and rejects others", () => {
    for (const name of ["Asia/Shanghai", "UTC", "America/St_Johns", "Asia/Kolkata", "Europe/Berlin"]) {
      expect(isValidTimeZone(name)).toBe(true);
      expect(createZone(name).name).toBe(name);
    }
    for (const name of ["Mars/Base", "", "Asia/Shang hai", "+08:00x"]) expect(isValidTimeZone(name)).toBe(false);
    expect(isValidTimeZone(42 as unknown as string)).toBe(false);
    expect(() => createZone("Mars/Base")).toThrow('unknown time zone "Mars/Base"');
  });
});

describe("wallMs", () => {
  it("agrees with Date.UTC, including overflowing fields (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -40, max: 400 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 999 }),
        (y, mo, d, h, mi, s, ms) => {
          const expected = new Date(0);
          expected.setUTCFullYear(y, mo - 1, d); // setUTCFullYear, unlike Date.UTC, does not map 0–99 to 19xx
          expected.setUTCHours(h, mi, s, ms);
          expect(wallMs(y, mo, d, h, mi, s, ms)).toBe(expected.getTime());
        },
      ),
    );
  });
});

describe("Zone.offsetAt / wallOf", () => {
  it("gives the offsets of the zones in minutes, east positive", () => {
    const jan = Date.UTC(2020, 0, 15);
    const jul = Date.UTC(2020, 6, 15);
    expect(createZone("Asia/Shanghai").offsetAt(jan)).toBe(480);
    expect(createZone("Asia/Shanghai").offsetAt(jul)).toBe(480);
    expect(createZone("Asia/Kolkata").offsetAt(jan)).toBe(330);
    expect(createZone("America/St_Johns").offsetAt(jan)).toBe(-210);
    expect(createZone("America/St_Johns").offsetAt(jul)).toBe(-150);
    expect(createZone("America/Los_Angeles").offsetAt(jan)).toBe(-480);
    expect(createZone("America/Los_Angeles").offsetAt(jul)).toBe(-420);
    expect(Object.is(createZone("UTC").offsetAt(jan), 0)).toBe(true); // +0, never -0
  });

  it("switches at the exact transition instant, also when it is not on a UTC hour", () => {
    // St John's springs forward at 02:00 NST (-03:30) on 2020-03-08 = 05:30Z, mid-hour in UTC
    const zone = createZone("America/St_Johns");
    const t = Date.UTC(2020, 2, 8, 5, 30);
    expect(zone.offsetAt(t - 1)).toBe(-210);
    expect(zone.offsetAt(t)).toBe(-150);
    expect(zone.offsetAt(t - 1)).toBe(-210); // again, from the cache
  });

  it("answers the same from the cache as on the first lookup, far from the first instant too", () => {
    const a = createZone("Asia/Shanghai");
    const b = createZone("Asia/Shanghai");
    // a starts its cache in 1900 (local mean time +08:05:43, kept as whole minutes), b in 2020
    const old = Date.UTC(1900, 0, 1);
    const first = a.offsetAt(old);
    expect(Number.isInteger(first)).toBe(true);
    expect(a.offsetAt(old)).toBe(first);
    expect(b.offsetAt(Date.UTC(2020, 0, 1))).toBe(480);
    expect(b.offsetAt(old)).toBe(first);
    expect(a.offsetAt(Date.UTC(2020, 0, 1))).toBe(480); // beyond a's cached span
  });

  it("wallOf gives the wall fields and ISO weekday", () => {
    const w = createZone("Asia/Shanghai").wallOf(Date.UTC(2020, 1, 29, 16, 30, 15, 250));
    // 16:30:15.250Z + 8 h = Sunday 2020-03-01 00:30:15.250
    expect(w).toEqual({ year: 2020, month: 3, day: 1, hour: 0, minute: 30, second: 15, millisecond: 250, weekday: 7, offset: 480 });
    expect(createZone("UTC").wallOf(Date.UTC(2020, 1, 24)).weekday).toBe(1); // a Monday
  });

  it("fromWall inverts wallOf away from transitions (property)", () => {
    const zones = ["Asia/Shanghai", "Asia/Kolkata", "America/St_Johns", "UTC", "America/Los_Angeles"];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2060, 0, 1) }), fc.constantFrom(...zones), (ms, name) => {
        const zone = zoneOf(name);
        const w = zone.wallOf(ms);
        const back = zone.fromWall(w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond);
        // Equal unless ms is the later reading of an overlap, which fromWall resolves to the earlier one.
        if (back !== ms) {
          expect(ms - back).toBe((zone.offsetAt(back) - zone.offsetAt(ms)) * MINUTE);
          expect(back).toBeLessThan(ms);
        }
      }),
    );
  });
});

describe("formatInstant", () => {
  it.each([
    ["Asia/Shanghai", Date.UTC(2020, 1, 21, 1), "2020-02-21T09:00:00+08:00"],
    ["Asia/Shanghai", Date.UTC(2020, 1, 21, 1, 0, 0, 5), "2020-02-21T09:00:00.005+08:00"],
    ["Asia/Kolkata", Date.UTC(2020, 1, 21, 1), "2020-02-21T06:30:00+05:30"],
    ["America/St_Johns", Date.UTC(2020, 1, 21, 1), "2020-02-20T21:30:00-03:30"],
    ["America/St_Johns", Date.UTC(2020, 6, 1), "2020-06-30T21:30:00-02:30"],
    ["UTC", Date.UTC(2020, 1, 21, 1), "2020-02-21T01:00:00Z"],
    ["UTC", Date.UTC(500, 0, 1) , "0500-01-01T00:00:00Z"], // four-digit year, as ISO 8601 asks
  ])("%s %d → %s", (zoneName, ms, text) => {
    expect(formatInstant(ms, createZone(zoneName))).toBe(text);
  });

  it("round-trips through parseInstant without a zone (property)", () => {
    const zones = ["Asia/Shanghai", "Asia/Kolkata", "America/St_Johns", "UTC", "America/Los_Angeles", "Europe/Berlin", "Australia/Lord_Howe"];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
          fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 0, 1) }),
        ),
        fc.constantFrom(...zones),
        (ms, name) => {
          const zone = zoneOf(name);
          const text = formatInstant(ms, zone);
          expect(parseInstant(text, null)).toBe(ms);
          expect(parseInstant(text, zone)).toBe(ms);
          if (name === "UTC") expect(text.endsWith("Z")).toBe(true);
        },
      ),
    );
  });

  it("round-trips the hours around daylight-saving transitions", () => {
    const la = createZone("America/Los_Angeles");
    for (const start of [Date.UTC(2020, 2, 8, 8), Date.UTC(2020, 10, 1, 7)]) {
      for (let ms = start; ms < start + 4 * HOUR; ms += 15 * MINUTE) expect(parseInstant(formatInstant(ms, la), null)).toBe(ms);
    }
  });
});
