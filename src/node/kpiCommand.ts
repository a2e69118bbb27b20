/**
 * `kefu-kpi kpi <folder> --period …`: the KPI metric table (R2, README) of any period.
 *
 * `--period` takes a period label — `2020-02-03` (a business day), `2020-W06` (an ISO week),
 * `2020-02` (a month), `2020-02-01..2020-02-15` (inclusive dates) — or a kind `day`, `week`,
 * `month` with `--date YYYY-MM-DD`: the day, ISO week or month holding that date. `--period month`
 * without `--date` is the month most paid orders fall in (as for `report`); so is no `--period`.
 */
import { KefuKpiError } from "../errors.js";
import { busiestMonth } from "../month/buildMonthReport.js";
import { buildKpiReport } from "../month/kpiReport.js";
import type { KpiReport } from "../report/kpiSchema.js";
import { kpiCsvLines, renderKpiReport } from "../render/kpi.js";
import type { RenderOptions } from "../render/lang.js";
import { dayPeriod, isoWeekOf } from "../time/period.js";
import { jsonChunks } from "../render/jsonChunks.js";
import { locateIssues, type MonthFolder } from "./readMonthFolder.js";
import { UsageError } from "./usage.js";

/** Resolves `--period` / `--date` into a period label, or throws a {@link UsageError}. */
export function periodLabel(folder: MonthFolder, period: string | undefined, date: string | undefined): string {
  const { zone, cutover } = folder.month;
  const kind = period ?? "month";
  if (kind === "day" || kind === "week" || kind === "month") {
    if (date === undefined) {
      if (kind !== "month") throw new UsageError(`--period ${kind} needs --date YYYY-MM-DD (the ${kind} holding that date)`);
      return busiestMonth(folder.month);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date must be YYYY-MM-DD, not "${date}"`);
    let start: number;
    try {
      start = dayPeriod(date, zone, cutover).start;
    } catch (error) {
      throw new UsageError(`--date: ${(error as Error).message}`);
    }
    return kind === "day" ? date : kind === "week" ? isoWeekOf(start, zone, cutover) : date.slice(0, 7);
  }
  if (date !== undefined) throw new UsageError("--date goes with --period day, week or month");
  if (!/^\d{4}-(\d{2}|W\d{2}|\d{2}-\d{2}|\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2})$/.test(kind)) {
    throw new UsageError(`--period must be day, week, month, YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY-MM-DD..YYYY-MM-DD, not "${kind}"`);
  }
  return kind;
}

/** Builds the KPI report of a folder (decoded under its policy) over a period, pointing issues at files and rows. */
export function kpiFolder(folder: MonthFolder, period: string, shop?: string): KpiReport {
  try {
    return buildKpiReport(folder.month, undefined, { period, ...(shop === undefined ? {} : { shop }) });
  } catch (error) {
    throw folderError(error, folder);
  }
}

/** A rule's error over a folder: a period or shop the rule refuses is `--period`'s or `--shop`'s usage error; any other issue located at its file and row. */
export function folderError(error: unknown, folder: MonthFolder): unknown {
  if (!(error instanceof KefuKpiError)) return error;
  const bad = error.issues.find((i) => i.path[0] === "options" && i.path[1] === "period");
  if (bad) return new UsageError(`--period: ${bad.message}`);
  const shop = error.issues.find((i) => i.path[0] === "options" && i.path[1] === "shop");
  return shop ? new UsageError(`--shop ${shop.message}`) : locateIssues(error, folder);
}

/** Renders the KPI report in the `--format` asked for. */
export function renderKpiFormat(report: KpiReport, format: string, options?: RenderOptions): string {
  return [...renderKpiChunks(report, format, options)].join("");
}

/** {@link renderKpiFormat} in chunks (JSON and CSV never as one string). */
export function* renderKpiChunks(report: KpiReport, format: string, options?: RenderOptions): Generator<string, void, undefined> {
  if (format === "json") {
    yield* jsonChunks(report);
    yield "\n";
  } else if (format === "csv") yield* kpiCsvLines(report);
  else yield renderKpiReport(report, options);
}
