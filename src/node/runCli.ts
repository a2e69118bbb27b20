/**
 * The `kefu-kpi` command line. `runCli` takes the arguments and writers and returns the exit code,
 * so it runs in tests as it runs in a terminal:
 * 0 success, 1 bad data (the message names file, row and field), 2 bad usage.
 */
import { writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { KefuKpiError, formatIssue } from "../errors.js";
import { buildMonthReport } from "../month/buildMonthReport.js";
import { renderMonthCsv, renderMonthTable } from "../month/render.js";
import { renderMonthHtml } from "../month/renderHtml.js";
import { renderPayTable } from "../month/renderPay.js";
import { compareReports, type ReportDifference } from "../month/settled.js";
import { MonthReportSchema, type MonthReport } from "../month/schema.js";
import { KpiReportSchema } from "../month/kpiSchema.js";
import { policyJsonSchema } from "../policy/resolve.js";
import type { PolicyInput } from "../policy/schema.js";
import { dutiesCommand } from "./dutiesCommand.js";
import { compareCommand, explainCommand, readReportFile } from "./payCommands.js";
import { renderPeopleTable } from "./renderPeople.js";
import { FolderError, locateIssues, readMonthFolder, readPolicyFile, type MonthFolder } from "./readMonthFolder.js";
import * as z from "zod";
import { kpiFolder, periodLabel, renderKpiFormat } from "./kpiCommand.js";
import { UsageError } from "./usage.js";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  writeFile(path: string, text: string): Promise<void>;
}

const defaultIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  writeFile: (p, t) => writeFile(p, t, "utf8"),
};

export const USAGE = `kefu-kpi — customer-service (客服) KPI and commission rules

Usage:
  kefu-kpi report <month-folder> [--month YYYY-MM] [--policy file] [--format table|json|csv|html] [--out file]
                  [--previous report.json] [--settle | --settled report.json]
  kefu-kpi kpi <month-folder> [--period day|week|month|YYYY-MM-DD|YYYY-Www|YYYY-MM|YYYY-MM-DD..YYYY-MM-DD] [--date YYYY-MM-DD]
               [--policy file] [--format table|json|csv] [--out file]
  kefu-kpi explain <month-folder> --agent <工号> [--line baseSalary|commission|kpiBonus|rewards|fines|clawback]
  kefu-kpi compare <month-folder> --policy a.json --policy b.json [--format table|json]
  kefu-kpi duties <month-folder> --date YYYY-MM-DD [--policy file] [--format table|json] [--out file]
  kefu-kpi schema policy|report|kpi
  kefu-kpi --help | --version

report   The month: sales attribution (落实下单 / 落实付款, silent orders excluded), the KPIs and
         scorecards, the people rules and the pay statements. <month-folder> holds agents,
         consultations and orders (.csv or .json), the other kinds the README lists, and optionally
         policy.json; orders may be the shop's Tmall export as downloaded.
  --month     the month to book sales in (default: the month most paid orders fall in)
  --policy    a policy JSON file (replaces the folder's policy.json; only what differs from defaults)
  --format    table (default), json (the whole report), csv (one row per agent: sales, score, pay) or html (one
              self-contained printable page with charts)
  --out       write to this file instead of standard output
  --previous  the settled JSON report of an earlier month: refunds of its orders since then claw
              back the commission they had earned, in this month
  --settle    mark the report settled (with --format json, the file to keep)
  --settled   a settled report of this month: print the month only if its figures are unchanged,
              else list every figure that would change and exit 3
kpi      The KPI table (R2) per agent and for the shop over any period (day, ISO week, month or a
         date range, cut in the shop zone), with scorecards, QC deductions and service levels.
  --period  a label (2020-02-03, 2020-W06, 2020-02, 2020-02-01..2020-02-15), or day|week|month with
            --date (the period holding that date); default: the month most paid orders fall in
explain  One agent's pay statement, each line with its rule, inputs and steps, and the orders of the
         commission base with why each counts (same --month and --policy as report).
compare  Every agent's pay under two policies side by side, line by line, with the difference.
duties   A day's duty sheet per agent (R1 duties, owners from the roster): address checks,
         payment reminders, returned parcels, neutral/negative reviews; unowned duties listed.
schema   Print the JSON Schema of a policy file, of the JSON report or of the JSON KPI report.

Exit codes: 0 success, 1 bad data, 2 bad usage, 3 a settled month's figures would change.
`;


