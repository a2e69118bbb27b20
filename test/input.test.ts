// Issue 11 items 10, 20 and 21: what an entry point does with arguments of the wrong shape. Each is
// an issue naming the argument and what was expected (never a TypeError, never a kind read as
// empty, never the defaults for a policy that is no policy).
import { describe, expect, it } from "vitest";
import { IssueCode, KefuKpiError, attributeSales, buildMonthReport, collectKpiState, finalizeKpis, formatIssue, isKefuKpiError, mergeKpiStates, resolvePolicy, safeAttributeSales, safeBuildKpiReport, safeBuildMonthReport, safeCheckRoster, safeComputeKpis, safeEvaluateDiscipline, safeEvaluateGrades, safePayStatements, safeRankAgents, safeResolvePolicy, safeScoreAgent, type MonthReport } from "../src/index.js";
import { toSafe } from "../src/errors.js";
import { agentFigure, attributionTable, kpiTable, payTable, policyFromCells, rangesByHeader, readSheet, sheetMonthReport, toCells } from "../src/sheets/index.js";
import { issueRows } from "./issueRows.js";

const order = { orderId: "O1", buyerId: "b1", createdAt: "2020-02-21 10:05", paidAt: "2020-02-21 10:06", amount: "99.00" };
const consultation = { consultationId: "C1", agentId: "A1", buyerId: "b1", startedAt: "2020-02-21 09:58", firstReplyAt: "2020-02-21 09:59", endedAt: "2020-02-21 10:10" };

/** The issues a throwing entry point throws, as rows; fails when it throws anything else. */
function thrownRows(fn: () => unknown): [string, string, string][] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(KefuKpiError);
    return (error as KefuKpiError).issues.map((i) => [i.code, i.path.join("."), i.message]);
  }
  throw new Error("expected a KefuKpiError");
}

describe("a policy that is no policy (item 10)", () => {
  const expected = (got: string): [string, string, string][] => [
    ["invalid_policy", "policy", `expected a policy object (only what differs from the defaults, like { "attribution": { "rule": "pay" } }), got ${got}`],
  ];

  it("null, a number, a text or an array is an issue; undefined is the defaults", () => {
    expect(issueRows(safeResolvePolicy(null))).toEqual(expected("null"));
    expect(issueRows(safeResolvePolicy(5))).toEqual(expected("the number 5"));
    expect(issueRows(safeResolvePolicy("pay"))).toEqual(expected('the text "pay"'));
    expect(issueRows(safeResolvePolicy([]))).toEqual(expected("an array"));
    expect(thrownRows(() => resolvePolicy(null as never))).toEqual(expected("null"));
    expect(resolvePolicy(undefined).attribution.windowHours).toBe(48);
  });

  it("null as the policy of an entry point is an issue, not the defaults", () => {
    expect(thrownRows(() => attributeSales({ orders: [order], consultations: [consultation] }, null as never))).toEqual(expected("null"));
    expect(issueRows(safeBuildMonthReport({ orders: [order] }, null as never))).toEqual(expected("null"));
    expect(issueRows(safeComputeKpis({}, null as never, { period: "2020-02" }))).toEqual(expected("null"));
    // undefined still means the defaults
    expect(attributeSales({ orders: [order], consultations: [consultation] }, undefined).agents[0]?.sales.net).toBe("99.00");
  });

  it("a sheet's JSON policy cell holding null is an error value; a blank policy is the defaults", () => {
    const ranges = { orders: [["orderId", "buyerId", "createdAt", "paidAt", "amount"], ["O1", "b1", "2020-02-21 10:05", "2020-02-21 10:06", "99.00"]] };
    const result = attributionTable(ranges, { policy: "null" });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.message).toBe(`policy: ${expected("null")[0]![2]}`);
    expect(attributionTable(ranges, { policy: null }).success).toBe(true);
    expect(attributionTable(ranges, { policy: "" }).success).toBe(true);
  });
});

