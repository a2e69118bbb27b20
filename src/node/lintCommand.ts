/**
 * `kefu-kpi lint <folder>`: the chat standards (R8) over the folder's chat log — every agent
 * message of the period checked, every finding listed with its agent, buyer and consultation.
 * `--period` as for `kpi` (default: the month most paid orders fall in; without paid orders, the
 * month most of the agents' messages fall in); `--agent` keeps one agent's findings.
 */
import { KefuKpiError } from "../errors.js";
import { reviewChat, reviewOfAgent, type ChatReview } from "../chat/review.js";
import { busiestMonth, mostCommonMonth } from "../month/buildMonthReport.js";
import { chatHtmlSection, renderChatCsv, renderChatTable } from "../render/chat.js";
import { htmlPage } from "../render/html.js";
import { jsonChunks } from "../render/jsonChunks.js";
import { renderSettings, type RenderOptions } from "../render/lang.js";
import { periodOf } from "../records/options.js";
import { monthLabel } from "../time/period.js";
import { locateIssues, type MonthFolder } from "./readMonthFolder.js";
import { periodLabel } from "./kpiCommand.js";
import { UsageError } from "./usage.js";

export interface LintArgs {
  readonly period?: string | undefined;
  readonly date?: string | undefined;
  readonly agent?: string | undefined;
  readonly format?: string | undefined;
}

/** The review of a folder's chat log over the period asked for (one agent's with `--agent`). */
export function lintFolder(folder: MonthFolder, args: LintArgs): { review: ChatReview; period: string } {
  const month = folder.month;
  if (month.tables.messages === undefined) throw new UsageError("lint checks the chat log: the folder has no messages file (messages.csv, 聊天记录 …)");
  const label = args.period === undefined && args.date === undefined ? defaultMonth(folder) : periodLabel(folder, args.period, args.date);
  let review: ChatReview;
  try {
    review = reviewChat(month, periodOf(month, label)).review;
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`--period: ${error.message}`);
    if (error instanceof KefuKpiError) throw locateIssues(error, folder);
    throw error;
  }
  if (args.agent === undefined) return { review, period: label };
  if (month.bots?.ids.includes(args.agent)) throw new UsageError(`--agent ${args.agent} is a bot (group bot): the chat standards check the agents' lines, not the bots'`);
  if (month.agents.find(args.agent) === undefined || month.tables.agents === undefined || month.agents.find(args.agent)! >= month.tables.agents.count) {
    throw new UsageError(`--agent ${args.agent} is not in the agents file`);
  }
  const one = reviewOfAgent(review, args.agent);
  const rules = review.rules.map((r) => ({ ...r, findings: 0 }));
  return { review: one ?? { messages: 0, findings: 0, rules, agents: [], lines: [] }, period: label };
}

/** The month most paid orders fall in; without paid orders, the month most agent messages fall in. */
function defaultMonth(folder: MonthFolder): string {
  const month = folder.month;
  try {
    return busiestMonth(month);
  } catch (error) {
    if (!(error instanceof KefuKpiError)) throw error;
  }
  const role = month.chat!.role;
  const best = mostCommonMonth(month, month.tables.messages!.columns.at, (i) => role[i] === 1);
  if (best < 0) throw new UsageError("no paid orders and no agent message to choose the month by; give --period YYYY-MM");
  return monthLabel(best);
}

/** The review in the `--format` asked for: table (default), json, csv or html. */
export function* lintChunks(review: ChatReview, period: string, format: string, options: RenderOptions & { readonly timeZone: string; readonly agent?: string | undefined }): Generator<string, void, undefined> {
  const { lang, width } = renderSettings(options.timeZone, options);
  const zh = lang === "zh";
  const who = options.agent === undefined ? "" : zh ? `，客服 ${options.agent}` : `, agent ${options.agent}`;
  const title = zh ? `kefu-kpi 聊天规范检查 ${period}${who}` : `kefu-kpi chat standards ${period}${who}`;
  if (format === "json") {
    yield* jsonChunks({ kind: "kefu-kpi/chat-review", version: 1, period, ...(options.agent === undefined ? {} : { agentId: options.agent }), ...review });
    yield "\n";
  } else if (format === "csv") yield* renderChatCsv(review);
  else if (format === "html") {
    yield htmlPage(title, lang, "", [chatHtmlSection(review, lang)]);
  } else yield renderChatTable(review, title, lang, width);
}
