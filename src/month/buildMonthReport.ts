import { checkOptions, readTextOption, textOption, textsOption } from "../input.js";
import { monthOf } from "../records/options.js";
import { withLazy } from "../lazy.js";
import { trafficOfPeriod } from "../traffic/shopTraffic.js";
import { lostInquiriesOfPeriod } from "../followUp/lostInquiries.js";
import { transfersOfPeriod } from "../followUp/transfers.js";
import { botsOfPeriod } from "../followUp/bots.js";
import { shopsOfPeriod } from "./shops.js";
import { cutToShop } from "../records/shops.js";
import { kpiTargets } from "../kpi/targets.js";
import { ratio, sumMoney } from "../money/decimal.js";
import { attributeMonth } from "../attribution/attributeSales.js";
import { IssueCode, KefuKpiError, safely, type Issue, type SafeResult } from "../errors.js";
import { formatFen } from "../money/fen.js";
import { formatScore } from "../grading/evaluateProbation.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { KINDS, RECORD_KINDS, type FieldSpec } from "../records/kinds.js";
import { staffGroupOf } from "../records/recordSchemas.js";
import { decodeMonth, isDecodedMonth, monthFor, type DecodedMonth } from "../records/month.js";
import type { RecordOf } from "../records/schema.js";
import { recordIndex, type Table } from "../records/table.js";
import { OK, readScore, reading } from "../records/values.js";
import { formatInstant, monthIndexOf, monthLabel } from "../time/period.js";
import { chatQcExtras, kpiSection } from "./kpiSection.js";
import { reviewChat } from "../chat/review.js";
import type { AgentReport, MonthReport, OrderReport } from "../report/schema.js";
import { checkPrevious, clawbackItems } from "./clawbacks.js";
import type { ClawbackItem } from "../pay/statement.js";
import { paySection } from "./paySection.js";
import { peopleSection, type PeopleInput } from "./peopleSection.js";
import { int32s } from "../memory.js";
import { TextColumn } from "../records/textColumn.js";

/**
 * A month of data. A kind left out is treated as empty, with a warning in the report for agents,
 * consultations and orders; the people kinds ({@link PeopleInput}) are optional.
 */
export interface MonthInput extends PeopleInput {
  readonly agents?: readonly RecordOf<"agents">[];
  readonly consultations?: readonly RecordOf<"consultations">[];
  /** The chat log: without consultations, the consultations its messages make (the agents' `accounts` link them); with them, checked against them. */
  readonly messages?: readonly RecordOf<"messages">[];
  readonly orders?: readonly RecordOf<"orders">[];
  /** Each order's shipment (发货, 揽收) and the order anomalies, for the shipping service levels (left out: those checks have no data). */
  readonly shipments?: readonly RecordOf<"shipments">[];
  readonly orderAnomalies?: readonly RecordOf<"orderAnomalies">[];
  /** KPI inputs; each left out means "no such data": its metrics are null. */
  readonly tickets?: readonly RecordOf<"tickets">[];
  readonly afterSales?: readonly RecordOf<"afterSales">[];
  readonly reviews?: readonly RecordOf<"reviews">[];
  readonly qc?: readonly RecordOf<"qc">[];
  readonly calls?: readonly RecordOf<"calls">[];
  /** The shop's visitors per day (流量): the report's traffic section (left out: none). */
  readonly traffic?: readonly RecordOf<"traffic">[];
}

export interface MonthReportOptions {
  /** `YYYY-MM`; by default the month most paid orders fall in (the earliest on a tie). */
  readonly month?: string;
  /** Warnings from whoever read the input (e.g. the folder reader), carried into the report. */
  readonly warnings?: readonly string[];
  /**
   * The settled report of an earlier month of the same shop: refunds of its orders booked since
   * (the orders input showing a larger refund than that report) claw back the commission they had
   * earned. Refused (an issue at `previous…`) when not settled, not of an earlier month, of
   * another shop, or when one of its orders' ids names another order in this month's input.
   */
  readonly previous?: MonthReport;
  /**
   * One shop's report (店铺): the sales, KPIs and every section from the records of this shopId
   * only; the people rules and pay stay the team's, over all shops (an agent is paid once). Refused
   * (an issue at `options.shop`, or at the kind) when no record names the shop, or when a kind of
   * the shop's business has records that name no shop.
   */
  readonly shop?: string;
}

