// Preloaded into a timed CLI run (node --require bench/maxrss.cjs …): on exit, one line on standard
// error with the process's peak resident memory, so the bench needs no GNU time.
"use strict";
process.on("exit", () => {
  require("node:fs").writeSync(2, `\nkefu-kpi-bench maxRSS ${process.resourceUsage().maxRSS}\n`);
});
