/**
 * Renders the KPI section (R2, README) as terminal tables: the metric table (a row per metric, a
 * column per agent and the shop), the scorecards, the QC deductions and the service levels.
 */
import { readSelected } from "../lazy.js";
import { KPI_METRIC_IDS, KPI_METRICS, type KpiMetricId } from "../policy/kpiMetrics.js";
import type { KpiReport } from "../report/kpiSchema.js";
import type { KpiTargetsReport } from "../kpi/targets.js";
import { csvCell, fitLines, percent, textTable, visibleText } from "./text.js";
import { renderBotsSection } from "./bots.js";
import { compareDecimals } from "../money/decimal.js";
import { breachReason, groupLabel, message, renderSettings, serviceLevelRule, type RenderOptions, type ReportLang } from "./lang.js";

type Section = Pick<KpiReport, "agents" | "qcDeductions" | "serviceLevels"> & { readonly shop: Pick<KpiReport["shop"], "kpis"> };
type Value = KpiReport["shop"]["kpis"][KpiMetricId];

/** 中文 name of each metric, as the seed names it (from the metric table). */
export const KPI_LABELS: Readonly<Record<KpiMetricId, string>> = Object.fromEntries(KPI_METRICS.map((m) => [m.id, m.label.zh])) as Record<KpiMetricId, string>;

