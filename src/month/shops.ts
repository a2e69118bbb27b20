/**
 * The month shop by shop (店铺): a team that serves several shops sees each shop's sales and
 * consultations. A buyer is a buyer of one shop (orders and consultations are linked within a
 * shop), so R1 over one shop's records gives each of its orders the outcome the month's
 * attribution gave it: the shops' lines are the month's orders grouped by shop, in one pass, and
 * add up to the month's lines.
 */
import { add, tallyAt, type SalesCredits } from "../attribution/attributeSales.js";
import type { Tally } from "../attribution/types.js";
import { byAgentId } from "../compare.js";
import type { DecodedMonth } from "../records/month.js";
import { monthShops } from "../records/shops.js";
import type { Period } from "../time/period.js";
import type { ShopLineSchema, ShopsReportSchema } from "../report/shopsSchema.js";
import type * as z from "zod";

export type ShopsReport = z.infer<typeof ShopsReportSchema>;
export type ShopLine = z.infer<typeof ShopLineSchema>;

// Per shop: four tallies (orders, gross, refunds in fen) — the booked orders, credited, silent, bot-served.
const [SALES, CREDITED, SILENT, BOT_SERVED, WIDTH] = [0, 3, 6, 9, 12] as const;

/**
 * The shops of a month with orders, each with its sales (from the month's attribution `credits`)
 * and its agents' consultations over `period`; null when the orders and consultations name fewer
 * than two shops. Records that name no shop beside named ones make a shop `""` of their own.
 */
export function shopsOfPeriod(month: DecodedMonth, period: { readonly label: string } & Period, credits: SalesCredits | null): ShopsReport | null {
  const { orders, consultations } = month.tables;
  if (orders === undefined || credits === null) return null;
  const shops = monthShops({ ...month, tables: { orders, ...(consultations === undefined ? {} : { consultations }) } }, true);
  if (shops.length < 2) return null;
  const index = new Map(shops.map((s, k) => [s, k]));
  const shopOf = (ids: { at(i: number): string } | null, i: number): number => index.get(ids === null ? "" : ids.at(i))!;
  const acc = new Float64Array(shops.length * WIDTH);
  const agentCount = month.agents.ids.length;
  const byAgent = new Map<number, Float64Array>();
  const o = orders.columns;
  for (let i = 0; i < orders.count; i++) {
    if (credits.booked[i] !== 1) continue;
    const s = shopOf(o.shopId, i);
    const at = s * WIDTH;
    const gross = o.amount[i]!;
    const refund = o.refundAmount[i]! === o.refundAmount[i]! ? o.refundAmount[i]! : 0;
    add(acc, at + SALES, gross, refund);
    const who = credits.credited[i]!;
    if (who >= 0) {
      add(acc, at + CREDITED, gross, refund);
      const key = s * agentCount + who;
      let tally = byAgent.get(key);
      if (tally === undefined) byAgent.set(key, (tally = new Float64Array(3)));
      add(tally, 0, gross, refund);
    } else if (credits.excluded[i] !== 1 && credits.placeAgent[i]! < 0 && credits.payAgent[i]! < 0) {
      // As the month's silent line: fully silent, not excluded by its flag, credited to nobody.
      add(acc, at + SILENT, gross, refund);
    }
    if (credits.botServed.length > 0 && credits.botServed[i]! >= 0) add(acc, at + BOT_SERVED, gross, refund);
  }
  // The agents' consultations (the bots' are not the agents') started in the period.
  const started = new Int32Array(shops.length);
  if (consultations !== undefined) {
    const c = consultations.columns;
    for (let i = 0; i < consultations.count; i++) {
      const t = c.startedAt[i]!;
      if (t >= period.start && t < period.end) started[shopOf(c.shopId, i)]!++;
    }
  }
  const agents: { agentId: string; sales: Tally }[][] = shops.map(() => []);
  for (const [key, tally] of byAgent) agents[Math.floor(key / agentCount)]!.push({ agentId: month.agents.ids[key % agentCount]!, sales: tallyAt(tally, 0) });
  return {
    period: period.label,
    shops: shops.map((shopId, s) => ({
      shopId,
      consultations: started[s]!,
      sales: tallyAt(acc, s * WIDTH + SALES),
      credited: tallyAt(acc, s * WIDTH + CREDITED),
      silent: tallyAt(acc, s * WIDTH + SILENT),
      botServed: tallyAt(acc, s * WIDTH + BOT_SERVED),
      agents: agents[s]!.sort(byAgentId),
    })),
  };
}
