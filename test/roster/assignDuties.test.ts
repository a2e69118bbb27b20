import { describe, expect, it } from "vitest";
import { issueRows } from "../issueRows.js";
import { assignDuties, safeAssignDuties, type DutyOrder } from "../../src/index.js";

// 2020-02-21 is a Friday, 22–23 the weekend, 24 a Monday.
const roster = [
  { agentId: "A01", date: "2020-02-21", shift: "day" },
  { agentId: "A02", date: "2020-02-21", shift: "night" },
  { agentId: "A03", date: "2020-02-21", shift: "halfDay" },
  { agentId: "A01", date: "2020-02-22", shift: "day" },
  { agentId: "A02", date: "2020-02-22", shift: "off" },
  { agentId: "A03", date: "2020-02-22", shift: "night" },
  { agentId: "A01", date: "2020-02-23", shift: "off" },
  { agentId: "A02", date: "2020-02-23", shift: "off" },
  { agentId: "A03", date: "2020-02-23", shift: "off" },
  { agentId: "A01", date: "2020-02-24", shift: "day" },
  { agentId: "A02", date: "2020-02-24", shift: "night" },
];
const order = (orderId: string, createdAt: string, amount: string, paidAt: string | null = null, payAgent: string | null = null): DutyOrder => ({ orderId, createdAt, amount, paidAt, payAgent });
const orders = [
  order("O1", "2020-02-21 10:00", "9.00"),
  order("O2", "2020-02-21 10:00", "8.00"),
  order("O3", "2020-02-21 10:00", "50.00", "2020-02-21 10:14", "A01"),
  order("O4", "2020-02-21 10:00", "50.00", "2020-02-21 10:15", "A03"),
  order("O5", "2020-02-21 10:00", "50.00", "2020-02-21 10:20", "A03"),
  order("O6", "2020-02-21 23:10", "50.00"),
  order("O7", "2020-02-22 16:00", "5.00"),
  order("O8", "2020-02-22 17:00", "5.00"),
  order("O9", "2020-02-23 10:00", "5.00"),
  order("O10", "2020-02-21 09:00", "60.00", "2020-02-21 09:01", null),
];
const row = (d: { kind: string; ref: string; owner: string | null; deadline: string | null }) => [d.kind, d.ref, d.owner, d.deadline];

