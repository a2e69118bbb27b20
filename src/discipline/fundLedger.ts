import { IssueCode, KefuKpiError } from "../errors.js";
import { describeValue } from "../input.js";
import { describeFenError, formatFen, parseFen } from "../money/fen.js";

/** A fine as the fund's ledger needs it (a {@link DisciplineLine} will do). */
export interface FineLike {
  readonly violationId: string;
  readonly agentId: string;
  readonly liability: "violator" | "supervisor";
  readonly rule: string;
  readonly at: string;
  readonly date: string;
  readonly fine: string;
}

/** One fine paid into the fund, with the balance after it. */
export interface FundEntry {
  readonly date: string;
  readonly at: string;
  readonly agentId: string;
  readonly violationId: string;
  readonly rule: string;
  readonly liability: "violator" | "supervisor";
  readonly amount: string;
  readonly balance: string;
}

/** The department activity fund (部门活动经费): every fine, in order, and the running balance. */
export interface FundLedger {
  /** The balance before the first entry (fines of earlier periods). */
  readonly opening: string;
  readonly entries: readonly FundEntry[];
  /** Sum of the entries. */
  readonly fines: string;
  readonly closing: string;
}

/**
 * The fund's ledger (seed 000: 所有罚款作为部门活动经费): each fine above zero, in the order given
 * (evaluateDiscipline gives them by time, violationId, violator before supervisor), with the
 * running balance in exact fen. Spending from the fund is not an input of kefu-kpi.
 *
 * @param fines - the fines, in ledger order
 * @param opening - the balance brought forward, a decimal string
 * @throws {KefuKpiError} for an opening balance or a fine that is not an amount ≥ 0
 * @example
 * fundLedger([{ …, fine: "10.00" }, { …, fine: "30.00" }], "5.00").closing //=> "45.00"
 */
export function fundLedger(fines: readonly FineLike[], opening = "0.00"): FundLedger {
  if (!Array.isArray(fines)) throw new KefuKpiError([{ code: IssueCode.invalidType, path: ["fines"], message: `expected a list of fines (each with a fine amount), got ${describeValue(fines)}` }]);
  const notFine = fines.findIndex((f: unknown) => typeof f !== "object" || f === null);
  if (notFine >= 0) throw new KefuKpiError([{ code: IssueCode.invalidType, path: ["fines", notFine], message: `expected a fine (an object with a fine amount), got ${describeValue(fines[notFine])}` }]);
  const start = parseFen(opening);
  if (start < 0) throw new KefuKpiError([{ code: IssueCode.invalidMoney, path: ["opening"], message: describeFenError(start, opening) }]);
  const fen = fines.map((f, i) => {
    const amount = parseFen(f.fine);
    if (amount < 0) throw new KefuKpiError([{ code: IssueCode.invalidMoney, path: ["fines", i, "fine"], message: describeFenError(amount, f.fine) }]);
    return amount;
  });
  return ledgerOfFen(fines, fen, start);
}

/**
 * {@link fundLedger} of fines already in fen: `fen[i]` is the fine of `fines[i]`, `opening` the
 * balance brought forward (integer fen ≥ 0).
 */
export function ledgerOfFen(fines: readonly FineLike[], fen: readonly number[], opening: number): FundLedger {
  let balance = opening;
  const entries: FundEntry[] = [];
  fines.forEach((f, i) => {
    const amount = fen[i]!;
    if (amount === 0) return;
    balance += amount;
    entries.push({
      date: f.date,
      at: f.at,
      agentId: f.agentId,
      violationId: f.violationId,
      rule: f.rule,
      liability: f.liability,
      amount: formatFen(amount),
      balance: formatFen(balance),
    });
  });
  return { opening: formatFen(opening), entries, fines: formatFen(balance - opening), closing: formatFen(balance) };
}
