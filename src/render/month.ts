/**
 * Renders a month report as text a team lead reads in a terminal (CJK-aware column widths) or as
 * CSV with one row per agent. Pure functions: the CLI writes what they return.
 */
import { PAY_LINES } from "../pay/statement.js";
import { renderKpiSection } from "./kpi.js";
import { renderChatSection } from "./chat.js";
import { renderTrafficSection } from "./traffic.js";
import { renderLostInquiriesSection, renderTransfersSection } from "./lostInquiries.js";
import { renderBotsSection } from "./bots.js";
import { renderShopsSection } from "./shops.js";
import { renderTargetsSection } from "./dashboard.js";
import type { AgentReport, MonthReport } from "../report/schema.js";
import { csvCell, fitLines, textTable, visibleText } from "./text.js";
import { groupLabel, message, renderSettings, type RenderOptions, type ReportLang } from "./lang.js";

const RULE: Record<string, readonly [string, string]> = {
  placeFirst: ["下单优先", "place first (placeFirst)"],
  place: ["按下单判定", "by who placed (place)"],
  pay: ["按付款判定", "by who paid (pay)"],
};
const SOURCE: Record<string, readonly [string, string]> = {
  chat: ["按聊天", "from chats"],
  remark: ["按订单备注", "from order remarks"],
  chatThenRemark: ["先聊天后备注", "from chats, then remarks"],
};

/**
 * The month report as a terminal table: the agents, then the shop's totals and the silent line, then
 * the KPI section. In Chinese (`lang: "zh"`, the default for a shop in a mainland China zone) or
 * English; no line wider than `width` (120).
 */
export function renderMonthTable(report: MonthReport, options?: RenderOptions): string {
  const { lang, width } = renderSettings(report.policy.timeZone, options);
  const zh = lang === "zh";
  const p = report.policy.attribution;
  const out: string[] = [];
  const start = report.period.start.slice(0, 16).replace("T", " ");
  const end = report.period.end.slice(0, 16).replace("T", " ");
  // The orders of one shop (one shop's report, or a one-shop month that names its shop): its name in the title.
  const one = report.shop.ids.length === 1 ? report.shop.ids[0]! : null;
  out.push(
    zh
      ? `kefu-kpi 客服月报 ${report.month}${one === null ? "" : ` · ${one}`}（${start} 至 ${end}，${report.policy.timeZone}；金额单位：元）`
      : `kefu-kpi month report ${report.month}${one === null ? "" : ` · shop ${one}`} (${start} to ${end}, ${report.policy.timeZone}; money in yuan)`,
  );
  const [rule, source] = [RULE[p.rule], SOURCE[p.source]];
  out.push(
    zh
      ? `业绩归属：${rule?.[0] ?? p.rule}，${source?.[0] ?? p.source}，${p.windowHours === null ? "询单有效期不限" : `询单有效期 ${p.windowHours} 小时`}，提成基数为${p.deductRefunds ? "净额（扣退款）" : "销售额（不扣退款）"}`
      : `attribution: ${rule?.[1] ?? p.rule}, ${source?.[1] ?? p.source}, ${p.windowHours === null ? "no window" : `window ${p.windowHours} h`}, commission base ${p.deductRefunds ? "net of refunds" : "gross"}`,
  );
  for (const w of report.warnings) out.push(`! ${message(w, lang)}`);
  out.push("");
  const header = zh
    ? ["工号", "姓名", "组别", "单数", "销售额", "退款", "净额", "本下本付", "本下他付", "他下本付", "静默本付", "核对地址"]
    : ["agent", "name", "group", "orders", "gross", "refunds", "net", "own/own", "own/other", "other/own", "silent/own", "address checks"];
  const rows: string[][] = [header];
  for (const a of report.agents) rows.push(agentRow(a, lang));
  out.push(textTable(rows, ["left", "left", "left", "right", "right", "right", "right", "right", "right", "right", "right", "right"], { width, keep: 2 }));
  out.push(
    zh
      ? "本下本付：本人落实下单、本人落实付款；本下他付：本人下单、他人付款；他下本付：他人下单、本人付款；静默本付：静默下单、本人付款（均为单数）"
      : "own/own: placed and paid through the agent; own/other: placed through the agent, paid through another; other/own: placed through another, paid through the agent; silent/own: placed without a chat, paid through the agent (order counts)",
  );
  out.push("");
  const s = report.shop;
  const shopRows: string[][] = [
    zh ? ["店铺", "单数", "销售额", "退款", "净额"] : ["shop", "orders", "gross", "refunds", "net"],
    [zh ? "本月已付款" : "paid in the month", ...tally(s.sales)],
    [zh ? "客服业绩" : "credited to agents", ...tally(s.credited)],
    [zh ? "全静默（无人接待）" : "fully silent (no agent served)", ...tally(s.silent)],
    ...(report.bots !== null ? [[zh ? "　其中仅机器人接待" : "  of which a bot alone served", ...tally(s.botServed)]] : []),
    [zh ? "未计业绩（规则未归属）" : "left uncredited by the rule", ...tally(s.uncredited)],
    ...(s.excluded.orders > 0 || report.policy.attribution.excludeFlags.length > 0 ? [[zh ? "指定订单不算业绩（按旗帜排除）" : "excluded by their flag", ...tally(s.excluded)]] : []),
  ];
  out.push(textTable(shopRows, ["left", "right", "right", "right", "right"], { width }));
  out.push("");
  out.push(
    zh
      ? `订单状态：客服协助 ${s.byStatus.assisted.orders} 单，静默下单 ${s.byStatus.silentOrder.orders} 单，全静默 ${s.byStatus.fullySilent.orders} 单；` +
          `未付款 ${s.unpaidOrders} 单；不在 ${report.month} 付款 ${s.paidOutsidePeriod} 单`
      : `orders by status: assisted ${s.byStatus.assisted.orders}, silent order ${s.byStatus.silentOrder.orders}, fully silent ${s.byStatus.fullySilent.orders}; ` +
          `unpaid ${s.unpaidOrders}; paid outside ${report.month} ${s.paidOutsidePeriod}`,
  );
  out.push("", renderKpiSection(report, { lang, width }));
  out.push("", renderTargetsSection(report, lang, width));
  if (report.chat) out.push("", renderChatSection(report.chat, lang, width));
  if (report.traffic) out.push("", renderTrafficSection(report.traffic, lang, width));
  if (report.lostInquiries) out.push("", renderLostInquiriesSection(report.lostInquiries, lang, width));
  if (report.transfers) out.push("", renderTransfersSection(report.transfers, lang, width));
  if (report.bots) out.push("", renderBotsSection(report.bots, lang, width));
  if (report.shops) out.push("", renderShopsSection(report.shops, lang, width));
  return visibleText(fitLines(out.join("\n"), width) + "\n");
}

