/**
 * The people rules of a month (R3 grades, R4 discipline and rewards, R6 roster and the R1 duties),
 * joined here from their rule families for the month report. The duties get each order's payAgent
 * from the month's sales attribution as plain data.
 */
import type { SalesAttribution } from "../attribution/types.js";
import type { OrderLike } from "../attribution/columns.js";
import { evaluateDiscipline } from "../discipline/evaluateDiscipline.js";
import { evaluateRewards } from "../discipline/evaluateRewards.js";
import { KefuKpiError, type Issue } from "../errors.js";
import { evaluateGrades } from "../grading/evaluateGrades.js";
import { rankAgents } from "../grading/rankAgents.js";
import type { Policy } from "../policy/schema.js";
import { assignDuties, type DutyOrder } from "../roster/assignDuties.js";
import { checkRoster } from "../roster/checkRoster.js";
import type { Agent } from "../schema/records.js";
import { daysInMonth, parseInstant } from "../time/parse.js";
import { zoneOf } from "../time/zone.js";
import type { PeopleReport } from "./peopleSchema.js";

/** The input kinds of the people rules (rows as read; validated by their rule families). */
export interface PeopleInput {
  readonly violations?: readonly unknown[];
  readonly rewards?: readonly unknown[];
  readonly assessments?: readonly unknown[];
  readonly probation?: readonly unknown[];
  readonly scores?: readonly unknown[];
  readonly roster?: readonly unknown[];
  readonly returnedParcels?: readonly unknown[];
  readonly shopReviews?: readonly unknown[];
}

/**
 * Computes the people section of the month report. Problems of every kind are gathered and thrown
 * together, so one run names all the bad rows.
 */
export function peopleSection(
  input: PeopleInput & { readonly orders?: readonly OrderLike[] },
  agents: readonly Agent[] | undefined,
  policy: Policy,
  month: string,
  sales: SalesAttribution,
): PeopleReport {
  const asOf = `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, "0")}`;
  const issues: Issue[] = [];
  const attempt = <T>(fn: () => T): T | null => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof KefuKpiError) {
        issues.push(...error.issues);
        return null;
      }
      throw error;
    }
  };
  const staff = agents === undefined ? {} : { agents };
  const ranking = attempt(() => rankAgents(input.scores ?? [], policy, { month }));
  const discipline = attempt(() => evaluateDiscipline({ ...staff, violations: input.violations ?? [] }, policy, { month }));
  // A dismissal by the penalty ladder (R4) ends the agent's standing (R3) as one in the agents file does.
  const dismissedBy = new Map((discipline?.agents ?? []).filter((a) => a.dismissedAt !== null).map((a) => [a.agentId, a.dismissedAt!]));
  const zone = zoneOf(policy);
  const graded = agents?.map((a) => {
    const byLadder = dismissedBy.get(a.agentId);
    if (byLadder === undefined) return a;
    const byFile = parseInstant(a.dismissedAt, zone);
    // The earlier of the two dismissals counts.
    return !Number.isNaN(byFile) && byFile <= parseInstant(byLadder, zone) ? a : { ...a, dismissedAt: byLadder };
  });
  const standings =
    graded === undefined
      ? []
      : attempt(() => evaluateGrades({ agents: graded, scores: input.scores ?? [], assessments: input.assessments ?? [], probation: input.probation ?? [] }, policy, { asOf, throughMonth: month }));
  const rewards = attempt(() => evaluateRewards({ ...staff, rewards: input.rewards ?? [] }, policy, { month }));
  const roster = input.roster === undefined ? null : attempt(() => checkRoster({ ...staff, roster: input.roster! }, policy, month));
  const orders: DutyOrder[] = [];
  sales.orders.forEach((o, i) => {
    const source = input.orders?.[i];
    if (source) orders.push({ orderId: source.orderId, createdAt: source.createdAt, paidAt: source.paidAt, amount: source.amount, payAgent: o.booked ? o.payAgent : null });
  });
  const duties = attempt(() =>
    assignDuties(
      { ...staff, roster: input.roster ?? [], orders, returnedParcels: input.returnedParcels ?? [], shopReviews: input.shopReviews ?? [] },
      policy,
      { period: month },
    ),
  );
  // The scores are checked by the grades and by the ranking: name each problem once.
  const seen = new Set<string>();
  const unique = issues.filter((i) => {
    const key = `${i.code}\u0000${i.path.join("\u0000")}\u0000${i.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  if (unique.length > 0) throw new KefuKpiError(unique);
  const ranked = new Set(ranking!.ranking.map((r) => r.agentId));
  const report = {
    asOf,
    standings: standings!,
    ranking: { ...ranking!, unranked: (agents ?? []).map((a) => a.agentId).filter((id) => !ranked.has(id)).sort() },
    discipline: { window: discipline!.window, lines: discipline!.lines, agents: discipline!.agents },
    rewards: rewards!,
    fund: discipline!.fund,
    roster,
    duties: {
      agents: duties!.agents,
      system: duties!.system,
      unowned: duties!.unowned,
      items: duties!.duties.filter((d) => d.kind !== "addressCheck"),
    },
  };
  // The rule families return readonly structures; the report's schema type is their mutable twin.
  return report as PeopleReport;
}
