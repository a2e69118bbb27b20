/**
 * R7 routing (seed 002, 客服在线客服程序): which agent an arriving buyer is given.
 *
 * - The arrival's **group** comes from its source (入线来源): `routing.afterSalesSources` (消息中心,
 *   订单详情页, 订单列表页) make it after-sales, `routing.preSalesSources` (店铺首页, 商品详情页)
 *   pre-sales. A source in neither list is an error: the shop adds it to one.
 * - An agent is pre-sales unless put in the after-sales group (首次默认全部客服为售前组). A shop
 *   with no after-sales agent does not split (店铺只有售前组时，不区分售前售后分流): every agent
 *   matches every arrival.
 * - An agent is **online**, **busy** or **offline**; with `routing.maxConcurrent`, an online agent
 *   holding that many chats or more counts as busy.
 * - The steps, in `routing.order` (消息分配优先级): the buyer's **recent agent** (最近接待客服: the
 *   agent who last served them, preferred while fewer than `routing.recentAgentHours` have passed
 *   since, when online or busy), then an online agent of the matching group, an online agent of the
 *   other group, a busy agent of the matching group, a busy agent of the other group. An offline
 *   agent is never given a buyer; with nobody online or busy the arrival waits (agent null).
 * - Within a step the tie is broken by the fewest chats held, then the 工号 by code units (the seed
 *   names no tie rule).
 */
import { describeValue, isObject, quoteValue } from "../input.js";
import { IssueCode, IssueList, safely, type Issue, type SafeResult } from "../errors.js";
import type { Policy, PolicyInput, RoutingStep } from "../policy/schema.js";
import { resolvePolicy } from "../policy/resolve.js";
import { describeInstantError, parseInstant } from "../time/parse.js";
import { zoneOf } from "../time/zone.js";

/** An agent's state when a buyer arrives. */
export type RoutingState = "online" | "busy" | "offline";
/** The two groups of seed 002 (售前组, 售后组). */
export type RoutingGroup = "preSales" | "afterSales";

export interface RoutingAgent {
  readonly agentId: string;
  readonly state: RoutingState;
  /** Default `preSales`. */
  readonly group?: RoutingGroup;
  /** Chats the agent holds now (a whole number ≥ 0); default 0. */
  readonly load?: number;
}

export interface RoutingArrival {
  /** 入线来源, e.g. 商品详情页. */
  readonly source: string;
  /** When the buyer arrives: an instant, or a wall time of the shop zone. */
  readonly at: string;
  /** The agent who last served this buyer in the shop (最近接待客服), with `recentAt`. */
  readonly recentAgentId?: string;
  /** When that agent last served the buyer. */
  readonly recentAt?: string;
}

export interface RoutingDecision {
  /** The agent given the buyer; null when nobody is online or busy (the buyer waits). */
  readonly agentId: string | null;
  /** The step that picked the agent; `nobody` when none did. */
  readonly step: RoutingStep | "nobody";
  /** The arrival's group, from its source. */
  readonly group: RoutingGroup;
  /** Whether the shop splits pre- and after-sales (some agent is in the after-sales group). */
  readonly split: boolean;
  /** Why, in a sentence. */
  readonly reason: string;
}

const STATES: readonly string[] = ["online", "busy", "offline"];
const GROUPS: readonly string[] = ["preSales", "afterSales"];

const STEP_TEXT: Readonly<Record<RoutingStep, string>> = {
  recentAgent: "the buyer's recent agent",
  onlineMatching: "an online agent of the matching group",
  onlineOther: "an online agent of the other group",
  busyMatching: "a busy agent of the matching group",
  busyOther: "a busy agent of the other group",
};

interface Candidate {
  readonly agentId: string;
  readonly busy: boolean;
  readonly offline: boolean;
  readonly group: RoutingGroup;
  readonly load: number;
}