describe("assignDuties: payment reminders and address checks", () => {
  const r = assignDuties({ roster, orders });
  const of = (ref: string) => r.duties.filter((d) => d.ref === ref).map(row);

  it("SMS after 15 min for unpaid orders strictly above 8 yuan; paid at the 15th minute is paid", () => {
    expect(of("O1")).toEqual([
      ["smsReminder", "O1", null, "2020-02-21T10:15:00+08:00"],
      ["humanReminder", "O1", "A02", "2020-02-21T23:30:00+08:00"],
    ]);
    expect(of("O2")).toEqual([["humanReminder", "O2", "A02", "2020-02-21T23:30:00+08:00"]]);
    expect(of("O4")).toEqual([["addressCheck", "O4", "A03", "2020-02-21T10:15:00+08:00"]]);
    expect(of("O5").map((d) => d[0])).toEqual(["smsReminder", "addressCheck"]);
    expect(r.duties.find((d) => d.ref === "O1")).toMatchObject({ by: "system", unowned: null });
  });

  it("address checks are owed by the payAgent, none for a fully silent order", () => {
    expect(of("O3")).toEqual([["addressCheck", "O3", "A01", "2020-02-21T10:14:00+08:00"]]);
    expect(of("O10")).toEqual([]);
  });

  it("weekday: the night-shift agent; after the night shift ended, the next day's rule", () => {
    expect(of("O6")).toEqual([
      ["smsReminder", "O6", null, "2020-02-21T23:25:00+08:00"],
      // due 23:40 Friday, after the night shift; Saturday: no one on duty at 00:00, A01 starts first (09:00)
      ["humanReminder", "O6", "A01", "2020-02-22T17:30:00+08:00"],
    ]);
  });

  it("weekend: the agent on duty at that instant (a shift ending at the instant no longer covers it)", () => {
    expect(of("O7")).toEqual([["humanReminder", "O7", "A01", "2020-02-22T17:30:00+08:00"]]);
    expect(of("O8")).toEqual([["humanReminder", "O8", "A03", "2020-02-22T23:30:00+08:00"]]);
  });

  it("reports a duty no one on the roster can own, with the reason", () => {
    expect(r.duties.find((d) => d.ref === "O9")).toMatchObject({ kind: "humanReminder", owner: null, by: "agent", deadline: null, unowned: "no agent on duty rostered on 2020-02-23 (weekend)" });
    expect(r.unowned).toBe(1);
  });

  it("counts per owner and is independent of the input order", () => {
    expect(r.agents).toEqual([
      { agentId: "A01", counts: { addressCheck: 1, smsReminder: 0, humanReminder: 2, returnedParcel: 0, shopReview: 0 } },
      { agentId: "A02", counts: { addressCheck: 0, smsReminder: 0, humanReminder: 2, returnedParcel: 0, shopReview: 0 } },
      { agentId: "A03", counts: { addressCheck: 2, smsReminder: 0, humanReminder: 1, returnedParcel: 0, shopReview: 0 } },
    ]);
    expect(r.system).toBe(3);
    expect(assignDuties({ roster: [...roster].reverse(), orders: [...orders].reverse() })).toEqual(r);
  });

  it("keeps the duties due in a period", () => {
    const day = assignDuties({ roster, orders }, {}, { period: "2020-02-22" });
    expect(day.duties.map((d) => [d.kind, d.ref])).toEqual([
      ["humanReminder", "O7"],
      ["humanReminder", "O8"],
    ]);
  });

  it("takes the minutes and the amount from the policy", () => {
    const p = { duties: { paymentReminder: { smsAfterMinutes: 10, smsAboveAmount: "7.99", humanAfterMinutes: 60 } } };
    const x = assignDuties({ roster, orders: [order("O2", "2020-02-21 10:00", "8.00")] }, p);
    expect(x.duties.map((d) => [d.kind, d.due])).toEqual([
      ["smsReminder", "2020-02-21T10:10:00+08:00"],
      ["humanReminder", "2020-02-21T11:00:00+08:00"],
    ]);
  });
});

