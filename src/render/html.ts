/**
 * The month report as one self-contained HTML page (no network, no script): the team lead's
 * dashboard first (the month at a glance, the KPIs against their targets, a card per agent; see
 * dashboard.ts), then the details — the per-agent table, the shop's lines, pay and every further
 * section, with charts drawn as inline SVG. Printable on A4 landscape (the tables do not break rows).
 */
import type { MonthReport } from "../report/schema.js";
import { chatHtmlSection } from "./chat.js";
import { trafficHtmlSection } from "./traffic.js";
import { lostInquiriesHtmlSection, transfersHtmlSection } from "./lostInquiries.js";
import { botsHtmlSection } from "./bots.js";
import { shopsHtmlSection } from "./shops.js";
import { groupLabel, message, renderSettings, type RenderOptions, type ReportLang } from "./lang.js";
import { dashboardSections } from "./dashboard.js";

/** A section of the page, so rule families add theirs without touching the frame. */
export interface HtmlSection {
  readonly title: string;
  readonly html: string;
  /** The section element's class (the dashboard's are "dash"). */
  readonly className?: string;
}

/**
 * Renders the page, in Chinese or English (`options.lang`; default by the policy's zone, as the
 * terminal report). Money is in yuan (元), two decimals, as in every report.
 *
 * @param extra - further sections (KPIs, pay …), placed after attribution
 */
export function renderMonthHtml(report: MonthReport, extra: readonly HtmlSection[] = [], options?: Pick<RenderOptions, "lang">): string {
  const { lang } = renderSettings(report.policy.timeZone, options);
  const zh = lang === "zh";
  const s = report.shop;
  const agents = report.agents;
  const shopRows: [string, "sales" | "credited" | "silent" | "botServed" | "uncredited" | "excluded"][] = [
    [zh ? "本月已付款" : "paid in the month", "sales"],
    [zh ? "客服业绩" : "credited to agents", "credited"],
    [zh ? "全静默（无人接待）" : "fully silent (no agent served)", "silent"],
    ...(report.bots !== null ? [[zh ? "　其中仅机器人接待" : "  of which a bot alone served", "botServed"] as [string, "botServed"]] : []),
    [zh ? "未计业绩（规则未归属）" : "left uncredited by the rule", "uncredited"],
    ...(s.excluded.orders > 0 || report.policy.attribution.excludeFlags.length > 0 ? [[zh ? "指定订单不算业绩（按旗帜排除）" : "excluded by their flag", "excluded"] as [string, "excluded"]] : []),
  ];
  const sections: HtmlSection[] = [
    ...dashboardSections(report, lang),
    {
      title: zh ? "业绩归属（元）" : "Sales attribution (yuan)",
      html:
        table(
          zh
            ? ["工号", "姓名", "组别", "单数", "销售额", "退款", "净额", "提成基数", "核对地址"]
            : ["agent", "name", "group", "orders", "gross", "refunds", "net", "commissionable", "address checks"],
          agents.map((a) => [a.agentId, a.name ?? "", groupLabel(a.group, lang), String(a.sales.orders), a.sales.gross, a.sales.refunds, a.sales.net, a.commissionable, String(a.addressChecks)]),
          [false, false, false, true, true, true, true, true, true],
          agents.map((_, i) => [null, null, null, ...["sales.orders", "sales.gross", "sales.refunds", "sales.net", "commissionable", "addressChecks"].map((k) => `agents.${i}.${k}`)]),
        ) +
        barChart(
          zh ? "各客服净额（元）" : "net sales by agent (yuan)",
          agents.map((a) => ({ label: a.agentId, value: a.sales.net })),
        ),
    },
    {
      title: zh ? "店铺（元）" : "Shop (yuan)",
      html: table(
        zh ? ["", "单数", "销售额", "退款", "净额"] : ["", "orders", "gross", "refunds", "net"],
        shopRows.map(([label, key]) => [label, ...tally(s[key])]),
        [false, true, true, true, true],
        shopRows.map(([, key]) => [null, ...["orders", "gross", "refunds", "net"].map((k) => `shop.${key}.${k}`)]),
      ),
    },
    ...paySections(report, lang),
    ...(report.chat ? [chatHtmlSection(report.chat, lang)] : []),
    ...(report.traffic ? [trafficHtmlSection(report.traffic, lang)] : []),
    ...(report.lostInquiries ? [lostInquiriesHtmlSection(report.lostInquiries, lang)] : []),
    ...(report.transfers ? [transfersHtmlSection(report.transfers, lang)] : []),
    ...(report.bots ? [botsHtmlSection(report.bots, lang)] : []),
    ...(report.shops ? [shopsHtmlSection(report.shops, lang)] : []),
    remindersHtmlSection(report, lang),
    ...extra,
  ];
  const warnings = report.warnings.length > 0 ? `<ul class="warnings">${report.warnings.map((w) => `<li>${esc(message(w, lang))}</li>`).join("")}</ul>` : "";
  // The orders of one shop (one shop's report, or a one-shop month that names its shop): its name in the title.
  const one = report.shop.ids.length === 1 ? report.shop.ids[0]! : null;
  const title = zh ? `kefu-kpi 客服月报 ${report.month}${one === null ? "" : ` · ${one}`}` : `kefu-kpi month report ${report.month}${one === null ? "" : ` · shop ${one}`}`;
  return htmlPage(title, lang, `<p class="period">${esc(report.period.start)} … ${esc(report.period.end)}</p>\n${warnings}`, sections);
}

