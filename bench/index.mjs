// npm run bench: attribution and KPI time and memory on seeded synthetic months, against a floor pass
// measured in the same run (these machines are noisy; the ratio is what the targets are set on).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchFolder, writeMonthFolder } from "./folder.mjs";

const sizes = (process.env.BENCH_SIZES ?? "100000:400000,1000000:4000000")
  .split(",")
  .map((s) => s.split(":").map(Number));
const runs = Number(process.env.BENCH_RUNS ?? 3);

function measure(mode, orders, consultations) {
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", "--max-old-space-size=8192", new URL("./run-one.mjs", import.meta.url).pathname, mode, String(orders), String(consultations)],
    { encoding: "utf8" },
  );
  return JSON.parse(out);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`node ${process.version}, ${runs} runs each, median shown (fresh process per run)`);
for (const [orders, consultations] of sizes) {
  const results = { floor: [], attribute: [], explain: [], kpi: [], trend: [], month: [], routing: [] };
  for (let r = 0; r < runs; r++) {
    for (const mode of Object.keys(results)) results[mode].push(measure(mode, orders, consultations));
  }
  const f = median(results.floor.map((m) => m.seconds));
  console.log(`${orders.toLocaleString("en")} orders / ${consultations.toLocaleString("en")} consultations: floor ${f.toFixed(2)} s`);
  for (const [mode, label] of [["attribute", "attributeSales"], ["explain", "attributeSales + reading result.orders (all explained)"]]) {
    const a = median(results[mode].map((m) => m.seconds));
    const mem = median(results[mode].map((m) => m.peakMB));
    console.log(`  ${label}: ${a.toFixed(2)} s, ${(a / f).toFixed(2)}× the floor, peak memory beyond input ${mem.toFixed(0)} MB`);
  }
  const attribution = median(results.attribute.map((m) => m.seconds));
  const kpis = results.kpi.map((m) => m.seconds);
  const kpi = median(kpis);
  const kpiMem = median(results.kpi.map((m) => m.peakMB));
  // The spread too: V8's full collections of the input heap fall differently from run to run.
  const spread = `runs ${Math.min(...kpis).toFixed(2)}–${Math.max(...kpis).toFixed(2)} s`;
  console.log(
    `  computeKpis (every R2 metric, all kinds): ${kpi.toFixed(2)} s (${spread}), ${(kpi / attribution).toFixed(2)}× attributeSales (target ≤ 1.5×), ` +
      `peak memory beyond input ${kpiMem.toFixed(0)} MB`,
  );
  // The trend (issue: every KPI per day from one decode) against computeKpis of the month, same input and credits.
  const trends = results.trend.map((m) => m.seconds);
  const trend = median(trends);
  console.log(
    `  computeKpiTrend by day (29 daily tables and the month's, one decode): ${trend.toFixed(2)} s (runs ${Math.min(...trends).toFixed(2)}–${Math.max(...trends).toFixed(2)} s), ` +
      `${(trend / kpi).toFixed(2)}× computeKpis (target ≤ 1.5×), peak memory beyond input ${median(results.trend.map((m) => m.peakMB)).toFixed(0)} MB`,
  );
  const month = median(results.month.map((m) => m.seconds));
  const monthMem = median(results.month.map((m) => m.peakMB));
  console.log(
    `  buildMonthReport (the whole month report: attribution, KPIs, people rules, pay): ${month.toFixed(2)} s, ` +
      `${(month / attribution).toFixed(2)}× attributeSales (target ≤ 2×), peak memory beyond input ${monthMem.toFixed(0)} MB (target ≤ 1 GB)`,
  );
  const routing = median(results.routing.map((m) => m.seconds));
  console.log(
    `  replayRouting (R7 over every consultation as an arrival, the roster, the audit): ${routing.toFixed(2)} s, ` +
      `${(routing / attribution).toFixed(2)}× attributeSales (target ≤ 2×), peak memory beyond input ${median(results.routing.map((m) => m.peakMB)).toFixed(0)} MB`,
  );
  // The shipping service levels: decoding a shipment per paid order (and an anomaly per 100 orders)
  // and checking them, against the same without them.
  const shipping = { shipping: [], shippingFloor: [] };
  for (let r = 0; r < runs; r++) for (const mode of Object.keys(shipping)) shipping[mode].push(measure(mode, orders, 0));
  const withShipments = median(shipping.shipping.map((m) => m.seconds));
  const without = median(shipping.shippingFloor.map((m) => m.seconds));
  console.log(
    `  decodeMonth + checkServiceLevels with a shipment per paid order: ${withShipments.toFixed(2)} s, without the shipments ${without.toFixed(2)} s ` +
      `(${(withShipments / without).toFixed(2)}×; ${shipping.shipping[0].check})`,
  );
  // The traffic section: the month report with a traffic record per day and source, against the same without.
  const traffic = { traffic: [], trafficFloor: [] };
  for (let r = 0; r < runs; r++) for (const mode of Object.keys(traffic)) traffic[mode].push(measure(mode, orders, consultations));
  const withTraffic = median(traffic.traffic.map((m) => m.seconds));
  const withoutTraffic = median(traffic.trafficFloor.map((m) => m.seconds));
  console.log(
    `  buildMonthReport with traffic (a record per day and source): ${withTraffic.toFixed(2)} s, without ${withoutTraffic.toFixed(2)} s ` +
      `(${(withTraffic / withoutTraffic).toFixed(2)}×; ${traffic.traffic[0].check})`,
  );
  // Shops: the month of three shops (the shops section), one shop's report, against the month all one shop's.
  const shops = { shops: [], shopsFloor: [], shopOne: [] };
  for (let r = 0; r < runs; r++) for (const mode of Object.keys(shops)) shops[mode].push(measure(mode, orders, consultations));
  const [threeShops, oneShop, shopReport] = ["shops", "shopsFloor", "shopOne"].map((mode) => median(shops[mode].map((m) => m.seconds)));
  console.log(
    `  buildMonthReport of three shops (the shops section): ${threeShops.toFixed(2)} s, one shop's report (--shop) ${shopReport.toFixed(2)} s, ` +
      `the month all one shop's ${oneShop.toFixed(2)} s (${(threeShops / oneShop).toFixed(2)}×, ${(shopReport / oneShop).toFixed(2)}×; ${shops.shops[0].check})`,
  );
  // The CLI on the same month written as CSV files: what a team lead runs.
  const dir = mkdtempSync(join(tmpdir(), "kefu-kpi-bench-"));
  try {
    const bytes = await writeMonthFolder(dir, orders, consultations);
    const folder = benchFolder(dir, runs);
    for (const [format, r] of Object.entries(folder)) {
      console.log(
        `  kefu-kpi report --format ${format} on the month as ${(bytes / 1e6).toFixed(0)} MB of CSV: ${r.seconds.toFixed(2)} s ` +
          `(runs ${r.min.toFixed(2)}–${r.max.toFixed(2)}), ${(r.seconds / month).toFixed(2)}× buildMonthReport, peak RSS ${r.peakMB.toFixed(0)} MB ` +
          `(targets for a 2M-order / 8M-consultation folder: ≤ 2.5× buildMonthReport, ≤ 2.5 GB; on a small month the process's start weighs more)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
