// Shops (店铺): a team serving several shops names each record's shop (shopId). The month report
// shows each shop's sales and consultations (adding up to the month's); `shop` gives one shop's
// report, with the people rules and pay the team's; what joins the kinds' shops is checked.
import { describe, expect, it } from "vitest";
import { buildKpiReport, buildMonthReport, decodeMonth, KefuKpiError, type MonthInput } from "../../src/index.js";
import { MonthReportSchema, ShopsReportSchema } from "../../src/schemas.js";
import { renderMonthHtml, renderMonthTable } from "../../src/render/index.js";
import { SAMPLE_MONTH, sampleRecords } from "../../src/sample/index.js";

const agents = ["A01", "A02", "A03"].map((agentId) => ({ agentId, name: agentId, group: "presale" as const, grade: "junior" as const, hiredAt: "2019-01-01" }));
const chat = (consultationId: string, agentId: string, buyerId: string, shopId: string, start: string, end: string) => ({
  consultationId,
  agentId,
  buyerId,
  shopId,
  startedAt: `2020-02-03 ${start}:00`,
  firstReplyAt: `2020-02-03 ${start}:20`,
  endedAt: `2020-02-03 ${end}:00`,
});
const order = (orderId: string, buyerId: string, shopId: string, created: string, amount: string) => ({
  orderId,
  buyerId,
  shopId,
  createdAt: `2020-02-03 ${created}:00`,
  paidAt: `2020-02-03 ${created}:30`,
  amount,
});
// Buyer b1 is a buyer of both shops; b3 consulted in S2 and ordered in S1 (a buyer of S1 nobody served).
const consultations = [
  chat("C1", "A01", "b1", "S1", "10:00", "10:30"),
  chat("C2", "A02", "b1", "S2", "10:00", "10:30"),
  chat("C3", "A02", "b2", "S1", "11:00", "11:20"),
  chat("C4", "A03", "b3", "S2", "12:00", "12:10"),
];
const orders = [
  order("O1", "b1", "S1", "10:20", "100.00"),
  order("O2", "b1", "S2", "10:25", "200.00"),
  order("O3", "b2", "S1", "11:10", "50.00"),
  order("O4", "b4", "S2", "13:00", "30.00"),
  order("O5", "b3", "S1", "12:05", "70.00"),
];
const ticket = (ticketId: string, agentId: string, shopId: string | undefined) => ({
  ticketId,
  agentId,
  createdAt: "2020-02-03 09:00:00",
  firstReplyAt: "2020-02-03 09:10:00",
  ...(shopId === undefined ? {} : { shopId }),
});
const tickets = [ticket("T1", "A01", "S1"), ticket("T2", "A02", "S2")];
const input: MonthInput = { agents, consultations, orders, tickets };
const tally = (orders: number, net: string) => ({ orders, gross: net, refunds: "0.00", net });
const problems = (f: () => unknown): string[] => {
  try {
    f();
  } catch (error) {
    if (error instanceof KefuKpiError) return error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw error;
  }
  return [];
};

describe("the shops section", () => {
  const report = buildMonthReport(input, {}, { month: "2020-02" });

  it("shows each shop's consultations and sales, attributed within the shop", () => {
    expect(report.shops).toEqual({
      period: "2020-02",
      shops: [
        {
          shopId: "S1",
          consultations: 2,
          sales: tally(3, "220.00"),
          credited: tally(2, "150.00"),
          // O5: b3 of S1 consulted nobody (b3's chat was with S2).
          silent: tally(1, "70.00"),
          botServed: tally(0, "0.00"),
          agents: [
            { agentId: "A01", sales: tally(1, "100.00") },
            { agentId: "A02", sales: tally(1, "50.00") },
          ],
        },
        {
          shopId: "S2",
          consultations: 2,
          sales: tally(2, "230.00"),
          credited: tally(1, "200.00"),
          silent: tally(1, "30.00"),
          botServed: tally(0, "0.00"),
          agents: [{ agentId: "A02", sales: tally(1, "200.00") }],
        },
      ],
    });
    expect(() => ShopsReportSchema.parse(report.shops)).not.toThrow();
    expect(() => MonthReportSchema.parse(JSON.parse(JSON.stringify(report)))).not.toThrow();
  });

  it("adds up to the month's sales", () => {
    const sum = (key: "sales" | "credited" | "silent") => report.shops!.shops.reduce((n, s) => n + Number(s[key].net) * 100, 0);
    expect([sum("sales"), sum("credited"), sum("silent")]).toEqual([45000, 35000, 10000]);
    expect([report.shop.sales.net, report.shop.credited.net, report.shop.silent.net]).toEqual(["450.00", "350.00", "100.00"]);
    expect(report.shop.ids).toEqual(["S1", "S2"]);
  });

  it("is rendered in the table and HTML reports, each number with its JSON path", () => {
    const text = renderMonthTable(report, { lang: "en", width: 160 });
    expect(text).toContain("Shops (2020-02)");
    expect(text).toMatch(/S1 +2 +3 +220\.00 +2 +150\.00 +70\.00 +0\.00/);
    const html = renderMonthHtml(report, [], { lang: "en" });
    expect(html).toContain('data-json="shops.shops.1.sales.net">230.00<');
  });

  it("is null for a month of one shop or none", () => {
    const one = buildMonthReport({ agents, consultations: consultations.filter((c) => c.shopId === "S1"), orders: orders.filter((o) => o.shopId === "S1") }, {}, { month: "2020-02" });
    expect(one.shops).toBeNull();
  });

  it("lists the records that name no shop as a shop of their own", () => {
    const r = buildMonthReport({ agents, consultations, orders: [...orders, { ...order("O6", "b9", "", "14:00", "9.00") }] }, {}, { month: "2020-02" });
    expect(r.shops!.shops.map((s) => [s.shopId, s.sales.net])).toEqual([
      ["", "9.00"],
      ["S1", "220.00"],
      ["S2", "230.00"],
    ]);
  });
});

