// `kefu-kpi routing <folder>`: R7 replayed over the sample month's Monday 3 February (derived by
// hand in the fixture's README), the whole month's waits, and the usage and data errors.
import { describe, expect, it } from "vitest";
import { RoutingReplaySchema } from "../../src/schemas.js";
import { cli, monthFolder } from "./helpers.js";

const sample = new URL("../../fixtures/sample-month/", import.meta.url).pathname;

describe("kefu-kpi routing", () => {
  it("replays a day of the sample month as its README derives it", async () => {
    const { code, stdout } = await cli("routing", sample, "--date", "2020-02-03", "--format", "json");
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    // The shape is the schema's, field for field (strict); the month's too, with its waits.
    expect(RoutingReplaySchema.parse(r)).toEqual(r);
    const month = JSON.parse((await cli("routing", sample, "--format", "json")).stdout);
    expect(month.waiting).toHaveLength(5);
    expect(RoutingReplaySchema.parse(month)).toEqual(month);
    const schema = JSON.parse((await cli("schema", "routing")).stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(r).sort());
    expect(await cli("schema", "routes")).toMatchObject({ code: 2, stderr: expect.stringContaining("schema takes one argument: policy, report, kpi, trend, routing or staffing") });
    expect(r).toMatchObject({ kind: "kefu-kpi/routing-replay", version: 1, period: "2020-02-03", split: true, arrivals: 11, waiting: [] });
    expect(r.agents.map((a: { agentId: string; routed: number; peakLoad: number; actual: number }) => [a.agentId, a.routed, a.peakLoad, a.actual])).toEqual([
      ["A01", 0, 0, 3],
      ["A02", 0, 0, 2],
      ["A03", 5, 1, 1],
      ["A04", 1, 1, 1],
      ["A05", 2, 1, 3],
      ["A06", 3, 1, 1],
    ]);
    expect(r.audit.differs).toBe(8);
    expect(r.audit.differences.map((d: { consultationId: string; actual: string; routed: string }) => `${d.consultationId} ${d.actual}→${d.routed}`)).toEqual([
      "CAS04 A05→A06",
      "C0106 A01→A03",
      "C0205 A02→A03",
      "C0403 A04→A05",
      "CU03 A02→A03",
      "C0107 A01→A03",
      "CE01 A01→A03",
      "C0502 A05→A06",
    ]);
  });

  it("prints the month's table: the buyers who waited for a shift, and the audit per step", async () => {
    const { code, stdout } = await cli("routing", sample, "--lang", "en", "--width", "160");
    expect(code).toBe(0);
    expect(stdout).toContain("kefu-kpi routing replay 2020-02\n260 arrivals; split into pre- and after-sales by source");
    expect(stdout).toContain("arrived with nobody on shift: 5\n  ! CNR01 2020-02-02 23:41:05 pre-sales: someone came online 2020-02-03 09:00:00 (9:18:55 later)\n");
    expect(stdout).toContain("  ! CE13 2020-02-29 23:40:00 pre-sales: no later shift rostered\n");
    expect(stdout).toMatch(/nobody on shift +5 +5\n/);
    expect(stdout).toContain("  120 more not listed: --format json lists them all\n");
    const zh = await cli("routing", sample, "--date", "2020-02-03");
    expect(zh.stdout).toContain("kefu-kpi 分流回放 2020-02-03\n11 个进线咨询；按来源分流售前/售后");
    expect(zh.stdout).toContain("  CAS04 2020-02-03 09:14:00 实际 A05，规则 A06（在线的对应组）\n");
  });

  it("names a consultation's file row when its source is in neither of the policy's lists", async () => {
    const dir = monthFolder({
      "roster.csv": "agentId,date,shift\nA01,2020-02-03,day\n",
      "consultations.csv": "consultationId,agentId,buyerId,startedAt,firstReplyAt,endedAt,source\nK1,A01,b1,2020-02-03 10:00,2020-02-03 10:00,2020-02-03 10:10,直通车\n",
    });
    const { code, stderr } = await cli("routing", dir, "--period", "2020-02");
    expect(code).toBe(1);
    expect(stderr).toContain("consultations.csv");
    expect(stderr).toContain('"直通车" is no source of the policy');
  });

  it("refuses what it cannot replay, and arguments of other commands", async () => {
    const noRoster = monthFolder({ "consultations.csv": "consultationId,agentId,buyerId,startedAt,firstReplyAt,endedAt\nK1,A01,b1,2020-02-03 10:00,,2020-02-03 10:10\n" });
    expect(await cli("routing", noRoster, "--period", "2020-02")).toMatchObject({ code: 2, stderr: expect.stringContaining("the folder has no roster file") });
    expect(await cli("routing", sample, "--month", "2020-02")).toMatchObject({ code: 2, stderr: expect.stringContaining("routing takes --date or --period, not --month") });
    expect(await cli("routing", sample, "--format", "csv")).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be table or json for routing, not "csv"') });
    expect(await cli("routing", sample, "--date", "2020-02-30")).toMatchObject({ code: 2 });
    // A period the rule refuses is a usage error, as for kpi (not a problem of the data).
    expect(await cli("routing", sample, "--period", "2020-13")).toMatchObject({ code: 2, stderr: expect.stringContaining('--period: "2020-13" is not a month') });
  });
});
