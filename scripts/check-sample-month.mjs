#!/usr/bin/env node
// Re-derives the expected figures of a month folder by brute force, independently of the library
// (imports nothing from src/ or dist/), and compares them with the folder's hand-derived.json.
//
//   node scripts/check-sample-month.mjs [folder] [--print]
//
// It applies R1 of docs/rules.md literally, O(orders × consultations): zone Asia/Shanghai (UTC+8, no DST),
// window 48 h inclusive, rule placeFirst, source chat, refunds deducted, month 2020-02 booked by paidAt.
// Exit code 0 when every figure of hand-derived.json agrees, 1 otherwise (the differences are listed).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const print = args.includes("--print");
const dir = args.find((a) => !a.startsWith("--")) ?? join(root, "fixtures", "sample-month");

const WINDOW_MS = 48 * 3_600_000;
const OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai
const MONTH = "2020-02";

// --- RFC 4180 CSV --------------------------------------------------------------------------------
function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => !(r.length === 1 && r[0] === ""));
  return body.map((r, i) => {
    if (r.length !== header.length) throw new Error(`row ${i + 2}: ${r.length} cells, header has ${header.length}`);
    return Object.fromEntries(header.map((h, k) => [h, r[k]]));
  });
}
const read = (name) => parseCsv(readFileSync(join(dir, name), "utf8"));

// --- values --------------------------------------------------------------------------------------
/** Wall time "YYYY-MM-DD HH:mm:ss" in Shanghai → epoch ms; "" → null. */
function instant(text, what) {
  if (text === "") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`${what}: bad time "${text}"`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - OFFSET_MS;
}
/** "128.00" → 12800 (fen, integer). */
function fen(text, what) {
  const m = /^(\d+)\.(\d{2})$/.exec(text);
  if (!m) throw new Error(`${what}: bad amount "${text}"`);
  return Number(m[1]) * 100 + Number(m[2]);
}
const money = (f) => `${Math.trunc(f / 100)}.${String(f % 100).padStart(2, "0")}`;
/** The month (YYYY-MM) of an instant, in Shanghai. */
const monthOf = (ms) => new Date(ms + OFFSET_MS).toISOString().slice(0, 7);

const agents = read("agents.csv");
const consultations = read("consultations.csv").map((c, i) => ({
  id: c.consultationId,
  agent: c.agentId,
  buyer: c.buyerId,
  start: instant(c.startedAt, `consultations row ${i + 2} startedAt`),
  bm: Number(c.buyerMessages),
  am: Number(c.agentMessages),
  rc: c.responseCount === undefined || c.responseCount === "" ? null : Number(c.responseCount),
  rs: c.responseSeconds === undefined || c.responseSeconds === "" ? null : Number(c.responseSeconds),
  longest: c.maxResponseSeconds === undefined || c.maxResponseSeconds === "" ? null : Number(c.maxResponseSeconds),
  reply: instant(c.firstReplyAt, `consultations row ${i + 2} firstReplyAt`),
  end: instant(c.endedAt, `consultations row ${i + 2} endedAt`),
  row: i,
}));
const orders = read("orders.csv").map((o, i) => ({
  id: o.orderId,
  buyer: o.buyerId,
  created: instant(o.createdAt, `orders row ${i + 2} createdAt`),
  paid: instant(o.paidAt, `orders row ${i + 2} paidAt`),
  amount: fen(o.amount, `orders row ${i + 2} amount`),
  refund: fen(o.refundAmount, `orders row ${i + 2} refundAmount`),
  remark: o.remarkAgentId,
  flag: o.flag,
}));

// --- R1, literally -------------------------------------------------------------------------------
/** The winning consultation for an event of `buyer` at `t`, or null. */
function winner(buyer, t) {
  let best = null;
  for (const c of consultations) {
    if (c.buyer !== buyer || c.reply === null) continue; // unreplied ones serve nobody
    if (!(c.reply <= t)) continue;
    const served = Math.min(c.end, t);
    if (!(t - served <= WINDOW_MS)) continue;
    const better =
      best === null ||
      served > best.served ||
      (served === best.served && c.reply > best.c.reply) ||
      (served === best.served && c.reply === best.c.reply && c.row > best.c.row);
    if (better) best = { c, served };
  }
  return best?.c ?? null;
}

