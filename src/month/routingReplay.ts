/**
 * R7 over a period of real arrivals (seed 002): each consultation's arrival is routed by the same
 * steps as `routeConsultation`, over the roster: an agent is online while on a working shift and
 * still staff (not past a dismissal), offline otherwise; with `routing.maxConcurrent`, an online
 * agent holding that many chats is busy.
 *
 * Two states are carried through the period, in arrival order:
 * - the **replay**: every arrival given to the agent R7 picks, who then holds it until the
 *   consultation's end — the load R7 would have given each agent, and the arrivals with nobody on
 *   shift (the buyer waits; how long until someone's shift began);
 * - the **audit**: what R7 would have picked at each arrival in the state the shop really had (the
 *   chats each agent really held, the buyer's real last agent), against the agent who took it —
 *   how often they differ, per step.
 *
 * The buyer's recent agent is the agent of their previous consultation (its end the time they
 * were last served); consultations before the period set the state and are not counted.
 * Simultaneous arrivals are taken by first reply (the buyer answered first arrived first;
 * unanswered last), then consultationId (code units), each one's chat counted in the load the
 * next sees; a chat ending at the instant of an arrival is no longer held.
 */
import { IssueCode, IssueList, safely, type SafeResult } from "../errors.js";
import { DenseIds } from "../ids/denseIds.js";
import { withLazy } from "../lazy.js";
import type { Policy, PolicyInput, RoutingStep } from "../policy/schema.js";
import { KINDS } from "../records/kinds.js";
import { monthFor, throwInMonthOrder, type DecodedMonth } from "../records/month.js";
import { checkOptions } from "../input.js";
import { checkRosterRows } from "../roster/rosterIndex.js";
import { chooseAgent, pickedAgent, pickedStep, type RoutingPool } from "../routing/route.js";
import type { RoutingGroup } from "../routing/route.js";
import { formatInstant } from "../time/period.js";
import { arrivalsOverRoster, onShiftTimeline, type RosterArrivalsInput } from "./onShift.js";

/** The roster, the consultations with their `source` (or the chat log standing for them), the agents' groups and the dismissals. */
export type RoutingReplayInput = RosterArrivalsInput;

export interface RoutingReplayOptions {
  /** The arrivals replayed: a period label (`2020-02`, `2020-02-21`, `2020-W08`, a range). */
  readonly period: string;
}

export interface RoutingReplayAgent {
  readonly agentId: string;
  readonly group: RoutingGroup;
  /** Arrivals R7 gave the agent in the replay. */
  readonly routed: number;
  /** The most chats the agent held at once in the replay. */
  readonly peakLoad: number;
  /** Arrivals the agent really took. */
  readonly actual: number;
}

/** An arrival with nobody online or busy: the buyer waits. */
export interface RoutingWait {
  readonly consultationId: string;
  readonly at: string;
  readonly group: RoutingGroup;
  /** When the next shift began (an agent came online); null when no later shift is rostered. */
  readonly onlineAt: string | null;
  /** Whole seconds from the arrival to `onlineAt` (rounded up); null with it. */
  readonly waitSeconds: number | null;
}

/** An arrival whose real agent is not the one R7 picks in the shop's real state. */
export interface RoutingDifference {
  readonly consultationId: string;
  readonly at: string;
  /** The agent who took the chat. */
  readonly actual: string;
  /** The agent R7 picks; null when nobody was on shift. */
  readonly routed: string | null;
  readonly step: RoutingStep | "nobody";
}

export interface RoutingReplay {
  readonly period: string;
  /** Whether the shop splits pre- and after-sales (an agent of group aftersale). */
  readonly split: boolean;
  /** Consultations that began in the period. */
  readonly arrivals: number;
  /** Every agent rostered, routed to or serving in the period, by agentId. */
  readonly agents: readonly RoutingReplayAgent[];
  /** How many arrivals found nobody on shift in the replay. */
  readonly waited: number;
  /** Those arrivals, in arrival order. */
  readonly waiting: readonly RoutingWait[];
  readonly audit: {
    /** Arrivals whose agent differs from R7's pick. */
    readonly differs: number;
    /** Per step of `routing.order`, then `nobody`: the arrivals R7 decided by it, and how many of them another agent took. */
    readonly steps: readonly { readonly step: RoutingStep | "nobody"; readonly arrivals: number; readonly differs: number }[];
    /** Each difference, in arrival order. */
    readonly differences: readonly RoutingDifference[];
  };
}

