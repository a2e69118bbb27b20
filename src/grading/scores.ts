/** The monthly scores (积分) as the grades and the ranking read them: one score per agent and month. */
import type { IssueList } from "../errors.js";
import type { DecodedMonth } from "../records/month.js";
import { repeatIssues } from "../records/rows.js";
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
  const keyOf = (i: number): string | undefined => {
    const a = s.agentId[i]!;
    const m = s.month[i]!;
    if (a < 0 || (!options.anyMonth && m < 0) || (options.only !== undefined && m !== options.only)) return undefined;
    return options.anyMonth ? String(a) : `${a}\u0000${m}`;
  };
  const repeated = (i: number): string => {
    const id = month.agents.ids[s.agentId[i]!]!;
    return options.anyMonth
      ? `${id} has more than one score; rank one score per agent, or give the month to rank`
      : `${id} has more than one score for ${monthLabel(s.month[i]!)}; one score per agent and month`;
  };
  for (const issue of repeatIssues(table, options.anyMonth ? "agentId" : "month", keyOf, repeated)) issues.add(issue);
}
