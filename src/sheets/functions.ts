/**
 * The functions a sheet user calls (through the Excel or Apps Script wrappers of `examples/`):
 * ranges in (or, for the month tables, the month report of {@link sheetMonthReport} computed once),
 * a table out. None of them throws: each returns `{ success: true, data }` with the
 * table, or `{ success: false, issues, message }`, where `message` names the cells at fault
 * (`订单!E17 (orderId "O-17"), paidAt: …`); {@link toCells} turns either into cells.
 */
import { IssueCode, KefuKpiError, formatIssue, fromZodIssues, isKefuKpiError, toSafe, unreadable, type Issue } from "../errors.js";
import { describeValue, isObject } from "../input.js";
import { freezeDeep } from "../lazy.js";
import { busiestMonth, safeBuildMonthReport } from "../month/buildMonthReport.js";
import { buildKpiReport } from "../month/kpiReport.js";
import { kpiRows } from "../render/kpi.js";
import { trendRows } from "../render/trend.js";
import { buildTrendReport } from "../month/trendReport.js";
import { KPI_METRIC_IDS } from "../policy/kpi.js";
import { monthAgentRows } from "../render/month.js";
import { CHAT_CSV_COLUMNS, chatFindingRows } from "../render/chat.js";
import { DEFAULT_SHEET_NAMES, RECORD_KINDS, type RecordKind } from "../records/kinds.js";
import { locateIssues } from "../records/locate.js";
import { MonthDecoder, type DecodedMonth } from "../records/month.js";
import { MonthReportSchema, type MonthReport } from "../report/schema.js";
import type { PolicyInput } from "../policy/schema.js";
import { PAY_LINES, type PayLineId } from "../pay/statement.js";
import type { Zone } from "../time/zone.js";
import { policyFromCells } from "./policy.js";
import { addRange, isBlank, isBlankRow, isDate, kindOfHeader, parseOrigin, type Cell, type Range } from "./read.js";
import { serialText, type DateSystem } from "./serial.js";

/** A cell of a result table: text or a number; blanks are `""`. */
export type OutCell = string | number;

/** A table, or why there is none. */
export type SheetResult =
  | { readonly success: true; readonly data: OutCell[][]; readonly warnings: readonly string[] }
  | { readonly success: false; readonly issues: readonly Issue[]; readonly message: string };

/** The month's ranges, one per kind of record (`orders`, `consultations`, `agents`, `roster` …).
 * A range left out, or wholly blank, is no data (as a missing file is). */
export type MonthRanges = { readonly [K in RecordKind]?: Range | null | undefined };

/** How to read the ranges and what to compute. */
export interface SheetCallOptions {
  /** The policy: a key/value range, a JSON cell, or a policy object (only what differs from the defaults). */
  readonly policy?: Range | string | PolicyInput | null | undefined;
  /**
   * `YYYY-MM`; by default the month most paid orders fall in. A date cell on the month's first day
   * stands for the month: Excel turns a typed `2020-02` into the serial of 2020-02-01 (in the
   * workbook's date system), Apps Script passes a `Date` (its calendar day in the shop zone, as in
   * a month column).
   */
  readonly month?: string | number | Date | null | undefined;
  /** The workbook's date system (default 1900). */
  readonly dateSystem?: DateSystem;
  /** Money as numbers (default, so the sheet can sum them) or as exact text like `"128.50"`. */
  readonly money?: "number" | "text";
  /** Names and top-left cells of the ranges, so messages name the real cells (default `订单!A1` …). */
  readonly sheets?: Partial<Record<RecordKind | "policy", { readonly sheet?: string; readonly origin?: string }>>;
}

/** The month report of a sheet's ranges, or every problem located at its cell ({@link sheetMonthReport}). */
export type SheetMonthReport = { success: true; data: MonthReport } | { success: false; issues: Issue[] };

/**
 * The month report computed from sheet ranges (the building block of the table functions).
 *
 * The month tables ({@link attributionTable}, {@link shopTable}, {@link ordersTable},
 * {@link payTable}, {@link agentFigure}) take its result in place of the ranges, so an add-in that
 * shows several tables of one month computes the month once (the Excel example keeps the last
 * report, keyed by its exact arguments).
 *
 * @returns the report (frozen: the tables read it, nothing changes it), or every problem located at its cell
 * @example
 * const month = sheetMonthReport(ranges, options)
 * attributionTable(month, options) // the same table as attributionTable(ranges, options)
 */
export function sheetMonthReport(ranges: MonthRanges, options: SheetCallOptions = {}): SheetMonthReport {
  const report = caught(() => monthReport(ranges, checkCallOptions(options)));
  // A report made here is frozen, so it is known to be one when given back to a table (no check
  // needed); any other object given as a report (a copy, one stored as JSON) is checked as one.
  if (report.success) made.add(freezeDeep(report.data));
  return report;
}

// The month reports sheetMonthReport made.
const made = new WeakSet<object>();

function monthReport(ranges: MonthRanges, options: SheetCallOptions): { success: true; data: MonthReport } | { success: false; issues: Issue[] } {
  const given = monthOption(options.month, options.dateSystem ?? 1900);
  return compute(ranges, options, (decoded) => {
    const month = inZone(given, decoded.zone);
    return safeBuildMonthReport(decoded, undefined, month === undefined ? {} : { month });
  });
}

/**
 * A month or period cell read: its text, or for a `Date` the month once the shop zone is known
 * (the policy names it, and the policy is read with the ranges); `undefined` for a blank cell.
 */
type MonthCell = string | ((zone: Zone) => string) | undefined;

const inZone = (cell: MonthCell, zone: Zone): string | undefined => (typeof cell === "function" ? cell(zone) : cell);

const MONTH_FORMS = "a month YYYY-MM as text or the date serial of its first day";
const PERIOD_FORMS = "a period as text (2020-02-03, 2020-W06, 2020-02 or 2020-02-01..2020-02-15) or the date serial of a month's first day";

