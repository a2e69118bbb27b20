// Around a dismissal, in the month report: one dismissal (the earlier of the agents file's
// dismissedAt and the penalty ladder's) counts in every section — discipline, standings, ranking,
// duties and pay — and it is permanent: every later month shows it.
import { describe, expect, it } from "vitest";
import { buildMonthReport, type MonthInput, type PolicyInput } from "../../src/index.js";
import { renderPeopleTable } from "../../src/render/index.js";

type AgentRow = NonNullable<MonthInput["agents"]>[number];
const agent = (agentId: string, over: Partial<AgentRow> = {}): AgentRow => ({
  agentId,
  name: agentId,
  group: "presale",
  grade: "junior",
  hiredAt: "2019-01-01",
  gradeSince: "2019-01-01",
  ...over,
});
const violation = (violationId: string, agentId: string, at: string, condonedBy = "") => ({ violationId, agentId, at, rule: "nonWorkActivity", condonedBy });
// A01's ladder: the third occurrence dismisses.
const ladder = (...at: [string, string, string]) => at.map((t, i) => violation(`L${i + 1}`, "A01", t));
// One sale of A01 on a given day: chat 10:00–10:20, placed 10:05, paid 10:06.
const sale = (orderId: string, agentId: string, day: string, amount = "100.00") => ({
  consultation: { consultationId: `C-${orderId}`, agentId, buyerId: `b-${orderId}`, startedAt: `${day} 10:00`, firstReplyAt: `${day} 10:00:30`, endedAt: `${day} 10:20` },
  order: { orderId, buyerId: `b-${orderId}`, createdAt: `${day} 10:05`, paidAt: `${day} 10:06`, amount },
});
const month = (agents: AgentRow[], sales: ReturnType<typeof sale>[], extra: Partial<MonthInput> = {}): MonthInput => ({
  agents,
  consultations: sales.map((s) => s.consultation),
  orders: sales.map((s) => s.order),
  ...extra,
});
const report = (input: MonthInput, m: string, policy: PolicyInput = {}) => buildMonthReport(input, policy, { month: m });
const statement = (r: ReturnType<typeof report>, id: string) => r.pay.find((s) => s.agentId === id)!;
const standing = (r: ReturnType<typeof report>, id: string) => r.people.standings.find((s) => s.agentId === id)!;

describe("a ladder dismissal in an earlier month", () => {
  const january = ladder("2020-01-06 10:00", "2020-01-13 10:00", "2020-01-20 10:00");
  const input = month([agent("A01"), agent("A02")], [sale("O1", "A02", "2020-02-10")], { violations: january });

  it("is shown in February without a February violation: dismissed, no day employed, no base", () => {
    const feb = report(input, "2020-02");
    expect(feb.people.discipline.agents).toEqual([{ agentId: "A01", lines: 0, fines: "0.00", dismissedAt: "2020-01-20T10:00:00+08:00", dismissedBy: "L3" }]);
    expect(standing(feb, "A01").dismissed).toBe(true);
    expect(statement(feb, "A01").lines.baseSalary).toMatchObject({ amount: "0.00", rule: "baseSalary.notEmployed", inputs: { daysEmployed: 0 } });
    expect(statement(feb, "A01").total).toBe("0.00");
    // A later month shows it too; the agent who was not dismissed is paid as before.
    const mar = report(input, "2020-03");
    expect(standing(mar, "A01").dismissed).toBe(true);
    expect(statement(mar, "A01").lines.baseSalary.amount).toBe("0.00");
    expect(statement(feb, "A02").lines.baseSalary.amount).toBe("3000.00");
    // The terminal table says so too, though February has no discipline line.
    const table = renderPeopleTable(feb.people);
    expect(table).toContain("  （本月没有）\n  A01 已于 2020-01-20 开除（L3）\n");
    expect(table).toContain("不参加排名（无得分、试用期或已开除）：A01、A02");
    const english = renderPeopleTable(feb.people, { lang: "en" });
    expect(english).toContain("  (none this month)\n  A01 dismissed on 2020-01-20 (L3)\n");
    expect(english).toContain("unranked (no score, on probation or dismissed): A01, A02");
  });

  it("gives the same February with one more violation in February (reported, not fined)", () => {
    const feb = report({ ...input, violations: [...january, violation("F1", "A01", "2020-02-03 10:00")] }, "2020-02");
    expect(feb.people.discipline.lines.map((l) => [l.violationId, l.outcome, l.fine])).toEqual([["F1", "afterDismissal", "0.00"]]);
    expect(standing(feb, "A01").dismissed).toBe(true);
    expect(statement(feb, "A01").total).toBe("0.00");
  });

  it("pays no base under proRata none either", () => {
    expect(statement(report(input, "2020-02", { pay: { proRata: "none" } }), "A01").lines.baseSalary).toMatchObject({ amount: "0.00", rule: "baseSalary.notEmployed" });
  });

  it("in December is shown in January (across the year)", () => {
    const december = ladder("2019-12-02 10:00", "2019-12-09 10:00", "2019-12-31 23:59:59");
    const jan = report(month([agent("A01"), agent("A02")], [sale("O1", "A02", "2020-01-10")], { violations: december }), "2020-01");
    expect(jan.people.discipline.agents[0]).toMatchObject({ agentId: "A01", dismissedAt: "2019-12-31T23:59:59+08:00", dismissedBy: "L3" });
    expect(statement(jan, "A01").lines.baseSalary).toMatchObject({ amount: "0.00", inputs: { daysEmployed: 0, daysInMonth: 31 } });
    // …and December itself pays the month through the 31st.
    const dec = report(month([agent("A01"), agent("A02")], [sale("O1", "A02", "2019-12-10")], { violations: december }), "2019-12");
    expect(statement(dec, "A01").lines.baseSalary).toMatchObject({ amount: "3000.00", inputs: { daysEmployed: 31 } });
  });
});

