/** The monthly scores (积分) as the grades and the ranking read them: one score per agent and month. */
import { IssueCode, type IssueList } from "../errors.js";
import type { DecodedMonth } from "../records/month.js";
import { recordIssue } from "../records/rows.js";
import { recordPlace } from "../records/table.js";
import { monthLabel } from "../time/period.js";

/**
 * Names every score that repeats an agent's score of the same month (with `only`: of that month
 * index only; with `anyMonth`: any two scores of one agent, for a ranking of scores without months).
 * Rows the decoder could not read (no agent or month) are left to its issues.
 */
export function checkScoreRepeats(month: DecodedMonth, issues: IssueList, options: { readonly only?: number; readonly anyMonth?: boolean } = {}): void {
  const table = month.tables.scores;
  if (table === undefined) return;
  const s = table.columns;
  const first = new Map<string, number>();
  for (let i = 0; i < table.count; i++) {
    const a = s.agentId[i]!;
    const m = s.month[i]!;
    if (a < 0 || (!options.anyMonth && m < 0) || (options.only !== undefined && m !== options.only)) continue;
    const key = options.anyMonth ? String(a) : `${a}\u0000${m}`;
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, i);
      continue;
    }
    const id = month.agents.ids[a]!;
    const message = options.anyMonth
      ? `${id} has more than one score (first at ${recordPlace(table, seen)}); rank one score per agent, or give the month to rank`
      : `${id} has more than one score for ${monthLabel(m)} (first at ${recordPlace(table, seen)}); one score per agent and month`;
    issues.add(recordIssue(table, i, options.anyMonth ? "agentId" : "month", IssueCode.duplicateId, message, { first: seen }));
  }
}
