// A seeded synthetic month: plain object arrays, as a caller would pass them.
// Every run with the same seed and size yields the same data.

/** mulberry32: a tiny seeded PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => (n < 10 ? "0" + n : "" + n);
// A wall time in February 2020 (Asia/Shanghai), minute resolution, as shops export it. Built with
// join() so each is a flat string, as JSON.parse or a CSV reader would hand it over (a template
// literal would make a rope that the first reader must flatten, a cost real callers do not pay).
function wall(minuteOfMonth) {
  const day = 1 + Math.floor(minuteOfMonth / 1440);
  const rest = minuteOfMonth % 1440;
  return ["2020-02-", pad(day), " ", pad(Math.floor(rest / 60)), ":", pad(rest % 60), ":00"].join("");
}

/**
 * @param {number} orders number of orders
 * @param {number} consultations number of consultations (≈ 4 per order)
 * @param {number} seed
 */
export function syntheticMonth(orders, consultations, seed = 42) {
  const random = rng(seed);
  const buyers = Math.max(1, Math.floor(consultations / 3));
  const agents = Array.from({ length: 60 }, (_, i) => ({ agentId: `A${100 + i}` }));
  const month = 29 * 1440 - 180;
  const cons = new Array(consultations);
  for (let i = 0; i < consultations; i++) {
    const start = Math.floor(random() * month);
    const replied = random() < 0.95;
    const reply = start + Math.floor(random() * 3);
    const end = reply + 2 + Math.floor(random() * 60);
    cons[i] = {
      consultationId: `C${i}`,
      agentId: agents[Math.floor(random() * agents.length)].agentId,
      buyerId: `buyer${Math.floor(random() * buyers)}`,
      startedAt: wall(start),
      firstReplyAt: replied ? wall(reply) : "",
      endedAt: wall(end),
      buyerMessages: 2 + Math.floor(random() * 10),
      agentMessages: replied ? 2 + Math.floor(random() * 10) : 0,
      responseCount: replied ? 3 : 0,
      responseSeconds: replied ? 30 + Math.floor(random() * 90) : 0,
    };
  }
  const ord = new Array(orders);
  for (let i = 0; i < orders; i++) {
    const created = Math.floor(random() * month);
    const paid = random() < 0.9;
    const amount = 100 + Math.floor(random() * 50000);
    const refund = paid && random() < 0.05 ? Math.floor(amount / 2) : 0;
    ord[i] = {
      orderId: `O${i}`,
      buyerId: `buyer${Math.floor(random() * buyers)}`,
      createdAt: wall(created),
      paidAt: paid ? wall(created + Math.floor(random() * 90)) : "",
      amount: `${Math.floor(amount / 100)}.${pad(amount % 100)}`,
      refundAmount: refund ? `${Math.floor(refund / 100)}.${pad(refund % 100)}` : "0",
    };
  }
  return { orders: ord, consultations: cons, agents };
}

/**
 * The KPI kinds at a plausible scale beside `orders` orders: a ticket per 10 orders, an after-sales
 * request per 20, a service review per 5, a QC inspection per 100, a 400 call per 20.
 */
export function syntheticKpiKinds(orders, agents, seed = 7) {
  const random = rng(seed);
  const month = 29 * 1440 - 3000;
  const agent = () => agents[Math.floor(random() * agents.length)].agentId;
  const tickets = Array.from({ length: Math.floor(orders / 10) }, (_, i) => {
    const t = Math.floor(random() * month);
    const replied = random() < 0.9;
    return { ticketId: `T${i}`, agentId: agent(), createdAt: wall(t), firstReplyAt: replied ? wall(t + Math.floor(random() * 90)) : "", closedOnFirstReply: random() < 0.5, kind: random() < 0.5 ? "delivery" : "urgent" };
  });
  const afterSales = Array.from({ length: Math.floor(orders / 20) }, (_, i) => {
    const t = Math.floor(random() * month);
    const refunded = random() < 0.6;
    return {
      afterSaleId: `AS${i}`, agentId: agent(), appliedAt: wall(t), reviewedAt: wall(t + Math.floor(random() * 900)),
      goodsReceivedAt: refunded ? wall(t + 1440) : "", refundedAt: refunded ? wall(t + 1440 + Math.floor(random() * 1500)) : "",
      refundAmount: refunded ? `${1 + Math.floor(random() * 300)}.00` : "", satisfaction: 1 + Math.floor(random() * 5),
    };
  });
  const ratings = ["good", "good", "good", "neutral", "bad"];
  const reviews = Array.from({ length: Math.floor(orders / 5) }, () => ({ agentId: agent(), at: wall(Math.floor(random() * month)), rating: ratings[Math.floor(random() * 5)] }));
  const qc = Array.from({ length: Math.floor(orders / 100) }, (_, i) => ({ conversationId: `C${i}`, agentId: agent(), at: wall(Math.floor(random() * month)), score: 40 + Math.floor(random() * 61) }));
  const calls = Array.from({ length: Math.floor(orders / 20) }, () => ({ agentId: agent(), at: wall(Math.floor(random() * month)), answered: random() < 0.9 }));
  return { tickets, afterSales, reviews, qc, calls };
}