/** Runs the CLI with `argv` (without the node and script names); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO, version = "0.0.0"): Promise<number> {
  try {
    return await run(argv, io, version);
  } catch (error) {
    if (error instanceof UsageError || error instanceof FolderError) {
      io.stderr(`kefu-kpi: ${error.message}\nRun kefu-kpi --help for usage.\n`);
      return 2;
    }
    if (error instanceof KefuKpiError) {
      io.stderr(`kefu-kpi: the data has ${error.issues.length === 1 ? "a problem" : `${error.issues.length} problems`}:\n`);
      for (const issue of error.issues.slice(0, 50)) io.stderr(`  ${formatIssue(issue)}\n`);
      if (error.issues.length > 50) io.stderr(`  … and ${error.issues.length - 50} more\n`);
      return 1;
    }
    throw error;
  }
}

function parseCliArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      month: { type: "string" },
      policy: { type: "string", multiple: true },
      format: { type: "string" },
      out: { type: "string" },
      period: { type: "string" },
      date: { type: "string" },
      agent: { type: "string" },
      line: { type: "string" },
      previous: { type: "string" },
      settled: { type: "string" },
      settle: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}

async function run(argv: readonly string[], io: CliIO, version: string): Promise<number> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout(`${version}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command !== "compare" && (values.policy?.length ?? 0) > 1) throw new UsageError("--policy is given once (twice only for compare)");
  const policyFile = values.policy?.[0];
  if (command === "schema") {
    const which = rest[0];
    if (rest.length !== 1 || (which !== "policy" && which !== "report" && which !== "kpi")) throw new UsageError("schema takes one argument: policy, report or kpi");
    const schema = which === "policy" ? policyJsonSchema() : z.toJSONSchema(which === "kpi" ? KpiReportSchema : MonthReportSchema, { target: "draft-2020-12", unrepresentable: "any" });
    await emit(JSON.stringify(schema, null, 2) + "\n", values.out, io);
    return 0;
  }
  if (command === "duties") {
    if (rest.length !== 1) throw new UsageError("duties takes exactly one month folder");
    const text = await dutiesCommand({ folder: rest[0]!, date: values.date, policy: policyFile, format: values.format }, (m) => new UsageError(m));
    await emit(text, values.out, io);
    return 0;
  }
  if (command === "explain" || command === "compare") {
    if (rest.length !== 1) throw new UsageError(`${command} takes exactly one month folder`);
    checkMonth(values.month);
    const folder = await readMonthFolder(rest[0]!);
    const usage = (m: string): Error => new UsageError(m);
    const report = (f: MonthFolder, p: PolicyInput | undefined): MonthReport => reportFolder(f, p, values.month);
    const text =
      command === "explain"
        ? explainCommand({ folder, policy: policyFile === undefined ? folder.policy : await readPolicyFile(policyFile), agent: values.agent, line: values.line }, report, usage)
        : compareCommand(
            { folder, policies: await Promise.all((values.policy ?? []).map(async (file) => ({ name: basename(file), policy: await readPolicyFile(file) }))), format: values.format ?? "table" },
            report,
            usage,
          );
    await emit(text, values.out, io);
    return 0;
  }
  if (command === "kpi") return runKpi(rest, values, policyFile, io);
  if (command !== "report") throw new UsageError(command === undefined ? "no command given" : `unknown command "${command}"`);
  if (rest.length !== 1) throw new UsageError("report takes exactly one month folder");
  if (values.period !== undefined || values.date !== undefined) throw new UsageError("report takes --month; --period and --date go with kpi");
  const format = values.format ?? "table";
  if (format !== "table" && format !== "json" && format !== "csv" && format !== "html") {
    throw new UsageError(`--format must be table, json, csv or html, not "${format}"`);
  }
  checkMonth(values.month);
  const folder = await readMonthFolder(rest[0]!);
  const policy = policyFile === undefined ? folder.policy : await readPolicyFile(policyFile);
  const previous = values.previous === undefined ? undefined : await readReportFile(values.previous);
  const settled = values.settled === undefined ? undefined : await readReportFile(values.settled);
  if (settled && settled.settled !== true) throw new UsageError(`${values.settled} is not a settled report (write one with report --format json --settle)`);
  if (settled && values.month !== undefined && values.month !== settled.month) throw new UsageError(`--month ${values.month} is not the settled report's month ${settled.month}`);
  const computed = reportFolder(folder, policy, values.month ?? settled?.month, previous, values.previous);
  if (settled) {
    // A settled month keeps its figures: a re-run that would change any is shown, not printed as the month.
    const differences = compareReports({ ...settled, settled: undefined }, computed);
    if (differences.length > 0) {
      io.stderr(renderDifferences(settled.month, differences));
      return 3;
    }
  }
  const report: MonthReport = values.settle || settled ? { ...computed, settled: true as const } : computed;
  const text =
    format === "json"
      ? JSON.stringify(report, null, 2) + "\n"
      : format === "csv"
        ? renderMonthCsv(report)
        : format === "html"
          ? renderMonthHtml(report)
          : renderMonthTable(report) + renderPeopleTable(report.people) + renderPayTable(report);
  await emit(text, values.out, io);
  return 0;
}

async function runKpi(rest: readonly string[], values: ReturnType<typeof parseCliArgs>["values"], policyFile: string | undefined, io: CliIO): Promise<number> {
  if (rest.length !== 1) throw new UsageError("kpi takes exactly one month folder");
  if (values.month !== undefined) throw new UsageError("kpi takes --period, not --month");
  const format = checkFormat(values.format);
  const folder = await readMonthFolder(rest[0]!);
  const policy = policyFile === undefined ? folder.policy : await readPolicyFile(policyFile);
  const report = kpiFolder(folder, policy, periodLabel(folder, policy, values.period, values.date));
  await emit(renderKpiFormat(report, format), values.out, io);
  return 0;
}

function checkFormat(format = "table"): string {
  if (format !== "table" && format !== "json" && format !== "csv") throw new UsageError(`--format must be table, json or csv, not "${format}"`);
  return format;
}

/**
 * Builds the month report of a folder read by `readMonthFolder`, pointing issues at files and rows
 * (an issue of the previous report at `previousFile`, the file it was read from).
 */
