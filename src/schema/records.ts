/**
 * The input records of a month, as zod schemas (the types are inferred from them). Instants are
 * text (see `time/parse.ts` for the forms) and money is a decimal string. Optional instants may be
 * `null`, `""` or absent. The hot paths (attribution over millions of rows) check the same rules
 * with the same parsers without going through zod; `test/schema` keeps the two in agreement.
 */
import * as z from "zod";
import { describeFenError, parseFen } from "../money/fen.js";
import { describeInstantError, parseInstant } from "../time/parse.js";
import { createZone } from "../time/zone.js";

const UTC = createZone("UTC");
const id = z.string().trim().min(1, "is missing; expected an id");
const instant = z.string().superRefine((v, ctx) => {
  if (Number.isNaN(parseInstant(v, UTC))) ctx.addIssue({ code: "custom", message: describeInstantError(v, UTC) });
});
const optionalInstant = z.union([z.literal(""), z.null(), instant]).optional();
const money = z.union([z.string(), z.number()]).superRefine((v, ctx) => {
  const fen = parseFen(v);
  if (fen < 0) ctx.addIssue({ code: "custom", message: describeFenError(fen, v) });
});
const optionalMoney = z.union([z.literal(""), z.null(), money]).optional();
const count = z.number().int().nonnegative();

/** 客服 groups. */
export const AgentGroupSchema = z.enum(["presale", "insale", "aftersale"]);
/** 初级 / 中级 / 高级 / 资深. */
export const AgentGradeSchema = z.enum(["junior", "intermediate", "senior", "expert"]);

/** A customer-service agent (客服). */
export const AgentSchema = z.strictObject({
  agentId: id.describe("工号"),
  name: z.string(),
  group: AgentGroupSchema,
  grade: AgentGradeSchema,
  hiredAt: optionalInstant,
  gradeSince: optionalInstant,
  probationEndsAt: optionalInstant,
  dismissedAt: optionalInstant.describe("when the agent left or was dismissed (开除); rules stop applying after it"),
});
export type Agent = z.infer<typeof AgentSchema>;

/** One chat session of one buyer with one agent (咨询 / 接待 / 询单). */
export const ConsultationSchema = z.strictObject({
  consultationId: id,
  agentId: id,
  buyerId: id,
  shopId: z.string().optional(),
  startedAt: instant,
  firstReplyAt: optionalInstant.describe("empty when the agent never replied"),
  endedAt: instant,
  buyerMessages: count.optional(),
  agentMessages: count.optional(),
  source: z.string().optional(),
  responseCount: count.optional().describe("how many times the agent answered a buyer message (response intervals)"),
  responseSeconds: count.optional().describe("the sum of those response intervals, in whole seconds"),
  maxResponseSeconds: count.optional().describe("the longest of them: how long the buyer was left waiting at most"),
});
export type Consultation = z.infer<typeof ConsultationSchema>;

/** An order. `amount` is what the buyer paid (实付) before refunds; for an unpaid order, the order amount. */
export const OrderSchema = z.strictObject({
  orderId: id,
  buyerId: z.union([id, z.null()]).describe("null when the export cannot link the order to a buyer"),
  shopId: z.string().optional(),
  createdAt: instant,
  paidAt: optionalInstant.describe("empty when unpaid"),
  amount: money,
  refundAmount: optionalMoney,
  remarkAgentId: z.union([z.literal(""), z.null(), z.string()]).optional().describe("the 工号 written in the order remark"),
});
export type Order = z.infer<typeof OrderSchema>;


// The field rules, for the record schemas of the rule families (src/<family>/schema.ts).
export { id as idField, instant as instantField, optionalInstant as optionalInstantField, money as moneyField, optionalMoney as optionalMoneyField };
