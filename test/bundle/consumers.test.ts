// The package as a consumer gets it: `npm pack` (after `npm run build`), installed into throw-away
// projects — ESM under TypeScript's `node16` and `nodenext`, CommonJS (`.cts` under node16, and a
// CommonJS package under `node10` with `esModuleInterop`, as zod's own declarations need there),
// and `bundler` — each `strict` with `skipLibCheck: false`. Each
// project type-checks a small program against the shipped declarations (every entry point), then
// runs it with Node and its figures are asserted. Installation goes through npm's cache, filled by
// `npm ci`, so it needs no network beyond what `npm ci` did.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const tsc = join(root, "node_modules/typescript/bin/tsc");
const work = mkdtempSync(join(tmpdir(), "kefu-kpi-consumers-"));

// One small program: attribution, the month report, a KPI, the policy, an error, every subpath.
const PROGRAM = (imports: string) => `${imports}

const input = {
  orders: [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-21 10:05", paidAt: "2020-02-21 10:06", amount: "128.00", refundAmount: "28.00" }],
  consultations: [{ consultationId: "C1", agentId: "A01", buyerId: "b1", startedAt: "2020-02-21 09:58", firstReplyAt: "2020-02-21 09:59", endedAt: "2020-02-21 10:10" }],
};
const sales = attributeSales(input, { attribution: { rule: "placeFirst", windowHours: 48 } }, { period: "2020-02" });
const net: string = sales.agents[0]!.sales.net;
const kpis = computeKpis(input, {}, { period: "2020-02" });
const reply: string | null = kpis.agents[0]!.kpis.replyRate.value;
const month = buildMonthReport(input, {}, { month: "2020-02" });
const table: string = renderMonthTable(month);
const schemaOk: boolean = MonthReportSchema.safeParse(JSON.parse(JSON.stringify(month))).success;
const bad = safeAttributeSales({ orders: [{ orderId: "O1" }] } as never, {}, {});
const firstIssue: string = bad.success ? "" : formatIssue(bad.issues[0]!);
const typed: KpiMetricId = KPI_METRICS[0]!.id;
const column: string = columnName(27);
const runner: typeof runCli = runCli;
const sample = buildMonthReport(sampleRecords, {}, { month: SAMPLE_MONTH });
const sampleTotal: string = sampleFigures.pay.statements.A01.total;
const samplePaid = sample.pay.find((s) => s.agentId === "A01")!.total === sampleTotal && sampleRecords.orders.length === 259;
console.log(JSON.stringify({ net, reply, credited: sales.orders[0]!.creditedAgent, lines: table.split("\\n").length > 5, schemaOk, firstIssue, typed, column, runner: typeof runner, samplePaid, window: resolvePolicy({}).attribution.windowHours }));
`;

const ESM_IMPORTS = `import { attributeSales, buildMonthReport, computeKpis, formatIssue, resolvePolicy, safeAttributeSales, KPI_METRICS, type KpiMetricId } from "kefu-kpi";
import { MonthReportSchema } from "kefu-kpi/schemas";
import { renderMonthTable } from "kefu-kpi/render";
import { columnName } from "kefu-kpi/sheets";
import { runCli } from "kefu-kpi/node";
import { SAMPLE_MONTH, sampleFigures, sampleRecords } from "kefu-kpi/sample-month";`;

const EXPECTED = {
  net: "100.00",
  reply: "1.0000",
  credited: "A01",
  lines: true,
  schemaOk: true,
  firstIssue: expect.stringMatching(/^orders\[0\] \(orderId "O1"\)/),
  typed: "replyRate",
  column: "AB",
  runner: "function",
  samplePaid: true,
  window: 48,
};

interface Project {
  name: string;
  type: "module" | "commonjs";
  compilerOptions: Record<string, unknown>;
  file: string;
  run: string;
}

const strict = { strict: true, skipLibCheck: false, noEmit: false, outDir: "out", target: "ES2022", types: ["node"] };
const PROJECTS: Project[] = [
  { name: "esm-node16", type: "module", compilerOptions: { ...strict, module: "node16", moduleResolution: "node16" }, file: "main.mts", run: "out/main.mjs" },
  { name: "esm-nodenext", type: "module", compilerOptions: { ...strict, module: "nodenext", moduleResolution: "nodenext" }, file: "main.mts", run: "out/main.mjs" },
  { name: "cjs-cts-node16", type: "module", compilerOptions: { ...strict, module: "node16", moduleResolution: "node16" }, file: "main.cts", run: "out/main.cjs" },
  { name: "cjs-node10", type: "commonjs", compilerOptions: { ...strict, module: "commonjs", moduleResolution: "node10", esModuleInterop: true }, file: "main.ts", run: "out/main.js" },
  { name: "bundler", type: "module", compilerOptions: { ...strict, module: "esnext", moduleResolution: "bundler" }, file: "main.ts", run: "out/main.js" },
];

const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("the packed package in fresh consumer projects", () => {
  let tarball = "";
  let modules = "";
  beforeAll(() => {
    const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], root)) as { filename: string }[];
    tarball = join(work, packed[0]!.filename);
    // One install shared by the projects (the module settings are the projects' own).
    modules = join(work, "deps");
    mkdirSync(modules);
    writeFileSync(join(modules, "package.json"), JSON.stringify({ name: "deps", private: true }));
    const version = (name: string) => (JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball, `typescript@${version("typescript")}`, `@types/node@${version("@types/node")}`], modules);
  }, 240_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("packs only dist, the rules, the README, the CHANGELOG and the licence, with the declarations of every entry point", () => {
    const files = (JSON.parse(run("npm", ["pack", "--dry-run", "--json"], root)) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const entry of ["dist/index.d.ts", "dist/index.d.cts", "dist/schemas.d.ts", "dist/render/index.d.ts", "dist/node/index.d.ts", "dist/sheets/index.d.ts"]) expect(files).toContain(entry);
    expect(files.filter((f) => !/^(dist\/|docs\/rules\.md$|README\.md$|CHANGELOG\.md$|LICENSE$|package\.json$)/.test(f))).toEqual([]);
    expect(files).toContain("docs/rules.md");
  });

  it.each(PROJECTS)("$name: type-checks strictly against the shipped declarations and runs", (project) => {
    const dir = join(work, project.name);
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: project.name, private: true, type: project.type }));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...project.compilerOptions, typeRoots: [join(modules, "node_modules/@types")] }, files: [project.file] }));
    // The projects resolve kefu-kpi from the shared install.
    execFileSync("ln", ["-s", join(modules, "node_modules"), join(dir, "node_modules")]);
    writeFileSync(join(dir, project.file), PROGRAM(ESM_IMPORTS));
    try {
      run(process.execPath, [join(modules, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], dir);
    } catch (error) {
      throw new Error(`tsc in ${project.name}:\n${(error as { stdout?: string }).stdout ?? ""}`);
    }
    const output = JSON.parse(run(process.execPath, [project.run], dir)) as unknown;
    expect(output).toEqual(EXPECTED);
  }, 120_000);

  it("uses the repository's TypeScript version (the one CI type-checks with)", () => {
    expect(run(process.execPath, [tsc, "--version"], root).trim()).toBe(run(process.execPath, [join(modules, "node_modules/typescript/bin/tsc"), "--version"], modules).trim());
  });
});
