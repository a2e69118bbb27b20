// The chat standards over a month's chat log (R8): findings per message with agent, buyer and
// consultation, counts per agent and rule, the two-minute wait, the QC deductions (off by default),
// and the same findings whatever the rows' order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkChatStandards, safeCheckChatStandards, type ChatInput } from "../../src/chat/index.js";
import { formatIssue } from "../../src/errors.js";
import { buildMonthReport } from "../../src/month/buildMonthReport.js";
import { decodeMonth } from "../../src/records/month.js";
import { MonthReportSchema } from "../../src/report/schema.js";

const SHOP = "某某旗舰店";
const WANG = `${SHOP}:小王`;
const LI = `${SHOP}:小李`;
const agents = [
  { agentId: "A01", name: "王", group: "presale" as const, grade: "junior" as const, hiredAt: "2019-01-01", accounts: WANG },
  { agentId: "A02", name: "李", group: "presale" as const, grade: "junior" as const, hiredAt: "2019-01-01", accounts: LI },
];
type Msg = { at: string; from: string; to: string; text: string; consultationId?: string };
const msg = (at: string, from: string, to: string, text: string, consultationId?: string): Msg => ({ at, from, to, text, ...(consultationId === undefined ? {} : { consultationId }) });

const messages: Msg[] = [
  // b1 and A01: two findings in one answer (你, 今天发货), then a wait of exactly 120 s (a finding).
  msg("2020-02-10 09:00:00", "b1", WANG, "你好，这个今天能发吗"),
  msg("2020-02-10 09:00:30", WANG, "b1", "你放心，今天发货"),
  msg("2020-02-10 09:01:00", "b1", WANG, "好的"),
  msg("2020-02-10 09:03:00", WANG, "b1", "亲，请问还有什么可以帮您"),
  // b2 and A02: 119 s (no wait finding), a quoted 你 (the buyer's words: not checked), 不好意思.
  msg("2020-02-10 10:00:00", "b2", LI, "你们发什么快递"),
  msg("2020-02-10 10:01:59", LI, "b2", "您说的“你们发什么快递”，我们发中通"),
  msg("2020-02-10 10:02:10", "b2", LI, "能便宜点吗"),
  msg("2020-02-10 10:02:20", LI, "b2", "不好意思，已经是最低价了"),
  // A bot line with a banned word: not checked.
  msg("2020-02-10 10:03:00", `${SHOP}:店小蜜`, "b2", "哦，欢迎光临"),
  // Outside the month (March): not checked in February.
  msg("2020-03-01 00:00:00", "b3", WANG, "在吗"),
  msg("2020-03-01 00:00:10", WANG, "b3", "哦"),
];