/**
 * The agent R7 gives an arriving buyer, and why.
 *
 * @param arrival - the buyer's source and time, and their recent agent with when they were served
 * @param agents - every agent with their state, group and load (an agent at most once)
 * @param policy - `routing` (the sources of each group, the recent agent's window, the capacity,
 *   the order of the steps), `timeZone` for wall times
 * @throws {KefuKpiError} naming the field: an unknown source, state or group, a repeated agent, a
 *   time that is no instant, a recent agent without its time (or the other way round), or one
 *   served after the arrival
 * @example
 * routeConsultation({ source: "订单详情页", at: "2020-02-03 10:00" }, [
 *   { agentId: "A01", state: "online" },
 *   { agentId: "A02", state: "online", group: "afterSales" },
 * ]).agentId //=> "A02"
 */
export function routeConsultation(arrival: RoutingArrival, agents: readonly RoutingAgent[], policy?: PolicyInput | Policy): RoutingDecision {
  const resolved = resolvePolicy(policy);
  const routing = resolved.routing;
  const issues = new IssueList();
  const zone = zoneOf(resolved);

  let group: RoutingGroup = "preSales";
  let at = NaN;
  let recentId: string | undefined;
  let recentAt = NaN;
  if (!isObject(arrival)) issues.add(issue(["arrival"], `expected an arrival { source, at, recentAgentId?, recentAt? }, got ${describeValue(arrival)}`));
  else {
    const { source } = arrival;
    if (typeof source !== "string" || source.trim() === "") issues.add(issue(["arrival", "source"], `expected the arrival's source (入线来源), got ${describeValue(source)}`));
    else if (routing.afterSalesSources.includes(source.trim())) group = "afterSales";
    else if (!routing.preSalesSources.includes(source.trim())) {
      issues.add({
        code: IssueCode.invalidValue,
        path: ["arrival", "source"],
        message: `${quoteValue(source)} is no source of the policy: routing.afterSalesSources are ${list(routing.afterSalesSources)}, routing.preSalesSources ${list(routing.preSalesSources)}; add it to one`,
      });
    }
    at = parseInstant(arrival.at, zone);
    if (at !== at) issues.add(issue(["arrival", "at"], describeInstantError(arrival.at, zone)));
    const hasAgent = arrival.recentAgentId !== undefined;
    const hasTime = arrival.recentAt !== undefined;
    if (hasAgent !== hasTime) {
      issues.add(issue(["arrival", hasAgent ? "recentAt" : "recentAgentId"], hasAgent ? "is missing: a recent agent needs the time they last served the buyer" : "is missing: a recentAt needs the agent who served the buyer then"));
    } else if (hasAgent) {
      if (typeof arrival.recentAgentId !== "string" || arrival.recentAgentId.trim() === "") {
        issues.add(issue(["arrival", "recentAgentId"], `expected the recent agent's 工号, got ${describeValue(arrival.recentAgentId)}`));
      } else recentId = arrival.recentAgentId.trim();
      recentAt = parseInstant(arrival.recentAt, zone);
      if (recentAt !== recentAt) issues.add(issue(["arrival", "recentAt"], describeInstantError(arrival.recentAt, zone)));
      else if (at === at && recentAt > at) issues.add(issue(["arrival", "recentAt"], `${quoteValue(arrival.recentAt)} is after the arrival ${quoteValue(arrival.at)}; the recent agent served the buyer before`));
    }
  }

  const candidates: Candidate[] = [];
  if (!Array.isArray(agents)) issues.add(issue(["agents"], `expected an array of agents { agentId, state, group?, load? }, got ${describeValue(agents)}`));
  else {
    const seen = new Map<string, number>();
    agents.forEach((agent: unknown, i) => {
      const c = readAgent(agent, i, issues);
      if (c === null) return;
      const first = seen.get(c.agentId);
      if (first !== undefined) {
        issues.add({ ...issue(["agents", i, "agentId"], `agent ${quoteValue(c.agentId)} is listed twice; an agent has one state`), related: { path: ["agents", first] } });
        return;
      }
      seen.set(c.agentId, i);
      const busy = c.busy || (!c.offline && routing.maxConcurrent !== null && c.load >= routing.maxConcurrent);
      candidates.push({ ...c, busy });
    });
  }
  issues.throwIfAny();

  const split = candidates.some((c) => c.group === "afterSales");
  const groupText = group === "afterSales" ? "after-sales" : "pre-sales";
  const within = `${groupText}${split ? "" : ", no split: the shop has no after-sales agent"}`;
  const notes: string[] = [];
  let recent = -1;
  if (recentId !== undefined && routing.order.includes("recentAgent")) {
    const r = candidates.findIndex((c) => c.agentId === recentId);
    if (r < 0) notes.push(`the recent agent ${quoteValue(recentId)} is not among the agents`);
    else if (at - recentAt >= routing.recentAgentHours * 3_600_000) notes.push(`the recent agent ${quoteValue(recentId)} served the buyer ${routing.recentAgentHours} hours or more before (routing.recentAgentHours)`);
    else if (candidates[r]!.offline) notes.push(`the recent agent ${quoteValue(recentId)} is offline`);
    else recent = r;
  }
  // The candidates as the steps read them, ranked by 工号.
  const n = candidates.length;
  const pool: RoutingPool = { members: [new Int32Array(n), new Int32Array(n)], sizes: new Int32Array(2), busy: new Uint8Array(n), load: new Int32Array(n), rank: new Int32Array(n) };
  const byId = candidates.map((_, i) => i).sort((x, y) => (candidates[x]!.agentId < candidates[y]!.agentId ? -1 : 1));
  byId.forEach((c, r) => (pool.rank[c] = r));
  candidates.forEach((c, i) => {
    const g = c.group === "afterSales" ? 1 : 0;
    if (!c.offline) pool.members[g][pool.sizes[g]!++] = i;
    pool.busy[i] = c.busy ? 1 : 0;
    pool.load[i] = c.load;
  });
  const choice = chooseAgent(routing.order, split, group === "afterSales" ? 1 : 0, pool, Infinity, recent);
  const tail = notes.length > 0 ? `; ${notes.join("; ")}` : "";
  if (choice >= 0) {
    const pick = candidates[pickedAgent(choice)]!;
    const step = routing.order[pickedStep(choice)]!;
    const why = step === "recentAgent" ? "" : " (the fewest chats held, then the 工号)";
    return { agentId: pick.agentId, step, group, split, reason: `${within}: ${STEP_TEXT[step]}, ${pick.agentId}${why}${tail}` };
  }
  return {
    agentId: null,
    step: "nobody",
    group,
    split,
    reason: `${within}: no agent online or busy${routing.order.length < 5 ? ` in the steps of routing.order (${routing.order.join(", ")})` : ""}; the buyer waits${tail}`,
  };
}

