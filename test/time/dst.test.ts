// Issue 11 item 8: a wall time the shop zone's clocks skip (a daylight-saving gap) names no
// instant, one they show twice (an overlap) names two. The first is an error, the second an error
// unless it carries its offset or the policy's ambiguousTimes picks one; never another instant.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { attributeSales, safeAttributeSales, safeResolvePolicy, type AmbiguousTimes } from "../../src/index.js";
import { createZone } from "../../src/time/zone.js";
import { describeInstantError, parseInstant, scanInstant } from "../../src/time/parse.js";
import { issueRows } from "../issueRows.js";

const Z = (iso: string): number => Date.parse(iso);
const read = (text: string, zone: string, ambiguousTimes?: AmbiguousTimes): number =>
  parseInstant(text, createZone(zone, ambiguousTimes === undefined ? {} : { ambiguousTimes }));
const code = (text: string, zone: string): number => scanInstant(text, createZone(zone), new Float64Array(1), 0);

interface Gap {
  readonly zone: string;
  readonly date: string;
  /** Wall times of the skipped span (the first and the last second), and the last before and first after. */
  readonly skipped: readonly string[];
  readonly before: readonly [string, string];
  readonly after: readonly [string, string];
  readonly message: string;
}

const GAPS: Gap[] = [
  {
    zone: "America/New_York", date: "2020-03-08", skipped: ["02:00", "02:31", "02:59:59"],
    before: ["01:59:59", "2020-03-08T06:59:59Z"], after: ["03:00", "2020-03-08T07:00:00Z"],
    message: "clocks jump from 02:00 to 03:00 on 2020-03-08",
  },
  {
    zone: "Australia/Sydney", date: "2020-10-04", skipped: ["02:00", "02:30", "02:59:59"],
    before: ["01:59:59", "2020-10-03T15:59:59Z"], after: ["03:00", "2020-10-03T16:00:00Z"],
    message: "clocks jump from 02:00 to 03:00 on 2020-10-04",
  },
  // Half an hour of daylight saving.
  {
    zone: "Australia/Lord_Howe", date: "2020-10-04", skipped: ["02:00", "02:15", "02:29:59"],
    before: ["01:59:59", "2020-10-03T15:29:59Z"], after: ["02:30", "2020-10-03T15:30:00Z"],
    message: "clocks jump from 02:00 to 02:30 on 2020-10-04",
  },
  // Irish Standard Time is the summer offset, with winter's a negative daylight saving in the tz database.
  {
    zone: "Europe/Dublin", date: "2020-03-29", skipped: ["01:00", "01:30", "01:59:59"],
    before: ["00:59:59", "2020-03-29T00:59:59Z"], after: ["02:00", "2020-03-29T01:00:00Z"],
    message: "clocks jump from 01:00 to 02:00 on 2020-03-29",
  },
  // The sample zone, in the years it kept daylight saving (1986–1991).
  {
    zone: "Asia/Shanghai", date: "1988-04-17", skipped: ["02:00", "02:30", "02:59:59"],
    before: ["01:59:59", "1988-04-16T17:59:59Z"], after: ["03:00", "1988-04-16T18:00:00Z"],
    message: "clocks jump from 02:00 to 03:00 on 1988-04-17",
  },
];

