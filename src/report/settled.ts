/**
 * Settled months (R5): once a month's report is settled (pay handed out), re-running the month must
 * not silently change history. {@link compareReports} lists every figure that would change, so the
 * caller (the CLI's `report --settled`) shows the differences instead of a new report.
 */
import { safeResolvePolicy } from "../policy/resolve.js";

/** One figure that differs between the settled report and the re-run. */
export interface ReportDifference {
  /** Where the figure is, e.g. `agents[A01].sales.net` (records of lists are named by their id). */
  readonly path: string;
  readonly settled: unknown;
  readonly current: unknown;
}

// The id field of the records of each list, so a difference names the record, not its position.
const ID_FIELDS = ["agentId", "orderId", "id", "violationId", "rewardId", "metric", "line"] as const;

/**
 * Every figure that differs between a settled report and the same month computed again, in a
 * stable order (the settled report's, then what the re-run added). The warnings are compared as a
 * collection, after the figures: one difference at path `warnings` per warning gone (`current`
 * undefined) or added (`settled` undefined).
 *
 * @example
 * compareReports(settled, current)
 * //=> [{ path: "agents[A01].sales.net", settled: "13341.00", current: "13300.00" }, …]
 */
export function compareReports(settled: unknown, current: unknown): ReportDifference[] {
  const out: ReportDifference[] = [];
  const a = withPolicyDefaults(settled);
  // The warnings are sentences, not positions: one added at the top is that one warning, not a
  // shift of all the others. They are compared as a collection (gone, then added, each in its order).
  if (isRecord(a) && isRecord(current) && isStrings(a["warnings"]) && isStrings(current["warnings"])) {
    walk({ ...a, warnings: undefined }, { ...current, warnings: undefined }, "", out);
    const left = a["warnings"];
    const right = current["warnings"];
    for (const w of without(left, right)) out.push({ path: "warnings", settled: w, current: undefined });
    for (const w of without(right, left)) out.push({ path: "warnings", settled: undefined, current: w });
    return out;
  }
  walk(a, current, "", out);
  return out;
}

/** The items of `list` that `other` does not hold, as many times as `list` holds them more often. */
function without(list: readonly string[], other: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const w of other) left.set(w, (left.get(w) ?? 0) + 1);
  return list.filter((w) => {
    const k = left.get(w) ?? 0;
    if (k > 0) left.set(w, k - 1);
    return k === 0;
  });
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((w) => typeof w === "string");
}

// A setting added to the policy since the report was settled was, in effect, at its default then:
// the settled policy is compared with those defaults filled in (and as it is when it no longer
// resolves), so a new setting at its default is no difference, and one set otherwise is.
function withPolicyDefaults(report: unknown): unknown {
  if (!isRecord(report) || !isRecord(report["policy"])) return report;
  const resolved = safeResolvePolicy(report["policy"]);
  return resolved.success ? { ...report, policy: resolved.data } : report;
}

function walk(a: unknown, b: unknown, path: string, out: ReportDifference[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = idField(a) ?? idField(b);
    if (key) {
      const byId = (list: unknown[]): Map<string, unknown> => new Map(list.map((r) => [String((r as Record<string, unknown>)[key]), r]));
      const left = byId(a);
      const right = byId(b);
      for (const [id, record] of left) walk(record, right.get(id), `${path}[${id}]`, out);
      for (const [id, record] of right) if (!left.has(id)) out.push({ path: `${path}[${id}]`, settled: undefined, current: record });
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const k of keys) walk(a[k], b[k], path === "" ? k : `${path}.${k}`, out);
    return;
  }
  if (!Object.is(a, b)) out.push({ path: path || "(report)", settled: a, current: b });
}

function idField(list: unknown[]): string | null {
  const first = list.find(isRecord);
  if (!first) return null;
  const key = ID_FIELDS.find((k) => typeof first[k] === "string");
  if (!key) return null;
  // Only when the ids name the records uniquely.
  const ids = list.map((r) => (isRecord(r) ? r[key] : undefined));
  return ids.every((id) => typeof id === "string") && new Set(ids).size === ids.length ? key : null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
