/**
 * The KPI metric table (R2, README *KPIs*): one entry per metric, and everything else about the
 * metrics is derived from it — the closed list of ids the policy names metrics by (scorecards,
 * minimum samples), which kinds of data each needs, how the kpi family computes it from its
 * figures, the reason each value carries, the labels the renderers print, the report's schema and
 * the README's metric table (checked by a test).
 *
 * Adding a metric is one entry here plus the figure it reads, counted in `src/kpi` (a sum per agent
 * in the state's counters, or a buyer-level count in `finalize.ts`): the type of
 * {@link KpiFigure} names every figure the table reads, and `finalize.ts` must supply each.
 */

/** The kinds of input the KPIs read; a kind left out means "no such data" (its metrics are null). */
export type KpiKind = "consultations" | "orders" | "credits" | "tickets" | "afterSales" | "reviews" | "qc" | "calls" | "shopReviews";

/** The units of the metrics, with their decimals (rate and ratio 4, count 0, the rest 2). */
export const KPI_UNITS = ["rate", "ratio", "seconds", "hours", "score", "yuan", "count"] as const;

/** rate and ratio: 4 decimals; seconds, hours, score, yuan: 2 decimals; count: a whole number. */
export type KpiUnit = (typeof KPI_UNITS)[number];

/**
 * How a metric is computed from the figures of one agent (or of the shop):
 * - `ratio`: `numerator / (denominator × divisor)` — the divisor turns integer units (ms, fen,
 *   hundredths) into the metric's unit; a zero denominator is no data, a denominator under the
 *   policy's `kpi.minSample` is insufficient;
 * - `total`: the figure itself (a count, or fen shown as yuan).
 */
export type KpiComputation =
  | { readonly ratio: readonly [numerator: string, denominator: string]; readonly divisor?: number }
  | { readonly total: string };

/** One metric of the table. */
export interface KpiMetricDefinition {
  readonly id: string;
  readonly unit: KpiUnit;
  /** The kinds of input it reads: without any of them its value is `noData` ("no tickets given"). */
  readonly needs: readonly KpiKind[];
  /** 中文 as the seeds and the vendor tools name it, and English. */
  readonly label: { readonly zh: string; readonly en: string };
  /** The formula in words, as the README's metric table states it. */
  readonly formula: string;
  readonly compute: KpiComputation;
  /**
   * The value's reason: for a ratio the words for `numerator / denominator`, for a total the words
   * before the value. `{figure}` is replaced by a figure, `{thresholds.name}` by the policy's
   * `kpi.thresholds.name`.
   */
  readonly reason: string;
  /** After-sales agents (group `aftersale`) count person-times 人次: this computation and reason instead. */
  readonly afterSales?: { readonly compute: KpiComputation; readonly reason: string };
  /** The shop's value as the mean of the agents' own values (each an exact ratio, rounded once); the reason's words. */
  readonly shopMeanOfAgents?: string;
}

