// Excel custom functions over the kefu-kpi browser bundle. This is the source: `npm run examples`
// writes examples/excel/dist/functions.js, the one script Excel loads, with the bundle
// (dist/kefu-kpi.global.js, which defines `KefuKpi`) and this file in one function scope, so it
// needs no other script (the custom-functions runtime loads only the manifest's script) and
// leaves no global behind. Each function returns its table, or a CustomFunctions.Error whose
// message names the cells at fault (`订单!E17, paidAt: …`): a spreadsheet function never throws.
// Ranges arrive as 2-D arrays; an omitted argument as null.
/* global CustomFunctions, KefuKpi */

/** The options every function shares: the policy, the month, the workbook's date system. */
function kefuOptions(policy, month, dateSystem) {
  const options = {};
  if (policy !== null && policy !== undefined) options.policy = policy;
  // As the cell holds it: a `2020-02` typed into a cell is a date serial, which the library reads
  // (in the workbook's date system) as the month when it is the month's first day.
  if (month !== null && month !== undefined && month !== "") options.month = month;
  if (dateSystem === 1904 || dateSystem === "1904") options.dateSystem = 1904;
  return options;
}

function kefuRanges(orders, consultations, agents) {
  return { orders: orders, consultations: consultations, agents: agents };
}

// The month report of the last arguments, kept so that the functions of one workbook (ATTRIBUTION,
// SHOP, PAY, AGENT … over the same ranges) compute the month once per recalculation, not once each.
// The key is the arguments themselves as JSON, the ranges by kind in name order (PAY and AGENT take
// them in any order): exact (no hash that could mistake one month for another), and a few ms
// against the whole month's computation.
let kefuLast = { key: null, report: null };

function kefuMonth(ranges, options) {
  const kinds = Object.keys(ranges).sort();
  const key = JSON.stringify([kinds, kinds.map((kind) => ranges[kind]), options]);
  if (key !== kefuLast.key) kefuLast = { key: key, report: KefuKpi.sheets.sheetMonthReport(ranges, options) };
  return kefuLast.report;
}

function kefuResult(result) {
  if (result.success) return result.data;
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, result.message);
}

/**
 * The attribution table: one row per agent (orders, gross, refunds, net, commissionable, the 赤兔 breakdown, address checks).
 * @customfunction ATTRIBUTION
 */
function attribution(orders, consultations, agents, policy, month, dateSystem) {
  const options = kefuOptions(policy, month, dateSystem);
  return kefuResult(KefuKpi.sheets.attributionTable(kefuMonth(kefuRanges(orders, consultations, agents), options), options));
}

/** The shop's lines: paid, credited, fully silent (全静默), uncredited, excluded by their flag. */
function shop(orders, consultations, agents, policy, month, dateSystem) {
  const options = kefuOptions(policy, month, dateSystem);
  return kefuResult(KefuKpi.sheets.shopTable(kefuMonth(kefuRanges(orders, consultations, agents), options), options));
}

/** Every order booked in the month and how it was attributed. */
function orderList(orders, consultations, agents, policy, month, dateSystem) {
  const options = kefuOptions(policy, month, dateSystem);
  return kefuResult(KefuKpi.sheets.ordersTable(kefuMonth(kefuRanges(orders, consultations, agents), options), options));
}

/** Any number of ranges, each known by its header row (orders, consultations, agents, roster …). */
function kefuData(data, run) {
  const ranges = KefuKpi.sheets.rangesByHeader(data);
  if (!ranges.success) return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, ranges.issues.map((i) => `range ${i.path[1] + 1}: ${i.message}`).join("; "));
  return kefuResult(run(ranges.data));
}

/** The pay statements: one row per agent, base + commission + KPI bonus + rewards − fines − clawback = total. */
function pay(month, policy, data) {
  const options = kefuOptions(policy, month, null);
  return kefuData(data, (ranges) => KefuKpi.sheets.payTable(kefuMonth(ranges, options), options));
}

/** The KPI table of a period (2020-02-03, 2020-W06, 2020-02, 2020-02-01..2020-02-15; default the month): one row per agent and the shop. */
function kpi(period, policy, data) {
  return kefuData(data, (ranges) => KefuKpi.sheets.kpiTable(ranges, period === undefined ? null : period, kefuOptions(policy, null, null)));
}

/** The KPI trend of a period: one row per metric and agent (the shop first), a column per day (or week), then the period's value and its target. */
function trend(metric, by, period, policy, data) {
  return kefuData(data, (ranges) =>
    KefuKpi.sheets.trendTable(ranges, metric === undefined ? null : String(metric), by === undefined ? null : String(by), period === undefined ? null : period, kefuOptions(policy, null, null)),
  );
}

