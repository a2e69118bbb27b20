/**
 * Refund clawbacks (R5) from an earlier month's settled report: an order that report booked and
 * commissioned, refunded more now than the report knew, reverses the commission the refund took
 * off. Per agent, that month's commission is computed again on its base less the refunded share,
 * with that month's own policy; the clawback is the difference, booked in the current month.
 */
import { IssueCode, KefuKpiError, fromZodIssues, type Issue } from "../errors.js";
import { describeValue } from "../input.js";
import { formatFen, parseFen } from "../money/fen.js";
import { Decimal, exactMoney, toDecimal } from "../money/decimal.js";
import { commissionOf } from "../pay/commission.js";
import type { ClawbackItem } from "../pay/statement.js";
import type { Table } from "../records/table.js";
import { parseInstant } from "../time/parse.js";
import { formatInstant } from "../time/period.js";
import type { Zone } from "../time/zone.js";
import { MonthReportSchema, type MonthReport } from "../report/schema.js";

/** What identifies this month's report, for checking the previous one against it. */
export interface ThisMonth {
  readonly month: string;
  /** The policy's `shop` (null: not given). */
  readonly shop: string | null;
  /** The shopIds of this month's input orders. */
  readonly shopIds: readonly string[];
  /** This month's decoded orders (the previous report's orders are looked up among them by id). */
  readonly orders: Table<"orders"> | undefined;
  readonly zone: Zone;
}

/**
 * Checks that `previous` may claw back into this month: a month report (its schema), settled
 * (`"settled": true`: its pay was handed out), of an earlier month, of the same shop (the policies'
 * `shop` when both give one; the shopIds of the booked orders when both have some), and that each
 * of its orders found again in this month's input by id is the same order: paid at the same
 * instant, with the same gross amount. Every problem is an issue at `previous…`.
 *
 * @returns the previous report, parsed
 * @throws {KefuKpiError} naming each problem (an order by its id)
 */
export function checkPrevious(previous: unknown, current: ThisMonth): MonthReport {
  const fail = (issues: Issue[]): never => {
    throw new KefuKpiError(issues);
  };
  if (typeof previous !== "object" || previous === null || Array.isArray(previous) || (previous as { kind?: unknown }).kind !== "kefu-kpi/month-report") {
    fail([{ code: IssueCode.invalidType, path: ["previous"], message: `expected the settled month report of an earlier month (a kefu-kpi month report), got ${describeValue(previous)}` }]);
  }
  const parsed = MonthReportSchema.safeParse(previous);
  if (!parsed.success) {
    fail(fromZodIssues(parsed.error.issues, { at: ["previous"], code: IssueCode.invalidValue, message: (m) => `the previous report is not a kefu-kpi month report: ${m}`, limit: 20 }));
  }
  const report = parsed.data!;
  const issues: Issue[] = [];
  if (report.settled !== true) {
    issues.push({ code: IssueCode.invalidValue, path: ["previous", "settled"], message: `the previous report (${report.month}) is not settled: only a settled report (written with --settle once its pay was handed out) can have commission clawed back` });
  }
  if (report.month >= current.month) {
    issues.push({ code: IssueCode.invalidValue, path: ["previous", "month"], message: `the previous report is of ${report.month}, not of a month before ${current.month}` });
  }
  const theirShop = report.policy.shop;
  if (theirShop !== null && current.shop !== null && theirShop !== current.shop) {
    issues.push({ code: IssueCode.invalidValue, path: ["previous", "policy", "shop"], message: `the previous report is of the shop "${theirShop}", this month of "${current.shop}"` });
  }
  const theirIds = report.shop.ids;
  if (theirIds.length > 0 && current.shopIds.length > 0 && !theirIds.some((id) => current.shopIds.includes(id))) {
    issues.push({
      code: IssueCode.invalidValue,
      path: ["previous", "shop", "ids"],
      message: `the previous report's orders are of the shop(s) ${theirIds.join(", ")}, this month's of ${current.shopIds.join(", ")}: not the same shop`,
    });
  }
  if (issues.length > 0) fail(issues);
  issues.push(...mismatchedOrders(report, current));
  if (issues.length > 0) fail(issues);
  return report;
}

