/**
 * Commission (提成, R5): the agent's commission base (the commissionable sales of the orders
 * credited to them, or their shares under a place/pay split), times a flat rate or a tier table.
 * Exact: shares and products stay decimals, and the line is rounded once, half-up to the fen.
 */
import { withLazy } from "../lazy.js";
import { byOrderId } from "../compare.js";
import { Decimal, exactMoney, roundMoney, toDecimal } from "../money/decimal.js";
import type { PayPolicy, Tiers } from "../policy/pay.js";
import type { TextColumn } from "../records/textColumn.js";

/** An order as pay needs it: its commissionable amount and who served it (from R1). */
export interface CommissionOrder {
  readonly orderId: string;
  /** The order's commissionable sales (net or gross by policy), a decimal string. */
  readonly commissionable: string;
  readonly creditedAgent: string | null;
  readonly creditedBy: "placeAgent" | "payAgent" | "remark" | null;
  readonly placeAgent: string | null;
  readonly payAgent: string | null;
  /** The business date of payment `YYYY-MM-DD` (for the agents' days employed); optional. */
  readonly paidOn?: string | undefined;
}

/** One order's part in an agent's commission base. */
export interface BaseShare {
  readonly orderId: string;
  /** The agent's share of the order: `"1"`, or the split's share. */
  readonly share: string;
  /** share × the order's commissionable amount (exact, not rounded). */
  readonly amount: string;
  /** Why the agent has this share. */
  readonly reason: string;
}

/** An agent's commission base and the orders it is made of. */
export interface CommissionBase {
  readonly total: Decimal;
  readonly orders: BaseShare[];
  /** Shares left out of the base (e.g. an order paid after the agent's dismissal), each with why. */
  readonly excluded: BaseShare[];
}

/** Why an agent's share of an order is left out of the agent's base, or null to count it. */
export type ExcludeShare = (agentId: string, order: CommissionOrder) => string | null;

/**
 * The commission base of every agent. Without a split, an order's commissionable amount goes to its
 * credited agent. With a split, an order credited to its placeAgent whose payAgent is another agent
 * is shared (e.g. 70 % / 30 %); every other credited order goes wholly to its credited agent.
 * `exclude` leaves an agent's share out of that agent's base (listed in `excluded`, with why).
 *
 * @example
 * commissionBases([{ orderId: "O1", commissionable: "100.00", creditedAgent: "A1", creditedBy: "placeAgent", placeAgent: "A1", payAgent: "A2" }],
 *   { placeAgent: "0.7", payAgent: "0.3" }).get("A2")?.total.toFixed(2) //=> "30.00"
 */
export function commissionBases(
  orders: readonly CommissionOrder[],
  split: PayPolicy["commission"]["split"],
  exclude?: ExcludeShare,
): Map<string, CommissionBase> {
  const bases = new Map<string, { total: Decimal; orders: BaseShare[]; excluded: BaseShare[] }>();
  const add = (agentId: string, order: CommissionOrder, share: string, reason: string): void => {
    let base = bases.get(agentId);
    if (!base) bases.set(agentId, (base = { total: new Decimal(0), orders: [], excluded: [] }));
    const amount = toDecimal(order.commissionable).times(share);
    // A share left out is not redistributed: the other agent of a split keeps only its own share.
    const left = exclude?.(agentId, order) ?? null;
    if (left !== null) {
      base.excluded.push({ orderId: order.orderId, share, amount: exactMoney(amount), reason: left });
      return;
    }
    base.total = base.total.plus(amount);
    base.orders.push({ orderId: order.orderId, share, amount: exactMoney(amount), reason });
  };
  for (const order of orders) {
    const credited = order.creditedAgent;
    if (credited === null) continue;
    const { placeAgent, payAgent } = order;
    if (split && order.creditedBy === "placeAgent" && payAgent !== null && payAgent !== placeAgent) {
      add(credited, order, split.placeAgent, `落实下单 placeAgent; the payAgent ${payAgent} shares it`);
      add(payAgent, order, split.payAgent, `落实付款 payAgent; the placeAgent ${credited} shares it`);
    } else {
      add(credited, order, "1", creditReason(order));
    }
  }
  return bases;
}

/**
 * The commission bases of the month's orders as columns (the month report's path: a million orders
 * make no object each): order `i` credits `credited[i]` (an agent number, -1 none) with
 * `commissionable[i]` fen, by `creditedBy[i]` (1 placeAgent, 2 payAgent, 3 remark), shared with
 * `payAgent[i]` under the policy's split. `exclude(agent, i)` leaves a share out (with why). Totals
 * are exact: whole shares summed in integer fen, split shares as decimals. The lists of shares are
 * made on first read.
 */