/** A whole page: the title, a preamble (HTML) and the sections; self-contained (inline style, no script, no network). */
export function htmlPage(title: string, lang: ReportLang, preamble: string, sections: readonly HtmlSection[]): string {
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${esc(title)}</h1>
${preamble}
${sections.map((section) => `<section${section.className ? ` class="${esc(section.className)}"` : ""}>\n<h2>${esc(section.title)}</h2>\n${section.html}\n</section>`).join("\n")}
</body>
</html>
`;
}

/**
 * An HTML table; `numeric[i]` right-aligns column `i`. Cells are text (escaped). `paths[r][i]`, where
 * given, names the JSON report's value the cell shows (its `data-json`, as on the dashboard).
 */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly boolean[] = [],
  paths: readonly (readonly (string | null)[])[] = [],
): string {
  const cell = (tag: "th" | "td", text: string, i: number, path: string | null = null): string =>
    `<${tag}${numeric[i] ? ' class="num"' : ""}${path === null ? "" : ` data-json="${esc(path)}"`}>${esc(text)}</${tag}>`;
  return `<table>\n<thead><tr>${header.map((h, i) => cell("th", h, i)).join("")}</tr></thead>\n<tbody>\n${rows
    .map((r, ri) => `<tr>${r.map((c, i) => cell("td", c, i, paths[ri]?.[i] ?? null)).join("")}</tr>`)
    .join("\n")}\n</tbody>\n</table>`;
}

/**
 * A horizontal bar chart as inline SVG. Values are decimal strings (money or scores); bar lengths
 * are a drawing, the printed labels are the exact values.
 */
export function barChart(title: string, bars: readonly { label: string; value: string }[]): string {
  const max = Math.max(0, ...bars.map((b) => Number(b.value)));
  const rowHeight = 22;
  const width = 560;
  const labelWidth = 90;
  const barArea = width - labelWidth - 110;
  const height = bars.length * rowHeight + 28;
  const rows = bars
    .map((b, i) => {
      const y = 24 + i * rowHeight;
      const w = max > 0 ? Math.max(0, (Number(b.value) / max) * barArea) : 0;
      return (
        `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${esc(b.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 8}" rx="2"></rect>` +
        `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 14}">${esc(b.value)}</text>`
      );
    })
    .join("");
  return `<figure><svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><text x="0" y="14" class="title">${esc(title)}</text>${rows}</svg></figure>`;
}

// The pay statements (R5): one row per agent, line by line, and the totals as a chart.
function paySections(report: MonthReport, lang: ReportLang): HtmlSection[] {
  const zh = lang === "zh";
  if (report.pay.length === 0) return [];
  const names = new Map(report.agents.map((a) => [a.agentId, a.name ?? ""]));
  const rows = report.pay.map((s) => [
    s.agentId,
    names.get(s.agentId) ?? "",
    s.lines.baseSalary.amount,
    s.lines.commission.amount,
    s.lines.kpiBonus.amount,
    s.lines.rewards.amount,
    s.lines.fines.amount,
    s.lines.clawback.amount,
    s.total,
  ]);
  return [
    {
      title: zh ? "工资单（元）" : "Pay statements (yuan)",
      html:
        table(
          zh
            ? ["工号", "姓名", "底薪", "提成", "积分奖金", "奖励", "罚款（−）", "退款冲回（−）", "合计"]
            : ["agent", "name", "base salary", "commission", "KPI bonus", "rewards", "fines (−)", "clawback (−)", "total"],
          rows,
          [false, false, true, true, true, true, true, true, true],
          report.pay.map((_, i) => [
            null,
            null,
            ...["baseSalary", "commission", "kpiBonus", "rewards", "fines", "clawback"].map((k) => `pay.${i}.lines.${k}.amount`),
            `pay.${i}.total`,
          ]),
        ) +
        (zh
          ? `<p class="note">合计 = 底薪 + 提成 + 积分奖金 + 奖励 − 罚款 − 退款冲回，每项四舍五入到分。每项的依据和算法：<code>kefu-kpi explain &lt;目录&gt; --agent &lt;工号&gt;</code>。</p>`
          : `<p class="note">total = base salary + commission + KPI bonus + rewards − fines − clawback, each line rounded half-up to the fen. ` +
            `Every line's rule and steps: <code>kefu-kpi explain &lt;folder&gt; --agent &lt;id&gt;</code>.</p>`) +
        barChart(zh ? "各客服合计（元）" : "total pay by agent (yuan)", report.pay.map((s) => ({ label: s.agentId, value: s.total }))),
    },
  ];
}

