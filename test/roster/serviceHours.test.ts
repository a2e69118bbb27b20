// R6 from seed 000's wording: 做六休一 (at most six working days in a row), 客服部在线时间 9:00-23:30
// (someone on shift at every minute), 白班客服下班前要一定要确定晚班客服已上线 (the hand-over), and
// 如还有客户在咨询,接待客服工作自动延长 (overtime while a buyer is still being served).
import { describe, expect, it } from "vitest";
import { checkRoster, safeCheckRoster } from "../../src/index.js";
import { issueRows } from "../issueRows.js";
import { february } from "./helpers.js";

const days = (n: number, c: string): string => c.repeat(n);
const consecutive = (roster: ReturnType<typeof february>, policy = {}) =>
  checkRoster({ roster }, policy, "2020-02")
    .breaches.filter((b) => b.rule === "consecutiveDays")
    .map((b) => [b.agentId, b.date, b.message]);

describe("做六休一: at most roster.maxConsecutiveDays working days in a row", () => {
  it("six days in a row pass; the seventh is named once, whatever the run's length", () => {
    expect(consecutive(february("A01", "DDDDDDO" + "NNNNNNO" + "DDDDDDO" + "HHHHHHO" + "D"))).toEqual([]);
    expect(consecutive(february("A01", "DDDDDDD" + "O" + days(13, "N") + "O" + "DDDDDDD"))).toEqual([
      ["A01", "2020-02-07", "the 7th working day in a row (from 2020-02-01); at most 6 (policy roster.maxConsecutiveDays)"],
      ["A01", "2020-02-15", "the 7th working day in a row (from 2020-02-09); at most 6 (policy roster.maxConsecutiveDays)"],
      ["A01", "2020-02-29", "the 7th working day in a row (from 2020-02-23); at most 6 (policy roster.maxConsecutiveDays)"],
    ]);
  });

  it("counts half days and nights as working days; a day off or a day with no roster row ends the run", () => {
    expect(consecutive(february("A01", "DHNDHN." + "DHNDHNO" + days(15, "O")))).toEqual([]);
    expect(consecutive(february("A01", "DHNDHNH" + days(22, "O")))).toEqual([["A01", "2020-02-07", "the 7th working day in a row (from 2020-02-01); at most 6 (policy roster.maxConsecutiveDays)"]]);
  });

  it("counts the days before the month when rostered; a run already too long is named on the 1st with its length", () => {
    const january = (from: number, shift = "day") => Array.from({ length: 32 - from }, (_, i) => ({ agentId: "A01", date: `2020-01-${String(from + i).padStart(2, "0")}`, shift }));
    const feb = february("A01", "DDO" + days(26, "O"));
    expect(consecutive([...january(28), ...feb])).toEqual([]); // 28–31 January + 1–2 February: six
    expect(consecutive([...january(27), ...feb])).toEqual([["A01", "2020-02-02", "the 7th working day in a row (from 2020-01-27); at most 6 (policy roster.maxConsecutiveDays)"]]);
    // The January report named the 7th day (the 26th); February names the run once more, on its 1st.
    expect(consecutive([...january(20), ...feb])).toEqual([["A01", "2020-02-01", "the 13th working day in a row (from 2020-01-20); at most 6 (policy roster.maxConsecutiveDays)"]]);
    // A January day off ends the run before the month.
    expect(consecutive([...january(20).slice(0, -1), { agentId: "A01", date: "2020-01-31", shift: "off" }, ...feb])).toEqual([]);
  });

  it("takes the limit from the policy", () => {
    const roster = february("A01", "DDDDDO" + days(23, "O"));
    expect(consecutive(roster)).toEqual([]);
    expect(consecutive(roster, { roster: { maxConsecutiveDays: 4 } })).toEqual([["A01", "2020-02-05", "the 5th working day in a row (from 2020-02-01); at most 4 (policy roster.maxConsecutiveDays)"]]);
    expect(safeCheckRoster({ roster }, { roster: { maxConsecutiveDays: 0 } }, "2020-02").success).toBe(false);
  });
});

