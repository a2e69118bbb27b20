// The shop's traffic (seed 001: 销量 = 流量 UV × 转化率 CVR): visitors per day against the paying
// buyers and sales of the orders, the rates, the identity's estimate, and the edges of the input.
import { describe, expect, it } from "vitest";
import { buildMonthReport, decodeMonth, KefuKpiError, type MonthInput, type PolicyInput } from "../../src/index.js";
import { safely } from "../../src/errors.js";
import { periodOption } from "../../src/records/options.js";
import { renderMonthHtml, renderMonthTable } from "../../src/render/index.js";
import { message } from "../../src/render/lang.js";
import { trafficOfPeriod } from "../../src/traffic/index.js";

// The section of any period (a day, a week, a range; the month report's is its month), as the month
// report computes it from the decoded month.
const shopTraffic = (input: MonthInput, policy: PolicyInput, options: { period: string }) => {
  const month = decodeMonth(input, policy);
  return trafficOfPeriod(month, periodOption(month, options)!);
};
const safeShopTraffic = (input: MonthInput, policy: PolicyInput, options: { period: string }) => safely(() => shopTraffic(input, policy, options));

const order = (orderId: string, buyerId: string | null, paidAt: string, amount: string) => ({ orderId, buyerId, createdAt: "2020-02-01 00:00", paidAt, amount });
const feb3 = { period: "2020-02-03" };
const issuesOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof KefuKpiError) return e.issues.map((i) => i.message);
    throw e;
  }
  return [];
};

