// A tiny month whose every KPI is worked out by hand in test/kpi/metrics.test.ts.
import type { KpiInput } from "../../src/index.js";

export const TINY: KpiInput = {
  consultations: [
    // A1: b1 answered in 20 s; b2 in 90 s (slow, still within 3 min), 45 min long; b3 never answered; b1 again in 240 s.
    { consultationId: "C1", agentId: "A1", buyerId: "b1", startedAt: "2020-02-03 10:00:00", firstReplyAt: "2020-02-03 10:00:20", endedAt: "2020-02-03 10:10:00", buyerMessages: 4, agentMessages: 6, responseCount: 3, responseSeconds: 30 },
    { consultationId: "C2", agentId: "A1", buyerId: "b2", startedAt: "2020-02-03 11:00:00", firstReplyAt: "2020-02-03 11:01:30", endedAt: "2020-02-03 11:45:00", buyerMessages: 6, agentMessages: 3, responseCount: 2, responseSeconds: 100 },
    { consultationId: "C3", agentId: "A1", buyerId: "b3", startedAt: "2020-02-04 12:00:00", firstReplyAt: "", endedAt: "2020-02-04 12:05:00", buyerMessages: 2, agentMessages: 0 },
    { consultationId: "C4", agentId: "A1", buyerId: "b1", startedAt: "2020-02-05 09:00:00", firstReplyAt: "2020-02-05 09:04:00", endedAt: "2020-02-05 09:20:00" },
    // A2: b1 answered in 10 s.
    { consultationId: "C5", agentId: "A2", buyerId: "b1", startedAt: "2020-02-03 15:00:00", firstReplyAt: "2020-02-03 15:00:10", endedAt: "2020-02-03 15:05:00", buyerMessages: 2, agentMessages: 2, responseCount: 1, responseSeconds: 10 },
    // January: outside the period.
    { consultationId: "C6", agentId: "A2", buyerId: "b9", startedAt: "2020-01-31 23:59:59", firstReplyAt: "2020-02-01 00:00:10", endedAt: "2020-02-01 00:10:00" },
  ],
  orders: [
    { orderId: "O1", buyerId: "b1", createdAt: "2020-02-03 10:05:00", paidAt: "2020-02-03 10:06:00", amount: "100.00" },
    { orderId: "O2", buyerId: "b2", createdAt: "2020-02-04 09:00:00", paidAt: "2020-02-05 09:00:00", amount: "50.00" },
    { orderId: "O3", buyerId: "b3", createdAt: "2020-02-02 09:00:00", paidAt: "2020-02-02 09:01:00", amount: "30.00" },
    { orderId: "O4", buyerId: "b4", createdAt: "2020-02-10 09:00:00", paidAt: "2020-02-10 09:01:00", amount: "80.00" },
    { orderId: "O5", buyerId: "b1", createdAt: "2020-02-29 23:00:00", paidAt: "2020-03-01 01:00:00", amount: "20.00" },
  ],
  credits: [
    { orderId: "O1", agentId: "A1" },
    { orderId: "O2", agentId: null },
  ],
  reviews: [
    { agentId: "A1", at: "2020-02-03 12:00", rating: "good" },
    { agentId: "A1", at: "2020-02-04 12:00", rating: "good" },
    { agentId: "A1", at: "2020-02-05 12:00", rating: "bad" },
    ...["good", "good", "neutral", "good", "good"].map((rating, i) => ({ reviewId: `R${i}`, agentId: "A2", at: `2020-02-1${i} 12:00`, rating: rating as "good" })),
  ],
  qc: [
    { conversationId: "C1", agentId: "A1", at: "2020-02-06 10:00", score: 85 },
    { conversationId: "C2", agentId: "A1", at: "2020-02-06 11:00", score: 72.5 },
  ],
  tickets: [
    { ticketId: "T1", agentId: "A1", createdAt: "2020-02-03 10:00", firstReplyAt: "2020-02-03 10:30", closedAt: "2020-02-03 10:30", closedOnFirstReply: true },
    { ticketId: "T2", agentId: "A1", createdAt: "2020-02-03 11:00", firstReplyAt: "2020-02-03 12:00:01", closedOnFirstReply: false },
    { ticketId: "T3", agentId: "A1", createdAt: "2020-02-03 12:00" },
  ],
  afterSales: [
    { afterSaleId: "S1", agentId: "A2", orderId: "O1", appliedAt: "2020-02-03 10:00", reviewedAt: "2020-02-03 16:00", goodsReceivedAt: "2020-02-05 10:00", refundedAt: "2020-02-06 10:00", refundAmount: "45.50", satisfaction: 5 },
    { afterSaleId: "S2", agentId: "A2", appliedAt: "2020-02-04 10:00", reviewedAt: "2020-02-05 01:30", satisfaction: 3 },
    { afterSaleId: "S3", agentId: "A2", appliedAt: "2020-02-20 10:00" },
  ],
  calls: [
    { agentId: "A1", at: "2020-02-03 10:00", answered: true },
    { agentId: "A1", at: "2020-02-03 11:00", answered: true },
    { agentId: "A1", at: "2020-02-03 12:00", answered: false },
  ],
};

// Minutes after 2020-01-31 00:00 Asia/Shanghai, printed as wall time; February is [1440, 30·1440).
const BASE = Date.UTC(2020, 0, 31);
export function wall(minutes: number): string {
  const d = new Date(BASE + minutes * 60_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** The business days of February 2020. */
export const FEBRUARY_DAYS = Array.from({ length: 29 }, (_, i) => `2020-02-${String(i + 1).padStart(2, "0")}`);

/**
 * The reviews, QC inspections, calls, tickets and after-sales of random events (the KPI state
 * property tests' months): one of each kind per event, at its minute.
 */
export function eventRecords(events: readonly { agent: string; at: number; n: number; flag: boolean }[]) {
  return {
    reviews: events.map((e) => ({ agentId: e.agent, at: wall(e.at), rating: e.flag ? ("good" as const) : ("bad" as const) })),
    qc: events.map((e, i) => ({ conversationId: `Q${i}`, agentId: e.agent, at: wall(e.at), score: e.n })),
    calls: events.map((e) => ({ agentId: e.agent, at: wall(e.at), answered: e.flag })),
    tickets: events.map((e, i) => ({ ticketId: `T${i}`, agentId: e.agent, createdAt: wall(e.at), firstReplyAt: e.flag ? wall(e.at + e.n) : "", closedOnFirstReply: e.n % 2 === 0 })),
    afterSales: events.map((e, i) => ({ afterSaleId: `S${i}`, agentId: e.agent, appliedAt: wall(e.at), reviewedAt: wall(e.at + e.n * 9), satisfaction: 1 + (e.n % 5), ...(e.flag ? { refundedAt: wall(e.at + 2000), refundAmount: "9.90" } : {}) })),
  };
}
