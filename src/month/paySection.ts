/**
 * The month's pay statements (R5), joined here from the other rule families' results as data:
 * the grade's base salary and the probation status (R3), the fines and rewards of the month (R4),
 * the scorecard score (R2), the credited orders (R1), and the days of the month the agent was
 * employed (from hiredAt through the earlier of dismissedAt and a dismissal by the penalty ladder).
 */
import { byAgentId } from "../compare.js";
import type { SalesCredits } from "../attribution/attributeSales.js";
import { commissionBasesOfColumns } from "../pay/commission.js";
import { statementsOf, type ClawbackItem, type PayAgentInput, type PayStatement } from "../pay/statement.js";
import { PayPolicySchema } from "../policy/pay.js";
import type { DecodedMonth } from "../records/month.js";
import { businessDayNumber, dateOfDayNumber, dayNumberOfDate } from "../time/period.js";
import { employedOn, type Employment } from "./employment.js";
import type { PeopleReport } from "../report/peopleSchema.js";
import { float64s, int32s } from "../memory.js";
import { TextColumn } from "../records/textColumn.js";

/** What the pay section is computed from. */
export interface PaySectionInput {
  readonly month: string;
  /** The decoded month: its agents (each gets a statement) and its policy. */
  readonly decoded: DecodedMonth;
  readonly people: PeopleReport;
  /** The business day of each reward line of `people.rewards.lines`, from the people section. */
  readonly rewardDays: readonly number[];
  /** Each agent's employment (the dismissal that counts), from the people section. */
  readonly employment: ReadonlyMap<string, Employment>;
  /** Agents on probation during the month (no KPI bonus), from the people section. */
  readonly onProbation: ReadonlyMap<string, string>;
  /** Attribution's credits of the month's orders (the booked ones are commissioned). */
  readonly credits: SalesCredits;
  /** Each agent's scorecard score this month (decimal text), or null when not scored. */
  readonly scores: ReadonlyMap<string, string | null>;
  /** Each agent's clawback of an earlier settled month's refunded orders (see clawbacks.ts). */
  readonly clawbacks: ReadonlyMap<string, ClawbackItem>;
}

/**
 * One statement per agent of the agents file (pay needs the grade; agents seen only in the data
 * have none). Orders credit their commissionable amount: net or gross by `attribution.deductRefunds`.
 * Around a dismissal: the base is paid through the dismissal day; orders paid and rewards dated on
 * a day the agent was not employed (after the dismissal day, before the hire day) pay the agent
 * nothing, each named in a warning.
 */
