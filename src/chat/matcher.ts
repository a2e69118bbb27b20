/**
 * The chat standards compiled into one automaton (Aho–Corasick over the UTF-16 code units of every
 * phrase, pattern phrase and exception of every rule) and the one pass over a text that finds them
 * all. The rules for what counts as a finding are at the top of ./index.ts.
 */
import { CHAT_PATTERN_MAX_RUN, CHAT_PATTERN_MAX_SEPARATORS, CHAT_QUOTES, DEFAULT_CHAT_STANDARDS, phraseText, type ChatRule } from "../policy/chatStandards.js";

/** One finding in one text: `text.slice(start, end) === match` (UTF-16 offsets). */
export interface ChatFinding {
  readonly ruleId: string;
  readonly start: number;
  readonly end: number;
  readonly match: string;
  /** The wording the seed prescribes instead, when it gives one. */
  readonly suggestion?: string;
}

/** The rules compiled once; {@link ChatMatcher.findings} scans a text once for all of them. */
export interface ChatMatcher {
  readonly rules: readonly ChatRule[];
  findings(text: string | undefined): readonly ChatFinding[];
}

const PHRASE = 0;
const PATTERN = 1;
const EXCEPT = 2;

interface Entry {
  readonly rule: number;
  readonly kind: typeof PHRASE | typeof PATTERN | typeof EXCEPT;
  readonly length: number;
  readonly suggestion: string | undefined;
  /** Patterns: whether the run takes letters, `_` and `-` too (account) or digits only. */
  readonly account: boolean;
  readonly min: number;
}

/** A match before the overlap rule: `quote` is the quotation open at its start (-1: none). */
interface Candidate {
  readonly rule: number;
  readonly start: number;
  readonly end: number;
  readonly suggestion: string | undefined;
  readonly quote: number;
}

/** Beyond this many table cells (states × character classes) the automaton keeps sparse transitions. */
const DENSE_LIMIT = 1 << 22;

const EMPTY: readonly ChatFinding[] = Object.freeze([]);

/**
 * Compiles the enabled rules (`chatRules` of a policy's `chat.standards`) once.
 *
 * @param rules - the enabled rules, in their order (ties between findings go to the earlier rule);
 *   seed 004's defaults when not given
 * @param options - `dense: false` forces the sparse automaton (tests hold both to the same findings)
 */
