/**
 * The policy: every number of the rules (README) as one JSON-serializable, zod-validated object with
 * defaults. A policy file holds only what differs from the defaults; {@link resolvePolicy}
 * deep-merges it over them. Formulas and rules are chosen by name from closed lists.
 */
import * as z from "zod";
import { isValidTimeZone } from "../time/zone.js";
import { KpiPolicySchema } from "./kpi.js";
import { flagList } from "./flags.js";
import { DisciplinePolicySchema, GradesPolicySchema, RewardsPolicySchema, RosterPolicySchema, ShopReviewDutyPolicySchema } from "./people.js";
import { PayPolicySchema } from "./pay.js";
import { ChatStandardsSchema } from "./chatStandards.js";

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time of day HH:mm");
// A pattern rather than a refinement, so the JSON Schema carries the same rule.
const amount = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, "expected an amount ≥ 0 with at most 2 decimals, like 8.00");

/** R1 attribution settings. */
export const AttributionPolicySchema = z
  .strictObject({
    windowHours: z
      .number()
      .positive()
      .max(15 * 24, "the attribution window is at most 15 days (360 hours); null for none")
      .nullable()
      .default(48)
      .describe("询单有效期: how long after a consultation ends it still attributes an order (hours); null: no window"),
    rule: z
      .enum(["placeFirst", "place", "pay"])
      .default("placeFirst")
      .describe("下单优先 (placeAgent, else payAgent) / 下单判定 / 付款判定"),
    source: z
      .enum(["chat", "remark", "chatThenRemark"])
      .default("chat")
      .describe("credit by chat attribution, by the 工号 in the order remark, or chat then remark"),
    deductRefunds: z
      .boolean()
      .default(true)
      .describe("commissionable sales are net of refunds (true) or gross (false)"),
    excludeFlags: flagList([]).describe("指定订单不算客服业绩: orders with a remark flag of these colours count for no agent"),
    inquiryGroups: z
      .array(z.enum(["presale", "insale", "aftersale"]))
      .refine((list) => new Set(list).size === list.length, "a group is listed twice")
      .default(["presale"])
      .describe("询单: the agent groups whose consultations are inquiries, for the lost inquiries (询单流失); an agent without a group counts"),
  })
  .prefault({});

/** R1 duties that follow from attribution; their owners come from the roster (R6). */
export const DutiesPolicySchema = z
  .strictObject({
    paymentReminder: z
      .strictObject({
        smsAfterMinutes: z.number().int().positive().default(15),
        smsAboveAmount: amount.default("8.00").describe("an SMS goes to unpaid orders strictly above this amount"),
        humanAfterMinutes: z.number().int().positive().default(30),
        owner: z
          .enum(["onDuty", "buyersAgent"])
          .default("onDuty")
          .describe("who owes the human reminder: the agent on duty (onDuty) or the order's placeAgent (buyersAgent)"),
      })
      .prefault({}),
    returnedParcels: z
      .strictObject({ inspectBy: timeOfDay.default("17:30") })
      .prefault({}),
    shopReviews: ShopReviewDutyPolicySchema,
  })
  .prefault({});

/** R8 the chat log: how its messages make consultations, which lines are the shop's bot, and the standards an agent's messages are held to. */
export const ChatPolicySchema = z
  .strictObject({
    sessionGapMinutes: z
      .number()
      .int()
      .positive()
      .max(24 * 60, "the session gap is at most a day (1440 minutes)")
      .default(30)
      .describe("a conversation of one agent with one buyer is split into two consultations after more than this many minutes without a message"),
    botAccounts: z
      .array(z.string().trim().min(1, "expected an account name"))
      .default(["店小蜜", "自动回复"])
      .describe("bot accounts: a sender or receiver equal to one of these, or whose sub-account name (after the first :) is one, makes a bot line"),
    botMarkers: z
      .array(z.string().trim().min(1, "expected a marker"))
      .default(["[自动回复]", "【自动回复】"])
      .describe("a message whose text starts with one of these is a bot line (an auto-reply)"),
    standards: ChatStandardsSchema.describe(
      "the chat standards (seed 004): { defaults, rules } — the default rules (when defaults is true) merged by id with the shop's rules",
    ),
    waitLimitSeconds: z
      .number()
      .int()
      .positive()
      .max(24 * 3600)
      .nullable()
      .default(120)
      .describe("a response (the buyer's first unanswered message to the agent's answer) of this many seconds or more is a finding (seed 004: 2 minutes); null: not checked"),
    qcPoints: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(0)
      .describe("QC points deducted per chat finding in the inspection week (under kpi.qc.weeklyCap); 0: findings are not QC deductions"),
  })
  .prefault({});

