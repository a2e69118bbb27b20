import { attributeSales, type SalesInput } from "../attribution/attributeSales.js";
import type { ConsultationLike, OrderLike } from "../attribution/columns.js";
import { IssueCode, KefuKpiError, safely, type Issue, type SafeResult } from "../errors.js";
import { formatFen, parseFen } from "../money/fen.js";
import { resolvePolicy } from "../policy/resolve.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import type * as z from "zod";
import { repeatedIds } from "../ids/repeatedIds.js";
import { AgentSchema, type Agent } from "../schema/records.js";
import { parseInstant } from "../time/parse.js";
import { formatInstant, monthIndexOf, monthLabel, monthPeriod, parseTimeOfDay } from "../time/period.js";
import { type Zone, zoneOf } from "../time/zone.js";
import type { AfterSale, PhoneCall, QcInspection, ServiceReview, Ticket } from "../kpi/schema.js";
import { kpiSection } from "./kpiSection.js";
import { MonthReportSchema, type AgentReport, type MonthReport, type OrderReport } from "./schema.js";
import { checkInput, checkOptions, describeValue, isObject, OPTION_FORMS, quoteValue, readTextOption, textsOption } from "../input.js";
import { RECORD_KINDS } from "../schema/kinds.js";
import { clawbackItems } from "./clawbacks.js";
import { paySection } from "./paySection.js";
import { peopleSection, type PeopleInput } from "./peopleSection.js";

/**
 * A month of data. A kind left out is treated as empty, with a warning in the report for agents,
 * consultations and orders; the people kinds ({@link PeopleInput}) are optional.
 */
export interface MonthInput extends PeopleInput {
  readonly agents?: readonly Agent[];
  readonly consultations?: readonly ConsultationLike[];
  readonly orders?: readonly OrderLike[];
  /** KPI inputs (R2); each left out means "no such data": its metrics are null. */
  readonly tickets?: readonly Ticket[];
  readonly afterSales?: readonly AfterSale[];
  readonly reviews?: readonly ServiceReview[];
  readonly qc?: readonly QcInspection[];
  readonly calls?: readonly PhoneCall[];
}

export interface MonthReportOptions {
  /** `YYYY-MM`; by default the month most paid orders fall in (the earliest on a tie). */
  readonly month?: string;
  /** Warnings from whoever read the input (e.g. the folder reader), carried into the report. */
  readonly warnings?: readonly string[];
  /**
   * The settled report of an earlier month: refunds of its orders booked since (the orders input
   * showing a larger refund than that report) claw back the commission they had earned (R5).
   */
  readonly previous?: MonthReport;
}

/**
 * Computes the month report: sales attribution (R1) per agent and for the shop, with every booked
 * order explained. Later rule families (KPIs, grades, pay) join it here.
 *
 * @throws {KefuKpiError} listing every invalid record, field or policy value
 * @example
 * const report = buildMonthReport({ agents, consultations, orders }, { attribution: { rule: "pay" } })
 * report.shop.sales.net //=> "12345.60"
 */