/**
 * The agents as R7's steps read them, by agent number: those who can be given a buyer (online or
 * busy, not offline) by group — pre-sales in `members[0]`, after-sales in `members[1]`, the first
 * `sizes[g]` of each — and per agent whether they are busy, the chats they hold and the rank of
 * their 工号 by code units.
 */
export interface RoutingPool {
  readonly members: readonly [Int32Array, Int32Array];
  readonly sizes: Int32Array;
  readonly busy: Uint8Array;
  readonly load: Int32Array;
  readonly rank: Int32Array;
}

const STEP_SHIFT = 24;
const PICK = (1 << STEP_SHIFT) - 1;

/**
 * The steps of R7 over a pool: the agent number picked and the index of the step in `order` that
 * picked it, as `step << 24 | agent`; -1 when no step finds one (the buyer waits). The one
 * implementation of the steps: {@link routeConsultation} and the replay over a month both call it.
 *
 * @param group - the arrival's group: 1 after-sales, 0 pre-sales
 * @param capacity - an agent holding this many chats or more is busy (`routing.maxConcurrent`; Infinity for none)
 * @param recent - the buyer's recent agent when the preference holds (within the window, not offline), else -1
 */
export function chooseAgent(order: readonly RoutingStep[], split: boolean, group: 0 | 1, pool: RoutingPool, capacity: number, recent: number): number {
  const { members, sizes, busy, load, rank } = pool;
  for (let s = 0; s < order.length; s++) {
    const step = order[s]!;
    if (step === "recentAgent") {
      if (recent >= 0) return (s << STEP_SHIFT) | recent;
      continue;
    }
    const wantBusy = step === "busyMatching" || step === "busyOther" ? 1 : 0;
    const matching = step === "onlineMatching" || step === "busyMatching";
    // Without a split every agent matches: there is no other group.
    if (!matching && !split) continue;
    let pick = -1;
    // The group the step reads (both without a split).
    for (let g = 0; g < 2; g++) {
      if (split && (g === group) !== matching) continue;
      const list = members[g as 0 | 1];
      const size = sizes[g]!;
      for (let k = 0; k < size; k++) {
        const a = list[k]!;
        const isBusy = busy[a] === 1 || load[a]! >= capacity ? 1 : 0;
        if (isBusy !== wantBusy) continue;
        if (pick < 0 || load[a]! < load[pick]! || (load[a] === load[pick] && rank[a]! < rank[pick]!)) pick = a;
      }
    }
    if (pick >= 0) return (s << STEP_SHIFT) | pick;
  }
  return -1;
}