/**
 * Computes the month report: sales attribution (R1) per agent and for the shop, with every booked
 * order explained; the KPIs and scorecards (R2); grades, discipline, rewards, the roster and the
 * duties (R3, R4, R6); the pay statements (R5).
 *
 * @param input - the month's records (decoded once here), or a month decoded by `decodeMonth` (the
 *   folder reader and the sheets pass one)
 * @param policy - a policy or any part of one; with a decoded month, leave it out or give the
 *   policy the month was decoded under
 * @throws {KefuKpiError} listing every invalid record, field or policy value
 * @example
 * const report = buildMonthReport({ agents, consultations, orders }, { attribution: { rule: "pay" } })
 * report.shop.sales.net //=> "12345.60"
 */
export function buildMonthReport(
  input: MonthInput | DecodedMonth,
  policy?: PolicyInput | Policy,
  options: MonthReportOptions = {},
): MonthReport {
  const decoded = isDecodedMonth(input) ? monthFor(input, policy, RECORD_KINDS) : decodeMonth(input, policy);
  requireForMonth(decoded);
  const opts = checkOptions(options, ["month", "warnings", "previous", "shop"]);
  const shop = textOption(opts, "shop");
  if (shop !== undefined) return shopReport(decoded, shop, options);
  const givenMonth = readTextOption(opts, "month", (label) => monthOf(decoded, label).label);
  const resolved = decoded.policy;
  const { zone } = decoded;
  const given = decoded.tables;
  const warnings = [...(textsOption(opts, "warnings") ?? []), ...decoded.warnings];
  if (given.orders === undefined) warnings.push("no orders (file) given: the month has no sales");
  if (given.consultations === undefined) {
    warnings.push("no consultations (file) given: every paid order counts as fully silent (全静默)");
  }
  if (given.agents === undefined) {
    warnings.push("no agents (file) given: agents are listed by the ids seen in the data, without name, group or grade");
    warnings.push("no agents (file) given: no pay statements (the base salary follows the grade)");
  } else {
    // The two people kinds whose absence changes a pay line: said, as a missing KPI kind is.
    if (given.violations === undefined && given.complaints === undefined && given.attendance === undefined) warnings.push("no violations (file) given: no fines and no penalty-ladder dismissals in the pay statements");
    else if (given.violations === undefined) {
      const others = [given.complaints === undefined ? null : "the upheld complaints", given.attendance === undefined ? null : "the attendance"].filter((x) => x !== null);
      warnings.push(`no violations (file) given: only ${others.join(" and ")} step the penalty ladders`);
    }
    if (given.attendance !== undefined && given.roster === undefined) warnings.push("no roster (file) given: the attendance is checked against nothing (no late, early or absent)");
    if (given.attendance === undefined && given.roster !== undefined) warnings.push("no attendance (file) given: no late, early or absent is checked against the roster");
    if (given.rewards === undefined) warnings.push("no rewards (file) given: no rewards in the pay statements");
  }

  const month = givenMonth ?? busiestMonth(decoded);
  const { result: sales, credits } = attributeMonth(withOrders(decoded), { period: month });
  const period = monthOf(decoded, month);
  warnings.push(...credits.rowOrderTies);
  const elsewhere = emptyMonthWarning(decoded, month);
  if (elsewhere !== null) warnings.push(elsewhere);
  if (sales.shop.unlinkedOrders > 0) {
    warnings.push(
      `${sales.shop.unlinkedOrders} paid orders of ${month} have no buyer id, so they cannot be linked to chats and count as fully silent`,
    );
  }

  // The chat standards (R8) over the month's chat log; their findings may be QC deductions (chat.qcPoints).
  const chat = decoded.chat === undefined ? null : reviewChat(decoded, period);
  const chatQc = chat === null ? [] : chatQcExtras(decoded, chat.found);
  const kpi = kpiSection(decoded, month, given.orders === undefined ? null : credits.credited, sales.agents.map((a) => a.agentId), chatQc);
  warnings.push(...kpi.warnings);
  // The shop's traffic (seed 001): visitors against paying buyers and sales, per day.
  const traffic = given.traffic === undefined ? null : trafficOfPeriod(decoded, period);
  if (traffic !== null) warnings.push(...traffic.warnings);
  // The inquiring buyers who bought nothing within the window (询单流失), for the lead to follow up.
  const lostInquiries = given.orders === undefined ? null : lostInquiriesOfPeriod(decoded, period);
  // The transfers (转接) the consultations name, per agent out and in.
  const transfers = transfersOfPeriod(decoded, period);
  if (transfers !== null) warnings.push(...transfers.warnings);
  const agentReports: AgentReport[] = sales.agents.map((a) => {
    const measured = kpi.agents.get(a.agentId)!;
    return {
      agentId: a.agentId,
      name: decodedName(decoded, a.agentId),
      group: decodedGroup(decoded, a.agentId),
      grade: decodedGrade(decoded, a.agentId),
      sales: a.sales,
      commissionable: a.commissionable,
      breakdown: a.breakdown,
      addressChecks: a.addressChecks,
      kpis: measured.kpis,
      score: measured.score,
    };
  });

  // Every booked order explained, on first read of `report.orders` (a month of a million orders
  // makes no order objects unless they are read), by orderId: the same month in another row order
  // lists its orders alike.
  const o = given.orders?.columns;
  const bookedByOrderId = (): number[] => {
    const list: number[] = [];
    if (o === undefined) return list;
    for (let i = 0; i < credits.booked.length; i++) if (credits.booked[i] === 1) list.push(i);
    const ids = o.orderId;
    return list.sort((a, b) => ids.compare(a, b));
  };
  const orderReport = (i: number): OrderReport => {
    const order = credits.explainAt(i);
    const gross = o!.amount[i]!;
    const refunds = o!.refundAmount[i]! === o!.refundAmount[i]! ? o!.refundAmount[i]! : 0;
    return {
      orderId: order.orderId,
      status: order.status as OrderReport["status"],
      paidAt: formatInstant(o!.paidAt[i]!, zone),
      gross: formatFen(gross),
      refunds: formatFen(refunds),
      net: formatFen(gross - refunds),
      placeAgent: order.placeAgent,
      placeConsultationId: order.placeConsultationId,
      payAgent: order.payAgent,
      payConsultationId: order.payConsultationId,
      creditedAgent: order.creditedAgent,
      creditedBy: order.creditedBy,
      flag: order.flag,
      excluded: order.excluded,
      botConsultationId: order.botConsultationId,
    };
  };
  const orderReports = (): OrderReport[] => bookedByOrderId().map(orderReport);
  function* eachOrderReport(): Generator<OrderReport, void, undefined> {
    for (const i of bookedByOrderId()) yield orderReport(i);
  }

  // This month's scorecard scores (R2) join the people rules' scores (the promotion gate, the
  // ranking) and pay's KPI bonus; a score the scores file gives for this month is the lead's word.
  const scores = monthScores(decoded, agentReports, month, warnings);
  const peopleResult = peopleSection(scores.month, month, credits, scores.byAgent);
  const peopleReport = peopleResult.report;
  warnings.push(...peopleResult.warnings);
  // Fit for early regularization is the lead's call: until the agents file moves probationEndsAt,
  // the agent is on probation, so this month's KPIs are not scored and earn no bonus. Said here,
  // where the two families meet, so the lead sees why.
  for (const s of peopleReport.standings) {
    if (s.probation.status !== "earlyRegularization" || s.dismissed) continue;
    warnings.push(
      `${s.agentId}: the probation evaluation allows early regularization (提前转正), but probationEndsAt is ${s.probation.endsOn ?? "later"}: ` +
        `${month}'s KPIs are measured, not scored, and earn no KPI bonus; to regularize early, move probationEndsAt in the agents file`,
    );
  }
  const shopIds = shopIdsOf(decoded);
  const previous =
    options.previous === undefined ? undefined : checkPrevious(options.previous, { month, shop: resolved.shop, shopIds, orders: given.orders, zone });
  const clawbacks = previous ? clawbackItems(previous, given.orders) : new Map<string, ClawbackItem>();
  const pay = paySection({
    month,
    decoded,
    people: peopleReport,
    rewardDays: peopleResult.rewardDays,
    employment: peopleResult.employment,
    onProbation: peopleResult.onProbation,
    credits,
    scores: scores.byAgent,
    clawbacks,
  });
  warnings.push(...pay.warnings);

  const report: MonthReport = {
    kind: "kefu-kpi/month-report",
    version: 1,
    month,
    period: { start: formatInstant(period.start, zone), end: formatInstant(period.end, zone) },
    policy: resolved,
    warnings,
    // The month at a glance, for the dashboard: each figure from the sections below, once.
    summary: {
      silentShare: { orders: ratio(sales.shop.silent.orders, sales.shop.sales.orders, 4), net: ratio(sales.shop.silent.net, sales.shop.sales.net, 4) },
      creditedShare: { orders: ratio(sales.shop.credited.orders, sales.shop.sales.orders, 4), net: ratio(sales.shop.credited.net, sales.shop.sales.net, 4) },
      payTotal: sumMoney(pay.statements.map((s) => s.total)),
    },
    shop: { ...sales.shop, kpis: kpi.shop, ids: shopIds },
    agents: agentReports,
    qcDeductions: kpi.qcDeductions,
    serviceLevels: kpi.serviceLevels,
    chat: chat === null ? null : chat.review,
    traffic,
    lostInquiries,
    transfers,
    bots: botsOfPeriod(decoded, period, given.orders === undefined ? null : sales.shop),
    // A team serving several shops: the month shop by shop.
    shops: shopsOfPeriod(decoded, period, given.orders === undefined ? null : credits),
    targets: kpiTargets(resolved.kpi.targets, kpi.shop, agentReports),
    orders: [], // made on first read, below (the key keeps its place)
    people: peopleReport,
    pay: pay.statements,
  };
  return withLazy(report, "orders", orderReports, { each: eachOrderReport });
}

