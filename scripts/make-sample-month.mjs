#!/usr/bin/env node
// Writes the bundled sample month fixtures/sample-month/{agents,consultations,orders}.csv and the
// KPI kinds {tickets,afterSales,reviews,qc,calls}.csv.
//
//   node scripts/make-sample-month.mjs [outDir]
//
// Deterministic (no randomness, no clock): running it twice gives byte-identical files. Plain Node
// ESM, no dependencies. The month is 2020-02 (29 days) in the shop's zone Asia/Shanghai; every time
// below is wall time in that zone. The data is built from blocks that are easy to sum by hand plus
// one buyer per edge case; fixtures/sample-month/README.md derives the expected figures from them
// and scripts/check-sample-month.mjs re-derives them by brute force.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = process.argv[2] ?? join(root, "fixtures", "sample-month");

// ---------------------------------------------------------------------------------------------
// Wall-time helpers. Asia/Shanghai has had no DST since 1991, so wall-clock arithmetic on a naive
// clock (Date.UTC used as a calendar only) is exact for this month.
const SEC = 1000;
const MIN = 60 * SEC;

/** "2020-02-03 14:00:00" → naive ms. */
function at(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`bad time ${text}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}
const pad = (n, w = 2) => String(n).padStart(w, "0");
/** naive ms → "YYYY-MM-DD HH:mm:ss" (or "" for null). */
function fmt(ms) {
  if (ms === null) return "";
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
const feb = (day, hour, minute = 0, second = 0) => Date.UTC(2020, 1, day, hour, minute, second);

// ---------------------------------------------------------------------------------------------
// Rows.
const agents = [
  // agentId, name, group, grade, hiredAt, gradeSince, probationEndsAt
  ["A01", "王芳", "presale", "senior", "2017-03-06", "2019-04-01", "2017-06-05"],
  ["A02", "李娜", "presale", "intermediate", "2018-07-02", "2019-10-08", "2018-10-01"],
  ["A03", "张伟", "presale", "junior", "2020-01-06", "2020-01-06", "2020-04-05"], // on probation in February
  ["A04", "刘洋", "insale", "intermediate", "2018-11-12", "2019-08-01", "2019-02-11"],
  ["A05", "陈静", "aftersale", "junior", "2019-09-02", "2019-09-02", "2019-12-01"],
  ["A06", "赵磊", "aftersale", "expert", "2015-05-18", "2018-03-01", ""],
];

const consultations = []; // [consultationId, agentId, buyerId, startedAt, firstReplyAt, endedAt, buyerMessages, agentMessages, source]
const orders = []; // [orderId, buyerId, createdAt, paidAt, amount, refundAmount, remarkAgentId]

// Response intervals (KPIs, R2): every agent message of a replied consultation answers after the
// agent's own constant interval, so each agent's mean response time is that constant exactly:
// responseCount = agentMessages, responseSeconds = agentMessages × PER_RESPONSE[agent]. The longest
// wait (maxResponseSeconds) is the constant + 10 s, except the WAITS listed (the 2-minute rule).
const PER_RESPONSE = { A01: 20, A02: 25, A03: 40, A04: 30, A05: 35, A06: 15 };
const WAITS = { C0310: 130, C0320: 130, C0330: 130 };

function consult(id, agentId, buyerId, startedAt, firstReplyAt, endedAt, buyerMessages, agentMessages, source) {
  if (firstReplyAt !== null && !(startedAt <= firstReplyAt && firstReplyAt <= endedAt)) throw new Error(`bad times ${id}`);
  if (!(startedAt <= endedAt)) throw new Error(`bad times ${id}`);
  const responses = firstReplyAt === null ? 0 : agentMessages;
  const seconds = responses * PER_RESPONSE[agentId];
  const longest = firstReplyAt === null ? "" : (WAITS[id] ?? PER_RESPONSE[agentId] + 10);
  if (longest !== "" && longest > seconds) throw new Error(`longest wait of ${id} beyond its response seconds`);
  consultations.push([id, agentId, buyerId, fmt(startedAt), fmt(firstReplyAt), fmt(endedAt), buyerMessages, agentMessages, source, responses, seconds, longest]);
}
function order(id, buyerId, createdAt, paidAt, amount, refundAmount = "0.00", remarkAgentId = "") {
  if (paidAt !== null && paidAt < createdAt) throw new Error(`bad times ${id}`);
  orders.push([id, buyerId, fmt(createdAt), fmt(paidAt), amount, refundAmount, remarkAgentId]);
}

/**
 * The start of the i-th (1-based) of n sessions spread over February: day 1 + floor((i−1)·29/n), the
 * j-th session of a day at firstHour + j·stepHours, minute from the block's own pattern. Times rise
 * with i, so buyer ids and times run in the same order.
 */
function slots(n, firstHour, stepHours, minuteOf) {
  const out = [];
  let lastDay = 0;
  let j = 0;
  for (let i = 1; i <= n; i++) {
    const day = 1 + Math.floor(((i - 1) * 29) / n);
    j = day === lastDay ? j + 1 : 0;
    lastDay = day;
    const hour = firstHour + j * stepHours;
    if (hour > 22) throw new Error("slot past 22:00");
    out.push(feb(day, hour, minuteOf(i)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Background blocks 1–6: one buyer, one consultation, one order each. In blocks 1–3, 5, 6 the
// order is placed and paid during the chat (assisted, credited to the agent). In block 4 (insale)
// the buyer places the order alone and pays while chatting (silent-order, credited to the payAgent).
const chatBlocks = [
  // agent, buyer prefix, count, amount, first hour, step, minute pattern, source, fully refunded buyers
  { agent: "A01", no: "01", n: 60, amount: "128.00", h0: 9, step: 4, min: (i) => (i * 7) % 50, source: "商品详情页", refunded: [] },
  { agent: "A02", no: "02", n: 45, amount: "99.00", h0: 10, step: 5, min: (i) => (i * 11) % 50, source: "店铺首页", refunded: [15, 30, 45] },
  { agent: "A03", no: "03", n: 30, amount: "59.90", h0: 13, step: 4, min: (i) => (i * 13) % 50, source: "商品详情页", refunded: [] },
  { agent: "A05", no: "05", n: 12, amount: "45.00", h0: 15, step: 3, min: (i) => (i * 17) % 50, source: "订单详情页", refunded: [] },
  { agent: "A06", no: "06", n: 10, amount: "300.00", h0: 16, step: 3, min: (i) => (i * 19) % 50, source: "消息中心", refunded: [] },
];

function chatBlock({ agent, no, n, amount, h0, step, min, source, refunded }) {
  slots(n, h0, step, min).forEach((s, k) => {
    const i = k + 1;
    const buyer = `b${no}${pad(i)}`;
    const reply = s + (10 + ((i * 7) % 40)) * SEC;
    const created = s + (6 + (i % 5)) * MIN;
    const paid = created + (1 + (i % 3)) * MIN;
    const ended = s + (15 + (i % 10)) * MIN;
    const bm = 3 + ((i * 5) % 8);
    consult(`C${no}${pad(i)}`, agent, buyer, s, reply, ended, bm, bm + 1 + (i % 3), source);
    order(`O${no}${pad(i)}`, buyer, created, paid, amount, refunded.includes(i) ? amount : "0.00");
  });
}

function silentOrderBlock({ agent, no, n, amount, h0, step, min }) {
  slots(n, h0, step, min).forEach((s, k) => {
    const i = k + 1;
    const buyer = `b${no}${pad(i)}`;
    // placed alone at s; asks about the invoice / shipping 20 min later; pays during the chat
    const start = s + 20 * MIN;
    const bm = 2 + ((i * 3) % 5);
    order(`O${no}${pad(i)}`, buyer, s, s + 25 * MIN, amount);
    consult(`C${no}${pad(i)}`, agent, buyer, start, start + (15 + (i % 20)) * SEC, start + 15 * MIN, bm, bm + 1, i % 2 ? "订单详情页" : "订单列表页");
  });
}

for (const b of chatBlocks.slice(0, 3)) chatBlock(b);
silentOrderBlock({ agent: "A04", no: "04", n: 20, amount: "200.00", h0: 11, step: 6, min: (i) => (i * 9) % 50 });
for (const b of chatBlocks.slice(3)) chatBlock(b);

// Block 7: fully silent orders — 40 buyers silent01–silent40 with no chats at all, 79.00 each;
// silent25 got 29.00 back (partial refund).
slots(40, 7, 5, (i) => (i * 23) % 55).forEach((s, k) => {
  const i = k + 1;
  order(`S${pad(i)}`, `silent${pad(i)}`, s, s + (1 + (i % 4)) * MIN, "79.00", i === 25 ? "29.00" : "0.00");
});

// Block 8: unpaid orders U01–U20, 150.00 each except U19 (8.00) and U20 (8.01). unpaid01–unpaid10
// placed them while chatting with A02 and never paid; unpaid11–unpaid20 never chatted.
slots(20, 12, 6, (i) => (i * 29) % 50).forEach((s, k) => {
  const i = k + 1;
  const buyer = `unpaid${pad(i)}`;
  const amount = i === 19 ? "8.00" : i === 20 ? "8.01" : "150.00";
  if (i <= 10) {
    consult(`CU${pad(i)}`, "A02", buyer, s, s + (20 + i) * SEC, s + 18 * MIN, 4 + (i % 4), 5 + (i % 4), "商品详情页");
    order(`U${pad(i)}`, buyer, s + 9 * MIN, null, amount);
  } else {
    order(`U${pad(i)}`, buyer, s, null, amount);
  }
});

// Block 9: after-sales consultations without orders in this file (where is my parcel, returns,
// exchanges of earlier orders): A05 serves as01–as24, A06 serves as25–as40.
const afterSources = ["消息中心", "订单详情页", "订单列表页"];
slots(40, 9, 4, (i) => (i * 31) % 55).forEach((s, k) => {
  const i = k + 1;
  const agent = i <= 24 ? "A05" : "A06";
  const bm = 2 + ((i * 3) % 9);
  consult(`CAS${pad(i)}`, agent, `as${pad(i)}`, s, s + (12 + ((i * 11) % 50)) * SEC, s + (8 + (i % 12)) * MIN, bm, bm + (i % 2), afterSources[i % 3]);
});

// Block 10: unreplied consultations — buyers nr01–nr08 left before any reply; no orders.
[
  ["A01", feb(2, 23, 41, 5)],
  ["A02", feb(6, 23, 52, 40)],
  ["A03", feb(9, 12, 30, 10)],
  ["A01", feb(12, 23, 15, 0)],
  ["A02", feb(16, 20, 5, 30)],
  ["A03", feb(19, 23, 48, 20)],
  ["A01", feb(23, 13, 2, 45)],
  ["A02", feb(27, 23, 33, 0)],
].forEach(([agent, s], k) => {
  const i = k + 1;
  consult(`CNR${pad(i)}`, agent, `nr${pad(i)}`, s, null, s + (2 + (i % 3)) * MIN, 1 + (i % 2), 0, i % 2 ? "商品详情页" : "店铺首页");
});

// ---------------------------------------------------------------------------------------------
// Edge cases: one buyer each, amounts 1001.00, 1002.00, … by order number. Listed in order; the
// consultation rows of an edge case are written in the order given (E03 and E04 depend on it).
const T = at;
const edges = [
  {
    // exactly 48 h after the chat ended: still attributed (t − min(endedAt, t) = 48 h ≤ 48 h)
    buyer: "edge-window-exact",
    chats: [["CE01", "A01", "2020-02-03 14:00:00", "2020-02-03 14:00:30", "2020-02-03 14:05:00", 6, 7, "商品详情页"]],
    order: ["E01", "2020-02-05 14:05:00", "2020-02-05 14:05:00"],
  },
  {
    // 48 h + 1 min after the chat ended: too late, neither placing nor paying attributed
    buyer: "edge-window-past",
    chats: [["CE02", "A02", "2020-02-04 19:55:00", "2020-02-04 19:55:20", "2020-02-04 20:10:00", 5, 6, "商品详情页"]],
    order: ["E02", "2020-02-06 20:11:00", "2020-02-06 20:11:40"],
  },
  {
    // two chats ending at the same instant: the later firstReplyAt (A03) wins although A01's row is later
    buyer: "edge-tie-reply",
    chats: [
      ["CE03b", "A03", "2020-02-07 16:10:00", "2020-02-07 16:10:05", "2020-02-07 16:30:00", 4, 5, "店铺首页"],
      ["CE03a", "A01", "2020-02-07 16:00:00", "2020-02-07 16:00:10", "2020-02-07 16:30:00", 6, 6, "商品详情页"],
    ],
    order: ["E03", "2020-02-07 16:45:00", "2020-02-07 16:46:00"],
  },
  {
    // two chats with the same firstReplyAt and endedAt (duplicated by a transfer): the later row (A02) wins
    buyer: "edge-tie-row",
    chats: [
      ["CE04a", "A01", "2020-02-08 10:00:00", "2020-02-08 10:00:30", "2020-02-08 10:20:00", 3, 3, "商品详情页"],
      ["CE04b", "A02", "2020-02-08 10:00:00", "2020-02-08 10:00:30", "2020-02-08 10:20:00", 3, 4, "商品详情页"],
    ],
    order: ["E04", "2020-02-08 10:30:00", "2020-02-08 10:31:00"],
  },
  {
    // placed mid-session: A02's open chat serves up to t itself, beating A01's chat that ended earlier
    buyer: "edge-mid-session",
    chats: [
      ["CE05a", "A01", "2020-02-09 09:00:00", "2020-02-09 09:00:40", "2020-02-09 09:12:00", 4, 5, "商品详情页"],
      ["CE05b", "A02", "2020-02-09 09:50:00", "2020-02-09 09:50:20", "2020-02-09 10:40:00", 9, 11, "店铺首页"],
    ],
    order: ["E05", "2020-02-09 10:15:00", "2020-02-09 10:16:00"],
  },
  {
    // two sessions open at once: both serve up to t (tie on min(endedAt, t)); the later firstReplyAt
    // (A03) wins, although A02's chat ends later
    buyer: "edge-two-open-sessions",
    chats: [
      ["CE06a", "A02", "2020-02-10 15:00:00", "2020-02-10 15:00:20", "2020-02-10 15:50:00", 8, 9, "商品详情页"],
      ["CE06b", "A03", "2020-02-10 15:20:00", "2020-02-10 15:20:30", "2020-02-10 15:35:00", 5, 6, "店铺首页"],
    ],
    order: ["E06", "2020-02-10 15:30:00", "2020-02-10 15:31:00"],
  },
  {
    // silent order: placed with no prior service, paid during a chat with A04 → credited to the payAgent
    buyer: "edge-silent-order",
    chats: [["CE07", "A04", "2020-02-11 09:05:00", "2020-02-11 09:05:20", "2020-02-11 09:20:00", 4, 5, "订单详情页"]],
    order: ["E07", "2020-02-11 08:30:00", "2020-02-11 09:12:00"],
  },
  {
    // fully silent: no chat before placing or paying; the buyer's chat with A05 comes after paying
    buyer: "edge-fully-silent",
    chats: [["CE08", "A05", "2020-02-13 15:00:00", "2020-02-13 15:00:25", "2020-02-13 15:10:00", 3, 4, "订单详情页"]],
    order: ["E08", "2020-02-13 13:00:00", "2020-02-13 13:01:30"],
  },
  {
    // own place, other pay: A01 places (mid-session), A04 serves the payment in the evening
    buyer: "edge-place-a01-pay-a04",
    chats: [
      ["CE09a", "A01", "2020-02-14 11:00:00", "2020-02-14 11:00:30", "2020-02-14 11:20:00", 7, 8, "商品详情页"],
      ["CE09b", "A04", "2020-02-14 19:00:00", "2020-02-14 19:00:40", "2020-02-14 19:30:00", 4, 5, "订单详情页"],
    ],
    order: ["E09", "2020-02-14 11:15:00", "2020-02-14 19:20:00"],
  },
  {
    // the reverse: A03 places, A01 serves the payment the next morning
    buyer: "edge-place-a03-pay-a01",
    chats: [
      ["CE10a", "A03", "2020-02-15 20:00:00", "2020-02-15 20:00:40", "2020-02-15 20:30:00", 6, 6, "商品详情页"],
      ["CE10b", "A01", "2020-02-16 10:00:00", "2020-02-16 10:00:10", "2020-02-16 10:20:00", 3, 4, "订单详情页"],
    ],
    order: ["E10", "2020-02-15 20:25:00", "2020-02-16 10:10:00"],
  },
  {
    // a January chat attributes a February order (the window reaches back over the month start)
    buyer: "edge-jan-consult",
    chats: [["CE11", "A02", "2020-01-30 22:00:00", "2020-01-30 22:00:30", "2020-01-30 22:30:00", 8, 9, "商品详情页"]],
    order: ["E11", "2020-02-01 09:00:00", "2020-02-01 09:05:00"],
  },
  {
    // created on 31 January, paid 10 minutes after midnight (Shanghai): booked in February
    buyer: "edge-jan-created",
    chats: [["CE12", "A01", "2020-01-31 21:00:00", "2020-01-31 21:00:20", "2020-01-31 21:30:00", 5, 6, "商品详情页"]],
    order: ["E12", "2020-01-31 21:20:00", "2020-02-01 00:10:00"],
  },
  {
    // paid 30 s into March (Shanghai): not booked in February
    buyer: "edge-paid-march",
    chats: [["CE13", "A02", "2020-02-29 23:40:00", "2020-02-29 23:40:30", "2020-02-29 23:58:00", 6, 7, "商品详情页"]],
    order: ["E13", "2020-02-29 23:50:00", "2020-03-01 00:00:30"],
  },
  {
    // paid 30 s before February: booked in January, not here
    buyer: "edge-paid-january",
    chats: [["CE14", "A01", "2020-01-31 23:40:00", "2020-01-31 23:40:20", "2020-01-31 23:58:00", 5, 5, "商品详情页"]],
    order: ["E14", "2020-01-31 23:50:00", "2020-01-31 23:59:30"],
  },
  {
    // partial refund: 415.00 of 1015.00 refunded
    buyer: "edge-refund-partial",
    chats: [["CE15", "A01", "2020-02-16 14:00:00", "2020-02-16 14:00:15", "2020-02-16 14:25:00", 7, 9, "商品详情页"]],
    order: ["E15", "2020-02-16 14:10:00", "2020-02-16 14:12:00", "415.00"],
  },
  {
    // full refund: still a credited order, net 0.00
    buyer: "edge-refund-full",
    chats: [["CE16", "A02", "2020-02-17 11:00:00", "2020-02-17 11:00:20", "2020-02-17 11:20:00", 6, 7, "店铺首页"]],
    order: ["E16", "2020-02-17 11:08:00", "2020-02-17 11:09:00", "1016.00"],
  },
  {
    // remark only: no chat (the buyer phoned; A03 wrote 工号 A03 in the order remark) → fully silent
    // under the default chat source; credited to A03 only under source "remark" / "chatThenRemark"
    buyer: "edge-remark-only",
    chats: [],
    order: ["E17", "2020-02-17 20:30:00", "2020-02-17 20:31:00", "0.00", "A03"],
  },
  {
    // an unreplied chat with A02 just before placing does not attribute; A01's chat of the day before does
    buyer: "edge-unreplied-before",
    chats: [
      ["CE18a", "A01", "2020-02-17 10:00:00", "2020-02-17 10:00:30", "2020-02-17 10:20:00", 5, 6, "商品详情页"],
      ["CE18b", "A02", "2020-02-18 14:00:00", null, "2020-02-18 14:05:00", 2, 0, "店铺首页"],
    ],
    order: ["E18", "2020-02-18 14:10:00", "2020-02-18 14:11:00"],
  },
  {
    // first reply at exactly the placing instant: firstReplyAt <= t holds, attributed
    buyer: "edge-reply-at-order",
    chats: [["CE19", "A03", "2020-02-19 16:00:00", "2020-02-19 16:02:00", "2020-02-19 16:15:00", 4, 4, "商品详情页"]],
    order: ["E19", "2020-02-19 16:02:00", "2020-02-19 16:05:00"],
  },
  {
    // first reply 1 s after placing: not the placeAgent, but the payAgent → silent order
    buyer: "edge-reply-after-order",
    chats: [["CE20", "A02", "2020-02-20 11:00:00", "2020-02-20 11:01:01", "2020-02-20 11:20:00", 5, 6, "商品详情页"]],
    order: ["E20", "2020-02-20 11:01:00", "2020-02-20 11:05:00"],
  },
  {
    // placed during A01's chat, paid 48 h + 1 min after it ended: placeAgent A01, no payAgent
    buyer: "edge-late-pay",
    chats: [["CE21", "A01", "2020-02-21 09:00:00", "2020-02-21 09:00:20", "2020-02-21 09:30:00", 6, 7, "商品详情页"]],
    order: ["E21", "2020-02-21 09:20:00", "2020-02-23 09:31:00"],
  },
  {
    // placed during A02's chat, never paid: unpaid, no sales, no credit
    buyer: "edge-unpaid",
    chats: [["CE22", "A02", "2020-02-22 15:00:00", "2020-02-22 15:00:20", "2020-02-22 15:25:00", 6, 7, "商品详情页"]],
    order: ["E22", "2020-02-22 15:10:00", null],
  },
];

edges.forEach((e, k) => {
  const amount = `${1001 + k}.00`;
  const [orderId, created, paid, refund = "0.00", remark = ""] = e.order;
  if (orderId !== `E${pad(k + 1)}`) throw new Error(`edge ${orderId} out of order`);
  for (const [id, agent, s, r, end, bm, am, src] of e.chats) {
    consult(id, agent, e.buyer, T(s), r === null ? null : T(r), T(end), bm, am, src);
  }
  order(orderId, e.buyer, T(created), paid === null ? null : T(paid), amount, refund, remark);
});

// ---------------------------------------------------------------------------------------------
// KPI kinds (R2). Small blocks with round figures; fixtures/sample-month/README.md ("KPIs") derives
// every metric from them. Day d of February at a given hour, in the shop's wall time.
const reviews = []; // [reviewId, agentId, at, rating]
const calls = []; // [callId, agentId, at, answered]
const qc = []; // [conversationId, agentId, at, score]
const tickets = []; // [ticketId, agentId, createdAt, firstReplyAt, closedAt, closedOnFirstReply, kind]
const afterSales = []; // [afterSaleId, agentId, orderId, appliedAt, reviewedAt, goodsReceivedAt, refundedAt, refundAmount, satisfaction]

// 客服评价: per agent, n reviews on days 1…n at 12:00, the listed ones not good.
const reviewPlan = [
  ["A01", 20, { 7: "neutral" }],
  ["A02", 10, {}],
  ["A03", 3, { 2: "bad" }],
  ["A05", 8, { 3: "neutral", 6: "bad" }],
  ["A06", 12, {}],
];
for (const [agent, n, notGood] of reviewPlan) {
  for (let k = 1; k <= n; k++) reviews.push([`R${agent.slice(1)}${pad(k)}`, agent, fmt(feb(k, 12)), notGood[k] ?? "good"]);
}
// Outside February: a bad review on 1 March 00:00:00 and one on 31 January 23:59:59 (not counted).
reviews.push(["R0199", "A01", "2020-03-01 00:00:00", "bad"], ["R0299", "A02", "2020-01-31 23:59:59", "bad"]);

// 400 电话: per agent, n calls on days 1…n at 14:00, the listed ones not answered.
const callPlan = [
  ["A01", 10, [4]],
  ["A02", 20, []],
  ["A03", 4, [1]],
  ["A05", 10, [2, 9]],
  ["A06", 5, []],
];
for (const [agent, n, missed] of callPlan) {
  for (let k = 1; k <= n; k++) calls.push([`P${agent.slice(1)}${pad(k)}`, agent, fmt(feb(k, 14)), missed.includes(k) ? "false" : "true"]);
}

// 质检: inspected conversations with their scores. A01's third is on Sunday 9 Feb (ISO week 6) at
// 23:30 and its fourth on Monday 10 Feb (week 7) at 00:30; A02's three fall in week 7 (capped at 3).
qc.push(
  ["C0105", "A01", "2020-02-03 10:00:00", "90"],
  ["C0110", "A01", "2020-02-05 10:00:00", "85"],
  ["C0120", "A01", "2020-02-09 23:30:00", "78"],
  ["C0125", "A01", "2020-02-10 00:30:00", "95"],
  ["C0210", "A02", "2020-02-11 10:00:00", "65"],
  ["C0212", "A02", "2020-02-12 10:00:00", "55"],
  ["C0214", "A02", "2020-02-14 10:00:00", "72"],
  ["C0305", "A03", "2020-02-18 10:00:00", "59.5"],
  ["C0310", "A03", "2020-02-19 10:00:00", "81"],
  ["C0405", "A04", "2020-02-20 10:00:00", "70"],
  ["C0505", "A05", "2020-02-24 10:00:00", "60"],
  ["C0510", "A05", "2020-02-25 10:00:00", "80.5"],
);

// 工单: A04's ten tickets on days 2, 4, … 20 at 10:00 — replied after 10, 20, … 50 min except
// T0408 (61 min: late) and T0410 (never); the first six closed on the first reply. A05: two tickets.
for (let k = 1; k <= 10; k++) {
  const created = feb(2 * k, 10);
  const minutes = k === 8 ? 61 : k === 10 ? null : 10 * (1 + ((k - 1) % 5));
  const reply = minutes === null ? null : created + minutes * MIN;
  tickets.push([`T04${pad(k)}`, "A04", fmt(created), fmt(reply), k <= 6 ? fmt(reply) : "", k <= 6 ? "true" : "false", k % 2 ? "delivery" : "urgent"]);
}
tickets.push(["T0501", "A05", fmt(feb(5, 15)), fmt(feb(5, 15, 30)), fmt(feb(5, 15, 30)), "true", "delivery"]);
tickets.push(["T0502", "A05", fmt(feb(6, 15)), fmt(feb(6, 15, 45)), "", "false", "delivery"]);

// 售后单: applied at 09:00 on the given day, reviewed h hours later; refunds after the goods arrive.
const afterSalePlan = [
  // id, agent, order, day, review h, satisfaction, [goods received +h after applying, refunded +h after receipt, amount]
  ["AS0401", "A04", "", 3, 2, "", null],
  ["AS0402", "A04", "", 6, 4, "", null],
  ["AS0403", "A04", "", 9, 6, "", null],
  ["AS0404", "A04", "", 12, 8, "", null],
  ["AS0405", "A04", "", 15, 10, "", null],
  ["AS0501", "A05", "O0501", 2, 3, 5, [48, 2, "45.00"]],
  ["AS0502", "A05", "O0502", 5, 5, 5, [48, 20, "45.00"]],
  ["AS0503", "A05", "", 8, 13, 4, null],
  ["AS0504", "A05", "", 11, 4, 3, [72, 30, "20.50"]],
  ["AS0505", "A05", "", 14, 6, 5, null],
  ["AS0506", "A05", "", 17, 1, 4, null],
  ["AS0601", "A06", "O0601", 4, 1, 5, [24, 10, "300.00"]],
  ["AS0602", "A06", "", 10, 2, 5, null],
  ["AS0603", "A06", "", 16, 2, 5, null],
  ["AS0604", "A06", "", 22, 3, 5, null],
  ["AS0605", "A06", "O0610", 27, 2, 4, [24, 30, "300.00"]],
];
const HOUR = 60 * MIN;
for (const [id, agent, orderId, day, reviewH, satisfaction, refund] of afterSalePlan) {
  const applied = feb(day, 9);
  const received = refund ? applied + refund[0] * HOUR : null;
  const refunded = refund ? received + refund[1] * HOUR : null;
  afterSales.push([id, agent, orderId, fmt(applied), fmt(applied + reviewH * HOUR), fmt(received), fmt(refunded), refund ? refund[2] : "", satisfaction]);
}

// ---------------------------------------------------------------------------------------------
// The chat log (聊天记录, R8): the messages of six consultations of the file above, written so that
// each one's figures come out exactly as its row says (checked below, or the script fails), with the
// wording the chat standards look for. Each line: [time, who, text]: b the buyer, a the agent,
// bot the shop's 店小蜜 (a bot line), auto the agent account's auto-reply (a bot line by its marker).
// The findings of February are derived by hand in the README (section *Chat standards*).
const SHOP = "暖暖家居旗舰店";
const ACCOUNTS = {
  A01: `${SHOP}:芳芳`,
  A02: `${SHOP}:娜娜`,
  A03: `${SHOP}:阿伟|${SHOP}:伟伟`, // two sub-accounts, both used in CE10a
  A04: `${SHOP}:洋洋`,
  A05: `${SHOP}:静静`,
  A06: `${SHOP}:磊磊`,
};
const CHATS = [
  ["CE03a", `${SHOP}:芳芳`, [
    ["16:00:00", "b", "在吗？这款沙发垫有灰色吗"],
    ["16:00:05", "bot", "您好，欢迎光临暖暖家居"],
    ["16:00:10", "a", "您好，在的，灰色有货"],
    ["16:05:00", "b", "今天下单今天能发吗"],
    ["16:05:30", "a", "亲，今天发货，放心"],
    ["16:10:00", "b", "能便宜点吗"],
    ["16:10:20", "a", "不好意思，已经是活动价了"],
    ["16:15:00", "b", "那能开发票吗"],
    ["16:15:20", "a", "可以的，发票随货寄出"],
    ["16:20:00", "b", "你们发什么快递"],
    ["16:20:20", "a", "默认中通哦"],
    ["16:29:40", "b", "好的，我拍了"],
    ["16:30:00", "a", "感恩您的支持，有问题随时找我"],
  ]],
  ["CE04a", `${SHOP}:芳芳`, [
    ["10:00:00", "b", "你好，这个尺寸合适1.8米的床吗"],
    ["10:00:30", "a", "您好，合适的，您放心"],
    ["10:08:00", "b", "你确定吗"],
    ["10:08:15", "a", "确定，你量一下床宽就知道"],
    ["10:19:45", "b", "好"],
    ["10:20:00", "a", "有问题随时联系我们，加微信 nuannuan2020 也可以"],
  ]],
  ["CE10a", `${SHOP}:阿伟`, [
    ["20:00:00", "b", "在吗"],
    ["20:00:40", "a", "在的，您说"],
    ["20:05:00", "b", "可以用花呗分期吗"],
    ["20:05:50", "a", "不支持花呗，只能全款"],
    ["20:10:00", "b", "那信用卡呢"],
    ["20:10:40", "a2", "信用卡可以的"],
    ["20:15:00", "b", "退货包运费吗"],
    ["20:15:40", "a2", "特价商品不支持退货"],
    ["20:20:00", "b", "你们不支持退货吗？“七天无理由”呢"],
    ["20:20:40", "a2", "您说的“你们不支持退货吗”我再帮您确认一下"],
    ["20:29:30", "b", "好的谢谢"],
    ["20:30:00", "a2", "不客气，祝您生活愉快"],
  ]],
  ["CAS10", `${SHOP}:静静`, [
    ["09:35:00", "b", "我的快递怎么还没到"],
    ["09:35:01", "auto", "【自动回复】您好，客服正在赶来，请稍候"],
    ["09:35:22", "a", "您好，我帮您查一下物流"],
    ["09:40:00", "b", "查到了吗"],
    ["09:40:45", "a", "我不清楚，快递那边没更新"],
    ["09:45:00", "b", "那怎么办"],
    ["09:45:45", "a", "明天可以到的，您放心"],
    ["09:50:00", "b", "真的吗"],
    ["09:50:45", "a", "是的，我会一直跟进"],
    ["09:52:42", "b", "好"],
    ["09:53:00", "a", "恩，有消息马上通知您"],
  ]],
  ["CAS28", `${SHOP}:磊磊`, [
    ["09:43:00", "b", "退款什么时候到账"],
    ["09:43:20", "a", "您好，退款已经在处理了"],
    ["09:46:00", "b", "多久能到"],
    ["09:46:25", "a", "一般1-3个工作日原路退回"],
    ["09:49:00", "b", "能快点吗"],
    ["09:49:10", "a", "这个不行哦，是支付宝的处理时间"],
    ["09:52:00", "b", "好吧"],
    ["09:52:10", "a", "非常抱歉让您久等了"],
    ["09:54:50", "b", "嗯"],
    ["09:55:00", "a", "感谢您的理解"],
  ]],
  ["CE14", `${SHOP}:芳芳`, [
    ["23:40:00", "b", "还在吗"],
    ["23:40:20", "a", "在的，您说"],
    ["23:45:00", "b", "现在下单什么时候发货"],
    ["23:45:30", "a", "今天发货"],
    ["23:50:00", "b", "好"],
    ["23:50:20", "a", "您拍下后我备注优先发"],
    ["23:55:00", "b", "拍了"],
    ["23:55:20", "a", "收到，感谢支持"],
    ["23:57:50", "b", "晚安"],
    ["23:58:00", "a", "晚安，祝您好梦"],
  ]],
];

/** The chat log's rows, each chat checked against its consultation row (the rule of the rules document, R8). */
function chatLog() {
  const rows = [];
  for (const [id, account, lines] of CHATS) {
    const row = consultations.find((c) => c[0] === id);
    if (!row) throw new Error(`chat ${id}: no such consultation`);
    const [, , buyer, startedAt] = row;
    const day = startedAt.slice(0, 10);
    const second = account.replace(/:.*/, ":伟伟"); // a2: the agent's second sub-account
    const ms = (time) => Date.parse(`${day}T${time}Z`);
    let buyers = 0, agentsSent = 0, run = null, count = 0, sum = 0, max = 0, first = null, last = null;
    for (const [time, who, text] of lines) {
      const agent = who === "a" ? account : who === "a2" ? second : who === "auto" ? account : `${SHOP}:店小蜜`;
      rows.push(who === "b" ? [`${day} ${time}`, buyer, account, text] : [`${day} ${time}`, agent, buyer, text]);
      if (who === "bot" || who === "auto") continue;
      last = time;
      if (who === "b") {
        buyers++;
        run ??= ms(time);
      } else {
        agentsSent++;
        first ??= time;
        if (run !== null) {
          const s = (ms(time) - run) / 1000;
          count++;
          sum += s;
          max = Math.max(max, s);
          run = null;
        }
      }
    }
    const figures = [`${day} ${lines[0][0]}`, `${day} ${first}`, `${day} ${last}`, buyers, agentsSent, count, sum, max];
    const given = [row[3], row[4], row[5], row[6], row[7], row[9], row[10], row[11]];
    if (JSON.stringify(figures) !== JSON.stringify(given)) throw new Error(`chat ${id}: the messages give ${figures.join(", ")}, the consultation row ${given.join(", ")}`);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// CSV out (RFC 4180: quote a cell only when it holds a comma, quote or line break; LF line ends).
function csv(header, rows) {
  const cell = (v) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// Shipments (发货 and the carrier's 揽收 scan; seed 002's shipping service levels): every paid order
// is shipped 4 h after its payment and picked up 20 h after it, except the cases below; one
// shipment more is of an order of January, not among the orders. Order anomalies: five, listed.
const SHIPMENT_CASES = {
  O0110: { ship: 24, pick: 48 }, // exactly at both limits: complies
  O0120: { ship: 30, pick: 50 }, // 6 h and 2 h late
  O0111: { ship: 40, pick: 60 }, // late, but flagged green (to be shipped later): not checked
  O0130: null, // never shipped: a breach of both
  O0140: { ship: 4, pick: null }, // shipped, never scanned by the carrier
  O0215: null, // O0215, O0230, E16: refunded in full and never shipped — not checked
  O0230: null,
  E16: null,
};
const shipments = [];
for (const [id, , , paidAt] of orders) {
  if (paidAt === "") continue;
  const c = Object.hasOwn(SHIPMENT_CASES, id) ? SHIPMENT_CASES[id] : { ship: 4, pick: 20 };
  if (c === null) continue;
  const n = shipments.length + 1;
  const paid = at(paidAt);
  shipments.push([id, fmt(paid + c.ship * HOUR), c.pick === null ? "" : fmt(paid + c.pick * HOUR), `${n % 2 ? "SF" : "ZT"}${7100000000 + n}`, n % 2 ? "顺丰速运" : "中通快递"]);
}
shipments.push(["O0099", "2020-02-01 10:00:00", "2020-02-02 08:00:00", "SF7100009999", "顺丰速运"]);
const orderAnomalies = [
  // orderId, raisedAt, verifiedAt, agentId, kind, note
  ["O0121", "2020-02-11 10:00:00", "2020-02-11 15:30:00", "A04", "少发", "仓库补发"], // 5.5 h
  ["O0150", "2020-02-25 20:00:00", "2020-02-26 20:00:00", "A04", "物流停滞", "快递已催"], // exactly 24 h
  ["O0233", "2020-02-22 09:00:00", "2020-02-23 11:30:00", "A04", "错发", ""], // 2.5 h late
  ["O0310", "2020-02-27 14:00:00", "", "", "地址错误", ""], // never verified, nobody named
  ["E13", "2020-03-01 08:00:00", "2020-03-01 09:00:00", "A04", "少发", "三月的"], // March's
];

// Traffic (流量, seed 001: 销量 = 访客数 × 转化率): each day of February by two sources, 搜索 (search)
// 300 + 10·d visitors and 直通车 (paid ads) 120 + 5·(d mod 7), d the day of the month; the export
// missed Sunday 16 February, so no record gives it.
const traffic = [];
for (let d = 1; d <= 29; d++) {
  if (d === 16) continue;
  const date = `2020-02-${String(d).padStart(2, "0")}`;
  traffic.push([date, "搜索", 300 + 10 * d], [date, "直通车", 120 + 5 * (d % 7)]);
}

mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, "agents.csv"),
  csv(["agentId", "name", "group", "grade", "hiredAt", "gradeSince", "probationEndsAt", "accounts"], agents.map((a) => [...a, ACCOUNTS[a[0]]])),
);
writeFileSync(join(outDir, "messages.csv"), csv(["at", "from", "to", "text"], chatLog()));
writeFileSync(
  join(outDir, "consultations.csv"),
  csv(["consultationId", "agentId", "buyerId", "startedAt", "firstReplyAt", "endedAt", "buyerMessages", "agentMessages", "source", "responseCount", "responseSeconds", "maxResponseSeconds"], consultations),
);
// Remark flags (备注小旗, seed 000) on five orders: green exempts O0111 from the shipping checks;
// the others change nothing under the default policy (no colour is excluded from the agents' sales).
const FLAGS = { O0110: "红旗", O0111: "绿旗", O0112: "黄旗", O0113: "蓝旗", O0114: "紫旗" };
writeFileSync(
  join(outDir, "orders.csv"),
  csv(["orderId", "buyerId", "createdAt", "paidAt", "amount", "refundAmount", "remarkAgentId", "flag"], orders.map((o) => [...o, FLAGS[o[0]] ?? ""])),
);
writeFileSync(join(outDir, "traffic.csv"), csv(["date", "source", "uv"], traffic));
writeFileSync(join(outDir, "shipments.csv"), csv(["orderId", "shippedAt", "pickedUpAt", "trackingNo", "carrier"], shipments));
writeFileSync(join(outDir, "orderAnomalies.csv"), csv(["orderId", "raisedAt", "verifiedAt", "agentId", "kind", "note"], orderAnomalies));
writeFileSync(join(outDir, "reviews.csv"), csv(["reviewId", "agentId", "at", "rating"], reviews));
writeFileSync(join(outDir, "calls.csv"), csv(["callId", "agentId", "at", "answered"], calls));
writeFileSync(join(outDir, "qc.csv"), csv(["conversationId", "agentId", "at", "score"], qc));
writeFileSync(join(outDir, "tickets.csv"), csv(["ticketId", "agentId", "createdAt", "firstReplyAt", "closedAt", "closedOnFirstReply", "kind"], tickets));
writeFileSync(
  join(outDir, "afterSales.csv"),
  csv(["afterSaleId", "agentId", "orderId", "appliedAt", "reviewedAt", "goodsReceivedAt", "refundedAt", "refundAmount", "satisfaction"], afterSales),
);
console.log(
  `wrote ${outDir}: ${agents.length} agents, ${consultations.length} consultations, ${orders.length} orders, ` +
    `${shipments.length} shipments, ${orderAnomalies.length} order anomalies, ${reviews.length} reviews, ${calls.length} calls, ${qc.length} QC inspections, ${tickets.length} tickets, ${afterSales.length} after-sales`,
);