const tally = () => ({ orders: 0, gross: 0, refunds: 0 });
const add = (t, o) => {
  t.orders++;
  t.gross += o.amount;
  t.refunds += o.refund;
};
const out = (t) => ({ orders: t.orders, gross: money(t.gross), refunds: money(t.refunds), net: money(t.gross - t.refunds) });

const shop = { sales: tally(), silent: tally(), credited: tally(), assisted: tally(), silentOrder: tally(), fullySilent: tally() };
let unpaidOrders = 0;
let paidOutsidePeriod = 0;
const per = new Map(
  agents.map((a) => [a.agentId, { sales: tally(), addressChecks: 0, ownOwn: tally(), ownOther: tally(), otherOwn: tally(), silentOwn: tally() }]),
);
const perOrder = {};
for (const o of orders) {
  const place = winner(o.buyer, o.created);
  const pay = o.paid === null ? null : winner(o.buyer, o.paid);
  const placeAgent = place?.agent ?? null;
  const payAgent = pay?.agent ?? null;
  let status;
  let credited = null;
  let booked = false;
  if (o.paid === null) {
    status = "unpaid";
    unpaidOrders++;
  } else {
    status = placeAgent ? "assisted" : payAgent ? "silent-order" : "fully-silent";
    credited = placeAgent ?? payAgent; // placeFirst; fully silent → nobody
    booked = monthOf(o.paid) === MONTH;
    if (!booked) paidOutsidePeriod++;
    else {
      add(shop.sales, o);
      add(shop[status === "assisted" ? "assisted" : status === "silent-order" ? "silentOrder" : "fullySilent"], o);
      if (credited) {
        add(shop.credited, o);
        add(per.get(credited).sales, o);
      } else add(shop.silent, o);
      if (payAgent) per.get(payAgent).addressChecks++;
      if (placeAgent) add(per.get(placeAgent)[payAgent === placeAgent ? "ownOwn" : "ownOther"], o);
      if (payAgent && !placeAgent) add(per.get(payAgent).silentOwn, o);
      else if (payAgent && payAgent !== placeAgent) add(per.get(payAgent).otherOwn, o);
    }
  }
  perOrder[o.id] = { status, placeAgent, payAgent, creditedAgent: credited, booked, placeConsultation: place?.id ?? null, payConsultation: pay?.id ?? null };
}

const derived = {
  month: MONTH,
  shop: { sales: out(shop.sales), silent: out(shop.silent), paidOutsidePeriod, unpaidOrders },
  agents: Object.fromEntries([...per].map(([id, a]) => [id, { sales: out(a.sales), addressChecks: a.addressChecks }])),
  orders: perOrder,
};

if (print) {
  console.log("shop", JSON.stringify(derived.shop));
  console.log("credited", JSON.stringify(out(shop.credited)));
  console.log("byStatus", JSON.stringify({ assisted: out(shop.assisted), silentOrder: out(shop.silentOrder), fullySilent: out(shop.fullySilent) }));
  for (const [id, a] of per) {
    console.log(id, JSON.stringify(out(a.sales)), "addressChecks", a.addressChecks);
    console.log("   breakdown", JSON.stringify({ ownPlaceOwnPay: out(a.ownOwn), ownPlaceOtherPay: out(a.ownOther), otherPlaceOwnPay: out(a.otherOwn), silentOrderOwnPay: out(a.silentOwn) }));
  }
  for (const [id, o] of Object.entries(perOrder)) if (/^E/.test(id)) console.log(id, JSON.stringify(o));
}

