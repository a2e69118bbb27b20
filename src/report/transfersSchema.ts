/** The transfers section of the month report (转接). */
import * as z from "zod";

const count = z.number().int().nonnegative();

export const TransfersReportSchema = z.object({
  period: z.string(),
  transfers: count,
  agents: z.array(z.object({ agentId: z.string(), transfersOut: count, transfersIn: count })).readonly(),
  pairs: z.array(z.object({ from: z.string(), to: z.string(), count })).readonly(),
  warnings: z.array(z.string()).readonly(),
});
