/**
 * The pay commands of the CLI: `explain` (one agent's statement, line by line, with its
 * derivation) and `compare` (every agent's pay under two policies), and reading a month report
 * file (a settled month, or the previous month for clawbacks).
 */
import { basename } from "node:path";
import { IssueCode, KefuKpiError, fromZodIssues } from "../errors.js";
import { renderPayComparison, renderPayExplanation } from "../render/pay.js";
import type * as z from "zod";
import { MonthReportSchema, type MonthReport } from "../report/schema.js";
import { KpiReportSchema, type KpiReport } from "../report/kpiSchema.js";
import { comparePay } from "../pay/compare.js";
import { PAY_LINES, type PayLineId } from "../pay/statement.js";
import type { PolicyInput } from "../policy/schema.js";
import { decodeText } from "./decode.js";
import { TextFileError } from "./encoding.js";
import { readRegularFile } from "./files.js";
import type { MonthFolder } from "./readMonthFolder.js";

/** Builds the month report of a folder under a policy (runCli's `reportFolder`). */
type Report = (folder: MonthFolder, policy: PolicyInput | undefined) => MonthReport;

/** `kefu-kpi explain <folder> --agent A01 [--line commission]`. */
export function explainCommand(
  args: { readonly folder: MonthFolder; readonly policy: PolicyInput | undefined; readonly agent: string | undefined; readonly line: string | undefined },
  report: Report,
  usageError: (message: string) => Error,
): string {
  if (args.agent === undefined) throw usageError("explain needs --agent <工号>");
  const lines = args.line === undefined ? undefined : [lineId(args.line, usageError)];
  const month = report(args.folder, args.policy);
  const statement = month.pay.find((s) => s.agentId === args.agent);
  if (!statement) {
    const known = month.pay.map((s) => s.agentId).join(", ");
    throw usageError(`no pay statement for agent "${args.agent}" in ${month.month}${known ? ` (statements: ${known})` : " (no agents file: no statements)"}`);
  }
  const agent = month.agents.find((a) => a.agentId === args.agent);
  const title = `工资单 pay statement ${month.month}: ${args.agent}${agent?.name ? ` ${agent.name}` : ""}`;
  return renderPayExplanation(statement, lines === undefined ? { title } : { title, lines });
}

/** `kefu-kpi compare <folder> --policy a.json --policy b.json`. */
export function compareCommand(
  args: { readonly folder: MonthFolder; readonly policies: readonly { readonly name: string; readonly policy: PolicyInput }[]; readonly format: string },
  report: Report,
  usageError: (message: string) => Error,
): string {
  const [a, b] = args.policies;
  if (args.policies.length !== 2 || !a || !b) throw usageError("compare takes exactly two --policy files");
  if (args.format !== "table" && args.format !== "json") throw usageError(`--format must be table or json for compare, not "${args.format}"`);
  const underA = report(args.folder, a.policy);
  const underB = report(args.folder, b.policy);
  const rows = comparePay(underA.pay, underB.pay);
  if (args.format === "json") return JSON.stringify({ month: underA.month, a: a.name, b: b.name, agents: rows }, null, 2) + "\n";
  return `薪资对比 pay under two policies, ${underA.month}: A = ${a.name}, B = ${b.name}\n\n${renderPayComparison(rows, { a: a.name, b: b.name })}`;
}

/** Reads a month report (JSON, as `report --format json` wrote it), checked against its schema. */
export async function readReportFile(file: string): Promise<MonthReport> {
  return readReportJson(file, { "kefu-kpi/month-report": MonthReportSchema }, "a kefu-kpi month report (written by report --format json)");
}

/** A month report or a KPI report of an earlier period (the trend's `--previous`). */
export async function readKpisReportFile(file: string): Promise<MonthReport | KpiReport> {
  return readReportJson(file, { "kefu-kpi/month-report": MonthReportSchema, "kefu-kpi/kpi-report": KpiReportSchema }, "a kefu-kpi month report or KPI report (written by report or kpi --format json)");
}

/**
 * Reads a JSON report file of one of the kinds given, checked against its schema: every problem an
 * issue at the file (too large, not UTF-8 or GBK text, not JSON, another kind, a field that does not fit).
 */
async function readReportJson<S extends z.ZodType>(file: string, kinds: Readonly<Record<string, S>>, what: string): Promise<z.infer<S>> {
  const read = await readRegularFile(file);
  if ("tooLarge" in read) {
    throw new KefuKpiError([{ code: IssueCode.invalidFile, path: [], message: `is too large to read as a report (${Math.round(read.tooLarge / (1 << 20))} MB)`, source: { file: basename(file) } }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(decodeText(read.bytes).text);
  } catch (error) {
    const message = error instanceof TextFileError ? error.message : `is not valid JSON: ${(error as Error).message}`;
    const row = error instanceof TextFileError && error.line !== null ? { row: error.line } : {};
    throw new KefuKpiError([{ code: IssueCode.invalidFile, path: [], message, source: { file: basename(file), ...row } }]);
  }
  const at = { file: basename(file) };
  const kind = typeof data === "object" && data !== null ? (data as { kind?: unknown }).kind : undefined;
  if (typeof kind !== "string" || !Object.hasOwn(kinds, kind)) {
    throw new KefuKpiError([{ code: IssueCode.invalidFile, path: ["report", "kind"], message: `is ${JSON.stringify(kind) ?? "missing"}: not ${what}`, source: at }]);
  }
  const parsed = kinds[kind]!.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new KefuKpiError(
    fromZodIssues(parsed.error.issues, { at: ["report"], code: IssueCode.invalidFile, message: (m) => `${m} (a report of another version of kefu-kpi, or edited?)`, source: at, limit: 20 }),
  );
}

function lineId(line: string, usageError: (message: string) => Error): PayLineId {
  if ((PAY_LINES as readonly string[]).includes(line)) return line as PayLineId;
  throw usageError(`--line must be one of ${PAY_LINES.join(", ")}, not "${line}"`);
}