const table = [
  {
    id: "replyRate", unit: "rate", needs: ["consultations"],
    label: { zh: "在线客服回复率", en: "reply rate" },
    formula: "(consulting buyers − unreplied buyers) / consulting buyers",
    compute: { ratio: ["repliedBuyers", "consultingBuyers"] },
    reason: "replied buyers / consulting buyers",
  },
  {
    id: "goodReviewRate", unit: "rate", needs: ["reviews"],
    label: { zh: "客服好评率", en: "good-review rate" },
    formula: "good reviews / reviews",
    compute: { ratio: ["goodReviews", "reviews"] },
    reason: "good reviews / service reviews",
  },
  {
    id: "receptionCount", unit: "count", needs: ["consultations"],
    label: { zh: "客服接待人数", en: "buyers received" },
    formula: "consulting buyers − unreplied buyers; after-sales agents: replied consultations (人次)",
    compute: { total: "repliedBuyers" },
    reason: "consulting buyers − unreplied buyers",
    afterSales: { compute: { total: "repliedConsultations" }, reason: "replied consultations (after-sales: person-times 人次)" },
  },
  {
    id: "answerRatio", unit: "ratio", needs: ["consultations"],
    label: { zh: "客服答问比", en: "answer ratio" },
    formula: "Σ agentMessages / Σ buyerMessages (consultations giving both)",
    compute: { ratio: ["agentMessages", "buyerMessages"] },
    reason: "agent messages / buyer messages",
  },
  {
    id: "qcScore", unit: "score", needs: ["qc"],
    label: { zh: "服务态度(质检)", en: "QC score" },
    formula: "mean QC score",
    compute: { ratio: ["qcHundredths", "qcInspections"], divisor: 100 },
    reason: "sum of QC scores in hundredths / inspections",
  },
  {
    id: "avgResponseSeconds", unit: "seconds", needs: ["consultations"],
    label: { zh: "平均响应时长(秒)", en: "mean response time (s)" },
    formula: "Σ responseSeconds / Σ responseCount; shop: Σ agents' means / agents with one",
    compute: { ratio: ["responseSeconds", "responseCount"] },
    reason: "response seconds / responses",
    shopMeanOfAgents: "mean response times",
  },
  {
    id: "avgFirstResponseSeconds", unit: "seconds", needs: ["consultations"],
    label: { zh: "平均首次响应(秒)", en: "mean first response (s)" },
    formula: "mean (firstReplyAt − startedAt) of answered consultations; shop: as above",
    compute: { ratio: ["firstResponseMs", "repliedConsultations"], divisor: 1000 },
    reason: "first-response ms / replied consultations",
    shopMeanOfAgents: "mean first-response times",
  },
  {
    id: "afterSaleSatisfaction", unit: "rate", needs: ["afterSales"],
    label: { zh: "售后服务满意度", en: "after-sales satisfaction" },
    formula: "ratings ≥ `satisfiedAtLeast` / ratings",
    compute: { ratio: ["satisfiedRatings", "ratings"] },
    reason: "ratings ≥ {thresholds.satisfiedAtLeast} / ratings",
  },
  {
    id: "afterSaleReviewHours", unit: "hours", needs: ["afterSales"],
    label: { zh: "售后处理时长(小时)", en: "after-sales review time (h)" },
    formula: "mean (reviewedAt − appliedAt)",
    compute: { ratio: ["afterSaleReviewMs", "reviewedAfterSales"], divisor: 3_600_000 },
    reason: "review ms / reviewed after-sales",
  },
  {
    id: "refundedAmount", unit: "yuan", needs: ["afterSales"],
    label: { zh: "完成退款金额", en: "refunds completed" },
    formula: "Σ refundAmount with refundedAt in the period",
    compute: { total: "refundedFen" },
    reason: "{refunds} refunds completed",
  },
  {
    id: "ticketTimelyRate", unit: "rate", needs: ["tickets"],
    label: { zh: "工单及时回复率", en: "tickets replied in time" },
    formula: "tickets replied within `ticketReplyMinutes` / replied tickets",
    compute: { ratio: ["timelyTickets", "repliedTickets"] },
    reason: "tickets replied within {thresholds.ticketReplyMinutes} min / replied tickets",
  },
  {
    id: "ticketFirstContactRate", unit: "rate", needs: ["tickets"],
    label: { zh: "工单首次解决率", en: "tickets solved at first reply" },
    formula: "tickets closedOnFirstReply / tickets",
    compute: { ratio: ["firstContactTickets", "tickets"] },
    reason: "tickets closed on the first reply / tickets",
  },
  {
    id: "phoneAnswerRate", unit: "rate", needs: ["calls"],
    label: { zh: "400电话接通率", en: "calls answered" },
    formula: "answered calls / calls",
    compute: { ratio: ["answeredCalls", "calls"] },
    reason: "answered calls / incoming calls",
  },
  {
    id: "conversionRate", unit: "rate", needs: ["consultations", "orders"],
    label: { zh: "转化率", en: "conversion rate" },
    formula: "orderedBuyers / consulting buyers",
    compute: { ratio: ["orderedBuyers", "consultingBuyers"] },
    reason: "buyers who ordered / consulting buyers",
  },
  {
    id: "averageOrderValue", unit: "yuan", needs: ["orders", "credits"],
    label: { zh: "客单价", en: "average order value" },
    formula: "agentSales / distinct buyers of the credited paid orders",
    compute: { ratio: ["creditedFen", "creditedBuyers"], divisor: 100 },
    reason: "credited sales fen / buyers who ordered and paid",
  },
  {
    id: "agentSales", unit: "yuan", needs: ["orders", "credits"],
    label: { zh: "客服销售额", en: "agent sales" },
    formula: "gross of the orders R1 credits to the agent, paid in the period",
    compute: { total: "creditedFen" },
    reason: "credited sales (R1 attribution), paid in the period",
  },
  {
    id: "sameDaySales", unit: "yuan", needs: ["consultations", "orders"],
    label: { zh: "当天付款销售额", en: "same-day sales" },
    formula: "Vipshop: payments on a business day the agent answered the buyer (shop: each order once)",
    compute: { total: "sameDayFen" },
    reason: "payments by buyers on a business day the agent served them",
  },
  {
    id: "agentSalesShare", unit: "rate", needs: ["orders", "credits"],
    label: { zh: "客服销售额占比", en: "share of shop sales" },
    formula: "agentSales / shop's paid gross",
    compute: { ratio: ["creditedFen", "shopPaidFen"] },
    reason: "credited sales fen / shop paid fen",
  },
  {
    id: "inquiryToPaymentRate", unit: "rate", needs: ["consultations", "orders"],
    label: { zh: "询单→最终付款成功率", en: "inquiry-to-payment rate" },
    formula: "paidBuyers / consulting buyers",
    compute: { ratio: ["paidBuyers", "consultingBuyers"] },
    reason: "buyers who paid / consulting buyers",
  },
  {
    id: "consultingBuyers", unit: "count", needs: ["consultations"],
    label: { zh: "询单人数", en: "consulting buyers" },
    formula: "distinct buyers with a consultation started in the period",
    compute: { total: "consultingBuyers" },
    reason: "distinct buyers who consulted",
  },
  {
    id: "orderedBuyers", unit: "count", needs: ["consultations", "orders"],
    label: { zh: "最终下单人数", en: "buyers who ordered" },
    formula: "consulting buyers who placed an order in the period at or after their first consultation",
    compute: { total: "orderedBuyers" },
    reason: "consulting buyers who placed an order after their first consultation",
  },
  {
    id: "paidBuyers", unit: "count", needs: ["consultations", "orders"],
    label: { zh: "最终付款人数", en: "buyers who paid" },
    formula: "consulting buyers who paid in the period at or after their first consultation",
    compute: { total: "paidBuyers" },
    reason: "consulting buyers who paid after their first consultation",
  },
  {
    id: "orderedUnpaidBuyers", unit: "count", needs: ["consultations", "orders"],
    label: { zh: "下单未付款人数", en: "buyers who ordered, unpaid" },
    formula: "consulting buyers who placed an order in the period at or after their first consultation and paid none in the period at or after it",
    compute: { total: "orderedUnpaidBuyers" },
    reason: "consulting buyers who ordered after their first consultation and did not pay",
  },
  {
    id: "nextDayPaymentRate", unit: "rate", needs: ["consultations", "orders"],
    label: { zh: "询单→次日付款成功率", en: "paid by the next day" },
    formula: "buyers who paid by the end of the business day after their first consultation / consulting buyers",
    compute: { ratio: ["nextDayBuyers", "consultingBuyers"] },
    reason: "buyers who paid by the next business day / consulting buyers",
  },
  {
    id: "slowResponseBuyers", unit: "count", needs: ["consultations"],
    label: { zh: "慢响应人数", en: "buyers answered slowly" },
    formula: "buyers with a first response over `slowResponseSeconds`",
    compute: { total: "slowBuyers" },
    reason: "buyers with a first response over {thresholds.slowResponseSeconds} s",
  },
  {
    id: "longReceptions", unit: "count", needs: ["consultations"],
    label: { zh: "长接待", en: "long receptions" },
    formula: "consultations longer than `longReceptionMinutes`",
    compute: { total: "longReceptions" },
    reason: "consultations longer than {thresholds.longReceptionMinutes} min",
  },
  {
    id: "quickResponseRate", unit: "rate", needs: ["consultations"],
    label: { zh: "3分钟响应率", en: "quick-response rate" },
    formula: "consultations first answered within `quickResponseSeconds` / consultations",
    compute: { ratio: ["quickResponses", "consultations"] },
    reason: "consultations first answered within {thresholds.quickResponseSeconds} s / consultations",
  },
  {
    id: "unrepliedBuyers", unit: "count", needs: ["consultations"],
    label: { zh: "未回复人数", en: "buyers never answered" },
    formula: "consulting buyers no consultation of whom was answered",
    compute: { total: "unrepliedBuyers" },
    reason: "consulting buyers never replied",
  },
  {
    id: "refundRate", unit: "rate", needs: ["orders", "credits"],
    label: { zh: "退款率", en: "refund rate" },
    formula: "paid orders with a refund / paid orders (an agent's: the orders credited to the agent; the shop's: all paid orders)",
    compute: { ratio: ["refundedOrders", "paidOrders"] },
    reason: "paid orders refunded / paid orders",
  },
  {
    id: "refundAmountRate", unit: "rate", needs: ["orders", "credits"],
    label: { zh: "退款金额占比", en: "refunded share of sales" },
    formula: "refunded amount / paid amount of the same orders",
    compute: { ratio: ["refundFen", "salesFen"] },
    reason: "refunded fen / paid fen",
  },
  {
    id: "repurchaseRate", unit: "rate", needs: ["orders", "credits"],
    label: { zh: "回购率", en: "repurchase rate" },
    formula: "buyers of those orders who had paid another order in the `repurchaseDays` days before / their buyers",
    compute: { ratio: ["repeatBuyers", "payingBuyers"] },
    reason: "buyers who paid again within {thresholds.repurchaseDays} days / paying buyers",
  },
  {
    id: "reviewRecoveryRate", unit: "rate", needs: ["shopReviews"],
    label: { zh: "中差评挽回率", en: "neutral/negative reviews recovered" },
    formula: "中差评 the agent handled, changed to good or removed / 中差评 the agent handled with an outcome",
    compute: { ratio: ["recoveredShopReviews", "handledShopReviews"] },
    reason: "中差评 changed to good or removed / 中差评 handled",
  },
] as const satisfies readonly KpiMetricDefinition[];

/** The metric table, in the order the reports list the metrics. */
export const KPI_METRICS: readonly (KpiMetricDefinition & { readonly id: KpiMetricId })[] = table;

/** Every metric kefu-kpi computes, by id (R2's table, then the figures team leads expect beside it). */
export const KPI_METRIC_IDS = table.map((m) => m.id) as unknown as readonly [KpiMetricId, ...KpiMetricId[]];

export type KpiMetricId = (typeof table)[number]["id"];

type Figures<C> = C extends { readonly ratio: readonly [infer N, infer D] } ? N | D : C extends { readonly total: infer T } ? T : never;
type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? (P extends `thresholds.${string}` ? never : P) | Placeholders<Rest> : never;
type Entry = (typeof table)[number];
type AfterSales = Extract<Entry, { afterSales: unknown }>["afterSales"];

/** Every figure the table reads (computations and reasons): `finalize.ts` supplies each, per agent and for the shop. */
export type KpiFigure = Figures<Entry["compute"]> | Figures<AfterSales["compute"]> | Placeholders<Entry["reason"]> | Placeholders<AfterSales["reason"]>;
