// KPI targets (考核目标) and the month at a glance: a value against its target at and around the
// edge, what is not judged, the policy's own targets, none at all, and a month with nothing paid.
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { buildKpiReport, buildMonthReport, type KpiTable } from "../../src/index.js";
import { KpiReportSchema } from "../../src/schemas.js";
import { againstTarget, kpiTargets } from "../../src/kpi/targets.js";
import { renderKpiReport, renderMonthHtml, renderMonthTable } from "../../src/render/index.js";
import { readMonthFolder, reportFolder } from "../../src/node/index.js";

const dir = new URL("../../fixtures/sample-month/", import.meta.url).pathname;
const ok = (value: string) => ({ value, status: "ok" as const });

describe("againstTarget", () => {
  it("meets at least / at most a target at the target itself, and misses it by the smallest step", () => {
    expect(againstTarget(ok("0.9800"), { atLeast: "0.98" })).toEqual({ value: "0.9800", status: "met" });
    expect(againstTarget(ok("0.9799"), { atLeast: "0.98" })).toEqual({ value: "0.9799", status: "missed" });
    expect(againstTarget(ok("30.00"), { atMost: "30" })).toEqual({ value: "30.00", status: "met" });
    expect(againstTarget(ok("30.01"), { atMost: "30" })).toEqual({ value: "30.01", status: "missed" });
    // Decimal text, compared exactly: no float rounding brings 0.1 + 0.2 to 0.3 here.
    expect(againstTarget(ok("0.30000000000000004"), { atMost: "0.3" }).status).toBe("missed");
    expect(againstTarget(ok("100000000000000000001"), { atLeast: "100000000000000000000" }).status).toBe("met");
  });

  it("does not judge a value without data or under its minimum sample", () => {
    expect(againstTarget({ value: null, status: "noData" }, { atLeast: "0.98" })).toEqual({ value: null, status: "noData" });
    expect(againstTarget({ value: "1.0000", status: "insufficient" }, { atLeast: "0.98" })).toEqual({ value: "1.0000", status: "insufficient" });
  });
});

describe("kpiTargets", () => {
  const table = (values: Record<string, string | null>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? { value: null, status: "noData" } : ok(v)])) as unknown as KpiTable;

  it("lists the targeted metrics in the metric table's order, whatever the policy's key order, and tallies", () => {
    const shop = table({ avgResponseSeconds: "31.00", goodReviewRate: "0.9900" });
    const r = kpiTargets({ avgResponseSeconds: { atMost: "30" }, goodReviewRate: { atLeast: "0.98" } }, shop, [
      { agentId: "A1", kpis: table({ avgResponseSeconds: "29.00", goodReviewRate: null }) },
    ])!;
    expect(r.metrics.map((m) => [m.metric, m.bound, m.target, m.shop.status, m.agents[0]!.status])).toEqual([
      ["goodReviewRate", "atLeast", "0.98", "met", "noData"],
      ["avgResponseSeconds", "atMost", "30", "missed", "met"],
    ]);
    expect(r.shop).toEqual({ met: 1, missed: 1 });
    expect(r.agents).toEqual([{ agentId: "A1", met: 1, missed: 0 }]);
  });

  it("is null when no target is set, and reads no inherited key as a target", () => {
    expect(kpiTargets({}, table({}), [])).toBeNull();
    expect(kpiTargets(Object.create({ goodReviewRate: { atLeast: "0.5" } }), table({ goodReviewRate: "0.9" }), [])).toBeNull();
  });
});

