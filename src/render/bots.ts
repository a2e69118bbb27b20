/**
 * Renders the month report's bots (店小蜜): the buyers they received, alone or beside an agent,
 * and the orders they served that no agent did. The text and HTML share the rows.
 */
import type { BotsReport } from "../followUp/bots.js";
import { esc, table, type HtmlSection } from "./html.js";
import type { ReportLang } from "./lang.js";
import { percent, textTable } from "./text.js";

const share = (v: string | null): string => (v === null ? "—" : percent(v));

function botRows(b: BotsReport, zh: boolean): { heading: string; receptions: string[][]; conversions: string[][]; paths: (string | null)[][][] } {
  const r = b.receptions;
  const c = b.conversions;
  return {
    heading: zh
      ? `机器人（店小蜜）${b.bots.join("、")}：咨询 ${b.consultations} 个，其中转人工 ${b.handedOver} 个；机器人的咨询不计入客服的响应、考核和业绩，仅由机器人接待的订单计为全静默`
      : `Bots (店小蜜) ${b.bots.join(", ")}: ${b.consultations} consultations, ${b.handedOver} handed over to an agent; the bots' consultations count in no agent's response figures, scorecard or sales, and an order only a bot served is fully silent`,
    receptions: [
      zh ? ["接待买家", "人数", "占比"] : ["buyers received", "buyers", "share"],
      [zh ? "机器人接待" : "by a bot", String(r.bots), share(r.botsShare)],
      [zh ? "仅机器人接待（无客服）" : "by a bot and no agent", String(r.botsOnly), share(r.botsOnlyShare)],
      [zh ? "全部接待" : "by anyone", String(r.all), ""],
    ],
    conversions: [
      zh ? ["接待带来的订单", "单数", "净额（元）", "单数占比", "净额占比"] : ["orders served", "orders", "net (yuan)", "share of orders", "share of net"],
      [zh ? "客服或机器人接待" : "by an agent or a bot", String(c.served.orders), c.served.net, "", ""],
      [zh ? "仅机器人接待（全静默）" : "by a bot alone (fully silent)", String(c.botServed.orders), c.botServed.net, share(c.shareByOrders), share(c.shareByNet)],
    ],
    // The counts and money name their JSON path (the shares are shown as percentages: not named).
    paths: [
      [[null, null, null], [null, "bots.receptions.bots", null], [null, "bots.receptions.botsOnly", null], [null, "bots.receptions.all", null]],
      [
        [null, null, null, null, null],
        [null, "bots.conversions.served.orders", "bots.conversions.served.net", null, null],
        [null, "bots.conversions.botServed.orders", "bots.conversions.botServed.net", null, null],
      ],
    ],
  };
}

/** The bots as text. */
export function renderBotsSection(b: BotsReport, lang: ReportLang, width: number): string {
  const r = botRows(b, lang === "zh");
  return [r.heading, textTable(r.receptions, ["left", "right", "right"], { width }), textTable(r.conversions, ["left", "right", "right", "right", "right"], { width })].join("\n");
}

/** The bots of the HTML report. */
export function botsHtmlSection(b: BotsReport, lang: ReportLang): HtmlSection {
  const r = botRows(b, lang === "zh");
  const [receptionHead, ...receptions] = r.receptions;
  const [conversionHead, ...conversions] = r.conversions;
  return {
    title: lang === "zh" ? "机器人（店小蜜）" : "Bots (店小蜜)",
    html:
      `<p>${esc(r.heading)}</p>` +
      table(receptionHead!, receptions, [false, true, true], r.paths[0]!.slice(1)) +
      table(conversionHead!, conversions, [false, true, true, true, true], r.paths[1]!.slice(1)),
  };
}