describe("the service hours (客服部在线时间): roster.minOnShift agents at every minute", () => {
  const day = "D".repeat(29);
  const night = "N".repeat(29);

  it("a day and a night shift cover 09:00–23:30 (they overlap 17:00–17:30)", () => {
    const r = checkRoster({ roster: [...february("A01", day), ...february("A02", night)] }, {}, "2020-02");
    expect(r.coverage).toEqual({ serviceHours: "09:00–23:30", minOnShift: 1, gaps: [] });
  });

  it("lists each stretch with too few on shift: a date with no night shift, a half day alone, nobody rostered", () => {
    const a01 = "DDDDHDD" + "D".repeat(22);
    const a02 = "NNNNNNN" + "NNONNNN" + "N".repeat(15);
    const r = checkRoster({ roster: [...february("A01", a01), ...february("A02", a02)] }, {}, "2020-02");
    expect(r.coverage.gaps).toEqual([
      // The 5th: a half day 10:00–15:30 and the night from 17:00.
      { date: "2020-02-05", from: "09:00", to: "10:00", onShift: 0, required: 1 },
      { date: "2020-02-05", from: "15:30", to: "17:00", onShift: 0, required: 1 },
      // The 10th: no night shift.
      { date: "2020-02-10", from: "17:30", to: "23:30", onShift: 0, required: 1 },
    ]);
    // A date with no roster row for anyone is one gap over the whole service hours (the agents' unrostered days are breaches too).
    const short = checkRoster({ roster: [...february("A01", day.slice(0, 28)), ...february("A02", night.slice(0, 28))] }, {}, "2020-02");
    expect(short.coverage.gaps).toEqual([{ date: "2020-02-29", from: "09:00", to: "23:30", onShift: 0, required: 1 }]);
  });

  it("is exact at 09:00 and 23:30: a minute outside the shifts is a gap, the shifts' own edges are not", () => {
    const roster = [...february("A01", day), ...february("A02", night)];
    expect(checkRoster({ roster }, { roster: { serviceHours: { start: "09:00", end: "23:30" } } }, "2020-02").coverage.gaps).toEqual([]);
    const wider = checkRoster({ roster }, { roster: { serviceHours: { start: "08:59", end: "23:31" } } }, "2020-02").coverage.gaps;
    expect(wider).toHaveLength(58);
    expect(wider.slice(0, 2)).toEqual([
      { date: "2020-02-01", from: "08:59", to: "09:00", onShift: 0, required: 1 },
      { date: "2020-02-01", from: "23:30", to: "23:31", onShift: 0, required: 1 },
    ]);
  });

  it("with roster.minOnShift 2 names the stretches one agent holds alone; 0 checks nothing", () => {
    const roster = [...february("A01", day), ...february("A02", night)];
    const two = checkRoster({ roster }, { roster: { minOnShift: 2 } }, "2020-02");
    expect(two.coverage.gaps.filter((g) => g.date === "2020-02-01")).toEqual([
      { date: "2020-02-01", from: "09:00", to: "17:00", onShift: 1, required: 2 },
      { date: "2020-02-01", from: "17:30", to: "23:30", onShift: 1, required: 2 },
    ]);
    // A second day shift: two on shift until 17:30, then the night alone.
    const three = checkRoster({ roster: [...roster, ...february("A03", day)] }, { roster: { minOnShift: 2 } }, "2020-02");
    expect(three.coverage.gaps.filter((g) => g.date === "2020-02-01")).toEqual([{ date: "2020-02-01", from: "17:30", to: "23:30", onShift: 1, required: 2 }]);
    expect(checkRoster({ roster: february("A01", day) }, { roster: { minOnShift: 0 } }, "2020-02").coverage).toEqual({ serviceHours: "09:00–23:30", minOnShift: 0, gaps: [] });
  });

  it("a stretch where one shift ends as another starts is one gap when the count stays the same", () => {
    // Day 09:00–13:00, night 13:00–23:30: one agent each, both on the 1st; with two required, 09:00–23:30 is one gap of 1.
    const policy = { roster: { minOnShift: 2, shifts: { day: { start: "09:00", end: "13:00" }, night: { start: "13:00", end: "23:30" } } } };
    const r = checkRoster({ roster: [...february("A01", "D" + "O".repeat(28)), ...february("A02", "N" + "O".repeat(28))] }, policy, "2020-02");
    expect(r.coverage.gaps[0]).toEqual({ date: "2020-02-01", from: "09:00", to: "23:30", onShift: 1, required: 2 });
  });

  it("rejects service hours that end before they start", () => {
    expect(issueRows(safeCheckRoster({ roster: [] }, { roster: { serviceHours: { start: "23:30", end: "09:00" } } }, "2020-02"))).toEqual([
      ["invalid_policy", "policy.roster.serviceHours", "the service hours end after they start, on the same day"],
    ]);
  });
});

