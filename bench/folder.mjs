// The CLI on a month folder, as a team lead runs it: writes the synthetic month of the `month` bench
// mode as CSV files (every kind), then times `kefu-kpi report <folder> --format json|table` in fresh
// processes with Node's default heap (wall seconds and peak resident memory), median of BENCH_RUNS.
//   node bench/folder.mjs <orders> <consultations> [folder]
// With no folder a temporary one is written and removed afterwards. `npm run bench` runs it for each
// size, beside the in-memory buildMonthReport of the same month.
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { syntheticFullMonth } from "./synthetic.mjs";

const cli = new URL("../dist/cli.js", import.meta.url).pathname;
const hook = new URL("./maxrss.mjs", import.meta.url).href;

const cell = (v) => {
  if (v === undefined || v === null) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

async function writeKind(dir, kind, records) {
  if (records.length === 0) return;
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const out = createWriteStream(join(dir, `${kind}.csv`));
  let chunk = columns.join(",") + "\n";
  for (const r of records) {
    chunk += columns.map((c) => cell(r[c])).join(",") + "\n";
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

/** Writes the synthetic month as CSV into `dir`; returns its size in bytes. */
export async function writeMonthFolder(dir, orders, consultations) {
  const month = syntheticFullMonth(orders, consultations);
  for (const [kind, records] of Object.entries(month)) await writeKind(dir, kind, records);
  return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

/** One timed `kefu-kpi report` run: wall seconds and peak RSS in MB. */
function runReport(dir, format) {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ["--import", hook, cli, "report", dir, "--month", "2020-02", "--format", format], {
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const err = run.stderr.toString();
  if (run.status !== 0) throw new Error(`report --format ${format} failed (exit ${run.status}):\n${err.trim().split("\n").slice(-10).join("\n")}`);
  const rss = /kefu-kpi-bench maxRSS (\d+)/.exec(err);
  return { seconds, peakMB: rss === null ? NaN : Number(rss[1]) / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times the CLI on the folder: `{ json, table }`, each `{ seconds, min, max, peakMB }` (medians). */
export function benchFolder(dir, runs) {
  const result = {};
  for (const format of ["json", "table"]) {
    const r = Array.from({ length: runs }, () => runReport(dir, format));
    const s = r.map((x) => x.seconds);
    result[format] = { seconds: median(s), min: Math.min(...s), max: Math.max(...s), peakMB: median(r.map((x) => x.peakMB)) };
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [ordersArg = "100000", consArg = String(4 * Number(ordersArg)), dirArg] = process.argv.slice(2);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const dir = dirArg ?? mkdtempSync(join(tmpdir(), "kefu-kpi-bench-"));
  const t0 = Date.now();
  const bytes = await writeMonthFolder(dir, Number(ordersArg), Number(consArg));
  console.log(`${Number(ordersArg).toLocaleString("en")} orders / ${Number(consArg).toLocaleString("en")} consultations: ${(bytes / 1e6).toFixed(0)} MB of CSV written in ${((Date.now() - t0) / 1000).toFixed(1)} s to ${dir}`);
  const result = benchFolder(dir, runs);
  for (const [format, r] of Object.entries(result)) {
    console.log(`  report --format ${format}: ${r.seconds.toFixed(2)} s (runs ${r.min.toFixed(2)}–${r.max.toFixed(2)}), peak RSS ${r.peakMB.toFixed(0)} MB`);
  }
  if (dirArg === undefined) rmSync(dir, { recursive: true, force: true });
}
