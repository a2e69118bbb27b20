// chat/: the chat standards of R8 (seed 004) matched in agents' message texts: one automaton for every rule, one pass per text.
//
// What counts as a finding (the rules themselves are data: src/policy/chatStandards.ts):
// - Matching is on UTF-16 code units, exactly as written: no case folding, no width or
//   traditional/simplified normalisation. Offsets are UTF-16 offsets into the text and
//   `text.slice(start, end) === match`. A phrase is well-formed text, so a match never splits a
//   surrogate pair; a lone surrogate in a text is a code unit like any other (it matches nothing).
// - Overlaps: per rule, the leftmost match wins, at one start the longest, and a match overlapping
//   that rule's previous finding is dropped (no two findings of one rule overlap). Findings of
//   different rules may overlap (加微信 is off-platform payment; 微信 abc12345 after it is contact
//   details): each rule is counted on its own. Findings are sorted by start, then the longer
//   first, then by the rules' order.
// - Quotations: text inside “ ”, 「 」, 『 』, ‘ ’, " " or ＂ ＂ is someone else's words (the
//   buyer's, quoted back) and is not checked, for every rule: a match starting inside a closed
//   quotation is dropped. Inside a quotation only its own closing mark ends it; an opening mark
//   never closed is no quotation (the rest of the text is checked, so an unclosed “ hides nothing).
// - 你 and 你们: 你 addressing the buyer is a finding (suggestion 您). 你们 is not: the polite
//   form has no plural (您们 is not standard usage), so the seed's replacement cannot apply; an
//   agent writes 各位 or 您 as they see fit. 迷你 (mini) holds no address. These are the rule's
//   `except` words: a match lying inside an exception of its own rule is no finding.
// - 知道: found inside 知道了 and 不知道 too. The seed bans 知道 as a 语气词 and the curt reply
//   知道了 is exactly what it means; a shop that disagrees adds an exception (`except: ["知道了"]`).
//   Likewise 恩 is found except inside 感恩 (thanks, not an interjection).
// - A shop's rules merge with the defaults by id: a rule with a default's id overrides the fields
//   it gives (a list replaces the list), `enabled: false` removes it, a new id is added after the
//   defaults; `defaults: false` starts from no rules.
// - Patterns (contact details) are a phrase, up to 4 separators (space, colon, 号, 是, 为) and a
//   run of digits or account characters of at least `min`, read for at most 64: no regular
//   expressions, so the work per text is linear (one table step per code unit, plus a bounded
//   look-ahead per pattern hit), whatever the shop's rules.
export { compileChatStandards, type ChatMatcher, type ChatFinding } from "./matcher.js";
export { lintTexts, type TextsLike, type ChatLint, type ChatMessageFindings } from "./lint.js";
export {
  checkChatStandards,
  safeCheckChatStandards,
  reviewChat,
  reviewOfAgent,
  KEPT_WAITING,
  FINDING_TEXT_MAX,
  type ChatReview,
  type ChatInput,
  type ChatFindingLine,
  type ChatRuleLine,
  type ChatAgentLine,
  type ChatFindingAt,
} from "./review.js";
