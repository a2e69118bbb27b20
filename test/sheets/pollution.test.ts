// Issue 11 item 15: a key path from a sheet must never reach Object.prototype. A setting name
// with a segment `__proto__`, `constructor` or `prototype` is an issue at its cell; cells named
// like Object.prototype's members are read as the text they are.
import { afterEach, describe, expect, it } from "vitest";
import { attributionTable, kpiTable, policyFromCells, readSheet, sheetMonthReport, toCells } from "../../src/sheets/index.js";
import { sampleRanges } from "../bundle/sample.js";

const protoKeys = (): string[] => Reflect.ownKeys(Object.prototype).map(String).sort();
const before = protoKeys();

afterEach(() => {
  // A failing case must not leave the prototype polluted for the next test.
  for (const key of protoKeys()) if (!before.includes(key)) delete (Object.prototype as Record<string, unknown>)[key];
});

function expectPrototypeUntouched(): void {
  expect(protoKeys()).toEqual(before);
  expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
}

const HOSTILE_KEYS = [
  "attribution.__proto__.polluted",
  "attribution.constructor.prototype.polluted",
  "kpi.prototype.polluted",
  "attribution.constructor",
  "discipline.rules.constructor.label",
  "duties.__proto__",
];

describe("policyFromCells guards every segment of a key path", () => {
  for (const key of HOSTILE_KEYS) {
    it(`${key}: an issue at the key's cell, and Object.prototype untouched`, () => {
      const read = policyFromCells([["attribution.windowHours", 72], [key, 1]], { sheet: "设置", origin: "C5" });
      expectPrototypeUntouched();
      expect(read.issues).toHaveLength(1);
      expect(read.issues[0]).toMatchObject({ code: "invalid_policy", source: { file: "设置", cell: "C6" } });
      expect(read.issues[0]!.message).toMatch(/^".+" is not a setting name: "(__proto__|constructor|prototype)" is reserved$/);
      // The other row is read as usual, and nothing of the bad one is kept.
      expect(read.policy).toEqual({ attribution: { windowHours: 72 } });
      expect(Object.keys(read.policy.attribution!)).toEqual(["windowHours"]);
    });
  }

  it("reads a setting that is both a value and a group as an issue, not by overwriting", () => {
    const read = policyFromCells([["attribution", 1], ["attribution.windowHours", 72]]);
    expect(read.issues.map((i) => [i.source?.cell, i.message])).toEqual([
      ["A2", '"attribution.windowHours" and another row both set "attribution" (one as a value, one as a group of settings)'],
    ]);
  });
});

describe("the policy option of the sheet functions", () => {
  const sample = sampleRanges();

  it("returns the error value for a hostile key range, and every later call still works", () => {
    for (const key of HOSTILE_KEYS) {
      const result = attributionTable(sample, { policy: [[key, 1]] });
      expectPrototypeUntouched();
      expect(result.success).toBe(false);
      expect(toCells(result)[0]![0]).toMatch(/^#KEFU! 设置!A1, \S+: ".+" is not a setting name: "(__proto__|constructor|prototype)" is reserved/);
    }
    // The workbook's next call computes as before.
    const month = sheetMonthReport(sample);
    expect(month.success).toBe(true);
    expect(kpiTable(sample, "2020-W06").success).toBe(true);
  });

  it("returns the error value for a JSON cell or object holding __proto__, and Object.prototype is untouched", () => {
    const json = '{"attribution":{"__proto__":{"polluted":1}}}';
    for (const policy of [json, [[json]], JSON.parse(json) as object]) {
      const result = attributionTable(sample, { policy: policy as never });
      expectPrototypeUntouched();
      expect(result.success).toBe(false);
      if (!result.success) expect(result.message).toContain('policy.attribution.__proto__: unknown setting "__proto__"');
    }
  });
});

describe("cells named like Object.prototype's members", () => {
  it("a boolean cell 'constructor' or 'toString' is no boolean: an issue at its cell", () => {
    const names = ["constructor", "toString", "__proto__", "hasOwnProperty"];
    const calls = readSheet("calls", [["agentId", "at", "answered"], ...names.map((text) => ["A01", "2020-02-03 10:00", text])]);
    expectPrototypeUntouched();
    expect(calls.issues.map((i) => [i.source?.cell, i.message])).toEqual(names.map((text, r) => [`C${r + 2}`, `"${text}" is not true or false (also 1/0, yes/no, 是/否)`]));
  });

  it("an enum cell 'constructor' is no value of the list, never a function", () => {
    const agents = readSheet("agents", [["工号", "姓名", "组", "级别"], ["A01", "王芳", "constructor", "__proto__"]]);
    expectPrototypeUntouched();
    expect(agents.issues.map((i) => [i.source?.cell, i.message])).toEqual([
      ["C2", '"constructor" is not one of presale (售前), insale (售中), aftersale (售后), bot (机器人)'],
      ["D2", '"__proto__" is not one of junior (初级), intermediate (中级), senior (高级), expert (资深)'],
    ]);
  });

  it("a header cell '__proto__' or 'constructor' is an unused column, and rows are read as usual", () => {
    const read = readSheet("calls", [["agentId", "at", "answered", "__proto__", "constructor"], ["A01", "2020-02-03 10:00", "是", "x", "y"]]);
    expectPrototypeUntouched();
    expect(read.issues).toEqual([]);
    expect(read.warnings).toEqual(["电话: columns __proto__, constructor not used"]);
    expect(read.records).toEqual([{ agentId: "A01", at: "2020-02-03T10:00:00+08:00", answered: true }]);
  });
});