describe("assignDuties: the human reminder goes to the buyer's agent (duties.paymentReminder.owner = buyersAgent, 谁的顾客谁跟进)", () => {
  const policy = { duties: { paymentReminder: { owner: "buyersAgent" as const } } };
  const own = (orderId: string, createdAt: string, placeAgent: string | null): DutyOrder => ({ orderId, createdAt, amount: "5.00", placeAgent });
  const run = (os: DutyOrder[]) => assignDuties({ roster, orders: os }, policy).duties.filter((d) => d.kind === "humanReminder");

  it("is owed by the placeAgent by the end of their shift that day, waiting for a shift not yet begun", () => {
    const r = run([own("B1", "2020-02-21 10:00", "A01"), own("B2", "2020-02-21 10:00", "A02")]);
    expect(r.map((d) => [d.ref, d.owner, d.deadline, d.alsoEligible])).toEqual([
      ["B1", "A01", "2020-02-21T17:30:00+08:00", []],
      // A02's night shift starts at 17:00: the reminder waits for it
      ["B2", "A02", "2020-02-21T23:30:00+08:00", []],
    ]);
    expect(r[0]!.rule).toBe("R1 催付 (谁的顾客谁跟进): unpaid at 30 min; the buyer's agent (placeAgent), by the end of their shift that day or their next within 7 days");
  });

  it("passes to the agent's next working shift when their shift has ended or they are off", () => {
    // due Friday 18:30, after A01's day shift; A01 works Saturday. Due Saturday 10:30: A02 is off until Monday's night shift.
    const r = run([own("B3", "2020-02-21 18:00", "A01"), own("B4", "2020-02-22 10:00", "A02")]);
    expect(r.map((d) => [d.ref, d.due, d.owner, d.deadline])).toEqual([
      ["B3", "2020-02-21T18:30:00+08:00", "A01", "2020-02-22T17:30:00+08:00"],
      ["B4", "2020-02-22T10:30:00+08:00", "A02", "2020-02-24T23:30:00+08:00"],
    ]);
  });

  it("goes by the on-duty rule when the order has no placeAgent, or the placeAgent has no shift within 7 days, and says why", () => {
    const r = run([own("B5", "2020-02-21 10:00", null), own("B6", "2020-02-21 10:00", "A03"), own("B7", "2020-02-24 10:00", "A03")]);
    expect(r.map((d) => [d.ref, d.owner])).toEqual([
      ["B5", "A02"],
      ["B6", "A03"],
      ["B7", "A02"],
    ]);
    expect(r[0]!.rule).toBe("R1 催付: unpaid at 30 min; no placeAgent (the buyer was not served before placing): Mon–Fri the night shift, Sat–Sun the agent on duty");
    // A03's last rostered working day is the 22nd
    expect(r[2]!.rule).toBe("R1 催付: unpaid at 30 min; the buyer's agent A03 (placeAgent) has no shift from 2020-02-24 within 7 days: Mon–Fri the night shift, Sat–Sun the agent on duty");
  });

  it("says when no order carries a placeAgent at all, rather than that the buyers were not served", () => {
    const r = assignDuties({ roster, orders: [order("B8", "2020-02-21 10:00", "5.00")] }, policy).duties;
    expect(r.map((d) => [d.ref, d.owner, d.rule])).toEqual([
      ["B8", "A02", "R1 催付: unpaid at 30 min; the orders' placeAgent was not given: Mon–Fri the night shift, Sat–Sun the agent on duty"],
    ]);
  });

  it("is not read under the default on-duty rule, and an unknown placeAgent is an error at its order", () => {
    const r = assignDuties({ roster, orders: [own("B1", "2020-02-21 10:00", "A01")] }).duties;
    expect(r.map((d) => [d.kind, d.owner])).toEqual([["humanReminder", "A02"]]);
    expect(issueRows(safeAssignDuties({ agents: [{ agentId: "A01" }, { agentId: "A02" }, { agentId: "A03" }], roster, orders: [own("B1", "2020-02-21 10:00", "A09")] }, policy))).toEqual([
      ["unknown_agent", "orders.0.placeAgent", '"A09" is not in the agents list'],
    ]);
  });
});

describe("assignDuties: returned parcels", () => {
  const parcels = [
    { parcelId: "P1", orderId: "O3", arrivedAt: "2020-02-21 11:00" },
    { parcelId: "P2", arrivedAt: "2020-02-21 18:00" },
    { parcelId: "P3", arrivedAt: "2020-02-23 12:00" },
  ];
  const r = assignDuties({ roster, returnedParcels: parcels });
  it("weekday: the night-shift agent by 17:30 that day; later arrivals by 17:30 the next day; weekend: the agent on duty", () => {
    expect(r.duties.map(row)).toEqual([
      ["returnedParcel", "P1", "A02", "2020-02-21T17:30:00+08:00"],
      ["returnedParcel", "P2", "A01", "2020-02-22T17:30:00+08:00"],
      ["returnedParcel", "P3", null, "2020-02-23T17:30:00+08:00"],
    ]);
    expect(r.duties[0]!.orderId).toBe("O3");
    expect(r.duties[2]!.unowned).toBe("no agent on duty rostered on 2020-02-23 (weekend)");
  });
});