// An order of the previous report whose id is reused by a different order of this month's input
// (another year's, another shop's) cannot be clawed back from: its refund is not that order's.
function mismatchedOrders(report: MonthReport, current: ThisMonth): Issue[] {
  const index = new Map(report.orders.map((o, i) => [o.orderId, i]));
  const issues: Issue[] = [];
  const orders = current.orders;
  for (let k = 0; k < (orders?.count ?? 0); k++) {
    const o = orders!.columns;
    const orderId = o.orderId.at(k);
    const i = index.get(orderId);
    if (i === undefined) continue;
    const before = report.orders[i]!;
    // This month's order is decoded; the previous report is read here (it is a report, not records).
    const paidMs = o.paidAt[k]!;
    const beforeMs = parseInstant(before.paidAt, current.zone);
    const gross = o.amount[k]!;
    const differs: string[] = [];
    if (!(paidMs === beforeMs)) differs.push(`paid ${paidMs !== paidMs ? "never" : formatInstant(paidMs, current.zone)} here, ${before.paidAt} there`);
    if (gross !== parseFen(before.gross)) differs.push(`gross ${formatFen(gross)} here, ${before.gross} there`);
    if (differs.length === 0) continue;
    issues.push({
      code: IssueCode.invalidValue,
      path: ["previous", "orders", i, paidMs === beforeMs ? "gross" : "paidAt"],
      message: `order ${orderId} of this month's orders is not the previous report's order ${before.orderId} (${differs.join("; ")}): no clawback can be computed from it; is the previous report of this shop and of the month before?`,
      recordId: `orderId "${before.orderId}"`,
    });
  }
  return issues;
}

/**
 * The clawback items of each agent: one per agent with refunds of the previous month's orders.
 * Without refunds deducted (`attribution.deductRefunds: false` in that month) nothing is clawed back:
 * the commission was on gross sales, which a refund does not change.
 */
export function clawbackItems(previous: MonthReport, orders: Table<"orders"> | undefined): Map<string, ClawbackItem> {
  const out = new Map<string, ClawbackItem>();
  if (!previous.policy.attribution.deductRefunds) return out;
  const settledRefund = new Map(previous.orders.map((o) => [o.orderId, parseFen(o.refunds)]));
  // The refund booked since settlement, per order of the previous month.
  const later = new Map<string, number>();
  for (let k = 0; k < (orders?.count ?? 0); k++) {
    const orderId = orders!.columns.orderId.at(k);
    const before = settledRefund.get(orderId);
    if (before === undefined) continue;
    const refund = orders!.columns.refundAmount[k]!;
    const now = refund === refund ? refund : 0;
    if (now > before) later.set(orderId, now - before);
  }
  if (later.size === 0) return out;
  for (const statement of previous.pay) {
    const refunded = statement.commissionOrders.filter((o) => later.has(o.orderId));
    if (refunded.length === 0) continue;
    const lines = refunded.map((o) => ({ orderId: o.orderId, refund: formatFen(later.get(o.orderId)!), share: o.share }));
    const off = lines.reduce((sum, o) => sum.plus(toDecimal(o.refund).times(o.share)), new Decimal(0));
    const baseBefore = toDecimal(String(statement.lines.commission.inputs["base"]));
    const baseAfter = Decimal.max(0, baseBefore.minus(off));
    out.set(statement.agentId, {
      month: previous.month,
      orders: lines,
      baseBefore: exactMoney(baseBefore),
      baseAfter: exactMoney(baseAfter),
      commissionBefore: statement.lines.commission.amount,
      commissionAfter: commissionOf(baseAfter, previous.policy.pay.commission).amount,
    });
  }
  return out;
}
