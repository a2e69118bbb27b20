// R7 routing from seed 002's wording: 入线分流 by source, 店铺只有售前组时不区分, 最近接待客服 for 24
// hours when 在线/忙碌, then 在线的对应组 → 在线的不对应组 → 忙碌的对应组 → 忙碌的不对应组; the tie
// rule (fewest chats, then 工号); the policy's sources, window, capacity and order; and the errors.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { routeConsultation, safeRouteConsultation, type RoutingAgent } from "../../src/index.js";

const at = "2020-02-03 10:00";
const pre = (agentId: string, state: RoutingAgent["state"], load = 0): RoutingAgent => ({ agentId, state, load });
const after = (agentId: string, state: RoutingAgent["state"], load = 0): RoutingAgent => ({ agentId, state, group: "afterSales", load });

describe("routeConsultation (R7)", () => {
  it("sends 消息中心, 订单详情页 and 订单列表页 to after-sales, 店铺首页 and 商品详情页 to pre-sales", () => {
    const agents = [pre("A01", "online"), after("A02", "online")];
    for (const source of ["消息中心", "订单详情页", "订单列表页"]) expect(routeConsultation({ source, at }, agents)).toMatchObject({ agentId: "A02", group: "afterSales", step: "onlineMatching", split: true });
    for (const source of ["店铺首页", "商品详情页"]) expect(routeConsultation({ source, at }, agents)).toMatchObject({ agentId: "A01", group: "preSales", step: "onlineMatching" });
  });

  it("does not split a shop with only a pre-sales group: every agent matches, the tie rule decides", () => {
    const agents = [pre("A02", "online", 1), pre("A01", "online", 1), pre("A03", "online", 2)];
    const d = routeConsultation({ source: "订单详情页", at }, agents);
    expect(d).toMatchObject({ agentId: "A01", step: "onlineMatching", group: "afterSales", split: false });
    expect(d.reason).toBe("after-sales, no split: the shop has no after-sales agent: an online agent of the matching group, A01 (the fewest chats held, then the 工号)");
  });

  it("follows the allocation order: online matching → online other → busy matching → busy other", () => {
    const source = "商品详情页"; // pre-sales
    expect(routeConsultation({ source, at }, [after("B1", "online"), pre("P1", "busy"), pre("P2", "online", 9)]).agentId).toBe("P2");
    expect(routeConsultation({ source, at }, [after("B1", "online", 9), pre("P1", "busy"), after("B2", "busy")])).toMatchObject({ agentId: "B1", step: "onlineOther" });
    expect(routeConsultation({ source, at }, [after("B1", "busy"), pre("P1", "busy", 3), pre("P2", "offline")])).toMatchObject({ agentId: "P1", step: "busyMatching" });
    expect(routeConsultation({ source, at }, [after("B1", "busy"), pre("P1", "offline")])).toMatchObject({ agentId: "B1", step: "busyOther" });
    const nobody = routeConsultation({ source, at }, [after("B1", "offline"), pre("P1", "offline")]);
    expect(nobody).toMatchObject({ agentId: null, step: "nobody" });
    expect(nobody.reason).toBe("pre-sales: no agent online or busy; the buyer waits");
    expect(routeConsultation({ source, at }, [])).toMatchObject({ agentId: null, step: "nobody", split: false });
  });

  it("prefers the recent agent (最近接待客服) when online or busy, whatever the group and load, for less than 24 hours", () => {
    const agents = [pre("A01", "online"), after("A02", "busy", 7)];
    const recent = { source: "商品详情页", recentAgentId: "A02" };
    expect(routeConsultation({ ...recent, at: "2020-02-03 10:00", recentAt: "2020-02-02 10:00:01" }, agents)).toMatchObject({ agentId: "A02", step: "recentAgent" });
    expect(routeConsultation({ ...recent, at: "2020-02-03 10:00", recentAt: "2020-02-03 10:00" }, agents)).toMatchObject({ agentId: "A02", step: "recentAgent" });
    // At exactly 24 hours the window has passed (有效期为24小时: valid for 24 hours, not 24 hours and an instant).
    const expired = routeConsultation({ ...recent, at: "2020-02-03 10:00", recentAt: "2020-02-02 10:00" }, agents);
    expect(expired).toMatchObject({ agentId: "A01", step: "onlineMatching" });
    expect(expired.reason).toContain('the recent agent "A02" served the buyer 24 hours or more before (routing.recentAgentHours)');
    // Offline, or not among the agents: the next step, said in the reason.
    const offline = routeConsultation({ ...recent, at, recentAt: "2020-02-03 09:00" }, [pre("A01", "online"), after("A02", "offline")]);
    expect(offline).toMatchObject({ agentId: "A01", step: "onlineMatching" });
    expect(offline.reason).toContain('the recent agent "A02" is offline');
    expect(routeConsultation({ ...recent, at, recentAt: "2020-02-03 09:00" }, [pre("A01", "online")]).reason).toContain('the recent agent "A02" is not among the agents');
  });

  it("reads the window across the shop zone's wall times and instants with offsets alike", () => {
    const agents = [pre("A01", "online"), pre("A02", "online", 5)];
    // 2020-02-02 10:30 in Shanghai is 02:30Z: 23.5 hours before 2020-02-03 10:00 Shanghai.
    expect(routeConsultation({ source: "店铺首页", at, recentAgentId: "A02", recentAt: "2020-02-02T02:30:00Z" }, agents).agentId).toBe("A02");
    expect(routeConsultation({ source: "店铺首页", at, recentAgentId: "A02", recentAt: "2020-02-02T01:30:00Z" }, agents).agentId).toBe("A01");
  });

  it("takes the sources, the window, the capacity and the order from the policy", () => {
    const agents = [pre("A01", "online", 3), pre("A02", "online", 4), after("B1", "online", 0)];
    expect(() => routeConsultation({ source: "直播间", at }, agents)).toThrow(/"直播间" is no source of the policy: routing.afterSalesSources are "消息中心", "订单详情页", "订单列表页", routing.preSalesSources "店铺首页", "商品详情页"; add it to one/);
    expect(routeConsultation({ source: "直播间", at }, agents, { routing: { preSalesSources: ["店铺首页", "商品详情页", "直播间"] } }).agentId).toBe("A01");
    // An online agent holding maxConcurrent chats or more is busy.
    expect(routeConsultation({ source: "店铺首页", at }, agents, { routing: { maxConcurrent: 3 } })).toMatchObject({ agentId: "B1", step: "onlineOther" });
    expect(routeConsultation({ source: "店铺首页", at }, [pre("A01", "online", 3), pre("A02", "online", 4)], { routing: { maxConcurrent: 3 } })).toMatchObject({ agentId: "A01", step: "busyMatching" });
    // A window of 48 hours keeps the recent agent a day longer.
    const arrival = { source: "店铺首页", at, recentAgentId: "A02", recentAt: "2020-02-02 09:00" };
    expect(routeConsultation(arrival, agents).agentId).toBe("A01");
    expect(routeConsultation(arrival, agents, { routing: { recentAgentHours: 48 } }).agentId).toBe("A02");
    // An order without the recent agent, other group first.
    expect(routeConsultation(arrival, agents, { routing: { order: ["onlineOther", "onlineMatching"] } })).toMatchObject({ agentId: "B1", step: "onlineOther" });
    const limited = routeConsultation({ source: "店铺首页", at }, [pre("A01", "busy")], { routing: { order: ["onlineMatching"] } });
    expect(limited).toMatchObject({ agentId: null, step: "nobody" });
    expect(limited.reason).toBe("pre-sales, no split: the shop has no after-sales agent: no agent online or busy in the steps of routing.order (onlineMatching); the buyer waits");
  });

  it("refuses a policy whose source is in both groups, or whose order repeats a step", () => {
    expect(() => routeConsultation({ source: "店铺首页", at }, [], { routing: { preSalesSources: ["店铺首页", "消息中心"] } })).toThrow(/routing\.preSalesSources\.1.*"消息中心" is an after-sales source too/);
    expect(() => routeConsultation({ source: "店铺首页", at }, [], { routing: { order: ["onlineMatching", "onlineMatching"] } })).toThrow(/each step at most once/);
  });

  it("names every bad field of the arrival and the agents", () => {
    const r = safeRouteConsultation(
      { source: "", at: "2020-02-30 10:00", recentAgentId: "A01" } as never,
      [{ agentId: "A01", state: "away" }, { agentId: " ", state: "online", load: -1 }, pre("A03", "online"), { ...pre("A03", "busy") }, { agentId: "A05", state: "online", group: "售后" }, 7] as never,
    );
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["arrival.source", 'expected the arrival\'s source (入线来源), got the text ""'],
      ["arrival.at", '"2020-02-30 10:00" is not a real calendar date or time'],
      ["arrival.recentAt", "is missing: a recent agent needs the time they last served the buyer"],
      ["agents.0.state", 'expected online, busy or offline, got "away"'],
      ["agents.1.agentId", 'expected the agent\'s 工号, got the text " "'],
      ["agents.1.load", "expected the chats held, a whole number ≥ 0, got -1"],
      ["agents.3.agentId", 'agent "A03" is listed twice; an agent has one state'],
      ["agents.4.group", 'expected preSales or afterSales, got "售后"'],
      ["agents.5", "expected an agent { agentId, state, group?, load? }, got the number 7"],
    ]);
    expect(() => routeConsultation({ source: "店铺首页", at, recentAgentId: "A01", recentAt: "2020-02-03 10:01" }, [])).toThrow(/recentAt: "2020-02-03 10:01" is after the arrival "2020-02-03 10:00"/);
    expect(() => routeConsultation(null as never, null as never)).toThrow(/arrival: expected an arrival[\s\S]*agents: expected an array of agents/);
  });

  it("never gives a buyer to an offline agent, nor a busy one while one is online; the agents' order decides nothing", () => {
    const agent = fc.record({
      agentId: fc.constantFrom("A01", "A02", "A03", "A04", "A05", "A06"),
      state: fc.constantFrom("online", "busy", "offline") as fc.Arbitrary<RoutingAgent["state"]>,
      group: fc.constantFrom("preSales", "afterSales") as fc.Arbitrary<"preSales" | "afterSales">,
      load: fc.nat(5),
    });
    const agents = fc.uniqueArray(agent, { selector: (a) => a.agentId, maxLength: 6 });
    fc.assert(
      fc.property(agents, fc.constantFrom("店铺首页", "订单详情页"), fc.option(fc.constantFrom("A01", "A02", "A07"), { nil: undefined }), fc.nat(47), (list, source, recent, hours) => {
        const arrival = recent === undefined ? { source, at } : { source, at, recentAgentId: recent, recentAt: `2020-02-0${hours < 10 ? 3 : 2} ${String((34 - hours) % 24).padStart(2, "0")}:00` };
        const r = safeRouteConsultation(arrival, list);
        if (!r.success) return; // a recentAt after the arrival: an error, checked above
        const d = r.data;
        const picked = list.find((a) => a.agentId === d.agentId);
        if (picked !== undefined) expect(picked.state).not.toBe("offline");
        else expect(list.every((a) => a.state === "offline")).toBe(true);
        if (picked?.state === "busy" && d.step !== "recentAgent") expect(list.some((a) => a.state === "online")).toBe(false);
        expect(routeConsultation(arrival, [...list].reverse())).toEqual(d);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
