/**
 * Renders the month report's traffic section (seed 001: 销量 = 流量 UV × 转化率 CVR): the month's
 * total, the visitors by source, and per day the visitors, paying buyers, sales, conversion rate,
 * average order value and the identity's estimate. The text and HTML share the rows.
 */
import type { TrafficReport } from "../traffic/shopTraffic.js";
import { esc, table, type HtmlSection } from "./html.js";
import type { ReportLang } from "./lang.js";
import { textTable } from "./text.js";

const dash = (v: string | number | null): string => (v === null ? "—" : String(v));

/** The heading line: the total over the days with traffic. */
function heading(t: TrafficReport, zh: boolean): string {
  const x = t.total;
  const missing = x.daysWithoutTraffic > 0 ? (zh ? `；${x.daysWithoutTraffic} 天无流量记录，不计入` : `; ${x.daysWithoutTraffic} days without traffic left out`) : "";
  return zh
    ? `流量（销量 = 访客数 × 转化率 × 客单价）：访客 ${x.uv}，付款买家 ${x.paidBuyers}，销售额 ${x.sales}，转化率 ${dash(x.conversionRate)}，客单价 ${dash(x.averageOrderValue)}${missing}`
    : `Traffic (sales = UV × conversion rate × average order value): UV ${x.uv}, paying buyers ${x.paidBuyers}, sales ${x.sales}, conversion ${dash(x.conversionRate)}, average order ${dash(x.averageOrderValue)}${missing}`;
}

function dayRows(t: TrafficReport, zh: boolean): string[][] {
  return [
    zh ? ["日期", "访客数", "付款买家", "销售额", "转化率", "客单价", "估算", "差额"] : ["date", "UV", "paying buyers", "sales", "conversion", "average order", "estimate", "difference"],
    ...t.days.map((d) => [d.date, dash(d.uv), String(d.paidBuyers), d.sales, dash(d.conversionRate), dash(d.averageOrderValue), dash(d.estimate), dash(d.difference)]),
  ];
}

function sourceRows(t: TrafficReport, zh: boolean): string[][] {
  return [zh ? ["来源", "访客数", "占比"] : ["source", "UV", "share"], ...t.sources.map((s) => [s.source, String(s.uv), dash(s.share)])];
}

const NOTE = {
  zh: "估算 = 访客数 × 转化率 × 客单价（按显示的四舍五入值），差额 = 销售额 − 估算；付款买家按付款日去重，销售额为实付（不扣退款）",
  en: "estimate = UV × conversion × average order (as shown, rounded); difference = sales − estimate; paying buyers are distinct per day of payment; sales are paid amounts, refunds not deducted",
};

/** The traffic section as text. */
export function renderTrafficSection(t: TrafficReport, lang: ReportLang, width: number): string {
  const zh = lang === "zh";
  const out = [heading(t, zh)];
  if (t.sources.length > 0) out.push(textTable(sourceRows(t, zh), ["left", "right", "right"], { width }));
  out.push(textTable(dayRows(t, zh), ["left", "right", "right", "right", "right", "right", "right", "right"], { width }));
  out.push(zh ? NOTE.zh : NOTE.en);
  return out.join("\n");
}

/** The traffic section of the HTML report. */
export function trafficHtmlSection(t: TrafficReport, lang: ReportLang): HtmlSection {
  const zh = lang === "zh";
  const numeric = [false, true, true, true, true, true, true, true];
  const [head, ...rows] = dayRows(t, zh);
  const [sourceHead, ...sources] = sourceRows(t, zh);
  return {
    title: zh ? "流量" : "Traffic",
    html:
      `<p>${esc(heading(t, zh))}</p>` +
      (sources.length > 0 ? table(sourceHead!, sources, [false, true, true]) : "") +
      table(head!, rows, numeric) +
      `<p>${esc(zh ? NOTE.zh : NOTE.en)}</p>`,
  };
}