describe("a wall time the clocks skip does not exist", () => {
  for (const g of GAPS) {
    it(`${g.zone}: ${g.date} ${g.skipped.join(", ")} are errors; ${g.before[0]} and ${g.after[0]} are read`, () => {
      for (const time of g.skipped) {
        const text = `${g.date} ${time}`;
        expect(read(text, g.zone)).toBeNaN();
        // no policy switch makes a skipped time exist
        expect(read(text, g.zone, "earlier")).toBeNaN();
        expect(read(text, g.zone, "later")).toBeNaN();
        expect(code(text, g.zone)).toBe(4);
        expect(describeInstantError(text, createZone(g.zone))).toBe(`"${text}" does not exist in ${g.zone}: ${g.message}`);
      }
      expect(read(`${g.date} ${g.before[0]}`, g.zone)).toBe(Z(g.before[1]));
      expect(read(`${g.date} ${g.after[0]}`, g.zone)).toBe(Z(g.after[1]));
    });
  }

  it("a whole skipped day (Pacific/Apia, 2011-12-30) is named with its dates", () => {
    expect(read("2011-12-30 12:00", "Pacific/Apia")).toBeNaN();
    expect(describeInstantError("2011-12-30 12:00", createZone("Pacific/Apia"))).toBe(
      '"2011-12-30 12:00" does not exist in Pacific/Apia: clocks jump from 2011-12-30 00:00 to 2011-12-31 00:00',
    );
    expect(read("2011-12-29 23:59:59", "Pacific/Apia")).toBe(Z("2011-12-30T09:59:59Z"));
    expect(read("2011-12-31 00:00", "Pacific/Apia")).toBe(Z("2011-12-30T10:00:00Z"));
  });

  it("every layout of a skipped time is refused, and one with an offset is read as it says", () => {
    for (const text of ["2020-03-08 02:31", "2020-03-08 02:31:00", "2020-03-08T02:31", "2020/3/8 2:31", "2020-03-08 02:31:00.500"]) {
      expect(read(text, "America/New_York"), text).toBeNaN();
    }
    expect(read("2020-03-08T02:31:00-05:00", "America/New_York")).toBe(Z("2020-03-08T07:31:00Z"));
  });

  it("a date alone is the start of its day, also where the clocks skip midnight (America/Sao_Paulo, 2018-11-04)", () => {
    expect(read("2018-11-04", "America/Sao_Paulo")).toBe(Z("2018-11-04T03:00:00Z")); // 01:00 -02:00
    expect(read("2018-11-04 00:30", "America/Sao_Paulo")).toBeNaN();
  });
});

interface Overlap {
  readonly zone: string;
  readonly date: string;
  readonly repeated: readonly { time: string; earlier: string; later: string }[];
  readonly before: readonly [string, string];
  readonly after: readonly [string, string];
  readonly clocks: string;
  readonly offsets: readonly [string, string];
}

const OVERLAPS: Overlap[] = [
  {
    zone: "America/New_York", date: "2020-11-01",
    repeated: [
      { time: "01:00", earlier: "2020-11-01T05:00:00Z", later: "2020-11-01T06:00:00Z" },
      { time: "01:30", earlier: "2020-11-01T05:30:00Z", later: "2020-11-01T06:30:00Z" },
      { time: "01:59:59", earlier: "2020-11-01T05:59:59Z", later: "2020-11-01T06:59:59Z" },
    ],
    before: ["00:59:59", "2020-11-01T04:59:59Z"], after: ["02:00", "2020-11-01T07:00:00Z"],
    clocks: "clocks go back from 02:00 to 01:00 on 2020-11-01", offsets: ["-04:00", "-05:00"],
  },
  {
    zone: "Australia/Sydney", date: "2020-04-05",
    repeated: [{ time: "02:30", earlier: "2020-04-04T15:30:00Z", later: "2020-04-04T16:30:00Z" }],
    before: ["01:59:59", "2020-04-04T14:59:59Z"], after: ["03:00", "2020-04-04T17:00:00Z"],
    clocks: "clocks go back from 03:00 to 02:00 on 2020-04-05", offsets: ["+11:00", "+10:00"],
  },
  {
    zone: "Australia/Lord_Howe", date: "2020-04-05",
    repeated: [
      { time: "01:30", earlier: "2020-04-04T14:30:00Z", later: "2020-04-04T15:00:00Z" },
      { time: "01:45", earlier: "2020-04-04T14:45:00Z", later: "2020-04-04T15:15:00Z" },
    ],
    before: ["01:29:59", "2020-04-04T14:29:59Z"], after: ["02:00", "2020-04-04T15:30:00Z"],
    clocks: "clocks go back from 02:00 to 01:30 on 2020-04-05", offsets: ["+11:00", "+10:30"],
  },
  {
    zone: "Europe/Dublin", date: "2020-10-25",
    repeated: [{ time: "01:30", earlier: "2020-10-25T00:30:00Z", later: "2020-10-25T01:30:00Z" }],
    before: ["00:59:59", "2020-10-24T23:59:59Z"], after: ["02:00", "2020-10-25T02:00:00Z"],
    clocks: "clocks go back from 02:00 to 01:00 on 2020-10-25", offsets: ["+01:00", "+00:00"],
  },
  {
    zone: "Asia/Shanghai", date: "1988-09-11",
    repeated: [{ time: "01:30", earlier: "1988-09-10T16:30:00Z", later: "1988-09-10T17:30:00Z" }],
    before: ["00:59:59", "1988-09-10T15:59:59Z"], after: ["02:00", "1988-09-10T18:00:00Z"],
    clocks: "clocks go back from 02:00 to 01:00 on 1988-09-11", offsets: ["+09:00", "+08:00"],
  },
];

