// The pay commands of the CLI: explain, compare, and settled months (--settle, --settled,
// --previous), with their exit codes.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AGENTS, CONSULTATIONS, ORDERS, cli, monthFolder, outPath } from "./helpers.js";

const files = { "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS };

describe("kefu-kpi explain", () => {
  it("prints one agent's statement with every line's derivation", async () => {
    const { code, stdout } = await cli("explain", monthFolder(files), "--agent", "A01");
    expect(code).toBe(0);
    expect(stdout.split("\n").slice(0, 5)).toEqual([
      "工资单 pay statement 2020-02: A01 王芳",
      "",
      "底薪 baseSalary  4000.00  [baseSalary.full]",
      "  inputs: baseSalary 4000.00, daysEmployed 29, daysInMonth 29",
      "  4000.00 for the whole month",
    ]);
    expect(stdout).toContain("提成 commission  1.28  [commission.flat]");
    expect(stdout).toContain("合计 total  4001.28  = 4000.00 + 1.28 + 0.00 + 0.00 − 0.00 − 0.00");
  });

  it("prints one line with --line, and names what is wrong with the arguments", async () => {
    const dir = monthFolder(files);
    const one = await cli("explain", dir, "--agent", "A02", "--line", "commission");
    expect(one.stdout).toBe(
      ["工资单 pay statement 2020-02: A02 李娜", "", "提成 commission  0.90  [commission.flat]", "  inputs: base 90.00, orders 1, rate 0.01", "  90.00 × 0.01 = 0.9", "  提成基数 commission base: 1 orders", ""].join("\n").replace(
        "  提成基数 commission base: 1 orders\n",
        "  提成基数 commission base: 1 orders\n    订单 order  份额 share  计入 counted  原因 why\n    ----------  ----------  ------------  -------------------\n    O2                   1         90.00  落实下单 placeAgent\n",
      ),
    );
    expect((await cli("explain", dir)).stderr).toMatch(/explain needs --agent/);
    expect((await cli("explain", dir, "--agent", "A01", "--line", "salary")).stderr).toMatch(/--line must be one of baseSalary, commission, kpiBonus, rewards, fines, clawback, not "salary"/);
    const unknown = await cli("explain", dir, "--agent", "A09");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no pay statement for agent "A09" in 2020-02 \(statements: A01, A02\)/);
  });
});

describe("kefu-kpi compare", () => {
  it("shows each agent's pay under two policies with the difference", async () => {
    const dir = monthFolder({ ...files, "a.json": "{}", "b.json": JSON.stringify({ pay: { commission: { rate: "0.05" } } }) });
    const { code, stdout } = await cli("compare", dir, "--policy", `${dir}/a.json`, "--policy", `${dir}/b.json`);
    expect(code).toBe(0);
    const rows = stdout.trimEnd().split("\n").map((l) => l.trim().split(/ {2,}/));
    expect(rows[0]).toEqual(["薪资对比 pay under two policies, 2020-02: A = a.json, B = b.json"]);
    expect(rows).toContainEqual(["A01", "提成 commission", "1.28", "6.40", "+5.12"]);
    expect(rows).toContainEqual(["A02", "合计 total", "3000.90", "3004.50", "+3.60"]);
    const json = JSON.parse((await cli("compare", dir, "--policy", `${dir}/a.json`, "--policy", `${dir}/b.json`, "--format", "json")).stdout);
    expect(json.agents[0].lines.total).toEqual({ a: "4001.28", b: "4006.40", difference: "5.12" });
    expect((await cli("compare", dir, "--policy", `${dir}/a.json`)).stderr).toMatch(/compare takes exactly two --policy files/);
    expect((await cli("report", dir, "--policy", `${dir}/a.json`, "--policy", `${dir}/b.json`)).code).toBe(2);
  });
});

