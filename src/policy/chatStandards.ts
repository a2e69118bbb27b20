/**
 * The pre-sales chat standards of R8 (seed 004, 天猫售前客服岗位职责工作标准) as data: what an agent
 * must not write in the chat window, each rule with the wording the seed prescribes instead where it
 * gives one: the policy's `chat.standards`.
 *
 * A rule matches literal **phrases** (code-unit exact, no normalisation) and, for contact details,
 * **patterns** of one restricted form: a phrase, up to 4 separators (spaces, colons, 号, 是, 为),
 * then a run of account characters (`digits`: 0-9 and ０-９; `account`: also ASCII letters, `_`
 * and `-`) of at least `min` characters, read for at most 64. No regular expression is accepted
 * anywhere, so a shop's rules cannot make matching slow: the phrases go into one automaton scanned
 * once per text, and each pattern's look-ahead is bounded (≤ 4 + 64 characters per phrase hit).
 * `except` lists words that contain a phrase without meaning it (迷你 holds 你, 感恩 holds 恩): a
 * match lying inside one of the rule's exceptions is no finding.
 *
 * How a shop's list merges with the defaults (`{ defaults?, rules? }`):
 * - `defaults: true` (the default) starts from {@link DEFAULT_CHAT_STANDARDS}; `false` starts empty,
 *   so the shop's list is the whole list.
 * - A rule whose `id` is a default rule's overrides that rule field by field: `{ id, label }`
 *   relabels it, `{ id, phrases }` replaces its phrases (a list replaces the list, it does not
 *   add to it), `{ id, enabled: false }` removes it.
 * - A rule with a new id is added after the defaults, in the order given; it must give `label`,
 *   `category` and at least one phrase or pattern.
 * - An id given twice is an error, naming both places.
 * The result is the list of enabled rules, defaults first in their order.
 */
import * as z from "zod";

/** What a rule is about: the seed's headings. */
export const CHAT_RULE_CATEGORIES = ["interjection", "address", "negativeWording", "promise", "forbidden"] as const;
export type ChatRuleCategory = (typeof CHAT_RULE_CATEGORIES)[number];

/** Quotation marks: text between a pair is someone else's words (the buyer's) and is not checked. */
export const CHAT_QUOTES: readonly (readonly [open: string, close: string])[] = [
  ["\u201C", "\u201D"], // “ ”
  ["\u300C", "\u300D"], // 「 」
  ["\u300E", "\u300F"], // 『 』
  ["\u2018", "\u2019"], // ‘ ’
  ['"', '"'],
  ["\uFF02", "\uFF02"], // ＂
];
const QUOTE_CHARS = new Set(CHAT_QUOTES.flat());

/** The longest run a pattern reads after its phrase: it bounds the look-ahead (accounts are shorter). */
export const CHAT_PATTERN_MAX_RUN = 64;
/** How many separators a pattern skips between its phrase and the run. */
export const CHAT_PATTERN_MAX_SEPARATORS = 4;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const text = (what: string) =>
  z
    .string()
    .min(1, `expected a non-empty ${what}`)
    .max(64, `expected a ${what} of at most 64 characters`)
    .refine((s) => s.trim().length > 0, `expected a ${what} with more than spaces`)
    .refine((s) => !LONE_SURROGATE.test(s), `expected a ${what} of well-formed text (no lone surrogate)`)
    .refine((s) => ![...s].some((c) => QUOTE_CHARS.has(c)), `expected a ${what} without quotation marks (quoted text is not checked)`);

const PhraseSchema = z.union([text("phrase"), z.strictObject({ text: text("phrase"), suggestion: z.string().min(1) })], {
  error: "expected a phrase: a text, or { text, suggestion }",
});

const PatternSchema = z.strictObject({
  after: text("pattern phrase"),
  run: z.enum(["digits", "account"]),
  min: z.number().int().min(1).max(32),
});

const ruleFields = {
  label: z.string().min(1, "expected a non-empty label"),
  category: z.enum(CHAT_RULE_CATEGORIES),
  phrases: z.array(PhraseSchema).max(500),
  patterns: z.array(PatternSchema).max(50),
  except: z.array(text("exception")).max(100),
  suggestion: z.string().min(1),
};