describe("a wall time the clocks show twice is ambiguous", () => {
  for (const o of OVERLAPS) {
    it(`${o.zone}: ${o.date} ${o.repeated.map((r) => r.time).join(", ")} are errors unless ambiguousTimes picks one`, () => {
      for (const r of o.repeated) {
        const text = `${o.date} ${r.time}`;
        expect(read(text, o.zone)).toBeNaN();
        expect(code(text, o.zone)).toBe(5);
        const iso = `${o.date}T${r.time.length === 5 ? `${r.time}:00` : r.time}`;
        expect(describeInstantError(text, createZone(o.zone))).toBe(
          `"${text}" is ambiguous in ${o.zone}: ${o.clocks}, so it happens twice; ` +
            `give its offset (${iso}${o.offsets[0]} or ${iso}${o.offsets[1]}), or set the policy's ambiguousTimes to earlier or later`,
        );
        expect(read(text, o.zone, "earlier")).toBe(Z(r.earlier));
        expect(read(text, o.zone, "later")).toBe(Z(r.later));
        // With an offset it is one instant, whatever the setting.
        expect(read(`${iso}${o.offsets[0]}`, o.zone)).toBe(Z(r.earlier));
        expect(read(`${iso}${o.offsets[1]}`, o.zone)).toBe(Z(r.later));
      }
      for (const setting of [undefined, "earlier", "later"] as const) {
        expect(read(`${o.date} ${o.before[0]}`, o.zone, setting)).toBe(Z(o.before[1]));
        expect(read(`${o.date} ${o.after[0]}`, o.zone, setting)).toBe(Z(o.after[1]));
      }
    });
  }
});

describe("the sample zone Asia/Shanghai today: no change", () => {
  it("every wall time since 1992 is read at +08:00 (property)", () => {
    const shanghai = createZone("Asia/Shanghai");
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2060, 0, 1) }), (ms) => {
        const wall = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
        expect(parseInstant(wall, shanghai)).toBe(Math.floor(ms / 1000) * 1000);
      }),
      { seed: 8, numRuns: 2000 },
    );
  });
});

describe("through the entry points and the policy", () => {
  const order = (createdAt: string, paidAt: string) => ({ orderId: "O1", buyerId: "b1", createdAt, paidAt, amount: "99.00" });

  it("a skipped or repeated wall time in a record is an issue at its field, naming the transition", () => {
    const policy = { timeZone: "America/New_York" };
    expect(issueRows(safeAttributeSales({ orders: [order("2020-03-08 02:31", "2020-03-08 03:05")] }, policy))).toEqual([
      ["invalid_date", "orders.0.createdAt", '"2020-03-08 02:31" does not exist in America/New_York: clocks jump from 02:00 to 03:00 on 2020-03-08'],
    ]);
    const rows = issueRows(safeAttributeSales({ orders: [order("2020-11-01 00:50", "2020-11-01 01:10")] }, policy));
    expect(rows.map(([c, p]) => `${c} ${p}`)).toEqual(["invalid_date orders.0.paidAt"]);
    expect(rows[0]![2]).toMatch(/^"2020-11-01 01:10" is ambiguous in America\/New_York: clocks go back from 02:00 to 01:00 on 2020-11-01/);
  });

  it("ambiguousTimes: earlier or later reads the repeated hour as it says", () => {
    const orders = [order("2020-11-01 00:50", "2020-11-01 01:10")];
    const paid = (ambiguousTimes: AmbiguousTimes) =>
      attributeSales({ orders, consultations: [] }, { timeZone: "America/New_York", ambiguousTimes }, { period: "2020-11-01" }).shop.sales.orders;
    expect(paid("earlier")).toBe(1);
    expect(paid("later")).toBe(1);
    const defaults = safeResolvePolicy({});
    expect(defaults.success && defaults.data.ambiguousTimes).toBe("error");
    expect(issueRows(safeResolvePolicy({ ambiguousTimes: "first" }))).toEqual([
      ["invalid_policy", "policy.ambiguousTimes", 'Invalid option: expected one of "error"|"earlier"|"later"'],
    ]);
  });
});