export function compileChatStandards(rules: readonly ChatRule[] = DEFAULT_CHAT_STANDARDS, options: { dense?: boolean } = {}): ChatMatcher {
  const entries: Entry[] = [];
  const words: string[] = [];
  rules.forEach((rule, r) => {
    for (const p of rule.phrases) {
      const text = phraseText(p);
      words.push(text);
      entries.push({ rule: r, kind: PHRASE, length: text.length, suggestion: typeof p === "string" ? rule.suggestion : p.suggestion, account: false, min: 0 });
    }
    for (const p of rule.patterns) {
      words.push(p.after);
      entries.push({ rule: r, kind: PATTERN, length: p.after.length, suggestion: rule.suggestion, account: p.run === "account", min: p.min });
    }
    for (const w of rule.except) {
      words.push(w);
      entries.push({ rule: r, kind: EXCEPT, length: w.length, suggestion: undefined, account: false, min: 0 });
    }
  });

  // Character classes: 0 for a code unit in no word, then one per distinct unit, then the quotes.
  const classOf = new Uint16Array(65536);
  let classes = 1;
  for (const w of words) for (let i = 0; i < w.length; i++) if (classOf[w.charCodeAt(i)] === 0) classOf[w.charCodeAt(i)] = classes++;
  const firstQuoteClass = classes;
  const closerOfClass: number[] = [];
  const isOpener: boolean[] = [];
  for (const [open, close] of CHAT_QUOTES) {
    for (const c of [open, close]) {
      const code = c.charCodeAt(0);
      if (classOf[code] === 0) {
        closerOfClass[classes - firstQuoteClass] = -1;
        isOpener[classes - firstQuoteClass] = false;
        classOf[code] = classes++;
      }
    }
    const k = classOf[open.charCodeAt(0)]! - firstQuoteClass;
    closerOfClass[k] = close.charCodeAt(0);
    isOpener[k] = true;
  }

  // The trie.
  const goto: Map<number, number>[] = [new Map()];
  const ownOf: number[][] = [[]];
  words.forEach((w, e) => {
    let s = 0;
    for (let i = 0; i < w.length; i++) {
      const k = classOf[w.charCodeAt(i)]!;
      let t = goto[s]!.get(k);
      if (t === undefined) {
        t = goto.length;
        goto.push(new Map());
        ownOf.push([]);
        goto[s]!.set(k, t);
      }
      s = t;
    }
    ownOf[s]!.push(e);
  });
  const states = goto.length;
  // Failure links and dictionary links (the nearest proper suffix state that ends a word), breadth first.
  const fail = new Int32Array(states);
  const dict = new Int32Array(states).fill(-1);
  const order: number[] = [0];
  for (let q = 0; q < order.length; q++) {
    const s = order[q]!;
    for (const [k, t] of goto[s]!) {
      order.push(t);
      if (s === 0) continue;
      let f = fail[s]!;
      while (f !== 0 && !goto[f]!.has(k)) f = fail[f]!;
      const g = goto[f]!.get(k);
      fail[t] = g !== undefined && g !== t ? g : 0;
      dict[t] = ownOf[fail[t]!]!.length > 0 ? fail[t]! : dict[fail[t]!]!;
    }
  }
  const hasOut = new Uint8Array(states);
  for (let s = 0; s < states; s++) hasOut[s] = ownOf[s]!.length > 0 || dict[s]! >= 0 ? 1 : 0;

  const dense = options.dense !== false && states * classes <= DENSE_LIMIT;
  let delta: Int32Array | undefined;
  if (dense) {
    // The full transition table, each cell `(next state × classes) << 1 | hit`: the hot loop is one
    // load per code unit, and the low bit says whether anything (a word end, a quote) happened.
    delta = new Int32Array(states * classes);
    for (const s of order) {
      for (let k = 0; k < classes; k++) {
        let t: number;
        if (k >= firstQuoteClass || k === 0) t = 0;
        else {
          const g = goto[s]!.get(k);
          t = g !== undefined ? g : s === 0 ? 0 : (delta[fail[s]! * classes + k]! >> 1) / classes;
        }
        delta[s * classes + k] = ((t * classes) << 1) | (hasOut[t]! || k >= firstQuoteClass ? 1 : 0);
      }
    }
  }

  /**
   * The pass over `text` from `from` on, `v` the dense automaton's state before it (nothing was
   * found before `from`: the quick loop in {@link findings} hands over at the first event).
   */
  function scan(text: string, from: number, v: number): Candidate[] | undefined {
    let found: Candidate[] | undefined;
    let exceptions: Candidate[] | undefined;
    let quote = -1;
    let closer = -1;
    let quotes = 0;
    let closed: boolean[] | undefined;
    const n = text.length;
    const hit = (i: number, k: number, s: number) => {
      if (k >= firstQuoteClass) {
        const code = text.charCodeAt(i);
        if (quote >= 0) {
          if (code === closer) {
            (closed ??= [])[quote] = true;
            quote = -1;
          }
        } else if (isOpener[k - firstQuoteClass]) {
          quote = quotes++;
          closer = closerOfClass[k - firstQuoteClass]!;
        }
        return;
      }
      const end = i + 1;
      for (let t = s; t >= 0; t = dict[t]!) {
        for (const e of ownOf[t]!) {
          const entry = entries[e]!;
          const start = end - entry.length;
          if (entry.kind === PHRASE) (found ??= []).push({ rule: entry.rule, start, end, suggestion: entry.suggestion, quote });
          else if (entry.kind === EXCEPT) (exceptions ??= []).push({ rule: entry.rule, start, end, suggestion: undefined, quote: -1 });
          else {
            const runEnd = patternEnd(text, end, entry.account, entry.min);
            if (runEnd > 0) (found ??= []).push({ rule: entry.rule, start, end: runEnd, suggestion: entry.suggestion, quote });
          }
        }
      }
    };
    if (delta) {
      const table = delta;
      for (let i = from; i < n; i++) {
        const k = classOf[text.charCodeAt(i)]!;
        v = table[(v >> 1) + k]!;
        if (v & 1) hit(i, k, (v >> 1) / classes);
      }
    } else {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const k = classOf[text.charCodeAt(i)]!;
        if (k >= firstQuoteClass || k === 0) s = 0;
        else {
          for (;;) {
            const t = goto[s]!.get(k);
            if (t !== undefined) {
              s = t;
              break;
            }
            if (s === 0) break;
            s = fail[s]!;
          }
        }
        if (hasOut[s] || k >= firstQuoteClass) hit(i, k, s);
      }
    }
    if (!found) return undefined;
    // Quoted text is someone else's words: a match starting inside a closed quotation is dropped
    // (an unclosed quotation is no quotation: its text is checked).
    if (closed) {
      const shut = closed;
      found = found.filter((c) => !(c.quote >= 0 && shut[c.quote]));
    }
    return exceptions ? withoutExceptions(found, exceptions) : found;
  }

  // Most messages have no finding: they are read by this loop alone (no allocation), which hands the
  // text over to the full pass at its first event, where it stands: the index is returned, the
  // state before it left in `handedState`. At the root (most of a text: most characters start no
  // word) a code unit is one flag read with no dependency on the one before, so the processor
  // overlaps them as it does the floor's reads; off the root, one table step per code unit, the
  // next row read straight from the table (`quickTable`: the next state's row, -1 for an event).
  let handedState = 0;
  let quickTable: Int32Array | undefined;
  let leavesRoot: Uint8Array | undefined;
  if (delta) {
    quickTable = new Int32Array(delta.length);
    for (let c = 0; c < delta.length; c++) quickTable[c] = delta[c]! & 1 ? -1 : delta[c]! >> 1;
    leavesRoot = new Uint8Array(65536);
    for (let code = 0; code < 65536; code++) leavesRoot[code] = delta[classOf[code]!] === 0 ? 0 : 1;
  }
  const quick = (text: string): number => {
    const table = quickTable!;
    const leaves = leavesRoot!;
    const cls = classOf;
    const n = text.length;
    let v = 0;
    let i = 0;
    while (i < n) {
      if (v === 0) {
        while (i < n && leaves[text.charCodeAt(i)] === 0) i++;
        if (i === n) return -1;
      }
      const w = table[v + cls[text.charCodeAt(i)]!]!;
      if (w < 0) {
        handedState = v << 1;
        return i;
      }
      v = w;
      i++;
    }
    return -1;
  };

  function findings(text: string | undefined): readonly ChatFinding[] {
    if (typeof text !== "string" || text.length === 0) return EMPTY;
    let found: Candidate[] | undefined;
    if (delta) {
      const first = quick(text);
      if (first < 0) return EMPTY;
      found = scan(text, first, handedState);
    } else found = scan(text, 0, 0);
    if (!found || found.length === 0) return EMPTY;
    // One object literal per shape (a property added later would give each finding a second
    // allocation, its property store: findings are kept, so that cost is paid in the collector).
    const out = found.length === 1 ? found : resolve(found);
    return out.map((c): ChatFinding => {
      const ruleId = rules[c.rule]!.id;
      const match = text.slice(c.start, c.end);
      return c.suggestion === undefined
        ? { ruleId, start: c.start, end: c.end, match }
        : { ruleId, start: c.start, end: c.end, match, suggestion: c.suggestion };
    });
  }

  return { rules, findings };
}

