/** `kefu-kpi duties <folder> --date YYYY-MM-DD`: a day's duty sheet per agent (table or JSON). */
import { KefuKpiError } from "../errors.js";
import { daysInMonth } from "../time/parse.js";
import { buildDutySheet } from "../month/dutySheet.js";
import { renderDutySheet } from "../render/people.js";
import { defaultLang, type RenderOptions } from "../render/lang.js";
import { locateIssues, type MonthFolder } from "./readMonthFolder.js";

/** The checked arguments of `duties`. */
export interface DutiesArgs {
  readonly date: string;
  readonly format: "table" | "json";
  /** The table's language and width (default: the policy zone's language, 120 columns). */
  readonly render?: RenderOptions;
}

/** Checks `--date` and `--format` (a message for a usage error). */
export function checkDutiesArgs(args: { readonly date: string | undefined; readonly format: string | undefined }, usageError: (message: string) => Error): DutiesArgs {
  if (args.date === undefined) throw usageError("duties needs --date YYYY-MM-DD");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.date) || !isRealDate(args.date)) throw usageError(`--date must be a date YYYY-MM-DD, not "${args.date}"`);
  const format = args.format ?? "table";
  if (format !== "table" && format !== "json") throw usageError(`--format must be table or json for duties, not "${format}"`);
  return { date: args.date, format };
}

/** The duty sheet of a folder read by `readMonthFolder`, rendered; issues point at files and rows. */
export function dutiesText(folder: MonthFolder, args: DutiesArgs): string {
  try {
    const sheet = buildDutySheet(folder.month, undefined, args.date);
    return args.format === "json" ? JSON.stringify(sheet, null, 2) + "\n" : renderDutySheet(sheet, { ...args.render, lang: args.render?.lang ?? defaultLang(folder.month.policy.timeZone) });
  } catch (error) {
    if (error instanceof KefuKpiError) throw locateIssues(error, folder);
    throw error;
  }
}

function isRealDate(date: string): boolean {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}
