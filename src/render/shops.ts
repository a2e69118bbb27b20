/**
 * Renders the month report's shops (店铺): each shop's consultations and sales, and the agents
 * credited with its orders. The text and HTML share the rows.
 */
import type { ShopsReport } from "../month/shops.js";
import { esc, table, type HtmlSection } from "./html.js";
import type { ReportLang } from "./lang.js";
import { textTable } from "./text.js";

function shopRows(s: ShopsReport, zh: boolean): { note: string; shops: string[][]; agents: string[][]; paths: (string | null)[][][] } {
  const name = (id: string): string => (id === "" ? (zh ? "（未写店铺）" : "(no shop given)") : id);
  return {
    note: zh
      ? "各店铺的业绩按本店铺的订单和咨询归属（买家按店铺区分），各店铺之和即全月；客服的多个子账号计为一人"
      : "each shop's sales are attributed from its own orders and consultations (a buyer is a buyer of one shop), so the shops add up to the month; an agent's sub-accounts count as one agent",
    shops: [
      zh ? ["店铺", "咨询", "单数", "净额", "客服业绩单数", "客服业绩净额", "全静默净额", "仅机器人净额"] : ["shop", "consultations", "orders", "net", "credited orders", "credited net", "silent net", "bot alone net"],
      ...s.shops.map((x) => [name(x.shopId), String(x.consultations), String(x.sales.orders), x.sales.net, String(x.credited.orders), x.credited.net, x.silent.net, x.botServed.net]),
    ],
    agents: [
      zh ? ["店铺", "客服", "单数", "净额"] : ["shop", "agent", "orders", "net"],
      ...s.shops.flatMap((x) => x.agents.map((a) => [name(x.shopId), a.agentId, String(a.sales.orders), a.sales.net])),
    ],
    // Every count and amount names its JSON path.
    paths: [
      [
        Array<null>(8).fill(null),
        ...s.shops.map((_, i) => {
          const at = `shops.shops.${i}`;
          return [null, `${at}.consultations`, `${at}.sales.orders`, `${at}.sales.net`, `${at}.credited.orders`, `${at}.credited.net`, `${at}.silent.net`, `${at}.botServed.net`];
        }),
      ],
      [Array<null>(4).fill(null), ...s.shops.flatMap((x, i) => x.agents.map((_, j) => [null, null, `shops.shops.${i}.agents.${j}.sales.orders`, `shops.shops.${i}.agents.${j}.sales.net`]))],
    ],
  };
}

/** The shops as text. */
export function renderShopsSection(s: ShopsReport, lang: ReportLang, width: number): string {
  const zh = lang === "zh";
  const r = shopRows(s, zh);
  return [
    zh ? `店铺（${s.period}）：${r.note}` : `Shops (${s.period}): ${r.note}`,
    textTable(r.shops, ["left", "right", "right", "right", "right", "right", "right", "right"], { width }),
    ...(r.agents.length > 1 ? [textTable(r.agents, ["left", "left", "right", "right"], { width })] : []),
  ].join("\n");
}

/** The shops of the HTML report. */
export function shopsHtmlSection(s: ShopsReport, lang: ReportLang): HtmlSection {
  const r = shopRows(s, lang === "zh");
  const [shopHead, ...shops] = r.shops;
  const [agentHead, ...agents] = r.agents;
  return {
    title: lang === "zh" ? "店铺" : "Shops",
    html:
      `<p>${esc(r.note)}</p>` +
      table(shopHead!, shops, [false, true, true, true, true, true, true, true], r.paths[0]!.slice(1)) +
      (agents.length > 0 ? table(agentHead!, agents, [false, false, true, true], r.paths[1]!.slice(1)) : ""),
  };
}
