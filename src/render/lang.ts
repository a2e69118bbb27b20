/**
 * The language of the reports a person reads (the terminal tables and the HTML page): Chinese for
 * a team lead (`zh`: no English word but the ids), English for everyone else (`en`). The ids of
 * agents, orders, metrics and rules are the same in both, and the JSON and CSV reports are for apps:
 * they keep the English ids whatever the language.
 */

import { IssueCode, KefuKpiError, type Issue } from "../errors.js";
import { describeValue } from "../input.js";
import { KINDS } from "../records/kinds.js";

/** The language of a rendered report. */
export type ReportLang = "zh" | "en";

/** The options every human-readable renderer takes. */
export interface RenderOptions {
  /** `zh` or `en`; default {@link defaultLang} of the report's time zone. */
  readonly lang?: ReportLang | undefined;
  /** The widest a line may be, in terminal columns (default 120): wider tables wrap or split. */
  readonly width?: number | undefined;
}

/** The width a terminal report fits unless told otherwise. */
export const DEFAULT_WIDTH = 120;

// Mainland China's zones as the tz database names them (Asia/Shanghai and Asia/Urumqi, and the
// older names that link to them): a shop keeping its books in one is read by a Chinese team lead.
const CHINA_ZONES = new Set(["Asia/Shanghai", "Asia/Urumqi", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "Asia/Kashgar", "PRC"]);

/**
 * The language a report is written in when none is asked for: `zh` when the policy's time zone is
 * in mainland China (Asia/Shanghai, the default, and its links; Asia/Urumqi), else `en`.
 *
 * @example
 * defaultLang("Asia/Shanghai") //=> "zh"
 * defaultLang("Europe/Berlin") //=> "en"
 */
export function defaultLang(timeZone: string): ReportLang {
  return CHINA_ZONES.has(timeZone) ? "zh" : "en";
}

/**
 * The language and width of one rendering: the options', else the zone's language and 120 columns.
 * A language or width of another form is an error naming the option, not a silent default.
 */
export function renderSettings(timeZone: string, options: RenderOptions | undefined): { lang: ReportLang; width: number } {
  const lang: unknown = options?.lang;
  const width: unknown = options?.width;
  const issues: Issue[] = [];
  if (lang !== undefined && lang !== "zh" && lang !== "en") issues.push({ code: IssueCode.invalidValue, path: ["options", "lang"], message: `expected "zh" or "en", got ${describeValue(lang)}` });
  if (width !== undefined && !(typeof width === "number" && Number.isInteger(width) && width >= 40)) {
    issues.push({ code: IssueCode.invalidValue, path: ["options", "width"], message: `expected a whole number of columns, at least 40, got ${describeValue(width)}` });
  }
  if (issues.length > 0) throw new KefuKpiError(issues);
  return { lang: (lang as ReportLang | undefined) ?? defaultLang(timeZone), width: (width as number | undefined) ?? DEFAULT_WIDTH };
}

