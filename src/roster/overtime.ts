/**
 * R6, work extended past a shift's end (seed 000: 如还有客户在咨询,接待客服工作自动延长): a
 * consultation the agent began before their shift of that date ended and that ended after it
 * keeps them at work until it ends. That time is overtime, per agent and date.
 */
import type { DecodedMonth } from "../records/month.js";
import { businessDayNumber, dateOfDayNumber, formatInstant } from "../time/period.js";
import type { RosterIndex, Shift } from "./rosterIndex.js";

/** One agent's work past the end of their shift on one date. */
export interface RosterOvertime {
  readonly agentId: string;
  readonly date: string;
  readonly shift: Exclude<Shift, "off">;
  /** The shift's end, an instant with the zone's offset. */
  readonly shiftEnd: string;
  /** When the last consultation begun before the end ended. */
  readonly until: string;
  /** From the shift's end to `until`, whole seconds (rounded up). */
  readonly seconds: number;
  /** The consultations begun before the end and ended after it. */
  readonly consultations: number;
}

/**
 * The overtime of the month's consultations whose start falls on a date from `first` to `last`
 * (day numbers), by date then agent. A consultation on a date the agent has no working shift is
 * none of it.
 */
export function overtimeOf(month: DecodedMonth, index: RosterIndex, first: number, last: number): RosterOvertime[] {
  const table = month.tables.consultations;
  if (table === undefined) return [];
  const { agentId, startedAt, endedAt } = table.columns;
  const { zone } = month;
  // The working shifts of the dates, by agent number and date (no key made per consultation).
  const span = last - first + 1;
  const slots: (RosterIndexSlot | undefined)[] = new Array(month.agents.ids.length * span);
  for (let d = first; d <= last; d++) for (const s of index.byDay.get(d) ?? []) if (s.shift !== "off") slots[s.agent * span + d - first] = s;
  // Per slot: the latest end and the count.
  const found = new Map<RosterIndexSlot, { until: number; count: number }>();
  for (let i = 0; i < table.count; i++) {
    const start = startedAt[i]!;
    const end = endedAt[i]!;
    if (agentId[i]! < 0 || start !== start || end !== end) continue;
    const day = businessDayNumber(start, zone);
    if (day < first || day > last) continue;
    const slot = slots[agentId[i]! * span + day - first];
    if (slot === undefined || start >= slot.end || end <= slot.end) continue;
    const f = found.get(slot);
    if (f === undefined) found.set(slot, { until: end, count: 1 });
    else {
      f.count++;
      if (end > f.until) f.until = end;
    }
  }
  const out: RosterOvertime[] = [];
  for (const [slot, f] of found) {
    out.push({
      agentId: slot.agentId,
      date: dateOfDayNumber(slot.day),
      shift: slot.shift as Exclude<Shift, "off">,
      shiftEnd: formatInstant(slot.end, zone),
      until: formatInstant(f.until, zone),
      seconds: Math.ceil((f.until - slot.end) / 1000),
      consultations: f.count,
    });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
}

type RosterIndexSlot = NonNullable<ReturnType<RosterIndex["slot"]>>;
