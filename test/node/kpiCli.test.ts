import { describe, expect, it } from "vitest";
import { KpiReportSchema } from "../../src/schemas.js";
import { readMonthFolder } from "../../src/node/index.js";
import { AGENTS, CONSULTATIONS, ORDERS, cli, monthFolder } from "./helpers.js";
import { decodedRecords } from "../../src/records/view.js";

const KPI_FILES = {
  "tickets.csv": "ticketId,agentId,createdAt,firstReplyAt,closedAt,closedOnFirstReply,kind\nT1,A01,2020-02-10 10:00,2020-02-10 10:20,2020-02-10 10:20,是,delivery\nT2,A01,2020-02-11 10:00,2020-02-11 11:30,,0,urgent\n",
  "afterSales.csv": "afterSaleId,agentId,orderId,appliedAt,reviewedAt,goodsReceivedAt,refundedAt,refundAmount,satisfaction\nS1,A02,O2,2020-02-12 10:00,2020-02-12 12:00,2020-02-14 09:00,2020-02-14 10:00,9.50,5\n",
  "reviews.csv": "reviewId,agentId,at,rating\nR1,A01,2020-02-10 11:00,good\nR2,A02,2020-02-11 15:00,neutral\n",
  "qc.csv": "conversationId,agentId,at,score\nC1,A01,2020-02-10 12:00,87.5\nC2,A02,2020-02-11 16:00,59\n",
  "shipments.csv": "orderId,shippedAt,pickedUpAt\nO1,2020-02-11 10:00,2020-02-12 09:00\n",
  "orderAnomalies.csv": "orderId,raisedAt,verifiedAt,agentId\nO1,2020-02-12 10:00,,A01\n",
  "complaints.csv": "complaintId,agentId,at,repliedAt,upheld\nK1,A02,2020-02-11 10:00,2020-02-11 12:00,是\n",
  "shopReviews.csv": "reviewId,buyerId,at,rating,outcome,handlerId\nSR1,rb1,2020-02-10 15:00,差评,改为好评,A01\n",
  "calls.json": JSON.stringify([{ callId: "P1", agentId: "A01", at: "2020-02-10 13:00", answered: true }, { callId: "P2", agentId: "A01", at: "2020-02-10 13:10", answered: false }]),
};

