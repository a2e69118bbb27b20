/**
 * `kefu-kpi staffing <folder>`: the agents each hour of the week needs for the period's arrivals
 * (Erlang C), against the fewest the roster puts on shift. `--period` as for `kpi` (default: the
 * month most paid orders fall in); whole weeks weigh every hour of the week alike.
 */
import { staffingOfMonth, type StaffingPlan } from "../month/staffing.js";
import { htmlPage } from "../render/html.js";
import { jsonChunks } from "../render/jsonChunks.js";
import { renderSettings, type RenderOptions } from "../render/lang.js";
import { renderStaffingTable, staffingHtmlSection } from "../render/staffing.js";
import { folderError, periodLabel } from "./kpiCommand.js";
import type { MonthFolder } from "./readMonthFolder.js";
import { UsageError } from "./usage.js";

/** The staffing of a folder over the period asked for. */
export function staffingFolder(folder: MonthFolder, args: { readonly period?: string | undefined; readonly date?: string | undefined }): { plan: StaffingPlan; period: string } {
  const month = folder.month;
  if (month.tables.roster === undefined) throw new UsageError("staffing compares the agents needed with the roster: the folder has no roster file (roster.csv, 排班 …)");
  if (month.tables.consultations === undefined) throw new UsageError("staffing reads the arrivals from the consultations: the folder has no consultations file (or chat log)");
  const period = periodLabel(folder, args.period ?? (args.date === undefined ? undefined : "day"), args.date);
  try {
    return { plan: staffingOfMonth(month, period), period };
  } catch (error) {
    throw folderError(error, folder);
  }
}

/** The staffing in the `--format` asked for: table (default), json or html. */
export function* staffingChunks(plan: StaffingPlan, period: string, format: string, options: RenderOptions & { readonly timeZone: string }): Generator<string, void, undefined> {
  if (format === "json") {
    yield* jsonChunks({ kind: "kefu-kpi/staffing", version: 1, ...plan });
    yield "\n";
    return;
  }
  const { lang, width } = renderSettings(options.timeZone, options);
  const title = lang === "zh" ? `kefu-kpi 排班与人手 ${period}` : `kefu-kpi staffing ${period}`;
  yield format === "html" ? htmlPage(title, lang, "", [staffingHtmlSection(plan, lang)]) : renderStaffingTable(plan, title, lang, width);
}
