// node bench/people.mjs (after npm run build): the people rules on synthetic months of growing
// size, to show the time grows about linearly (same data shape, ×10 rows → about ×10 time).
// Seeded, deterministic data; one process, a warm-up pass first. Not a test: nothing is asserted.
import { assignDuties, checkRoster, evaluateDiscipline, evaluateRewards } from "../dist/index.js";

const sizes = (process.env.BENCH_PEOPLE_SIZES ?? "50000,500000").split(",").map(Number);
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pad = (n) => String(n).padStart(2, "0");
const at = (day, minute) => `2020-02-${pad(day)} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

function month(orders) {
  const agents = Array.from({ length: Math.max(6, Math.round(orders / 2000)) }, (_, i) => ({ agentId: `A${i}` }));
  const shifts = ["day", "halfDay", "night", "off", "day", "night", "day"];
  const roster = [];
  agents.forEach((a, i) => {
    for (let d = 1; d <= 29; d++) roster.push({ agentId: a.agentId, date: `2020-02-${pad(d)}`, shift: shifts[(i + d) % 7] });
  });
  const list = [];
  for (let i = 0; i < orders; i++) {
    const day = 1 + Math.floor(rand() * 29);
    const minute = Math.floor(rand() * 1380);
    const paid = rand() < 0.8 ? at(day, Math.min(minute + Math.floor(rand() * 50), 1439)) : null;
    list.push({ orderId: `O${i}`, createdAt: at(day, minute), paidAt: paid, amount: (5 + Math.floor(rand() * 500)).toFixed(2), payAgent: paid ? agents[i % agents.length].agentId : null });
  }
  const n = Math.round(orders / 20);
  const returnedParcels = Array.from({ length: n }, (_, i) => ({ parcelId: `P${i}`, arrivedAt: at(1 + (i % 29), Math.floor(rand() * 1380)) }));
  const shopReviews = Array.from({ length: n }, (_, i) => ({ reviewId: `R${i}`, buyerId: `b${i % (n / 2)}`, at: at(1 + (i % 29), Math.floor(rand() * 1380)), rating: "negative" }));
  const violations = Array.from({ length: n }, (_, i) => ({ violationId: `V${i}`, agentId: agents[i % agents.length].agentId, at: at(1 + (i % 29), 600 + (i % 300)), rule: "nonWorkActivity", condonedBy: i % 5 === 0 ? agents[(i + 1) % agents.length].agentId : "" }));
  const rewards = Array.from({ length: n }, (_, i) => ({ agentId: agents[i % agents.length].agentId, at: at(1 + (i % 29), 600), kind: "dataErrorFound" }));
  return { agents, roster, orders: list, returnedParcels, shopReviews, violations, rewards };
}

const policy = { duties: { shopReviews: { odd: ["A0", "A1"], even: ["A2", "A3"] } } };
function time(fn) {
  const t = performance.now();
  fn();
  return (performance.now() - t) / 1000;
}
function run(m) {
  return {
    duties: time(() => assignDuties(m, policy, { period: "2020-02" })),
    discipline: time(() => evaluateDiscipline(m, policy, { month: "2020-02" })),
    rewards: time(() => evaluateRewards(m, policy, { month: "2020-02" })),
    roster: time(() => checkRoster(m, policy, "2020-02")),
  };
}

console.log(`node ${process.version}`);
run(month(sizes[0])); // warm-up
let previous = null;
for (const size of sizes) {
  const m = month(size);
  const r = run(m);
  const rows = `${size.toLocaleString("en")} orders, ${m.roster.length.toLocaleString("en")} roster rows, ${m.violations.length.toLocaleString("en")} each of parcels/reviews/violations/rewards`;
  console.log(rows);
  for (const [k, s] of Object.entries(r)) console.log(`  ${k}: ${s.toFixed(2)} s${previous ? ` (×${(s / previous[k]).toFixed(1)} for ×${(size / previous.size).toFixed(0)} rows)` : ""}`);
  previous = { ...r, size };
}
