/**
 * The names the first releases gave the record schemas and types of the agents, consultations
 * and orders. Each is now the record kind's one definition (`records/`): the schema
 * (`RECORD_SCHEMAS`) reads a record as the decoder does and outputs the decoded record.
 */
import * as z from "zod";
import { KINDS } from "./kinds.js";
import { RECORD_SCHEMAS, type RecordOf } from "./schema.js";

/** 客服 groups, `bot` (店小蜜) included: what an agents record may say. */
export const AgentGroupSchema = z.enum(KINDS.agents.fields.group.values);
/** The people's groups: a bot is set apart when the month is decoded, so no report lists it as an agent. */
export const STAFF_GROUPS = ["presale", "insale", "aftersale"] as const;
export const StaffGroupSchema = z.enum(STAFF_GROUPS);
export type StaffGroup = (typeof STAFF_GROUPS)[number];

/** The staff group of a decoded group column's value (null: none, or a bot's). */
export function staffGroupOf(g: number): StaffGroup | null {
  return g >= 0 && g < STAFF_GROUPS.length ? STAFF_GROUPS[g]! : null;
}
/** 初级 / 中级 / 高级 / 资深. */
export const AgentGradeSchema = z.enum(KINDS.agents.fields.grade.values);

/** A customer-service agent (客服): `RECORD_SCHEMAS.agents` (wall times read in UTC). */
export const AgentSchema = RECORD_SCHEMAS.agents;
export type Agent = RecordOf<"agents">;

/** One chat session of one buyer with one agent (咨询 / 接待 / 询单): `RECORD_SCHEMAS.consultations`. */
export const ConsultationSchema = RECORD_SCHEMAS.consultations;
export type Consultation = RecordOf<"consultations">;

/** An order: `RECORD_SCHEMAS.orders`. `amount` is what the buyer paid (实付) before refunds; for an unpaid order, the order amount. */
export const OrderSchema = RECORD_SCHEMAS.orders;
export type Order = RecordOf<"orders">;