function monthOption(month: unknown, system: DateSystem): MonthCell {
  return monthCell(month, system, ["options", "month"], MONTH_FORMS);
}

/**
 * A month cell: text as it is; a date (a typed `2020-02` that the host turned into one) is the
 * month when it is the month's first day, and otherwise an error, not a guess at what was meant.
 * A blank cell is no month (Excel desktop passes a blank as 0).
 */
function monthCell(value: unknown, system: DateSystem, path: readonly string[], expected: string): MonthCell {
  if (value === undefined || value === null || value === "" || value === 0) return undefined;
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  if (typeof value === "number") return serialMonth(value, system, path, expected);
  const ms = isDate(value) ? timeOf(value) : Number.NaN;
  if (!Number.isNaN(ms)) return (zone) => dateMonth(ms, zone, path, expected);
  throw new KefuKpiError([{ code: IssueCode.invalidType, path: [...path], message: `expected ${expected}, got ${describeValue(value)}` }]);
}

// A whole-day serial of a month's first day in the workbook's date system (read as read.ts reads a
// date cell), as `YYYY-MM`.
function serialMonth(serial: number, system: DateSystem, path: readonly string[], expected: string): string {
  const text = serialText(serial, system);
  if (text !== null && text.endsWith(" 00:00:00") && text.startsWith("-01 ", 7)) return text.slice(0, 7);
  const why =
    text === null
      ? `${String(serial)} is not a date serial of the ${system} date system`
      : text.endsWith(" 00:00:00")
        ? `${serial} is ${text.slice(0, 10)}, not the first day of a month`
        : `${serial} is ${text}, not a whole day`;
  throw new KefuKpiError([{ code: IssueCode.invalidValue, path: [...path], message: `${why}; expected ${expected}` }]);
}

// A `Date` (Apps Script's date cell) as read.ts reads one in a month column: its calendar day in
// the shop zone, which must be the first of its month (Sheets gives a date cell's midnight in the
// spreadsheet's zone, set to the shop's).
function dateMonth(ms: number, zone: Zone, path: readonly string[], expected: string): string {
  const w = zone.wallOf(ms);
  const day = `${String(w.year).padStart(4, "0")}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
  if (w.day === 1) return day.slice(0, 7);
  throw new KefuKpiError([{ code: IssueCode.invalidValue, path: [...path], message: `${new Date(ms).toISOString()} is ${day} in the shop's time zone (${zone.name}), not the first day of a month; expected ${expected}` }]);
}

// The instant of a `Date`, also one of another realm; NaN for an invalid one or an object that
// only claims to be a date.
function timeOf(date: Date): number {
  try {
    return Date.prototype.getTime.call(date);
  } catch {
    return Number.NaN;
  }
}

/**
 * The options of a sheet call, checked: `undefined`/`null` are none; each option of its own form,
 * so a wrong one is an error value naming it, never a TypeError.
 */
function checkCallOptions(options: unknown): SheetCallOptions {
  if (options === undefined || options === null) return {};
  if (!isObject(options)) throw new KefuKpiError([{ code: IssueCode.invalidType, path: ["options"], message: `expected an options object, got ${describeValue(options)}` }]);
  const issues: Issue[] = [];
  const bad = (name: string, expected: string, value: unknown): void => {
    issues.push({ code: IssueCode.invalidValue, path: ["options", name], message: `expected ${expected}, got ${describeValue(value)}` });
  };
  for (const key of Object.keys(options)) {
    if (!CALL_OPTIONS.includes(key)) issues.push({ code: IssueCode.invalidValue, path: ["options", key], message: `is not an option; expected one of ${CALL_OPTIONS.join(", ")}` });
  }
  const { dateSystem, money, sheets, policy } = options;
  if (dateSystem !== undefined && dateSystem !== 1900 && dateSystem !== 1904) bad("dateSystem", "1900 or 1904", dateSystem);
  if (money !== undefined && money !== "number" && money !== "text") bad("money", '"number" or "text"', money);
  if (policy !== undefined && policy !== null && typeof policy !== "string" && typeof policy !== "object") bad("policy", "a key/value range, a JSON text or a policy object", policy);
  if (sheets !== undefined) {
    if (!isObject(sheets)) bad("sheets", "an object naming each range's sheet and top-left cell", sheets);
    else {
      for (const [kind, where] of Object.entries(sheets)) {
        if (where === undefined) continue;
        if (!(RECORD_KINDS as readonly string[]).includes(kind) && kind !== "policy") {
          issues.push({ code: IssueCode.invalidValue, path: ["options", "sheets", kind], message: `is not a kind of range; expected one of ${RECORD_KINDS.join(", ")}, policy` });
        } else if (!isObject(where) || (where["sheet"] !== undefined && typeof where["sheet"] !== "string") || (where["origin"] !== undefined && typeof where["origin"] !== "string")) {
          bad(`sheets.${kind}`, "{ sheet, origin } as texts", where);
        } else if (typeof where["origin"] === "string") {
          try {
            parseOrigin(where["origin"]);
          } catch (error) {
            issues.push({ code: IssueCode.invalidValue, path: ["options", "sheets", kind, "origin"], message: (error as Error).message });
          }
        }
      }
    }
  }
  if (issues.length > 0) throw new KefuKpiError(issues);
  return options as SheetCallOptions;
}

const CALL_OPTIONS: readonly string[] = ["policy", "month", "dateSystem", "money", "sheets"];

// Runs a step of a sheet call: any error comes back as issues (bad data, a bad argument such as an
// origin that is no cell address, or an input that throws when read), never thrown.
function caught<T>(fn: () => { success: true; data: T } | { success: false; issues: Issue[] }): { success: true; data: T } | { success: false; issues: Issue[] } {
  try {
    return fn();
  } catch (error) {
    return { success: false, issues: issuesOf(error) };
  }
}

