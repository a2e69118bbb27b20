// The default chat standards against seed 004's own wording (天猫售前客服岗位职责工作标准, 二(4),
// 二(6), 二(7), 二(10), 三) and seed 000's greeting: each rule with a text it must find and a near
// miss it must not. Expected findings are written by hand from the seed and the rules at the top of
// src/chat/index.ts.
import { describe, expect, it } from "vitest";
import { compileChatStandards } from "../../src/chat/index.js";
import { ChatStandardsSchema, chatRules, DEFAULT_CHAT_STANDARDS, type ChatRule } from "../../src/policy/index.js";

const parseRules = (input: unknown): ChatRule[] => chatRules(ChatStandardsSchema.parse(input));

const matcher = compileChatStandards(DEFAULT_CHAT_STANDARDS);
/** [ruleId, match] of each finding, in order. */
const found = (text: string | undefined) => matcher.findings(text).map((f) => [f.ruleId, f.match]);

describe("the default rules, in the seed's order", () => {
  it("are the ten rules of seed 004, enabled, in a fixed order", () => {
    expect(DEFAULT_CHAT_STANDARDS.map((r) => r.id)).toEqual([
      "bannedInterjections",
      "addressAsNin",
      "noBuWords",
      "noDatePromises",
      "noInvoiceRefusal",
      "noFreeShippingDenial",
      "noReturnRefusal",
      "noPaymentRefusal",
      "noOtherContact",
      "noOffPlatformPayment",
    ]);
    // The schema's defaults are these rules.
    expect(parseRules(undefined)).toEqual(DEFAULT_CHAT_STANDARDS);
  });

  it("are frozen: a caller cannot change the defaults", () => {
    expect(() => (DEFAULT_CHAT_STANDARDS as ChatRule[]).pop()).toThrow(TypeError);
    expect(() => ((DEFAULT_CHAT_STANDARDS[0]!.phrases as string[]).length = 0)).toThrow(TypeError);
    expect(DEFAULT_CHAT_STANDARDS[0]!.phrases).toHaveLength(7);
  });
});

describe("二(6) 聊天窗口严禁用哦,恩,知道,我不清楚,我找不到人问,自己选吧,我也不懂等语气词", () => {
  it.each([
    ["好的哦", "哦"],
    ["恩，稍等", "恩"],
    ["知道", "知道"],
    ["这个我不清楚", "我不清楚"],
    ["我找不到人问", "我找不到人问"],
    ["颜色您自己选吧", "自己选吧"],
    ["这个我也不懂", "我也不懂"],
  ])("%s → %s", (text, match) => {
    expect(found(text)).toEqual([["bannedInterjections", match]]);
  });

  it("finds 知道 inside 知道了 and 不知道 (the curt 知道了 is the brush-off meant), with no suggestion", () => {
    expect(matcher.findings("知道了")).toEqual([{ ruleId: "bannedInterjections", start: 0, end: 2, match: "知道" }]);
    expect(found("我不知道")).toEqual([["bannedInterjections", "知道"]]);
  });

  it("does not find 恩 in 感恩, nor the seed's own prescribed 我不太清楚 (一(5)), nor 知晓", () => {
    expect(found("感恩您的支持")).toEqual([]);
    expect(found("我不太清楚，麻烦您咨询下银行是否支持")).toEqual([]);
    expect(found("已知晓")).toEqual([]);
    // 感恩 masks its own 恩 only: a 恩 beside it is found.
    expect(matcher.findings("感恩恩")).toEqual([{ ruleId: "bannedInterjections", start: 2, end: 3, match: "恩" }]);
  });

  it("finds every repetition (哦哦 is two findings)", () => {
    expect(matcher.findings("哦哦").map((f) => [f.start, f.end])).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });
});

