/**
 * Staffing (seed 002 客服配置; seed 000 客服部在线时间): is the roster enough for the chats that
 * arrive? Per hour of the week (Monday 00:00 … Sunday 23:00, the shop's wall clock):
 *
 * - the **load**: the consultations that began in each of the period's occurrences of that hour —
 *   their mean, and the `staffing.percentile` (nearest rank: the ⌈p·n⌉-th smallest of the n
 *   occurrences' counts) the hour is staffed for;
 * - the **agents needed** for that load by Erlang C with each agent `staffing.chatsPerAgent` servers
 *   (else `routing.maxConcurrent`, else 3), the period's mean consultation length (start to end, whole seconds, rounded
 *   half up) as the holding time, to answer `staffing.serviceLevel` of the arrivals within
 *   `kpi.serviceLevels.firstReply.maxSeconds` (see `routing/erlang.ts` for the model and why);
 *   an hour wholly inside the service hours needs at least `roster.minOnShift`;
 * - the **agents staffed**: the fewest on shift at any instant of any of its occurrences (on shift as
 *   for the replay: a working shift, not past a dismissal);
 * - **under** when staffed < needed, **over** when staffed > needed (an agent spare all hour, every
 *   week), else ok; and the service level the staffed agents give at the hour's load.
 */
import { safely, type SafeResult } from "../errors.js";
import { checkOptions } from "../input.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { monthFor, type DecodedMonth } from "../records/month.js";
import { checkRosterRows } from "../roster/rosterIndex.js";
import { agentsNeeded, serviceLevel } from "../routing/erlang.js";
import { businessDayNumber, instantOfDayNumber, parseTimeOfDay } from "../time/period.js";
import { arrivalsOverRoster, onShiftTimeline, type RosterArrivalsInput } from "./onShift.js";

/** The roster, the consultations (or the chat log standing for them), and the dismissals (agents, violations). */
export type StaffingInput = RosterArrivalsInput;

export interface StaffingOptions {
  /** The period read: a label (`2020-02`, `2020-W08`, a range); whole weeks weigh each hour alike. */
  readonly period: string;
}

/** Where an hour's staffing stands: fewer on shift than needed, exactly enough, or an agent spare. */
export type StaffingStatus = "under" | "ok" | "over";

/** One hour of the week over the period. */
export interface StaffingHour {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** The wall-clock hour, 0–23. */
  readonly hour: number;
  /** How many times the hour occurs in the period. */
  readonly occurrences: number;
  /** Consultations that began in it, over the period. */
  readonly arrivals: number;
  /** Arrivals per occurrence, 2 decimals. */
  readonly mean: number;
  /** The `staffing.percentile` of the occurrences' arrivals: the load staffed for. */
  readonly load: number;
  /** Agents needed for `load` (Erlang C), at least `roster.minOnShift` inside the service hours. */
  readonly needed: number;
  /** The fewest agents on shift at any instant of its occurrences. */
  readonly staffed: number;
  /** The share answered within the target with `staffed` agents at `load`, 3 decimals; null with no arrival. */
  readonly serviceLevel: number | null;
  readonly status: StaffingStatus;
}

export interface StaffingPlan {
  readonly period: string;
  /** Consultations that began in the period. */
  readonly arrivals: number;
  /** The mean consultation length (start to end), whole seconds; null with no arrival. */
  readonly holdSeconds: number | null;
  /** Chats an agent holds at once in the model (`staffing.chatsPerAgent`, else `routing.maxConcurrent`, else 3). */
  readonly chatsPerAgent: number;
  /** The first-reply target, seconds. */
  readonly targetSeconds: number;
  /** The share to answer within it. */
  readonly serviceLevel: number;
  readonly percentile: number;
  /** `roster.minOnShift` and the service hours it holds in (`HH:mm–HH:mm`). */
  readonly minOnShift: number;
  readonly serviceHours: string;
  /** The hours of the week the period holds, Monday 00:00 first. */
  readonly hours: readonly StaffingHour[];
  /** Hours with fewer agents staffed than needed, and with an agent spare. */
  readonly under: number;
  readonly over: number;
}

/**
 * The staffing the period's arrivals need per hour of the week, against the roster.
 *
 * @param input - roster, consultations (or the chat log), agents, violations; or a month decoded by `decodeMonth`
 * @param policy - `staffing`, `routing.maxConcurrent`, `kpi.serviceLevels.firstReply.maxSeconds`, `roster`, `timeZone`
 * @param options - `period`
 * @throws {KefuKpiError} for a bad period, the roster's errors, a missing roster or consultations
 * @example
 * planStaffing(sampleRecords, {}, { period: "2020-02" }).under
 */
export function planStaffing(input: StaffingInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: StaffingOptions): StaffingPlan {
  const { period } = checkOptions(options, ["period"]);
  const month = monthFor(input, policy, ["agents", "roster", "consultations", "violations", "complaints", "attendance"], { required: ["roster", "consultations"], check: checkRosterRows });
  return staffingOfMonth(month, period as string);
}

/** {@link planStaffing} returning `{ success, data | issues }` instead of throwing. */
export function safePlanStaffing(input: StaffingInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: StaffingOptions): SafeResult<StaffingPlan> {
  return safely(() => planStaffing(input, policy, options));
}

const WEEK_HOURS = 7 * 24;
/** Chats an agent holds in the model when neither staffing.chatsPerAgent nor routing.maxConcurrent says. */
const DEFAULT_CHATS = 3;

