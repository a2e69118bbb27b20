/**
 * The people section of the month report and the duty sheet as terminal text (what the CLI
 * prints). Pure functions; they live with the CLI in `kefu-kpi/node` so the browser bundle
 * carries no terminal text.
 */
import { readSelected } from "../lazy.js";
import { textTable, visibleText } from "./text.js";
import type { PeopleReport } from "../report/peopleSchema.js";
import type { DutySheet } from "../month/dutySheet.js";
import type { Duty } from "../roster/assignDuties.js";

const PROBATION: Record<string, string> = {
  none: "—",
  inProbation: "试用期 in probation",
  earlyRegularization: "可提前转正 early regularization",
  regularized: "已转正 regularized",
  failed: "未通过 failed",
  evaluationIncomplete: "考评未完成 incomplete",
};
const KIND: Record<Duty["kind"], string> = {
  addressCheck: "核对地址",
  smsReminder: "短信催付",
  humanReminder: "人工催付",
  returnedParcel: "退货包裹",
  shopReview: "中差评",
};

/** The people section as text (empty parts are said to be empty, never left out). */
export function renderPeopleTable(people: PeopleReport): string {
  const out: string[] = [];
  out.push("", `级别与晋升 grades and promotion (as of ${people.asOf})`);
  if (people.standings.length === 0) out.push("  (no agents file)");
  else {
    const rows = [["工号 agent", "级别 grade", "底薪 base", "在级月数 months", "试用 probation", "可晋升 promotion", "原因 reasons why not"]];
    for (const s of people.standings) {
      rows.push([
        s.agentId,
        s.gradeLabel,
        s.baseSalary,
        s.monthsInGrade === null ? "—" : String(s.monthsInGrade),
        PROBATION[s.probation.status] ?? s.probation.status,
        s.promotion.eligible ? `是 yes → ${s.nextGrade}` : "否 no",
        s.promotion.reasons.map((r) => r.message).join("; "),
      ]);
    }
    out.push(textTable(rows, ["left", "left", "right", "right", "left", "left", "left"]));
  }
  const rk = people.ranking;
  out.push(
    "",
    `排名 ranking: ${rk.ranking.map((r) => `${r.rank}. ${r.agentId} ${r.score}`).join(", ") || "(no scores this month)"}`,
    `末位 bottom ${rk.bottomN}: ${rk.bottom.join(", ") || "—"}${rk.unranked.length > 0 ? `; unranked (no score, on probation or dismissed): ${rk.unranked.join(", ")}` : ""}`,
  );

  out.push("", `违规处罚 discipline (counting ${people.discipline.window === "sinceHire" ? "since hire" : "per calendar month"})`);
  if (people.discipline.lines.length === 0) out.push("  (none this month)");
  else {
    const rows = [["日期 date", "违规 violation", "工号 agent", "责任 liability", "规则 rule", "第n次", "步骤 step", "处分 actions", "罚款 fine"]];
    for (const l of people.discipline.lines) {
      rows.push([l.date, l.violationId, l.agentId, l.liability, l.rule, String(l.occurrence), l.step === null ? "已开除 dismissed" : String(l.step), l.actions.join(" + ") || "—", l.fine]);
    }
    out.push(textTable(rows, ["left", "left", "left", "left", "left", "right", "right", "left", "right"]));
  }
  // A dismissal is permanent: one of an earlier month is shown in every later one.
  for (const a of people.discipline.agents) {
    if (a.dismissedAt !== null && !people.discipline.lines.some((l) => l.agentId === a.agentId && l.violationId === a.dismissedBy)) {
      out.push(`  已开除 ${a.agentId} dismissed on ${a.dismissedAt}${a.dismissedBy === null ? "" : ` (${a.dismissedBy})`}`);
    }
  }
  const f = people.fund;
  out.push("", `部门活动经费 fund: opening ${f.opening} + fines ${f.fines} = ${f.closing}`);
  if (f.entries.length > 0) {
    const rows = [["日期 date", "工号 agent", "违规 violation", "金额 amount", "余额 balance"]];
    for (const e of f.entries) rows.push([e.date, e.agentId, e.violationId, e.amount, e.balance]);
    out.push(textTable(rows, ["left", "left", "left", "right", "right"]));
  }

  out.push("", "奖励 rewards");
  if (people.rewards.lines.length === 0) out.push("  (none this month)");
  else {
    const rows = [["日期 date", "工号 agent", "类别 kind", "金额 amount", "规则 rule"]];
    for (const r of people.rewards.lines) rows.push([r.date, r.agentId, r.kind, r.amount, r.rule]);
    out.push(textTable(rows, ["left", "left", "left", "right", "left"]));
    out.push(`  per agent: ${people.rewards.agents.map((a) => `${a.agentId} ${a.total}`).join(", ")}`);
  }

  out.push("", "排班 roster");
  if (people.roster === null) out.push("  (no roster file)");
  else {
    const rows = [["工号 agent", "白班", "半白班", "晚班", "休息", "工时 hours"]];
    for (const a of people.roster.agents) rows.push([a.agentId, String(a.shifts.day), String(a.shifts.halfDay), String(a.shifts.night), String(a.restDays), a.hours]);
    out.push(textTable(rows, ["left", "right", "right", "right", "right", "right"]));
    out.push(`  mean hours ${people.roster.meanHours ?? "—"}; breaches: ${people.roster.breaches.length === 0 ? "none" : ""}`);
    for (const b of people.roster.breaches) out.push(`  ! ${b.agentId} ${b.date ?? people.roster.month} ${b.rule}: ${b.message}`);
  }

  const d = people.duties;
  out.push("", `职责 duties: ${d.system} automatic (SMS), ${d.unowned} unowned`);
  if (d.agents.length > 0) {
    const kinds = Object.keys(KIND) as Duty["kind"][];
    const rows = [["工号 agent", ...kinds.map((k) => KIND[k])]];
    for (const a of d.agents) rows.push([a.agentId, ...kinds.map((k) => String(a.counts[k] ?? 0))]);
    out.push(textTable(rows, ["left", ...kinds.map(() => "right" as const)]));
  }
  // The unowned duties only, built alone (the list of every duty is as long as the month's orders).
  const unowned = readSelected(d, "items", { unowned: true }, (all: typeof d.items) => all);
  for (const u of unowned.filter((x) => x.by === "agent" && x.owner === null)) out.push(`  ! unowned ${KIND[u.kind]} ${u.ref} due ${u.due}: ${u.unowned}`);
  return visibleText(out.join("\n") + "\n");
}