function issuesOf(error: unknown): Issue[] {
  if (isKefuKpiError(error)) return [...error.issues];
  if (error instanceof RangeError) return [{ code: IssueCode.invalidValue, path: [], message: error.message }];
  return [unreadable(error)];
}

/**
 * Reads the policy, decodes the ranges into one month (agents first: the roster the other kinds
 * refer to), computes from it, and places every problem at its cell. The problems of the ranges
 * and of the policy are reported together; the computation runs only on a month without them.
 */
function compute<T>(
  ranges: unknown,
  options: SheetCallOptions,
  run: (month: DecodedMonth) => { success: true; data: T } | { success: false; issues: readonly Issue[] },
): { success: true; data: T } | { success: false; issues: Issue[] } {
  if (!isObject(ranges)) {
    return { success: false, issues: [{ code: IssueCode.invalidType, path: ["ranges"], message: `expected the month's ranges, one per kind ({ orders: 订单!A1:H300, … }), got ${describeValue(ranges)}` }] };
  }
  for (const key of Object.keys(ranges)) {
    if (!(RECORD_KINDS as readonly string[]).includes(key)) {
      return { success: false, issues: [{ code: IssueCode.invalidValue, path: ["ranges", key], message: `is not a kind of range; expected one of ${RECORD_KINDS.join(", ")}` }] };
    }
  }
  const policy = readPolicy(options);
  const { decoder, issues: policyIssues } = monthDecoder(policy);
  for (const kind of RECORD_KINDS) {
    const range = ranges[kind];
    // An omitted argument, or a reference to one blank cell that a host passes as a scalar.
    const given: unknown = range;
    if (!Array.isArray(given) && (given === 0 || isBlank(given as Cell))) continue;
    const where = options.sheets?.[kind];
    const sheet = where?.sheet ?? DEFAULT_SHEET_NAMES[kind];
    if (!Array.isArray(range) || !range.every((row) => Array.isArray(row))) {
      return { success: false, issues: [{ code: IssueCode.invalidType, path: [kind], message: `expected a range (rows of cells) of ${kind}`, source: { file: sheet } }] };
    }
    if (isBlankRange(range as Range)) continue;
    addRange(decoder, kind, range as Range, { sheet, origin: parseOrigin(where?.origin ?? "A1"), dateSystem: options.dateSystem ?? 1900 });
  }
  const issues: Issue[] = [];
  let month: DecodedMonth | null = null;
  try {
    month = decoder.finish();
  } catch (error) {
    if (!isKefuKpiError(error)) throw error;
    issues.push(...error.issues);
  }
  issues.push(...policy.issues, ...policyIssues);
  if (month === null || issues.length > 0) return { success: false, issues };
  const result = run(month);
  if (result.success) return result;
  // Problems of the computation, placed at their cells.
  const decoded = month;
  return { success: false, issues: result.issues.map((issue) => (issue.path[0] === "policy" ? atPolicyCell(issue, policy) : locateIssues([issue], decoded)[0]!)) };
}

/**
 * The decoder of the month, under the policy; a policy that is not valid is reported (at its
 * cells), and the ranges are still read (under its time zone if that is valid, else the default),
 * so that every problem of the workbook is named at once.
 */
function monthDecoder(policy: PolicyRead): { decoder: MonthDecoder; issues: Issue[] } {
  try {
    return { decoder: new MonthDecoder(policy.value), issues: [] };
  } catch (error) {
    if (!isKefuKpiError(error)) throw error;
    const issues = error.issues.map((issue) => atPolicyCell(issue, policy));
    const given = policy.value as unknown;
    const timeZone = isObject(given) && typeof given["timeZone"] === "string" ? given["timeZone"] : undefined;
    try {
      return { decoder: new MonthDecoder(timeZone === undefined ? undefined : { timeZone }), issues };
    } catch {
      return { decoder: new MonthDecoder(undefined), issues };
    }
  }
}

/**
 * The attribution table: a header row, then one row per agent (the columns of the CLI's CSV:
 * month, agentId, name, group, grade, orders, gross, refunds, net, commissionable, the 赤兔 breakdown
 * and the address checks).
 *
 * @example
 * attributionTable({ orders: 订单!A1:H300, consultations: 咨询!A1:I500, agents: 客服!A1:G7 })
 */
export function attributionTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) => withHeader(monthAgentRows(report)));
}

/** The shop's lines: paid in the month, credited to agents, fully silent (全静默), left uncredited, excluded by their flag. */
export function shopTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) => {
    const s = report.shop;
    const line = (label: string, t: MonthReport["shop"]["sales"]): string[] => [label, String(t.orders), t.gross, t.refunds, t.net];
    return withHeader([
      ["line", "orders", "gross", "refunds", "net"],
      line("已付款 paid", s.sales),
      line("客服业绩 credited", s.credited),
      line("全静默 fully silent", s.silent),
      line("未计业绩 uncredited", s.uncredited),
      line("按旗帜排除 excluded by flag", s.excluded),
    ]);
  });
}

/** Every order booked in the month with how it was attributed (placeAgent, payAgent, credit). */
export function ordersTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) =>
    withHeader([
      ["orderId", "status", "paidAt", "gross", "refunds", "net", "placeAgent", "placeConsultationId", "payAgent", "payConsultationId", "creditedAgent", "creditedBy", "flag", "excluded"],
      ...report.orders.map((o) => [
        o.orderId,
        o.status,
        o.paidAt,
        o.gross,
        o.refunds,
        o.net,
        o.placeAgent ?? "",
        o.placeConsultationId ?? "",
        o.payAgent ?? "",
        o.payConsultationId ?? "",
        o.creditedAgent ?? "",
        o.creditedBy ?? "",
        o.flag ?? "",
        o.excluded ? "true" : "false",
      ]),
    ]),
  );
}