/**
 * One shop's month report: every section from the shop's records, in the month the whole team's
 * report is of; the people rules and pay from the whole team's (an agent's grade, fines and pay
 * are one, whatever shops it served), said in a warning.
 */
function shopReport(decoded: DecodedMonth, shop: string, options: MonthReportOptions): MonthReport {
  const { shop: _shop, ...teamOptions } = options;
  const cut = cutToShop(decoded, shop);
  const team = buildMonthReport(decoded, undefined, teamOptions);
  const one = buildMonthReport(cut, undefined, { month: team.month, ...(options.warnings === undefined ? {} : { warnings: options.warnings }) }) as { -readonly [K in keyof MonthReport]: MonthReport[K] };
  // The report is of this shop, whether or not its orders name it (a shop of chats and no orders).
  one.shop = { ...one.shop, ids: [shop] };
  one.people = team.people;
  one.pay = team.pay;
  if (one.summary !== null && team.summary !== null) one.summary = { ...one.summary, payTotal: team.summary.payTotal };
  // The shop's warnings, but those of the people rules and pay: the team's.
  const teams = /^(scores|rewards|pay): /;
  one.warnings = [
    `shop ${JSON.stringify(shop)} alone: the sales, KPIs and sections are this shop's records only; the people rules and pay are the team's, over all shops`,
    ...one.warnings.filter((w) => !teams.test(w)),
    ...team.warnings.filter((w) => teams.test(w)),
  ];
  return one;
}