describe("the chat standards over a month's chat log", () => {
  const review = checkChatStandards({ agents, messages }, {}, { period: "2020-02" });

  it("lists each finding with its agent, buyer, consultation, match and suggestion", () => {
    expect(review.lines.map((l) => [l.agentId, l.buyerId, l.ruleId, l.match, l.suggestion, l.waitSeconds])).toEqual([
      ["A01", "b1", "addressAsNin", "你", "您", null],
      ["A01", "b1", "noDatePromises", "今天发货", "尽快安排；尽力催促；正常今天可以发出", null],
      ["A01", "b1", "keptWaiting", null, "及时回复顾客", 120],
      ["A02", "b2", "noBuWords", "不好意思", "非常抱歉", null],
    ]);
    const first = review.lines[0]!;
    expect(first.text.slice(first.start!, first.end!)).toBe(first.match);
    expect(first.at).toBe("2020-02-10T09:00:30+08:00");
    expect(first.consultationId).toBe("A01/b1/2020-02-10 09:00");
    expect(review.lines[3]!.consultationId).toBe("A02/b2/2020-02-10 10:00");
  });

  it("counts the agents' messages of the period and the findings per agent and rule", () => {
    expect(review.messages).toBe(4);
    expect(review.findings).toBe(4);
    expect(review.agents.map((a) => [a.agentId, a.messages, a.findings])).toEqual([
      ["A01", 2, 3],
      ["A02", 2, 1],
    ]);
    expect(review.agents[0]!.byRule).toMatchObject({ addressAsNin: 1, noDatePromises: 1, keptWaiting: 1, noBuWords: 0, bannedInterjections: 0 });
    expect(review.rules.at(-1)).toEqual({ id: "keptWaiting", label: "让顾客等待2分钟或更久", category: "wait", findings: 1 });
    expect(review.rules.reduce((s, r) => s + r.findings, 0)).toBe(review.findings);
  });

  it("checks March in March (the month's edge: 00:00 of the 1st is the next month's)", () => {
    const march = checkChatStandards({ agents, messages }, {}, { period: "2020-03" });
    expect(march.lines.map((l) => [l.ruleId, l.match, l.at])).toEqual([["bannedInterjections", "哦", "2020-03-01T00:00:10+08:00"]]);
  });

  it("follows the policy: the wait limit, switched off, a rule removed, a shop's rule added", () => {
    const policy = {
      chat: {
        waitLimitSeconds: 119,
        standards: { rules: [{ id: "addressAsNin", enabled: false }, { id: "noLowestPrice", label: "不说最低价", category: "forbidden" as const, phrases: ["最低价"] }] },
      },
    };
    const r = checkChatStandards({ agents, messages }, policy, { period: "2020-02" });
    expect(r.lines.map((l) => [l.ruleId, l.waitSeconds])).toEqual([
      ["noDatePromises", null],
      ["keptWaiting", 120],
      ["keptWaiting", 119],
      ["noBuWords", null],
      ["noLowestPrice", null],
    ]);
    expect(r.rules.map((x) => x.id)).not.toContain("addressAsNin");
    const off = checkChatStandards({ agents, messages }, { chat: { waitLimitSeconds: null } }, { period: "2020-02" });
    expect(off.rules.map((x) => x.id)).not.toContain("keptWaiting");
    expect(off.lines.some((l) => l.ruleId === "keptWaiting")).toBe(false);
  });

  it("gives the same review whatever the rows' order", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(messages, { minLength: messages.length, maxLength: messages.length }), (shuffled) => {
        expect(checkChatStandards({ agents, messages: shuffled }, {}, { period: "2020-02" })).toEqual(review);
      }),
      { numRuns: 30 },
    );
  });

  it("links a message to the given consultation its conversation matched", () => {
    const consultations = [
      { consultationId: "C1", agentId: "A01", buyerId: "b1", startedAt: "2020-02-10 09:00:00", firstReplyAt: "2020-02-10 09:00:30", endedAt: "2020-02-10 09:03:00", buyerMessages: 2, agentMessages: 2 },
    ];
    const r = checkChatStandards({ agents, messages, consultations }, {}, { period: "2020-02" });
    expect(r.lines.filter((l) => l.agentId === "A01").map((l) => l.consultationId)).toEqual(["C1", "C1", "C1"]);
    // A02's conversation is in no given consultation (the cross-check warns): its findings name none.
    expect(r.lines.filter((l) => l.agentId === "A02").map((l) => l.consultationId)).toEqual([null]);
  });

  it("refuses a month without a chat log, and a bad period, naming them", () => {
    const none = safeCheckChatStandards({ agents } as unknown as ChatInput, {}, { period: "2020-02" });
    expect(none.success).toBe(false);
    if (!none.success) expect(none.issues.map(formatIssue)).toEqual(["messages: is missing; expected an array of messages records"]);
    const bad = safeCheckChatStandards({ agents, messages }, {}, { period: "2020-13" });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.issues[0]!.path).toEqual(["options", "period"]);
  });

  it("carries a long message's first 200 characters, cut before a surrogate pair rather than through it", () => {
    const long = `${"好".repeat(199)}𠮷${"好".repeat(50)}你`;
    const r = checkChatStandards({ agents, messages: [msg("2020-02-10 09:00:00", "b1", WANG, "在吗"), msg("2020-02-10 09:00:10", WANG, "b1", long)] }, {}, { period: "2020-02" });
    expect(r.lines.map((l) => [l.ruleId, l.start])).toEqual([["addressAsNin", 251]]);
    expect(r.lines[0]!.text).toBe(`${"好".repeat(199)}…`);
  });

  it("refuses a shop rule that takes the wait check's id", () => {
    const r = safeCheckChatStandards({ agents, messages }, { chat: { standards: { rules: [{ id: "keptWaiting", label: "x", category: "forbidden", phrases: ["x"] }] } } }, { period: "2020-02" });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map(formatIssue).join("\n")).toMatch(/policy\.chat\.standards\.rules\.0\.id: rule id "keptWaiting" is the wait check/);
  });
});

describe("the chat section and the QC deductions of the month report", () => {
  it("carries the review; no QC deductions from it by default", () => {
    const report = buildMonthReport({ agents, messages }, {}, { month: "2020-02" });
    expect(report.chat).toEqual(checkChatStandards({ agents, messages }, {}, { period: "2020-02" }));
    expect(report.qcDeductions).toEqual([]);
    expect(MonthReportSchema.parse(JSON.parse(JSON.stringify(report))).chat?.findings).toBe(4);
  });

  it("is null without a chat log", () => {
    const report = buildMonthReport({ agents }, {}, { month: "2020-02" });
    expect(report.chat).toBeNull();
  });

  it("turns each finding into chat.qcPoints points in its ISO week, under the weekly cap", () => {
    const report = buildMonthReport({ agents, messages }, { chat: { qcPoints: 1 }, kpi: { qc: { weeklyCap: 2 } } }, { month: "2020-02" });
    expect(report.qcDeductions.map((a) => [a.agentId, a.weeks.map((w) => [w.week, w.points, w.deducted, w.capped])])).toEqual([
      ["A01", [["2020-W07", 3, 2, true]]],
      ["A02", [["2020-W07", 1, 1, false]]],
    ]);
    expect(report.qcDeductions[0]!.weeks[0]!.inspections.map((i) => [i.score, i.reason])).toEqual([
      [null, "chat addressAsNin: 你"],
      [null, "chat noDatePromises: 今天发货"],
      [null, "chat keptWaiting: 120 s"],
    ]);
  });

  it("refuses a decoded month used under other chat-log settings", () => {
    const month = decodeMonth({ agents, messages }, {});
    expect(() => buildMonthReport(month, { chat: { sessionGapMinutes: 10 } }, { month: "2020-02" })).toThrow(/chat\.sessionGapMinutes/);
    // The standards are not decoding settings: another set of rules is fine on the same month.
    expect(buildMonthReport(month, { chat: { waitLimitSeconds: null } }, { month: "2020-02" }).chat?.findings).toBe(3);
  });
});
