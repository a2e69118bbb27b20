// The people rules and the month report read the decoded month: each entry point takes the records
// (decoding them) or a month decoded once, and gives the same result either way.
import { describe, expect, it } from "vitest";
import { issueRows } from "../issueRows.js";
import { assignDuties, attributeSales, buildMonthReport, checkRoster, evaluateDiscipline, evaluateGrades, evaluateRewards, rankAgents, safeAssignDuties, safeEvaluateDiscipline, safeEvaluateGrades, safeRankAgents, type MonthInput } from "../../src/index.js";
import { ViolationSchema } from "../../src/schemas.js";
import { buildDutySheet, formatIssue } from "../../src/index.js";
import { MonthDecoder, decodeMonth } from "../../src/records/month.js";
import { recordSchema } from "../../src/records/schema.js";

const policy = { timeZone: "Asia/Shanghai", rewards: { dataErrorFound: "12" }, duties: { shopReviews: { odd: ["A01"], even: ["A02"] } } };
type AgentRow = NonNullable<MonthInput["agents"]>[number];
const agent = (agentId: string, grade: AgentRow["grade"], extra: Partial<AgentRow> = {}): AgentRow => ({ agentId, name: agentId, group: "presale", grade, hiredAt: "2019-01-07", gradeSince: "2019-06-03", ...extra });
const agents = [agent("A01", "junior"), agent("A02", "senior", { probationEndsAt: "2020-04-01" }), agent("A03", "intermediate", { dismissedAt: "2020-02-20 18:00" })];
const consultations = [
  { consultationId: "C1", agentId: "A01", buyerId: "b1", startedAt: "2020-02-10 09:58", firstReplyAt: "2020-02-10 09:59", endedAt: "2020-02-10 10:20" },
  { consultationId: "C2", agentId: "A02", buyerId: "b2", startedAt: "2020-02-21 20:00", firstReplyAt: "2020-02-21 20:01", endedAt: "2020-02-21 20:30" },
];
// Amounts written as a person types them ("99", "10.5"): no code past the decoder may read them again.
const orders = [
  { orderId: "O1", buyerId: "b1", createdAt: "2020-02-10 10:05", paidAt: "2020-02-10 10:06", amount: "99", refundAmount: "10.5" },
  { orderId: "O2", buyerId: "b2", createdAt: "2020-02-21 20:10", paidAt: "2020-02-21 21:00", amount: "58.8" },
  { orderId: "O3", buyerId: "b3", createdAt: "2020-02-22 11:00", amount: "20" },
];
const people = {
  violations: [
    { violationId: "V1", agentId: "A01", at: "2020-02-03 10:00", rule: "nonWorkActivity", condonedBy: "A02" },
    { violationId: "V2", agentId: "A01", at: "2020-02-12 10:00", rule: "nonWorkActivity" },
    { violationId: "V0", agentId: "A03", at: "2020-01-12 10:00", rule: "unauthorizedSoftware" },
  ],
  rewards: [
    { rewardId: "W1", agentId: "A01", at: "2020-02-06 14:00", kind: "dataErrorFound" },
    { rewardId: "W2", agentId: "A02", at: "2020-02-25 10:00", kind: "specialAward", amount: "88.8" },
  ],
  assessments: [{ agentId: "A01", requirement: "promotionReview", passed: "是", at: "2020-02-20 10:00" }],
  probation: [{ agentId: "A02", item: "work", score: "95.5", evaluator: "A01", at: "2020-02-24 17:00" }],
  scores: [
    { agentId: "A01", month: "2019-12", score: 88 },
    { agentId: "A01", month: "2020-01", score: "91.5" },
    { agentId: "A01", month: "2020-02", score: 90 },
    { agentId: "A03", month: "2020-02", score: 70 },
  ],
  roster: ["2020-02-21", "2020-02-22", "2020-02-23"].flatMap((date, d) => [
    { agentId: "A01", date, shift: d === 2 ? "off" : "day" },
    { agentId: "A02", date, shift: "night" },
    { agentId: "A03", date, shift: "halfDay" },
  ]),
  returnedParcels: [{ parcelId: "P1", arrivedAt: "2020-02-21 18:00", orderId: "O1" }],
  shopReviews: [{ reviewId: "R1", buyerId: "b1", at: "2020-02-22 12:00", rating: "negative", orderId: "O1" }],
};
const input = { agents, consultations, orders, ...people };

