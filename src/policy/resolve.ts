import * as z from "zod";
import { IssueCode, KefuKpiError, safely, type Issue, type SafeResult } from "../errors.js";
import { describeValue, isObject } from "../input.js";
import { PolicySchema, type Policy, type PolicyInput } from "./schema.js";

/**
 * Validates a (partial) policy and fills every missing field with its default.
 *
 * @param input - a policy object holding only what differs from the defaults; `undefined` for the
 *   defaults (`null`, or anything that is not an object, is an issue: it is no policy)
 * @returns the complete policy
 * @throws {KefuKpiError} naming each invalid field (`policy.attribution.windowHours: …`)
 * @example
 * resolvePolicy({ attribution: { rule: "pay" } }).attribution.windowHours //=> 48
 */
export function resolvePolicy(input: PolicyInput | Policy = {}): Policy {
  const result = safeResolvePolicy(input);
  if (!result.success) throw new KefuKpiError(result.issues);
  return result.data;
}

/** {@link resolvePolicy} without throwing. */
export function safeResolvePolicy(input: unknown): SafeResult<Policy> {
  if (input === undefined) input = {};
  if (!isObject(input)) {
    return { success: false, issues: [{ code: IssueCode.invalidPolicy, path: ["policy"], message: `expected a policy object (only what differs from the defaults, like { "attribution": { "rule": "pay" } }), got ${describeValue(input)}` }] };
  }
  const policy = input;
  return safely(() => {
    const parsed = PolicySchema.safeParse(policy);
    if (!parsed.success) throw new KefuKpiError(parsed.error.issues.flatMap(toPolicyIssues));
    return parsed.data;
  });
}

// One issue per unknown key, its path ending in the key, so a typo is pointed at where it stands.
function toPolicyIssues(issue: z.core.$ZodIssue): Issue[] {
  const path = ["policy", ...issue.path.map(keyOf)];
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ code: IssueCode.invalidPolicy, path: [...path, key], message: `unknown setting "${key}"` }));
  }
  return [{ code: IssueCode.invalidPolicy, path, message: issue.message }];
}

function keyOf(key: PropertyKey): string | number {
  return typeof key === "symbol" ? String(key) : key;
}

/** The defaults of DOMAIN.md as a complete policy. */
export function defaultPolicy(): Policy {
  return resolvePolicy({});
}

/** The JSON Schema (draft 2020-12) of a policy file, for other apps and sheets to validate with. */
export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PolicySchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
}
