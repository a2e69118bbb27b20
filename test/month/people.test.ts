import { describe, expect, it } from "vitest";
import { buildMonthReport, formatIssue, safeBuildMonthReport } from "../../src/index.js";

const agents = [
  { agentId: "A01", name: "王芳", group: "presale" as const, grade: "junior" as const, hiredAt: "2019-01-01", gradeSince: "2019-01-01" },
  { agentId: "A02", name: "李娜", group: "presale" as const, grade: "junior" as const, hiredAt: "2019-01-01", gradeSince: "2019-01-01", dismissedAt: "2020-02-05" },
];
const orders = [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-10 10:00", paidAt: "2020-02-10 10:01", amount: "10.00" }];
const ladder = (agentId: string) =>
  ["2020-02-03", "2020-02-10", "2020-02-17"].map((d, i) => ({ violationId: `${agentId}-${i}`, agentId, at: `${d} 10:00`, rule: "nonWorkActivity" }));

describe("month report: people section", () => {
  it("a ladder dismissal ends the standing; the agents file's earlier dismissal is kept", () => {
    const r = buildMonthReport({ agents, orders, violations: [...ladder("A01"), ...ladder("A02")] }, {}, { month: "2020-02" });
    const reason = (id: string) => r.people.standings.find((s) => s.agentId === id)!.promotion.reasons.find((x) => x.code === "dismissed")?.message;
    expect(reason("A01")).toBe("dismissed on 2020-02-17");
    expect(reason("A02")).toBe("dismissed on 2020-02-05");
    // A02 was already gone on the 10th: that occurrence is reported, not fined.
    expect(r.people.discipline.lines.filter((l) => l.agentId === "A02").map((l) => l.outcome)).toEqual(["penalized", "afterDismissal", "afterDismissal"]);
  });

  it("without people files: no roster (null), nothing to rank, duties without owners", () => {
    const r = buildMonthReport({ agents, orders }, {}, { month: "2020-02" });
    expect(r.people.roster).toBeNull();
    expect(r.people.ranking).toEqual({ ranking: [], bottom: [], bottomN: 1, unranked: ["A01", "A02"] });
    expect(r.people.fund).toEqual({ opening: "0.00", entries: [], fines: "0.00", closing: "0.00" });
    expect(r.people.duties.agents).toEqual([]); // O1 is fully silent: no address check
    // The people kinds are optional; the two whose absence changes a pay line are named.
    expect(r.warnings).toEqual([
      "no consultations (file) given: every paid order counts as fully silent (全静默)",
      "no violations (file) given: no fines and no penalty-ladder dismissals in the pay statements",
      "no rewards (file) given: no rewards in the pay statements",
      "no tickets, afterSales, reviews, qc, calls, shopReviews (files) given: the KPIs computed from them are null (no data)",
      "no shipments, orderAnomalies, complaints (files) given: the service levels checked from them have no data",
    ]);
  });

  it("warns when an agent fit for early regularization is still on probation (not scored, no KPI bonus)", () => {
    const probationer = { agentId: "A03", name: "张伟", group: "presale" as const, grade: "junior" as const, hiredAt: "2020-01-06", gradeSince: "2020-01-06", probationEndsAt: "2020-04-05" };
    const marks = (score: number) => (["work", "rules", "team"] as const).map((item) => ({ agentId: "A03", item, score, evaluator: "A01", at: "2020-02-24 17:00" }));
    const early = buildMonthReport({ agents: [agents[0]!, probationer], orders, probation: marks(95) }, {}, { month: "2020-02" });
    expect(early.people.standings.find((s) => s.agentId === "A03")?.probation.status).toBe("earlyRegularization");
    expect(early.agents.find((a) => a.agentId === "A03")?.score.status).toBe("notScored");
    expect(early.warnings.filter((w) => w.startsWith("A03"))).toEqual([
      "A03: the probation evaluation allows early regularization (提前转正), but probationEndsAt is 2020-04-05: 2020-02's KPIs are measured, not scored, and earn no KPI bonus; to regularize early, move probationEndsAt in the agents file",
    ]);
    // Passed but not early, or regularized by moving the date: nothing to say.
    const passed = buildMonthReport({ agents: [agents[0]!, probationer], orders, probation: marks(70) }, {}, { month: "2020-02" });
    expect(passed.warnings.filter((w) => w.startsWith("A03"))).toEqual([]);
    const moved = buildMonthReport({ agents: [agents[0]!, { ...probationer, probationEndsAt: "2020-02-01" }], orders, probation: marks(95) }, {}, { month: "2020-02" });
    expect(moved.warnings.filter((w) => w.startsWith("A03"))).toEqual([]);
    expect(moved.agents.find((a) => a.agentId === "A03")?.score.status).not.toBe("notScored");
  });

  it("gathers the problems of every people kind in one error", () => {
    const r = safeBuildMonthReport(
      { agents, orders, violations: [{ violationId: "V1", agentId: "A09", at: "2020-02-03", rule: "nonWorkActivity" }], roster: [{ agentId: "A01", date: "2020-02-01", shift: "late" }], scores: [{ agentId: "A01", month: "2020-02", score: 120 }] },
      {},
      { month: "2020-02" },
    );
    // Kind by kind, in the kinds' order.
    expect(r.success ? [] : r.issues.map(formatIssue)).toEqual([
      'violations[0] (violationId "V1"), agentId: "A09" is not in the agents list',
      "scores[0], score: 120 is not a score from 0 to 100 with at most 2 decimals, like 86.5",
      'roster[0], shift: "late" is not one of day (白班), halfDay (半白班), night (晚班), off (休息)',
    ]);
  });
});