describe("the people rules take a decoded month", () => {
  const month = decodeMonth(input, policy);

  it("and give what they give for the records", () => {
    expect(evaluateDiscipline(month, undefined, { month: "2020-02" })).toEqual(evaluateDiscipline({ agents, violations: people.violations }, policy, { month: "2020-02" }));
    expect(evaluateRewards(month, undefined, { month: "2020-02" })).toEqual(evaluateRewards({ agents, rewards: people.rewards }, policy, { month: "2020-02" }));
    const grades = evaluateGrades(month, undefined, { asOf: "2020-02-29" });
    expect(grades).toEqual(evaluateGrades({ agents, scores: people.scores, assessments: people.assessments, probation: people.probation }, policy, { asOf: "2020-02-29" }));
    expect(grades.map((s) => [s.agentId, s.promotion.gate.map((g) => g.score)])).toEqual([
      ["A01", ["88", "91.5", "90"]],
      ["A02", [null, null, null]],
      ["A03", [null, null, "70"]],
    ]);
    expect(rankAgents(month, undefined, { month: "2020-02" })).toEqual(rankAgents(people.scores, policy, { month: "2020-02" }));
    expect(checkRoster(month, undefined, "2020-02")).toEqual(checkRoster({ agents, roster: people.roster }, policy, "2020-02"));
  });

  it("the duties read the month's orders, with each order's payAgent by attribution given as data", () => {
    const payAgents = attributeSales(month, undefined, { period: "2020-02" }).orders.map((o) => o.payAgent);
    expect(payAgents).toEqual(["A01", "A02", null]);
    const decoded = assignDuties(month, undefined, { period: "2020-02", payAgents });
    const records = { agents, roster: people.roster, orders: orders.map((o, i) => ({ ...o, payAgent: payAgents[i] })), returnedParcels: people.returnedParcels, shopReviews: people.shopReviews };
    expect(decoded).toEqual(assignDuties(records, policy, { period: "2020-02" }));
    expect(decoded.duties.filter((d) => d.kind === "addressCheck").map((d) => [d.ref, d.owner])).toEqual([
      ["O1", "A01"],
      ["O2", "A02"],
    ]);
    // Without the payAgents no address check is listed; a wrong list is an issue.
    expect(assignDuties(month, undefined, { period: "2020-02" }).duties.some((d) => d.kind === "addressCheck")).toBe(false);
    expect(issueRows(safeAssignDuties(month, undefined, { payAgents: ["A01"] }))).toEqual([
      ["invalid_value", "options.payAgents", "expected one payAgent (or null) per order of the month: 3, in the orders' order"],
    ]);
    expect(issueRows(safeAssignDuties(month, undefined, { payAgents: ["A01", "A09", null] }))).toEqual([["unknown_agent", "options.payAgents.1", '"A09" is not an agent of the month']]);
    expect(buildDutySheet(month, undefined, "2020-02-21")).toEqual(buildDutySheet(input, policy, "2020-02-21"));
  });

  it("the human reminders go to the buyer's agent under duties.paymentReminder.owner = buyersAgent: each order's placeAgent, given as data or by the month report", () => {
    const own = { ...policy, duties: { ...policy.duties, paymentReminder: { owner: "buyersAgent" as const } } };
    const day = {
      agents,
      consultations: [{ consultationId: "C9", agentId: "A01", buyerId: "b9", startedAt: "2020-02-21 10:00", firstReplyAt: "2020-02-21 10:01", endedAt: "2020-02-21 10:20" }],
      orders: [{ orderId: "O9", buyerId: "b9", createdAt: "2020-02-21 10:30", amount: "5" }],
      roster: people.roster,
    };
    const m = decodeMonth(day, own);
    const placeAgents = attributeSales(m).orders.map((o) => o.placeAgent);
    expect(placeAgents).toEqual(["A01"]);
    const reminder = (r: ReturnType<typeof assignDuties>) => r.duties.filter((d) => d.kind === "humanReminder").map((d) => [d.ref, d.owner, d.deadline]);
    const decoded = assignDuties(m, undefined, { placeAgents });
    expect(reminder(decoded)).toEqual([["O9", "A01", "2020-02-21T17:30:00+08:00"]]);
    expect(decoded).toEqual(assignDuties({ agents, roster: people.roster, orders: [{ ...day.orders[0]!, placeAgent: "A01" }] }, own));
    // The default: Friday's night-shift agent.
    expect(reminder(assignDuties(decodeMonth(day, policy), undefined, { placeAgents }))).toEqual([["O9", "A02", "2020-02-21T23:30:00+08:00"]]);
    // The month report and the duty sheet read the placeAgent from their own attribution.
    const counts = buildMonthReport(day, own, { month: "2020-02" }).people.duties.agents.map((a) => [a.agentId, a.counts.humanReminder]);
    expect(counts).toEqual([["A01", 1]]);
    expect(buildDutySheet(day, own, "2020-02-21").agents.flatMap((a) => a.duties.map((d) => [a.agentId, d.kind, d.ref]))).toEqual([["A01", "humanReminder", "O9"]]);
    expect(issueRows(safeAssignDuties(m, undefined, { placeAgents: ["A07"] }))).toEqual([["unknown_agent", "options.placeAgents.0", '"A07" is not an agent of the month']]);
  });

  it("the duty sheet, like the month report, gives a rostered day after the agent's dismissal no shift and no duty, and says so", () => {
    // A03 left on 2020-02-20 18:00 (agents file) and is rostered halfDay on the 21st–23rd.
    const sheet = buildDutySheet(input, policy, "2020-02-22");
    expect(sheet.shifts.map((s) => s.agentId)).toEqual(["A01", "A02"]);
    expect(sheet.dismissed).toEqual([{ agentId: "A03", dismissedAt: "2020-02-20T18:00:00+08:00" }]);
    expect(sheet.warnings).toEqual(["roster: A03 is rostered on 2020-02-22, after the dismissal on 2020-02-20T18:00:00+08:00: those days own no duties and the agent is not counted on shift"]);
    expect(sheet.agents.map((a) => a.agentId)).not.toContain("A03");
    const report = buildMonthReport(input, policy, { month: "2020-02" });
    const owners = (report.people.duties.items as readonly { owner: string | null; due: string }[]).filter((d) => d.due.startsWith("2020-02-22")).map((d) => d.owner);
    expect(sheet.agents.flatMap((a) => a.duties.filter((d) => d.kind !== "addressCheck").map(() => a.agentId))).toEqual(owners.filter((o) => o !== null));
    // The penalty ladder's dismissal counts too, from the violations given.
    const laddered = buildDutySheet({ ...input, violations: [1, 2, 3].map((n) => ({ violationId: `X${n}`, agentId: "A02", at: `2020-02-0${n} 10:00`, rule: "nonWorkActivity" })) }, policy, "2020-02-22");
    expect(laddered.dismissed.map((d) => d.agentId)).toEqual(["A02", "A03"]);
    expect(laddered.shifts.map((s) => s.agentId)).toEqual(["A01"]);
  });

  it("buildMonthReport takes one too, and reports the same month", () => {
    expect(buildMonthReport(month, undefined, { month: "2020-02" })).toEqual(buildMonthReport(input, policy, { month: "2020-02" }));
  });

  it("refuses a policy whose zone reads wall times otherwise; takes one that differs elsewhere", () => {
    expect(issueRows(safeEvaluateDiscipline(month, { timeZone: "UTC" }))).toEqual([["invalid_policy", "policy.timeZone", expect.stringContaining("the month was decoded with timeZone Asia/Shanghai")]]);
    expect(safeEvaluateDiscipline(month, { discipline: { window: "calendarMonth" } }).success).toBe(true);
  });
});