export function commissionBasesOfColumns(
  orders: {
    readonly count: number;
    readonly orderId: TextColumn;
    readonly commissionable: Float64Array;
    readonly credited: Int32Array;
    readonly creditedBy: Uint8Array;
    readonly placeAgent: Int32Array;
    readonly payAgent: Int32Array;
    readonly include: Uint8Array;
  },
  agentIds: readonly string[],
  split: PayPolicy["commission"]["split"],
  exclude: (agent: number, i: number) => string | null,
): Map<string, CommissionBase> {
  interface Acc {
    fen: number;
    splitTotal: Decimal | null;
    /** Per share: order index, and 0 whole / 1 split place share / 2 split pay share; excluded shares apart. */
    shares: number[];
    excluded: { i: number; part: number; reason: string }[];
  }
  const accs = new Map<number, Acc>();
  const accOf = (a: number): Acc => {
    let acc = accs.get(a);
    if (acc === undefined) accs.set(a, (acc = { fen: 0, splitTotal: null, shares: [], excluded: [] }));
    return acc;
  };
  const REASONS = ["credited", "落实下单 placeAgent", "落实付款 payAgent (no placeAgent)", "工号 in the order remark"];
  const shareOf = (part: number): string => (part === 0 ? "1" : part === 1 ? split!.placeAgent : split!.payAgent);
  const amountOf = (i: number, part: number): Decimal => (part === 0 ? new Decimal(orders.commissionable[i]!).dividedBy(100) : new Decimal(orders.commissionable[i]!).dividedBy(100).times(shareOf(part)));
  const reasonOf = (i: number, part: number): string => {
    if (part === 1) return `落实下单 placeAgent; the payAgent ${agentIds[orders.payAgent[i]!]} shares it`;
    if (part === 2) return `落实付款 payAgent; the placeAgent ${agentIds[orders.credited[i]!]} shares it`;
    return REASONS[orders.creditedBy[i]!] ?? "credited";
  };
  const add = (a: number, i: number, part: number): void => {
    const acc = accOf(a);
    const left = exclude(a, i);
    if (left !== null) {
      acc.excluded.push({ i, part, reason: left });
      return;
    }
    if (part === 0) acc.fen += orders.commissionable[i]!;
    else acc.splitTotal = (acc.splitTotal ?? new Decimal(0)).plus(amountOf(i, part));
    acc.shares.push(i * 4 + part);
  };
  for (let i = 0; i < orders.count; i++) {
    if (orders.include[i] !== 1) continue;
    const credited = orders.credited[i]!;
    if (credited < 0) continue;
    const pay = orders.payAgent[i]!;
    if (split && orders.creditedBy[i] === 1 && pay >= 0 && pay !== orders.placeAgent[i]) {
      add(credited, i, 1);
      add(pay, i, 2);
    } else add(credited, i, 0);
  }
  const bases = new Map<string, CommissionBase>();
  for (const [a, acc] of accs) {
    const total = new Decimal(acc.fen).dividedBy(100).plus(acc.splitTotal ?? 0);
    const share = (i: number, part: number, reason: string): BaseShare => ({ orderId: orders.orderId.at(i), share: shareOf(part), amount: exactMoney(amountOf(i, part)), reason });
    const base = { total } as { total: Decimal; orders: BaseShare[]; excluded: BaseShare[] };
    // Listed by orderId (then the place share before the pay share), whatever the input's row order.
    withLazy(base, "orders", () => acc.shares.map((x) => share(Math.floor(x / 4), x % 4, reasonOf(Math.floor(x / 4), x % 4))).sort(byOrderId));
    Object.defineProperty(base, "count", { enumerable: false, value: acc.shares.length });
    base.excluded = acc.excluded.map((e) => share(e.i, e.part, e.reason)).sort(byOrderId);
    bases.set(agentIds[a]!, base);
  }
  return bases;
}

function creditReason(order: CommissionOrder): string {
  switch (order.creditedBy) {
    case "placeAgent":
      return "落实下单 placeAgent";
    case "payAgent":
      return "落实付款 payAgent (no placeAgent)";
    case "remark":
      return "工号 in the order remark";
    default:
      return "credited";
  }
}

/** The commission of a base, with the steps that made it. */
export interface CommissionResult {
  readonly amount: string;
  readonly steps: string[];
}

/**
 * Applies the rate or the tier table to a commission base and rounds the result to the fen.
 *
 * @example
 * commissionOf(toDecimal("12000"), { rate: "0.01", tiers: { mode: "progressive", edge: "lowerInclusive",
 *   bands: [{ from: "0", rate: "0.01" }, { from: "10000", rate: "0.02" }] }, split: null }).amount //=> "140.00"
 */
export function commissionOf(base: Decimal, commission: PayPolicy["commission"]): CommissionResult {
  const tiers = commission.tiers;
  if (!tiers) {
    const exact = base.times(commission.rate);
    return { amount: roundMoney(exact), steps: [`${base.toFixed(2)} × ${commission.rate} = ${exact.toFixed()}`] };
  }
  return tiers.mode === "progressive" ? progressive(base, tiers) : slab(base, tiers);
}

function progressive(base: Decimal, tiers: Tiers): CommissionResult {
  const steps: string[] = [];
  let exact = new Decimal(0);
  tiers.bands.forEach((band, i) => {
    const from = toDecimal(band.from);
    const next = tiers.bands[i + 1];
    const to = next ? Decimal.min(base, toDecimal(next.from)) : base;
    if (to.lte(from)) return;
    const part = to.minus(from).times(band.rate);
    exact = exact.plus(part);
    steps.push(`(${to.toFixed(2)} − ${from.toFixed(2)}) × ${band.rate} = ${part.toFixed()}`);
  });
  if (steps.length === 0) steps.push(`${base.toFixed(2)} is in no band: 0`);
  else if (steps.length > 1) steps.push(`sum = ${exact.toFixed()}`);
  return { amount: roundMoney(exact), steps };
}

function slab(base: Decimal, tiers: Tiers): CommissionResult {
  // The band reached: the last whose `from` the base meets (≥ for lowerInclusive, > for upperInclusive,
  // so a total exactly on a boundary stays in the band below).
  let reached = tiers.bands[0]!;
  for (const band of tiers.bands.slice(1)) {
    const from = toDecimal(band.from);
    if (tiers.edge === "lowerInclusive" ? base.gte(from) : base.gt(from)) reached = band;
  }
  const exact = base.times(reached.rate);
  return {
    amount: roundMoney(exact),
    steps: [`${base.toFixed(2)} reaches the band from ${reached.from} (${tiers.edge}): ${base.toFixed(2)} × ${reached.rate} = ${exact.toFixed()}`],
  };
}
