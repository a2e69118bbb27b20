import { checkOptions } from "../input.js";
import { IssueCode, IssueList, safely, type SafeResult } from "../errors.js";
import { formatFen, parseFen } from "../money/fen.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { KINDS } from "../records/kinds.js";
import { monthFor, throwInMonthOrder, type DecodedMonth } from "../records/month.js";
import { monthOf, readOption } from "../records/options.js";
import { recordIssue } from "../records/rows.js";
import { RECORD_SCHEMAS, type RecordOf } from "../records/schema.js";
import { businessDateOf, businessDayNumber, formatInstant } from "../time/period.js";

/** The reward kinds: the two fixed by policy (seed 000) and the two awards of seed 001. */
export const REWARD_KINDS = KINDS.rewards.fields.kind.values;
/** One reward (奖励) earned by an agent. `amount` is given for the awards and left out for the fixed kinds. */
export type Reward = RecordOf<"rewards">;
/** A reward as the library takes it (the same type as {@link Reward}). */
export type RewardInput = Reward;
/** The schema of one reward (`RECORD_SCHEMAS.rewards`, wall times read in UTC): its output is the decoded record. */
export const RewardSchema = RECORD_SCHEMAS.rewards;

export interface RewardsInput {
  /** When given, every reward's agentId must be in it. */
  readonly agents?: readonly { readonly agentId: string }[];
  readonly rewards: readonly unknown[];
}

/** One reward with its amount and the rule that set it. */
export interface RewardLine {
  readonly rewardId: string | null;
  readonly agentId: string;
  readonly at: string;
  readonly date: string;
  readonly kind: (typeof REWARD_KINDS)[number];
  readonly amount: string;
  /** `rewards.dataErrorFound` / `rewards.suggestionAdopted` (policy), or `given` for an award. */
  readonly rule: string;
  readonly note: string | null;
}

export interface RewardsResult {
  /** The rewards of the period, by time, then agentId, then rewardId, then input position. */
  readonly lines: readonly RewardLine[];
  /** Per agent: the sum of the period's rewards (agents with none are left out), by agentId. */
  readonly agents: readonly { readonly agentId: string; readonly count: number; readonly total: string }[];
  /** Rewards dated outside the period: counted here, not paid in it. */
  readonly outsidePeriod: number;
}

/** What the month report reads of the rewards besides the result. */
export interface MonthRewards {
  readonly result: RewardsResult;
  /** The business day number of each line (parallel to `result.lines`). */
  readonly days: readonly number[];
}

/** The kinds the policy prices (their indexes in {@link REWARD_KINDS}). */
const FIXED = new Set([0, 1]);

/**
 * Prices the rewards (R4): 10 yuan per product-data error found and 30 yuan per adopted suggestion
 * by default (policy `rewards`); a performance or special award (业绩奖 / 特别奖, seed 001) carries
 * its own amount, which must be given. An amount on a fixed kind must equal the policy's.
 *
 * @param input - the rewards (and the agents, to check ids), or a month decoded by `decodeMonth`
 * @param policy - the policy (`rewards`, `timeZone`); with a decoded month, leave it out or give the
 *   policy the month was decoded under
 * @param options - `month` (`YYYY-MM`) to keep the rewards of that month
 * @throws {KefuKpiError} for malformed rows, a missing award amount, unknown agents, duplicate ids
 * @example
 * evaluateRewards({ rewards: [{ agentId: "A01", at: "2020-02-03 10:00", kind: "suggestionAdopted" }] }).lines[0].amount //=> "30.00"
 */
export function evaluateRewards(input: RewardsInput | DecodedMonth, policy?: PolicyInput | Policy, options: { readonly month?: string } = {}): RewardsResult {
  checkOptions(options, ["month"]);
  const month = monthFor(input, policy, ["agents", "rewards"], { required: ["rewards"], check: checkRewards });
  return rewardsOfMonth(month, options).result;
}

/**
 * {@link evaluateRewards} of a decoded month, with each line's day.
 *
 * @throws {KefuKpiError} for an amount on a fixed kind that is not the policy's
 */
