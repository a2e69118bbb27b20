import { IssueCode, IssueList, safely, type SafeResult } from "../errors.js";
import { formatFen, parseFen } from "../money/fen.js";
import { resolvePolicy } from "../policy/resolve.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { parseRecords, throwInRecordOrder } from "../schema/parseRecords.js";
import { checkInput, checkOptions, readTextOption } from "../input.js";
import { parseInstant } from "../time/parse.js";
import { businessDateOf, formatInstant, monthPeriod, parseTimeOfDay } from "../time/period.js";
import { zoneOf } from "../time/zone.js";
import { RewardSchema, type Reward } from "./schema.js";

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
  readonly kind: Reward["kind"];
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

const FIXED = { dataErrorFound: "dataErrorFound", suggestionAdopted: "suggestionAdopted" } as const;

/**
 * Prices the rewards (R4): 10 yuan per product-data error found and 30 yuan per adopted suggestion
 * by default (policy `rewards`); a performance or special award (业绩奖 / 特别奖, seed 001) carries
 * its own amount, which must be given. An amount on a fixed kind must equal the policy's.
 *
 * @param input - the rewards (and the agents, to check ids)
 * @param policy - the policy (`rewards`, `timeZone`)
 * @param options - `month` (`YYYY-MM`) to keep the rewards of that month
 * @throws {KefuKpiError} for malformed rows, a missing award amount, unknown agents, duplicate ids
 * @example
 * evaluateRewards({ rewards: [{ agentId: "A01", at: "2020-02-03 10:00", kind: "suggestionAdopted" }] }).lines[0].amount //=> "30.00"
 */
export function evaluateRewards(input: RewardsInput, policy: PolicyInput | Policy = {}, options: { readonly month?: string } = {}): RewardsResult {
  checkInput(input, ["rewards", "agents"], ["rewards"]);
  const opts = checkOptions(options, ["month"]);
  const resolved = resolvePolicy(policy);
  const zone = zoneOf(resolved);
  const cutover = parseTimeOfDay(resolved.businessDayStartsAt);
  const known = input.agents === undefined ? null : new Set(input.agents.map((a) => a.agentId));
  const issues = new IssueList();
  const period = readTextOption(opts, "month", (month) => monthPeriod(month, zone, cutover)) ?? null;
  const lines: { line: RewardLine; ms: number; index: number }[] = [];
  let outsidePeriod = 0;
  for (const { record: r, index } of parseRecords("rewards", input.rewards, RewardSchema, issues, "rewardId")) {
    const recordId = r.rewardId ? `rewardId "${r.rewardId}"` : `agentId "${r.agentId}"`;
    if (known && !known.has(r.agentId)) {
      issues.add({ code: IssueCode.unknownAgent, path: ["rewards", index, "agentId"], message: `"${r.agentId}" is not in the agents list`, recordId });
      continue;
    }
    const given = r.amount === undefined || r.amount === null || r.amount === "" ? null : parseFen(r.amount);
    let fen: number;
    let rule: string;
    if (r.kind === FIXED.dataErrorFound || r.kind === FIXED.suggestionAdopted) {
      fen = parseFen(resolved.rewards[r.kind]);
      rule = `rewards.${r.kind}`;
      if (given !== null && given !== fen) {
        issues.add({
          code: IssueCode.invalidValue,
          path: ["rewards", index, "amount"],
          message: `${r.kind} is paid ${formatFen(fen)} by policy rewards.${r.kind}; leave amount empty (or give ${formatFen(fen)})`,
          recordId,
        });
        continue;
      }
    } else {
      if (given === null) {
        issues.add({ code: IssueCode.missingField, path: ["rewards", index, "amount"], message: `is missing; a ${r.kind} carries its amount, like 200.00`, recordId });
        continue;
      }
      fen = given;
      rule = "given";
    }
    const ms = parseInstant(r.at, zone);
    if (period !== null && (ms < period.start || ms >= period.end)) {
      outsidePeriod++;
      continue;
    }
    lines.push({
      ms,
      index,
      line: {
        rewardId: r.rewardId ? r.rewardId : null,
        agentId: r.agentId,
        at: formatInstant(ms, zone),
        date: businessDateOf(ms, zone, cutover),
        kind: r.kind,
        amount: formatFen(fen),
        rule,
        note: r.note ?? null,
      },
    });
  }
  throwInRecordOrder(issues);
  lines.sort((a, b) => a.ms - b.ms || cmp(a.line.agentId, b.line.agentId) || cmp(a.line.rewardId ?? "", b.line.rewardId ?? "") || a.index - b.index);
  const per = new Map<string, { count: number; fen: number }>();
  for (const { line } of lines) {
    const p = per.get(line.agentId) ?? { count: 0, fen: 0 };
    p.count++;
    p.fen += parseFen(line.amount);
    per.set(line.agentId, p);
  }
  return {
    lines: lines.map((l) => l.line),
    agents: [...per.keys()].sort(cmp).map((agentId) => ({ agentId, count: per.get(agentId)!.count, total: formatFen(per.get(agentId)!.fen) })),
    outsidePeriod,
  };
}

/** {@link evaluateRewards} returning `{ success, data | issues }` instead of throwing. */
export function safeEvaluateRewards(input: RewardsInput, policy?: PolicyInput | Policy, options?: { readonly month?: string }): SafeResult<RewardsResult> {
  return safely(() => evaluateRewards(input, policy, options));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