const SHEET_KIND: Record<Duty["kind"], string> = {
  addressCheck: "核对地址 address check",
  smsReminder: "短信催付 SMS reminder",
  humanReminder: "人工催付 payment reminder",
  returnedParcel: "退货包裹 returned parcel",
  shopReview: "中差评 review",
};
const SHIFT: Record<string, string> = { day: "白班 day", halfDay: "半白班 halfDay", night: "晚班 night", off: "休息 off" };
const WEEKDAY = ["", "一 Mon", "二 Tue", "三 Wed", "四 Thu", "五 Fri", "六 Sat", "日 Sun"];

/** The duty sheet as terminal text: the day's shifts, then one table per owner, then the unowned duties. */
export function renderDutySheet(sheet: DutySheet): string {
  const out: string[] = [`kefu-kpi 值班职责 duty sheet ${sheet.date} 周${WEEKDAY[sheet.weekday]}${sheet.weekend ? " (weekend: the agent on duty)" : " (weekday: the night shift)"}`];
  out.push(`排班 shifts: ${sheet.shifts.map((s) => `${s.agentId} ${SHIFT[s.shift] ?? s.shift}`).join(", ") || "(no roster rows for this date)"}`);
  const table = (duties: readonly Duty[]): string =>
    textTable(
      [["职责 duty", "单号 ref", "起 due", "截止 deadline", "规则 rule"], ...duties.map((d) => [SHEET_KIND[d.kind], d.ref, d.due.slice(11, 16), d.deadline ? d.deadline.slice(0, 16).replace("T", " ") : "—", d.rule])],
      ["left", "left", "left", "left", "left"],
    );
  for (const a of sheet.agents) out.push("", `${a.agentId}: ${a.duties.length} duties`, table(a.duties));
  if (sheet.agents.length === 0) out.push("", "(no agent duties due this day)");
  out.push("", `自动 automatic: ${sheet.system.length} SMS reminders${sheet.system.length > 0 ? ` (${sheet.system.map((d) => d.ref).join(", ")})` : ""}`);
  out.push(`无人负责 unowned: ${sheet.unowned.length}`);
  for (const d of sheet.unowned) out.push(`  ! ${SHEET_KIND[d.kind]} ${d.ref} due ${d.due}: ${d.unowned}`);
  return visibleText(out.join("\n") + "\n");
}
