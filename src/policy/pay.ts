/**
 * R5 pay settings: the commission (rate, optional tiers, optional place/pay split), the KPI bonus
 * and the pro-rata base salary. The seeds quote no numbers for these: every default below is a
 * policy default, chosen to be plain (1 % of the commissionable sales, 5 yuan per score point).
 */
import * as z from "zod";

/** A rate as a decimal string: `"0.01"` is 1 %. */
const rate = z.string().regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, "expected a rate from 0 to 1 as a decimal like 0.015");
/** Money as a decimal string with at most 2 decimals. */
const amount = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, "expected an amount ≥ 0 with at most 2 decimals, like 500.00");
/** A score 0–100 as a decimal string. */
const score = z.string().regex(/^(100(\.0+)?|\d{1,2}(\.\d{1,4})?)$/, "expected a score from 0 to 100, like 85 or 92.5");

const cents = (v: string): bigint => {
  const [whole = "0", frac = ""] = v.split(".");
  return BigInt(whole) * 100n + BigInt((frac + "00").slice(0, 2));
};
/** A rate in millionths, to compare and add rates exactly. */
const micro = (v: string): bigint => {
  const [whole = "0", frac = ""] = v.split(".");
  return BigInt(whole) * 1_000_000n + BigInt((frac + "000000").slice(0, 6));
};

/** One band of a tier table: from this month total up, this rate. */
export const TierBandSchema = z.strictObject({
  from: amount.describe("the month total where the band begins"),
  rate,
});

/**
 * Tiers on the agent's month total (commission base). `progressive`: each band's rate applies to
 * the part of the total inside it (like income tax). `slab`: the whole total at the rate of the band
 * it reached. `edge` says which band a total exactly at a boundary belongs to.
 */
export const TiersSchema = z
  .strictObject({
    mode: z.enum(["progressive", "slab"]).describe("progressive (marginal bands) or slab (the whole amount at the reached band's rate)"),
    edge: z
      .enum(["lowerInclusive", "upperInclusive"])
      .default("lowerInclusive")
      .describe("lowerInclusive: a total equal to a band's `from` is in that band; upperInclusive: it is still in the band below"),
    bands: z.array(TierBandSchema).min(1),
  })
  .superRefine((tiers, ctx) => {
    const first = tiers.bands[0];
    if (first && cents(first.from) !== 0n) {
      ctx.addIssue({ code: "custom", path: ["bands", 0, "from"], message: "the first band must begin at 0.00" });
    }
    tiers.bands.forEach((band, i) => {
      const before = tiers.bands[i - 1];
      if (before && cents(band.from) <= cents(before.from)) {
        ctx.addIssue({ code: "custom", path: ["bands", i, "from"], message: `bands must begin at increasing totals (${band.from} is not above ${before.from})` });
      }
      // A slab with a lower rate above a boundary would pay less for more sales.
      if (tiers.mode === "slab" && before && micro(band.rate) < micro(before.rate)) {
        ctx.addIssue({
          code: "custom",
          path: ["bands", i, "rate"],
          message: `a slab table's rates must not decrease (${band.rate} after ${before.rate}): selling more would pay less`,
        });
      }
    });
  });

/** Commission: rate × commissionable sales (R1's net or gross, by `attribution.deductRefunds`). */
export const CommissionPolicySchema = z
  .strictObject({
    rate: rate.default("0.01").describe("the flat rate when there are no tiers"),
    tiers: TiersSchema.nullable().default(null).describe("optional tiers on the agent's month total"),
    split: z
      .strictObject({ placeAgent: rate, payAgent: rate })
      .refine((s) => micro(s.placeAgent) + micro(s.payAgent) === 1_000_000n, {
        message: "the placeAgent and payAgent shares must add up to 1",
      })
      .nullable()
      .default(null)
      .describe("share an order's commission between its placeAgent and a different payAgent (e.g. 0.7 / 0.3); off by default"),
  })
  .prefault({});

/** One band of the score → bonus table. */
export const BonusBandSchema = z.strictObject({ minScore: score, amount });

/** KPI bonus (积分奖金) from the scorecard score; none while on probation (R3). */
export const KpiBonusPolicySchema = z
  .strictObject({
    mode: z.enum(["none", "points", "bands"]).default("points").describe("points: score × valuePerPoint; bands: the amount of the highest band reached"),
    valuePerPoint: amount.default("5.00").describe("yuan per score point (mode points)"),
    bands: z
      .array(BonusBandSchema)
      .default([])
      .describe("score bands, e.g. [{ minScore: 90, amount: 500.00 }, { minScore: 80, amount: 300.00 }] (mode bands)"),
  })
  .superRefine((bonus, ctx) => {
    if (bonus.mode === "bands" && bonus.bands.length === 0) {
      ctx.addIssue({ code: "custom", path: ["bands"], message: "mode bands needs at least one band" });
    }
  })
  .prefault({});

/** The whole pay section. */
export const PayPolicySchema = z
  .strictObject({
    commission: CommissionPolicySchema,
    kpiBonus: KpiBonusPolicySchema,
    proRata: z
      .enum(["calendarDays", "none"])
      .default("calendarDays")
      .describe("base salary of an agent hired or leaving within the month: by calendar days employed, or in full"),
  })
  .prefault({});

export type PayPolicy = z.output<typeof PayPolicySchema>;
export type Tiers = z.output<typeof TiersSchema>;
