// The browser test runs the bundle in real headless Chromium (Debian's package). This makes sure
// it is there: CHROMIUM_PATH or /usr/bin/chromium; on a Debian machine where we are root, it
// installs the package (as CI and a fresh machine of this project need); otherwise it says how.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(path)) process.exit(0);
const root = typeof process.getuid === "function" && process.getuid() === 0;
if (process.env.CHROMIUM_PATH === undefined && root && existsSync("/usr/bin/apt-get")) {
  console.log("Chromium not found: installing Debian's chromium package for the browser test …");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
  if (existsSync(path)) process.exit(0);
}
console.error(`Chromium not found at ${path}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
process.exit(1);