/** The pay statements (R5): one row per agent of the agents range, line by line, and the total. */
export function payTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) => {
    const names = new Map(report.agents.map((a) => [a.agentId, a.name ?? ""]));
    return {
      rows: [
        ["agentId", "name", ...PAY_LINES, "total"],
        ...report.pay.map((s) => [s.agentId, names.get(s.agentId) ?? "", ...PAY_LINES.map((id) => s.lines[id].amount), s.total]),
      ],
      kinds: ["text", "text", ...PAY_LINES.map((): ColumnKind => "money"), "money"],
      header: true,
    };
  });
}

/**
 * The chat standards' findings (R8) over the month's chat log: a header row, then one row per
 * finding (the `lint` command's CSV: at, agentId, buyerId, consultationId, ruleId, label, match,
 * start, end, suggestion, waitSeconds, text). The ranges need the chat log (`messages`) and the
 * agents with their `accounts` (子账号); without a chat log it is an error naming `messages`.
 *
 * @example
 * chatTable({ agents: 客服!A1:H7, messages: 聊天记录!A1:D500 }, { month: "2020-02" })
 */
export function chatTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) => {
    if (report.chat === null) {
      throw new KefuKpiError([{ code: IssueCode.missingField, path: ["messages"], message: "is missing; the chat standards check the chat log: give a messages range (聊天记录) and the agents' accounts" }]);
    }
    return {
      rows: [[...CHAT_CSV_COLUMNS], ...chatFindingRows(report.chat)],
      kinds: CHAT_CSV_COLUMNS.map((c): ColumnKind => (c === "start" || c === "end" || c === "waitSeconds" ? "count" : "text")),
      header: true,
    };
  });
}

/**
 * The month's traffic (seed 001: 销量 = 流量 UV × 转化率 CVR): a header row, then one row per
 * business day (date, uv — empty for a day no traffic record gives —, paidBuyers, sales,
 * conversionRate, averageOrderValue, estimate, difference) and a last row `total` over the days
 * with traffic. An error naming the traffic range when there is none.
 *
 * @example
 * trafficTable({ orders: 订单!A1:H300, traffic: 流量!A1:C60 }, { month: "2020-02" })
 */
export function trafficTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) => {
    const t = report.traffic;
    if (t === null) throw new KefuKpiError([{ code: IssueCode.missingField, path: ["traffic"], message: "is missing; the traffic table needs the traffic range (流量)" }]);
    return {
      rows: [
        ["date", "uv", "paidBuyers", "sales", "conversionRate", "averageOrderValue", "estimate", "difference"],
        ...t.days.map((d) => [d.date, d.uv === null ? "" : String(d.uv), String(d.paidBuyers), d.sales, d.conversionRate ?? "", d.averageOrderValue ?? "", d.estimate ?? "", d.difference ?? ""]),
        ["total", String(t.total.uv), String(t.total.paidBuyers), t.total.sales, t.total.conversionRate ?? "", t.total.averageOrderValue ?? "", "", ""],
      ],
      kinds: ["text", "count", "count", "money", "money", "money", "money", "money"],
      header: true,
    };
  });
}

/**
 * The month's lost inquiries (询单流失), the lead's follow-up list: a header row, then one row per
 * agent and lost buyer (agentId, buyerId, the agent's last inquiry with the buyer — consultationId,
 * startedAt, endedAt, durationSeconds —, replied, inquiries, and with a chat log the last message's
 * sender and text), by agent and start. An error naming the consultations or orders range when
 * either is missing.
 *
 * @example
 * lostInquiriesTable({ consultations: 咨询!A1:L300, orders: 订单!A1:H300 }, { month: "2020-02" })
 */
export function lostInquiriesTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) => {
    const r = report.lostInquiries;
    if (r === null) {
      const missing = ordersMissing(report) ? "orders" : "consultations";
      throw new KefuKpiError([{ code: IssueCode.missingField, path: [missing], message: `is missing; the lost inquiries need the consultations (咨询) and the orders (订单)` }]);
    }
    return {
      rows: [
        ["agentId", "buyerId", "consultationId", "startedAt", "endedAt", "durationSeconds", "replied", "inquiries", "lastMessageFrom", "lastMessage"],
        ...r.items.map((i) => [i.agentId, i.buyerId, i.consultationId, i.startedAt, i.endedAt, String(i.durationSeconds), i.replied ? "yes" : "no", String(i.inquiries), i.lastMessage?.from ?? "", i.lastMessage?.text ?? ""]),
      ],
      kinds: ["text", "text", "text", "text", "text", "count", "text", "count", "text", "text"],
      header: true,
    };
  });
}

/**
 * The month's KPIs against their targets (考核目标, the policy's `kpi.targets`): a header row, then
 * one row per targeted metric and agent, then the metric's shop row (agentId `""`, scope `shop`) —
 * metric, bound (`atLeast` / `atMost`), target, scope, agentId, value, status (`met`, `missed`,
 * `insufficient`: under the minimum sample, `noData`). An error naming `kpi.targets` when the
 * policy sets none.
 *
 * @example
 * targetsTable({ consultations: 咨询!A1:L300, orders: 订单!A1:H300, reviews: 评价!A1:D80 }, { month: "2020-02" })
 */
export function targetsTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) => {
    const t = report.targets;
    if (t === null) throw new KefuKpiError([{ code: IssueCode.missingField, path: ["policy", "kpi", "targets"], message: "sets no target; the targets table needs at least one (kpi.targets)" }]);
    return {
      rows: [
        ["metric", "bound", "target", "scope", "agentId", "value", "status"],
        ...t.metrics.flatMap((m) => [
          ...m.agents.map((a) => [m.metric, m.bound, m.target, "agent", a.agentId, a.value ?? "", a.status]),
          [m.metric, m.bound, m.target, "shop", "", m.shop.value ?? "", m.shop.status],
        ]),
      ],
      kinds: ["text", "text", "money", "text", "text", "money", "text"],
      header: true,
    };
  });
}

