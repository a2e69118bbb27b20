import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    // vitest's default leaves one core to itself: on a two-core CI machine that is one worker, and
    // the suite is CPU-bound (fuzzing, the packed-package projects), so use every core.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
