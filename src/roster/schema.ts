/** The input records of R6 (the roster) and of the R1 duties (returned parcels, shop reviews). */
import * as z from "zod";
import { idField, instantField } from "../schema/records.js";
import { dateField } from "../schema/people.js";

/** 白班 / 半白班 / 晚班 / 休息. */
export const SHIFTS = ["day", "halfDay", "night", "off"] as const;
export type Shift = (typeof SHIFTS)[number];

/** One agent's shift on one date (排班表). */
export const RosterEntrySchema = z.strictObject({
  agentId: idField,
  date: dateField,
  shift: z.enum(SHIFTS),
});
export type RosterEntry = z.infer<typeof RosterEntrySchema>;

/** A returned parcel (退货包裹) that arrived at the shop. */
export const ReturnedParcelSchema = z.strictObject({
  parcelId: idField,
  orderId: z.union([z.literal(""), z.null(), idField]).optional(),
  arrivedAt: instantField,
  trackingNo: z.string().optional(),
});
export type ReturnedParcel = z.infer<typeof ReturnedParcelSchema>;

/** A neutral or negative shop review (中差评) left by a buyer. */
export const ShopReviewSchema = z.strictObject({
  reviewId: idField,
  buyerId: idField,
  orderId: z.union([z.literal(""), z.null(), idField]).optional(),
  at: instantField,
  rating: z.enum(["neutral", "negative"]),
});
export type ShopReview = z.infer<typeof ShopReviewSchema>;
