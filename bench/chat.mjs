// The chat log (issue 15, R8), two measurements against their references in the same run:
//   node bench/chat.mjs [lint|derive]        (npm run bench runs both; each in a fresh process)
// lint: the chat standards over BENCH_MESSAGES (default 10,000,000) texts — every rule in one pass
//   (lintTexts) — against a floor that reads every text once (sums charCodeAt over every code
//   unit). Target: ≤ 3× the floor. lintTexts keeps the findings as numbers; the time to make them
//   into objects (on the first read of its messages) is printed beside it.
// derive: the consultations made from BENCH_CHAT_MESSAGES (default 20,000,000) messages (the
//   decoder's finish(), which derives them) against attributeSales of the month they make (the
//   derived consultations and the orders). Target: ≤ 2× attribution. Beside it, for reference, a
//   floor that reads every code unit of the message objects' four fields once. The log lists its
//   messages conversation by conversation (as 千牛's export does); BENCH_CHAT_LAYOUT=time sorts it
//   by time alone, the conversations interleaved.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "tsup";
import { rng } from "./synthetic.mjs";

const mode = process.argv[2];
if (mode === undefined) {
  // Each measurement in a fresh process: its memory is its own.
  for (const m of ["lint", "derive"]) execFileSync(process.execPath, ["--expose-gc", "--max-old-space-size=16384", fileURLToPath(import.meta.url), m], { stdio: "inherit" });
  process.exit(0);
}

// The matcher and the decoder are internal (no entry point of the package has them): built here,
// for this script only, as the library build would (ESM, es2022, one build so the modules are
// shared), into a temporary folder under node_modules (where their dependencies resolve).
const src = (path) => new URL(`../src/${path}`, import.meta.url).pathname;
mkdirSync(new URL("../node_modules/.cache", import.meta.url).pathname, { recursive: true });
const out = mkdtempSync(join(new URL("../node_modules/.cache", import.meta.url).pathname, "kefu-kpi-chat-bench-"));
await build({
  entry: { chat: src("chat/index.ts"), records: src("records/index.ts"), index: src("index.ts") },
  format: ["esm"],
  target: "es2022",
  platform: "node",
  outDir: out,
  splitting: true,
  silent: true,
  dts: false,
  config: false,
});
const { compileChatStandards, lintTexts } = await import(pathToFileURL(join(out, "chat.js")).href);
const { MonthDecoder, decodedRecords } = await import(pathToFileURL(join(out, "records.js")).href);
const { attributeSales } = await import(pathToFileURL(join(out, "index.js")).href);
rmSync(out, { recursive: true, force: true });

const runs = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// CPU time of the span (steadier than wall time on a shared machine), wall time beside it.
const time = (f) => {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const check = f();
  const cpu = process.cpuUsage(c0);
  return { seconds: (cpu.user + cpu.system) / 1e6, wall: Number(process.hrtime.bigint() - t0) / 1e9, check };
};
const runsOf = (ms) => ms.map((m) => `${m.seconds.toFixed(3)}/${m.wall.toFixed(3)}`).join(", ");

if (mode === "derive") {
  deriveBench();
  process.exit(0);
}
const messages = Number(process.env.BENCH_MESSAGES ?? 10_000_000);

// Filler an agent writes (no character that is a one-character phrase: 哦, 恩, 你; no 不), and the
// phrases of the default rules that ~3% of messages carry.
const FILLER = [..."亲您好的在这款可以我们为包邮发货快递请稍等收到谢谢支持尺码颜色库存有货下单付款优惠活动店铺宝贝质量放心", "，", "。", "！", "？", " ", "1", "8", "a", "M"];
const PHRASES = ["哦", "恩", "知道了", "我不清楚", "你", "不好意思", "不行", "今天发货", "明天可以到", "不包邮", "不支持退货", "加微信", "微信：abc12345", "QQ 12345678", "无法开具发票"];

function syntheticTexts(n, seed = 15) {
  const random = rng(seed);
  const texts = new Array(n);
  let withPhrase = 0;
  for (let i = 0; i < n; i++) {
    const length = 5 + Math.floor(random() * 56); // 5–60 characters
    const parts = [];
    let size = 0;
    if (random() < 0.03) {
      const phrase = PHRASES[Math.floor(random() * PHRASES.length)];
      parts.push(phrase);
      size += phrase.length;
      withPhrase++;
    }
    while (size < length) {
      parts.push(FILLER[Math.floor(random() * FILLER.length)]);
      size++;
    }
    // A phrase somewhere in the message, not always first.
    if (parts.length > 1 && random() < 0.5) parts.push(parts.shift());
    // join(): a flat string, as a CSV reader hands it over (a concatenation would be a rope).
    texts[i] = parts.join("");
  }
  return { texts, withPhrase };
}