export function rewardsOfMonth(month: DecodedMonth, options: { readonly month?: string } = {}): MonthRewards {
  const issues = new IssueList();
  checkRewards(month, issues);
  throwInMonthOrder(issues);
  const { zone, cutover } = month;
  const period = options.month === undefined ? null : readOption("month", () => monthOf(month, options.month!));
  const fixed = REWARD_KINDS.map((kind, k) => (FIXED.has(k) ? parseFen(month.policy.rewards[kind as "dataErrorFound" | "suggestionAdopted"]) : NaN));
  const table = month.tables.rewards;
  const lines: { line: RewardLine; ms: number; index: number; fen: number }[] = [];
  let outsidePeriod = 0;
  for (let i = 0; i < (table?.count ?? 0); i++) {
    const r = table!.columns;
    const ms = r.at[i]!;
    if (period !== null && (ms < period.start || ms >= period.end)) {
      outsidePeriod++;
      continue;
    }
    const k = r.kind[i]!;
    const kind = REWARD_KINDS[k]!;
    const fen = FIXED.has(k) ? fixed[k]! : r.amount[i]!;
    const note = r.note?.at(i);
    lines.push({
      ms,
      index: i,
      fen,
      line: {
        rewardId: r.rewardId?.at(i) || null,
        agentId: month.agents.ids[r.agentId[i]!]!,
        at: formatInstant(ms, zone),
        date: businessDateOf(ms, zone, cutover),
        kind,
        amount: formatFen(fen),
        rule: FIXED.has(k) ? `rewards.${kind}` : "given",
        note: note ? note : null,
      },
    });
  }
  lines.sort((a, b) => a.ms - b.ms || cmp(a.line.agentId, b.line.agentId) || cmp(a.line.rewardId ?? "", b.line.rewardId ?? "") || a.index - b.index);
  const per = new Map<string, { count: number; fen: number }>();
  for (const { line, fen } of lines) {
    const p = per.get(line.agentId) ?? { count: 0, fen: 0 };
    p.count++;
    p.fen += fen;
    per.set(line.agentId, p);
  }
  return {
    result: {
      lines: lines.map((l) => l.line),
      agents: [...per.keys()].sort(cmp).map((agentId) => ({ agentId, count: per.get(agentId)!.count, total: formatFen(per.get(agentId)!.fen) })),
      outsidePeriod,
    },
    days: lines.map((l) => businessDayNumber(l.ms, zone, cutover)),
  };
}

/**
 * The check of the rewards that needs the policy: an amount given on a kind the policy prices
 * (dataErrorFound, suggestionAdopted) must be the policy's. (An award without its amount is a
 * record rule of the decoder.)
 */
export function checkRewards(month: DecodedMonth, issues: IssueList): void {
  const table = month.tables.rewards;
  if (table === undefined) return;
  const r = table.columns;
  for (let i = 0; i < table.count; i++) {
    const k = r.kind[i]!;
    const given = r.amount[i]!;
    if (!FIXED.has(k) || given !== given) continue;
    const kind = REWARD_KINDS[k] as "dataErrorFound" | "suggestionAdopted";
    const fen = parseFen(month.policy.rewards[kind]);
    if (given === fen) continue;
    const rewardId = r.rewardId?.at(i);
    const agent = r.agentId[i]!;
    const recordId = rewardId ? `rewardId ${JSON.stringify(rewardId)}` : agent >= 0 ? `agentId ${JSON.stringify(month.agents.ids[agent])}` : undefined;
    issues.add(
      recordIssue(table, i, "amount", IssueCode.invalidValue, `${kind} is paid ${formatFen(fen)} by policy rewards.${kind}; leave amount empty (or give ${formatFen(fen)})`, { recordId }),
    );
  }
}

/** {@link evaluateRewards} returning `{ success, data | issues }` instead of throwing. */
export function safeEvaluateRewards(input: RewardsInput | DecodedMonth, policy?: PolicyInput | Policy, options?: { readonly month?: string }): SafeResult<RewardsResult> {
  return safely(() => evaluateRewards(input, policy, options));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
