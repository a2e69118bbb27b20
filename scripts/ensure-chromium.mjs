// The browser test runs the bundle in real headless Chromium (Debian's package). This makes sure
// it is there: CHROMIUM_PATH or /usr/bin/chromium; on a Debian machine where we are root, it
// installs the package (as CI and a fresh machine of this project need); otherwise it says how.
// apt's own output goes to .vitest/apt.log and is shown only when the installation fails.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(path)) process.exit(0);
const root = typeof process.getuid === "function" && process.getuid() === 0;
if (process.env.CHROMIUM_PATH === undefined && root && existsSync("/usr/bin/apt-get")) {
  console.log("Chromium not found: installing Debian's chromium package for the browser test (log: .vitest/apt.log) …");
  mkdirSync(".vitest", { recursive: true });
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let log = "";
  try {
    for (const args of [["update", "-qq"], ["install", "-y", "-qq", "chromium"]]) {
      log += execFileSync("apt-get", args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
    }
  } catch (error) {
    log += `${error.stdout ?? ""}${error.stderr ?? ""}`;
    writeFileSync(".vitest/apt.log", log);
    console.error(`apt-get failed (${error.message.split("\n")[0]}); the last lines of .vitest/apt.log:`);
    console.error(readFileSync(".vitest/apt.log", "utf8").split("\n").slice(-20).join("\n"));
    process.exit(1);
  }
  writeFileSync(".vitest/apt.log", log);
  if (existsSync(path)) {
    console.log(`Chromium installed at ${path}.`);
    process.exit(0);
  }
}
console.error(`Chromium not found at ${path}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
process.exit(1);
