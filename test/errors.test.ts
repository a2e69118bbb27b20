import { describe, expect, it } from "vitest";
import { IssueCode, KefuKpiError, formatIssue, formatIssueLocation, type Issue } from "../src/index.js";
import { toSafe } from "../src/errors.js";
import { IssueList } from "../src/errors.js";

const paidAt: Issue = { code: IssueCode.invalidDate, path: ["orders", 17, "paidAt"], message: '"2020-02-31" is not a real calendar date or time' };

describe("formatIssueLocation / formatIssue", () => {
  it("names a record by kind and index, then the field", () => {
    expect(formatIssueLocation(paidAt)).toBe("orders[17], paidAt");
    expect(formatIssue(paidAt)).toBe('orders[17], paidAt: "2020-02-31" is not a real calendar date or time');
  });

  it("names the record's id after the index", () => {
    expect(formatIssueLocation({ ...paidAt, recordId: 'orderId "O-17"' })).toBe('orders[17] (orderId "O-17"), paidAt');
  });

  it("names the file and row when the record was read from a file", () => {
    const issue: Issue = { ...paidAt, recordId: 'orderId "O-17"', source: { file: "orders.csv", row: 19 } };
    expect(formatIssue(issue)).toBe('orders.csv row 19 (orderId "O-17"), paidAt: "2020-02-31" is not a real calendar date or time');
    expect(formatIssueLocation({ ...paidAt, source: { file: "orders.json", index: 17 } })).toBe("orders.json[17], paidAt");
    expect(formatIssueLocation({ ...paidAt, source: { file: "orders.csv" } })).toBe("orders.csv, paidAt");
    // a row wins over an index when both are given
    expect(formatIssueLocation({ ...paidAt, source: { file: "orders.csv", row: 19, index: 17 } })).toBe("orders.csv row 19, paidAt");
  });

  it("keeps nested field paths after the record", () => {
    expect(formatIssueLocation({ ...paidAt, path: ["orders", 3, "items", 0, "sku"] })).toBe("orders[3], items.0.sku");
  });

  it("names the record alone for a whole-record issue", () => {
    expect(formatIssueLocation({ ...paidAt, path: ["orders", 3] })).toBe("orders[3]");
    expect(formatIssueLocation({ ...paidAt, path: ["orders", 3], recordId: 'orderId "O-3"' })).toBe('orders[3] (orderId "O-3")');
  });

  it("names a whole file by its name", () => {
    const issue: Issue = { code: IssueCode.missingColumn, path: ["orders", "paidAt"], message: "column is missing", source: { file: "orders.csv" } };
    expect(formatIssue(issue)).toBe("orders.csv, paidAt: column is missing");
    expect(formatIssue({ ...issue, path: ["orders"] })).toBe("orders.csv: column is missing");
  });

  it("joins other paths with dots", () => {
    const issue: Issue = { code: IssueCode.invalidPolicy, path: ["policy", "attribution", "windowHours"], message: "too large" };
    expect(formatIssueLocation(issue)).toBe("policy.attribution.windowHours");
    expect(formatIssue(issue)).toBe("policy.attribution.windowHours: too large");
    expect(formatIssue({ ...issue, path: ["options", "period"] })).toBe("options.period: too large");
  });

  it("prints the message alone when there is no path", () => {
    const issue: Issue = { code: IssueCode.tooManyIssues, path: [], message: "5 further problems not listed" };
    expect(formatIssueLocation(issue)).toBe("");
    expect(formatIssue(issue)).toBe("5 further problems not listed");
  });
});

describe("KefuKpiError", () => {
  const numbered = (n: number): Issue[] =>
    Array.from({ length: n }, (_, i) => ({ code: IssueCode.invalidMoney, path: ["orders", i, "amount"], message: `bad ${i}` }));

  it("is an Error named KefuKpiError that carries its issues", () => {
    const issues = numbered(2);
    const error = new KefuKpiError(issues);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(KefuKpiError);
    expect(error.name).toBe("KefuKpiError");
    expect(error.issues).toBe(issues);
    expect(String(error).startsWith("KefuKpiError: 2 problems")).toBe(true);
  });

  it("says a single issue as one line", () => {
    expect(new KefuKpiError([paidAt]).message).toBe(formatIssue(paidAt));
  });

  it("lists several issues, one a line", () => {
    expect(new KefuKpiError(numbered(3)).message).toBe(
      "3 problems in the input:\n  orders[0], amount: bad 0\n  orders[1], amount: bad 1\n  orders[2], amount: bad 2",
    );
  });

  it("lists at most 20 issues and counts the rest", () => {
    const message = new KefuKpiError(numbered(25)).message;
    const lines = message.split("\n");
    expect(lines[0]).toBe("25 problems in the input:");
    expect(lines).toHaveLength(1 + 20 + 1);
    expect(lines[20]).toBe("  orders[19], amount: bad 19");
    expect(lines[21]).toBe("  … and 5 more");
    expect(message).not.toContain("bad 20");
    // exactly 20: no "more" line
    expect(new KefuKpiError(numbered(20)).message.split("\n")).toHaveLength(21);
    expect(new KefuKpiError(numbered(20)).message).not.toContain("more");
  });

  it("has a message even without issues", () => {
    expect(new KefuKpiError([]).message).toBe("invalid input");
  });
});

describe("toSafe", () => {
  it("wraps a result", () => {
    expect(toSafe(() => 42)).toStrictEqual({ success: true, data: 42 });
  });

  it("turns a KefuKpiError into issues", () => {
    expect(toSafe(() => {
      throw new KefuKpiError([paidAt]);
    })).toStrictEqual({ success: false, issues: [paidAt] });
  });

  it("lets other errors through", () => {
    expect(() =>
      toSafe(() => {
        throw new TypeError("a bug");
      }),
    ).toThrow(TypeError);
  });
});

describe("IssueList", () => {
  const issue = (i: number): Issue => ({ code: IssueCode.invalidDate, path: ["orders", i, "createdAt"], message: `bad ${i}` });

  it("does nothing when empty", () => {
    const list = new IssueList();
    expect(list.size).toBe(0);
    expect(() => list.throwIfAny()).not.toThrow();
  });

  it("throws every issue collected under the limit", () => {
    const list = new IssueList(3);
    for (let i = 0; i < 3; i++) list.add(issue(i));
    expect(list.size).toBe(3);
    const r = toSafe(() => list.throwIfAny());
    expect(r).toStrictEqual({ success: false, issues: [issue(0), issue(1), issue(2)] });
  });

  it("keeps the first `limit` issues and counts the rest in a further-problems issue", () => {
    const list = new IssueList(3);
    for (let i = 0; i < 10; i++) list.add(issue(i));
    expect(list.items).toHaveLength(3);
    expect(list.size).toBe(10);
    const r = toSafe(() => list.throwIfAny());
    if (r.success) throw new Error("expected failure");
    expect(r.issues).toHaveLength(4);
    expect(r.issues.slice(0, 3)).toStrictEqual([issue(0), issue(1), issue(2)]);
    expect(r.issues[3]).toStrictEqual({ code: "too_many_issues", path: [], message: "7 further problems not listed" });
  });

  it("holds 200 issues by default", () => {
    const list = new IssueList();
    for (let i = 0; i < 201; i++) list.add(issue(i));
    expect(list.items).toHaveLength(200);
    expect(list.size).toBe(201);
  });
});

describe("IssueCode", () => {
  it("is a closed list of distinct snake_case codes", () => {
    const codes = Object.values(IssueCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });
});
