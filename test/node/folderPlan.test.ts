// Which files of a month folder are read, from their names: kinds without regard to case, near
// misses as errors naming the right name, everything else listed as not read.
import { describe, expect, it } from "vitest";
import { planFolder } from "../../src/node/folderPlan.js";

describe("planFolder", () => {
  it("reads kind names and .csv/.json without regard to case", () => {
    const plan = planFolder(["Consultations.csv", "ORDERS.CSV", "agents.Json", "Policy.json", "afterSales.csv"]);
    expect(Object.fromEntries(plan.kinds)).toEqual({ consultations: "Consultations.csv", orders: "ORDERS.CSV", agents: "agents.Json", afterSales: "afterSales.csv" });
    expect(plan.policy).toBe("Policy.json");
    expect(plan.problems).toEqual([]);
  });

  it("makes a near miss of a kind's name an error that names the file to write", () => {
    expect(planFolder(["consultation.csv", "orderss.csv", "after_sales.csv", "polcy.json"]).problems).toEqual([
      { file: "after_sales.csv", message: "is not a name this folder reads: did you mean afterSales.csv? (rename it; kind names are agents, consultations, messages, orders, shipments, orderAnomalies, tickets, afterSales, reviews, complaints, qc, calls, violations, rewards, assessments, probation, scores, roster, returnedParcels, shopReviews, traffic, attendance)" },
      { file: "consultation.csv", message: expect.stringMatching(/^is not a name this folder reads: did you mean consultations\.csv\?/) },
      { file: "orderss.csv", message: expect.stringMatching(/^is not a name this folder reads: did you mean orders\.csv\?/) },
      { file: "polcy.json", message: expect.stringMatching(/^is not a name this folder reads: did you mean policy\.json\?/) },
    ]);
  });

  it("makes a kind with another extension an error", () => {
    expect(planFolder(["consultations.cvs", "orders.xlsx", "policy.yaml"]).problems).toEqual([
      { file: "consultations.cvs", message: "is not read: a consultations file is consultations.csv or consultations.json" },
      { file: "orders.xlsx", message: "is not read: an orders file is orders.csv or orders.json (save the sheet as CSV UTF-8)" },
      { file: "policy.yaml", message: "is not read: the policy file is policy.json" },
    ]);
  });

  it("lists a near miss beside the file it resembles as not read, not as an error", () => {
    const plan = planFolder(["orders.csv", "order.csv", "orders.xlsx", "consultations.csv", "consultations.bak"]);
    expect(plan.problems).toEqual([]);
    expect(plan.others).toEqual(["order.csv"]);
    expect(plan.unread).toEqual(["consultations.bak", "orders.xlsx"]);
  });

  it("refuses two files of one kind", () => {
    expect(planFolder(["orders.csv", "Orders.json"]).problems).toEqual([{ file: "Orders.json", message: "both Orders.json and orders.csv are present; keep one" }]);
  });

  it("keeps other .csv files as possible Tmall exports, lists the rest, skips hidden names", () => {
    const plan = planFolder(["ExportOrderList202002.csv", "README.md", "expected-report.json", ".DS_Store", "archive"]);
    expect(plan.others).toEqual(["ExportOrderList202002.csv"]);
    expect(plan.unread).toEqual(["README.md", "archive", "expected-report.json"]);
    expect(plan.problems).toEqual([]);
  });
});