export function reportFolder(folder: MonthFolder, policy?: PolicyInput, month?: string, previous?: MonthReport, previousFile?: string): MonthReport {
  try {
    return buildMonthReport(folder.input, policy ?? {}, {
      warnings: folder.warnings,
      ...(month !== undefined && { month }),
      ...(previous !== undefined && { previous }),
    });
  } catch (error) {
    if (!(error instanceof KefuKpiError)) throw error;
    const located = locateIssues(error, folder);
    if (previousFile === undefined) throw located;
    throw new KefuKpiError(located.issues.map((issue) => (issue.path[0] === "previous" && !issue.source ? { ...issue, source: { file: previousFile } } : issue)));
  }
}

function checkMonth(month: string | undefined): void {
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month must be YYYY-MM, not "${month}"`);
}

function renderDifferences(month: string, differences: readonly ReportDifference[]): string {
  const shown = differences.slice(0, 100).map((d) => `  ${d.path}: ${show(d.settled)} → ${show(d.current)}\n`);
  const more = differences.length > 100 ? `  … and ${differences.length - 100} more\n` : "";
  return `kefu-kpi: ${month} is settled; computing it again would change ${differences.length} figure${differences.length === 1 ? "" : "s"} (settled → now):\n${shown.join("")}${more}`;
}

function show(value: unknown): string {
  return value === undefined ? "(none)" : JSON.stringify(value);
}

async function emit(text: string, out: string | undefined, io: CliIO): Promise<void> {
  if (out === undefined) io.stdout(text);
  else await io.writeFile(out, text);
}