/** One rule as a shop writes it: only `id` is required when it overrides a default rule. */
const ChatRuleInputSchema = z.strictObject({
  id: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, "expected an id of letters and digits starting with a lower-case letter, like noBuWords"),
  label: ruleFields.label.optional(),
  category: ruleFields.category.optional(),
  phrases: ruleFields.phrases.optional(),
  patterns: ruleFields.patterns.optional(),
  except: ruleFields.except.optional(),
  suggestion: ruleFields.suggestion.optional(),
  enabled: z.boolean().optional(),
});

export type ChatPhrase = string | { readonly text: string; readonly suggestion: string };
export interface ChatPattern {
  readonly after: string;
  readonly run: "digits" | "account";
  readonly min: number;
}
/** One resolved rule. */
export interface ChatRule {
  readonly id: string;
  readonly label: string;
  readonly category: ChatRuleCategory;
  readonly phrases: readonly ChatPhrase[];
  readonly patterns: readonly ChatPattern[];
  readonly except: readonly string[];
  /** The wording to use instead, for every phrase without its own. */
  readonly suggestion?: string;
}

// The seed's wording is quoted in each rule's comment; extras beyond the seed's examples are marked.
const DEFAULTS: readonly ChatRule[] = [
  // 二(6): 聊天窗口严禁用哦,恩,知道,我不清楚,我找不到人问,自己选吧,我也不懂等语气词. 知道 counts inside
  // 知道了 and 不知道 (the curt 知道了 is the brush-off meant); 恩 is not the 恩 of 感恩 (thanks).
  {
    id: "bannedInterjections",
    label: "禁用语气词",
    category: "interjection",
    phrases: ["哦", "恩", "知道", "我不清楚", "我找不到人问", "自己选吧", "我也不懂"],
    patterns: [],
    except: ["感恩"],
  },
  // 二(4): 要称呼客户为"您",切勿直接称呼"你". 你们 is not flagged: the polite form has no plural
  // (您们 is not standard usage), so the rule's replacement cannot apply; 迷你 (mini) holds no address.
  {
    id: "addressAsNin",
    label: "称呼客户为“您”，切勿称“你”",
    category: "address",
    phrases: ["你"],
    patterns: [],
    except: ["你们", "迷你"],
    suggestion: "您",
  },
  // 二(7): 不可带有"不"字的词汇 例如:不能便宜,不好意思,不行,到不了等. 应改为:无法再低了,非常抱歉,无法帮到您,无法到达等.
  {
    id: "noBuWords",
    label: "不用带“不”字的词汇",
    category: "negativeWording",
    phrases: [
      { text: "不能便宜", suggestion: "无法再低了" },
      { text: "不好意思", suggestion: "非常抱歉" },
      { text: "不行", suggestion: "无法帮到您" },
      { text: "到不了", suggestion: "无法到达" },
    ],
    patterns: [],
    except: [],
  },
  // 二(10): 不要轻易承诺…例如:今天发货,明天可以到,保证今天收到宝贝等. 应修改为:尽快安排,尽力催促,正常今天可以发出
  // (the seed's fourth wording, 保证不了哦只能尽力帮您催促, holds a banned 哦 and is left out).
  {
    id: "noDatePromises",
    label: "不轻易承诺发货、到货时间",
    category: "promise",
    phrases: ["今天发货", "明天可以到", "保证今天收到"],
    patterns: [],
    except: [],
    suggestion: "尽快安排；尽力催促；正常今天可以发出",
  },
  // 三(4): 不能说无法开具发票; the answer of 一(1): 无理由提供发票,财务会在一个月之内统一寄出去的,运费我们承担.
  // The phrasings beyond 无法开具发票 are this library's.
  {
    id: "noInvoiceRefusal",
    label: "不能说无法开具发票",
    category: "forbidden",
    phrases: ["无法开具发票", "无法开发票", "不能开发票", "不能开票", "开不了发票", "不提供发票"],
    patterns: [],
    except: [],
    suggestion: "可以提供发票，财务会在一个月之内统一寄出，运费我们承担",
  },
  // 三(9): 包邮产品不能说不包邮 (whether the item ships free is not in the text: every 不包邮 is shown).
  { id: "noFreeShippingDenial", label: "包邮产品不能说不包邮", category: "forbidden", phrases: ["不包邮"], patterns: [], except: [] },
  // 三(6): 支持七天无理由退换货商品不能说不支持退货退款.
  {
    id: "noReturnRefusal",
    label: "七天无理由商品不能说不支持退货退款",
    category: "forbidden",
    phrases: ["不支持退货", "不支持退款", "不支持退换", "不能退货", "不能退款", "不能退换"],
    patterns: [],
    except: [],
  },
  // 三(3): 不能说不支持可行的支付方式(信用卡、蚂蚁花呗、快捷支付、余额宝); 三(14): 不能说无法使用信用卡分期付款
  // (可指导买家联系银行工作人员咨询; 一(5): 麻烦您咨询下银行是否支持).
  {
    id: "noPaymentRefusal",
    label: "不能说不支持可行的支付方式或信用卡分期",
    category: "forbidden",
    phrases: ["不支持信用卡", "不支持花呗", "不支持快捷支付", "不支持余额宝", "不能用信用卡", "不能用花呗", "无法使用信用卡分期", "不能分期", "不支持分期"],
    patterns: [],
    except: [],
    suggestion: "麻烦您咨询下银行是否支持",
  },
  // 三(5): 不能给除电话以外的联系方式: a 微信/QQ name followed by an account (a phone number is allowed
  // contact, so a bare number is not flagged).
  {
    id: "noOtherContact",
    label: "不能给除电话以外的联系方式",
    category: "forbidden",
    phrases: [],
    patterns: [
      { after: "微信", run: "account", min: 5 },
      { after: "VX", run: "account", min: 5 },
      { after: "vx", run: "account", min: 5 },
      { after: "QQ", run: "digits", min: 5 },
      { after: "qq", run: "digits", min: 5 },
    ],
    except: [],
  },
  // 三(7): 不能用线下打款方式、或其他平台(微信、QQ)付款.
  {
    id: "noOffPlatformPayment",
    label: "不能线下打款或在其他平台付款",
    category: "forbidden",
    phrases: ["微信转账", "支付宝转账", "QQ转账", "加微信", "线下打款", "线下付款", "私下转账"],
    patterns: [],
    except: [],
  },
];

