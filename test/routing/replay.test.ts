// R7 over a period's real arrivals: online while on shift (09:00 and 23:30 at the edges), the
// recent agent's 24 hours across the period's start, the load R7 gives, the buyers who wait and
// how long, the audit of the real agents per step, a dismissal, and the order of simultaneous
// arrivals.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { replayRouting, safeReplayRouting } from "../../src/index.js";
import { ranked, sortedRanks } from "../../src/month/routingReplay.js";
import { issueRows } from "../issueRows.js";
import { shuffled } from "../shuffle.js";

const agents = [
  { agentId: "A01", group: "presale" },
  { agentId: "A02", group: "presale" },
  { agentId: "A03", group: "aftersale" },
];
// Monday 3 February 2020: A01 day 09:00–17:30, A03 half day 10:00–15:30, A02 night 17:00–23:30; A01 again on the 4th.
const roster = [
  { agentId: "A01", date: "2020-02-03", shift: "day" },
  { agentId: "A03", date: "2020-02-03", shift: "halfDay" },
  { agentId: "A02", date: "2020-02-03", shift: "night" },
  { agentId: "A01", date: "2020-02-04", shift: "day" },
];
const c = (consultationId: string, agentId: string, buyerId: string, start: string, end: string, source: string) => ({
  consultationId,
  agentId,
  buyerId,
  startedAt: `2020-02-0${start}`,
  firstReplyAt: `2020-02-0${start}`,
  endedAt: `2020-02-0${end}`,
  source,
});
const consultations = [
  c("K00", "A01", "b3", "2 09:40", "2 10:00", "商品详情页"), // before the period: b3's agent until 10:00 on the 2nd
  c("K01", "A01", "b1", "3 09:00", "3 09:20", "商品详情页"), // 09:00 sharp: A01 is online
  c("K02", "A01", "b2", "3 09:10", "3 09:30", "订单详情页"), // after-sales, and no after-sales agent online yet
  c("K03", "A01", "b3", "3 10:00", "3 10:30", "订单详情页"), // exactly 24 h after K00 ended: A01 no longer b3's recent agent
  c("K04", "A03", "b1", "3 10:05", "3 10:20", "商品详情页"), // b1's recent agent A01 is online
  c("K07b", "A01", "b7", "3 11:00", "3 11:30", "店铺首页"), // simultaneous, answered at once: K07a first (consultationId)
  c("K07a", "A01", "b6", "3 11:00", "3 11:30", "店铺首页"),
  c("K05", "A02", "b4", "3 17:30", "3 17:45", "店铺首页"), // 17:30: the day shift has ended, the night is on
  c("K06", "A02", "b5", "3 23:30", "3 23:40", "店铺首页"), // 23:30: nobody on shift until 09:00 on the 4th
];
const input = { agents, roster, consultations };