const AFTERSALE = KINDS.agents.fields.group.values.indexOf("aftersale");

/**
 * Replays a period's arrivals over the roster by R7, and audits the real assignments against it.
 *
 * @param input - roster, consultations (with `source`) or the chat log, agents, violations; or a month decoded by `decodeMonth`
 * @param policy - `routing` (sources, window, capacity, order), `roster` (shifts), `timeZone`
 * @param options - `period`, the arrivals replayed
 * @throws {KefuKpiError} naming each consultation of the period without a source or with one in
 *   neither of the policy's lists, a bad period, the roster's errors
 * @example
 * replayRouting(sampleRecords, {}, { period: "2020-02-03" }).audit.differs
 */
export function replayRouting(input: RoutingReplayInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: RoutingReplayOptions): RoutingReplay {
  const { period } = checkOptions(options, ["period"]);
  const month = monthFor(input, policy, ["agents", "roster", "consultations", "violations"], { required: ["roster", "consultations"], check: checkRosterRows });
  return routingOfMonth(month, period as string);
}

/** {@link replayRouting} returning `{ success, data | issues }` instead of throwing. */
export function safeReplayRouting(input: RoutingReplayInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: RoutingReplayOptions): SafeResult<RoutingReplay> {
  return safely(() => replayRouting(input, policy, options));
}