const { texts, withPhrase } = syntheticTexts(messages);
const units = texts.reduce((s, t) => s + t.length, 0);
const matcher = compileChatStandards();

function floor() {
  let sum = 0;
  for (let i = 0; i < texts.length; i++) {
    const t = texts.at(i);
    for (let j = 0; j < t.length; j++) sum = (sum + t.charCodeAt(j)) | 0;
  }
  return sum;
}

// One untimed round first, so both loops are optimized before they are timed.
floor();
lintTexts(texts, matcher);
const floors = [];
const lints = [];
let lint;
for (let r = 0; r < runs; r++) {
  floors.push(time(floor));
  const l = time(() => lintTexts(texts, matcher));
  lints.push(l);
  lint = l.check;
}
const f = median(floors.map((m) => m.seconds));
const l = median(lints.map((m) => m.seconds));
console.log(`node ${process.version}, ${messages.toLocaleString("en")} messages, ${units.toLocaleString("en")} UTF-16 units, ${withPhrase.toLocaleString("en")} with a phrase; ${runs} runs after a warm-up, median CPU time`);
console.log(`  floor (read every text once): ${f.toFixed(3)} s (runs, CPU/wall s: ${runsOf(floors)})`);
console.log(
  `  lintTexts (${matcher.rules.length} rules, one pass): ${l.toFixed(3)} s, ${(l / f).toFixed(2)}× the floor (target ≤ 3×); ` +
    `${lint.total.toLocaleString("en")} findings in ${lint.flagged.toLocaleString("en")} messages (runs: ${runsOf(lints)})`,
);
// lintTexts keeps the findings as numbers; their objects are made when `messages` is first read
// (as the lint command and the month report read them): that cost, beside the scan's.
const made = time(() => lint.messages.length);
console.log(`  the findings made into objects (lint.messages, first read): ${made.seconds.toFixed(3)} s more (${made.check.toLocaleString("en")} messages)`);

/**
 * The derivation: conversations of one buyer with one agent (sub-account), alternating buyer and
 * agent messages a minute apart, 2–16 messages each; a quarter of the buyers order within the
 * attribution window. Measured two ways, each against attribution measured the same way:
 * - decoded: the consultations derived from the decoded messages (the decoder's finish()) against
 *   attributeSales of the decoded month they make (no decoding on either side);
 * - from objects, as the other benches time attributeSales: decoding the message objects and
 *   deriving, against attributeSales given the consultations they make (and the orders) as objects.
 */