describe("replayRouting (R7 over a period's arrivals)", () => {
  const r = replayRouting(input, {}, { period: "2020-02-03" });

  it("gives each arrival by R7's steps over the roster, and counts the load it would give", () => {
    expect(r).toMatchObject({ period: "2020-02-03", split: true, arrivals: 8 });
    expect(r.agents).toEqual([
      // A01: K01, K02 (onlineOther), K04 (recent), K07a, K07b; two held at once at 09:10 and at 11:00.
      { agentId: "A01", group: "preSales", routed: 5, peakLoad: 2, actual: 5 },
      { agentId: "A02", group: "preSales", routed: 1, peakLoad: 1, actual: 2 },
      { agentId: "A03", group: "afterSales", routed: 1, peakLoad: 1, actual: 1 },
    ]);
  });

  it("lists the buyers who arrive with nobody on shift, and how long until a shift began", () => {
    expect(r.waiting).toEqual([{ consultationId: "K06", at: "2020-02-03T23:30:00+08:00", group: "preSales", onlineAt: "2020-02-04T09:00:00+08:00", waitSeconds: 9.5 * 3600 }]);
  });

  it("audits the real agents against R7 in the shop's real state, per step", () => {
    expect(r.audit.steps).toEqual([
      { step: "recentAgent", arrivals: 1, differs: 1 },
      { step: "onlineMatching", arrivals: 5, differs: 1 },
      { step: "onlineOther", arrivals: 1, differs: 0 },
      { step: "busyMatching", arrivals: 0, differs: 0 },
      { step: "busyOther", arrivals: 0, differs: 0 },
      { step: "nobody", arrivals: 1, differs: 1 },
    ]);
    expect(r.audit.differs).toBe(3);
    expect(r.audit.differences).toEqual([
      { consultationId: "K03", at: "2020-02-03T10:00:00+08:00", actual: "A01", routed: "A03", step: "onlineMatching" },
      { consultationId: "K04", at: "2020-02-03T10:05:00+08:00", actual: "A03", routed: "A01", step: "recentAgent" },
      { consultationId: "K06", at: "2020-02-03T23:30:00+08:00", actual: "A02", routed: null, step: "nobody" },
    ]);
  });

  it("keeps the recent agent for less than 24 hours, counted from the end of the buyer's last consultation, across the period's start", () => {
    const sooner = consultations.map((x) => (x.consultationId === "K00" ? { ...x, endedAt: "2020-02-02 10:00:01" } : x));
    const s = replayRouting({ agents, roster, consultations: sooner }, {}, { period: "2020-02-03" });
    // K03 now goes to A01, its real agent, by the recent-agent step.
    expect(s.audit.steps[0]).toEqual({ step: "recentAgent", arrivals: 2, differs: 1 });
    expect(s.audit.differences.map((d) => d.consultationId)).toEqual(["K04", "K06"]);
  });

  it("makes an online agent at routing.maxConcurrent chats busy", () => {
    const one = replayRouting(input, { routing: { maxConcurrent: 1 } }, { period: "2020-02-03" });
    // K02 at 09:10: A01 holds K01, busy; the only agent on shift: busyOther. K07b at 11:00: A01 holds K07a; A03 online takes it.
    expect(one.audit.steps.map((s) => [s.step, s.arrivals])).toEqual([
      ["recentAgent", 1],
      ["onlineMatching", 4],
      ["onlineOther", 1],
      ["busyMatching", 0],
      ["busyOther", 1],
      ["nobody", 1],
    ]);
    expect(one.agents.map((a) => [a.agentId, a.routed, a.peakLoad])).toEqual([
      ["A01", 4, 2],
      ["A02", 1, 1],
      ["A03", 2, 1],
    ]);
  });

  it("takes simultaneous arrivals by first reply: the buyer answered first arrived first", () => {
    const at = (id: string, reply: string) => ({ ...c(id, "A01", `buyer-${id}`, "3 12:00", "3 12:30", "店铺首页"), firstReplyAt: `2020-02-03 ${reply}` });
    // Both real chats went to A01. At one chat each, the first to arrive gets A01 and the other A03.
    const both = [...consultations, at("K09a", "12:00:40"), at("K09b", "12:00:10")];
    const one = replayRouting({ agents, roster, consultations: both }, { routing: { maxConcurrent: 1 } }, { period: "2020-02-03" });
    expect(one.audit.differences.filter((d) => d.consultationId.startsWith("K09"))).toEqual([
      { consultationId: "K09a", at: "2020-02-03T12:00:00+08:00", actual: "A01", routed: "A03", step: "onlineOther" },
    ]);
  });

  it("takes an agent offline from their dismissal", () => {
    const dismissed = agents.map((a) => (a.agentId === "A01" ? { ...a, dismissedAt: "2020-02-03 10:50" } : a));
    const d = replayRouting({ agents: dismissed, roster, consultations }, {}, { period: "2020-02-03" });
    // K07a and K07b at 11:00: only A03 is on shift (onlineOther).
    expect(d.agents.find((a) => a.agentId === "A03")).toMatchObject({ routed: 3, peakLoad: 2 });
    // The next shift after K06 is A01's on the 4th: A01 is gone, and no one else is rostered.
    expect(d.waiting).toEqual([{ consultationId: "K06", at: "2020-02-03T23:30:00+08:00", group: "preSales", onlineAt: null, waitSeconds: null }]);
  });

  it("does not depend on the consultations' order: simultaneous arrivals go by first reply, then consultationId", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(consultations, { minLength: consultations.length }), (reordered) => {
        expect(replayRouting({ agents, roster, consultations: reordered }, {}, { period: "2020-02-03" })).toEqual(r);
      }),
      { numRuns: 30 },
    );
  });

  it("names a consultation of the period without a source, or with one the policy does not list", () => {
    const bad = consultations.map((x) => (x.consultationId === "K01" ? { ...x, source: "" } : x.consultationId === "K05" ? { ...x, source: "直通车" } : x));
    expect(issueRows(safeReplayRouting({ agents, roster, consultations: bad }, {}, { period: "2020-02-03" }))).toEqual([
      ["missing_field", "consultations.1.source", "is missing; the routing replay reads each consultation's source (来源, 入线来源)"],
      [
        "invalid_value",
        "consultations.7.source",
        '"直通车" is no source of the policy: routing.afterSalesSources are "消息中心", "订单详情页", "订单列表页", routing.preSalesSources "店铺首页", "商品详情页"; add it to one',
      ],
    ]);
    // Outside the period a source is not read.
    expect(safeReplayRouting({ agents, roster, consultations: bad }, {}, { period: "2020-02-04" }).success).toBe(true);
    expect(issueRows(safeReplayRouting({ agents, roster, consultations }, {}, { period: "Feb" }))[0]?.slice(0, 2)).toEqual(["invalid_value", "options.period"]);
    expect(issueRows(safeReplayRouting({ agents, consultations } as never, {}, { period: "2020-02" }))).toEqual([["missing_field", "roster", "is missing; expected an array of roster records"]]);
  });
});

