// Google Sheets custom functions over the kefu-kpi browser bundle. Apps Script (V8) loads every
// file of the project into one global scope, so KefuKpi.js (the bundle, copied by
// `npm run examples`) defines the global `KefuKpi` these wrappers call. A custom function must not
// throw: each returns its table, or one cell "#KEFU! <the cells at fault and why>".
// Dates in the ranges arrive as Date objects, the instants the sheet's own time zone gives them:
// set the spreadsheet's time zone (File → Settings) to the shop's (Asia/Shanghai by default).
/* global KefuKpi */

function kefuOptions_(policy, month) {
  const options = {};
  if (policy !== undefined && policy !== null && policy !== "") options.policy = policy;
  // As the cell holds it: a month cell Sheets turned into a date arrives as a Date, which the
  // library reads as the month when it is the month's first day (in the shop's time zone).
  if (month !== undefined && month !== null && month !== "") options.month = month;
  return options;
}

function kefuRanges_(orders, consultations, agents) {
  return { orders: orders, consultations: consultations, agents: agents };
}

/**
 * Sales attribution per agent (落实下单 / 落实付款, silent orders excluded): orders, gross, refunds,
 * net, commissionable, the 赤兔 breakdown and the address checks.
 *
 * @param {A1:H300} orders The orders range with its header row (or the Tmall export as pasted).
 * @param {A1:I500} consultations The consultations range with its header row (optional).
 * @param {A1:G7} agents The agents range with its header row (optional).
 * @param {A1:B5} policy Key/value rows or one JSON cell (optional).
 * @param {"2020-02"} month The month YYYY-MM (optional; default the month most orders were paid in).
 * @return The table, one row per agent.
 * @customfunction
 */
function KEFU_ATTRIBUTION(orders, consultations, agents, policy, month) {
  return KefuKpi.sheets.toCells(KefuKpi.sheets.attributionTable(kefuRanges_(orders, consultations, agents), kefuOptions_(policy, month)));
}

/**
 * The shop's lines: paid, credited to agents, fully silent (全静默), uncredited, excluded by their flag.
 *
 * @param {A1:H300} orders The orders range with its header row.
 * @param {A1:I500} consultations The consultations range (optional).
 * @param {A1:G7} agents The agents range (optional).
 * @param {A1:B5} policy Key/value rows or one JSON cell (optional).
 * @param {"2020-02"} month The month YYYY-MM (optional).
 * @return The shop's lines.
 * @customfunction
 */
function KEFU_SHOP(orders, consultations, agents, policy, month) {
  return KefuKpi.sheets.toCells(KefuKpi.sheets.shopTable(kefuRanges_(orders, consultations, agents), kefuOptions_(policy, month)));
}

/**
 * Every order paid in the month with its placeAgent, payAgent and who got the credit.
 *
 * @param {A1:H300} orders The orders range with its header row.
 * @param {A1:I500} consultations The consultations range (optional).
 * @param {A1:G7} agents The agents range (optional).
 * @param {A1:B5} policy Key/value rows or one JSON cell (optional).
 * @param {"2020-02"} month The month YYYY-MM (optional).
 * @return One row per order.
 * @customfunction
 */
function KEFU_ORDERS(orders, consultations, agents, policy, month) {
  return KefuKpi.sheets.toCells(KefuKpi.sheets.ordersTable(kefuRanges_(orders, consultations, agents), kefuOptions_(policy, month)));
}

/**
 * The pay statements: one row per agent, base + commission + KPI bonus + rewards − fines −
 * clawback = total. The month's ranges follow in any order, each known by its header row.
 *
 * @param {"2020-02"} month The month YYYY-MM ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:H300} ranges The month's ranges (orders, consultations, agents, roster, violations, rewards, scores …).
 * @return One row per agent.
 * @customfunction
 */
function KEFU_PAY(month, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.payTable(data, kefuOptions_(policy, month)));
}

