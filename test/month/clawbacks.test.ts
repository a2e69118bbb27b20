// Refunds after a settled month claw back, in the month they are booked, the commission they had
// earned (R5): the settled month's commission computed again without them, by its own policy.
import { describe, expect, it } from "vitest";
import { buildMonthReport, safeBuildMonthReport } from "../../src/index.js";
import { folderRecords } from "../folderRecords.js";

const dir = new URL("../../fixtures/sample-month/", import.meta.url).pathname;

describe("clawbacks from a settled month's report", () => {
  it("books in March the commission that February's refunds-after-settlement take off", async () => {
    const input = folderRecords(dir);
    const february = { ...buildMonthReport(input, {}, { month: "2020-02" }), settled: true as const };
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
    const input = folderRecords(dir);
    const february = { ...buildMonthReport(input, { attribution: { deductRefunds: false } }, { month: "2020-02" }), settled: true as const };
    const orders = input.orders!.map((o) => (o.orderId === february.orders[0]!.orderId ? { ...o, refundAmount: "1.00" } : o));
    const march = buildMonthReport({ ...input, orders }, {}, { month: "2020-03", previous: february });
    expect(march.pay.every((s) => s.lines.clawback.amount === "0.00")).toBe(true);
  });

  it("refuses a previous report that is not of an earlier month", async () => {
    const input = folderRecords(dir);
    const february = { ...buildMonthReport(input, {}, { month: "2020-02" }), settled: true as const };
    const again = safeBuildMonthReport(input, {}, { month: "2020-02", previous: february });
    expect(again.success === false && again.issues[0]).toMatchObject({ path: ["previous", "month"], message: "the previous report is of 2020-02, not of a month before 2020-02" });
  });
});

// What may be the previous report: a settled report of the same shop and of an earlier month, whose
// orders are the orders of this month's input with the same ids.
describe("the previous report is checked before anything is clawed back", () => {
  const agents = [{ agentId: "A01", name: "王芳", group: "presale" as const, grade: "senior" as const, hiredAt: "2018-03-01" }];
  const consultations = (year: number) => [
    { consultationId: "C1", agentId: "A01", buyerId: "b1", startedAt: `${year}-02-10 09:58`, firstReplyAt: `${year}-02-10 09:59`, endedAt: `${year}-02-10 10:20` },
  ];
  const o1 = (year: number, refundAmount = "0.00", extra: object = {}) => ({ orderId: "O1", buyerId: "b1", createdAt: `${year}-02-10 10:05`, paidAt: `${year}-02-10 10:06`, amount: "128.00", refundAmount, ...extra });
  // A shopId goes on both sides (on the orders only it would link nothing: an input error).
  const inShop = (extra: object) => <C extends object>(c: C): C => ("shopId" in extra ? { ...c, shopId: (extra as { shopId: string }).shopId } : c);
  const settle = (year: number, policy = {}, extra: object = {}) => ({
    ...buildMonthReport({ agents, consultations: consultations(year).map(inShop(extra)), orders: [o1(year, "0.00", extra)] }, policy, { month: `${year}-02` }),
    settled: true as const,
  });
  // March 2020: O1 (February 2020) has been refunded 28.00 since February was settled.
  const march = (refund = "28.00", extra: object = {}) => ({
    agents,
    consultations: consultations(2020),
    orders: [o1(2020, refund, extra), { orderId: "O5", buyerId: "b9", createdAt: "2020-03-02 10:00", paidAt: "2020-03-02 10:01", amount: "10.00" }],
  });
  const issues = (r: ReturnType<typeof safeBuildMonthReport>) => (r.success ? [] : r.issues.map((i) => ({ path: i.path, message: i.message })));

  it("claws back from a settled February of the same shop", () => {
    const r = buildMonthReport(march(), {}, { month: "2020-03", previous: settle(2020) });
    expect(r.pay[0]!.lines.clawback.amount).toBe("0.28");
  });

  it("refuses a report that was never settled", () => {
    const { settled: _settled, ...unsettled } = settle(2020);
    expect(issues(safeBuildMonthReport(march(), {}, { month: "2020-03", previous: unsettled }))).toEqual([
      { path: ["previous", "settled"], message: "the previous report (2020-02) is not settled: only a settled report (written with --settle once its pay was handed out) can have commission clawed back" },
    ]);
  });

  it("refuses another year's report whose order ids name other orders (the 2016 order O1 is not 2020's)", () => {
    const r = safeBuildMonthReport(march(), {}, { month: "2020-03", previous: settle(2016) });
    expect(issues(r)).toEqual([
      {
        path: ["previous", "orders", 0, "paidAt"],
        message:
          "order O1 of this month's orders is not the previous report's order O1 (paid 2020-02-10T10:06:00+08:00 here, 2016-02-10T10:06:00+08:00 there): no clawback can be computed from it; is the previous report of this shop and of the month before?",
      },
    ]);
    expect(!r.success && r.issues[0]!.recordId).toBe('orderId "O1"');
    // The same id, paid at the same instant, for another amount: not the same order either.
    const other = { ...march(), orders: [{ ...o1(2020, "28.00"), amount: "99.00" }] };
    expect(issues(safeBuildMonthReport(other, {}, { month: "2020-03", previous: settle(2020) }))[0]).toMatchObject({ path: ["previous", "orders", 0, "gross"] });
  });

  it("refuses another shop's report, by the policy's shop or by the orders' shopIds", () => {
    const theirs = settle(2020, { shop: "旗舰店" });
    expect(issues(safeBuildMonthReport(march(), { shop: "专卖店" }, { month: "2020-03", previous: theirs }))).toEqual([
      { path: ["previous", "policy", "shop"], message: 'the previous report is of the shop "旗舰店", this month of "专卖店"' },
    ]);
    // A shop named on one side only is not a contradiction.
    expect(safeBuildMonthReport(march(), {}, { month: "2020-03", previous: theirs }).success).toBe(true);
    expect(buildMonthReport(march(), { shop: "旗舰店" }, { month: "2020-03", previous: theirs }).policy.shop).toBe("旗舰店");
    // shopIds: the report carries those of its booked orders.
    const s1 = settle(2020, {}, { shopId: "S1" });
    expect(s1.shop.ids).toEqual(["S1"]);
    const s2 = march("28.00", { shopId: "S2" });
    const withS2 = { ...s2, consultations: s2.consultations.map((c) => ({ ...c, shopId: "S2" })) };
    expect(issues(safeBuildMonthReport(withS2, {}, { month: "2020-03", previous: s1 }))).toEqual([
      { path: ["previous", "shop", "ids"], message: "the previous report's orders are of the shop(s) S1, this month's of S2: not the same shop" },
    ]);
  });

  it("names what is wrong with something that is not a month report, instead of failing on it", () => {
    const r = safeBuildMonthReport(march(), {}, { month: "2020-03", previous: { kind: "kefu-kpi/month-report", month: "2020-02" } as never });
    expect(r.success).toBe(false);
    expect(!r.success && r.issues.every((i) => i.path[0] === "previous" && i.message.startsWith("the previous report is not a kefu-kpi month report"))).toBe(true);
  });
});
