// Bots (店小蜜): agents of group bot are set apart when the month is decoded. Their consultations
// count in no human figure (responses, scorecards, sales, pay); the month report shows the buyers
// they received, the buyers they handed over, and the orders they alone served — fully silent
// orders all the same (no agent's commission), on their own line.
import { describe, expect, it } from "vitest";
import { attributeSales, buildKpiReport, buildMonthReport, decodeMonth, KefuKpiError, type MonthInput } from "../../src/index.js";
import { BotsReportSchema, KpiReportSchema, MonthReportSchema } from "../../src/schemas.js";
import { renderKpiReport, renderMonthHtml, renderMonthTable } from "../../src/render/index.js";
import { SAMPLE_MONTH, sampleRecords } from "../../src/sample/index.js";

type Consultations = NonNullable<MonthInput["consultations"]>;
const bot = { agentId: "BOT", name: "店小蜜", group: "bot" as const };
const con = (consultationId: string, agentId: string, buyerId: string, start: string, end: string, extra: Record<string, string> = {}) => ({
  consultationId,
  agentId,
  buyerId,
  startedAt: start,
  firstReplyAt: start.replace(/:00$/, ":02"),
  endedAt: end,
  ...extra,
});

/** What a thrown KefuKpiError says, as path and message. */
function issues(run: () => unknown): [string, string][] {
  try {
    run();
  } catch (e) {
    if (e instanceof KefuKpiError) return e.issues.map((i) => [i.path.join("."), i.message]);
    throw e;
  }
  return [];
}

