/**
 * The people section of the month report and the duty sheet as terminal text (what the CLI
 * prints). Pure functions; they live with the CLI in `kefu-kpi/node` so the browser bundle
 * carries no terminal text.
 */
import { readSelected } from "../lazy.js";
import { fitLines, hms, textTable, visibleText } from "./text.js";
import { count, localTime, message, renderSettings, showScore, type RenderOptions, type ReportLang } from "./lang.js";
import type { PeopleReport } from "../report/peopleSchema.js";
import type { DutySheet } from "../month/dutySheet.js";
import type { Duty } from "../roster/assignDuties.js";

const PROBATION: Record<string, readonly [string, string]> = {
  none: ["—", "—"],
  inProbation: ["试用期", "in probation"],
  earlyRegularization: ["可提前转正", "may be regularized early"],
  regularized: ["已转正", "regularized"],
  failed: ["试用未通过", "failed"],
  evaluationIncomplete: ["考评未完成", "evaluation incomplete"],
};
const KIND: Record<Duty["kind"], readonly [string, string]> = {
  addressCheck: ["核对地址", "address check"],
  smsReminder: ["短信催付", "SMS reminder"],
  humanReminder: ["人工催付", "payment reminder"],
  returnedParcel: ["退货包裹", "returned parcel"],
  shopReview: ["中差评", "review"],
};
// The grades' Chinese names as the seeds give them (a policy may relabel the current grade; the
// standing carries that label, the next grade is named by its id).
const GRADE: Record<string, readonly [string, string]> = {
  junior: ["初级客服", "junior"],
  intermediate: ["中级客服", "intermediate"],
  senior: ["高级客服", "senior"],
  expert: ["资深客服", "expert"],
};
const ACTION: Record<string, readonly [string, string]> = {
  verbalWarning: ["口头警告", "verbal warning"],
  warning: ["警告", "warning"],
  noticeOfCriticism: ["通报批评", "notice of criticism"],
  minorDemerit: ["记小过", "minor demerit"],
  majorDemerit: ["记大过", "major demerit"],
  compensation: ["赔偿", "compensation"],
  dismissal: ["开除", "dismissal"],
};
const REWARD: Record<string, readonly [string, string]> = {
  dataErrorFound: ["发现商品数据错误", "data error found"],
  suggestionAdopted: ["建议被采纳", "suggestion adopted"],
  performanceAward: ["业绩奖", "performance award"],
  specialAward: ["特别奖", "special award"],
};
const REQUIREMENT: Record<string, string> = { promotionReview: "晋升考核" };
const ROSTER_RULE: Record<string, readonly [string, string]> = {
  restDays: ["休息天数", "rest days"],
  nightThenDay: ["晚班接白班", "night then day"],
  consecutiveDays: ["连续上班", "days in a row"],
  handover: ["交接班", "hand-over"],
  wholeDayOff: ["整天休息", "whole day off"],
  hoursSpread: ["工时差距", "hours spread"],
  unrosteredDays: ["未排班", "unrostered days"],
};

const pick = (pair: readonly [string, string] | undefined, lang: ReportLang, id: string): string => (pair ? pair[lang === "zh" ? 0 : 1] : id);

type Standing = PeopleReport["standings"][number];

/** Why an agent is not promoted, in the report's language. A dismissed agent's one reason is the dismissal. */
function promotionReasons(s: Standing, lang: ReportLang): string {
  const reasons = s.dismissed ? s.promotion.reasons.filter((r) => r.code === "dismissed") : s.promotion.reasons;
  const zh = lang === "zh";
  return reasons
    .map((r) => {
      let m: RegExpExecArray | null;
      switch (r.code) {
        case "scoreBelow":
          m = /^(\S+) score (\S+) < (\S+)$/.exec(r.message);
          if (m) return zh ? `${m[1]} 得分 ${showScore(m[2]!)} 低于 ${showScore(m[3]!)}` : `${m[1]} score ${showScore(m[2]!)} < ${showScore(m[3]!)}`;
          break;
        case "scoreMissing":
          m = /for (\S+)$/.exec(r.message);
          if (m && zh) return `${m[1]} 没有考核得分`;
          break;
        case "dismissed":
          m = /on (\S+)$/.exec(r.message);
          if (m && zh) return `已于 ${m[1]} 开除`;
          break;
        case "inProbation":
          if (zh) return `未转正（试用期至 ${s.probation.endsOn ?? "—"}）`;
          break;
        case "tooFewMonths":
          m = /^(\d+) of (\d+) months in grade \(reached on (\S+)\)$/.exec(r.message);
          if (m && zh) return `在级 ${m[1]} 个月，需 ${m[2]} 个月（${m[3]} 满）`;
          break;
        case "topGrade":
          if (zh) return `${s.gradeLabel} 已是最高级别`;
          break;
        case "noGradeSince":
          if (zh) return "未填定级日期（gradeSince），在级月数未知";
          break;
        case "probationFailed":
          if (zh) return "试用考评未通过";
          break;
        case "requirementMissing":
          m = /^requirement (\S+) of (.+) not assessed$/.exec(r.message);
          if (m && zh) return `${m[2]}的${REQUIREMENT[m[1]!] ?? m[1]}未考核`;
          break;
        case "requirementFailed":
          m = /^requirement (\S+) of (.+) not passed \((\S+)\)$/.exec(r.message);
          if (m && zh) return `${m[2]}的${REQUIREMENT[m[1]!] ?? m[1]}未通过（${m[3]!.slice(0, 10)}）`;
          break;
      }
      return zh ? `原文：${r.message}` : r.message;
    })
    .join(zh ? "；" : "; ");
}