function copyRule(rule: ChatRule): ChatRule {
  return {
    ...rule,
    phrases: rule.phrases.map((p) => (typeof p === "string" ? p : { ...p })),
    patterns: rule.patterns.map((p) => ({ ...p })),
    except: [...rule.except],
  };
}

function frozenRule(rule: ChatRule): ChatRule {
  const copy = copyRule(rule);
  for (const p of copy.phrases) Object.freeze(p);
  for (const p of copy.patterns) Object.freeze(p);
  Object.freeze(copy.phrases);
  Object.freeze(copy.patterns);
  Object.freeze(copy.except);
  return Object.freeze(copy);
}

/** The rules of seed 004 as this library reads them (deeply frozen: a caller cannot change the defaults). */
export const DEFAULT_CHAT_STANDARDS: readonly ChatRule[] = Object.freeze(DEFAULTS.map(frozenRule));

/**
 * A shop's chat standards: `{ defaults?: boolean, rules?: rule[] }`, checked as the rule at the top
 * of this file says; {@link chatRules} merges them with the defaults into the list of enabled rules.
 * The policy keeps the shop's own form (what it wrote, with `defaults` filled in), so a report's
 * policy reads back as the same policy.
 */
export const ChatStandardsSchema = z
  .strictObject({
    defaults: z.boolean().default(true),
    rules: z.array(ChatRuleInputSchema).max(200).default([]),
  })
  .prefault({})
  .superRefine((input, ctx) => {
    const first = new Map<string, number>();
    const defaults = new Set(input.defaults ? DEFAULTS.map((r) => r.id) : []);
    input.rules.forEach((rule, i) => {
      const at = first.get(rule.id);
      if (at !== undefined) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `rule id "${rule.id}" is given twice (first at rules.${at})` });
        return;
      }
      first.set(rule.id, i);
      if (rule.id === "keptWaiting") {
        ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: 'rule id "keptWaiting" is the wait check\'s (set by chat.waitLimitSeconds); choose another id' });
        return;
      }
      if (!defaults.has(rule.id) && rule.enabled !== false) {
        for (const key of ["label", "category"] as const) {
          if (rule[key] === undefined) ctx.addIssue({ code: "custom", path: ["rules", i, key], message: `rule "${rule.id}" is not a default rule: expected its ${key}` });
        }
      }
    });
    const merged = mergeRules(input);
    merged.forEach(({ rule, index }) => {
      const path = index === undefined ? ["defaults"] : ["rules", index];
      if (rule.phrases.length === 0 && rule.patterns.length === 0) {
        // Said once: its exceptions (perhaps the default's, kept) are moot then.
        ctx.addIssue({ code: "custom", path: [...path, "phrases"], message: `rule "${rule.id}" has no phrase and no pattern: it would never match` });
        return;
      }
      const words = [...rule.phrases.map(phraseText), ...rule.patterns.map((p) => p.after)];
      rule.except.forEach((word, k) => {
        if (!words.some((w) => word.includes(w)))
          ctx.addIssue({ code: "custom", path: [...path, "except", k], message: `exception "${word}" holds none of rule "${rule.id}"'s phrases: it would never apply` });
      });
    });
  });