export function paySection(input: PaySectionInput): { statements: PayStatement[]; warnings: string[] } {
  const { month, people } = input;
  const { policy, zone, cutover } = input.decoded;
  const standings = new Map(people.standings.map((s) => [s.agentId, s]));
  const first = dayNumberOfDate(`${month}-01`);
  const [y, m] = month.split("-").map(Number) as [number, number];
  const last = dayNumberOfDate(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`) - 1;
  const warnings: string[] = [];
  const employedDates = (agentId: string): { from: string | null; through: string | null; e: Employment | undefined } => {
    const e = input.employment.get(agentId);
    const from = e === undefined || e.fromDay === null ? null : dateOfDayNumber(e.fromDay);
    const through = e === undefined || e.throughDay === null ? null : dateOfDayNumber(e.throughDay);
    return { from, through, e };
  };

  const agentIds = input.decoded.tables.agents?.columns.agentId.toArray() ?? [];
  const agents: PayAgentInput[] = agentIds.flatMap((agentId) => {
    const standing = standings.get(agentId);
    if (!standing) return [];
    const { from: employedFrom, through: employedThrough, e } = employedDates(agentId);
    // Employed from the day of hire through the day of the dismissal that counts, both counted.
    const from = Math.max(first, e?.fromDay ?? first);
    const to = Math.min(last, e?.throughDay ?? last);
    const fines = people.discipline.lines
      .filter((l) => l.agentId === agentId && l.outcome === "penalized" && l.fine !== "0.00" && l.date.startsWith(month))
      .map((l) => ({ id: l.violationId, amount: l.fine, reason: l.explanation }));
    const unpaid: string[] = [];
    const rewards = people.rewards.lines
      .map((line, k) => ({ line, day: input.rewardDays[k]! }))
      .filter(({ line }) => line.agentId === agentId && line.date.startsWith(month))
      .map(({ line, day }, i) => ({ line, day, id: line.rewardId ?? `${line.kind}#${i + 1}` }))
      .filter(({ line, day, id }) => {
        const outside = e !== undefined && !employedOn(e, day);
        if (outside) unpaid.push(`${id} (${line.date}, ${line.amount})`);
        return !outside;
      })
      .map(({ line: r, id }) => ({ id, amount: r.amount, reason: r.note ? `${r.rule}: ${r.note}` : r.rule }));
    if (unpaid.length > 0) {
      const what = unpaid.length === 1 ? `the reward ${unpaid[0]!} is dated on another day and is` : `the rewards ${unpaid.join(", ")} are dated on other days and are`;
      warnings.push(`rewards: ${employment(agentId, employedFrom, employedThrough)}; ${what} not paid`);
    }
    return [
      {
        agentId,
        baseSalary: standing.baseSalary,
        daysEmployed: Math.max(0, to - from + 1),
        daysInMonth: last - first + 1,
        onProbation: input.onProbation.has(agentId),
        score: input.scores.get(agentId) ?? null,
        rewards,
        fines,
        clawbacks: input.clawbacks.has(agentId) ? [input.clawbacks.get(agentId)!] : [],
        employedFrom,
        employedThrough,
      },
    ];
  });

  // The commission bases from the order columns: each booked order's commissionable fen, net or
  // gross by attribution.deductRefunds, and its credit; a share of a day not employed is left out.
  const net = policy.attribution.deductRefunds;
  const table = input.decoded.tables.orders;
  const n = table?.count ?? 0;
  const commissionable = float64s(n);
  const paidDay = int32s(n);
  const c = input.credits;
  for (let i = 0; i < n; i++) {
    if (c.booked[i] !== 1) continue;
    const gross = table!.columns.amount[i]!;
    const refund = table!.columns.refundAmount[i]!;
    commissionable[i] = net && refund === refund ? gross - refund : gross;
    paidDay[i] = businessDayNumber(table!.columns.paidAt[i]!, zone, cutover);
  }
  const ids = input.decoded.agents.ids;
  const employmentOf = ids.map((id) => input.employment.get(id));
  const bases = commissionBasesOfColumns(
    { count: n, orderId: table?.columns.orderId ?? TextColumn.EMPTY, commissionable, credited: c.credited, creditedBy: c.creditedBy, placeAgent: c.placeAgent, payAgent: c.payAgent, include: c.booked },
    ids,
    policy.pay.commission.split,
    (a, i) => {
      const e = employmentOf[a];
      if (e === undefined || employedOn(e, paidDay[i]!)) return null;
      const paidOn = dateOfDayNumber(paidDay[i]!);
      if (e.throughDay !== null && paidDay[i]! > e.throughDay) return `paid ${paidOn}, after the last day employed (${dateOfDayNumber(e.throughDay)})`;
      return `paid ${paidOn}, before the first day employed (${dateOfDayNumber(e.fromDay!)})`;
    },
  );
  // The inputs are the month's own (checked where they were made): the pay policy is checked as payStatements checks it.
  // By agentId, as the report's agents: the same month in another row order prints the same report.
  agents.sort(byAgentId);
  const statements = statementsOf(agents, bases, PayPolicySchema.parse(policy.pay));
  for (const s of statements) {
    const left = s.excludedOrders.map((o) => o.orderId);
    if (left.length === 0) continue;
    const { from, through } = employedDates(s.agentId);
    const what = left.length === 1 ? `the order ${left[0]!} credited to ${s.agentId} was paid on another day` : `${left.length} orders credited to ${s.agentId} were paid on other days`;
    warnings.push(`pay: ${employment(s.agentId, from, through)}; ${what} and earn${left.length === 1 ? "s" : ""} ${s.agentId} no commission${left.length === 1 ? "" : `: ${left.join(", ")}`}`);
  }
  return { statements, warnings };
}

function employment(agentId: string, from: string | null, through: string | null): string {
  if (from !== null && through !== null) return `${agentId} was employed from ${from} through ${through}`;
  if (through !== null) return `${agentId} was employed through ${through}`;
  return `${agentId} was employed from ${from ?? "—"}`;
}
