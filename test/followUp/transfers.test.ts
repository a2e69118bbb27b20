// Transfers (转接): a consultation may name the agent the buyer was transferred to or from. The
// transferred consultation counts as its agent's work, its buyer for the agent who took over (so
// reception and conversion count the buyer once); the month report counts transfers per agent, out
// and in, and by pair, and warns of a transfer to an agent who never served the buyer after it.
import { describe, expect, it } from "vitest";
import { buildMonthReport, KefuKpiError, type MonthInput } from "../../src/index.js";
import { TransfersReportSchema } from "../../src/schemas.js";
import { renderMonthHtml, renderMonthTable } from "../../src/render/index.js";
import { message } from "../../src/render/lang.js";
import { SAMPLE_MONTH, sampleRecords } from "../../src/sample/index.js";

const agents = ["A01", "A02", "A03"].map((agentId) => ({ agentId, name: agentId, group: "presale" as const, grade: "junior" as const, hiredAt: "2019-01-01" }));
const chat = (consultationId: string, agentId: string, buyerId: string, start: string, end: string, transfer: { transferredTo?: string; transferredFrom?: string } = {}) => ({
  consultationId,
  agentId,
  buyerId,
  startedAt: `2020-02-03 ${start}:00`,
  firstReplyAt: `2020-02-03 ${start}:20`,
  endedAt: `2020-02-03 ${end}:00`,
  ...transfer,
});
const orders = [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-03 10:25:00", paidAt: "2020-02-03 10:26:00", amount: "100.00" }];
const transferred = [chat("C1", "A01", "b1", "10:00", "10:10", { transferredTo: "A02" }), chat("C2", "A02", "b1", "10:10", "10:40", { transferredFrom: "A01" })];
const month = (consultations: NonNullable<MonthInput["consultations"]>) => buildMonthReport({ agents, consultations, orders }, {}, { month: "2020-02" });
const kpi = (report: ReturnType<typeof month>, agentId: string, metric: "consultingBuyers" | "orderedBuyers" | "receptionCount" | "conversionRate") =>
  report.agents.find((a) => a.agentId === agentId)!.kpis[metric].value;

describe("transfers", () => {
  it("count the buyer once: for the agent who took over, not the one who transferred", () => {
    const r = month(transferred);
    expect(["A01", "A02"].map((a) => [kpi(r, a, "consultingBuyers"), kpi(r, a, "orderedBuyers"), kpi(r, a, "receptionCount")])).toEqual([
      ["0", "0", "0"],
      ["1", "1", "1"],
    ]);
    expect(r.shop.kpis.consultingBuyers.value).toBe("1");
    // Without the transfer both agents count the buyer and the order.
    const plain = month(transferred.map(({ transferredTo: _t, transferredFrom: _f, ...c }) => c));
    expect(["A01", "A02"].map((a) => kpi(plain, a, "orderedBuyers"))).toEqual(["1", "1"]);
    // The transferred consultation is still the agent's work: A01 answered it.
    expect(r.agents.find((a) => a.agentId === "A01")!.kpis.avgFirstResponseSeconds.value).toBe("20.00");
    // R1 is unchanged: the order was placed during A02's chat.
    expect(r.agents.find((a) => a.agentId === "A02")!.sales.orders).toBe(1);
  });

  it("are counted per agent, out and in, and by pair", () => {
    const r = month([...transferred, chat("C3", "A02", "b2", "11:00", "11:05", { transferredTo: "A03" }), chat("C4", "A03", "b2", "11:05", "11:20")]);
    expect(r.transfers).toEqual({
      period: "2020-02",
      transfers: 2,
      agents: [
        { agentId: "A01", transfersOut: 1, transfersIn: 0 },
        // C4 does not say where its buyer came from: A03 took over none as far as the records tell.
        { agentId: "A02", transfersOut: 1, transfersIn: 1 },
      ],
      pairs: [
        { from: "A01", to: "A02", count: 1 },
        { from: "A02", to: "A03", count: 1 },
      ],
      warnings: [],
    });
    expect(TransfersReportSchema.parse(r.transfers)).toEqual(r.transfers);
    expect(month(transferred.map(({ transferredTo: _t, transferredFrom: _f, ...c }) => c)).transfers).toBeNull();
  });

  it("keep a buyer who has no other consultation for the agent who transferred, and warn of the transfer", () => {
    const r = month([chat("C1", "A01", "b1", "10:00", "10:10", { transferredTo: "A02" })]);
    expect(kpi(r, "A01", "consultingBuyers")).toBe("1");
    expect(r.shop.kpis.consultingBuyers.value).toBe("1");
    const warning = "transfers: 1 consultation was transferred to an agent with no consultation of the buyer from then on (C1); check the consultations";
    expect(r.warnings).toContain(warning);
    expect(message(warning, "zh")).toBe("转接：1 个咨询转给的客服此后没有与该买家的咨询（C1），请核对咨询记录");
  });

  it("with a bot: a person's transfer to the bot is a transfer out, the bot's hand-over is the bots section's", () => {
    const withBot = [...agents, { agentId: "BOT", name: "店小蜜", group: "bot" as const }];
    // The bot hands b1 over to A02: no person transferred anyone, so no transfers section (it
    // showed 0 transfers and A02 one transfer in); the bots section counts the hand-over.
    const handOver = buildMonthReport({ agents: withBot, consultations: [chat("C1", "BOT", "b1", "10:00", "10:10", { transferredTo: "A02" }), chat("C2", "A02", "b1", "10:10", "10:40", { transferredFrom: "BOT" })], orders }, {}, { month: "2020-02" });
    expect(handOver.transfers).toBeNull();
    expect(handOver.bots!.handedOver).toBe(1);
    expect(kpi(handOver, "A02", "consultingBuyers")).toBe("1");
    // A03 transfers b1 to the bot, who served b1 from then on: no warning that nobody did (the
    // check read the people's consultations only); b1 stays A03's, the only person who served b1.
    const toBot = buildMonthReport({ agents: withBot, consultations: [chat("C1", "A03", "b1", "10:00", "10:10", { transferredTo: "BOT" }), chat("C2", "BOT", "b1", "10:10", "10:40", { transferredFrom: "A03" })], orders }, {}, { month: "2020-02" });
    expect(toBot.transfers).toEqual({ period: "2020-02", transfers: 1, agents: [{ agentId: "A03", transfersOut: 1, transfersIn: 0 }], pairs: [{ from: "A03", to: "BOT", count: 1 }], warnings: [] });
    expect(toBot.warnings.filter((w) => w.startsWith("transfers"))).toEqual([]);
    expect(kpi(toBot, "A03", "consultingBuyers")).toBe("1");
    expect(toBot.shop.kpis.consultingBuyers.value).toBe("1");
    // A bot that never served the buyer after the transfer is warned of, as a person would be.
    const late = buildMonthReport({ agents: withBot, consultations: [chat("C1", "A03", "b1", "10:00", "10:10", { transferredTo: "BOT" }), chat("C2", "BOT", "b1", "09:00", "09:30")], orders }, {}, { month: "2020-02" });
    expect(late.transfers!.warnings).toHaveLength(1);
  });

  it("take a transferred inquiry out of the transferring agent's lost inquiries too", () => {
    const r = buildMonthReport({ agents, consultations: transferred, orders: [{ ...orders[0]!, buyerId: "x" }] }, {}, { month: "2020-02" });
    expect(r.lostInquiries!.agents.map((a) => [a.agentId, a.inquiringBuyers, a.lostBuyers])).toEqual([["A02", 1, 1]]);
  });

  it("keep an inquiry handed to an after-sales agent for the agent who handed it (the buyer has no other inquiry)", () => {
    const withAftersale = [...agents, { agentId: "A05", name: "A05", group: "aftersale" as const, grade: "junior" as const, hiredAt: "2019-01-01" }];
    const consultations = [chat("C1", "A01", "b9", "10:00", "10:10", { transferredTo: "A05" }), chat("C2", "A05", "b9", "10:10", "10:30", { transferredFrom: "A01" })];
    const r = buildMonthReport({ agents: withAftersale, consultations, orders }, {}, { month: "2020-02" });
    // The KPIs count b9 for A05 only; the lost inquiries keep it for A01, whose inquiry it was.
    expect(r.agents.find((a) => a.agentId === "A01")!.kpis.consultingBuyers.value).toBe("0");
    expect(r.lostInquiries!.agents).toEqual([{ agentId: "A01", inquiringBuyers: 1, convertedBuyers: 0, lostBuyers: 1, openBuyers: 0, lostRate: "1.0000" }]);
  });

  it("is an error to the consultation's own agent, or to an agent not in the agents list", () => {
    const issues = (consultations: NonNullable<MonthInput["consultations"]>): unknown[] => {
      try {
        month(consultations);
      } catch (e) {
        if (e instanceof KefuKpiError) return e.issues.map((i) => [i.path.join("."), i.message]);
        throw e;
      }
      return [];
    };
    expect(issues([chat("C1", "A01", "b1", "10:00", "10:10", { transferredTo: "A01" })])).toEqual([
      ["consultations.0.transferredTo", "is the consultation's own agent; a transfer goes to another agent"],
    ]);
    expect(issues([chat("C1", "A01", "b1", "10:00", "10:10", { transferredFrom: "A01" })])).toEqual([
      ["consultations.0.transferredFrom", "is the consultation's own agent; a transfer goes from another agent"],
    ]);
    expect(issues([chat("C1", "A01", "b1", "10:00", "10:10", { transferredTo: "A09" })])).toEqual([["consultations.0.transferredTo", '"A09" is not in the agents list']]);
  });

  it("are rendered in the text and HTML reports", () => {
    const r = month(transferred);
    expect(renderMonthTable(r, { width: 240 })).toContain("转接：1 个咨询转出（转出的咨询计入客服的工作量，买家计入接手的客服）");
    expect(renderMonthHtml(r, [], { lang: "en" })).toMatch(/<h2>Transfers<\/h2>[\s\S]*<td>A01<\/td><td>A02<\/td><td class="num">1<\/td>/);
  });
});

describe("transfers on the sample month (its README derives this by hand)", () => {
  // E04's two identical sessions, read as a transfer: CE04a (A01) handed the buyer to CE04b (A02).
  const consultations = sampleRecords.consultations.map((c) =>
    c.consultationId === "CE04a" ? { ...c, transferredTo: "A02" } : c.consultationId === "CE04b" ? { ...c, transferredFrom: "A01" } : c,
  );
  const base = buildMonthReport(sampleRecords, {}, { month: SAMPLE_MONTH });
  const r = buildMonthReport({ ...sampleRecords, consultations }, {}, { month: SAMPLE_MONTH });
  const kpis = (report: typeof r, agentId: string) => report.agents.find((a) => a.agentId === agentId)!.kpis;

  it("takes edge-tie-row out of A01's buyers only", () => {
    const pick = (report: typeof r) => {
      const k = kpis(report, "A01");
      return [k.consultingBuyers, k.replyRate, k.receptionCount, k.orderedBuyers, k.paidBuyers, k.conversionRate, k.inquiryToPaymentRate, k.nextDayPaymentRate].map((x) => x.value);
    };
    expect(pick(base)).toEqual(["72", "0.9583", "69", "68", "69", "0.9444", "0.9583", "0.9306"]);
    expect(pick(r)).toEqual(["71", "0.9577", "68", "67", "68", "0.9437", "0.9577", "0.9296"]);
    // Same-day sales lose E04's 1004.00; the work figures stay.
    expect(Number(kpis(base, "A01").sameDaySales.value) - Number(kpis(r, "A01").sameDaySales.value)).toBe(1004);
    expect(kpis(r, "A01").avgFirstResponseSeconds.value).toBe(kpis(base, "A01").avgFirstResponseSeconds.value);
    // A02, the shop, attribution and pay do not move.
    expect(kpis(r, "A02")).toEqual(kpis(base, "A02"));
    expect(r.shop.kpis).toEqual(base.shop.kpis);
    expect(r.orders).toEqual(base.orders);
    expect(r.pay).toEqual(base.pay);
    expect(r.transfers).toEqual({ period: "2020-02", transfers: 1, agents: [{ agentId: "A01", transfersOut: 1, transfersIn: 0 }, { agentId: "A02", transfersOut: 0, transfersIn: 1 }], pairs: [{ from: "A01", to: "A02", count: 1 }], warnings: [] });
    expect(r.lostInquiries!.agents[0]).toEqual({ agentId: "A01", inquiringBuyers: 71, convertedBuyers: 68, lostBuyers: 3, openBuyers: 0, lostRate: "0.0423" });
    expect(r.lostInquiries!.shop).toEqual(base.lostInquiries!.shop);
  });
});

describe("transfers seen in the chat log", () => {
  // A01 writes as 店:芳芳 and 店:芳芳2 (one agent, two sub-accounts), A02 as 店:娜娜.
  const staff = [
    { agentId: "A01", name: "王芳", group: "presale" as const, grade: "junior" as const, hiredAt: "2019-01-01", accounts: "店:芳芳|店:芳芳2" },
    { agentId: "A02", name: "李娜", group: "presale" as const, grade: "junior" as const, hiredAt: "2019-01-01", accounts: "店:娜娜" },
  ];
  const talk = (buyer: string, account: string, at: string, answer: string) => [
    { at: `2020-02-03 ${at}:00`, from: buyer, to: account, text: "在吗" },
    { at: `2020-02-03 ${answer}:00`, from: account, to: buyer, text: "您好" },
  ];
  const messages = [
    // b1: 芳芳 until 10:05, 娜娜 from 10:35 — 30 min later, within chat.sessionGapMinutes (30): a transfer.
    ...talk("b1", "店:芳芳", "10:00", "10:05"),
    ...talk("b1", "店:娜娜", "10:35", "10:36"),
    // b2: 芳芳 until 11:05, 娜娜 from 11:36 — 31 min later: two consultations, no transfer.
    ...talk("b2", "店:芳芳", "11:00", "11:05"),
    ...talk("b2", "店:娜娜", "11:36", "11:37"),
    // b3: 芳芳, then 芳芳2 — the same agent's two sub-accounts: no transfer.
    ...talk("b3", "店:芳芳", "12:00", "12:05"),
    ...talk("b3", "店:芳芳2", "12:10", "12:11"),
  ];

  it("is a buyer's next conversation with another agent within the session gap", () => {
    const r = buildMonthReport({ agents: staff, messages }, {}, { month: "2020-02" });
    expect(r.transfers).toEqual({
      period: "2020-02",
      transfers: 1,
      agents: [
        { agentId: "A01", transfersOut: 1, transfersIn: 0 },
        { agentId: "A02", transfersOut: 0, transfersIn: 1 },
      ],
      pairs: [{ from: "A01", to: "A02", count: 1 }],
      warnings: [],
    });
    // The buyer counts once: b1 for A02 (who took over), b2 for both, b3 for A01 — but A01's work stays.
    const buyers = (agentId: string) => r.agents.find((a) => a.agentId === agentId)!.kpis.consultingBuyers.value;
    expect([buyers("A01"), buyers("A02")]).toEqual(["2", "2"]);
    expect(r.shop.kpis.consultingBuyers.value).toBe("3");
  });

  it("is none when no buyer moves, and the section is absent", () => {
    const r = buildMonthReport({ agents: staff, messages: messages.slice(4) }, {}, { month: "2020-02" });
    expect(r.transfers).toBeNull();
  });

  it("follows the policy's session gap", () => {
    const r = buildMonthReport({ agents: staff, messages }, { chat: { sessionGapMinutes: 31 } }, { month: "2020-02" });
    expect(r.transfers!.transfers).toBe(2);
  });
});
