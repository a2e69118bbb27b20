import { checkOptions, readTextOption } from "../input.js";
import { IssueList, safely, type SafeResult } from "../errors.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { isDecodedMonth, monthFor, throwInMonthOrder, type DecodedMonth } from "../records/month.js";
import { formatScore } from "./evaluateProbation.js";
import { checkScoreRepeats } from "./scores.js";

export interface Ranking {
  /** Highest score first; equal scores share a rank (1, 2, 2, 4) and are listed by agentId. */
  readonly ranking: readonly { readonly agentId: string; readonly score: string; readonly rank: number }[];
  /**
   * 末位淘汰: the agents in the last `bottomN` places. An agent tied with the last of them is
   * named too (a tie is never broken by the id), so the list can be longer than `bottomN`.
   * A report item, not an action.
   */
  readonly bottom: readonly string[];
  readonly bottomN: number;
}

export interface RankOptions {
  /** `YYYY-MM`: rank the rows of that month only (every row then gives its month). */
  readonly month?: string;
  /** Agents not to rank (on probation, dismissed): their rows are checked, not ranked. */
  readonly exclude?: readonly string[];
}

/** The month a scores row without one is read as when no month is ranked (any month would do: months are then not compared). */
const ANY_MONTH = "0000-01";

/**
 * Ranks agents by scorecard score (R3) with the bottom-N list (末位淘汰, seed 001).
 *
 * @param scores - one score per agent (0–100, ≤ 2 decimals), or `scores` rows of several months
 *   with `options.month`; or a month decoded by `decodeMonth` (its scores)
 * @param policy - `grades.ranking.bottomN` (default 1); with a decoded month, leave it out or give
 *   the policy the month was decoded under
 * @param options - `month` (`YYYY-MM`): rank the rows of that month only; `exclude`: agents not to
 *   rank (e.g. on probation, or dismissed), whose rows are still checked
 * @throws {KefuKpiError} for a malformed or repeated agent's score
 * @example
 * rankAgents([{ agentId: "A01", score: 90 }, { agentId: "A02", score: 75 }, { agentId: "A03", score: 75 }]).bottom //=> ["A02", "A03"]
 */
export function rankAgents(scores: readonly unknown[] | DecodedMonth, policy?: PolicyInput | Policy, options: RankOptions = {}): Ranking {
  checkOptions(options, ["month", "exclude"]);
  const only = readTextOption(checkOptions(options, ["month", "exclude"]), "month", monthIndex);
  // Without a month to rank, a row may leave its month out (months are not compared).
  const input = isDecodedMonth(scores) ? scores : { scores: Array.isArray(scores) && only === undefined ? scores.map(withAnyMonth) : scores };
  const month = monthFor(input, policy, ["scores"], { required: ["scores"], check: (m, issues) => checkScoreRepeats(m, issues, only === undefined ? { anyMonth: true } : { only }) });
  return rankOfMonth(month, options);
}

/**
 * {@link rankAgents} of a decoded month's scores.
 *
 * @throws {KefuKpiError} for a bad month option, or an agent with two scores to rank
 */
export function rankOfMonth(month: DecodedMonth, options: RankOptions = {}): Ranking {
  const only = readTextOption(checkOptions(options, ["month", "exclude"]), "month", monthIndex);
  const issues = new IssueList();
  checkScoreRepeats(month, issues, only === undefined ? { anyMonth: true } : { only });
  throwInMonthOrder(issues);
  const bottomN = month.policy.grades.ranking.bottomN;
  const excluded = new Set(options.exclude ?? []);
  const rows: { agentId: string; h: number }[] = [];
  const table = month.tables.scores;
  for (let i = 0; i < (table?.count ?? 0); i++) {
    const s = table!.columns;
    if (only !== undefined && s.month[i] !== only) continue;
    const agentId = month.agents.ids[s.agentId[i]!]!;
    if (!excluded.has(agentId)) rows.push({ agentId, h: s.score[i]! });
  }
  rows.sort((a, b) => b.h - a.h || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  const ranking = rows.map((r, i) => ({ agentId: r.agentId, score: formatScore(r.h), rank: 0, h: r.h, i }));
  for (const r of ranking) r.rank = r.i > 0 && ranking[r.i - 1]!.h === r.h ? ranking[r.i - 1]!.rank : r.i + 1;
  const cut = ranking.length - bottomN;
  const threshold = bottomN === 0 || ranking.length === 0 ? -1 : ranking[Math.max(cut, 0)]!.h;
  return {
    ranking: ranking.map(({ agentId, score, rank }) => ({ agentId, score, rank })),
    bottom: ranking.filter((r) => r.h <= threshold).map((r) => r.agentId),
    bottomN,
  };
}

/** {@link rankAgents} returning `{ success, data | issues }` instead of throwing. */
export function safeRankAgents(scores: readonly unknown[] | DecodedMonth, policy?: PolicyInput | Policy, options?: RankOptions): SafeResult<Ranking> {
  return safely(() => rankAgents(scores, policy, options));
}

/** A scores row with a month: its own, or {@link ANY_MONTH} when it gives none (a row that cannot be read is left to the decoder). */
function withAnyMonth(row: unknown): unknown {
  try {
    if (typeof row !== "object" || row === null || Array.isArray(row) || (row as { month?: unknown }).month !== undefined) return row;
    return { ...row, month: ANY_MONTH };
  } catch {
    return row;
  }
}

function monthIndex(label: string): number {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(label)) throw new RangeError(`"${label}" is not a month; expected YYYY-MM`);
  return Number(label.slice(0, 4)) * 12 + Number(label.slice(5, 7)) - 1;
}
