// Streaming CSV read: time and peak memory of reading a generated consultations CSV of a given size
// through readCsvFile with a sink that keeps nothing (the reader's own cost), and optionally through
// readMonthFolder (which keeps a record object per row).
//
//   npm run build && node bench/csv-read.mjs [megabytes=1024] [utf-8|gb18030] [read|folder]
//
// The file is written to a temp folder, read in a fresh process, and removed.
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { Buffer } from "node:buffer";
import { TextDecoder } from "node:util";

const [, , sizeArg = "1024", encoding = "utf-8", mode = "read"] = process.argv;

if (process.env.CSV_BENCH_CHILD) {
  const { readCsvFile, readMonthFolder } = await import("../dist/node/index.js");
  const t0 = performance.now();
  let rows = 0;
  if (mode === "folder") {
    const folder = await readMonthFolder(process.env.CSV_BENCH_CHILD);
    rows = folder.input.consultations.length;
  } else {
    const handle = await open(join(process.env.CSV_BENCH_CHILD, "consultations.csv"));
    await readCsvFile(handle, { header() {}, row() { rows++; } });
    await handle.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ rows, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
} else {
  const dir = mkdtempSync(join(tmpdir(), "kefu-kpi-csv-bench-"));
  const file = join(dir, "consultations.csv");
  try {
    await writeCsv(file, Number(sizeArg) * (1 << 20), encoding);
    const bytes = statSync(file).size;
    const out = execFileSync(process.execPath, ["--max-old-space-size=8192", new URL(import.meta.url).pathname, sizeArg, encoding, mode], {
      env: { ...process.env, CSV_BENCH_CHILD: dir },
      encoding: "utf8",
    });
    const r = JSON.parse(out);
    const mb = bytes / (1 << 20);
    console.log(
      `${mode === "folder" ? "readMonthFolder" : "readCsvFile (no rows kept)"}, ${encoding}, ${mb.toFixed(0)} MB, ${r.rows.toLocaleString("en")} rows: ` +
        `${r.seconds.toFixed(1)} s (${(mb / r.seconds).toFixed(0)} MB/s), peak RSS ${r.maxRssMB.toFixed(0)} MB (node ${process.version})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Rows like an export's: ids, wall times, counts and a Chinese source column.
async function writeCsv(path, bytes, enc) {
  const gbk = enc === "gb18030" ? gbkEncoder() : null;
  const sources = ["商品详情", "店铺首页", "购物车", "订单页"];
  const out = createWriteStream(path);
  const header = "consultationId,agentId,buyerId,startedAt,firstReplyAt,endedAt,buyerMessages,agentMessages,source,responseCount,responseSeconds,maxResponseSeconds\n";
  let written = 0;
  const put = async (text) => {
    const chunk = gbk ? gbk(text) : Buffer.from(text, "utf8");
    written += chunk.length;
    if (!out.write(chunk)) await once(out, "drain");
  };
  await put(header);
  for (let i = 0; written < bytes; ) {
    const lines = [];
    for (let k = 0; k < 10000; k++, i++) {
      const d = String(1 + (i % 28)).padStart(2, "0");
      lines.push(`C${i},A${100 + (i % 60)},b${i % 333331},2020-02-${d} 09:07:00,2020-02-${d} 09:07:17,2020-02-${d} 09:23:00,8,10,${sources[i % 4]},10,200,30\n`);
    }
    await put(lines.join(""));
  }
  out.end();
  await once(out, "finish");
}

// GBK bytes of the few Chinese characters used, found by decoding every two-byte code.
function gbkEncoder() {
  const map = new Map();
  const decoder = new TextDecoder("gb18030");
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (!map.has(ch)) map.set(ch, [lead, trail]);
    }
  }
  return (text) => {
    const bytes = [];
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      if (code < 0x80) bytes.push(code);
      else bytes.push(...map.get(ch));
    }
    return Buffer.from(bytes);
  };
}
