import { expect } from "vitest";
import type { SafeResult } from "../src/index.js";

/** The issues of a failed `safe…` result as `[code, path, message]` rows (fails the test on success). */
export function issueRows(result: SafeResult<unknown>): [string, string, string][] {
  expect(result.success).toBe(false);
  return result.success ? [] : result.issues.map((i) => [i.code, i.path.join("."), i.message]);
}