describe("shopTraffic", () => {
  const orders = [
    order("O1", "b1", "2020-02-03 10:00", "100.00"),
    order("O2", "b1", "2020-02-03 11:00", "50.00"), // the same buyer again that day: one paying buyer
    order("O3", null, "2020-02-03 12:00", "30.00"), // no buyer id: a buyer of its own
    order("O4", null, "2020-02-03 13:00", "20.00"),
    order("O5", "b5", "", "999.00"), // unpaid
    order("O6", "b6", "2020-02-04 00:00", "70.00"), // the next day
    order("O7", "b7", "2020-02-02 23:59:59", "80.00"), // the day before
  ];
  const traffic = [
    { date: "2020-02-03", source: "搜索", uv: 150 },
    { date: "2020-02-03", source: "直通车", uv: "50" },
    { date: "2020-02-04", uv: 10 }, // another day of the month: not in this period
  ];

  it("gives the day's visitors (all sources), distinct paying buyers, sales, CVR, 客单价 and the estimate", () => {
    const t = shopTraffic({ traffic, orders }, {}, feb3);
    expect(t.days).toEqual([
      // 3 buyers / 200 = 0.0150; 200.00 / 3 = 66.666… → 66.67; 200 × 0.0150 × 66.67 = 200.01
      { date: "2020-02-03", uv: 200, paidBuyers: 3, sales: "200.00", conversionRate: "0.0150", averageOrderValue: "66.67", estimate: "200.01", difference: "-0.01" },
    ]);
    expect(t.total).toEqual({ uv: 200, paidBuyers: 3, sales: "200.00", conversionRate: "0.0150", averageOrderValue: "66.67", daysWithoutTraffic: 0 });
    expect(t.sources).toEqual([
      { source: "搜索", uv: 150, share: "0.7500" },
      { source: "直通车", uv: 50, share: "0.2500" },
    ]);
    expect(t.warnings).toEqual([]);
  });

  it("does not depend on the rows' order", () => {
    const a = shopTraffic({ traffic, orders }, {}, { period: "2020-02" });
    const b = shopTraffic({ traffic: [...traffic].reverse(), orders: [...orders].reverse() }, {}, { period: "2020-02" });
    expect(b).toEqual(a);
  });

  it("lists every day of the period; a day no record gives has no rates, is left out of the total, and is warned of", () => {
    const t = shopTraffic({ traffic, orders }, {}, { period: "2020-02" });
    expect(t.days).toHaveLength(29);
    expect(t.days[1]).toEqual({ date: "2020-02-02", uv: null, paidBuyers: 1, sales: "80.00", conversionRate: null, averageOrderValue: "80.00", estimate: null, difference: null });
    expect(t.days[3]).toMatchObject({ date: "2020-02-04", uv: 10, paidBuyers: 1, conversionRate: "0.1000" });
    expect(t.total).toEqual({ uv: 210, paidBuyers: 4, sales: "270.00", conversionRate: "0.0190", averageOrderValue: "67.50", daysWithoutTraffic: 27 });
    expect(t.warnings).toEqual(["traffic: no record gives 27 days of 2020-02 (2020-02-01, 2020-02-02, 2020-02-05 …), left out of the month's conversion rate"]);
    expect(message(t.warnings[0]!, "zh")).toBe("流量：2020-02 有 27 天没有流量记录（2020-02-01、2020-02-02、2020-02-05 …），不计入本月转化率");
  });

  it("cuts the days at businessDayStartsAt and in the shop's zone", () => {
    const late = [order("O1", "b1", "2020-02-04 05:59", "10.00"), order("O2", "b2", "2020-02-04 06:00", "10.00")];
    const t = shopTraffic({ traffic: [{ date: "2020-02-03", uv: 10 }, { date: "2020-02-04", uv: 10 }], orders: late }, { businessDayStartsAt: "06:00" }, { period: "2020-02-03..2020-02-04" });
    expect(t.days.map((d) => [d.date, d.paidBuyers])).toEqual([["2020-02-03", 1], ["2020-02-04", 1]]);
    // An instant with its offset is placed by the shop's zone: 23:30 UTC is 07:30 the next day in Shanghai.
    const utc = shopTraffic({ traffic: [{ date: "2020-02-04", uv: 10 }], orders: [order("O1", "b1", "2020-02-03T23:30:00Z", "10.00")] }, {}, { period: "2020-02-04" });
    expect(utc.days[0]!.paidBuyers).toBe(1);
  });

  it("a day with no visitors but paying buyers, or more buyers than visitors, is warned of; no rate is made of 0 visitors", () => {
    const t = shopTraffic({ traffic: [{ date: "2020-02-03", uv: 0 }], orders }, {}, feb3);
    expect(t.days[0]).toMatchObject({ uv: 0, paidBuyers: 3, conversionRate: null, estimate: null });
    expect(t.total.conversionRate).toBeNull();
    expect(t.warnings).toEqual(["traffic: 1 day has more paying buyers than visitors (2020-02-03); check the traffic records"]);
    expect(message(t.warnings[0]!, "zh")).toBe("流量：1 天的付款买家多于访客（2020-02-03），请核对流量记录");
  });

  it("a day without orders has 0 buyers and 0.00 sales, a CVR of 0 and no 客单价", () => {
    const t = shopTraffic({ traffic: [{ date: "2020-02-03", uv: 40 }] }, {}, feb3);
    expect(t.days[0]).toEqual({ date: "2020-02-03", uv: 40, paidBuyers: 0, sales: "0.00", conversionRate: "0.0000", averageOrderValue: null, estimate: null, difference: null });
  });

  it("refuses a day given twice, a day given whole and by source, and bad values, naming each record", () => {
    expect(issuesOf(() => shopTraffic({ traffic: [{ date: "2020-02-03", source: "搜索", uv: 1 }, { date: "2020-02-03", source: "搜索", uv: 2 }] }, {}, feb3))).toEqual([
      "2020-02-03 (搜索) is given twice; one record per day and source",
    ]);
    expect(issuesOf(() => shopTraffic({ traffic: [{ date: "2020-02-03", uv: 1 }, { date: "2020-02-03", source: "搜索", uv: 2 }] }, {}, feb3))).toEqual([
      "2020-02-03 is given both whole (no source) and by source; give one or the other",
    ]);
    const bad = safeShopTraffic({ traffic: [{ date: "2020-02-30", uv: 1 }, { date: "2020-02-03", uv: -1 }, { date: "2020-02-04", uv: 1.5 }, { date: "2020-02-05" }] as never }, {}, feb3);
    expect(bad.success).toBe(false);
    expect(bad.success ? [] : bad.issues.map((i) => i.path.join("."))).toEqual(["traffic.0.date", "traffic.1.uv", "traffic.2.uv", "traffic.3.uv"]);
  });

  it("a month report refuses a repeated day too", () => {
    const twice = { orders, traffic: [...traffic, { date: "2020-02-04", uv: 3 }] };
    expect(issuesOf(() => buildMonthReport(twice, {}, { month: "2020-02" }))).toEqual(["2020-02-04 is given twice; one record per day and source"]);
  });
});

describe("the month report's traffic section", () => {
  const input = {
    orders: [order("O1", "b1", "2020-02-03 10:00", "100.00")],
    traffic: [{ date: "2020-02-03", uv: 40 }],
  };
  it("is null without traffic, and the section's tables with it (Chinese and English, text and HTML)", () => {
    expect(buildMonthReport({ orders: input.orders }, {}, { month: "2020-02" }).traffic).toBeNull();
    const report = buildMonthReport(input, {}, { month: "2020-02" });
    expect(report.traffic!.total).toMatchObject({ uv: 40, paidBuyers: 1, conversionRate: "0.0250", daysWithoutTraffic: 28 });
    const zh = renderMonthTable(report);
    // Long lines wrap at the table width: read them joined.
    expect(zh.replace(/\n\s*/g, "")).toContain("流量（销量 = 访客数 × 转化率 × 客单价）：访客 40，付款买家 1，销售额 100.00，转化率 0.0250，客单价 100.00；28 天无流量记录，不计入");
    expect(zh).toMatch(/2020-02-03\s+40\s+1\s+100\.00\s+0\.0250\s+100\.00\s+100\.00\s+0\.00/);
    expect(renderMonthTable(report, { lang: "en" })).toContain("Traffic (sales = UV × conversion rate × average order value): UV 40, paying buyers 1");
    expect(renderMonthHtml(report)).toContain("<h2>流量</h2>");
  });
});