export function buildMonthReport(
  input: MonthInput,
  policy?: PolicyInput | Policy,
  options: MonthReportOptions = {},
): MonthReport {
  checkInput(input, RECORD_KINDS);
  const opts = checkOptions(options, ["month", "warnings", "previous"]);
  const resolved = resolvePolicy(policy);
  const zone = zoneOf(resolved);
  const cutover = parseTimeOfDay(resolved.businessDayStartsAt);
  const givenMonth = readTextOption(opts, "month", (label) => monthPeriod(label, zone, cutover).label);
  const previous = previousReport(opts["previous"]);
  const agents = validateAgents(input.agents ?? []);
  const orders = input.orders ?? [];
  const consultations = input.consultations ?? [];
  const warnings = [...(textsOption(opts, "warnings") ?? [])];
  if (input.orders === undefined) warnings.push("no orders (file) given: the month has no sales");
  if (input.consultations === undefined) {
    warnings.push("no consultations (file) given: every paid order counts as fully silent (全静默)");
  }
  if (input.agents === undefined) {
    warnings.push("no agents (file) given: agents are listed by the ids seen in the data, without name, group or grade");
    warnings.push("no agents (file) given: no pay statements (the base salary follows the grade)");
  }

  rejectDuplicateConsultations(consultations);
  const month = givenMonth ?? busiestMonth(orders, zone, cutover);
  const salesInput: SalesInput =
    input.agents === undefined ? { orders, consultations } : { orders, consultations, agents };
  const sales = attributeSales(salesInput, resolved, { period: month });
  const period = monthPeriod(month, zone, cutover);
  if (sales.shop.unlinkedOrders > 0) {
    warnings.push(
      `${sales.shop.unlinkedOrders} paid orders of ${month} have no buyer id, so they cannot be linked to chats and count as fully silent`,
    );
  }

  const credits = sales.orders.map((o) => ({ orderId: o.orderId, agentId: o.creditedAgent }));
  const kpi = kpiSection(input, resolved, month, zone, cutover, credits, sales.agents.map((a) => a.agentId));
  warnings.push(...kpi.warnings);
  const roster = new Map(agents.map((a) => [a.agentId, a]));
  const agentReports: AgentReport[] = sales.agents.map((a) => {
    const known = roster.get(a.agentId);
    const measured = kpi.agents.get(a.agentId)!;
    return {
      agentId: a.agentId,
      name: known?.name ?? null,
      group: known?.group ?? null,
      grade: known?.grade ?? null,
      sales: a.sales,
      commissionable: a.commissionable,
      breakdown: a.breakdown,
      addressChecks: a.addressChecks,
      kpis: measured.kpis,
      score: measured.score,
    };
  });

  const orderReports: OrderReport[] = [];
  sales.orders.forEach((o, i) => {
    if (!o.booked || o.status === "unpaid") return;
    const source = orders[i]!;
    const gross = parseFen(source.amount);
    const refunds = source.refundAmount === undefined || source.refundAmount === null || source.refundAmount === "" ? 0 : parseFen(source.refundAmount);
    orderReports.push({
      orderId: o.orderId,
      status: o.status,
      paidAt: formatInstant(parseInstant(source.paidAt, zone), zone),
      gross: formatFen(gross),
      refunds: formatFen(refunds),
      net: formatFen(gross - refunds),
      placeAgent: o.placeAgent,
      placeConsultationId: o.placeConsultationId,
      payAgent: o.payAgent,
      payConsultationId: o.payConsultationId,
      creditedAgent: o.creditedAgent,
      creditedBy: o.creditedBy,
    });
  });

  // This month's scorecard scores (R2) join the people rules' scores (the promotion gate, the
  // ranking) and pay's KPI bonus; a score the scores file gives for this month is the lead's word.
  const scores = monthScores(input.scores, agentReports, month, warnings);
  const people = peopleSection({ ...input, scores: scores.records }, input.agents === undefined ? undefined : agents, resolved, month, sales);
  // Fit for early regularization is the lead's call: until the agents file moves probationEndsAt,
  // the agent is on probation, so this month's KPIs are not scored and earn no bonus. Said here,
  // where the two families meet, so the lead sees why.
  for (const s of people.standings) {
    if (s.probation.status !== "earlyRegularization" || s.dismissed) continue;
    warnings.push(
      `${s.agentId}: the probation evaluation allows early regularization (提前转正), but probationEndsAt is ${s.probation.endsOn ?? "later"}: ` +
        `${month}'s KPIs are measured, not scored, and earn no KPI bonus; to regularize early, move probationEndsAt in the agents file`,
    );
  }
  if (previous && previous.month >= month) {
    throw new KefuKpiError([{ code: IssueCode.invalidValue, path: ["previous", "month"], message: `the previous report is of ${previous.month}, not of a month before ${month}` }]);
  }
  const clawbacks = previous ? clawbackItems(previous, orders) : new Map();
  const pay = paySection({ month, agents, people, orders: orderReports, scores: scores.byAgent, clawbacks, policy: resolved, zone, cutover });

  return {
    kind: "kefu-kpi/month-report",
    version: 1,
    month,
    period: { start: formatInstant(period.start, zone), end: formatInstant(period.end, zone) },
    policy: resolved,
    warnings,
    shop: { ...sales.shop, kpis: kpi.shop },
    agents: agentReports,
    qcDeductions: kpi.qcDeductions,
    serviceLevels: kpi.serviceLevels,
    orders: orderReports,
    people,
    pay,
  };
}

