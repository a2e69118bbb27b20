import { describe, expect, it } from "vitest";
import { issueRows } from "../issueRows.js";
import { addMonthsClamped, dateOfDayNumber, dayNumberOfDate } from "../../src/time/period.js";
import { evaluateGrade, evaluateGrades, rankAgents, safeEvaluateGrades, safeRankAgents } from "../../src/index.js";
import { wholeMonths } from "../../src/grading/evaluateGrades.js";

const agent = (agentId: string, grade: string, gradeSince: string, extra: Record<string, string> = {}) => ({
  agentId,
  name: agentId,
  group: "presale",
  grade,
  hiredAt: "2019-01-01",
  gradeSince,
  ...extra,
});
const scores = (agentId: string, ...pairs: [string, number | string][]) => pairs.map(([month, score]) => ({ agentId, month, score }));
const passedReview = (agentId: string, at = "2020-02-20 10:00") => ({ agentId, requirement: "promotionReview", passed: "true", at });

describe("tenure arithmetic on calendar days", () => {
  const d = dayNumberOfDate;
  it("clamps to the end of a shorter month: Jan 31 + 1 month = Feb 29 (2020), + 3 months = Apr 30", () => {
    expect(dateOfDayNumber(addMonthsClamped(d("2020-01-31"), 1))).toBe("2020-02-29");
    expect(dateOfDayNumber(addMonthsClamped(d("2019-01-31"), 1))).toBe("2019-02-28");
    expect(dateOfDayNumber(addMonthsClamped(d("2020-01-31"), 3))).toBe("2020-04-30");
    expect(dateOfDayNumber(addMonthsClamped(d("2019-11-30"), 3))).toBe("2020-02-29");
    expect(dateOfDayNumber(addMonthsClamped(d("2019-12-15"), 14))).toBe("2021-02-15");
  });
  it("counts whole months: the month is complete on the clamped date, not before", () => {
    expect(wholeMonths(d("2020-01-31"), d("2020-04-29"))).toBe(2);
    expect(wholeMonths(d("2020-01-31"), d("2020-04-30"))).toBe(3);
    expect(wholeMonths(d("2020-01-31"), d("2020-02-28"))).toBe(0);
    expect(wholeMonths(d("2020-01-31"), d("2020-02-29"))).toBe(1);
    expect(wholeMonths(d("2019-11-15"), d("2020-02-14"))).toBe(2);
    expect(wholeMonths(d("2019-11-15"), d("2020-02-15"))).toBe(3);
    expect(wholeMonths(d("2020-03-01"), d("2020-02-15"))).toBe(0);
  });
});