const SEPARATORS = new Set([" ", "\u3000", ":", "：", "号", "是", "为"].map((c) => c.charCodeAt(0)));

/** Where a pattern's run ends when it starts at `from` (after at most 4 separators), or 0 when it is shorter than `min`. */
function patternEnd(text: string, from: number, account: boolean, min: number): number {
  let i = from;
  const stop = Math.min(text.length, from + CHAT_PATTERN_MAX_SEPARATORS);
  while (i < stop && SEPARATORS.has(text.charCodeAt(i))) i++;
  const runStart = i;
  const runStop = Math.min(text.length, runStart + CHAT_PATTERN_MAX_RUN);
  while (i < runStop && isRunChar(text.charCodeAt(i), account)) i++;
  return i - runStart >= min ? i : 0;
}

function isRunChar(c: number, account: boolean): boolean {
  if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) return true; // 0-9, ０-９
  return account && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45); // A-Z a-z _ -
}

/** Drops each match lying inside an exception of its own rule (迷你 for 你). */
function withoutExceptions(found: Candidate[], exceptions: Candidate[]): Candidate[] {
  const byStart = (a: Candidate, b: Candidate) => a.rule - b.rule || a.start - b.start || b.end - a.end;
  found.sort(byStart);
  exceptions.sort(byStart);
  const kept: Candidate[] = [];
  let x = 0;
  let rule = -1;
  let reach = -1; // the furthest end of the rule's exceptions starting at or before the match
  for (const c of found) {
    if (c.rule !== rule) {
      rule = c.rule;
      reach = -1;
      while (x < exceptions.length && exceptions[x]!.rule < rule) x++;
    }
    while (x < exceptions.length && exceptions[x]!.rule === rule && exceptions[x]!.start <= c.start) reach = Math.max(reach, exceptions[x++]!.end);
    if (reach < c.end) kept.push(c);
  }
  return kept;
}

/**
 * The overlap rule, per rule: leftmost first, at one start the longest, and a match overlapping
 * the rule's previous finding is dropped. Different rules may overlap. Sorted by start, then the
 * longer first, then the rule's order.
 */
function resolve(found: Candidate[]): Candidate[] {
  found.sort((a, b) => a.rule - b.rule || a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  let rule = -1;
  let end = 0;
  for (const c of found) {
    if (c.rule !== rule) {
      rule = c.rule;
      end = 0;
    }
    if (c.start < end) continue;
    kept.push(c);
    end = c.end;
  }
  return kept.sort((a, b) => a.start - b.start || b.end - a.end || a.rule - b.rule);
}
