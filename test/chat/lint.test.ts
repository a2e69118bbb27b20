// lintTexts over the columns a caller has: an array with holes, and a decoded month's TextColumn
// (blocks of 4096 joined texts), with counts by rule written by hand.
import { describe, expect, it } from "vitest";
import { compileChatStandards, lintTexts } from "../../src/chat/index.js";
import { TextColumn } from "../../src/records/textColumn.js";

const matcher = compileChatStandards();

describe("lintTexts", () => {
  it("gives each message's findings by index and the count of every rule", () => {
    const lint = lintTexts(["您好，在的", "你好哦", "", undefined as unknown as string, "不好意思，今天发货不行"], matcher);
    expect(lint.messages.map((m) => [m.index, m.findings.map((f) => f.match)])).toEqual([
      [1, ["你", "哦"]],
      [4, ["不好意思", "今天发货", "不行"]],
    ]);
    expect(lint.counts).toEqual({
      bannedInterjections: 1,
      addressAsNin: 1,
      noBuWords: 2,
      noDatePromises: 1,
      noInvoiceRefusal: 0,
      noFreeShippingDenial: 0,
      noReturnRefusal: 0,
      noPaymentRefusal: 0,
      noOtherContact: 0,
      noOffPlatformPayment: 0,
    });
    expect(lint.total).toBe(5);
    expect(lint.flagged).toBe(2);
  });

  it("makes the same findings as the matcher, suggestions included, when messages is read (once)", () => {
    const texts = ["不好意思，今天发货不行", "您好", "加微信 abc12345，QQ 123456 哦", "“你”是引号里的", "你们好，迷你款，你好"];
    const lint = lintTexts(texts, matcher);
    expect(lint.messages.map((m) => m.index)).toEqual([0, 2, 4]);
    for (const m of lint.messages) expect(m.findings).toEqual(matcher.findings(texts[m.index]));
    expect(lint.messages[0]!.findings.map((f) => f.suggestion)).toEqual(["非常抱歉", "尽快安排；尽力催促；正常今天可以发出", "无法帮到您"]);
    expect(lint.messages).toBe(lint.messages);
  });

  it("reads a TextColumn of several blocks like the array it holds", () => {
    const texts = Array.from({ length: 10_000 }, (_, i) => (i % 1000 === 7 ? `第${i}条 你` : `第${i}条 您`));
    const column = TextColumn.of(texts);
    const lint = lintTexts(column, matcher);
    expect(lint.messages.map((m) => m.index)).toEqual([7, 1007, 2007, 3007, 4007, 5007, 6007, 7007, 8007, 9007]);
    expect(lint.counts.addressAsNin).toBe(10);
    expect(lintTexts(texts, matcher)).toEqual(lint);
  });

  it("stays near-linear on texts full of matches and exceptions", () => {
    const t0 = performance.now();
    expect(matcher.findings("你们".repeat(500_000))).toEqual([]);
    expect(matcher.findings("哦".repeat(1_000_000))).toHaveLength(1_000_000);
    // Generous: a quadratic exception or overlap step would take minutes here.
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
