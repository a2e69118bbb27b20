/**
 * A day's duty sheet (what `kefu-kpi duties <folder> --date` prints, rendered by `renderDutySheet` of `kefu-kpi/node`): the roster of the day and
 * every duty due that day, grouped by owner, with the unowned ones. Joins the sales attribution
 * (payAgent, for the address checks) and the duties of src/roster.
 */
import { byAgentId } from "../compare.js";
import { attributeMonth } from "../attribution/attributeSales.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { monthFor, type DecodedMonth } from "../records/month.js";
import { readOption } from "../records/options.js";
import { checkDuties, dutiesOfMonth, type Duty } from "../roster/assignDuties.js";
import { SHIFTS } from "../roster/rosterIndex.js";
import { dayNumberOfDate, formatInstant, weekdayOfDayNumber } from "../time/period.js";
import { disciplineOfMonth } from "../discipline/evaluateDiscipline.js";
import { laddersGiven } from "./onShift.js";
import type { MonthInput } from "./buildMonthReport.js";
import { employmentOfMonth, rosterAfterDismissal, rosteredAfterDismissal } from "./employment.js";

export interface DutySheet {
  readonly kind: "kefu-kpi/duty-sheet";
  readonly date: string;
  /** ISO weekday 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly weekend: boolean;
  /** Who works which shift that day, by agentId (agents with no roster row are not listed). */
  readonly shifts: readonly { readonly agentId: string; readonly shift: string }[];
  /** Per owner, by agentId: the duties due that day. */
  readonly agents: readonly { readonly agentId: string; readonly duties: readonly Duty[] }[];
  /** Automatic duties (SMS reminders). */
  readonly system: readonly Duty[];
  /** Duties no one on the roster can own. */
  readonly unowned: readonly Duty[];
  /** Agents rostered this day after their dismissal, by agentId: not on shift, owning no duty by the roster. */
  readonly dismissed: readonly { readonly agentId: string; readonly dismissedAt: string }[];
  /** What the sheet left out and why (a rostered day after the agent's dismissal), as the month report says it. */
  readonly warnings: readonly string[];
}

/**
 * Builds the duty sheet of one date (in the shop zone).
 *
 * @param input - the month's records, or a month decoded by `decodeMonth` (the agents, consultations
 *   and orders for the address checks' payAgent and the reminders' placeAgent, the roster, returned
 *   parcels, shop reviews, and the violations and complaints for the penalty ladder's dismissals)
 * @param policy - with a decoded month, leave it out or give the policy the month was decoded under
 * @throws {KefuKpiError} for bad rows (as the month report) or a bad date
 * @example
 * buildDutySheet(folder.month, {}, "2020-02-21").agents[0] //=> { agentId: "A01", duties: [ … ] }
 */
export function buildDutySheet(input: MonthInput | DecodedMonth, policy: PolicyInput | Policy | undefined, date: string): DutySheet {
  const day = readOption("date", () => dayNumberOfDate(date));
  const month = monthFor(input, policy, ["agents", "consultations", "orders", "roster", "returnedParcels", "shopReviews", "violations", "complaints", "attendance"], { check: checkDuties });
  // A rostered day after the agent's dismissal (the agents file's, or the penalty ladder's by the
  // violations given) owns no duties and is no shift, as in the month report.
  const ladder = laddersGiven(month) ? disciplineOfMonth(month, { month: date.slice(0, 7) }).dismissals : undefined;
  const employment = employmentOfMonth(month, ladder);
  const skipRoster = rosterAfterDismissal(month, employment, (ms) => formatInstant(ms, month.zone), []);
  // The address checks are owed by each paid order's payAgent, the reminders under
  // duties.paymentReminder.owner = buyersAgent by its placeAgent (attribution, as data).
  const credits = month.tables.orders === undefined ? null : attributeMonth(month, { period: date }).credits;
  const r = dutiesOfMonth(month, { period: date }, { payAgent: credits?.payAgent ?? null, placeAgent: credits?.placeAgent ?? null, skipRoster });
  const byOwner = new Map<string, Duty[]>();
  for (const d of r.duties) {
    if (d.owner === null) continue;
    const list = byOwner.get(d.owner);
    if (list) list.push(d);
    else byOwner.set(d.owner, [d]);
  }
  const shifts: { agentId: string; shift: string }[] = [];
  const dismissed: { agentId: string; dismissedAt: string }[] = [];
  const roster = month.tables.roster;
  for (let i = 0; i < (roster?.count ?? 0); i++) {
    if (roster!.columns.date[i] !== day) continue;
    const agent = roster!.columns.agentId[i]!;
    if (skipRoster?.[i] === 1) {
      dismissed.push({ agentId: month.agents.ids[agent]!, dismissedAt: formatInstant(employment.get(agent)!.dismissedMs, month.zone) });
    } else shifts.push({ agentId: month.agents.ids[roster!.columns.agentId[i]!]!, shift: SHIFTS[roster!.columns.shift[i]!]! });
  }
  shifts.sort(byAgentId);
  dismissed.sort(byAgentId);
  const weekday = weekdayOfDayNumber(day);
  return {
    kind: "kefu-kpi/duty-sheet",
    date,
    weekday,
    weekend: weekday >= 6,
    shifts,
    agents: [...byOwner.keys()].sort().map((agentId) => ({ agentId, duties: byOwner.get(agentId)! })),
    system: r.duties.filter((d) => d.by === "system"),
    unowned: r.duties.filter((d) => d.by === "agent" && d.owner === null),
    dismissed: dismissed.sort(byAgentId),
    warnings: dismissed.map((d) => rosteredAfterDismissal(d.agentId, [date], d.dismissedAt)),
  };
}