/** The chat standards (R8): one row per finding in the agents' messages of the month. */
function chat(month, policy, data) {
  const options = kefuOptions(policy, month, null);
  return kefuData(data, (ranges) => KefuKpi.sheets.chatTable(kefuMonth(ranges, options), options));
}

/** The service levels (R2): one row per check — first reply, tickets, after-sales, shipping, pick-up, order anomalies … */
function service(month, policy, data) {
  const options = kefuOptions(policy, month, null);
  return kefuData(data, (ranges) => KefuKpi.sheets.serviceLevelTable(kefuMonth(ranges, options), options));
}

/** Every breach of the service levels: one row per late or missed record (the orders not shipped in time, the late replies …). */
function breaches(month, policy, data) {
  const options = kefuOptions(policy, month, null);
  return kefuData(data, (ranges) => KefuKpi.sheets.breachTable(kefuMonth(ranges, options), options));
}

/** The shop's traffic (销量 = 访客数 × 转化率 × 客单价): one row per day — visitors, paying buyers, sales, conversion, average order, the identity's estimate — and the total. */
function traffic(month, policy, data) {
  const options = kefuOptions(policy, month, null);
  return kefuData(data, (ranges) => KefuKpi.sheets.trafficTable(kefuMonth(ranges, options), options));
}

/** The lost inquiries (询单流失): one row per agent and buyer who asked and then bought nothing within the attribution window, with the agent's last inquiry. */
function lost(month, policy, data) {
  const options = kefuOptions(policy, month, null);
  return kefuData(data, (ranges) => KefuKpi.sheets.lostInquiriesTable(kefuMonth(ranges, options), options));
}

/** The KPIs against their targets (考核目标, the policy's kpi.targets): one row per targeted metric and agent, then the shop — value and status (met, missed, insufficient, noData). */
function targets(month, policy, data) {
  const options = kefuOptions(policy, month, null);
  return kefuData(data, (ranges) => KefuKpi.sheets.targetsTable(kefuMonth(ranges, options), options));
}

/** The transfers (转接): per agent the consultations transferred out and taken over, and the total. */
function transfers(month, policy, data) {
  const options = kefuOptions(policy, month, null);
  return kefuData(data, (ranges) => KefuKpi.sheets.transfersTable(kefuMonth(ranges, options), options));
}

/** The bots (店小蜜, agents of group bot): consultations, hand-overs, buyers received, and the orders a bot alone served (fully silent), with their shares. */
function bots(month, policy, data) {
  const options = kefuOptions(policy, month, null);
  return kefuData(data, (ranges) => KefuKpi.sheets.botsTable(kefuMonth(ranges, options), options));
}

/** The month shop by shop (店铺): per shop the consultations, the orders and net, those credited to an agent, silent, and served by a bot alone. */
function shops(month, policy, data) {
  const options = kefuOptions(policy, month, null);
  return kefuData(data, (ranges) => KefuKpi.sheets.shopsTable(kefuMonth(ranges, options), options));
}

/** The payment reminders' outcomes (催付效果): SMS, human, per agent and unowned — owed, paid, recovered (挽回金额), rate, unpaid. */
function reminders(month, policy, data) {
  const options = kefuOptions(policy, month, null);
  return kefuData(data, (ranges) => KefuKpi.sheets.remindersTable(kefuMonth(ranges, options), options));
}

/** One figure of one agent: orders, gross, refunds, net, commissionable, addressChecks, score, a KPI id (replyRate …), a pay line or total. */
function agent(agentId, figure, month, policy, data) {
  const options = kefuOptions(policy, month, null);
  return kefuData(data, (ranges) => KefuKpi.sheets.agentFigure(kefuMonth(ranges, options), String(agentId), String(figure), options));
}

CustomFunctions.associate("ATTRIBUTION", attribution);
CustomFunctions.associate("SHOP", shop);
CustomFunctions.associate("ORDERS", orderList);
CustomFunctions.associate("KPI", kpi);
CustomFunctions.associate("TREND", trend);
CustomFunctions.associate("PAY", pay);
CustomFunctions.associate("AGENT", agent);
CustomFunctions.associate("CHAT", chat);
CustomFunctions.associate("SERVICE", service);
CustomFunctions.associate("BREACHES", breaches);
CustomFunctions.associate("TRAFFIC", traffic);
CustomFunctions.associate("LOST", lost);
CustomFunctions.associate("TARGETS", targets);
CustomFunctions.associate("TRANSFERS", transfers);
CustomFunctions.associate("REMINDERS", reminders);
CustomFunctions.associate("BOTS", bots);
CustomFunctions.associate("SHOPS", shops);
