/** The shops section of the month report (店铺): the month's sales and consultations shop by shop. */
import * as z from "zod";

const count = z.number().int().nonnegative();
const money = z.string().regex(/^-?\d+\.\d{2}$/);
const TallySchema = z.object({ orders: count, gross: money, refunds: money, net: money });

export const ShopLineSchema = z.object({
  /** The shop's id as the records give it; `""` for the records that name no shop. */
  shopId: z.string(),
  /** The agents' consultations started in the period (the bots' are not counted). */
  consultations: count,
  /** The shop's booked orders, and of them those credited to an agent, silent, and served by a bot alone (R1, as for the whole month). */
  sales: TallySchema,
  credited: TallySchema,
  silent: TallySchema,
  botServed: TallySchema,
  /** The agents credited with the shop's orders, by agentId; each agent once, whatever sub-accounts it used. */
  agents: z.array(z.object({ agentId: z.string(), sales: TallySchema })),
});

export const ShopsReportSchema = z.object({
  period: z.string(),
  /** By shopId (the records that name no shop first, when some do). */
  shops: z.array(ShopLineSchema),
});