describe("a kind given as something else than an array of records (item 20)", () => {
  it("orders as an object is an issue for the throwing entry point too (it was 0 orders)", () => {
    expect(thrownRows(() => attributeSales({ orders: { O1: order } } as never))).toEqual([
      ["invalid_type", "orders", "expected an array of orders records, got an object"],
    ]);
    expect(issueRows(safeBuildMonthReport({ orders: [order], consultations: { C1: consultation } } as never))).toEqual([
      ["invalid_type", "consultations", "expected an array of consultations records, got an object"],
    ]);
  });

  it("a missing required kind, a kind of text, null records and holes are issues, each at its place", () => {
    expect(issueRows(safeAttributeSales({} as never))).toEqual([["missing_field", "orders", "is missing; expected an array of orders records"]]);
    expect(issueRows(safeAttributeSales({ orders: "O1,b1" } as never))).toEqual([["invalid_type", "orders", 'expected an array of orders records, got the text "O1,b1"']]);
    // eslint-disable-next-line no-sparse-arrays
    const holes = [order, , null, 5] as never;
    // Record 0 (an order given as a violation) has problems of its own; the others are no records.
    expect(issueRows(safeEvaluateDiscipline({ violations: holes })).filter((r) => r[1] !== "violations.0" && !String(r[1]).startsWith("violations.0."))).toEqual([
      ["invalid_type", "violations.1", "is not a violation record; expected an object with the fields violationId, agentId, at, rule, got nothing"],
      ["invalid_type", "violations.2", "is not a violation record; expected an object with the fields violationId, agentId, at, rule, got null"],
      ["invalid_type", "violations.3", "is not a violation record; expected an object with the fields violationId, agentId, at, rule, got the number 5"],
    ]);
  });

  it("an input that is no object is an issue at input", () => {
    for (const input of [null, undefined, 5, "orders", [order]]) {
      const rows = issueRows(safeBuildMonthReport(input as never));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.slice(0, 2)).toEqual(["invalid_type", "input"]);
      expect(rows[0]![2]).toMatch(/^expected an object of record arrays like \{ agents: \[\.\.\.\] \}, got (null|nothing|the number 5|the text "orders"|an array)$/);
    }
  });

  it("options that are no object, or hold an unknown option, are issues at options", () => {
    expect(issueRows(safeBuildMonthReport({ orders: [order] }, {}, null as never))).toEqual([
      ["invalid_type", "options", "expected an options object with month, warnings, previous, shop, got null"],
    ]);
    expect(issueRows(safeBuildMonthReport({ orders: [order] }, {}, { period: "2020-02" } as never))).toEqual([
      ["invalid_value", "options.period", "is not an option here; expected one of month, warnings, previous, shop"],
    ]);
    expect(issueRows(safeBuildMonthReport({ orders: [order] }, {}, { warnings: "read me" } as never))).toEqual([
      ["invalid_type", "options.warnings", 'expected a list of texts, got the text "read me"'],
    ]);
  });

  it("a malformed previous report is an issue at previous", () => {
    expect(issueRows(safeBuildMonthReport({ orders: [order] }, {}, { month: "2020-02", previous: 5 as never }))).toEqual([
      ["invalid_type", "previous", "expected the settled month report of an earlier month (a kefu-kpi month report), got the number 5"],
    ]);
    const report = { ...buildMonthReport({ orders: [order] }, {}, { month: "2020-01" }), settled: true as const };
    const broken = { ...report, pay: [{ agentId: "A1" }] } as unknown as MonthReport;
    const rows = issueRows(safeBuildMonthReport({ orders: [order] }, {}, { month: "2020-02", previous: broken }));
    expect(rows[0]!.slice(0, 2)).toEqual(["invalid_value", "previous.pay.0.lines"]);
    expect(rows[0]![2]).toMatch(/^the previous report is not a kefu-kpi month report: /);
    // A well-formed, settled one is used.
    expect(safeBuildMonthReport({ orders: [order] }, {}, { month: "2020-02", previous: report }).success).toBe(true);
  });

  it("a pay policy that is no pay policy is an issue, not a TypeError", () => {
    expect(issueRows(safePayStatements({ agents: [], orders: [] }, null as never))).toEqual([
      ["invalid_policy", "policy.pay", "Invalid input: expected object, received null"],
    ]);
  });

  it("a scorecard group or metric table of the wrong shape is an issue", () => {
    expect(issueRows(safeScoreAgent({} as never, "constructor" as never))).toEqual([
      ["invalid_value", "group", 'expected one of presale, insale, aftersale (or none), got the text "constructor"'],
    ]);
    const rows = issueRows(safeScoreAgent({} as never, "presale"));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(([code, path]) => code === "invalid_value" && path.startsWith("kpis."))).toBe(true);
  });

  it("scores of rankAgents that are no array are an issue", () => {
    expect(issueRows(safeRankAgents({ A1: 90 } as never))).toEqual([["invalid_type", "scores", "expected an array of scores records, got an object"]]);
  });
});

