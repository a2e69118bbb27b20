// A shop's chat standards: the merge with the defaults (add, remove, relabel, replace, start empty)
// and the schema refusing a bad rule with a message naming its path.
import { describe, expect, it } from "vitest";
import { compileChatStandards, lintTexts } from "../../src/chat/index.js";
import { ChatStandardsSchema, chatRules, DEFAULT_CHAT_STANDARDS, type ChatRule } from "../../src/policy/index.js";

const parseRules = (input: unknown): ChatRule[] => chatRules(ChatStandardsSchema.parse(input));

const DEFAULT_IDS = DEFAULT_CHAT_STANDARDS.map((r) => r.id);

function issues(input: unknown): { path: string; message: string }[] {
  const parsed = ChatStandardsSchema.safeParse(input);
  if (parsed.success) throw new Error("expected the schema to refuse the input");
  return parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("a shop's rules merged with the defaults", () => {
  it("adds a new rule after the defaults, found with them", () => {
    const rules = parseRules({ rules: [{ id: "noRudeWords", label: "不能谩骂", category: "forbidden", phrases: ["滚"], suggestion: "请您稍等" }] });
    expect(rules.map((r) => r.id)).toEqual([...DEFAULT_IDS, "noRudeWords"]);
    const matcher = compileChatStandards(rules);
    expect(matcher.findings("你滚").map((f) => [f.ruleId, f.match, f.suggestion])).toEqual([
      ["addressAsNin", "你", "您"],
      ["noRudeWords", "滚", "请您稍等"],
    ]);
  });

  it("removes a default rule with enabled: false", () => {
    const rules = parseRules({ rules: [{ id: "addressAsNin", enabled: false }] });
    expect(rules.map((r) => r.id)).toEqual(DEFAULT_IDS.filter((id) => id !== "addressAsNin"));
    const lint = lintTexts(["你好", "好的哦"], compileChatStandards(rules));
    expect(lint.counts).not.toHaveProperty("addressAsNin");
    expect(lint.messages.map((m) => m.index)).toEqual([1]);
  });

  it("relabels a default rule and keeps the rest of it", () => {
    const [rule] = parseRules({ rules: [{ id: "noBuWords", label: "忌用“不”字" }] }).filter((r) => r.id === "noBuWords");
    expect(rule!.label).toBe("忌用“不”字");
    expect(rule!.category).toBe("negativeWording");
    expect(rule!.phrases).toEqual(DEFAULT_CHAT_STANDARDS.find((r) => r.id === "noBuWords")!.phrases);
  });

  it("replaces a default rule's phrase list (a list replaces the list) and its exceptions", () => {
    const rules = parseRules({ rules: [{ id: "bannedInterjections", phrases: ["哦", "知道"], except: ["知道了"] }] });
    const matcher = compileChatStandards(rules);
    expect(matcher.findings("知道了，我不清楚哦").map((f) => f.match)).toEqual(["哦"]);
    expect(matcher.findings("知道").map((f) => f.match)).toEqual(["知道"]);
  });

  it("starts from no rules with defaults: false", () => {
    const rules = parseRules({ defaults: false, rules: [{ id: "noRudeWords", label: "不能谩骂", category: "forbidden", phrases: ["滚"] }] });
    expect(rules.map((r) => r.id)).toEqual(["noRudeWords"]);
    expect(parseRules({ defaults: false })).toEqual([]);
  });

  it("does not let one parse change the defaults of the next", () => {
    const rules = parseRules({});
    (rules[0]!.phrases as string[]).push("嗯");
    expect(parseRules({})[0]!.phrases).toHaveLength(7);
    expect(DEFAULT_CHAT_STANDARDS[0]!.phrases).toHaveLength(7);
  });
});

describe("a bad rule is refused, naming its path", () => {
  it("an empty or blank phrase", () => {
    expect(issues({ rules: [{ id: "x", label: "l", category: "forbidden", phrases: [""] }] })).toContainEqual({ path: "rules.0.phrases.0", message: "expected a non-empty phrase" });
    expect(issues({ rules: [{ id: "noBuWords", phrases: ["不行", "  "] }] })).toEqual([{ path: "rules.0.phrases.1", message: "expected a phrase with more than spaces" }]);
  });

  it("a phrase that is neither a text nor { text, suggestion }", () => {
    expect(issues({ rules: [{ id: "noBuWords", phrases: [3] }] })).toEqual([{ path: "rules.0.phrases.0", message: "expected a phrase: a text, or { text, suggestion }" }]);
  });

  it("a duplicate id, naming the first", () => {
    expect(issues({ rules: [{ id: "noBuWords", label: "a" }, { id: "noBuWords", label: "b" }] })).toEqual([
      { path: "rules.1.id", message: 'rule id "noBuWords" is given twice (first at rules.0)' },
    ]);
  });

  it("an unsafe pattern: no regular expression is accepted, and a run is digits or account", () => {
    expect(issues({ rules: [{ id: "noOtherContact", patterns: [{ after: "微信", run: "account", min: 5, regex: "(a+)+$" }] }] })).toEqual([
      { path: "rules.0.patterns.0", message: 'Unrecognized key: "regex"' },
    ]);
    expect(issues({ rules: [{ id: "noOtherContact", patterns: [{ after: "微信", run: "any", min: 5 }] }] }).map((i) => i.path)).toEqual(["rules.0.patterns.0.run"]);
    expect(issues({ rules: [{ id: "noOtherContact", patterns: [{ after: "微信", run: "digits", min: 100 }] }] }).map((i) => i.path)).toEqual(["rules.0.patterns.0.min"]);
  });

  it("a phrase with a quotation mark or a lone surrogate", () => {
    expect(issues({ rules: [{ id: "noBuWords", phrases: ["“不行"] }] })).toEqual([{ path: "rules.0.phrases.0", message: "expected a phrase without quotation marks (quoted text is not checked)" }]);
    expect(issues({ rules: [{ id: "noBuWords", phrases: ["不\uD800"] }] })).toEqual([{ path: "rules.0.phrases.0", message: "expected a phrase of well-formed text (no lone surrogate)" }]);
  });

  it("a new rule without its label and category, or without a phrase or pattern", () => {
    expect(issues({ rules: [{ id: "noRudeWords", phrases: ["滚"] }] })).toEqual([
      { path: "rules.0.label", message: 'rule "noRudeWords" is not a default rule: expected its label' },
      { path: "rules.0.category", message: 'rule "noRudeWords" is not a default rule: expected its category' },
    ]);
    expect(issues({ rules: [{ id: "noRudeWords", label: "不能谩骂", category: "forbidden" }] })).toEqual([
      { path: "rules.0.phrases", message: 'rule "noRudeWords" has no phrase and no pattern: it would never match' },
    ]);
    expect(issues({ rules: [{ id: "addressAsNin", phrases: [] }] })).toEqual([
      { path: "rules.0.phrases", message: 'rule "addressAsNin" has no phrase and no pattern: it would never match' },
    ]);
  });

  it("an exception holding none of the rule's phrases", () => {
    expect(issues({ rules: [{ id: "addressAsNin", except: ["您们"] }] })).toEqual([
      { path: "rules.0.except.0", message: "exception \"您们\" holds none of rule \"addressAsNin\"'s phrases: it would never apply" },
    ]);
  });

  it("an id of the wrong form, an unknown category, an unknown key", () => {
    expect(issues({ rules: [{ id: "No Bu", label: "l", category: "forbidden", phrases: ["不"] }] }).map((i) => i.path)).toEqual(["rules.0.id"]);
    expect(issues({ rules: [{ id: "x", label: "l", category: "rude", phrases: ["滚"] }] }).map((i) => i.path)).toEqual(["rules.0.category"]);
    expect(issues({ rules: [{ id: "noBuWords", lable: "typo" }] })).toEqual([{ path: "rules.0", message: 'Unrecognized key: "lable"' }]);
  });
});
