/** `kefu-kpi duties <folder> --date YYYY-MM-DD`: a day's duty sheet per agent (table or JSON). */
import { KefuKpiError } from "../errors.js";
import { daysInMonth } from "../time/parse.js";
import { buildDutySheet } from "../month/dutySheet.js";
import { renderDutySheet } from "./renderPeople.js";
import type { PolicyInput } from "../policy/schema.js";
import { locateIssues, readMonthFolder, readPolicyFile } from "./readMonthFolder.js";

export interface DutiesArgs {
  readonly folder: string;
  readonly date: string | undefined;
  readonly policy: string | undefined;
  readonly format: string | undefined;
}

/** Checks the arguments (a message for a usage error), reads the folder and renders the sheet. */
export async function dutiesCommand(args: DutiesArgs, usageError: (message: string) => Error): Promise<string> {
  if (args.date === undefined) throw usageError("duties needs --date YYYY-MM-DD");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.date) || !isRealDate(args.date)) throw usageError(`--date must be a date YYYY-MM-DD, not "${args.date}"`);
  const format = args.format ?? "table";
  if (format !== "table" && format !== "json") throw usageError(`--format must be table or json for duties, not "${format}"`);
  const folder = await readMonthFolder(args.folder);
  const policy: PolicyInput | undefined = args.policy === undefined ? folder.policy : await readPolicyFile(args.policy);
  try {
    const sheet = buildDutySheet(folder.input, policy, args.date);
    return format === "json" ? JSON.stringify(sheet, null, 2) + "\n" : renderDutySheet(sheet);
  } catch (error) {
    if (error instanceof KefuKpiError) throw locateIssues(error, folder);
    throw error;
  }
}

function isRealDate(date: string): boolean {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}
