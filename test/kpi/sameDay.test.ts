// sameDaySales (the Vipshop 客服销售额): payments by buyers on a business day the agent served them.
// A consultation serves its buyer from the first reply to its end, so a chat that starts before
// midnight and is first answered after it serves the next day (it used to count the day it started).
import { describe, expect, it } from "vitest";
import { computeKpis } from "../../src/index.js";

const order = (paidAt: string) => ({ orderId: "O1", buyerId: "b1", createdAt: paidAt, paidAt, amount: "100.00" });
const chat = (startedAt: string, firstReplyAt: string | null, endedAt: string) => ({ consultationId: "C1", agentId: "A1", buyerId: "b1", startedAt, firstReplyAt, endedAt });

function sameDay(consultation: ReturnType<typeof chat>, paidAt: string, period = "2020-02"): string | null {
  const r = computeKpis({ consultations: [consultation], orders: [order(paidAt)] }, {}, { period });
  return r.agents.find((a) => a.agentId === "A1")!.kpis.sameDaySales.value;
}

describe("sameDaySales: the days a consultation serves its buyer", () => {
  it("started 23:59, first answered 00:00:30 the next day, paid that next day: counts", () => {
    expect(sameDay(chat("2020-02-20 23:59:00", "2020-02-21 00:00:30", "2020-02-21 00:10"), "2020-02-21 09:00")).toBe("100.00");
  });
  it("answered and ended on the 20th, paid on the 21st: not the same day", () => {
    expect(sameDay(chat("2020-02-20 23:50", "2020-02-20 23:51", "2020-02-20 23:58"), "2020-02-21 09:00")).toBe("0.00");
  });
  it("answered on the 20th, still serving after midnight, paid on the 21st: counts (the 21st was served too)", () => {
    expect(sameDay(chat("2020-02-20 23:50", "2020-02-20 23:51", "2020-02-21 00:20"), "2020-02-21 00:15")).toBe("100.00");
  });
  it("a chat over three days serves each of them", () => {
    expect(sameDay(chat("2020-02-20 23:50", "2020-02-20 23:51", "2020-02-22 00:20"), "2020-02-21 15:00")).toBe("100.00");
  });
  it("never answered: serves no day", () => {
    expect(sameDay(chat("2020-02-21 09:00", null, "2020-02-21 09:10"), "2020-02-21 09:30")).toBe("0.00");
  });
  it("at the business-day cut-over: the day follows businessDayStartsAt", () => {
    const r = computeKpis(
      { consultations: [chat("2020-02-21 05:50", "2020-02-21 05:55", "2020-02-21 05:59")], orders: [order("2020-02-21 06:30")] },
      { businessDayStartsAt: "06:00" },
      { period: "2020-02" },
    );
    expect(r.agents[0]!.kpis.sameDaySales.value).toBe("0.00");
  });
});
