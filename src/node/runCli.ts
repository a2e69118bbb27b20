/**
 * The `kefu-kpi` command line. `runCli` takes the arguments and writers and returns the exit code,
 * so it runs in tests as it runs in a terminal: 0 success, 1 bad data (the message names file, row
 * and field), 2 bad usage or a file that cannot be used, 3 a settled month's figures would change,
 * 70 an internal error (a bug: one line, never a stack trace).
 */
import { once } from "node:events";
import { stat } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { KefuKpiError, formatIssue, type Issue } from "../errors.js";
import { headOf } from "../input.js";
import { buildMonthReport } from "../month/buildMonthReport.js";
import { monthCsvLines, renderMonthTable } from "../render/month.js";
import { visibleText } from "../render/text.js";
import { renderMonthHtml } from "../render/html.js";
import { renderPayTable } from "../render/pay.js";
import { compareReports, type ReportDifference } from "../report/settled.js";
import { MonthReportSchema, type MonthReport } from "../report/schema.js";
import { KpiReportSchema } from "../report/kpiSchema.js";
import { RoutingReplaySchema, StaffingPlanSchema } from "../report/routingSchema.js";
import { policyJsonSchema } from "../policy/resolve.js";
import type { PolicyInput } from "../policy/schema.js";
import { checkDutiesArgs, dutiesText } from "./dutiesCommand.js";
import { compareCommand, explainCommand, readKpisReportFile, readReportFile } from "./payCommands.js";
import { metricArgs, trendChunks, trendFolder } from "./trendCommand.js";
import { TrendReportSchema } from "../report/trendSchema.js";
import { renderPeopleTable } from "../render/people.js";
import { FolderError, locateIssues, readMonthFolder, readPolicyFile, type MonthFolder } from "./readMonthFolder.js";
import * as z from "zod";
import { checkOutPath, utf8, writeFileAtomic, type FileId } from "./files.js";
import { planFolder } from "./folderPlan.js";
import { jsonChunks } from "../render/jsonChunks.js";
import { kpiFolder, periodLabel, renderKpiChunks } from "./kpiCommand.js";
import { lintChunks, lintFolder } from "./lintCommand.js";
import { routingChunks, routingFolder } from "./routingCommand.js";
import { staffingChunks, staffingFolder } from "./staffingCommand.js";
import { UsageError } from "./usage.js";
import { defaultLang, type ReportLang } from "../render/lang.js";

