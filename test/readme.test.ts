// The README's library example, run as written, with the results its comments promise.
import { describe, expect, it } from "vitest";
import { KefuKpiError, attributeSales, buildMonthReport, formatIssue } from "../src/index.js";
import { readMonthFolder, reportFolder } from "../src/node/index.js";

describe("README example", () => {
  it("attributes the sale as the comments say", () => {
    const result = attributeSales(
      {
        orders: [
          { orderId: "O1", buyerId: "tb_buyer_1", createdAt: "2020-02-21 10:05", paidAt: "2020-02-21 10:06", amount: "128.00", refundAmount: "28.00" },
        ],
        consultations: [
          { consultationId: "C1", agentId: "A01", buyerId: "tb_buyer_1", startedAt: "2020-02-21 09:58",
            firstReplyAt: "2020-02-21 09:59", endedAt: "2020-02-21 10:10" },
        ],
      },
      { attribution: { rule: "placeFirst", windowHours: 48 } },
      { period: "2020-02" },
    );
    expect(result.orders[0]).toMatchObject({ status: "assisted", placeAgent: "A01", placeConsultationId: "C1", payAgent: "A01", creditedAgent: "A01", creditedBy: "placeAgent" });
    expect(result.agents[0]?.sales).toEqual({ orders: 1, gross: "128.00", refunds: "28.00", net: "100.00" });
    expect(result.shop.silent.orders).toBe(0);
  });

  it("prints issues like the comment shows", () => {
    const orders = Array.from({ length: 18 }, (_, i) => ({ orderId: `O-${i}`, buyerId: "b", createdAt: "2020-02-21 10:00", paidAt: "2020-02-21 10:05", amount: "1.00" }));
    orders[17]!.paidAt = "2020-02-31 10:00";
    try {
      buildMonthReport({ orders }, {}, { month: "2020-02" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KefuKpiError);
      expect((error as KefuKpiError).issues.map(formatIssue)).toEqual([
        'orders[17] (orderId "O-17"), paidAt: "2020-02-31 10:00" is not a real calendar date or time',
      ]);
    }
  });

  it("reads a folder with kefu-kpi/node", async () => {
    const folder = await readMonthFolder(new URL("../fixtures/sample-month", import.meta.url).pathname);
    expect(reportFolder(folder, folder.policy).shop.sales.orders).toBe(236);
  });
});