// The settled report of an earlier month, as a report it must be: a malformed one is an issue at
// options.previous, never a TypeError in the clawbacks.
function previousReport(value: unknown): MonthReport | undefined {
  if (value === undefined) return undefined;
  const parsed = MonthReportSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  if (!isObject(value) || value["kind"] !== "kefu-kpi/month-report") {
    throw new KefuKpiError([{ code: IssueCode.invalidType, path: ["options", "previous"], message: `expected ${OPTION_FORMS.previous} (a kefu-kpi month report), got ${describeValue(value)}` }]);
  }
  throw new KefuKpiError(
    parsed.error.issues.slice(0, 20).map((issue): Issue => ({
      code: IssueCode.invalidValue,
      path: ["options", "previous", ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
      message: `is not as in a month report: ${issue.message}`,
    })),
  );
}

/**
 * The month's scores: the scores file's rows, plus the scorecard's score of each agent scored this
 * month that the file does not score this month (a difference between the two is a warning).
 */
function monthScores(
  given: readonly unknown[] | undefined,
  agents: readonly AgentReport[],
  month: string,
  warnings: string[],
): { records: unknown[]; byAgent: Map<string, string | null> } {
  const records = [...(given ?? [])];
  const byAgent = new Map<string, string | null>();
  const fromFile = new Map<string, unknown>();
  for (const row of records) {
    const r = row as { agentId?: unknown; month?: unknown; score?: unknown } | null;
    if (r && r.month === month && typeof r.agentId === "string") fromFile.set(r.agentId, r.score);
  }
  for (const a of agents) {
    const computed = a.score.status === "scored" ? a.score.score : null;
    const filed = fromFile.get(a.agentId);
    if (filed !== undefined) {
      // The scores file's rows are validated with the people rules; a value of another type is reported there.
      const text = typeof filed === "string" ? filed.trim() : typeof filed === "number" ? String(filed) : "";
      byAgent.set(a.agentId, text);
      if (computed !== null && Number(text) !== Number(computed)) {
        warnings.push(`scores: ${a.agentId}'s ${month} score is ${text} in the scores file, ${computed} by the scorecard; the file's is used`);
      }
    } else {
      byAgent.set(a.agentId, computed);
      if (computed !== null) records.push({ agentId: a.agentId, month, score: computed });
    }
  }
  return { records, byAgent };
}

/**
 * Evaluates the whole month in one call (R1–R6, DOMAIN.md): attribution → KPIs and scorecards →
 * grades, discipline, rewards, roster and duties → pay. The same as {@link buildMonthReport}.
 *
 * @example
 * const month = evaluateMonth({ agents, consultations, orders, roster, violations, rewards, scores }, policy, { month: "2020-02" })
 * month.pay[0].total //=> "4583.41"
 */
export const evaluateMonth = buildMonthReport;

/** {@link evaluateMonth} returning `{ success, data | issues }` instead of throwing. */
export const safeEvaluateMonth = (input: MonthInput, policy?: PolicyInput | Policy, options?: MonthReportOptions): SafeResult<MonthReport> =>
  safely(() => buildMonthReport(input, policy, options));

/** {@link buildMonthReport} returning `{ success, data | issues }` instead of throwing. */
export function safeBuildMonthReport(
  input: MonthInput,
  policy?: PolicyInput | Policy,
  options?: MonthReportOptions,
): SafeResult<MonthReport> {
  return safely(() => buildMonthReport(input, policy, options));
}

// Attribution does not need consultation ids to be unique (its hot path skips the check), but a
// repeated id is a repeated row, and the KPIs that join the month report count rows.
function rejectDuplicateConsultations(consultations: readonly ConsultationLike[]): void {
  const issues: Issue[] = [];
  // A missing id is reported by attribution.
  for (const [i, first] of repeatedIds(consultations.length, (r) => consultations[r]?.consultationId)) {
    const id = consultations[i]!.consultationId;
    issues.push({
      code: IssueCode.duplicateId,
      path: ["consultations", i, "consultationId"],
      message: `"${id}" appears more than once (first at consultations[${first}]); each consultation must be listed once`,
      recordId: `consultationId "${id}"`,
    });
  }
  if (issues.length > 0) throw new KefuKpiError(issues);
}

function validateAgents(agents: readonly Agent[]): Agent[] {
  const issues: Issue[] = [];
  const valid: Agent[] = [];
  agents.forEach((agent, i) => {
    const parsed = AgentSchema.safeParse(agent);
    if (parsed.success) valid.push(parsed.data);
    else {
      const id = (agent as { agentId?: unknown } | null)?.agentId;
      for (const issue of parsed.error.issues) {
        const base = {
          code: issue.code === "unrecognized_keys" ? IssueCode.invalidValue : issue.code === "invalid_type" ? IssueCode.invalidType : IssueCode.invalidValue,
          path: ["agents", i, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
          message: agentIssueMessage(issue, agent),
        };
        issues.push(typeof id === "string" && id !== "" ? { ...base, recordId: `agentId "${id}"` } : base);
      }
    }
  });
  if (issues.length > 0) throw new KefuKpiError(issues);
  return valid;
}

function agentIssueMessage(issue: z.core.$ZodIssue, agent: unknown): string {
  if (issue.code === "unrecognized_keys") return `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  const field = issue.path[0];
  const value = typeof field === "string" ? (agent as Record<string, unknown> | null)?.[field] : undefined;
  if (issue.code === "invalid_value") {
    return `${quoteValue(value)} is not one of ${issue.values.map(String).join(", ")}`;
  }
  if (value === undefined) return "is missing";
  return issue.message;
}

/** The month (`YYYY-MM`) in which most orders were paid; the earliest such month on a tie. */
export function busiestMonth(orders: readonly OrderLike[], zone: Zone, cutover: number): string {
  const counts = new Map<number, number>();
  for (const order of orders) {
    const paid = order?.paidAt;
    if (typeof paid !== "string" || paid === "") continue;
    const ms = parseInstant(paid, zone);
    if (Number.isNaN(ms)) continue; // reported by attribution
    const m = monthIndexOf(ms, zone, cutover);
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
  if (best < 0) {
    throw new KefuKpiError([
      { code: IssueCode.invalidValue, path: ["month"], message: "no paid orders to choose the month by; give the month (YYYY-MM) explicitly" },
    ]);
  }
  return monthLabel(best);
}
