// Bots (店小蜜), as properties over random months: setting a bot apart changes no human figure of
// attribution, and an order is bot-served exactly when no agent served it and the bot, matched by
// R1 as if it were the only agent, did.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attributeSales, buildKpiReport, type AttributedOrder } from "../../src/index.js";

const MINUTE = 60_000;
// Whole minutes after 2020-02-01 00:00 in Shanghai, as wall times.
function wall(minutes: number): string {
  const d = new Date(Date.UTC(2020, 1, 1) + minutes * MINUTE);
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

const AGENTS = ["A1", "A2", "BOT"] as const;
const BUYERS = ["b1", "b2", "b3", "b4"];
const SPAN = 6 * 1440; // six days: the 48 h window matters

const consultation = fc.record({
  agent: fc.constantFrom(...AGENTS),
  buyer: fc.constantFrom(...BUYERS),
  start: fc.integer({ min: 0, max: SPAN }),
  reply: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  length: fc.integer({ min: 31, max: 600 }),
});
const order = fc.record({
  buyer: fc.constantFrom(...BUYERS),
  created: fc.integer({ min: 0, max: SPAN }),
  paidAfter: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }),
  amount: fc.integer({ min: 1, max: 99_999 }),
  flag: fc.constantFrom(undefined, "red" as const),
});
const month = fc.record({ consultations: fc.array(consultation, { maxLength: 14 }), orders: fc.array(order, { minLength: 1, maxLength: 10 }) });

type Month = typeof month extends fc.Arbitrary<infer M> ? M : never;

function records(m: Month, only: (agent: string) => boolean) {
  return {
    consultations: m.consultations.flatMap((c, i) =>
      only(c.agent)
        ? [{ consultationId: `C${i}`, agentId: c.agent, buyerId: c.buyer, startedAt: wall(c.start), firstReplyAt: c.reply === null ? "" : wall(c.start + c.reply), endedAt: wall(c.start + c.length) }]
        : [],
    ),
    orders: m.orders.map((o, i) => ({
      orderId: `O${i}`,
      buyerId: o.buyer,
      createdAt: wall(o.created),
      paidAt: o.paidAfter === null ? "" : wall(o.created + o.paidAfter),
      amount: `${Math.floor(o.amount / 100)}.${String(o.amount % 100).padStart(2, "0")}`,
      ...(o.flag === undefined ? {} : { flag: o.flag }),
    })),
  };
}

const policy = { attribution: { excludeFlags: ["red" as const] } };
const people = [{ agentId: "A1" }, { agentId: "A2" }];
const withBot = [...people, { agentId: "BOT", group: "bot" as const }];
const strip = ({ botConsultationId: _b, ...o }: AttributedOrder) => o;

describe("bots (properties over random months)", () => {
  it("change no human figure of attribution, and serve exactly the silent orders R1 would give them alone", () => {
    fc.assert(
      fc.property(month, (m) => {
        const all = attributeSales({ agents: withBot, ...records(m, () => true) }, policy);
        const humans = attributeSales({ agents: people, ...records(m, (a) => a !== "BOT") }, policy);
        // The bot as the only agent (a person, so R1 names its consultation as it would an agent's).
        const alone = attributeSales({ agents: [{ agentId: "BOT" }], ...records(m, (a) => a === "BOT") }, policy);
        expect(all.agents).toEqual(humans.agents);
        expect(all.orders.map(strip)).toEqual(humans.orders.map(strip));
        const { botServed, ...shop } = all.shop;
        const { botServed: none, ...humanShop } = humans.shop;
        expect(shop).toEqual(humanShop);
        expect(none.orders).toBe(0);
        let served = 0;
        all.orders.forEach((o, i) => {
          const expected = o.status === "fully-silent" && !o.excluded && o.creditedAgent === null ? (alone.orders[i]!.placeConsultationId ?? alone.orders[i]!.payConsultationId) : null;
          expect(o.botConsultationId).toBe(expected);
          if (o.botConsultationId !== null && o.booked) served++;
        });
        expect(botServed.orders).toBe(served);
        expect(botServed.orders).toBeLessThanOrEqual(all.shop.silent.orders);
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it("leave the agents' KPIs as they are without the bot, and count each buyer once", () => {
    fc.assert(
      fc.property(month, (m) => {
        const agents = (a: readonly { agentId: string }[]) => a.map((x) => ({ ...x, name: x.agentId, grade: "junior" as const }));
        const all = buildKpiReport({ agents: agents(withBot), ...records(m, () => true) }, policy, { period: "2020-02" });
        const humans = buildKpiReport({ agents: agents(people), ...records(m, (a) => a !== "BOT") }, policy, { period: "2020-02" });
        expect(all.agents).toEqual(humans.agents);
        expect(all.shop).toEqual(humans.shop);
        const r = all.bots!.receptions;
        const started = (agent: (a: string) => boolean) => new Set(m.consultations.filter((c) => agent(c.agent)).map((c) => c.buyer));
        const byBot = started((a) => a === "BOT");
        const byPeople = started((a) => a !== "BOT");
        expect([r.bots, r.botsOnly, r.all]).toEqual([byBot.size, [...byBot].filter((b) => !byPeople.has(b)).length, new Set([...byBot, ...byPeople]).size]);
      }),
      { numRuns: 150, seed: 20261205 },
    );
  });
});
