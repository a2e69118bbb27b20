/**
 * Renders the KPI trend report (走势): as text (a block per metric, a row per agent and the shop,
 * each with a sparkline of its days), as CSV (a row per metric and agent, a column per day) and as
 * one HTML page (an SVG sparkline per agent and metric, no script).
 */
import { KPI_METRICS, type KpiMetricId } from "../policy/kpiMetrics.js";
import type { TrendLine, TrendReport } from "../report/trendSchema.js";
import { KPI_LABELS, showKpi } from "./kpi.js";
import { esc, htmlPage, table } from "./html.js";
import { message, renderSettings, type RenderOptions, type ReportLang } from "./lang.js";
import { csvCell, fitLines, percent, textTable } from "./text.js";
import { compareDecimals } from "../money/decimal.js";

const ENGLISH_LABELS: Readonly<Record<string, string>> = Object.fromEntries(KPI_METRICS.map((m) => [m.id, m.label.en]));

/** The metric's name in the report's language. */
function metricName(metric: KpiMetricId, lang: ReportLang): string {
  return lang === "zh" ? `${KPI_LABELS[metric]} (${metric})` : `${ENGLISH_LABELS[metric] ?? metric} (${metric})`;
}

/** A value as the KPI tables show it (rates as percentages, * under the minimum sample, — no data). */
const shown = (line: TrendLine, v: TrendLine["total"]): string => showKpi({ ...v, unit: line.unit });

/** A change: rates in percentage points, exactly (`-0.0167` → `-1.67pt`), others as they are, with a sign. */
export function showChange(line: TrendLine, lang: ReportLang): string {
  if (line.change === null) return "—";
  const negative = line.change.startsWith("-");
  const size = negative ? line.change.slice(1) : line.change;
  const sign = negative ? "−" : /[1-9]/.test(size) ? "+" : "±";
  return line.unit === "rate" ? `${sign}${percent(size).slice(0, -1)}${lang === "zh" ? "个百分点" : "pt"}` : `${sign}${size}`;
}

/** A target's standing: `≥ 95.00% ✓ 20/29` (met on 20 of the 29 days judged). */
function showTarget(line: TrendLine): string {
  const t = line.target;
  if (t === null) return "";
  const mark = t.status === "met" ? "✓" : t.status === "missed" ? "✗" : t.status === "insufficient" ? "*" : "—";
  return `${t.bound === "atLeast" ? "≥" : "≤"} ${line.unit === "rate" ? percent(t.target) : t.target} ${mark} ${t.partsMet}/${t.partsJudged}`;
}

const BLOCKS = "▁▂▃▄▅▆▇█";
/** The cell a sparkline goes in (a private-use character: no text of a report holds it). */
const SPARK = "\uE000";

/**
 * A sparkline of the parts' values, one character per day or week: eight heights from the lowest
 * value to the highest, a space where a day has no data. The heights are a drawing; the values
 * themselves are in the JSON and CSV reports, exactly.
 */
export function sparkline(parts: TrendLine["parts"]): string {
  const values = parts.map((p) => (p.value === null ? null : Number(p.value)));
  const present = values.filter((v): v is number => v !== null);
  const low = Math.min(...present);
  const high = Math.max(...present);
  return values.map((v) => (v === null ? " " : high === low ? BLOCKS[3]! : BLOCKS[Math.round(((v - low) / (high - low)) * 7)]!)).join("");
}

