// `kefu-kpi staffing <folder>`: the sample month's staffing as its README derives it (Monday
// 09:00, Thursday 17:00 on the 27th's missing night shift, Wednesday 23:00), the table, the HTML
// chart (its numbers the JSON's), and the usage and data errors.
import { describe, expect, it } from "vitest";
import { StaffingPlanSchema } from "../../src/schemas.js";
import { cli, monthFolder } from "./helpers.js";

const sample = new URL("../../fixtures/sample-month/", import.meta.url).pathname;

describe("kefu-kpi staffing", () => {
  it("plans the sample month as its README derives it", async () => {
    const { code, stdout } = await cli("staffing", sample, "--format", "json");
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    // The shape is the schema's, field for field (strict).
    expect(StaffingPlanSchema.parse(plan)).toEqual(plan);
    const schema = JSON.parse((await cli("schema", "staffing")).stdout) as { properties: Record<string, unknown>; additionalProperties?: unknown };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(plan).sort());
    expect(plan).toMatchObject({ kind: "kefu-kpi/staffing", version: 1, period: "2020-02", arrivals: 260, holdSeconds: 1066, chatsPerAgent: 3, targetSeconds: 60, under: 10, over: 48 });
    const hour = (weekday: number, h: number) => plan.hours.find((x: { weekday: number; hour: number }) => x.weekday === weekday && x.hour === h);
    expect(hour(1, 9)).toEqual({ weekday: 1, hour: 9, occurrences: 4, arrivals: 8, mean: 2, load: 2, needed: 1, staffed: 2, serviceLevel: 1, status: "over" });
    expect(hour(4, 17)).toEqual({ weekday: 4, hour: 17, occurrences: 4, arrivals: 0, mean: 0, load: 0, needed: 1, staffed: 0, serviceLevel: null, status: "under" });
    expect(hour(3, 23)).toEqual({ weekday: 3, hour: 23, occurrences: 4, arrivals: 2, mean: 0.5, load: 1, needed: 1, staffed: 0, serviceLevel: 0, status: "under" });
    // Saturdays: five in February 2020.
    expect(hour(6, 9).occurrences).toBe(5);
    expect(plan.hours).toHaveLength(168);
  });

  it("prints the grids and the hours under-staffed, in English and Chinese", async () => {
    const { code, stdout } = await cli("staffing", sample, "--lang", "en", "--width", "160");
    expect(code).toBe(0);
    expect(stdout).toContain("kefu-kpi staffing 2020-02\n260 arrivals; mean consultation 0:17:46; 3 chats per agent at once; target: 80% of buyers answered within 60 s");
    expect(stdout).toMatch(/\n09:00 +2 \(2\) +2\.25 \(3\) /);
    expect(stdout).toMatch(/\n17:00 +1\/1 +1\/1 +1\/1 +0\/1 ! +1\/1 +1\/1 +1\/1\n/);
    expect(stdout).not.toMatch(/\n03:00 /);
    expect(stdout).toContain("hours under-staffed: 10; hours with an agent spare: 48\n  ! Wed 23:00: 1 needed, as few as 0 on shift (load 1 an hour, service level with those on shift 0%)\n");
    const zh = await cli("staffing", sample);
    expect(zh.stdout).toContain("kefu-kpi 排班与人手 2020-02\n");
    expect(zh.stdout).toContain("  ! 周四 17:00：需 1 人，最少时 0 人在班（每小时进线 0）\n");
  });

  it("draws the load and the staffing per hour as SVG, each column's numbers those of the JSON", async () => {
    const json = JSON.parse((await cli("staffing", sample, "--format", "json")).stdout);
    const { code, stdout } = await cli("staffing", sample, "--format", "html", "--lang", "en");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<!doctype html>/);
    expect(stdout).not.toContain("<script");
    expect(stdout.match(/<svg /g)).toHaveLength(2);
    const staffed = [...stdout.matchAll(/data-weekday="(\d)" data-hour="(\d+)" data-staffed="(\d+)" data-needed="(\d+)" data-status="(\w+)"/g)].map((m) => m.slice(1).join(" "));
    expect(staffed).toEqual(json.hours.map((h: { weekday: number; hour: number; staffed: number; needed: number; status: string }) => `${h.weekday} ${h.hour} ${h.staffed} ${h.needed} ${h.status}`));
    const load = [...stdout.matchAll(/data-weekday="(\d)" data-hour="(\d+)" data-mean="([\d.]+)" data-load="(\d+)"/g)].map((m) => m.slice(1).join(" "));
    expect(load).toEqual(json.hours.map((h: { weekday: number; hour: number; mean: number; load: number }) => `${h.weekday} ${h.hour} ${h.mean} ${h.load}`));
    expect(stdout.match(/class="band"/g)).toHaveLength(json.under);
  });

  it("refuses what it cannot plan, and arguments of other commands", async () => {
    const noRoster = monthFolder({ "consultations.csv": "consultationId,agentId,buyerId,startedAt,firstReplyAt,endedAt\nK1,A01,b1,2020-02-03 10:00,,2020-02-03 10:10\n" });
    expect(await cli("staffing", noRoster, "--period", "2020-02")).toMatchObject({ code: 2, stderr: expect.stringContaining("the folder has no roster file") });
    const badShift = monthFolder({
      "roster.csv": "agentId,date,shift\nA01,2020-02-03,day\nA01,2020-02-03,night\n",
      "consultations.csv": "consultationId,agentId,buyerId,startedAt,firstReplyAt,endedAt\nK1,A01,b1,2020-02-03 10:00,,2020-02-03 10:10\n",
    });
    const twice = await cli("staffing", badShift, "--period", "2020-02");
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("roster.csv");
    expect(twice.stderr).toContain("A01 is rostered twice on 2020-02-03");
    expect(await cli("staffing", sample, "--month", "2020-02")).toMatchObject({ code: 2, stderr: expect.stringContaining("staffing takes --period, not --month") });
    expect(await cli("staffing", sample, "--format", "csv")).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be table, json or html for staffing, not "csv"') });
    expect(await cli("staffing", sample, "--period", "2020-13")).toMatchObject({ code: 2, stderr: expect.stringContaining('--period: "2020-13" is not a month') });
    expect(await cli("staffing", sample, sample)).toMatchObject({ code: 2, stderr: expect.stringContaining("staffing takes exactly one month folder") });
  });
});
