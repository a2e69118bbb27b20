/**
 * The roster validated and indexed by day number, with each shift's instants in the shop zone:
 * the one structure the roster checks and the duty owners are read from.
 */
import { IssueCode, type IssueList } from "../errors.js";
import type { RosterPolicy } from "../policy/people.js";
import { parseRecords } from "../schema/parseRecords.js";
import { dayNumberOfDate, instantOfDayNumber, parseTimeOfDay } from "../time/period.js";
import type { Zone } from "../time/zone.js";
import { RosterEntrySchema, type Shift } from "./schema.js";

/** One rostered shift of one agent on one day. */
export interface RosterSlot {
  readonly agentId: string;
  readonly day: number;
  readonly shift: Shift;
  /** Start and end instants (epoch ms); NaN for `off`. */
  readonly start: number;
  readonly end: number;
}

export interface RosterIndex {
  /** Slots of a day number, by agentId. */
  readonly byDay: ReadonlyMap<number, readonly RosterSlot[]>;
  /** Slot of an agent on a day. */
  slot(agentId: string, day: number): RosterSlot | undefined;
  readonly agentIds: readonly string[];
}

/** Minutes of each working shift, from the policy. */
export function shiftMinutes(policy: RosterPolicy): Record<Shift, number> {
  const len = (s: { start: string; end: string }): number => parseTimeOfDay(s.end) - parseTimeOfDay(s.start);
  return { day: len(policy.shifts.day), halfDay: len(policy.shifts.halfDay), night: len(policy.shifts.night), off: 0 };
}

/**
 * Validates roster rows (`roster[i]`) and indexes them. Unknown agents (when `known` is given)
 * and a second row for the same agent and date are issues.
 */
export function indexRoster(
  rows: readonly unknown[],
  policy: RosterPolicy,
  zone: Zone,
  issues: IssueList,
  known: ReadonlySet<string> | null,
): RosterIndex {
  const byKey = new Map<string, RosterSlot>();
  const byDay = new Map<number, RosterSlot[]>();
  const first = new Map<string, number>();
  for (const { record, index } of parseRecords("roster", rows, RosterEntrySchema, issues)) {
    if (known && !known.has(record.agentId)) {
      issues.add({ code: IssueCode.unknownAgent, path: ["roster", index, "agentId"], message: `"${record.agentId}" is not in the agents list` });
      continue;
    }
    const day = dayNumberOfDate(record.date);
    const key = `${record.agentId}\u0000${day}`;
    const seen = first.get(key);
    if (seen !== undefined) {
      issues.add({
        code: IssueCode.duplicateId,
        path: ["roster", index, "date"],
        message: `${record.agentId} is rostered twice on ${record.date} (first at roster[${seen}]); one shift per agent and day`,
      });
      continue;
    }
    first.set(key, index);
    const def = record.shift === "off" ? null : policy.shifts[record.shift];
    const slot: RosterSlot = {
      agentId: record.agentId,
      day,
      shift: record.shift,
      start: def ? instantOfDayNumber(day, zone, parseTimeOfDay(def.start)) : NaN,
      end: def ? instantOfDayNumber(day, zone, parseTimeOfDay(def.end)) : NaN,
    };
    byKey.set(key, slot);
    const list = byDay.get(day);
    if (list) list.push(slot);
    else byDay.set(day, [slot]);
  }
  for (const list of byDay.values()) list.sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  const agentIds = [...new Set([...byKey.values()].map((s) => s.agentId))].sort();
  return { byDay, agentIds, slot: (agentId, day) => byKey.get(`${agentId}\u0000${day}`) };
}
