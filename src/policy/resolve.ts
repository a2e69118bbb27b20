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
    const issues = parsed.success ? [] : parsed.error.issues.flatMap(toPolicyIssues);
    // A record of settings (kpi.minSample, discipline.rules) drops a `__proto__` key unseen: named here.
    for (const path of protoKeyPaths(policy)) {
      const at = ["policy", ...path];
      if (!issues.some((i) => i.path.length === at.length && i.path.every((p, k) => p === at[k]))) issues.push({ code: IssueCode.invalidPolicy, path: at, message: 'unknown setting "__proto__"' });
    }
    if (issues.length > 0 || !parsed.success) throw new KefuKpiError(issues);
    // zod hands out its default values themselves (the grade levels, the scorecards …): a caller
    // that edits a resolved policy, or a report holding one, would change the defaults of every
    // later call. Each resolved policy is a copy of its own.
    return copyData(parsed.data);
  });
}

// A deep copy of plain data (what a policy is: objects, arrays, text, numbers, booleans, null).
function copyData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyData) as T;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = copyData(item);
    return out as T;
  }
  return value;
}

/** The paths of the own `__proto__` keys in a policy's objects (JSON.parse makes them; an assignment would not). */
function protoKeyPaths(value: unknown, path: readonly (string | number)[] = [], out: (string | number)[][] = [], seen = new Set<object>()): (string | number)[][] {
  if (typeof value !== "object" || value === null || seen.has(value) || path.length > 32) return out;
  seen.add(value);
  if (Array.isArray(value)) value.forEach((v: unknown, i) => protoKeyPaths(v, [...path, i], out, seen));
  else {
    for (const key of Object.keys(value)) {
      if (key === "__proto__") out.push([...path, key]);
      else protoKeyPaths((value as Record<string, unknown>)[key], [...path, key], out, seen);
    }
  }
  return out;
}

// One issue per unknown key, its path ending in the key, so a typo is pointed at where it stands.
function toPolicyIssues(issue: z.core.$ZodIssue): Issue[] {
  const path = ["policy", ...issue.path.map(keyOf)];
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ code: IssueCode.invalidPolicy, path: [...path, key], message: `unknown setting "${key}"` }));
  }
  // A key of a record of settings that is none (a rule id): what the key must be, not "Invalid key in record".
  if (issue.code === "invalid_key") {
    const key = path[path.length - 1];
    const why = issue.issues.map((i) => i.message).join("; ");
    return [{ code: IssueCode.invalidPolicy, path, message: `${JSON.stringify(key)} is not a ${path[path.length - 2] === "rules" ? "rule id" : "key here"}: ${why}` }];
  }
  return [{ code: IssueCode.invalidPolicy, path, message: issue.message }];
}

function keyOf(key: PropertyKey): string | number {
  return typeof key === "symbol" ? String(key) : key;
}

/** The README's defaults as a complete policy. */
export function defaultPolicy(): Policy {
  return resolvePolicy({});
}

/** The JSON Schema (draft 2020-12) of a policy file, for other apps and sheets to validate with. */
export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PolicySchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
}