describe("the earlier of the two dismissals wins everywhere", () => {
  const feb5 = ladder("2020-02-03 10:00", "2020-02-04 10:00", "2020-02-05 10:00");
  const input = month([agent("A01", { dismissedAt: "2020-02-20" }), agent("A02")], [sale("O1", "A01", "2020-02-04"), sale("O2", "A01", "2020-02-10"), sale("O3", "A02", "2020-02-10")], {
    violations: feb5,
    scores: [
      { agentId: "A01", month: "2020-02", score: 60 },
      { agentId: "A02", month: "2020-02", score: 90 },
    ],
  });
  const feb = report(input, "2020-02");

  it("discipline, standing and pay days say 02-05, not the agents file's 02-20", () => {
    expect(feb.people.discipline.agents.find((a) => a.agentId === "A01")).toMatchObject({ dismissedAt: "2020-02-05T10:00:00+08:00", dismissedBy: "L3" });
    expect(standing(feb, "A01").promotion.reasons.find((r) => r.code === "dismissed")?.message).toBe("dismissed on 2020-02-05");
    // 3000.00 × 5 / 29 = 517.241… (the file's date would give 20 days, 2068.97).
    expect(statement(feb, "A01").lines.baseSalary).toMatchObject({ amount: "517.24", inputs: { daysEmployed: 5 } });
    // A month dismissed part-way is otherwise paid as usual: the KPI bonus follows its score (60 × 5.00).
    expect(statement(feb, "A01").lines.kpiBonus).toMatchObject({ amount: "300.00", rule: "kpiBonus.points" });
  });

  it("the ranking (末位淘汰) leaves the dismissed agent out, and says so", () => {
    expect(feb.people.ranking).toMatchObject({ ranking: [{ agentId: "A02", score: "90", rank: 1 }], bottom: ["A02"], unranked: ["A01"] });
    expect(feb.warnings).toContain("scores: A01's 2020-02 score 60 is not ranked (末位淘汰): A01 was dismissed on 2020-02-05T10:00:00+08:00");
  });

  it("an order paid after the dismissal day earns no commission; the one before does", () => {
    const s = statement(feb, "A01");
    expect(s.commissionOrders.map((o) => o.orderId)).toEqual(["O1"]);
    expect(s.excludedOrders).toEqual([{ orderId: "O2", share: "1", amount: "100.00", reason: "paid 2020-02-10, after the last day employed (2020-02-05)" }]);
    expect(s.lines.commission.amount).toBe("1.00");
    expect(feb.warnings).toContain("pay: A01 was employed from 2019-01-01 through 2020-02-05; the order O2 credited to A01 was paid on another day and earns A01 no commission");
    // Attribution is a fact about the chats: the sales section still credits A01 with both.
    expect(feb.agents.find((a) => a.agentId === "A01")!.sales.orders).toBe(2);
  });

  it("an agents file's dismissal before the ladder's is the one that counts", () => {
    const early = report({ ...input, agents: [agent("A01", { dismissedAt: "2020-02-04 09:00" }), agent("A02")] }, "2020-02");
    expect(early.people.discipline.lines.map((l) => l.outcome)).toEqual(["penalized", "afterDismissal", "afterDismissal"]);
    expect(statement(early, "A01").lines.baseSalary.inputs["daysEmployed"]).toBe(4);
    expect(standing(early, "A01").promotion.reasons.find((r) => r.code === "dismissed")?.message).toBe("dismissed on 2020-02-04");
  });
});