// --- compare with hand-derived.json --------------------------------------------------------------
let hand;
try {
  hand = JSON.parse(readFileSync(join(dir, "hand-derived.json"), "utf8"));
} catch (error) {
  console.error(`no readable hand-derived.json in ${dir}: ${error.message}`);
  process.exit(1);
}
const diffs = [];
let kpiChecked = false;
function compare(expected, actual, path) {
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return diffs.push(`${path}: hand ${JSON.stringify(expected)}, script ${JSON.stringify(actual)}`);
    for (const k of Object.keys(expected)) compare(expected[k], actual[k], `${path}.${k}`);
  } else if (expected !== actual) diffs.push(`${path}: hand ${JSON.stringify(expected)}, script ${JSON.stringify(actual)}`);
}
compare(hand, derived, "$");
checkKpis();
for (const id of Object.keys(derived.agents)) if (!hand.agents?.[id]) diffs.push(`$.agents.${id}: missing from hand-derived.json`);
for (const id of Object.keys(perOrder)) if (/^E\d+$/.test(id) && !hand.orders?.[id]) diffs.push(`$.orders.${id}: missing from hand-derived.json`);
if (diffs.length > 0) {
  console.error(`${diffs.length} disagreement(s) between hand-derived.json and the brute force:`);
  for (const d of diffs) console.error(`  ${d}`);
  process.exit(1);
}
console.log(`${dir}: hand-derived.json${kpiChecked ? " and hand-derived-kpi.json agree" : " agrees"} with the brute force (${orders.length} orders, ${consultations.length} consultations)`);

// --- KPIs (R2), literally ------------------------------------------------------------------------
// Each metric as R2 in docs/rules.md and README.md ("KPIs") define it, by brute force over the rows: the
// default policy (satisfied ≥ 4, ticket SLA 60 min, slow > 60 s, quick ≤ 180 s, long > 30 min,
// minimum samples of 5 for reviews, ratings, tickets and calls), period = February in Shanghai.
// Rates: 4 decimals; means: 2 decimals; ROUND_HALF_UP, computed on integers (BigInt).
function checkKpis() {
  let handKpi;
  try {
    handKpi = JSON.parse(readFileSync(join(dir, "hand-derived-kpi.json"), "utf8"));
  } catch {
    return; // a folder without KPI expectations
  }
  kpiChecked = true;
  const derivedKpi = deriveKpis();
  if (print) console.log(JSON.stringify(derivedKpi, null, 1));
  compare(handKpi, derivedKpi, "$kpi");
}

