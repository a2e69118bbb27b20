import { describe, expect, it } from "vitest";
import { businessDateOf, dayPeriod, formatInstant, isoWeekOf, isoWeekPeriod, monthIndexOf, monthPeriod, rangePeriod } from "../../src/time/period.js";
import { createZone } from "../../src/time/zone.js";
import { parseInstant } from "../../src/time/parse.js";

// The suite runs under TZ=UTC and TZ=America/St_Johns (-03:30/-02:30). These are hard numbers
// (epoch ms worked out by hand from the +08:00 offset), so any reading of the machine's zone by the
// library shows up as a failure under one of the two runs. The test never looks at the machine zone.
describe("results do not depend on the machine's time zone", () => {
  const shanghai = createZone("Asia/Shanghai");

  it("periods", () => {
    // 2020-02-01T00:00+08:00 = 2020-01-31T16:00Z = 1580486400000
    expect(monthPeriod("2020-02", shanghai)).toEqual({ kind: "month", label: "2020-02", start: 1580486400000, end: 1582992000000 });
    // + 6 h with the 06:00 cut-over
    expect(monthPeriod("2020-02", shanghai, 360).start).toBe(1580486400000 + 21_600_000);
    // 2019-12-30T00:00+08:00 = 2019-12-29T16:00Z
    expect(isoWeekPeriod("2020-W01", shanghai).start).toBe(1577635200000);
    expect(dayPeriod("2020-02-21", shanghai).start).toBe(1582214400000);
    expect(rangePeriod("2020-02-01..2020-02-15", shanghai).end).toBe(1581782400000);
    // A date the machine's zone may not have: Pacific/Kiritimati skipped 1994-12-31 (under
    // TZ=Pacific/Kiritimati a Date-based calendar turned it into 1995-01-01).
    expect(dayPeriod("1994-12-31", shanghai)).toMatchObject({ start: 788803200000, end: 788889600000 });
  });

  it("instants and labels", () => {
    expect(parseInstant("2020/2/21 9:00", shanghai)).toBe(1582246800000);
    expect(parseInstant("2020-02-21 09:00:00", shanghai)).toBe(1582246800000);
    expect(parseInstant("2020-02-21", shanghai)).toBe(1582214400000);
    expect(formatInstant(1582246800000, shanghai)).toBe("2020-02-21T09:00:00+08:00");
    // 2020-03-01T05:59+08:00 with the 06:00 cut-over
    expect(businessDateOf(1583013540000, shanghai, 360)).toBe("2020-02-29");
    expect(monthIndexOf(1583013540000, shanghai, 360)).toBe(2020 * 12 + 1);
    expect(isoWeekOf(1577635200000, shanghai)).toBe("2020-W01");
    expect(isoWeekOf(1577635200000 - 1, shanghai)).toBe("2019-W52");
  });
});