/** The month report lists every order of the month: a month without an orders file has none. */
function withOrders(month: DecodedMonth): DecodedMonth {
  if (month.tables.orders !== undefined) return month;
  return { ...month, tables: { ...month.tables, orders: { kind: "orders", count: 0, columns: emptyOrders(), given: new Set(), source: null, locators: null } } };
}

function emptyOrders() {
  const f = new Float64Array(0);
  const i = new Int32Array(0);
  return { orderId: TextColumn.EMPTY, buyerId: i, createdAt: f, paidAt: f, amount: f, refundAmount: f, remarkAgentId: i, flag: new Int8Array(0), shopId: null };
}

const GRADES = KINDS.agents.fields.grade.values;

function decodedName(month: DecodedMonth, agentId: string): string | null {
  const a = month.agents.find(agentId);
  const t = month.tables.agents;
  if (a === undefined || t === undefined || a >= t.count) return null;
  return t.columns.name?.at(a) || null;
}

function decodedGroup(month: DecodedMonth, agentId: string): AgentReport["group"] {
  const a = month.agents.find(agentId);
  const t = month.tables.agents;
  if (a === undefined || t === undefined || a >= t.count) return null;
  return staffGroupOf(t.columns.group[a]!);
}

function decodedGrade(month: DecodedMonth, agentId: string): AgentReport["grade"] {
  const a = month.agents.find(agentId);
  const t = month.tables.agents;
  if (a === undefined || t === undefined || a >= t.count) return null;
  const g = t.columns.grade[a]!;
  return g >= 0 ? GRADES[g]! : null;
}

