/**
 * What-if: each agent's pay under two policies side by side, line by line, with the difference.
 */
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
 * @example
 * comparePay(underA, underB)[0].lines.total //=> { a: "3450.00", b: "3512.40", difference: "62.40" }
 */
export function comparePay(a: readonly PayStatement[], b: readonly PayStatement[]): PayComparison[] {
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

// A total may be negative (fines above the rest).
function signedFen(value: string | undefined): number {
  if (value === undefined) return 0;
  return value.startsWith("-") ? -parseFen(value.slice(1)) : parseFen(value);
}