/** Each metric's block as text: a row per agent and one for the shop. */
export function renderTrendTable(report: TrendReport, options?: RenderOptions & { readonly timeZone?: string }): string {
  const { lang, width } = renderSettings(options?.timeZone ?? "Asia/Shanghai", options);
  const zh = lang === "zh";
  const by = report.by === "day" ? (zh ? "按日" : "by day") : zh ? "按周" : "by week";
  const out: string[] = [
    zh ? `kefu-kpi 指标走势 ${report.period.label}（${by}，${report.parts.length} 段）` : `kefu-kpi KPI trend ${report.period.label} (${by}, ${report.parts.length} parts)`,
    `${report.period.start} … ${report.period.end}`,
    zh ? `首段 ${report.parts[0]?.label ?? "—"}，末段 ${report.parts[report.parts.length - 1]?.label ?? "—"}` : `first ${report.parts[0]?.label ?? "—"}, last ${report.parts[report.parts.length - 1]?.label ?? "—"}`,
  ];
  if (report.previous !== null) out.push(zh ? `环比：对比 ${report.previous.label} 的报告` : `change: against the report of ${report.previous.label}`);
  for (const w of report.warnings) out.push(`${zh ? "注意" : "warning"}: ${message(w, lang)}`);
  const rows = [{ id: zh ? "店铺" : "shop", name: "", lines: report.shop.lines }, ...report.agents.map((a) => ({ id: a.agentId, name: a.name ?? "", lines: a.lines }))];
  report.metrics.forEach((metric, m) => {
    const header = zh ? ["客服", "姓名", "走势", "最低", "最高", "本期", "上期", "变化", "目标 达标段数"] : ["agent", "name", "trend", "lowest", "highest", "period", "previous", "change", "target, parts met"];
    const body = rows.map((r) => {
      const line = r.lines[m]!;
      const values = line.parts.filter((p) => p.value !== null).map((p) => p.value!);
      const order = [...values].sort(compareDecimals);
      const extreme = (v: string | undefined): string => (v === undefined ? "—" : shown(line, { value: v, status: "ok" }));
      return [r.id, r.name, sparkline(line.parts), extreme(order[0]), extreme(order[order.length - 1]), shown(line, line.total), line.previous === null ? "—" : shown(line, { value: line.previous, status: "ok" }), showChange(line, lang), showTarget(line)];
    });
    out.push("", metricName(metric, lang), textTable([header, ...body], ["left", "left", "left", "right", "right", "right", "right", "right", "left"], { width, keep: 1 }));
  });
  out.push(
    "",
    zh
      ? "走势：每个字符一天（或一周），由低到高八级，空格为无数据；数值见 JSON / CSV。* 样本不足；✓ 达标 ✗ 未达标，其后为达标段数/评定段数。"
      : "trend: one character per day (or week), eight heights from lowest to highest, a space for no data; the values are in the JSON / CSV. * small sample; ✓ met ✗ missed, then the parts met / judged.",
  );
  return fitLines(out.join("\n"), width) + "\n";
}

/** The CSV rows: a header, then one row per metric and agent (the shop first): the parts' values, the period's, the previous, the change and the target. */
export function trendRows(report: TrendReport): string[][] {
  const header = ["metric", "agentId", "name", ...report.parts.map((p) => p.label), "total", "previous", "change", "target", "targetStatus", "partsMet", "partsJudged"];
  const rows: string[][] = [header];
  const all = [{ agentId: "(shop)", name: "", lines: report.shop.lines }, ...report.agents.map((a) => ({ agentId: a.agentId, name: a.name ?? "", lines: a.lines }))];
  for (let m = 0; m < report.metrics.length; m++) {
    for (const r of all) {
      const line = r.lines[m]!;
      const t = line.target;
      rows.push([
        line.metric,
        r.agentId,
        r.name,
        ...line.parts.map((p) => p.value ?? ""),
        line.total.value ?? "",
        line.previous ?? "",
        line.change ?? "",
        t === null ? "" : `${t.bound === "atLeast" ? ">=" : "<="}${t.target}`,
        t?.status ?? "",
        t === null ? "" : String(t.partsMet),
        t === null ? "" : String(t.partsJudged),
      ]);
    }
  }
  return rows;
}

/** {@link trendRows} as CSV lines. */
export function* trendCsvLines(report: TrendReport): Generator<string, void, undefined> {
  for (const cells of trendRows(report)) yield cells.map(csvCell).join(",") + "\r\n";
}

/**
 * An SVG sparkline of the parts' values: a line from the lowest value (bottom) to the highest
 * (top), broken where a part has no data; the target as a dashed line when it is in range.
 */
