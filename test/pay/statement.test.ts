// The pay statement (R5) on tiny hand-worked inputs: every line, its rule and steps, and the total.
import { describe, expect, it } from "vitest";
import { payStatements, resolvePolicy, safePayStatements, safeResolvePolicy, type PayAgentInput, type PayOrder, type PolicyInput } from "../../src/index.js";
import { toDecimal } from "../../src/money/decimal.js";
import { commissionOf } from "../../src/pay/commission.js";

const agent = (over: Partial<PayAgentInput> = {}): PayAgentInput => ({
  agentId: "A1",
  baseSalary: "3000.00",
  daysEmployed: 29,
  daysInMonth: 29,
  onProbation: false,
  score: null,
  rewards: [],
  fines: [],
  ...over,
});
const order = (orderId: string, commissionable: string, over: Partial<PayOrder> = {}): PayOrder => ({
  orderId,
  commissionable,
  creditedAgent: "A1",
  creditedBy: "placeAgent",
  placeAgent: "A1",
  payAgent: "A1",
  ...over,
});
const pay = (policy: PolicyInput = {}) => resolvePolicy(policy).pay;

describe("commission", () => {
  it("flat: rate × the credited orders' commissionable sales, rounded half-up once", () => {
    const [s] = payStatements({ agents: [agent()], orders: [order("O1", "100.25"), order("O2", "0.25")] }, pay({ pay: { commission: { rate: "0.01" } } }));
    // 100.50 × 0.01 = 1.005 → 1.01 (half-up), not 1.00 + 0.00 per order.
    expect(s!.lines.commission).toMatchObject({ amount: "1.01", rule: "commission.flat", inputs: { base: "100.50", orders: 2, rate: "0.01" } });
    expect(s!.commissionOrders.map((o) => o.orderId)).toEqual(["O1", "O2"]);
  });

  it("progressive: each band's rate on the part of the total inside it", () => {
    const tiers = { mode: "progressive" as const, bands: [{ from: "0", rate: "0.01" }, { from: "10000", rate: "0.02" }, { from: "20000", rate: "0.03" }] };
    const c = pay({ pay: { commission: { tiers } } }).commission;
    expect(commissionOf(toDecimal("25000"), c)).toEqual({
      amount: "450.00",
      steps: ["(10000.00 − 0.00) × 0.01 = 100", "(20000.00 − 10000.00) × 0.02 = 200", "(25000.00 − 20000.00) × 0.03 = 150", "sum = 450"],
    });
    expect(commissionOf(toDecimal("9999.99"), c).amount).toBe("100.00"); // 99.9999 → 100.00
    expect(commissionOf(toDecimal("0"), c)).toEqual({ amount: "0.00", steps: ["0.00 is in no band: 0"] });
  });

  it("slab: the whole total at the reached band's rate; the edge decides a total on a boundary", () => {
    const bands = [{ from: "0", rate: "0.01" }, { from: "10000", rate: "0.02" }];
    const lower = pay({ pay: { commission: { tiers: { mode: "slab", bands } } } }).commission;
    const upper = pay({ pay: { commission: { tiers: { mode: "slab", edge: "upperInclusive", bands } } } }).commission;
    expect(commissionOf(toDecimal("10000"), lower).amount).toBe("200.00");
    expect(commissionOf(toDecimal("10000"), upper).amount).toBe("100.00");
    expect(commissionOf(toDecimal("10000.01"), upper).amount).toBe("200.00");
    expect(commissionOf(toDecimal("9999.99"), lower).steps).toEqual(["9999.99 reaches the band from 0 (lowerInclusive): 9999.99 × 0.01 = 99.9999"]);
  });

  it("split: an order placed by one agent and paid through another is shared; others go whole to the credited agent", () => {
    const orders = [
      order("O1", "100.00", { placeAgent: "A1", payAgent: "A2" }),
      order("O2", "50.00", { creditedAgent: "A2", creditedBy: "payAgent", placeAgent: null, payAgent: "A2" }), // silent order
      order("O3", "10.00", { creditedBy: "remark", placeAgent: null, payAgent: "A2" }),
      order("O4", "20.00", { creditedAgent: null, creditedBy: null, placeAgent: null, payAgent: null }), // fully silent
    ];
    const policy = pay({ pay: { commission: { rate: "0.1", split: { placeAgent: "0.7", payAgent: "0.3" } } } });
    const [a1, a2] = payStatements({ agents: [agent(), agent({ agentId: "A2" })], orders }, policy);
    expect(a1!.lines.commission.inputs["base"]).toBe("80.00"); // 70 + 10
    expect(a2!.lines.commission.inputs["base"]).toBe("80.00"); // 30 + 50
    expect(a1!.commissionOrders).toEqual([
      { orderId: "O1", share: "0.7", amount: "70.00", reason: "落实下单 placeAgent; the payAgent A2 shares it" },
      { orderId: "O3", share: "1", amount: "10.00", reason: "工号 in the order remark" },
    ]);
    expect(a2!.commissionOrders.map((o) => [o.orderId, o.share])).toEqual([["O1", "0.3"], ["O2", "1"]]);
    // Without the split, O1 is wholly A1's.
    const [b1] = payStatements({ agents: [agent()], orders }, pay({ pay: { commission: { rate: "0.1" } } }));
    expect(b1!.lines.commission.amount).toBe("11.00");
  });
});

