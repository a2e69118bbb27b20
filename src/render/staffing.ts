/** Staffing (Erlang C against the roster) as a terminal table and an HTML page section, in Chinese or English. */
import type { StaffingHour, StaffingPlan } from "../month/staffing.js";
import { esc, table, type HtmlSection } from "./html.js";
import type { ReportLang } from "./lang.js";
import { fitLines, hms, textTable, visibleText } from "./text.js";

const WEEKDAYS = [
  ["一", "Mon"],
  ["二", "Tue"],
  ["三", "Wed"],
  ["四", "Thu"],
  ["五", "Fri"],
  ["六", "Sat"],
  ["日", "Sun"],
] as const;

function weekday(w: number, zh: boolean): string {
  return zh ? `周${WEEKDAYS[w - 1]![0]}` : WEEKDAYS[w - 1]![1];
}

function clock(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/** The model in one sentence: what the needed agents are computed from. */
function modelLine(plan: StaffingPlan, zh: boolean): string {
  const hold = plan.holdSeconds === null ? (zh ? "无" : "none") : hms(plan.holdSeconds);
  const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
  return zh
    ? `${plan.arrivals} 个进线咨询；平均咨询时长 ${hold}；每人同时接待 ${plan.chatsPerAgent} 个；目标：${pct(plan.serviceLevel)} 的买家在 ${plan.targetSeconds} 秒内首次回复（Erlang C，按每小时进线数的 ${pct(plan.percentile)} 分位排班）；服务时间 ${plan.serviceHours} 内每小时至少 ${plan.minOnShift} 人`
    : `${plan.arrivals} arrivals; mean consultation ${hold}; ${plan.chatsPerAgent} chats per agent at once; target: ${pct(plan.serviceLevel)} of buyers answered within ${plan.targetSeconds} s (Erlang C, staffed for the p${Math.round(plan.percentile * 100)} of each hour's arrivals); at least ${plan.minOnShift} on shift every whole hour of the service hours ${plan.serviceHours}`;
}

/** An hour with no arrival, nobody on shift and none needed: a row of such hours is left out of the grids. */
function idle(h: StaffingHour): boolean {
  return h.arrivals === 0 && h.staffed === 0 && h.needed === 0;
}

/** Hours (rows) by weekday (columns), one cell per hour of the week the period holds; rows idle every day left out. */
function grid(plan: StaffingPlan, zh: boolean, cell: (h: StaffingHour) => string): string[][] {
  const byKey = new Map(plan.hours.map((h) => [`${h.weekday} ${h.hour}`, h]));
  const hoursShown = [...new Set(plan.hours.filter((h) => !idle(h)).map((h) => h.hour))].sort((a, b) => a - b);
  const days = [...new Set(plan.hours.map((h) => h.weekday))].sort((a, b) => a - b);
  const rows = [[zh ? "时段" : "hour", ...days.map((d) => weekday(d, zh))]];
  for (const hour of hoursShown) rows.push([clock(hour), ...days.map((d) => (byKey.has(`${d} ${hour}`) ? cell(byKey.get(`${d} ${hour}`)!) : ""))]);
  return rows;
}

function mark(h: StaffingHour): string {
  return h.status === "under" ? " !" : h.status === "over" ? " +" : "";
}

/** `kefu-kpi staffing` as a terminal table: the load grid, the staffed/needed grid, and the hours under-staffed. */
export function renderStaffingTable(plan: StaffingPlan, title: string, lang: ReportLang, width: number): string {
  const zh = lang === "zh";
  const out: string[] = [title, modelLine(plan, zh), ""];
  const align = (n: number) => ["left", ...Array.from({ length: n - 1 }, () => "right" as const)] as ("left" | "right")[];
  out.push(
    zh ? "每小时进线：平均（排班依据的分位数）；没有进线、无人在班也无需人手的时段不列" : "arrivals per hour: mean (the percentile staffed for); hours with no arrival, nobody on shift and none needed left out",
  );
  const load = grid(plan, zh, (h) => `${h.mean} (${h.load})`);
  out.push(textTable(load, align(load[0]!.length), { width }), "");
  out.push(zh ? "在班最少人数 / 所需人数（! 不足，+ 有富余）" : "fewest on shift / agents needed (! under-staffed, + an agent spare)");
  const staff = grid(plan, zh, (h) => `${h.staffed}/${h.needed}${mark(h)}`);
  out.push(textTable(staff, align(staff[0]!.length), { width }), "");
  const under = plan.hours.filter((h) => h.status === "under");
  out.push(zh ? `人手不足的时段：${under.length === 0 ? "无" : `${under.length} 个`}；有富余的时段：${plan.over} 个` : `hours under-staffed: ${under.length === 0 ? "none" : under.length}; hours with an agent spare: ${plan.over}`);
  for (const h of under) {
    const sl = h.serviceLevel === null ? "" : zh ? `，在班人数的服务水平 ${Math.round(h.serviceLevel * 1000) / 10}%` : `, service level with those on shift ${Math.round(h.serviceLevel * 1000) / 10}%`;
    out.push(
      zh
        ? `  ! ${weekday(h.weekday, true)} ${clock(h.hour)}：需 ${h.needed} 人，最少时 ${h.staffed} 人在班（每小时进线 ${h.load}${sl}）`
        : `  ! ${weekday(h.weekday, false)} ${clock(h.hour)}: ${h.needed} needed, as few as ${h.staffed} on shift (load ${h.load} an hour${sl})`,
    );
  }
  return visibleText(fitLines(out.join("\n"), width) + "\n");
}

/**
 * The HTML section: per hour of the week, a chart of the arrivals (mean, and the load staffed for)
 * and one of the fewest agents on shift against the agents needed, then the grid. SVG, no script;
 * each column's numbers in its tooltip (`<title>`).
 */
export function staffingHtmlSection(plan: StaffingPlan, lang: ReportLang): HtmlSection {
  const zh = lang === "zh";
  const step = 5;
  const left = 28;
  const width = left + 7 * 24 * step + 4;
  const top = 18;
  const plot = 100;
  const height = top + plot + 22;
  const slot = (h: StaffingHour): number => left + ((h.weekday - 1) * 24 + h.hour) * step;
  const scale = (max: number) => (v: number) => (max === 0 ? 0 : (v / max) * plot);
  const frame = (title: string, max: number): string =>
    `<text x="0" y="12" class="title">${esc(title)}</text>` +
    `<text x="${left - 4}" y="${top + 8}" text-anchor="end">${max}</text><text x="${left - 4}" y="${top + plot}" text-anchor="end">0</text>` +
    WEEKDAYS.map((_, d) => `<line x1="${left + d * 24 * step}" y1="${top}" x2="${left + d * 24 * step}" y2="${top + plot}" class="axis"></line><text x="${left + d * 24 * step + 2}" y="${top + plot + 14}">${esc(weekday(d + 1, zh))}</text>`).join("");
  const svg = (label: string, body: string): string =>
    `<figure><svg class="chart" role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${body}</svg></figure>`;

  const loadMax = Math.max(1, ...plan.hours.map((h) => h.load));
  const y1 = scale(loadMax);
  const loadTitle = zh ? "每小时进线：平均（实心）与排班依据的分位数（线）" : "arrivals per hour: mean (bars) and the load staffed for (ticks)";
  const loadBody = plan.hours
    .map((h) => {
      const tip = zh ? `${weekday(h.weekday, true)} ${clock(h.hour)}：平均 ${h.mean}，分位数 ${h.load}` : `${weekday(h.weekday, false)} ${clock(h.hour)}: mean ${h.mean}, load ${h.load}`;
      return `<g class="hour" data-weekday="${h.weekday}" data-hour="${h.hour}" data-mean="${h.mean}" data-load="${h.load}"><title>${esc(tip)}</title><rect x="${slot(h)}" y="${(top + plot - y1(h.mean)).toFixed(1)}" width="${step - 1}" height="${y1(h.mean).toFixed(1)}"></rect><line x1="${slot(h)}" x2="${slot(h) + step - 1}" y1="${(top + plot - y1(h.load)).toFixed(1)}" y2="${(top + plot - y1(h.load)).toFixed(1)}" class="target"></line></g>`;
    })
    .join("");

  const staffMax = Math.max(1, ...plan.hours.map((h) => Math.max(h.staffed, h.needed)));
  const y2 = scale(staffMax);
  const staffTitle = zh ? "在班最少人数（实心；不足时为红色，底色粉红）与所需人数（线）" : "fewest on shift (bars; red, on a pink band, when under-staffed) and agents needed (ticks)";
  const staffBody = plan.hours
    .map((h) => {
      const tip = zh
        ? `${weekday(h.weekday, true)} ${clock(h.hour)}：在班最少 ${h.staffed}，需 ${h.needed}`
        : `${weekday(h.weekday, false)} ${clock(h.hour)}: fewest on shift ${h.staffed}, needed ${h.needed}`;
      return `<g class="hour ${h.status}" data-weekday="${h.weekday}" data-hour="${h.hour}" data-staffed="${h.staffed}" data-needed="${h.needed}" data-status="${h.status}"><title>${esc(tip)}</title>${h.status === "under" ? `<rect x="${slot(h)}" y="${top}" width="${step}" height="${plot}" class="band"></rect>` : ""}<rect x="${slot(h)}" y="${(top + plot - y2(h.staffed)).toFixed(1)}" width="${step - 1}" height="${y2(h.staffed).toFixed(1)}"></rect><line x1="${slot(h)}" x2="${slot(h) + step - 1}" y1="${(top + plot - y2(h.needed)).toFixed(1)}" y2="${(top + plot - y2(h.needed)).toFixed(1)}" class="target"></line></g>`;
    })
    .join("");

  const [header, ...rows] = grid(plan, zh, (h) => `${h.staffed}/${h.needed}${mark(h)}`);
  const style = `<style>svg .target{stroke:#c0392b;stroke-width:2}svg .axis{stroke:#bbb}svg .under rect{fill:#c0392b}svg .under rect.band{fill:#f6d5d1}</style>`;
  return {
    title: zh ? "排班与人手（Erlang C）" : "Staffing (Erlang C)",
    html:
      style +
      `<p>${esc(modelLine(plan, zh))}</p>` +
      svg(loadTitle, frame(loadTitle, loadMax) + loadBody) +
      svg(staffTitle, frame(staffTitle, staffMax) + staffBody) +
      `<p>${esc(zh ? "在班最少人数 / 所需人数（! 不足，+ 有富余）" : "fewest on shift / agents needed (! under-staffed, + an agent spare)")}</p>` +
      table(header!, rows, header!.map((_, i) => i > 0)),
  };
}