/**
 * The month's transfers (转接): a header row, then one row per agent who transferred a
 * consultation out or took one over (agentId, transfersOut, transfersIn), then a `total` row (the
 * consultations transferred out, and those that name the agent they came from). An
 * error naming the consultations range when none names a transfer (transferredTo / transferredFrom).
 *
 * @example
 * transfersTable({ consultations: 咨询!A1:N300, agents: 客服!A1:F10 }, { month: "2020-02" })
 */
export function transfersTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) => {
    const t = report.transfers;
    if (t === null) throw new KefuKpiError([{ code: IssueCode.missingField, path: ["consultations", "transferredTo"], message: "is given by no consultation; the transfers table needs consultations that name a transfer (转接)" }]);
    return {
      rows: [
        ["agentId", "transfersOut", "transfersIn"],
        ...t.agents.map((a) => [a.agentId, String(a.transfersOut), String(a.transfersIn)]),
        // Taken over counts the consultations that name where they came from (transferredFrom): not always those transferred out.
        ["total", String(t.transfers), String(t.agents.reduce((n, a) => n + a.transfersIn, 0))],
      ],
      kinds: ["text", "count", "count"],
      header: true,
    };
  });
}

/**
 * The bots (店小蜜, agents of group bot) of the month: a header row, then one row per figure —
 * consultations, handedOver, the buyers received by a bot (receivedByBots), by a bot and no agent
 * (receivedByBotsOnly) and by anyone (receivedByAll), the orders service led to (servedOrders,
 * servedNet) and those a bot alone served (botServedOrders, botServedNet, fully silent: no agent's
 * commission) — each with its share where it has one. An error naming the agents range when no
 * agent is of group bot.
 *
 * @example
 * botsTable({ agents: 客服!A1:F10, consultations: 咨询!A1:N300, orders: 订单!A1:H300 }, { month: "2020-02" })
 */
export function botsTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) => {
    const b = report.bots;
    if (b === null) throw new KefuKpiError([{ code: IssueCode.missingField, path: ["agents", "group"], message: "names no bot; the bots table needs an agent of group bot (机器人, 店小蜜)" }]);
    const r = b.receptions;
    const c = b.conversions;
    return {
      rows: [
        ["figure", "value", "share"],
        ["consultations", String(b.consultations), ""],
        ["handedOver", String(b.handedOver), ""],
        ["receivedByBots", String(r.bots), r.botsShare ?? ""],
        ["receivedByBotsOnly", String(r.botsOnly), r.botsOnlyShare ?? ""],
        ["receivedByAll", String(r.all), ""],
        ["servedOrders", String(c.served.orders), ""],
        ["servedNet", c.served.net, ""],
        ["botServedOrders", String(c.botServed.orders), c.shareByOrders ?? ""],
        ["botServedNet", c.botServed.net, c.shareByNet ?? ""],
      ],
      kinds: ["text", "money", "money"],
      header: true,
    };
  });
}

/**
 * The month shop by shop (店铺): a header row, then one row per shop — shopId (empty for the
 * records that name no shop), the agents' consultations, the booked orders and their net, those
 * credited to an agent, the silent ones and those a bot alone served. An error naming the orders'
 * shopId when the records name fewer than two shops.
 *
 * @example
 * shopsTable({ orders: 订单!A1:I300, consultations: 咨询!A1:N300, agents: 客服!A1:F10 }, { month: "2020-02" })
 */
export function shopsTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) => {
    const s = report.shops;
    if (s === null) throw new KefuKpiError([{ code: IssueCode.missingField, path: ["orders", "shopId"], message: "names fewer than two shops; the shops table needs records of two shops or more (shopId, 店铺)" }]);
    return {
      rows: [
        ["shopId", "consultations", "orders", "net", "creditedOrders", "creditedNet", "silentOrders", "silentNet", "botServedOrders", "botServedNet"],
        ...s.shops.map((x) => [x.shopId, String(x.consultations), String(x.sales.orders), x.sales.net, String(x.credited.orders), x.credited.net, String(x.silent.orders), x.silent.net, String(x.botServed.orders), x.botServed.net]),
      ],
      kinds: ["text", "count", "count", "money", "count", "money", "count", "money", "count", "money"],
      header: true,
    };
  });
}

/**
 * The payment reminders' outcomes (催付效果) of the month's duties: a header row, then the SMS
 * reminders (owner `sms`), the human ones in all (`human`), each agent who owed some (`agent`, with
 * the agentId) and those no one on the roster could own (`unowned`) — owed, paid (before the
 * month's end), recovered (挽回金额: what those orders paid), rate (paid / owed), unpaid. An error
 * naming the orders range when there is none.
 *
 * @example
 * remindersTable({ orders: 订单!A1:H300, roster: 排班!A1:C200, agents: 客服!A1:F10 }, { month: "2020-02" })
 */
export function remindersTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) => {
    if (ordersMissing(report)) {
      throw new KefuKpiError([{ code: IssueCode.missingField, path: ["orders"], message: "is missing; the payment reminders need the orders (订单)" }]);
    }
    const r = report.people.duties.reminders;
    type Tally = (typeof r)["sms"];
    const row = (owner: string, agentId: string, x: Tally) => [owner, agentId, String(x.owed), String(x.paid), x.recovered, x.rate ?? "", String(x.unpaid)];
    return {
      rows: [
        ["owner", "agentId", "owed", "paid", "recovered", "rate", "unpaid"],
        row("sms", "", r.sms),
        row("human", "", r.human),
        ...r.agents.map(({ agentId, ...x }) => row("agent", agentId, x)),
        row("unowned", "", r.unowned),
      ],
      kinds: ["text", "text", "count", "count", "money", "money", "count"],
      header: true,
    };
  });
}