/** {@link replayRouting} of a decoded month. */
export function routingOfMonth(month: DecodedMonth, label: string): RoutingReplay {
  const { period, consultations: table } = arrivalsOverRoster(month, label, "the replay routes the consultations over the roster");
  const issues = new IssueList();
  const { zone, policy } = month;
  const routing = policy.routing;
  const c = table.columns;

  // The arrivals before the period's end, in order (see arrivalOrder).
  const order = arrivalOrder(month, period.end);

  // Each arrival's group from its source: the policy's sources numbered first.
  const sources = new DenseIds(16);
  for (const s of routing.afterSalesSources) sources.intern(s);
  const afterCount = sources.size;
  for (const s of routing.preSalesSources) sources.intern(s);
  const known = sources.size;
  const sourceNo = c.source === null ? null : c.source.numbered(sources);
  const startedAt = c.startedAt;
  for (const k of order) {
    if (startedAt[k]! < period.start) continue;
    const no = sourceNo === null ? -1 : sourceNo[k]!;
    if (no >= 0 && no < known) continue;
    issues.add({
      code: no < 0 ? IssueCode.missingField : IssueCode.invalidValue,
      path: ["consultations", k, "source"],
      message:
        no < 0
          ? "is missing; the routing replay reads each consultation's source (来源, 入线来源)"
          : `${JSON.stringify(c.source!.at(k))} is no source of the policy: routing.afterSalesSources are ${list(routing.afterSalesSources)}, routing.preSalesSources ${list(routing.preSalesSources)}; add it to one`,
    });
  }
  throwInMonthOrder(issues);
  // The columns the replay reads, gathered in arrival order (read in sequence from here on).
  const count = order.length;
  const startAt = new Float64Array(count);
  const endAt = new Float64Array(count);
  const agentOf = new Int32Array(count);
  const buyerOf = new Int32Array(count);
  const afterSalesArrival = new Uint8Array(count);
  {
    const { startedAt, endedAt, agentId, buyerId } = c;
    for (let i = 0; i < count; i++) {
      const k = order[i]!;
      startAt[i] = startedAt[k]!;
      endAt[i] = endedAt[k]!;
      agentOf[i] = agentId[k]!;
      buyerOf[i] = buyerId[k]!;
      afterSalesArrival[i] = sourceNo !== null && sourceNo[k]! >= 0 && sourceNo[k]! < afterCount ? 1 : 0;
    }
  }

  // The agents: their group, and the instant they stop being staff.
  const agentCount = month.agents.ids.length;
  const afterSales = new Uint8Array(agentCount);
  const staff = month.tables.agents;
  for (let r = 0; r < (staff?.count ?? 0); r++) if (staff!.columns.group[r] === AFTERSALE) afterSales[month.agents.find(staff!.columns.agentId.at(r))!] = 1;
  const split = afterSales.includes(1);

  // The working shifts as a timeline (see onShiftTimeline); the starts in order tell when the next agent comes online.
  const { roster, changes } = onShiftTimeline(month);
  const startsSorted = Float64Array.from(changes.filter((e) => e.online).map((e) => e.at));

  const rank = new Int32Array(agentCount);
  [...month.agents.ids.keys()].sort((x, y) => (month.agents.ids[x]! < month.agents.ids[y]! ? -1 : 1)).forEach((a, r) => (rank[a] = r));
  const members = new Int32Array(agentCount);
  const busy = new Uint8Array(agentCount);
  const real: RoutingPool = { members, size: 0, busy, afterSales, load: new Int32Array(agentCount), rank };
  const replay: RoutingPool = { members, size: 0, busy, afterSales, load: new Int32Array(agentCount), rank };
  const realEnds = new EndHeap();
  const replayEnds = new EndHeap();
  const capacity = routing.maxConcurrent ?? Infinity;
  const windowMs = routing.recentAgentHours * 3_600_000;
  const buyerCount = month.buyers.size;
  const realRecent = new Int32Array(buyerCount).fill(-1);
  const realRecentAt = new Float64Array(buyerCount);
  const replayRecent = new Int32Array(buyerCount).fill(-1);
  const replayRecentAt = new Float64Array(buyerCount);
  const onShift = new Uint8Array(agentCount);
  const routed = new Int32Array(agentCount);
  const peak = new Int32Array(agentCount);
  const actual = new Int32Array(agentCount);
  const steps = routing.order.length;
  const stepArrivals = new Int32Array(steps + 1);
  const stepDiffers = new Int32Array(steps + 1);
  const waiting: number[] = [];
  const differences: number[] = []; // consultation, routed agent (-1), step
  let arrivals = 0;

  let change = 0;
  let size = 0;

  for (let i = 0; i < count; i++) {
    const t = startAt[i]!;
    const end = endAt[i]!;
    const agent = agentOf[i]!;
    const buyer = buyerOf[i]!;
    realEnds.release(t, real.load);
    replayEnds.release(t, replay.load);
    if (t >= period.start) {
      arrivals++;
      // The agents on shift at t (from a start, included, to an end, excluded).
      if (change < changes.length && changes[change]!.at <= t) {
        for (; change < changes.length && changes[change]!.at <= t; change++) onShift[changes[change]!.agent] = changes[change]!.online ? 1 : 0;
        size = 0;
        for (let a = 0; a < agentCount; a++) if (onShift[a] === 1) members[size++] = a;
      }
      real.size = replay.size = size;
      const group = afterSalesArrival[i] as 0 | 1;
      // The buyer's recent agent, while the window holds and they are on shift (online or busy).
      let recentReal = buyer < 0 ? -1 : realRecent[buyer]!;
      if (recentReal >= 0 && !(t - realRecentAt[buyer]! < windowMs && onShift[recentReal] === 1)) recentReal = -1;
      let recentReplay = buyer < 0 ? -1 : replayRecent[buyer]!;
      if (recentReplay >= 0 && !(t - replayRecentAt[buyer]! < windowMs && onShift[recentReplay] === 1)) recentReplay = -1;
      // The audit: R7 in the real state, against the agent who took the chat.
      const audit = chooseAgent(routing.order, split, group, real, capacity, recentReal);
      const auditStep = audit < 0 ? steps : pickedStep(audit);
      const auditAgent = audit < 0 ? -1 : pickedAgent(audit);
      stepArrivals[auditStep]!++;
      if (auditAgent !== agent) {
        stepDiffers[auditStep]!++;
        differences.push(order[i]!, auditAgent, auditStep);
      }
      // The replay: R7's own assignments.
      const pick = chooseAgent(routing.order, split, group, replay, capacity, recentReplay);
      if (pick < 0) waiting.push(order[i]!);
      else {
        const a = pickedAgent(pick);
        routed[a]!++;
        replay.load[a]!++;
        if (replay.load[a]! > peak[a]!) peak[a] = replay.load[a]!;
        replayEnds.push(end, a);
        if (buyer >= 0) {
          replayRecent[buyer] = a;
          replayRecentAt[buyer] = end;
        }
      }
      actual[agent]!++;
    } else if (buyer >= 0) {
      // Before the period: the real history is the replay's too.
      replay.load[agent]!++;
      replayEnds.push(end, agent);
      replayRecent[buyer] = agent;
      replayRecentAt[buyer] = end;
    }
    real.load[agent]!++;
    realEnds.push(end, agent);
    if (buyer >= 0) {
      realRecent[buyer] = agent;
      realRecentAt[buyer] = end;
    }
  }

  const ids = month.agents.ids;
  const seen = new Set<number>();
  for (const slots of roster.byDay.values()) for (const s of slots) if (s.shift !== "off" && s.end > period.start && s.start < period.end) seen.add(s.agent);
  for (let a = 0; a < agentCount; a++) if (routed[a]! > 0 || actual[a]! > 0) seen.add(a);
  const agents = [...seen]
    .sort((x, y) => rank[x]! - rank[y]!)
    .map((a): RoutingReplayAgent => ({ agentId: ids[a]!, group: afterSales[a] === 1 ? "afterSales" : "preSales", routed: routed[a]!, peakLoad: peak[a]!, actual: actual[a]! }));
  const stepName = (s: number): RoutingStep | "nobody" => (s === steps ? "nobody" : routing.order[s]!);
  const at = (k: number): string => formatInstant(c.startedAt[k]!, zone);
  const waits = (): RoutingWait[] =>
    waiting.map((k) => {
      const t = c.startedAt[k]!;
      const next = firstAfter(startsSorted, t);
      return {
        consultationId: c.consultationId.at(k),
        at: at(k),
        group: sourceNo![k]! < afterCount ? "afterSales" : "preSales",
        onlineAt: next === null ? null : formatInstant(next, zone),
        waitSeconds: next === null ? null : Math.ceil((next - t) / 1000),
      };
    });
  const diffs = (): RoutingDifference[] => {
    const out: RoutingDifference[] = [];
    for (let i = 0; i < differences.length; i += 3) {
      const k = differences[i]!;
      const r = differences[i + 1]!;
      out.push({ consultationId: c.consultationId.at(k), at: at(k), actual: ids[c.agentId[k]!]!, routed: r < 0 ? null : ids[r]!, step: stepName(differences[i + 2]!) });
    }
    return out;
  };
  const audit = withLazy(
    {
      differs: differences.length / 3,
      steps: Array.from({ length: steps + 1 }, (_, s) => ({ step: stepName(s), arrivals: stepArrivals[s]!, differs: stepDiffers[s]! })),
    },
    "differences",
    diffs,
  );
  return withLazy({ period: label, split, arrivals, agents, waited: waiting.length, audit }, "waiting", waits) as RoutingReplay;
}

