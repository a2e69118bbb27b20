// Seed 000: 遵守劳动纪律，不迟到、不早退、不旷工 — sign-ins and sign-outs against the roster's shifts
// (day 09:00–17:30, halfDay 10:00–15:30, night 17:00–23:30): late, leaving early and absent each
// step the penalty ladder of their own rule.
import { describe, expect, it } from "vitest";
import { buildDutySheet, buildMonthReport, evaluateDiscipline, KefuKpiError, type MonthInput } from "../../src/index.js";
import { message } from "../../src/render/lang.js";

const agents = [
  { agentId: "A01", hiredAt: "2019-01-01 09:00" },
  { agentId: "A02", hiredAt: "2020-02-04 09:00" },
];
const shift = (agentId: string, date: string, s: "day" | "halfDay" | "night" | "off" = "day") => ({ agentId, date, shift: s });
const sign = (agentId: string, at: string, punch: string) => ({ agentId, at, punch });
const lineIds = (r: ReturnType<typeof evaluateDiscipline>) => r.lines.map((l) => [l.violationId, l.rule, l.at.slice(0, 16), l.fine]);

describe("attendance against the roster", () => {
  const roster = [shift("A01", "2020-02-03"), shift("A01", "2020-02-04"), shift("A01", "2020-02-05"), shift("A01", "2020-02-06", "off"), shift("A01", "2020-02-07")];
  const attendance = [
    sign("A01", "2020-02-03 09:00", "上班"), // exactly at the start: on time
    sign("A01", "2020-02-03 17:30", "下班"), // exactly at the end: not early
    sign("A01", "2020-02-04 09:01", "in"), // late
    sign("A01", "2020-02-04 12:00", "签退"),
    sign("A01", "2020-02-04 17:00", "out"), // the last sign-out counts: early at 17:00
    sign("A01", "2020-02-06 10:00", "上线"), // a day off: checks nothing
    // the 5th: no record at all, absent; the 7th: no record, and after the last covered day
  ];
  it("finds late, leaving early and absent, at their instants, each on its own rule's ladder", () => {
    const r = evaluateDiscipline({ agents, roster, attendance }, {}, { month: "2020-02" });
    expect(lineIds(r)).toEqual([
      ["A01/2020-02-04/迟到", "late", "2020-02-04T09:01", "10.00"],
      ["A01/2020-02-04/早退", "leftEarly", "2020-02-04T17:00", "10.00"],
      ["A01/2020-02-05/旷工", "absent", "2020-02-05T09:00", "10.00"],
    ]);
    expect(r.lines.map((l) => l.ruleLabel)).toEqual(["迟到", "早退", "旷工"]);
  });

  it("does not depend on the rows' order", () => {
    const a = evaluateDiscipline({ agents, roster, attendance }, {}, { month: "2020-02" });
    const b = evaluateDiscipline({ agents: [...agents].reverse(), roster: [...roster].reverse(), attendance: [...attendance].reverse() }, {}, { month: "2020-02" });
    expect(b).toEqual(a);
  });

  it("graceMinutes lets a sign-in come that much later and a sign-out that much earlier (at the limit: in time)", () => {
    const at = evaluateDiscipline({ agents, roster, attendance }, { discipline: { attendance: { graceMinutes: 30 } } }, { month: "2020-02" });
    expect(lineIds(at).map((l) => l[0])).toEqual(["A01/2020-02-05/旷工"]); // 17:00 is 30 min early: at the limit
    const r = evaluateDiscipline({ agents, roster, attendance }, { discipline: { attendance: { graceMinutes: 20 } } }, { month: "2020-02" });
    expect(lineIds(r).map((l) => l[0])).toEqual(["A01/2020-02-04/早退", "A01/2020-02-05/旷工"]);
  });

  it("a rule set to null is not checked", () => {
    const r = evaluateDiscipline({ agents, roster, attendance }, { discipline: { attendance: { late: null, absent: null } } }, { month: "2020-02" });
    expect(lineIds(r).map((l) => l[0])).toEqual(["A01/2020-02-04/早退"]);
  });

  it("a day with a sign-out and no sign-in is no absence, and its arrival is not judged", () => {
    const r = evaluateDiscipline({ agents, roster: [shift("A01", "2020-02-03")], attendance: [sign("A01", "2020-02-03 17:40", "下班")] }, {}, { month: "2020-02" });
    expect(r.lines).toEqual([]);
  });

  it("checks only the days the records cover, from the hire on", () => {
    // A02 was hired on the 4th at 09:00: the 3rd's shift is before the hire; the 4th's starts at the hire.
    const r = evaluateDiscipline(
      { agents, roster: [shift("A02", "2020-02-03"), shift("A02", "2020-02-04"), shift("A02", "2020-02-10")], attendance: [sign("A01", "2020-02-03 09:00", "上班"), sign("A01", "2020-02-05 09:00", "上班")] },
      {},
      { month: "2020-02" },
    );
    expect(lineIds(r).map((l) => l[0])).toEqual(["A02/2020-02-04/旷工"]);
  });

  it("a third absence dismisses; nothing more is expected of the agent, this month or the next", () => {
    const days = ["2020-02-03", "2020-02-04", "2020-02-05", "2020-02-06", "2020-03-02"];
    const input = { agents, roster: days.map((d) => shift("A01", d)), attendance: [sign("A02", "2020-02-03 09:00", "上班"), sign("A02", "2020-03-02 09:00", "上班")] };
    const feb = evaluateDiscipline(input, {}, { month: "2020-02" });
    expect(feb.lines.map((l) => [l.violationId, l.step, l.actions, l.fine])).toEqual([
      ["A01/2020-02-03/旷工", 1, ["verbalWarning"], "10.00"],
      ["A01/2020-02-04/旷工", 2, [], "30.00"],
      ["A01/2020-02-05/旷工", 3, ["dismissal"], "0.00"],
    ]);
    expect(feb.agents.find((a) => a.agentId === "A01")).toMatchObject({ dismissedAt: "2020-02-05T09:00:00+08:00", dismissedBy: "A01/2020-02-05/旷工" });
    expect(evaluateDiscipline(input, {}, { month: "2020-03" }).lines).toEqual([]);
  });

  it("refuses an unknown kind, naming the record; and a rule the shop's own rules lack", () => {
    expect(() => evaluateDiscipline({ agents, roster, attendance: [sign("A01", "2020-02-03 09:00", "迟到")] }, {}, { month: "2020-02" })).toThrow(/attendance\[0\], punch: "迟到" is not one of/);
    const own = { discipline: { rules: { nonWorkActivity: { label: "上班做与工作无关的事" } } } };
    let issues: string[] = [];
    try {
      evaluateDiscipline({ agents, roster, attendance }, own, { month: "2020-02" });
    } catch (e) {
      issues = (e as KefuKpiError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    }
    expect(issues).toEqual([
      'policy.discipline.attendance.late: "late" is not a rule of the policy (discipline.rules: nonWorkActivity); with attendance records, add it, or set discipline.attendance.late to null',
      'policy.discipline.attendance.leftEarly: "leftEarly" is not a rule of the policy (discipline.rules: nonWorkActivity); with attendance records, add it, or set discipline.attendance.leftEarly to null',
      'policy.discipline.attendance.absent: "absent" is not a rule of the policy (discipline.rules: nonWorkActivity); with attendance records, add it, or set discipline.attendance.absent to null',
    ]);
    expect(evaluateDiscipline({ agents, roster, attendance }, { discipline: { ...own.discipline, attendance: { late: null, leftEarly: null, absent: null } } }, { month: "2020-02" }).lines).toEqual([]);
  });
});

describe("attendance in the month report", () => {
  const input: MonthInput = {
    agents: [{ agentId: "A01", name: "王芳", group: "presale", grade: "junior", hiredAt: "2019-01-01" }],
    orders: [],
    roster: [shift("A01", "2020-02-03"), shift("A01", "2020-02-04"), shift("A01", "2020-02-05")],
    attendance: [sign("A01", "2020-02-03 09:20", "上班"), sign("A01", "2020-02-05 09:00", "上班")],
  };
  it("fines the agent's pay, feeds the fund and says what steps the ladders without violations", () => {
    const r = buildMonthReport(input, {}, { month: "2020-02" });
    expect(r.people.discipline.lines.map((l) => [l.violationId, l.fine])).toEqual([
      ["A01/2020-02-03/迟到", "10.00"],
      ["A01/2020-02-04/旷工", "10.00"],
    ]);
    expect(r.pay[0]!.lines.fines.amount).toBe("20.00");
    expect(r.people.fund.closing).toBe("20.00");
    expect(r.warnings).toContain("no violations (file) given: only the attendance step the penalty ladders");
    expect(message("no violations (file) given: only the attendance step the penalty ladders", "zh")).toBe("未提供违规记录（violations）：只有考勤计入处罚阶梯");
    expect(message("no violations (file) given: only the upheld complaints and the attendance step the penalty ladders", "zh")).toBe("未提供违规记录（violations）：只有成立的投诉和考勤计入处罚阶梯");
  });

  it("without a roster, checks nothing and says so", () => {
    const { roster: _, ...withoutRoster } = input;
    const r = buildMonthReport(withoutRoster, {}, { month: "2020-02" });
    expect(r.people.discipline.lines).toEqual([]);
    expect(r.warnings).toContain("no roster (file) given: the attendance is checked against nothing (no late, early or absent)");
    // A roster without attendance: said too (the fines would differ with it).
    const { attendance: __, ...withoutAttendance } = input;
    const w = buildMonthReport(withoutAttendance, {}, { month: "2020-02" }).warnings;
    expect(w).toContain("no attendance (file) given: no late, early or absent is checked against the roster");
    expect(message("no attendance (file) given: no late, early or absent is checked against the roster", "zh")).toBe("未提供考勤（attendance）：不按排班核对迟到、早退、旷工");
  });

  it("a ladder dismissal by absences reaches the duty sheet", () => {
    // Present on the 3rd and the 7th, absent the 4th, 5th and 6th: the third absence dismisses.
    const three = { ...input, roster: [...input.roster!, shift("A01", "2020-02-06"), shift("A01", "2020-02-07")], attendance: [sign("A01", "2020-02-03 09:00", "上班"), sign("A01", "2020-02-07 09:00", "上班")] };
    const sheet = buildDutySheet(three, {}, "2020-02-07");
    expect(sheet.dismissed).toEqual([{ agentId: "A01", dismissedAt: "2020-02-06T09:00:00+08:00" }]);
  });
});
