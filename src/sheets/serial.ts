/**
 * Excel date serials. A serial counts days, with the time of day as the fraction; it names a wall
 * time (no zone), which the adapter reads in the shop zone like any other wall time.
 *
 * - 1900 system (Excel's default, and Google Sheets'): serial 1 is 1900-01-01. Excel also numbers a
 *   1900-02-29 that never was (serial 60, kept from Lotus 1-2-3), so serials from 61 on are days after
 *   1899-12-30 and serial 60 is rejected.
 * - 1904 system (older Mac workbooks): serial 0 is 1904-01-01.
 */

import { civilFromDays } from "../time/period.js";

/** Which epoch a workbook's serials count from. */
export type DateSystem = 1900 | 1904;

const DAY = 86_400_000;
/** 9999-12-31, the last day Excel can show. */
const MAX_SERIAL_1900 = 2_958_465;
// Days of 1899-12-30 and 1904-01-01 before 1970-01-01.
const EPOCH_1900 = -25_569;
const EPOCH_1904 = -24_107;

/** A serial read into wall-time text (`YYYY-MM-DD HH:mm:ss[.SSS]`), or why it is not a date. */
export type SerialReading = { readonly text: string } | { readonly error: string };

/**
 * Reads an Excel date serial as wall-time text.
 *
 * @param serial - days since the system's epoch; the fraction is the time of day (to the millisecond)
 * @param system - the workbook's date system
 * @example
 * serialToWallText(43882.375, 1900) //=> { text: "2020-02-21 09:00:00" }
 * serialToWallText(60, 1900)        //=> { error: "60 is Excel's 1900-02-29, a day that never was" }
 */
export function serialToWallText(serial: number, system: DateSystem = 1900): SerialReading {
  const text = serialText(serial, system);
  if (text !== null) return { text };
  if (!Number.isFinite(serial)) return { error: `${String(serial)} is not a date serial` };
  const day = Math.floor(serial);
  if (system === 1900 && (Math.round((serial - day) * DAY) === DAY ? day + 1 : day) === 60) return { error: `${serial} is Excel's 1900-02-29, a day that never was (serial 60)` };
  const min = system === 1900 ? 1 : 0;
  const max = system === 1900 ? MAX_SERIAL_1900 : MAX_SERIAL_1900 - 1462;
  return { error: `${serial} is not a date serial of the ${system} date system (expected ${min} to ${max}, with the time as the fraction)` };
}

/**
 * An Excel date serial as wall-time text, or null when it is no date serial of the system (what
 * {@link serialToWallText} explains). With `phantom`, serial 60 of the 1900 system is the
 * `1900-02-29` Excel shows for it (a text that is no real date). The sheets read every date cell
 * through it, so it is built for speed: the date part of the last day read is kept (the serials
 * of a range come in runs of the same day).
 */
export function serialText(serial: number, system: DateSystem, phantom = false): string | null {
  if (!(serial >= (system === 1900 ? 1 : 0) && serial < (system === 1900 ? MAX_SERIAL_1900 + 1 : MAX_SERIAL_1900 - 1461))) return null;
  let days = Math.floor(serial);
  let ms = Math.round((serial - days) * DAY);
  if (ms === DAY) {
    days++;
    ms = 0;
  }
  if (system === 1900 && days === 60 && !phantom) return null;
  if (days !== lastDays || system !== lastSystem) {
    // Before the phantom day a 1900 serial is one day later than its count from 1899-12-30.
    const dayNumber = system === 1904 ? EPOCH_1904 + days : EPOCH_1900 + days + (days < 60 ? 1 : 0);
    const packed = civilFromDays(dayNumber);
    const year = Math.floor(packed / 384);
    lastPrefix = system === 1900 && days === 60 ? "1900-02-29 " : `${String(year).padStart(4, "0")}-${TWO[(Math.floor(packed / 32) % 12) + 1]}-${TWO[packed % 32]} `;
    lastDays = days;
    lastSystem = system;
  }
  const second = Math.floor(ms / 1000);
  const millis = ms - second * 1000;
  const time = (TIMES[second] ??= `${TWO[Math.floor(second / 3600)]}:${TWO[Math.floor(second / 60) % 60]}:${TWO[second % 60]}`);
  return lastPrefix + (millis === 0 ? time : `${time}.${String(millis).padStart(3, "0")}`);
}

// The date part of the last day {@link serialText} read, and the times of day read so far (by second).
let lastDays = Number.NaN;
let lastSystem: DateSystem = 1900;
let lastPrefix = "";
const TIMES: (string | undefined)[] = new Array<string | undefined>(86_400);

const TWO: readonly string[] = Array.from({ length: 60 }, (_, n) => (n < 10 ? `0${n}` : String(n)));
