import { describe, expect, it } from "vitest";
import { computeKpis, qcDeductions, resolvePolicy, safeResolvePolicy, scoreAgent, type KpiTable, type KpiValue, type PolicyInput } from "../../src/index.js";
import { TINY } from "./fixture.js";

const tableWith = (values: Partial<Record<keyof KpiTable, string | null>>, status: KpiValue["status"] = "ok"): KpiTable => {
  const base = computeKpis({}, {}, { period: "2020-02" }).shop.kpis;
  return Object.fromEntries(
    Object.entries(base).map(([id, k]) => {
      const v = values[id as keyof KpiTable];
      return [id, v === undefined ? k : { ...k, value: v, status: v === null ? "noData" : status }];
    }),
  ) as unknown as KpiTable;
};

describe("scoreAgent", () => {
  it("steps higher-is-better and lower-is-better metrics and weights them (defaults: presale 40/30/30)", () => {
    // goodReviewRate 0.96 ≥ 0.95 → 80; avgResponseSeconds 30.00 ≤ 30 → 100; phoneAnswerRate 0.70 < 0.80 → 0.
    const s = scoreAgent(tableWith({ goodReviewRate: "0.9600", avgResponseSeconds: "30.00", phoneAnswerRate: "0.7000" }), "presale");
    expect(s.status).toBe("scored");
    expect(s.lines.map((l) => [l.metric, l.step, l.points])).toEqual([
      ["goodReviewRate", 2, 80],
      ["avgResponseSeconds", 1, 100],
      ["phoneAnswerRate", 0, 0],
    ]);
    expect(s.score).toBe("62.00"); // (40·80 + 30·100 + 30·0) / 100
    expect(s.lines[1]!.reason).toBe("30.00 ≤ 30 → step 1, 100 points");
    expect(s.lines[2]!.reason).toMatch(/no step reached/);
  });

  it("leaves metrics without data or under the minimum sample out and weights the rest", () => {
    const s = scoreAgent(tableWith({ goodReviewRate: "0.9900", avgResponseSeconds: "50.00", phoneAnswerRate: null }), "presale");
    // (40·100 + 30·60) / 70 = 82.857… → 82.86
    expect(s.score).toBe("82.86");
    expect(s.lines[2]).toMatchObject({ points: null, step: null });
    expect(s.reason).toMatch(/not scored: phoneAnswerRate/);
    const none = scoreAgent(tableWith({ goodReviewRate: null, avgResponseSeconds: null, phoneAnswerRate: null }), "presale");
    expect([none.status, none.score]).toEqual(["insufficient", null]);
    const insufficient = scoreAgent(tableWith({ goodReviewRate: "0.9900", avgResponseSeconds: "10.00", phoneAnswerRate: "0.5000" }, "insufficient"), "presale");
    expect(insufficient.status).toBe("insufficient");
  });

  it("measures but does not score an agent on probation", () => {
    const s = scoreAgent(tableWith({ goodReviewRate: "0.9900", avgResponseSeconds: "10.00", phoneAnswerRate: "0.9900" }), "presale", {}, { notScoredBecause: "on probation until 2020-04-05" });
    expect([s.status, s.score]).toEqual(["notScored", null]);
    expect(s.lines.map((l) => l.points)).toEqual([100, 100, 100]);
    expect(s.reason).toBe("measured, not scored: on probation until 2020-04-05");
  });

  it("takes any metric the merchant adds, by policy", () => {
    const policy: PolicyInput = { kpi: { scorecards: { presale: [
      { metric: "conversionRate", weight: 70, direction: "higherIsBetter", steps: [{ threshold: "0.45", points: 100 }, { threshold: "0.40", points: 80 }] },
      { metric: "replyRate", weight: 30, direction: "higherIsBetter", steps: [{ threshold: "0.9", points: 100 }], otherwise: 50 },
    ] } } };
    const r = computeKpis(TINY, policy, { period: "2020-02" });
    const a1 = r.agents.find((a) => a.agentId === "A1")!;
    const s = scoreAgent(a1.kpis, "presale", policy);
    // conversion 0.6667 ≥ 0.45 → 100; replyRate 0.6667 < 0.9 → otherwise 50: (70·100 + 30·50) / 100
    expect(s.score).toBe("85.00");
  });
});

