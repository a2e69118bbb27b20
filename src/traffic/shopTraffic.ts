/**
 * The shop's traffic (seed 001: 销量 = 流量 (UV) × 转化率 (CVR)): per business day of the period the
 * visitors (UV, from the traffic records), the paying buyers and the sales (from the orders), the
 * conversion rate CVR = paying buyers / UV, the average order value = sales / paying buyers, and
 * the identity checked: UV × CVR × average order value, with the two as shown (rounded), against
 * the sales.
 */
import { IssueList, IssueCode } from "../errors.js";
import { Decimal, ratio, roundMoney } from "../money/decimal.js";
import { formatFen } from "../money/fen.js";
import { throwInMonthOrder, type DecodedMonth } from "../records/month.js";
import { repeatIssues, recordIssue } from "../records/rows.js";
import { NO_DATE } from "../records/values.js";
import { businessDayNumber, dateOfDayNumber, type Period } from "../time/period.js";

/** One business day of the period. */
export interface TrafficDay {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** 访客数: the day's visitors (the sum of its sources'); null when no traffic record gives the day. */
  readonly uv: number | null;
  /** Distinct buyers with an order paid that day (an order without a buyer id counts as one buyer of its own). */
  readonly paidBuyers: number;
  /** What they paid (实付, refunds not deducted), yuan. */
  readonly sales: string;
  /** paidBuyers / uv, 4 decimals; null without visitors. */
  readonly conversionRate: string | null;
  /** 客单价: sales / paidBuyers, yuan to the fen; null without paying buyers. */
  readonly averageOrderValue: string | null;
  /** uv × conversionRate × averageOrderValue, the two as shown, to the fen; null when either is null. */
  readonly estimate: string | null;
  /** sales − estimate: what the rounding of the two leaves; null without an estimate. */
  readonly difference: string | null;
}

/** The visitors of one source over the period's days. */
export interface TrafficSource {
  readonly source: string;
  readonly uv: number;
  /** Of the visitors given by source, 4 decimals. */
  readonly share: string | null;
}

/** The shop's traffic over a period. */
export interface TrafficReport {
  readonly period: string;
  /** Every business day of the period, in order. */
  readonly days: readonly TrafficDay[];
  /** The days with traffic, summed: visitor-days, buyer-days, their sales, and the rates of the sums. */
  readonly total: {
    readonly uv: number;
    readonly paidBuyers: number;
    readonly sales: string;
    readonly conversionRate: string | null;
    readonly averageOrderValue: string | null;
    /** Days of the period no traffic record gives: left out of the total. */
    readonly daysWithoutTraffic: number;
  };
  /** The visitors by source, most first (then by name); empty when no record names a source. */
  readonly sources: readonly TrafficSource[];
  /** What the reader must know: days without traffic, paying buyers beyond the visitors. */
  readonly warnings: readonly string[];
}

/**
 * One record per day and source (per shop): a repeated day, or a day given whole (no source) and by
 * source as well, is an issue naming the first record.
 */
export function checkTrafficRows(month: DecodedMonth, issues: IssueList): void {
  const table = month.tables.traffic;
  if (table === undefined) return;
  const t = table.columns;
  const shop = (i: number): string => t.shopId?.at(i) ?? "";
  const keyOf = (i: number): string | undefined => (t.date[i] === NO_DATE ? undefined : `${shop(i)}\u0000${t.date[i]!}\u0000${t.source?.at(i) ?? ""}`);
  const what = (i: number): string => `${dateOfDayNumber(t.date[i]!)}${t.source?.at(i) ? ` (${t.source.at(i)})` : ""}`;
  for (const issue of repeatIssues(table, "date", keyOf, (i) => `${what(i)} is given twice; one record per day and source`)) issues.add(issue);
  // A day given whole and by source would count its visitors twice.
  const whole = new Map<string, number>();
  const bySource = new Map<string, number>();
  for (let i = 0; i < table.count; i++) {
    if (t.date[i] === NO_DATE) continue;
    const day = `${shop(i)}\u0000${t.date[i]!}`;
    const named = (t.source?.at(i) ?? "") !== "";
    (named ? bySource : whole).set(day, (named ? bySource : whole).get(day) ?? i);
    const other = (named ? whole : bySource).get(day);
    if (other !== undefined && other < i) {
      issues.add(recordIssue(table, i, "source", IssueCode.invalidValue, `${dateOfDayNumber(t.date[i]!)} is given both whole (no source) and by source; give one or the other`, { first: other }));
    }
  }
}

