/**
 * A day's duty sheet (what `kefu-kpi duties <folder> --date` prints, rendered by `renderDutySheet` of `kefu-kpi/node`): the roster of the day and
 * every duty due that day, grouped by owner, with the unowned ones. Joins the sales attribution
 * (payAgent, for the address checks) and the duties of src/roster.
 */
import { attributeSales } from "../attribution/attributeSales.js";
import { resolvePolicy } from "../policy/resolve.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { assignDuties, type Duty, type DutyOrder } from "../roster/assignDuties.js";
import { readOption } from "../schema/parseRecords.js";
import { dayNumberOfDate, weekdayOfDayNumber } from "../time/period.js";
import type { MonthInput } from "./buildMonthReport.js";

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
}

/**
 * Builds the duty sheet of one date (in the shop zone).
 *
 * @throws {KefuKpiError} for bad rows (as the month report) or a bad date
 * @example
 * buildDutySheet(folder.input, {}, "2020-02-21").agents[0] //=> { agentId: "A01", duties: [ … ] }
 */
export function buildDutySheet(input: MonthInput, policy: PolicyInput | Policy | undefined, date: string): DutySheet {
  const day = readOption("date", () => dayNumberOfDate(date));
  const resolved = resolvePolicy(policy);
  const orders = input.orders ?? [];
  const sales = attributeSales({ orders, consultations: input.consultations ?? [], ...(input.agents ? { agents: input.agents } : {}) }, resolved, { period: date });
  const dutyOrders: DutyOrder[] = [];
  sales.orders.forEach((o, i) => {
    const s = orders[i]!;
    dutyOrders.push({ orderId: s.orderId, createdAt: s.createdAt, paidAt: s.paidAt, amount: s.amount, payAgent: o.status === "unpaid" ? null : o.payAgent });
  });
  const r = assignDuties(
    {
      ...(input.agents ? { agents: input.agents } : {}),
      roster: input.roster ?? [],
      orders: dutyOrders,
      returnedParcels: input.returnedParcels ?? [],
      shopReviews: input.shopReviews ?? [],
    },
    resolved,
    { period: date },
  );
  const byOwner = new Map<string, Duty[]>();
  for (const d of r.duties) {
    if (d.owner === null) continue;
    const list = byOwner.get(d.owner);
    if (list) list.push(d);
    else byOwner.set(d.owner, [d]);
  }
  const shifts = (input.roster ?? [])
    .filter((x): x is { agentId: string; date: string; shift: string } => (x as { date?: unknown } | null)?.date === date)
    .map((x) => ({ agentId: x.agentId, shift: x.shift }))
    .sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
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
  };
}