/** The month report needs every agent's name, group and grade (the scorecard, the base salary). */
function requireForMonth(month: DecodedMonth): void {
  const agents = month.tables.agents;
  if (agents === undefined) return;
  const issues: Issue[] = [];
  const fields = KINDS.agents.fields as Readonly<Record<string, FieldSpec>>;
  const needed = Object.keys(fields).filter((f) => fields[f]!.forMonth);
  const c = agents.columns as unknown as Record<string, ArrayLike<unknown> | null>;
  for (let i = 0; i < agents.count; i++) {
    for (const field of needed) {
      const col = c[field];
      const v = col === null || col === undefined ? undefined : col instanceof TextColumn ? col.at(i) : col[i];
      if (v !== undefined && v !== "" && v !== -1) continue;
      issues.push({
        code: IssueCode.missingField,
        path: ["agents", recordIndex(agents, i), field],
        message: `is missing; the month report needs every agent's ${field}${field === "grade" ? " (the base salary follows it)" : field === "group" ? " (it picks the scorecard)" : ""}`,
        recordId: `agentId ${JSON.stringify(agents.columns.agentId.at(i))}`,
      });
    }
  }
  if (issues.length > 0) throw new KefuKpiError(issues.slice(0, 200));
}

/**
 * The month's scores: the scores file's rows, plus the scorecard's score of each agent scored this
 * month that the file does not score this month (a difference between the two is a warning); and
 * each agent's score of the month as text (the file's, else the scorecard's; null when none).
 */
function monthScores(
  decoded: DecodedMonth,
  agents: readonly AgentReport[],
  month: string,
  warnings: string[],
): { month: DecodedMonth; byAgent: Map<string, string | null> } {
  const target = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  const table = decoded.tables.scores;
  const fromFile = new Map<number, number>();
  for (let i = 0; i < (table?.count ?? 0); i++) if (table!.columns.month[i] === target) fromFile.set(table!.columns.agentId[i]!, table!.columns.score[i]!);
  const byAgent = new Map<string, string | null>();
  const added: { agent: number; hundredths: number }[] = [];
  for (const a of agents) {
    const computed = a.score.status === "scored" ? a.score.score : null;
    const agent = decoded.agents.find(a.agentId)!;
    const filed = fromFile.get(agent);
    if (filed !== undefined) {
      const text = formatScore(filed);
      byAgent.set(a.agentId, text);
      if (computed !== null && filed !== hundredths(computed)) {
        warnings.push(`scores: ${a.agentId}'s ${month} score is ${text} in the scores file, ${computed} by the scorecard; the file's is used`);
      }
    } else {
      byAgent.set(a.agentId, computed);
      if (computed !== null) added.push({ agent, hundredths: hundredths(computed) });
    }
  }
  return { month: withScores(decoded, target, added), byAgent };
}

/** A scorecard score (`"86.50"`) in hundredths. */
function hundredths(score: string): number {
  const out = reading();
  if (readScore(score, out) !== OK) throw new Error(`scorecard score ${score} is not a score 0–100`);
  return out.num;
}

/** The month with `added` scores of month index `target` after the scores table's rows. */
function withScores(decoded: DecodedMonth, target: number, added: readonly { agent: number; hundredths: number }[]): DecodedMonth {
  if (added.length === 0) return decoded;
  const table = decoded.tables.scores;
  const n = table?.count ?? 0;
  const column = (from: Int32Array | undefined, value: (k: number) => number): Int32Array => {
    const col = int32s(n + added.length);
    if (from !== undefined) col.set(from.subarray(0, n));
    for (let k = 0; k < added.length; k++) col[n + k] = value(k);
    return col;
  };
  const scores: Table<"scores"> = {
    kind: "scores",
    count: n + added.length,
    columns: {
      agentId: column(table?.columns.agentId, (k) => added[k]!.agent),
      month: column(table?.columns.month, () => target),
      score: column(table?.columns.score, (k) => added[k]!.hundredths),
    },
    given: table?.given ?? new Set(["agentId", "month", "score"]),
    source: table?.source ?? null,
    // The added rows are no file's: they are never named in an issue (one per agent without a row of the month).
    locators: table?.locators ? column(table.locators, () => 0) : null,
  };
  return { ...decoded, tables: { ...decoded.tables, scores } };
}

