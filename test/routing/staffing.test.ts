// Staffing (seed 002 客服配置): Erlang C against known values, the agents needed per hour of the
// week for a hand-made fortnight (derived below), the fewest on shift at a handover, a dismissal
// and a night with no night shift, the service hours' floor, the period's edges, and a property:
// the arrivals and the fewest on shift equal a minute-by-minute count, whatever the rows' order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planStaffing, safePlanStaffing, type StaffingHour } from "../../src/index.js";
import { agentsNeeded, erlangC, serviceLevel } from "../../src/routing/erlang.js";
import { issueRows } from "../issueRows.js";
import { shuffled } from "../shuffle.js";

describe("Erlang C", () => {
  it("gives the textbook figures: 10 erlangs on 11 servers wait 68.2% of the time", () => {
    // A = 10 (e.g. 200 calls an hour of 3 minutes); C(11, 10) = 0.6821, and within 20 s:
    // SL = 1 − C · e^(−(N − A)·20/180).
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 4);
    expect(serviceLevel(11, 10, 20, 180)).toBeCloseTo(1 - 0.6821 * Math.exp(-20 / 180), 3);
    expect(serviceLevel(14, 10, 20, 180)).toBeCloseTo(0.8884, 4);
    // One server: C = ρ (the M/M/1 queue).
    expect(erlangC(1, 0.25)).toBeCloseTo(0.25, 12);
  });

  it("needs no agent for no arrival, and never counts a queue that grows without end", () => {
    expect(erlangC(5, 0)).toBe(0);
    expect(erlangC(10, 10)).toBe(1);
    expect(serviceLevel(10, 10, 60, 180)).toBe(0);
    expect(serviceLevel(3, 0, 60, 180)).toBe(1);
    const need = { holdSeconds: 180, targetSeconds: 20, serviceLevel: 0.8 };
    expect(agentsNeeded({ ...need, arrivals: 0, chatsPerAgent: 1 })).toBe(0);
    // 13 servers give 79.6%, 14 give 88.8%: 14 agents of one call each; of three chats each, 15 servers = 5 agents.
    expect(agentsNeeded({ ...need, arrivals: 200, chatsPerAgent: 1 })).toBe(14);
    expect(agentsNeeded({ ...need, arrivals: 200, chatsPerAgent: 3 })).toBe(5);
    // The level is reached at the agent found, not before.
    for (const c of [1, 2, 3, 5]) {
      const n = agentsNeeded({ ...need, arrivals: 500, chatsPerAgent: c });
      expect(serviceLevel(n * c, (500 * 180) / 3600, 20, 180)).toBeGreaterThanOrEqual(0.8);
      expect(serviceLevel((n - 1) * c, (500 * 180) / 3600, 20, 180)).toBeLessThan(0.8);
    }
  });
});

