/**
 * The chat standards over a month's chat log: every agent message of the period checked against
 * the policy's rules (`chat.standards`), and every response of `chat.waitLimitSeconds` or more a
 * finding of its own (seed 004: a buyer kept waiting 2 minutes or more). Buyers' messages and bot
 * lines are not checked. Findings are listed per message with the agent, buyer and consultation,
 * and counted per agent and rule.
 */
import { IssueCode, KefuKpiError, safely, type SafeResult } from "../errors.js";
import { checkOptions, headOf } from "../input.js";
import { chatRules, type ChatRuleCategory } from "../policy/chatStandards.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { monthFor, type DecodedMonth } from "../records/month.js";
import type { RecordOf } from "../records/schema.js";
import { periodOption } from "../records/options.js";
import { formatInstant } from "../time/period.js";
import { compileChatStandards, type ChatMatcher } from "./matcher.js";

/** The id of the wait check's findings (it is no phrase rule: `chat.waitLimitSeconds` sets it). */
export const KEPT_WAITING = "keptWaiting";

/** How much of a message's text a finding carries (longer texts are cut, with `…`). */
export const FINDING_TEXT_MAX = 200;

export interface ChatFindingLine {
  /** When the message was sent (ISO 8601 with the shop zone's offset). */
  readonly at: string;
  readonly agentId: string;
  readonly buyerId: string;
  /** The consultation the message belongs to (given, or made from the chat log); null when none holds it. */
  readonly consultationId: string | null;
  readonly ruleId: string;
  /** The text matched; null for a wait. */
  readonly match: string | null;
  /** Where the match is in the text (UTF-16 offsets, `text.slice(start, end) === match`); null for a wait. */
  readonly start: number | null;
  readonly end: number | null;
  /** The wording to use instead, when the rule gives one. */
  readonly suggestion: string | null;
  /** For a wait: the response's seconds (from the buyer's first unanswered message to this answer). */
  readonly waitSeconds: number | null;
  /** The message's text (cut after {@link FINDING_TEXT_MAX} characters, with `…`). */
  readonly text: string;
}

export interface ChatRuleLine {
  readonly id: string;
  readonly label: string;
  /** The rule's category; `wait` for the wait check. */
  readonly category: ChatRuleCategory | "wait";
  readonly findings: number;
}

export interface ChatAgentLine {
  readonly agentId: string;
  /** The agent's messages of the period that were checked (bot lines are not). */
  readonly messages: number;
  readonly findings: number;
  /** Findings per rule id, every rule present (0 when none). */
  readonly byRule: Readonly<Record<string, number>>;
}

/** The chat standards over a period of the chat log. */
export interface ChatReview {
  /** The agents' messages of the period checked. */
  readonly messages: number;
  readonly findings: number;
  /** Every rule checked (the wait check last, when on), with its count. */
  readonly rules: readonly ChatRuleLine[];
  /** Every agent with a message in the period, by agent id. */
  readonly agents: readonly ChatAgentLine[];
  /** Every finding, by time, then agent, buyer, text, place in the text and rule. */
  readonly lines: readonly ChatFindingLine[];
}

/** A finding before it is written out: its message and its time, for the QC deductions. */
export interface ChatFindingAt {
  readonly line: ChatFindingLine;
  readonly agent: number;
  readonly ms: number;
}

/** What the chat standards read: the agents (with their `accounts`), the chat log, and any consultations given. */
export interface ChatInput {
  readonly agents: readonly RecordOf<"agents">[];
  readonly messages: readonly RecordOf<"messages">[];
  /** Given consultations are the month's (the findings name them); without, they are made from the log. */
  readonly consultations?: readonly RecordOf<"consultations">[];
}

/**
 * Checks the agents' messages of a period against the policy's chat standards.
 *
 * @param input - the month's records (the agents with their `accounts`, the messages) or a decoded month
 * @param options - `period`: `2020-02`, `2020-W06`, `2020-02-03` or a range
 * @throws {KefuKpiError} naming every invalid record, or `messages` when the month has no chat log
 * @example
 * checkChatStandards({ agents, messages }, {}, { period: "2020-02" }).agents[0].byRule.noBuWords //=> 1
 */
export function checkChatStandards(input: ChatInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: { readonly period: string }): ChatReview {
  const month = monthFor(input, policy, ["agents", "consultations", "messages"], { required: ["agents", "messages"] });
  const opts = checkOptions(options, ["period"]);
  const period = periodOption(month, opts);
  if (period === undefined) throw new KefuKpiError([{ code: IssueCode.missingField, path: ["options", "period"], message: "is missing; expected a period like 2020-02" }]);
  return reviewChat(month, period).review;
}

/** {@link checkChatStandards} returning `{ success, data | issues }` instead of throwing. */
export function safeCheckChatStandards(input: ChatInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: { readonly period: string }): SafeResult<ChatReview> {
  return safely(() => checkChatStandards(input, policy, options));
}

/**
 * The review of a decoded month's chat log over a period, with each finding's agent number and
 * time (for the QC deductions).
 *
 * @throws {KefuKpiError} at `messages` when the month has no chat log
 */