/** Where the CLI writes. Output comes in chunks (a report of any size is never one string). */
export interface CliIO {
  /** Writes a chunk of standard output. */
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves when standard output can take more (back-pressure); called after each chunk. */
  drain?(): Promise<void>;
  /** The terminal's width when standard output is one (a table report fits it unless `--width`). */
  readonly columns?: number | undefined;
  /** Writes `--out`: the chunks in order, as one file, atomically. */
  writeFile(path: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void>;
}

/** The terminal and the file system: standard output with back-pressure, `--out` written atomically. */
export const nodeIO: CliIO = {
  stdout: (t) => void process.stdout.write(utf8(t)),
  stderr: (t) => void process.stderr.write(t),
  drain: async () => {
    if (process.stdout.writableNeedDrain) await once(process.stdout, "drain");
  },
  get columns() {
    return process.stdout.isTTY ? process.stdout.columns : undefined;
  },
  writeFile: writeFileAtomic,
};

/** Exit code of an unexpected error (`EX_SOFTWARE` of sysexits.h): a bug, reported in one line. */
export const INTERNAL_ERROR = 70;

export const USAGE = `kefu-kpi — customer-service (客服) KPI and commission rules

Usage:
  kefu-kpi report <month-folder> [--month YYYY-MM] [--shop <shopId>] [--policy file] [--format table|json|csv|html]
                  [--out file] [--lang zh|en] [--width N] [--previous report.json] [--settle | --settled report.json]
  kefu-kpi kpi <month-folder> [--period day|week|month|YYYY-MM-DD|YYYY-Www|YYYY-MM|YYYY-MM-DD..YYYY-MM-DD] [--date YYYY-MM-DD]
               [--shop <shopId>] [--policy file] [--format table|json|csv] [--lang zh|en] [--width N] [--out file]
  kefu-kpi trend <month-folder> [--by day|week] [--metric id[,id…]] [--period …] [--previous report.json] [--shop <shopId>]
                 [--policy file] [--format table|json|csv|html] [--lang zh|en] [--width N] [--out file]
  kefu-kpi explain <month-folder> --agent <工号> [--line baseSalary|commission|kpiBonus|rewards|fines|clawback]
  kefu-kpi compare <month-folder> --policy a.json --policy b.json [--format table|json]
  kefu-kpi duties <month-folder> --date YYYY-MM-DD [--policy file] [--format table|json] [--lang zh|en] [--width N] [--out file]
  kefu-kpi lint <month-folder> [--period …] [--agent <工号>] [--policy file] [--format table|json|csv|html] [--lang zh|en]
                [--width N] [--out file]
  kefu-kpi routing <month-folder> [--date YYYY-MM-DD | --period …] [--policy file] [--format table|json] [--lang zh|en]
                   [--width N] [--out file]
  kefu-kpi staffing <month-folder> [--period …] [--policy file] [--format table|json|html] [--lang zh|en] [--width N]
                    [--out file]
  kefu-kpi schema policy|report|kpi|trend|routing|staffing
  kefu-kpi --help | --version

report   The month: sales attribution (落实下单 / 落实付款, silent orders excluded), the KPIs and
         scorecards, the people rules and the pay statements. <month-folder> holds agents,
         consultations and orders (.csv or .json), the other kinds the README lists, and optionally
         policy.json; orders may be the shop's Tmall export as downloaded.
  --month     the month to book sales in (default: the month most paid orders fall in)
  --shop      one shop's report (a team serving several shops): the sales, KPIs and sections of the
              records of that shopId only; the people rules and pay stay the team's. Without it, a
              month whose records name several shops shows each shop's sales in a shops section
  --policy    a policy JSON file (replaces the folder's policy.json; only what differs from defaults)
  --format    table (default), json (the whole report), csv (one row per agent: sales, score, pay) or html (one
              self-contained printable page with charts)
  --out       write to this file instead of standard output
  --lang      zh or en: the language of the table and html reports, and of the kpi and duties
              tables (default zh when the policy's timeZone is in mainland China, as the default
              Asia/Shanghai is; else en); json and csv keep the English ids for apps
  --width     the widest line of the table report, in columns (default: the terminal's, else 120)
  --no-bom    CSV without the UTF-8 byte-order mark it starts with by default (the mark makes Excel
              read the file as UTF-8: without it Excel on a Chinese Windows garbles 王芳)
  --previous  the settled JSON report of an earlier month: refunds of its orders since then claw
              back the commission they had earned, in this month
  --settle    mark the report settled (--format json only: the file to keep)
  --settled   a settled report of this month: print the month only if its figures are unchanged,
              else list every figure that would change and exit 3
kpi      The KPI table (R2) per agent and for the shop over any period (day, ISO week, month or a
         date range, cut in the shop zone), with scorecards, QC deductions and service levels.
  --period  a label (2020-02-03, 2020-W06, 2020-02, 2020-02-01..2020-02-15), or day|week|month with
            --date (the period holding that date); default: the month most paid orders fall in
  --shop    the KPIs of one shop's records (shopId) only
trend    Every KPI of each day (or ISO week) of a period, per agent and for the shop, from one reading
         of the folder: a sparkline per agent and metric, the period's own value, its change since an
         earlier report and, where the policy sets a target (kpi.targets), on how many days it was met.
  --by        day (default) or week (ISO weeks, Monday first, cut to the period)
  --metric    the metrics to show (ids as in kpi --format csv; repeat or comma-separate); default all
  --period    as for kpi (default: the month most paid orders fall in)
  --previous  the JSON month report (report --format json) or KPI report (kpi --format json) of an
              earlier period: each metric's change since it (month-on-month)
  --shop      the KPIs of one shop's records (shopId) only
explain  One agent's pay statement, each line with its rule, inputs and steps, and the orders of the
         commission base with why each counts (same --month and --policy as report).
compare  Every agent's pay under two policies side by side, line by line, with the difference.
duties   A day's duty sheet per agent (R1 duties, owners from the roster): address checks,
         payment reminders, returned parcels, neutral/negative reviews; unowned duties listed.
lint     The chat standards (R8) over the chat log (messages): every agent message of the period
         checked against the policy's rules (banned words, 你 for 您, 不-phrases, promises, forbidden
         statements) and the buyer's waits of chat.waitLimitSeconds or more; every finding with its
         agent, buyer, consultation, the text matched and the wording to use instead.
  --period  as for kpi (default: the month most paid orders fall in, else most agent messages)
  --agent   one agent's findings only
routing  Routing (R7) replayed over the period's arrivals (consultations with their source) and the
         roster (online = on shift): the chats each agent would have held, the buyers who arrived
         with nobody on shift and how long until a shift began, and each real assignment audited
         against the agent R7 picks, per step.
  --date    one day; --period as for kpi (default: the month most paid orders fall in)
staffing The agents each hour of the week needs (Erlang C: staffing.serviceLevel of the buyers answered
         within the first-reply target, each agent holding several chats) for the period's arrivals,
         against the fewest the roster puts on shift in that hour: hours under- and over-staffed.
  --period  as for kpi (default: the month most paid orders fall in)
schema   Print the JSON Schema of a policy file, of the JSON report, of the JSON KPI report, or of the
         trend, routing and staffing commands' JSON.

Warnings go to standard error in every format.
Exit codes: 0 success, 1 bad data, 2 bad usage or a file that cannot be used, 3 a settled month's
figures would change, 70 internal error (a bug; please report it).

The rules behind every figure (R1–R9), each policy key with its default, and their sources:
docs/rules.md in the package (node_modules/kefu-kpi/docs/rules.md).
`;


/** Runs the CLI with `argv` (without the node and script names); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO = nodeIO, version = "0.0.0"): Promise<number> {
  // Everything printed to the terminal's error stream is shown with visible control characters.
  const safeIO: CliIO = { ...io, stderr: (t) => io.stderr(visibleText(t)) };
  try {
    return await run(argv, safeIO, version);
  } catch (error) {
    if (error instanceof UsageError) {
      safeIO.stderr(`kefu-kpi: ${error.message}\nRun kefu-kpi --help for usage.\n`);
      return 2;
    }
    if (error instanceof FolderError) {
      safeIO.stderr(`kefu-kpi: ${error.message}\n`);
      return 2;
    }
    if (error instanceof KefuKpiError) {
      safeIO.stderr(`kefu-kpi: the data has ${error.issues.length === 1 ? "a problem" : `${error.issues.length} problems`}:\n`);
      for (const issue of error.issues.slice(0, 50)) safeIO.stderr(`  ${formatIssue(issue)}\n`);
      if (error.issues.length > 50) safeIO.stderr(`  … and ${error.issues.length - 50} more\n`);
      return 1;
    }
    // Anything else is a bug: one line, never a stack trace.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    safeIO.stderr(`kefu-kpi: internal error: ${message.split("\n")[0]}\n`);
    return INTERNAL_ERROR;
  }
}

const CLI_OPTIONS = {
  month: { type: "string" },
  policy: { type: "string", multiple: true },
  format: { type: "string" },
  out: { type: "string" },
  "no-bom": { type: "boolean" },
  lang: { type: "string" },
  width: { type: "string" },
  period: { type: "string" },
  date: { type: "string" },
  shop: { type: "string" },
  agent: { type: "string" },
  line: { type: "string" },
  previous: { type: "string" },
  by: { type: "string" },
  metric: { type: "string", multiple: true },
  settled: { type: "string" },
  settle: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/**
 * The command line's options. An option that takes one value given twice (`--month 2020-02 --month
 * 2020-03`) is a usage error: parseArgs would keep the last one and the report would say nothing.
 */
function parseCliArgs(argv: readonly string[]) {
  const parsed = parseArgs({ args: [...argv], allowPositionals: true, tokens: true, options: CLI_OPTIONS });
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== "option") continue;
    const multiple = Object.hasOwn(CLI_OPTIONS, token.name) && "multiple" in CLI_OPTIONS[token.name as keyof typeof CLI_OPTIONS];
    if (!multiple && seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once: give it once`);
    seen.add(token.name);
  }
  return parsed;
}

async function run(argv: readonly string[], io: CliIO, version: string): Promise<number> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) throw error;
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
  if (values.shop !== undefined && command !== "report" && command !== "kpi" && command !== "trend") throw new UsageError("--shop goes with report, kpi and trend");
  if ((values.by !== undefined || values.metric !== undefined) && command !== "trend") throw new UsageError("--by and --metric go with trend");
  if (values.shop === "") throw new UsageError("--shop needs a shop id (shopId)");
  if (values.out === "") throw new UsageError("--out needs a file name");
  if (values["no-bom"] && values.format !== "csv") throw new UsageError("--no-bom is for --format csv");
  if ((values.lang !== undefined || values.width !== undefined) && command !== "report" && command !== "kpi" && command !== "trend" && command !== "duties" && command !== "lint" && command !== "routing" && command !== "staffing") {
    throw new UsageError(`--lang and --width go with report, kpi, trend, duties, lint, routing and staffing${command === undefined ? "" : `, not ${command}`}`);
  }
  const render = renderOptionsOf(values, io);
  const policyFile = values.policy?.[0];
  const out = values.out;
  if (command === "schema") {
    const which = rest[0];
    const outputs = { report: MonthReportSchema, kpi: KpiReportSchema, trend: TrendReportSchema, routing: RoutingReplaySchema, staffing: StaffingPlanSchema } as const;
    if (rest.length !== 1 || (which !== "policy" && !Object.hasOwn(outputs, which ?? ""))) throw new UsageError("schema takes one argument: policy, report, kpi, trend, routing or staffing");
    if (out !== undefined) await checkOutPath(out, []);
    const schema = which === "policy" ? policyJsonSchema() : z.toJSONSchema(outputs[which as keyof typeof outputs], { target: "draft-2020-12", unrepresentable: "any" });
    await emit([JSON.stringify(schema, null, 2) + "\n"], out, io);
    return 0;
  }
  if (command === "duties") {
    if (rest.length !== 1) throw new UsageError("duties takes exactly one month folder");
    const args = checkDutiesArgs({ date: values.date, format: values.format }, (m) => new UsageError(m));
    const inputs = await loadInputs(rest[0]!, policyFile, out);
    warnAboutFolder(inputs, io);
    const text = withPolicyFile(inputs, () => dutiesText(inputs.folder, { ...args, render }));
    await emit([text], out, io);
    return 0;
  }
  if (command === "explain" || command === "compare") {
    if (rest.length !== 1) throw new UsageError(`${command} takes exactly one month folder`);
    checkMonth(values.month);
    const inputs = await loadInputs(rest[0]!, command === "explain" ? policyFile : undefined, out);
    const usage = (m: string): Error => new UsageError(m);
    const warned = new Set<string>();
    const report = (f: MonthFolder, p: PolicyInput | undefined, name?: string): MonthReport => {
      const r = withPolicyFile({ policyName: name ?? inputs.policyName }, () => reportFolder(f, p, values.month));
      // The warnings of a month, once, even when compare computes it twice.
      for (const w of r.warnings) {
        if (warned.has(w)) continue;
        warned.add(w);
        io.stderr(`kefu-kpi: warning: ${w}\n`);
      }
      return r;
    };
    warnAboutFolder(inputs, io, false);
    let text: string;
    if (command === "explain") text = explainCommand({ folder: inputs.folder, policy: inputs.policy, agent: values.agent, line: values.line }, report, usage);
    else {
      const policies = await Promise.all((values.policy ?? []).map(async (file) => ({ name: basename(file), file, policy: await readPolicyFile(file) })));
      if (out !== undefined) await checkOutPath(out, [...inputs.files, ...(await Promise.all(policies.map((p) => fileId(p.file))))]);
      text = compareCommand(
        { folder: inputs.folder, policies, format: values.format ?? "table" },
        (f, p) => report(f, p, policies.find((x) => x.policy === p)?.file),
        usage,
      );
    }
    await emit([text], out, io);
    return 0;
  }
  if (command === "kpi") return runKpi(rest, values, policyFile, io, render);
  if (command === "trend") return runTrend(rest, values, policyFile, io, render);
  if (command === "lint") return runLint(rest, values, policyFile, io, render);
  if (command === "routing") return runRouting(rest, values, policyFile, io, render);
  if (command === "staffing") return runStaffing(rest, values, policyFile, io, render);
  if (command !== "report") throw new UsageError(command === undefined ? "no command given" : `unknown command "${command}"`);
  if (rest.length !== 1) throw new UsageError("report takes exactly one month folder");
  if (values.period !== undefined || values.date !== undefined) throw new UsageError("report takes --month; --period and --date go with kpi");
  if (values.shop !== undefined && (values.settle || values.settled !== undefined)) throw new UsageError("--settle and --settled are for the team's report: one shop's report (--shop) is not settled");
  const format = values.format ?? "table";
  if (format !== "table" && format !== "json" && format !== "csv" && format !== "html") {
    throw new UsageError(`--format must be table, json, csv or html, not "${format}"`);
  }
  // A settled report is a file to keep: only the JSON report carries the mark.
  if (values.settle && format !== "json") throw new UsageError(`--settle marks the JSON report settled; use it with --format json (and --out to keep the file), not --format ${format}`);
  if (values.settle && values.settled !== undefined) throw new UsageError("give --settle or --settled, not both");
  checkMonth(values.month);
  const extra = [values.previous, values.settled].filter((f): f is string => f !== undefined);
  const inputs = await loadInputs(rest[0]!, policyFile, out, extra);
  const previous = values.previous === undefined ? undefined : await readReportFile(values.previous);
  const settled = values.settled === undefined ? undefined : await readReportFile(values.settled);
  if (settled && settled.settled !== true) throw new UsageError(`${values.settled} is not a settled report (write one with report --format json --settle)`);
  if (settled && values.month !== undefined && values.month !== settled.month) throw new UsageError(`--month ${values.month} is not the settled report's month ${settled.month}`);
  const computed = withPolicyFile(inputs, () => reportFolder(inputs.folder, inputs.policy, values.month ?? settled?.month, previous, values.previous, values.shop));
  warnAboutFolder(inputs, io, false);
  for (const w of computed.warnings) warn(io, w);
  if (settled) {
    // A settled month keeps its figures: a re-run that would change any is shown, not printed as the month.
    const differences = compareReports({ ...settled, settled: undefined }, computed);
    if (differences.length > 0) {
      io.stderr(renderDifferences(settled.month, differences));
      return 3;
    }
  }
  const report: MonthReport = values.settle || settled ? { ...computed, settled: true as const } : computed;
  const chunks: Iterable<string> =
    format === "json"
      ? jsonLines(report)
      : format === "csv"
        ? withBom(monthCsvLines(report), values)
        : format === "html"
          ? [renderMonthHtml(report, [], render.lang === undefined ? undefined : { lang: render.lang })]
          : [renderMonthTable(report, render), renderPeopleTable(report.people, { ...render, lang: render.lang ?? defaultLang(report.policy.timeZone) }), renderPayTable(report, render)];
  await emit(chunks, out, io);
  return 0;
}

/**
 * `--lang` and `--width` of a table or HTML report: the language asked for (else the policy zone's,
 * decided by the renderer) and the width asked for, else the terminal's when writing to one, else 120.
 */
function renderOptionsOf(values: ReturnType<typeof parseCliArgs>["values"], io: CliIO): { lang?: ReportLang; width?: number } {
  const options: { lang?: ReportLang; width?: number } = {};
  if (values.lang !== undefined) {
    if (values.lang !== "zh" && values.lang !== "en") throw new UsageError(`--lang must be zh or en, not "${values.lang}"`);
    options.lang = values.lang;
  }
  if (values.width !== undefined) {
    if (!/^\d{2,4}$/.test(values.width) || Number(values.width) < 40 || Number(values.width) > 1000) throw new UsageError(`--width must be a whole number of columns from 40 to 1000, not "${values.width}"`);
    options.width = Number(values.width);
  } else if (values.out === undefined && typeof io.columns === "number" && io.columns >= 40) options.width = io.columns;
  if ((options.lang !== undefined || values.width !== undefined) && (values.format === "json" || values.format === "csv")) {
    throw new UsageError(`--lang and --width are for the table${values.format === "csv" ? "" : " and html"} reports; --format ${values.format} keeps the English ids for apps`);
  }
  return options;
}

async function runKpi(rest: readonly string[], values: ReturnType<typeof parseCliArgs>["values"], policyFile: string | undefined, io: CliIO, render: { lang?: ReportLang; width?: number }): Promise<number> {
  if (rest.length !== 1) throw new UsageError("kpi takes exactly one month folder");
  if (values.month !== undefined) throw new UsageError("kpi takes --period, not --month");
  const format = checkFormat(values.format);
  const inputs = await loadInputs(rest[0]!, policyFile, values.out);
  const report = withPolicyFile(inputs, () => kpiFolder(inputs.folder, periodLabel(inputs.folder, values.period, values.date), values.shop));
  const options = { ...render, lang: render.lang ?? defaultLang(inputs.folder.month.policy.timeZone) };
  warnAboutFolder(inputs, io, false);
  for (const w of report.warnings) warn(io, w);
  await emit(format === "csv" ? withBom(renderKpiChunks(report, format), values) : renderKpiChunks(report, format, options), values.out, io);
  return 0;
}

async function runTrend(rest: readonly string[], values: ReturnType<typeof parseCliArgs>["values"], policyFile: string | undefined, io: CliIO, render: { lang?: ReportLang; width?: number }): Promise<number> {
  if (rest.length !== 1) throw new UsageError("trend takes exactly one month folder");
  if (values.month !== undefined) throw new UsageError("trend takes --period, not --month");
  const format = values.format ?? "table";
  if (format !== "table" && format !== "json" && format !== "csv" && format !== "html") throw new UsageError(`--format must be table, json, csv or html, not "${format}"`);
  const metrics = metricArgs(values.metric);
  const inputs = await loadInputs(rest[0]!, policyFile, values.out, values.previous === undefined ? [] : [values.previous]);
  const previous = values.previous === undefined ? undefined : await readKpisReportFile(values.previous);
  const report = withPolicyFile(inputs, () =>
    trendFolder(inputs.folder, { period: periodLabel(inputs.folder, values.period, values.date), by: values.by, metrics, shop: values.shop, previous }),
  );
  const options = { ...render, lang: render.lang ?? defaultLang(inputs.folder.month.policy.timeZone) };
  warnAboutFolder(inputs, io, false);
  for (const w of report.warnings) warn(io, w);
  const chunks = trendChunks(report, format, options);
  await emit(format === "csv" ? withBom(chunks, values) : chunks, values.out, io);
  return 0;
}

async function runLint(rest: readonly string[], values: ReturnType<typeof parseCliArgs>["values"], policyFile: string | undefined, io: CliIO, render: { lang?: ReportLang; width?: number }): Promise<number> {
  if (rest.length !== 1) throw new UsageError("lint takes exactly one month folder");
  if (values.month !== undefined) throw new UsageError("lint takes --period, not --month");
  const format = values.format ?? "table";
  if (format !== "table" && format !== "json" && format !== "csv" && format !== "html") throw new UsageError(`--format must be table, json, csv or html, not "${format}"`);
  const inputs = await loadInputs(rest[0]!, policyFile, values.out);
  const { review, period } = withPolicyFile(inputs, () => lintFolder(inputs.folder, { period: values.period, date: values.date, agent: values.agent }));
  warnAboutFolder(inputs, io);
  const chunks = lintChunks(review, period, format, { ...render, timeZone: inputs.folder.month.policy.timeZone, agent: values.agent });
  await emit(format === "csv" ? withBom(chunks, values) : chunks, values.out, io);
  return 0;
}

async function runRouting(rest: readonly string[], values: ReturnType<typeof parseCliArgs>["values"], policyFile: string | undefined, io: CliIO, render: { lang?: ReportLang; width?: number }): Promise<number> {
  if (rest.length !== 1) throw new UsageError("routing takes exactly one month folder");
  if (values.month !== undefined) throw new UsageError("routing takes --date or --period, not --month");
  const format = values.format ?? "table";
  if (format !== "table" && format !== "json") throw new UsageError(`--format must be table or json for routing, not "${format}"`);
  const inputs = await loadInputs(rest[0]!, policyFile, values.out);
  const { replay, period } = withPolicyFile(inputs, () => routingFolder(inputs.folder, { period: values.period, date: values.date }));
  warnAboutFolder(inputs, io);
  await emit(routingChunks(replay, period, format, { ...render, timeZone: inputs.folder.month.policy.timeZone }), values.out, io);
  return 0;
}

async function runStaffing(rest: readonly string[], values: ReturnType<typeof parseCliArgs>["values"], policyFile: string | undefined, io: CliIO, render: { lang?: ReportLang; width?: number }): Promise<number> {
  if (rest.length !== 1) throw new UsageError("staffing takes exactly one month folder");
  if (values.month !== undefined) throw new UsageError("staffing takes --period, not --month");
  const format = values.format ?? "table";
  if (format !== "table" && format !== "json" && format !== "html") throw new UsageError(`--format must be table, json or html for staffing, not "${format}"`);
  const inputs = await loadInputs(rest[0]!, policyFile, values.out);
  const { plan, period } = withPolicyFile(inputs, () => staffingFolder(inputs.folder, { period: values.period, date: values.date }));
  warnAboutFolder(inputs, io);
  await emit(staffingChunks(plan, period, format, { ...render, timeZone: inputs.folder.month.policy.timeZone }), values.out, io);
  return 0;
}

function checkFormat(format = "table"): string {
  if (format !== "table" && format !== "json" && format !== "csv") throw new UsageError(`--format must be table, json or csv, not "${format}"`);
  return format;
}

/** A month folder with its policy, and every file read (which `--out` must not overwrite). */
interface Inputs {
  readonly folder: MonthFolder;
  readonly policy: PolicyInput | undefined;
  /** The policy file issues are located in: the `--policy` path, or the folder's `policy.json`. */
  readonly policyName: string | undefined;
  readonly files: readonly FileId[];
}

/**
 * Reads the month folder and the policy (`--policy`, else the folder's `policy.json`), and checks
 * that `--out` is usable and none of the files read — nor a name the folder would read next time.
 */
async function loadInputs(dir: string, policyFile: string | undefined, out: string | undefined, others: readonly string[] = []): Promise<Inputs> {
  // The policy first: the folder is decoded under it (its zone reads the wall times).
  const given = policyFile === undefined ? undefined : await readPolicyFile(policyFile);
  const folder = await readMonthFolder(dir, given === undefined || policyFile === undefined ? {} : { policy: given, policyFile });
  const policy = given ?? folder.policy;
  const policyName = policyFile ?? folder.policyFile;
  const files = [...folder.files, ...(await Promise.all([policyFile, ...others].filter((f): f is string => f !== undefined).map(fileId)))];
  if (out !== undefined) {
    await checkOutPath(out, files);
    await checkOutOfFolder(out, dir);
  }
  return { folder, policy, policyName, files };
}

/** Refuses an `--out` file in the month folder under a name the folder reader would read as data. */
async function checkOutOfFolder(out: string, dir: string): Promise<void> {
  const [target, folder] = await Promise.all([stat(dirname(resolve(out))).catch(() => null), stat(dir).catch(() => null)]);
  if (!target || !folder || target.dev !== folder.dev || target.ino !== folder.ino) return;
  const plan = planFolder([basename(out)]);
  if (plan.kinds.size > 0 || plan.policy !== null || plan.problems.length > 0) {
    throw new FolderError(`--out ${out}: the month folder would read it as data next time; write the output outside the folder or under another name`);
  }
}

async function fileId(path: string): Promise<FileId> {
  const info = await stat(path);
  return { path, dev: info.dev, ino: info.ino };
}

/** Runs `compute`, naming the policy file in the issues of the policy (`p.json, attribution.windowHours: …`). */
function withPolicyFile<T>(inputs: { readonly policyName: string | undefined }, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    const file = inputs.policyName;
    if (!(error instanceof KefuKpiError) || file === undefined) throw error;
    const named = error.issues.map((issue): Issue => (issue.code === "invalid_policy" && issue.path[0] === "policy" && !issue.source ? { ...issue, source: { file } } : issue));
    throw new KefuKpiError(named);
  }
}