/** The agent number of a {@link chooseAgent} result (≥ 0). */
export function pickedAgent(choice: number): number {
  return choice & PICK;
}

/** The index in `routing.order` of the step of a {@link chooseAgent} result (≥ 0). */
export function pickedStep(choice: number): number {
  return choice >>> STEP_SHIFT;
}

/** {@link routeConsultation} without throwing: the decision, or the issues. */
export function safeRouteConsultation(arrival: RoutingArrival, agents: readonly RoutingAgent[], policy?: PolicyInput | Policy): SafeResult<RoutingDecision> {
  return safely(() => routeConsultation(arrival, agents, policy));
}

function readAgent(agent: unknown, i: number, issues: IssueList): Candidate | null {
  if (!isObject(agent)) {
    issues.add(issue(["agents", i], `expected an agent { agentId, state, group?, load? }, got ${describeValue(agent)}`));
    return null;
  }
  const { agentId, state, group = "preSales", load = 0 } = agent;
  let ok = true;
  if (typeof agentId !== "string" || agentId.trim() === "") {
    issues.add(issue(["agents", i, "agentId"], `expected the agent's 工号, got ${describeValue(agentId)}`));
    ok = false;
  }
  if (typeof state !== "string" || !STATES.includes(state)) {
    issues.add(issue(["agents", i, "state"], `expected online, busy or offline, got ${quoteValue(state)}`));
    ok = false;
  }
  if (typeof group !== "string" || !GROUPS.includes(group)) {
    issues.add(issue(["agents", i, "group"], `expected preSales or afterSales, got ${quoteValue(group)}`));
    ok = false;
  }
  if (typeof load !== "number" || !Number.isSafeInteger(load) || load < 0) {
    issues.add(issue(["agents", i, "load"], `expected the chats held, a whole number ≥ 0, got ${quoteValue(load)}`));
    ok = false;
  }
  if (!ok) return null;
  return { agentId: (agentId as string).trim(), busy: state === "busy", offline: state === "offline", group: group as RoutingGroup, load: load as number };
}

function issue(path: (string | number)[], message: string, code: IssueCode = IssueCode.invalidValue): Issue {
  return { code, path, message };
}

function list(values: readonly string[]): string {
  return values.length === 0 ? "none" : values.map((v) => JSON.stringify(v)).join(", ");
}