describe("merging and finalizing KPI states (item 20)", () => {
  const day = (policy: object) => collectKpiState({ consultations: [{ ...consultation, startedAt: "2020-02-21 09:58:00" }] }, policy, { period: "2020-02-21" });

  it("states of different settings: a KefuKpiError with an issue, not a RangeError", () => {
    const rows = thrownRows(() => mergeKpiStates(day({}), day({ timeZone: "UTC" })));
    expect(rows).toEqual([["invalid_value", "b.settings", "the KPI states were collected with different thresholds, zone or business-day cut-over; only equal settings merge"]]);
  });

  it("something that is no state: an issue naming the argument", () => {
    expect(thrownRows(() => mergeKpiStates(day({}), {} as never))).toEqual([["invalid_type", "b", "expected a KPI state made by collectKpiState or mergeKpiStates"]]);
    expect(thrownRows(() => finalizeKpis(null as never))).toEqual([["invalid_type", "state", "expected a KPI state made by collectKpiState or mergeKpiStates"]]);
    expect(finalizeKpis(mergeKpiStates(day({}), day({}))).agents[0]?.agentId).toBe("A1");
  });
});

describe("each option named by its own name and form (item 21)", () => {
  it("a month that is no month is reported as options.month, YYYY-MM", () => {
    expect(issueRows(safeBuildMonthReport({ orders: [order] }, {}, { month: "Feb 2020" }))).toEqual([
      ["invalid_value", "options.month", '"Feb 2020" is not a month; expected YYYY-MM'],
    ]);
    const sheet = attributionTable({ orders: [["orderId", "buyerId", "createdAt", "paidAt", "amount"], ["O1", "b1", "2020-02-21 10:05", "2020-02-21 10:06", "99"]] }, { month: "Feb 2020" });
    expect(toCells(sheet)[0]![0]).toBe('#KEFU! options.month: "Feb 2020" is not a month; expected YYYY-MM');
    expect(toCells(kpiTable({ orders: [["orderId"]] }, null, { month: "Feb 2020" }))[0]![0]).toBe('#KEFU! options.month: "Feb 2020" is not a month; expected YYYY-MM');
  });

  it("a period of none of the forms names them all; a date-like one says what is wrong with it", () => {
    expect(issueRows(safeComputeKpis({}, {}, { period: "Feb 2020" }))).toEqual([
      ["invalid_value", "options.period", '"Feb 2020" is not a period; expected a day YYYY-MM-DD, an ISO week YYYY-Www, a month YYYY-MM or a range YYYY-MM-DD..YYYY-MM-DD'],
    ]);
    expect(issueRows(safeComputeKpis({}, {}, { period: "2020-02-30" }))).toEqual([["invalid_value", "options.period", '"2020-02-30" is not a date; expected YYYY-MM-DD']]);
    expect(issueRows(safeComputeKpis({}, {}, {} as never))).toEqual([
      ["missing_field", "options.period", "is missing; expected a period: a day YYYY-MM-DD, an ISO week YYYY-Www, a month YYYY-MM or a range YYYY-MM-DD..YYYY-MM-DD"],
    ]);
  });

  it("a period, month or date that is no text says 'expected', never leaks a string method's TypeError", () => {
    const leaks = (rows: [string, string, string][]) => rows.some(([, , message]) => /is not a function|Cannot read prop/.test(message));
    const cases = [
      issueRows(safeComputeKpis({}, {}, { period: 202002 as never })),
      issueRows(safeBuildKpiReport({}, {}, { period: ["2020-02"] as never })),
      issueRows(safeEvaluateGrades({ agents: [] }, {}, { asOf: new Date() as never })),
      issueRows(safeCheckRoster({ roster: [] }, {}, 202002 as never)),
      issueRows(safeBuildMonthReport({ orders: [order] }, {}, { month: 2 as never })),
    ];
    expect(cases.map((rows) => rows.map(([code, path, message]) => `${code} ${path}: ${message}`))).toEqual([
      ["invalid_type options.period: expected a period: a day YYYY-MM-DD, an ISO week YYYY-Www, a month YYYY-MM or a range YYYY-MM-DD..YYYY-MM-DD, got the number 202002"],
      ["invalid_type options.period: expected a period: a day YYYY-MM-DD, an ISO week YYYY-Www, a month YYYY-MM or a range YYYY-MM-DD..YYYY-MM-DD, got an array"],
      ["invalid_type options.asOf: expected a date YYYY-MM-DD like 2020-02-29, got an object"],
      ["invalid_type month: expected a month YYYY-MM like 2020-02, got the number 202002"],
      ["invalid_type options.month: expected a month YYYY-MM like 2020-02, got the number 2"],
    ]);
    expect(cases.some(leaks)).toBe(false);
  });

  it("a sheet function's period, figure or agent id of the wrong type is an error value naming it", () => {
    const ranges = { orders: [["orderId"]] };
    expect(toCells(kpiTable(ranges, true as never))[0]![0]).toBe(
      "#KEFU! period: expected a period as text (2020-02-03, 2020-W06, 2020-02 or 2020-02-01..2020-02-15) or the date serial of a month's first day, got true",
    );
    expect(toCells(agentFigure(ranges, "A1", Symbol("net") as never))[0]![0]).toMatch(/^#KEFU! figure: a symbol is not a figure; expected one of orders, /);
    expect(toCells(agentFigure(ranges, { id: "A1" } as never, "net"))[0]![0]).toBe("#KEFU! agentId: expected an agent id (工号), got an object");
  });
});

describe("isKefuKpiError and instanceof across copies of kefu-kpi (item 21)", () => {
  // An error of another copy (the CJS build seen from ESM): the same brand, another class.
  function foreignError(): Error {
    const issues = [{ code: "invalid_value", path: ["x"], message: "bad" }];
    const error = Object.assign(new Error("x: bad"), { name: "KefuKpiError", issues });
    Object.defineProperty(error, Symbol.for("kefu-kpi.KefuKpiError"), { value: true });
    return error;
  }

  it("recognises an error of this copy and of another, and nothing else", () => {
    expect(isKefuKpiError(new KefuKpiError([]))).toBe(true);
    expect(isKefuKpiError(foreignError())).toBe(true);
    expect(foreignError()).toBeInstanceOf(KefuKpiError);
    // A lookalike without the brand is not one.
    expect(isKefuKpiError(Object.assign(new Error("x"), { name: "KefuKpiError", issues: [] }))).toBe(false);
    for (const value of [null, undefined, 5, "KefuKpiError", {}, new RangeError("x")]) {
      expect(isKefuKpiError(value)).toBe(false);
      expect(value instanceof KefuKpiError).toBe(false);
    }
  });

  it("toSafe returns the issues of another copy's error", () => {
    const r = toSafe(() => {
      throw foreignError();
    });
    expect(r).toEqual({ success: false, issues: [{ code: "invalid_value", path: ["x"], message: "bad" }] });
  });
});

describe("reading that throws (item 20)", () => {
  const throwing = Object.defineProperty({}, "orders", { enumerable: true, get: () => { throw new Error("boom"); } });

  it("a safe twin returns an unreadable_input issue naming the error", () => {
    expect(issueRows(safeAttributeSales(throwing as never))).toEqual([
      ["unreadable_input", "", "the input could not be read (Error: boom); give plain data: objects, arrays, text, numbers"],
    ]);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const rows = issueRows(safeBuildMonthReport(proxy as never));
    expect(rows[0]![0]).toBe(IssueCode.unreadableInput);
    expect(formatIssue({ code: IssueCode.unreadableInput, path: [], message: rows[0]![2] })).toMatch(/^the input could not be read \(TypeError: /);
  });

  it("a sheet function returns its error value", () => {
    expect(toCells(attributionTable(throwing as never))[0]![0]).toBe("#KEFU! the input could not be read (Error: boom); give plain data: objects, arrays, text, numbers");
    expect(rangesByHeader(throwing as never).success).toBe(false);
    expect(policyFromCells(5 as never).issues.map((i) => i.message)).toEqual(["expected a range of key/value rows, got the number 5"]);
    expect(readSheet("constructor" as never, []).issues.map((i) => i.message)).toEqual([
      'the text "constructor" is not a kind of record; expected one of agents, consultations, messages, orders, shipments, orderAnomalies, tickets, afterSales, reviews, complaints, qc, calls, violations, rewards, assessments, probation, scores, roster, returnedParcels, shopReviews, traffic, attendance',
    ]);
  });
});

describe("one call's objects never reach the next call (found by the hostile-input suite)", () => {
  it("editing a resolved policy, or the policy of a report, does not change later calls' defaults", () => {
    const edited = resolvePolicy({});
    (edited.grades.levels[0] as { label: string }).label = "edited";
    (edited.kpi.scorecards.presale[0] as { weight: number }).weight = 99;
    const report = buildMonthReport({ orders: [order] }, {}, { month: "2020-02" });
    (report.policy.discipline.ladder[0] as { fine: string }).fine = "999.00";
    const fresh = resolvePolicy({});
    expect(fresh.grades.levels[0]!.label).toBe("初级客服");
    expect(fresh.kpi.scorecards.presale[0]!.weight).not.toBe(99);
    expect(fresh.discipline.ladder[0]!.fine).toBe("10.00");
  });

  it("a report of sheetMonthReport is frozen, so a table given it reads what was computed", () => {
    const ranges = { agents: [["agentId", "name", "group", "grade"], ["A1", "甲", "presale", "junior"]], orders: [["orderId", "buyerId", "createdAt", "paidAt", "amount"], ["O1", "b1", "2020-02-21 10:05", "2020-02-21 10:06", "99"]] };
    const month = sheetMonthReport(ranges);
    if (!month.success) throw new Error("expected a report");
    expect(Object.isFrozen(month.data.pay[0]!.lines.baseSalary)).toBe(true);
    expect(() => ((month.data.pay as unknown[]).length = 0)).toThrow(TypeError);
    expect(toCells(payTable(month))[1]![0]).toBe("A1");
    // A copy (one kept as JSON between calls) is checked as a report: a broken one is an error value.
    const copy = JSON.parse(JSON.stringify(month)) as typeof month;
    expect(toCells(payTable(copy))[1]![0]).toBe("A1");
    (copy.data as { pay: unknown }).pay = 5;
    expect(toCells(payTable(copy))[0]![0]).toMatch(/^#KEFU! report\.pay: expected a month report of sheetMonthReport: /);
  });
});

describe("headOf", () => {
  it("keeps the first max code units, one fewer rather than half a surrogate pair", async () => {
    const { headOf } = await import("../src/input.js");
    expect(headOf("abc", 5)).toBe("abc");
    expect(headOf("abcdef", 3)).toBe("abc");
    expect(headOf("ab😀cd", 3)).toBe("ab"); // 😀 is two code units: its first would be the third
    expect(headOf("ab😀cd", 4)).toBe("ab😀");
  });
});
