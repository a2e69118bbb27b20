/**
 * The month's pay statements (R5), joined here from the other rule families' results as data:
 * the grade's base salary and the probation status (R3), the fines and rewards of the month (R4),
 * the scorecard score (R2), the credited orders (R1), and the days of the month the agent was
 * employed (from hiredAt and dismissedAt, a dismissal by the penalty ladder included).
 */
import type { Agent } from "../schema/records.js";
import { payStatements, type ClawbackItem, type PayAgentInput, type PayOrder, type PayStatement } from "../pay/statement.js";
import type { Policy } from "../policy/schema.js";
import { parseInstant } from "../time/parse.js";
import { dayNumberOfDate, businessDayNumber } from "../time/period.js";
import type { Zone } from "../time/zone.js";
import type { PeopleReport } from "./peopleSchema.js";
import type { OrderReport } from "./schema.js";

/** What the pay section is computed from. */
export interface PaySectionInput {
  readonly month: string;
  readonly agents: readonly Agent[];
  readonly people: PeopleReport;
  /** The booked orders with their attribution (the month report's `orders`). */
  readonly orders: readonly OrderReport[];
  /** Each agent's scorecard score this month (decimal text), or null when not scored. */
  readonly scores: ReadonlyMap<string, string | null>;
  /** Each agent's clawback of an earlier settled month's refunded orders (see clawbacks.ts). */
  readonly clawbacks: ReadonlyMap<string, ClawbackItem>;
  readonly policy: Policy;
  readonly zone: Zone;
  readonly cutover: number;
}

// The probation statuses in which an agent is not yet regularized: no KPI bonus (R3).
const IN_PROBATION = new Set(["inProbation", "evaluationIncomplete", "failed"]);

/**
 * One statement per agent of the agents file (pay needs the grade; agents seen only in the data
 * have none). Orders credit their commissionable amount: net or gross by `attribution.deductRefunds`.
 */
export function paySection(input: PaySectionInput): PayStatement[] {
  const { month, people, policy } = input;
  const standings = new Map(people.standings.map((s) => [s.agentId, s]));
  const dismissedBy = new Map(people.discipline.agents.map((a) => [a.agentId, a.dismissedAt]));
  const first = dayNumberOfDate(`${month}-01`);
  const [y, m] = month.split("-").map(Number) as [number, number];
  const last = dayNumberOfDate(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`) - 1;
  const dayOf = (instant: string | null | undefined): number | null => {
    if (instant === undefined || instant === null || instant === "") return null;
    const ms = parseInstant(instant, input.zone);
    return Number.isNaN(ms) ? null : businessDayNumber(ms, input.zone, input.cutover);
  };

  const agents: PayAgentInput[] = input.agents.flatMap((agent) => {
    const standing = standings.get(agent.agentId);
    if (!standing) return [];
    // Employed from the day of hire through the day of leaving, both counted.
    const from = Math.max(first, dayOf(agent.hiredAt) ?? first);
    const to = Math.min(last, dayOf(agent.dismissedAt ?? dismissedBy.get(agent.agentId)) ?? last);
    const fines = people.discipline.lines
      .filter((l) => l.agentId === agent.agentId && l.outcome === "penalized" && l.fine !== "0.00" && l.date.startsWith(month))
      .map((l) => ({ id: l.violationId, amount: l.fine, reason: l.explanation }));
    const rewards = people.rewards.lines
      .filter((r) => r.agentId === agent.agentId && r.date.startsWith(month))
      .map((r, i) => ({ id: r.rewardId ?? `${r.kind}#${i + 1}`, amount: r.amount, reason: r.note ? `${r.rule}: ${r.note}` : r.rule }));
    return [
      {
        agentId: agent.agentId,
        baseSalary: standing.baseSalary,
        daysEmployed: Math.max(0, to - from + 1),
        daysInMonth: last - first + 1,
        onProbation: IN_PROBATION.has(standing.probation.status),
        score: input.scores.get(agent.agentId) ?? null,
        rewards,
        fines,
        clawbacks: input.clawbacks.has(agent.agentId) ? [input.clawbacks.get(agent.agentId)!] : [],
      },
    ];
  });

  const net = policy.attribution.deductRefunds;
  const orders: PayOrder[] = input.orders.map((o) => ({
    orderId: o.orderId,
    commissionable: net ? o.net : o.gross,
    creditedAgent: o.creditedAgent,
    creditedBy: o.creditedBy,
    placeAgent: o.placeAgent,
    payAgent: o.payAgent,
  }));
  return payStatements({ agents, orders }, policy.pay);
}
