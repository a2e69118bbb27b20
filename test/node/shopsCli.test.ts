// `report --shop` and `kpi --shop` over a month folder whose records name two shops; the usage
// errors of `--shop`; the shop an issue names in its file and row.
import { describe, expect, it } from "vitest";
import { KpiReportSchema, MonthReportSchema } from "../../src/schemas.js";
import { cli, monthFolder } from "./helpers.js";

const AGENTS = "agentId,name,group,grade,hiredAt\nA01,王芳,presale,junior,2019-01-01\nA02,李雷,presale,junior,2019-01-01\n";
const CONSULTATIONS =
  "consultationId,agentId,buyerId,shopId,startedAt,firstReplyAt,endedAt\n" +
  "C1,A01,b1,S1,2020-02-03 10:00,2020-02-03 10:00:20,2020-02-03 10:30\n" +
  "C2,A02,b1,S2,2020-02-03 10:00,2020-02-03 10:00:20,2020-02-03 10:30\n";
const ORDERS =
  "orderId,buyerId,shopId,createdAt,paidAt,amount\n" +
  "O1,b1,S1,2020-02-03 10:20,2020-02-03 10:21,100.00\n" +
  "O2,b1,S2,2020-02-03 10:25,2020-02-03 10:26,200.00\n" +
  "O3,b2,S2,2020-02-03 11:00,2020-02-03 11:01,30.00\n";
const TICKETS = "ticketId,agentId,shopId,createdAt,firstReplyAt\nT1,A01,S1,2020-02-03 09:00,2020-02-03 09:10\nT2,A02,,2020-02-03 09:00,2020-02-03 09:10\n";

describe("--shop", () => {
  const dir = monthFolder({ "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS });

  it("report: the team's month has a shops section; --shop one shop's report, its pay the team's", async () => {
    const team = await cli("report", dir, "--format", "json");
    expect(team.code).toBe(0);
    const t = MonthReportSchema.parse(JSON.parse(team.stdout));
    expect(t.shops!.shops.map((s) => [s.shopId, s.sales.orders, s.sales.net, s.credited.net, s.silent.net])).toEqual([
      ["S1", 1, "100.00", "100.00", "0.00"],
      ["S2", 2, "230.00", "200.00", "30.00"],
    ]);
    const s2 = await cli("report", dir, "--shop", "S2", "--format", "json");
    expect(s2.code).toBe(0);
    expect(s2.stderr).toContain('shop "S2" alone');
    const r = MonthReportSchema.parse(JSON.parse(s2.stdout));
    expect([r.shop.sales.net, r.agents.map((a) => a.sales.net), r.shops]).toEqual(["230.00", ["0.00", "200.00"], null]);
    expect(r.pay).toEqual(t.pay);
    const table = await cli("report", dir, "--lang", "en");
    expect(table.stdout).toMatch(/Shops \(2020-02\)/);
  });

  it("kpi: one shop's KPIs", async () => {
    const { code, stdout } = await cli("kpi", dir, "--shop", "S1", "--format", "json");
    expect(code).toBe(0);
    const r = KpiReportSchema.parse(JSON.parse(stdout));
    expect(r.agents.map((a) => [a.agentId, a.kpis.consultingBuyers.value, a.kpis.agentSales.value])).toEqual([
      ["A01", "1", "100.00"],
      ["A02", "0", "0.00"],
    ]);
  });

  it("is a usage error for a shop no record names, with another command, or empty", async () => {
    const unknown = await cli("report", dir, "--shop", "S3");
    expect([unknown.code, unknown.stdout]).toEqual([2, ""]);
    expect(unknown.stderr).toContain('--shop names shop "S3", which no record names; the month\'s shops are "S1", "S2"');
    const kpi = await cli("kpi", dir, "--shop", "s1");
    expect(kpi.code).toBe(2);
    expect(kpi.stderr).toContain('--shop names shop "s1", which no record names');
    for (const args of [["duties", dir, "--date", "2020-02-03", "--shop", "S1"], ["report", dir, "--shop", ""], ["report", dir, "--shop", "S1", "--settle", "--format", "json"]]) {
      const r = await cli(...args);
      expect([r.code, r.stdout]).toEqual([2, ""]);
    }
  });

  it("names the file and row of a record that names no shop", async () => {
    const withTickets = monthFolder({ "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS, "tickets.csv": TICKETS });
    const r = await cli("report", withTickets, "--shop", "S1");
    expect([r.code, r.stdout]).toEqual([1, ""]);
    expect(r.stderr).toContain("tickets.csv");
    expect(r.stderr).toMatch(/row 3/);
    expect(r.stderr).toContain("shopId: is empty, but the month names shops");
    // The team's report takes them.
    expect((await cli("report", withTickets, "--format", "json")).code).toBe(0);
  });

  it("asks a shop of the kinds the command reads: the KPI report reads no traffic", async () => {
    const withTraffic = monthFolder({ "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS, "traffic.csv": "date,uv\n2020-02-03,100\n" });
    const kpi = await cli("kpi", withTraffic, "--shop", "S1", "--format", "json");
    expect([kpi.code, JSON.parse(kpi.stdout).agents[0].kpis.agentSales.value]).toEqual([0, "100.00"]);
    const report = await cli("report", withTraffic, "--shop", "S1");
    expect([report.code, report.stdout]).toEqual([1, ""]);
    expect(report.stderr).toContain("traffic.shopId: is given by no day's traffic record, but the month names shops");
  });
});