describe("evaluateGrades: promotion eligibility", () => {
  const full = scores("A01", ["2019-12", 85], ["2020-01", 90], ["2020-02", 80]);

  it("an agent with 3 months, passing scores and the promotion review may be proposed", () => {
    const s = evaluateGrade({ agents: [agent("A01", "junior", "2019-11-15")], scores: full, assessments: [passedReview("A01")] }, "A01", {}, { asOf: "2020-02-29" });
    expect(s).toMatchObject({
      grade: "junior",
      gradeLabel: "初级客服",
      baseSalary: "3000.00",
      gradeSince: "2019-11-15",
      monthsInGrade: 3,
      nextGrade: "intermediate",
      probation: { status: "none", endsOn: null, evaluation: null },
    });
    expect(s.promotion).toEqual({
      eligible: true,
      monthsReachedOn: "2020-02-15",
      gate: [
        { month: "2019-12", score: "85", passed: true },
        { month: "2020-01", score: "90", passed: true },
        { month: "2020-02", score: "80", passed: true },
      ],
      requirements: [{ requirement: "promotionReview", passed: true, at: "2020-02-20T10:00:00+08:00" }],
      reasons: [],
    });
  });

  it("lists every reason why not", () => {
    const s = evaluateGrade(
      {
        agents: [agent("A01", "junior", "2020-01-31", { probationEndsAt: "2020-04-30" })],
        scores: scores("A01", ["2020-01", 79.99], ["2020-02", 95]),
        assessments: [{ agentId: "A01", requirement: "promotionReview", passed: false, at: "2020-02-20 10:00" }],
      },
      "A01",
      {},
      { asOf: "2020-02-29" },
    );
    expect(s.monthsInGrade).toBe(1);
    expect(s.promotion.eligible).toBe(false);
    expect(s.promotion.reasons).toEqual([
      { code: "inProbation", message: "not yet regularized (probation ends 2020-04-30)" },
      { code: "tooFewMonths", message: "1 of 3 months in grade (reached on 2020-04-30)" },
      { code: "scoreMissing", message: "no scorecard score for 2019-12" },
      { code: "scoreBelow", message: "2020-01 score 79.99 < 80" },
      { code: "requirementFailed", message: "requirement promotionReview of 中级客服 not passed (2020-02-20T10:00:00+08:00)" },
    ]);
  });

  it("tenure across a month end: Jan 31 reaches 3 months on Apr 30, not before", () => {
    const input = { agents: [agent("A01", "junior", "2020-01-31")], scores: scores("A01", ["2020-02", 90], ["2020-03", 90], ["2020-04", 90]), assessments: [passedReview("A01")] };
    expect(evaluateGrade(input, "A01", {}, { asOf: "2020-04-29" }).promotion.reasons.map((r) => r.code)).toEqual(["tooFewMonths"]);
    expect(evaluateGrade(input, "A01", {}, { asOf: "2020-04-30" }).promotion.eligible).toBe(true);
  });

  it("the latest assessment counts; assessments after asOf are not known yet", () => {
    const base = { agents: [agent("A01", "junior", "2019-01-01")], scores: full };
    const s = evaluateGrade(
      { ...base, assessments: [{ ...passedReview("A01", "2020-01-10 10:00"), passed: "no" }, passedReview("A01", "2020-02-10 10:00"), { ...passedReview("A01", "2020-03-01 10:00"), passed: "否" }] },
      "A01",
      {},
      { asOf: "2020-02-29" },
    );
    expect(s.promotion.requirements).toEqual([{ requirement: "promotionReview", passed: true, at: "2020-02-10T10:00:00+08:00" }]);
  });

  it("the top grade and a dismissed agent are not eligible", () => {
    const r = evaluateGrades(
      { agents: [agent("A06", "expert", "2018-03-01"), agent("A02", "senior", "2018-03-01", { dismissedAt: "2020-02-10" })], scores: [...scores("A06", ["2020-02", 99])] },
      {},
      { asOf: "2020-02-29", throughMonth: "2020-02" },
    );
    expect(r.map((s) => s.agentId)).toEqual(["A02", "A06"]);
    expect(r[0]!.promotion.reasons.map((x) => x.code)).toEqual(["dismissed", "scoreMissing", "scoreMissing", "scoreMissing", "requirementMissing"]);
    expect(r[1]!.promotion.reasons).toEqual([{ code: "topGrade", message: "资深客服 (expert) is the top grade" }]);
    expect(r[1]!.nextGrade).toBeNull();
  });

  it("takes minMonths, the gate and the requirements from the policy", () => {
    const s = evaluateGrade(
      { agents: [agent("A01", "junior", "2020-02-01")], scores: scores("A01", ["2020-02", 70]) },
      "A01",
      { grades: { assessment: { minScore: 70, months: 1 }, levels: [
        { grade: "junior", label: "初级", baseSalary: "2800", minMonths: 0 },
        { grade: "intermediate", label: "中级", baseSalary: "3200" },
        { grade: "senior", label: "高级", baseSalary: "3600" },
        { grade: "expert", label: "资深", baseSalary: "4000" },
      ] } },
      { asOf: "2020-02-29" },
    );
    expect(s).toMatchObject({ baseSalary: "2800.00", gradeLabel: "初级", promotion: { eligible: true, requirements: [] } });
  });

  it("is independent of the input order", () => {
    const input = { agents: [agent("A01", "junior", "2019-11-15"), agent("A02", "junior", "2019-10-01")], scores: [...full, ...scores("A02", ["2020-02", 50])], assessments: [passedReview("A01")] };
    const a = evaluateGrades(input, {}, { asOf: "2020-02-29" });
    const b = evaluateGrades({ agents: [...input.agents].reverse(), scores: [...input.scores].reverse(), assessments: input.assessments }, {}, { asOf: "2020-02-29" });
    expect(b).toEqual(a);
  });
});