/** Whether the month was given no orders (the report says so among its warnings). */
function ordersMissing(report: MonthReport): boolean {
  return report.warnings.some((w) => w.startsWith("no orders (file) given"));
}

/**
 * The month's service levels (R2): a header row, then one row per check (id, label, status,
 * checked, compliant, complianceRate, breaches, rule) — first reply, overnight, tickets,
 * after-sales, refunds, the pre-sales wait, complaint replies, order anomalies, shipping and pick-up.
 *
 * @example
 * serviceLevelTable({ orders: 订单!A1:H300, shipments: 发货!A1:E300 }, { month: "2020-02" })
 */
export function serviceLevelTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) => ({
    rows: [
      ["id", "label", "status", "checked", "compliant", "complianceRate", "breaches", "rule"],
      ...report.serviceLevels.map((c) => [c.id, c.label ?? "", c.status, String(c.checked), String(c.compliant), c.complianceRate ?? "", String(c.checked - c.compliant), c.rule]),
    ],
    kinds: ["text", "text", "text", "count", "count", "money", "count", "text"],
    header: true,
  }));
}

/**
 * Every breach of the month's service levels: a header row, then one row per breach (id, label,
 * recordId, agentId — empty for shipping and pick-up, the shop's —, at, deadline, lateSeconds —
 * empty when it never happened —, reason), check by check, each in time order.
 *
 * @example
 * breachTable(ranges, { month: "2020-02" }) // the orders not shipped in time, the late replies …
 */
export function breachTable(ranges: MonthRanges | SheetMonthReport, options: SheetCallOptions = {}): SheetResult {
  return table(ranges, options, (report) => ({
    rows: [
      ["id", "label", "recordId", "agentId", "at", "deadline", "lateSeconds", "reason"],
      ...report.serviceLevels.flatMap((c) => c.breaches.map((b) => [c.id, c.label ?? "", b.recordId, b.agentId ?? "", b.at, b.deadline, b.lateSeconds ?? "", b.reason])),
    ],
    kinds: ["text", "text", "text", "text", "text", "text", "money", "text"],
    header: true,
  }));
}

/**
 * The KPI table (R2) over any period: a header row, then one row per agent and one for the shop
 * (the `kpi` command's CSV: period, agentId, name, group, score, every metric, the metrics under
 * their minimum sample).
 *
 * @param period - `2020-02-03`, `2020-W06`, `2020-02` or `2020-02-01..2020-02-15` as text, or a date cell on a month's first day for the month (as `options.month`); by default `options.month` or the month most orders were paid in
 * @example
 * kpiTable(ranges, "2020-W06")
 */
export function kpiTable(ranges: MonthRanges, period?: string | number | Date | null, options: SheetCallOptions = {}): SheetResult {
  return guarded(() => {
    const call = checkCallOptions(options);
    const system = call.dateSystem ?? 1900;
    const month = monthOption(call.month, system);
    const asked = periodOption(period, system);
    // The month, when it stands for the period, is named by its own name when it is no month.
    if (typeof month === "string" && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month) && asked === undefined) {
      throw new KefuKpiError([{ code: IssueCode.invalidValue, path: ["options", "month"], message: `"${month}" is not a month; expected YYYY-MM` }]);
    }
    const given = asked ?? month;
    // By default the month most orders were paid in, as the month report picks it.
    const result = compute(ranges, call, (decoded) => toSafe(() => buildKpiReport(decoded, undefined, { period: inZone(given, decoded.zone) ?? busiestMonth(decoded) })));
    if (!result.success) return failure(result.issues);
    const rows = kpiRows(result.data);
    const kinds = (rows[0] ?? []).map((name): ColumnKind => (name === "score" || (KPI_METRIC_IDS as readonly string[]).includes(name) ? "money" : "text"));
    return { success: true, data: cells(rows, kinds, true, call), warnings: result.data.warnings };
  });
}

/**
 * The KPI trend (走势) of a period: a header row, then one row per metric and agent (the shop
 * first) with the value of each day (or ISO week), the period's value and its target (the `trend`
 * command's CSV).
 *
 * @param metric - metric ids, comma-separated (`replyRate,conversionRate`); blank for every metric
 * @param by - `day` (blank) or `week`
 * @param period - as for {@link kpiTable}; by default `options.month` or the month most orders were paid in
 * @example
 * trendTable(ranges, "replyRate", "week")
 */
export function trendTable(ranges: MonthRanges, metric?: string | null, by?: string | null, period?: string | number | Date | null, options: SheetCallOptions = {}): SheetResult {
  return guarded(() => {
    const call = checkCallOptions(options);
    const system = call.dateSystem ?? 1900;
    const given = periodOption(period, system) ?? monthOption(call.month, system);
    const cut = by === undefined || by === null || (typeof by === "string" && by.trim() === "") ? "day" : typeof by === "string" ? by.trim() : by;
    if (cut !== "day" && cut !== "week") throw new KefuKpiError([{ code: IssueCode.invalidValue, path: ["by"], message: `is ${describeValue(by)}; expected day or week` }]);
    if (metric !== undefined && metric !== null && typeof metric !== "string") throw new KefuKpiError([{ code: IssueCode.invalidType, path: ["metric"], message: `expected metric ids as text (replyRate,conversionRate), got ${describeValue(metric)}` }]);
    const metrics = metric === undefined || metric === null || metric.trim() === "" ? undefined : metric.split(",").map((m) => m.trim());
    const result = compute(ranges, call, (decoded) =>
      toSafe(() => buildTrendReport(decoded, undefined, { period: inZone(given, decoded.zone) ?? busiestMonth(decoded), by: cut, ...(metrics === undefined ? {} : { metrics }) })),
    );
    if (!result.success) return failure(result.issues);
    const rows = trendRows(result.data);
    const parts = result.data.parts.length;
    const kinds = (rows[0] ?? []).map((_, i): ColumnKind => (i >= 3 && i < 3 + parts + 3 ? "money" : i === rows[0]!.length - 2 || i === rows[0]!.length - 1 ? "count" : "text"));
    return { success: true, data: cells(rows, kinds, true, call), warnings: result.data.warnings };
  });
}

