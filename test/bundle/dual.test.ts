// Issue 11 item 21: the CJS and ESM builds (dist/, built by `npm run build` before the tests) are
// two copies of the library in one process; an error thrown by either is a KefuKpiError for both.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
type Lib = typeof import("../../src/index.js");

describe("dual package: errors across the CJS and ESM builds", () => {
  it("isKefuKpiError and instanceof KefuKpiError recognise the other build's errors", async () => {
    const cjs = require("../../dist/index.cjs") as Lib;
    const esm = (await import("../../dist/index.js" as string)) as Lib;
    expect(cjs.KefuKpiError).not.toBe(esm.KefuKpiError); // two copies indeed
    const thrown = (lib: Lib): unknown => {
      try {
        lib.resolvePolicy({ attribution: { windowHours: -1 } });
      } catch (error) {
        return error;
      }
      throw new Error("expected a throw");
    };
    for (const [from, to] of [[cjs, esm], [esm, cjs]] as const) {
      const error = thrown(from);
      expect(to.isKefuKpiError(error)).toBe(true);
      expect(error instanceof to.KefuKpiError).toBe(true);
      // toSafe of one build turns the other build's error into issues (it rethrew it before).
      expect(to.toSafe(() => from.resolvePolicy(null as never))).toMatchObject({ success: false, issues: [{ code: "invalid_policy", path: ["policy"] }] });
    }
    expect(esm.isKefuKpiError(new RangeError("x"))).toBe(false);
  });
});
