/**
 * The monthly pay statement (R5): base salary + commission + KPI bonus + rewards − fines, each line
 * rounded half-up to the fen and carrying its rule, inputs and steps; the total is the sum of the
 * rounded lines. The inputs are data from the other rule families (grade and base salary, R1
 * orders, scorecard score, rewards and fines), brought together by the month orchestration.
 */
import { readOnce, withLazy } from "../lazy.js";
import * as z from "zod";
import { IssueCode, KefuKpiError, fromZodIssues, safely, type SafeResult } from "../errors.js";
import { formatFen, parseFen } from "../money/fen.js";
import { Decimal, exactMoney, roundMoney, toDecimal } from "../money/decimal.js";
import { PayPolicySchema, type PayPolicy } from "../policy/pay.js";
import { commissionBases, commissionOf, type BaseShare, type CommissionBase, type CommissionOrder } from "./commission.js";

const money = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, "expected an amount ≥ 0 with at most 2 decimals");
const id = z.string().min(1, "is missing");
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");

/** A reward or a fine as pay receives it (R4 made it). */
export const PayItemSchema = z.strictObject({
  id,
  amount: money,
  /** What it was for (the reward kind, or the violation and ladder step). */
  reason: z.string(),
});

/**
 * Refunds booked this month of orders paid and commissioned in an earlier, settled month (R5):
 * they reverse the commission those orders earned there. The month's commission is computed again
 * on its base less the refunded share, by that month's policy; the clawback is the difference of
 * the two rounded commissions (so tiers are honoured, and nothing is clawed back twice).
 */
export const ClawbackItemSchema = z.strictObject({
  /** The settled month the orders were paid and commissioned in. */
  month: z.string().regex(/^\d{4}-\d{2}$/, "expected YYYY-MM"),
  /** The refunded orders, each with the refund booked after settlement and the agent's share. */
  orders: z.array(z.strictObject({ orderId: id, refund: money, share: z.string() })).min(1),
  baseBefore: z.string(),
  baseAfter: z.string(),
  commissionBefore: money,
  commissionAfter: money,
});

/** One agent's inputs to the statement. */
export const PayAgentSchema = z
  .strictObject({
    agentId: id,
    /** The monthly base salary of the agent's grade (R3). */
    baseSalary: money,
    /** Calendar days of the month the agent was employed (0: no base, no KPI bonus), and the month's days (pro rata). */
    daysEmployed: z.number().int().nonnegative(),
    daysInMonth: z.number().int().min(28).max(31),
    onProbation: z.boolean(),
    /** The scorecard score 0–100 as a decimal string; null when not scored. */
    score: z.string().regex(/^\d{1,3}(\.\d+)?$/, "expected a score like 85 or 92.5").nullable(),
    rewards: z.array(PayItemSchema),
    fines: z.array(PayItemSchema),
    /** Refunds of earlier settled months' orders booked this month (optional). */
    clawbacks: z.array(ClawbackItemSchema).optional(),
    /**
     * The first and last day employed (`YYYY-MM-DD`, null: open). An order paid (`paidOn`) outside
     * them earns the agent no commission: it is listed in the commission line's steps instead.
     */
    employedFrom: date.nullable().optional(),
    employedThrough: date.nullable().optional(),
  })
  .refine((a) => a.daysEmployed <= a.daysInMonth, { message: "daysEmployed is more than the month's days", path: ["daysEmployed"] });

/** An order credited in the month (R1), for the commission base. */
export const PayOrderSchema = z.strictObject({
  orderId: id,
  commissionable: money,
  creditedAgent: z.string().nullable(),
  creditedBy: z.enum(["placeAgent", "payAgent", "remark"]).nullable(),
  placeAgent: z.string().nullable(),
  payAgent: z.string().nullable(),
  /** The business date of payment, checked against the agents' days employed (optional). */
  paidOn: date.optional(),
});

export const PayInputSchema = z.strictObject({
  agents: z.array(PayAgentSchema),
  orders: z.array(PayOrderSchema),
});

export type PayItem = z.infer<typeof PayItemSchema>;
export type ClawbackItem = z.infer<typeof ClawbackItemSchema>;
export type PayAgentInput = z.infer<typeof PayAgentSchema>;
export type PayOrder = z.infer<typeof PayOrderSchema>;
export type PayInput = z.infer<typeof PayInputSchema>;

/** One line of a statement, with how it was made. */
export interface PayLine {
  /** Rounded to the fen; fines and clawbacks are positive and subtracted. */
  readonly amount: string;
  /** The rule that made it (e.g. `commission.progressive`, `kpiBonus.probation`). */
  readonly rule: string;
  readonly inputs: Readonly<Record<string, string | number | boolean | null>>;
  readonly steps: string[];
}

