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
import type { MonthFolder } from "./readMonthFolder.js";
import { overRoster, type PeriodArgs } from "./routingCommand.js";

/** The staffing of a folder over the period asked for. */
export function staffingFolder(folder: MonthFolder, args: PeriodArgs): { plan: StaffingPlan; period: string } {
  const purpose = { roster: "staffing compares the agents needed with the roster", consultations: "staffing reads the arrivals from the consultations" };
  const { result, period } = overRoster(folder, args, purpose, staffingOfMonth);
  return { plan: result, period };
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