describe("kefu-kpi kpi", () => {
  const dir = monthFolder({ "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS, ...KPI_FILES });

  it("prints the KPI report of a week as JSON matching its schema", async () => {
    const { code, stdout, stderr } = await cli("kpi", dir, "--period", "2020-W07", "--format", "json");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const r = KpiReportSchema.parse(JSON.parse(stdout));
    expect(r.period).toEqual({ label: "2020-W07", start: "2020-02-10T00:00:00+08:00", end: "2020-02-17T00:00:00+08:00" });
    const a01 = r.agents.find((a) => a.agentId === "A01")!;
    expect(a01.kpis.ticketTimelyRate.value).toBe("0.5000"); // T1 in 20 min, T2 in 90 min
    expect(a01.kpis.phoneAnswerRate.value).toBe("0.5000");
    expect(a01.kpis.qcScore.value).toBe("87.50");
    expect(a01.kpis.agentSales.value).toBe("128.00"); // O1, credited by R1 over the week
    expect(r.agents.find((a) => a.agentId === "A02")!.kpis.refundedAmount.value).toBe("9.50");
    expect(r.qcDeductions.map((q) => [q.agentId, q.deducted])).toEqual([["A01", 0], ["A02", 3]]);
    // A02's probation ended 1 Feb 2020, before the week: assessed, not "notScored". Every presale
    // metric is under its minimum sample (1 review, 2 calls) or without data (no response columns).
    expect(r.agents.map((a) => a.score.status)).toEqual(["insufficient", "insufficient"]);
    expect(a01.score.lines.map((l) => l.status)).toEqual(["insufficient", "noData", "insufficient"]);
    // shipments.csv ships O1 in time; O2 and O3, paid in the week, were never shipped (the shop's breaches).
    const level = (id: string) => r.serviceLevels.find((c) => c.id === id)!;
    expect(level("shipping").breaches.map((b) => [b.recordId, b.agentId, b.lateSeconds])).toEqual([["O2", null, null], ["O3", null, null]]);
    expect([level("shipping").checked, level("pickupScan").checked, level("pickupScan").compliant]).toEqual([3, 3, 1]);
    expect(level("orderAnomaly").breaches.map((b) => [b.recordId, b.agentId])).toEqual([["O1", "A01"]]);
    expect([level("complaintReply").checked, level("complaintReply").compliant]).toEqual([1, 1]);
  });

  it("takes day|week|month with --date, a day, a month and a range; prints a table and CSV", async () => {
    const day = await cli("kpi", dir, "--period", "day", "--date", "2020-02-10", "--format", "json");
    expect(JSON.parse(day.stdout).period.label).toBe("2020-02-10");
    const week = await cli("kpi", dir, "--period", "week", "--date", "2020-02-12", "--format", "json");
    expect(JSON.parse(week.stdout).period.label).toBe("2020-W07");
    const month = await cli("kpi", dir, "--format", "json");
    expect(JSON.parse(month.stdout).period.label).toBe("2020-02");
    const range = await cli("kpi", dir, "--period", "2020-02-10..2020-02-11", "--format", "csv");
    expect(range.stdout.split("\r\n")[0]).toMatch(/^\uFEFFperiod,agentId,name,group,score,replyRate,/);
    expect((await cli("kpi", dir, "--period", "2020-02", "--format", "csv", "--no-bom")).stdout).toMatch(/^period,agentId,/);
    expect(await cli("kpi", dir, "--period", "2020-02", "--no-bom")).toMatchObject({ code: 2, stderr: expect.stringContaining("--no-bom is for --format csv") });
    expect(range.stdout.split("\r\n")[3]).toMatch(/^2020-02-10\.\.2020-02-11,\(shop\),/);
    const table = await cli("kpi", dir, "--period", "2020-02");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/工单及时回复率\s+50\.00%\*\s+—\s+50\.00%\*/);
    expect(table.stdout).toMatch(/质检扣分（每个 ISO 周封顶）/);
    expect(table.stdout).toMatch(/工单回复 T2（A01）：首次回复于 2020-02-11 11:30:00，晚 1800 秒/);
  });

  it("prints the JSON Schema of the KPI report", async () => {
    const { code, stdout } = await cli("schema", "kpi");
    expect(code).toBe(0);
    const schema = JSON.parse(stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(["kind", "version", "period", "warnings", "agents", "shop", "qcDeductions", "serviceLevels", "targets", "bots"]);
  });

  it("exit code 2 for bad usage, 1 for bad data named by file and row", async () => {
    expect((await cli("kpi", dir, "--period", "week")).code).toBe(2);
    expect((await cli("kpi", dir, "--period", "2020-02-30")).stderr).toMatch(/--period: "2020-02-30" is not a date/);
    expect((await cli("kpi", dir, "--period", "fortnight")).code).toBe(2);
    expect((await cli("report", dir, "--period", "2020-02")).code).toBe(2);
    const bad = monthFolder({ "agents.csv": AGENTS, "qc.csv": "conversationId,agentId,at,score\nC1,A01,2020-02-10 12:00,101\nC2,A09,2020-02-10 12:00,50\n", "calls.csv": "agentId,at,answered\nA01,2020-02-10 12:00,maybe\n" });
    const r = await cli("kpi", bad, "--period", "2020-02");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('calls.csv row 2, answered: "maybe" is not true or false (also 1/0, yes/no, 是/否)');
    const r2 = await cli("kpi", monthFolder({ "agents.csv": AGENTS, "qc.csv": "conversationId,agentId,at,score\nC1,A01,2020-02-10 12:00,101\nC2,A09,2020-02-10 12:00,50\n" }), "--period", "2020-02");
    expect(r2.stderr).toContain('qc.csv row 2 (conversationId "C1"), score: "101" is not a score from 0 to 100 with at most 2 decimals, like 86.5');
    expect(r2.stderr).toContain('qc.csv row 3 (conversationId "C2"), agentId: "A09" is not in the agents list');
  });

  it("reads the consultations' response columns", async () => {
    const folder = await readMonthFolder(monthFolder({ "consultations.csv": CONSULTATIONS.replace("source\n", "source,responseCount,responseSeconds,maxResponseSeconds\n").replace("商品详情\n", "商品详情,3,45,30\n").replace("店铺首页\n", "店铺首页,,,\n") }));
    expect(decodedRecords(folder.month, "consultations")[0]).toMatchObject({ responseCount: 3, responseSeconds: 45, maxResponseSeconds: 30 });
    expect(decodedRecords(folder.month, "consultations")[1]).not.toHaveProperty("responseCount");
  });
});
