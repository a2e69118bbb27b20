import { describe, expect, it } from "vitest";
import { issueRows } from "../issueRows.js";
import { checkRoster, safeCheckRoster } from "../../src/index.js";
import { february } from "./helpers.js";

// February 2020 has 29 days; the 1st is a Saturday.
const good = "DDDDDDO" + "NNNNNNO" + "DDDDDDO" + "NNNNNNO" + "D";
//            1-7        8-14       15-21      22-28      29

describe("checkRoster", () => {
  it("a roster that keeps every rule has no breach, and sums the hours", () => {
    const r = checkRoster({ roster: [...february("A01", good), ...february("A02", good)] }, {}, "2020-02");
    expect(r.breaches).toEqual([]);
    // 13 day shifts × 8.5 h + 12 nights × 6.5 h = 110.5 + 78 = 188.5 h
    expect(r.agents[0]).toEqual({ agentId: "A01", shifts: { day: 13, halfDay: 0, night: 12, off: 4 }, restDays: 4, unrosteredDays: 0, minutes: 188.5 * 60, hours: "188:30" });
    expect(r.meanHours).toBe("188:30");
  });

  it("names each breach: rest days, night then day, no whole day off, unrostered days, hours spread", () => {
    const r = checkRoster(
      {
        roster: [
          ...february("A01", "DDDDDDO" + "NNNNNND" + "DDDDDDO" + "NNNNNOO" + "D"), // night on the 13th… (the 14th is day)
          ...february("A02", "DDDDDDD" + "DDDDDDD" + "DDDDDDD" + "DDDDDDD" + "D"), // never off, 246.5 h
          ...february("A03", "HHHHHHO" + "OOHHHHH" + "HHHHHHH" + "HHHHHH." + "."), // 2 days unrostered
        ],
      },
      {},
      "2020-02",
    );
    expect(r.breaches.map((b) => [b.agentId, b.date, b.rule])).toEqual([
      ["A02", "2020-02-07", "consecutiveDays"],
      ["A01", "2020-02-14", "nightThenDay"],
      ["A01", "2020-02-14", "consecutiveDays"],
      ["A03", "2020-02-16", "consecutiveDays"],
      ["A02", null, "restDays"],
      ["A02", null, "wholeDayOff"],
      ["A02", null, "hoursSpread"],
      ["A03", null, "unrosteredDays"],
      ["A03", null, "restDays"],
      ["A03", null, "hoursSpread"],
    ]);
    expect(r.breaches[1]!.message).toBe("night shift on 2020-02-13 followed by a full day shift");
    expect(r.breaches[4]!.message).toBe("0 rest days in 2020-02; expected 4 (policy roster.restDaysPerMonth)");
    // A01 190.5 h, A02 246.5 h, A03 132 h: mean 189.67 h (shown to the minute)
    expect(r.breaches[6]!.message).toBe("246:30 h in 2020-02, above the team mean 189:40 h by more than 16 h (policy roster.hoursTolerance)");
    expect(r.breaches[7]!.message).toBe("2 days without a roster row: 2020-02-28, 2020-02-29");
  });

  it("looks at the last day of the previous month for a night followed by a day", () => {
    const r = checkRoster({ roster: [{ agentId: "A01", date: "2020-01-31", shift: "night" }, ...february("A01", good)] }, {}, "2020-02");
    // The night of 31 January also starts the run of working days: 1–6 February make seven.
    expect(r.breaches.map((b) => [b.date, b.rule, b.message])).toEqual([
      ["2020-02-01", "nightThenDay", "night shift on 2020-01-31 followed by a full day shift"],
      ["2020-02-06", "consecutiveDays", "the 7th working day in a row (from 2020-01-31); at most 6 (policy roster.maxConsecutiveDays)"],
    ]);
  });

  it("takes shift lengths, rest days and the tolerance from the policy", () => {
    // 188.5 h against 25 half days × 5.5 h = 137.5 h: 51 h apart, 25.5 h from the mean (163 h) each.
    const roster = [...february("A01", good), ...february("A02", "HHHHHHO" + "HHHHHHO" + "HHHHHHO" + "HHHHHHO" + "H")];
    expect(checkRoster({ roster }, { roster: { hoursTolerance: 25 } }, "2020-02").breaches.map((b) => [b.agentId, b.rule])).toEqual([
      ["A01", "hoursSpread"],
      ["A02", "hoursSpread"],
    ]);
    expect(checkRoster({ roster }, { roster: { hoursTolerance: 25.5 } }, "2020-02").breaches).toEqual([]);
    expect(checkRoster({ roster }, { roster: { restDaysPerMonth: 5, hoursTolerance: 30 } }, "2020-02").breaches.map((b) => [b.agentId, b.rule])).toEqual([
      ["A01", "restDays"],
      ["A02", "restDays"],
    ]);
    // A half day of 10:00–18:30 is as long as a day shift: 212.5 h against 188.5 h.
    const longHalf = checkRoster({ roster }, { roster: { shifts: { halfDay: { start: "10:00", end: "18:30" } } } }, "2020-02");
    expect(longHalf.agents.map((a) => a.hours)).toEqual(["188:30", "212:30"]);
  });

  it("is independent of the input order", () => {
    const roster = [...february("A01", good), ...february("A02", "DDDDDDD" + "DDDDDDD" + "DDDDDDD" + "DDDDDDD" + "D")];
    expect(checkRoster({ roster: [...roster].reverse() }, {}, "2020-02")).toEqual(checkRoster({ roster }, {}, "2020-02"));
  });

  it("rejects bad rows, an unknown shift, an agent rostered twice, an unknown agent", () => {
    const r = safeCheckRoster(
      {
        agents: [{ agentId: "A01" }],
        roster: [
          { agentId: "A01", date: "2020-02-30", shift: "day" },
          { agentId: "A01", date: "2020-02-01", shift: "evening" },
          { agentId: "A01", date: "2020-02-02", shift: "day" },
          { agentId: "A01", date: "2020-02-02", shift: "off" },
          { agentId: "A07", date: "2020-02-03", shift: "day" },
        ],
      },
      {},
      "2020-02",
    );
    expect(issueRows(r)).toEqual([
      ["invalid_value", "roster.0.date", '"2020-02-30" is not a date YYYY-MM-DD like 2020-02-21'],
      ["invalid_value", "roster.1.shift", '"evening" is not one of day (白班), halfDay (半白班), night (晚班), off (休息)'],
      ["duplicate_id", "roster.3.date", "A01 is rostered twice on 2020-02-02; one shift per agent and day (first at roster[2])"],
      ["unknown_agent", "roster.4.agentId", '"A07" is not in the agents list'],
    ]);
  });

  it("reports a bad month as an issue", () => {
    const r = safeCheckRoster({ roster: [] }, {}, "Feb");
    expect(r.success ? null : r.issues[0]).toMatchObject({ code: "invalid_value", path: ["month"], message: "\"Feb\" is not a month; expected YYYY-MM" });
  });

  it("rejects a shift that ends before it starts", () => {
    expect(() => checkRoster({ roster: [] }, { roster: { shifts: { night: { start: "17:00", end: "01:30" } } } }, "2020-02")).toThrow(/policy\.roster\.shifts\.night: a shift ends after it starts/);
  });
});
