// The people kinds in a month folder: read as CSV or JSON, every bad row named by file, row and field.
import { describe, expect, it } from "vitest";
import { KefuKpiError, formatIssue } from "../../src/index.js";
import { readMonthFolder, reportFolder } from "../../src/node/index.js";
import { AGENTS, CONSULTATIONS, ORDERS, cli, monthFolder } from "./helpers.js";

const BASE = { "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS };

async function problems(files: Record<string, string>): Promise<string[]> {
  try {
    const folder = await readMonthFolder(monthFolder({ ...BASE, ...files }));
    reportFolder(folder, folder.policy, "2020-02");
  } catch (error) {
    if (error instanceof KefuKpiError) return error.issues.map(formatIssue);
    throw error;
  }
  return [];
}

describe("month folder: people kinds", () => {
  it("reads them and computes the people section", async () => {
    const folder = await readMonthFolder(
      monthFolder({
        ...BASE,
        "violations.csv": "violationId,agentId,at,rule,condonedBy\nV1,A02,2020-02-10 10:00,nonWorkActivity,A01\n",
        "rewards.json": JSON.stringify([{ agentId: "A01", at: "2020-02-11 10:00", kind: "specialAward", amount: "50" }]),
        "roster.csv": "agentId,date,shift\nA01,2020-02-10,night\nA02,2020-02-10,day\n",
      }),
    );
    const r = reportFolder(folder, {}, "2020-02");
    expect(r.people.fund.entries.map((e) => [e.agentId, e.amount, e.balance])).toEqual([
      ["A02", "10.00", "10.00"],
      ["A01", "10.00", "20.00"],
    ]);
    expect(r.people.rewards.agents).toEqual([{ agentId: "A01", count: 1, total: "50.00" }]);
    // O1 paid 10:06 on Monday the 10th: address check for A01; no reminders (paid within 15 min).
    expect(r.people.duties.agents.map((a) => [a.agentId, a.counts.addressCheck])).toEqual([
      ["A01", 1],
      ["A02", 1],
    ]);
    expect(r.people.roster?.breaches.map((b) => b.rule)).toContain("unrosteredDays");
    expect(folder.warnings).toEqual([]);
  });

  it("names the file, row and field of each bad row", async () => {
    expect(
      await problems({
        "violations.csv": "violationId,agentId,at,rule,condonedBy\nV1,A09,2020-02-10 10:00,nonWorkActivity,\nV1,A01,2020-02-31 10:00,nonWorkActivity,\n",
        "rewards.csv": "rewardId,agentId,at,kind,amount\nR1,A01,2020-02-10 10:00,bonus,\nR2,A01,2020-02-10 10:00,performanceAward,\n",
        "roster.csv": "agentId,date,shift\nA01,2020-02-10,evening\nA01,10/02/2020,day\n",
        "scores.csv": "agentId,month,score\nA01,2020-02,eighty\n",
        "shopReviews.csv": "reviewId,buyerId,at,rating\nSR1,b1,2020-02-10 10:00,bad\n",
        "returnedParcels.csv": "parcelId,arrivedAt\nP1,\n",
      }),
    ).toEqual([
      // Kind by kind in the kinds' order, record by record.
      'violations.csv row 2 (violationId "V1"), agentId: "A09" is not in the agents list',
      'violations.csv row 3 (violationId "V1"), at: "2020-02-31 10:00" is not a real calendar date or time',
      'violations.csv row 3 (violationId "V1"), violationId: "V1" appears more than once; each violation must be listed once (first at violations.csv row 2)',
      'rewards.csv row 2 (rewardId "R1"), kind: "bonus" is not one of dataErrorFound (商品数据错误), suggestionAdopted (建议被采纳), performanceAward (业绩奖), specialAward (特别奖)',
      'rewards.csv row 3 (rewardId "R2"), amount: is missing; a performanceAward carries its amount, like 200.00',
      'scores.csv row 2, score: "eighty" is not a score from 0 to 100 with at most 2 decimals, like 86.5',
      'roster.csv row 2, shift: "evening" is not one of day (白班), halfDay (半白班), night (晚班), off (休息)',
      'roster.csv row 3, date: "10/02/2020" is not a date YYYY-MM-DD like 2020-02-21',
      'returnedParcels.csv row 2 (parcelId "P1"), arrivedAt: is missing; expected a date-time like 2020-02-21 09:00:00',
      'shopReviews.csv row 2 (reviewId "SR1"), rating: "bad" is not one of neutral (中评), negative (差评)',
    ]);
  });

  it("names a missing column of a people kind", async () => {
    expect(await problems({ "roster.csv": "agentId,date\nA01,2020-02-10\n" })).toEqual(["roster.csv row 1: missing column shift (expected columns agentId, date, shift)"]);
  });
});

describe("kefu-kpi duties", () => {
  const dir = monthFolder({
    ...BASE,
    "roster.csv": "agentId,date,shift\nA01,2020-02-20,night\nA02,2020-02-20,day\n",
  });

  it("prints a day's sheet per agent, with the unowned duties", async () => {
    // O4 (50.00, placed Thursday 20th 11:00, never paid): SMS at 11:15, A01 (night) reminds after 11:30.
    // In the policy zone's language (Chinese for the default Asia/Shanghai) …
    const { code, stdout } = await cli("duties", dir, "--date", "2020-02-20");
    expect(code).toBe(0);
    expect(stdout).toContain("kefu-kpi 值班职责 2020-02-20 周四（工作日：晚班客服负责）");
    expect(stdout).toContain("排班：A01 晚班、A02 白班");
    expect(stdout).toMatch(/A01：1 项职责\n.*\n.*\n人工催付\s+O4\s+11:30\s+2020-02-20 23:30\s+R1 催付：下单 30 分钟未付款；周一至周五晚班、周六周日当班客服/);
    expect(stdout).toContain("自动：短信催付 1 条（O4）");
    expect(stdout).toContain("无人负责：0 项");
    // … or in English.
    const en = await cli("duties", dir, "--date", "2020-02-20", "--lang", "en");
    expect(en.stdout).toContain("kefu-kpi duty sheet 2020-02-20 Thu (weekday: the night shift)");
    expect(en.stdout).toContain("shifts: A01 night, A02 day");
    expect(en.stdout).toMatch(/A01: 1 duty\n.*\n.*\npayment reminder\s+O4\s+11:30\s+2020-02-20 23:30/);
    expect(en.stdout).toContain("automatic: 1 SMS reminder (O4)");
    expect(en.stdout).toContain("unowned: 0");
  });

  it("reports a day nobody is rostered on as unowned duties", async () => {
    const { code, stdout } = await cli("duties", dir, "--date", "2020-02-10", "--format", "json");
    expect(code).toBe(0);
    const sheet = JSON.parse(stdout) as { shifts: unknown[]; agents: { agentId: string; duties: { kind: string }[] }[] };
    expect(sheet.shifts).toEqual([]);
    expect(sheet.agents.map((a) => [a.agentId, a.duties.map((d) => d.kind)])).toEqual([["A01", ["addressCheck"]]]);
  });

  it("exits 2 on usage errors", async () => {
    for (const args of [["duties", dir], ["duties", dir, "--date", "2020-02-30"], ["duties", dir, "--date", "2020-02-10", "--format", "csv"], ["duties"]]) {
      const r = await cli(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^kefu-kpi: /);
    }
  });

  it("exits 1 naming the row of bad data", async () => {
    const bad = monthFolder({ ...BASE, "roster.csv": "agentId,date,shift\nA01,2020-02-20,nights\n" });
    const r = await cli("duties", bad, "--date", "2020-02-20");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('roster.csv row 2, shift: "nights" is not one of day (白班), halfDay (半白班), night (晚班), off (休息)');
  });
});
