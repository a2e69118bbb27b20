/**
 * The JSON the `routing` and `staffing` commands write (R7): the replay and audit of a period's
 * arrivals, and the staffing per hour of the week. Strict: a field added to the results without
 * its schema fails the tests that parse the commands' output.
 */
import * as z from "zod";
import { ROUTING_STEPS } from "../policy/schema.js";

const count = z.number().int().nonnegative();
const group = z.enum(["preSales", "afterSales"]);
const step = z.enum([...ROUTING_STEPS, "nobody"]);

/** `kefu-kpi routing --format json`. */
export const RoutingReplaySchema = z.strictObject({
  kind: z.literal("kefu-kpi/routing-replay"),
  version: z.literal(1),
  period: z.string(),
  split: z.boolean(),
  arrivals: count,
  agents: z.array(z.strictObject({ agentId: z.string(), group, routed: count, peakLoad: count, actual: count })),
  waited: count,
  waiting: z.array(
    z.strictObject({ consultationId: z.string(), at: z.string(), group, onlineAt: z.string().nullable(), waitSeconds: count.nullable() }),
  ),
  audit: z.strictObject({
    differs: count,
    steps: z.array(z.strictObject({ step, arrivals: count, differs: count })),
    differences: z.array(z.strictObject({ consultationId: z.string(), at: z.string(), actual: z.string(), routed: z.string().nullable(), step })),
  }),
});

/** `kefu-kpi staffing --format json`. */
export const StaffingPlanSchema = z.strictObject({
  kind: z.literal("kefu-kpi/staffing"),
  version: z.literal(1),
  period: z.string(),
  arrivals: count,
  holdSeconds: z.number().int().positive().nullable(),
  chatsPerAgent: z.number().int().positive(),
  targetSeconds: z.number().positive(),
  serviceLevel: z.number().gt(0).lt(1),
  percentile: z.number().gt(0).max(1),
  minOnShift: count,
  serviceHours: z.string(),
  hours: z.array(
    z.strictObject({
      weekday: z.number().int().min(1).max(7),
      hour: z.number().int().min(0).max(23),
      occurrences: z.number().int().positive(),
      arrivals: count,
      mean: z.number().nonnegative(),
      load: count,
      needed: count,
      staffed: count,
      serviceLevel: z.number().min(0).max(1).nullable(),
      status: z.enum(["under", "ok", "over"]),
    }),
  ),
  under: count,
  over: count,
});