export function reviewChat(
  month: DecodedMonth,
  period: { readonly start: number; readonly end: number },
  matcher: ChatMatcher = compileChatStandards(chatRules(month.policy.chat.standards)),
): { review: ChatReview; found: ChatFindingAt[] } {
  const table = month.tables.messages;
  const link = month.chat;
  if (table === undefined || link === undefined) {
    throw new KefuKpiError([{ code: IssueCode.missingField, path: ["messages"], message: "is missing; the chat standards check the chat log (messages)" }]);
  }
  const { at, text } = table.columns;
  const consultations = month.tables.consultations;
  const limit = month.policy.chat.waitLimitSeconds;
  const ids = matcher.rules.map((r) => r.id);
  if (limit !== null) ids.push(KEPT_WAITING);
  const perAgent = new Map<number, { messages: number; findings: number; byRule: Record<string, number> }>();
  const found: ChatFindingAt[] = [];
  let messages = 0;
  // Cut before a surrogate pair rather than through it.
  const clip = (t: string): string => (t.length <= FINDING_TEXT_MAX ? t : headOf(t, FINDING_TEXT_MAX) + "…");
  for (let i = 0; i < table.count; i++) {
    if (link.role[i] !== 1) continue;
    const ms = at[i]!;
    if (!(ms >= period.start && ms < period.end)) continue;
    messages++;
    const agent = link.agent[i]!;
    let tally = perAgent.get(agent);
    if (tally === undefined) {
      const byRule: Record<string, number> = {};
      for (const id of ids) byRule[id] = 0;
      perAgent.set(agent, (tally = { messages: 0, findings: 0, byRule }));
    }
    tally.messages++;
    const findings = matcher.findings(text.at(i));
    const wait = limit !== null && link.responseSeconds[i]! >= limit ? link.responseSeconds[i]! : -1;
    if (findings.length === 0 && wait < 0) continue;
    const row = link.consultation[i]!;
    const base = {
      at: formatInstant(ms, month.zone),
      agentId: month.agents.ids[agent]!,
      buyerId: month.buyers.buyerId(link.buyer[i]!),
      consultationId: row >= 0 && consultations !== undefined ? consultations.columns.consultationId.at(row) : null,
    };
    const full = text.at(i);
    for (const f of findings) {
      tally.findings++;
      tally.byRule[f.ruleId]! += 1;
      const line = { ...base, ruleId: f.ruleId, match: f.match, start: f.start, end: f.end, suggestion: f.suggestion ?? null, waitSeconds: null, text: clip(full) };
      found.push({ line, agent, ms });
    }
    if (wait >= 0) {
      tally.findings++;
      tally.byRule[KEPT_WAITING]! += 1;
      const line = { ...base, ruleId: KEPT_WAITING, match: null, start: null, end: null, suggestion: WAIT_SUGGESTION, waitSeconds: wait, text: clip(full) };
      found.push({ line, agent, ms });
    }
  }
  // By time, then agent id, buyer, text, place and rule: the rows' order decides nothing.
  const ruleRank = new Map(ids.map((id, k) => [id, k]));
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  found.sort(
    (x, y) =>
      x.ms - y.ms ||
      cmp(x.line.agentId, y.line.agentId) ||
      cmp(x.line.buyerId, y.line.buyerId) ||
      cmp(x.line.text, y.line.text) ||
      // A wait (no place in the text) after the message's phrase findings.
      (x.line.start ?? Number.MAX_SAFE_INTEGER) - (y.line.start ?? Number.MAX_SAFE_INTEGER) ||
      (y.line.end ?? 0) - (x.line.end ?? 0) ||
      ruleRank.get(x.line.ruleId)! - ruleRank.get(y.line.ruleId)!,
  );
  const counts = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const f of found) counts.set(f.line.ruleId, counts.get(f.line.ruleId)! + 1);
  const rules: ChatRuleLine[] = matcher.rules.map((r) => ({ id: r.id, label: r.label, category: r.category, findings: counts.get(r.id)! }));
  if (limit !== null) rules.push({ id: KEPT_WAITING, label: waitLabel(limit), category: "wait", findings: counts.get(KEPT_WAITING)! });
  const agents = [...perAgent]
    .map(([agent, t]) => ({ agentId: month.agents.ids[agent]!, messages: t.messages, findings: t.findings, byRule: t.byRule }))
    .sort((a, b) => cmp(a.agentId, b.agentId));
  return { review: { messages, findings: found.length, rules, agents, lines: found.map((f) => f.line) }, found };
}

/**
 * One agent's part of a review: their findings and counts, the rules counted over them.
 *
 * @returns null when the agent has no message in the review's period
 */
export function reviewOfAgent(review: ChatReview, agentId: string): ChatReview | null {
  const agent = review.agents.find((a) => a.agentId === agentId);
  if (agent === undefined) return null;
  return {
    messages: agent.messages,
    findings: agent.findings,
    rules: review.rules.map((r) => ({ ...r, findings: agent.byRule[r.id] ?? 0 })),
    agents: [agent],
    lines: review.lines.filter((l) => l.agentId === agentId),
  };
}

/** The seed's advice for a wait (seed 004 (11): 要及时的回复顾客). */
const WAIT_SUGGESTION = "及时回复顾客";

/** The wait check's label from its limit: `让顾客等待2分钟或更久` for 120 seconds. */
function waitLabel(seconds: number): string {
  const span = seconds % 60 === 0 ? `${seconds / 60}分钟` : `${seconds}秒`;
  return `让顾客等待${span}或更久`;
}
