/**
 * The long lists of a result (every order explained, every breach, every duty) are built on first
 * read; a writer reads each once without keeping it (readOnce), and a renderer builds only the part
 * it shows (readSelected) — always the same items as the whole list gives.
 */
import { describe, expect, it } from "vitest";
import { buildMonthReport, checkServiceLevels } from "../src/index.js";
import { eachOnce, readOnce, readSelected, withLazy } from "../src/lazy.js";
import { jsonChunks } from "../src/render/jsonChunks.js";
import { folderRecords } from "./folderRecords.js";

const input = folderRecords(new URL("../fixtures/sample-month/", import.meta.url).pathname);

describe("lazy lists", () => {
  it("are built on the first read and kept; readOnce builds one afresh and keeps nothing", () => {
    let builds = 0;
    const target = withLazy({ total: 2 }, "items", () => {
      builds++;
      return [1, 2];
    });
    expect(readOnce(target, "items")).toEqual([1, 2]);
    expect(readOnce(target, "items")).toEqual([1, 2]);
    expect(builds).toBe(2);
    expect(target.items).toEqual([1, 2]);
    expect(target.items).toBe(target.items);
    expect(builds).toBe(3);
    // Built: readOnce reads the kept list.
    expect(readOnce(target, "items")).toBe(target.items);
    expect(builds).toBe(3);
    expect(readOnce(target, "total")).toBe(2);
  });

  it("the JSON writer reads each list once and leaves it unbuilt, writing what JSON.stringify writes", () => {
    let builds = 0;
    const report = withLazy({ month: "2020-02" }, "orders", () => {
      builds++;
      return [{ orderId: "O1", agents: ["A01", null] }, { orderId: "O2", agents: [] }];
    });
    const text = [...jsonChunks(report)].join("");
    expect(builds).toBe(1);
    expect(text).toBe(JSON.stringify(report, null, 2));
    expect(builds).toBe(2); // JSON.stringify read it, and that read kept it
    expect([...jsonChunks(report)].join("")).toBe(text);
    expect(builds).toBe(2);
  });

  it("the JSON writer takes a list that gives its items one at a time without building it", () => {
    let builds = 0;
    let walks = 0;
    const items = [{ orderId: "O1" }, { orderId: "O2", refunds: ["1.00"] }];
    const report = withLazy({ month: "2020-02" }, "orders", () => (builds++, items), {
      each: function* () {
        walks++;
        yield* items;
      },
    });
    const text = [...jsonChunks(report, 2, 8)].join("");
    expect([builds, walks]).toEqual([0, 1]);
    expect(text).toBe(JSON.stringify({ month: "2020-02", orders: items }, null, 2));
    expect(eachOnce(report, "orders")).toBeDefined();
    void report.orders; // built now: the kept list is read, no walk
    expect(eachOnce(report, "orders")).toBeUndefined();
    expect([...jsonChunks(report)].join("")).toBe(JSON.stringify(report, null, 2));
    expect(walks).toBe(1);
  });

  it("the month report written item by item is the report JSON.stringify writes", () => {
    const policy = { kpi: { serviceLevels: { firstReply: { maxSeconds: 1 } } } };
    const streamed = [...jsonChunks(buildMonthReport(input, policy, { month: "2020-02" }), 2, 1024)].join("");
    expect(streamed).toBe(JSON.stringify(buildMonthReport(input, policy, { month: "2020-02" }), null, 2));
  });

  it("a cycle inside a list's item throws as JSON.stringify does", () => {
    const item: Record<string, unknown> = { orderId: "O1" };
    item.self = item;
    expect(() => [...jsonChunks({ orders: [item] })]).toThrow(TypeError);
  });

  it("the first ten breaches built alone are the first ten of the whole list, for every check", () => {
    // A one-second first-reply limit: most of the sample's consultations breach it.
    const policy = { kpi: { serviceLevels: { firstReply: { maxSeconds: 1 } } } };
    const checks = () => checkServiceLevels({ agents: input.agents!, consultations: input.consultations!, tickets: input.tickets!, afterSales: input.afterSales! }, policy, { period: "2020-02" });
    const whole = checks();
    const parts = checks();
    expect(whole.find((c) => c.id === "firstReply")!.breaches.length).toBeGreaterThan(10);
    parts.forEach((c, k) => {
      for (const n of [0, 1, 3, 10, 1000]) {
        expect(readSelected(c, "breaches", { first: n }, (all: typeof c.breaches) => all.slice(0, n))).toEqual(whole[k]!.breaches.slice(0, n));
      }
    });
  });

  it("the unowned duties built alone are the unowned duties of the whole list", () => {
    const selected = buildMonthReport(input, {}, { month: "2020-02" }).people.duties;
    const whole = buildMonthReport(input, {}, { month: "2020-02" }).people.duties.items;
    const unowned = readSelected(selected, "items", { unowned: true }, (all: typeof whole) => all);
    expect(unowned.length).toBeGreaterThan(0);
    expect(unowned).toEqual(whole.filter((d) => d.by === "agent" && d.owner === null));
  });
});
