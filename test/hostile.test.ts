/**
 * Issue 11 item 20: every `safe…` twin and every sheet function returns its error value for any
 * input whatsoever, and the throwing entry points throw only KefuKpiError. A seeded fast-check run
 * per function replaces one argument, or one value anywhere inside a small valid call, by a
 * hostile value (null, holes, huge numbers, symbols, bigints, functions, Dates, frozen objects,
 * Proxies, keys like __proto__, getters that throw, revoked Proxies) and checks: nothing thrown, a
 * result of the documented shape, Object.prototype untouched, and — unless the input itself throws
 * when read — no `unreadable_input` issue (which would hide a crash of ours).
 *
 * `FUZZ_RUNS=5000 npx vitest run test/hostile.test.ts` runs more cases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as K from "../src/index.js";
import * as S from "../src/sheets/index.js";
import { sampleRanges } from "./bundle/sample.js";

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 200);
const SEED = 20_200_221;

// ---------------------------------------------------------------------------------------------
// Hostile values. `plain` ones can be read without throwing; `throwing` ones throw when read.

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, NaN, Infinity, -Infinity, -0, 0, 1, 1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, 2 ** 53, -1, 0.1 + 0.2, true, false),
  fc.integer(),
  fc.double(),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "",
    " ",
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "2020-02",
    "2020-02-21",
    "2020-W08",
    "2020-02-21 10:00",
    "2020-02-30 10:00",
    "2020-03-08 02:30",
    "99.00",
    "-0",
    "8.43512E+17",
    "9007199254740993",
    "A01",
    "b0101",
    "presale",
    "Asia/Shanghai",
    "=1+1",
    "\u0000\u001b[31m",
    "{\"__proto__\":{\"polluted\":1}}",
  ),
  fc.constant(Symbol("s")),
  fc.constant(() => 1),
  fc.constantFrom(new Date(Date.UTC(2020, 1, 21, 2)), new Date(NaN)),
);

function isContainer(v: unknown): v is object {
  return typeof v === "object" && v !== null && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
}

const plain: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }),
    // holes
    fc.array(tie("value"), { maxLength: 3 }).map((a) => {
      const holed = new Array<unknown>(a.length + 2);
      a.forEach((v, i) => (holed[i * 2] = v));
      return holed;
    }),
    fc.dictionary(fc.constantFrom("orders", "consultations", "agents", "period", "month", "policy", "__proto__", "constructor", "a", "attribution", "kind", "success", "data"), tie("value"), { maxKeys: 4 }),
    tie("value").map((v) => (isContainer(v) ? Object.freeze(v) : v)),
    // A Proxy that forwards everything reads as its target (a Proxy of a Date does not: its
    // methods throw, so it is one of the throwing values).
    tie("value").map((v) => (isContainer(v) ? new Proxy(v, {}) : v)),
    fc.constant(Object.create(null) as unknown),
  ),
})).value;

function throwingObject(kind: number): unknown {
  switch (kind % 5) {
    case 4:
      return new Proxy(new Date(0), {});
    case 0:
      return Object.defineProperty({}, "orders", { enumerable: true, get: () => { throw new Error("getter"); } });
    case 1: {
      const { proxy, revoke } = Proxy.revocable([], {});
      revoke();
      return proxy;
    }
    case 2:
      return new Proxy({}, { get: () => { throw new TypeError("trap"); }, ownKeys: () => { throw new TypeError("trap"); } });
    default:
      return { toString: () => { throw new Error("toString"); }, [Symbol.toPrimitive]: () => { throw new Error("toPrimitive"); } };
  }
}

// ---------------------------------------------------------------------------------------------
// A small valid call of each function, one value of which a case replaces.

const sample = sampleRanges();
// A fresh copy each time: a case changes a value in place.
const small = (kind: keyof typeof sample, rows = 4): string[][] => (sample[kind] ?? [[]]).slice(0, rows).map((row) => [...row]);
// Every agent (the other kinds name them all), and the first rows of the other kinds.
const records = (kind: K.KpiKind | "agents" | "messages" | "violations" | "rewards" | "roster" | "scores" | "assessments" | "probation" | "returnedParcels" | "shopReviews", rows = 4): Record<string, unknown>[] =>
  S.readSheet(kind as never, small(kind as never, kind === "agents" ? 100 : rows)).records;

const ranges = (): S.MonthRanges => ({
  agents: small("agents", 100),
  orders: small("orders"),
  consultations: small("consultations"),
  violations: small("violations", 3),
  roster: small("roster", 3),
  scores: small("scores", 3),
});
const monthInput = (): K.MonthInput =>
  ({ agents: records("agents"), orders: records("orders"), consultations: records("consultations"), violations: records("violations", 3), roster: records("roster", 3) }) as unknown as K.MonthInput;
// The same month of two shops: every second order and consultation the 专营店's, every other record the 旗舰店's.
const shopped = (list: Record<string, unknown>[]): Record<string, unknown>[] => list.map((r, i) => ({ ...r, shopId: i % 2 === 0 ? "旗舰店" : "专营店" }));
const shopInput = (): K.MonthInput =>
  ({ agents: records("agents"), orders: shopped(records("orders")), consultations: shopped(records("consultations")), tickets: shopped(records("tickets")) }) as unknown as K.MonthInput;
const withShop = (range: string[][]): string[][] => range.map((row, i) => [...row, i === 0 ? "shopId" : i % 2 === 0 ? "专营店" : "旗舰店"]);
// The first consultation handed over to A02 (转接).
const withTransfer = (range: string[][]): string[][] => range.map((row, i) => [...row, i === 0 ? "transferredTo" : i === 1 ? "A02" : ""]);
const withBot = (agents: string[][]): string[][] => [...agents, agents[0]!.map((h) => (h === "agentId" ? "BOT" : h === "name" ? "店小蜜" : h === "group" ? "bot" : ""))];
const kpiInput = (): K.KpiInput =>
  ({ agents: records("agents"), consultations: records("consultations"), tickets: records("tickets"), reviews: records("reviews"), qc: records("qc"), calls: records("calls") }) as unknown as K.KpiInput;
const kpis = (): unknown => K.computeKpis(kpiInput(), {}, { period: "2020-02" }).agents[0]!.kpis;
const payInput = (): unknown => ({
  agents: [{ agentId: "A01", baseSalary: "3000.00", daysEmployed: 29, daysInMonth: 29, onProbation: false, score: "90", rewards: [], fines: [] }],
  orders: [],
});
const report = { ...K.buildMonthReport(monthInput(), {}, { month: "2020-02" }), settled: true as const };
const table = S.attributionTable(ranges());

interface Target {
  readonly name: string;
  readonly args: () => unknown[];
  /** The function under test; `sheet` results are SheetResult-like, `cells` toCells, `policyCells` policyFromCells, `records` readSheet. */
  readonly call: (...args: unknown[]) => unknown;
  readonly shape: "safe" | "sheet" | "cells" | "policyCells" | "records";
  /** The throwing twin, which must throw KefuKpiError only. */
  readonly throwing?: (...args: unknown[]) => unknown;
  /** A throwing entry point without a safe twin: an input that throws when read may throw. */
  readonly throwsWhenUnreadable?: boolean;
}

