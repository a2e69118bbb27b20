/**
 * R6, the service hours (客服部在线时间, seed 000): every minute of them has
 * `roster.minOnShift` agents on shift, and the day shift hands over to the night shift online
 * (白班客服下班前要一定要确定晚班客服已上线). Read in wall-clock minutes of each date, as the
 * shifts are defined.
 */
import type { RosterPolicy } from "../policy/people.js";
import { dateOfDayNumber, parseTimeOfDay } from "../time/period.js";
import { shiftTimes, type RosterIndex } from "./rosterIndex.js";

/** Minutes of the service hours of one date with fewer agents on shift than the policy asks. */
export interface CoverageGap {
  readonly date: string;
  /** `HH:mm`, wall clock of the shop zone. */
  readonly from: string;
  /** `HH:mm`, the end (exclusive). */
  readonly to: string;
  /** Agents on shift during the gap. */
  readonly onShift: number;
  /** `roster.minOnShift`. */
  readonly required: number;
}

/** A day-shift agent whose shift ends before the night shift of the date starts. */
export interface HandoverGap {
  readonly agentId: string;
  readonly date: string;
  readonly message: string;
}

/**
 * The gaps in the service hours of each date from `first` to `last` (day numbers), by date and
 * time: each stretch with the same number of agents on shift, below `roster.minOnShift`. A date
 * with no agent on shift is one gap over the whole service hours.
 */
export function coverageGaps(index: RosterIndex, policy: RosterPolicy, first: number, last: number): CoverageGap[] {
  const required = policy.minOnShift;
  if (required === 0) return [];
  const times = shiftTimes(policy);
  const open = parseTimeOfDay(policy.serviceHours.start);
  const close = parseTimeOfDay(policy.serviceHours.end);
  const gaps: CoverageGap[] = [];
  for (let d = first; d <= last; d++) {
    // +1 at each working shift's start, −1 at its end; swept over the service hours.
    const change = new Map<number, number>([[open, 0]]);
    for (const slot of index.byDay.get(d) ?? []) {
      if (slot.shift === "off") continue;
      const t = times[slot.shift];
      change.set(t.start, (change.get(t.start) ?? 0) + 1);
      change.set(t.end, (change.get(t.end) ?? 0) - 1);
    }
    const points = [...change.keys()].sort((a, b) => a - b);
    let onShift = 0;
    for (let k = 0; k < points.length; k++) {
      const at = points[k]!;
      onShift += change.get(at)!;
      const from = Math.max(at, open);
      const to = Math.min(points[k + 1] ?? close, close);
      if (from >= to || onShift >= required) continue;
      const before = gaps[gaps.length - 1];
      // Stretches with the same count that meet are one gap (a shift ending as another starts).
      if (before !== undefined && before.date === dateOfDayNumber(d) && before.to === hm(from) && before.onShift === onShift) {
        gaps[gaps.length - 1] = { ...before, to: hm(to) };
      } else gaps.push({ date: dateOfDayNumber(d), from: hm(from), to: hm(to), onShift, required });
    }
  }
  return gaps;
}

/**
 * Each day-shift agent of a date whose shift ends before that date's night shift starts (the
 * shifts must overlap or touch). A date without a night shift has no hand-over: its evening is a
 * coverage gap.
 */
export function handoverGaps(index: RosterIndex, policy: RosterPolicy, first: number, last: number): HandoverGap[] {
  const { day, night } = shiftTimes(policy);
  if (day.end >= night.start) return [];
  const out: HandoverGap[] = [];
  for (let d = first; d <= last; d++) {
    const slots = index.byDay.get(d) ?? [];
    const nights = slots.filter((s) => s.shift === "night").map((s) => s.agentId);
    if (nights.length === 0) continue;
    for (const s of slots) {
      if (s.shift !== "day") continue;
      out.push({
        agentId: s.agentId,
        date: dateOfDayNumber(d),
        message: `the day shift ends at ${hm(day.end)}, before the night shift (${nights.join(", ")}) starts at ${hm(night.start)}: ${hm(night.start - day.end)} with no hand-over (policy roster.shifts)`,
      });
    }
  }
  return out;
}

/** `HH:mm` of minutes after midnight. */
export function hm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