describe("base salary, KPI bonus, rewards, fines and the total", () => {
  it("pro-rates the base salary by calendar days employed, or pays it whole", () => {
    const [s] = payStatements({ agents: [agent({ daysEmployed: 10 })], orders: [] }, pay());
    expect(s!.lines.baseSalary).toMatchObject({ amount: "1034.48", rule: "baseSalary.proRata" }); // 3000 × 10 / 29 = 1034.482…
    const [full] = payStatements({ agents: [agent({ daysEmployed: 10 })], orders: [] }, pay({ pay: { proRata: "none" } }));
    expect(full!.lines.baseSalary).toMatchObject({ amount: "3000.00", rule: "baseSalary.full" });
  });

  it("pays no base and no KPI bonus for a month without a day employed, whatever the pro-rata rule", () => {
    for (const proRata of ["calendarDays", "none"] as const) {
      const [s] = payStatements({ agents: [agent({ daysEmployed: 0, score: "90" })], orders: [] }, pay({ pay: { proRata } }));
      expect(s!.lines.baseSalary).toMatchObject({ amount: "0.00", rule: "baseSalary.notEmployed", steps: ["no day of the month employed: no base salary"] });
      expect(s!.lines.kpiBonus).toMatchObject({ amount: "0.00", rule: "kpiBonus.notEmployed" });
      expect(s!.total).toBe("0.00");
    }
    // One day is enough for the whole base under proRata "none".
    const [one] = payStatements({ agents: [agent({ daysEmployed: 1 })], orders: [] }, pay({ pay: { proRata: "none" } }));
    expect(one!.lines.baseSalary).toMatchObject({ amount: "3000.00", rule: "baseSalary.full" });
  });

  it("leaves out of the base an order paid on a day the agent was not employed; a split partner keeps only its share", () => {
    const split = pay({ pay: { commission: { split: { placeAgent: "0.7", payAgent: "0.3" } } } });
    const a1 = agent({ employedFrom: "2020-02-03", employedThrough: "2020-02-20" });
    const a2 = agent({ agentId: "A2" });
    const orders = [
      order("O1", "100.00", { paidOn: "2020-02-20" }), // the last day employed counts
      order("O2", "200.00", { paidOn: "2020-02-21", payAgent: "A2" }), // after: A1's 70 % is left out, A2 keeps 30 %
      order("O3", "300.00", { paidOn: "2020-02-02" }), // before the hire day
      order("O4", "400.00"), // no payment date: counted
    ];
    const [s1, s2] = payStatements({ agents: [a1, a2], orders }, split);
    expect(s1!.commissionOrders.map((o) => o.orderId)).toEqual(["O1", "O4"]);
    expect(s1!.excludedOrders).toEqual([
      { orderId: "O2", share: "0.7", amount: "140.00", reason: "paid 2020-02-21, after the last day employed (2020-02-20)" },
      { orderId: "O3", share: "1", amount: "300.00", reason: "paid 2020-02-02, before the first day employed (2020-02-03)" },
    ]);
    expect(s1!.lines.commission).toMatchObject({ amount: "5.00", inputs: { base: "500.00", orders: 2 } });
    expect(s1!.lines.commission.steps).toEqual([
      "not in the base: O2 (140.00, share 0.7), paid 2020-02-21, after the last day employed (2020-02-20)",
      "not in the base: O3 (300.00), paid 2020-02-02, before the first day employed (2020-02-03)",
      "500.00 × 0.01 = 5",
    ]);
    expect(s2!.commissionOrders).toEqual([{ orderId: "O2", share: "0.3", amount: "60.00", reason: "落实付款 payAgent; the placeAgent A1 shares it" }]);
    expect(s2!.excludedOrders).toEqual([]);
  });

  it("KPI bonus: points × value, or the highest band reached; none on probation or unscored", () => {
    const points = pay();
    expect(payStatements({ agents: [agent({ score: "92.5" })], orders: [] }, points)[0]!.lines.kpiBonus).toMatchObject({ amount: "462.50", rule: "kpiBonus.points" });
    expect(payStatements({ agents: [agent({ score: "92.5", onProbation: true })], orders: [] }, points)[0]!.lines.kpiBonus).toMatchObject({ amount: "0.00", rule: "kpiBonus.probation" });
    expect(payStatements({ agents: [agent()], orders: [] }, points)[0]!.lines.kpiBonus).toMatchObject({ amount: "0.00", rule: "kpiBonus.notScored" });
    const bands = pay({ pay: { kpiBonus: { mode: "bands", bands: [{ minScore: "80", amount: "300.00" }, { minScore: "90", amount: "500.00" }] } } });
    const bonus = (score: string) => payStatements({ agents: [agent({ score })], orders: [] }, bands)[0]!.lines.kpiBonus;
    expect([bonus("95").amount, bonus("90").amount, bonus("89.99").amount, bonus("79").amount]).toEqual(["500.00", "500.00", "300.00", "0.00"]);
    expect(bonus("79").steps).toEqual(["score 79 reaches no band"]);
  });

  it("total = base + commission + KPI bonus + rewards − fines, of the rounded lines", () => {
    const [s] = payStatements(
      {
        agents: [agent({ score: "90", daysEmployed: 10, rewards: [{ id: "R1", amount: "10.00", reason: "dataErrorFound" }, { id: "R2", amount: "30", reason: "suggestionAdopted" }], fines: [{ id: "V1", amount: "10.00", reason: "QQ, 1st" }] })],
        orders: [order("O1", "100.50")],
      },
      pay(),
    );
    expect(Object.fromEntries(Object.entries(s!.lines).map(([k, l]) => [k, l.amount]))).toEqual({
      baseSalary: "1034.48",
      commission: "1.01",
      kpiBonus: "450.00",
      rewards: "40.00",
      fines: "10.00",
      clawback: "0.00",
    });
    expect(s!.total).toBe("1515.49");
  });

  it("claws back what later refunds take off a settled month's commission, as their difference of rounded lines", () => {
    const clawbacks = [
      {
        month: "2020-01",
        orders: [{ orderId: "O7", refund: "100.00", share: "1" }, { orderId: "O8", refund: "33.33", share: "0.3" }],
        baseBefore: "12000.00",
        baseAfter: "11890.00",
        commissionBefore: "140.00",
        commissionAfter: "137.80",
      },
    ];
    const [s] = payStatements({ agents: [agent({ clawbacks })], orders: [] }, pay());
    expect(s!.lines.clawback).toEqual({
      amount: "2.20",
      rule: "clawback.refundAfterSettlement",
      inputs: { items: 1 },
      steps: ["2020-01: refunds after settlement (O7 100.00, O8 33.33 × 0.3) lower the commission base 12000.00 → 11890.00; commission 140.00 → 137.80: 2.20"],
    });
    expect(s!.total).toBe("2997.80");
  });
});

