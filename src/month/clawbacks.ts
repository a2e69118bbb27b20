/**
 * Refund clawbacks (R5) from an earlier month's settled report: an order that report booked and
 * commissioned, refunded more now than the report knew, reverses the commission the refund took
 * off. Per agent, that month's commission is computed again on its base less the refunded share,
 * with that month's own policy; the clawback is the difference, booked in the current month.
 */
import type { OrderLike } from "../attribution/columns.js";
import { formatFen, parseFen } from "../money/fen.js";
import { Decimal, exactMoney, toDecimal } from "../money/decimal.js";
import { commissionOf } from "../pay/commission.js";
import type { ClawbackItem } from "../pay/statement.js";
import type { MonthReport } from "./schema.js";

/**
 * The clawback items of each agent: one per agent with refunds of the previous month's orders.
 * Without refunds deducted (`attribution.deductRefunds: false` in that month) nothing is clawed back:
 * the commission was on gross sales, which a refund does not change.
 */
export function clawbackItems(previous: MonthReport, orders: readonly OrderLike[]): Map<string, ClawbackItem> {
  const out = new Map<string, ClawbackItem>();
  if (!previous.policy.attribution.deductRefunds) return out;
  const settledRefund = new Map(previous.orders.map((o) => [o.orderId, parseFen(o.refunds)]));
  // The refund booked since settlement, per order of the previous month.
  const later = new Map<string, number>();
  for (const order of orders) {
    const before = settledRefund.get(order?.orderId);
    if (before === undefined) continue;
    const now = order.refundAmount === undefined || order.refundAmount === null || order.refundAmount === "" ? 0 : parseFen(order.refundAmount);
    if (now > before) later.set(order.orderId, now - before);
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