/**
 * The consultations beginning before `end`, by start, then first reply (unanswered last), then
 * consultationId (code units). Two stable counting sorts, by the rank of the first reply among the
 * distinct first replies and then by the rank of the start (linear after sorting the distinct
 * instants, natively); the few arrivals equal in both, by consultationId.
 */
function arrivalOrder(month: DecodedMonth, end: number): Int32Array {
  const c = month.tables.consultations!.columns;
  const n = month.tables.consultations!.count;
  const { startedAt, firstReplyAt, consultationId } = c;
  let m = 0;
  for (let i = 0; i < n; i++) if (startedAt[i]! < end) m++;
  const order = new Int32Array(m);
  m = 0;
  for (let i = 0; i < n; i++) if (startedAt[i]! < end) order[m++] = i;
  const starts = new Float64Array(m);
  const replies = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    starts[i] = startedAt[order[i]!]!;
    const r = firstReplyAt[order[i]!]!;
    replies[i] = r === r ? r : Infinity;
  }
  const byReply = ranked(replies);
  const byStart = ranked(starts);
  let sorted = true;
  for (let i = 1; i < m && sorted; i++) sorted = byStart.rank[i - 1]! < byStart.rank[i]! || (byStart.rank[i - 1] === byStart.rank[i] && byReply.rank[i - 1]! <= byReply.rank[i]!);
  const local = sorted ? identity(m) : countingSort(countingSort(identity(m), byReply.rank, byReply.distinct), byStart.rank, byStart.distinct);
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) out[i] = order[local[i]!]!;
  // Runs equal in start and first reply, by consultationId (insertion sort: they are few and short).
  const same = (x: number, y: number): boolean => byStart.rank[x] === byStart.rank[y] && byReply.rank[x] === byReply.rank[y];
  for (let from = 0; from < m; ) {
    let to = from + 1;
    while (to < m && same(local[from]!, local[to]!)) to++;
    for (let i = from + 1; i < to; i++) {
      const k = out[i]!;
      let j = i - 1;
      while (j >= from && consultationId.compare(out[j]!, k) > 0) {
        out[j + 1] = out[j]!;
        j--;
      }
      out[j + 1] = k;
    }
    from = to;
  }
  return out;
}

