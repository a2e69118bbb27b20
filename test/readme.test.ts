// What the README's library prose says beyond its code blocks (those are run and checked, as
// written, by readmeBlocks.test.ts): a decoded month gives the figures of the raw records, and a
// bad month is one error listing every issue.
import { describe, expect, it } from "vitest";
import { KefuKpiError, decodeMonth, decodedRecords, isKefuKpiError, attributeSales, checkServiceLevels, computeKpis } from "../src/index.js";
import { recordSchema } from "../src/schemas.js";
import { sampleRecords } from "../src/sample/index.js";

describe("README: decode once, compute many", () => {
  it("gives the figures of the records given raw, says when a policy reads times otherwise, and gives the records back", () => {
    const { agents, consultations, orders, tickets } = sampleRecords;
    const policy = { attribution: { rule: "placeFirst" as const } };
    const decoded = decodeMonth({ agents, consultations, orders, tickets }, policy);
    const sales = attributeSales(decoded, policy, { period: "2020-02" });
    const credits = sales.orders.map((o) => ({ orderId: o.orderId, agentId: o.creditedAgent }));
    const kpis = computeKpis(decoded, policy, { period: "2020-02", credits });
    const breaches = checkServiceLevels(decoded, policy, { period: "2020-02" });
    const raw = { agents, consultations, orders };
    expect(sales).toEqual(attributeSales(raw, policy, { period: "2020-02" }));
    expect(kpis).toEqual(computeKpis({ ...raw, tickets, credits }, policy, { period: "2020-02" }));
    expect(breaches).toEqual(checkServiceLevels({ ...raw, tickets }, policy, { period: "2020-02" }));
    expect(kpis.agents[0]?.kpis.replyRate.value).toBe("0.9583");
    // Another zone reads the wall times otherwise: said, not silently re-read.
    expect(() => attributeSales(decoded, { timeZone: "UTC" })).toThrow(/decoded with timeZone Asia\/Shanghai/);
    // The records back as plain objects, and each kind's schema from the same definition.
    expect(decodedRecords(decoded, "orders")).toHaveLength(orders.length);
    expect(recordSchema("orders", "Asia/Shanghai").safeParse(orders[0]).success).toBe(true);
  });

  it("throws one error listing every issue of the month", () => {
    try {
      decodeMonth({ orders: [{ orderId: "O1", buyerId: "b", createdAt: "2020-02-30 10:00", amount: "1.001" }] });
      expect.unreachable();
    } catch (error) {
      expect(isKefuKpiError(error)).toBe(true);
      expect(error).toBeInstanceOf(KefuKpiError);
      expect((error as KefuKpiError).issues.map((i) => i.path.join("."))).toEqual(["orders.0.createdAt", "orders.0.amount"]);
    }
  });
});