/** Why a roster breaks a rule, in the report's language. */
function rosterBreach(b: { rule: string; message: string }, lang: ReportLang): string {
  if (lang === "en") return b.message;
  let m = /^night shift on (\S+) followed by a full day shift$/.exec(b.message);
  if (m) return `${m[1]} 上晚班，次日接全天白班`;
  m = /^(\d+) rest days in (\S+); expected (\d+)/.exec(b.message);
  if (m) return `${m[2]} 休息 ${m[1]} 天，应为 ${m[3]} 天（roster.restDaysPerMonth）`;
  m = /^(\S+) h in (\S+), (above|below) the team mean (\S+) h by more than (\d+) h/.exec(b.message);
  if (m) return `${m[2]} 工时 ${m[1]}，${m[3] === "above" ? "高于" : "低于"}团队平均 ${m[4]} 超过 ${m[5]} 小时（roster.hoursTolerance）`;
  m = /^the (\d+)\w\w working day in a row \(from (\S+)\); at most (\d+)/.exec(b.message);
  if (m) return `自 ${m[2]} 起连续上班第 ${m[1]} 天，最多 ${m[3]} 天（做六休一，roster.maxConsecutiveDays）`;
  m = /^the day shift ends at (\S+), before the night shift \((.+)\) starts at (\S+): (\S+) with no hand-over/.exec(b.message);
  if (m) return `白班 ${m[1]} 下班，晚班（${m[2]}）${m[3]} 才上线：${m[4]} 无人交接（roster.shifts）`;
  m = /^no whole day off in (\S+)$/.exec(b.message);
  if (m) return `${m[1]} 没有整天休息`;
  m = /^(\d+) days without a roster row: (.+)$/.exec(b.message);
  if (m) return `${m[1]} 天没有排班：${m[2]!.replaceAll(", ", "、")}`;
  return `原文：${b.message}`;
}

