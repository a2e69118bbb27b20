/**
 * The options of the entry points (a month, a date, a period label) are not records: each entry
 * point reads its own, and a bad one is an issue at `options.<name>`. The decoded month is the
 * entry points' one context: its resolved policy, zone and business-day cut-over cut every period.
 */
import { IssueCode, KefuKpiError } from "../errors.js";
import { readTextOption } from "../input.js";
import { monthPeriod, parsePeriod, type Period } from "../time/period.js";
import type { DecodedMonth } from "./month.js";

/** A period label cut in the month's zone at its cut-over (`2020-02`, `2020-W08`, `2020-02-21`, a range). @throws {RangeError} for a bad label */
export function periodOf(month: DecodedMonth, label: string): Period {
  return parsePeriod(label, month.zone, month.cutover);
}

/** A month `YYYY-MM` cut in the month's zone at its cut-over. @throws {RangeError} for a bad label */
export function monthOf(month: DecodedMonth, label: string): Period {
  return monthPeriod(label, month.zone, month.cutover);
}

/** The `period` option of an entry point, cut in the month's zone; undefined when not given; a bad one is an issue at `options.period`. */
export function periodOption(month: DecodedMonth, options: Record<string, unknown>): Period | undefined {
  return readTextOption(options, "period", (label) => periodOf(month, label));
}

/**
 * Reads an option (a date, month or period label) with `read`, turning its RangeError into a
 * {@link KefuKpiError} at `options.<name>`, so the `safe…` twins return it as an issue.
 *
 * @example
 * readOption("month", () => monthPeriod("2020-13", zone)) // throws: options.month: "2020-13" is not a month; expected YYYY-MM
 */
export function readOption<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RangeError) throw new KefuKpiError([{ code: IssueCode.invalidValue, path: ["options", name], message: error.message }]);
    throw error;
  }
}
