/**
 * Bots (店小蜜, auto-reply accounts): the agents of group `bot`. The decoder sets them apart: their
 * consultations are not the people's, so no response figure, scorecard, sale, commission or pay
 * line counts them. What they did is reported here: the buyers they received, alone or beside an
 * agent, the buyers they handed over, and the orders they served that no agent did — fully silent
 * orders (全静默) all the same, shown as the bots' own line.
 */
import { ratio, sumMoney } from "../money/decimal.js";
import type { DecodedMonth } from "../records/month.js";
import type { Period } from "../time/period.js";

/** A count of orders with their money (as attribution tallies them). */
export interface Tally {
  readonly orders: number;
  readonly gross: string;
  readonly refunds: string;
  readonly net: string;
}

/** The bots of a period. */
export interface BotsReport {
  readonly period: string;
  /** The bots (agents of group bot), by agentId. */
  readonly bots: readonly string[];
  /** The bots' consultations started in the period. */
  readonly consultations: number;
  /** Of them, those that handed the buyer over to an agent (`transferredTo`). */
  readonly handedOver: number;
  /** Buyers received (接待) in the period: by a bot, by a bot and no agent, by anyone; and the bots' shares of all. */
  readonly receptions: {
    readonly bots: number;
    readonly botsOnly: number;
    readonly all: number;
    readonly botsShare: string | null;
    readonly botsOnlyShare: string | null;
  };
  /**
   * The orders of the period the service led to — served by an agent before placing or paying
   * (assisted, silent-order), or by a bot alone (bot-served) — and the bots' share of them.
   */
  readonly conversions: {
    readonly served: Tally;
    readonly botServed: Tally;
    readonly shareByOrders: string | null;
    readonly shareByNet: string | null;
  };
}

/** The attribution's shop tallies the conversions read. */
export interface ServedTallies {
  readonly botServed: Tally;
  readonly byStatus: { readonly assisted: Tally; readonly silentOrder: Tally };
}

/**
 * The bots of `period`: receptions by buyer (a buyer counted once, whoever received them), and the
 * conversions from the attribution's tallies. Null when the month has no bots.
 */
export function botsOfPeriod(month: DecodedMonth, period: Period, sales: ServedTallies | null): BotsReport | null {
  const bots = month.bots;
  if (bots === undefined) return null;
  // Per buyer: 1 received by an agent, 2 by a bot.
  const seen = new Uint8Array(month.buyers.size);
  const mark = (table: typeof bots.consultations, bit: number): { consultations: number; handedOver: number } => {
    let consultations = 0;
    let handedOver = 0;
    if (table === undefined) return { consultations, handedOver };
    const c = table.columns;
    for (let i = 0; i < table.count; i++) {
      const started = c.startedAt[i]!;
      if (started < period.start || started >= period.end) continue;
      consultations++;
      if (c.transferredTo[i]! >= 0) handedOver++;
      const b = c.buyerId[i]!;
      if (b >= 0) seen[b]! |= bit;
    }
    return { consultations, handedOver };
  };
  mark(month.tables.consultations, 1);
  const { consultations, handedOver } = mark(bots.consultations, 2);
  let all = 0;
  let byBots = 0;
  let botsOnly = 0;
  for (let b = 0; b < seen.length; b++) {
    const s = seen[b]!;
    if (s === 0) continue;
    all++;
    if (s & 2) byBots++;
    if (s === 2) botsOnly++;
  }
  const zero: Tally = { orders: 0, gross: "0.00", refunds: "0.00", net: "0.00" };
  const parts = sales === null ? [] : [sales.byStatus.assisted, sales.byStatus.silentOrder, sales.botServed];
  const served: Tally = {
    orders: parts.reduce((n, t) => n + t.orders, 0),
    gross: sumMoney(parts.map((t) => t.gross)),
    refunds: sumMoney(parts.map((t) => t.refunds)),
    net: sumMoney(parts.map((t) => t.net)),
  };
  const botServed = sales?.botServed ?? zero;
  return {
    period: period.label,
    bots: [...bots.ids].sort(),
    consultations,
    handedOver,
    receptions: { bots: byBots, botsOnly, all, botsShare: ratio(byBots, all, 4), botsOnlyShare: ratio(botsOnly, all, 4) },
    conversions: { served, botServed, shareByOrders: ratio(botServed.orders, served.orders, 4), shareByNet: ratio(botServed.net, served.net, 4) },
  };
}