/**
 * The shop's traffic over `period` (seed 001: 销量 = 流量 UV × 转化率 CVR): per business day the
 * visitors, paying buyers, sales, conversion rate and average order value, and the identity
 * UV × CVR × 客单价 against the sales. The month report's traffic section.
 *
 * @param month - a decoded month with traffic records (and orders)
 * @throws {KefuKpiError} for a day given twice, or whole and by source
 */
export function trafficOfPeriod(month: DecodedMonth, period: Period): TrafficReport {
  const issues = new IssueList();
  checkTrafficRows(month, issues);
  throwInMonthOrder(issues);
  const { zone, cutover } = month;
  const first = businessDayNumber(period.start, zone, cutover);
  const last = businessDayNumber(period.end - 1, zone, cutover);
  const count = last - first + 1;

  // Visitors per day (null: no record) and per source.
  const uv: (number | null)[] = new Array<number | null>(count).fill(null);
  const sources = new Map<string, number>();
  const table = month.tables.traffic;
  for (let i = 0; i < (table?.count ?? 0); i++) {
    const t = table!.columns;
    const d = t.date[i]! - first;
    if (d < 0 || d >= count) continue;
    uv[d] = (uv[d] ?? 0) + t.uv[i]!;
    const source = t.source?.at(i) ?? "";
    if (source !== "") sources.set(source, (sources.get(source) ?? 0) + t.uv[i]!);
  }

  // Paying buyers and sales per day: every order paid in the period (refunds not deducted).
  const buyersOf: Set<number>[] = Array.from({ length: count }, () => new Set<number>());
  const alone = new Float64Array(count); // orders without a buyer id: one buyer each
  const fen = new Float64Array(count);
  const orders = month.tables.orders;
  for (let i = 0; i < (orders?.count ?? 0); i++) {
    const o = orders!.columns;
    const paid = o.paidAt[i]!;
    if (paid !== paid || paid < period.start || paid >= period.end) continue;
    const d = businessDayNumber(paid, zone, cutover) - first;
    if (o.buyerId[i]! >= 0) buyersOf[d]!.add(o.buyerId[i]!);
    else alone[d]!++;
    fen[d]! += o.amount[i]!;
  }

  const days: TrafficDay[] = [];
  const missing: string[] = [];
  const beyond: string[] = [];
  let totalUv = 0;
  let totalBuyers = 0;
  let totalFen = 0;
  for (let d = 0; d < count; d++) {
    const date = dateOfDayNumber(first + d);
    const buyers = buyersOf[d]!.size + alone[d]!;
    const visitors = uv[d]!;
    const cvr = visitors === null ? null : ratio(buyers, visitors, 4);
    const aov = ratio(fen[d]!, buyers * 100, 2);
    const estimate = visitors === null || cvr === null || aov === null ? null : roundMoney(new Decimal(visitors).times(cvr).times(aov));
    const sales = formatFen(fen[d]!);
    days.push({ date, uv: visitors, paidBuyers: buyers, sales, conversionRate: cvr, averageOrderValue: aov, estimate, difference: estimate === null ? null : roundMoney(new Decimal(sales).minus(estimate)) });
    if (visitors === null) {
      missing.push(date);
      continue;
    }
    if (buyers > visitors) beyond.push(date);
    totalUv += visitors;
    totalBuyers += buyers;
    totalFen += fen[d]!;
  }

  const warnings: string[] = [];
  const some = (dates: readonly string[]): string => `${dates.slice(0, 3).join(", ")}${dates.length > 3 ? " …" : ""}`;
  if (missing.length > 0) {
    warnings.push(`traffic: no record gives ${missing.length} ${missing.length === 1 ? "day" : "days"} of ${period.label} (${some(missing)}), left out of the month's conversion rate`);
  }
  if (beyond.length > 0) {
    warnings.push(`traffic: ${beyond.length} ${beyond.length === 1 ? "day has" : "days have"} more paying buyers than visitors (${some(beyond)}); check the traffic records`);
  }
  const sourceTotal = [...sources.values()].reduce((a, b) => a + b, 0);
  return {
    period: period.label,
    days,
    total: {
      uv: totalUv,
      paidBuyers: totalBuyers,
      sales: formatFen(totalFen),
      conversionRate: ratio(totalBuyers, totalUv, 4),
      averageOrderValue: ratio(totalFen, totalBuyers * 100, 2),
      daysWithoutTraffic: missing.length,
    },
    sources: [...sources]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([source, n]) => ({ source, uv: n, share: ratio(n, sourceTotal, 4) })),
    warnings,
  };
}
