/**
 * The team lead's one page (the HTML report's first sections): the month at a glance (sales, the
 * silent share, pay, targets met), the KPIs against their targets, then one card per agent. Every
 * number on it is a value of the JSON report, named by the element's `data-json` path (dots between
 * keys and list indexes); `data-fmt="percent"` marks a rate shown as a percentage (the decimal point
 * moved two places, exactly, on the text). A test reads the page in Chromium and checks each one.
 */
import type { MonthReport } from "../report/schema.js";
import { KPI_LABELS, isRate, renderTargetsTable } from "./kpi.js";
import { percent } from "./text.js";
import { groupLabel, type ReportLang } from "./lang.js";
import { esc, type HtmlSection } from "./html.js";

/** A number of the JSON report: its path and, for a rate, the percentage. */
function num(path: string, value: string | number | null, asPercent = false): string {
  if (value === null) return `<span class="none">—</span>`;
  const text = typeof value === "number" ? String(value) : asPercent ? percent(value) : value;
  return `<span data-json="${esc(path)}"${asPercent ? ' data-fmt="percent"' : ""}>${esc(text)}</span>`;
}

/** The marks of a value against its target. */
const MARK: Readonly<Record<ReportLang, Record<string, string>>> = {
  zh: { met: "✓ 达标", missed: "✗ 未达标", insufficient: "* 样本不足", noData: "" },
  en: { met: "✓ met", missed: "✗ missed", insufficient: "* small sample", noData: "" },
};

