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
import { recordIndex } from "../records/table.js";
import { IssueCode, IssueList, safely, type SafeResult } from "../errors.js";
import { DenseIds } from "../ids/denseIds.js";
import { withLazy } from "../lazy.js";
import { grown } from "../memory.js";
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
  const month = monthFor(input, policy, ["agents", "roster", "consultations", "violations", "complaints", "attendance"], { required: ["roster", "consultations"], check: checkRosterRows });
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
  for (let k = 0; k < table.count; k++) {
    if (startedAt[k]! < period.start || startedAt[k]! >= period.end) continue;
    const no = sourceNo === null ? -1 : sourceNo[k]!;
    if (no >= 0 && no < known) continue;
    issues.add({
      code: no < 0 ? IssueCode.missingField : IssueCode.invalidValue,
      path: ["consultations", recordIndex(table, k), "source"],
      message:
        no < 0
          ? "is missing; the routing replay reads each consultation's source (来源, 入线来源)"
          : `${JSON.stringify(c.source!.at(k))} is no source of the policy: routing.afterSalesSources are ${list(routing.afterSalesSources)}, routing.preSalesSources ${list(routing.preSalesSources)}; add it to one`,
    });
  }
  throwInMonthOrder(issues);
  // The columns the replay reads, put in arrival order (read in sequence from here on): each row
  // read in turn and written at its place in the order (scattered writes cost less than gathered reads).
  const count = order.length;
  const startAt = new Float64Array(count);
  const endAt = new Float64Array(count);
  const agentOf = new Int32Array(count);
  const buyerOf = new Int32Array(count);
  const afterSalesArrival = new Uint8Array(count);
  {
    const place = new Int32Array(table.count).fill(-1);
    for (let i = 0; i < count; i++) place[order[i]!] = i;
    const { startedAt, endedAt, agentId, buyerId } = c;
    for (let k = 0; k < table.count; k++) {
      const i = place[k]!;
      if (i < 0) continue;
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
  // Who is on shift, by group (both pools read the same roster).
  const members = [new Int32Array(agentCount), new Int32Array(agentCount)] as const;
  const sizes = new Int32Array(2);
  const busy = new Uint8Array(agentCount);
  const real: RoutingPool = { members, sizes, busy, load: new Int32Array(agentCount), rank };
  const replay: RoutingPool = { members, sizes, busy, load: new Int32Array(agentCount), rank };
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
  // The arrivals that waited (their rows), and each difference as three numbers: row, routed agent (−1), step.
  let waiting = new Int32Array(1024);
  let waited = 0;
  let differences = new Int32Array(3 * 1024);
  let differs = 0;
  let arrivals = 0;

  let change = 0;

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
        sizes[0] = sizes[1] = 0;
        for (let a = 0; a < agentCount; a++) {
          if (onShift[a] !== 1) continue;
          const g = afterSales[a] as 0 | 1;
          members[g][sizes[g]!++] = a;
        }
      }
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
        if (3 * differs + 3 > differences.length) differences = grown(differences, differences.length * 2);
        differences[3 * differs] = order[i]!;
        differences[3 * differs + 1] = auditAgent;
        differences[3 * differs + 2] = auditStep;
        differs++;
      }
      // The replay: R7's own assignments.
      const pick = chooseAgent(routing.order, split, group, replay, capacity, recentReplay);
      if (pick < 0) {
        if (waited === waiting.length) waiting = grown(waiting, waited * 2);
        waiting[waited++] = order[i]!;
      }
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
    Array.from(waiting.subarray(0, waited), (k) => {
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
    for (let i = 0; i < 3 * differs; i += 3) {
      const k = differences[i]!;
      const r = differences[i + 1]!;
      out.push({ consultationId: c.consultationId.at(k), at: at(k), actual: ids[c.agentId[k]!]!, routed: r < 0 ? null : ids[r]!, step: stepName(differences[i + 2]!) });
    }
    return out;
  };
  const audit = withLazy(
    {
      differs,
      steps: Array.from({ length: steps + 1 }, (_, s) => ({ step: stepName(s), arrivals: stepArrivals[s]!, differs: stepDiffers[s]! })),
    },
    "differences",
    diffs,
  );
  return withLazy({ period: label, split, arrivals, agents, waited, audit }, "waiting", waits) as RoutingReplay;
}

