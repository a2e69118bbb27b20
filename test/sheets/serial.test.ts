// Excel date serials: the 1900 system with its phantom 1900-02-29 (serial 60), the 1904 system,
// fractional times and the limits.
import { describe, expect, it } from "vitest";
import { serialToWallText } from "../../src/sheets/index.js";

describe("serialToWallText, 1900 system", () => {
  it.each([
    [1, "1900-01-01 00:00:00"],
    [59, "1900-02-28 00:00:00"],
    [61, "1900-03-01 00:00:00"],
    [25569, "1970-01-01 00:00:00"],
    [43882, "2020-02-21 00:00:00"],
    [43890, "2020-02-29 00:00:00"],
    [2958465, "9999-12-31 00:00:00"],
  ])("serial %d is %s", (serial, text) => {
    expect(serialToWallText(serial, 1900)).toEqual({ text });
  });

  it("rejects serial 60, Excel's 1900-02-29 that never was, with or without a time", () => {
    expect(serialToWallText(60, 1900)).toEqual({ error: expect.stringContaining("1900-02-29") });
    expect(serialToWallText(60.5, 1900)).toEqual({ error: expect.stringContaining("1900-02-29") });
  });

  it("reads the fraction as the time of day, to the millisecond", () => {
    expect(serialToWallText(43882.375, 1900)).toEqual({ text: "2020-02-21 09:00:00" });
    // 10:05 is not exact in binary: 43882 + 605/1440 still reads as 10:05:00.
    expect(serialToWallText(43882 + 605 / 1440, 1900)).toEqual({ text: "2020-02-21 10:05:00" });
    expect(serialToWallText(43882 + (23 * 3600 + 59 * 60 + 59) / 86400, 1900)).toEqual({ text: "2020-02-21 23:59:59" });
    expect(serialToWallText(43882 + 0.5 / 86400, 1900)).toEqual({ text: "2020-02-21 00:00:00.500" });
    // A fraction a hair below the next midnight rounds into it.
    expect(serialToWallText(43882.9999999999, 1900)).toEqual({ text: "2020-02-22 00:00:00" });
    // Before the phantom day too.
    expect(serialToWallText(59.75, 1900)).toEqual({ text: "1900-02-28 18:00:00" });
  });

  it("names the phantom day also for a time that rounds into it", () => {
    expect(serialToWallText(59.9999999999, 1900)).toEqual({ error: expect.stringContaining("1900-02-29") });
  });

  it("reads each serial by its own day and system, whatever was read before", () => {
    const serials: [number, 1900 | 1904, string][] = [
      [43882.5, 1900, "2020-02-21 12:00:00"],
      [43882.5, 1904, "2024-02-22 12:00:00"],
      [43882.25, 1900, "2020-02-21 06:00:00"],
      [43883, 1900, "2020-02-22 00:00:00"],
      [43882.75, 1900, "2020-02-21 18:00:00"],
    ];
    for (const [serial, system, text] of [...serials, ...serials.reverse()]) expect(serialToWallText(serial, system)).toEqual({ text });
  });

  it.each([0, 0.5, -1, 2958466, NaN, Infinity])("rejects %d", (serial) => {
    expect(serialToWallText(serial, 1900)).toHaveProperty("error");
  });
});

describe("serialToWallText, 1904 system", () => {
  it("counts from 1904-01-01 = 0, 1462 days after the 1900 system", () => {
    expect(serialToWallText(0, 1904)).toEqual({ text: "1904-01-01 00:00:00" });
    expect(serialToWallText(43882 - 1462, 1904)).toEqual({ text: "2020-02-21 00:00:00" });
    expect(serialToWallText(43882.375 - 1462, 1904)).toEqual({ text: "2020-02-21 09:00:00" });
    // No phantom day here: 1904 is a real leap year and its Feb 29 is day 59.
    expect(serialToWallText(59, 1904)).toEqual({ text: "1904-02-29 00:00:00" });
    expect(serialToWallText(2958465 - 1462, 1904)).toEqual({ text: "9999-12-31 00:00:00" });
  });

  it("rejects serials before its epoch or after 9999-12-31", () => {
    expect(serialToWallText(-1, 1904)).toHaveProperty("error");
    expect(serialToWallText(2958466 - 1462, 1904)).toHaveProperty("error");
  });
});