describe("the arrival order (internal)", () => {
  it("ranks instants as their order: whole seconds by the second, others by sorting, no first reply last", () => {
    const instant = fc.oneof(
      fc.integer({ min: 0, max: 5000 }).map((s) => 1_580_000_000_000 + s * 1000),
      fc.integer({ min: 0, max: 5_000_000 }).map((ms) => 1_580_000_000_000 + ms),
      fc.constant(Infinity),
      fc.integer({ min: -3, max: 3 }).map((d) => d * 86_400_000 * 400),
    );
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 60 }), (list) => {
        const values = Float64Array.from(list);
        for (const ranks of [ranked(values), sortedRanks(values)]) {
          for (let i = 0; i < values.length; i++) {
            expect(ranks.rank[i]).toBeGreaterThanOrEqual(0);
            expect(ranks.rank[i]).toBeLessThan(ranks.distinct);
            for (let j = 0; j < values.length; j++) expect(Math.sign(ranks.rank[i]! - ranks.rank[j]!)).toBe(Math.sign(values[i]! - values[j]!) || 0);
          }
        }
      }),
    );
  });

  it("orders many simultaneous arrivals by first reply then consultationId, as a plain sort of the rows does, whatever their order", () => {
    const row = fc.record({ second: fc.integer({ min: 0, max: 4 }), ms: fc.constantFrom(0, 0, 0, 250), reply: fc.option(fc.integer({ min: 0, max: 2 })), id: fc.constantFrom("K1", "K10", "K9", "K2", "X", "K100", "K1a", "Kz", "k1", "K", "K1000a", "K1000b", "K1000") });
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 10 }), fc.integer(), (rows, seed) => {
        const stamp = (s: number, ms: number) => `2020-02-03T12:00:0${s}.${String(ms).padStart(3, "0")}+08:00`;
        const cons = rows.map((r) => ({
          consultationId: r.id,
          agentId: "A01",
          buyerId: `b-${r.id}`,
          startedAt: stamp(r.second, r.ms),
          firstReplyAt: r.reply === null ? "" : `2020-02-03T12:0${r.reply + 1}:00+08:00`,
          endedAt: "2020-02-03T12:30:00+08:00",
          source: "店铺首页",
        }));
        const expected = rows
          .slice()
          .sort((a, b) => a.second * 1000 + a.ms - (b.second * 1000 + b.ms) || (a.reply ?? Infinity) - (b.reply ?? Infinity) || (a.id < b.id ? -1 : 1))
          .map((r) => r.id);
        // Ten agents on shift at one chat each, every chat really taken by B0: in the real state B0
        // is free for the first arrival only, so the audit's differences are the others, in arrival order.
        const team = Array.from({ length: 10 }, (_, k) => ({ agentId: `B${k}` }));
        const shifts = team.map((a) => ({ agentId: a.agentId, date: "2020-02-03", shift: "day" }));
        const replay = replayRouting({ agents: team, roster: shifts, consultations: shuffled(cons, seed).map((x) => ({ ...x, agentId: "B0" })) }, { routing: { maxConcurrent: 1 } }, { period: "2020-02-03" });
        const order = [...replay.audit.differences.map((d) => d.consultationId)];
        const first = expected[0];
        expect(order).toEqual(expected.filter((id) => id !== first));
      }),
      { numRuns: 80 },
    );
  });
});
