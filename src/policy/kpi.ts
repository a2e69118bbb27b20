/**
 * The KPI part of the policy (R2, README): thresholds, minimum samples, the role scorecards, the
 * QC deduction ladder and the service-level checks. Metrics are chosen by id from the closed list
 * {@link KPI_METRIC_IDS} (from the metric table, `kpiMetrics.ts`); nothing here is code. The
 * settings are documented in README.md (Policy) rather than with `.describe()` texts, which would
 * weigh on the browser bundle.
 */
import * as z from "zod";
import { flagList } from "./flags.js";
import { KPI_METRIC_IDS, type KpiMetricId } from "./kpiMetrics.js";

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time of day HH:mm");
const decimal = z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, "expected a decimal ≥ 0 as text, like 0.95 or 30");

export const KpiMetricIdSchema = z.enum(KPI_METRIC_IDS);
export { KPI_METRIC_IDS, type KpiMetricId };

const Step = z.strictObject({
  threshold: decimal,
  points: z.number().int().min(0).max(100),
});

/** One metric of a scorecard: its weight and its step table. */
export const ScorecardMetricSchema = z
  .strictObject({
    metric: KpiMetricIdSchema,
    weight: z.number().int().positive().max(100),
    direction: z.enum(["higherIsBetter", "lowerIsBetter"]),
    /** Best step first; the first step the value reaches gives the points. */
    steps: z.array(Step).min(1),
    /** Points when no step is reached. */
    otherwise: z.number().int().min(0).max(100).default(0),
  })
  .superRefine((m, ctx) => {
    for (let i = 1; i < m.steps.length; i++) {
      const prev = Number(m.steps[i - 1]!.threshold);
      const cur = Number(m.steps[i]!.threshold);
      const ordered = m.direction === "higherIsBetter" ? cur < prev : cur > prev;
      if (!ordered) {
        ctx.addIssue({
          code: "custom",
          path: ["steps", i, "threshold"],
          message: `steps must go from the best to the worst threshold (${m.direction === "higherIsBetter" ? "decreasing" : "increasing"}); ${m.steps[i]!.threshold} follows ${m.steps[i - 1]!.threshold}`,
        });
      }
    }
  });
export type ScorecardMetric = z.output<typeof ScorecardMetricSchema>;

const scorecard = (metrics: z.input<typeof ScorecardMetricSchema>[]) =>
  z
    .array(ScorecardMetricSchema)
    .superRefine((list, ctx) => {
      // An empty card would score nobody of the group and silently zero their KPI bonus: it is
      // refused like any card whose weights do not sum to 100.
      const total = list.reduce((s, m) => s + m.weight, 0);
      if (list.length === 0) {
        ctx.addIssue({ code: "custom", message: "the scorecard lists no metric; list metrics whose weights sum to 100" });
      } else if (total !== 100) {
        ctx.addIssue({ code: "custom", message: `the weights sum to ${total}; they must sum to 100` });
      }
      const seen = new Set<string>();
      list.forEach((m, i) => {
        if (seen.has(m.metric)) ctx.addIssue({ code: "custom", path: [i, "metric"], message: `"${m.metric}" is listed twice` });
        seen.add(m.metric);
      });
    })
    .prefault(metrics);

const label = z.string().trim().min(1, "expected a label").max(60);

/** More checks of one service-level rule, each with its own label and limit: at most 10, the labels distinct. */
const alsoChecks = <T extends z.ZodType<{ label: string }>>(item: T) =>
  z
    .array(item)
    .max(10)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((c, i) => {
        if (seen.has(c.label)) ctx.addIssue({ code: "custom", path: [i, "label"], message: `"${c.label}" labels another check of this rule; each needs its own label` });
        seen.add(c.label);
      });
    })
    .default([]);

/** What a shipping limit counts from: the payment or the order's creation. */
const shippingFrom = z.enum(["paid", "created"]).default("paid");


const rate = (a: string, b: string, c: string) => [
  { threshold: a, points: 100 },
  { threshold: b, points: 80 },
  { threshold: c, points: 60 },
];
const goodReview = (weight: number) => ({ metric: "goodReviewRate", weight, direction: "higherIsBetter", steps: rate("0.98", "0.95", "0.90") }) as const;
const response = (weight: number) => ({ metric: "avgResponseSeconds", weight, direction: "lowerIsBetter", steps: rate("30", "45", "60") }) as const;
const phone = (weight: number) => ({ metric: "phoneAnswerRate", weight, direction: "higherIsBetter", steps: rate("0.95", "0.90", "0.80") }) as const;

/**
 * A KPI target (考核目标): the value a metric should reach, at least (higher is better) or at most
 * (lower is better); exactly one of the two.
 */
export const KpiTargetSchema = z
  .strictObject({ atLeast: decimal.optional(), atMost: decimal.optional() })
  .refine((t) => (t.atLeast === undefined) !== (t.atMost === undefined), {
    message: "expected exactly one of atLeast (higher is better) or atMost (lower is better)",
    // An unknown or malformed field is said alone, not also as "neither bound".
    when: (payload) => payload.issues.length === 0,
  });
export type KpiTarget = z.output<typeof KpiTargetSchema>;