export type ChatStandardsInput = z.input<typeof ChatStandardsSchema>;
/** A shop's chat standards as its policy holds them (checked, not yet merged with the defaults). */
export type ChatStandards = z.output<typeof ChatStandardsSchema>;

/**
 * The enabled rules of a shop's chat standards (the policy's `chat.standards`): the defaults merged
 * with the shop's list, defaults first in their order.
 *
 * @example
 * chatRules({ defaults: true, rules: [{ id: "addressAsNin", enabled: false }] }).length //=> 9
 */
export function chatRules(standards: ChatStandards): ChatRule[] {
  return mergeRules(standards).map(({ rule }) => rule);
}

export function phraseText(phrase: ChatPhrase): string {
  return typeof phrase === "string" ? phrase : phrase.text;
}

type RuleInput = z.output<typeof ChatRuleInputSchema>;

/** The enabled rules after the merge, each with the index of the shop's entry that gave or changed it. */
function mergeRules(input: { defaults: boolean; rules: readonly RuleInput[] }): { rule: ChatRule; index: number | undefined }[] {
  const given = new Map<string, number>();
  input.rules.forEach((r, i) => {
    if (!given.has(r.id)) given.set(r.id, i);
  });
  const out: { rule: ChatRule; index: number | undefined }[] = [];
  const base = input.defaults ? DEFAULTS : [];
  const seen = new Set<string>();
  for (const rule of base) {
    seen.add(rule.id);
    const index = given.get(rule.id);
    const override = index === undefined ? undefined : input.rules[index]!;
    if (override?.enabled === false) continue;
    out.push({ rule: override ? applyOverride(copyRule(rule), override) : copyRule(rule), index });
  }
  for (const [id, index] of given) {
    const r = input.rules[index]!;
    if (seen.has(id) || r.enabled === false) continue;
    out.push({
      rule: applyOverride({ id, label: r.label ?? id, category: r.category ?? "forbidden", phrases: [], patterns: [], except: [] }, r),
      index,
    });
  }
  return out;
}

function applyOverride(rule: ChatRule, r: RuleInput): ChatRule {
  const out: { -readonly [K in keyof ChatRule]: ChatRule[K] } = { ...rule };
  if (r.label !== undefined) out.label = r.label;
  if (r.category !== undefined) out.category = r.category;
  if (r.phrases !== undefined) out.phrases = r.phrases;
  if (r.patterns !== undefined) out.patterns = r.patterns;
  if (r.except !== undefined) out.except = r.except;
  if (r.suggestion !== undefined) out.suggestion = r.suggestion;
  return out;
}
