import { describe, expect, it } from "vitest";
import { issueRows } from "../issueRows.js";
import { evaluateRewards, safeEvaluateRewards } from "../../src/index.js";

describe("evaluateRewards", () => {
  it("pays 10 per data error and 30 per adopted suggestion by default, awards at their amount", () => {
    const r = evaluateRewards({
      rewards: [
        { rewardId: "R3", agentId: "A02", at: "2020-02-05 10:00", kind: "specialAward", amount: "200" },
        { rewardId: "R1", agentId: "A01", at: "2020-02-03 10:00", kind: "dataErrorFound" },
        { rewardId: "R2", agentId: "A01", at: "2020-02-04 10:00", kind: "suggestionAdopted", amount: "30.00" },
        { rewardId: "R4", agentId: "A01", at: "2020-02-06 10:00", kind: "performanceAward", amount: "88.8" },
      ],
    });
    expect(r.lines.map((l) => [l.rewardId, l.kind, l.amount, l.rule])).toEqual([
      ["R1", "dataErrorFound", "10.00", "rewards.dataErrorFound"],
      ["R2", "suggestionAdopted", "30.00", "rewards.suggestionAdopted"],
      ["R3", "specialAward", "200.00", "given"],
      ["R4", "performanceAward", "88.80", "given"],
    ]);
    expect(r.agents).toEqual([
      { agentId: "A01", count: 3, total: "128.80" },
      { agentId: "A02", count: 1, total: "200.00" },
    ]);
  });

  it("takes the amounts from the policy and keeps only the month asked", () => {
    const r = evaluateRewards(
      { rewards: [{ agentId: "A01", at: "2020-02-03 10:00", kind: "dataErrorFound" }, { agentId: "A01", at: "2020-03-01 00:00", kind: "dataErrorFound" }] },
      { rewards: { dataErrorFound: "15" } },
      { month: "2020-02" },
    );
    expect(r.lines.map((l) => l.amount)).toEqual(["15.00"]);
    expect(r.outsidePeriod).toBe(1);
  });

  it("rejects a missing award amount, an amount that contradicts the policy, unknown kinds and agents", () => {
    const r = safeEvaluateRewards({
      agents: [{ agentId: "A01" }],
      rewards: [
        { rewardId: "R1", agentId: "A01", at: "2020-02-03 10:00", kind: "specialAward" },
        { rewardId: "R2", agentId: "A01", at: "2020-02-03 10:00", kind: "dataErrorFound", amount: "12.00" },
        { rewardId: "R3", agentId: "A01", at: "2020-02-03 10:00", kind: "bonus" },
        { rewardId: "R4", agentId: "A07", at: "2020-02-03 10:00", kind: "dataErrorFound" },
        { rewardId: "R5", agentId: "A01", at: "2020-02-03 10:00", kind: "performanceAward", amount: "-5" },
      ],
    });
    expect(issueRows(r)).toEqual([
      ["missing_field", "rewards.0.amount", "is missing; a specialAward carries its amount, like 200.00"],
      ["invalid_value", "rewards.1.amount", "dataErrorFound is paid 10.00 by policy rewards.dataErrorFound; leave amount empty (or give 10.00)"],
      ["invalid_value", "rewards.2.kind", '"bonus" is not one of dataErrorFound (商品数据错误), suggestionAdopted (建议被采纳), performanceAward (业绩奖), specialAward (特别奖)'],
      ["unknown_agent", "rewards.3.agentId", '"A07" is not in the agents list'],
      ["negative_money", "rewards.4.amount", expect.stringContaining("-5")],
    ]);
  });
});
