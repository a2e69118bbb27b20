// Lost inquiries (询单流失): the inquiring buyers who placed or paid no order from the inquiry's start
// to the window after its end, per agent and for the shop, listed for the follow-up; the edges of the
// window, the period's end, the groups, the shops, the chat log's last message, and the input's order.
import { describe, expect, it } from "vitest";
import { buildMonthReport, type MonthInput, type PolicyInput } from "../../src/index.js";
import { LostInquiriesReportSchema } from "../../src/schemas.js";
import { renderMonthHtml, renderMonthTable } from "../../src/render/index.js";
import { lostInquiriesTable, toCells } from "../../src/sheets/index.js";
import { shuffled } from "../shuffle.js";

const agents = [
  { agentId: "A01", name: "王", group: "presale" as const, grade: "junior" as const, hiredAt: "2019-01-01" },
  { agentId: "A02", name: "李", group: "presale" as const, grade: "junior" as const, hiredAt: "2019-01-01" },
  { agentId: "A05", name: "陈", group: "aftersale" as const, grade: "junior" as const, hiredAt: "2019-01-01" },
];
// A consultation of `minutes` from `start`, answered 30 s in (or never).
const chat = (consultationId: string, agentId: string, buyerId: string, start: string, end: string, replied = true) => ({
  consultationId,
  agentId,
  buyerId,
  startedAt: start,
  firstReplyAt: replied ? start.replace(/:00$/, ":30") : "",
  endedAt: end,
});
const order = (orderId: string, buyerId: string, createdAt: string, paidAt = "") => ({ orderId, buyerId, createdAt, paidAt, amount: "10.00" });

const lost = (input: MonthInput, policy: PolicyInput = {}) => buildMonthReport({ agents, ...input }, policy, { month: "2020-02" }).lostInquiries!;
const itemsOf = (input: MonthInput, policy: PolicyInput = {}) => lost(input, policy).items.map((i) => `${i.agentId}/${i.buyerId}`);

