// npm run bench (last part): the spreadsheet adapter on a 10,000-order sheet with 30,000
// consultations, cells as Excel passes them (dates as 1900 serials, money as numbers), from ranges
// to the attribution table — what one KEFU.ATTRIBUTION recalculation costs. Median of 5 runs in
// this process after one warm-up (a sheet recalculates in a warm runtime).
import { agentFigure, attributionTable, payTable, sheetMonthReport, shopTable } from "../dist/sheets/index.js";
import { rng } from "./synthetic.mjs";

const ORDERS = Number(process.env.BENCH_SHEET_ORDERS ?? 10_000);
const CONSULTATIONS = 3 * ORDERS;
const random = rng(7);
const FEB_1 = 43_862; // 2020-02-01 as a 1900 serial
const minute = 1 / 1440;
const buyers = Math.max(1, Math.floor(CONSULTATIONS / 3));
const agents = [["agentId", "name", "group", "grade"], ...Array.from({ length: 30 }, (_, i) => [`A${10 + i}`, `客服${i}`, "presale", "junior"])];
const consultations = [["consultationId", "agentId", "buyerId", "startedAt", "firstReplyAt", "endedAt", "buyerMessages", "agentMessages"]];
for (let i = 0; i < CONSULTATIONS; i++) {
  const start = FEB_1 + Math.floor(random() * 28 * 1440) * minute;
  const reply = random() < 0.95 ? start + Math.floor(random() * 3) * minute : "";
  consultations.push([`C${i}`, `A${10 + Math.floor(random() * 30)}`, `buyer${Math.floor(random() * buyers)}`, start, reply, start + (5 + Math.floor(random() * 60)) * minute, 5, 6]);
}
const orders = [["orderId", "buyerId", "createdAt", "paidAt", "amount", "refundAmount"]];
for (let i = 0; i < ORDERS; i++) {
  const created = FEB_1 + Math.floor(random() * 28 * 1440) * minute;
  const amount = (100 + Math.floor(random() * 50000)) / 100;
  orders.push([`O${i}`, `buyer${Math.floor(random() * buyers)}`, created, random() < 0.9 ? created + 2 * minute : "", amount, 0]);
}

const ranges = { orders, consultations, agents };
const times = [];
let rows = 0;
for (let run = 0; run < 6; run++) {
  const t0 = process.hrtime.bigint();
  const result = attributionTable(ranges);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!result.success) throw new Error(result.message);
  rows = result.data.length;
  if (run > 0) times.push(seconds);
}
times.sort((a, b) => a - b);
console.log(
  `sheets: ${ORDERS.toLocaleString("en")}-order sheet + ${CONSULTATIONS.toLocaleString("en")} consultations (Excel serial dates) → attribution table of ${rows} rows: ` +
    `${(times[2] * 1000).toFixed(0)} ms (median of 5 warm runs; first run excluded)`,
);

// A workbook of four month functions over the same ranges (ATTRIBUTION, SHOP, PAY, one AGENT cell),
// as the Excel example runs them: the month once (its arguments as JSON for the key), four tables.
const median5 = (fn) => {
  const t = [];
  for (let run = 0; run < 6; run++) {
    const t0 = process.hrtime.bigint();
    fn();
    if (run > 0) t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return t.sort((a, b) => a - b)[2];
};
const key = median5(() => JSON.stringify([Object.keys(ranges).sort(), ranges, {}]));
const workbook = median5(() => {
  const month = sheetMonthReport(ranges);
  for (const table of [attributionTable(month), shopTable(month), payTable(month), agentFigure(month, "A10", "total")]) {
    if (!table.success) throw new Error(table.message);
  }
});
console.log(`sheets: the same sheet's four month functions from one month report: ${workbook.toFixed(0)} ms (the arguments as a JSON key: ${key.toFixed(0)} ms)`);