/** Each value's rank among the distinct values (0 the least), and how many distinct there are. */
function ranked(values: Float64Array): { rank: Int32Array; distinct: number } {
  const sorted = values.slice().sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[distinct - 1]) sorted[distinct++] = sorted[i]!;
  const rank = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const t = values[i]!;
    let lo = 0;
    let hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
  }
  return { rank, distinct };
}

/** `items` stably sorted by `rank[item]`, ranks in 0 … distinct − 1. */
function countingSort(items: Int32Array, rank: Int32Array, distinct: number): Int32Array {
  const next = new Int32Array(distinct + 1);
  for (let i = 0; i < items.length; i++) next[rank[items[i]!]! + 1]!++;
  for (let r = 0; r < distinct; r++) next[r + 1]! += next[r]!;
  const out = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) out[next[rank[items[i]!]!]!++] = items[i]!;
  return out;
}

function identity(m: number): Int32Array {
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) out[i] = i;
  return out;
}

/** The first value of a sorted array greater than `t`; null when none. */
function firstAfter(sorted: Float64Array, t: number): number | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo]! : null;
}

/** The chats held, by their end: a binary min-heap of (end instant, agent). */
class EndHeap {
  private ends = new Float64Array(64);
  private agents = new Int32Array(64);
  private size = 0;

  push(end: number, agent: number): void {
    if (this.size === this.ends.length) {
      const ends = new Float64Array(this.size * 2);
      ends.set(this.ends);
      const agents = new Int32Array(this.size * 2);
      agents.set(this.agents);
      this.ends = ends;
      this.agents = agents;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.ends[p]! <= end) break;
      this.ends[i] = this.ends[p]!;
      this.agents[i] = this.agents[p]!;
      i = p;
    }
    this.ends[i] = end;
    this.agents[i] = agent;
  }

  /** Takes every chat ended by `t` off its agent's load. */
  release(t: number, load: Int32Array): void {
    while (this.size > 0 && this.ends[0]! <= t) {
      load[this.agents[0]!]!--;
      const end = this.ends[--this.size]!;
      const agent = this.agents[this.size]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= this.size) break;
        if (child + 1 < this.size && this.ends[child + 1]! < this.ends[child]!) child++;
        if (this.ends[child]! >= end) break;
        this.ends[i] = this.ends[child]!;
        this.agents[i] = this.agents[child]!;
        i = child;
      }
      this.ends[i] = end;
      this.agents[i] = agent;
    }
  }
}

function list(values: readonly string[]): string {
  return values.length === 0 ? "none" : values.map((v) => JSON.stringify(v)).join(", ");
}
