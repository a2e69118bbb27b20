/**
 * The record kinds of a month, one definition each: the fields (the English ids of the month
 * folder's columns and of the library's record objects), each field's value type, whether its
 * column is required, its Chinese column names, its bounds, the record's id (unique within the
 * kind) and the field rules that join two fields of one record. Everything that reads records —
 * the decoder, the zod schemas and their JSON Schema, the folder reader's headers, the sheets —
 * is derived from this table. Data, not code: a new kind is an entry here plus what computes with it.
 */
import { FLAG_COLOURS } from "../policy/flags.js";

/**
 * How a value is read and kept:
 * - `id`: an identifier (text, trimmed; a number is refused, so is an id Excel turned into
 *   `8.43512E+17`); `text`: free text (trimmed); both kept as strings.
 * - `agent`: a 工号 — an id kept as the agent's number in the month's agent list.
 * - `buyer`: a buyer id (会员名) — an id kept as the buyer's number in the month's buyer list
 *   (within the record's shop when it has a `shopId`).
 * - `instant`: a date-time (ISO 8601 with offset, or wall time in the shop zone), kept as epoch ms.
 * - `date`: a calendar date `YYYY-MM-DD`, kept as a day number; `month`: `YYYY-MM`, kept as a month index.
 * - `money`: CNY to the fen, kept as integer fen; `count`: a whole number; `score`: 0–100 with at
 *   most 2 decimals, kept in hundredths.
 * - `boolean`: true/false (also 1/0, yes/no, 是/否); `enum`: one of a list (or its Chinese label).
 */
export type FieldType = "id" | "text" | "agent" | "buyer" | "instant" | "date" | "month" | "money" | "count" | "score" | "boolean" | "enum";

export interface FieldSpec {
  readonly type: FieldType;
  /** The column must be there, and the value too (unless `nullable` or the record's rules allow an empty value). */
  readonly required?: boolean;
  /**
   * Needed by the month report, not by every rule family: the agents' name, group and grade (an app
   * that only attributes sales passes a roster of ids). A month folder's file must have the column.
   */
  readonly forMonth?: boolean;
  /** The value may be empty even though the column is required (paidAt of an unpaid order). */
  readonly emptyAllowed?: boolean;
  /** `null` is a value of its own (an order's buyerId when the export cannot link orders to buyers). */
  readonly nullable?: boolean;
  /** Chinese column names accepted for this field. */
  readonly aliases?: readonly string[];
  /** For `enum`: the values, in the order they are numbered. */
  readonly values?: readonly string[];
  /** For `enum`: the Chinese label of each value. */
  readonly labels?: Readonly<Record<string, string>>;
  /** For `enum`: other spellings read as the value (`红`, `红色` for the red flag). */
  readonly synonyms?: Readonly<Record<string, readonly string[]>>;
  /** For `count`: the smallest and largest value (default 0 and {@link MAX_COUNT}). */
  readonly min?: number;
  readonly max?: number;
  /** What the field means, for messages and the JSON Schema. */
  readonly description?: string;
}

/** The largest whole number one record may carry in a count field (sums across records are checked separately). */
export const MAX_COUNT = 2_147_483_646;

export interface KindSpec {
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** The field that names a record: unique within the kind when given. */
  readonly key?: string;
  /** What a record of the kind is, in a few words (`an order`). */
  readonly noun: string;
}

