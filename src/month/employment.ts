/**
 * Employment and probation as the month's rules see them, from plain values (instants in epoch
 * ms, days as business day numbers), so that every section of the month report (standings,
 * ranking, duties, pay) reads the same dismissal and the same probation.
 */
import type { DecodedMonth } from "../records/month.js";
import { SHIFTS } from "../roster/rosterIndex.js";
import { uint8s } from "../memory.js";
import { businessDayNumber, dateOfDayNumber } from "../time/period.js";

/** One agent's employment: the first and last day employed (business day numbers, both counted). */
export interface Employment {
  /** The day of hire; null when not known (employed since before any month reported). */
  readonly fromDay: number | null;
  /** The day of the dismissal that counts; null when not dismissed. */
  readonly throughDay: number | null;
  /** The instant of that dismissal (epoch ms); NaN when not dismissed. */
  readonly dismissedMs: number;
  /** The violation whose ladder step dismissed the agent; null when dismissed by the agents file or not at all. */
  readonly dismissedBy: string | null;
}

/**
 * An agent's employment: from the day of hire through the day of the earlier of the two
 * dismissals, the agents file's `dismissedAt` and the penalty ladder's (the earlier wins everywhere,
 * so a later `dismissedAt` never undoes a ladder dismissal).
 *
 * @param hiredMs - `hiredAt` (NaN when not given)
 * @param fileDismissedMs - the agents file's `dismissedAt` (NaN when not given)
 * @param ladder - the ladder's dismissal, if any
 * @param dayOf - the business day number of an instant (in the shop zone)
 * @example
 * employmentOf(NaN, feb20, { ms: feb5, by: "V3" }, dayOf) //=> { fromDay: null, throughDay: <Feb 5>, dismissedMs: feb5, dismissedBy: "V3" }
 */
export function employmentOf(
  hiredMs: number,
  fileDismissedMs: number,
  ladder: { readonly ms: number; readonly by: string | null } | undefined,
  dayOf: (ms: number) => number,
): Employment {
  const byLadder = ladder !== undefined && !Number.isNaN(ladder.ms) && (Number.isNaN(fileDismissedMs) || ladder.ms < fileDismissedMs);
  const dismissedMs = byLadder ? ladder.ms : fileDismissedMs;
  return {
    fromDay: Number.isNaN(hiredMs) ? null : dayOf(hiredMs),
    throughDay: Number.isNaN(dismissedMs) ? null : dayOf(dismissedMs),
    dismissedMs,
    dismissedBy: byLadder ? ladder.by : null,
  };
}

/**
 * The employment of each agent of a decoded month's agents table, by agent number, the penalty
 * ladder's dismissals (agent number → instant and violation) taken into account.
 */
export function employmentOfMonth(month: DecodedMonth, ladder: ReadonlyMap<number, { readonly ms: number; readonly by: string }> | undefined): Map<number, Employment> {
  const out = new Map<number, Employment>();
  const agents = month.tables.agents;
  const dayOf = (ms: number): number => businessDayNumber(ms, month.zone, month.cutover);
  for (let r = 0; r < (agents?.count ?? 0); r++) {
    const c = agents!.columns;
    const a = month.agents.find(c.agentId.at(r))!;
    out.set(a, employmentOf(c.hiredAt[r]!, c.dismissedAt[r]!, ladder?.get(a), dayOf));
  }
  return out;
}

/** Whether the business day `day` is one the agent was employed on. */
export function employedOn(employment: Employment, day: number): boolean {
  return (employment.fromDay === null || day >= employment.fromDay) && (employment.throughDay === null || day <= employment.throughDay);
}

/** The probation statuses of a standing (R3) that mean "not regularized" whatever the dates say. */
const NOT_REGULARIZED = new Set(["failed", "evaluationIncomplete"]);

/**
 * Whether the agent is on probation during (some of) a period: probation ends after the period
 * starts (`probationEndsAt` later than its first instant), or the probation evaluation failed or is
 * incomplete. Such a period is measured, not scored; it earns no KPI bonus, from the scorecard or the
 * scores file, and is not ranked. A fit for early regularization changes nothing until
 * `probationEndsAt` is moved.
 *
 * @param status - the standing's probation status
 * @param probationEndsMs - `probationEndsAt` (NaN when not given)
 * @param periodStartMs - the period's first instant
 */
export function onProbationDuring(status: string, probationEndsMs: number, periodStartMs: number): boolean {
  return NOT_REGULARIZED.has(status) || probationEndsMs > periodStartMs;
}

/**
 * The roster rows (1) of an agent of the agents file dated after the agent's dismissal day (a
 * working shift: `off` rows stay), named in a warning: those days own no duties and the agent is not counted on shift.
 */
export function rosterAfterDismissal(month: DecodedMonth, employment: ReadonlyMap<number, Employment>, formatMs: (ms: number) => string, warnings: string[]): Uint8Array | null {
  const table = month.tables.roster;
  if (table === undefined) return null;
  const OFF = SHIFTS.indexOf("off");
  const skip = uint8s(table.count);
  const after = new Map<number, number[]>();
  const r = table.columns;
  for (let i = 0; i < table.count; i++) {
    if (r.shift[i] === OFF) continue;
    const e = employment.get(r.agentId[i]!);
    if (e === undefined || e.throughDay === null || r.date[i]! <= e.throughDay) continue;
    skip[i] = 1;
    const list = after.get(r.agentId[i]!);
    if (list) list.push(r.date[i]!);
    else after.set(r.agentId[i]!, [r.date[i]!]);
  }
  const ids = month.agents.ids;
  for (const [agent, days] of [...after].sort(([a], [b]) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0))) {
    const dates = days.sort((x, y) => x - y).map(dateOfDayNumber);
    warnings.push(rosteredAfterDismissal(ids[agent]!, dates, formatMs(employment.get(agent)!.dismissedMs)));
  }
  return after.size === 0 ? null : skip;
}

/** The warning for an agent rostered on `dates` after the dismissal at `dismissedAt` (the month report's and the duty sheet's words). */
export function rosteredAfterDismissal(agentId: string, dates: readonly string[], dismissedAt: string): string {
  return `roster: ${agentId} is rostered on ${dates.join(", ")}, after the dismissal on ${dismissedAt}: those days own no duties and the agent is not counted on shift`;
}
