import { describe, expect, it } from "vitest";
import { issueRows } from "../issueRows.js";
import { KefuKpiError, evaluateDiscipline, fundLedger, safeEvaluateDiscipline, type ViolationInput } from "../../src/index.js";

const agents = [
  { agentId: "A01", hiredAt: "2019-01-01 09:00" },
  { agentId: "A02", hiredAt: "2019-01-01 09:00" },
  { agentId: "S01", hiredAt: "2018-01-01 09:00" },
];
const v = (violationId: string, agentId: string, at: string, extra: Partial<ViolationInput> = {}): ViolationInput => ({
  violationId,
  agentId,
  at,
  rule: "nonWorkActivity",
  ...extra,
});

describe("evaluateDiscipline: the default ladder (warning + 10, 30, dismissal)", () => {
  const violations = [
    v("V1", "A01", "2020-02-03 10:00"),
    v("V2", "A01", "2020-02-10 10:00"),
    v("V3", "A01", "2020-02-17 10:00"),
    v("V4", "A01", "2020-02-24 10:00"),
  ];
  const r = evaluateDiscipline({ agents, violations });

  it("steps once per occurrence and names the step", () => {
    expect(r.lines.map((l) => [l.violationId, l.occurrence, l.step, l.actions, l.fine, l.outcome])).toEqual([
      ["V1", 1, 1, ["verbalWarning"], "10.00", "penalized"],
      ["V2", 2, 2, [], "30.00", "penalized"],
      ["V3", 3, 3, ["dismissal"], "0.00", "penalized"],
      ["V4", 4, null, [], "0.00", "afterDismissal"],
    ]);
    expect(r.lines[0]!.explanation).toBe("A01: occurrence 1 of nonWorkActivity (since hire) → ladder step 1: verbalWarning + fine 10.00");
    expect(r.lines[3]!.explanation).toContain("after dismissal on 2020-02-17T10:00:00+08:00 (V3); reported, not fined");
  });

  it("records the dismissal and the fines per person", () => {
    expect(r.agents).toEqual([{ agentId: "A01", lines: 4, fines: "40.00", dismissedAt: "2020-02-17T10:00:00+08:00", dismissedBy: "V3" }]);
  });

  it("is independent of the input order", () => {
    const reversed = evaluateDiscipline({ agents: [...agents].reverse(), violations: [...violations].reverse() });
    expect(reversed).toEqual(r);
  });

  it("counts seed 000's one handbook item on one ladder: software counts with non-work activity, so a third offence of either dismisses", () => {
    const mixed = evaluateDiscipline({
      agents,
      violations: [
        v("V1", "A01", "2020-02-03 10:00"),
        v("V2", "A01", "2020-02-04 10:00", { rule: "unauthorizedSoftware" }),
        v("V3", "A01", "2020-02-05 10:00", { rule: "unauthorizedSoftware" }),
      ],
    });
    expect(mixed.lines.map((l) => [l.rule, l.ladderRule, l.occurrence, l.step, l.actions, l.fine])).toEqual([
      ["nonWorkActivity", "nonWorkActivity", 1, 1, ["verbalWarning"], "10.00"],
      ["unauthorizedSoftware", "nonWorkActivity", 2, 2, [], "30.00"],
      ["unauthorizedSoftware", "nonWorkActivity", 3, 3, ["dismissal"], "0.00"],
    ]);
    expect(mixed.lines[1]!.explanation).toBe(
      "A01: unauthorizedSoftware counts with nonWorkActivity: occurrence 2 of nonWorkActivity (since hire) → ladder step 2: fine 30.00",
    );
    expect(mixed.agents[0]).toMatchObject({ dismissedBy: "V3", fines: "40.00" });
  });

  it("counts rules without countsWith on their own ladders, and a shared count uses the ladder of the rule counted with", () => {
    const rules = {
      chat: { label: "聊天", ladder: [{ fine: "5" }, { fine: "15" }] },
      games: { label: "游戏", countsWith: "chat" },
      software: { label: "软件" },
    };
    const r = evaluateDiscipline(
      {
        violations: [
          v("V1", "A01", "2020-02-03 10:00", { rule: "games" }),
          v("V2", "A01", "2020-02-04 10:00", { rule: "software" }),
          v("V3", "A01", "2020-02-05 10:00", { rule: "chat" }),
          v("V4", "A02", "2020-02-05 10:00", { rule: "chat" }),
        ],
      },
      { discipline: { rules } },
    );
    expect(r.lines.map((l) => [l.violationId, l.ladderRule, l.occurrence, l.fine])).toEqual([
      ["V1", "chat", 1, "5.00"],
      ["V2", "software", 1, "10.00"],
      ["V3", "chat", 2, "15.00"],
      ["V4", "chat", 1, "5.00"],
    ]);
  });

  it("refuses a countsWith that names no rule, the rule itself, a rule that counts with another, or comes with its own ladder", () => {
    const bad = (rules: Record<string, unknown>) => () => evaluateDiscipline({ violations: [] }, { discipline: { rules } } as never);
    expect(bad({ a: { label: "A", countsWith: "b" } })).toThrow('policy.discipline.rules.a.countsWith: "b" is not a rule of the policy; expected one of a');
    expect(bad({ a: { label: "A", countsWith: "a" } })).toThrow("policy.discipline.rules.a.countsWith: a rule cannot count with itself; leave countsWith out");
    expect(bad({ a: { label: "A" }, b: { label: "B", countsWith: "a" }, c: { label: "C", countsWith: "b" } })).toThrow(
      'policy.discipline.rules.c.countsWith: "b" itself counts with "a"; name that rule instead',
    );
    expect(bad({ a: { label: "A" }, b: { label: "B", countsWith: "a", ladder: [{ fine: "1" }] } })).toThrow(
      'policy.discipline.rules.b.ladder: a rule that counts with "a" steps that rule\'s ladder; leave its own ladder out',
    );
  });

  it("a dismissal by one rule stops fines under every rule", () => {
    const x = evaluateDiscipline({
      agents,
      violations: [...violations.slice(0, 3), v("V9", "A01", "2020-02-20 10:00", { rule: "unauthorizedSoftware" })],
    });
    expect(x.lines.at(-1)).toMatchObject({ violationId: "V9", outcome: "afterDismissal", fine: "0.00", step: null });
  });

  it("does not fine after the dismissal date of the agents file", () => {
    const x = evaluateDiscipline({
      agents: [{ agentId: "A01", hiredAt: "2019-01-01", dismissedAt: "2020-02-05 18:00" }],
      violations: [v("V1", "A01", "2020-02-03 10:00"), v("V2", "A01", "2020-02-06 10:00")],
    });
    expect(x.lines.map((l) => l.outcome)).toEqual(["penalized", "afterDismissal"]);
    expect(x.agents[0]).toMatchObject({ dismissedAt: "2020-02-05T18:00:00+08:00", dismissedBy: null });
  });
});

