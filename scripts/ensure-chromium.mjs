// The browser tests run in real headless Chromium (Debian's package), and the dashboard's test needs
// a Chinese font. This makes sure both are there: Chromium at CHROMIUM_PATH or /usr/bin/chromium, and
// a font fontconfig lists for Chinese (fc-list :lang=zh). On a Debian machine where we are root it
// installs what is missing (chromium, fonts-wqy-zenhei), as CI and a fresh machine of this project
// need; otherwise it says how. apt's own output goes to .vitest/apt.log and is shown only when the
// installation fails.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const chineseFont = () => {
  try {
    return execFileSync("fc-list", [":lang=zh", "family"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() !== "";
  } catch {
    return false;
  }
};
const missing = [];
if (!existsSync(path)) missing.push(process.env.CHROMIUM_PATH === undefined ? "chromium" : null);
if (!chineseFont()) missing.push("fonts-wqy-zenhei");
if (missing.length === 0) process.exit(0);
if (missing.includes(null)) {
  console.error(`Chromium not found at ${path} (CHROMIUM_PATH): install it or unset CHROMIUM_PATH.`);
  process.exit(1);
}

const root = typeof process.getuid === "function" && process.getuid() === 0;
if (root && existsSync("/usr/bin/apt-get")) {
  console.log(`Installing Debian's ${missing.join(" and ")} for the browser tests (log: .vitest/apt.log) …`);
  mkdirSync(".vitest", { recursive: true });
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let log = "";
  try {
    for (const args of [["update", "-qq"], ["install", "-y", "-qq", ...missing]]) {
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
  if (existsSync(path) && chineseFont()) {
    console.log(`Installed: ${missing.join(", ")}.`);
    process.exit(0);
  }
}
console.error(
  `Missing for the browser tests: ${missing.join(", ")}. Install them (Debian: apt-get install ${missing.join(" ")}), or point CHROMIUM_PATH at a Chromium.`,
);
process.exit(1);
