import { describe, expect, it } from "vitest";
import { MonthReportSchema } from "../../src/schemas.js";
import { AGENTS, CONSULTATIONS, ORDERS, cli, monthFolder, outPath } from "./helpers.js";

describe("kefu-kpi report", () => {
  const dir = monthFolder({ "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS });

  it("prints the month's attribution as JSON matching the report schema", async () => {
    const { code, stdout, stderr } = await cli("report", dir, "--format", "json");
    expect(code).toBe(0);
    const report = MonthReportSchema.parse(JSON.parse(stdout));
    // The warnings are in the report and on stderr.
    expect(report.warnings.length).toBeGreaterThan(0);
    expect(stderr).toBe(report.warnings.map((w) => `kefu-kpi: warning: ${w}\n`).join(""));
    expect(report.month).toBe("2020-02");
    // O1 (A01 served b1 from 09:59), O2 (A02, refund 9.50), O3 fully silent (b3 never chatted).
    expect(report.shop.sales).toEqual({ orders: 3, gross: "287.50", refunds: "9.50", net: "278.00" });
    expect(report.shop.silent).toEqual({ orders: 1, gross: "60.00", refunds: "0.00", net: "60.00" });
    expect(report.agents.map((a) => [a.agentId, a.name, a.sales.net])).toEqual([
      ["A01", "王芳", "128.00"],
      ["A02", "李娜", "90.00"],
    ]);
    expect(report.shop.unpaidOrders).toBe(1);
  });

  it("prints a table with the agents, the shop totals and the silent line", async () => {
    const { code, stdout } = await cli("report", dir);
    expect(code).toBe(0);
    expect(stdout).toContain("级别与晋升（截至 2020-02-29）");
    expect(stdout).toContain("部门活动经费：期初 0.00 + 罚款 0.00 = 期末 0.00");
    expect(stdout).toContain("排班\n  （没有排班表）");
    const a01 = stdout.split("\n").find((l) => l.startsWith("A01"));
    expect(a01?.split(/\s+/).slice(0, 7)).toEqual(["A01", "王芳", "售前", "1", "128.00", "0.00", "128.00"]);
    expect(stdout).toMatch(/全静默（无人接待）\s+1\s+60\.00\s+0\.00\s+60\.00/);
    // CJK-aware alignment: every agent row's "orders" column ends at the same display column.
    // (the agent table: the people tables further down start with agent ids too)
    const lines = stdout.slice(0, stdout.indexOf("店铺 ")).split("\n").filter((l) => /^A0\d/.test(l));
    const ends = lines.map((l) => {
      const upto = l.slice(0, l.indexOf(" 1 ") + 2);
      return [...upto].reduce((w, ch) => w + (/[\u4e00-\u9fff]/.test(ch) ? 2 : 1), 0);
    });
    expect(new Set(ends).size).toBe(1);
  });

  it("prints one CSV row per agent and writes --out files", async () => {
    const out = outPath("report.csv");
    const { code, files, stdout } = await cli("report", dir, "--format", "csv", "--out", out);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    // The UTF-8 byte-order mark first, so that Excel reads 李娜 as UTF-8; --no-bom leaves it out.
    expect(files.get(out)!.startsWith("\uFEFFmonth,agentId,")).toBe(true);
    const lines = files.get(out)!.slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split(",").slice(0, 10)).toEqual(["month", "agentId", "name", "group", "grade", "orders", "gross", "refunds", "net", "commissionable"]);
    expect(lines[2]!.split(",").slice(0, 10)).toEqual(["2020-02", "A02", "李娜", "presale", "junior", "1", "99.50", "9.50", "90.00", "90.00"]);
  });

  it("ends each CSV row with the score and the pay statement of the JSON report", async () => {
    const csv = (await cli("report", dir, "--format", "csv", "--no-bom")).stdout.trimEnd().split("\r\n").map((l) => l.split(","));
    const report = MonthReportSchema.parse(JSON.parse((await cli("report", dir, "--format", "json")).stdout));
    const header = csv[0]!;
    expect(header.slice(-9)).toEqual(["scoreStatus", "score", "baseSalary", "commission", "kpiBonus", "rewards", "fines", "clawback", "total"]);
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    expect(csv.slice(1).map((row) => cell(row, "agentId"))).toEqual(report.agents.map((a) => a.agentId));
    for (const row of csv.slice(1)) {
      const agent = report.agents.find((a) => a.agentId === cell(row, "agentId"))!;
      const pay = report.pay.find((p) => p.agentId === agent.agentId)!;
      expect([cell(row, "scoreStatus"), cell(row, "score")]).toEqual([agent.score.status, agent.score.score ?? ""]);
      expect(cell(row, "commission")).toBe(pay.lines.commission.amount);
      expect(cell(row, "total")).toBe(pay.total);
      // The total is the lines' sum (in fen, exactly).
      const fen = (name: string) => Math.round(Number(cell(row, name)) * 100);
      expect(fen("baseSalary") + fen("commission") + fen("kpiBonus") + fen("rewards") - fen("fines") - fen("clawback")).toBe(fen("total"));
    }
  });

  it("leaves the pay cells of the CSV empty when there is no agents file (no statements)", async () => {
    const bare = monthFolder({ "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS });
    const csv = (await cli("report", bare, "--format", "csv", "--no-bom")).stdout.trimEnd().split("\r\n").map((l) => l.split(","));
    expect(csv.length).toBeGreaterThan(1);
    for (const row of csv.slice(1)) expect(row.slice(-7)).toEqual(["", "", "", "", "", "", ""]);
  });

  it("writes the HTML page with --format html", async () => {
    const out = outPath("report.html");
    const { code, files } = await cli("report", dir, "--format", "html", "--out", out);
    expect(code).toBe(0);
    const html = files.get(out)!;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<td>A02</td>");
    // A02's net sales, marked with its place in the JSON report.
    expect(html).toMatch(/<td class="num" data-json="agents\.\d+\.sales\.net">90\.00<\/td>/);
  });

  it("honours --month and --policy", async () => {
    const policyDir = monthFolder({ "p.json": JSON.stringify({ attribution: { deductRefunds: false } }) });
    const { code, stdout } = await cli("report", dir, "--format", "json", "--policy", `${policyDir}/p.json`);
    expect(code).toBe(0);
    const report = MonthReportSchema.parse(JSON.parse(stdout));
    expect(report.agents.find((a) => a.agentId === "A02")?.commissionable).toBe("99.50");
    const march = await cli("report", dir, "--format", "json", "--month", "2020-03");
    expect(MonthReportSchema.parse(JSON.parse(march.stdout)).shop.sales.orders).toBe(0);
  });

  it("exits 1 on bad data, naming the file, row and field", async () => {
    const bad = monthFolder({
      "orders.csv": ORDERS.replace("2020-02-12 09:01:00", "2020-02-31 09:01:00"),
      "consultations.csv": CONSULTATIONS,
    });
    const { code, stderr } = await cli("report", bad, "--month", "2020-02");
    expect(code).toBe(1);
    expect(stderr).toContain('orders.csv row 3 (orderId "O2"), paidAt: "2020-02-31 09:01:00" is not a real calendar date');
  });

  it("exits 2 on bad usage", async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli("frobnicate")).code).toBe(2);
    expect((await cli("report")).code).toBe(2);
    expect((await cli("report", dir, "--format", "xml")).code).toBe(2);
    expect((await cli("report", dir, "--month", "2020-2")).code).toBe(2);
    expect((await cli("report", dir, "--bogus")).code).toBe(2);
    const missing = await cli("report", "/no/such/folder");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("kefu-kpi: /no/such/folder: does not exist\n");
  });

  it("refuses an option of one value given twice (the last one would win without a word)", async () => {
    const month = await cli("report", dir, "--month", "2020-02", "--month=2020-03");
    expect(month.code).toBe(2);
    expect(month.stderr).toContain("--month is given more than once: give it once");
    expect(month.stdout).toBe("");
    const format = await cli("report", dir, "--format", "json", "--format", "json");
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("--format is given more than once");
    // -h and --help are one option.
    expect((await cli("-h", "--help")).code).toBe(2);
    // Options that take a list stay repeatable: --metric.
    const trend = await cli("trend", dir, "--metric", "replyRate", "--metric", "conversionRate", "--format", "json");
    expect(trend.code).toBe(0);
  });

  it("prints help, and the JSON Schemas of the policy and the report", async () => {
    const help = await cli("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("kefu-kpi report <month-folder>");
    const policy = JSON.parse((await cli("schema", "policy")).stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(policy.properties)).toEqual(expect.arrayContaining(["timeZone", "attribution"]));
    const report = JSON.parse((await cli("schema", "report")).stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(report.properties)).toEqual(expect.arrayContaining(["month", "shop", "agents", "orders"]));
  });
});
