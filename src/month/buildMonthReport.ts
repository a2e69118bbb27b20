import { attributeSales, type SalesInput } from "../attribution/attributeSales.js";
import type { ConsultationLike, OrderLike } from "../attribution/columns.js";
import { IssueCode, KefuKpiError, toSafe, type Issue, type SafeResult } from "../errors.js";
import { formatFen, parseFen } from "../money/fen.js";
import { resolvePolicy } from "../policy/resolve.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import type * as z from "zod";
import { repeatedIds } from "../ids/repeatedIds.js";
import { AgentSchema, type Agent } from "../schema/records.js";
import { parseInstant } from "../time/parse.js";
import { formatInstant, monthIndexOf, monthLabel, monthPeriod, parseTimeOfDay } from "../time/period.js";
import { createZone, type Zone } from "../time/zone.js";
import type { AfterSale, PhoneCall, QcInspection, ServiceReview, Ticket } from "../kpi/schema.js";
import { kpiSection } from "./kpiSection.js";
import type { AgentReport, MonthReport, OrderReport } from "./schema.js";
import { checkPrevious, clawbackItems } from "./clawbacks.js";
import type { ClawbackItem } from "../pay/statement.js";
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
   * The settled report of an earlier month of the same shop: refunds of its orders booked since
   * (the orders input showing a larger refund than that report) claw back the commission they had
   * earned (R5). Refused (an issue at `previous…`) when not settled, not of an earlier month, of
   * another shop, or when one of its orders' ids names another order in this month's input.
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
  const resolved = resolvePolicy(policy ?? {});
  const zone = createZone(resolved.timeZone);
  const cutover = parseTimeOfDay(resolved.businessDayStartsAt);
  const agents = validateAgents(input.agents ?? []);
  const orders = input.orders ?? [];
  const consultations = input.consultations ?? [];
  const warnings = [...(options.warnings ?? [])];
  if (input.orders === undefined) warnings.push("no orders (file) given: the month has no sales");
  if (input.consultations === undefined) {
    warnings.push("no consultations (file) given: every paid order counts as fully silent (全静默)");
  }
  if (input.agents === undefined) {
    warnings.push("no agents (file) given: agents are listed by the ids seen in the data, without name, group or grade");
    warnings.push("no agents (file) given: no pay statements (the base salary follows the grade)");
  }

  rejectDuplicateConsultations(consultations);
  const month = options.month ?? busiestMonth(orders, zone, cutover);
  const salesInput: SalesInput =
    input.agents === undefined ? { orders, consultations } : { orders, consultations, agents };
  const sales = attributeSales(salesInput, resolved, { period: month });
  const period = monthPeriod(month, zone, cutover);
  const elsewhere = emptyMonthWarning(month, orders, consultations, zone, cutover);
  if (elsewhere !== null) warnings.push(elsewhere);
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
  const peopleResult = peopleSection({ ...input, scores: scores.records }, input.agents === undefined ? undefined : agents, resolved, month, sales);
  const people = peopleResult.report;
  warnings.push(...peopleResult.warnings);
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
  const shopIds = shopIdsOf(orders);
  const previous =
    options.previous === undefined ? undefined : checkPrevious(options.previous, { month, shop: resolved.shop, shopIds, orders, zone });
  const clawbacks = previous ? clawbackItems(previous, orders) : new Map<string, ClawbackItem>();
  const pay = paySection({
    month,
    agents,
    people,
    employment: peopleResult.employment,
    onProbation: peopleResult.onProbation,
    orders: orderReports,
    scores: scores.byAgent,
    clawbacks,
    policy: resolved,
    zone,
    cutover,
  });
  warnings.push(...pay.warnings);

  return {
    kind: "kefu-kpi/month-report",
    version: 1,
    month,
    period: { start: formatInstant(period.start, zone), end: formatInstant(period.end, zone) },
    policy: resolved,
    warnings,
    shop: { ...sales.shop, kpis: kpi.shop, ids: shopIds },
    agents: agentReports,
    qcDeductions: kpi.qcDeductions,
    serviceLevels: kpi.serviceLevels,
    orders: orderReports,
    people,
    pay: pay.statements,
  };
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
      const text = String(filed).trim();
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
  toSafe(() => buildMonthReport(input, policy, options));

/** {@link buildMonthReport} returning `{ success, data | issues }` instead of throwing. */
export function safeBuildMonthReport(
  input: MonthInput,
  policy?: PolicyInput | Policy,
  options?: MonthReportOptions,
): SafeResult<MonthReport> {
  return toSafe(() => buildMonthReport(input, policy, options));
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
    return `${JSON.stringify(value)} is not one of ${issue.values.map(String).join(", ")}`;
  }
  if (value === undefined) return "is missing";
  return issue.message;
}

/** The distinct shopIds of the orders (sorted): with the policy's `shop`, what identifies the report's shop. */
function shopIdsOf(orders: readonly OrderLike[]): string[] {
  const ids = new Set<string>();
  for (const o of orders) if (typeof o?.shopId === "string" && o.shopId.trim() !== "") ids.add(o.shopId);
  return [...ids].sort();
}

/**
 * A warning when no order was placed or paid and no consultation started in `month`: the month was
 * probably mistyped (its pay would be base salaries alone). It names where the data is: the months
 * orders were paid in (else placed in, else consultations started in), the busiest first.
 */
export function emptyMonthWarning(
  month: string,
  orders: readonly OrderLike[],
  consultations: readonly ConsultationLike[],
  zone: Zone,
  cutover: number,
): string | null {
  const target = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  const tally = (values: Iterable<unknown>): Map<number, number> | null => {
    const counts = new Map<number, number>();
    for (const v of values) {
      const ms = parseInstant(v, zone);
      if (Number.isNaN(ms)) continue;
      const m = monthIndexOf(ms, zone, cutover);
      if (m === target) return null;
      counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    return counts;
  };
  const paid = tally(orders.map((o) => o?.paidAt));
  const placed = paid && tally(orders.map((o) => o?.createdAt));
  const started = placed && tally(consultations.map((c) => c?.startedAt));
  if (paid === null || placed === null || started === null) return null;
  const [where, what] = paid.size > 0 ? [paid, "paid orders"] : placed.size > 0 ? [placed, "placed orders"] : [started, "consultations"];
  if (where.size === 0) return `${month} has no orders and no consultations: its pay is base salaries alone`;
  const months = [...where].sort(([a, x], [b, y]) => y - x || a - b);
  const shown = months.slice(0, 3).map(([m, n]) => `${monthLabel(m)} (${n})`).join(", ");
  const more = months.length > 3 ? ` and ${months.length - 3} more months` : "";
  return `${month} has no order placed or paid and no consultation started in it; the data's ${what} are in ${shown}${more}: is the month right?`;
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