/** The lines of a statement, in the order they are added up. */
export const PAY_LINES = ["baseSalary", "commission", "kpiBonus", "rewards", "fines", "clawback"] as const;
export type PayLineId = (typeof PAY_LINES)[number];

/** One agent's pay statement. */
export interface PayStatement {
  readonly agentId: string;
  readonly lines: Readonly<Record<PayLineId, PayLine>>;
  /** baseSalary + commission + kpiBonus + rewards − fines − clawback, of the rounded lines. */
  readonly total: string;
  /** The orders that made up the commission base, and why each counts for this agent. */
  readonly commissionOrders: BaseShare[];
  /** The agent's shares left out of the base (an order paid on a day the agent was not employed), each with why. */
  readonly excludedOrders: BaseShare[];
}

/**
 * Computes every agent's pay statement.
 *
 * @throws {KefuKpiError} for invalid input (each problem at its path)
 * @example
 * payStatements({ agents: [{ agentId: "A1", baseSalary: "3000.00", daysEmployed: 29, daysInMonth: 29, onProbation: false,
 *   score: "90", rewards: [], fines: [] }], orders: [] }, defaultPolicy().pay)[0].total //=> "3450.00"
 */
export function payStatements(input: PayInput, policy: PayPolicy): PayStatement[] {
  const parsed = PayInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new KefuKpiError(fromZodIssues(parsed.error.issues, { at: ["pay"], code: (zod) => (zod === "invalid_type" ? IssueCode.invalidType : IssueCode.invalidValue) }));
  }
  // The pay policy as resolvePolicy(…).pay gives it; anything else is an issue, not a TypeError.
  const pay = PayPolicySchema.safeParse(policy);
  if (!pay.success) {
    throw new KefuKpiError(fromZodIssues(pay.error.issues, { at: ["policy", "pay"], code: IssueCode.invalidPolicy }));
  }
  const { agents, orders } = parsed.data;
  const employed = new Map(agents.map((a) => [a.agentId, { from: a.employedFrom ?? null, through: a.employedThrough ?? null }]));
  const bases = commissionBases(orders satisfies readonly CommissionOrder[], pay.data.commission.split, (agentId, order) => {
    const e = employed.get(agentId);
    if (e === undefined || order.paidOn === undefined) return null;
    if (e.through !== null && order.paidOn > e.through) return `paid ${order.paidOn}, after the last day employed (${e.through})`;
    if (e.from !== null && order.paidOn < e.from) return `paid ${order.paidOn}, before the first day employed (${e.from})`;
    return null;
  });
  return statementsOf(agents, bases, pay.data);
}

/**
 * The statements of agents whose inputs are already checked (the month report's path), from their
 * commission bases; each statement's list of commission orders is made on first read.
 */
export function statementsOf(agents: readonly PayAgentInput[], bases: ReadonlyMap<string, CommissionBase>, policy: PayPolicy): PayStatement[] {
  return agents.map((agent) => {
    const base = bases.get(agent.agentId);
    const count = base === undefined ? 0 : ((base as { count?: number }).count ?? base.orders.length);
    const s = statement(agent, base?.total ?? new Decimal(0), count, base?.excluded ?? [], policy);
    return withLazy(s, "commissionOrders", () => (base === undefined ? [] : (readOnce(base, "orders") as BaseShare[])));
  });
}

/** {@link payStatements} returning `{ success, data | issues }`. */
export function safePayStatements(input: PayInput, policy: PayPolicy): SafeResult<PayStatement[]> {
  return safely(() => payStatements(input, policy));
}

function statement(agent: PayAgentInput, base: Decimal, baseOrders: number, excluded: BaseShare[], policy: PayPolicy): PayStatement {
  const lines: Record<PayLineId, PayLine> = {
    baseSalary: baseSalaryLine(agent, policy),
    commission: commissionLine(base, baseOrders, excluded, policy),
    kpiBonus: kpiBonusLine(agent, policy),
    rewards: itemsLine(agent.rewards, "rewards"),
    fines: itemsLine(agent.fines, "fines"),
    clawback: clawbackLine(agent.clawbacks ?? []),
  };
  const fen = (line: PayLine): number => parseFen(line.amount);
  const total = fen(lines.baseSalary) + fen(lines.commission) + fen(lines.kpiBonus) + fen(lines.rewards) - fen(lines.fines) - fen(lines.clawback);
  return { agentId: agent.agentId, lines, total: formatFen(total), commissionOrders: [], excludedOrders: excluded };
}

