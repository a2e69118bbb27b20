import { describe, expect, it } from "vitest";
import { checkServiceLevels, type KpiConsultationLike } from "../../src/index.js";

const con = (id: string, start: string, reply: string | null, extra: Partial<KpiConsultationLike> = {}): KpiConsultationLike => ({
  consultationId: id, agentId: "A", buyerId: `b${id}`, startedAt: start, firstReplyAt: reply ?? "", endedAt: reply ?? start, ...extra,
});
const byId = (checks: ReturnType<typeof checkServiceLevels>) => Object.fromEntries(checks.map((c) => [c.id, c]));

describe("checkServiceLevels", () => {
  it("first reply within 60 s during online hours 09:00–23:00", () => {
    const c = byId(checkServiceLevels({ consultations: [
      con("1", "2020-02-03 10:00:00", "2020-02-03 10:01:00"), // exactly 60 s: complies
      con("2", "2020-02-03 10:00:00", "2020-02-03 10:01:01"), // 1 s late
      con("3", "2020-02-03 22:59:59", null), // never answered
    ] }, {}, { period: "2020-02" }));
    expect(c.firstReply).toMatchObject({ status: "ok", checked: 3, compliant: 1, complianceRate: "0.3333" });
    expect(c.firstReply!.breaches.map((b) => [b.recordId, b.lateSeconds])).toEqual([["2", "1"], ["3", null]]);
    expect(c.firstReply!.breaches[0]!.deadline).toBe("2020-02-03T10:01:00+08:00");
    expect(c.overnight!.checked).toBe(0);
  });

  it("consultations arriving 23:00–09:00 (09:00 included) answered by 09:30", () => {
    const c = byId(checkServiceLevels({ consultations: [
      con("1", "2020-02-03 23:00:00", "2020-02-04 09:30:00"), // by 09:30 next day: complies
      con("2", "2020-02-04 02:00:00", "2020-02-04 09:45:30"), // 15.5 min late
      con("3", "2020-02-04 09:00:00", "2020-02-04 09:20:00"), // 09:00 is overnight: complies although 20 min
      con("4", "2020-02-04 09:00:01", "2020-02-04 09:20:00"), // online hours: 60 s rule, breached
    ] }, {}, { period: "2020-02" }));
    expect(c.overnight).toMatchObject({ checked: 3, compliant: 2 });
    expect(c.overnight!.breaches).toEqual([
      { recordId: "2", agentId: "A", at: "2020-02-04T02:00:00+08:00", deadline: "2020-02-04T09:30:00+08:00", lateSeconds: "930", reason: "first reply at 2020-02-04T09:45:30+08:00, 930 s late" },
    ]);
    expect(c.firstReply!.breaches.map((b) => b.recordId)).toEqual(["4"]);
  });

  it("online hours are cut in the shop zone, whatever offset the input carries", () => {
    // 15:30Z is 23:30 in Shanghai: overnight.
    const c = byId(checkServiceLevels({ consultations: [con("1", "2020-02-03T15:30:00Z", "2020-02-03T15:35:00Z")] }, {}, { period: "2020-02" }));
    expect([c.overnight!.checked, c.firstReply!.checked]).toEqual([1, 0]);
    const ny = byId(checkServiceLevels({ consultations: [con("1", "2020-02-03T15:30:00Z", "2020-02-03T15:35:00Z")] }, { timeZone: "America/New_York" }, { period: "2020-02" }));
    expect([ny.overnight!.checked, ny.firstReply!.checked]).toEqual([0, 1]);
  });

  it("tickets within 1 h, after-sales reviewed within 12 h, refund within 24 h of the goods", () => {
    const c = byId(checkServiceLevels({
      tickets: [
        { ticketId: "T1", agentId: "A", createdAt: "2020-02-03 10:00", firstReplyAt: "2020-02-03 11:00" },
        { ticketId: "T2", agentId: "A", createdAt: "2020-02-03 10:00", firstReplyAt: "2020-02-03 11:00:01", kind: "urgent" },
      ],
      afterSales: [
        { afterSaleId: "S1", agentId: "B", appliedAt: "2020-02-03 10:00", reviewedAt: "2020-02-03 22:00", goodsReceivedAt: "2020-02-05 10:00", refundedAt: "2020-02-06 11:00", refundAmount: "10" },
        { afterSaleId: "S2", agentId: "B", appliedAt: "2020-02-03 10:00", goodsReceivedAt: "2020-02-05 10:00" },
      ],
    }, {}, { period: "2020-02" }));
    expect(c.ticketReply!.breaches.map((b) => [b.recordId, b.lateSeconds])).toEqual([["T2", "1"]]);
    expect(c.afterSaleReview!.breaches.map((b) => [b.recordId, b.lateSeconds])).toEqual([["S2", null]]);
    expect(c.refundAfterReceipt!.breaches.map((b) => [b.recordId, b.lateSeconds])).toEqual([["S1", "3600"], ["S2", null]]);
    const urgent = byId(checkServiceLevels({ tickets: [{ ticketId: "T1", agentId: "A", createdAt: "2020-02-03 10:00" }, { ticketId: "T2", agentId: "A", createdAt: "2020-02-03 10:00", kind: "urgent" }] }, { kpi: { serviceLevels: { ticketReply: { kinds: ["urgent"] } } } }, { period: "2020-02" }));
    expect(urgent.ticketReply!.checked).toBe(1);
  });

  it("pre-sales wait: never 2 min or more (only when consultations carry maxResponseSeconds)", () => {
    const c = byId(checkServiceLevels({
      agents: [{ agentId: "A", group: "presale" }, { agentId: "B", group: "aftersale" }],
      consultations: [
        con("1", "2020-02-03 10:00:00", "2020-02-03 10:00:10", { maxResponseSeconds: 119, responseCount: 2, responseSeconds: 150 }),
        con("2", "2020-02-03 10:00:00", "2020-02-03 10:00:10", { maxResponseSeconds: 120, responseCount: 2, responseSeconds: 150 }),
        { ...con("3", "2020-02-03 10:00:00", "2020-02-03 10:00:10", { maxResponseSeconds: 500, responseCount: 1, responseSeconds: 500 }), agentId: "B" },
      ],
    }, {}, { period: "2020-02" }));
    expect(c.presaleWait).toMatchObject({ checked: 2, compliant: 1 });
    expect(c.presaleWait!.breaches[0]).toMatchObject({ recordId: "2", lateSeconds: "0", reason: "longest wait 120 s, at or over the limit" });
    const none = byId(checkServiceLevels({ consultations: [con("1", "2020-02-03 10:00:00", "2020-02-03 10:00:10")] }, {}, { period: "2020-02" }));
    expect(none.presaleWait).toMatchObject({ status: "noData", complianceRate: null });
  });

  it("checks further limits of the first reply and the after-sales review beside the rule's own, each with its label (firstReply.also, afterSaleReview.also)", () => {
    const policy = {
      kpi: {
        serviceLevels: {
          firstReply: { also: [{ label: "淘宝 5 分钟", maxSeconds: 300 }] },
          afterSaleReview: { also: [{ label: "手册 24 小时", maxHours: 24 }] },
        },
      },
    };
    const checks = checkServiceLevels(
      {
        consultations: [
          con("1", "2020-02-03 10:00:00", "2020-02-03 10:01:00"), // 60 s: both comply
          con("2", "2020-02-03 10:00:00", "2020-02-03 10:05:00"), // 300 s: breaches 60 s, complies with 5 min
          con("3", "2020-02-03 10:00:00", "2020-02-03 10:05:01"), // breaches both
          con("4", "2020-02-03 23:30:00", "2020-02-04 09:10:00"), // overnight: neither first-reply check
        ],
        afterSales: [
          { afterSaleId: "S1", agentId: "B", appliedAt: "2020-02-03 10:00", reviewedAt: "2020-02-04 10:00" }, // 24 h exactly
          { afterSaleId: "S2", agentId: "B", appliedAt: "2020-02-03 10:00" },
        ],
      },
      policy,
      { period: "2020-02" },
    );
    const row = (c: (typeof checks)[number]) => [c.id, c.label, c.rule, c.checked, c.compliant, c.breaches.map((b) => [b.recordId, b.lateSeconds])];
    expect(checks.filter((c) => c.id === "firstReply" || c.id === "afterSaleReview").map(row)).toEqual([
      ["firstReply", null, "first reply within 60 s for consultations arriving 09:00–23:00", 3, 1, [["2", "240"], ["3", "241"]]],
      ["firstReply", "淘宝 5 分钟", "first reply within 300 s for consultations arriving 09:00–23:00", 3, 2, [["3", "1"]]],
      ["afterSaleReview", null, "after-sales requests reviewed within 12 h", 2, 0, [["S1", "43200"], ["S2", null]]],
      ["afterSaleReview", "手册 24 小时", "after-sales requests reviewed within 24 h", 2, 1, [["S2", null]]],
    ]);
    // The rule's own check comes first; the others follow it.
    expect(checks.map((c) => c.id).slice(0, 5)).toEqual(["firstReply", "firstReply", "overnight", "ticketReply", "afterSaleReview"]);
    // A disabled rule disables its further limits too.
    const off = checkServiceLevels({ consultations: [con("1", "2020-02-03 10:00:00", null)] }, { kpi: { serviceLevels: { firstReply: { enabled: false, also: [{ label: "x", maxSeconds: 1 }] } } } }, { period: "2020-02" });
    expect(off.filter((c) => c.id === "firstReply").map((c) => [c.label, c.status])).toEqual([[null, "disabled"], ["x", "disabled"]]);
  });

  it("refuses two further limits with one label, or a limit that is not positive", () => {
    expect(() => checkServiceLevels({}, { kpi: { serviceLevels: { firstReply: { also: [{ label: "a", maxSeconds: 300 }, { label: "a", maxSeconds: 600 }] } } } }, { period: "2020-02" })).toThrow(
      'policy.kpi.serviceLevels.firstReply.also.1.label: "a" labels another check of this rule; each needs its own label',
    );
    expect(() => checkServiceLevels({}, { kpi: { serviceLevels: { afterSaleReview: { also: [{ label: "b", maxHours: 0 }] } } } }, { period: "2020-02" })).toThrow(/policy\.kpi\.serviceLevels\.afterSaleReview\.also\.0\.maxHours/);
  });

  it("rules without data in the inputs are noData; a disabled rule says so; a missing kind is noData", () => {
    const c = byId(checkServiceLevels({}, { kpi: { serviceLevels: { afterSaleReview: { enabled: false } } } }, { period: "2020-02" }));
    for (const id of ["orderAnomaly", "shipping", "pickupScan", "firstReply", "ticketReply"]) expect([id, c[id]!.status]).toEqual([id, "noData"]);
    expect(c.afterSaleReview!.status).toBe("disabled");
    expect(c.shipping!.rule).toBe("paid orders shipped within 24 h of payment, except orders flagged green (no orders given)");
    expect(c.orderAnomaly!.rule).toBe("order anomalies verified within 24 h of being reported (no orderAnomalies given)");
  });
});
