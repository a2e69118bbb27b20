// Runs one measurement in a fresh process (so peak RSS is this measurement's own):
//   node --expose-gc bench/run-one.mjs <mode> <orders> <consultations>
// `kpi` times computeKpis over the month with every kind (`trend` computeKpiTrend by day over the same month) (consultations with response columns,
// orders with their R1 credits, tickets, after-sales, reviews, QC, calls); the credits come from an
// attribution run before the timed span.
// `month` times buildMonthReport (the whole month report: attribution, KPIs and scorecards, people
// rules with a roster, violations and rewards, pay statements) over the same month with every kind.
// `routing` times replayRouting (R7 over every consultation of the month as an arrival, with a
// source, and the full month's roster and agents).
// `shipping` times decoding the orders with a shipment per paid order and order anomalies, and the
// service-level checks over them; `shippingFloor` the same without the shipments and anomalies
// (their difference is what the shipping checks cost).
// `traffic` times buildMonthReport over the orders and consultations with a traffic record per day and source (three
// sources), `trafficFloor` the same without them (their difference is what the traffic section costs).
// `merge` times mergeKpiStates over the month's 29 daily KPI states in one call, `mergeFold` the
// same states folded two at a time (the states are collected before the timed span; the merged
// state is finalized inside it, and both print the shop's replyRate, which equals the month's).
// `bots` times buildMonthReport over the orders and consultations with the first of the 60 agents
// a bot (group bot: its consultations, a sixtieth, set apart and matched on their own, the bots
// section), `botsFloor` the same month with that agent a person (their difference is what the bots cost).
// `shops` times buildMonthReport over the orders and consultations of three shops (each buyer's
// records in one shop: the shops section attributes each shop's own), `shopsFloor` the same month
// all one shop's (no section), `shopOne` the report of one of the three shops (`shop` option: the
// team's report and the shop's).
// `attribute` times the call; `explain` also reads `result.orders` (every order explained, which
// the result builds on first access) inside the timed span.
import { attributeSales, computeKpis, computeKpiTrend, buildMonthReport, replayRouting, checkServiceLevels, decodeMonth, collectKpiState, finalizeKpis, mergeKpiStates } from "../dist/index.js";
import { syntheticFullMonth, syntheticKpiKinds, syntheticMonth, syntheticRouting, syntheticShipping } from "./synthetic.mjs";

const [mode, ordersArg, consArg] = process.argv.slice(2);
const input = mode === "month" || mode === "routing" ? null : syntheticMonth(Number(ordersArg), Number(consArg));
let kpiInput;
if (mode === "kpi" || mode === "trend") {
  const credited = attributeSales(input, {}, { period: "2020-02" }).orders;
  const credits = credited.map((o) => ({ orderId: o.orderId, agentId: o.creditedAgent }));
  kpiInput = { ...input, credits, ...syntheticKpiKinds(input.orders.length, input.agents) };
}
const shippingInput = mode === "shipping" ? { orders: input.orders, ...syntheticShipping(input.orders) } : mode === "shippingFloor" ? { orders: input.orders } : undefined;
const trafficInput =
  mode === "traffic" || mode === "trafficFloor"
    ? {
        orders: input.orders,
        consultations: input.consultations,
        ...(mode === "traffic"
          ? { traffic: Array.from({ length: 29 * 3 }, (_, k) => ({ date: `2020-02-${String(1 + Math.floor(k / 3)).padStart(2, "0")}`, source: ["搜索", "直通车", "推荐"][k % 3], uv: 20_000 + k })) }
          : {}),
      }
    : undefined;
const botsInput =
  mode === "bots" || mode === "botsFloor"
    ? { orders: input.orders, consultations: input.consultations, agents: input.agents.map((a, i) => ({ ...a, name: a.agentId, grade: "junior", hiredAt: "2019-01-01", group: i === 0 && mode === "bots" ? "bot" : "presale" })) }
    : undefined;
const shopsInput =
  mode === "shops" || mode === "shopsFloor" || mode === "shopOne"
    ? (() => {
        const shopOf = (buyer) => (mode === "shopsFloor" ? "S0" : `S${(buyer.charCodeAt(buyer.length - 1) + buyer.length) % 3}`);
        return {
          orders: input.orders.map((o) => ({ ...o, shopId: shopOf(o.buyerId ?? "") })),
          consultations: input.consultations.map((c) => ({ ...c, shopId: shopOf(c.buyerId) })),
          agents: input.agents.map((a) => ({ ...a, name: a.agentId, grade: "junior", hiredAt: "2019-01-01", group: "presale" })),
        };
      })()
    : undefined;
