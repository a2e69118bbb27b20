// A settled month re-run: every changed figure is named by its record id and field.
import { describe, expect, it } from "vitest";
import { buildMonthReport, compareReports } from "../../src/index.js";
import { readMonthFolder, reportFolder } from "../../src/node/index.js";
import { folderRecords } from "../folderRecords.js";

const dir = new URL("../../fixtures/sample-month/", import.meta.url).pathname;

describe("compareReports", () => {
  it("finds nothing between a report and itself", async () => {
    const report = reportFolder(await readMonthFolder(dir));
    expect(compareReports(report, JSON.parse(JSON.stringify(report)))).toEqual([]);
  });

  it("a policy setting added since the month was settled is no difference at its default, and one when set otherwise", async () => {
    const report = reportFolder(await readMonthFolder(dir));
    // A report settled before ambiguousTimes existed.
    const settled = JSON.parse(JSON.stringify(report)) as { policy: Record<string, unknown> };
    delete settled.policy["ambiguousTimes"];
    expect(compareReports(settled, report)).toEqual([]);
    // Nor a section added since (routing, R7) at its defaults.
    const beforeRouting = JSON.parse(JSON.stringify(report)) as { policy: Record<string, unknown> };
    delete beforeRouting.policy["routing"];
    expect(compareReports(beforeRouting, report)).toEqual([]);
    expect(compareReports(beforeRouting, { ...report, policy: { ...report.policy, routing: { ...report.policy.routing, recentAgentHours: 48 } } })).toEqual([
      { path: "policy.routing.recentAgentHours", settled: 24, current: 48 },
    ]);
    const later = { ...report, policy: { ...report.policy, ambiguousTimes: "later" } };
    expect(compareReports(settled, later)).toEqual([{ path: "policy.ambiguousTimes", settled: "error", current: "later" }]);
    // A settled policy that no longer resolves is compared as it is.
    const odd = { ...settled, policy: { ...settled.policy, retired: true } };
    expect(compareReports(odd, report).map((d) => d.path)).toEqual(["policy.retired", "policy.ambiguousTimes"]);
  });

  it("names records by their ids, not positions, and lists added and removed records", () => {
    const settled = { month: "2020-02", agents: [{ agentId: "A01", sales: { net: "10.00" } }, { agentId: "A02", sales: { net: "5.00" } }], warnings: ["w"] };
    const current = { month: "2020-02", agents: [{ agentId: "A02", sales: { net: "5.00" } }, { agentId: "A01", sales: { net: "12.50" } }, { agentId: "A03", sales: { net: "1.00" } }], warnings: [] };
    expect(compareReports(settled, current)).toEqual([
      { path: "agents[A01].sales.net", settled: "10.00", current: "12.50" },
      { path: "agents[A03]", settled: undefined, current: { agentId: "A03", sales: { net: "1.00" } } },
      { path: "warnings", settled: "w", current: undefined },
    ]);
  });

  it("compares the warnings as a collection: one added at the top is that one, not a shift of the others", () => {
    const settled = { month: "2020-02", warnings: ["b", "c", "c"] };
    expect(compareReports(settled, { month: "2020-02", warnings: ["a", "b", "c", "c"] })).toEqual([{ path: "warnings", settled: undefined, current: "a" }]);
    expect(compareReports(settled, { month: "2020-02", warnings: ["c", "b", "c"] })).toEqual([]);
    // A repeated warning counts as often as it is given.
    expect(compareReports(settled, { month: "2020-02", warnings: ["b", "c", "d"] })).toEqual([
      { path: "warnings", settled: "c", current: undefined },
      { path: "warnings", settled: undefined, current: "d" },
    ]);
    // Gone and added, with the figures first.
    expect(compareReports({ month: "2020-01", warnings: ["x"] }, { month: "2020-02", warnings: [] })).toEqual([
      { path: "month", settled: "2020-01", current: "2020-02" },
      { path: "warnings", settled: "x", current: undefined },
    ]);
  });

  it("sees a changed order of the sample month in the shop's figures, the agent's and the order's own", async () => {
    const folder = await readMonthFolder(dir);
    const settled = reportFolder(folder);
    const input = folderRecords(dir);
    const orders = input.orders!.map((o) => (o.orderId === "O0101" ? { ...o, refundAmount: "10.00" } : o));
    const current = buildMonthReport({ ...input, orders }, undefined, { month: settled.month });
    const paths = compareReports(settled, current).map((d) => d.path);
    expect(paths).toContain("shop.sales.refunds");
    expect(paths).toContain("orders[O0101].refunds");
    expect(paths.some((p) => /^agents\[A0\d\]\.sales\.net$/.test(p))).toBe(true);
  });
});
