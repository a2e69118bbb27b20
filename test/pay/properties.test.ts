/**
 * Laws of the pay statement (R5): commission is monotone in sales under any valid tier table;
 * progressive and slab agree where they must; the total is the sum of the lines; an agent's
 * statement does not depend on other agents' data.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commissionOf } from "../../src/pay/commission.js";
import { formatFen, parseFen } from "../../src/money/fen.js";
import { payStatements, resolvePolicy, type PayAgentInput, type PayOrder, type PolicyInput } from "../../src/index.js";
import { toDecimal } from "../../src/money/decimal.js";

const fen = fc.integer({ min: 0, max: 50_000_000 }); // up to 500,000 yuan
const rate = fc.integer({ min: 0, max: 50_000 }).map((micro) => (micro / 1_000_000).toFixed(6));
const money = (f: number): string => formatFen(f);

/** A valid tier table: the first band at 0, increasing boundaries; slab rates never decrease. */
const tiers = (mode: "progressive" | "slab") =>
  fc
    .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 40_000_000 }), { minLength: 0, maxLength: 4 }), fc.array(rate, { minLength: 5, maxLength: 5 }), fc.constantFrom("lowerInclusive", "upperInclusive"))
    .map(([bounds, rates, edge]) => {
      const froms = [0, ...[...bounds].sort((a, b) => a - b)];
      const sortedRates = mode === "slab" ? [...rates].sort((a, b) => Number(a) - Number(b)) : rates;
      return { mode, edge, bands: froms.map((from, i) => ({ from: money(from), rate: sortedRates[i]! })) } as const;
    });

const commissionPolicy = (t: unknown) => resolvePolicy({ pay: { commission: { tiers: t } } } as PolicyInput).pay.commission;

describe("commission laws", () => {
  it("is monotone in the base under any valid progressive or slab table", () => {
    fc.assert(
      fc.property(fc.constantFrom<"progressive" | "slab">("progressive", "slab").chain(tiers), fen, fen, (table, a, b) => {
        const c = commissionPolicy(table);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(parseFen(commissionOf(toDecimal(money(lo)), c).amount)).toBeLessThanOrEqual(parseFen(commissionOf(toDecimal(money(hi)), c).amount));
      }),
      { numRuns: 300 },
    );
  });

  it("progressive and slab agree within the first band, and everywhere when all rates are equal", () => {
    fc.assert(
      fc.property(tiers("slab"), fen, (slab, base) => {
        const progressive = { ...slab, mode: "progressive" as const };
        const first = slab.bands[1] ? parseFen(slab.bands[1].from) : Infinity;
        const within = Math.min(base, first - 1);
        const p = commissionPolicy(progressive);
        const s = commissionPolicy(slab);
        expect(commissionOf(toDecimal(money(within)), p).amount).toBe(commissionOf(toDecimal(money(within)), s).amount);
        const flat = slab.bands.map((b) => ({ ...b, rate: slab.bands[0]!.rate }));
        expect(commissionOf(toDecimal(money(base)), commissionPolicy({ ...progressive, bands: flat })).amount).toBe(
          commissionOf(toDecimal(money(base)), commissionPolicy({ ...slab, bands: flat })).amount,
        );
        // With rates that never decrease, the slab pays at least the progressive table.
        expect(parseFen(commissionOf(toDecimal(money(base)), s).amount)).toBeGreaterThanOrEqual(parseFen(commissionOf(toDecimal(money(base)), p).amount));
      }),
      { numRuns: 300 },
    );
  });
});

describe("statement laws", () => {
  const agentId = fc.constantFrom("A1", "A2", "A3");
  const orderArb = fc.record({
    commissionable: fen.map(money),
    creditedAgent: fc.option(agentId, { nil: null }),
    placeAgent: fc.option(agentId, { nil: null }),
    payAgent: fc.option(agentId, { nil: null }),
  });
  const orders = fc.array(orderArb, { maxLength: 20 }).map((os) =>
    os.map((o, i): PayOrder => ({ orderId: `O${i}`, ...o, creditedBy: o.creditedAgent === null ? null : o.placeAgent === o.creditedAgent ? "placeAgent" : "payAgent" })),
  );
  const item = fc.record({ id: fc.constant("X"), amount: fen.map(money), reason: fc.constant("r") });
  const agentArb = (id: string) =>
    fc.record({
      agentId: fc.constant(id),
      baseSalary: fen.map(money),
      daysEmployed: fc.integer({ min: 0, max: 29 }),
      daysInMonth: fc.constant(29),
      onProbation: fc.boolean(),
      score: fc.option(fc.integer({ min: 0, max: 1000 }).map((s) => (s / 10).toString()), { nil: null }),
      rewards: fc.array(item, { maxLength: 3 }),
      fines: fc.array(item, { maxLength: 3 }),
      clawbacks: fc.array(
        fc.tuple(fen, fen).map(([x, y]) => ({
          month: "2020-01",
          orders: [{ orderId: "P1", refund: "1.00", share: "1" }],
          baseBefore: "0",
          baseAfter: "0",
          commissionBefore: money(Math.max(x, y)),
          commissionAfter: money(Math.min(x, y)),
        })),
        { maxLength: 2 },
      ),
    }) as fc.Arbitrary<PayAgentInput>;
  const policies = fc.constantFrom<PolicyInput>(
    {},
    { pay: { commission: { split: { placeAgent: "0.7", payAgent: "0.3" } } } },
    { pay: { commission: { tiers: { mode: "progressive", bands: [{ from: "0", rate: "0.01" }, { from: "1000", rate: "0.03" }] } }, kpiBonus: { mode: "bands", bands: [{ minScore: "60", amount: "100" }] } } },
  );

  it("total = base + commission + KPI bonus + rewards − fines − clawback", () => {
    fc.assert(
      fc.property(fc.tuple(agentArb("A1"), agentArb("A2")), orders, policies, (agents, os, p) => {
        for (const s of payStatements({ agents, orders: os }, resolvePolicy(p).pay)) {
          const l = s.lines;
          const sum = parseFen(l.baseSalary.amount) + parseFen(l.commission.amount) + parseFen(l.kpiBonus.amount) + parseFen(l.rewards.amount) - parseFen(l.fines.amount) - parseFen(l.clawback.amount);
          expect(s.total).toBe(formatFen(sum));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("an agent's statement does not change when other agents' data changes", () => {
    fc.assert(
      fc.property(agentArb("A1"), agentArb("A2"), agentArb("A2"), orders, orders, policies, (a1, a2, a2b, mine, theirs, p) => {
        // Orders that never touch A1, however they are credited.
        const notA1 = (os: PayOrder[]) => os.map((o) => ({ ...o, creditedAgent: o.creditedAgent === "A1" ? "A3" : o.creditedAgent, placeAgent: o.placeAgent === "A1" ? "A3" : o.placeAgent, payAgent: o.payAgent === "A1" ? "A3" : o.payAgent }));
        const policy = resolvePolicy(p).pay;
        const base = payStatements({ agents: [a1, a2], orders: mine }, policy)[0];
        const other = payStatements({ agents: [a1, a2b], orders: [...mine, ...notA1(theirs).map((o) => ({ ...o, orderId: `T${o.orderId}` }))] }, policy)[0];
        expect(other).toEqual(base);
      }),
      { numRuns: 200 },
    );
  });
});