/** The steps of R7's allocation order, in the seed's order (seed 002: 消息分配优先级). */
export const ROUTING_STEPS = ["recentAgent", "onlineMatching", "onlineOther", "busyMatching", "busyOther"] as const;
export type RoutingStep = (typeof ROUTING_STEPS)[number];

/** A number of chats an agent holds at once (1–1000), or null. */
const chatsAtOnce = z.number().int().positive().max(1000).nullable().default(null);

const sourceList = z.array(z.string().trim().min(1, "expected a source name")).max(100);

/** R7 routing: which group an arriving buyer's source belongs to, how long the recent agent is preferred, and the order of the steps. */
export const RoutingPolicySchema = z
  .strictObject({
    afterSalesSources: sourceList
      .default(["消息中心", "订单详情页", "订单列表页"])
      .describe("入线来源 that make an arrival an after-sales consultation (seed 002)"),
    preSalesSources: sourceList.default(["店铺首页", "商品详情页"]).describe("入线来源 that make an arrival a pre-sales consultation (seed 002)"),
    recentAgentHours: z
      .number()
      .positive()
      .max(30 * 24, "the recent agent is preferred for at most 30 days (720 hours)")
      .default(24)
      .describe("最近接待客服有效期: how long after the buyer was last served the agent who served them is preferred (hours)"),
    maxConcurrent: chatsAtOnce.describe("chats an online agent holds before counting as busy; null: only the agent's state says busy"),
    order: z
      .array(z.enum(ROUTING_STEPS))
      .min(1, "expected at least one step")
      .refine((steps) => new Set(steps).size === steps.length, "each step at most once")
      .default([...ROUTING_STEPS])
      .describe("the allocation order (消息分配优先级): recentAgent, onlineMatching, onlineOther, busyMatching, busyOther"),
  })
  .superRefine((routing, ctx) => {
    const after = new Set(routing.afterSalesSources);
    routing.preSalesSources.forEach((source, k) => {
      if (after.has(source)) ctx.addIssue({ code: "custom", path: ["preSalesSources", k], message: `"${source}" is an after-sales source too; a source belongs to one group` });
    });
  })
  .prefault({});

/** Staffing (seed 002 客服配置): the service level the Erlang C model staffs each hour of the week for. */
export const StaffingPolicySchema = z
  .strictObject({
    serviceLevel: z
      .number()
      .gt(0, "expected a share above 0")
      .lt(1, "expected a share below 1 (every buyer within the target needs infinitely many agents)")
      .default(0.8)
      .describe("the share of arrivals to answer within the first-reply target (kpi.serviceLevels.firstReply.maxSeconds)"),
    chatsPerAgent: chatsAtOnce.describe("chats an agent holds at once in the model; null: routing.maxConcurrent, or 3 when that is null too"),
    percentile: z
      .number()
      .gt(0, "expected a share above 0")
      .max(1)
      .default(0.9)
      .describe("the load an hour of the week is staffed for: this percentile (nearest rank) of its arrivals over the period's occurrences of that hour; 1 is the busiest"),
  })
  .prefault({});

/** The whole policy. */
export const PolicySchema = z.strictObject({
  shop: z
    .string()
    .trim()
    .min(1, "expected the shop's name or id, or null")
    .nullable()
    .default(null)
    .describe("the shop's name or id: carried into the report, so that another shop's report is refused as the previous month"),
  timeZone: z
    .string()
    .refine(isValidTimeZone, "expected an IANA time zone like Asia/Shanghai")
    .default("Asia/Shanghai")
    .describe("the shop's time zone: wall times are read and periods cut in it"),
  ambiguousTimes: z
    .enum(["error", "earlier", "later"])
    .default("error")
    .describe("a wall time the clocks show twice (when they go back): an error unless it carries its offset, or its earlier or later instant"),
  businessDayStartsAt: timeOfDay.default("00:00").describe("业务天分割点: where a business day begins"),
  attribution: AttributionPolicySchema,
  duties: DutiesPolicySchema,
  chat: ChatPolicySchema,
  routing: RoutingPolicySchema,
  staffing: StaffingPolicySchema,
  kpi: KpiPolicySchema,
  grades: GradesPolicySchema,
  discipline: DisciplinePolicySchema,
  rewards: RewardsPolicySchema,
  roster: RosterPolicySchema,
  pay: PayPolicySchema,
});

/** A resolved policy: every field present. */
export type Policy = z.output<typeof PolicySchema>;
/** What a caller or a policy file may give: any subset of {@link Policy}. */
export type PolicyInput = z.input<typeof PolicySchema>;
export type AttributionPolicy = Policy["attribution"];
export type ChatPolicy = Policy["chat"];
export type RoutingPolicy = Policy["routing"];
export type StaffingPolicy = Policy["staffing"];
