// Reading a wall time through the zone's remembered days (`Zone.steadyDay`) must give exactly the
// instant the offsets give, also on the days around a transition, in zones whose clocks move by an
// hour, half an hour, at midnight, or skip a whole day; and the memory of one day must never leak
// into another (one zone reads every day, warm, and a fresh zone reads each, cold).
import { describe, expect, it } from "vitest";
import { tzOffset } from "@date-fns/tz";
import { createZone } from "../../src/time/zone.js";
import { parseInstant } from "../../src/time/parse.js";
import { wallMs } from "../../src/time/zone.js";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const MINUTE = 60_000;

/** The instants a wall time names in `zone`, from the tz database directly. */
function instantsOf(zone: string, naive: number): number[] {
  const offsets = new Set([-DAY, -HOUR * 6, 0, HOUR * 6, DAY].map((d) => Math.round(tzOffset(zone, new Date(naive + d)))));
  const found: number[] = [];
  for (const o of offsets) {
    const t = naive - o * MINUTE;
    if (Math.round(tzOffset(zone, new Date(t))) === o && !found.includes(t)) found.push(t);
  }
  return found.sort((a, b) => a - b);
}

/** UTC days (as wall dates) around each change of offset in a year. */
function daysAroundChanges(zone: string, year: number): string[] {
  const days = new Set<string>();
  let previous = tzOffset(zone, new Date(Date.UTC(year, 0, 1)));
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += HOUR) {
    const o = tzOffset(zone, new Date(t));
    if (o !== previous) for (let d = -2; d <= 2; d++) days.add(new Date(t + d * DAY).toISOString().slice(0, 10));
    previous = o;
  }
  return [...days].sort();
}

const ZONES: [string, number][] = [
  ["America/New_York", 2020],
  ["Europe/Dublin", 2020],
  ["Australia/Lord_Howe", 2020],
  ["America/Sao_Paulo", 2018], // clocks moved at midnight
  ["Pacific/Apia", 2011], // skipped 2011-12-30 whole
  ["Asia/Shanghai", 1988],
];
const TIMES = ["00:00:00", "00:30:00", "00:59:59", "01:00:00", "01:30:00", "01:59:59", "02:00:00", "02:15:00", "02:30:00", "02:59:59", "03:00:00", "12:00:00", "23:00:00", "23:59:59"];

describe("wall times read through the remembered days equal the tz database's instants", () => {
  for (const [zone, year] of ZONES) {
    it(`${zone}, the days around each change in ${year}, warm and cold`, () => {
      const warm = createZone(zone);
      const days = daysAroundChanges(zone, year);
      expect(days.length).toBeGreaterThan(4);
      for (const date of days) {
        const [y, m, d] = date.split("-").map(Number) as [number, number, number];
        for (const time of TIMES) {
          const [h, mi, s] = time.split(":").map(Number) as [number, number, number];
          const expected = instantsOf(zone, wallMs(y, m, d, h, mi, s, 0));
          const text = `${date} ${time}`;
          const want = expected.length === 1 ? expected[0]! : NaN; // none: skipped; two: ambiguous (an error by default)
          expect([text, parseInstant(text, warm)]).toEqual([text, want]);
          expect([text, parseInstant(text, createZone(zone))]).toEqual([text, want]);
        }
      }
    });
  }

  it("a date alone is the start of its day, also where the clocks skip midnight", () => {
    const zone = createZone("America/Sao_Paulo");
    // 2018-11-04: clocks went from 00:00 to 01:00.
    expect(new Date(parseInstant("2018-11-04", zone)).toISOString()).toBe("2018-11-04T03:00:00.000Z");
    expect(new Date(parseInstant("2018-11-05", zone)).toISOString()).toBe("2018-11-05T02:00:00.000Z");
    expect(new Date(parseInstant("2018-11-03", zone)).toISOString()).toBe("2018-11-03T03:00:00.000Z");
  });
});