/**
 * The folder's own warnings (unused columns) and the names in it that were not read, on stderr —
 * but for files the command reads otherwise (a settled report kept in the folder, a `--policy`).
 */
function warnAboutFolder(inputs: Inputs, io: CliIO, ownWarnings = true): void {
  const { folder } = inputs;
  if (ownWarnings) for (const w of folder.warnings) warn(io, w);
  const read = new Set(inputs.files.map((f) => resolve(f.path)));
  // A Markdown file (the folder's README) is documentation, never data: not worth a warning.
  const unread = folder.unread.filter((name) => !read.has(resolve(folder.dir, name)) && !/\.(md|markdown)$/i.test(name));
  if (unread.length > 0) {
    warn(io, `${folder.dir}: not read: ${unread.join(", ")} (a month folder holds one <kind>.csv or <kind>.json per kind, policy.json and Tmall order exports)`);
  }
}

/** A warning on standard error: in English whatever the report's language (a log line; the table and page carry them in their own language). */
function warn(io: CliIO, text: string): void {
  io.stderr(`kefu-kpi: warning: ${text}\n`);
}

/** The JSON report, as `JSON.stringify(report, null, 2)` and a line feed, in chunks. */
function* jsonLines(value: unknown): Generator<string, void, undefined> {
  yield* jsonChunks(value);
  yield "\n";
}