describe("bots on the sample month (its README derives this by hand)", () => {
  // The bot's consultations: CB01 before S01 was placed, CB02 after S02 was paid, CB03 before
  // A01's chat with b0101, CB04 within the window of E02 (A02's CE02 is 48 h + 1 min too early),
  // CB05 handing nr02 over to A02, CB06 with a buyer nobody else met, CB07 in January before S03.
  const botChats: Consultations = [
    con("CB01", "BOT", "silent01", "2020-02-01 07:10:00", "2020-02-01 07:20:00"),
    con("CB02", "BOT", "silent02", "2020-02-01 13:00:00", "2020-02-01 13:05:00"),
    con("CB03", "BOT", "b0101", "2020-02-01 09:00:00", "2020-02-01 09:06:00"),
    con("CB04", "BOT", "edge-window-past", "2020-02-06 19:00:00", "2020-02-06 19:30:00"),
    con("CB05", "BOT", "nr02", "2020-02-06 23:50:00", "2020-02-06 23:52:40", { transferredTo: "A02" }),
    con("CB06", "BOT", "botbuyer01", "2020-02-10 10:00:00", "2020-02-10 10:05:00"),
    con("CB07", "BOT", "silent03", "2020-01-31 22:00:00", "2020-01-31 22:10:00"),
  ];
  const input = { ...sampleRecords, agents: [...sampleRecords.agents, bot], consultations: [...sampleRecords.consultations, ...botChats] };
  const base = buildMonthReport(sampleRecords, {}, { month: SAMPLE_MONTH });
  const r = buildMonthReport(input, {}, { month: SAMPLE_MONTH });

  it("puts the orders only the bot served on their own line, still fully silent", () => {
    expect(r.shop.botServed).toEqual({ orders: 3, gross: "1160.00", refunds: "0.00", net: "1160.00" });
    expect(r.shop.silent).toEqual(base.shop.silent);
    const served = Object.fromEntries(r.orders.filter((o) => o.botConsultationId !== null).map((o) => [o.orderId, [o.status, o.botConsultationId, o.creditedAgent]]));
    expect(served).toEqual({ S01: ["fully-silent", "CB01", null], S03: ["fully-silent", "CB07", null], E02: ["fully-silent", "CB04", null] });
    // S02 was paid before the bot answered; O0101 is A01's as before.
    expect(r.orders.find((o) => o.orderId === "S02")!.botConsultationId).toBeNull();
    expect(r.orders.find((o) => o.orderId === "O0101")!.creditedAgent).toBe("A01");
  });

  it("leaves every human figure as it was: sales, KPIs, scorecards, lost inquiries, people and pay", () => {
    expect(r.agents).toEqual(base.agents);
    expect(r.agents.map((a) => a.agentId)).not.toContain("BOT");
    expect(r.shop.kpis).toEqual(base.shop.kpis);
    expect(r.shop.credited).toEqual(base.shop.credited);
    expect(r.lostInquiries).toEqual(base.lostInquiries);
    expect(r.people).toEqual(base.people);
    expect(r.pay).toEqual(base.pay);
    expect(r.pay.map((s) => s.agentId)).not.toContain("BOT");
    expect(r.orders.map(({ botConsultationId: _b, ...o }) => o)).toEqual(base.orders.map(({ botConsultationId: _b, ...o }) => o));
    expect(r.warnings).toEqual(base.warnings);
  });

  it("reports the bot's receptions, hand-overs and share of the orders served", () => {
    expect(r.bots).toEqual({
      period: "2020-02",
      bots: ["BOT"],
      consultations: 6,
      handedOver: 1,
      receptions: { bots: 6, botsOnly: 3, all: 256, botsShare: "0.0234", botsOnlyShare: "0.0117" },
      conversions: {
        served: { orders: 196, gross: "38809.00", refunds: "1728.00", net: "37081.00" },
        botServed: { orders: 3, gross: "1160.00", refunds: "0.00", net: "1160.00" },
        shareByOrders: "0.0153",
        shareByNet: "0.0313",
      },
    });
    expect(BotsReportSchema.parse(r.bots)).toEqual(r.bots);
    expect(MonthReportSchema.parse(JSON.parse(JSON.stringify(r))).bots).toEqual(r.bots);
    // The served orders are the assisted, the silent orders and the bot-served ones.
    const s = base.shop.byStatus;
    expect(r.bots!.conversions.served.orders).toBe(s.assisted.orders + s.silentOrder.orders + 3);
    expect(base.bots).toBeNull();
  });

  it("does not depend on the order of the consultations", () => {
    const shuffled = buildMonthReport({ ...input, consultations: [...input.consultations].reverse(), agents: [bot, ...sampleRecords.agents] }, {}, { month: SAMPLE_MONTH });
    expect(shuffled.bots).toEqual(r.bots);
    expect(shuffled.shop).toEqual(r.shop);
  });

  it("are in the KPI report of any period: 6 February, by hand", () => {
    // CB04 (edge-window-past, whom no agent met that day) and CB05 (nr02, handed to A02, who met
    // nr02 that day); E02 paid that day is bot-served. The agents met 11 buyers that day.
    const day = buildKpiReport(input, {}, { period: "2020-02-06" });
    const sales = attributeSales(input, {}, { period: "2020-02-06" }).shop;
    expect(day.bots).toMatchObject({
      period: "2020-02-06",
      consultations: 2,
      handedOver: 1,
      receptions: { bots: 2, botsOnly: 1, all: 12, botsShare: "0.1667", botsOnlyShare: "0.0833" },
      conversions: { botServed: { orders: 1, gross: "1002.00", refunds: "0.00", net: "1002.00" } },
    });
    expect(day.bots!.conversions.served.orders).toBe(sales.byStatus.assisted.orders + sales.byStatus.silentOrder.orders + 1);
    expect(KpiReportSchema.parse(JSON.parse(JSON.stringify(day))).bots).toEqual(day.bots);
    // The agents' KPIs of the day are those of the sample without the bot.
    expect(day.agents).toEqual(buildKpiReport(sampleRecords, {}, { period: "2020-02-06" }).agents);
    expect(renderKpiReport(day, { width: 200 })).toContain("机器人（店小蜜）BOT：咨询 2 个，其中转人工 1 个");
    expect(buildKpiReport(sampleRecords, {}, { period: "2020-02-06" }).bots).toBeNull();
  });

  it("are rendered in the text and HTML reports", () => {
    const text = renderMonthTable(r, { width: 240 });
    expect(text).toMatch(/其中仅机器人接待\s+3\s+1160\.00\s+0\.00\s+1160\.00/);
    expect(text).toContain("机器人（店小蜜）BOT：咨询 6 个，其中转人工 1 个");
    expect(text).toMatch(/仅机器人接待（全静默）\s+3\s+1160\.00\s+1\.53%\s+3\.13%/);
    const html = renderMonthHtml(r, [], { lang: "en" });
    expect(html).toMatch(/<h2>Bots \(店小蜜\)<\/h2>[\s\S]*<td>by a bot and no agent<\/td><td class="num" data-json="bots.receptions.botsOnly">3<\/td><td class="num">1.17%<\/td>/);
    expect(html).toContain('<td class="num" data-json="shop.botServed.net">1160.00</td>');
    expect(renderMonthTable(base, { width: 240 })).not.toContain("机器人（店小蜜）");
  });
});