/** The KPI settings. */
export const KpiPolicySchema = z
  .strictObject({
    thresholds: z
      .strictObject({
        satisfiedAtLeast: z.number().int().min(1).max(5).default(4),
        ticketReplyMinutes: z.number().positive().default(60),
        slowResponseSeconds: z.number().positive().default(60),
        quickResponseSeconds: z.number().positive().default(180),
        longReceptionMinutes: z.number().positive().default(30),
        // 回购: a paid order's buyer had paid another within this many days before it.
        repurchaseDays: z.number().int().positive().max(3650).default(90),
      })
      .prefault({}),
    minSample: z
      .partialRecord(KpiMetricIdSchema, z.number().int().nonnegative())
      .default({ goodReviewRate: 5, afterSaleSatisfaction: 5, ticketTimelyRate: 5, ticketFirstContactRate: 5, phoneAnswerRate: 5 }),
    scorecards: z
      .strictObject({
        presale: scorecard([goodReview(40), response(30), phone(30)]),
        insale: scorecard([
          { metric: "ticketTimelyRate", weight: 60, direction: "higherIsBetter", steps: rate("0.95", "0.90", "0.80") },
          { metric: "afterSaleReviewHours", weight: 40, direction: "lowerIsBetter", steps: rate("6", "12", "24") },
        ]),
        aftersale: scorecard([
          goodReview(25),
          response(25),
          phone(25),
          { metric: "afterSaleSatisfaction", weight: 25, direction: "higherIsBetter", steps: rate("0.95", "0.90", "0.80") },
        ]),
      })
      .prefault({}),
    // 考核目标: each metric's target, for the report's targets table (met or missed). The defaults are
    // the default scorecards' full-points thresholds; a shop sets its own (they are independent of the cards).
    targets: z.partialRecord(KpiMetricIdSchema, KpiTargetSchema).default({
      goodReviewRate: { atLeast: "0.98" },
      avgResponseSeconds: { atMost: "30" },
      phoneAnswerRate: { atLeast: "0.95" },
      ticketTimelyRate: { atLeast: "0.95" },
      afterSaleReviewHours: { atMost: "6" },
      afterSaleSatisfaction: { atLeast: "0.95" },
    }),
    qc: z
      .strictObject({
        ladder: z
          .array(z.strictObject({ atLeast: z.number().min(0).max(100), points: z.number().int().nonnegative() }))
          .min(1)
          .default([
            { atLeast: 80, points: 0 },
            { atLeast: 70, points: 1 },
            { atLeast: 60, points: 2 },
          ]),
        below: z.number().int().nonnegative().default(3),
        weeklyCap: z.number().int().nonnegative().default(3),
        // Whose week the cap bounds: each agent's, or the shop's (seed 002 caps the merchant).
        capPer: z.enum(["agent", "shop"]).default("agent"),
      })
      .prefault({}),
    serviceLevels: z
      .strictObject({
        firstReply: z
          .strictObject({
            enabled: z.boolean().default(true),
            maxSeconds: z.number().positive().default(60),
            onlineFrom: timeOfDay.default("09:00"),
            onlineTo: timeOfDay.default("23:00"),
            // More limits for the same rule, each its own check (Taobao's 5 minutes beside Vipshop's 60 s).
            also: alsoChecks(z.strictObject({ label, maxSeconds: z.number().positive() })),
          })
          .prefault({}),
        overnight: z
          .strictObject({ enabled: z.boolean().default(true), answerBy: timeOfDay.default("09:30") })
          .prefault({}),
        ticketReply: z
          .strictObject({ enabled: z.boolean().default(true), maxMinutes: z.number().positive().default(60), kinds: z.array(z.string()).nullable().default(null) })
          .prefault({}),
        afterSaleReview: z
          .strictObject({
            enabled: z.boolean().default(true),
            maxHours: z.number().positive().default(12),
            also: alsoChecks(z.strictObject({ label, maxHours: z.number().positive() })),
          })
          .prefault({}),
        refundAfterReceipt: z.strictObject({ enabled: z.boolean().default(true), maxHours: z.number().positive().default(24) }).prefault({}),
        presaleWait: z.strictObject({ enabled: z.boolean().default(true), maxWaitSeconds: z.number().positive().default(120) }).prefault({}),
        complaintReply: z.strictObject({ enabled: z.boolean().default(true), maxHours: z.number().positive().default(24) }).prefault({}),
        orderAnomaly: z.strictObject({ enabled: z.boolean().default(true), maxHours: z.number().positive().default(24) }).prefault({}),
        // Seed 002 counts from 下单成功: the payment (the default), or the order's creation.
        // Seed 000: a green flag (绿色) asks for the shipment to be delayed, so its order is not checked.
        shipping: z.strictObject({ enabled: z.boolean().default(true), maxHours: z.number().positive().default(24), from: shippingFrom, exemptFlags: flagList(["green"]) }).prefault({}),
        pickupScan: z.strictObject({ enabled: z.boolean().default(true), maxHours: z.number().positive().default(48), from: shippingFrom, exemptFlags: flagList(["green"]) }).prefault({}),
      })
      .prefault({}),
  })
  .superRefine((p, ctx) => {
    if (p.qc.ladder.some((s, i) => i > 0 && s.atLeast >= p.qc.ladder[i - 1]!.atLeast)) {
      ctx.addIssue({ code: "custom", path: ["qc", "ladder"], message: "steps must go from the highest atLeast to the lowest" });
    }
  })
  .prefault({});

export type KpiPolicy = z.output<typeof KpiPolicySchema>;