/** The kinds of record, in the order a month decodes them (agents first: they are the roster the others refer to). */
export const RECORD_KINDS = [
  "agents",
  "consultations",
  "messages",
  "orders",
  "shipments",
  "orderAnomalies",
  "tickets",
  "afterSales",
  "reviews",
  "complaints",
  "qc",
  "calls",
  "violations",
  "rewards",
  "assessments",
  "probation",
  "scores",
  "roster",
  "returnedParcels",
  "shopReviews",
  "traffic",
  "attendance",
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The sheet name used in messages when the caller gives none. */
export const DEFAULT_SHEET_NAMES: Readonly<Record<RecordKind, string>> = {
  agents: "客服",
  consultations: "咨询",
  messages: "聊天记录",
  orders: "订单",
  shipments: "发货",
  orderAnomalies: "异常订单",
  tickets: "工单",
  afterSales: "售后",
  reviews: "客服评价",
  complaints: "投诉",
  qc: "质检",
  calls: "电话",
  violations: "违规",
  rewards: "奖励",
  assessments: "考核",
  probation: "试用期",
  scores: "积分",
  roster: "排班",
  returnedParcels: "退货包裹",
  shopReviews: "中差评",
  traffic: "流量",
  attendance: "考勤",
};

/** The agents' groups; a bot (店小蜜, an auto-reply account) is set apart from the people (see `bot` in the rules). */
const GROUPS = {
  values: ["presale", "insale", "aftersale", "bot"],
  labels: { presale: "售前", insale: "售中", aftersale: "售后", bot: "机器人" },
  synonyms: { bot: ["店小蜜", "智能客服"] },
} as const;
/** The remark flags (备注小旗), by colour, character, 色/旗 and 小…旗. */
const FLAGS = {
  values: FLAG_COLOURS,
  labels: { red: "红旗", yellow: "黄旗", green: "绿旗", blue: "蓝旗", purple: "紫旗" },
  synonyms: { red: ["红", "红色", "小红旗"], yellow: ["黄", "黄色", "小黄旗"], green: ["绿", "绿色", "小绿旗"], blue: ["蓝", "蓝色", "小蓝旗"], purple: ["紫", "紫色", "小紫旗"] },
} as const;
const GRADES = { values: ["junior", "intermediate", "senior", "expert"], labels: { junior: "初级", intermediate: "中级", senior: "高级", expert: "资深" } } as const;

/** Every kind's definition. */
export const KINDS = {
  agents: {
    noun: "an agent",
    key: "agentId",
    fields: {
      agentId: { type: "id", required: true, aliases: ["工号", "客服工号"], description: "工号, the agent's staff number" },
      name: { type: "text", forMonth: true, aliases: ["姓名", "客服姓名"] },
      group: { type: "enum", forMonth: true, aliases: ["组", "组别", "岗位"], ...GROUPS },
      grade: { type: "enum", forMonth: true, aliases: ["级别", "等级"], ...GRADES },
      hiredAt: { type: "instant", aliases: ["入职时间", "入职日期"] },
      gradeSince: { type: "instant", aliases: ["定级时间", "定级日期"] },
      probationEndsAt: { type: "instant", aliases: ["转正时间", "转正日期", "试用期结束"] },
      dismissedAt: { type: "instant", aliases: ["离职时间", "离职日期"], description: "when the agent left or was dismissed (开除); rules stop applying after it" },
      accounts: {
        type: "text",
        aliases: ["子账号", "客服账号", "旺旺子账号"],
        description: "the agent's chat sub-accounts as the chat log writes them (某某旗舰店:小王), separated by ; or |; a sub-account belongs to one agent",
      },
    },
  },
  consultations: {
    noun: "a consultation",
    key: "consultationId",
    fields: {
      consultationId: { type: "id", required: true, aliases: ["咨询编号", "会话编号", "接待编号"] },
      agentId: { type: "agent", required: true, aliases: ["工号", "客服工号"] },
      buyerId: { type: "buyer", required: true, aliases: ["买家会员名", "买家"] },
      startedAt: { type: "instant", required: true, aliases: ["开始时间", "咨询时间"] },
      firstReplyAt: { type: "instant", required: true, emptyAllowed: true, aliases: ["首次回复时间", "首响时间"], description: "empty when the agent never replied" },
      endedAt: { type: "instant", required: true, aliases: ["结束时间"] },
      buyerMessages: { type: "count", aliases: ["买家消息数"] },
      agentMessages: { type: "count", aliases: ["客服消息数"] },
      source: { type: "text", aliases: ["来源", "咨询来源"] },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
      responseCount: { type: "count", aliases: ["响应次数"], description: "how many times the agent answered a buyer message (response intervals)" },
      responseSeconds: { type: "count", aliases: ["响应总时长", "响应时长合计"], description: "the sum of those response intervals, in whole seconds" },
      maxResponseSeconds: { type: "count", aliases: ["最长响应时长"], description: "the longest of them: how long the buyer was left waiting at most" },
      transferredTo: { type: "agent", aliases: ["转出至", "转接给", "转给"], description: "转接: the agent the buyer was transferred to at the end of this consultation; the buyer then counts for that agent, not this one" },
      transferredFrom: { type: "agent", aliases: ["转入自", "转接自", "转自"], description: "转接: the agent who transferred the buyer to this consultation" },
    },
  },
  messages: {
    noun: "a chat message",
    fields: {
      at: { type: "instant", required: true, aliases: ["时间", "发送时间", "消息时间"] },
      from: { type: "id", required: true, aliases: ["发送人", "发送方", "发送者"], description: "the sender's account: a buyer's 会员名 or an agent's sub-account" },
      to: { type: "id", required: true, aliases: ["接收人", "接收方", "接收者"], description: "the receiver's account: a buyer's 会员名 or an agent's sub-account" },
      text: { type: "text", required: true, emptyAllowed: true, aliases: ["内容", "消息内容", "聊天内容"], description: "what was written (empty for a picture or a card)" },
      consultationId: { type: "id", aliases: ["会话编号", "咨询编号", "接待编号"], description: "the chat tool's conversation id: its messages make one consultation" },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    },
  },
  orders: {
    noun: "an order",
    key: "orderId",
    fields: {
      orderId: { type: "id", required: true, aliases: ["订单编号"] },
      buyerId: { type: "buyer", required: true, nullable: true, aliases: ["买家会员名"], description: "null when the export cannot link the order to a buyer" },
      createdAt: { type: "instant", required: true, aliases: ["订单创建时间", "下单时间"] },
      paidAt: { type: "instant", required: true, emptyAllowed: true, aliases: ["订单付款时间", "付款时间"], description: "empty when unpaid" },
      amount: { type: "money", required: true, aliases: ["实付金额", "付款金额"], description: "what the buyer paid (实付) before refunds; for an unpaid order, the order amount" },
      refundAmount: { type: "money", aliases: ["退款金额"] },
      remarkAgentId: { type: "agent", aliases: ["备注工号"], description: "the 工号 written in the order remark" },
      flag: { type: "enum", aliases: ["旗帜", "旗帜颜色", "备注旗帜", "小旗", "插旗"], ...FLAGS, description: "the remark's flag colour (备注小旗)" },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    },
  },
  shipments: {
    noun: "a shipment",
    key: "orderId",
    fields: {
      orderId: { type: "id", required: true, aliases: ["订单编号"], description: "the order shipped: one row per order (sent in several parcels, when the last left)" },
      shippedAt: { type: "instant", required: true, emptyAllowed: true, aliases: ["发货时间"], description: "when the order was shipped (发货); empty when not yet shipped" },
      pickedUpAt: { type: "instant", aliases: ["揽收时间", "首次揽收时间"], description: "the carrier's pick-up scan (揽收), the first scan of the parcel" },
      trackingNo: { type: "text", aliases: ["物流单号", "运单号", "快递单号"] },
      carrier: { type: "text", aliases: ["物流公司", "快递公司"] },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    },
  },
  orderAnomalies: {
    noun: "an order anomaly",
    fields: {
      orderId: { type: "id", required: true, aliases: ["订单编号"] },
      raisedAt: { type: "instant", required: true, aliases: ["反馈时间", "异常时间", "上报时间"], description: "when the platform or the buyer reported the anomaly" },
      verifiedAt: { type: "instant", aliases: ["核实时间", "处理时间"], description: "when it was verified and a result given; empty when not yet" },
      agentId: { type: "agent", aliases: ["工号", "处理人工号"], description: "the agent who verifies it" },
      kind: { type: "text", aliases: ["异常类型", "类型"] },
      note: { type: "text", aliases: ["备注"] },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    },
  },
  tickets: {
    noun: "a ticket",
    key: "ticketId",
    fields: {
      ticketId: { type: "id", required: true, aliases: ["工单编号"] },
      agentId: { type: "agent", required: true, aliases: ["工号"] },
      createdAt: { type: "instant", required: true, aliases: ["创建时间"] },
      firstReplyAt: { type: "instant", aliases: ["首次回复时间"] },
      closedAt: { type: "instant", aliases: ["关闭时间", "完结时间"] },
      closedOnFirstReply: { type: "boolean", aliases: ["首次解决"] },
      kind: { type: "text", aliases: ["工单类型", "类型"] },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    },
  },
  afterSales: {
    noun: "an after-sales request",
    key: "afterSaleId",
    fields: {
      afterSaleId: { type: "id", required: true, aliases: ["售后单号", "售后编号"] },
      agentId: { type: "agent", required: true, aliases: ["工号"] },
      appliedAt: { type: "instant", required: true, aliases: ["申请时间"] },
      orderId: { type: "id", aliases: ["订单编号"] },
      reviewedAt: { type: "instant", aliases: ["审核时间"] },
      goodsReceivedAt: { type: "instant", aliases: ["收货时间", "退货签收时间"] },
      refundedAt: { type: "instant", aliases: ["退款时间"] },
      refundAmount: { type: "money", aliases: ["退款金额"] },
      satisfaction: { type: "count", min: 1, max: 5, aliases: ["满意度"], description: "the buyer's rating 1–5" },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    },
  },
  reviews: {
    noun: "a service review",
    key: "reviewId",
    fields: {
      agentId: { type: "agent", required: true, aliases: ["工号"] },
      at: { type: "instant", required: true, aliases: ["评价时间", "时间"] },
      rating: { type: "enum", required: true, aliases: ["评价"], values: ["good", "neutral", "bad"], labels: { good: "好评", neutral: "中评", bad: "差评" } },
      reviewId: { type: "id", aliases: ["评价编号"] },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    },
  },
  complaints: {
    noun: "a complaint",
    key: "complaintId",
    fields: {
      complaintId: { type: "id", required: true, aliases: ["投诉编号"] },
      agentId: { type: "agent", required: true, aliases: ["工号", "被投诉工号"], description: "the agent complained of" },
      at: { type: "instant", required: true, aliases: ["投诉时间", "时间"] },
      repliedAt: { type: "instant", aliases: ["回复时间", "处理时间"], description: "when the buyer was answered; empty when not yet" },
      upheld: { type: "boolean", aliases: ["是否成立", "服务原因"], description: "the complaint is for a service reason (因服务原因), found so: it steps the penalty ladder" },
      kind: { type: "text", aliases: ["投诉类型", "类型"] },
      note: { type: "text", aliases: ["备注"] },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    },
  },
  qc: {
    noun: "a quality inspection",
    key: "conversationId",
    fields: {
      conversationId: { type: "id", required: true, aliases: ["会话编号", "质检会话"] },
      agentId: { type: "agent", required: true, aliases: ["工号"] },
      at: { type: "instant", required: true, aliases: ["质检时间", "时间"] },
      score: { type: "score", required: true, aliases: ["质检分数", "分数"] },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    },
  },
  calls: {
    noun: "a call",
    key: "callId",
    fields: {
      agentId: { type: "agent", required: true, aliases: ["工号"] },
      at: { type: "instant", required: true, aliases: ["来电时间", "时间"] },
      answered: { type: "boolean", required: true, aliases: ["是否接通", "接通"] },
      callId: { type: "id", aliases: ["来电编号"] },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    },
  },
  violations: {
    noun: "a violation",
    key: "violationId",
    fields: {
      violationId: { type: "id", required: true, aliases: ["违规编号"] },
      agentId: { type: "agent", required: true, aliases: ["工号"] },
      at: { type: "instant", required: true, aliases: ["时间", "违规时间"] },
      rule: { type: "id", required: true, aliases: ["规则", "违规类型"], description: "a rule id of the policy's discipline.rules" },
      condonedBy: { type: "agent", aliases: ["未制止主管", "主管工号"], description: "领导发现未做出处理及时制止: the supervisor's 工号" },
      note: { type: "text", aliases: ["备注"] },
    },
  },
  rewards: {
    noun: "a reward",
    key: "rewardId",
    fields: {
      agentId: { type: "agent", required: true, aliases: ["工号"] },
      at: { type: "instant", required: true, aliases: ["时间", "奖励时间"] },
      kind: {
        type: "enum",
        required: true,
        aliases: ["奖励类型", "类型"],
        values: ["dataErrorFound", "suggestionAdopted", "performanceAward", "specialAward"],
        labels: { dataErrorFound: "商品数据错误", suggestionAdopted: "建议被采纳", performanceAward: "业绩奖", specialAward: "特别奖" },
      },
      rewardId: { type: "id", aliases: ["奖励编号"] },
      amount: { type: "money", aliases: ["金额"] },
      note: { type: "text", aliases: ["备注"] },
    },
  },
  assessments: {
    noun: "an assessment",
    fields: {
      agentId: { type: "agent", required: true, aliases: ["工号"] },
      requirement: { type: "id", required: true, aliases: ["考核项目", "要求"], description: "the requirement's id, as the policy's grades.levels[].requirements name it" },
      passed: { type: "boolean", required: true, aliases: ["是否通过", "通过"] },
      at: { type: "instant", required: true, aliases: ["时间", "考核时间"] },
    },
  },
  probation: {
    noun: "a probation evaluation",
    fields: {
      agentId: { type: "agent", required: true, aliases: ["工号"] },
      item: { type: "enum", required: true, aliases: ["考评项", "项目"], values: ["work", "rules", "team"], labels: { work: "工作项", rules: "制度项", team: "团队项" } },
      score: { type: "score", required: true, aliases: ["分数", "得分"] },
      evaluator: { type: "id", required: true, aliases: ["考评人"] },
      at: { type: "instant", required: true, aliases: ["时间", "考评时间"] },
    },
  },
  scores: {
    noun: "a monthly score",
    fields: {
      agentId: { type: "agent", required: true, aliases: ["工号"] },
      month: { type: "month", required: true, aliases: ["月份"] },
      score: { type: "score", required: true, aliases: ["积分", "得分", "分数"] },
    },
  },
  roster: {
    noun: "a roster entry",
    fields: {
      agentId: { type: "agent", required: true, aliases: ["工号"] },
      date: { type: "date", required: true, aliases: ["日期"] },
      shift: { type: "enum", required: true, aliases: ["班次"], values: ["day", "halfDay", "night", "off"], labels: { day: "白班", halfDay: "半白班", night: "晚班", off: "休息" } },
    },
  },
  returnedParcels: {
    noun: "a returned parcel",
    key: "parcelId",
    fields: {
      parcelId: { type: "id", required: true, aliases: ["包裹编号"] },
      arrivedAt: { type: "instant", required: true, aliases: ["到达时间", "签收时间"] },
      orderId: { type: "id", aliases: ["订单编号"] },
      trackingNo: { type: "text", aliases: ["运单号", "快递单号"] },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    },
  },
  shopReviews: {
    noun: "a shop review",
    key: "reviewId",
    fields: {
      reviewId: { type: "id", required: true, aliases: ["评价编号"] },
      buyerId: { type: "id", required: true, aliases: ["买家会员名"] },
      at: { type: "instant", required: true, aliases: ["评价时间", "时间"] },
      rating: { type: "enum", required: true, aliases: ["评价", "评价类型"], values: ["neutral", "negative"], labels: { neutral: "中评", negative: "差评" } },
      orderId: { type: "id", aliases: ["订单编号"] },
      outcome: {
        type: "enum",
        aliases: ["处理结果", "处理成果"],
        values: ["changed", "removed", "explained", "unchanged"],
        labels: { changed: "改为好评", removed: "已删除", explained: "已解释", unchanged: "未改变" },
        synonyms: { changed: ["改好评", "已改好评"], removed: ["删除", "已删评"], explained: ["解释", "已回复解释"], unchanged: ["未改"] },
        description: "the handling's outcome (处理成果): changed to a good review, removed, explained in a reply, or unchanged; empty while not handled",
      },
      handlerId: { type: "agent", aliases: ["处理人工号", "处理客服"], description: "the agent who handled it" },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    },
  },
  traffic: {
    noun: "a day's traffic",
    fields: {
      date: { type: "date", required: true, aliases: ["日期", "统计日期"], description: "the business day the visitors came" },
      uv: { type: "count", required: true, aliases: ["访客数", "UV"], description: "访客数 (UV): the shop's unique visitors that day, of the source when one is given" },
      source: { type: "text", aliases: ["流量来源", "来源"], description: "the traffic source (搜索, 直通车 …); a day is given whole (no source) or by its sources" },
      shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    },
  },
  attendance: {
    noun: "an attendance record",
    fields: {
      agentId: { type: "agent", required: true, aliases: ["工号"] },
      at: { type: "instant", required: true, aliases: ["打卡时间", "时间"] },
      punch: {
        type: "enum",
        required: true,
        aliases: ["打卡类型", "上下班", "考勤类型"],
        values: ["in", "out"],
        labels: { in: "上班", out: "下班" },
        synonyms: { in: ["签到", "上线", "上班打卡"], out: ["签退", "下线", "下班打卡"] },
        description: "上班 (a sign-in, or the chat tool's going online) or 下班 (a sign-out, going offline)",
      },
    },
  },
} as const satisfies Record<RecordKind, KindSpec>;

export type Kinds = typeof KINDS;
export type FieldOf<K extends RecordKind> = keyof Kinds[K]["fields"] & string;

/** The fields of a kind, in definition order. */
export function fieldsOf(kind: RecordKind): readonly string[] {
  return Object.keys(KINDS[kind].fields);
}

/** The spec of a kind's field. */
export function specOf(kind: RecordKind, field: string): FieldSpec {
  return (KINDS[kind].fields as Record<string, FieldSpec>)[field]!;
}