describe("evaluateDiscipline: the counting window", () => {
  const violations = [v("V1", "A01", "2020-01-20 10:00"), v("V2", "A01", "2020-02-03 10:00"), v("V3", "A01", "2020-02-29 23:59")];

  it("counts since hire by default, across months", () => {
    const r = evaluateDiscipline({ agents, violations });
    expect(r.lines.map((l) => [l.window, l.occurrence, l.step])).toEqual([
      ["sinceHire", 1, 1],
      ["sinceHire", 2, 2],
      ["sinceHire", 3, 3],
    ]);
  });

  it("resets each calendar month (in the shop zone) with window calendarMonth", () => {
    const r = evaluateDiscipline({ agents, violations }, { discipline: { window: "calendarMonth" } });
    expect(r.lines.map((l) => [l.window, l.occurrence, l.step, l.fine])).toEqual([
      ["2020-01", 1, 1, "10.00"],
      ["2020-02", 1, 1, "10.00"],
      ["2020-02", 2, 2, "30.00"],
    ]);
  });

  it("reports only the month asked, counting the earlier ones and opening the fund with their fines", () => {
    const r = evaluateDiscipline({ agents, violations }, {}, { month: "2020-02" });
    expect(r.lines.map((l) => l.violationId)).toEqual(["V2", "V3"]);
    expect(r.lines.map((l) => l.step)).toEqual([2, 3]);
    expect(r.fund).toMatchObject({ opening: "10.00", fines: "30.00", closing: "40.00" });
  });
});

