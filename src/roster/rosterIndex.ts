/**
 * The roster indexed by day number, with each shift's instants in the shop zone: the one structure
 * the roster checks and the duty owners are read from, built from the month's decoded roster.
 */
import type { IssueList } from "../errors.js";
import type { RosterPolicy } from "../policy/people.js";
import { KINDS } from "../records/kinds.js";
import type { DecodedMonth } from "../records/month.js";
import { repeatIssues } from "../records/rows.js";
import { RECORD_SCHEMAS, type RecordOf } from "../records/schema.js";
import { NO_DATE } from "../records/values.js";
import { dateOfDayNumber, instantOfDayNumber, parseTimeOfDay } from "../time/period.js";
import type { Zone } from "../time/zone.js";

/** 白班 / 半白班 / 晚班 / 休息. */
export const SHIFTS = KINDS.roster.fields.shift.values;
export type Shift = (typeof SHIFTS)[number];
/** One agent's shift on one date (排班表). */
export type RosterEntry = RecordOf<"roster">;
/** The schema of one roster entry (`RECORD_SCHEMAS.roster`): its output is the decoded record (the date as a day number). */
export const RosterEntrySchema = RECORD_SCHEMAS.roster;

/** One rostered shift of one agent on one day. */
export interface RosterSlot {
  /** The agent's number in the month's agent list. */
  readonly agent: number;
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
  /** Slot of an agent (by number) on a day. */
  slot(agent: number, day: number): RosterSlot | undefined;
  /** The agents with a roster row, by agentId: their numbers. */
  readonly agents: readonly number[];
}

/** A working shift's start and end, minutes after midnight of its date. */
export type ShiftTimes = Record<Exclude<Shift, "off">, { readonly start: number; readonly end: number }>;

/** Each working shift's start and end from the policy (`HH:mm` read once). */
export function shiftTimes(policy: RosterPolicy): ShiftTimes {
  const of = (s: { start: string; end: string }) => ({ start: parseTimeOfDay(s.start), end: parseTimeOfDay(s.end) });
  return { day: of(policy.shifts.day), halfDay: of(policy.shifts.halfDay), night: of(policy.shifts.night) };
}

/** Minutes of each working shift, from the policy. */
export function shiftMinutes(policy: RosterPolicy): Record<Shift, number> {
  const t = shiftTimes(policy);
  return { day: t.day.end - t.day.start, halfDay: t.halfDay.end - t.halfDay.start, night: t.night.end - t.night.start, off: 0 };
}

/** One shift per agent and day: a second row for the same agent and date is an issue naming the first. */
export function checkRosterRows(month: DecodedMonth, issues: IssueList): void {
  const table = month.tables.roster;
  if (table === undefined) return;
  const r = table.columns;
  const keyOf = (i: number): string | undefined => (r.agentId[i]! < 0 || r.date[i]! === NO_DATE ? undefined : `${r.agentId[i]!}\u0000${r.date[i]!}`);
  const repeated = (i: number): string => `${month.agents.ids[r.agentId[i]!]!} is rostered twice on ${dateOfDayNumber(r.date[i]!)}; one shift per agent and day`;
  for (const issue of repeatIssues(table, "date", keyOf, repeated)) issues.add(issue);
}

/**
 * Indexes the month's roster (checked by {@link checkRosterRows}).
 *
 * @param skip - rows to leave out (1): a rostered day after the agent's dismissal owns no duties
 */
export function indexRoster(month: DecodedMonth, policy: RosterPolicy, zone: Zone, skip: Uint8Array | null = null): RosterIndex {
  const byKey = new Map<string, RosterSlot>();
  const byDay = new Map<number, RosterSlot[]>();
  const table = month.tables.roster;
  const times = shiftTimes(policy);
  const minutes = SHIFTS.map((shift) => (shift === "off" ? null : times[shift]));
  for (let i = 0; i < (table?.count ?? 0); i++) {
    if (skip !== null && skip[i] === 1) continue;
    const r = table!.columns;
    const agent = r.agentId[i]!;
    const day = r.date[i]!;
    const key = `${agent}\u0000${day}`;
    if (byKey.has(key)) continue;
    const def = minutes[r.shift[i]!]!;
    const slot: RosterSlot = {
      agent,
      agentId: month.agents.ids[agent]!,
      day,
      shift: SHIFTS[r.shift[i]!]!,
      start: def ? instantOfDayNumber(day, zone, def.start) : NaN,
      end: def ? instantOfDayNumber(day, zone, def.end) : NaN,
    };
    byKey.set(key, slot);
    const list = byDay.get(day);
    if (list) list.push(slot);
    else byDay.set(day, [slot]);
  }
  const byId = (a: RosterSlot, b: RosterSlot): number => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0);
  for (const list of byDay.values()) list.sort(byId);
  const agents = [...new Map([...byKey.values()].map((s) => [s.agent, s])).values()].sort(byId).map((s) => s.agent);
  return { byDay, agents, slot: (agent, day) => byKey.get(`${agent}\u0000${day}`) };
}