describe("bad input and bad policy", () => {
  it("names each invalid field of the pay input", () => {
    const result = safePayStatements(
      { agents: [agent({ baseSalary: "-1", daysEmployed: 30 })], orders: [order("", "1.005")] } as never,
      pay(),
    );
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "pay.agents.0.baseSalary: expected an amount ≥ 0 with at most 2 decimals",
      "pay.agents.0.daysEmployed: daysEmployed is more than the month's days",
      "pay.orders.0.orderId: is missing",
      "pay.orders.0.commissionable: expected an amount ≥ 0 with at most 2 decimals",
    ]);
  });

  it("rejects tier tables that do not start at 0, do not increase, or make a slab pay less for more", () => {
    const issues = (p: PolicyInput) => {
      const r = safeResolvePolicy(p);
      return r.success ? [] : r.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(issues({ pay: { commission: { tiers: { mode: "progressive", bands: [{ from: "100", rate: "0.01" }] } } } })).toEqual([
      "policy.pay.commission.tiers.bands.0.from: the first band must begin at 0.00",
    ]);
    expect(issues({ pay: { commission: { tiers: { mode: "slab", bands: [{ from: "0", rate: "0.02" }, { from: "0", rate: "0.01" }] } } } })).toEqual([
      "policy.pay.commission.tiers.bands.1.from: bands must begin at increasing totals (0 is not above 0)",
      "policy.pay.commission.tiers.bands.1.rate: a slab table's rates must not decrease (0.01 after 0.02): selling more would pay less",
    ]);
    // A progressive table may lower its marginal rate: pay still grows with sales.
    expect(issues({ pay: { commission: { tiers: { mode: "progressive", bands: [{ from: "0", rate: "0.02" }, { from: "100", rate: "0.01" }] } } } })).toEqual([]);
    expect(issues({ pay: { commission: { split: { placeAgent: "0.7", payAgent: "0.2" } } } })).toEqual([
      "policy.pay.commission.split: the placeAgent and payAgent shares must add up to 1",
    ]);
    expect(issues({ pay: { commission: { rate: "1.5" } } })).toEqual(["policy.pay.commission.rate: expected a rate from 0 to 1 as a decimal like 0.015"]);
    expect(issues({ pay: { kpiBonus: { mode: "bands" } } })).toEqual(["policy.pay.kpiBonus.bands: mode bands needs at least one band"]);
  });
});
