// 中差评 outcomes (seed 003: 中差评的处理成果，也建议加入到客户绩效中): shop reviews carry the
// handling's outcome and handler; reviewRecoveryRate = changed to good or removed / handled.
import { describe, expect, it } from "vitest";
import { collectKpiState, computeKpis, finalizeKpis, KefuKpiError, mergeKpiStates, scoreAgent } from "../../src/index.js";
import { renderKpiReport } from "../../src/render/index.js";
import { buildKpiReport, type RecordOf } from "../../src/index.js";

// The outcome as a file or sheet cell gives it: any text (a bad one is tested below).
const review = (reviewId: string, at: string, outcome?: string, handlerId?: string): RecordOf<"shopReviews"> =>
  ({ reviewId, buyerId: `b${reviewId}`, at, rating: "negative", ...(outcome === undefined ? {} : { outcome }), ...(handlerId === undefined ? {} : { handlerId }) }) as RecordOf<"shopReviews">;
const agents = [{ agentId: "A1" }, { agentId: "A2" }];
const shopReviews = [
  review("R1", "2020-02-03 10:00", "改为好评", "A1"), // changed: recovered
  review("R2", "2020-02-10 10:00", "removed", "A1"), // removed: recovered
  review("R3", "2020-02-11 10:00", "已解释", "A1"), // explained: handled, not recovered
  review("R4", "2020-02-12 10:00", "unchanged", "A2"), // handled, not recovered
  review("R5", "2020-02-13 10:00"), // no outcome yet: not counted
  review("R6", "2020-01-31 23:59", "changed", "A2"), // January's
];
const feb = { period: "2020-02" };
const byAgent = (r: ReturnType<typeof computeKpis>, id: string) => r.agents.find((a) => a.agentId === id)!.kpis.reviewRecoveryRate;

describe("reviewRecoveryRate (中差评挽回率)", () => {
  it("counts the reviews of the period each agent handled, changed to good or removed over all with an outcome", () => {
    const r = computeKpis({ agents, shopReviews }, {}, feb);
    expect(byAgent(r, "A1")).toMatchObject({ value: "0.6667", status: "ok", numerator: "2", denominator: "3" });
    expect(byAgent(r, "A2")).toMatchObject({ value: "0.0000", numerator: "0", denominator: "1" });
    expect(r.shop.kpis.reviewRecoveryRate).toMatchObject({ value: "0.5000", numerator: "2", denominator: "4" });
    // January's review is January's.
    expect(byAgent(computeKpis({ agents, shopReviews }, {}, { period: "2020-01" }), "A2")).toMatchObject({ value: "1.0000" });
  });

  it("is no data without shop reviews, and without any handled by the agent", () => {
    const none = computeKpis({ agents }, {}, feb);
    expect(byAgent(none, "A1")).toMatchObject({ value: null, status: "noData", reason: "no shopReviews given" });
    const unhandled = computeKpis({ agents, shopReviews: [review("R5", "2020-02-13 10:00")] }, {}, feb);
    expect(byAgent(unhandled, "A1")).toMatchObject({ value: null, status: "noData" });
  });

  it("merges: two halves of the month give the month's figures", () => {
    const first = collectKpiState({ agents, shopReviews }, {}, { period: "2020-02-01..2020-02-10" });
    const second = collectKpiState({ agents, shopReviews }, {}, { period: "2020-02-11..2020-02-29" });
    const merged = finalizeKpis(mergeKpiStates(first, second), {});
    expect(merged.shop.kpis.reviewRecoveryRate).toEqual(computeKpis({ agents, shopReviews }, {}, feb).shop.kpis.reviewRecoveryRate);
  });

  it("can be a scorecard's metric", () => {
    const kpis = computeKpis({ agents, shopReviews }, {}, feb).agents[0]!.kpis;
    const policy = { kpi: { scorecards: { aftersale: [{ metric: "reviewRecoveryRate" as const, weight: 100, direction: "higherIsBetter" as const, steps: [{ threshold: "0.60", points: 100 }], otherwise: 0 }] } } };
    expect(scoreAgent(kpis, "aftersale", policy)).toMatchObject({ status: "scored", score: "100.00" });
  });

  it("is in the kpi report's table with its Chinese label", () => {
    const text = renderKpiReport(buildKpiReport({ agents, shopReviews }, {}, feb));
    expect(text).toContain("中差评挽回率");
  });

  it("reads the outcome's Chinese labels and other spellings, and refuses an unknown one or an outcome without its handler", () => {
    const spelled = [review("S1", "2020-02-03 10:00", "已改好评", "A1"), review("S2", "2020-02-03 11:00", "删除", "A1"), review("S3", "2020-02-03 12:00", "未改", "A1")];
    expect(byAgent(computeKpis({ agents, shopReviews: spelled }, {}, feb), "A1")).toMatchObject({ numerator: "2", denominator: "3" });
    const bad = () => computeKpis({ agents, shopReviews: [review("X1", "2020-02-03 10:00", "好评"), review("X2", "2020-02-03 10:00", "changed")] }, {}, feb);
    expect(bad).toThrow(KefuKpiError);
    let messages: string[] = [];
    try {
      bad();
    } catch (e) {
      messages = (e as KefuKpiError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    }
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^shopReviews\.0\.outcome: "好评" is not one of/);
    expect(messages[0]).toContain("changed (改为好评), removed (已删除), explained (已解释), unchanged (未改变)");
    expect(messages[1]).toBe("shopReviews.1.handlerId: is missing; a handled review (one with an outcome) names the agent who handled it");
  });

  it("a handler not among the agents is an error naming the review", () => {
    expect(() => computeKpis({ agents, shopReviews: [review("X1", "2020-02-03 10:00", "changed", "A9")] }, {}, feb)).toThrow(/A9/);
  });
});
