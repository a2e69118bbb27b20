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
  /** The messages with at least one finding, in index order (made when first read). */
  readonly messages: readonly ChatMessageFindings[];
  /** How many messages have at least one finding. */
  readonly flagged: number;
  /** Findings per rule id, every rule of the matcher present (0 when none). */
  readonly counts: Readonly<Record<string, number>>;
  readonly total: number;
}

/** A growable column of 32-bit integers. */
class Ints {
  values = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = v;
  }
}

/**
 * Checks every text of a column against the compiled standards. An empty, missing or non-text
 * value has no findings. The findings are kept as numbers (message, rule, span, suggestion) while
 * the column is read — a month's findings are many, and objects kept that long are what a
 * collector copies — and made into objects when `messages` is first read (each match sliced from
 * its text then: the column is read again, so it must not have changed in between).
 *
 * @example
 * lintTexts(["亲，今天发货哦"], compileChatStandards(DEFAULT_CHAT_STANDARDS)).counts.noDatePromises //=> 1
 */
export function lintTexts(texts: TextsLike, matcher: ChatMatcher): ChatLint {
  const ruleIds = matcher.rules.map((r) => r.id);
  const ruleOf = new Map(ruleIds.map((id, r) => [id, r]));
  const perRule = new Int32Array(ruleIds.length);
  const suggestions: (string | undefined)[] = [undefined];
  const suggestionOf = new Map<string, number>();
  // Per message with findings: its index and where its findings end; per finding: rule, start, end, suggestion.
  const flaggedAt = new Ints();
  const ends = new Ints();
  const rule = new Ints();
  const start = new Ints();
  const end = new Ints();
  const suggestion = new Ints();
  const n = texts.length;
  for (let i = 0; i < n; i++) {
    const findings = matcher.findings(texts.at(i));
    if (findings.length === 0) continue;
    for (const f of findings) {
      const r = ruleOf.get(f.ruleId)!;
      perRule[r]! += 1;
      rule.push(r);
      start.push(f.start);
      end.push(f.end);
      let s = 0;
      if (f.suggestion !== undefined) {
        s = suggestionOf.get(f.suggestion) ?? -1;
        if (s < 0) suggestionOf.set(f.suggestion, (s = suggestions.push(f.suggestion) - 1));
      }
      suggestion.push(s);
    }
    flaggedAt.push(i);
    ends.push(rule.length);
  }
  const counts: Record<string, number> = {};
  ruleIds.forEach((id, r) => (counts[id] = perRule[r]!));
  let messages: ChatMessageFindings[] | undefined;
  const make = (): ChatMessageFindings[] => {
    const out: ChatMessageFindings[] = [];
    let f = 0;
    for (let k = 0; k < flaggedAt.length; k++) {
      const index = flaggedAt.values[k]!;
      const text = texts.at(index)!;
      const findings: ChatFinding[] = [];
      for (; f < ends.values[k]!; f++) {
        const s = suggestions[suggestion.values[f]!];
        const ruleId = ruleIds[rule.values[f]!]!;
        const a = start.values[f]!;
        const b = end.values[f]!;
        findings.push(s === undefined ? { ruleId, start: a, end: b, match: text.slice(a, b) } : { ruleId, start: a, end: b, match: text.slice(a, b), suggestion: s });
      }
      out.push({ index, findings });
    }
    return out;
  };
  return {
    get messages() {
      return (messages ??= make());
    },
    flagged: flaggedAt.length,
    counts,
    total: rule.length,
  };
}
