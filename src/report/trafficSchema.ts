/** The traffic section of the month report (seed 001: 销量 = 流量 UV × 转化率 CVR). */
import * as z from "zod";

const money = z.string().regex(/^-?\d+\.\d{2}$/);
const rate = z.string().regex(/^\d+\.\d{4}$/);
const count = z.number().int().nonnegative();

export const TrafficDaySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  uv: count.nullable(),
  paidBuyers: count,
  sales: money,
  conversionRate: rate.nullable(),
  averageOrderValue: money.nullable(),
  estimate: money.nullable(),
  difference: money.nullable(),
});

export const TrafficReportSchema = z.object({
  period: z.string(),
  days: z.array(TrafficDaySchema).readonly(),
  total: z.object({
    uv: count,
    paidBuyers: count,
    sales: money,
    conversionRate: rate.nullable(),
    averageOrderValue: money.nullable(),
    daysWithoutTraffic: count,
  }),
  sources: z.array(z.object({ source: z.string(), uv: count, share: rate.nullable() })).readonly(),
  warnings: z.array(z.string()).readonly(),
});
