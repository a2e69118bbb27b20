/**
 * Renders the month report's lost inquiries (询单流失): the shop's and each agent's inquiring,
 * converted, lost and open buyers, and the lost buyers to follow up (the first of them in text and
 * HTML; the JSON lists all); and its transfers (转接). The text and HTML share the rows.
 */
import type { LostInquiriesReport } from "../followUp/lostInquiries.js";
import type { TransfersReport } from "../followUp/transfers.js";
import { readSelected } from "../lazy.js";
import { esc, table, type HtmlSection } from "./html.js";
import type { ReportLang } from "./lang.js";
import { textTable } from "./text.js";

/** How many lost buyers the text and HTML list. */
const SHOWN = 50;

const dash = (v: string | null): string => v ?? "—";
const minutes = (seconds: number): string => (seconds / 60).toFixed(1);
const wall = (iso: string): string => iso.slice(0, 19).replace("T", " ");

function heading(r: LostInquiriesReport, zh: boolean): string {
  const s = r.shop;
  const rule = zh
    ? r.windowHours === null
      ? "询单后未下单也未付款，询单有效期不限"
      : `询单开始至结束后 ${r.windowHours} 小时内未下单也未付款`
    : r.windowHours === null
      ? "no order placed or paid after the inquiry; no window"
      : `no order placed or paid from the inquiry's start to ${r.windowHours} h after its end`;
  return zh
    ? `询单流失（${rule}）：询单买家 ${s.inquiringBuyers}，已下单 ${s.convertedBuyers}，流失 ${s.lostBuyers}，待定 ${s.openBuyers}，流失率 ${dash(s.lostRate)}`
    : `Lost inquiries (${rule}): inquiring buyers ${s.inquiringBuyers}, converted ${s.convertedBuyers}, lost ${s.lostBuyers}, open ${s.openBuyers}, lost rate ${dash(s.lostRate)}`;
}

function agentRows(r: LostInquiriesReport, zh: boolean): string[][] {
  return [
    zh ? ["工号", "询单买家", "已下单", "流失", "待定", "流失率"] : ["agent", "inquiring", "converted", "lost", "open", "lost rate"],
    ...r.agents.map((a) => [a.agentId, String(a.inquiringBuyers), String(a.convertedBuyers), String(a.lostBuyers), String(a.openBuyers), dash(a.lostRate)]),
  ];
}

function itemRows(r: LostInquiriesReport, zh: boolean): string[][] {
  const shown = readSelected(r, "items", { first: SHOWN }, (all: LostInquiriesReport["items"]) => all.slice(0, SHOWN));
  return [
    zh ? ["工号", "买家", "咨询", "开始", "时长(分)", "已回复", "次数", "最后一条消息"] : ["agent", "buyer", "consultation", "started", "minutes", "replied", "inquiries", "last message"],
    ...shown.map((i) => [
      i.agentId,
      i.buyerId,
      i.consultationId,
      wall(i.startedAt),
      minutes(i.durationSeconds),
      i.replied ? (zh ? "是" : "yes") : zh ? "否" : "no",
      String(i.inquiries),
      i.lastMessage === null ? "" : `${i.lastMessage.from === "buyer" ? (zh ? "买家" : "buyer") : zh ? "客服" : "agent"}: ${i.lastMessage.text}`,
    ]),
  ];
}

/** The note under a cut list, or null when every lost buyer is listed. */
function more(r: LostInquiriesReport, zh: boolean): string | null {
  const listed = r.agents.reduce((sum, a) => sum + a.lostBuyers, 0);
  if (listed <= SHOWN) return null;
  return zh ? `共 ${listed} 条流失，仅列前 ${SHOWN} 条；JSON 报告列出全部` : `${listed} lost buyers of agents; the first ${SHOWN} are listed, the JSON report lists all`;
}

/** The lost inquiries as text. */
export function renderLostInquiriesSection(r: LostInquiriesReport, lang: ReportLang, width: number): string {
  const zh = lang === "zh";
  const out = [heading(r, zh)];
  if (r.agents.length > 0) out.push(textTable(agentRows(r, zh), ["left", "right", "right", "right", "right", "right"], { width }));
  const items = itemRows(r, zh);
  if (items.length > 1) out.push(textTable(items, ["left", "left", "left", "left", "right", "left", "right", "left"], { width, keep: 3 }));
  const m = more(r, zh);
  if (m !== null) out.push(m);
  return out.join("\n");
}

/** The lost inquiries of the HTML report. */
export function lostInquiriesHtmlSection(r: LostInquiriesReport, lang: ReportLang): HtmlSection {
  const zh = lang === "zh";
  const [agentHead, ...agents] = agentRows(r, zh);
  const [itemHead, ...items] = itemRows(r, zh);
  const m = more(r, zh);
  return {
    title: zh ? "询单流失" : "Lost inquiries",
    html:
      `<p>${esc(heading(r, zh))}</p>` +
      (agents.length > 0 ? table(agentHead!, agents, [false, true, true, true, true, true]) : "") +
      (items.length > 0 ? table(itemHead!, items, [false, false, false, false, true, false, true, false]) : "") +
      (m === null ? "" : `<p>${esc(m)}</p>`),
  };
}

/** The transfers (转接): per agent out and in, and by pair of agents. */
function transferRows(t: TransfersReport, zh: boolean): { heading: string; agents: string[][]; pairs: string[][] } {
  return {
    heading: zh
      ? `转接：${t.transfers} 个咨询转出（转出的咨询计入客服的工作量，买家计入接手的客服）`
      : `Transfers: ${t.transfers} consultations transferred out (a transferred consultation counts as the agent's work; its buyer counts for the agent who took over)`,
    agents: [zh ? ["工号", "转出", "转入"] : ["agent", "out", "in"], ...t.agents.map((a) => [a.agentId, String(a.transfersOut), String(a.transfersIn)])],
    pairs: [zh ? ["转出客服", "接手客服", "次数"] : ["from", "to", "count"], ...t.pairs.map((p) => [p.from, p.to, String(p.count)])],
  };
}

/** The transfers as text. */
export function renderTransfersSection(t: TransfersReport, lang: ReportLang, width: number): string {
  const r = transferRows(t, lang === "zh");
  const out = [r.heading];
  if (r.agents.length > 1) out.push(textTable(r.agents, ["left", "right", "right"], { width }));
  if (r.pairs.length > 1) out.push(textTable(r.pairs, ["left", "left", "right"], { width }));
  return out.join("\n");
}

/** The transfers of the HTML report. */
export function transfersHtmlSection(t: TransfersReport, lang: ReportLang): HtmlSection {
  const r = transferRows(t, lang === "zh");
  const [agentHead, ...agents] = r.agents;
  const [pairHead, ...pairs] = r.pairs;
  return {
    title: lang === "zh" ? "转接" : "Transfers",
    html:
      `<p>${esc(r.heading)}</p>` +
      (agents.length > 0 ? table(agentHead!, agents, [false, true, true]) : "") +
      (pairs.length > 0 ? table(pairHead!, pairs, [false, false, true]) : ""),
  };
}
