/**
 * The remark flags (备注小旗) of the seller back office, in their fixed order (seed 000): 红 standard
 * order, 黄 the courier has a special request, 绿 the shipment is to be delayed, 蓝 gifts or refund
 * information, 紫 anything else (a price change, a returning buyer). The orders kind reads them; the
 * policy names them to exclude orders from the agents' sales or from the shipping checks.
 */
import * as z from "zod";

export const FLAG_COLOURS = ["red", "yellow", "green", "blue", "purple"] as const;
export type FlagColour = (typeof FLAG_COLOURS)[number];

/** A policy list of flag colours, each at most once. */
export function flagList(byDefault: FlagColour[]) {
  return z
    .array(z.enum(FLAG_COLOURS))
    .refine((list) => new Set(list).size === list.length, "a colour is listed twice")
    .default(byDefault);
}
