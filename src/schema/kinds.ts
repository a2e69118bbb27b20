/**
 * The kinds of record a month holds, one table for every reader: each kind's fields (the English
 * ids of the month-folder files), which columns a file or sheet must have, how a value of each field
 * is read (a CSV cell is text; a sheet cell may be a number, an Excel serial or a Date), and the
 * Chinese column names a sheet may use instead. The record schemas (zod) then validate the values.
 * Data, not code: a new kind or a header alias is a few lines here.
 */

/**
 * How a value is read: an id or text; an instant (date-time), a calendar date or a month; money;
 * a whole-number count (a number in a file); a decimal number (a number in a file); true/false (a
 * boolean in a file: true/false, 1/0, yes/no, 是/否); a score 0–100 and yes/no kept as written for
 * their record schemas to read; one of a list (with Chinese labels).
 */
export type FieldType = "id" | "text" | "instant" | "date" | "month" | "money" | "count" | "number" | "boolean" | "score" | "yesNo" | "enum";

export interface FieldSpec {
  readonly type: FieldType;
  readonly required?: boolean;
  /** Chinese column names accepted for this field. */
  readonly aliases?: readonly string[];
  /** For `enum`: Chinese labels accepted for each value. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The kinds of record, in the order the month reads them. */
export const RECORD_KINDS = [
  "agents",
  "consultations",
  "orders",
  "tickets",
  "afterSales",
  "reviews",
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
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The sheet name used in error messages when the caller gives none. */
export const DEFAULT_SHEET_NAMES: Readonly<Record<RecordKind, string>> = {
  agents: "客服",
  consultations: "咨询",
  orders: "订单",
  tickets: "工单",
  afterSales: "售后",
  reviews: "客服评价",
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
};

/** Every kind's fields. A `required` field's column must be there (its cell may still be empty where the record allows, e.g. paidAt of an unpaid order). */
export const RECORD_FIELDS: Readonly<Record<RecordKind, Readonly<Record<string, FieldSpec>>>> = {
  agents: {
    agentId: { type: "id", required: true, aliases: ["工号", "客服工号"] },
    name: { type: "text", required: true, aliases: ["姓名", "客服姓名"] },
    group: {
      type: "enum",
      required: true,
      aliases: ["组", "组别", "岗位"],
      labels: { 售前: "presale", 售中: "insale", 售后: "aftersale" },
    },
    grade: {
      type: "enum",
      required: true,
      aliases: ["级别", "等级"],
      labels: { 初级: "junior", 中级: "intermediate", 高级: "senior", 资深: "expert" },
    },
    hiredAt: { type: "instant", aliases: ["入职时间", "入职日期"] },
    gradeSince: { type: "instant", aliases: ["定级时间", "定级日期"] },
    probationEndsAt: { type: "instant", aliases: ["转正时间", "转正日期", "试用期结束"] },
    dismissedAt: { type: "instant", aliases: ["离职时间", "离职日期"] },
  },
  consultations: {
    consultationId: { type: "id", required: true, aliases: ["咨询编号", "会话编号", "接待编号"] },
    agentId: { type: "id", required: true, aliases: ["工号", "客服工号"] },
    buyerId: { type: "id", required: true, aliases: ["买家会员名", "买家"] },
    startedAt: { type: "instant", required: true, aliases: ["开始时间", "咨询时间"] },
    firstReplyAt: { type: "instant", required: true, aliases: ["首次回复时间", "首响时间"] },
    endedAt: { type: "instant", required: true, aliases: ["结束时间"] },
    buyerMessages: { type: "count", aliases: ["买家消息数"] },
    agentMessages: { type: "count", aliases: ["客服消息数"] },
    source: { type: "text", aliases: ["来源", "咨询来源"] },
    shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
    responseCount: { type: "count", aliases: ["响应次数"] },
    responseSeconds: { type: "count", aliases: ["响应总时长", "响应时长合计"] },
    maxResponseSeconds: { type: "count", aliases: ["最长响应时长"] },
  },
  orders: {
    orderId: { type: "id", required: true, aliases: ["订单编号"] },
    buyerId: { type: "id", required: true, aliases: ["买家会员名"] },
    createdAt: { type: "instant", required: true, aliases: ["订单创建时间", "下单时间"] },
    paidAt: { type: "instant", required: true, aliases: ["订单付款时间", "付款时间"] },
    amount: { type: "money", required: true, aliases: ["实付金额", "付款金额"] },
    refundAmount: { type: "money", aliases: ["退款金额"] },
    remarkAgentId: { type: "id", aliases: ["备注工号"] },
    shopId: { type: "id", aliases: ["店铺", "店铺编号"] },
  },
  tickets: {
    ticketId: { type: "id", required: true, aliases: ["工单编号"] },
    agentId: { type: "id", required: true, aliases: ["工号"] },
    createdAt: { type: "instant", required: true, aliases: ["创建时间"] },
    firstReplyAt: { type: "instant", aliases: ["首次回复时间"] },
    closedAt: { type: "instant", aliases: ["关闭时间", "完结时间"] },
    closedOnFirstReply: { type: "boolean", aliases: ["首次解决"] },
    kind: { type: "text", aliases: ["工单类型", "类型"] },
  },
  afterSales: {
    afterSaleId: { type: "id", required: true, aliases: ["售后单号", "售后编号"] },
    agentId: { type: "id", required: true, aliases: ["工号"] },
    appliedAt: { type: "instant", required: true, aliases: ["申请时间"] },
    orderId: { type: "id", aliases: ["订单编号"] },
    reviewedAt: { type: "instant", aliases: ["审核时间"] },
    goodsReceivedAt: { type: "instant", aliases: ["收货时间", "退货签收时间"] },
    refundedAt: { type: "instant", aliases: ["退款时间"] },
    refundAmount: { type: "money", aliases: ["退款金额"] },
    satisfaction: { type: "count", aliases: ["满意度"] },
  },
  reviews: {
    agentId: { type: "id", required: true, aliases: ["工号"] },
    at: { type: "instant", required: true, aliases: ["评价时间", "时间"] },
    rating: { type: "enum", required: true, aliases: ["评价"], labels: { 好评: "good", 中评: "neutral", 差评: "bad" } },
    reviewId: { type: "id", aliases: ["评价编号"] },
  },
  qc: {
    conversationId: { type: "id", required: true, aliases: ["会话编号", "质检会话"] },
    agentId: { type: "id", required: true, aliases: ["工号"] },
    at: { type: "instant", required: true, aliases: ["质检时间", "时间"] },
    score: { type: "number", required: true, aliases: ["质检分数", "分数"] },
  },
  calls: {
    agentId: { type: "id", required: true, aliases: ["工号"] },
    at: { type: "instant", required: true, aliases: ["来电时间", "时间"] },
    answered: { type: "boolean", required: true, aliases: ["是否接通", "接通"] },
    callId: { type: "id", aliases: ["来电编号"] },
  },
  violations: {
    violationId: { type: "id", required: true, aliases: ["违规编号"] },
    agentId: { type: "id", required: true, aliases: ["工号"] },
    at: { type: "instant", required: true, aliases: ["时间", "违规时间"] },
    rule: { type: "id", required: true, aliases: ["规则", "违规类型"] },
    condonedBy: { type: "id", aliases: ["未制止主管", "主管工号"] },
    note: { type: "text", aliases: ["备注"] },
  },
  rewards: {
    agentId: { type: "id", required: true, aliases: ["工号"] },
    at: { type: "instant", required: true, aliases: ["时间", "奖励时间"] },
    kind: {
      type: "enum",
      required: true,
      aliases: ["奖励类型", "类型"],
      labels: { 商品数据错误: "dataErrorFound", 建议被采纳: "suggestionAdopted", 业绩奖: "performanceAward", 特别奖: "specialAward" },
    },
    rewardId: { type: "id", aliases: ["奖励编号"] },
    amount: { type: "money", aliases: ["金额"] },
    note: { type: "text", aliases: ["备注"] },
  },
  assessments: {
    agentId: { type: "id", required: true, aliases: ["工号"] },
    requirement: { type: "id", required: true, aliases: ["考核项目", "要求"] },
    passed: { type: "yesNo", required: true, aliases: ["是否通过", "通过"] },
    at: { type: "instant", required: true, aliases: ["时间", "考核时间"] },
  },
  probation: {
    agentId: { type: "id", required: true, aliases: ["工号"] },
    item: { type: "enum", required: true, aliases: ["考评项", "项目"], labels: { 工作项: "work", 制度项: "rules", 团队项: "team" } },
    score: { type: "score", required: true, aliases: ["分数", "得分"] },
    evaluator: { type: "id", required: true, aliases: ["考评人"] },
    at: { type: "instant", required: true, aliases: ["时间", "考评时间"] },
  },
  scores: {
    agentId: { type: "id", required: true, aliases: ["工号"] },
    month: { type: "month", required: true, aliases: ["月份"] },
    score: { type: "score", required: true, aliases: ["积分", "得分", "分数"] },
  },
  roster: {
    agentId: { type: "id", required: true, aliases: ["工号"] },
    date: { type: "date", required: true, aliases: ["日期"] },
    shift: { type: "enum", required: true, aliases: ["班次"], labels: { 白班: "day", 半白班: "halfDay", 晚班: "night", 休息: "off" } },
  },
  returnedParcels: {
    parcelId: { type: "id", required: true, aliases: ["包裹编号"] },
    arrivedAt: { type: "instant", required: true, aliases: ["到达时间", "签收时间"] },
    orderId: { type: "id", aliases: ["订单编号"] },
    trackingNo: { type: "text", aliases: ["运单号", "快递单号"] },
  },
  shopReviews: {
    reviewId: { type: "id", required: true, aliases: ["评价编号"] },
    buyerId: { type: "id", required: true, aliases: ["买家会员名"] },
    at: { type: "instant", required: true, aliases: ["评价时间", "时间"] },
    rating: { type: "enum", required: true, aliases: ["评价", "评价类型"], labels: { 中评: "neutral", 差评: "negative" } },
    orderId: { type: "id", aliases: ["订单编号"] },
  },
};