describe("bots in attribution", () => {
  const agents = [{ agentId: "A1" }, { agentId: "BOT", group: "店小蜜" as const }];
  const orders = [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-21 10:05", paidAt: "2020-02-21 10:06", amount: "99.00", flag: "red" as const, remarkAgentId: "A1" }];
  const consultations = [con("C1", "BOT", "b1", "2020-02-21 09:58:00", "2020-02-21 10:00:00")];

  it("gives a bot no sale, and no place in the agents' list", () => {
    const r = attributeSales({ agents, orders: orders.map(({ flag: _f, remarkAgentId: _r, ...o }) => o), consultations });
    expect(r.agents.map((a) => a.agentId)).toEqual(["A1"]);
    expect(r.orders[0]).toMatchObject({ status: "fully-silent", creditedAgent: null, botConsultationId: "C1" });
    expect(r.shop.botServed.orders).toBe(1);
  });

  it("leaves an excluded order excluded, and a remark's credit the agent's", () => {
    const excluded = attributeSales({ agents, orders: orders.map(({ remarkAgentId: _r, ...o }) => o), consultations }, { attribution: { excludeFlags: ["red"] } });
    expect(excluded.orders[0]).toMatchObject({ excluded: true, botConsultationId: null });
    expect(excluded.shop.botServed.orders).toBe(0);
    const remark = attributeSales({ agents, orders: orders.map(({ flag: _f, ...o }) => o), consultations }, { attribution: { source: "chatThenRemark" } });
    expect(remark.orders[0]).toMatchObject({ creditedAgent: "A1", creditedBy: "remark", botConsultationId: null });
    expect(remark.shop.botServed.orders).toBe(0);
  });

  it("matches the bot as R1 matches an agent: before placing or paying, within the window", () => {
    const late = attributeSales({ agents, orders: orders.map(({ flag: _f, remarkAgentId: _r, ...o }) => o), consultations: [con("C1", "BOT", "b1", "2020-02-19 09:00:00", "2020-02-19 10:04:00")] });
    expect(late.orders[0]!.botConsultationId).toBeNull();
    const edge = attributeSales({ agents, orders: orders.map(({ flag: _f, remarkAgentId: _r, ...o }) => o), consultations: [con("C1", "BOT", "b1", "2020-02-19 09:00:00", "2020-02-19 10:05:00")] });
    expect(edge.orders[0]!.botConsultationId).toBe("C1");
  });
});

describe("bots when the month is decoded", () => {
  const agents = [{ agentId: "A1", name: "甲", group: "presale" as const, grade: "junior" as const }, bot, { agentId: "A2", name: "乙", group: "presale" as const }];

  it("are numbered after the roster, their rows and consultations set apart", () => {
    const m = decodeMonth({ agents, consultations: [con("C1", "A1", "b1", "2020-02-21 09:00:00", "2020-02-21 09:10:00"), con("C2", "BOT", "b2", "2020-02-21 09:00:00", "2020-02-21 09:10:00")] });
    expect(m.agents.ids).toEqual(["A1", "A2", "BOT"]);
    expect(m.agents.rosterSize).toBe(2);
    expect(m.tables.agents!.columns.agentId.toArray()).toEqual(["A1", "A2"]);
    expect(m.tables.consultations!.columns.consultationId.toArray()).toEqual(["C1"]);
    expect(m.bots!.ids).toEqual(["BOT"]);
    expect(m.bots!.consultations!.columns.consultationId.toArray()).toEqual(["C2"]);
  });

  it("name a person's record by its place in the input, the bot's row counted", () => {
    // A2 (the third agent given) lacks the grade the month report needs.
    expect(issues(() => buildMonthReport({ agents, orders: [] }, {}, { month: "2020-02" }))).toEqual([["agents.2.grade", "is missing; the month report needs every agent's grade (the base salary follows it)"]]);
  });

  it("is an error anywhere but in consultations", () => {
    const people = agents.slice(0, 2);
    expect(issues(() => decodeMonth({ agents: people, orders: [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-21 10:05", paidAt: "", amount: "1.00", remarkAgentId: "BOT" }] }))).toEqual([
      ["orders.0.remarkAgentId", '"BOT" is a bot (group bot in the agents list); a bot serves buyers in consultations and has no orders records'],
    ]);
    expect(issues(() => decodeMonth({ agents: people, violations: [{ violationId: "V1", agentId: "BOT", at: "2020-02-03 10:00", rule: "nonWorkActivity" }] }))).toEqual([
      ["violations.0.agentId", '"BOT" is a bot (group bot in the agents list); a bot serves buyers in consultations and has no violations records'],
    ]);
  });

  it("make a bot's chat sub-accounts bot lines, and refuse one a person also has", () => {
    const withAccounts = [
      { agentId: "A1", accounts: "店:甲" },
      { agentId: "BOT", group: "bot" as const, accounts: "店:店小蜜" },
    ];
    const messages = [
      { at: "2020-02-21 09:00:00", from: "b1", to: "店:店小蜜", text: "在吗" },
      { at: "2020-02-21 09:00:05", from: "店:店小蜜", to: "b1", text: "您好，我是店小蜜" },
      { at: "2020-02-21 09:01:00", from: "b1", to: "店:甲", text: "有货吗" },
      { at: "2020-02-21 09:01:20", from: "店:甲", to: "b1", text: "有的" },
    ];
    const m = decodeMonth({ agents: withAccounts, messages });
    expect(m.tables.consultations!.count).toBe(1);
    expect(m.agents.ids[m.tables.consultations!.columns.agentId[0]!]).toBe("A1");
    expect(m.warnings).toContain("messages: 2 bot lines (chat.botAccounts, chat.botMarkers) left out of the consultation figures");
    expect(issues(() => decodeMonth({ agents: [{ agentId: "A1", accounts: "店:甲|店:店小蜜" }, withAccounts[1]!], messages }))).toEqual([
      ["agents.0.accounts", 'sub-account "店:店小蜜" is also a bot\'s (group bot); a sub-account belongs to one agent'],
    ]);
  });
});
