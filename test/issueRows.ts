import { expect } from "vitest";
import type { SafeResult } from "../src/index.js";

/**
 * The issues of a failed `safe…` result as `[code, path, message]` rows (fails the test on success);
 * an issue about a repeated record ends its message with the record it repeats, `(first at roster[2])`.
 */
export function issueRows(result: SafeResult<unknown>): [string, string, string][] {
  expect(result.success).toBe(false);
  if (result.success) return [];
  return result.issues.map((i) => [i.code, i.path.join("."), i.related ? `${i.message} (first at ${String(i.related.path[0])}[${String(i.related.path[1])}])` : i.message]);
}