describe("evaluateGrades: probation", () => {
  const evals = (work: number, rules: number, team: number, at = "2020-02-20 10:00") => [
    { agentId: "A03", item: "work", score: work, evaluator: "S01", at },
    { agentId: "A03", item: "rules", score: rules, evaluator: "S02", at },
    { agentId: "A03", item: "team", score: team, evaluator: "S03", at },
  ];
  const a03 = agent("A03", "junior", "2020-01-06", { probationEndsAt: "2020-04-05" });
  const status = (probation: unknown[], asOf = "2020-02-29") => evaluateGrade({ agents: [a03], probation }, "A03", {}, { asOf }).probation;

  it("in probation until the end date, regularized from it", () => {
    expect(status([]).status).toBe("inProbation");
    expect(status([], "2020-04-05").status).toBe("regularized");
  });

  it("an excellent probationer may be regularized early (every item ≥ 90)", () => {
    const p = status(evals(95, 92, 90));
    expect(p.status).toBe("earlyRegularization");
    expect(p.evaluation).toMatchObject({ result: "pass", early: true });
    expect(p.evaluation!.items).toEqual([
      { item: "work", score: "95", evaluator: "S01", at: "2020-02-20T10:00:00+08:00", passed: true },
      { item: "rules", score: "92", evaluator: "S02", at: "2020-02-20T10:00:00+08:00", passed: true },
      { item: "team", score: "90", evaluator: "S03", at: "2020-02-20T10:00:00+08:00", passed: true },
    ]);
  });

  it("fails when an item is below the pass score, incomplete without all three", () => {
    expect(status(evals(95, 59.5, 90))).toMatchObject({ status: "failed", evaluation: { result: "fail", explanation: "rules below the pass score 60" } });
    expect(status(evals(95, 80, 90).slice(0, 2), "2020-04-05")).toMatchObject({ status: "evaluationIncomplete", evaluation: { result: "incomplete", explanation: "no score yet for team" } });
    expect(status(evals(85, 80, 90), "2020-04-05").status).toBe("regularized");
  });

  it("the latest score of an item counts", () => {
    const p = status([...evals(50, 80, 90, "2020-02-01 10:00"), { agentId: "A03", item: "work", score: "75.5", evaluator: "S09", at: "2020-02-21 10:00" }]);
    expect(p.evaluation!.items[0]).toMatchObject({ score: "75.5", evaluator: "S09" });
    expect(p.evaluation!.result).toBe("pass");
  });
});

describe("evaluateGrades: bad input", () => {
  it("names the record and field of each problem", () => {
    const r = safeEvaluateGrades(
      {
        agents: [agent("A01", "junior", "2019-01-01")],
        scores: [{ agentId: "A01", month: "2020-13", score: 80 }, { agentId: "A01", month: "2020-02", score: 101 }, { agentId: "A01", month: "2020-01", score: 80 }, { agentId: "A01", month: "2020-01", score: 81 }, { agentId: "A09", month: "2020-01", score: 81 }],
        assessments: [{ agentId: "A01", requirement: "promotionReview", passed: "maybe", at: "2020-02-01" }],
        probation: [{ agentId: "A01", item: "attitude", score: 80, evaluator: "S01", at: "2020-02-01" }],
      },
      {},
      { asOf: "2020-02-29" },
    );
    // Kind by kind in the kinds' order (assessments, probation, scores), record by record.
    expect(issueRows(r)).toEqual([
      ["invalid_value", "assessments.0.passed", '"maybe" is not true or false (also 1/0, yes/no, 是/否)'],
      ["invalid_value", "probation.0.item", '"attitude" is not one of work (工作项), rules (制度项), team (团队项)'],
      ["invalid_value", "scores.0.month", '"2020-13" is not a month YYYY-MM like 2020-02'],
      ["invalid_value", "scores.1.score", "101 is not a score from 0 to 100 with at most 2 decimals, like 86.5"],
      ["duplicate_id", "scores.3.month", "A01 has more than one score for 2020-01; one score per agent and month (first at scores[2])"],
      ["unknown_agent", "scores.4.agentId", '"A09" is not in the agents list'],
    ]);
  });

  it("rejects a policy whose grades are out of order or out of range", () => {
    expect(() => evaluateGrades({ agents: [] }, { grades: { assessment: { minScore: 120 } } }, { asOf: "2020-02-29" })).toThrow(/policy\.grades\.assessment\.minScore/);
    expect(() => evaluateGrades({ agents: [] }, { grades: { levels: [] } }, { asOf: "2020-02-29" })).toThrow(/junior, intermediate, senior, expert/);
  });
});