const f = (fn: unknown) => fn as (...args: unknown[]) => unknown;
const TARGETS: Target[] = [
  { name: "safeResolvePolicy", args: () => [{ attribution: { rule: "pay" } }], call: f(K.safeResolvePolicy), shape: "safe", throwing: f(K.resolvePolicy) },
  { name: "safeAttributeSales", args: () => [{ orders: records("orders"), consultations: records("consultations"), agents: records("agents") }, {}, { period: "2020-02" }], call: f(K.safeAttributeSales), shape: "safe", throwing: f(K.attributeSales) },
  { name: "safeBuildMonthReport", args: () => [monthInput(), {}, { month: "2020-02", warnings: ["w"] }], call: f(K.safeBuildMonthReport), shape: "safe", throwing: f(K.buildMonthReport) },
  { name: "safeBuildMonthReport (previous)", args: () => [monthInput(), {}, { month: "2020-03", previous: structuredClone(report) }], call: f(K.safeBuildMonthReport), shape: "safe", throwing: f(K.buildMonthReport) },
  { name: "safeBuildKpiReport", args: () => [monthInput(), {}, { period: "2020-W06" }], call: f(K.safeBuildKpiReport), shape: "safe", throwing: f(K.buildKpiReport) },
  { name: "safeBuildMonthReport (shop)", args: () => [shopInput(), {}, { month: "2020-02", shop: "专营店" }], call: f(K.safeBuildMonthReport), shape: "safe", throwing: f(K.buildMonthReport) },
  { name: "safeBuildKpiReport (shop)", args: () => [shopInput(), {}, { period: "2020-02", shop: "旗舰店" }], call: f(K.safeBuildKpiReport), shape: "safe", throwing: f(K.buildKpiReport) },
  { name: "safeComputeKpis", args: () => [kpiInput(), {}, { period: "2020-02", listAgents: ["A01"] }], call: f(K.safeComputeKpis), shape: "safe", throwing: f(K.computeKpis) },
  { name: "safeCollectKpiState", args: () => [kpiInput(), {}, { period: "2020-02-03" }], call: f(K.safeCollectKpiState), shape: "safe", throwing: f(K.collectKpiState) },
  { name: "safeCheckServiceLevels", args: () => [kpiInput(), {}, { period: "2020-02" }], call: f(K.safeCheckServiceLevels), shape: "safe", throwing: f(K.checkServiceLevels) },
  { name: "safeQcDeductions", args: () => [records("qc"), {}, { period: "2020-02" }], call: f(K.safeQcDeductions), shape: "safe", throwing: f(K.qcDeductions) },
  { name: "safeScoreAgent", args: () => [kpis(), "presale", {}, { notScoredBecause: "x" }], call: f(K.safeScoreAgent), shape: "safe", throwing: f(K.scoreAgent) },
  { name: "safePayStatements", args: () => [payInput(), K.defaultPolicy().pay], call: f(K.safePayStatements), shape: "safe", throwing: f(K.payStatements) },
  { name: "safeAssignDuties", args: () => [{ roster: records("roster"), agents: records("agents"), orders: records("orders"), returnedParcels: records("returnedParcels"), shopReviews: records("shopReviews") }, {}, { period: "2020-02" }], call: f(K.safeAssignDuties), shape: "safe", throwing: f(K.assignDuties) },
  {
    name: "safeReplayRouting",
    args: () => [{ roster: records("roster"), agents: records("agents"), consultations: records("consultations") }, {}, { period: "2020-02" }],
    call: f(K.safeReplayRouting),
    shape: "safe",
    throwing: f(K.replayRouting),
  },
  {
    name: "safePlanStaffing",
    args: () => [{ roster: records("roster"), agents: records("agents"), consultations: records("consultations") }, { staffing: { chatsPerAgent: 2 } }, { period: "2020-02" }],
    call: f(K.safePlanStaffing),
    shape: "safe",
    throwing: f(K.planStaffing),
  },
  { name: "safeCheckRoster", args: () => [{ roster: records("roster"), agents: records("agents") }, {}, "2020-02"], call: f(K.safeCheckRoster), shape: "safe", throwing: f(K.checkRoster) },
  { name: "safeEvaluateRewards", args: () => [{ rewards: records("rewards"), agents: records("agents") }, {}, { month: "2020-02" }], call: f(K.safeEvaluateRewards), shape: "safe", throwing: f(K.evaluateRewards) },
  { name: "safeEvaluateDiscipline", args: () => [{ violations: records("violations"), agents: records("agents") }, {}, { month: "2020-02" }], call: f(K.safeEvaluateDiscipline), shape: "safe", throwing: f(K.evaluateDiscipline) },
  { name: "safeEvaluateGrades", args: () => [{ agents: records("agents"), scores: records("scores"), assessments: records("assessments"), probation: records("probation") }, {}, { asOf: "2020-02-29", throughMonth: "2020-02" }], call: f(K.safeEvaluateGrades), shape: "safe", throwing: f(K.evaluateGrades) },
  { name: "safeCheckChatStandards", args: () => [{ agents: records("agents"), messages: records("messages", 8) }, { chat: { qcPoints: 1 } }, { period: "2020-02" }], call: f(K.safeCheckChatStandards), shape: "safe", throwing: f(K.checkChatStandards) },
  {
    name: "safeRouteConsultation",
    args: () => [
      { source: "订单详情页", at: "2020-02-03 10:00", recentAgentId: "A02", recentAt: "2020-02-02 18:00" },
      [{ agentId: "A01", state: "online", load: 2 }, { agentId: "A02", state: "busy", group: "afterSales", load: 5 }, { agentId: "A03", state: "offline" }],
      { routing: { maxConcurrent: 4 } },
    ],
    call: f(K.safeRouteConsultation),
    shape: "safe",
    throwing: f(K.routeConsultation),
  },
  { name: "serviceLevelTable", args: () => [ranges(), { month: "2020-02" }], call: f(S.serviceLevelTable), shape: "sheet" },
  { name: "breachTable", args: () => [ranges(), { month: "2020-02" }], call: f(S.breachTable), shape: "sheet" },
  { name: "chatTable", args: () => [{ agents: small("agents", 100), messages: small("messages", 8) }, { month: "2020-02" }], call: f(S.chatTable), shape: "sheet" },
  { name: "safeRankAgents", args: () => [records("scores"), {}, { month: "2020-01" }], call: f(K.safeRankAgents), shape: "safe", throwing: f(K.rankAgents) },
  { name: "mergeKpiStates", args: () => [K.collectKpiState(kpiInput(), {}, { period: "2020-02-03" }), K.collectKpiState(kpiInput(), {}, { period: "2020-02-04" })], call: (...a) => kefu(() => K.mergeKpiStates(a[0] as never, a[1] as never)), shape: "safe", throwsWhenUnreadable: true },
  { name: "finalizeKpis", args: () => [K.collectKpiState(kpiInput(), {}, { period: "2020-02" }), {}, { listAgents: ["A09"] }], call: (...a) => kefu(() => K.finalizeKpis(a[0] as never, a[1] as never, a[2] as never)), shape: "safe", throwsWhenUnreadable: true },
  { name: "sheetMonthReport", args: () => [ranges(), { month: "2020-02", dateSystem: 1900, money: "text", sheets: { orders: { sheet: "订单", origin: "B2" } } }], call: f(S.sheetMonthReport), shape: "safe" },
  { name: "attributionTable", args: () => [ranges(), { policy: [["attribution.windowHours", 72]] }], call: f(S.attributionTable), shape: "sheet" },
  { name: "shopTable", args: () => [ranges(), { policy: '{"attribution":{"rule":"pay"}}' }], call: f(S.shopTable), shape: "sheet" },
  { name: "shopsTable", args: () => [{ ...ranges(), orders: withShop(small("orders")), consultations: withShop(small("consultations")) }, { month: "2020-02" }], call: f(S.shopsTable), shape: "sheet" },
  { name: "lostInquiriesTable", args: () => [ranges(), { month: "2020-02" }], call: f(S.lostInquiriesTable), shape: "sheet" },
  { name: "targetsTable", args: () => [ranges(), { month: "2020-02" }], call: f(S.targetsTable), shape: "sheet" },
  { name: "remindersTable", args: () => [ranges(), { month: "2020-02" }], call: f(S.remindersTable), shape: "sheet" },
  { name: "transfersTable", args: () => [{ ...ranges(), consultations: withTransfer(small("consultations")) }, { month: "2020-02" }], call: f(S.transfersTable), shape: "sheet" },
  { name: "botsTable", args: () => [{ ...ranges(), agents: withBot(small("agents", 100)) }, { month: "2020-02" }], call: f(S.botsTable), shape: "sheet" },
  { name: "ordersTable (report)", args: () => [S.sheetMonthReport(ranges()), {}], call: f(S.ordersTable), shape: "sheet" },
  { name: "payTable (report copy)", args: () => [structuredClone(S.sheetMonthReport(ranges())), { money: "number" }], call: f(S.payTable), shape: "sheet" },
  { name: "agentFigure", args: () => [ranges(), "A01", "net", { month: "2020-02" }], call: f(S.agentFigure), shape: "sheet" },
  { name: "kpiTable", args: () => [ranges(), "2020-W06", { policy: { kpi: {} } }], call: f(S.kpiTable), shape: "sheet" },
  { name: "rangesByHeader", args: () => [[small("orders"), small("agents")]], call: f(S.rangesByHeader), shape: "safe" },
  { name: "toCells", args: () => [structuredClone(table)], call: f(S.toCells), shape: "cells" },
  { name: "policyFromCells", args: () => [[["setting", "value"], ["attribution.windowHours", 72], ["attribution.deductRefunds", "否"]], { sheet: "设置", origin: "A1" }], call: f(S.policyFromCells), shape: "policyCells" },
  { name: "readSheet", args: () => ["orders", small("orders"), { sheet: "订单", origin: "A1", dateSystem: 1904, timeZone: "UTC" }], call: f(S.readSheet), shape: "records" },
];

