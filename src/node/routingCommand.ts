/**
 * `kefu-kpi routing <folder>`: R7 replayed over the period's arrivals and the roster — the load it
 * would give each agent, the buyers who arrived with nobody on shift, and the real assignments
 * audited against it. `--date` alone is that day; `--period` as for `kpi` (default: the month most
 * paid orders fall in).
 */
import { routingOfMonth, type RoutingReplay } from "../month/routingReplay.js";
import { jsonChunks } from "../render/jsonChunks.js";
import { renderSettings, type RenderOptions } from "../render/lang.js";
import { renderRoutingTable } from "../render/routing.js";
import { folderError, periodLabel } from "./kpiCommand.js";
import type { MonthFolder } from "./readMonthFolder.js";
import { UsageError } from "./usage.js";

/** The replay of a folder over the period asked for. */
export function routingFolder(folder: MonthFolder, args: PeriodArgs): { replay: RoutingReplay; period: string } {
  const { result, period } = overRoster(folder, args, { roster: "routing replays the arrivals over the roster", consultations: "routing replays the consultations" }, routingOfMonth);
  return { replay: result, period };
}

export interface PeriodArgs {
  readonly period?: string | undefined;
  readonly date?: string | undefined;
}

/**
 * A rule over a folder's arrivals and roster (routing, staffing) over the period asked for
 * (`--date` alone is that day): each missing file a usage error saying what the command does
 * with it, the rule's errors located at their files and rows.
 */
export function overRoster<T>(folder: MonthFolder, args: PeriodArgs, purpose: { readonly roster: string; readonly consultations: string }, run: (month: MonthFolder["month"], period: string) => T): { result: T; period: string } {
  const month = folder.month;
  if (month.tables.roster === undefined) throw new UsageError(`${purpose.roster}: the folder has no roster file (roster.csv, 排班 …)`);
  if (month.tables.consultations === undefined) throw new UsageError(`${purpose.consultations}: the folder has no consultations file (or chat log)`);
  const period = periodLabel(folder, args.period ?? (args.date === undefined ? undefined : "day"), args.date);
  try {
    return { result: run(month, period), period };
  } catch (error) {
    throw folderError(error, folder);
  }
}

/** The replay in the `--format` asked for: table (default) or json. */
export function* routingChunks(replay: RoutingReplay, period: string, format: string, options: RenderOptions & { readonly timeZone: string }): Generator<string, void, undefined> {
  if (format === "json") {
    yield* jsonChunks({ kind: "kefu-kpi/routing-replay", version: 1, ...replay });
    yield "\n";
    return;
  }
  const { lang, width } = renderSettings(options.timeZone, options);
  yield renderRoutingTable(replay, lang === "zh" ? `kefu-kpi 分流回放 ${period}` : `kefu-kpi routing replay ${period}`, lang, width);
}