describe("lost inquiries", () => {
  it("counts an order placed up to the window's end (ends included) as converted, one minute later as lost", () => {
    const consultations = [chat("C1", "A01", "b1", "2020-02-03 10:00:00", "2020-02-03 10:20:00"), chat("C2", "A01", "b2", "2020-02-03 10:00:00", "2020-02-03 10:20:00")];
    const orders = [order("O1", "b1", "2020-02-05 10:20:00"), order("O2", "b2", "2020-02-05 10:21:00", "2020-02-05 10:22:00")];
    const r = lost({ consultations, orders });
    expect(r.agents).toEqual([{ agentId: "A01", inquiringBuyers: 2, convertedBuyers: 1, lostBuyers: 1, openBuyers: 0, lostRate: "0.5000" }]);
    expect(r.items).toEqual([
      { agentId: "A01", buyerId: "b2", consultationId: "C2", startedAt: "2020-02-03T10:00:00+08:00", endedAt: "2020-02-03T10:20:00+08:00", durationSeconds: 1200, replied: true, inquiries: 1, lastMessage: null },
    ]);
    // A longer window takes b2's order in.
    expect(lost({ consultations, orders }, { attribution: { windowHours: 49 } }).shop.lostBuyers).toBe(0);
  });

  it("counts a payment after the inquiry (an order placed before it) as converted, and an order placed and paid before it as nothing", () => {
    const consultations = [chat("C1", "A01", "b1", "2020-02-03 10:00:00", "2020-02-03 10:20:00"), chat("C2", "A01", "b2", "2020-02-03 10:00:00", "2020-02-03 10:20:00")];
    const orders = [order("O1", "b1", "2020-02-03 09:00:00", "2020-02-03 10:10:00"), order("O2", "b2", "2020-02-03 09:00:00", "2020-02-03 09:59:59")];
    expect(itemsOf({ consultations, orders })).toEqual(["A01/b2"]);
  });

  it("leaves open a buyer whose window reaches the period's end, and converts it with an order of the next month", () => {
    const consultations = [chat("C1", "A01", "b1", "2020-02-28 10:00:00", "2020-02-28 10:20:00"), chat("C2", "A01", "b2", "2020-02-27 23:00:00", "2020-02-27 23:59:59")];
    const orders = [order("O9", "x", "2020-02-10 10:00:00", "2020-02-10 10:01:00")];
    // C2's window closes at 2020-02-29 23:59:59, before 1 March: lost. C1's runs into March: open.
    const r = lost({ consultations, orders });
    expect(r.shop).toEqual({ inquiringBuyers: 2, convertedBuyers: 0, lostBuyers: 1, openBuyers: 1, lostRate: "0.5000" });
    expect(r.items.map((i) => i.buyerId)).toEqual(["b2"]);
    const march = lost({ consultations, orders: [...orders, order("O1", "b1", "2020-03-01 09:00:00")] });
    expect(march.shop).toEqual({ inquiringBuyers: 2, convertedBuyers: 1, lostBuyers: 1, openBuyers: 0, lostRate: "0.5000" });
    // No window: nothing is ever lost, every buyer without an order is open.
    expect(lost({ consultations, orders }, { attribution: { windowHours: null } }).shop).toEqual({ inquiringBuyers: 2, convertedBuyers: 0, lostBuyers: 0, openBuyers: 2, lostRate: "0.0000" });
  });

  it("takes only the period's inquiries of the policy's groups (an agent without a group counts)", () => {
    const consultations = [
      chat("C1", "A01", "b1", "2020-01-31 10:00:00", "2020-01-31 10:20:00"), // January
      chat("C2", "A05", "b2", "2020-02-03 10:00:00", "2020-02-03 10:20:00"), // after-sales
      chat("C3", "A01", "b3", "2020-02-03 10:00:00", "2020-02-03 10:20:00"),
    ];
    const orders = [order("O9", "x", "2020-02-10 10:00:00", "2020-02-10 10:01:00")];
    expect(itemsOf({ consultations, orders })).toEqual(["A01/b3"]);
    expect(itemsOf({ consultations, orders }, { attribution: { inquiryGroups: ["presale", "aftersale"] } })).toEqual(["A01/b3", "A05/b2"]);
    expect(lost({ consultations, orders }, { attribution: { inquiryGroups: [] } }).agents).toEqual([]);
    // Without an agents file no agent has a group: all count.
    const bare = buildMonthReport({ consultations, orders }, {}, { month: "2020-02" }).lostInquiries!;
    expect(bare.items.map((i) => `${i.agentId}/${i.buyerId}`)).toEqual(["A01/b3", "A05/b2"]);
  });

  it("counts a buyer once for the shop, and lost for one agent though converted with another", () => {
    const consultations = [
      chat("C1", "A01", "b1", "2020-02-03 10:00:00", "2020-02-03 10:20:00"),
      chat("C2", "A02", "b1", "2020-02-10 10:00:00", "2020-02-10 10:20:00", false),
      chat("C3", "A02", "b1", "2020-02-10 11:00:00", "2020-02-10 11:20:00"),
    ];
    const orders = [order("O1", "b1", "2020-02-10 11:10:00")];
    const r = lost({ consultations, orders });
    expect(r.shop).toEqual({ inquiringBuyers: 1, convertedBuyers: 1, lostBuyers: 0, openBuyers: 0, lostRate: "0.0000" });
    expect(r.agents.map((a) => [a.agentId, a.inquiringBuyers, a.lostBuyers])).toEqual([["A01", 1, 1], ["A02", 1, 0]]);
    // The agent's last inquiry is listed, with how many the buyer made.
    const twice = lost({ consultations: [...consultations, chat("C4", "A01", "b1", "2020-02-05 09:00:00", "2020-02-05 09:10:00", false)], orders });
    expect(twice.items).toMatchObject([{ agentId: "A01", consultationId: "C4", replied: false, inquiries: 2, durationSeconds: 600 }]);
  });

  it("links buyers within their shop: the same buyer id's order in another shop converts nothing", () => {
    const consultations = [{ ...chat("C1", "A01", "b1", "2020-02-03 10:00:00", "2020-02-03 10:20:00"), shopId: "S1" }];
    const orders = [{ ...order("O1", "b1", "2020-02-03 10:10:00"), shopId: "S2" }, { ...order("O2", "x", "2020-02-03 10:10:00"), shopId: "S1" }];
    expect(itemsOf({ consultations, orders })).toEqual(["A01/b1"]);
  });

  it("gives the listed inquiry's last message from the chat log", () => {
    const withAccounts = agents.map((a) => ({ ...a, accounts: `店:${a.agentId}` }));
    const messages = [
      { at: "2020-02-03 10:00:00", from: "b1", to: "店:A01", text: "在吗" },
      { at: "2020-02-03 10:00:20", from: "店:A01", to: "b1", text: "您好，在的" },
      { at: "2020-02-03 10:02:00", from: "b1", to: "店:A01", text: "太贵了，我再看看" },
      { at: "2020-02-03 10:05:00", from: "b2", to: "店:A01", text: "有货吗" },
      { at: "2020-02-03 10:05:30", from: "店:A01", to: "b2", text: "有的亲" },
    ];
    const orders = [order("O2", "b2", "2020-02-03 10:06:00", "2020-02-03 10:07:00")];
    const r = buildMonthReport({ agents: withAccounts, messages, orders }, {}, { month: "2020-02" }).lostInquiries!;
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ agentId: "A01", buyerId: "b1", replied: true, durationSeconds: 120, lastMessage: { at: "2020-02-03T10:02:00+08:00", from: "buyer", text: "太贵了，我再看看" } });
  });

  it("does not depend on the order of the input's rows", () => {
    const consultations = Array.from({ length: 40 }, (_, k) =>
      chat(`C${k}`, k % 3 === 0 ? "A02" : "A01", `b${k % 17}`, `2020-02-${String(1 + (k % 27)).padStart(2, "0")} 10:00:00`, `2020-02-${String(1 + (k % 27)).padStart(2, "0")} 10:30:00`, k % 5 !== 0),
    );
    const orders = Array.from({ length: 9 }, (_, k) => order(`O${k}`, `b${k * 2}`, `2020-02-${String(2 + k * 3).padStart(2, "0")} 10:10:00`, k % 2 ? `2020-02-${String(2 + k * 3).padStart(2, "0")} 10:20:00` : ""));
    const base = JSON.stringify(lost({ consultations, orders }));
    for (let seed = 1; seed <= 5; seed++) {
      expect(JSON.stringify(lost({ consultations: shuffled(consultations, seed), orders: shuffled(orders, seed + 10) }))).toBe(base);
    }
  });

  it("is null without consultations or without orders, and valid by its schema", () => {
    const consultations = [chat("C1", "A01", "b1", "2020-02-03 10:00:00", "2020-02-03 10:20:00")];
    const orders = [order("O9", "x", "2020-02-10 10:00:00", "2020-02-10 10:01:00")];
    expect(buildMonthReport({ agents, orders }, {}, { month: "2020-02" }).lostInquiries).toBeNull();
    expect(buildMonthReport({ agents, consultations }, {}, { month: "2020-02" }).lostInquiries).toBeNull();
    const r = lost({ consultations, orders });
    expect(LostInquiriesReportSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(JSON.parse(JSON.stringify(r)));
  });

  it("is rendered in the text and HTML reports and given as a sheet table", () => {
    const consultations = [chat("C1", "A01", "b1", "2020-02-03 10:00:00", "2020-02-03 10:20:00")];
    const orders = [order("O9", "x", "2020-02-10 10:00:00", "2020-02-10 10:01:00")];
    const report = buildMonthReport({ agents, consultations, orders }, {}, { month: "2020-02" });
    expect(renderMonthTable(report, { width: 240 })).toContain("询单流失（询单开始至结束后 48 小时内未下单也未付款）：询单买家 1，已下单 0，流失 1，待定 0，流失率 1.0000");
    expect(renderMonthTable(report, { lang: "en", width: 240 })).toContain("Lost inquiries (no order placed or paid from the inquiry's start to 48 h after its end): inquiring buyers 1, converted 0, lost 1, open 0, lost rate 1.0000");
    const html = renderMonthHtml(report);
    expect(html).toContain("<h2>询单流失</h2>");
    expect(html).toContain("<td>b1</td>");
    // The sheet: ranges of cells, a header row each.
    const cells = (records: readonly Record<string, string>[]): string[][] => [Object.keys(records[0]!), ...records.map((r) => Object.values(r))];
    const ranges = { agents: cells(agents), consultations: cells(consultations), orders: cells(orders) };
    const sheet = toCells(lostInquiriesTable(ranges, { month: "2020-02" }));
    expect(sheet[0]).toEqual(["agentId", "buyerId", "consultationId", "startedAt", "endedAt", "durationSeconds", "replied", "inquiries", "lastMessageFrom", "lastMessage"]);
    expect(sheet.slice(1)).toEqual([["A01", "b1", "C1", "2020-02-03T10:00:00+08:00", "2020-02-03T10:20:00+08:00", 1200, "yes", 1, "", ""]]);
    // Without consultations: an error naming them.
    const none = buildMonthReport({ agents, orders }, {}, { month: "2020-02" });
    expect(none.lostInquiries).toBeNull();
    expect(toCells(lostInquiriesTable({ agents: ranges.agents, orders: ranges.orders }, { month: "2020-02" }))).toEqual([
      ["#KEFU! consultations: is missing; the lost inquiries need the consultations (咨询) and the orders (订单)"],
    ]);
  });
});
