// Preloaded into a timed CLI run (node --import bench/maxrss.mjs …): on exit, one line on standard
// error with the process's peak resident memory, so the bench needs no GNU time.
import { writeSync } from "node:fs";

process.on("exit", () => {
  writeSync(2, `\nkefu-kpi-bench maxRSS ${process.resourceUsage().maxRSS}\n`);
});
