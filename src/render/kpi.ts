/**
 * Renders the KPI section (R2, README) as terminal tables: the metric table (a row per metric, a
 * column per agent and the shop), the scorecards, the QC deductions and the service levels.
 */
import { readSelected } from "../lazy.js";
import { KPI_METRIC_IDS, KPI_METRICS, type KpiMetricId } from "../policy/kpiMetrics.js";
import type { KpiReport } from "../report/kpiSchema.js";
import { csvCell, textTable, visibleText } from "./text.js";

type Section = Pick<KpiReport, "agents" | "qcDeductions" | "serviceLevels"> & { readonly shop: Pick<KpiReport["shop"], "kpis"> };
type Value = KpiReport["shop"]["kpis"][KpiMetricId];

/** 中文 name of each metric, as the seed names it (from the metric table). */
export const KPI_LABELS: Readonly<Record<KpiMetricId, string>> = Object.fromEntries(KPI_METRICS.map((m) => [m.id, m.label.zh])) as Record<KpiMetricId, string>;

const GROUP: Record<string, string> = { presale: "售前", insale: "售中", aftersale: "售后" };

/** A value as shown: rates as percentages (`96.67%`), `—` for no data, `*` when under the minimum sample. */
export function showKpi(k: Value): string {
  if (k.value === null) return "—";
  let text = k.value;
  if (k.unit === "rate") {
    // A 4-decimal fraction is a 2-decimal percentage: move the point, exactly, on the string.
    const [whole = "0", frac = ""] = k.value.split(".");
    const digits = (whole + frac.padEnd(4, "0")).replace(/^0+(?=\d{3})/, "");
    text = `${digits.slice(0, -2)}.${digits.slice(-2)}%`;
  }
  return k.status === "insufficient" ? `${text}*` : text;
}

/** The KPI section as lines of text. */
export function renderKpiSection(section: Section): string {
  const out: string[] = [];
  const agents = section.agents;
  out.push("KPI 指标 (R2)   — no data, * under the minimum sample (not scored)");
  const rows: string[][] = [["指标 metric", ...agents.map((a) => a.agentId), "店铺 shop"]];
  for (const id of KPI_METRIC_IDS) rows.push([`${KPI_LABELS[id]} ${id}`, ...agents.map((a) => showKpi(a.kpis[id])), showKpi(section.shop.kpis[id])]);
  out.push(textTable(rows, ["left", ...agents.map(() => "right" as const), "right"]));
  out.push("");
  out.push("考核得分 scorecards");
  const scoreRows: string[][] = [["工号 agent", "组 group", "得分 score", "明细 lines (metric value → points)"]];
  for (const a of agents) {
    const s = a.score;
    const lines = s.lines.map((l) => `${l.metric} ${l.value ?? "—"}→${l.points ?? "n/s"}`).join(", ");
    scoreRows.push([a.agentId, s.group ? (GROUP[s.group] ?? s.group) : "", s.score ?? (s.status === "notScored" ? "not scored" : "insufficient"), s.status === "notScored" ? `${s.reason}; ${lines}` : lines]);
  }
  out.push(textTable(scoreRows, ["left", "left", "right", "left"]));
  out.push("");
  out.push("质检扣分 QC deductions (≤ cap per ISO week)");
  if (section.qcDeductions.length === 0) out.push("(no inspections in the period)");
  else {
    const qcRows: string[][] = [["工号 agent", "周 week", "抽检 inspections", "扣分 points", "实扣 deducted"]];
    for (const a of section.qcDeductions) {
      for (const w of a.weeks) qcRows.push([a.agentId, w.week, String(w.inspections.length), String(w.points), `${w.deducted}${w.capped ? " (capped)" : ""}`]);
    }
    out.push(textTable(qcRows, ["left", "left", "right", "right", "right"]));
  }
  out.push("");
  out.push("服务时效 service levels");
  const slRows: string[][] = [["规则 check", "checked", "compliant", "rate", "breaches", "rule"]];
  for (const c of section.serviceLevels) {
    // Every checked record is compliant or a breach: the count without the list.
    slRows.push([c.id, String(c.checked), String(c.compliant), c.complianceRate === null ? "—" : showKpi({ value: c.complianceRate, status: "ok", unit: "rate", numerator: null, denominator: null, reason: "" }), String(c.checked - c.compliant), c.status === "ok" ? c.rule : `${c.status}: ${c.rule}`]);
  }
  out.push(textTable(slRows, ["left", "right", "right", "right", "right", "left"]));
  for (const c of section.serviceLevels) {
    // The first ten only, built alone (a month of a million breaches lists none of the others).
    const shown = readSelected(c, "breaches", { first: 10 }, (all: typeof c.breaches) => all.slice(0, 10));
    const breaches = c.checked - c.compliant;
    for (const b of shown) out.push(`  ${c.id} ${b.recordId} (${b.agentId}): ${b.reason}`);
    if (breaches > shown.length) out.push(`  ${c.id}: … and ${breaches - shown.length} more (see --format json)`);
  }
  return visibleText(out.join("\n"));
}

/** The `kefu-kpi kpi` report as a terminal table. */
export function renderKpiReport(report: KpiReport): string {
  const out = [`kefu-kpi KPI ${report.period.label}  (${report.period.start} … ${report.period.end})`];
  for (const w of report.warnings) out.push(`! ${w}`);
  out.push("", renderKpiSection(report));
  return visibleText(out.join("\n") + "\n");
}

/**
 * The `kefu-kpi kpi` report as CSV: a row per agent and one for the shop, a column per metric.
 * Cells are written by `csvCell` (a name or id a spreadsheet would run as a formula is neutralized).
 */
export function renderKpiCsv(report: KpiReport): string {
  return [...kpiCsvLines(report)].join("");
}

/** {@link renderKpiCsv} line by line (each line ends in CRLF). */
export function* kpiCsvLines(report: KpiReport): Generator<string, void, undefined> {
  for (const cells of kpiRows(report)) yield cells.map(csvCell).join(",") + "\r\n";
}

/** The rows of {@link renderKpiCsv} (and of the spreadsheet adapter's KPI table): a header, one row per agent, one for the shop. */
export function kpiRows(report: KpiReport): string[][] {
  const header = ["period", "agentId", "name", "group", "score", ...KPI_METRIC_IDS, "insufficient"];
  const row = (agentId: string, name: string, group: string, score: string, kpis: KpiReport["shop"]["kpis"]) => [
    report.period.label,
    agentId,
    name,
    group,
    score,
    ...KPI_METRIC_IDS.map((id) => kpis[id].value ?? ""),
    KPI_METRIC_IDS.filter((id) => kpis[id].status === "insufficient").join(" "),
  ];
  return [header, ...report.agents.map((a) => row(a.agentId, a.name ?? "", a.group ?? "", a.score.score ?? "", a.kpis)), row("(shop)", "", "", "", report.shop.kpis)];
}