describe("no day employed in the month (pay.proRata none)", () => {
  const none: PolicyInput = { pay: { proRata: "none" } };

  it("dismissed on 2020-01-15: no base, no KPI bonus in February", () => {
    const feb = report(month([agent("A01", { dismissedAt: "2020-01-15" }), agent("A02")], [sale("O1", "A02", "2020-02-10")], { scores: [{ agentId: "A01", month: "2020-02", score: 90 }] }), "2020-02", none);
    expect(statement(feb, "A01").lines.baseSalary).toMatchObject({ amount: "0.00", rule: "baseSalary.notEmployed" });
    expect(statement(feb, "A01").lines.kpiBonus).toMatchObject({ amount: "0.00", rule: "kpiBonus.notEmployed" });
    expect(statement(feb, "A01").total).toBe("0.00");
  });

  it("a clawback of an earlier settled month is still booked after the agent has left", () => {
    const jan = { ...report(month([agent("A01", { dismissedAt: "2020-01-31" })], [sale("O1", "A01", "2020-01-10")]), "2020-01"), settled: true as const };
    expect(statement(jan, "A01").lines.commission.amount).toBe("1.00");
    // In February O1 is refunded in full; A01 left on 31 January.
    const refunded = { ...sale("O1", "A01", "2020-01-10").order, refundAmount: "100.00" };
    const feb = buildMonthReport({ agents: [agent("A01", { dismissedAt: "2020-01-31" })], orders: [refunded, sale("O2", "A01", "2020-02-03").order] }, {}, { month: "2020-02", previous: jan });
    expect(statement(feb, "A01").lines.baseSalary.amount).toBe("0.00");
    expect(statement(feb, "A01").lines.clawback.amount).toBe("1.00");
    expect(statement(feb, "A01").total).toBe("-1.00");
  });

  it("hired on 2020-03-05: no base in February, and a February sale earns no commission", () => {
    const feb = report(month([agent("A01", { hiredAt: "2020-03-05", gradeSince: "2020-03-05" }), agent("A02")], [sale("O1", "A01", "2020-02-10"), sale("O2", "A02", "2020-02-10")]), "2020-02", none);
    const s = statement(feb, "A01");
    expect(s.lines.baseSalary).toMatchObject({ amount: "0.00", rule: "baseSalary.notEmployed" });
    expect(s.excludedOrders.map((o) => [o.orderId, o.reason])).toEqual([["O1", "paid 2020-02-10, before the first day employed (2020-03-05)"]]);
    expect(s.total).toBe("0.00");
    expect(feb.warnings).toContain("pay: A01 was employed from 2020-03-05; the order O1 credited to A01 was paid on another day and earns A01 no commission");
  });

  it("an agent hired after the month is not ranked in it", () => {
    const scores = [
      { agentId: "A01", month: "2020-02", score: 10 },
      { agentId: "A02", month: "2020-02", score: 90 },
    ];
    const feb = report(month([agent("A01", { hiredAt: "2020-03-05", gradeSince: "2020-03-05" }), agent("A02")], [], { scores }), "2020-02");
    expect(feb.people.ranking).toMatchObject({ ranking: [{ agentId: "A02" }], bottom: ["A02"], unranked: ["A01"] });
    expect(feb.warnings).toContain("scores: A01's 2020-02 score 10 is not ranked (末位淘汰): A01 was hired on 2020-03-05, after 2020-02");
    // Hired on the month's last day: employed in it, ranked.
    const last = report(month([agent("A01", { hiredAt: "2020-02-29", gradeSince: "2020-02-29" }), agent("A02")], [], { scores }), "2020-02");
    expect(last.people.ranking.bottom).toEqual(["A01"]);
  });
});