/** The people section as text (empty parts are said to be empty, never left out), in Chinese unless `lang: "en"`. */
export function renderPeopleTable(people: PeopleReport, options?: RenderOptions): string {
  const { lang, width } = renderSettings("Asia/Shanghai", options);
  const zh = lang === "zh";
  const out: string[] = [];
  out.push("", zh ? `级别与晋升（截至 ${people.asOf}）` : `grades and promotion (as of ${people.asOf})`);
  if (people.standings.length === 0) out.push(zh ? "  （没有客服名单）" : "  (no agents file)");
  else {
    const rows = [zh ? ["工号", "级别", "底薪", "在级月数", "试用", "可晋升", "原因"] : ["agent", "grade", "base", "months", "probation", "promotion", "why not"]];
    for (const s of people.standings) {
      const dismissed = people.discipline.agents.find((a) => a.agentId === s.agentId)?.dismissedAt ?? null;
      rows.push([
        s.agentId,
        zh ? s.gradeLabel : s.grade,
        s.baseSalary,
        s.monthsInGrade === null ? "—" : String(s.monthsInGrade),
        // A dismissed agent is neither on probation nor up for regularization: the dismissal is said instead.
        s.dismissed ? (zh ? `已开除${dismissed === null ? "" : ` ${dismissed.slice(0, 10)}`}` : `dismissed${dismissed === null ? "" : ` ${dismissed.slice(0, 10)}`}`) : pick(PROBATION[s.probation.status], lang, s.probation.status),
        s.promotion.eligible ? `${zh ? "是" : "yes"} → ${pick(GRADE[s.nextGrade ?? ""], lang, s.nextGrade ?? "")}` : zh ? "否" : "no",
        promotionReasons(s, lang),
      ]);
    }
    out.push(textTable(rows, ["left", "left", "right", "right", "left", "left", "left"], { width, wrap: 6 }));
  }
  const rk = people.ranking;
  const ranked = rk.ranking.map((r) => `${r.rank}. ${r.agentId} ${showScore(r.score)}`).join(zh ? "，" : ", ");
  out.push(
    "",
    zh ? `排名：${ranked || "（本月没有得分）"}` : `ranking: ${ranked || "(no scores this month)"}`,
    zh
      ? `末位 ${rk.bottomN} 名：${rk.bottom.join("、") || "—"}${rk.unranked.length > 0 ? `；不参加排名（无得分、试用期或已开除）：${rk.unranked.join("、")}` : ""}`
      : `bottom ${rk.bottomN}: ${rk.bottom.join(", ") || "—"}${rk.unranked.length > 0 ? `; unranked (no score, on probation or dismissed): ${rk.unranked.join(", ")}` : ""}`,
  );

  const sinceHire = people.discipline.window === "sinceHire";
  out.push("", zh ? `违规处罚（${sinceHire ? "自入职起累计次数" : "按自然月累计次数"}）` : `discipline (counting ${sinceHire ? "since hire" : "per calendar month"})`);
  if (people.discipline.lines.length === 0) out.push(zh ? "  （本月没有）" : "  (none this month)");
  else {
    const rows = [zh ? ["日期", "违规", "工号", "责任", "规则", "第几次", "阶梯", "处分", "罚款"] : ["date", "violation", "agent", "liability", "rule", "occurrence", "step", "actions", "fine"]];
    for (const l of people.discipline.lines) {
      rows.push([
        l.date,
        l.violationId,
        l.agentId,
        zh ? (l.liability === "violator" ? "本人" : "主管连带") : l.liability,
        // A rule counted with another steps that rule's ladder: the occurrence is of the shared count.
        l.ladderRule === l.rule ? (zh ? l.ruleLabel : l.rule) : zh ? `${l.ruleLabel}（与同一条款合并计次）` : `${l.rule} (counted with ${l.ladderRule})`,
        String(l.occurrence),
        l.step === null ? (zh ? "已开除" : "dismissed") : String(l.step),
        l.actions.map((a) => pick(ACTION[a], lang, a)).join(" + ") || "—",
        l.fine,
      ]);
    }
    out.push(textTable(rows, ["left", "left", "left", "left", "left", "right", "right", "left", "right"], { width, wrap: 4 }));
  }
  // A dismissal is permanent: one of an earlier month is shown in every later one.
  for (const a of people.discipline.agents) {
    if (a.dismissedAt !== null && !people.discipline.lines.some((l) => l.agentId === a.agentId && l.violationId === a.dismissedBy)) {
      const by = a.dismissedBy === null ? "" : zh ? `（${a.dismissedBy}）` : ` (${a.dismissedBy})`;
      out.push(zh ? `  ${a.agentId} 已于 ${a.dismissedAt.slice(0, 10)} 开除${by}` : `  ${a.agentId} dismissed on ${a.dismissedAt.slice(0, 10)}${by}`);
    }
  }
  const f = people.fund;
  out.push("", zh ? `部门活动经费：期初 ${f.opening} + 罚款 ${f.fines} = 期末 ${f.closing}` : `team fund: opening ${f.opening} + fines ${f.fines} = ${f.closing}`);
  if (f.entries.length > 0) {
    const rows = [zh ? ["日期", "工号", "违规", "金额", "余额"] : ["date", "agent", "violation", "amount", "balance"]];
    for (const e of f.entries) rows.push([e.date, e.agentId, e.violationId, e.amount, e.balance]);
    out.push(textTable(rows, ["left", "left", "left", "right", "right"], { width }));
  }

  out.push("", zh ? "奖励" : "rewards");
  if (people.rewards.lines.length === 0) out.push(zh ? "  （本月没有）" : "  (none this month)");
  else {
    const rows = [zh ? ["日期", "工号", "类别", "金额", "依据"] : ["date", "agent", "kind", "amount", "rule"]];
    for (const r of people.rewards.lines) rows.push([r.date, r.agentId, pick(REWARD[r.kind], lang, r.kind), r.amount, zh ? (r.rule === "given" ? "按记录金额" : "按政策定额") : r.rule]);
    out.push(textTable(rows, ["left", "left", "left", "right", "left"], { width }));
    out.push(zh ? `  每人合计：${people.rewards.agents.map((a) => `${a.agentId} ${a.total}`).join("，")}` : `  per agent: ${people.rewards.agents.map((a) => `${a.agentId} ${a.total}`).join(", ")}`);
  }

  out.push("", zh ? "排班" : "roster");
  if (people.roster === null) out.push(zh ? "  （没有排班表）" : "  (no roster file)");
  else {
    const rows = [zh ? ["工号", "白班", "半白班", "晚班", "休息", "工时"] : ["agent", "day", "half-day", "night", "off", "hours"]];
    for (const a of people.roster.agents) rows.push([a.agentId, String(a.shifts.day), String(a.shifts.halfDay), String(a.shifts.night), String(a.restDays), a.hours]);
    out.push(textTable(rows, ["left", "right", "right", "right", "right", "right"], { width }));
    const breaches = people.roster.breaches;
    out.push(
      zh
        ? `  平均工时 ${people.roster.meanHours ?? "—"}；排班问题：${breaches.length === 0 ? "无" : `${breaches.length} 项`}`
        : `  mean hours ${people.roster.meanHours ?? "—"}; breaches: ${breaches.length === 0 ? "none" : breaches.length}`,
    );
    for (const b of breaches) out.push(`  ! ${b.agentId} ${b.date ?? people.roster.month} ${pick(ROSTER_RULE[b.rule], lang, b.rule)}${zh ? "：" : ": "}${rosterBreach(b, lang)}`);
    const { coverage, overtime } = people.roster;
    const gaps = coverage.gaps;
    out.push(
      zh
        ? `  在线时间 ${coverage.serviceHours}，每分钟至少 ${coverage.minOnShift} 人在班；缺口：${coverage.minOnShift === 0 ? "不检查" : gaps.length === 0 ? "无" : `${gaps.length} 段`}`
        : `  service hours ${coverage.serviceHours}, at least ${coverage.minOnShift} on shift; gaps: ${coverage.minOnShift === 0 ? "not checked" : gaps.length === 0 ? "none" : gaps.length}`,
    );
    for (const g of gaps) out.push(`  ! ${g.date} ${g.from}–${g.to} ${zh ? `在班 ${g.onShift} 人，应至少 ${g.required} 人` : `${g.onShift} on shift, ${g.required} needed`}`);
    out.push(zh ? `  下班后仍在接待（加班）：${overtime.length === 0 ? "无" : `${overtime.length} 次`}` : `  overtime (serving a buyer past the shift's end): ${overtime.length === 0 ? "none" : overtime.length}`);
    for (const o of overtime) {
      const time = `${o.shiftEnd.slice(11, 16)}→${o.until.slice(11, 19)}`;
      out.push(`  ${o.agentId} ${o.date} ${time} ${hms(o.seconds)} ${zh ? `（${o.consultations} 个咨询）` : `(${o.consultations} consultation${o.consultations === 1 ? "" : "s"})`}`);
    }
  }

  const d = people.duties;
  out.push("", zh ? `职责：自动短信 ${d.system} 条，无人负责 ${d.unowned} 项` : `duties: ${d.system} automatic (SMS), ${d.unowned} unowned`);
  if (d.agents.length > 0) {
    const kinds = Object.keys(KIND) as Duty["kind"][];
    const rows = [[zh ? "工号" : "agent", ...kinds.map((k) => pick(KIND[k], lang, k))]];
    for (const a of d.agents) rows.push([a.agentId, ...kinds.map((k) => String(a.counts[k] ?? 0))]);
    out.push(textTable(rows, ["left", ...kinds.map(() => "right" as const)], { width }));
  }
  // The payment reminders' outcomes (催付效果): paid before the month's end, and what they paid.
  const r = d.reminders;
  const line = (t: typeof r.sms): string =>
    zh ? `应催 ${t.owed}，月底前付款 ${t.paid}（挽回 ${t.recovered} 元，成功率 ${t.rate ?? "—"}），仍未付款 ${t.unpaid}` : `owed ${t.owed}, paid by the month's end ${t.paid} (recovered ${t.recovered}, rate ${t.rate ?? "—"}), still unpaid ${t.unpaid}`;
  out.push(zh ? `催付效果：短信催付 ${line(r.sms)}` : `payment reminders: SMS ${line(r.sms)}`, zh ? `  人工催付 ${line(r.human)}` : `  human ${line(r.human)}`);
  const reminderRows = [...r.agents, ...(r.unowned.owed > 0 ? [{ agentId: zh ? "无人负责" : "unowned", ...r.unowned }] : [])];
  if (reminderRows.length > 0) {
    out.push(
      textTable(
        [
          zh ? ["工号", "人工催付", "已付款", "挽回金额", "成功率", "未付款"] : ["agent", "human reminders", "paid", "recovered", "rate", "unpaid"],
          ...reminderRows.map((a) => [a.agentId, String(a.owed), String(a.paid), a.recovered, a.rate ?? "—", String(a.unpaid)]),
        ],
        ["left", "right", "right", "right", "right", "right"],
        { width },
      ),
    );
  }
  // The unowned duties only, built alone (the list of every duty is as long as the month's orders).
  const unowned = readSelected(d, "items", { unowned: true }, (all: typeof d.items) => all);
  for (const u of unowned.filter((x) => x.by === "agent" && x.owner === null)) {
    out.push(
      zh
        ? `  ! 无人负责：${KIND[u.kind][0]} ${u.ref}（${localTime(u.due)} 起）：${message(u.unowned ?? "", lang)}`
        : `  ! unowned ${KIND[u.kind][1]} ${u.ref} due ${u.due}: ${u.unowned ?? ""}`,
    );
  }
  return visibleText(fitLines(out.join("\n"), width) + "\n");
}

