// Seed 000: 如果一个月内因服务原因收到买家投诉，根据具体情况进行处理分析给予相应的措施与处罚 — an upheld
// complaint steps the penalty ladder as its own rule; 所有咨询、投诉和评价都应在24小时内回复 — the reply check.
import { describe, expect, it } from "vitest";
import { buildDutySheet, buildMonthReport, checkServiceLevels, evaluateDiscipline } from "../../src/index.js";

const agents = [
  { agentId: "A01", hiredAt: "2019-01-01 09:00" },
  { agentId: "A02", hiredAt: "2020-02-10 09:00" },
];
const k = (complaintId: string, agentId: string, at: string, extra: Record<string, unknown> = {}) => ({ complaintId, agentId, at, upheld: true, ...extra });

describe("complaints answered within 24 h", () => {
  it("checks each complaint of the period; exactly 24 h complies; never answered is a breach", () => {
    const levels = checkServiceLevels({
      agents,
      complaints: [
        k("K1", "A01", "2020-02-03 10:00", { repliedAt: "2020-02-04 10:00", upheld: false }),
        k("K2", "A01", "2020-02-03 10:00", { repliedAt: "2020-02-04 10:00:01" }),
        k("K3", "A02", "2020-02-20 10:00"),
        k("K4", "A01", "2020-01-31 10:00"), // January's
      ],
    }, {}, { period: "2020-02" });
    const c = levels.find((l) => l.id === "complaintReply")!;
    expect(c).toMatchObject({ status: "ok", rule: "complaints answered within 24 h", checked: 3, compliant: 1 });
    expect(c.breaches.map((b) => [b.recordId, b.agentId, b.lateSeconds, b.reason])).toEqual([
      ["K2", "A01", "1", "reply at 2020-02-04T10:00:01+08:00, 1 s late"],
      ["K3", "A02", null, "no reply (due by 2020-02-21T10:00:00+08:00)"],
    ]);
    expect(checkServiceLevels({}, {}, { period: "2020-02" }).find((l) => l.id === "complaintReply")!.rule).toBe("complaints answered within 24 h (no complaints given)");
  });

  it("refuses a reply before the complaint", () => {
    expect(() => checkServiceLevels({ complaints: [k("K1", "A01", "2020-02-03 10:00", { repliedAt: "2020-02-03 09:00" })] }, {}, { period: "2020-02" })).toThrow(
      'complaints[0] (complaintId "K1"), repliedAt: 2020-02-03 09:00 is before at 2020-02-03 10:00',
    );
  });
});

