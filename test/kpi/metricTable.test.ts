// The README's metric table (KPIs) is the metric table of src/policy/kpiMetrics.ts, row for row;
// `UPDATE_README=1 npx vitest run test/kpi/metricTable.test.ts` rewrites it from the table.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { KPI_METRIC_IDS, computeKpis } from "../../src/index.js";
import { KPI_METRICS } from "../../src/policy/kpiMetrics.js";
import { KPI_LABELS } from "../../src/render/index.js";
import { KpiTableSchema } from "../../src/schemas.js";

const README = resolve(import.meta.dirname, "../../README.md");
const HEADER = "| metric | id | formula (per agent; the shop the same over all records unless noted) | unit |\n|---|---|---|---|\n";

function tableOfMetrics(): string {
  return HEADER + KPI_METRICS.map((m) => `| ${m.label.zh} | \`${m.id}\` | ${m.formula} | ${m.unit} |\n`).join("");
}

describe("the metric table", () => {
  it("is the README's metric table, row for row", () => {
    const text = readFileSync(README, "utf8");
    const start = text.indexOf(HEADER);
    expect(start).toBeGreaterThan(0);
    const end = text.indexOf("\n\n", start);
    const inReadme = text.slice(start, end + 1);
    if (process.env.UPDATE_README) writeFileSync(README, text.slice(0, start) + tableOfMetrics() + text.slice(end + 1));
    else expect(inReadme).toBe(tableOfMetrics());
  });

  it("gives the ids, the labels and the report schema's keys, in one order", () => {
    expect(KPI_METRIC_IDS).toEqual(KPI_METRICS.map((m) => m.id));
    expect(new Set(KPI_METRIC_IDS).size).toBe(KPI_METRIC_IDS.length);
    expect(Object.keys(KPI_LABELS)).toEqual(KPI_METRIC_IDS);
    expect(Object.keys(KpiTableSchema.shape)).toEqual(KPI_METRIC_IDS);
    for (const m of KPI_METRICS) {
      expect(m.label.zh, m.id).toMatch(/\p{Script=Han}/u);
      expect(m.label.en, m.id).toMatch(/^[a-z0-9]/i);
      expect(m.needs.length, m.id).toBeGreaterThan(0);
    }
  });

  it("computes every metric in the order of the table, with its unit and a reason filled in", () => {
    const result = computeKpis(
      {
        agents: [{ agentId: "A01", name: "小王", group: "presale", grade: "junior", gradeSince: "2020-01-01", hiredAt: "2020-01-01" }],
        consultations: [{ consultationId: "C1", agentId: "A01", buyerId: "b1", startedAt: "2020-02-03 10:00", firstReplyAt: "2020-02-03 10:01", endedAt: "2020-02-03 10:09" }],
        orders: [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-03 10:05", paidAt: "2020-02-03 10:06", amount: "88.00" }],
        credits: [{ orderId: "O1", agentId: "A01" }],
        tickets: [],
      },
      {},
      { period: "2020-02" },
    );
    const kpis = result.agents[0]!.kpis;
    expect(Object.keys(kpis)).toEqual(KPI_METRIC_IDS);
    for (const m of KPI_METRICS) {
      expect(kpis[m.id].unit, m.id).toBe(m.unit);
      expect(kpis[m.id].reason, m.id).not.toMatch(/[{}]|undefined|NaN/);
    }
    // Kinds not given are noData, naming the kind; a given kind with no record in the period is a zero denominator.
    expect(kpis.qcScore).toMatchObject({ value: null, status: "noData", reason: "no qc given" });
    expect(kpis.ticketTimelyRate).toMatchObject({ value: null, status: "noData", reason: "no replied tickets in the period" });
    expect(kpis.ticketTimelyRate.numerator).toBe("0");
    expect(kpis.replyRate).toMatchObject({ value: "1.0000", reason: "replied buyers / consulting buyers = 1 / 1" });
    expect(kpis.agentSales).toMatchObject({ value: "88.00", reason: "credited sales (R1 attribution), paid in the period: 88.00" });
    expect(kpis.averageOrderValue).toMatchObject({ value: "88.00", reason: "credited sales fen / buyers who ordered and paid = 8800 / 1 ÷ 100" });
    expect(kpis.quickResponseRate.reason).toBe("consultations first answered within 180 s / consultations = 1 / 1");
  });
});