describe("the month report's targets and summary", () => {
  it("follows the policy's targets: A01's good-review rate 0.9500 meets at least 0.95", async () => {
    const folder = await readMonthFolder(dir);
    const byDefault = reportFolder(folder);
    const own = reportFolder(folder, { kpi: { targets: { goodReviewRate: { atLeast: "0.95" } } } });
    const a01 = (r: typeof own) => r.targets!.metrics[0]!.agents.find((a) => a.agentId === "A01");
    expect(a01(byDefault)).toEqual({ agentId: "A01", value: "0.9500", status: "missed" });
    expect(own.targets!.metrics.map((m) => m.metric)).toEqual(["goodReviewRate"]);
    expect(a01(own)).toEqual({ agentId: "A01", value: "0.9500", status: "met" });
    // The scorecards do not move with the targets.
    expect(own.agents.map((a) => a.score)).toEqual(byDefault.agents.map((a) => a.score));
  });

  it("prints the glance and the targets in the table report: an agent per row, a metric per column, marked", async () => {
    const report = reportFolder(await readMonthFolder(dir));
    const text = renderMonthTable(report, { lang: "en", width: 200 });
    expect(text).toMatch(/^at a glance: credited 85\.37% of net \(81\.78% of orders\), fully silent 14\.63% of net \(18\.22% of orders\), pay total 23815\.07$/m);
    const line = (who: string) => text.split("\n").find((l) => l.startsWith(`${who} `) && /[✓✗*—]/.test(l))!.trim().split(/\s{2,}/);
    // goodReviewRate, avgResponseSeconds, afterSaleSatisfaction, afterSaleReviewHours, ticketTimelyRate, phoneAnswerRate, met/missed.
    expect(line("A04")).toEqual(["A04", "—", "30.00 ✓", "—", "6.00 ✓", "88.89% ✗", "—", "2/1"]);
    expect(line("A03")).toEqual(["A03", "66.67% *", "40.00 ✗", "—", "—", "—", "75.00% *", "0/1"]);
    expect(line("shop")).toEqual(["shop", "92.45% ✗", "27.50 ✓", "90.91% ✗", "4.50 ✓", "90.91% ✗", "91.84% ✗", "2/4"]);
  });

  it("has no targets section, and the page says so, when the policy sets none", async () => {
    const report = reportFolder(await readMonthFolder(dir), { kpi: { targets: {} } });
    expect(report.targets).toBeNull();
    const html = renderMonthHtml(report, [], { lang: "en" });
    expect(html).toContain("No targets are set (kpi.targets).");
    expect(html).not.toContain('data-json="targets.');
    expect(renderMonthTable(report, { lang: "en", width: 200 })).toMatch(/^No targets are set \(kpi\.targets\)\.$/m);
  });

  it("gives no shares when nothing was paid, and a pay total of the statements", () => {
    const report = buildMonthReport({ orders: [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-10 10:00", amount: "10.00" }] }, {}, { month: "2020-02" });
    expect(report.summary).toEqual({ silentShare: { orders: null, net: null }, creditedShare: { orders: null, net: null }, payTotal: "0.00" });
    const html = renderMonthHtml(report, [], { lang: "zh" });
    expect(html).not.toContain('data-json="summary.silentShare');
  });
});

describe("the kpi command's targets (any period)", () => {
  it("judges the week's values against the targets, as the policy's bounds say, and prints the table", async () => {
    const folder = await readMonthFolder(dir);
    const week = buildKpiReport(folder.month, {}, { period: "2020-W06" });
    expect(KpiReportSchema.parse(JSON.parse(JSON.stringify(week))).targets).toEqual(week.targets);
    const t = week.targets!;
    expect(t.metrics.map((m) => m.metric)).toEqual(["goodReviewRate", "avgResponseSeconds", "afterSaleSatisfaction", "afterSaleReviewHours", "ticketTimelyRate", "phoneAnswerRate"]);
    // Each status recomputed from the week's KPI table and the bound, apart from the code under test.
    const judge = (k: { value: string | null; status: string }, bound: string, target: string) =>
      k.value === null ? "noData" : k.status === "insufficient" ? "insufficient" : (bound === "atLeast" ? new Decimal(k.value).gte(target) : new Decimal(k.value).lte(target)) ? "met" : "missed";
    for (const m of t.metrics) {
      expect(m.shop.status, m.metric).toBe(judge(week.shop.kpis[m.metric], m.bound, m.target));
      for (const a of m.agents) expect(a.status, `${m.metric} ${a.agentId}`).toBe(judge(week.agents.find((x) => x.agentId === a.agentId)!.kpis[m.metric], m.bound, m.target));
    }
    const text = renderKpiReport(week, { lang: "en", width: 200 });
    expect(text).toMatch(/^shop +89\.29% ✗ +27\.50 ✓/m);
    expect(buildKpiReport(folder.month, { kpi: { targets: {} } }, { period: "2020-W06" }).targets).toBeNull();
  });
});