/**
 * The chat standards (R8): one row per finding in the agents' messages of the month (time, agent,
 * buyer, consultation, rule, label, the words matched, where, the wording to use instead, the wait
 * in seconds, the message).
 *
 * @param {"2020-02"} month The month YYYY-MM ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:D500} ranges The chat log (聊天记录: at, from, to, text) and the agents with their accounts (子账号), in any order; orders and consultations may follow.
 * @return One row per finding.
 * @customfunction
 */
function KEFU_CHAT(month, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.chatTable(data, kefuOptions_(policy, month)));
}

/**
 * The service levels (R2): one row per check — first reply, overnight, tickets, after-sales,
 * refunds, the pre-sales wait, complaints, order anomalies, shipping and pick-up — with checked, compliant,
 * the compliance rate and the number of breaches.
 *
 * @param {"2020-02"} month The month YYYY-MM ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:E300} ranges The month's ranges (orders, consultations, shipments 发货, orderAnomalies 异常订单, tickets …), in any order.
 * @return One row per check.
 * @customfunction
 */
function KEFU_SERVICE(month, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.serviceLevelTable(data, kefuOptions_(policy, month)));
}

/**
 * Every breach of the service levels: one row per late or missed record (the orders not shipped in
 * time, the late replies …), with the agent (none for shipping and pick-up: the shop's), the
 * deadline and the seconds late.
 *
 * @param {"2020-02"} month The month YYYY-MM ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:E300} ranges The month's ranges, in any order.
 * @return One row per breach.
 * @customfunction
 */
function KEFU_BREACHES(month, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.breachTable(data, kefuOptions_(policy, month)));
}

/**
 * The shop's traffic (销量 = 访客数 × 转化率 × 客单价): one row per day — visitors, paying buyers,
 * sales, conversion rate, average order value, the identity's estimate and difference — and the total.
 *
 * @param {"2020-02"} month The month YYYY-MM ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:C60} ranges The month's ranges (traffic 流量, orders …), in any order.
 * @return One row per day, then the total.
 * @customfunction
 */
function KEFU_TRAFFIC(month, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.trafficTable(data, kefuOptions_(policy, month)));
}

/**
 * The lost inquiries (询单流失): one row per agent and buyer who asked and then bought nothing within
 * the attribution window — the agent's last inquiry with the buyer, and with a chat log its last message.
 *
 * @param {"2020-02"} month The month YYYY-MM ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:L300} ranges The month's ranges (consultations 咨询, orders 订单 …), in any order.
 * @return One row per lost buyer of each agent.
 * @customfunction
 */
function KEFU_LOST(month, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.lostInquiriesTable(data, kefuOptions_(policy, month)));
}

/**
 * The KPIs against their targets (考核目标, the policy's kpi.targets): one row per targeted metric
 * and agent, then the shop — the value and its status (met, missed, insufficient, noData).
 *
 * @param {"2020-02"} month The month YYYY-MM ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:L300} ranges The month's ranges (consultations 咨询, orders 订单, reviews 评价 …), in any order.
 * @return One row per targeted metric and agent, then the shop's.
 * @customfunction
 */
function KEFU_TARGETS(month, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.targetsTable(data, kefuOptions_(policy, month)));
}

/**
 * The transfers (转接): per agent the consultations transferred out and taken over, and the total.
 *
 * @param {"2020-02"} month The month YYYY-MM ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:N300} ranges The month's ranges (consultations 咨询 naming transferredTo / transferredFrom …), in any order.
 * @return One row per agent, then the total.
 * @customfunction
 */
function KEFU_TRANSFERS(month, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.transfersTable(data, kefuOptions_(policy, month)));
}

/**
 * The bots (店小蜜, agents of group bot): consultations, hand-overs, buyers received, and the orders
 * a bot alone served (fully silent, no agent's commission), with their shares.
 *
 * @param {"2020-02"} month The month YYYY-MM ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:N300} ranges The month's ranges (agents 客服 with a bot, consultations 咨询, orders 订单 …), in any order.
 * @return One row per figure, with its share.
 * @customfunction
 */