/**
 * Builds the month report of a folder read by `readMonthFolder`, pointing issues at files and rows
 * (an issue of the previous report at `previousFile`, the file it was read from).
 */
export function reportFolder(folder: MonthFolder, policy?: PolicyInput, month?: string, previous?: MonthReport, previousFile?: string, shop?: string): MonthReport {
  try {
    return buildMonthReport(folder.month, policy, {
      ...(month !== undefined && { month }),
      ...(previous !== undefined && { previous }),
      ...(shop !== undefined && { shop }),
    });
  } catch (error) {
    if (!(error instanceof KefuKpiError)) throw error;
    shopUsage(error);
    const located = locateIssues(error, folder);
    if (previousFile === undefined) throw located;
    throw new KefuKpiError(located.issues.map((issue) => (issue.path[0] === "previous" && !issue.source ? { ...issue, source: { file: previousFile } } : issue)));
  }
}

/** A shop no record names is `--shop`'s usage error. */
export function shopUsage(error: KefuKpiError): void {
  const bad = error.issues.find((i) => i.path[0] === "options" && i.path[1] === "shop");
  if (bad) throw new UsageError(`--shop ${bad.message}`);
}

function checkMonth(month: string | undefined): void {
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month must be YYYY-MM, not "${month}"`);
}

function renderDifferences(month: string, differences: readonly ReportDifference[]): string {
  const shown = differences.slice(0, 100).map((d) => `  ${d.path}: ${show(d.settled)} → ${show(d.current)}\n`);
  const more = differences.length > 100 ? `  … and ${differences.length - 100} more\n` : "";
  const warnings = differences.filter((d) => d.path === "warnings").length;
  const figures = differences.length - warnings;
  const what = [figures > 0 ? plural(figures, "figure") : "", warnings > 0 ? plural(warnings, "warning") : ""].filter((w) => w !== "").join(" and ");
  return `kefu-kpi: ${month} is settled; computing it again would change ${what} (settled → now):\n${shown.join("")}${more}`;
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** A value as JSON; a record or list longer than a line is cut, with its size said (a whole section appearing is one line). */
function show(value: unknown): string {
  if (value === undefined) return "(none)";
  const json = JSON.stringify(value);
  if (typeof value !== "object" || value === null || json.length <= SHOWN) return json;
  const size = Array.isArray(value) ? plural(value.length, "item") : plural(Object.keys(value).length, "field");
  return `${headOf(json, SHOWN - 40)}… (${size}, ${json.length} characters)`;
}

/** The longest value a difference line shows whole. */
const SHOWN = 160;

/** CSV starts with the UTF-8 byte-order mark (Excel reads the file as UTF-8 only then), unless `--no-bom`. */
function* withBom(chunks: Iterable<string>, values: { readonly "no-bom"?: boolean | undefined }): Iterable<string> {
  if (!values["no-bom"]) yield "\uFEFF";
  yield* chunks;
}

/** Writes the output: to `--out` (atomically), or to standard output in chunks of about 64 KB. */
async function emit(chunks: Iterable<string>, out: string | undefined, io: CliIO): Promise<void> {
  if (out !== undefined) {
    await io.writeFile(out, chunks);
    return;
  }
  let pending = "";
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= 1 << 14) {
      io.stdout(pending);
      pending = "";
      await io.drain?.();
    }
  }
  if (pending !== "") io.stdout(pending);
  await io.drain?.();
}
