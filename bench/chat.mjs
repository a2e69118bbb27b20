// The chat standards' lint (issue 15, R8) against a floor, in the same run:
//   BENCH_MESSAGES=1000000 node bench/chat.mjs
// The floor reads every message's text once (sums charCodeAt over every code unit); the lint
// scans every text once with all rules (lintTexts). Target: lint ≤ 3× the floor. Not part of
// `npm run bench` yet (the lint is not wired into the month).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "tsup";
import { rng } from "./synthetic.mjs";

// The matcher is in no entry point of the package yet: built here, for this script only, as the
// library build would (ESM, es2022), into a temporary folder under node_modules (where its
// dependencies resolve).
mkdirSync(new URL("../node_modules/.cache", import.meta.url).pathname, { recursive: true });
const out = mkdtempSync(join(new URL("../node_modules/.cache", import.meta.url).pathname, "kefu-kpi-chat-bench-"));
await build({ entry: { chat: new URL("../src/chat/index.ts", import.meta.url).pathname }, format: ["esm"], target: "es2022", platform: "node", outDir: out, silent: true, dts: false, config: false });
const { compileChatStandards, lintTexts } = await import(pathToFileURL(join(out, "chat.js")).href);
rmSync(out, { recursive: true, force: true });

const messages = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);

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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// CPU time of the span (steadier than wall time on a shared machine), wall time beside it.
const time = (f) => {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const check = f();
  const cpu = process.cpuUsage(c0);
  return { seconds: (cpu.user + cpu.system) / 1e6, wall: Number(process.hrtime.bigint() - t0) / 1e9, check };
};

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
const runsOf = (ms) => ms.map((m) => `${m.seconds.toFixed(3)}/${m.wall.toFixed(3)}`).join(", ");
console.log(`node ${process.version}, ${messages.toLocaleString("en")} messages, ${units.toLocaleString("en")} UTF-16 units, ${withPhrase.toLocaleString("en")} with a phrase; ${runs} runs after a warm-up, median CPU time`);
console.log(`  floor (read every text once): ${f.toFixed(3)} s (runs, CPU/wall s: ${runsOf(floors)})`);
console.log(
  `  lintTexts (${matcher.rules.length} rules, one pass): ${l.toFixed(3)} s, ${(l / f).toFixed(2)}× the floor (target ≤ 3×); ` +
    `${lint.total.toLocaleString("en")} findings in ${lint.messages.length.toLocaleString("en")} messages (runs: ${runsOf(lints)})`,
);