/** A score or threshold as every report shows it: two decimals (`79.5` → `79.50`, `80` → `80.00`). */
export function showScore(score: string | number): string {
  const text = String(score);
  const m = /^(-?\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return text;
  const frac = (m[2] ?? "").padEnd(2, "0");
  // Scores carry at most two decimals; anything finer is shown as given, never rounded here.
  return frac.length > 2 ? text : `${m[1]}.${frac}`;
}

const GROUP_LABELS: Record<ReportLang, Record<string, string>> = {
  zh: { presale: "售前", insale: "售中", aftersale: "售后" },
  en: { presale: "pre-sales", insale: "in-sales", aftersale: "after-sales" },
};

/** An agent group's name (`presale` → 售前 / pre-sales). */
export function groupLabel(group: string | null | undefined, lang: ReportLang): string {
  return group ? (GROUP_LABELS[lang][group] ?? group) : "";
}

/** Plural English: `1 duty`, `2 duties`. */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

// The messages the rule families write in English (warnings, the reasons a duty has no owner, why a
// score is not scored), each with its Chinese: a pattern over the English text and the Chinese made
// from its parts. A message no pattern knows is shown in English behind 原文 rather than dropped.
const ZH_MESSAGES: readonly (readonly [RegExp, (...parts: string[]) => string])[] = [
  [/^no orders \(file\) given: the month has no sales$/, () => "未提供订单（orders）：本月没有销售"],
  [/^no consultations \(file\) given: every paid order counts as fully silent \(全静默\)$/, () => "未提供咨询记录（consultations）：所有已付款订单都计为全静默"],
  [/^no agents \(file\) given: agents are listed by the ids seen in the data, without name, group or grade$/, () => "未提供客服名单（agents）：客服按数据中出现的工号列出，没有姓名、组别和级别"],
  [/^no agents \(file\) given: no pay statements \(the base salary follows the grade\)$/, () => "未提供客服名单（agents）：不出工资单（底薪按级别定）"],
  [/^no violations \(file\) given: no fines and no penalty-ladder dismissals in the pay statements$/, () => "未提供违规记录（violations）：工资单中没有罚款，也没有按处罚阶梯的开除"],
  [
    /^no violations \(file\) given: only (the upheld complaints)?(?: and )?(the attendance)? step the penalty ladders$/,
    (complaints, attendance) => `未提供违规记录（violations）：只有${[complaints ? "成立的投诉" : "", attendance ? "考勤" : ""].filter((x) => x !== "").join("和")}计入处罚阶梯`,
  ],
  [/^no roster \(file\) given: the attendance is checked against nothing \(no late, early or absent\)$/, () => "未提供排班（roster）：考勤无从核对（不判迟到、早退、旷工）"],
  [/^no attendance \(file\) given: no late, early or absent is checked against the roster$/, () => "未提供考勤（attendance）：不按排班核对迟到、早退、旷工"],
  [/^no rewards \(file\) given: no rewards in the pay statements$/, () => "未提供奖励记录（rewards）：工资单中没有奖励"],
  [/^no (.+) \(files?\) given: the KPIs computed from (?:them|it) are null \(no data\)$/, (kinds) => `未提供 ${kinds.replaceAll(", ", "、")}：由其计算的KPI为空（无数据）`],
  [/^no (.+) \(files?\) given: the service levels checked from (?:them|it) have no data$/, (kinds) => `未提供 ${kinds.replaceAll(", ", "、")}：由其检查的服务时效无数据`],
  [/^(\S+) has no orders and no consultations: its pay is base salaries alone$/, (m) => `${m} 没有订单也没有咨询：工资只有底薪`],
  [
    /^(\S+) has no order placed or paid and no consultation started in it; the data's (.+) are in (.+?): is the month right\?$/,
    (m, _what, where) => `${m} 内没有下单、付款的订单，也没有开始的咨询；数据在 ${where.replace(/ and (\d+) more months/, " 等另外 $1 个月")}：月份是否填对？`,
  ],
  [/^(\d+) paid orders of (\S+) have no buyer id, so they cannot be linked to chats and count as fully silent$/, (n, m) => `${m} 有 ${n} 笔已付款订单没有买家ID，无法关联聊天，计为全静默`],
  [
    /^orders: shop (.+) has (\d+) orders and no consultations: its paid orders count as fully silent \(全静默\)$/,
    (shop, n) => `订单：店铺 ${shop === "(none)" ? "（无）" : shop} 有 ${n} 笔订单而没有咨询记录：其已付款订单计为全静默`,
  ],
  [
    /^orders: (\S+)'s (.+?) (?:is|are) (\S+) by the order of the rows: consultations (\S+) \((\S+)\) and (\S+) \((\S+)\) served its buyer as late and were first answered at the same instant, and the later row counts; listed the other way round, (\S+) would be$/,
    (order, roles, winner, c1, a1, c2, a2, other) =>
      `订单：${order} 的${roles.replace(/ placeAgent/g, "").replace(/ payAgent/g, "").replace(" and ", "和")}是 ${winner}，由行的先后决定：咨询 ${c1}（${a1}）和 ${c2}（${a2}）同样最晚接待该买家、首次回复在同一时刻，以后一行为准；两行顺序颠倒则是 ${other}`,
  ],
  [
    /^shipments: (\d+) shipments? (?:is|are) of (?:an order|orders) not among the orders \((.+)\), so no shipping rule checks (?:it|them)$/,
    (n, ids) => `发货：${n} 条发货记录的订单不在订单中（${ids}），不做发货检查`,
  ],
  [/^traffic: no record gives (\d+) days? of (\S+) \((.+)\), left out of the month's conversion rate$/, (n, period, dates) => `流量：${period} 有 ${n} 天没有流量记录（${dates.replaceAll(", ", "、")}），不计入本月转化率`],
  [/^transfers: (\d+) consultations? (?:was|were) transferred to an agent with no consultation of the buyer from then on \((.+)\); check the consultations$/, (n, ids) => `转接：${n} 个咨询转给的客服此后没有与该买家的咨询（${ids.replaceAll(", ", "、")}），请核对咨询记录`],
  [/^traffic: (\d+) days? (?:has|have) more paying buyers than visitors \((.+)\); check the traffic records$/, (n, dates) => `流量：${n} 天的付款买家多于访客（${dates.replaceAll(", ", "、")}），请核对流量记录`],
  [/^(.+): its 发货时间 not used: the shipments (?:file|range) gives the shipments$/, (file) => `${file}：未使用其发货时间，以单独提供的发货记录为准`],
  [/^(.+) (?:has|have) 发货时间 but (.+) (?:has|have) not: no shipments read from the exports$/, (some, others) => `${some} 有发货时间而 ${others} 没有：不从导出文件读取发货记录`],
  [/^orders: (\d+) more orders whose placeAgent or payAgent the order of the consultations' rows decided$/, (n) => `订单：另有 ${n} 笔订单的落实下单或落实付款客服由咨询记录的行序决定`],
  [
    /^roster: (\S+) is rostered on (.+), after the dismissal on (\S+): those days own no duties and the agent is not counted on shift$/,
    (agent, dates, at) => `排班：${agent} 于 ${at.slice(0, 10)} 开除后仍排了班（${dates.replaceAll(", ", "、")}）：这些天不分配职责，也不算在班`,
  ],
  [
    /^pay: (.+?); (?:the order (\S+) credited to (\S+) was paid on another day|(\d+) orders credited to (\S+) were paid on other days) and earns? \S+ no commission(?:: (.+))?$/,
    (employed, one, agent1, n, agent2, list) =>
      `工资：${zhEmployment(employed)}；${one ? `归属 ${agent1} 的订单 ${one} 不在在职期间付款` : `归属 ${agent2} 的 ${n} 笔订单不在在职期间付款（${list!.replaceAll(", ", "、")}）`}，不计提成`,
  ],
  [
    /^rewards: (.+?); (?:the reward (.+) is dated on another day and is|the rewards (.+) are dated on other days and are) not paid$/,
    (employed, one, many) => `奖励：${zhEmployment(employed)}；奖励 ${one ?? many!.replaceAll(", ", "、")} 不在在职期间，不发放`,
  ],
  [
    /^(\S+): the probation evaluation allows early regularization \(提前转正\), but probationEndsAt is (\S+): (\S+)'s KPIs are measured, not scored, and earn no KPI bonus; to regularize early, move probationEndsAt in the agents file$/,
    (agent, ends, m) => `${agent}：试用考评可提前转正，但试用期至 ${ends}：${m} 的KPI只统计不计分，没有积分奖金；要提前转正，请修改客服名单中的试用期结束日（probationEndsAt）`,
  ],
  [
    /^scores: (\S+)'s (\S+) score (\S+) earns no KPI bonus and is not ranked \(末位淘汰\): \S+ is (.+), so \S+ is a probation month$/,
    (agent, m, score, status) => `得分：${agent} ${m} 得分 ${showScore(score)} 不发积分奖金、不参加末位排名：${m} 是试用月（${zhProbation(status)}）`,
  ],
  [/^scores: (\S+)'s (\S+) score (\S+) is not ranked \(末位淘汰\): \S+ was dismissed on (\S+)$/, (agent, m, score, at) => `得分：${agent} ${m} 得分 ${showScore(score)} 不参加末位排名：已于 ${at.slice(0, 10)} 开除`],
  [/^scores: (\S+)'s (\S+) score (\S+) is not ranked \(末位淘汰\): \S+ was hired on (\S+), after \S+$/, (agent, m, score, on) => `得分：${agent} ${m} 得分 ${showScore(score)} 不参加末位排名：${on} 才入职`],
  [/^scores: (\S+)'s (\S+) score is (\S+) in the scores file, (\S+) by the scorecard; the file's is used$/, (agent, m, file, computed) => `得分：${agent} ${m} 得分在得分文件中为 ${showScore(file)}，按考核表为 ${showScore(computed)}；采用文件中的得分`],
  [/^(.+): columns? (.+) not used$/, (file, cols) => `${file}：未使用的列 ${cols}`],
  [/^(.+): fields? (.+) not used$/, (file, cols) => `${file}：未使用的字段 ${cols}`],
  [/^(\d+) order remarks \(订单备注\) not read for 工号: there is no agents (?:file|range) to recognise them by$/, (n) => `${n} 条订单备注未读取工号：没有客服名单可以识别`],
  [/^(.+): no 买家会员名 \(buyer id\) column, so orders cannot be linked to chats; all (\d+) orders count as fully silent$/, (file, n) => `${file}：没有“买家会员名”列，订单无法关联聊天；全部 ${n} 笔订单计为全静默`],
  // The chat log (R8).
  [/^messages: (\d+) bot lines? \(chat\.botAccounts, chat\.botMarkers\) left out of the consultation figures$/, (n) => `聊天记录：${n} 条机器人消息（chat.botAccounts、chat.botMarkers）不计入咨询数据`],
  [/^messages: (\d+) agent messages? in conversations where the buyer never wrote make no consultation$/, (n) => `聊天记录：买家没有发言的对话中客服的 ${n} 条消息不构成咨询`],
  [/^messages: the conversation (".*") is in no consultation given$/, (id) => `聊天记录：对话 ${id} 不在所给的咨询记录中`],
  [/^consultations: (".*") is not in the chat log \(no conversation of its agent and buyer starts at its startedAt\)$/, (id) => `咨询记录：${id} 不在聊天记录中（该客服与买家没有在其开始时间开始的对话）`],
  [/^consultations: (".*") (\w+) is (.+), the chat log gives (.+)$/, (id, field, given, log) => `咨询记录：${id} 的 ${field} 为 ${given}，聊天记录得出 ${log}`],
  [/^consultations: none given; the (\d+) consultations? (?:is|are) made from the chat log \(messages\)$/, (n) => `咨询记录：未提供；${n} 条咨询由聊天记录（messages）得出`],
  [/^consultations: (\d+) more differences? from the chat log$/, (n) => `咨询记录：与聊天记录另有 ${n} 处不同`],
  [
    /^consultations: (\d+) of (\d+) given consultations have no conversation of their agent and buyer in the chat log, so they are not checked against it$/,
    (n, all) => `咨询记录：所给 ${all} 条中有 ${n} 条在聊天记录中没有该客服与买家的对话，未与聊天记录核对`,
  ],
  // Why a duty has no owner.
  [/^policy duties\.shopReviews\.(odd|even) names no agent$/, (parity) => `政策 duties.shopReviews.${parity} 未指定${parity === "odd" ? "单" : "双"}日负责的客服`],
  [/^no night-shift agent rostered on (\S+) \(weekday\)$/, (d) => `${d}（工作日）没有排晚班的客服`],
  [/^no agent on duty rostered on (\S+) \(weekend\)$/, (d) => `${d}（周末）没有值班的客服`],
  [/^every (?:night-shift agent|agent on duty) of (\S+) has ended their shift$/, (d) => `${d} 的值班客服都已下班`],
  // Why a scorecard is not scored.
  [/^measured, not scored: on probation until (\S+)$/, (at) => `试用期内只统计不计分（试用期至 ${at.slice(0, 10)}）`],
];

function zhEmployment(text: string): string {
  let m = /^\S+ was employed from (\S+) through (\S+)$/.exec(text);
  if (m) return `在职 ${m[1]} 至 ${m[2]}`;
  m = /^\S+ was employed through (\S+)$/.exec(text);
  if (m) return `在职至 ${m[1]}`;
  m = /^\S+ was employed from (\S+)$/.exec(text);
  return m ? `${m[1]} 起在职` : text;
}

function zhProbation(text: string): string {
  const m = /on probation until (\S+)/.exec(text);
  return m ? `试用期至 ${m[1]!.slice(0, 10)}` : text;
}

/**
 * A message of the rule families in the report's language: in `en` as written; in `zh` the Chinese
 * of a known message, else `原文：` and the English (never dropped).
 */
export function message(text: string, lang: ReportLang): string {
  if (lang === "en") return text;
  for (const [pattern, zh] of ZH_MESSAGES) {
    const m = pattern.exec(text);
    if (m) return zh(...m.slice(1).map((part) => part as string));
  }
  return `原文：${text}`;
}

/** A time as a Chinese report shows it: `2020-02-06T13:05:01+08:00` → `2020-02-06 13:05:01` (the zone is the report's). */
export function localTime(iso: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?/.test(iso) ? iso.slice(0, 19).replace("T", " ") : iso;
}

/** `green or blue` → `（绿旗、蓝旗订单除外）`. */
function flagsExcept(flags: string | undefined): string {
  if (!flags) return "";
  const labels: Readonly<Record<string, string>> = KINDS.orders.fields.flag.labels;
  return `（${flags.split(" or ").map((c) => labels[c] ?? c).join("、")}订单除外）`;
}

const ZH_SERVICE_LEVELS: readonly (readonly [RegExp, (...parts: string[]) => string])[] = [
  [/^first reply within (\d+(?:\.\d+)?) s for consultations arriving (\S+)–(\S+)$/, (n, from, to) => `${from}–${to} 进线的咨询 ${n} 秒内首次回复`],
  [/^consultations arriving (\S+)–(\S+) \(inclusive\) answered by (\S+)$/, (from, to, by) => `${from}–${to}（含）进线的咨询在 ${by} 前回复`],
  [/^tickets(?: of kind (.+))? answered within (\d+(?:\.\d+)?) min$/, (kinds, n) => `工单${kinds ? `（类型 ${kinds}）` : ""} ${n} 分钟内回复`],
  [/^after-sales requests reviewed within (\d+(?:\.\d+)?) h$/, (n) => `售后申请 ${n} 小时内审核`],
  [/^refund within (\d+(?:\.\d+)?) h after the returned goods arrive$/, (n) => `退货到达后 ${n} 小时内退款`],
  [/^a pre-sales buyer never waits (\d+(?:\.\d+)?) s or more$/, (n) => `售前买家的等待不得达到 ${n} 秒`],
  [/^complaints answered within (\d+(?:\.\d+)?) h$/, (n) => `投诉 ${n} 小时内回复`],
  [/^order anomalies verified within (\d+(?:\.\d+)?) h of being reported$/, (n) => `异常订单在反馈后 ${n} 小时内核实`],
  [/^paid orders shipped within (\d+(?:\.\d+)?) h of (payment|the order)(?:, except orders flagged ([a-z ]+))?$/, (n, from, flags) => `已付款订单在${from === "payment" ? "付款" : "下单"}后 ${n} 小时内发货${flagsExcept(flags)}`],
  [/^paid orders picked up by the carrier within (\d+(?:\.\d+)?) h of (payment|the order)(?:, except orders flagged ([a-z ]+))?$/, (n, from, flags) => `已付款订单在${from === "payment" ? "付款" : "下单"}后 ${n} 小时内揽收${flagsExcept(flags)}`],
];
const ZH_NO_DATA: Record<string, string> = {
  "no orderAnomalies given": "未提供异常订单记录",
  "no complaints given": "未提供投诉记录",
  "no shipments given": "未提供发货记录",
  "no orders given": "未提供订单",
  "no shipment carries pickedUpAt (the carrier's pick-up scan)": "发货记录没有揽收时间（pickedUpAt）",
  "no consultations given": "未提供咨询记录",
  "no tickets given": "未提供工单",
  "no afterSales given": "未提供售后记录",
  "no consultation carries maxResponseSeconds (the longest wait)": "咨询记录没有最长等待时间（maxResponseSeconds）",
};

/** A service-level check's rule (`first reply within 60 s …`, with why there is no data) in the report's language. */
export function serviceLevelRule(rule: string, lang: ReportLang): string {
  if (lang === "en") return rule;
  const why = Object.keys(ZH_NO_DATA).find((w) => rule.endsWith(` (${w})`));
  const base = why === undefined ? rule : rule.slice(0, -(why.length + 3));
  for (const [pattern, zh] of ZH_SERVICE_LEVELS) {
    const m = pattern.exec(base);
    if (m) return zh(...m.slice(1).map((part) => part as string)) + (why === undefined ? "" : `（${ZH_NO_DATA[why]}）`);
  }
  return `原文：${rule}`;
}

const ZH_DONE: Record<string, string> = { "first reply": "首次回复", review: "审核", refund: "退款", "longest wait": "最长等待", verification: "核实", reply: "回复", shipment: "发货", "pick-up scan": "揽收" };

/** Why a record breaches its service level, in the report's language. */
export function breachReason(reason: string, lang: ReportLang): string {
  if (lang === "en") return reason;
  let m = /^no (.+) \(due by (\S+)\)$/.exec(reason);
  if (m) return `未${ZH_DONE[m[1]!] ?? m[1]}（应于 ${localTime(m[2]!)} 前）`;
  m = /^(.+) (\d+) s, at or over the limit$/.exec(reason);
  if (m) return `${ZH_DONE[m[1]!] ?? m[1]} ${m[2]} 秒，达到或超过上限`;
  m = /^(.+) at (\S+), (\d+) s late$/.exec(reason);
  if (m) return `${ZH_DONE[m[1]!] ?? m[1]}于 ${localTime(m[2]!)}，晚 ${m[3]} 秒`;
  return `原文：${reason}`;
}