const SHIFT: Record<string, readonly [string, string]> = { day: ["白班", "day"], halfDay: ["半白班", "half-day"], night: ["晚班", "night"], off: ["休息", "off"] };
const WEEKDAY: readonly (readonly [string, string])[] = [["", ""], ["一", "Mon"], ["二", "Tue"], ["三", "Wed"], ["四", "Thu"], ["五", "Fri"], ["六", "Sat"], ["日", "Sun"]];
const WEEK_RULE = "Mon–Fri the night shift, Sat–Sun the agent on duty";
const WEEK_RULE_ZH = "周一至周五晚班、周六周日当班客服";

/** A duty's rule (`R1 催付: unpaid at 30 min; …`) in the sheet's language. */
function dutyRule(rule: string, lang: ReportLang): string {
  if (lang === "en") return rule;
  const text = rule.replace(WEEK_RULE, WEEK_RULE_ZH);
  let m = /^R1 短信催付: unpaid at (\d+) min, > (\S+)$/.exec(text);
  if (m) return `R1 短信催付：下单 ${m[1]} 分钟未付款、金额大于 ${m[2]}`;
  m = /^R1 催付 \(谁的顾客谁跟进\): unpaid at (\d+) min; the buyer's agent \(placeAgent\), by the end of their shift that day or their next within (\d+) days$/.exec(text);
  if (m) return `R1 催付（谁的顾客谁跟进）：下单 ${m[1]} 分钟未付款；落实下单客服，当天或 ${m[2]} 天内下一个班次结束前`;
  m = /^R1 催付: unpaid at (\d+) min; no placeAgent \(the buyer was not served before placing\): (.+)$/.exec(text);
  if (m) return `R1 催付：下单 ${m[1]} 分钟未付款；没有落实下单客服（下单前未接待）：${m[2]}`;
  m = /^R1 催付: unpaid at (\d+) min; the orders' placeAgent was not given: (.+)$/.exec(text);
  if (m) return `R1 催付：下单 ${m[1]} 分钟未付款；未提供订单的落实下单客服：${m[2]}`;
  m = /^R1 催付: unpaid at (\d+) min; the buyer's agent (\S+) \(placeAgent\) has no shift from (\S+) within (\d+) days: (.+)$/.exec(text);
  if (m) return `R1 催付：下单 ${m[1]} 分钟未付款；落实下单客服 ${m[2]} 自 ${m[3]} 起 ${m[4]} 天内无班次：${m[5]}`;
  m = /^R1 催付: unpaid at (\d+) min; (.+)$/.exec(text);
  if (m) return `R1 催付：下单 ${m[1]} 分钟未付款；${m[2]}`;
  if (text === "R1 核对地址: payAgent, at payment") return "R1 核对地址：落实付款客服，付款时";
  m = /^R1 退货包裹: by (\S+); (.+)$/.exec(text);
  if (m) return `R1 退货包裹：${m[1]} 前处理；${m[2]}`;
  m = /^R1 中差评: first review on day (\d+) \((odd|even)\): (\S+)$/.exec(text);
  if (m) return `R1 中差评：${m[1]} 日的首条评价（${m[2] === "odd" ? "单日" : "双日"}）：${m[3]}`;
  return `原文：${rule}`;
}

