/**
 * The month report's shape, as a zod schema: what `kefu-kpi report --format json` prints and what
 * `buildMonthReport` returns. Money is a decimal string, instants are ISO 8601 with offset.
 */
import * as z from "zod";
import { FLAG_COLOURS } from "../policy/flags.js";
import { AgentGradeSchema, StaffGroupSchema } from "../records/recordSchemas.js";
import { PolicySchema } from "../policy/schema.js";
import { PeopleReportSchema } from "./peopleSchema.js";
import { PayStatementSchema } from "./paySchema.js";
import { ChatReviewSchema } from "./chatSchema.js";
import { TrafficReportSchema } from "./trafficSchema.js";
import { LostInquiriesReportSchema } from "./lostInquiriesSchema.js";
import { TransfersReportSchema } from "./transfersSchema.js";
import { BotsReportSchema } from "./botsSchema.js";
import { ShopsReportSchema } from "./shopsSchema.js";
import { KpiTargetsReportSchema, MonthSummarySchema } from "./targetsSchema.js";
import { AgentQcSchema, AgentScoreSchema, KpiTableSchema, ServiceLevelCheckSchema } from "./kpiSchema.js";

const money = z.string().regex(/^-?\d+\.\d{2}$/);

export const TallySchema = z.object({
  orders: z.number().int().nonnegative(),
  gross: money,
  refunds: money,
  net: money,
});

export const AgentReportSchema = z.object({
  agentId: z.string(),
  /** From the agents file; null when the agent is only seen in the data. */
  name: z.string().nullable(),
  group: StaffGroupSchema.nullable(),
  grade: AgentGradeSchema.nullable(),
  /** Orders credited to this agent (R1). */
  sales: TallySchema,
  /** The commission base: net or gross by policy `attribution.deductRefunds`. */
  commissionable: money,
  breakdown: z.object({
    ownPlaceOwnPay: TallySchema,
    ownPlaceOtherPay: TallySchema,
    otherPlaceOwnPay: TallySchema,
    silentOrderOwnPay: TallySchema,
  }),
  /** 核对地址 owed: booked orders whose payAgent is this agent. */
  addressChecks: z.number().int().nonnegative(),
  /** R2 metrics over the month. */
  kpis: KpiTableSchema,
  /** The scorecard of the agent's group; not scored on probation. */
  score: AgentScoreSchema,
});

export const OrderReportSchema = z.object({
  orderId: z.string(),
  status: z.enum(["assisted", "silent-order", "fully-silent"]),
  paidAt: z.string(),
  gross: money,
  refunds: money,
  net: money,
  placeAgent: z.string().nullable(),
  placeConsultationId: z.string().nullable(),
  payAgent: z.string().nullable(),
  payConsultationId: z.string().nullable(),
  creditedAgent: z.string().nullable(),
  creditedBy: z.enum(["placeAgent", "payAgent", "remark"]).nullable(),
  /** The remark's flag (备注小旗), or null. */
  flag: z.enum(FLAG_COLOURS).nullable().default(null),
  /** Its flag is one the policy excludes (`attribution.excludeFlags`): the order counts for no agent. */
  excluded: z.boolean().default(false),
  /** A fully silent order a bot (店小蜜) served, as R1 would have an agent serve it: that consultation; null otherwise. */
  botConsultationId: z.string().nullable().default(null),
});

export const MonthReportSchema = z.object({
  kind: z.literal("kefu-kpi/month-report"),
  version: z.literal(1),
  /** Set on a report whose month is settled (pay handed out): a re-run must not change it (R5). */
  settled: z.literal(true).optional(),
  /** `YYYY-MM`: sales are booked in it by `paidAt`. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  period: z.object({ start: z.string(), end: z.string() }),
  /** The complete policy the report was computed with. */
  policy: PolicySchema,
  /** Things the reader must know (missing files, unlinkable orders …). */
  warnings: z.array(z.string()),
  /** The month at a glance (silent and credited shares, the pay total); null on a report of an earlier version. */
  summary: MonthSummarySchema.nullable().default(null),
  shop: z.object({
    /** Every order paid in the month. */
    sales: TallySchema,
    credited: TallySchema,
    /** 全静默: fully silent orders, credited to nobody. */
    silent: TallySchema,
    /** Served orders the credit rule leaves to nobody. */
    uncredited: TallySchema,
    /** Orders whose remark flag the policy excludes (指定订单不算客服业绩), credited to nobody. */
    excluded: TallySchema.default({ orders: 0, gross: "0.00", refunds: "0.00", net: "0.00" }),
    /** Of the silent orders, those a bot (店小蜜) served and no agent did: no agent's sale, the bots' own line. */
    botServed: TallySchema.default({ orders: 0, gross: "0.00", refunds: "0.00", net: "0.00" }),
    byStatus: z.object({ assisted: TallySchema, silentOrder: TallySchema, fullySilent: TallySchema }),
    unpaidOrders: z.number().int().nonnegative(),
    paidOutsidePeriod: z.number().int().nonnegative(),
    /** Paid orders of the month without a buyer id (fully silent: they cannot be linked to chats). */
    unlinkedOrders: z.number().int().nonnegative(),
    /** R2 metrics of the shop (response times: the mean of the agents' means). */
    kpis: KpiTableSchema,
    /** The shopIds of the orders given (the month's data), sorted; empty when the orders carry none. One shop's report: that shop. */
    ids: z.array(z.string()).default([]),
  }),
  agents: z.array(AgentReportSchema),
  /** 质检扣分 per agent and ISO week of the month. */
  qcDeductions: z.array(AgentQcSchema),
  /** The R2 service-level checks with their breaches. */
  serviceLevels: z.array(ServiceLevelCheckSchema),
  /** The chat standards (R8) over the month's chat log; null without one. */
  chat: ChatReviewSchema.nullable().default(null),
  /** The shop's traffic (visitors, conversion, the identity sales = UV × CVR × 客单价); null without traffic records. */
  traffic: TrafficReportSchema.nullable().default(null),
  /** The lost inquiries (询单流失): per agent the inquiring buyers who bought nothing within the window, listed; null without consultations or orders. */
  lostInquiries: LostInquiriesReportSchema.nullable().default(null),
  /** The transfers (转接) per agent, out and in, and by pair; null when no consultation names a transfer. */
  transfers: TransfersReportSchema.nullable().default(null),
  /** The bots (店小蜜, agents of group bot): receptions, hand-overs and the orders they served alone; null without bots. */
  bots: BotsReportSchema.nullable().default(null),
  /** The month shop by shop (a team serving several shops): each shop's sales and consultations; null when the records name fewer than two shops. */
  shops: ShopsReportSchema.nullable().default(null),
  /** The KPIs against the policy's targets (kpi.targets), per metric, agent and the shop; null without targets. */
  targets: KpiTargetsReportSchema.nullable().default(null),
  /** Every order booked in the month, in input order, with how it was attributed. */
  orders: z.array(OrderReportSchema),
  /** Grades, discipline, rewards, the fund, the roster and the duties (R3, R4, R6, R1 duties). */
  people: PeopleReportSchema,
  /** One pay statement per agent of the agents file (R5), each line with its rule, inputs and steps. */
  pay: z.array(PayStatementSchema),
});

export type MonthReport = z.infer<typeof MonthReportSchema>;
export type AgentReport = z.infer<typeof AgentReportSchema>;
export type OrderReport = z.infer<typeof OrderReportSchema>;