describe("rankAgents", () => {
  it("ranks by score, ties share a rank and are listed by agentId; the bottom list keeps ties together", () => {
    const r = rankAgents([
      { agentId: "A03", score: 75 },
      { agentId: "A01", score: "90.5" },
      { agentId: "A02", score: 75 },
      { agentId: "A04", score: 88 },
    ]);
    expect(r.ranking).toEqual([
      { agentId: "A01", score: "90.5", rank: 1 },
      { agentId: "A04", score: "88", rank: 2 },
      { agentId: "A02", score: "75", rank: 3 },
      { agentId: "A03", score: "75", rank: 3 },
    ]);
    expect(r.bottom).toEqual(["A02", "A03"]);
    expect(rankAgents([{ agentId: "A01", score: 90 }, { agentId: "A02", score: 80 }], { grades: { ranking: { bottomN: 0 } } }).bottom).toEqual([]);
    expect(rankAgents([{ agentId: "A01", score: 90 }], { grades: { ranking: { bottomN: 3 } } }).bottom).toEqual(["A01"]);
    expect(rankAgents([]).bottom).toEqual([]);
  });
  it("rejects a repeated agent, and ranks one month of several", () => {
    const r = safeRankAgents([{ agentId: "A01", score: 90 }, { agentId: "A01", score: 80 }]);
    expect(r.success ? [] : r.issues.map((i) => i.code)).toEqual(["duplicate_id"]);
    const months = rankAgents([{ agentId: "A01", month: "2020-01", score: 50 }, { agentId: "A01", month: "2020-02", score: 90 }, { agentId: "A02", month: "2020-02", score: 80 }], {}, { month: "2020-02" });
    expect(months.ranking.map((x) => [x.agentId, x.score])).toEqual([["A01", "90"], ["A02", "80"]]);
  });
});

describe("options", () => {
  it("asOf and throughMonth are checked and reported as issues", () => {
    expect(issueRows(safeEvaluateGrades({ agents: [] }, {}, { asOf: "2020-02-30" }))).toEqual([["invalid_value", "options.asOf", '"2020-02-30" is not a date; expected YYYY-MM-DD']]);
    expect(issueRows(safeEvaluateGrades({ agents: [] }, {}, { asOf: "2020-02-29", throughMonth: "2020-2" }))).toEqual([["invalid_value", "options.throughMonth", '"2020-2" is not a month; expected YYYY-MM']]);
    expect(() => evaluateGrade({ agents: [] }, "A01", {}, { asOf: "2020-02-29" })).toThrow('"A01" is not in the agents list');
  });
});

describe("wholeMonths agrees with counting month by month", () => {
  it("for every pair of days over two years", () => {
    const start = dayNumberOfDate("2019-01-01");
    for (let from = start; from < start + 730; from += 3) {
      for (let to = from; to < from + 200; to += 7) {
        // Brute force: step the clamped date one month at a time from the start day.
        let m = 0;
        while (addMonthsClamped(from, m + 1) <= to) m++;
        expect(wholeMonths(from, to)).toBe(m);
      }
    }
  });
});
