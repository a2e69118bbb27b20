/**
 * The README's Guarantees, each held here or by the test the README names beside it: the month
 * report does not depend on the order of the rows (of every kind at once), the machine's clock or
 * its zone (the suite runs under two zones), and nothing in the core reads the clock.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildMonthReport } from "../src/index.js";
import { folderRecords } from "./folderRecords.js";

const dir = new URL("../fixtures/sample-month/", import.meta.url).pathname;
const policy = {}; // the sample month runs on the defaults

/** A seeded permutation (mulberry32). */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Consultations shuffled, except that those R1 cannot tell apart (same buyer, served until the same
 * instant, first answered at the same instant) keep their relative order: there the later row wins.
 */
function shuffledConsultations(xs: readonly Record<string, unknown>[], seed: number): Record<string, unknown>[] {
  const out = shuffled(xs, seed);
  const key = (c: Record<string, unknown>) => `${String(c.buyerId)}|${String(c.endedAt)}|${String(c.firstReplyAt)}`;
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const c of xs) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
  const next = new Map<string, number>();
  return out.map((c) => {
    const k = key(c);
    const i = next.get(k) ?? 0;
    next.set(k, i + 1);
    return groups.get(k)![i]!;
  });
}

describe("the month report does not depend on the order of the rows", () => {
  const input = folderRecords(dir) as Record<string, Record<string, unknown>[]>;
  const straight = JSON.stringify(buildMonthReport(input as Parameters<typeof buildMonthReport>[0], policy));

  for (const seed of [1, 2, 3]) {
    it(`every kind shuffled at once (seed ${seed})`, () => {
      const mixed: Record<string, Record<string, unknown>[]> = {};
      for (const [kind, records] of Object.entries(input)) {
        mixed[kind] = kind === "consultations" ? shuffledConsultations(records, seed) : shuffled(records, seed * 31 + kind.length);
      }
      expect(JSON.stringify(buildMonthReport(mixed as Parameters<typeof buildMonthReport>[0], policy))).toBe(straight);
    });
  }
});

describe("the month report does not depend on the clock", () => {
  afterEach(() => vi.useRealTimers());

  it("is the same report in 1999 and in 2040", () => {
    const input = folderRecords(dir);
    vi.useFakeTimers({ now: new Date("1999-12-31T23:59:59Z") });
    const before = JSON.stringify(buildMonthReport(input, policy));
    vi.setSystemTime(new Date("2040-06-30T12:00:00Z"));
    expect(JSON.stringify(buildMonthReport(input, policy))).toBe(before);
  });

  it("reads no clock anywhere in the core (no Date.now, no argument-less new Date())", () => {
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const path = join(d, name);
        if (statSync(path).isDirectory()) {
          if (name !== "node") walk(path);
        } else if (name.endsWith(".ts")) {
          readFileSync(path, "utf8").split("\n").forEach((line, i) => {
            if (/Date\.now\(|new Date\(\s*\)|performance\.now\(/.test(line)) offenders.push(`${path}:${i + 1}`);
          });
        }
      }
    };
    walk(new URL("../src/", import.meta.url).pathname);
    expect(offenders).toEqual([]);
  });
});