function tally(t: { orders: number; gross: string; refunds: string; net: string }): string[] {
  return [String(t.orders), t.gross, t.refunds, t.net];
}

/** Escapes text for HTML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const CSS = `
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; margin: 2rem; color: #222; }
h1 { font-size: 1.4rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.1rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2rem; }
.period { color: #666; margin-top: 0; }
.warnings { background: #fff7e0; border: 1px solid #e6c96b; padding: 0.5rem 1.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; }
th { background: #f3f3f3; overflow-wrap: anywhere; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0.5rem 0 1rem; }
svg.chart text { font-size: 12px; fill: #333; }
svg.chart text.title { font-weight: bold; }
svg.chart rect { fill: #4a7bd0; }
svg.spark polyline { fill: none; stroke: #4a7bd0; stroke-width: 1.5; }
svg.spark circle { fill: #4a7bd0; }
svg.spark line.target { stroke: #c0392b; stroke-width: 1; stroke-dasharray: 3 3; }
td.spark { padding: 2px 6px; }
tr { break-inside: avoid; }
.note { color: #555; font-size: 0.85rem; }
mark { background: #ffe08a; }
@media print { body { margin: 0; } section { break-inside: avoid-page; } }
@page { size: A4 landscape; margin: 1cm; }
.cards { display: flex; flex-wrap: wrap; gap: 0.6rem; }
.card { border: 1px solid #ddd; border-radius: 4px; padding: 0.5rem 0.8rem; min-width: 11rem; flex: 1 1 11rem; }
.card .label { color: #555; font-size: 0.85rem; }
.card .value { font-size: 1.4rem; font-variant-numeric: tabular-nums; }
.card .sub { color: #555; font-size: 0.8rem; }
table.targets .mark { display: block; font-size: 0.8em; white-space: nowrap; }
table.targets td.met .mark { color: #1a7f37; }
table.targets tr.target td { color: #555; }
table.targets td.missed { background: #fdecea; }
.mark.missed, table.targets td.missed .mark { color: #b42318; }
tr.total td { font-weight: bold; }
.agents { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.6rem; }
.agent { border: 1px solid #ddd; border-radius: 4px; padding: 0.4rem 0.8rem; break-inside: avoid; }
.agent h3 { font-size: 1rem; margin: 0.2rem 0 0.4rem; }
.agent dl { display: grid; grid-template-columns: auto 1fr; gap: 0.1rem 0.8rem; margin: 0; font-size: 0.9rem; }
.agent dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
`;

/** The payment reminders' outcomes (催付效果): the SMS and human reminders, and the human ones per owner. */
function remindersHtmlSection(report: MonthReport, lang: ReportLang): HtmlSection {
  const zh = lang === "zh";
  const r = report.people.duties.reminders;
  const row = (label: string, t: typeof r.sms): string[] => [label, String(t.owed), String(t.paid), t.recovered, t.rate ?? "—", String(t.unpaid)];
  return {
    title: zh ? "催付效果（元）" : "Payment reminders (yuan)",
    html: table(
      zh ? ["", "应催", "月底前付款", "挽回金额", "成功率", "仍未付款"] : ["", "owed", "paid by the month's end", "recovered", "rate", "still unpaid"],
      [
        row(zh ? "短信催付" : "SMS", r.sms),
        row(zh ? "人工催付" : "human", r.human),
        ...r.agents.map((a) => row(a.agentId, a)),
        ...(r.unowned.owed > 0 ? [row(zh ? "无人负责" : "unowned", r.unowned)] : []),
      ],
      [false, true, true, true, true, true],
    ),
  };
}
