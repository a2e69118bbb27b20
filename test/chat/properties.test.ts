// Properties of the chat matcher on random texts: every span is in its text; the findings equal a
// naive reference (indexOf over every phrase of every rule, a regular expression per pattern, the
// quotations and exceptions found separately, then the overlap rule of src/chat/index.ts written
// out plainly); the dense and sparse automata agree; the lint does not depend on message order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileChatStandards, lintTexts, type ChatFinding } from "../../src/chat/index.js";
import { CHAT_QUOTES, ChatStandardsSchema, chatRules, DEFAULT_CHAT_STANDARDS, phraseText, type ChatRule } from "../../src/policy/index.js";

const parseRules = (input: unknown): ChatRule[] => chatRules(ChatStandardsSchema.parse(input));

const SEP = "[ \u3000:：号是为]";
const DIGIT = "0-9\uFF10-\uFF19";

/** Every occurrence of `word` in `text`, overlapping ones too. */
function occurrences(text: string, word: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) at.push(i);
  return at;
}

/** The spans [open, close] of closed quotations: inside one, only its own closing mark ends it. */
function quotations(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let open: { at: number; close: string } | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (open) {
      if (c === open.close) {
        spans.push([open.at, i]);
        open = undefined;
      }
    } else {
      const pair = CHAT_QUOTES.find(([o]) => o === c);
      if (pair) open = { at: i, close: pair[1] };
    }
  }
  return spans;
}

function reference(rules: readonly ChatRule[], text: string): ChatFinding[] {
  const quoted = quotations(text);
  const kept: (ChatFinding & { rule: number })[] = [];
  rules.forEach((rule, r) => {
    const candidates: { start: number; end: number; suggestion: string | undefined }[] = [];
    for (const p of rule.phrases) {
      const word = phraseText(p);
      for (const start of occurrences(text, word)) candidates.push({ start, end: start + word.length, suggestion: typeof p === "string" ? rule.suggestion : p.suggestion });
    }
    for (const p of rule.patterns) {
      const run = new RegExp(`${SEP}{0,4}[${p.run === "digits" ? DIGIT : `${DIGIT}A-Za-z_\\-`}]{${p.min},64}`, "y");
      for (const start of occurrences(text, p.after)) {
        run.lastIndex = start + p.after.length;
        const m = run.exec(text);
        if (m) candidates.push({ start, end: run.lastIndex, suggestion: rule.suggestion });
      }
    }
    const exceptions = rule.except.flatMap((w) => occurrences(text, w).map((s) => [s, s + w.length] as const));
    const live = candidates
      .filter((c) => !quoted.some(([o, cl]) => o < c.start && c.start < cl))
      .filter((c) => !exceptions.some(([s, e]) => s <= c.start && c.end <= e))
      .sort((a, b) => a.start - b.start || b.end - a.end);
    let end = 0;
    for (const c of live) {
      if (c.start < end) continue;
      end = c.end;
      const f = { rule: r, ruleId: rule.id, start: c.start, end: c.end, match: text.slice(c.start, c.end) };
      kept.push(c.suggestion === undefined ? f : { ...f, suggestion: c.suggestion });
    }
  });
  return kept.sort((a, b) => a.start - b.start || b.end - a.end || a.rule - b.rule).map(({ rule: _, ...f }) => f);
}

// Texts built from the default rules' words, their exceptions and pattern phrases, quotation
// marks, separators, digits, letters, CJK filler, an astral character and lone surrogates.
const WORDS = [...new Set(DEFAULT_CHAT_STANDARDS.flatMap((r) => [...r.phrases.map(phraseText), ...r.except, ...r.patterns.map((p) => p.after)]))];
const FILLER = ["好", "的", "亲", "您", "是", "号", " ", "：", "1", "２", "a", "Z", "_", "-", "𠮷", "\uD800", "\uDC00", "转账", "不", "们", "知", "号是 ", "：:", "12345", "abc12", ...CHAT_QUOTES.flat()];
const chatText = fc.array(fc.constantFrom(...WORDS, ...FILLER, ...FILLER), { maxLength: 40 }).map((parts) => parts.join(""));

