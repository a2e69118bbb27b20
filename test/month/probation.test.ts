// Probation in the month report: a month the agent is on probation for any part of (probationEndsAt
// after its first instant) is measured, not scored; it earns no KPI bonus from any source (the
// scorecard or the scores file) and is not ranked (末位淘汰). Fit for early regularization changes
// nothing until probationEndsAt is moved.
import { describe, expect, it } from "vitest";
import { buildMonthReport, type MonthInput } from "../../src/index.js";

type AgentRow = NonNullable<MonthInput["agents"]>[number];
const regular: AgentRow = { agentId: "A01", name: "王芳", group: "presale", grade: "senior", hiredAt: "2017-03-06", gradeSince: "2019-04-01", probationEndsAt: "2017-06-05" };
const probationer = (probationEndsAt: string): AgentRow => ({ agentId: "A03", name: "张伟", group: "presale", grade: "junior", hiredAt: "2020-01-06", gradeSince: "2020-01-06", probationEndsAt });
const marks = (score: number) => (["work", "rules", "team"] as const).map((item) => ({ agentId: "A03", item, score, evaluator: "A01", at: "2020-02-10 17:00" }));
const orders = [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-10 10:00", paidAt: "2020-02-10 10:01", amount: "10.00" }];
const scores = [
  { agentId: "A01", month: "2020-02", score: 70 },
  { agentId: "A03", month: "2020-02", score: 86 },
];
const feb = (a03: AgentRow, extra: Partial<MonthInput> = {}) => buildMonthReport({ agents: [regular, a03], orders, scores, ...extra }, {}, { month: "2020-02" });
const a03 = (r: ReturnType<typeof feb>) => r.pay.find((s) => s.agentId === "A03")!;

describe("probation and the KPI bonus", () => {
  it("fit for early regularization but on probation by probationEndsAt: no KPI bonus from the scores file, not ranked", () => {
    const r = feb(probationer("2020-04-05"), { probation: marks(95) });
    expect(r.people.standings.find((s) => s.agentId === "A03")!.probation.status).toBe("earlyRegularization");
    // The scores file's 86 would pay 86 × 5.00 = 430.00.
    expect(a03(r).lines.kpiBonus).toMatchObject({ amount: "0.00", rule: "kpiBonus.probation", inputs: { score: "86", onProbation: true } });
    expect(r.people.ranking).toMatchObject({ ranking: [{ agentId: "A01", score: "70", rank: 1 }], bottom: ["A01"], unranked: ["A03"] });
    expect(r.warnings).toContain("scores: A03's 2020-02 score 86 earns no KPI bonus and is not ranked (末位淘汰): A03 is on probation until 2020-04-05, so 2020-02 is a probation month");
    // The report's two statements agree: the early-regularization warning says no bonus, and none is paid.
    expect(r.warnings.some((w) => w.startsWith("A03: the probation evaluation allows early regularization") && w.includes("earn no KPI bonus"))).toBe(true);
  });

  it("probation ending mid-month: the month is not scored and earns no bonus; the next month does", () => {
    const mid = feb(probationer("2020-02-15"), { probation: marks(70) });
    expect(mid.people.standings.find((s) => s.agentId === "A03")!.probation.status).toBe("regularized");
    expect(mid.agents.find((a) => a.agentId === "A03")!.score.status).toBe("notScored");
    expect(a03(mid).lines.kpiBonus).toMatchObject({ amount: "0.00", rule: "kpiBonus.probation" });
    expect(mid.people.ranking.unranked).toEqual(["A03"]);
    const march = buildMonthReport(
      { agents: [regular, probationer("2020-02-15")], orders: [{ ...orders[0]!, createdAt: "2020-03-10 10:00", paidAt: "2020-03-10 10:01" }], scores: [{ agentId: "A03", month: "2020-03", score: 86 }], probation: marks(70) },
      {},
      { month: "2020-03" },
    );
    expect(march.pay.find((s) => s.agentId === "A03")!.lines.kpiBonus).toMatchObject({ amount: "430.00", rule: "kpiBonus.points" });
  });

  it("probation ending on the month's first instant (00:00 of the 1st): the month is a regular one", () => {
    const r = feb(probationer("2020-02-01"), { probation: marks(70) });
    expect(a03(r).lines.kpiBonus).toMatchObject({ amount: "430.00", rule: "kpiBonus.points" });
    expect(r.people.ranking.ranking.map((x) => x.agentId)).toEqual(["A03", "A01"]);
    // One minute later is a probation month.
    expect(a03(feb(probationer("2020-02-01 00:01"), { probation: marks(70) })).lines.kpiBonus.rule).toBe("kpiBonus.probation");
  });

  it("a failed probation evaluation earns no bonus either", () => {
    const r = feb(probationer("2020-02-01"), { probation: marks(40) });
    expect(r.people.standings.find((s) => s.agentId === "A03")!.probation.status).toBe("failed");
    expect(a03(r).lines.kpiBonus.rule).toBe("kpiBonus.probation");
    expect(r.warnings).toContain("scores: A03's 2020-02 score 86 earns no KPI bonus and is not ranked (末位淘汰): A03 is not regularized (the probation evaluation failed), so 2020-02 is a probation month");
  });
});
