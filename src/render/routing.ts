/** The routing replay (R7) as a terminal table, in Chinese or English. */
import type { RoutingReplay } from "../month/routingReplay.js";
import { localTime, type ReportLang } from "./lang.js";
import { fitLines, hms, textTable, visibleText } from "./text.js";

const STEP: Record<string, readonly [string, string]> = {
  recentAgent: ["最近接待客服", "recent agent"],
  onlineMatching: ["在线的对应组", "online, matching group"],
  onlineOther: ["在线的不对应组", "online, other group"],
  busyMatching: ["忙碌的对应组", "busy, matching group"],
  busyOther: ["忙碌的不对应组", "busy, other group"],
  nobody: ["无人在线", "nobody on shift"],
};
const GROUP = { preSales: ["售前", "pre-sales"], afterSales: ["售后", "after-sales"] } as const;

/** The differences listed in the table; the JSON format lists them all. */
export const ROUTING_DIFFERENCES_SHOWN = 50;

/** `kefu-kpi routing` as a terminal table: the load per agent, the buyers who waited, the audit per step and its differences. */
export function renderRoutingTable(replay: RoutingReplay, title: string, lang: ReportLang, width: number): string {
  const zh = lang === "zh";
  const i = zh ? 0 : 1;
  const out: string[] = [title];
  out.push(
    zh
      ? `${replay.arrivals} 个进线咨询；${replay.split ? "按来源分流售前/售后" : "只有售前组，不分流"}；在线 = 在班（排班表），已开除不算`
      : `${replay.arrivals} arrivals; ${replay.split ? "split into pre- and after-sales by source" : "no split: the shop has no after-sales agent"}; online = on shift by the roster, not past a dismissal`,
    "",
  );
  const rows = [zh ? ["工号", "分组", "按规则分配", "最多同时接待", "实际接待"] : ["agent", "group", "routed by R7", "peak load", "actually took"]];
  for (const a of replay.agents) rows.push([a.agentId, GROUP[a.group][i], String(a.routed), String(a.peakLoad), String(a.actual)]);
  out.push(textTable(rows, ["left", "left", "right", "right", "right"], { width }), "");

  const waiting = replay.waiting;
  out.push(zh ? `无人在班时进线：${waiting.length === 0 ? "无" : `${waiting.length} 个`}` : `arrived with nobody on shift: ${waiting.length === 0 ? "none" : waiting.length}`);
  for (const w of waiting) {
    const next = w.onlineAt === null ? (zh ? "之后没有排班" : "no later shift rostered") : zh ? `${localTime(w.onlineAt)} 才有人上线（等待 ${hms(w.waitSeconds!)}）` : `someone came online ${localTime(w.onlineAt)} (${hms(w.waitSeconds!)} later)`;
    out.push(`  ! ${w.consultationId} ${localTime(w.at)} ${GROUP[w.group][i]}: ${next}`);
  }

  const audit = replay.audit;
  out.push(
    "",
    zh
      ? `核对：按实际状态（各客服当时实际接待数、买家实际的最近接待客服）应分配的客服与实际接待客服不同：${audit.differs} / ${replay.arrivals}`
      : `audit, R7 in the real state (the chats each agent really held, the buyer's real last agent) against the agent who took the chat: ${audit.differs} of ${replay.arrivals} differ`,
  );
  const steps = [zh ? ["规则步骤", "进线", "实际不同"] : ["step", "arrivals", "differ"]];
  for (const s of audit.steps) steps.push([STEP[s.step]![i]!, String(s.arrivals), String(s.differs)]);
  out.push(textTable(steps, ["left", "right", "right"], { width }));
  const shown = audit.differences.slice(0, ROUTING_DIFFERENCES_SHOWN);
  for (const d of shown) {
    const routed = d.routed ?? (zh ? "无人" : "nobody");
    out.push(zh ? `  ${d.consultationId} ${localTime(d.at)} 实际 ${d.actual}，规则 ${routed}（${STEP[d.step]![0]}）` : `  ${d.consultationId} ${localTime(d.at)} took ${d.actual}, R7 ${routed} (${STEP[d.step]![1]})`);
  }
  if (audit.differs > shown.length) {
    const more = audit.differs - shown.length;
    out.push(zh ? `  另有 ${more} 个未列出：--format json 列出全部` : `  ${more} more not listed: --format json lists them all`);
  }
  return visibleText(fitLines(out.join("\n"), width) + "\n");
}
