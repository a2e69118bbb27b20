// The CLI on a month folder, as a team lead runs it: writes the synthetic month of the `month` bench
// mode as CSV files (every kind), then times `kefu-kpi report <folder> --format json|table` in fresh
// processes (GNU time: wall seconds and peak resident memory), median of BENCH_RUNS runs.
//   node bench/folder.mjs <orders> <consultations> [folder]
// With no folder a temporary one is written and removed afterwards.
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { syntheticFullMonth } from "./synthetic.mjs";

const [ordersArg = "100000", consArg = String(4 * Number(ordersArg)), dirArg] = process.argv.slice(2);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const dir = dirArg ?? mkdtempSync(join(tmpdir(), "kefu-kpi-bench-"));
const cli = new URL("../dist/cli.js", import.meta.url).pathname;

const cell = (v) => {
  if (v === undefined || v === null) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

async function writeKind(kind, records) {
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

const t0 = Date.now();
const month = syntheticFullMonth(Number(ordersArg), Number(consArg));
for (const [kind, records] of Object.entries(month)) await writeKind(kind, records);
const bytes = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
console.log(`${Number(ordersArg).toLocaleString("en")} orders / ${Number(consArg).toLocaleString("en")} consultations: ${(bytes / 1e6).toFixed(0)} MB of CSV written in ${((Date.now() - t0) / 1000).toFixed(1)} s to ${dir}`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const format of ["json", "table"]) {
  const seconds = [];
  const peak = [];
  for (let r = 0; r < runs; r++) {
    // GNU time prints "<wall seconds> <max RSS in KB>" on stderr; the report goes to /dev/null.
    const run = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, "--max-old-space-size=8192", cli, "report", dir, "--month", "2020-02", "--format", format], {
      stdio: ["ignore", "ignore", "pipe"],
      maxBuffer: 1 << 26,
    });
    const err = run.stderr.toString().trim().split("\n");
    if (run.status !== 0) throw new Error(`report --format ${format} failed:\n${err.slice(-10).join("\n")}`);
    const last = err.pop().split(" ");
    seconds.push(Number(last[0]));
    peak.push(Number(last[1]) / 1024);
  }
  console.log(`  report --format ${format}: ${median(seconds).toFixed(2)} s (runs ${Math.min(...seconds).toFixed(2)}–${Math.max(...seconds).toFixed(2)}), peak RSS ${median(peak).toFixed(0)} MB`);
}
if (dirArg === undefined) rmSync(dir, { recursive: true, force: true });