function deriveBench() {
  const n = Number(process.env.BENCH_CHAT_MESSAGES ?? 20_000_000);
  const random = rng(20);
  const agents = Array.from({ length: 60 }, (_, i) => ({ agentId: `A${100 + i}`, accounts: `店:客服${i}` }));
  const pad = (v) => (v < 10 ? "0" + v : "" + v);
  const walls = new Map();
  // A wall time of February 2020 to the minute, each made once (a reader hands over flat strings).
  const wall = (minute) => {
    let w = walls.get(minute);
    if (w === undefined) {
      const day = 1 + Math.floor(minute / 1440);
      const rest = minute % 1440;
      walls.set(minute, (w = ["2020-02-", pad(day), " ", pad(Math.floor(rest / 60)), ":", pad(rest % 60)].join("")));
    }
    return w;
  };
  const buyers = Math.max(1, Math.floor(n / 20));
  const buyerIds = Array.from({ length: buyers }, (_, i) => ["b", String(i)].join(""));
  const month = 28 * 1440 - 60;
  const messages = new Array(n);
  const orders = [];
  let made = 0;
  let conversations = 0;
  while (made < n) {
    const buyer = buyerIds[Math.floor(random() * buyers)];
    const account = agents[Math.floor(random() * agents.length)].accounts;
    const start = Math.floor(random() * month);
    const length = Math.min(n - made, 2 + Math.floor(random() * 15));
    for (let k = 0; k < length; k++) {
      const at = wall(start + k);
      messages[made + k] = k % 2 === 0 ? { at, from: buyer, to: account, text: "在吗" } : { at, from: account, to: buyer, text: "您好" };
    }
    if (random() < 0.25) orders.push({ orderId: ["O", String(orders.length)].join(""), buyerId: buyer, createdAt: wall(start + length), paidAt: wall(start + length + 5), amount: "99.00" });
    made += length;
    conversations++;
  }
  // BENCH_CHAT_LAYOUT=time: the log sorted by time alone (as some chat tools export it), the
  // conversations interleaved, instead of listed conversation by conversation.
  const layout = process.env.BENCH_CHAT_LAYOUT ?? "conversation";
  if (layout === "time") messages.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  else if (layout !== "conversation") throw new Error(`BENCH_CHAT_LAYOUT: expected conversation or time, got ${layout}`);
  globalThis.gc?.();
  // A floor for the log as objects: every code unit of each message's four fields read once, as
  // the lint's floor reads each text. Not a target: a reference for what the derivation costs.
  const units = (s, sum) => {
    for (let j = 0; j < s.length; j++) sum = (sum + s.charCodeAt(j)) | 0;
    return sum;
  };
  const readOnce = () => {
    let sum = 0;
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      sum = units(m.text, units(m.to, units(m.from, units(m.at, sum))));
    }
    return sum;
  };
  readOnce();
  const floors = [];
  for (let r = 0; r < runs; r++) floors.push(time(readOnce));
  const floor = median(floors.map((m) => m.seconds));
  const decoder = new MonthDecoder({}, buyers);
  decoder.addRecords("agents", agents);
  const decode = time(() => {
    const m = decoder.builder("messages", { expected: n });
    m.addObjects(messages);
    decoder.add(m.finish());
    const o = decoder.builder("orders", { expected: orders.length });
    o.addObjects(orders);
    decoder.add(o.finish());
  });
  messages.length = 0;
  globalThis.gc?.();
  const derive = time(() => decoder.finish());
  const decoded = derive.check;
  const consultations = decoded.tables.consultations.count;
  const attributions = [];
  let net;
  for (let r = 0; r < runs; r++) {
    const a = time(() => attributeSales(decoded, undefined, { period: "2020-02" }));
    attributions.push(a);
    net = a.check.shop.sales.net;
  }
  const a = median(attributions.map((m) => m.seconds));
  // The same month as objects: the consultations the log made, the orders, the agents.
  const objects = { agents, consultations: decodedRecords(decoded, "consultations"), orders };
  globalThis.gc?.();
  const fromObjects = [];
  for (let r = 0; r < runs; r++) fromObjects.push(time(() => attributeSales(objects, undefined, { period: "2020-02" })));
  const o = median(fromObjects.map((m) => m.seconds));
  if (fromObjects[0].check.shop.sales.net !== net) throw new Error(`attribution from objects gave ${fromObjects[0].check.shop.sales.net}, decoded ${net}`);
  console.log(
    `node ${process.version}, ${n.toLocaleString("en")} messages in ${conversations.toLocaleString("en")} conversations (listed ${layout === "time" ? "in time order" : "conversation by conversation"}), ` +
      `${consultations.toLocaleString("en")} consultations made, ${decoded.tables.orders.count.toLocaleString("en")} orders (net ${net}); CPU time`,
  );
  console.log(`  decoded: attributeSales of the month they make: ${a.toFixed(3)} s (median of ${runs}; runs, CPU/wall s: ${runsOf(attributions)})`);
  console.log(
    `  decoded: consultations derived from the messages (the decoder's finish(), one run): ${derive.seconds.toFixed(3)} s (wall ${derive.wall.toFixed(3)} s), ` +
      `${(derive.seconds / a).toFixed(2)}× attributeSales (target ≤ 2×)`,
  );
  console.log(`  from objects: attributeSales given those consultations and orders as objects: ${o.toFixed(3)} s (median of ${runs}; runs: ${runsOf(fromObjects)})`);
  const whole = decode.seconds + derive.seconds;
  console.log(
    `  from objects: decoding the message objects ${decode.seconds.toFixed(3)} s + deriving ${derive.seconds.toFixed(3)} s = ${whole.toFixed(3)} s, ` +
      `${(whole / o).toFixed(2)}× attributeSales from objects (target ≤ 2×)`,
  );
  console.log(
    `  from objects: a floor that reads every code unit of each message object's four fields once: ${floor.toFixed(3)} s (median of ${runs}); ` +
      `decoding ${(decode.seconds / floor).toFixed(1)}×, deriving ${(derive.seconds / floor).toFixed(1)}× that floor`,
  );
}
