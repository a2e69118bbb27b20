/**
 * Attendance against the roster (seed 000: 不迟到、不早退、不旷工): each rostered working shift the
 * attendance records cover is checked — no sign-in on its date is an absence (旷工), a first
 * sign-in after the shift's start a late arrival (迟到), a last sign-out before its end a leaving
 * early (早退), each beyond `discipline.attendance.graceMinutes`. Each finding is an occurrence of
 * the rule the policy names for it, on the penalty ladder like a violation.
 */
import type { DecodedMonth } from "../records/month.js";
import { agentRows } from "../records/rows.js";
import { businessDayNumber, dateOfDayNumber, instantOfDayNumber, parseTimeOfDay } from "../time/period.js";

export type AttendanceKind = "late" | "leftEarly" | "absent";

/** One finding: the agent, what, when (the sign-in, the sign-out, or the shift's start for an absence) and its id. */
export interface AttendanceFinding {
  readonly agent: number;
  readonly kind: AttendanceKind;
  readonly ms: number;
  /** `A01/2020-02-17/迟到`: the line's id on the ladder (the agent, the date, 迟到 / 早退 / 旷工). */
  readonly id: string;
}

const IN = 0; // index of "in" in the punch field's values
/** The word of each finding in its id (the rule's id and label are the policy's). */
const WORD: Readonly<Record<AttendanceKind, string>> = { late: "迟到", leftEarly: "早退", absent: "旷工" };

/**
 * The attendance findings of a decoded month (none without attendance records or a roster). The
 * records cover the days from the earliest record's date to the latest's (every agent's, in the
 * shop zone): a rostered working shift on a covered day is checked, from the agent's hire (a
 * shift that starts before `hiredAt` is not) to the agents file's `dismissedAt` (a shift that
 * starts at or after it is not). A record on a day the agent has no working shift checks nothing;
 * a day with a sign-out and no sign-in is no absence, and its arrival is not judged.
 */
export function attendanceFindings(month: DecodedMonth): AttendanceFinding[] {
  const att = month.tables.attendance;
  const roster = month.tables.roster;
  if (att === undefined || roster === undefined || att.count === 0) return [];
  const { zone } = month;
  const rules = month.policy.discipline.attendance;
  const grace = rules.graceMinutes * 60_000;
  const a = att.columns;

  // Each agent's first sign-in and last sign-out per date, and the dates covered.
  const byDay = new Map<string, { firstIn: number; lastOut: number }>();
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < att.count; i++) {
    const ms = a.at[i]!;
    const day = businessDayNumber(ms, zone, 0);
    first = Math.min(first, day);
    last = Math.max(last, day);
    const key = `${a.agentId[i]!}\u0000${day}`;
    const seen = byDay.get(key) ?? { firstIn: NaN, lastOut: NaN };
    if (a.punch[i] === IN) seen.firstIn = seen.firstIn === seen.firstIn ? Math.min(seen.firstIn, ms) : ms;
    else seen.lastOut = seen.lastOut === seen.lastOut ? Math.max(seen.lastOut, ms) : ms;
    byDay.set(key, seen);
  }

  // The agents file's hire and dismissal (NaN: not given), by the agent's row.
  const rows = agentRows(month);
  const staff = month.tables.agents?.columns;

  const shifts = month.policy.roster.shifts;
  const minutes = [shifts.day, shifts.halfDay, shifts.night].map((s) => ({ start: parseTimeOfDay(s.start), end: parseTimeOfDay(s.end) }));
  const r = roster.columns;
  const checked = new Set<string>(); // a second row of an agent's day is the roster check's error
  const out: AttendanceFinding[] = [];
  for (let i = 0; i < roster.count; i++) {
    const shift = r.shift[i]!; // day, halfDay, night, off
    const day = r.date[i]!;
    const agent = r.agentId[i]!;
    if (shift < 0 || shift > 2 || agent < 0 || day < first || day > last) continue;
    const key = `${agent}\u0000${day}`;
    if (checked.has(key)) continue;
    checked.add(key);
    const start = instantOfDayNumber(day, zone, minutes[shift]!.start);
    const end = instantOfDayNumber(day, zone, minutes[shift]!.end);
    const row = rows[agent]!;
    if (row >= 0 && (start < staff!.hiredAt[row]! || start >= staff!.dismissedAt[row]!)) continue; // NaN compares false
    const seen = byDay.get(key);
    const id = (kind: AttendanceKind): string => `${month.agents.ids[agent]!}/${dateOfDayNumber(day)}/${WORD[kind]}`;
    const found = (kind: AttendanceKind, ms: number): void => {
      if (rules[kind] !== null) out.push({ agent, kind, ms, id: id(kind) });
    };
    // No record at all that day: absent. A sign-out without a sign-in: there, arrival unknown.
    if (seen === undefined) {
      found("absent", start);
      continue;
    }
    if (seen.firstIn > start + grace) found("late", seen.firstIn);
    if (seen.lastOut === seen.lastOut && seen.lastOut < end - grace) found("leftEarly", seen.lastOut);
  }
  return out;
}
