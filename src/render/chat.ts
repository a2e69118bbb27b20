/**
 * Renders the chat standards' review (R8): the month report's chat section, and what `kefu-kpi
 * lint` prints — every finding as a table, CSV (one row per finding) or an HTML page.
 */
import type { ChatReview } from "../chat/review.js";
import { esc, table } from "./html.js";
import { localTime, type ReportLang } from "./lang.js";
import { csvCell, fitLines, textTable, visibleText } from "./text.js";

/** How many findings the month report lists (the rest: `kefu-kpi lint`). */
export const REPORT_FINDINGS = 30;

/** The CSV columns of `kefu-kpi lint --format csv`: one row per finding. */
export const CHAT_CSV_COLUMNS = ["at", "agentId", "buyerId", "consultationId", "ruleId", "label", "match", "start", "end", "suggestion", "waitSeconds", "text"] as const;

function heading(review: ChatReview, zh: boolean): string {
  return zh
    ? `聊天规范：检查客服消息 ${review.messages} 条，发现 ${review.findings} 处（机器人消息、买家消息不检查）`
    : `Chat standards: ${review.messages} agent messages checked, ${review.findings} findings (bot lines and buyers' messages are not checked)`;
}

/**
 * The counts as rows (each with its header): the rules with their findings, and per agent the
 * messages, the findings and a column per rule that found anything. The text and HTML share them.
 */
function countRows(review: ChatReview, zh: boolean): { rules: string[][]; agents: string[][]; ruleColumns: number } {
  const used = review.rules.filter((r) => r.findings > 0);
  return {
    rules: [zh ? ["规则", "说明", "处数"] : ["rule", "label", "findings"], ...review.rules.map((r) => [r.id, r.label, String(r.findings)])],
    agents: [
      [zh ? "工号" : "agent", zh ? "消息" : "messages", zh ? "处数" : "findings", ...used.map((r) => r.id)],
      ...review.agents.map((a) => [a.agentId, String(a.messages), String(a.findings), ...used.map((r) => String(a.byRule[r.id] ?? 0))]),
    ],
    ruleColumns: used.length,
  };
}

/** The rules with their counts, and the counts per agent, as text tables. */
function countTables(review: ChatReview, zh: boolean, width: number): string[] {
  const { rules, agents, ruleColumns } = countRows(review, zh);
  return [
    textTable(rules, ["left", "left", "right"], { width, wrap: 1 }),
    "",
    textTable(agents, ["left", "right", "right", ...Array.from({ length: ruleColumns }, () => "right" as const)], { width, keep: 1 }),
  ];
}

/** One finding's match as shown: the text matched, or the wait in seconds. */
function shown(line: ChatReview["lines"][number], zh: boolean): string {
  if (line.match !== null) return line.match;
  return zh ? `等待 ${line.waitSeconds} 秒` : `waited ${line.waitSeconds} s`;
}

/**
 * The findings message by message: a line naming the time, agent, buyer and consultation, the
 * message's text, then one line per finding (rule, what it matched, the wording to use instead).
 */
function findingBlocks(lines: ChatReview["lines"], zh: boolean): string[] {
  const out: string[] = [];
  let previous: ChatReview["lines"][number] | undefined;
  for (const l of lines) {
    const same = previous !== undefined && previous.at === l.at && previous.agentId === l.agentId && previous.buyerId === l.buyerId && previous.text === l.text;
    if (!same) {
      const consultation = l.consultationId === null ? "" : zh ? `（咨询 ${l.consultationId}）` : ` (consultation ${l.consultationId})`;
      out.push(`${localTime(l.at)}  ${l.agentId} → ${l.buyerId}${consultation}`, `    ${l.text}`);
    }
    out.push(`    · ${l.ruleId}  ${shown(l, zh)}${l.suggestion === null ? "" : ` → ${l.suggestion}`}`);
    previous = l;
  }
  return out;
}