describe("scorecard policy validation", () => {
  it("weights must sum to 100, named by path", () => {
    const r = safeResolvePolicy({ kpi: { scorecards: { insale: [{ metric: "ticketTimelyRate", weight: 60, direction: "higherIsBetter", steps: [{ threshold: "0.9", points: 100 }] }] } } });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => [i.path.join("."), i.message])).toEqual([["policy.kpi.scorecards.insale", "the weights sum to 60; they must sum to 100"]]);
  });

  it("an empty scorecard is refused (it would score nobody of the group and zero their KPI bonus)", () => {
    for (const group of ["presale", "insale", "aftersale"] as const) {
      const r = safeResolvePolicy({ kpi: { scorecards: { [group]: [] } } });
      expect(r.success).toBe(false);
      if (!r.success) {
        expect(r.issues.map((i) => [i.code, i.path.join("."), i.message])).toEqual([
          ["invalid_policy", `policy.kpi.scorecards.${group}`, "the scorecard lists no metric; list metrics whose weights sum to 100"],
        ]);
      }
    }
  });

  it("steps must run from best to worst; metrics from the closed list; no metric twice", () => {
    const r = safeResolvePolicy({ kpi: { scorecards: { presale: [
      { metric: "avgResponseSeconds", weight: 50, direction: "lowerIsBetter", steps: [{ threshold: "60", points: 100 }, { threshold: "30", points: 80 }] },
      { metric: "avgResponseSeconds", weight: 25, direction: "lowerIsBetter", steps: [{ threshold: "60", points: 100 }] },
      { metric: "happiness", weight: 25, direction: "higherIsBetter", steps: [{ threshold: "1", points: 100 }] },
    ] } } });
    expect(r.success).toBe(false);
    if (!r.success) {
      const paths = r.issues.map((i) => i.path.join("."));
      expect(paths).toContain("policy.kpi.scorecards.presale.0.steps.1.threshold");
      expect(paths).toContain("policy.kpi.scorecards.presale.2.metric");
    }
    const twice = safeResolvePolicy({ kpi: { scorecards: { presale: [
      { metric: "replyRate", weight: 50, direction: "higherIsBetter", steps: [{ threshold: "1", points: 100 }] },
      { metric: "replyRate", weight: 50, direction: "higherIsBetter", steps: [{ threshold: "1", points: 100 }] },
    ] } } });
    expect(twice.success ? [] : twice.issues.map((i) => i.message)).toEqual(['"replyRate" is listed twice']);
  });

  it("the defaults are R2's role scorecards", () => {
    const p = resolvePolicy({});
    expect(p.kpi.scorecards.presale.map((m) => m.metric)).toEqual(["goodReviewRate", "avgResponseSeconds", "phoneAnswerRate"]);
    expect(p.kpi.scorecards.insale.map((m) => m.metric)).toEqual(["ticketTimelyRate", "afterSaleReviewHours"]);
    expect(p.kpi.scorecards.aftersale.map((m) => m.metric)).toEqual(["goodReviewRate", "avgResponseSeconds", "phoneAnswerRate", "afterSaleSatisfaction"]);
    for (const card of Object.values(p.kpi.scorecards)) expect(card.reduce((s, m) => s + m.weight, 0)).toBe(100);
  });
});