describe("the hand-over (交接): the day shift leaves only after the night shift is online", () => {
  const roster = [...february("A01", "DDD" + "O".repeat(26)), ...february("A02", "NNO" + "O".repeat(26)), ...february("A03", "DH" + "O".repeat(27))];

  it("holds when the shifts overlap (the defaults) or touch (day 08:30–16:00, night 16:00–23:30)", () => {
    const rules = (policy: object) => checkRoster({ roster }, policy, "2020-02").breaches.filter((b) => b.rule === "handover");
    expect(rules({})).toEqual([]);
    expect(rules({ roster: { shifts: { day: { start: "08:30", end: "16:00" }, night: { start: "16:00", end: "23:30" } } } })).toEqual([]);
  });

  it("names each day-shift agent of a date with a night shift starting after the day shift ends", () => {
    const policy = { roster: { shifts: { day: { start: "08:30", end: "16:00" }, night: { start: "16:30", end: "23:30" } } } };
    const r = checkRoster({ roster }, policy, "2020-02");
    expect(r.breaches.filter((b) => b.rule === "handover")).toEqual([
      { agentId: "A01", date: "2020-02-01", rule: "handover", message: "the day shift ends at 16:00, before the night shift (A02) starts at 16:30: 00:30 with no hand-over (policy roster.shifts)" },
      { agentId: "A03", date: "2020-02-01", rule: "handover", message: "the day shift ends at 16:00, before the night shift (A02) starts at 16:30: 00:30 with no hand-over (policy roster.shifts)" },
      { agentId: "A01", date: "2020-02-02", rule: "handover", message: "the day shift ends at 16:00, before the night shift (A02) starts at 16:30: 00:30 with no hand-over (policy roster.shifts)" },
      // The 3rd has no night shift: no hand-over to miss; its evening is a coverage gap.
    ]);
    expect(r.coverage.gaps.filter((g) => g.date <= "2020-02-03")).toEqual([
      { date: "2020-02-01", from: "16:00", to: "16:30", onShift: 0, required: 1 },
      { date: "2020-02-02", from: "16:00", to: "16:30", onShift: 0, required: 1 },
      { date: "2020-02-03", from: "16:00", to: "23:30", onShift: 0, required: 1 },
    ]);
  });
});

describe("overtime: a buyer still being served at the shift's end", () => {
  const roster = [...february("A01", "DNO" + "D".repeat(26)), ...february("A02", "HHH" + "O".repeat(26))];
  let n = 0;
  const c = (agentId: string, startedAt: string, endedAt: string) => ({ consultationId: `C${++n}`, agentId, buyerId: `b${n}`, startedAt, firstReplyAt: startedAt, endedAt });

  it("from the shift's end to the last such consultation's end, per agent and date; a consultation ending at the end or begun after it is none", () => {
    const consultations = [
      c("A01", "2020-02-01 17:20:00", "2020-02-01 17:39:00"),
      c("A01", "2020-02-01 17:29:59", "2020-02-01 17:52:30.250"), // the later end; rounded up to the second
      c("A01", "2020-02-01 17:00:00", "2020-02-01 17:30:00"), // ends at the end: none
      c("A01", "2020-02-01 17:30:00", "2020-02-01 17:45:00"), // begun at the end: none
      c("A01", "2020-02-02 23:20:00", "2020-02-03 00:10:00"), // the night past midnight
      c("A01", "2020-02-03 10:00:00", "2020-02-03 10:30:00"), // a day off: no shift to extend
      c("A02", "2020-02-02 15:25:00", "2020-02-02 15:31:00"), // the half day ends 15:30
    ];
    const r = checkRoster({ roster, consultations }, {}, "2020-02");
    expect(r.overtime).toEqual([
      { agentId: "A01", date: "2020-02-01", shift: "day", shiftEnd: "2020-02-01T17:30:00+08:00", until: "2020-02-01T17:52:30.250+08:00", seconds: 1351, consultations: 2 },
      { agentId: "A01", date: "2020-02-02", shift: "night", shiftEnd: "2020-02-02T23:30:00+08:00", until: "2020-02-03T00:10:00+08:00", seconds: 2400, consultations: 1 },
      { agentId: "A02", date: "2020-02-02", shift: "halfDay", shiftEnd: "2020-02-02T15:30:00+08:00", until: "2020-02-02T15:31:00+08:00", seconds: 60, consultations: 1 },
    ]);
    expect(checkRoster({ roster, consultations: [...consultations].reverse() }, {}, "2020-02").overtime).toEqual(r.overtime);
    expect(checkRoster({ roster }, {}, "2020-02").overtime).toEqual([]);
  });

  it("reads the shift's end in the shop's zone", () => {
    const consultations = [c("A01", "2020-02-01T09:20:00Z", "2020-02-01T09:40:00Z")]; // 17:20–17:40 in Shanghai
    expect(checkRoster({ roster, consultations }, {}, "2020-02").overtime.map((o) => o.seconds)).toEqual([600]);
    // In UTC the same consultation is in the morning of the 1st: inside the day shift.
    expect(checkRoster({ roster, consultations }, { timeZone: "UTC" }, "2020-02").overtime).toEqual([]);
  });

  it("names a bad consultation like every other entry point", () => {
    expect(issueRows(safeCheckRoster({ roster, consultations: [{ ...c("A01", "2020-02-01 17:20", "2020-02-01 17:10"), agentId: "" }] }, {}, "2020-02"))).toEqual([
      ["missing_field", "consultations.0.agentId", "is missing; expected the agent's 工号 (text)"],
      ["end_before_reply", "consultations.0.endedAt", "2020-02-01 17:10 is before the first reply (2020-02-01 17:20)"],
    ]);
  });
});