describe("an upheld complaint steps the penalty ladder (serviceComplaint)", () => {
  it("is its own rule, on its own count; a complaint not upheld steps nothing", () => {
    const r = evaluateDiscipline({
      agents,
      violations: [{ violationId: "V1", agentId: "A01", at: "2020-02-01 10:00", rule: "nonWorkActivity" }],
      complaints: [k("K1", "A01", "2020-02-05 10:00"), k("K2", "A01", "2020-02-06 10:00", { upheld: false }), k("K3", "A01", "2020-02-07 10:00")],
    });
    expect(r.lines.map((l) => [l.violationId, l.rule, l.ladderRule, l.occurrence, l.fine, l.ruleLabel])).toEqual([
      ["V1", "nonWorkActivity", "nonWorkActivity", 1, "10.00", "上班做与工作无关的事 (QQ、私人旺旺、视频、游戏)"],
      ["K1", "serviceComplaint", "serviceComplaint", 1, "10.00", "因服务原因收到买家投诉"],
      ["K3", "serviceComplaint", "serviceComplaint", 2, "30.00", "因服务原因收到买家投诉"],
    ]);
    expect(r.fund.closing).toBe("50.00");
  });

  it("a third upheld complaint dismisses, and the dismissal stays in later months, in the month report and the duty sheet", () => {
    const complaints = [k("K1", "A01", "2020-01-05 10:00"), k("K2", "A01", "2020-01-15 10:00"), k("K3", "A01", "2020-01-25 10:00")];
    const jan = evaluateDiscipline({ agents, violations: [], complaints }, {}, { month: "2020-01" });
    expect(jan.agents).toEqual([{ agentId: "A01", lines: 3, fines: "40.00", dismissedAt: "2020-01-25T10:00:00+08:00", dismissedBy: "K3" }]);
    const feb = evaluateDiscipline({ agents, violations: [], complaints }, {}, { month: "2020-02" });
    expect(feb.agents).toEqual([{ agentId: "A01", lines: 0, fines: "0.00", dismissedAt: "2020-01-25T10:00:00+08:00", dismissedBy: "K3" }]);
    const roster = [{ agentId: "A01", date: "2020-02-03", shift: "day" }, { agentId: "A02", date: "2020-02-03", shift: "day" }];
    const sheet = buildDutySheet({ agents, roster, complaints }, undefined, "2020-02-03");
    expect(sheet.dismissed).toEqual([{ agentId: "A01", dismissedAt: "2020-01-25T10:00:00+08:00" }]);
  });

  it("takes the complaints alone, without violations; with neither, violations are missing", () => {
    expect(evaluateDiscipline({ agents, complaints: [k("K1", "A01", "2020-02-05 10:00")] }).lines.map((l) => [l.violationId, l.fine])).toEqual([["K1", "10.00"]]);
    expect(() => evaluateDiscipline({ agents } as never)).toThrow("violations: is missing; expected an array of violations records");
  });

  it("follows discipline.complaintRule: another rule's ladder and count, or none", () => {
    const input = { agents, violations: [{ violationId: "V1", agentId: "A01", at: "2020-02-01 10:00", rule: "nonWorkActivity" }], complaints: [k("K1", "A01", "2020-02-05 10:00")] };
    const shared = evaluateDiscipline(input, { discipline: { complaintRule: "nonWorkActivity" } });
    expect(shared.lines.map((l) => [l.violationId, l.rule, l.occurrence, l.fine])).toEqual([["V1", "nonWorkActivity", 1, "10.00"], ["K1", "nonWorkActivity", 2, "30.00"]]);
    expect(evaluateDiscipline(input, { discipline: { complaintRule: null } }).lines.map((l) => l.violationId)).toEqual(["V1"]);
  });

  it("refuses an upheld complaint when the policy lacks its rule, one before the agent was hired, and an id that is a violation's", () => {
    const own = { discipline: { rules: { late: { label: "迟到" } } } };
    expect(() => evaluateDiscipline({ agents, violations: [], complaints: [k("K1", "A01", "2020-02-05 10:00")] }, own)).toThrow(
      'complaints[0] (complaintId "K1"), upheld: an upheld complaint steps the ladder of discipline.complaintRule "serviceComplaint", which is not a rule of the policy (discipline.rules: late); add it, or set complaintRule to null',
    );
    // Not upheld: no ladder, so no rule needed.
    expect(evaluateDiscipline({ agents, violations: [], complaints: [k("K1", "A01", "2020-02-05 10:00", { upheld: false })] }, own).lines).toEqual([]);
    expect(() => evaluateDiscipline({ agents, violations: [], complaints: [k("K1", "A02", "2020-02-05 10:00")] })).toThrow('complaints[0] (complaintId "K1"), at: is before A02 was hired (2020-02-10T09:00:00+08:00)');
    expect(() => evaluateDiscipline({ agents, violations: [{ violationId: "X1", agentId: "A01", at: "2020-02-01 10:00", rule: "nonWorkActivity" }], complaints: [k("X1", "A01", "2020-02-05 10:00")] })).toThrow(
      /complaints\[0\] \(complaintId "X1"\), complaintId: "X1" is also a violation's id/,
    );
  });

  it("fines the month's pay statement, and a month without violations says the complaints alone step the ladders", () => {
    const orders = [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-03 10:00", paidAt: "2020-02-03 10:05", amount: "100.00" }];
    const staff = [{ agentId: "A01", name: "王芳", group: "presale", grade: "junior", hiredAt: "2019-01-01 09:00" }] as const;
    const without = buildMonthReport({ agents: staff, orders }, {}, { month: "2020-02" });
    const withComplaint = buildMonthReport({ agents: staff, orders, complaints: [k("K1", "A01", "2020-02-05 10:00")] }, {}, { month: "2020-02" });
    expect(withComplaint.pay[0]!.lines.fines.amount).toBe("10.00");
    expect(without.pay[0]!.lines.fines.amount).toBe("0.00");
    expect(withComplaint.warnings).toContain("no violations (file) given: only the upheld complaints step the penalty ladders");
    expect(without.warnings).toContain("no violations (file) given: no fines and no penalty-ladder dismissals in the pay statements");
  });
});
