#!/usr/bin/env node
// Re-derives the expected figures of a month folder by brute force, independently of the library
// (imports nothing from src/ or dist/), and compares them with the folder's hand-derived.json.
//
//   node scripts/check-sample-month.mjs [folder] [--print]
//
// It applies DOMAIN.md R1 literally, O(orders × consultations): zone Asia/Shanghai (UTC+8, no DST),
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
function compare(expected, actual, path) {
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return diffs.push(`${path}: hand ${JSON.stringify(expected)}, script ${JSON.stringify(actual)}`);
    for (const k of Object.keys(expected)) compare(expected[k], actual[k], `${path}.${k}`);
  } else if (expected !== actual) diffs.push(`${path}: hand ${JSON.stringify(expected)}, script ${JSON.stringify(actual)}`);
}
compare(hand, derived, "$");
for (const id of Object.keys(derived.agents)) if (!hand.agents?.[id]) diffs.push(`$.agents.${id}: missing from hand-derived.json`);
for (const id of Object.keys(perOrder)) if (/^E\d+$/.test(id) && !hand.orders?.[id]) diffs.push(`$.orders.${id}: missing from hand-derived.json`);
if (diffs.length > 0) {
  console.error(`${diffs.length} disagreement(s) between hand-derived.json and the brute force:`);
  for (const d of diffs) console.error(`  ${d}`);
  process.exit(1);
}
console.log(`${dir}: hand-derived.json agrees with the brute force (${orders.length} orders, ${consultations.length} consultations)`);