const dailyStates =
  mode === "merge" || mode === "mergeFold"
    ? (() => {
        const decoded = decodeMonth({ ...input, ...syntheticKpiKinds(input.orders.length, input.agents) }, {});
        return Array.from({ length: 29 }, (_, d) => collectKpiState(decoded, {}, { period: `2020-02-${String(d + 1).padStart(2, "0")}` }));
      })()
    : undefined;
const monthInput = mode === "month" ? syntheticFullMonth(Number(ordersArg), Number(consArg)) : undefined;
const routingInput = mode === "routing" ? syntheticRouting(Number(ordersArg), Number(consArg)) : undefined;
globalThis.gc();
const before = process.memoryUsage().rss;
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
let check;
if (mode === "floor") {
  // The floor: look every string buyer id up once in a Map (no matching at all).
  const ids = new Map();
  for (const o of input.orders) if (!ids.has(o.buyerId)) ids.set(o.buyerId, ids.size);
  let hits = 0;
  for (const c of input.consultations) if (ids.get(c.buyerId) !== undefined) hits++;
  check = hits;
} else if (mode === "month") {
  const report = buildMonthReport(monthInput, {}, { month: "2020-02" });
  // The pay total summed in fen (a decimal string's digits), never through floating point.
  const fen = report.pay.reduce((s, p) => s + BigInt(p.total.replace(".", "")), 0n);
  check = `${report.shop.sales.net} / ${report.pay.length} statements / total ${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;
} else if (mode === "routing") {
  const replay = replayRouting(routingInput, {}, { period: "2020-02" });
  check = `${replay.arrivals} arrivals / ${replay.waited} waited / ${replay.audit.differs} differ`;
} else if (mode === "shipping" || mode === "shippingFloor") {
  const levels = checkServiceLevels(decodeMonth(shippingInput), {}, { period: "2020-02" });
  check = levels.filter((c) => c.status === "ok").map((c) => `${c.id} ${c.compliant}/${c.checked}`).join(", ") || "no check";
} else if (mode === "traffic" || mode === "trafficFloor") {
  const report = buildMonthReport(trafficInput, {}, { month: "2020-02" });
  check = report.traffic === null ? `${report.shop.sales.net}, no traffic` : `${report.shop.sales.net}, CVR ${report.traffic.total.conversionRate} over ${report.traffic.total.paidBuyers} buyer-days`;
} else if (mode === "bots" || mode === "botsFloor") {
  const report = buildMonthReport(botsInput, {}, { month: "2020-02" });
  check = `${report.shop.sales.net}, silent ${report.shop.silent.orders}, bot-served ${report.shop.botServed.orders}${report.bots === null ? "" : `, bot receptions ${report.bots.receptions.bots}/${report.bots.receptions.all}`}`;
} else if (mode === "shops" || mode === "shopsFloor" || mode === "shopOne") {
  const report = buildMonthReport(shopsInput, {}, { month: "2020-02", ...(mode === "shopOne" ? { shop: "S1" } : {}) });
  check = `${report.shop.sales.net}, silent ${report.shop.silent.orders}${report.shops === null ? "" : `, shops ${report.shops.shops.map((s) => `${s.shopId} ${s.sales.net}`).join(" / ")}`}`;
} else if (mode === "merge" || mode === "mergeFold") {
  const merged = mode === "merge" ? mergeKpiStates(...dailyStates) : dailyStates.reduce((a, b) => mergeKpiStates(a, b));
  check = `replyRate ${finalizeKpis(merged).shop.kpis.replyRate.value} from 29 daily states`;
} else if (mode === "kpi") {
  const result = computeKpis(kpiInput, {}, { period: "2020-02" });
  check = `${result.shop.kpis.replyRate.value} / ${result.shop.kpis.agentSales.value}`;
} else if (mode === "trend") {
  const trend = computeKpiTrend(kpiInput, {}, { period: "2020-02", by: "day" });
  check = `${trend.total.shop.kpis.replyRate.value} / ${trend.total.shop.kpis.agentSales.value}, ${trend.parts.length} days, day 1 ${trend.tables[0].shop.kpis.replyRate.value}`;
} else {
  const result = attributeSales(input, {}, { period: "2020-02" });
  check = mode === "explain" ? `${result.shop.sales.net} / ${result.orders.length} explained` : result.shop.sales.net;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
// CPU time of the span (all threads, GC helpers included): steadier than wall time on a busy machine.
const cpu = process.cpuUsage(c0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const peakMB = (process.resourceUsage().maxRSS * 1024 - before) / 1e6;
process.stdout.write(JSON.stringify({ mode, seconds, cpuSeconds, peakMB: Math.max(0, peakMB), check }) + "\n");
