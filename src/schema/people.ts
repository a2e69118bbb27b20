/** Field rules shared by the people-rule record schemas (dates, scores, yes/no). */
import * as z from "zod";
import { daysInMonth } from "../time/parse.js";

/** A calendar date `YYYY-MM-DD` that exists. */
export const dateField = z.string().refine((v) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const mo = Number(m[2]);
  return mo >= 1 && mo <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= daysInMonth(Number(m[1]), mo);
}, "expected a real date YYYY-MM-DD like 2020-02-21");

/** A month `YYYY-MM`. */
export const monthField = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month YYYY-MM like 2020-02");

/** A score 0–100 with at most 2 decimals, as a number or decimal text (`"86.5"`). */
export const scoreField = z
  .union([z.number(), z.string()])
  .refine((v) => scoreHundredths(v) >= 0, "expected a score from 0 to 100 with at most 2 decimals, like 86.5");

/** A score in hundredths (integer), or -1 when it is not a score 0–100 with at most 2 decimals. */
export function scoreHundredths(value: unknown): number {
  const s = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : typeof value === "string" ? value.trim() : "";
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return -1;
  const n = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return n <= 10_000 ? n : -1;
}

const YES = new Set(["true", "yes", "1", "是", "y"]);
const NO = new Set(["false", "no", "0", "否", "n"]);

/** Yes or no: a boolean, or `true`/`false`, `yes`/`no`, `1`/`0`, `是`/`否` as text (any case). */
export const yesNoField = z
  .union([z.boolean(), z.string()])
  .refine((v) => typeof v === "boolean" || YES.has(v.trim().toLowerCase()) || NO.has(v.trim().toLowerCase()), "expected yes or no: true/false, yes/no, 1/0 or 是/否")
  .transform((v) => (typeof v === "boolean" ? v : YES.has(v.trim().toLowerCase())));
