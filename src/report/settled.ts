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
 * stable order (the settled report's, then what the re-run added).
 *
 * @example
 * compareReports(settled, current)
 * //=> [{ path: "agents[A01].sales.net", settled: "13341.00", current: "13300.00" }, …]
 */
export function compareReports(settled: unknown, current: unknown): ReportDifference[] {
  const out: ReportDifference[] = [];
  walk(withPolicyDefaults(settled), current, "", out);
  return out;
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
