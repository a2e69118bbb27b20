// npm run bench: attribution time and memory on seeded synthetic months, against a floor pass
// measured in the same run (these machines are noisy; the ratio is what the targets are set on).
import { execFileSync } from "node:child_process";

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
  const floor = [];
  const attr = [];
  const mem = [];
  for (let r = 0; r < runs; r++) {
    floor.push(measure("floor", orders, consultations).seconds);
    const m = measure("attribute", orders, consultations);
    attr.push(m.seconds);
    mem.push(m.peakMB);
  }
  const f = median(floor);
  const a = median(attr);
  console.log(
    `${orders.toLocaleString("en")} orders / ${consultations.toLocaleString("en")} consultations: ` +
      `attributeSales ${a.toFixed(2)} s, floor ${f.toFixed(2)} s, ratio ${(a / f).toFixed(2)}×, ` +
      `peak memory beyond input ${median(mem).toFixed(0)} MB`,
  );
}