describe("the edges of the month", () => {
  const days = (r: ReturnType<typeof report>) => statement(r, "A01").lines.baseSalary;
  const base = [agent("A02")];

  it("a dismissal on the first day counts that day", () => {
    const r = report(month([agent("A01"), ...base], [], { violations: ladder("2020-01-20 10:00", "2020-01-27 10:00", "2020-02-01 00:00") }), "2020-02");
    expect(days(r)).toMatchObject({ amount: "103.45", inputs: { daysEmployed: 1 } }); // 3000 × 1 / 29 = 103.448…
    expect(days(report(month([agent("A01"), ...base], [], { violations: ladder("2020-01-20 10:00", "2020-01-27 10:00", "2020-02-01 00:00") }), "2020-02", { pay: { proRata: "none" } })).amount).toBe("3000.00");
  });

  it("a dismissal on the last day keeps the whole month, and that day's sales", () => {
    const r = report(month([agent("A01"), ...base], [sale("O1", "A01", "2020-02-29")], { violations: ladder("2020-02-03 10:00", "2020-02-10 10:00", "2020-02-29 09:00") }), "2020-02");
    expect(days(r)).toMatchObject({ amount: "3000.00", rule: "baseSalary.full", inputs: { daysEmployed: 29 } });
    // O1 is paid at 10:06, after the dismissal at 09:00, but on the dismissal day: it counts.
    expect(statement(r, "A01").commissionOrders.map((o) => o.orderId)).toEqual(["O1"]);
  });

  it("a hire on the last day is one day", () => {
    const r = report(month([agent("A01", { hiredAt: "2020-02-29", gradeSince: "2020-02-29" }), ...base], []), "2020-02");
    expect(days(r)).toMatchObject({ amount: "103.45", inputs: { daysEmployed: 1 } });
  });
});

describe("rewards, supervisors and duties after a dismissal", () => {
  const input = month([agent("A01"), agent("A02")], [], {
    violations: [...ladder("2020-02-03 10:00", "2020-02-04 10:00", "2020-02-05 10:00"), violation("V9", "A01", "2020-02-12 10:00", "A02")],
    rewards: [
      { rewardId: "W1", agentId: "A01", at: "2020-02-05 18:00", kind: "dataErrorFound" },
      { rewardId: "W2", agentId: "A01", at: "2020-02-06 09:00", kind: "suggestionAdopted" },
    ],
    // Thursday 6 February: both are rostered on the night shift, A01 after the dismissal.
    roster: [
      { agentId: "A01", date: "2020-02-06", shift: "night" },
      { agentId: "A02", date: "2020-02-06", shift: "night" },
    ],
  });
  const unpaid = { orderId: "U1", buyerId: "u1", createdAt: "2020-02-06 18:00", amount: "50.00" };
  const feb = report({ ...input, orders: [sale("O1", "A02", "2020-02-10").order, unpaid] }, "2020-02");

  it("a reward dated on the dismissal day is paid; one dated after it is not, and the report says so", () => {
    expect(statement(feb, "A01").lines.rewards).toMatchObject({ amount: "10.00", inputs: { items: 1 } });
    expect(feb.warnings).toContain("rewards: A01 was employed from 2019-01-01 through 2020-02-05; the reward W2 (2020-02-06, 30.00) is dated on another day and is not paid");
    // The rewards section still lists both: it is the record of what was given.
    expect(feb.people.rewards.lines.map((r) => r.rewardId)).toEqual(["W1", "W2"]);
  });

  it("a supervisor who condoned the violation of an agent already dismissed is not penalized", () => {
    expect(feb.people.discipline.lines.filter((l) => l.violationId === "V9").map((l) => [l.agentId, l.liability, l.outcome, l.fine])).toEqual([["A01", "violator", "afterDismissal", "0.00"]]);
    expect(feb.people.discipline.lines.find((l) => l.violationId === "V9")!.explanation).toContain("A02, who condoned it, is not penalized either (A01 was no longer staff)");
    expect(statement(feb, "A02").lines.fines.amount).toBe("0.00");
  });

  it("a rostered day after the dismissal owns no duties", () => {
    const reminder = feb.people.duties.items.find((d) => d.kind === "humanReminder" && d.ref === "U1")!;
    expect(reminder).toMatchObject({ owner: "A02", alsoEligible: [] });
    expect(feb.warnings).toContain("roster: A01 is rostered on 2020-02-06, after the dismissal on 2020-02-05T10:00:00+08:00: those days own no duties and the agent is not counted on shift");
  });

  it("a rostered day after the dismissal counts the agent as nobody on shift, though the roster's own rules still see the row", () => {
    const roster = feb.people.roster!;
    expect(roster.agents.find((a) => a.agentId === "A01")!.shifts.night).toBe(1);
    // A02 alone on the night of the 6th: enough for one on shift; two asked, A01 does not count.
    expect(roster.coverage.gaps.filter((g) => g.date === "2020-02-06")).toEqual([{ date: "2020-02-06", from: "09:00", to: "17:00", onShift: 0, required: 1 }]);
    const two = report({ ...input, orders: [sale("O1", "A02", "2020-02-10").order, unpaid] }, "2020-02", { roster: { minOnShift: 2 } }).people.roster!;
    expect(two.coverage.gaps.filter((g) => g.date === "2020-02-06").map((g) => [g.from, g.to, g.onShift])).toEqual([
      ["09:00", "17:00", 0],
      ["17:00", "23:30", 1],
    ]);
  });
});
