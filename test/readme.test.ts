// The README's library example, run as written, with the results its comments promise.
import { describe, expect, it } from "vitest";
import { KefuKpiError, decodeMonth, decodedRecords, isKefuKpiError, attributeSales, buildMonthReport, checkServiceLevels, computeKpis, formatIssue, qcDeductions, scoreAgent } from "../src/index.js";
import { recordSchema } from "../src/schemas.js";
import { readMonthFolder, reportFolder } from "../src/node/index.js";
import { folderRecords } from "./folderRecords.js";

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

  it("evaluates the sample month in one call, as the whole-month example says", async () => {
    const input = folderRecords(new URL("../fixtures/sample-month/", import.meta.url).pathname);
    const month = buildMonthReport(input, {}, { month: "2020-02" });
    expect(month.pay[0]).toMatchObject({ agentId: "A01", total: "4583.41" });
    expect(Object.keys(month.pay[0]!.lines)).toEqual(["baseSalary", "commission", "kpiBonus", "rewards", "fines", "clawback"]);
    expect(month.pay[0]!.lines.kpiBonus).toMatchObject({ amount: "430.00", rule: "kpiBonus.points", inputs: { score: "86.00" }, steps: ["86.00 points × 5.00 = 430"] });
  });

  it("reads a folder with kefu-kpi/node, its month decoded as it was read", async () => {
    const folder = await readMonthFolder(new URL("../fixtures/sample-month", import.meta.url).pathname);
    expect(reportFolder(folder, folder.policy).shop.sales.orders).toBe(236);
    const month = buildMonthReport(folder.month, folder.policy, { month: "2020-02" });
    expect(month.pay[0]).toMatchObject({ agentId: "A01", total: "4583.41" });
  });

  it("decodes once and computes many, with the figures of the records given raw", () => {
    const input = folderRecords(new URL("../fixtures/sample-month/", import.meta.url).pathname);
    const { agents, consultations, orders, tickets } = input;
    const policy = { attribution: { rule: "placeFirst" as const } };
    const decoded = decodeMonth({ agents: agents!, consultations: consultations!, orders: orders!, tickets: tickets! }, policy);
    const sales = attributeSales(decoded, policy, { period: "2020-02" });
    const credits = sales.orders.map((o) => ({ orderId: o.orderId, agentId: o.creditedAgent }));
    const kpis = computeKpis(decoded, policy, { period: "2020-02", credits });
    const breaches = checkServiceLevels(decoded, policy, { period: "2020-02" });
    const raw = { agents: agents!, consultations: consultations!, orders: orders! };
    expect(sales).toEqual(attributeSales(raw, policy, { period: "2020-02" }));
    expect(kpis).toEqual(computeKpis({ ...raw, tickets: tickets!, credits }, policy, { period: "2020-02" }));
    expect(breaches).toEqual(checkServiceLevels({ ...raw, tickets: tickets! }, policy, { period: "2020-02" }));
    expect(kpis.agents[0]!.kpis.replyRate.value).toBe("0.9583");
    // Another zone reads the wall times otherwise: said, not silently re-read.
    expect(() => attributeSales(decoded, { timeZone: "UTC" })).toThrow(/decoded with timeZone Asia\/Shanghai/);
    // The records back as plain objects, and each kind's schema from the same definition.
    expect(decodedRecords(decoded, "orders")).toHaveLength(orders!.length);
    expect(recordSchema("orders", "Asia/Shanghai").safeParse(orders![0]).success).toBe(true);
  });

  it("throws one error listing every issue of the month", () => {
    try {
      decodeMonth({ orders: [{ orderId: "O1", buyerId: "b", createdAt: "2020-02-30 10:00", amount: "1.001" }] });
      expect.unreachable();
    } catch (error) {
      expect(isKefuKpiError(error)).toBe(true);
      expect((error as KefuKpiError).issues.map((i) => i.path.join("."))).toEqual(["orders.0.createdAt", "orders.0.amount"]);
    }
  });

  it("computes the KPIs of the sample month as the KPI example says", async () => {
    const input = folderRecords(new URL("../fixtures/sample-month/", import.meta.url).pathname);
    const { agents, consultations, orders, tickets, afterSales, reviews, qc, calls } = input;
    const credits = attributeSales({ agents: agents!, consultations: consultations!, orders: orders! }).orders.map((o) => ({ orderId: o.orderId, agentId: o.creditedAgent }));
    const kpis = computeKpis({ agents: agents!, consultations: consultations!, orders: orders!, credits, tickets: tickets!, afterSales: afterSales!, reviews: reviews!, qc: qc!, calls: calls! }, {}, { period: "2020-02" });
    expect(kpis.agents[0]!.kpis.replyRate).toEqual({ value: "0.9583", status: "ok", unit: "rate", numerator: "69", denominator: "72", reason: "replied buyers / consulting buyers = 69 / 72" });
    expect(kpis.shop.kpis.avgResponseSeconds.value).toBe("27.50");
    expect(scoreAgent(kpis.agents[0]!.kpis, "presale").score).toBe("86.00");
    expect(qcDeductions(qc!, {}, { period: "2020-02" })[1]!.weeks[0]).toMatchObject({ week: "2020-W07", points: 6, deducted: 3, capped: true });
    expect(checkServiceLevels({ agents: agents!, consultations: consultations!, tickets: tickets!, afterSales: afterSales! }, {}, { period: "2020-02" })[0]!.complianceRate).toBe("0.9722");
  });
});