// A blank period cell is no period. A date cell is read as a month cell is: Excel turns a typed
// `2020-02` into a date, while a day the user means must be text ('2020-02-03): a date cell
// of 2020-02-01 cannot tell the day from the month, so it is taken as the month it came from.
function periodOption(period: unknown, system: DateSystem): MonthCell {
  return monthCell(period, system, ["period"], PERIOD_FORMS);
}

/** The figures {@link agentFigure} can return: attribution's (R1), the month's KPIs and scorecard score (R2), the pay lines (R5). */
export const AGENT_FIGURES = ["orders", "gross", "refunds", "net", "commissionable", "addressChecks", "score", ...KPI_METRIC_IDS, ...PAY_LINES, "total"] as const;
export type AgentFigure = (typeof AGENT_FIGURES)[number];

/**
 * One figure of one agent, as a one-cell table (e.g. to put beside a roster).
 *
 * @example
 * agentFigure(ranges, "A01", "net") //=> { success: true, data: [[13341]] }
 * agentFigure(ranges, "A01", "total") // the agent's pay this month
 * agentFigure(ranges, "A01", "replyRate") // a KPI of the month (blank when it has no data)
 */
export function agentFigure(ranges: MonthRanges | SheetMonthReport, agentId: string, figure: string, options: SheetCallOptions = {}): SheetResult {
  if (typeof figure !== "string" || !(AGENT_FIGURES as readonly string[]).includes(figure)) {
    const given = typeof figure === "string" ? `"${figure}"` : describeValue(figure);
    return failure([{ code: IssueCode.invalidValue, path: ["figure"], message: `${given} is not a figure; expected one of ${AGENT_FIGURES.join(", ")}` }]);
  }
  // A 工号 cell may hold a number.
  const given: unknown = agentId;
  if (typeof given !== "string" && !(typeof given === "number" && Number.isSafeInteger(given))) {
    return failure([{ code: IssueCode.invalidType, path: ["agentId"], message: `expected an agent id (工号), got ${describeValue(given)}` }]);
  }
  const f = figure as AgentFigure;
  const id = String(given).trim();
  return table(ranges, options, (report) => {
    const agent = report.agents.find((a) => a.agentId === id);
    const pay = report.pay.find((p) => p.agentId === id);
    const missing = (what: string, why: string): never => {
      throw new KefuKpiError([{ code: IssueCode.unknownAgent, path: ["agentId"], message: `"${agentId}" has no ${what} this month (${why})` }]);
    };
    if (f === "total") return { rows: [[(pay ?? missing("pay statement", "not in the agents range")).total]], kinds: ["money"] };
    if ((PAY_LINES as readonly string[]).includes(f)) return { rows: [[(pay ?? missing("pay statement", "not in the agents range")).lines[f as PayLineId].amount]], kinds: ["money"] };
    const a = agent ?? missing("figures", "not in the agents range nor in the data");
    if (f === "score") return { rows: [[a.score.score ?? ""]], kinds: ["money"] };
    if ((KPI_METRIC_IDS as readonly string[]).includes(f)) return { rows: [[a.kpis[f as (typeof KPI_METRIC_IDS)[number]].value ?? ""]], kinds: ["money"] };
    if (f === "orders" || f === "addressChecks") return { rows: [[String(f === "orders" ? a.sales.orders : a.addressChecks)]], kinds: ["count"] };
    return { rows: [[f === "commissionable" ? a.commissionable : a.sales[f as "gross" | "refunds" | "net"]]], kinds: ["money"] };
  });
}

/**
 * Tells which kind of record each range holds, by its header row: the kind all of whose required
 * columns it has (English ids or Chinese names; a Tmall export is orders). For spreadsheet functions
 * that take any number of ranges in any order.
 *
 * @example
 * rangesByHeader([ordersRange, rosterRange]) //=> { success: true, data: { orders: ordersRange, roster: rosterRange } }
 */
export function rangesByHeader(list: readonly unknown[]): { success: true; data: MonthRanges } | { success: false; issues: Issue[] } {
  return caught(() => byHeader(list));
}

function byHeader(list: unknown): { success: true; data: MonthRanges } | { success: false; issues: Issue[] } {
  if (!Array.isArray(list)) return { success: false, issues: [{ code: IssueCode.invalidType, path: ["ranges"], message: `expected a list of ranges, got ${describeValue(list)}` }] };
  const out: Partial<Record<RecordKind, Range>> = {};
  const issues: Issue[] = [];
  (list as readonly unknown[]).forEach((range, i) => {
    const given: unknown = range;
    if (!Array.isArray(given) && (given === 0 || isBlank(given as Cell))) return;
    if (!Array.isArray(range) || !range.every((row) => Array.isArray(row))) {
      issues.push({ code: IssueCode.invalidType, path: ["ranges", i], message: "expected a range (rows of cells)" });
      return;
    }
    if (isBlankRange(range as Range)) return;
    const kind = kindOfHeader((range as Range)[0] ?? []);
    if ("error" in kind) issues.push({ code: IssueCode.invalidValue, path: ["ranges", i], message: kind.error });
    else if (out[kind.kind]) issues.push({ code: IssueCode.invalidValue, path: ["ranges", i], message: `a second range of ${kind.kind}; give each kind once` });
    else out[kind.kind] = range as Range;
  });
  return issues.length > 0 ? { success: false, issues } : { success: true, data: out };
}

/** Turns a result into cells: the table, or one cell with the error message. */
export function toCells(result: SheetResult): OutCell[][] {
  try {
    if (isObject(result) && result["success"] === true && Array.isArray(result["data"]) && result.data.every((row) => Array.isArray(row))) return result.data;
    if (isObject(result) && result["success"] === false && typeof result["message"] === "string") return [[`#KEFU! ${result.message}`]];
  } catch (error) {
    return [[`#KEFU! ${unreadable(error).message}`]];
  }
  return [[`#KEFU! expected the result of a kefu-kpi sheet function, got ${describeValue(result)}`]];
}

