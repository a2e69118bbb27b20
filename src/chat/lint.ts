/**
 * The chat standards over a column of message texts: one scan per text, the findings per message
 * and the count per rule.
 */
import type { ChatFinding, ChatMatcher } from "./matcher.js";

/** Any column of texts: an array, a decoded month's `TextColumn`. */
export interface TextsLike {
  readonly length: number;
  at(index: number): string | undefined;
}

export interface ChatMessageFindings {
  /** The message's index in the column. */
  readonly index: number;
  readonly findings: readonly ChatFinding[];
}

export interface ChatLint {
  /** The messages with at least one finding, in index order. */
  readonly messages: readonly ChatMessageFindings[];
  /** Findings per rule id, every rule of the matcher present (0 when none). */
  readonly counts: Readonly<Record<string, number>>;
  readonly total: number;
}

/**
 * Checks every text of a column against the compiled standards. An empty, missing or non-text
 * value has no findings.
 *
 * @example
 * lintTexts(["亲，今天发货哦"], compileChatStandards(DEFAULT_CHAT_STANDARDS)).counts.noDatePromises //=> 1
 */
export function lintTexts(texts: TextsLike, matcher: ChatMatcher): ChatLint {
  const counts: Record<string, number> = {};
  for (const rule of matcher.rules) counts[rule.id] = 0;
  const messages: ChatMessageFindings[] = [];
  let total = 0;
  const n = texts.length;
  for (let i = 0; i < n; i++) {
    const findings = matcher.findings(texts.at(i));
    if (findings.length === 0) continue;
    messages.push({ index: i, findings });
    total += findings.length;
    for (const f of findings) counts[f.ruleId]! += 1;
  }
  return { messages, counts, total };
}