/** The dashboard's sections: at a glance, KPIs against targets, the agents' cards. */
export function dashboardSections(report: MonthReport, lang: ReportLang): HtmlSection[] {
  const zh = lang === "zh";
  const s = report.shop;
  const sum = report.summary;
  const t = report.targets;
  const card = (label: string, value: string, sub = ""): string =>
    `<div class="card"><div class="label">${esc(label)}</div><div class="value">${value}</div>${sub === "" ? "" : `<div class="sub">${sub}</div>`}</div>`;
  const orders = (path: string, n: number): string => (zh ? `${num(path, n)} 单` : `${num(path, n)} orders`);
  const cards = [
    card(zh ? "已付款净额（元）" : "paid, net (yuan)", num("shop.sales.net", s.sales.net), orders("shop.sales.orders", s.sales.orders)),
    card(
      zh ? "客服业绩净额（元）" : "credited to agents, net (yuan)",
      num("shop.credited.net", s.credited.net),
      `${orders("shop.credited.orders", s.credited.orders)} · ${zh ? "占净额" : "share of net"} ${num("summary.creditedShare.net", sum?.creditedShare.net ?? null, true)}`,
    ),
    card(
      zh ? "全静默净额（元）" : "fully silent, net (yuan)",
      num("shop.silent.net", s.silent.net),
      `${orders("shop.silent.orders", s.silent.orders)} · ${zh ? "静默占比" : "silent share"} ${num("summary.silentShare.net", sum?.silentShare.net ?? null, true)}` +
        ` (${zh ? "按单数" : "by orders"} ${num("summary.silentShare.orders", sum?.silentShare.orders ?? null, true)})`,
    ),
    card(zh ? "工资合计（元）" : "pay, total (yuan)", sum === null ? num("", null) : num("summary.payTotal", sum.payTotal), zh ? `${num("pay.length", report.pay.length)} 人` : `${num("pay.length", report.pay.length)} agents`),
    ...(t === null
      ? []
      : [
          card(
            zh ? "店铺达标" : "shop targets",
            `${num("targets.shop.met", t.shop.met)} / ${num("targets.metrics.length", t.metrics.length)}`,
            zh ? `未达标 ${num("targets.shop.missed", t.shop.missed)}` : `missed ${num("targets.shop.missed", t.shop.missed)}`,
          ),
        ]),
  ];
  const sections: HtmlSection[] = [{ title: zh ? "本月概览" : "The month at a glance", html: `<div class="cards">${cards.join("")}</div>`, className: "dash" }];

  // The KPIs against their targets: a column per targeted metric, a row per agent, then the shop.
  if (t === null) {
    sections.push({
      title: zh ? "KPI 与目标" : "KPIs against targets",
      html: `<p class="note">${zh ? "未设定考核目标（kpi.targets）。" : "No targets are set (kpi.targets)."}</p>`,
      className: "dash",
    });
  } else {
    // Agents down, metrics across: a shop of any size stays within the page's width.
    const cell = (path: string, v: { value: string | null; status: string }, rate: boolean): string =>
      `<td class="num ${v.status}">${num(`${path}.value`, v.value, rate)}${MARK[lang][v.status] ? `<span class="mark">${MARK[lang][v.status]}</span>` : ""}</td>`;
    const rate = t.metrics.map((m) => isRate(m.metric));
    const tally = (path: string, x: { met: number; missed: number }): string => `<td class="num">${num(`${path}.met`, x.met)} / ${num(`${path}.missed`, x.missed)}</td>`;
    const rows = [
      `<tr class="target"><td>${zh ? "目标" : "target"}</td>${t.metrics.map((m, i) => `<td class="num">${m.bound === "atLeast" ? "≥" : "≤"} ${num(`targets.metrics.${i}.target`, m.target, rate[i])}</td>`).join("")}<td></td></tr>`,
      ...t.agents.map(
        (a, j) =>
          `<tr><td>${esc(a.agentId)}</td>${t.metrics.map((m, i) => cell(`targets.metrics.${i}.agents.${j}`, m.agents[j]!, rate[i]!)).join("")}${tally(`targets.agents.${j}`, a)}</tr>`,
      ),
      `<tr class="total"><td>${zh ? "店铺" : "shop"}</td>${t.metrics.map((m, i) => cell(`targets.metrics.${i}.shop`, m.shop, rate[i]!)).join("")}${tally("targets.shop", t.shop)}</tr>`,
    ];
    const head = `<tr><th>${zh ? "客服" : "agent"}</th>${t.metrics.map((m) => `<th class="num">${esc(zh ? KPI_LABELS[m.metric] : m.metric)}</th>`).join("")}<th class="num">${zh ? "达标 / 未达标" : "met / missed"}</th></tr>`;
    sections.push({
      title: zh ? "KPI 与目标" : "KPIs against targets",
      html:
        `<table class="targets">\n<thead>${head}</thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>` +
        `<p class="note">${
          zh
            ? "达标：不低于（≥）或不高于（≤）目标，等于目标也算达标；样本不足和无数据不评。目标在策略的 kpi.targets 中设定。"
            : "met: at least (≥) or at most (≤) the target, the target itself included; a small sample or no data is not judged. The targets are the policy's kpi.targets."
        }</p>`,
      className: "dash",
    });
  }

  // One card per agent: sales, the targets, lost inquiries, the score and the pay.
  const standings = new Map(report.people.standings.map((x) => [x.agentId, x]));
  const payAt = new Map(report.pay.map((x, i) => [x.agentId, i]));
  const targetAt = new Map((t?.agents ?? []).map((x, i) => [x.agentId, i]));
  const lostAt = new Map((report.lostInquiries?.agents ?? []).map((x, i) => [x.agentId, i]));
  const agentCards = report.agents.map((a, i) => {
    const p = `agents.${i}`;
    const lines: [string, string][] = [
      [zh ? "净额（元）" : "net sales (yuan)", num(`${p}.sales.net`, a.sales.net)],
      [zh ? "单数" : "orders", num(`${p}.sales.orders`, a.sales.orders)],
      [zh ? "提成基数（元）" : "commissionable (yuan)", num(`${p}.commissionable`, a.commissionable)],
      [zh ? "考核得分" : "scorecard score", num(`${p}.score.score`, a.score?.score ?? null)],
    ];
    const ti = targetAt.get(a.agentId);
    if (ti !== undefined) lines.push([zh ? "达标 / 未达标" : "targets met / missed", `${num(`targets.agents.${ti}.met`, t!.agents[ti]!.met)} / ${num(`targets.agents.${ti}.missed`, t!.agents[ti]!.missed)}`]);
    const li = lostAt.get(a.agentId);
    if (li !== undefined) {
      const l = report.lostInquiries!.agents[li]!;
      lines.push([zh ? "询单流失" : "lost inquiries", `${num(`lostInquiries.agents.${li}.lostBuyers`, l.lostBuyers)} / ${num(`lostInquiries.agents.${li}.inquiringBuyers`, l.inquiringBuyers)} (${num(`lostInquiries.agents.${li}.lostRate`, l.lostRate, true)})`]);
    }
    const pi = payAt.get(a.agentId);
    if (pi !== undefined) {
      const pay = report.pay[pi]!;
      lines.push([zh ? "罚款（元）" : "fines (yuan)", num(`pay.${pi}.lines.fines.amount`, pay.lines.fines.amount)]);
      lines.push([zh ? "工资合计（元）" : "pay, total (yuan)", `<strong>${num(`pay.${pi}.total`, pay.total)}</strong>`]);
    }
    const standing = standings.get(a.agentId);
    const head = [a.agentId, a.name ?? "", groupLabel(a.group, lang), standing && zh ? standing.gradeLabel : (a.grade ?? "")].filter((x) => x !== "").map(esc).join(" · ");
    const dismissed = standing?.dismissed ? ` <span class="mark missed">${zh ? "已辞退" : "dismissed"}</span>` : "";
    return `<div class="agent"><h3>${head}${dismissed}</h3><dl>${lines.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join("")}</dl></div>`;
  });
  sections.push({ title: zh ? "每位客服" : "Each agent", html: `<div class="agents">${agentCards.join("")}</div>`, className: "dash" });
  return sections;
}

/**
 * The month at a glance and the KPIs against their targets, as text (the table report): the
 * shares and the pay total on one line, then {@link renderTargetsTable}.
 */
export function renderTargetsSection(report: MonthReport, lang: ReportLang, width: number): string {
  const zh = lang === "zh";
  const out: string[] = [];
  const sum = report.summary;
  if (sum !== null) {
    const pct = (v: string | null): string => (v === null ? "—" : percent(v));
    out.push(
      zh
        ? `本月概览：客服业绩占净额 ${pct(sum.creditedShare.net)}（按单数 ${pct(sum.creditedShare.orders)}），全静默占净额 ${pct(sum.silentShare.net)}（按单数 ${pct(sum.silentShare.orders)}），工资合计 ${sum.payTotal} 元`
        : `at a glance: credited ${pct(sum.creditedShare.net)} of net (${pct(sum.creditedShare.orders)} of orders), fully silent ${pct(sum.silentShare.net)} of net (${pct(sum.silentShare.orders)} of orders), pay total ${sum.payTotal}`,
    );
  }
  out.push(renderTargetsTable(report.targets, lang, width));
  return out.join("\n");
}
