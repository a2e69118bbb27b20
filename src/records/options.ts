/**
 * The options of the entry points (a month, a date, a period label) are not records: each entry
 * point reads its own, and a bad one is an issue at `options.<name>`.
 */
import { IssueCode, KefuKpiError } from "../errors.js";

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