// ---------------------------------------------------------------------------------------------

type ColumnKind = "text" | "count" | "money";
/** Text cells with the kind of each column; `rows[0]` is a header when `header` is set. */
interface TextTable {
  readonly rows: string[][];
  readonly kinds: readonly ColumnKind[];
  readonly header?: boolean;
}

/** A table whose first row names its columns: money and count columns are known by name. */
function withHeader(rows: string[][]): TextTable {
  const kinds = (rows[0] ?? []).map((name): ColumnKind =>
    /^(gross|refunds|net|commissionable)$|Net$/.test(name) ? "money" : /^(orders|addressChecks)$|Orders$/.test(name) ? "count" : "text",
  );
  return { rows, kinds, header: true };
}

/** A month report (of {@link sheetMonthReport}) given in place of the ranges. */
function isSheetMonthReport(input: MonthRanges | SheetMonthReport): input is SheetMonthReport {
  return typeof input === "object" && input !== null && typeof (input as { success?: unknown }).success === "boolean";
}

function table(input: MonthRanges | SheetMonthReport, options: SheetCallOptions, build: (report: MonthReport) => TextTable): SheetResult {
  return guarded(() => {
    const call = checkCallOptions(options);
    const report = isSheetMonthReport(input) ? givenReport(input) : sheetMonthReport(input, call);
    if (!report.success) return failure(report.issues);
    const { rows, kinds, header } = build(report.data);
    return { success: true, data: cells(rows, kinds, header === true, call), warnings: report.data.warnings };
  });
}

// A result of sheetMonthReport given in place of the ranges: one made here is used as it is; any
// other (a copy, one stored as JSON) must be a month report.
function givenReport(given: SheetMonthReport): SheetMonthReport {
  if (!given.success) {
    const issues: unknown = (given as { issues?: unknown }).issues;
    return Array.isArray(issues) ? given : { success: false, issues: [{ code: IssueCode.invalidType, path: ["report"], message: "expected a result of sheetMonthReport" }] };
  }
  if (made.has(given.data)) return given;
  const parsed = MonthReportSchema.safeParse(given.data);
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, issues: fromZodIssues(parsed.error.issues, { at: ["report"], code: IssueCode.invalidType, message: (m) => `expected a month report of sheetMonthReport: ${m}`, limit: 1 }) };
}

// A sheet function never throws: bad data (KefuKpiError), bad arguments (RangeError, e.g. an
// origin that is no cell address) and an input that throws when read come back as the error value.
function guarded(fn: () => SheetResult): SheetResult {
  try {
    return fn();
  } catch (error) {
    return failure(issuesOf(error));
  }
}

// Text cells to output cells: counts as numbers, money and decimals as numbers unless asked as text.
function cells(rows: readonly (readonly string[])[], kinds: readonly ColumnKind[], header: boolean, options: SheetCallOptions): OutCell[][] {
  const moneyAsNumber = options.money !== "text";
  return rows.map((row, r) =>
    row.map((cell, c): OutCell => {
      if ((header && r === 0) || cell === "") return cell;
      const kind = kinds[c];
      return kind === "count" || (kind === "money" && moneyAsNumber) ? Number(cell) : cell;
    }),
  );
}

const SHOWN = 5;

function failure(issues: readonly Issue[]): SheetResult {
  const shown = issues.slice(0, SHOWN).map(formatIssue);
  if (issues.length > SHOWN) shown.push(`… and ${issues.length - SHOWN} more`);
  return { success: false, issues, message: shown.join("; ") };
}

interface PolicyRead {
  readonly value: PolicyInput | undefined;
  readonly issues: Issue[];
  /** The row of each setting of a key/value range (`attribution.windowHours` → `设置!B3`). */
  readonly cells: Map<string, string>;
  readonly sheet: string;
}

function readPolicy(options: SheetCallOptions): PolicyRead {
  const p = options.policy;
  const sheet = options.sheets?.policy?.sheet ?? "设置";
  const empty = { value: undefined, issues: [], cells: new Map<string, string>(), sheet };
  if (p === undefined || p === null || p === "") return empty;
  if (typeof p === "string") {
    try {
      return { ...empty, value: JSON.parse(p) as PolicyInput };
    } catch (error) {
      return { ...empty, issues: [{ code: IssueCode.invalidPolicy, path: ["policy"], message: `is not valid JSON: ${(error as Error).message}` }] };
    }
  }
  if (!Array.isArray(p)) return { ...empty, value: p as PolicyInput };
  const range = p as Range;
  if (isBlankRange(range)) return empty;
  // One cell holding JSON is a policy too.
  const cells = range.flat().filter((c) => !isBlank(c));
  if (cells.length === 1 && typeof cells[0] === "string" && cells[0].trim().startsWith("{")) return readPolicy({ ...options, policy: cells[0] });
  const read = policyFromCells(range, { sheet, origin: options.sheets?.policy?.origin ?? "A1" });
  return { value: read.policy, issues: read.issues, cells: read.cells, sheet };
}

/** Places an issue of the policy (`["policy", "attribution", "windowHours"]`) at its setting's cell, when the policy came from key/value rows. */
function atPolicyCell(issue: Issue, policy: PolicyRead): Issue {
  const cell = policy.cells.get(issue.path.slice(1).join("."));
  return cell ? { ...issue, source: { file: policy.sheet, cell } } : issue;
}

// A row that is no array is not blank: the reader reports it.
function isBlankRange(range: Range): boolean {
  return range.every((row: unknown) => row === undefined || row === null || (Array.isArray(row) && isBlankRow(row as readonly Cell[])));
}