/** A value as shown: rates as percentages (`96.67%`), `—` for no data, `*` when under the minimum sample. */
export function showKpi(k: Pick<Value, "value" | "status" | "unit">): string {
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

/** The service-level checks' Chinese names (the English is the check's id). */
const SERVICE_LEVEL_LABELS: Readonly<Record<Section["serviceLevels"][number]["id"], string>> = {
  firstReply: "首次响应",
  overnight: "夜间咨询",
  ticketReply: "工单回复",
  afterSaleReview: "售后审核",
  refundAfterReceipt: "收货后退款",
  presaleWait: "售前等待",
  complaintReply: "投诉回复",
  orderAnomaly: "异常订单",
  shipping: "发货",
  pickupScan: "揽收",
};

/** A check's name: the rule's (Chinese name or id), with the label of a further limit of it. */
const checkName = (c: Section["serviceLevels"][number], zh: boolean): string => {
  const name = zh ? SERVICE_LEVEL_LABELS[c.id] : c.id;
  return c.label === null ? name : zh ? `${name}（${c.label}）` : `${name} (${c.label})`;
};

const rate = (value: string): string => showKpi({ value, status: "ok", unit: "rate" });

/** The KPI section as lines of text, in the language asked for (default Chinese), fitted to the width. */
export function renderKpiSection(section: Section, options?: RenderOptions): string {
  const { lang, width } = renderSettings("Asia/Shanghai", options);
  const zh = lang === "zh";
  const out: string[] = [];
  const agents = section.agents;
  out.push(zh ? "KPI 指标（— 无数据；* 样本不足，不计分）" : "KPIs (— no data; * under the minimum sample, not scored)");
  const rows: string[][] = [[zh ? "指标" : "metric", ...agents.map((a) => a.agentId), zh ? "店铺" : "shop"]];
  for (const id of KPI_METRIC_IDS) rows.push([zh ? KPI_LABELS[id] : id, ...agents.map((a) => showKpi(a.kpis[id])), showKpi(section.shop.kpis[id])]);
  out.push(textTable(rows, ["left", ...agents.map(() => "right" as const), "right"], { width }));
  // sameDaySales counts every payment of a buyer the agent served that day, whoever is credited:
  // it can exceed agentSales (the sales credited by the attribution rule), and the lead should know why.
  const over = agents
    .filter(({ kpis }) => kpis.sameDaySales.value !== null && kpis.agentSales.value !== null && compareDecimals(kpis.sameDaySales.value, kpis.agentSales.value) > 0)
    .map((a) => a.agentId);
  if (over.length > 0) {
    out.push(
      zh
        ? `注：当天付款销售额按“客服接待当天买家付款”计，不看业绩归属，因此可以大于客服销售额（${over.join("、")}）`
        : `note: sameDaySales counts the payments of buyers on a day the agent served them, whoever the sale is credited to, so it can exceed agentSales (${over.join(", ")})`,
    );
  }
  out.push("");
  out.push(zh ? "考核得分" : "scorecards");
  const scoreRows: string[][] = [zh ? ["工号", "组别", "得分", "明细（指标 值 → 分）"] : ["agent", "group", "score", "lines (metric value → points)"]];
  for (const a of agents) {
    const s = a.score;
    const lines = s.lines
      .map((l) => {
        const metric = KPI_METRICS.find((m) => m.id === l.metric);
        // The value as the metric table shows it (a rate as a percentage), so the two read alike.
        const value = l.value === null ? "—" : metric ? showKpi({ value: l.value, status: "ok", unit: metric.unit }) : l.value;
        return `${zh ? (metric?.label.zh ?? l.metric) : l.metric} ${value}→${l.points ?? (zh ? "不计分" : "not scored")}`;
      })
      .join(zh ? "，" : ", ");
    const score = s.score ?? (s.status === "notScored" ? (zh ? "不计分" : "not scored") : zh ? "样本不足" : "insufficient");
    scoreRows.push([a.agentId, groupLabel(s.group, lang), score, s.status === "notScored" ? `${message(s.reason, lang)}${zh ? "；" : "; "}${lines}` : lines]);
  }
  out.push(textTable(scoreRows, ["left", "left", "right", "left"], { width, wrap: 3 }));
  out.push("");
  out.push(zh ? "质检扣分（每个 ISO 周封顶）" : "QC deductions (capped per ISO week)");
  if (section.qcDeductions.length === 0) out.push(zh ? "（本期没有质检）" : "(no inspections in the period)");
  else {
    const qcRows: string[][] = [zh ? ["工号", "周", "抽检", "扣分", "实扣"] : ["agent", "week", "inspections", "points", "deducted"]];
    for (const a of section.qcDeductions) {
      for (const w of a.weeks) qcRows.push([a.agentId, w.week, String(w.inspections.length), String(w.points), `${w.deducted}${w.capped ? (zh ? "（封顶）" : " (capped)") : ""}`]);
    }
    out.push(textTable(qcRows, ["left", "left", "right", "right", "right"], { width }));
  }
  out.push("");
  out.push(zh ? "服务时效" : "service levels");
  const slRows: string[][] = [zh ? ["检查", "检查数", "达标", "达标率", "超时", "规则"] : ["check", "checked", "compliant", "rate", "breaches", "rule"]];
  for (const c of section.serviceLevels) {
    // Every checked record is compliant or a breach: the count without the list.
    const rule = serviceLevelRule(c.rule, lang);
    const shownRule = c.status === "ok" ? rule : zh ? `${c.status === "disabled" ? "（已关闭）" : "（无数据）"}${rule}` : `${c.status}: ${rule}`;
    slRows.push([checkName(c, zh), String(c.checked), String(c.compliant), c.complianceRate === null ? "—" : rate(c.complianceRate), String(c.checked - c.compliant), shownRule]);
  }
  out.push(textTable(slRows, ["left", "right", "right", "right", "right", "left"], { width, wrap: 5 }));
  for (const c of section.serviceLevels) {
    // The first ten only, built alone (a month of a million breaches lists none of the others).
    const shown = readSelected(c, "breaches", { first: 10 }, (all: typeof c.breaches) => all.slice(0, 10));
    const breaches = c.checked - c.compliant;
    const name = checkName(c, zh);
    // Shipping and pick-up are the shop's: no agent is named.
    const who = (agentId: string | null): string => agentId ?? (zh ? "店铺" : "shop");
    for (const b of shown) out.push(zh ? `  ${name} ${b.recordId}（${who(b.agentId)}）：${breachReason(b.reason, lang)}` : `  ${name} ${b.recordId} (${who(b.agentId)}): ${b.reason}`);
    if (breaches > shown.length) out.push(zh ? `  ${name}：另有 ${breaches - shown.length} 条（见 --format json）` : `  ${name}: … and ${breaches - shown.length} more (see --format json)`);
  }
  return visibleText(fitLines(out.join("\n"), width));
}

/** The `kefu-kpi kpi` report as a terminal table (a KPI report carries no zone: Chinese unless `lang: "en"`). */
export function renderKpiReport(report: KpiReport, options?: RenderOptions): string {
  const { lang, width } = renderSettings("Asia/Shanghai", options);
  const zh = lang === "zh";
  const start = report.period.start.slice(0, 16).replace("T", " ");
  const end = report.period.end.slice(0, 16).replace("T", " ");
  const out = [zh ? `kefu-kpi KPI ${report.period.label}（${start} 至 ${end}）` : `kefu-kpi KPI ${report.period.label} (${start} to ${end})`];
  for (const w of report.warnings) out.push(`! ${message(w, lang)}`);
  out.push("", renderKpiSection(report, { lang, width }));
  out.push("", renderTargetsTable(report.targets, lang, width));
  if (report.bots) out.push("", renderBotsSection(report.bots, lang, width));
  return visibleText(fitLines(out.join("\n"), width) + "\n");
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

const RATES = new Set<KpiMetricId>(KPI_METRICS.filter((m) => m.unit === "rate").map((m) => m.id as KpiMetricId));

/** Whether a metric is a rate (a fraction, shown as a percentage on the lead's pages). */
export function isRate(metric: KpiMetricId): boolean {
  return RATES.has(metric);
}


/** Short marks for the text table (a column per metric must stay narrow). */
const SHORT_MARK: Readonly<Record<string, string>> = { met: "✓", missed: "✗", insufficient: "*", noData: "" };

/**
 * The KPIs against their targets as text (the month's and the `kpi` command's table reports): an
 * agent per row and a metric per column, each value marked ✓ met, ✗ missed or * a small sample
 * (not judged); a line saying so when no target is set.
 */
export function renderTargetsTable(t: KpiTargetsReport | null, lang: ReportLang, width: number): string {
  const zh = lang === "zh";
  if (t === null) return zh ? "未设定考核目标（kpi.targets）。" : "No targets are set (kpi.targets).";
  const rate = t.metrics.map((m) => isRate(m.metric));
  const shown = (v: { value: string | null; status: string }, i: number): string =>
    v.value === null ? "—" : `${rate[i] ? percent(v.value) : v.value}${SHORT_MARK[v.status] ? ` ${SHORT_MARK[v.status]}` : ""}`;
  const rows: string[][] = [
    [zh ? "考核目标" : "targets", ...t.metrics.map((m) => (zh ? KPI_LABELS[m.metric] : m.metric)), zh ? "达标/未达标" : "met/missed"],
    [zh ? "目标" : "target", ...t.metrics.map((m, i) => `${m.bound === "atLeast" ? "≥" : "≤"} ${rate[i] ? percent(m.target) : m.target}`), ""],
    ...t.agents.map((a, j) => [a.agentId, ...t.metrics.map((m, i) => shown(m.agents[j]!, i)), `${a.met}/${a.missed}`]),
    [zh ? "店铺" : "shop", ...t.metrics.map((m, i) => shown(m.shop, i)), `${t.shop.met}/${t.shop.missed}`],
  ];
  return [
    textTable(rows, ["left", ...t.metrics.map((): "right" => "right"), "right"], { width, keep: 1 }),
    zh ? "✓ 达标（等于目标也算）；✗ 未达标；* 样本不足，不评；— 无数据" : "✓ met (the target itself included); ✗ missed; * small sample, not judged; — no data",
  ].join("\n");
}
