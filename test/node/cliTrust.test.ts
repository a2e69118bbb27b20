// The CLI under misuse: warnings reach stderr in every format, --settle only where it means
// something, CSV cells that a spreadsheet would run are neutralized, control characters never
// reach the terminal, --out never overwrites an input and writes atomically, file problems are one
// line with exit code 2, and nothing ends in a stack trace.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MonthReportSchema } from "../../src/schemas.js";
import { csvCell } from "../../src/render/text.js";
import { nodeIO, parseCsv, readMonthFolder, reportFolder, runCli } from "../../src/node/index.js";
import { writeFileAtomic } from "../../src/node/files.js";
import { AGENTS, CONSULTATIONS, ORDERS, cli, monthFolder, outPath } from "./helpers.js";

const BASE = { "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS };
const CLI = new URL("../../dist/cli.js", import.meta.url).pathname;

/** The CLI with the real file system for --out (standard streams captured). */
async function cliFs(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { ...nodeIO, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), drain: async () => {} });
  return { code, stdout, stderr };
}

/** The built CLI in a process of its own (a hang fails by the timeout). */
function spawnCli(...argv: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...argv], { encoding: "utf8", timeout: 15_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("warnings reach stderr in every format", () => {
  const dir = monthFolder({ ...BASE, "orders.csv": ORDERS.replace("remarkAgentId", "remarkAgentId,note").replace(/\n(O\d.*)/g, "\n$1,x") });

  for (const format of ["csv", "json", "table"]) {
    it(`report --format ${format}`, async () => {
      const { code, stderr } = await cli("report", dir, "--format", format);
      expect(code).toBe(0);
      expect(stderr).toContain("kefu-kpi: warning: orders.csv: column note not used\n");
      expect(stderr).toContain("kefu-kpi: warning: no tickets, afterSales, reviews, qc, calls, shopReviews (files) given");
    });
  }

  it("kpi --format csv", async () => {
    const { code, stderr } = await cli("kpi", dir, "--format", "csv");
    expect(code).toBe(0);
    expect(stderr).toContain("kefu-kpi: warning: orders.csv: column note not used\n");
  });

  it("names the files of the folder that were not read", async () => {
    const extra = monthFolder({ ...BASE, "README.md": "# February", "notes.txt": "x", "sales.xlsx": "x" });
    const { stderr } = await cli("report", extra, "--format", "csv");
    expect(stderr).toContain(`kefu-kpi: warning: ${extra}: not read: notes.txt, sales.xlsx (`);
    // A Markdown file is the folder's documentation: never data, not warned about.
    expect(stderr).not.toContain("README.md");
  });
});

describe("--settle", () => {
  it("is a usage error with table, csv or html: only the JSON report is kept as settled", async () => {
    const dir = monthFolder(BASE);
    for (const format of ["table", "csv", "html"]) {
      const { code, stderr, stdout } = await cli("report", dir, "--format", format, "--settle");
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain(`kefu-kpi: --settle marks the JSON report settled; use it with --format json (and --out to keep the file), not --format ${format}\n`);
    }
    expect((await cli("report", dir, "--settle")).code).toBe(2);
  });
});

describe("CSV output and formula injection", () => {
  const agents = [
    { agentId: "A01", name: '=HYPERLINK("http://evil.example","x")', group: "presale", grade: "senior" },
    { agentId: "A02", name: "+cmd|' /C calc'!A0", group: "presale", grade: "junior" },
    { agentId: "A03", name: "-1+2", group: "presale", grade: "junior" },
    { agentId: "A04", name: "@SUM(1+1)", group: "presale", grade: "junior" },
    { agentId: "A05", name: "\t=1+1", group: "presale", grade: "junior" },
    { agentId: "A06", name: "\r=1+1", group: "presale", grade: "junior" },
    { agentId: "=A07", name: "王芳", group: "presale", grade: "junior" },
  ];
  const dir = monthFolder({ "agents.json": JSON.stringify(agents), "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS });

  it("report --format csv writes names and ids a spreadsheet would run with a leading '", async () => {
    const { code, stdout } = await cli("report", dir, "--format", "csv", "--month", "2020-02");
    expect(code).toBe(0);
    const rows = parseCsv(stdout);
    const cell = (row: string[], name: string) => row[rows[0]!.indexOf(name)];
    expect(rows.slice(1).map((r) => [cell(r, "agentId"), cell(r, "name")])).toEqual([
      ["'=A07", "王芳"],
      ["A01", `'=HYPERLINK("http://evil.example","x")`],
      ["A02", "'+cmd|' /C calc'!A0"],
      ["A03", "'-1+2"],
      ["A04", "'@SUM(1+1)"],
      // Text is trimmed when read (a leading tab or CR is no part of a name), so these are "=1+1".
      ["A05", "'=1+1"],
      ["A06", "'=1+1"],
    ]);
  });

  it("kpi --format csv too", async () => {
    const { code, stdout } = await cli("kpi", dir, "--format", "csv", "--period", "2020-02");
    expect(code).toBe(0);
    const rows = parseCsv(stdout);
    const names = rows.slice(1).map((r) => r[rows[0]!.indexOf("name")]);
    expect(names).toContain(`'=HYPERLINK("http://evil.example","x")`);
    expect(names).toContain("'@SUM(1+1)");
    expect(rows.slice(1).map((r) => r[1])).toContain("'=A07");
  });

  it("keeps plain numbers, negative ones included", () => {
    expect(csvCell("-5.00")).toBe("-5.00");
    expect(csvCell("-12")).toBe("-12");
    expect(csvCell("128.00")).toBe("128.00");
    expect(csvCell("-")).toBe("'-");
    expect(csvCell("-5.00e3")).toBe("'-5.00e3");
    expect(csvCell('=1,"2"')).toBe(`"'=1,""2"""`);
  });
});

describe("control characters never reach the terminal", () => {
  const agents = [
    { agentId: "A01", name: "\u001b[31mRED\u001b[0m", group: "presale", grade: "senior" },
    { agentId: "A02", name: "evil\u202etxt.exe\nnext", group: "presale", grade: "junior" },
  ];
  const dir = monthFolder({ "agents.json": JSON.stringify(agents), "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS });
  // eslint-disable-next-line no-control-regex -- the control characters are what it looks for
  const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it("in the report table: escaped visibly, one row per agent", async () => {
    const { code, stdout } = await cli("report", dir);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(raw);
    expect(stdout).toContain("\\x1b[31mRED\\x1b[0m");
    expect(stdout).toContain("evil\\u202etxt.exe\\x0anext");
    expect(stdout.split("\n").filter((l) => l.startsWith("A02 ")).length).toBeGreaterThan(0);
  });

  it("in explain, kpi and duties text", async () => {
    for (const argv of [["explain", dir, "--agent", "A01"], ["kpi", dir], ["duties", dir, "--date", "2020-02-10"]]) {
      const { code, stdout } = await cli(...argv);
      expect(code, argv[0]).toBe(0);
      expect(stdout, argv[0]).not.toMatch(raw);
    }
  });

  it("in error messages on stderr", async () => {
    const bad = monthFolder({ ...BASE, "consultations.csv": CONSULTATIONS.replace(",5,6,", ",5,\u001b[2J\u001b[H6,") });
    const { code, stderr } = await cli("report", bad);
    expect(code).toBe(1);
    expect(stderr).not.toMatch(raw);
    // The decoder quotes the value as JSON does: the escape shows as \u001b, never as itself.
    expect(stderr).toContain('consultations.csv row 2 (consultationId "C1"), agentMessages: "\\u001b[2J\\u001b[H6" is not a whole number');
  });
});

describe("--out", () => {
  it("never writes over a file the command reads", async () => {
    const dir = monthFolder({ ...BASE, "p.json": "{}" });
    const settled = monthFolder({});
    const report = await cli("report", dir, "--format", "json", "--settle");
    writeFileSync(join(settled, "2020-02.json"), report.stdout);
    symlinkSync(join(dir, "orders.csv"), join(settled, "link.csv"));
    const cases: [string[], string][] = [
      [["report", dir, "--format", "csv", "--out", join(dir, "orders.csv")], join(dir, "orders.csv")],
      [["report", dir, "--policy", join(dir, "p.json"), "--out", join(dir, "p.json")], join(dir, "p.json")],
      [["report", dir, "--settled", join(settled, "2020-02.json"), "--format", "table", "--out", join(settled, "2020-02.json")], join(settled, "2020-02.json")],
      [["report", dir, "--previous", join(settled, "2020-02.json"), "--month", "2020-03", "--out", join(settled, "2020-02.json")], join(settled, "2020-02.json")],
      [["kpi", dir, "--out", join(settled, "link.csv")], join(dir, "orders.csv")],
      [["duties", dir, "--date", "2020-02-10", "--out", join(dir, "consultations.csv")], join(dir, "consultations.csv")],
    ];
    for (const [argv, victim] of cases) {
      const before = readFileSync(victim, "utf8");
      const { code, stderr } = await cliFs(...argv);
      expect(code, argv.join(" ")).toBe(2);
      expect(stderr, argv.join(" ")).toMatch(/^kefu-kpi: --out \S+: is \S+, a file this command reads; write the output to another file\n$/);
      expect(readFileSync(victim, "utf8")).toBe(before);
    }
  });

  it("never creates a file the month folder would read as data next time", async () => {
    const dir = monthFolder(BASE);
    const { code, stderr } = await cliFs("report", dir, "--format", "json", "--out", join(dir, "calls.json"));
    expect(code).toBe(2);
    expect(stderr).toBe(`kefu-kpi: --out ${join(dir, "calls.json")}: the month folder would read it as data next time; write the output outside the folder or under another name\n`);
    expect(existsSync(join(dir, "calls.json"))).toBe(false);
  });

  it("writes the file whole, replacing an old one, and leaves no temporary file", async () => {
    const dir = monthFolder(BASE);
    const out = outPath("report.json");
    writeFileSync(out, "old");
    const { code, stdout } = await cliFs("report", dir, "--format", "json", "--out", out);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe((await cli("report", dir, "--format", "json")).stdout);
    expect(readdirSync(join(out, ".."))).toEqual(["report.json"]);
  });

  it("replaces the file by a rename, never rewriting it in place (a hard link keeps the old text)", async () => {
    const dir = monthFolder(BASE);
    const out = outPath("report.csv");
    writeFileSync(out, "old");
    linkSync(out, `${out}.bak`);
    const { code } = await cliFs("report", dir, "--format", "csv", "--out", out);
    expect(code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^\uFEFFmonth,agentId,/);
    expect(readFileSync(`${out}.bak`, "utf8")).toBe("old");
  });

  it("leaves the old file as it was when writing fails", async () => {
    const out = outPath("report.csv");
    writeFileSync(out, "old");
    function* failing(): Generator<string> {
      yield "a,b\r\n";
      throw new RangeError("disk full, say");
    }
    await expect(writeFileAtomic(out, failing())).rejects.toThrow("disk full, say");
    expect(readFileSync(out, "utf8")).toBe("old");
    expect(readdirSync(join(out, ".."))).toEqual(["report.csv"]);
  });

  it("names a missing folder or a folder in one line, exit code 2", async () => {
    const dir = monthFolder(BASE);
    const missing = await cliFs("report", dir, "--out", "/no/such/dir/report.txt");
    expect([missing.code, missing.stderr]).toEqual([2, "kefu-kpi: --out /no/such/dir/report.txt: the folder /no/such/dir does not exist\n"]);
    const onDir = await cliFs("report", dir, "--out", dir);
    expect([onDir.code, onDir.stderr]).toEqual([2, `kefu-kpi: --out ${dir}: is a folder; give a file name\n`]);
  });
});

describe("policy files are named in their errors", () => {
  it("--policy: the path given", async () => {
    const dir = monthFolder({ ...BASE, "p.json": JSON.stringify({ attribution: { windowHours: -5 } }) });
    const { code, stderr } = await cli("report", dir, "--policy", join(dir, "p.json"));
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^  ${join(dir, "p.json").replaceAll("/", "\\/")}, attribution\\.windowHours: `, "m"));
  });

  it("the folder's policy.json", async () => {
    const dir = monthFolder({ ...BASE, "policy.json": JSON.stringify({ attribution: { rule: "first" } }) });
    const { code, stderr } = await cli("kpi", dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^ {2}policy\.json, attribution\.rule: /m);
  });

  it("a policy file holding null", async () => {
    const dir = monthFolder({ ...BASE, "p.json": "null" });
    const { code, stderr } = await cli("report", dir, "--policy", join(dir, "p.json"));
    expect(code).toBe(1);
    expect(stderr).toContain(`${join(dir, "p.json")}: holds null; expected a JSON object of settings`);
  });
});

describe("reports are written in pieces", () => {
  it("report --format json is JSON.stringify(report, null, 2) and a line feed, byte for byte (the sample month)", async () => {
    const sample = new URL("../../fixtures/sample-month/", import.meta.url).pathname;
    const { code, stdout } = await cli("report", sample, "--format", "json");
    expect(code).toBe(0);
    const report = reportFolder(await readMonthFolder(sample));
    expect(stdout).toBe(JSON.stringify(report, null, 2) + "\n");
    MonthReportSchema.parse(JSON.parse(stdout));
  });

  it("never hands standard output one string holding the whole report", async () => {
    // 3000 orders: a report of a few MB.
    const lines = ["orderId,buyerId,createdAt,paidAt,amount,refundAmount"];
    for (let i = 0; i < 3000; i++) lines.push(`O${i},b${i % 50},2020-02-10 10:05:00,2020-02-10 10:06:00,12.00,0.00`);
    const dir = monthFolder({ ...BASE, "orders.csv": lines.join("\n") + "\n" });
    const chunks: string[] = [];
    const code = await runCli(["report", dir, "--format", "json"], { stdout: (t) => void chunks.push(t), stderr: () => {}, writeFile: async () => {} });
    expect(code).toBe(0);
    const text = chunks.join("");
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(200_000);
    expect(text).toBe(JSON.stringify(reportFolder(await readMonthFolder(dir)), null, 2) + "\n");
  });
});

describe("no stack trace, ever (the built CLI)", () => {
  it("a FIFO as a kind's file: one line, exit code 2, no waiting", () => {
    const dir = monthFolder(BASE);
    spawnSync("mkfifo", [join(dir, "tickets.csv")]);
    const r = spawnCli("report", dir);
    expect(r).toEqual({ code: 2, stdout: "", stderr: `kefu-kpi: ${join(dir, "tickets.csv")}: is a named pipe (FIFO), not a regular file\n` });
  });

  it("a folder as --policy, --previous and --out", () => {
    const dir = monthFolder(BASE);
    mkdirSync(join(dir, "sub"));
    expect(spawnCli("report", dir, "--policy", join(dir, "sub")).stderr).toBe(`kefu-kpi: ${join(dir, "sub")}: is a folder, not a file\n`);
    expect(spawnCli("report", dir, "--previous", join(dir, "sub")).stderr).toBe(`kefu-kpi: ${join(dir, "sub")}: is a folder, not a file\n`);
    const out = spawnCli("report", dir, "--out", join(dir, "sub"));
    expect([out.code, out.stderr]).toEqual([2, `kefu-kpi: --out ${join(dir, "sub")}: is a folder; give a file name\n`]);
  });

  it("a reader that stops reading (| head) ends the run quietly", async () => {
    const sample = new URL("../../fixtures/sample-month/", import.meta.url).pathname;
    const child = spawn(process.execPath, [CLI, "report", sample, "--format", "json"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => void (stderr += d.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/\n\s+at |Error/);
  });

  it("an unexpected error: one line 'internal error', exit code 70", async () => {
    const dir = monthFolder(BASE);
    let stderr = "";
    const code = await runCli(["report", dir], {
      stdout: () => {
        throw new TypeError("label.includes is not a function");
      },
      stderr: (t) => void (stderr += t),
      writeFile: async () => {},
    });
    expect(code).toBe(70);
    expect(stderr.split("\n").filter((l) => l.startsWith("kefu-kpi: internal error"))).toEqual(["kefu-kpi: internal error: TypeError: label.includes is not a function"]);
  });
});