describe("evaluateDiscipline: a dismissal is permanent", () => {
  it("lists a person dismissed by the ladder in an earlier month in every later month, without lines", () => {
    const violations = [v("V1", "A01", "2020-01-06 10:00"), v("V2", "A01", "2020-01-13 10:00"), v("V3", "A01", "2020-01-20 10:00")];
    const gone = { agentId: "A01", lines: 0, fines: "0.00", dismissedAt: "2020-01-20T10:00:00+08:00", dismissedBy: "V3" };
    expect(evaluateDiscipline({ agents, violations }, {}, { month: "2020-02" }).agents).toEqual([gone]);
    expect(evaluateDiscipline({ agents, violations }, {}, { month: "2021-06" }).agents).toEqual([gone]);
    // Not before it happened, and not someone dismissed only by the agents file (the file says so itself).
    expect(evaluateDiscipline({ agents, violations }, {}, { month: "2019-12" }).agents).toEqual([]);
    expect(evaluateDiscipline({ agents: [{ ...agents[1]!, dismissedAt: "2020-01-01" }], violations: [] }, {}, { month: "2020-02" }).agents).toEqual([]);
  });
});

describe("evaluateDiscipline: supervisor liability", () => {
  it("penalizes the supervisor who condoned on the same ladder, on the supervisor's own count", () => {
    const r = evaluateDiscipline({
      agents,
      violations: [
        v("V1", "A01", "2020-02-03 10:00", { condonedBy: "S01" }),
        v("V2", "A02", "2020-02-04 10:00", { condonedBy: "S01" }),
        v("V3", "A01", "2020-02-05 10:00"),
      ],
    });
    expect(r.lines.map((l) => [l.violationId, l.agentId, l.liability, l.occurrence, l.fine])).toEqual([
      ["V1", "A01", "violator", 1, "10.00"],
      ["V1", "S01", "supervisor", 1, "10.00"],
      ["V2", "A02", "violator", 1, "10.00"],
      ["V2", "S01", "supervisor", 2, "30.00"],
      ["V3", "A01", "violator", 2, "30.00"],
    ]);
    expect(r.lines[1]!.explanation).toMatch(/^supervisor S01 condoned A01's violation: occurrence 1/);
    expect(r.fund.closing).toBe("90.00");
  });

  it("does not penalize a supervisor for condoning the violation of someone already dismissed", () => {
    const r = evaluateDiscipline({
      agents,
      violations: [
        v("V1", "A01", "2020-02-03 10:00"),
        v("V2", "A01", "2020-02-04 10:00"),
        v("V3", "A01", "2020-02-05 10:00", { condonedBy: "S01" }), // dismisses A01: S01 saw it, S01 is liable
        v("V4", "A01", "2020-02-06 10:00", { condonedBy: "S01" }), // A01 is gone: no liability, and S01's count does not step
        v("V5", "A02", "2020-02-07 10:00", { condonedBy: "S01" }),
      ],
    });
    expect(r.lines.map((l) => [l.violationId, l.agentId, l.occurrence, l.outcome, l.fine])).toEqual([
      ["V1", "A01", 1, "penalized", "10.00"],
      ["V2", "A01", 2, "penalized", "30.00"],
      ["V3", "A01", 3, "penalized", "0.00"],
      ["V3", "S01", 1, "penalized", "10.00"],
      ["V4", "A01", 4, "afterDismissal", "0.00"],
      ["V5", "A02", 1, "penalized", "10.00"],
      ["V5", "S01", 2, "penalized", "30.00"],
    ]);
    expect(r.lines[4]!.explanation).toBe(
      "A01: occurrence 4 of nonWorkActivity after dismissal on 2020-02-05T10:00:00+08:00 (V3); reported, not fined; S01, who condoned it, is not penalized either (A01 was no longer staff)",
    );
    // The same after a dismissal by the agents file.
    const left = evaluateDiscipline({ agents: [{ ...agents[0]!, dismissedAt: "2020-02-01" }, agents[2]!], violations: [v("V1", "A01", "2020-02-03 10:00", { condonedBy: "S01" })] });
    expect(left.lines.map((l) => [l.agentId, l.outcome])).toEqual([["A01", "afterDismissal"]]);
  });

  it("can be switched off", () => {
    const r = evaluateDiscipline({ agents, violations: [v("V1", "A01", "2020-02-03 10:00", { condonedBy: "S01" })] }, { discipline: { supervisorLiability: false } });
    expect(r.lines).toHaveLength(1);
  });
});

describe("evaluateDiscipline: ladders of the policy", () => {
  it("uses a rule's own ladder with the action kinds of seed 001 and repeats a last step that does not dismiss", () => {
    const r = evaluateDiscipline(
      { violations: [v("V1", "A01", "2020-02-01 10:00", { rule: "complaint" }), v("V2", "A01", "2020-02-02 10:00", { rule: "complaint" }), v("V3", "A01", "2020-02-03 10:00", { rule: "complaint" })] },
      {
        discipline: {
          rules: {
            complaint: {
              label: "服务原因被投诉",
              ladder: [{ actions: ["noticeOfCriticism"] }, { actions: ["minorDemerit", "compensation"], fine: "50" }],
            },
          },
        },
      },
    );
    expect(r.lines.map((l) => [l.step, l.actions, l.fine])).toEqual([
      [1, ["noticeOfCriticism"], "0.00"],
      [2, ["minorDemerit", "compensation"], "50.00"],
      [2, ["minorDemerit", "compensation"], "50.00"],
    ]);
    expect(r.lines[2]!.explanation).toContain("beyond the ladder's 2 steps: the last step repeats");
  });

  it("rejects a ladder that dismisses before its last step", () => {
    expect(() => evaluateDiscipline({ violations: [] }, { discipline: { ladder: [{ actions: ["dismissal"] }, { fine: "10" }] } })).toThrow(
      /policy\.discipline\.ladder: only the last step of a ladder may dismiss/,
    );
  });
});

describe("evaluateDiscipline: bad input", () => {
  it("names the record and field of each problem", () => {
    const r = safeEvaluateDiscipline({
      agents,
      violations: [
        v("V1", "A09", "2020-02-03 10:00"),
        v("V2", "A01", "2020-02-30 10:00"),
        v("V3", "A01", "2020-02-03 10:00", { rule: "qq" }),
        v("V3", "A01", "2020-02-04 10:00"),
        v("V5", "A01", "2020-02-03 10:00", { condonedBy: "A01" }),
        v("V6", "A01", "2018-02-03 10:00"),
        { violationId: "V7", agentId: "A01", at: "2020-02-03 10:00" } as ViolationInput,
      ],
    });
    // Read by the decoder (the kinds' one definition) or checked against the policy, in record order.
    expect(issueRows(r)).toEqual([
      ["unknown_agent", "violations.0.agentId", '"A09" is not in the agents list'],
      ["invalid_date", "violations.1.at", expect.stringContaining('"2020-02-30 10:00" is not a real calendar date')],
      ["invalid_value", "violations.2.rule", '"qq" is not a rule of the policy; expected one of nonWorkActivity, unauthorizedSoftware, serviceComplaint, late, leftEarly, absent (policy discipline.rules)'],
      ["duplicate_id", "violations.3.violationId", '"V3" appears more than once; each violation must be listed once (first at violations[2])'],
      ["invalid_value", "violations.4.condonedBy", "is the violator; condonedBy names the supervisor who saw it"],
      ["invalid_value", "violations.5.at", "is before A01 was hired (2019-01-01T09:00:00+08:00)"],
      ["missing_field", "violations.6.rule", expect.stringMatching(/^is missing/)],
    ]);
    expect(r.success ? null : r.issues[0]!.recordId).toBe('violationId "V1"');
  });

  it("throws one KefuKpiError from the throwing twin", () => {
    expect(() => evaluateDiscipline({ violations: [{}] })).toThrow(KefuKpiError);
  });
});

describe("fundLedger", () => {
  it("keeps a running balance of the non-zero fines in exact fen", () => {
    const f = (violationId: string, fine: string) => ({ violationId, agentId: "A01", liability: "violator" as const, rule: "r", at: "t", date: "d", fine });
    const l = fundLedger([f("V1", "10.00"), f("V2", "0.00"), f("V3", "0.10"), f("V4", "0.20")], "100.00");
    expect(l.entries.map((e) => [e.violationId, e.amount, e.balance])).toEqual([
      ["V1", "10.00", "110.00"],
      ["V3", "0.10", "110.10"],
      ["V4", "0.20", "110.30"],
    ]);
    expect(l).toMatchObject({ opening: "100.00", fines: "10.30", closing: "110.30" });
  });
});

describe("options and helpers reject bad values as issues", () => {
  it("names the option", () => {
    const r = safeEvaluateDiscipline({ violations: [] }, {}, { month: "2020-13" });
    expect(issueRows(r)).toEqual([["invalid_value", "options.month", '"2020-13" is not a month; expected YYYY-MM']]);
    expect(() => fundLedger([], "-1")).toThrow(/opening: "-1" is negative/);
    expect(() => fundLedger([{ violationId: "V1", agentId: "A01", liability: "violator", rule: "r", at: "t", date: "d", fine: "1.001" }])).toThrow(KefuKpiError);
  });
});