describe("二(4) 要称呼客户为“您”,切勿直接称呼“你”", () => {
  it("finds 你 with the suggestion 您", () => {
    expect(matcher.findings("你好")).toEqual([{ ruleId: "addressAsNin", start: 0, end: 1, match: "你", suggestion: "您" }]);
    expect(found("给你发过去了")).toEqual([["addressAsNin", "你"]]);
  });

  it("does not find 您, 你们 (no polite plural) or 迷你 (mini)", () => {
    expect(found("您好")).toEqual([]);
    expect(found("你们那边下雨了吗")).toEqual([]);
    expect(found("这款是迷你款")).toEqual([]);
    // The exception covers its own 你 only.
    expect(matcher.findings("你你们").map((f) => f.start)).toEqual([0]);
  });

  it("skips quoted text (the buyer's words) in every kind of quotation mark", () => {
    for (const [open, close] of [["“", "”"], ["「", "」"], ["『", "』"], ["‘", "’"], ['"', '"'], ["＂", "＂"]]) {
      expect(found(`您说的${open}你发错了${close}我们马上查`), open).toEqual([]);
    }
    // Outside the quotation, 你 is found.
    expect(matcher.findings("“你好”你").map((f) => f.start)).toEqual([4]);
    // A quotation ends only at its own closing mark.
    expect(matcher.findings("“你」你”你").map((f) => f.start)).toEqual([5]);
  });

  it("checks the text after an opening mark never closed (an unclosed “ hides nothing)", () => {
    expect(matcher.findings("您说“你好").map((f) => [f.ruleId, f.start])).toEqual([["addressAsNin", 3]]);
    // A closing mark with nothing open is text like any other.
    expect(matcher.findings("”你").map((f) => f.start)).toEqual([1]);
  });

  it("passes seed 000's greeting and thanks", () => {
    expect(found("（微笑图片）您好！东方巴黎欢迎您，很高兴为您效劳！")).toEqual([]);
    expect(found("感谢您的光临，期待您收藏关注")).toEqual([]);
  });
});

describe("二(7) 不可带有“不”字的词汇: 不能便宜,不好意思,不行,到不了 → 无法再低了,非常抱歉,无法帮到您,无法到达", () => {
  it.each([
    ["亲，不能便宜了", "不能便宜", "无法再低了"],
    ["不好意思，已经没货了", "不好意思", "非常抱歉"],
    ["这个不行", "不行", "无法帮到您"],
    ["新疆到不了", "到不了", "无法到达"],
  ])("%s → %s, suggestion %s", (text, match, suggestion) => {
    expect(matcher.findings(text).map((f) => [f.ruleId, f.match, f.suggestion])).toEqual([["noBuWords", match, suggestion]]);
  });

  it("passes the seed's replacements themselves", () => {
    expect(found("无法再低了，非常抱歉，无法帮到您，无法到达")).toEqual([]);
  });
});

describe("二(10) 不要轻易承诺: 今天发货,明天可以到,保证今天收到宝贝 → 尽快安排,尽力催促,正常今天可以发出", () => {
  it.each([
    ["今天发货", "今天发货"],
    ["明天可以到的", "明天可以到"],
    ["保证今天收到宝贝", "保证今天收到"],
  ])("%s → %s", (text, match) => {
    expect(matcher.findings(text).map((f) => [f.ruleId, f.match, f.suggestion])).toEqual([["noDatePromises", match, "尽快安排；尽力催促；正常今天可以发出"]]);
  });

  it("passes the seed's wording (尽快安排, 尽力催促, 正常今天可以发出)", () => {
    expect(found("我们尽快安排，尽力催促，正常今天可以发出")).toEqual([]);
  });
});

