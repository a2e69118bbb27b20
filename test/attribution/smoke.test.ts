import { describe, expect, it } from "vitest";
import { attributeSales } from "../../src/index.js";

describe("smoke", () => {
  it("credits the chat agent", () => {
    const r = attributeSales({
      orders: [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-21 10:05", paidAt: "2020-02-21 10:06", amount: "99.00" }],
      consultations: [{ consultationId: "C1", agentId: "A1", buyerId: "b1", startedAt: "2020-02-21 09:58", firstReplyAt: "2020-02-21 09:59", endedAt: "2020-02-21 10:10" }],
    });
    expect(r.orders[0]?.creditedAgent).toBe("A1");
    expect(r.agents[0]?.sales.net).toBe("99.00");
    console.log(JSON.stringify(r, null, 1));
  });
});