/**
 * The consultations beginning before `end`, by start, then first reply (unanswered last), then
 * consultationId (code units): one stable counting sort by the rank of the start (see
 * {@link ranked}: linear for whole seconds), then each run of one start sorted on its own.
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
  for (let i = 0; i < m; i++) starts[i] = startedAt[order[i]!]!;
  // One stable counting sort by the start's rank; its buckets are the runs of one start.
  const { rank, distinct } = ranked(starts);
  const bounds = new Int32Array(distinct + 1);
  for (let i = 0; i < m; i++) bounds[rank[i]! + 1]!++;
  for (let r = 0; r < distinct; r++) bounds[r + 1]! += bounds[r]!;
  const next = bounds.slice();
  const out = new Int32Array(m);
  // Each row's first reply goes with it (the rows read in order, written at their place).
  const firstReply = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const at = next[rank[i]!]!++;
    out[at] = order[i]!;
    firstReply[at] = firstReplyAt[order[i]!]!;
  }
  // Each run of one start (an export of minute resolution has runs of dozens) by first reply
  // (unanswered last), then consultationId, by keys read once per row — the first reply, three
  // code units of the id after the run's common prefix — the texts compared only where those are equal.
  let rows = new Int32Array(64);
  let replies = new Float64Array(64);
  let keys = new Float64Array(64);
  let scratch = new Int32Array(64);
  // Infinity − Infinity is NaN, falsy: two unanswered go on to the id, as they should.
  const byKeys = (x: number, y: number): number => replies[x]! - replies[y]! || keys[x]! - keys[y]! || consultationId.compare(rows[x]!, rows[y]!);
  for (let r = 0; r < distinct; r++) {
    const from = bounds[r]!;
    const k = bounds[r + 1]! - from;
    if (k < 2) continue;
    if (k > rows.length) {
      rows = new Int32Array(2 * k);
      replies = new Float64Array(2 * k);
      keys = new Float64Array(2 * k);
      scratch = new Int32Array(2 * k);
    }
    let prefix = Infinity;
    for (let j = 1; j < k; j++) prefix = Math.min(prefix, consultationId.commonPrefix(out[from]!, out[from + j]!));
    const positions = scratch.subarray(0, k);
    for (let j = 0; j < k; j++) {
      const row = out[from + j]!;
      const reply = firstReply[from + j]!;
      rows[j] = row;
      replies[j] = reply === reply ? reply : Infinity;
      keys[j] = consultationId.key3(row, prefix);
      positions[j] = j;
    }
    positions.sort(byKeys);
    for (let j = 0; j < k; j++) out[from + j] = rows[positions[j]!]!;
  }
  return out;
}

/**
 * Each value's rank (0 the least) among `distinct` ranks, equal values equal ranks, a greater value
 * a greater rank. Instants of whole seconds spanning no more seconds than a few times their count
 * (a month's arrivals) rank by their second, in one pass; any others by sorting the distinct values.
 * Infinity (no first reply) ranks last.
 */
export function ranked(values: Float64Array): { rank: Int32Array; distinct: number } {
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < values.length && whole; i++) {
    const t = values[i]!;
    if (t === Infinity) continue;
    whole = t % 1000 === 0;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const span = max >= min ? (max - min) / 1000 + 1 : 0;
  if (whole && span <= 4 * values.length + 65_536) {
    const rank = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) rank[i] = values[i] === Infinity ? span : (values[i]! - min) / 1000;
    return { rank, distinct: span + 1 };
  }
  return sortedRanks(values);
}

/** {@link ranked} by sorting the distinct values and finding each value among them. */
export function sortedRanks(values: Float64Array): { rank: Int32Array; distinct: number } {
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
