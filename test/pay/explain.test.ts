// Explanations and what-if comparisons of pay statements, as a team lead reads them.
import { describe, expect, it } from "vitest";
import { comparePay, formatIssue, payStatements, resolvePolicy, toSafe, type PayAgentInput, type PayOrder } from "../../src/index.js";
import { renderPayComparison, renderPayExplanation } from "../../src/render/index.js";

const agents: PayAgentInput[] = [
  { agentId: "A1", baseSalary: "3000.00", daysEmployed: 29, daysInMonth: 29, onProbation: false, score: "90", rewards: [{ id: "R1", amount: "10.00", reason: "dataErrorFound 商品数据错误" }], fines: [] },
  { agentId: "A2", baseSalary: "2500.00", daysEmployed: 29, daysInMonth: 29, onProbation: true, score: null, rewards: [], fines: [{ id: "V1", amount: "10.00", reason: "QQ 1st: warning + 10" }] },
];
const orders: PayOrder[] = [
  { orderId: "O1", commissionable: "1000.00", creditedAgent: "A1", creditedBy: "placeAgent", placeAgent: "A1", payAgent: "A2" },
  { orderId: "O2", commissionable: "500.00", creditedAgent: "A2", creditedBy: "payAgent", placeAgent: null, payAgent: "A2" },
];

describe("renderPayExplanation", () => {
  it("shows every line with its rule, inputs and steps, the commission's orders, and the sum", () => {
    const [a1] = payStatements({ agents, orders }, resolvePolicy({}).pay);
    expect(renderPayExplanation(a1!)).toBe(
      [
        "工资单 pay statement: A1",
        "",
        "底薪 baseSalary  3000.00  [baseSalary.full]",
        "  inputs: baseSalary 3000.00, daysEmployed 29, daysInMonth 29",
        "  3000.00 for the whole month",
        "",
        "提成 commission  10.00  [commission.flat]",
        "  inputs: base 1000.00, orders 1, rate 0.01",
        "  1000.00 × 0.01 = 10",
        "  提成基数 commission base: 1 orders",
        "    订单 order  份额 share  计入 counted  原因 why",
        "    ----------  ----------  ------------  -------------------",
        "    O1                   1       1000.00  落实下单 placeAgent",
        "",
        "积分奖金 kpiBonus  450.00  [kpiBonus.points]",
        "  inputs: score 90, onProbation false, mode points, valuePerPoint 5.00",
        "  90 points × 5.00 = 450",
        "",
        "奖励 rewards  10.00  [rewards]",
        "  inputs: items 1",
        "  R1: 10.00 (dataErrorFound 商品数据错误)",
        "",
        "罚款 fines (−)  0.00  [fines]",
        "  inputs: items 0",
        "  no fines",
        "",
        "退款冲回 clawback (−)  0.00  [clawback.refundAfterSettlement]",
        "  inputs: items 0",
        "  no refunds of settled months",
        "",
        "合计 total  3470.00  = 3000.00 + 10.00 + 450.00 + 10.00 − 0.00 − 0.00",
        "",
      ].join("\n"),
    );
  });

  it("shows only the lines asked for", () => {
    const [, a2] = payStatements({ agents, orders }, resolvePolicy({}).pay);
    expect(renderPayExplanation(a2!, { lines: ["kpiBonus"] })).toBe(
      ["工资单 pay statement: A2", "", "积分奖金 kpiBonus  0.00  [kpiBonus.probation]", "  inputs: onProbation true, mode points", "  on probation during the month: the KPI bonus starts with the first month begun after regularization", ""].join("\n"),
    );
  });
});

describe("comparePay", () => {
  it("pairs agents line by line with B − A, and the table shows the lines that are not zero on both sides", () => {
    const a = payStatements({ agents, orders }, resolvePolicy({}).pay);
    const b = payStatements({ agents, orders }, resolvePolicy({ pay: { commission: { rate: "0.02", split: { placeAgent: "0.7", payAgent: "0.3" } } } }).pay);
    const rows = comparePay(a, b);
    expect(rows.map((r) => [r.agentId, r.lines.commission, r.lines.total])).toEqual([
      ["A1", { a: "10.00", b: "14.00", difference: "4.00" }, { a: "3470.00", b: "3474.00", difference: "4.00" }],
      ["A2", { a: "5.00", b: "16.00", difference: "11.00" }, { a: "2495.00", b: "2506.00", difference: "11.00" }],
    ]);
    const text = renderPayComparison(rows, { a: "a.json", b: "b.json" });
    const cells = text.trimEnd().split("\n").map((line) => line.trim().split(/ {2,}/));
    expect(cells[0]).toEqual(["工号 agent", "项目 line", "A a.json", "B b.json", "差额 B − A"]);
    expect(cells).toContainEqual(["A2", "提成 commission", "5.00", "16.00", "+11.00"]);
    expect(cells).toContainEqual(["A1", "合计 total", "3470.00", "3474.00", "+4.00"]);
    // Lines that are 0.00 under both policies are left out (no clawbacks here), the total never.
    expect(text).not.toContain("退款冲回");
    expect(cells.filter((c) => c[1] === "合计 total")).toHaveLength(2);
  });

  it("refuses what is not a list of pay statements with issues naming the side, statement and field (never a TypeError)", () => {
    const a = payStatements({ agents, orders }, resolvePolicy({}).pay);
    const problems = (x: unknown, y: unknown): string[] => {
      const r = toSafe(() => comparePay(x as never, y as never));
      return r.success ? [] : r.issues.map(formatIssue);
    };
    expect(problems(null, a)).toEqual(["a: expected a list of pay statements (of payStatements), got null"]);
    expect(problems(a, [null])).toEqual(["b[0]: expected a pay statement, got null"]);
    const broken = [{ ...a[0]!, total: 3470 }, { ...a[1]!, lines: { ...a[1]!.lines, fines: { amount: "-0" } } }, a[0]];
    expect(problems(a, broken)).toEqual([
      "b[0], total: expected an amount like \"4583.41\", got the number 3470",
      'b[1], lines.fines.amount: expected an amount like "430.00", got the text "-0"',
      'b[2], agentId: "A1" has two statements on this side; one statement per agent',
    ]);
    expect(problems(a, a)).toEqual([]);
  });
});