describe("三 售前客服禁语, as far as text shows them", () => {
  it("(4) 不能说无法开具发票, with 一(1)'s answer as the suggestion", () => {
    expect(matcher.findings("无法开具发票").map((f) => [f.ruleId, f.suggestion])).toEqual([["noInvoiceRefusal", "可以提供发票，财务会在一个月之内统一寄出，运费我们承担"]]);
    expect(found("不能开发票的")).toEqual([["noInvoiceRefusal", "不能开发票"]]);
    expect(found("可以开发票")).toEqual([]);
  });

  it("(9) 包邮产品不能说不包邮", () => {
    expect(found("这款不包邮")).toEqual([["noFreeShippingDenial", "不包邮"]]);
    expect(found("这款包邮")).toEqual([]);
  });

  it("(6) 不能说不支持退货退款", () => {
    expect(found("不支持退货")).toEqual([["noReturnRefusal", "不支持退货"]]);
    expect(found("特价商品不能退款")).toEqual([["noReturnRefusal", "不能退款"]]);
    expect(found("支持七天无理由退货")).toEqual([]);
  });

  it("(3) and (14) 不能说不支持可行的支付方式, 无法使用信用卡分期 (→ 咨询银行)", () => {
    expect(matcher.findings("不支持花呗").map((f) => [f.ruleId, f.match, f.suggestion])).toEqual([["noPaymentRefusal", "不支持花呗", "麻烦您咨询下银行是否支持"]]);
    expect(found("无法使用信用卡分期付款")).toEqual([["noPaymentRefusal", "无法使用信用卡分期"]]);
    expect(found("支持花呗分期")).toEqual([]);
  });

  it("(5) 不能给除电话以外的联系方式: 微信/QQ followed by an account", () => {
    expect(matcher.findings("加我微信 abc_123 吧")).toEqual([{ ruleId: "noOtherContact", start: 2, end: 12, match: "微信 abc_123" }]); // 加0 我1 微2 … 3 at 11
    expect(found("QQ：12345678")).toEqual([["noOtherContact", "QQ：12345678"]]);
    expect(found("QQ号是１２３４５６")).toEqual([["noOtherContact", "QQ号是１２３４５６"]]);
    // Too short a run, letters after QQ (digits only), a phone number (allowed), 微信 alone: nothing.
    expect(found("微信 ab1")).toEqual([]);
    expect(found("QQ号 abcdef")).toEqual([]);
    expect(found("联系电话 13800138000")).toEqual([]);
    expect(found("不支持微信")).toEqual([]);
    // At most 4 separators between the name and the account.
    expect(found("微信号是：：abc12")).toEqual([["noOtherContact", "微信号是：：abc12"]]);
    expect(found("微信号是：： abc12")).toEqual([]);
  });

  it("(7) 不能用线下打款方式、或其他平台(微信、QQ)付款", () => {
    expect(found("可以微信转账")).toEqual([["noOffPlatformPayment", "微信转账"]]);
    expect(found("支付宝转账也行")).toEqual([["noOffPlatformPayment", "支付宝转账"]]);
    expect(found("请在淘宝下单付款")).toEqual([]);
  });

  it("lets findings of different rules overlap (加微信 and 微信 + account) but sorts them by start", () => {
    expect(matcher.findings("加微信abc12345").map((f) => [f.ruleId, f.start, f.end])).toEqual([
      ["noOffPlatformPayment", 0, 3],
      ["noOtherContact", 1, 11],
    ]);
  });
});

describe("texts of every shape", () => {
  it("has no findings for an empty, missing or non-text value", () => {
    expect(matcher.findings("")).toEqual([]);
    expect(matcher.findings(undefined)).toEqual([]);
    expect(matcher.findings(42 as unknown as string)).toEqual([]);
  });

  it("counts offsets in UTF-16 code units past astral characters, and lets lone surrogates be", () => {
    expect(matcher.findings("𠮷你").map((f) => [f.start, f.end, f.match])).toEqual([[2, 3, "你"]]);
    expect(matcher.findings("\uD842你\uDFB7哦").map((f) => [f.start, f.match])).toEqual([
      [1, "你"],
      [3, "哦"],
    ]);
    const astral = compileChatStandards(parseRules({ defaults: false, rules: [{ id: "yoshinoya", label: "吉野", category: "forbidden", phrases: ["𠮷野"] }] }));
    expect(astral.findings("去𠮷野家").map((f) => [f.start, f.end])).toEqual([[1, 4]]);
    // Half of the pair does not match the phrase.
    expect(astral.findings("去\uDFB7野家")).toEqual([]);
  });

  it("scans a text of a million characters once, finding the one phrase at its end", () => {
    const text = "好".repeat(1_000_000) + "你";
    expect(matcher.findings(text).map((f) => f.start)).toEqual([1_000_000]);
    // Repeated pattern phrases read a bounded run each: QQ then 64 digits at most.
    const qq = "QQ".repeat(50_000);
    expect(found(qq)).toEqual([]);
    const digits = "QQ" + "1".repeat(1000);
    expect(matcher.findings(digits).map((f) => [f.start, f.end])).toEqual([[0, 2 + 64]]);
  });
});