/** {@link buildMonthReport} returning `{ success, data | issues }` instead of throwing. */
export function safeBuildMonthReport(
  input: MonthInput | DecodedMonth,
  policy?: PolicyInput | Policy,
  options?: MonthReportOptions,
): SafeResult<MonthReport> {
  return safely(() => buildMonthReport(input, policy, options));
}

/** The month (`YYYY-MM`) in which most orders were paid; the earliest such month on a tie. */
export function busiestMonth(month: DecodedMonth): string {
  const orders = month.tables.orders;
  const best = orders === undefined ? -1 : mostCommonMonth(month, orders.columns.paidAt);
  if (best < 0) {
    throw new KefuKpiError([
      { code: IssueCode.invalidValue, path: ["month"], message: "no paid orders to choose the month by; give the month (YYYY-MM) explicitly" },
    ]);
  }
  return monthLabel(best);
}

/**
 * The month (as `monthIndexOf` numbers it) most of the instants fall in, cut in the month's zone at
 * its cut-over; the earliest on a tie; -1 when none counts. An empty instant (NaN) never counts, nor
 * one `keep` refuses.
 */
export function mostCommonMonth(month: DecodedMonth, instants: Float64Array, keep: (i: number) => boolean = () => true): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < instants.length; i++) {
    const t = instants[i]!;
    if (t !== t || !keep(i)) continue;
    const m = monthIndexOf(t, month.zone, month.cutover);
    counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  let best = -1;
  let bestCount = 0;
  for (const [m, n] of counts) {
    if (n > bestCount || (n === bestCount && m < best)) {
      best = m;
      bestCount = n;
    }
  }
  return best;
}

/** The distinct shopIds of the orders (sorted): with the policy's `shop`, what identifies the report's shop. */
function shopIdsOf(month: DecodedMonth): string[] {
  const ids = month.tables.orders?.columns.shopId;
  if (!ids) return [];
  return [...new Set(ids.toArray().filter((id) => id !== ""))].sort();
}

/**
 * A warning when no order was placed or paid and no consultation started in `month`: the month was
 * probably mistyped (its pay would be base salaries alone). It names where the data is: the months
 * orders were paid in (else placed in, else consultations started in), the busiest first.
 */
export function emptyMonthWarning(decoded: DecodedMonth, month: string): string | null {
  const target = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  const { zone, cutover } = decoded;
  const tally = (values: Float64Array | undefined, count: number): Map<number, number> | null => {
    const counts = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const ms = values![i]!;
      if (ms !== ms) continue;
      const m = monthIndexOf(ms, zone, cutover);
      if (m === target) return null;
      counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    return counts;
  };
  const o = decoded.tables.orders;
  const c = decoded.tables.consultations;
  const paid = tally(o?.columns.paidAt, o?.count ?? 0);
  const placed = paid && tally(o?.columns.createdAt, o?.count ?? 0);
  const started = placed && tally(c?.columns.startedAt, c?.count ?? 0);
  if (paid === null || placed === null || started === null) return null;
  const [where, what] = paid.size > 0 ? [paid, "paid orders"] : placed.size > 0 ? [placed, "placed orders"] : [started, "consultations"];
  if (where.size === 0) return `${month} has no orders and no consultations: its pay is base salaries alone`;
  const months = [...where].sort(([a, x], [b, y]) => y - x || a - b);
  const shown = months.slice(0, 3).map(([m, n]) => `${monthLabel(m)} (${n})`).join(", ");
  const more = months.length > 3 ? ` and ${months.length - 3} more months` : "";
  return `${month} has no order placed or paid and no consultation started in it; the data's ${what} are in ${shown}${more}: is the month right?`;
}