/**
 * The whole month of the `month` bench mode: the synthetic month with an agents file (group, grade,
 * hire and grade dates), a roster, violations, rewards and the KPI kinds.
 */
export function syntheticFullMonth(orders, consultations) {
  const input = syntheticMonth(orders, consultations);
  const groups = ["presale", "insale", "aftersale"];
  const grades = ["junior", "intermediate", "senior", "expert"];
  const agents = input.agents.map((a, i) => ({ agentId: a.agentId, name: `客服${i}`, group: groups[i % 3], grade: grades[i % 4], hiredAt: "2019-01-07", gradeSince: "2019-06-03" }));
  const shifts = ["day", "night", "day", "halfDay", "night", "day", "off"];
  const roster = agents.flatMap((a, i) => Array.from({ length: 29 }, (_, d) => ({ agentId: a.agentId, date: `2020-02-${pad(d + 1)}`, shift: shifts[(i + d) % 7] })));
  const violations = agents.slice(0, 20).map((a, i) => ({ violationId: `V${i}`, agentId: a.agentId, at: `2020-02-${pad(1 + i)} 10:00`, rule: "nonWorkActivity" }));
  const rewards = agents.slice(0, 30).map((a, i) => ({ agentId: a.agentId, at: `2020-02-${pad(1 + (i % 28))} 11:00`, kind: "dataErrorFound" }));
  return { ...input, agents, roster, violations, rewards, ...syntheticKpiKinds(input.orders.length, input.agents) };
}

/**
 * The routing replay's month: the full month's agents (a third after-sales), roster and
 * consultations, each consultation given one of the default policy's five sources.
 */
export function syntheticRouting(orders, consultations) {
  const { agents, roster, consultations: cons } = syntheticFullMonth(orders, consultations);
  const sources = ["商品详情页", "店铺首页", "订单详情页", "消息中心", "订单列表页"];
  for (let i = 0; i < cons.length; i++) cons[i].source = sources[i % 5];
  return { agents, roster, consultations: cons };
}

/**
 * Shipments (one per paid order, shipped 0–30 h after payment, 98% scanned by the carrier 1–30 h
 * later, capped at February's last minute) and order anomalies (one per 100 orders, 90% verified
 * within 0–30 h), beside the orders of {@link syntheticMonth}.
 */
export function syntheticShipping(orders, seed = 11) {
  const random = rng(seed);
  const last = 29 * 1440 - 1;
  const minuteOf = (text) => (Number(text.slice(8, 10)) - 1) * 1440 + Number(text.slice(11, 13)) * 60 + Number(text.slice(14, 16));
  const shipments = [];
  const orderAnomalies = [];
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i];
    if (o.paidAt === "") continue;
    const paid = minuteOf(o.paidAt);
    const shipped = Math.min(last, paid + Math.floor(random() * 1800));
    const scanned = random() < 0.98 ? wall(Math.min(last, shipped + 60 + Math.floor(random() * 1740))) : "";
    shipments.push({ orderId: o.orderId, shippedAt: wall(shipped), pickedUpAt: scanned, trackingNo: `SF${7100000000 + i}` });
    if (i % 100 === 0) {
      const raised = Math.min(last, paid + Math.floor(random() * 600));
      orderAnomalies.push({ orderId: o.orderId, raisedAt: wall(raised), verifiedAt: random() < 0.9 ? wall(Math.min(last, raised + Math.floor(random() * 1800))) : "" });
    }
  }
  return { shipments, orderAnomalies };
}
