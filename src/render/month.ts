/**
 * Renders a month report as text a team lead reads in a terminal (CJK-aware column widths) or as
 * CSV with one row per agent. Pure functions: the CLI writes what they return.
 */
import { PAY_LINES } from "../pay/statement.js";
import { renderKpiSection } from "./kpi.js";
import type { AgentReport, MonthReport } from "../report/schema.js";
import { csvCell, textTable, visibleText } from "./text.js";

const GROUP: Record<string, string> = { presale: "售前", insale: "售中", aftersale: "售后" };
const RULE: Record<string, string> = { placeFirst: "下单优先 placeFirst", place: "下单判定 place", pay: "付款判定 pay" };
const SOURCE: Record<string, string> = { chat: "聊天 chat", remark: "备注 remark", chatThenRemark: "聊天+备注 chatThenRemark" };

/** The month report as a terminal table: the agents, then the shop's totals and the silent line. */
export function renderMonthTable(report: MonthReport): string {
  const p = report.policy.attribution;
  const out: string[] = [];
  out.push(`kefu-kpi 月报 month report ${report.month}  (${report.period.start} … ${report.period.end})`);
  out.push(
    `业绩归属 attribution: ${RULE[p.rule] ?? p.rule}, ${SOURCE[p.source] ?? p.source}, 询单有效期 window ${p.windowHours} h, ` +
      `提成基数 commission base ${p.deductRefunds ? "净额 net" : "总额 gross"}`,
  );
  for (const w of report.warnings) out.push(`! ${w}`);
  out.push("");
  const header = [
    "工号 agent",
    "姓名 name",
    "组 group",
    "单数 orders",
    "销售额 gross",
    "退款 refunds",
    "净额 net",
    "本下本付",
    "本下他付",
    "他下本付",
    "静默本付",
    "核对地址",
  ];
  const rows: string[][] = [header];
  for (const a of report.agents) rows.push(agentRow(a));
  out.push(textTable(rows, ["left", "left", "left", "right", "right", "right", "right", "right", "right", "right", "right", "right"]));
  out.push("");
  const s = report.shop;
  const shopRows: string[][] = [
    ["店铺 shop", "单数 orders", "销售额 gross", "退款 refunds", "净额 net"],
    ["已付款 paid in month", ...tally(s.sales)],
    ["客服业绩 credited to agents", ...tally(s.credited)],
    ["全静默 fully silent", ...tally(s.silent)],
    ["未计业绩 left uncredited by the rule", ...tally(s.uncredited)],
  ];
  out.push(textTable(shopRows, ["left", "right", "right", "right", "right"]));
  out.push("");
  out.push(
    `询单分类 by status: assisted ${s.byStatus.assisted.orders}, silent-order ${s.byStatus.silentOrder.orders}, ` +
      `fully-silent ${s.byStatus.fullySilent.orders}; 未付款 unpaid ${s.unpaidOrders}; ` +
      `其他月份付款 paid outside ${report.month} ${s.paidOutsidePeriod}`,
  );
  out.push("本下本付 own place & own pay; 本下他付 own place, other pay; 他下本付 other place, own pay; 静默本付 silent order, own pay (order counts)");
  out.push("", renderKpiSection(report));
  return visibleText(out.join("\n") + "\n");
}

function tally(t: { orders: number; gross: string; refunds: string; net: string }): string[] {
  return [String(t.orders), t.gross, t.refunds, t.net];
}

function agentRow(a: AgentReport): string[] {
  const b = a.breakdown;
  return [
    a.agentId,
    a.name ?? "",
    a.group ? (GROUP[a.group] ?? a.group) : "",
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
