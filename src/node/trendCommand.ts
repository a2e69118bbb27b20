/**
 * `kefu-kpi trend <folder> --by day|week`: the KPIs of every day (or ISO week) of a period, per
 * agent and for the shop, with month-on-month changes against `--previous` and target completion.
 */
import { buildTrendReport } from "../month/trendReport.js";
import type { TrendReport } from "../report/trendSchema.js";
import type { KpiReport } from "../report/kpiSchema.js";
import type { MonthReport } from "../report/schema.js";
import { jsonChunks } from "../render/jsonChunks.js";
import type { RenderOptions } from "../render/lang.js";
import { renderTrendHtml, renderTrendTable, trendCsvLines } from "../render/trend.js";
import { KPI_METRIC_IDS } from "../policy/kpiMetrics.js";
import { folderError } from "./kpiCommand.js";
import type { MonthFolder } from "./readMonthFolder.js";
import { UsageError } from "./usage.js";

export interface TrendArgs {
  readonly period: string;
  readonly by: string | undefined;
  readonly metrics: readonly string[] | undefined;
  readonly shop: string | undefined;
  readonly previous: MonthReport | KpiReport | undefined;
}

/** `--metric` as given (repeated, or comma-separated): each a known metric id, else a usage error listing them. */
export function metricArgs(given: readonly string[] | undefined): string[] | undefined {
  if (given === undefined) return undefined;
  const metrics = given.flatMap((m) => m.split(",")).map((m) => m.trim());
  const unknown = metrics.filter((m) => !(KPI_METRIC_IDS as readonly string[]).includes(m));
  if (unknown.length > 0) throw new UsageError(`--metric ${unknown.map((m) => JSON.stringify(m)).join(", ")} is not a KPI metric; the metrics are ${KPI_METRIC_IDS.join(", ")}`);
  return metrics;
}

/** The trend report of a folder, the rule's errors located at their files and rows (or the option's usage error). */
export function trendFolder(folder: MonthFolder, args: TrendArgs): TrendReport {
  const by = args.by ?? "day";
  if (by !== "day" && by !== "week") throw new UsageError(`--by must be day or week, not "${by}"`);
  try {
    return buildTrendReport(folder.month, undefined, {
      period: args.period,
      by,
      ...(args.metrics === undefined ? {} : { metrics: args.metrics }),
      ...(args.shop === undefined ? {} : { shop: args.shop }),
      ...(args.previous === undefined ? {} : { previous: args.previous }),
    });
  } catch (error) {
    throw folderError(error, folder);
  }
}

/** The trend in the `--format` asked for: table (default), json, csv or html. */
export function* trendChunks(report: TrendReport, format: string, options: RenderOptions): Generator<string, void, undefined> {
  if (format === "json") {
    yield* jsonChunks(report);
    yield "\n";
  } else if (format === "csv") yield* trendCsvLines(report);
  else if (format === "html") yield renderTrendHtml(report, options);
  else yield renderTrendTable(report, options);
}
