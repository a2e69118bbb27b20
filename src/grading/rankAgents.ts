import { IssueList, safely, type SafeResult } from "../errors.js";
import { checkOptions, checkRecords, textOption } from "../input.js";
import { resolvePolicy } from "../policy/resolve.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { scoreHundredths } from "../schema/people.js";
import { parseRecords, throwInRecordOrder } from "../schema/parseRecords.js";
import { formatScore } from "./evaluateProbation.js";
import * as z from "zod";
import { idField } from "../schema/records.js";
import { monthField, scoreField } from "../schema/people.js";
import { IssueCode } from "../errors.js";

const RankedScoreSchema = z.strictObject({ agentId: idField, score: scoreField, month: monthField.optional() });

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
  /** `YYYY-MM`: rank the rows of that month only. */
  readonly month?: string;
  /** Agents not to rank (on probation, dismissed): their rows are checked, not ranked. */
  readonly exclude?: readonly string[];
}

/**
 * Ranks agents by scorecard score (R3) with the bottom-N list (末位淘汰, seed 001).
 *
 * @param scores - one score per agent (0–100, ≤ 2 decimals), or `scores` rows of several months with `options.month`
 * @param policy - `grades.ranking.bottomN` (default 1)
 * @param options - `month` (`YYYY-MM`): rank the rows of that month only; `exclude`: agents not to
 *   rank (e.g. on probation, or dismissed), whose rows are still checked
 * @throws {KefuKpiError} for a malformed or repeated agent's score
 * @example
 * rankAgents([{ agentId: "A01", score: 90 }, { agentId: "A02", score: 75 }, { agentId: "A03", score: 75 }]).bottom //=> ["A02", "A03"]
 */
export function rankAgents(scores: readonly unknown[], policy: PolicyInput | Policy = {}, options: RankOptions = {}): Ranking {
  const issues = new IssueList();
  checkRecords("scores", scores, issues);
  issues.throwIfAny();
  const month = textOption(checkOptions(options, ["month", "exclude"]), "month");
  const bottomN = resolvePolicy(policy).grades.ranking.bottomN;
  const excluded = new Set(options.exclude ?? []);
  const first = new Map<string, number>();
  const rows: { agentId: string; h: number }[] = [];
  for (const { record, index } of parseRecords("scores", scores, RankedScoreSchema, issues)) {
    if (month !== undefined && record.month !== month) continue;
    const seen = first.get(record.agentId);
    if (seen !== undefined) {
      issues.add({ code: IssueCode.duplicateId, path: ["scores", index, "agentId"], message: `${record.agentId} has more than one score${month ? ` for ${month}` : ""} (first at scores[${seen}])` });
      continue;
    }
    first.set(record.agentId, index);
    if (excluded.has(record.agentId)) continue;
    rows.push({ agentId: record.agentId, h: scoreHundredths(record.score) });
  }
  throwInRecordOrder(issues);
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
export function safeRankAgents(scores: readonly unknown[], policy?: PolicyInput | Policy, options?: RankOptions): SafeResult<Ranking> {
  return safely(() => rankAgents(scores, policy, options));
}
