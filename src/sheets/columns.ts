/**
 * What a sheet of each kind holds: its fields (English ids, as in month folders), how a cell of
 * each is read, and the Chinese column names a sheet may use instead. Policy as data: adding a
 * header alias is one line here.
 */

/** How a cell is read: an id or text; an instant (text, Excel serial or Date); money; a count; one of a list. */
export type FieldType = "id" | "text" | "instant" | "money" | "count" | "enum";

export interface FieldSpec {
  readonly type: FieldType;
  readonly required?: boolean;
  /** Chinese column names accepted for this field. */
  readonly aliases?: readonly string[];
  /** For `enum`: Chinese labels accepted for each value. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The kinds a sheet can hold. */
export type SheetKind = "agents" | "consultations" | "orders";

/** The sheet name used in error messages when the caller gives none. */
export const DEFAULT_SHEET_NAMES: Readonly<Record<SheetKind, string>> = {
  agents: "客服",
  consultations: "咨询",
  orders: "订单",
};

export const SHEET_FIELDS: Readonly<Record<SheetKind, Readonly<Record<string, FieldSpec>>>> = {
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
};
