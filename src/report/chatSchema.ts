/** The chat standards' section of the month report (R8): the rules, the counts per agent, every finding. */
import * as z from "zod";
import { CHAT_RULE_CATEGORIES } from "../policy/chatStandards.js";

export const ChatFindingLineSchema = z.object({
  at: z.string(),
  agentId: z.string(),
  buyerId: z.string(),
  consultationId: z.string().nullable(),
  ruleId: z.string(),
  match: z.string().nullable(),
  start: z.number().int().nonnegative().nullable(),
  end: z.number().int().nonnegative().nullable(),
  suggestion: z.string().nullable(),
  waitSeconds: z.number().int().nonnegative().nullable(),
  text: z.string(),
});

export const ChatReviewSchema = z.object({
  messages: z.number().int().nonnegative(),
  findings: z.number().int().nonnegative(),
  rules: z.array(z.object({ id: z.string(), label: z.string(), category: z.enum([...CHAT_RULE_CATEGORIES, "wait"]), findings: z.number().int().nonnegative() })).readonly(),
  agents: z
    .array(z.object({ agentId: z.string(), messages: z.number().int().nonnegative(), findings: z.number().int().nonnegative(), byRule: z.record(z.string(), z.number().int().nonnegative()) }))
    .readonly(),
  lines: z.array(ChatFindingLineSchema).readonly(),
});