/** {@link planStaffing} of a decoded month. */
export function staffingOfMonth(month: DecodedMonth, label: string): StaffingPlan {
  const { period, consultations: table } = arrivalsOverRoster(month, label, "staffing reads the consultations' arrivals and the roster");
  const { zone, policy } = month;

  // The period's hours: its start, then every wall-clock hour's start inside it, each labelled by
  // its hour of the week (a day the clocks go back holds the repeated hour in the one before).
  const bounds: number[] = [period.start];
  const first = businessDayNumber(period.start, zone, 0);
  const last = businessDayNumber(period.end, zone, 0);
  for (let d = first; d <= last; d++) {
    for (let h = 0; h < 24; h++) {
      const t = instantOfDayNumber(d, zone, h * 60);
      if (t > bounds[bounds.length - 1]! && t < period.end) bounds.push(t);
    }
  }
  const slots = bounds.length;
  bounds.push(period.end);
  const hourOf = new Int32Array(slots);
  for (let s = 0; s < slots; s++) {
    const wall = zone.wallOf(bounds[s]!);
    hourOf[s] = (wall.weekday - 1) * 24 + wall.hour;
  }

  // Arrivals per slot, and the mean length of the period's consultations.
  const perSlot = new Int32Array(slots);
  const { startedAt, endedAt } = table.columns;
  let arrivals = 0;
  let heldMs = 0;
  for (let i = 0; i < table.count; i++) {
    const t = startedAt[i]!;
    if (t < period.start || t >= period.end) continue;
    arrivals++;
    heldMs += endedAt[i]! - t;
    perSlot[slotOf(bounds, t)]!++;
  }
  const holdSeconds = arrivals === 0 ? null : Math.max(1, Math.round(heldMs / 1000 / arrivals));

  // The fewest on shift in each slot: the count after each instant's changes, swept with the slots.
  const { changes } = onShiftTimeline(month);
  const fewest = new Int32Array(slots);
  let onShift = 0;
  let c = 0;
  const step = (): void => {
    onShift += changes[c]!.online ? 1 : -1;
    c++;
  };
  for (let s = 0; s < slots; s++) {
    while (c < changes.length && changes[c]!.at <= bounds[s]!) step();
    let min = onShift;
    while (c < changes.length && changes[c]!.at < bounds[s + 1]!) {
      // Every change at one instant at once: one agent's end and another's start at 17:30 leave no gap.
      const at = changes[c]!.at;
      while (c < changes.length && changes[c]!.at === at) step();
      if (onShift < min) min = onShift;
    }
    fewest[s] = min;
  }

  // Per hour of the week.
  const occurrences = new Int32Array(WEEK_HOURS);
  const staffed = new Int32Array(WEEK_HOURS).fill(-1);
  const counts: number[][] = Array.from({ length: WEEK_HOURS }, () => []);
  for (let s = 0; s < slots; s++) {
    const w = hourOf[s]!;
    occurrences[w]!++;
    counts[w]!.push(perSlot[s]!);
    if (staffed[w] === -1 || fewest[s]! < staffed[w]!) staffed[w] = fewest[s]!;
  }
  const chatsPerAgent = policy.staffing.chatsPerAgent ?? policy.routing.maxConcurrent ?? DEFAULT_CHATS;
  const targetSeconds = policy.kpi.serviceLevels.firstReply.maxSeconds;
  const { serviceLevel: target, percentile } = policy.staffing;
  const open = parseTimeOfDay(policy.roster.serviceHours.start);
  const close = parseTimeOfDay(policy.roster.serviceHours.end);
  const hours: StaffingHour[] = [];
  let under = 0;
  let over = 0;
  for (let w = 0; w < WEEK_HOURS; w++) {
    const n = occurrences[w]!;
    if (n === 0) continue;
    const sorted = counts[w]!.sort((a, b) => a - b);
    const total = sorted.reduce((a, b) => a + b, 0);
    // ⌈p·n⌉ with p·n read to 9 decimals (0.9 × 10 is 9, not 9.000000000000002).
    const load = sorted[Math.max(1, Math.ceil(Math.round(percentile * n * 1e9) / 1e9)) - 1]!;
    const hour = w % 24;
    const inService = hour * 60 >= open && (hour + 1) * 60 <= close;
    const forLoad = holdSeconds === null ? 0 : agentsNeeded({ arrivals: load, holdSeconds, chatsPerAgent, targetSeconds, serviceLevel: target });
    const needed = Math.max(forLoad, inService ? policy.roster.minOnShift : 0);
    const have = staffed[w]!;
    const status: StaffingStatus = have < needed ? "under" : have > needed ? "over" : "ok";
    if (status === "under") under++;
    if (status === "over") over++;
    hours.push({
      weekday: Math.floor(w / 24) + 1,
      hour,
      occurrences: n,
      arrivals: total,
      mean: Math.round((total / n) * 100) / 100,
      load,
      needed,
      staffed: have,
      serviceLevel: load === 0 || holdSeconds === null ? null : Math.round(serviceLevel(have * chatsPerAgent, (load * holdSeconds) / 3600, targetSeconds, holdSeconds) * 1000) / 1000,
      status,
    });
  }
  return {
    period: label,
    arrivals,
    holdSeconds,
    chatsPerAgent,
    targetSeconds,
    serviceLevel: target,
    percentile,
    minOnShift: policy.roster.minOnShift,
    serviceHours: `${policy.roster.serviceHours.start}–${policy.roster.serviceHours.end}`,
    hours,
    under,
    over,
  };
}

/** The slot holding `t`: the last bound ≤ t (bounds ascending, t inside the period). */
function slotOf(bounds: readonly number[], t: number): number {
  let lo = 0;
  let hi = bounds.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (bounds[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
