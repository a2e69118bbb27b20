/** The bots section of the month report (店小蜜). */
import * as z from "zod";

const count = z.number().int().nonnegative();
const rate = z.string().regex(/^\d+\.\d{4}$/);
const money = z.string().regex(/^-?\d+\.\d{2}$/);
const TallySchema = z.object({ orders: count, gross: money, refunds: money, net: money });

export const BotsReportSchema = z.object({
  period: z.string(),
  /** The bots (agents of group bot), by agentId. */
  bots: z.array(z.string()).readonly(),
  /** The bots' consultations started in the period, and those handed over to an agent. */
  consultations: count,
  handedOver: count,
  /** Buyers received by a bot, by a bot and no agent, by anyone (each buyer once); the bots' shares of all (4 decimals; null when none). */
  receptions: z.object({ bots: count, botsOnly: count, all: count, botsShare: rate.nullable(), botsOnlyShare: rate.nullable() }),
  /** The orders service led to (assisted, silent-order, bot-served), the bot-served ones, and their share by orders and by net. */
  conversions: z.object({ served: TallySchema, botServed: TallySchema, shareByOrders: rate.nullable(), shareByNet: rate.nullable() }),
});