/** The month report's chat section as text: the counts, then the first {@link REPORT_FINDINGS} findings. */
export function renderChatSection(review: ChatReview, lang: ReportLang, width: number): string {
  const zh = lang === "zh";
  const out = [heading(review, zh), "", ...countTables(review, zh, width)];
  if (review.lines.length > 0) {
    const shownLines = review.lines.slice(0, REPORT_FINDINGS);
    out.push("", ...findingBlocks(shownLines, zh));
    if (review.lines.length > shownLines.length) {
      const more = review.lines.length - shownLines.length;
      out.push(zh ? `另有 ${more} 处未列出：kefu-kpi lint <月份目录> 列出全部` : `${more} more not listed: kefu-kpi lint <month-folder> lists them all`);
    }
  }
  return out.join("\n");
}

/** `kefu-kpi lint` as a terminal table: the counts, then every finding. */
export function renderChatTable(review: ChatReview, title: string, lang: ReportLang, width: number): string {
  const zh = lang === "zh";
  const out = [title, heading(review, zh), "", ...countTables(review, zh, width)];
  if (review.lines.length > 0) out.push("", ...findingBlocks(review.lines, zh));
  return visibleText(fitLines(out.join("\n"), width) + "\n");
}

/** Each finding as the cells of {@link CHAT_CSV_COLUMNS} (the `lint` CSV and the sheets' `chatTable`). */
export function* chatFindingRows(review: ChatReview): Generator<string[], void, undefined> {
  const labels = new Map(review.rules.map((r) => [r.id, r.label]));
  const num = (n: number | null): string => (n === null ? "" : String(n));
  for (const l of review.lines) {
    yield [l.at, l.agentId, l.buyerId, l.consultationId ?? "", l.ruleId, labels.get(l.ruleId) ?? "", l.match ?? "", num(l.start), num(l.end), l.suggestion ?? "", num(l.waitSeconds), l.text];
  }
}

/** `kefu-kpi lint --format csv`: a header, then one row per finding (English ids, as every CSV). */
export function* renderChatCsv(review: ChatReview): Generator<string, void, undefined> {
  yield CHAT_CSV_COLUMNS.join(",") + "\r\n";
  for (const cells of chatFindingRows(review)) yield cells.map(csvCell).join(",") + "\r\n";
}

/** The review as an HTML section: the counts, then each finding with its match marked. */
export function chatHtmlSection(review: ChatReview, lang: ReportLang): { title: string; html: string } {
  const zh = lang === "zh";
  const counts = countRows(review, zh);
  const [ruleHeader, ...ruleBody] = counts.rules;
  const [agentHeader, ...agentBody] = counts.agents;
  const rules = table(ruleHeader!, ruleBody, [false, false, true]);
  const agents = table(agentHeader!, agentBody, [false, true, true, ...Array.from({ length: counts.ruleColumns }, () => true)]);
  const header = (zh ? ["时间", "工号", "买家", "咨询", "规则", "消息", "建议"] : ["time", "agent", "buyer", "consultation", "rule", "message", "suggestion"]).map((h) => `<th>${esc(h)}</th>`).join("");
  const rows = review.lines
    .map((l) => {
      const message =
        l.start !== null && l.end !== null && l.end <= l.text.length
          ? `${esc(l.text.slice(0, l.start))}<mark>${esc(l.text.slice(l.start, l.end))}</mark>${esc(l.text.slice(l.end))}`
          : `${esc(l.text)} <mark>${esc(shown(l, zh))}</mark>`;
      const cells = [localTime(l.at), l.agentId, l.buyerId, l.consultationId ?? "—", l.ruleId].map((c) => `<td>${esc(c)}</td>`).join("");
      return `<tr>${cells}<td>${message}</td><td>${esc(l.suggestion ?? "")}</td></tr>`;
    })
    .join("\n");
  const findings = review.lines.length === 0 ? "" : `<table>\n<thead><tr>${header}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
  return { title: heading(review, zh), html: rules + agents + findings };
}
