// The KPI trend report (走势): each day's and week's figures are computeKpis' figures of that part
// with the month's credits, the period's are the KPI report's, the changes exact against a previous
// report, the target completion counted part by part; bad options are issues at the option.
import { describe, expect, it } from "vitest";
import { attributeSales, buildKpiReport, buildMonthReport, buildTrendReport, computeKpis, decodeMonth, KefuKpiError, type PreviousKpis, type TrendReport } from "../../src/index.js";
import { TrendReportSchema } from "../../src/schemas.js";
import { KPI_METRIC_IDS } from "../../src/policy/kpiMetrics.js";
import { againstTarget } from "../../src/kpi/targets.js";
import { sampleRecords } from "../../src/sample/index.js";
import { shuffled } from "../shuffle.js";

const month = decodeMonth(sampleRecords);
const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof KefuKpiError) return error.issues.map((i) => [i.path.join("."), i.message]);
    throw error;
  }
  throw new Error("no error");
};

describe("buildTrendReport", () => {
  const byDay = buildTrendReport(month, undefined, { period: "2020-02", by: "day" });

  it("has every metric of every day, each equal to computeKpis of that day with the month's credits", () => {
    expect(TrendReportSchema.parse(byDay)).toEqual(byDay);
    expect(byDay.parts.map((p) => p.label)).toEqual(Array.from({ length: 29 }, (_, d) => `2020-02-${String(d + 1).padStart(2, "0")}`));
    expect(byDay.metrics).toEqual(KPI_METRIC_IDS);
    const credits = attributeSales(sampleRecords, undefined, { period: "2020-02" }).orders.map((o) => ({ orderId: o.orderId, agentId: o.creditedAgent }));
    for (const d of [0, 9, 16, 28]) {
      const day = computeKpis(month, undefined, { period: byDay.parts[d]!.label, credits, listAgents: byDay.agents.map((a) => a.agentId) });
      for (const [m, metric] of KPI_METRIC_IDS.entries()) {
        expect(byDay.shop.lines[m]!.parts[d], `${metric} day ${d + 1}`).toEqual({ value: day.shop.kpis[metric].value, status: day.shop.kpis[metric].status });
        byDay.agents.forEach((a, i) => {
          const k = day.agents.find((x) => x.agentId === a.agentId)!.kpis[metric];
          expect(a.lines[m]!.parts[d], `${a.agentId} ${metric} day ${d + 1}`).toEqual({ value: k.value, status: k.status });
          expect(day.agents[i]!.agentId).toBe(a.agentId);
        });
      }
    }
  });

  it("gives the period's own values as the KPI report of the period does, and the month report's", () => {
    const kpi = buildKpiReport(month, undefined, { period: "2020-02" });
    const report = buildMonthReport(sampleRecords, undefined, { month: "2020-02" });
    expect(byDay.agents.map((a) => [a.agentId, a.name])).toEqual(kpi.agents.map((a) => [a.agentId, a.name]));
    for (const [m, metric] of KPI_METRIC_IDS.entries()) {
      expect(byDay.shop.lines[m]!.total.value).toBe(kpi.shop.kpis[metric].value);
      expect(byDay.shop.lines[m]!.total.value).toBe(report.shop.kpis[metric].value);
      byDay.agents.forEach((a, i) => expect(a.lines[m]!.total.value, `${a.agentId} ${metric}`).toBe(kpi.agents[i]!.kpis[metric].value));
    }
  });

  it("cuts by ISO week, each week's figures those of the week alone", () => {
    const byWeek = buildTrendReport(month, undefined, { period: "2020-02", by: "week", metrics: ["replyRate", "agentSales"] });
    expect(byWeek.parts.map((p) => [p.label, p.start.slice(0, 10), p.end.slice(0, 10)])).toEqual([
      ["2020-W05", "2020-02-01", "2020-02-03"],
      ["2020-W06", "2020-02-03", "2020-02-10"],
      ["2020-W07", "2020-02-10", "2020-02-17"],
      ["2020-W08", "2020-02-17", "2020-02-24"],
      ["2020-W09", "2020-02-24", "2020-03-01"],
    ]);
    const credits = attributeSales(sampleRecords, undefined, { period: "2020-02" }).orders.map((o) => ({ orderId: o.orderId, agentId: o.creditedAgent }));
    const w07 = computeKpis(month, undefined, { period: "2020-W07", credits });
    expect(byWeek.shop.lines.map((l) => l.parts[2]!.value)).toEqual([w07.shop.kpis.replyRate.value, w07.shop.kpis.agentSales.value]);
    // agentSales of the weeks add up to the month's (a paid order is in the week it was paid).
    // The sample README's hand figures: the weeks' agent sales add up to the month's.
    const line = byWeek.shop.lines[1]!;
    expect(line.parts.map((p) => p.value)).toEqual(["3983.70", "9249.30", "10210.30", "9929.30", "4276.40"]);
    expect(line.total.value).toBe("37649.00");
  });

  it("does not depend on the order of the rows", () => {
    const shuffledInput = Object.fromEntries(Object.entries(sampleRecords).map(([k, v], i) => [k, Array.isArray(v) ? shuffled(v as readonly unknown[], 17 + i) : v])) as typeof sampleRecords;
    const again = buildTrendReport(shuffledInput, undefined, { period: "2020-02", by: "day", metrics: ["replyRate", "conversionRate", "avgFirstResponseSeconds"] });
    const chosen = (r: TrendReport) => ({ ...r, warnings: [], shop: { lines: r.shop.lines.filter((l) => again.metrics.includes(l.metric)) }, agents: r.agents.map((a) => ({ ...a, lines: a.lines.filter((l) => again.metrics.includes(l.metric)) })), metrics: again.metrics });
    expect({ ...again, warnings: [] }).toEqual(chosen(byDay));
  });

  it("shows the metrics asked for, in the metric table's order, each once", () => {
    const r = buildTrendReport(month, undefined, { period: "2020-02", by: "day", metrics: ["conversionRate", "replyRate", "conversionRate"] });
    expect(r.metrics).toEqual(["replyRate", "conversionRate"]);
    expect(r.agents[0]!.lines.map((l) => l.metric)).toEqual(["replyRate", "conversionRate"]);
  });

  it("compares with a previous report exactly: total − previous, null where either is missing", () => {
    const previous: PreviousKpis = {
      kind: "kefu-kpi/kpi-report",
      period: { label: "2020-01" },
      shop: { kpis: { replyRate: { value: "0.9900" }, avgFirstResponseSeconds: { value: "30.42" } } },
      agents: [{ agentId: "A01", kpis: { replyRate: { value: "0.9000" }, conversionRate: { value: null } } }],
    };
    const r = buildTrendReport(month, undefined, { period: "2020-02", by: "week", metrics: ["replyRate", "conversionRate", "avgFirstResponseSeconds"], previous });
    expect(r.previous).toEqual({ label: "2020-01" });
    expect(r.warnings.filter((w) => w.includes("previous"))).toEqual([]);
    // The metric table's order: replyRate, avgFirstResponseSeconds, conversionRate.
    expect(r.metrics).toEqual(["replyRate", "avgFirstResponseSeconds", "conversionRate"]);
    expect(r.shop.lines.map((l) => [l.total.value, l.previous, l.change])).toEqual([
      ["0.9684", "0.9900", "-0.0216"],
      ["30.42", "30.42", "0.00"],
      ["0.7233", null, null],
    ]);
    const a01 = r.agents.find((a) => a.agentId === "A01")!;
    expect(a01.lines.map((l) => [l.previous, l.change])).toEqual([["0.9000", "0.0583"], [null, null], [null, null]]);
    expect(r.agents.find((a) => a.agentId === "A02")!.lines.every((l) => l.previous === null && l.change === null)).toBe(true);
  });

  it("takes a month report as the previous one, and warns when it is not of an earlier period", () => {
    const report = buildMonthReport(sampleRecords, undefined, { month: "2020-02" });
    const r = buildTrendReport(month, undefined, { period: "2020-02", by: "week", metrics: ["replyRate"], previous: report });
    expect(r.previous).toEqual({ label: "2020-02" });
    expect(r.shop.lines[0]!.change).toBe("0.0000");
    expect(r.warnings).toContain("the previous report's period 2020-02 does not start before 2020-02: the changes compare with it all the same");
    // An ISO week that starts before the month is earlier, whatever its label sorts as.
    const week = buildTrendReport(month, undefined, { period: "2020-02", by: "week", metrics: ["replyRate"], previous: { ...report, month: "2020-W05", period: { start: "2020-01-27T00:00:00+08:00", end: "2020-02-03T00:00:00+08:00" } } });
    expect(week.warnings.filter((w) => w.includes("previous"))).toEqual([]);
    // Given as data without a period start, a report is placed by its label.
    const { period: _dropped, ...noPeriod } = report;
    const bare = buildTrendReport(month, undefined, { period: "2020-02", by: "week", metrics: ["replyRate"], previous: noPeriod });
    expect(bare.warnings).toContain("the previous report's period 2020-02 does not start before 2020-02: the changes compare with it all the same");
  });

  it("reads a previous report as data: a __proto__ key neither pollutes nor answers for a metric", () => {
    const hostile = JSON.parse('{"kind":"kefu-kpi/kpi-report","period":{"label":"2020-01"},"shop":{"kpis":{"__proto__":{"replyRate":{"value":"0.5000"}}}},"agents":[{"agentId":"__proto__","kpis":{}}]}') as PreviousKpis;
    const r = buildTrendReport(month, undefined, { period: "2020-02", by: "week", metrics: ["replyRate"], previous: hostile });
    expect(r.shop.lines[0]!.previous).toBeNull();
    expect(({} as Record<string, unknown>)["replyRate"]).toBeUndefined();
  });

  it("counts the parts that met the policy's target, and judges the period's value", () => {
    const policy = { kpi: { targets: { replyRate: { atLeast: "0.95" }, avgFirstResponseSeconds: { atMost: "30" } } } };
    const r = buildTrendReport(sampleRecords, policy, { period: "2020-02", by: "day", metrics: ["replyRate", "avgFirstResponseSeconds", "conversionRate"] });
    for (const row of [r.shop, ...r.agents]) {
      const [reply, first, conversion] = row.lines;
      expect(conversion!.target).toBeNull();
      for (const [line, target] of [[reply!, { atLeast: "0.95" }], [first!, { atMost: "30" }]] as const) {
        const statuses = line.parts.map((p) => againstTarget(p, target).status);
        expect(line.target).toEqual({
          bound: "atLeast" in target ? "atLeast" : "atMost",
          target: "atLeast" in target ? "0.95" : "30",
          status: againstTarget(line.total, target).status,
          partsMet: statuses.filter((s) => s === "met").length,
          partsJudged: statuses.filter((s) => s === "met" || s === "missed").length,
        });
      }
    }
    // The shop's reply rate, 96.84%, meets 95%; on 2020-02-02 it was 88.89%, under it.
    expect(r.shop.lines[0]!.target!.status).toBe("met");
    expect(r.shop.lines[0]!.parts[1]!.value).toBe("0.8889");
    expect(r.shop.lines[0]!.target!.partsMet).toBeLessThan(r.shop.lines[0]!.target!.partsJudged);
  });

  it("answers a bad by, metrics or previous with an issue at the option", () => {
    expect(issuesOf(() => buildTrendReport(month, undefined, { period: "2020-02", by: "month" as "day" }))).toEqual([["options.by", 'is "month"; expected "day" or "week" (the parts a trend cuts its period into)']]);
    expect(issuesOf(() => buildTrendReport(month, undefined, { period: "2020-02" } as { period: string; by: "day" }))).toEqual([["options.by", 'is missing; expected "day" or "week" (the parts a trend cuts its period into)']]);
    expect(issuesOf(() => buildTrendReport(month, undefined, { period: "2020-02", by: "day", metrics: ["replyRate", "replyrate"] }))[0]).toEqual(["options.metrics.1", expect.stringMatching(/^is "replyrate", not a KPI metric; expected one of replyRate, /)]);
    expect(issuesOf(() => buildTrendReport(month, undefined, { period: "2020-02", by: "day", metrics: [] }))).toEqual([["options.metrics", "is empty; expected a list of KPI metric ids (replyRate, conversionRate …)"]]);
    expect(issuesOf(() => buildTrendReport(month, undefined, { period: "2020-02", by: "day", metrics: "replyRate" as unknown as string[] }))[0]![0]).toBe("options.metrics");
    expect(issuesOf(() => buildTrendReport(month, undefined, { period: "2020-02", by: "day", previous: { kind: "kefu-kpi/pay" } as unknown as PreviousKpis }))[0]).toEqual([
      "options.previous.kind",
      "expected a kefu-kpi month report or KPI report (kind kefu-kpi/month-report or kefu-kpi/kpi-report)",
    ]);
    const badValue = { kind: "kefu-kpi/kpi-report", period: { label: "2020-01" }, shop: { kpis: { replyRate: { value: "96%" } } }, agents: [] } as unknown as PreviousKpis;
    expect(issuesOf(() => buildTrendReport(month, undefined, { period: "2020-02", by: "day", previous: badValue }))[0]![0]).toBe("options.previous.shop.kpis.replyRate.value");
    const twice = { kind: "kefu-kpi/kpi-report", shop: { kpis: {} }, agents: [{ agentId: "A01", kpis: {} }, { agentId: "A01", kpis: {} }] } as PreviousKpis;
    expect(issuesOf(() => buildTrendReport(month, undefined, { period: "2020-02", by: "day", previous: twice }))).toEqual([["options.previous.agents.1.agentId", 'is "A01" a second time; a report lists each agent once']]);
    expect(issuesOf(() => buildTrendReport(month, undefined, { period: "2020-13", by: "day" }))[0]![0]).toBe("options.period");
    expect(issuesOf(() => buildTrendReport(month, undefined, { period: "2020-02", by: "day", shop: "S9" }))[0]![0]).toBe("options.shop");
  });

  it("gives a month without records an empty trend: every part without data", () => {
    const r = buildTrendReport({ orders: [] }, undefined, { period: "2020-02", by: "week", metrics: ["agentSales", "replyRate"] });
    expect(r.parts).toHaveLength(5);
    expect(r.agents).toEqual([]);
    expect(r.warnings).toEqual(["no tickets, afterSales, reviews, qc, calls, shopReviews (files) given: the KPIs computed from them are null (no data)"]);
    // No consultations: no reply rate; orders given, none paid: sales of 0.00 each week.
    expect(r.shop.lines.map((l) => l.metric)).toEqual(["replyRate", "agentSales"]);
    expect(r.shop.lines[0]!.parts.every((p) => p.value === null && p.status === "noData")).toBe(true);
    expect(r.shop.lines[1]!.parts.map((p) => p.value)).toEqual(["0.00", "0.00", "0.00", "0.00", "0.00"]);
  });
});