describe("the scores file's score of the month", () => {
  it("is read once, as hundredths: pay and the warnings show it in its shortest form", () => {
    const r = buildMonthReport({ agents: [agents[0]!], orders, scores: [{ agentId: "A01", month: "2020-02", score: "86.50" }] }, {}, { month: "2020-02" });
    expect(r.pay[0]!.lines.kpiBonus).toMatchObject({ amount: "432.50", inputs: { score: "86.5" } });
    expect(r.people.ranking.ranking).toEqual([{ agentId: "A01", score: "86.5", rank: 1 }]);
  });
});

describe("what the decoder now checks for the people rules", () => {
  it("condonedBy naming the violator is a record rule: the decoder and the kind's schema refuse it", () => {
    const self = { violationId: "V1", agentId: "A01", at: "2020-02-03 10:00", rule: "nonWorkActivity", condonedBy: " A01" };
    expect(() => decodeMonth({ violations: [self] })).toThrow("violations[0] (violationId \"V1\"), condonedBy: is the violator; condonedBy names the supervisor who saw it");
    expect(ViolationSchema.safeParse(self).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["condonedBy", "is the violator; condonedBy names the supervisor who saw it"]]);
    expect(recordSchema("violations").safeParse({ ...self, condonedBy: "A02" }).success).toBe(true);
  });

  it("the grades need an agent's grade only (name and group are the month report's)", () => {
    const [a] = evaluateGrades({ agents: [{ agentId: "A01", grade: "senior" }] }, {}, { asOf: "2020-02-29" });
    expect(a).toMatchObject({ agentId: "A01", grade: "senior", baseSalary: "4000.00" });
    expect(issueRows(safeEvaluateGrades({ agents: [{ agentId: "A01", grade: "" }, { agentId: "A02", grade: "boss" }] }, {}, { asOf: "2020-02-29" }))).toEqual([
      ["missing_field", "agents.0.grade", "is missing; expected one of junior (初级), intermediate (中级), senior (高级), expert (资深) (the grades need every agent's grade)"],
      ["invalid_value", "agents.1.grade", '"boss" is not one of junior (初级), intermediate (中级), senior (高级), expert (资深)'],
    ]);
  });

  it("a ranking of one month reads each row's month: a row without one is an issue, not left out", () => {
    expect(issueRows(safeRankAgents([{ agentId: "A01", score: 90 }, { agentId: "A02", month: "2020-02", score: 80 }], {}, { month: "2020-02" }))).toEqual([
      ["missing_field", "scores.0.month", "is missing; expected a month YYYY-MM like 2020-02"],
    ]);
    // Without a month to rank, rows may leave it out, and one agent has one score.
    expect(rankAgents([{ agentId: "A01", score: 90 }, { agentId: "A02", score: 80 }]).ranking.map((r) => r.agentId)).toEqual(["A01", "A02"]);
    expect(issueRows(safeRankAgents([{ agentId: "A01", score: 90 }, { agentId: "A01", month: "2020-02", score: 80 }]))).toEqual([
      ["duplicate_id", "scores.1.agentId", "A01 has more than one score; rank one score per agent, or give the month to rank (first at scores[0])"],
    ]);
  });

  it("a rule family's issue names the record by its file and row when the month was read from one", () => {
    const decoder = new MonthDecoder({});
    const b = decoder.builder("roster", { source: { file: "roster.csv", style: "row" } });
    const columns = b.fieldIndexes(["agentId", "date", "shift"]);
    b.addCells(["A01", "2020-02-21", "day"], columns, 2);
    b.addCells(["A01", "2020-02-21", "off"], columns, 3);
    decoder.add(b.finish());
    const r = safeAssignDuties(decoder.finish(), undefined, {});
    expect(r.success ? [] : r.issues).toEqual([
      {
        code: "duplicate_id",
        path: ["roster", 1, "date"],
        message: "A01 is rostered twice on 2020-02-21; one shift per agent and day",
        source: { file: "roster.csv", row: 3 },
        related: { path: ["roster", 0], source: { file: "roster.csv", row: 2 } },
      },
    ]);
    // The repeated record is data (`related`), named when the issue is printed.
    expect(r.success ? [] : r.issues.map(formatIssue)).toEqual(["roster.csv row 3, date: A01 is rostered twice on 2020-02-21; one shift per agent and day (first at roster.csv row 2)"]);
  });
});