describe("assignDuties: neutral/negative reviews by the parity of the buyer's first review", () => {
  const reviews = [
    { reviewId: "R4", buyerId: "b3", at: "2020-01-30 20:00", rating: "neutral" },
    { reviewId: "R1", buyerId: "b1", at: "2020-02-21 12:00", rating: "negative" },
    { reviewId: "R2", buyerId: "b1", at: "2020-02-22 12:00", rating: "neutral" },
    { reviewId: "R3", buyerId: "b2", at: "2020-02-22 12:00", rating: "negative" },
    { reviewId: "R5", buyerId: "b3", at: "2020-02-24 12:00", rating: "negative" },
  ];
  const policy = { duties: { shopReviews: { odd: ["A01", "A03"], even: ["A02"] } } };
  const r = assignDuties({ roster, shopReviews: reviews }, policy, { period: "2020-02" });
  it("maps odd and even days to the policy's agents, the first one working that day", () => {
    expect(r.duties.map((d) => [d.ref, d.owner, d.alsoEligible, d.deadline])).toEqual([
      ["R1", "A01", ["A03"], "2020-02-22T12:00:00+08:00"],
      ["R2", "A01", ["A03"], "2020-02-23T12:00:00+08:00"], // b1's first review was on the 21st: odd
      ["R3", null, [], "2020-02-23T12:00:00+08:00"],
      ["R5", "A02", [], "2020-02-25T12:00:00+08:00"], // b3's first review was on 30 January: even
    ]);
    expect(r.duties[2]!.unowned).toBe("none of A02 (even days) is rostered to work on 2020-02-22");
    expect(r.duties[1]!.rule).toContain("first review on day 21 (odd)");
  });
  it("with no agents for a parity, every review is unowned", () => {
    const x = assignDuties({ roster, shopReviews: reviews.slice(1, 2) });
    expect(x.duties[0]).toMatchObject({ owner: null, unowned: "policy duties.shopReviews.odd names no agent" });
  });
});

describe("assignDuties: bad input", () => {
  it("names the record and field", () => {
    const r = safeAssignDuties(
      {
        agents: [{ agentId: "A01" }, { agentId: "A02" }, { agentId: "A03" }],
        roster,
        orders: [order("O1", "2020-02-31 10:00", "9.00"), order("O2", "2020-02-21 10:00", "abc")],
        returnedParcels: [{ parcelId: "P1", arrivedAt: "yesterday" }, { parcelId: "P1", arrivedAt: "2020-02-21 10:00" }],
        shopReviews: [{ reviewId: "R1", buyerId: "b1", at: "2020-02-21 10:00", rating: "positive" }],
      },
      { duties: { shopReviews: { odd: ["A09"] } } },
    );
    // The records kind by kind in the kinds' order, then the policy.
    expect(issueRows(r)).toEqual([
      ["invalid_date", "orders.0.createdAt", '"2020-02-31 10:00" is not a real calendar date or time'],
      ["invalid_money", "orders.1.amount", '"abc" is not an amount; expected a decimal string like 123.45'],
      ["invalid_date", "returnedParcels.0.arrivedAt", expect.stringContaining('"yesterday" is not a date-time')],
      ["duplicate_id", "returnedParcels.1.parcelId", '"P1" appears more than once; each returned parcel must be listed once (first at returnedParcels[0])'],
      ["invalid_value", "shopReviews.0.rating", '"positive" is not one of neutral (中评), negative (差评)'],
      ["unknown_agent", "policy.duties.shopReviews.odd.0", '"A09" is not in the agents list'],
    ]);
  });
});

describe("assignDuties: options", () => {
  it("reports a bad period as an issue", () => {
    expect(issueRows(safeAssignDuties({ roster: [] }, {}, { period: "2020-02-30" }))).toEqual([["invalid_value", "options.period", expect.stringContaining('"2020-02-30" is not a date')]]);
  });
});
