// A month asked for that holds none of the data (no order placed or paid, no consultation started in
// it) would pay base salaries alone with exit 0: the report warns, naming where the data is.
import { describe, expect, it } from "vitest";
import { buildMonthReport } from "../../src/index.js";
import { folderRecords } from "../folderRecords.js";

const agents = [{ agentId: "A01", name: "王芳", group: "presale" as const, grade: "senior" as const, hiredAt: "2018-03-01" }];
const consultations = [{ consultationId: "C1", agentId: "A01", buyerId: "b1", startedAt: "2020-02-10 09:58", firstReplyAt: "2020-02-10 09:59", endedAt: "2020-02-10 10:20" }];
const orders = [
  { orderId: "O1", buyerId: "b1", createdAt: "2020-02-10 10:05", paidAt: "2020-02-10 10:06", amount: "128.00" },
  { orderId: "O2", buyerId: "b2", createdAt: "2020-02-11 10:05", paidAt: "2020-02-11 10:06", amount: "28.00" },
  { orderId: "O3", buyerId: "b3", createdAt: "2020-01-31 23:00", paidAt: "2020-01-31 23:10", amount: "8.00" },
];
const empty = (w: string) => w.includes("has no order placed or paid");

describe("a month without data", () => {
  it("warns when February's data is reported as March, naming the months the data is in", () => {
    const r = buildMonthReport({ agents, consultations, orders }, {}, { month: "2020-03" });
    expect(r.warnings.filter(empty)).toEqual(["2020-03 has no order placed or paid and no consultation started in it; the data's paid orders are in 2020-02 (2), 2020-01 (1): is the month right?"]);
    // The base salary is still paid: the warning is what tells the lead.
    expect(r.pay[0]!.lines.baseSalary.amount).toBe("4000.00");
  });

  it("falls back to the months of placed orders, then of consultations", () => {
    const unpaid = orders.map(({ paidAt: _p, ...o }) => o);
    expect(buildMonthReport({ agents, consultations, orders: unpaid }, {}, { month: "2020-03" }).warnings.filter(empty)).toEqual([
      "2020-03 has no order placed or paid and no consultation started in it; the data's placed orders are in 2020-02 (2), 2020-01 (1): is the month right?",
    ]);
    expect(buildMonthReport({ agents, consultations, orders: [] }, {}, { month: "2020-03" }).warnings.filter(empty)).toEqual([
      "2020-03 has no order placed or paid and no consultation started in it; the data's consultations are in 2020-02 (1): is the month right?",
    ]);
  });

  it("says nothing when the month holds an order placed or paid in it, or a consultation", () => {
    expect(buildMonthReport({ agents, consultations, orders }, {}, { month: "2020-01" }).warnings.filter(empty)).toEqual([]);
    const placedInMarch = [...orders, { orderId: "O4", buyerId: "b4", createdAt: "2020-03-01 00:00", amount: "1.00" }];
    expect(buildMonthReport({ agents, consultations, orders: placedInMarch }, {}, { month: "2020-03" }).warnings.filter(empty)).toEqual([]);
    const chatInMarch = [...consultations, { ...consultations[0]!, consultationId: "C2", startedAt: "2020-03-31 23:59", firstReplyAt: "", endedAt: "2020-04-01 00:10" }];
    expect(buildMonthReport({ agents, consultations: chatInMarch, orders }, {}, { month: "2020-03" }).warnings.filter(empty)).toEqual([]);
  });

  it("warns on the sample month reported as April", async () => {
    const input = folderRecords(new URL("../../fixtures/sample-month/", import.meta.url).pathname);
    const april = buildMonthReport(input, {}, { month: "2020-04" });
    expect(april.warnings.filter(empty)).toEqual(["2020-04 has no order placed or paid and no consultation started in it; the data's paid orders are in 2020-02 (236), 2020-01 (1), 2020-03 (1): is the month right?"]);
  });
});