/** The duty sheet as terminal text: the day's shifts, then one table per owner, then the unowned duties (Chinese unless `lang: "en"`). */
export function renderDutySheet(sheet: DutySheet, options?: RenderOptions): string {
  const { lang, width } = renderSettings("Asia/Shanghai", options);
  const zh = lang === "zh";
  const k = zh ? 0 : 1;
  const day = WEEKDAY[sheet.weekday] ?? ["", ""];
  const out: string[] = [
    zh
      ? `kefu-kpi 值班职责 ${sheet.date} 周${day[0]}（${sheet.weekend ? "周末：当班客服负责" : "工作日：晚班客服负责"}）`
      : `kefu-kpi duty sheet ${sheet.date} ${day[1]} (${sheet.weekend ? "weekend: the agent on duty" : "weekday: the night shift"})`,
  ];
  const shifts = sheet.shifts.map((s) => `${s.agentId} ${SHIFT[s.shift]?.[k] ?? s.shift}`).join(zh ? "、" : ", ");
  out.push(zh ? `排班：${shifts || "（当天没有排班）"}` : `shifts: ${shifts || "(no roster rows for this date)"}`);
  for (const w of sheet.warnings) out.push(`! ${message(w, lang)}`);
  const table = (duties: readonly Duty[]): string =>
    textTable(
      [
        zh ? ["职责", "单号", "起", "截止", "规则"] : ["duty", "ref", "due", "deadline", "rule"],
        ...duties.map((d) => [KIND[d.kind][k], d.ref, d.due.slice(11, 16), d.deadline ? d.deadline.slice(0, 16).replace("T", " ") : "—", dutyRule(d.rule, lang)]),
      ],
      ["left", "left", "left", "left", "left"],
      { width, wrap: 4 },
    );
  // An agent off (or not rostered) this day still owns the address checks of the orders paid through
  // them (R1: the payAgent, at payment): said beside the name, so the sheet does not look wrong.
  const shiftOf = new Map(sheet.shifts.map((s) => [s.agentId, s.shift]));
  const gone = new Map(sheet.dismissed.map((d) => [d.agentId, d.dismissedAt]));
  for (const a of sheet.agents) {
    const shift = shiftOf.get(a.agentId);
    const free = shift === undefined || shift === "off";
    const dismissedAt = gone.get(a.agentId);
    const off = !free
      ? ""
      : dismissedAt !== undefined
        ? zh
          ? `（已于 ${dismissedAt.slice(0, 10)} 开除；核对地址随落实付款客服，不看排班）`
          : ` (dismissed on ${dismissedAt.slice(0, 10)}; the address checks follow the payAgent whatever the shift)`
        : zh
        ? `（当天${shift === "off" ? "休息" : "未排班"}；核对地址随落实付款客服，不看排班）`
        : ` (${shift === "off" ? "off" : "not rostered"} this day; the address checks follow the payAgent whatever the shift)`;
    out.push("", zh ? `${a.agentId}：${a.duties.length} 项职责${off}` : `${a.agentId}: ${count(a.duties.length, "duty", "duties")}${off}`, table(a.duties));
  }
  if (sheet.agents.length === 0) out.push("", zh ? "（当天没有客服的职责）" : "(no agent duties due this day)");
  const refs = sheet.system.map((d) => d.ref).join(zh ? "、" : ", ");
  out.push(
    "",
    zh
      ? `自动：短信催付 ${sheet.system.length} 条${sheet.system.length > 0 ? `（${refs}）` : ""}`
      : `automatic: ${count(sheet.system.length, "SMS reminder", "SMS reminders")}${sheet.system.length > 0 ? ` (${refs})` : ""}`,
  );
  out.push(zh ? `无人负责：${sheet.unowned.length} 项` : `unowned: ${sheet.unowned.length}`);
  for (const d of sheet.unowned) {
    out.push(zh ? `  ! ${KIND[d.kind][0]} ${d.ref}（${localTime(d.due)} 起）：${message(d.unowned ?? "", lang)}` : `  ! ${KIND[d.kind][1]} ${d.ref} due ${d.due}: ${d.unowned ?? ""}`);
  }
  return visibleText(fitLines(out.join("\n"), width) + "\n");
}