/** Runs a throwing function the way a safe twin would (for the ones without a twin). */
function kefu(fn: () => unknown): K.SafeResult<unknown> {
  try {
    return { success: true, data: fn() };
  } catch (error) {
    if (K.isKefuKpiError(error)) return { success: false, issues: error.issues };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Where a case puts its hostile value: the nodes of the arguments (each argument itself, and every
// value inside an argument's arrays and plain objects).

type Path = readonly (string | number)[];

function nodes(args: readonly unknown[]): Path[] {
  const out: Path[] = [];
  const walk = (value: unknown, path: Path, depth: number): void => {
    out.push(path);
    if (depth > 6 || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], depth + 1));
    else if (Object.getPrototypeOf(value) === Object.prototype) for (const k of Object.keys(value)) walk((value as Record<string, unknown>)[k], [...path, k], depth + 1);
  };
  args.forEach((a, i) => walk(a, [i], 0));
  return out;
}

/** The arguments with the value at `path` replaced; null when that place is frozen (a report of sheetMonthReport). */
function replaced(args: unknown[], path: Path, value: unknown): unknown[] | null {
  if (path.length === 1) {
    const copy = [...args];
    copy[path[0] as number] = value;
    return copy;
  }
  let node = args[path[0] as number] as Record<string | number, unknown>;
  for (const key of path.slice(1, -1)) node = node[key] as Record<string | number, unknown>;
  if (Object.isFrozen(node)) return null;
  node[path[path.length - 1]!] = value;
  return args;
}

// ---------------------------------------------------------------------------------------------

const CODES = new Set<string>(Object.values(K.IssueCode));
const prototypeBefore = Object.getOwnPropertyDescriptors(Object.prototype);

function expectPrototypeUntouched(): void {
  const now = Object.getOwnPropertyDescriptors(Object.prototype);
  expect(Reflect.ownKeys(now)).toEqual(Reflect.ownKeys(prototypeBefore));
  for (const key of Reflect.ownKeys(now)) expect(now[key as string]!.value).toBe(prototypeBefore[key as string]!.value);
}

function expectIssues(issues: unknown, readable: boolean): void {
  expect(Array.isArray(issues)).toBe(true);
  const list = issues as K.Issue[];
  expect(list.length).toBeGreaterThan(0);
  for (const issue of list) {
    expect(CODES.has(issue.code)).toBe(true);
    expect(typeof issue.message).toBe("string");
    expect(Array.isArray(issue.path)).toBe(true);
    // An input that can be read never ends in "could not be read": that would be a crash of ours.
    if (readable) expect(issue.code, K.formatIssue(issue)).not.toBe(K.IssueCode.unreadableInput);
  }
  // Each issue prints as a line (no throw while formatting).
  for (const issue of list) expect(typeof K.formatIssue(issue)).toBe("string");
}

function expectResult(target: Target, result: unknown, readable: boolean): void {
  switch (target.shape) {
    case "safe":
    case "sheet": {
      const r = result as { success: unknown; issues?: unknown; message?: unknown; data?: unknown };
      expect(typeof r.success).toBe("boolean");
      if (r.success === false) {
        expectIssues(r.issues, readable);
        if (target.shape === "sheet") expect(typeof r.message).toBe("string");
      } else expect("data" in r).toBe(true);
      return;
    }
    case "cells": {
      const cells = result as unknown[][];
      expect(Array.isArray(cells) && cells.every((row) => Array.isArray(row))).toBe(true);
      return;
    }
    case "policyCells":
    case "records": {
      const r = result as { issues: unknown };
      if ((r.issues as unknown[]).length > 0) expectIssues(r.issues, readable);
      return;
    }
  }
}

// fast-check prints a counterexample through toStringMethod: a value that throws when read is
// printed by its kind.
const hostile = fc.oneof(
  { weight: 6, arbitrary: plain.map((value) => ({ value, readable: true })) },
  { weight: 1, arbitrary: fc.nat().map((n) => ({ value: throwingObject(n), readable: false, [fc.toStringMethod]: () => `throwing value #${n % 5}` })) },
);

describe("hostile input: every safe twin and sheet function returns its error value", () => {
  for (const target of TARGETS) {
    it(target.name, () => {
      // The unmutated call succeeds (else the cases would test nothing past the first check).
      const valid = target.call(...target.args());
      if (target.shape === "safe" || target.shape === "sheet") expect((valid as { success: boolean }).success, JSON.stringify((valid as { issues?: unknown }).issues)).toBe(true);
      // The arguments are made afresh for each case, always of the same shape.
      const paths = nodes(target.args());
      fc.assert(
        fc.property(fc.nat({ max: paths.length - 1 }), hostile, (at, { value, readable }) => {
          if (!readable && target.throwsWhenUnreadable) return;
          const path = paths[at]!;
          const mutated = replaced(target.args(), path, value);
          if (mutated === null) return;
          let result: unknown;
          expect(() => (result = target.call(...mutated))).not.toThrow();
          expectPrototypeUntouched();
          expectResult(target, result, readable);
          if (target.throwing && readable) {
            try {
              target.throwing(...replaced(target.args(), path, value)!);
            } catch (error) {
              expect(K.isKefuKpiError(error), String(error)).toBe(true);
            }
            expectPrototypeUntouched();
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
    }, 120_000);
  }
});

// Every function the root exports, called with arguments of the wrong kind altogether: it returns,
// or throws a KefuKpiError naming what was expected — never a TypeError from inside. (The
// formatters take the library's own issues and toSafe a function: typed, not data.)
describe("hostile input: every function of the root refuses wrong arguments with a KefuKpiError", () => {
  const NOT_DATA = new Set(["formatIssue", "formatIssueLocation", "toSafe", "isKefuKpiError", "isDecodedMonth"]);
  const CALLS: unknown[][] = [[], [null], [null, null, null], [{}, {}, {}], [[], [], []], ["x", "y", "z"], [{ orders: null }], [{ orders: [null] }], [1, 2, 3], [[null]], [[[1]], "f"], [[{ fine: 5 }]], [Object.create(null)]];
  const functions = Object.entries(K).filter(([name, f]) => typeof f === "function" && /^[a-z]/.test(name) && !NOT_DATA.has(name));
  it.each(functions.map(([name]) => name))("%s", (name) => {
    const f = (K as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
    for (const args of CALLS) {
      try {
        f(...args);
      } catch (error) {
        expect(K.isKefuKpiError(error), `${name}(${args.map((a) => JSON.stringify(a)).join(", ")}): ${String(error)}`).toBe(true);
      }
      expectPrototypeUntouched();
    }
  });
});
