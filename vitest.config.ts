import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** The test files that replace modules (vi.mock): each runs with a module registry of its own. */
const MOCKING = ["test/month/decodedWalk.test.ts"];

/**
 * The test files that read no clock and no time zone (the packed package's consumers, hostile
 * input, the exports, the browser, the text-only chat matcher, the id tables): `npm test` runs them
 * once, in the UTC run; the odd-zone run (`KEFU_KPI_RUN=odd-zone`) leaves them out.
 */
const ZONE_FREE = [
  "test/bundle/consumers.test.ts",
  "test/hostile.test.ts",
  "test/exports.test.ts",
  "test/bundle/chromium.test.ts",
  "test/render/dashboard.chromium.test.ts",
  "test/bundle/excelAddin.test.ts",
  "test/chat/lint.test.ts",
  "test/chat/properties.test.ts",
  "test/chat/standards.test.ts",
  "test/chat/policy.test.ts",
  "test/ids/**",
];
const skipped = process.env.KEFU_KPI_RUN === "odd-zone" ? ZONE_FREE : [];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    // vitest's default leaves one core to itself: on a two-core CI machine that is one worker, and
    // the suite is CPU-bound (fuzzing, the packed-package projects), so use every core.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        extends: true,
        test: {
          name: "shared",
          include: ["test/**/*.test.ts"],
          exclude: [...MOCKING, ...skipped],
          // The library keeps no state between calls (pure functions, no globals), so the test files
          // of a worker share its modules: each source module is transformed and loaded once per
          // worker, not once per file (it was a third of the suite's time).
          isolate: false,
        },
      },
      { extends: true, test: { name: "isolated", include: MOCKING, exclude: skipped } },
    ],
  },
});
