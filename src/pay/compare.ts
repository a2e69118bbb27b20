/**
 * What-if: each agent's pay under two policies side by side, line by line, with the difference.
 */
import { IssueCode, KefuKpiError, type Issue } from "../errors.js";
import { describeValue } from "../input.js";
import { formatFen, parseFen } from "../money/fen.js";
import { PAY_LINES, type PayLineId, type PayStatement } from "./statement.js";

/** One agent's pay under policy A and policy B. */
export interface PayComparison {
  readonly agentId: string;
  /** Per line (and the total): A, B and B − A, as decimal strings. */
  readonly lines: Readonly<Record<PayLineId | "total", { readonly a: string; readonly b: string; readonly difference: string }>>;
}

/**
 * Pairs two sets of statements by agent (an agent missing from one side counts as 0.00 there).
 *
 * @throws {KefuKpiError} when either side is not a list of pay statements (of {@link payStatements}),
 *   naming the statement and field, or names an agent twice
 * @example
 * comparePay(underA, underB)[0].lines.total //=> { a: "3450.00", b: "3512.40", difference: "62.40" }
 */
export function comparePay(a: readonly PayStatement[], b: readonly PayStatement[]): PayComparison[] {
  const issues = [...statementIssues(a, "a"), ...statementIssues(b, "b")];
  if (issues.length > 0) throw new KefuKpiError(issues);
  const left = new Map(a.map((s) => [s.agentId, s]));
  const right = new Map(b.map((s) => [s.agentId, s]));
  const ids = [...new Set([...left.keys(), ...right.keys()])].sort();
  return ids.map((agentId) => {
    const sa = left.get(agentId);
    const sb = right.get(agentId);
    const pair = (x: string | undefined, y: string | undefined) => {
      const fa = signedFen(x);
      const fb = signedFen(y);
      return { a: formatFen(fa), b: formatFen(fb), difference: formatFen(fb - fa) };
    };
    const lines = Object.fromEntries([...PAY_LINES.map((id) => [id, pair(sa?.lines[id].amount, sb?.lines[id].amount)]), ["total", pair(sa?.total, sb?.total)]]);
    return { agentId, lines: lines as PayComparison["lines"] };
  });
}

const AMOUNT = /^-?\d{1,13}\.\d{2}$/;

// What comparePay reads of each statement: its agent, each line's amount and the total.
function statementIssues(list: unknown, side: "a" | "b"): Issue[] {
  if (!Array.isArray(list)) return [{ code: IssueCode.invalidType, path: [side], message: `expected a list of pay statements (of payStatements), got ${describeValue(list)}` }];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  list.forEach((s: unknown, i) => {
    const at = (field: readonly (string | number)[], message: string): void => void issues.push({ code: IssueCode.invalidValue, path: [side, i, ...field], message });
    if (typeof s !== "object" || s === null) return at([], `expected a pay statement, got ${describeValue(s)}`);
    const { agentId, lines, total } = s as Record<string, unknown>;
    if (typeof agentId !== "string" || agentId === "") at(["agentId"], `expected an agent id, got ${describeValue(agentId)}`);
    else if (seen.has(agentId)) at(["agentId"], `${JSON.stringify(agentId)} has two statements on this side; one statement per agent`);
    else seen.add(agentId);
    if (typeof total !== "string" || !AMOUNT.test(total)) at(["total"], `expected an amount like "4583.41", got ${describeValue(total)}`);
    if (typeof lines !== "object" || lines === null) return at(["lines"], `expected the pay lines, got ${describeValue(lines)}`);
    for (const id of PAY_LINES) {
      const amount = (lines as Record<string, { amount?: unknown } | undefined>)[id]?.amount;
      if (typeof amount !== "string" || !AMOUNT.test(amount)) at(["lines", id, "amount"], `expected an amount like "430.00", got ${describeValue(amount)}`);
    }
  });
  return issues;
}

// A total may be negative (fines above the rest).
function signedFen(value: string | undefined): number {
  if (value === undefined) return 0;
  return value.startsWith("-") ? -parseFen(value.slice(1)) : parseFen(value);
}
