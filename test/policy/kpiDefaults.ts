// The KPI defaults (R2 in docs/rules.md, seed 002), written out by hand: satisfied = 4 of 5, ticket SLA
// 1 h, the role scorecards (presale / insale / aftersale metrics of R2 with the steps kefu-kpi
// seeds them with), the QC ladder 80/70/60 → 0/1/2, < 60 → 3, cap 3 a week, and the service
// levels (60 s in 09:00–23:00, overnight by 09:30, tickets 1 h, review 12 h, refund 24 h, wait 2 min).
const steps = (a: string, b: string, c: string) => [
  { threshold: a, points: 100 },
  { threshold: b, points: 80 },
  { threshold: c, points: 60 },
];
const goodReview = (weight: number) => ({ metric: "goodReviewRate", weight, direction: "higherIsBetter", steps: steps("0.98", "0.95", "0.90"), otherwise: 0 });
const response = (weight: number) => ({ metric: "avgResponseSeconds", weight, direction: "lowerIsBetter", steps: steps("30", "45", "60"), otherwise: 0 });
const phone = (weight: number) => ({ metric: "phoneAnswerRate", weight, direction: "higherIsBetter", steps: steps("0.95", "0.90", "0.80"), otherwise: 0 });

export const KPI_DEFAULTS = {
  thresholds: { satisfiedAtLeast: 4, ticketReplyMinutes: 60, slowResponseSeconds: 60, quickResponseSeconds: 180, longReceptionMinutes: 30, repurchaseDays: 90 },
  minSample: { goodReviewRate: 5, afterSaleSatisfaction: 5, ticketTimelyRate: 5, ticketFirstContactRate: 5, phoneAnswerRate: 5 },
  scorecards: {
    presale: [goodReview(40), response(30), phone(30)],
    insale: [
      { metric: "ticketTimelyRate", weight: 60, direction: "higherIsBetter", steps: steps("0.95", "0.90", "0.80"), otherwise: 0 },
      { metric: "afterSaleReviewHours", weight: 40, direction: "lowerIsBetter", steps: steps("6", "12", "24"), otherwise: 0 },
    ],
    aftersale: [goodReview(25), response(25), phone(25), { metric: "afterSaleSatisfaction", weight: 25, direction: "higherIsBetter", steps: steps("0.95", "0.90", "0.80"), otherwise: 0 }],
  },
  // The targets: the default cards' full-points thresholds (their first steps), one per metric.
  targets: {
    goodReviewRate: { atLeast: "0.98" },
    avgResponseSeconds: { atMost: "30" },
    phoneAnswerRate: { atLeast: "0.95" },
    ticketTimelyRate: { atLeast: "0.95" },
    afterSaleReviewHours: { atMost: "6" },
    afterSaleSatisfaction: { atLeast: "0.95" },
  },
  qc: { ladder: [{ atLeast: 80, points: 0 }, { atLeast: 70, points: 1 }, { atLeast: 60, points: 2 }], below: 3, weeklyCap: 3, capPer: "agent" },
  serviceLevels: {
    firstReply: { enabled: true, maxSeconds: 60, onlineFrom: "09:00", onlineTo: "23:00", also: [] },
    overnight: { enabled: true, answerBy: "09:30" },
    ticketReply: { enabled: true, maxMinutes: 60, kinds: null },
    afterSaleReview: { enabled: true, maxHours: 12, also: [] },
    refundAfterReceipt: { enabled: true, maxHours: 24 },
    presaleWait: { enabled: true, maxWaitSeconds: 120 },
    complaintReply: { enabled: true, maxHours: 24 },
    orderAnomaly: { enabled: true, maxHours: 24 },
    shipping: { enabled: true, maxHours: 24, from: "paid", exemptFlags: ["green"] },
    pickupScan: { enabled: true, maxHours: 48, from: "paid", exemptFlags: ["green"] },
  },
};