export function svgSparkline(line: TrendLine, label: string): string {
  const w = 180;
  const h = 32;
  const values = line.parts.map((p) => (p.value === null ? null : Number(p.value)));
  const present = values.filter((v): v is number => v !== null);
  const target = line.target === null ? null : Number(line.target.target);
  const low = Math.min(...present, ...(target === null ? [] : [target]));
  const high = Math.max(...present, ...(target === null ? [] : [target]));
  const x = (i: number): string => (values.length <= 1 ? w / 2 : 2 + (i * (w - 4)) / (values.length - 1)).toFixed(1);
  const y = (v: number): string => (high === low ? h / 2 : h - 3 - ((v - low) / (high - low)) * (h - 6)).toFixed(1);
  const runs: string[][] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push(`${x(i)},${y(v)}`);
  });
  if (run.length > 0) runs.push(run);
  const lines = runs.map((r) => (r.length === 1 ? `<circle cx="${r[0]!.split(",")[0]}" cy="${r[0]!.split(",")[1]}" r="1.5"></circle>` : `<polyline points="${r.join(" ")}"></polyline>`)).join("");
  const goal = target === null || present.length === 0 ? "" : `<line class="target" x1="0" x2="${w}" y1="${y(target)}" y2="${y(target)}"></line>`;
  return `<svg class="spark" role="img" aria-label="${esc(label)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">${goal}${lines}</svg>`;
}

/** The trend as one self-contained page: per metric, a row per agent and the shop with its sparkline and figures. */
export function renderTrendHtml(report: TrendReport, options?: Pick<RenderOptions, "lang"> & { readonly timeZone?: string }): string {
  const { lang } = renderSettings(options?.timeZone ?? "Asia/Shanghai", options);
  const zh = lang === "zh";
  const rows = [{ id: zh ? "店铺" : "shop", name: "", lines: report.shop.lines, path: "shop" }, ...report.agents.map((a, i) => ({ id: a.agentId, name: a.name ?? "", lines: a.lines, path: `agents.${i}` }))];
  const sections = report.metrics.map((metric, m) => {
    const header = zh ? ["客服", "姓名", "走势", "本期", "上期", "变化", "目标 达标段数"] : ["agent", "name", "trend", "period", "previous", "change", "target, parts met"];
    const body = rows.map((r) => {
      const line = r.lines[m]!;
      return [r.id, r.name, SPARK, shown(line, line.total), line.previous === null ? "—" : shown(line, { value: line.previous, status: "ok" }), showChange(line, lang), showTarget(line)];
    });
    const paths = rows.map((r) => [null, null, null, `${r.path}.lines.${m}.total.value`, `${r.path}.lines.${m}.previous`, `${r.path}.lines.${m}.change`, null]);
    let html = table(header, body, [false, false, false, true, true, true, false], paths);
    // The sparklines go where the placeholder cells are, in row order (table() escapes text, not SVG).
    let r = 0;
    html = html.replace(new RegExp(`<td>${SPARK}</td>`, "g"), () => {
      const row = rows[r++]!;
      return `<td class="spark">${svgSparkline(row.lines[m]!, `${row.id} ${metric}`)}</td>`;
    });
    return { title: metricName(metric, lang), html };
  });
  const parts = report.parts;
  const preamble =
    `<p class="period">${esc(report.period.start)} … ${esc(report.period.end)} · ${esc(zh ? `${parts.length} 段：${parts[0]?.label ?? ""} … ${parts[parts.length - 1]?.label ?? ""}` : `${parts.length} parts: ${parts[0]?.label ?? ""} … ${parts[parts.length - 1]?.label ?? ""}`)}` +
    (report.previous === null ? "" : esc(zh ? ` · 环比 ${report.previous.label}` : ` · change since ${report.previous.label}`)) +
    `</p>\n` +
    (report.warnings.length > 0 ? `<ul class="warnings">${report.warnings.map((w) => `<li>${esc(message(w, lang))}</li>`).join("")}</ul>\n` : "") +
    `<p class="note">${esc(zh ? "走势线从本段最低值（下）到最高值（上），虚线为目标，断开处为无数据；精确数值见 JSON / CSV。" : "Each line runs from the lowest value (bottom) to the highest (top); the dashed line is the target; a gap is a part without data. The exact values are in the JSON / CSV.")}</p>`;
  const title = zh ? `kefu-kpi 指标走势 ${report.period.label}（${report.by === "day" ? "按日" : "按周"}）` : `kefu-kpi KPI trend ${report.period.label} (by ${report.by})`;
  return htmlPage(title, lang, preamble, sections);
}