// A fortnight, 3–16 February 2020 (Mondays the 3rd and the 10th). Default shifts: day 09:00–17:30,
// halfDay 10:00–15:30, night 17:00–23:30. A03 is dismissed at 12:30 on the 10th.
const agents = [{ agentId: "A01" }, { agentId: "A02" }, { agentId: "A03", dismissedAt: "2020-02-10 12:30" }];
const roster = [
  { agentId: "A01", date: "2020-02-03", shift: "day" },
  { agentId: "A02", date: "2020-02-03", shift: "night" },
  { agentId: "A03", date: "2020-02-03", shift: "halfDay" },
  { agentId: "A01", date: "2020-02-10", shift: "day" },
  { agentId: "A02", date: "2020-02-10", shift: "night" },
  { agentId: "A03", date: "2020-02-10", shift: "halfDay" },
  { agentId: "A01", date: "2020-02-04", shift: "day" },
  { agentId: "A02", date: "2020-02-04", shift: "night" },
  { agentId: "A01", date: "2020-02-11", shift: "day" }, // Tuesday the 11th: no night shift
];
let n = 0;
// Every consultation 20 minutes long: the mean holding time is 1200 s.
const at = (start: string, agentId = "A01") => {
  const [d, t] = start.split(" ");
  const end = new Date(`${d}T${t}:00+08:00`).getTime() + 20 * 60_000;
  const e = new Date(end + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
  return { consultationId: `K${String(++n).padStart(2, "0")}`, agentId, buyerId: `b${n}`, startedAt: start, endedAt: e };
};
const consultations = [
  at("2020-02-02 23:50"), // before the period
  at("2020-02-03 09:10"),
  at("2020-02-03 09:20"),
  at("2020-02-03 09:30"), // Monday 09:00: three in the first week …
  at("2020-02-10 09:05"), // … one in the second
  at("2020-02-03 23:45", "A02"), // Monday 23:00: after the night shift's 23:30
  at("2020-02-16 23:59"), // Sunday the 16th, the period's last minute
  at("2020-02-17 00:00"), // after the period
];
const policy = { staffing: { chatsPerAgent: 2 }, roster: { minOnShift: 0 } };
const period = "2020-02-03..2020-02-16";
const hourOf = (hours: readonly StaffingHour[], weekday: number, hour: number) => hours.find((h) => h.weekday === weekday && h.hour === hour)!;

describe("planStaffing (per hour of the week, against the roster)", () => {
  const plan = planStaffing({ agents, roster, consultations }, policy, { period });

  it("states the model: the period's arrivals, their mean length, the chats per agent and the target", () => {
    const { hours, ...model } = plan;
    expect(model).toEqual({
      period,
      arrivals: 6,
      holdSeconds: 1200,
      chatsPerAgent: 2,
      targetSeconds: 60,
      serviceLevel: 0.8,
      percentile: 0.9,
      minOnShift: 0,
      serviceHours: "09:00–23:30",
      // Under: Monday 09:00 and 23:00, Sunday 23:00 (below). Over (no floor here: an hour without
      // arrivals needs nobody): Monday 10:00–22:00 (13 hours) and Tuesday 09:00–16:00 (8).
      under: 3,
      over: 21,
    });
    expect(hours).toHaveLength(7 * 24);
    expect(hours.every((h) => h.occurrences === 2)).toBe(true);
  });

  it("staffs Monday 09:00 for its busier week, by Erlang C on two chats per agent", () => {
    // Counts 3 and 1: mean 2, the 0.9 percentile is the ⌈1.8⌉ = 2nd smallest = 3. A = 3 · 1200 / 3600 = 1 erlang.
    // One agent (2 servers): B(2) = 0.2, C = 0.4 / 1.2 = 1/3, SL = 1 − e^(−60/1200) / 3 = 0.683 < 0.8;
    // two (4 servers): C = 0.0204, SL = 0.982. A01 alone from 09:00 both Mondays: under.
    expect(hourOf(plan.hours, 1, 9)).toEqual({ weekday: 1, hour: 9, occurrences: 2, arrivals: 4, mean: 2, load: 3, needed: 2, staffed: 1, serviceLevel: 0.683, status: "under" });
    const median = planStaffing({ agents, roster, consultations }, { ...policy, staffing: { chatsPerAgent: 2, percentile: 0.5 } }, { period });
    // The median is the ⌈1⌉ = 1st smallest = 1: A = 1/3, one agent gives 0.956.
    expect(hourOf(median.hours, 1, 9)).toMatchObject({ load: 1, needed: 1, staffed: 1, serviceLevel: 0.956, status: "ok" });
  });

  it("counts the fewest on shift at any instant: a handover at one instant, a dismissal, a night without its shift", () => {
    // Monday 10:00–15:00: A01 and A03 both weeks (A03's half day 10:00–15:30).
    expect(hourOf(plan.hours, 1, 10)).toMatchObject({ staffed: 2, needed: 0, status: "over" });
    // Monday 12:00: A03 is dismissed at 12:30 on the 10th.
    expect(hourOf(plan.hours, 1, 12)).toMatchObject({ staffed: 1 });
    // Monday 15:00: A03 leaves at 15:30. 17:00: A02 from 17:00 and A01 until 17:30: 2 then 1.
    expect(hourOf(plan.hours, 1, 15)).toMatchObject({ staffed: 1 });
    expect(hourOf(plan.hours, 1, 17)).toMatchObject({ staffed: 1 });
    // Tuesday 17:00: the 11th has no night shift, so from 17:30 nobody.
    expect(hourOf(plan.hours, 2, 17)).toMatchObject({ staffed: 0, needed: 0, status: "ok" });
    expect(hourOf(plan.hours, 2, 18)).toMatchObject({ staffed: 0 });
    // Monday 23:00: one arrival after 23:30, nobody on shift from then: under, a service level of 0.
    expect(hourOf(plan.hours, 1, 23)).toMatchObject({ arrivals: 1, load: 1, needed: 1, staffed: 0, serviceLevel: 0, status: "under" });
    // The period's edges: the 16th's 23:59 is in, the 2nd and the 17th are not.
    expect(hourOf(plan.hours, 7, 23)).toMatchObject({ arrivals: 1, mean: 0.5, load: 1, needed: 1, staffed: 0, status: "under" });
    expect(hourOf(plan.hours, 7, 0)).toMatchObject({ arrivals: 0 });
  });

  it("needs roster.minOnShift in every hour wholly inside the service hours (09:00–23:30), none in 23:00", () => {
    const floor = planStaffing({ agents, roster, consultations }, { staffing: { chatsPerAgent: 2 } }, { period });
    expect(floor.minOnShift).toBe(1);
    expect(hourOf(floor.hours, 3, 8)).toMatchObject({ needed: 0, status: "ok" });
    expect(hourOf(floor.hours, 3, 9)).toMatchObject({ needed: 1, staffed: 0, status: "under" });
    expect(hourOf(floor.hours, 3, 22)).toMatchObject({ needed: 1, status: "under" });
    expect(hourOf(floor.hours, 3, 23)).toMatchObject({ needed: 0, status: "ok" });
    expect(hourOf(floor.hours, 1, 10)).toMatchObject({ needed: 1, staffed: 2, status: "over" });
  });

  it("takes the chats per agent from routing.maxConcurrent when staffing does not say, else 3", () => {
    expect(planStaffing({ roster, consultations }, { routing: { maxConcurrent: 5 } }, { period }).chatsPerAgent).toBe(5);
    expect(planStaffing({ roster, consultations }, { routing: { maxConcurrent: 5 }, staffing: { chatsPerAgent: 1 } }, { period }).chatsPerAgent).toBe(1);
    expect(planStaffing({ roster, consultations }, {}, { period }).chatsPerAgent).toBe(3);
  });

  it("lists only the hours a shorter period holds, and no holding time without an arrival", () => {
    const day = planStaffing({ roster, consultations }, policy, { period: "2020-02-05" });
    expect(day.hours.map((h) => `${h.weekday} ${h.hour}`)).toEqual(Array.from({ length: 24 }, (_, h) => `3 ${h}`));
    expect(day).toMatchObject({ arrivals: 0, holdSeconds: null, under: 0 });
    expect(day.hours.every((h) => h.needed === 0 && h.serviceLevel === null)).toBe(true);
  });

  it("refuses a missing roster or consultations, a bad period and a bad policy, naming each", () => {
    expect(issueRows(safePlanStaffing({ consultations } as never, {}, { period }))).toEqual([["missing_field", "roster", expect.stringContaining("is missing")]]);
    expect(issueRows(safePlanStaffing({ roster, consultations }, {}, { period: "2020-13" }))).toEqual([["invalid_value", "options.period", expect.any(String)]]);
    const bad = safePlanStaffing({ roster, consultations }, { staffing: { serviceLevel: 1, percentile: 0 } }, { period });
    expect(issueRows(bad)).toEqual([
      [expect.any(String), "policy.staffing.serviceLevel", expect.stringContaining("below 1")],
      [expect.any(String), "policy.staffing.percentile", expect.stringContaining("above 0")],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The property: against a minute-by-minute count (shifts start and end on the minute; no
// dismissal), in Asia/Shanghai (UTC+8, no daylight saving), whatever the rows' order.

const DAY = 86_400_000;
const FIRST = Date.UTC(2020, 1, 3) - 8 * 3_600_000; // 2020-02-03 00:00 +08:00
const SHIFT_MINUTES = { day: [540, 1050], halfDay: [600, 930], night: [1020, 1410] } as const;
const local = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");

const monthArb = fc.record({
  roster: fc.uniqueArray(fc.record({ agent: fc.integer({ min: 1, max: 4 }), day: fc.integer({ min: 0, max: 13 }), shift: fc.constantFrom("day", "halfDay", "night", "off") }), {
    selector: (r) => `${r.agent} ${r.day}`,
    maxLength: 40,
  }),
  starts: fc.array(fc.record({ minute: fc.integer({ min: -60, max: 14 * 1440 + 60 }), second: fc.integer({ min: 0, max: 59 }), length: fc.integer({ min: 0, max: 3600 }) }), { maxLength: 60 }),
  seed: fc.integer(),
});

describe("planStaffing against a minute-by-minute count", () => {
  it("counts each hour's arrivals and fewest on shift as the minutes do, in any row order", () => {
    fc.assert(
      fc.property(monthArb, ({ roster: slots, starts, seed }) => {
        const rosterRows = slots.map((s) => ({ agentId: `A0${s.agent}`, date: local(FIRST + s.day * DAY).slice(0, 10), shift: s.shift }));
        const rows = starts.map((s, i) => {
          const t = FIRST + s.minute * 60_000 + s.second * 1000;
          return { consultationId: `K${i}`, agentId: "A01", buyerId: `b${i}`, startedAt: local(t), endedAt: local(t + s.length * 1000) };
        });
        const plan = planStaffing({ roster: rosterRows, consultations: rows }, { roster: { minOnShift: 0 } }, { period });
        // The minutes: on shift and arrivals per hour of the week.
        const fewest = new Array<number>(168).fill(Infinity);
        const arrivals = new Array<number>(168).fill(0);
        for (let m = 0; m < 14 * 1440; m++) {
          const day = Math.floor(m / 1440);
          const minute = m % 1440;
          let on = 0;
          for (const s of slots) if (s.day === day && s.shift !== "off" && minute >= SHIFT_MINUTES[s.shift][0] && minute < SHIFT_MINUTES[s.shift][1]) on++;
          const w = (day % 7) * 24 + Math.floor(minute / 60);
          fewest[w] = Math.min(fewest[w]!, on);
        }
        for (const s of starts) if (s.minute >= 0 && s.minute < 14 * 1440) arrivals[(Math.floor(s.minute / 1440) % 7) * 24 + Math.floor((s.minute % 1440) / 60)]!++;
        expect(plan.hours.map((h) => h.staffed)).toEqual(fewest);
        expect(plan.hours.map((h) => h.arrivals)).toEqual(arrivals);
        expect(plan.arrivals).toBe(arrivals.reduce((a, b) => a + b, 0));
        // Needed only where someone arrived (no floor here), and under/over as staffed against needed.
        for (const h of plan.hours) {
          if (h.arrivals === 0) expect(h.needed).toBe(0);
          expect(h.status).toBe(h.staffed < h.needed ? "under" : h.staffed > h.needed ? "over" : "ok");
        }
        // Any order of the rows gives the same plan.
        expect(planStaffing({ roster: shuffled(rosterRows, seed), consultations: shuffled(rows, seed + 1) }, { roster: { minOnShift: 0 } }, { period })).toEqual(plan);
      }),
      { numRuns: 40 },
    );
  });
});