describe("settled months", () => {
  it("--settle marks the report; --settled prints it again while nothing changed, and lists the changes (exit 3) once something did", async () => {
    const dir = monthFolder(files);
    const out = outPath("2020-02.json");
    const settled = await cli("report", dir, "--format", "json", "--settle", "--out", out);
    expect(settled.code).toBe(0);
    const text = settled.files.get(out)!;
    expect(JSON.parse(text).settled).toBe(true);
    const kept = monthFolder({ ...files, "2020-02.json": text });
    const again = await cli("report", kept, "--settled", `${kept}/2020-02.json`, "--format", "json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(text));

    const changed = monthFolder({ ...files, "orders.csv": ORDERS.replace("O1,b1,2020-02-10 10:05:00,2020-02-10 10:06:00,128.00,0.00", "O1,b1,2020-02-10 10:05:00,2020-02-10 10:06:00,128.00,28.00"), "2020-02.json": text });
    const refused = await cli("report", changed, "--settled", `${changed}/2020-02.json`);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/^kefu-kpi: 2020-02 is settled; computing it again would change \d+ figures \(settled → now\):\n/m);
    // The settled report kept in the folder is read (--settled), so it is not named as a file not read.
    expect(refused.stderr).not.toMatch(/not read: .*2020-02\.json/);
    expect(refused.stderr).toContain('  orders[O1].refunds: "0.00" → "28.00"\n');
    expect(refused.stderr).toContain('  pay[A01].lines.commission.amount: "1.28" → "1.00"\n');
  });

  it("a chat log given after the month was settled: its section is one short line, its warnings are named as warnings (exit 3)", async () => {
    const sample = new URL("../../fixtures/sample-month/", import.meta.url).pathname;
    const month: Record<string, string> = {};
    for (const name of readdirSync(sample)) if (name.endsWith(".csv") && name !== "messages.csv") month[name] = readFileSync(join(sample, name), "utf8");
    const out = outPath("2020-02.json");
    const settled = await cli("report", monthFolder(month), "--format", "json", "--settle", "--out", out);
    expect(settled.code).toBe(0);
    const withLog = monthFolder({ ...month, "messages.csv": readFileSync(join(sample, "messages.csv"), "utf8"), "2020-02.json": settled.files.get(out)! });
    const refused = await cli("report", withLog, "--settled", `${withLog}/2020-02.json`);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe("");
    const listed = refused.stderr.split("kefu-kpi: 2020-02 is settled; ")[1]!.split("\n");
    expect(listed[0]).toBe("computing it again would change 1 figure and 2 warnings (settled → now):");
    expect(listed[1]).toMatch(/^ {2}chat: null → \{"messages":25,"findings":14,.*… \(5 fields, \d+ characters\)$/);
    expect(listed[1]!.length).toBeLessThan(200);
    expect(listed.slice(2, 4)).toEqual([
      '  warnings: (none) → "messages: 2 bot lines (chat.botAccounts, chat.botMarkers) left out of the consultation figures"',
      expect.stringMatching(/^ {2}warnings: \(none\) → "consultations: \d+ of \d+ given consultations have no conversation of their agent and buyer in the chat log/),
    ]);
  });

  it("refuses a report that is not settled, or of another month", async () => {
    const dir = monthFolder(files);
    const plain = (await cli("report", dir, "--format", "json")).stdout;
    const kept = monthFolder({ ...files, "r.json": plain, "bad.json": "{\"kind\":1}" });
    expect((await cli("report", kept, "--settled", `${kept}/r.json`)).stderr).toMatch(/is not a settled report/);
    const bad = await cli("report", kept, "--settled", `${kept}/bad.json`);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.json, kind: is 1: not a kefu-kpi month report (written by report --format json)');
  });

  it("--previous claws back this month what refunds took off a settled month's commission", async () => {
    const dir = monthFolder(files);
    const february = (await cli("report", dir, "--format", "json", "--settle")).stdout;
    // In March, O1 (A01's February order) has been refunded 28.00.
    const march = monthFolder({
      ...files,
      "orders.csv": ORDERS.replace("128.00,0.00", "128.00,28.00") + "O5,b1,2020-03-02 10:00:00,2020-03-02 10:01:00,10.00,0.00,\n",
      "feb.json": february,
    });
    const { code, stdout } = await cli("explain", march, "--agent", "A01", "--month", "2020-03", "--line", "clawback");
    expect(code).toBe(0); // explain has no --previous: no clawback
    expect(stdout).toContain("退款冲回 clawback (−)  0.00");
    const report = JSON.parse((await cli("report", march, "--month", "2020-03", "--previous", `${march}/feb.json`, "--format", "json")).stdout);
    const a01 = report.pay.find((s: { agentId: string }) => s.agentId === "A01");
    expect(a01.lines.clawback).toMatchObject({
      amount: "0.28",
      steps: ["2020-02: refunds after settlement (O1 28.00) lower the commission base 128.00 → 100.00; commission 1.28 → 1.00: 0.28"],
    });
  });

  it("--previous refuses, naming the file, a report never settled or whose orders are other orders (another year's)", async () => {
    const dir = monthFolder(files);
    const unsettled = (await cli("report", dir, "--format", "json")).stdout;
    // 2016-02: the same order ids, four years earlier.
    const y2016 = (text: string) => text.replaceAll("2020-02-", "2016-02-");
    const old = monthFolder({ "agents.csv": AGENTS, "consultations.csv": y2016(CONSULTATIONS), "orders.csv": y2016(ORDERS) });
    const settled2016 = (await cli("report", old, "--format", "json", "--settle")).stdout;
    expect(JSON.parse(settled2016).month).toBe("2016-02");
    const march = monthFolder({
      ...files,
      "orders.csv": ORDERS.replace("128.00,0.00", "128.00,28.00") + "O5,b1,2020-03-02 10:00:00,2020-03-02 10:01:00,10.00,0.00,\n",
      "feb.json": unsettled,
      "2016-02.json": settled2016,
    });
    const never = await cli("report", march, "--month", "2020-03", "--previous", `${march}/feb.json`);
    expect(never.code).toBe(1);
    expect(never.stdout).toBe("");
    expect(never.stderr).toContain(
      `${march}/feb.json, settled: the previous report (2020-02) is not settled: only a settled report (written with --settle once its pay was handed out) can have commission clawed back`,
    );
    const other = await cli("report", march, "--month", "2020-03", "--previous", `${march}/2016-02.json`, "--format", "json");
    expect(other.code).toBe(1);
    expect(other.stdout).toBe("");
    expect(other.stderr).toContain(`${march}/2016-02.json (orderId "O1"), orders.0.paidAt: order O1 of this month's orders is not the previous report's order O1 (paid 2020-02-10T10:06:00+08:00 here, 2016-02-10T10:06:00+08:00 there)`);
  });
});
