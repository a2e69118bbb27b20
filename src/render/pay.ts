/**
 * Pay statements as text a team lead reads to an agent: each line with its rule and how it was
 * computed (Chinese labels with the English ids), and the orders of the commission base with why
 * each counts for the agent; and two policies side by side.
 */
import type { PayComparison } from "../pay/compare.js";
import { PAY_LINES, type PayLineId, type PayStatement } from "../pay/statement.js";
import { fitLines, textTable, visibleText } from "./text.js";
import { renderSettings, type RenderOptions } from "./lang.js";
import type { MonthReport } from "../report/schema.js";

/** Chinese label and English id of each line. */
export const PAY_LINE_LABELS: Readonly<Record<PayLineId | "total", string>> = {
  baseSalary: "底薪 baseSalary",
  commission: "提成 commission",
  kpiBonus: "积分奖金 kpiBonus",
  rewards: "奖励 rewards",
  fines: "罚款 fines (−)",
  clawback: "退款冲回 clawback (−)",
  total: "合计 total",
};

/**
 * Explains a statement line by line (or only the lines asked for).
 *
 * @example
 * renderPayExplanation(statement, { lines: ["commission"] })
 * // 提成 commission  140.00  [commission.progressive]
 * //   (10000.00 − 0.00) × 0.01 = 100 …
 */
export function renderPayExplanation(statement: PayStatement, options: { readonly lines?: readonly PayLineId[]; readonly title?: string } = {}): string {
  const out: string[] = [];
  out.push(options.title ?? `工资单 pay statement: ${statement.agentId}`);
  const shown = options.lines ?? PAY_LINES;
  for (const id of shown) {
    const line = statement.lines[id];
    out.push("");
    out.push(`${PAY_LINE_LABELS[id]}  ${line.amount}  [${line.rule}]`);
    const inputs = Object.entries(line.inputs)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k} ${String(v)}`);
    if (inputs.length > 0) out.push(`  inputs: ${inputs.join(", ")}`);
    for (const step of line.steps) out.push(`  ${step}`);
    if (id === "commission" && statement.commissionOrders.length > 0) {
      out.push(`  提成基数 commission base: ${statement.commissionOrders.length} orders`);
      out.push(
        textTable(
          [["订单 order", "份额 share", "计入 counted", "原因 why"], ...statement.commissionOrders.map((o) => [o.orderId, o.share, o.amount, o.reason])],
          ["left", "right", "right", "left"],
        )
          .split("\n")
          .map((l) => `    ${l}`)
          .join("\n"),
      );
    }
  }
  if (options.lines === undefined) {
    out.push("");
    out.push(`${PAY_LINE_LABELS.total}  ${statement.total}  = ${PAY_LINES.map((id) => `${id === "fines" || id === "clawback" ? "− " : "+ "}${statement.lines[id].amount}`).join(" ").replace(/^\+ /, "")}`);
  }
  return visibleText(out.join("\n") + "\n");
}

/** Two policies' pay side by side: one row per agent and line, with B − A. */
export function renderPayComparison(rows: readonly PayComparison[], names: { readonly a: string; readonly b: string }): string {
  const table: string[][] = [["工号 agent", "项目 line", `A ${names.a}`, `B ${names.b}`, "差额 B − A"]];
  for (const r of rows) {
    for (const id of [...PAY_LINES, "total"] as const) {
      const l = r.lines[id];
      if (id !== "total" && l.a === "0.00" && l.b === "0.00") continue;
      table.push([r.agentId, PAY_LINE_LABELS[id], l.a, l.b, l.difference.startsWith("-") || l.difference === "0.00" ? l.difference : `+${l.difference}`]);
    }
  }
  return textTable(table, ["left", "left", "right", "right", "right"]) + "\n";
}

const PAY_HEADERS: Readonly<Record<PayLineId | "total", readonly [string, string]>> = {
  baseSalary: ["底薪", "base salary"],
  commission: ["提成", "commission"],
  kpiBonus: ["积分奖金", "KPI bonus"],
  rewards: ["奖励", "rewards"],
  fines: ["罚款（−）", "fines (−)"],
  clawback: ["退款冲回（−）", "clawback (−)"],
  total: ["合计", "total"],
};

/** The month's pay statements as a table: one row per agent, line by line, and the total (Chinese or English, as the month table). */
export function renderPayTable(report: MonthReport, options?: RenderOptions): string {
  if (report.pay.length === 0) return "";
  const { lang, width } = renderSettings(report.policy.timeZone, options);
  const k = lang === "zh" ? 0 : 1;
  const names = new Map(report.agents.map((a) => [a.agentId, a.name ?? ""]));
  const rows = [
    [lang === "zh" ? "工号" : "agent", lang === "zh" ? "姓名" : "name", ...PAY_LINES.map((id) => PAY_HEADERS[id][k]), PAY_HEADERS.total[k]],
    ...report.pay.map((s) => [s.agentId, names.get(s.agentId) ?? "", ...PAY_LINES.map((id) => s.lines[id].amount), s.total]),
  ];
  const out = [
    "",
    lang === "zh" ? `工资单 ${report.month}（元）` : `pay statements ${report.month} (yuan)`,
    textTable(rows, ["left", "left", ...PAY_LINES.map(() => "right" as const), "right"], { width, keep: 2 }),
    lang === "zh"
      ? "合计 = 底薪 + 提成 + 积分奖金 + 奖励 − 罚款 − 退款冲回；每项四舍五入到分；每项的算法：kefu-kpi explain <目录> --agent <工号>"
      : "total = base salary + commission + KPI bonus + rewards − fines − clawback; each line rounded half-up to the fen; how each was computed: kefu-kpi explain <folder> --agent <id>",
  ];
  return visibleText(fitLines(out.join("\n"), width) + "\n");
}