function baseSalaryLine(agent: PayAgentInput, policy: PayPolicy): PayLine {
  const inputs = { baseSalary: agent.baseSalary, daysEmployed: agent.daysEmployed, daysInMonth: agent.daysInMonth };
  // Whatever the pro-rata rule: no day employed, no base.
  if (agent.daysEmployed === 0) return { amount: "0.00", rule: "baseSalary.notEmployed", inputs, steps: ["no day of the month employed: no base salary"] };
  if (policy.proRata === "none" || agent.daysEmployed === agent.daysInMonth) {
    return { amount: roundMoney(toDecimal(agent.baseSalary)), rule: "baseSalary.full", inputs, steps: [`${agent.baseSalary} for the whole month`] };
  }
  const exact = toDecimal(agent.baseSalary).times(agent.daysEmployed).dividedBy(agent.daysInMonth);
  return {
    amount: roundMoney(exact),
    rule: "baseSalary.proRata",
    inputs,
    steps: [`${agent.baseSalary} × ${agent.daysEmployed} / ${agent.daysInMonth} days employed = ${exact.toDecimalPlaces(6).toFixed()}…`],
  };
}

function commissionLine(base: Decimal, orders: number, excluded: readonly BaseShare[], policy: PayPolicy): PayLine {
  const c = policy.commission;
  const result = commissionOf(base, c);
  return {
    amount: result.amount,
    rule: c.tiers ? `commission.${c.tiers.mode}` : "commission.flat",
    inputs: { base: exactMoney(base), orders, rate: c.tiers ? null : c.rate, split: c.split ? `${c.split.placeAgent}/${c.split.payAgent}` : null },
    steps: [...excluded.map((o) => `not in the base: ${o.orderId} (${o.amount}${o.share === "1" ? "" : `, share ${o.share}`}), ${o.reason}`), ...result.steps],
  };
}

function kpiBonusLine(agent: PayAgentInput, policy: PayPolicy): PayLine {
  const b = policy.kpiBonus;
  const inputs = { score: agent.score, onProbation: agent.onProbation, mode: b.mode };
  if (b.mode === "none") return { amount: "0.00", rule: "kpiBonus.none", inputs, steps: ["the policy pays no KPI bonus"] };
  if (agent.daysEmployed === 0) return { amount: "0.00", rule: "kpiBonus.notEmployed", inputs, steps: ["no day of the month employed: no KPI bonus"] };
  if (agent.onProbation) return { amount: "0.00", rule: "kpiBonus.probation", inputs, steps: ["on probation during the month: the KPI bonus starts with the first month begun after regularization"] };
  if (agent.score === null) return { amount: "0.00", rule: "kpiBonus.notScored", inputs, steps: ["no scorecard score this month"] };
  const score = toDecimal(agent.score);
  if (b.mode === "points") {
    const exact = score.times(b.valuePerPoint);
    return { amount: roundMoney(exact), rule: "kpiBonus.points", inputs: { ...inputs, valuePerPoint: b.valuePerPoint }, steps: [`${agent.score} points × ${b.valuePerPoint} = ${exact.toFixed()}`] };
  }
  let reached: { minScore: string; amount: string } | null = null;
  for (const band of b.bands) {
    if (score.gte(band.minScore) && (reached === null || toDecimal(band.minScore).gt(reached.minScore))) reached = band;
  }
  return reached
    ? { amount: roundMoney(toDecimal(reached.amount)), rule: "kpiBonus.bands", inputs, steps: [`score ${agent.score} ≥ ${reached.minScore}: ${reached.amount}`] }
    : { amount: "0.00", rule: "kpiBonus.bands", inputs, steps: [`score ${agent.score} reaches no band`] };
}

function itemsLine(items: readonly PayItem[], rule: "rewards" | "fines"): PayLine {
  let fen = 0;
  const steps: string[] = [];
  for (const item of items) {
    fen += parseFen(item.amount);
    steps.push(`${item.id}: ${item.amount} (${item.reason})`);
  }
  if (steps.length === 0) steps.push(rule === "rewards" ? "no rewards" : "no fines");
  return { amount: formatFen(fen), rule, inputs: { items: items.length }, steps };
}

function clawbackLine(items: readonly ClawbackItem[]): PayLine {
  let fen = 0;
  const steps: string[] = [];
  for (const item of items) {
    const part = parseFen(item.commissionBefore) - parseFen(item.commissionAfter);
    fen += part;
    const refunds = item.orders.map((o) => `${o.orderId} ${o.refund}${o.share === "1" ? "" : ` × ${o.share}`}`).join(", ");
    steps.push(
      `${item.month}: refunds after settlement (${refunds}) lower the commission base ${item.baseBefore} → ${item.baseAfter}; ` +
        `commission ${item.commissionBefore} → ${item.commissionAfter}: ${formatFen(part)}`,
    );
  }
  if (steps.length === 0) steps.push("no refunds of settled months");
  return { amount: formatFen(fen), rule: "clawback.refundAfterSettlement", inputs: { items: items.length }, steps };
}