function KEFU_BOTS(month, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.botsTable(data, kefuOptions_(policy, month)));
}

/**
 * The month shop by shop (店铺): per shop the consultations, the orders and net, those credited to
 * an agent, the silent ones and those a bot alone served.
 *
 * @param {"2020-02"} month The month YYYY-MM ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:N300} ranges The month's ranges (orders 订单 and consultations 咨询 with shopId, agents 客服 …), in any order.
 * @return One row per shop.
 * @customfunction
 */
function KEFU_SHOPS(month, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.shopsTable(data, kefuOptions_(policy, month)));
}

/**
 * The payment reminders' outcomes (催付效果): the SMS ones, the human ones, per agent and unowned —
 * owed, paid, recovered (挽回金额), rate, unpaid.
 *
 * @param {"2020-02"} month The month YYYY-MM ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:H300} ranges The month's ranges (orders 订单, roster 排班, agents 客服 …), in any order.
 * @return One row per owner of reminders.
 * @customfunction
 */
function KEFU_REMINDERS(month, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.remindersTable(data, kefuOptions_(policy, month)));
}

/**
 * The KPI table (R2) of a period: every metric per agent and for the shop, with the scorecard score.
 *
 * @param {"2020-W06"} period 2020-02-03 (a day), 2020-W06 (ISO week), 2020-02 (month) or 2020-02-01..2020-02-15 ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:H300} ranges The month's ranges (orders, consultations, agents, tickets, reviews, calls …).
 * @return One row per agent and one for the shop.
 * @customfunction
 */
function KEFU_KPI(period, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.kpiTable(data, period === "" || period === undefined ? null : period, kefuOptions_(policy, "")));
}

/**
 * The KPI trend of a period: one row per metric and agent (the shop first), a column per day (or ISO
 * week), then the period's value, the previous, the change and the target.
 *
 * @param {"replyRate"} metric Metric ids, comma-separated ("" for every metric).
 * @param {"day"} by day or week ("" for day).
 * @param {"2020-02"} period 2020-W06 (ISO week), 2020-02 (month) or 2020-02-01..2020-02-15 ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:H300} ranges The month's ranges (orders, consultations, agents, tickets, reviews, calls …).
 * @return One row per metric and agent.
 * @customfunction
 */
function KEFU_TREND(metric, by, period, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.trendTable(data, metric === "" || metric === undefined ? null : String(metric), by === "" || by === undefined ? null : String(by), period === "" || period === undefined ? null : period, kefuOptions_(policy, "")));
}

/**
 * One figure of one agent: orders, gross, refunds, net, commissionable, addressChecks, score, a KPI
 * id (replyRate, conversionRate …), baseSalary,
 * commission, kpiBonus, rewards, fines, clawback or total.
 *
 * @param {"A01"} agentId The agent's 工号.
 * @param {"total"} figure Which figure.
 * @param {"2020-02"} month The month YYYY-MM ("" for the month most orders were paid in).
 * @param {A1:B5} policy Key/value rows or one JSON cell ("" for the defaults).
 * @param {A1:H300} ranges The month's ranges, each with its header row, in any order.
 * @return The figure.
 * @customfunction
 */
function KEFU_AGENT(agentId, figure, month, policy, ...ranges) {
  return kefuData_(ranges, (data) => KefuKpi.sheets.agentFigure(data, String(agentId), String(figure), kefuOptions_(policy, month)));
}

function kefuData_(list, run) {
  const ranges = KefuKpi.sheets.rangesByHeader(list);
  if (!ranges.success) return [["#KEFU! " + ranges.issues.map((i) => "range " + (i.path[1] + 1) + ": " + i.message).join("; ")]];
  return KefuKpi.sheets.toCells(run(ranges.data));
}