function deriveKpis() {
  const inFeb = (ms) => ms !== null && monthOf(ms) === MONTH;
  const dayOf = (ms) => new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
  const nextDay = (day) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const round = (n, d, places) => {
    if (d === 0) return null;
    const scaled = (BigInt(n) * 10n ** BigInt(places) * 2n + BigInt(d)) / (2n * BigInt(d));
    const text = scaled.toString().padStart(places + 1, "0");
    return places === 0 ? text : `${text.slice(0, -places)}.${text.slice(-places)}`;
  };
  const groupOf = Object.fromEntries(agents.map((a) => [a.agentId, a.group]));
  const reviews = read("reviews.csv").map((r) => ({ agent: r.agentId, at: instant(r.at), rating: r.rating })).filter((r) => inFeb(r.at));
  const calls = read("calls.csv").map((c) => ({ agent: c.agentId, at: instant(c.at), answered: c.answered === "true" })).filter((c) => inFeb(c.at));
  const qcRows = read("qc.csv").map((q) => ({ id: q.conversationId, agent: q.agentId, at: instant(q.at), hundredths: Math.round(Number(q.score) * 100) })).filter((q) => inFeb(q.at));
  const tickets = read("tickets.csv").map((t) => ({ id: t.ticketId, agent: t.agentId, created: instant(t.createdAt), reply: instant(t.firstReplyAt), first: t.closedOnFirstReply === "true" }));
  const afterSales = read("afterSales.csv").map((s) => ({
    id: s.afterSaleId, agent: s.agentId, applied: instant(s.appliedAt), reviewed: instant(s.reviewedAt), received: instant(s.goodsReceivedAt),
    refunded: instant(s.refundedAt), amount: s.refundAmount === "" ? 0 : fen(s.refundAmount, s.afterSaleId), satisfaction: s.satisfaction === "" ? null : Number(s.satisfaction),
  }));
  const febCons = consultations.filter((c) => inFeb(c.start));
  const shopReviews = read("shopReviews.csv").map((r) => ({ at: instant(r.at), outcome: r.outcome, handler: r.handlerId })).filter((r) => inFeb(r.at));
  const credited = new Map(Object.entries(perOrder).map(([id, o]) => [id, o.creditedAgent]));
  const paidFeb = orders.filter((o) => inFeb(o.paid));
  const shopPaid = paidFeb.reduce((s, o) => s + o.amount, 0);

  const metricsOf = (agent) => {
    const mine = febCons.filter((c) => agent === null || c.agent === agent);
    const buyers = [...new Set(mine.map((c) => c.buyer))];
    const firstOf = (b) => Math.min(...mine.filter((c) => c.buyer === b).map((c) => c.start));
    const unreplied = buyers.filter((b) => mine.every((c) => c.buyer !== b || c.reply === null));
    const ordered = buyers.filter((b) => orders.some((o) => o.buyer === b && inFeb(o.created) && o.created >= firstOf(b)));
    const paid = buyers.filter((b) => orders.some((o) => o.buyer === b && inFeb(o.paid) && o.paid >= firstOf(b)));
    const nextDayPaid = buyers.filter((b) => orders.some((o) => o.buyer === b && inFeb(o.paid) && o.paid >= firstOf(b) && dayOf(o.paid) <= nextDay(dayOf(firstOf(b)))));
    const served = (o) => mine.some((c) => c.buyer === o.buyer && c.reply !== null && dayOf(c.start) === dayOf(o.paid));
    const sameDay = paidFeb.filter(served).reduce((s, o) => s + o.amount, 0);
    const creditedOrders = paidFeb.filter((o) => (agent === null ? credited.get(o.id) : credited.get(o.id) === agent));
    const sales = creditedOrders.reduce((s, o) => s + o.amount, 0);
    const salesBuyers = new Set(creditedOrders.map((o) => o.buyer)).size;
    const replied = mine.filter((c) => c.reply !== null);
    const slow = buyers.filter((b) => replied.some((c) => c.buyer === b && c.reply - c.start > 60_000));
    const rv = reviews.filter((r) => agent === null || r.agent === agent);
    const cl = calls.filter((c) => agent === null || c.agent === agent);
    const q = qcRows.filter((x) => agent === null || x.agent === agent);
    const tk = tickets.filter((t) => inFeb(t.created) && (agent === null || t.agent === agent));
    const tkReplied = tk.filter((t) => t.reply !== null);
    const as = afterSales.filter((s) => inFeb(s.applied) && (agent === null || s.agent === agent));
    const asReviewed = as.filter((s) => s.reviewed !== null);
    const rated = as.filter((s) => s.satisfaction !== null);
    const refunds = afterSales.filter((s) => inFeb(s.refunded) && (agent === null || s.agent === agent));
    const sumBy = (list, f) => list.reduce((s, x) => s + f(x), 0);
    const sold = agent === null ? paidFeb : creditedOrders;
    // An order without a buyer is a buyer of its own, never a repeat one.
    const soldBuyers = [...new Set(sold.map((o) => o.buyer || `#${o.id}`))];
    const repeated = (o) => Boolean(o.buyer) && orders.some((x) => x !== o && x.buyer === o.buyer && x.paid !== null && x.paid < o.paid && o.paid - x.paid <= 90 * 86_400_000);
    const handled = shopReviews.filter((r) => r.outcome !== "" && (agent === null || r.handler === agent));
    const withStatus = (value, sample, min) => ({ value, status: value === null ? "noData" : sample < min ? "insufficient" : "ok" });
    return {
      consultingBuyers: String(buyers.length),
      unrepliedBuyers: String(unreplied.length),
      receptionCount: String(agent !== null && groupOf[agent] === "aftersale" ? replied.length : buyers.length - unreplied.length),
      replyRate: round(buyers.length - unreplied.length, buyers.length, 4),
      answerRatio: round(sumBy(mine, (c) => c.am), sumBy(mine, (c) => c.bm), 4),
      avgResponseSeconds: agent === null ? null : round(sumBy(mine, (c) => c.rs ?? 0), sumBy(mine, (c) => c.rc ?? 0), 2),
      avgFirstResponseSeconds: agent === null ? null : round(sumBy(replied, (c) => c.reply - c.start), replied.length * 1000, 2),
      slowResponseBuyers: String(slow.length),
      longReceptions: String(mine.filter((c) => c.end - c.start > 30 * 60_000).length),
      quickResponseRate: round(replied.filter((c) => c.reply - c.start <= 180_000).length, mine.length, 4),
      orderedBuyers: String(ordered.length),
      paidBuyers: String(paid.length),
      orderedUnpaidBuyers: String(ordered.filter((b) => !paid.includes(b)).length),
      conversionRate: round(ordered.length, buyers.length, 4),
      inquiryToPaymentRate: round(paid.length, buyers.length, 4),
      nextDayPaymentRate: round(nextDayPaid.length, buyers.length, 4),
      sameDaySales: money(sameDay),
      agentSales: money(sales),
      agentSalesShare: round(sales, shopPaid, 4),
      averageOrderValue: round(sales, salesBuyers * 100, 2),
      goodReviewRate: withStatus(round(rv.filter((r) => r.rating === "good").length, rv.length, 4), rv.length, 5),
      phoneAnswerRate: withStatus(round(cl.filter((c) => c.answered).length, cl.length, 4), cl.length, 5),
      qcScore: round(sumBy(q, (x) => x.hundredths), q.length * 100, 2),
      ticketTimelyRate: withStatus(round(tkReplied.filter((t) => t.reply - t.created <= 3_600_000).length, tkReplied.length, 4), tkReplied.length, 5),
      ticketFirstContactRate: withStatus(round(tk.filter((t) => t.first).length, tk.length, 4), tk.length, 5),
      afterSaleReviewHours: round(sumBy(asReviewed, (s) => s.reviewed - s.applied), asReviewed.length * 3_600_000, 2),
      afterSaleSatisfaction: withStatus(round(rated.filter((s) => s.satisfaction >= 4).length, rated.length, 4), rated.length, 5),
      refundedAmount: money(sumBy(refunds, (s) => s.amount)),
      // The refund and repurchase rates: an agent's credited paid orders, the shop's every paid order.
      refundRate: round(sold.filter((o) => o.refund > 0).length, sold.length, 4),
      refundAmountRate: round(sumBy(sold, (o) => o.refund), sumBy(sold, (o) => o.amount), 4),
      repurchaseRate: round(soldBuyers.filter((b) => sold.some((o) => o.buyer === b && repeated(o))).length, soldBuyers.length, 4),
      // 中差评 of February handled (an outcome given) by the agent; recovered: changed to good or removed.
      reviewRecoveryRate: round(handled.filter((r) => r.outcome === "改为好评" || r.outcome === "已删除").length, handled.length, 4),
    };
  };
  const perAgent = Object.fromEntries(agents.map((a) => [a.agentId, metricsOf(a.agentId)]));
  const shopKpis = metricsOf(null);
  // The shop's response times: the mean of the agents' (rounded) means.
  for (const id of ["avgResponseSeconds", "avgFirstResponseSeconds"]) {
    const means = Object.values(perAgent).map((m) => m[id]).filter((v) => v !== null).map((v) => Math.round(Number(v) * 100));
    shopKpis[id] = round(means.reduce((s, v) => s + v, 0), means.length * 100, 2);
  }

  // Scorecards (the defaults), probation: probationEndsAt after 1 February → not scored.
  const cards = {
    presale: [["goodReviewRate", 40, 1, ["0.98", "0.95", "0.90"]], ["avgResponseSeconds", 30, -1, ["30", "45", "60"]], ["phoneAnswerRate", 30, 1, ["0.95", "0.90", "0.80"]]],
    insale: [["ticketTimelyRate", 60, 1, ["0.95", "0.90", "0.80"]], ["afterSaleReviewHours", 40, -1, ["6", "12", "24"]]],
    aftersale: [["goodReviewRate", 25, 1, ["0.98", "0.95", "0.90"]], ["avgResponseSeconds", 25, -1, ["30", "45", "60"]], ["phoneAnswerRate", 25, 1, ["0.95", "0.90", "0.80"]], ["afterSaleSatisfaction", 25, 1, ["0.95", "0.90", "0.80"]]],
  };
  const scores = {};
  for (const a of agents) {
    if (a.probationEndsAt !== "" && a.probationEndsAt > "2020-02-01") {
      scores[a.agentId] = { status: "notScored", score: null };
      continue;
    }
    let weighted = 0;
    let weights = 0;
    for (const [metric, weight, sign, steps] of cards[a.group]) {
      const m = perAgent[a.agentId][metric];
      const value = typeof m === "object" && m !== null ? (m.status === "ok" ? m.value : null) : m;
      if (value === null) continue;
      const at = steps.findIndex((t) => (sign > 0 ? Number(value) >= Number(t) : Number(value) <= Number(t)));
      weighted += weight * (at < 0 ? 0 : [100, 80, 60][at]);
      weights += weight;
    }
    scores[a.agentId] = weights === 0 ? { status: "insufficient", score: null } : { status: "scored", score: round(weighted, weights, 2) };
  }

  // QC deductions: ladder 80/70/60, cap 3 per ISO week (Monday first).
  const isoWeek = (ms) => {
    const d = new Date(Date.parse(`${dayOf(ms)}T00:00:00Z`));
    const weekday = (d.getUTCDay() + 6) % 7;
    const thursday = new Date(d.getTime() + (3 - weekday) * 86_400_000);
    const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
    return `${thursday.getUTCFullYear()}-W${String(Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1).padStart(2, "0")}`;
  };
  const qcDeductions = {};
  for (const q of qcRows) {
    const points = q.hundredths >= 8000 ? 0 : q.hundredths >= 7000 ? 1 : q.hundredths >= 6000 ? 2 : 3;
    const weeks = (qcDeductions[q.agent] ??= {});
    const week = (weeks[isoWeek(q.at)] ??= { points: 0, deducted: 0 });
    week.points += points;
    week.deducted = Math.min(3, week.points);
  }

  // Service levels: breaches by record id.
  const minuteOfDay = (ms) => { const d = new Date(ms + OFFSET_MS); return d.getUTCHours() * 60 + d.getUTCMinutes() + (d.getUTCSeconds() > 0 ? 0.5 : 0); };
  const at0930 = (ms, nextDayToo) => Date.parse(`${nextDayToo ? nextDay(dayOf(ms)) : dayOf(ms)}T09:30:00Z`) - OFFSET_MS;
  const online = febCons.filter((c) => minuteOfDay(c.start) > 540 && minuteOfDay(c.start) < 1380);
  const night = febCons.filter((c) => !online.includes(c));
  const summary = (checked, breaches) => ({ checked, compliant: checked - breaches.length, breaches: breaches.sort() });
  const presale = new Set(agents.filter((a) => a.group === "presale").map((a) => a.agentId));
  const waited = febCons.filter((c) => presale.has(c.agent) && c.longest !== null);
  const rec = afterSales.filter((s) => inFeb(s.received));
  const serviceLevels = {
    firstReply: summary(online.length, online.filter((c) => c.reply === null || c.reply - c.start > 60_000).map((c) => c.id)),
    overnight: summary(night.length, night.filter((c) => c.reply === null || c.reply > at0930(c.start, minuteOfDay(c.start) >= 1380)).map((c) => c.id)),
    ticketReply: summary(tickets.filter((t) => inFeb(t.created)).length, tickets.filter((t) => inFeb(t.created) && (t.reply === null || t.reply - t.created > 3_600_000)).map((t) => t.id)),
    afterSaleReview: summary(afterSales.filter((s) => inFeb(s.applied)).length, afterSales.filter((s) => inFeb(s.applied) && (s.reviewed === null || s.reviewed - s.applied > 12 * 3_600_000)).map((s) => s.id)),
    refundAfterReceipt: summary(rec.length, rec.filter((s) => s.refunded === null || s.refunded - s.received > 24 * 3_600_000).map((s) => s.id)),
    presaleWait: summary(waited.length, waited.filter((c) => Math.max(c.longest * 1000, c.reply - c.start) >= 120_000).map((c) => c.id)),
  };
  // Complaints answered within 24 h.
  const complaints = read("complaints.csv").map((c) => ({ id: c.complaintId, at: instant(c.at), replied: instant(c.repliedAt) })).filter((c) => inFeb(c.at));
  serviceLevels.complaintReply = summary(complaints.length, complaints.filter((c) => c.replied === null || c.replied - c.at > 24 * 3_600_000).map((c) => c.id));
  // Order anomalies (24 h); shipping (24 h) and pick-up (48 h) of every February-paid order, from
  // its payment, unless refunded in full and never shipped, or flagged green (绿旗: to be shipped later).
  const anomalies = read("orderAnomalies.csv").map((x) => ({ id: x.orderId, raised: instant(x.raisedAt), verified: instant(x.verifiedAt) })).filter((x) => inFeb(x.raised));
  serviceLevels.orderAnomaly = summary(anomalies.length, anomalies.filter((x) => x.verified === null || x.verified - x.raised > 24 * 3_600_000).map((x) => x.id));
  const shipmentOf = new Map(read("shipments.csv").map((x) => [x.orderId, { shipped: instant(x.shippedAt), picked: instant(x.pickedUpAt) }]));
  const toShip = paidFeb.filter((o) => (shipmentOf.has(o.id) || o.refund < o.amount) && o.flag !== "绿旗");
  const late = (o, field, hours) => {
    const done = shipmentOf.get(o.id)?.[field] ?? null;
    return done === null || done - o.paid > hours * 3_600_000;
  };
  serviceLevels.shipping = summary(toShip.length, toShip.filter((o) => late(o, "shipped", 24)).map((o) => o.id));
  serviceLevels.pickupScan = summary(toShip.length, toShip.filter((o) => late(o, "picked", 48)).map((o) => o.id));
  // Traffic (seed 001): per day of February the visitors (all sources), the distinct buyers with an
  // order paid that day and what they paid; CVR = buyers / UV (4 decimals), 客单价 = sales / buyers
  // (to the fen), estimate = UV × CVR × 客单价 as shown (to the fen, half up); the total over the days
  // with traffic; the sources' visitors and shares.
  const uvOf = new Map();
  const sourceUv = new Map();
  for (const t of read("traffic.csv")) {
    if (!t.date.startsWith(MONTH)) continue;
    uvOf.set(t.date, (uvOf.get(t.date) ?? 0) + Number(t.uv));
    sourceUv.set(t.source, (sourceUv.get(t.source) ?? 0) + Number(t.uv));
  }
  const days = {};
  const total = { uv: 0, paidBuyers: 0, fen: 0, missing: 0 };
  for (let d = 1; d <= 29; d++) {
    const date = `${MONTH}-${String(d).padStart(2, "0")}`;
    const paidThatDay = paidFeb.filter((o) => dayOf(o.paid) === date);
    const buyers = new Set(paidThatDay.map((o) => o.buyer)).size;
    const sales = paidThatDay.reduce((s, o) => s + o.amount, 0);
    const uv = uvOf.get(date) ?? null;
    const cvr = uv === null ? null : round(buyers, uv, 4);
    const aov = round(sales, buyers * 100, 2);
    let estimate = null;
    if (cvr !== null && aov !== null) {
      const product = BigInt(uv) * BigInt(cvr.replace(".", "")) * BigInt(aov.replace(".", "")); // fen × 10^4
      estimate = Number((product * 2n + 10_000n) / 20_000n);
    }
    const signed = (f) => (f < 0 ? `-${money(-f)}` : money(f));
    days[date] = { uv, paidBuyers: buyers, sales: money(sales), conversionRate: cvr, averageOrderValue: aov, estimate: estimate === null ? null : money(estimate), difference: estimate === null ? null : signed(sales - estimate) };
    if (uv === null) total.missing++;
    else {
      total.uv += uv;
      total.paidBuyers += buyers;
      total.fen += sales;
    }
  }
  const sourceTotal = [...sourceUv.values()].reduce((a, b) => a + b, 0);
  const traffic = {
    total: { uv: total.uv, paidBuyers: total.paidBuyers, sales: money(total.fen), conversionRate: round(total.paidBuyers, total.uv, 4), averageOrderValue: round(total.fen, total.paidBuyers * 100, 2), daysWithoutTraffic: total.missing },
    sources: [...sourceUv].sort((a, b) => b[1] - a[1]).map(([source, uv]) => ({ source, uv, share: round(uv, sourceTotal, 4) })),
    days,
  };
  // Lost inquiries (询单流失): the February consultations of pre-sales agents; a buyer is converted
  // for an agent when one of their inquiries saw an order of the buyer placed or paid from its start
  // to 48 h after its end; lost when not, and every such window closed before 1 March; open otherwise.
  const WINDOW = 48 * 3_600_000;
  const END = Date.parse("2020-03-01T00:00:00+08:00");
  const inquiries = febCons.filter((c) => groupOf[c.agent] === "presale");
  const orderedWithin = (c) => orders.some((o) => o.buyer === c.buyer && [o.created, o.paid].some((t) => t !== null && t >= c.start && t <= c.end + WINDOW));
  const stateOf = (list) => (list.some(orderedWithin) ? "converted" : list.every((c) => c.end + WINDOW < END) ? "lost" : "open");
  const groupBy = (list, key) => {
    const m = new Map();
    for (const x of list) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
    return m;
  };
  const lostFigures = (list) => {
    const byBuyer = groupBy(list, (c) => c.buyer);
    const states = [...byBuyer.values()].map(stateOf);
    const n = (s) => states.filter((x) => x === s).length;
    return { inquiringBuyers: byBuyer.size, convertedBuyers: n("converted"), lostBuyers: n("lost"), openBuyers: n("open"), lostRate: round(n("lost"), byBuyer.size, 4) };
  };
  const lostAgents = [...new Set(inquiries.map((c) => c.agent))].sort();
  const lostInquiries = {
    shop: lostFigures(inquiries),
    agents: Object.fromEntries(lostAgents.map((a) => [a, lostFigures(inquiries.filter((c) => c.agent === a))])),
    items: lostAgents.flatMap((a) => {
      const byBuyer = groupBy(inquiries.filter((c) => c.agent === a), (c) => c.buyer);
      return [...byBuyer.values()].filter((list) => stateOf(list) === "lost").map((list) => list.reduce((x, y) => (y.start >= x.start ? y : x)))
        .sort((x, y) => x.start - y.start || (x.id < y.id ? -1 : 1)).map((c) => `${a} ${c.buyer} ${c.id}`);
    }),
  };
  // KPI targets (考核目标), the defaults: met at or above atLeast / at or below atMost (the target
  // itself met); no data and an insufficient sample are not judged. Each agent and the shop tally.
  const TARGETS = [["goodReviewRate", 1, "0.98"], ["avgResponseSeconds", -1, "30"], ["phoneAnswerRate", 1, "0.95"], ["ticketTimelyRate", 1, "0.95"], ["afterSaleReviewHours", -1, "6"], ["afterSaleSatisfaction", 1, "0.95"]];
  const judge = (m, sign, target) => {
    const value = typeof m === "object" && m !== null ? m.value : m;
    if (value === null) return "noData";
    if (typeof m === "object" && m.status === "insufficient") return "insufficient";
    return (sign > 0 ? Number(value) >= Number(target) : Number(value) <= Number(target)) ? "met" : "missed";
  };
  const who = [...agents.map((a) => [a.agentId, perAgent[a.agentId]]), ["shop", shopKpis]];
  const targets = Object.fromEntries(TARGETS.map(([metric, sign, target]) => [metric, Object.fromEntries(who.map(([id, k]) => [id, judge(k[metric], sign, target)]))]));
  targets.tally = Object.fromEntries(
    who.map(([id]) => {
      const statuses = TARGETS.map(([metric]) => targets[metric][id]);
      return [id, { met: statuses.filter((x) => x === "met").length, missed: statuses.filter((x) => x === "missed").length }];
    }),
  );
  return { agents: perAgent, shop: shopKpis, scores, qcDeductions, serviceLevels, traffic, lostInquiries, targets };
}
