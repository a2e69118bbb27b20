// Refunds after a settled month claw back, in the month they are booked, the commission they had
// earned (R5): the settled month's commission computed again without them, by its own policy.
import { describe, expect, it } from "vitest";
import { buildMonthReport, safeBuildMonthReport } from "../../src/index.js";
import { readMonthFolder } from "../../src/node/index.js";

const dir = new URL("../../fixtures/sample-month/", import.meta.url).pathname;

describe("clawbacks from a settled month's report", () => {
  it("books in March the commission that February's refunds-after-settlement take off", async () => {
    const { input } = await readMonthFolder(dir);
    const february = buildMonthReport(input, {}, { month: "2020-02" });
    // Two February orders are refunded (more) after February was settled.
    const [first, second] = february.orders.filter((o) => o.creditedAgent === "A01" && o.refunds === "0.00");
    const orders = input.orders!.map((o) =>
      o.orderId === first!.orderId ? { ...o, refundAmount: "100.00" } : o.orderId === second!.orderId ? { ...o, refundAmount: first!.gross } : o,
    );
    const march = buildMonthReport({ ...input, orders }, {}, { month: "2020-03", previous: february });
    const a01 = march.pay.find((s) => s.agentId === "A01")!;
    const before = february.pay.find((s) => s.agentId === "A01")!.lines.commission;
    // A01's February base was 13341.00 at 1 %: less the refunds, commission is recomputed and rounded.
    const refunded = 100 + Number(first!.gross);
    const after = ((13341 - refunded) / 100).toFixed(2);
    expect(before.amount).toBe("133.41");
    expect(a01.lines.clawback.amount).toBe((133.41 - Number(after)).toFixed(2));
    expect(a01.lines.clawback.steps[0]).toBe(
      `2020-02: refunds after settlement (${first!.orderId} 100.00, ${second!.orderId} ${first!.gross}) lower the commission base 13341.00 → ${(13341 - refunded).toFixed(2)}; ` +
        `commission 133.41 → ${after}: ${a01.lines.clawback.amount}`,
    );
    // Nobody else had those orders.
    expect(march.pay.filter((s) => s.lines.clawback.amount !== "0.00").map((s) => s.agentId)).toEqual(["A01"]);
  });

  it("claws nothing back when the settled month paid commission on gross sales", async () => {
    const { input } = await readMonthFolder(dir);
    const february = buildMonthReport(input, { attribution: { deductRefunds: false } }, { month: "2020-02" });
    const orders = input.orders!.map((o) => (o.orderId === february.orders[0]!.orderId ? { ...o, refundAmount: "1.00" } : o));
    const march = buildMonthReport({ ...input, orders }, {}, { month: "2020-03", previous: february });
    expect(march.pay.every((s) => s.lines.clawback.amount === "0.00")).toBe(true);
  });

  it("refuses a previous report that is not of an earlier month", async () => {
    const { input } = await readMonthFolder(dir);
    const february = buildMonthReport(input, {}, { month: "2020-02" });
    const again = safeBuildMonthReport(input, {}, { month: "2020-02", previous: february });
    expect(again.success === false && again.issues[0]).toMatchObject({ path: ["previous", "month"], message: "the previous report is of 2020-02, not of a month before 2020-02" });
  });
});