function tally(t: { orders: number; gross: string; refunds: string; net: string }): string[] {
  return [String(t.orders), t.gross, t.refunds, t.net];
}

function agentRow(a: AgentReport, lang: ReportLang): string[] {
  const b = a.breakdown;
  return [
    a.agentId,
    a.name ?? "",
    groupLabel(a.group, lang),
    String(a.sales.orders),
    a.sales.gross,
    a.sales.refunds,
    a.sales.net,
    String(b.ownPlaceOwnPay.orders),
    String(b.ownPlaceOtherPay.orders),
    String(b.otherPlaceOwnPay.orders),
    String(b.silentOrderOwnPay.orders),
    String(a.addressChecks),
  ];
}

/** The CSV columns of {@link renderMonthCsv}, in order. */
export const MONTH_CSV_COLUMNS = [
  "month",
  "agentId",
  "name",
  "group",
  "grade",
  "orders",
  "gross",
  "refunds",
  "net",
  "commissionable",
  "ownPlaceOwnPayOrders",
  "ownPlaceOwnPayNet",
  "ownPlaceOtherPayOrders",
  "ownPlaceOtherPayNet",
  "otherPlaceOwnPayOrders",
  "otherPlaceOwnPayNet",
  "silentOrderOwnPayOrders",
  "silentOrderOwnPayNet",
  "addressChecks",
] as const;

/** The columns the CSV adds after {@link MONTH_CSV_COLUMNS}: the scorecard (R2) and the pay statement (R5). */
export const MONTH_CSV_PAY_COLUMNS = ["scoreStatus", "score", ...PAY_LINES, "total"] as const;

/**
 * The month report as CSV (RFC 4180, CRLF), one row per agent: the sales columns
 * ({@link MONTH_CSV_COLUMNS}), then the score and the pay lines ({@link MONTH_CSV_PAY_COLUMNS}; empty
 * for an agent without a statement, as when no agents file is given). Cells are written by
 * {@link csvCell}: a name or id that a spreadsheet would run as a formula is neutralized.
 */
export function renderMonthCsv(report: MonthReport): string {
  return [...monthCsvLines(report)].join("");
}

/** {@link renderMonthCsv} line by line (each line ends in CRLF), for writing a report of any size. */
export function* monthCsvLines(report: MonthReport): Generator<string, void, undefined> {
  const pay = new Map(report.pay.map((p) => [p.agentId, p]));
  const rows = monthAgentRows(report);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let cells: string[];
    if (i === 0) cells = [...row, ...MONTH_CSV_PAY_COLUMNS];
    else {
      const agent = report.agents[i - 1]!;
      const p = pay.get(agent.agentId);
      const lines = PAY_LINES.map((id) => p?.lines[id].amount ?? "");
      cells = [...row, agent.score.status, agent.score.score ?? "", ...lines, p?.total ?? ""];
    }
    yield cells.map(csvCell).join(",") + "\r\n";
  }
}

/** The rows of {@link renderMonthCsv} (and of the spreadsheet adapter): the header
 * {@link MONTH_CSV_COLUMNS}, then one row per agent. */
export function monthAgentRows(report: MonthReport): string[][] {
  const rows: string[][] = [[...MONTH_CSV_COLUMNS]];
  for (const a of report.agents) {
    const b = a.breakdown;
    rows.push([
      report.month,
      a.agentId,
      a.name ?? "",
      a.group ?? "",
      a.grade ?? "",
      String(a.sales.orders),
      a.sales.gross,
      a.sales.refunds,
      a.sales.net,
      a.commissionable,
      String(b.ownPlaceOwnPay.orders),
      b.ownPlaceOwnPay.net,
      String(b.ownPlaceOtherPay.orders),
      b.ownPlaceOtherPay.net,
      String(b.otherPlaceOwnPay.orders),
      b.otherPlaceOwnPay.net,
      String(b.silentOrderOwnPay.orders),
      b.silentOrderOwnPay.net,
      String(a.addressChecks),
    ]);
  }
  return rows;
}