describe("qcDeductions", () => {
  const qc = (agentId: string, at: string, score: number, id: string) => ({ conversationId: id, agentId, at, score });
  it("ladder ≥ 80 → 0, ≥ 70 → 1, ≥ 60 → 2, < 60 → 3", () => {
    const r = qcDeductions([qc("A", "2020-02-03 10:00", 80, "c1"), qc("A", "2020-02-03 11:00", 79.99, "c2"), qc("A", "2020-02-10 10:00", 60, "c3"), qc("A", "2020-02-17 10:00", 59.5, "c4")], {}, { period: "2020-02" });
    expect(r[0]!.weeks.flatMap((w) => w.inspections.map((i) => [i.conversationId, i.points]))).toEqual([["c1", 0], ["c2", 1], ["c3", 2], ["c4", 3]]);
    expect(r[0]!.deducted).toBe(6);
  });

  it("at most 3 points per ISO week per agent", () => {
    // Week 6 (3–9 Feb): 3 + 2 = 5 → 3. Week 7: 2. Sunday 9 Feb 23:59 is still week 6; Monday 10 Feb 00:00 is week 7.
    const r = qcDeductions([qc("A", "2020-02-03 10:00", 50, "c1"), qc("A", "2020-02-09 23:59", 65, "c2"), qc("A", "2020-02-10 00:00", 61, "c3"), qc("B", "2020-02-04 09:00", 10, "c4")], {}, { period: "2020-02" });
    expect(r.map((a) => [a.agentId, a.weeks.map((w) => [w.week, w.points, w.deducted, w.capped]), a.deducted])).toEqual([
      ["A", [["2020-W06", 5, 3, true], ["2020-W07", 2, 2, false]], 5],
      ["B", [["2020-W06", 3, 3, false]], 3],
    ]);
  });

  it("with kpi.qc.capPer shop, at most 3 points per ISO week for the whole shop, charged in time order", () => {
    const records = [
      qc("A", "2020-02-03 10:00", 65, "c1"), // 2, charged 2
      qc("B", "2020-02-04 09:00", 65, "c2"), // 2, charged 1 (the cap is reached)
      qc("A", "2020-02-05 09:00", 50, "c3"), // 3, charged 0
      qc("B", "2020-02-10 09:00", 75, "c4"), // week 7: 1, charged 1
    ];
    const r = qcDeductions(records, { kpi: { qc: { capPer: "shop" } } }, { period: "2020-02" });
    expect(r.map((a) => [a.agentId, a.weeks.map((w) => [w.week, w.points, w.deducted, w.capped]), a.deducted])).toEqual([
      ["A", [["2020-W06", 5, 2, true]], 2],
      ["B", [["2020-W06", 2, 1, true], ["2020-W07", 1, 1, false]], 2],
    ]);
    // The shop's week 6 is 3 points, whatever the order of the records; per agent it would be 3 + 2.
    expect(qcDeductions([...records].reverse(), { kpi: { qc: { capPer: "shop" } } }, { period: "2020-02" })).toEqual(r);
    expect(qcDeductions(records, {}, { period: "2020-02" }).map((a) => a.weeks[0]!.deducted)).toEqual([3, 2]);
  });

  it("with the cap per shop, an instant shared by two agents is charged by conversation id, then agent", () => {
    const r = qcDeductions([qc("B", "2020-02-03 10:00", 50, "c1"), qc("A", "2020-02-03 10:00", 50, "c2")], { kpi: { qc: { capPer: "shop" } } }, { period: "2020-02" });
    expect(r.map((a) => [a.agentId, a.deducted])).toEqual([
      ["A", 0],
      ["B", 3],
    ]);
  });

  it("weeks follow the business-day cut-over, and the ladder is policy", () => {
    // With the day starting at 06:00, Monday 10 Feb 05:00 belongs to Sunday 9 Feb: week 6.
    const r = qcDeductions([qc("A", "2020-02-10 05:00", 50, "c1")], { businessDayStartsAt: "06:00", kpi: { qc: { weeklyCap: 2, below: 5 } } }, { period: "2020-02" });
    expect(r[0]!.weeks[0]).toMatchObject({ week: "2020-W06", points: 5, deducted: 2, capped: true });
  });
});