describe("one shop's report", () => {
  const team = buildMonthReport(input, {}, { month: "2020-02" });
  const s1 = buildMonthReport(input, {}, { month: "2020-02", shop: "S1" });

  it("has the shop's sales and KPIs only", () => {
    expect(s1.shop.ids).toEqual(["S1"]);
    expect(s1.shop.sales).toEqual(tally(3, "220.00"));
    expect(s1.agents.map((a) => [a.agentId, a.sales.net])).toEqual([
      ["A01", "100.00"],
      ["A02", "50.00"],
      ["A03", "0.00"],
    ]);
    expect(s1.shop.kpis.consultingBuyers.value).toBe("2");
    expect(s1.orders.map((o) => o.orderId)).toEqual(["O1", "O3", "O5"]);
    expect(s1.shops).toBeNull();
  });

  it("keeps the team's people rules and pay, and says so", () => {
    expect(s1.pay).toEqual(team.pay);
    expect(s1.people).toEqual(team.people);
    expect(s1.summary!.payTotal).toBe(team.summary!.payTotal);
    expect(s1.warnings[0]).toBe('shop "S1" alone: the sales, KPIs and sections are this shop\'s records only; the people rules and pay are the team\'s, over all shops');
  });

  it("names its shop in the table's and the page's title", () => {
    expect(renderMonthTable(s1, { lang: "en", width: 160 }).split("\n")[0]).toMatch(/^kefu-kpi month report 2020-02 · shop S1 \(/);
    expect(renderMonthHtml(s1, [], { lang: "zh" })).toContain("<title>kefu-kpi 客服月报 2020-02 · S1</title>");
    expect(renderMonthTable(team, { lang: "en", width: 160 }).split("\n")[0]).toMatch(/^kefu-kpi month report 2020-02 \(/);
  });

  it("names its shop when the shop has chats and no orders", () => {
    const s3 = buildMonthReport({ ...input, consultations: [...consultations, chat("C5", "A03", "b5", "S3", "15:00", "15:10")] }, {}, { month: "2020-02", shop: "S3" });
    // It was [] (the ids of the shop's orders), so the title named no shop.
    expect(s3.shop.ids).toEqual(["S3"]);
    expect(s3.shop.sales.orders).toBe(0);
    expect(renderMonthTable(s3, { lang: "en", width: 160 }).split("\n")[0]).toMatch(/^kefu-kpi month report 2020-02 · shop S3 \(/);
  });

  it("gives the same per-agent sales as the shops section", () => {
    const s2 = buildMonthReport(input, {}, { month: "2020-02", shop: "S2" });
    for (const [one, line] of [[s1, team.shops!.shops[0]!], [s2, team.shops!.shops[1]!]] as const) {
      expect(one.shop.sales).toEqual(line.sales);
      expect(one.agents.filter((a) => a.sales.orders > 0).map((a) => ({ agentId: a.agentId, sales: a.sales }))).toEqual(line.agents);
    }
  });

  it("cuts the KPI report too", () => {
    const k = buildKpiReport(input, {}, { period: "2020-02", shop: "S2" });
    expect(k.warnings[0]).toBe('shop "S2" alone: the KPIs of this shop\'s records only');
    const kpi = (agentId: string, metric: "ticketTimelyRate" | "consultingBuyers") => k.agents.find((a) => a.agentId === agentId)!.kpis[metric].value;
    // A01's ticket is S1's: no ticket of S2 is A01's; A02's is S2's.
    expect([kpi("A01", "ticketTimelyRate"), kpi("A02", "ticketTimelyRate")]).toEqual([null, "1.0000"]);
    expect([kpi("A01", "consultingBuyers"), kpi("A02", "consultingBuyers"), kpi("A03", "consultingBuyers")]).toEqual(["0", "1", "1"]);
    const whole = buildKpiReport(input, {}, { period: "2020-02" });
    expect(whole.agents.find((a) => a.agentId === "A01")!.kpis.ticketTimelyRate.value).toBe("1.0000");
  });

  it("refuses a shop no record names, naming the shops", () => {
    expect(problems(() => buildMonthReport(input, {}, { month: "2020-02", shop: "S3" }))).toEqual(['options.shop: names shop "S3", which no record names; the month\'s shops are "S1", "S2"']);
    expect(problems(() => buildMonthReport({ agents, consultations: [], orders: [order("O1", "b1", "", "10:00", "1.00")] }, {}, { month: "2020-02", shop: "S1" }))).toEqual([
      'options.shop: names shop "S1", but no record names a shop (shopId)',
    ]);
    expect(problems(() => buildMonthReport(input, {}, { month: "2020-02", shop: 7 as unknown as string }))).toEqual(["options.shop: expected a shop's id (shopId), as the records name it, got the number 7"]);
  });

  it("refuses records of the shop's business that name no shop: they could not be told apart", () => {
    expect(problems(() => buildMonthReport({ ...input, tickets: [ticket("T1", "A01", undefined)] }, {}, { month: "2020-02", shop: "S1" }))).toEqual([
      "tickets.shopId: is given by no ticket record, but the month names shops: one shop's figures need the shop of every record of the shop's business (give shopId, or leave the kind out)",
    ]);
    expect(problems(() => buildMonthReport({ ...input, tickets: [...tickets, ticket("T3", "A03", "")] }, {}, { month: "2020-02", shop: "S1" }))).toEqual([
      "tickets.2.shopId: is empty, but the month names shops: one shop's figures need every record's shop",
    ]);
    // The team's report has them all.
    expect(buildMonthReport({ ...input, tickets: [ticket("T1", "A01", undefined)] }, {}, { month: "2020-02" }).shops!.shops).toHaveLength(2);
  });
});

describe("the kinds' shops agree", () => {
  it("a record of an order names the order's shop", () => {
    const shipments = [{ orderId: "O1", shippedAt: "2020-02-03 18:00:00", shopId: "S2" }, { orderId: "O2", shippedAt: "2020-02-03 18:00:00", shopId: "S2" }];
    expect(problems(() => decodeMonth({ ...input, shipments }))).toEqual(['shipments.0.shopId: is shop "S2", but its order "O1" is of shop "S1"; a record of an order names the order\'s shop']);
  });

  it("a shop id differing only in case is an error; a shop no order or consultation names, a warning", () => {
    expect(problems(() => decodeMonth({ ...input, tickets: [ticket("T1", "A01", "s1")] }))).toEqual(['tickets.shopId: shop "s1" differs only in case from the orders\' or consultations\' shop "S1"; shop ids must match exactly']);
    expect(decodeMonth({ ...input, tickets: [ticket("T1", "A01", "S9")] }).warnings).toContain('tickets: shop "S9" is named by no order or consultation (their shops: S1, S2)');
  });

  it("issues in one shop's report name the record by its place in the input", () => {
    const withBadAgent = { ...input, agents: [...agents.slice(0, 2), { ...agents[2]!, grade: undefined }] } as MonthInput;
    expect(problems(() => buildMonthReport(withBadAgent, {}, { month: "2020-02", shop: "S2" }))[0]).toMatch(/^agents\.2\.grade: is missing/);
  });
});

describe("the sample month split in two shops, by hand (the sample's README)", () => {
  const TM = "暖暖家居旗舰店";
  const ZY = "暖暖家居专营店";
  // Every record of a shop's business names the flagship store, but buyer b0101 (C0101, O0101) and
  // silent01 (S01), with their orders' shipments, which are the 专营店's.
  const moved = new Set(["C0101", "O0101", "S01"]);
  const shopOf = (r: Record<string, unknown>): string => (moved.has(String(r["consultationId"] ?? r["orderId"])) ? ZY : TM);
  const records = Object.fromEntries(
    Object.entries(sampleRecords).map(([kind, list]) => [
      kind,
      ["agents", "violations", "rewards", "assessments", "probation", "scores", "roster", "attendance"].includes(kind) ? list : (list as readonly Record<string, unknown>[]).map((r) => ({ ...r, shopId: shopOf(r) })),
    ]),
  ) as unknown as MonthInput;
  const report = buildMonthReport(records, {}, { month: SAMPLE_MONTH });
  const sample = buildMonthReport(sampleRecords, {}, { month: SAMPLE_MONTH });
  const line = (shopId: string) => report.shops!.shops.find((s) => s.shopId === shopId)!;

  it("the 专营店: C0101 and A01's O0101, and the fully silent S01", () => {
    expect(line(ZY)).toEqual({
      shopId: ZY,
      consultations: 1,
      sales: tally(2, "207.00"),
      credited: tally(1, "128.00"),
      silent: tally(1, "79.00"),
      botServed: tally(0, "0.00"),
      agents: [{ agentId: "A01", sales: tally(1, "128.00") }],
    });
  });

  it("the 旗舰店: the rest of the month", () => {
    const tm = line(TM);
    expect([tm.consultations, tm.sales, tm.credited, tm.silent]).toEqual([
      259,
      { orders: 234, gross: "43629.00", refunds: "1757.00", net: "41872.00" },
      { orders: 192, gross: "37521.00", refunds: "1728.00", net: "35793.00" },
      { orders: 42, gross: "6108.00", refunds: "29.00", net: "6079.00" },
    ]);
    expect(tm.agents.find((a) => a.agentId === "A01")!.sales).toEqual({ orders: 65, gross: "13628.00", refunds: "415.00", net: "13213.00" });
    // The other agents' sales are the sample's.
    expect(tm.agents.filter((a) => a.agentId !== "A01")).toEqual(sample.agents.filter((a) => a.agentId !== "A01" && a.sales.orders > 0).map((a) => ({ agentId: a.agentId, sales: a.sales })));
  });

  it("moves no figure of the month: the same sales, KPIs and pay", () => {
    expect([report.shop.sales, report.shop.credited, report.shop.silent]).toEqual([sample.shop.sales, sample.shop.credited, sample.shop.silent]);
    expect(report.agents).toEqual(sample.agents);
    expect(report.pay).toEqual(sample.pay);
    expect(report.shop.ids).toEqual([ZY, TM]);
  });

  it("the 专营店's own report: its two orders and one buyer; the team's pay", () => {
    const zy = buildMonthReport(records, {}, { month: SAMPLE_MONTH, shop: ZY });
    expect([zy.shop.sales, zy.shop.silent, zy.shop.kpis.consultingBuyers.value]).toEqual([tally(2, "207.00"), tally(1, "79.00"), "1"]);
    expect(zy.agents.filter((a) => a.sales.orders > 0).map((a) => [a.agentId, a.sales.net])).toEqual([["A01", "128.00"]]);
    expect(zy.orders.map((o) => [o.orderId, o.status, o.creditedAgent])).toEqual([
      ["O0101", "assisted", "A01"],
      ["S01", "fully-silent", null],
    ]);
    expect(zy.pay).toEqual(sample.pay);
  });
});

describe("sub-accounts in two shops", () => {
  it("an agent chatting under each shop's sub-account is one agent: its sales of both shops are its own", () => {
    const people = [
      { ...agents[0]!, accounts: "旗舰店:芳芳;专营店:芳芳" },
      { ...agents[1]!, accounts: "旗舰店:娜娜" },
    ];
    const m = (at: string, from: string, to: string, shopId: string) => ({ at: `2020-02-03 ${at}:00`, from, to, text: "您好", shopId });
    const messages = [
      m("10:00", "b1", "旗舰店:芳芳", "S1"),
      m("10:01", "旗舰店:芳芳", "b1", "S1"),
      m("10:00", "b1", "专营店:芳芳", "S2"),
      m("10:02", "专营店:芳芳", "b1", "S2"),
      m("11:00", "b2", "旗舰店:娜娜", "S1"),
      m("11:01", "旗舰店:娜娜", "b2", "S1"),
    ];
    const r = buildMonthReport({ agents: people, messages, orders: [order("O1", "b1", "S1", "10:05", "10.00"), order("O2", "b1", "S2", "10:06", "20.00"), order("O3", "b2", "S1", "11:05", "5.00")] }, {}, { month: "2020-02" });
    expect(r.agents.map((a) => [a.agentId, a.sales.orders, a.sales.net, a.kpis.consultingBuyers.value])).toEqual([
      ["A01", 2, "30.00", "2"],
      ["A02", 1, "5.00", "1"],
    ]);
    expect(r.shops!.shops.map((s) => [s.shopId, s.consultations, s.agents.map((a) => `${a.agentId} ${a.sales.net}`)])).toEqual([
      ["S1", 2, ["A01 10.00", "A02 5.00"]],
      ["S2", 1, ["A01 20.00"]],
    ]);
  });
});