const defaults = compileChatStandards(DEFAULT_CHAT_STANDARDS);
const defaultsSparse = compileChatStandards(DEFAULT_CHAT_STANDARDS, { dense: false });

describe("the default rules on random texts", () => {
  it("find what the naive reference finds, dense and sparse alike, each span in its text", () => {
    fc.assert(
      fc.property(chatText, (text) => {
        const findings = defaults.findings(text);
        for (const f of findings) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(f.start, f.end)).toBe(f.match);
        }
        expect(findings).toEqual(reference(DEFAULT_CHAT_STANDARDS, text));
        expect(defaultsSparse.findings(text)).toEqual(findings);
      }),
      { numRuns: 2000 },
    );
  });

  it("lint the same messages alike in any order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(chatText, { nil: undefined }), { maxLength: 30 }).chain((texts) => fc.tuple(fc.constant(texts), fc.shuffledSubarray([...texts.keys()], { minLength: texts.length, maxLength: texts.length }))),
        ([texts, order]) => {
          const a = lintTexts(texts, defaults);
          const b = lintTexts(
            order.map((i) => texts[i]),
            defaults,
          );
          expect(b.counts).toEqual(a.counts);
          expect(b.total).toBe(a.total);
          const byOriginal = new Map(b.messages.map((m) => [order[m.index]!, m.findings]));
          expect(new Map(a.messages.map((m) => [m.index, m.findings]))).toEqual(byOriginal);
          // The counts are the findings' own.
          expect(Object.values(a.counts).reduce((s, n) => s + n, 0)).toBe(a.messages.reduce((s, m) => s + m.findings.length, 0));
        },
      ),
      { numRuns: 300 },
    );
  });
});

// Random rules over a three-letter alphabet: phrases that share prefixes and suffixes, overlap and
// nest, which exercises the automaton's failure and dictionary links and the overlap rule.
const word = fc.array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(""));
const ruleInput = (i: number) =>
  fc
    .record({
      phrases: fc.array(fc.oneof(word, fc.record({ text: word, suggestion: fc.constantFrom("x", "y") })), { minLength: 1, maxLength: 4 }),
      extra: fc.array(fc.tuple(fc.nat(3), word, word), { maxLength: 2 }),
      suggestion: fc.option(fc.constantFrom("s", "t"), { nil: undefined }),
    })
    .map(({ phrases, extra, suggestion }) => ({
      id: `r${i}`,
      label: `规则${i}`,
      category: "forbidden" as const,
      phrases,
      // An exception holds one of the rule's phrases, with letters around it.
      except: extra.map(([k, before, after]) => (k % 2 ? before : "") + phraseText(phrases[k % phrases.length]!) + (k > 1 ? after : "")),
      ...(suggestion === undefined ? {} : { suggestion }),
    }));
const ruleSet = fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleInput(i))));
const abcText = fc.array(fc.constantFrom("a", "b", "c", "d", "“", "”", "「"), { maxLength: 30 }).map((cs) => cs.join(""));

describe("random rules on random texts", () => {
  it("find what the naive reference finds, dense and sparse alike", () => {
    fc.assert(
      fc.property(ruleSet, fc.array(abcText, { minLength: 1, maxLength: 5 }), (inputs, texts) => {
        const rules = parseRules({ defaults: false, rules: inputs });
        const dense = compileChatStandards(rules);
        const sparse = compileChatStandards(rules, { dense: false });
        for (const text of texts) {
          const expected = reference(rules, text);
          expect(dense.findings(text)).toEqual(expected);
          expect(sparse.findings(text)).toEqual(expected);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("resolve overlaps of one rule leftmost, then longest (by hand)", () => {
    const rules = parseRules({ defaults: false, rules: [{ id: "r", label: "r", category: "forbidden", phrases: ["ab", "abc", "bcd", "d"] }] });
    // abc (0–3) beats ab at 0; bcd (1–4) overlaps it; d (3–4) does not.
    expect(compileChatStandards(rules).findings("abcd").map((f) => f.match)).toEqual(["abc", "d"]);
  });
});
