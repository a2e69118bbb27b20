import { withLazy } from "../lazy.js";
import { IssueCode, KefuKpiError, safely, type SafeResult } from "../errors.js";
import { checkOptions } from "../input.js";
import { periodOption } from "../records/options.js";
import { formatFen } from "../money/fen.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { monthFor, type DecodedMonth } from "../records/month.js";
import type { RecordOf } from "../records/schema.js";
import { formatInstant, type Period } from "../time/period.js";
import { byAgentId } from "../compare.js";
import { matchOrders, type ConsultationColumns } from "./match.js";
import type { AgentSales, AttributedOrder, CreditedBy, OrderStatus, SalesAttribution, Tally } from "./types.js";
import { float64s, int32s, uint8s } from "../memory.js";
import { TextColumn } from "../records/textColumn.js";
import type { Table } from "../records/table.js";
import { FLAG_COLOURS } from "../policy/flags.js";

/** What {@link attributeSales} reads: orders, consultations and the roster, as records (or a decoded month). */
export interface SalesInput {
  readonly orders: readonly OrderLike[];
  readonly consultations?: readonly ConsultationLike[];
  /** The chat log: without consultations, the consultations its messages make (R8); with them, checked against them. */
  readonly messages?: readonly RecordOf<"messages">[];
  /** The roster. When given, every agentId in consultations and remarks must be in it, and every
   * rostered agent appears in the result (with zero sales if need be). `accounts`: the agent's chat
   * sub-accounts (separated by ; or |), which link the messages to agents. */
  readonly agents?: readonly { readonly agentId: string; readonly accounts?: string }[];
}

/** An order as attribution reads it (the orders kind's record). */
export type OrderLike = RecordOf<"orders">;
/** A consultation as attribution reads it (the consultations kind's record). */
export type ConsultationLike = RecordOf<"consultations">;

export interface AttributeOptions {
  /** Book only orders paid in this period (`2020-02`, `2020-W08`, `2020-02-21`,
   * `2020-02-01..2020-02-15`, cut in the policy's zone). Consultations before it still count. */
  readonly period?: string;
}

/** What attribution hands the other rule families, beside its result: per order (input position) the credited agent's number. */
export interface SalesCredits {
  /** The credited agent's number in the month's agent list, or -1. */
  readonly credited: Int32Array;
  /** How the credit was given: 0 none, 1 placeAgent, 2 payAgent, 3 remark. */
  readonly creditedBy: Uint8Array;
  /** The placeAgent's number, or -1 (unpaid orders too). */
  readonly placeAgent: Int32Array;
  /** The payAgent's number, or -1. */
  readonly payAgent: Int32Array;
  /** 1 when the order is paid in the period. */
  readonly booked: Uint8Array;
  /** 1 when the order's flag is one the policy excludes (指定订单不算业绩): credited to nobody. */
  readonly excluded: Uint8Array;
  /** Per order, the bots' consultation (its index among them) that served it when no agent did, or -1; empty without bots' consultations. */
  readonly botServed: Int32Array;
  /**
   * The booked orders whose placeAgent or payAgent the row order of the consultations decided (two
   * consultations of different agents served the buyer as late and were first answered at the
   * same instant; R1 gives the later row): one warning each, for the report to carry.
   */
  readonly rowOrderTies: readonly string[];
  /** The explanation of order `i` (as `result.orders[i]`), made alone. */
  readonly explainAt: (i: number) => AttributedOrder;
}

// Per-agent accumulator layout (fen and counts, all integers in float64).
const SALES = 0; // orders, gross, refund
const BREAKDOWN = 3; // 4 × (orders, gross, refund)
const ADDRESS = 15;
const WIDTH = 16;
const OWN_OWN = 0;
const OWN_OTHER = 1;
const OTHER_OWN = 2;
const SILENT_OWN = 3;

// Shop tallies; the classification ids double as indices into STATUS.
const [PAID, CREDITED, SILENT, UNCREDITED, ASSISTED, SILENT_ORDER, FULLY_SILENT] = [0, 1, 2, 3, 4, 5, 6] as const;
const UNPAID = 7; // a status, not a tally
const EXCLUDED = 7; // a tally: orders whose flag the policy excludes
const BOT_SERVED = 8; // a tally: the silent orders a bot served
const STATUS: readonly OrderStatus[] = ["unpaid", "unpaid", "unpaid", "unpaid", "assisted", "silent-order", "fully-silent", "unpaid"];
const [BY_NONE, BY_PLACE, BY_PAY, BY_REMARK] = [0, 1, 2, 3] as const;
const CREDITED_BY: readonly (CreditedBy | null)[] = [null, "placeAgent", "payAgent", "remark"];

/**
 * Attributes every paid order to an agent (R1, README): finds placeAgent (落实下单) and payAgent
 * (落实付款), classifies the order (assisted / silent-order / fully-silent), credits it by the
 * policy's rule and source, and totals the sales per agent and for the shop.
 *
 * @param input - orders, consultations and optionally the roster of agents (records, or a month
 *   decoded by `decodeMonth`)
 * @param policy - a policy or any part of one (defaults for the rest); with a decoded month, leave
 *   it out or give the policy the month was decoded under
 * @param options - the period to book sales in
 * @returns per-order attributions (parallel to `input.orders`), per-agent and shop totals
 * @throws {KefuKpiError} listing every invalid record and field
 * @example
 * const result = attributeSales({
 *   orders: [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-21 10:05", paidAt: "2020-02-21 10:06", amount: "99.00" }],
 *   consultations: [{ consultationId: "C1", agentId: "A1", buyerId: "b1", startedAt: "2020-02-21 09:58",
 *     firstReplyAt: "2020-02-21 09:59", endedAt: "2020-02-21 10:10" }],
 * })
 * result.orders[0].creditedAgent //=> "A1"
 * result.agents[0].sales.net //=> "99.00"
 */
export function attributeSales(
  input: SalesInput | DecodedMonth,
  policy?: PolicyInput | Policy,
  options: AttributeOptions = {},
): SalesAttribution {
  // Every field of every record is checked; attribution keeps the consultations' fields it reads.
  const month = monthFor(input, policy, ["agents", "consultations", "orders"], {
    required: ["orders"],
    keep: { consultations: ["consultationId", "agentId", "buyerId", "shopId", "firstReplyAt", "endedAt"], agents: ["agentId"] },
    // A consultation matters to attribution only for a buyer with orders: the others are not numbered.
    lookupBuyers: ["consultations"],
  });
  return attributeMonth(month, options).result;
}

/**
 * Attribution (R1) of a decoded month, with the credits the other rule families read.
 *
 * @throws {KefuKpiError} for a bad period, or a month without orders
 */
export function attributeMonth(month: DecodedMonth, options: AttributeOptions = {}): { result: SalesAttribution; credits: SalesCredits } {
  const rules = month.policy.attribution;
  const zone = month.zone;
  const opts = checkOptions(options, ["period"]);
  const period: Period | null = periodOption(month, opts) ?? null;
  const orderTable = month.tables.orders;
  if (orderTable === undefined) {
    throw new KefuKpiError([{ code: IssueCode.missingField, path: ["orders"], message: "is missing; attribution needs the orders" }]);
  }
  const o = orderTable.columns;
  const n = orderTable.count;
  const keyCount = month.buyers.size;
  const cons = candidateConsultations(month.tables.consultations, o.buyerId, n, keyCount);
  const orderColumns = { count: n, key: o.buyerId, createdAt: o.createdAt, paidAt: o.paidAt, keyCount };
  const windowMs = rules.windowHours === null ? Infinity : rules.windowHours * 3_600_000;
  const matches = matchOrders(orderColumns, cons, windowMs);
  // The bots' consultations (店小蜜), matched alike: an order they served and no agent did is fully
  // silent all the same (no agent's commission), and shown as the bots' own line.
  const botTable = month.bots?.consultations;
  const botMatches = botTable === undefined || botTable.count === 0 ? null : matchOrders(orderColumns, candidateConsultations(botTable, o.buyerId, n, keyCount), windowMs);
  const botServed = int32s(botMatches === null ? 0 : n).fill(-1);

  // The agents listed: the roster's, or (without one) those met in consultations and remarks.
  const agentCount = month.agents.ids.length;
  const listed = new Uint8Array(agentCount);
  if (month.agents.rosterSize >= 0) listed.fill(1, 0, month.agents.rosterSize);
  else {
    const seen = (col: Int32Array | undefined): void => {
      if (col) for (let i = 0; i < col.length; i++) if (col[i]! >= 0) listed[col[i]!] = 1;
    };
    seen(month.tables.consultations?.columns.agentId);
    seen(o.remarkAgentId);
  }

  // Tally every order.
  const acc = new Float64Array(agentCount * WIDTH);
  const shop = newTallies(9);
  let unpaid = 0;
  let outside = 0;
  let unlinked = 0;
  const useChat = rules.source !== "remark";
  const useRemark = rules.source !== "chat";
  const start = period ? period.start : -Infinity;
  const end = period ? period.end : Infinity;
  const status = uint8s(n); // index into STATUS
  const credited = int32s(n).fill(-1);
  const payAgent = int32s(n).fill(-1);
  const placeAgent = int32s(n).fill(-1);
  const creditedBy = uint8s(n); // index into CREDITED_BY
  const booked = uint8s(n);
  const paidAt = o.paidAt;
  const amount = o.amount;
  const refundAmount = o.refundAmount;
  const remarks = o.remarkAgentId;
  const flags = o.flag;
  const excludes = FLAG_COLOURS.map((c) => rules.excludeFlags.includes(c));
  const excluded = uint8s(n);
  for (let i = 0; i < n; i++) {
    const paid = paidAt[i]!;
    const placeCon = matches.place[i]!;
    const payCon = matches.pay[i]!;
    if (paid !== paid) {
      // An unpaid order's placeAgent is the buyer's agent a payment reminder may go to.
      if (placeCon >= 0) placeAgent[i] = cons.agent[placeCon]!;
      status[i] = UNPAID;
      unpaid++;
      continue;
    }
    const place = placeCon >= 0 ? cons.agent[placeCon]! : -1;
    const pay = payCon >= 0 ? cons.agent[payCon]! : -1;
    payAgent[i] = pay;
    placeAgent[i] = place;
    const kind = place >= 0 ? ASSISTED : pay >= 0 ? SILENT_ORDER : FULLY_SILENT;
    status[i] = kind;
    let who = -1;
    let by: number = BY_NONE;
    if (useChat) {
      if (rules.rule !== "pay" && place >= 0) {
        who = place;
        by = BY_PLACE;
      } else if (rules.rule !== "place" && pay >= 0) {
        who = pay;
        by = BY_PAY;
      }
    }
    const remarked = remarks[i]!;
    if (who < 0 && useRemark && remarked >= 0) {
      who = remarked;
      by = BY_REMARK;
    }
    // 指定订单不算客服业绩: an order flagged with an excluded colour counts for no agent.
    const out = flags[i]! >= 0 && excludes[flags[i]!] === true;
    if (out) {
      excluded[i] = 1;
      who = -1;
      by = BY_NONE;
    }
    credited[i] = who;
    creditedBy[i] = by;
    if (paid < start || paid >= end) {
      outside++;
      continue;
    }
    booked[i] = 1;
    if (o.buyerId[i]! < 0) unlinked++;
    const gross = amount[i]!;
    const refund = refundAmount[i]! === refundAmount[i]! ? refundAmount[i]! : 0;
    add(shop, 3 * PAID, gross, refund);
    add(shop, 3 * kind, gross, refund);
    add(shop, 3 * (out ? EXCLUDED : who >= 0 ? CREDITED : kind === FULLY_SILENT ? SILENT : UNCREDITED), gross, refund);
    if (botMatches !== null && kind === FULLY_SILENT && !out && who < 0) {
      const served = botMatches.place[i]! >= 0 ? botMatches.place[i]! : botMatches.pay[i]!;
      if (served >= 0) {
        botServed[i] = served;
        add(shop, 3 * BOT_SERVED, gross, refund);
      }
    }
    if (who >= 0) add(acc, who * WIDTH + SALES, gross, refund);
    // The address check is owed all the same (R1); the breakdown of sales leaves the order out.
    if (pay >= 0) acc[pay * WIDTH + ADDRESS]!++;
    if (out) continue;
    if (place >= 0) {
      add(acc, place * WIDTH + BREAKDOWN + 3 * (pay === place ? OWN_OWN : OWN_OTHER), gross, refund);
    }
    if (pay >= 0) {
      if (place < 0) add(acc, pay * WIDTH + BREAKDOWN + 3 * SILENT_OWN, gross, refund);
      else if (place !== pay) add(acc, pay * WIDTH + BREAKDOWN + 3 * OTHER_OWN, gross, refund);
    }
  }
  checkTotal(shop[3 * PAID + 1]!, amount, booked);

  const ids = month.agents.ids;
  const agentSales: AgentSales[] = [];
  for (let a = 0; a < agentCount; a++) if (listed[a] === 1) agentSales.push(agentSalesOf(ids[a]!, a, acc, rules.deductRefunds));
  agentSales.sort(byAgentId);

  // Per-order explanations are built on first access of `result.orders` (a getter), from compact
  // columns: a caller of a million-order month who needs the totals does not pay ~100 MB for them.
  const place = matches.place;
  const pay = matches.pay;
  const conAgent = cons.agent;
  const orderIds = o.orderId;
  const consultationIds = month.tables.consultations?.columns.consultationId ?? TextColumn.EMPTY;
  const explainAt = (i: number): AttributedOrder => {
      const placeCon = place[i]!;
      const payCon = pay[i]!;
      const who = credited[i]!;
      const placeId = placeCon >= 0 ? consultationIds.at(placeCon) : null;
      return {
        orderId: orderIds.at(i),
        status: STATUS[status[i]!]!,
        booked: booked[i] === 1,
        placeAgent: placeCon >= 0 ? ids[conAgent[placeCon]!]! : null,
        placeConsultationId: placeId,
        payAgent: payCon >= 0 ? ids[conAgent[payCon]!]! : null,
        payConsultationId: payCon < 0 ? null : payCon === placeCon ? placeId : consultationIds.at(payCon),
        creditedAgent: who >= 0 ? ids[who]! : null,
        creditedBy: CREDITED_BY[creditedBy[i]!]!,
        flag: flags[i]! >= 0 ? FLAG_COLOURS[flags[i]!]! : null,
        excluded: excluded[i] === 1,
        botConsultationId: botServed.length > 0 && botServed[i]! >= 0 ? botTable!.columns.consultationId.at(botServed[i]!) : null,
      };
  };
  const explain = (): AttributedOrder[] => {
    const attributed: AttributedOrder[] = new Array(n);
    for (let i = 0; i < n; i++) attributed[i] = explainAt(i);
    return attributed;
  };

  const result: Omit<SalesAttribution, "orders"> = {
    policy: rules,
    period: period ? { label: period.label, start: formatInstant(period.start, zone), end: formatInstant(period.end, zone) } : null,
    shop: {
      sales: tallyAt(shop, 3 * PAID),
      credited: tallyAt(shop, 3 * CREDITED),
      silent: tallyAt(shop, 3 * SILENT),
      uncredited: tallyAt(shop, 3 * UNCREDITED),
      excluded: tallyAt(shop, 3 * EXCLUDED),
      botServed: tallyAt(shop, 3 * BOT_SERVED),
      byStatus: {
        assisted: tallyAt(shop, 3 * ASSISTED),
        silentOrder: tallyAt(shop, 3 * SILENT_ORDER),
        fullySilent: tallyAt(shop, 3 * FULLY_SILENT),
      },
      unpaidOrders: unpaid,
      paidOutsidePeriod: outside,
      unlinkedOrders: unlinked,
    },
    agents: agentSales,
  };
  const attribution: SalesAttribution = withLazy(result, "orders", explain);
  const rowOrderTies = tieWarnings(matches.ties, booked, orderIds, consultationIds, conAgent, ids);
  return { result: attribution, credits: { credited, creditedBy, placeAgent, payAgent, booked, excluded, botServed, rowOrderTies, explainAt } };
}

/**
 * The consultations as matching reads them: the decoded columns, keyed by buyer where the
 * consultation can matter to an order (answered, of a buyer with orders), else -1. One key array
 * is all that is made (no copy of the columns: a month of millions of consultations).
 */
function candidateConsultations(table: Table<"consultations"> | undefined, orderBuyers: Int32Array, orders: number, keyCount: number): ConsultationColumns {
  if (table === undefined) {
    const none = new Int32Array(0);
    return { count: 0, key: none, withOrders: new Uint8Array(0), firstReplyAt: new Float64Array(0), endedAt: new Float64Array(0), agent: none };
  }
  const withOrders = uint8s(keyCount);
  for (let i = 0; i < orders; i++) if (orderBuyers[i]! >= 0) withOrders[orderBuyers[i]!] = 1;
  const c = table.columns;
  return { count: table.count, key: c.buyerId, withOrders, firstReplyAt: c.firstReplyAt, endedAt: c.endedAt, agent: c.agentId };
}

/** At most this many row-order ties are named one by one; the rest are counted. */
const TIES_NAMED = 20;

/** The warnings of the ties the consultations' row order decided ({@link Matches.ties}), booked orders only. */
function tieWarnings(
  ties: readonly number[],
  booked: Uint8Array,
  orderIds: TextColumn,
  consultationIds: TextColumn,
  agentOf: Int32Array,
  agentIds: readonly string[],
): string[] {
  if (ties.length === 0) return [];
  // One line per order (its placing and paying decided alike by one pair make one line), by orderId.
  const byOrder = new Map<number, { roles: number[]; winner: number; other: number }[]>();
  for (let k = 0; k < ties.length; k += 3) {
    const ev = ties[k]!;
    const order = ev >> 1;
    if (booked[order] !== 1) continue;
    const role = ev & 1;
    const [winner, other] = [ties[k + 1]!, ties[k + 2]!];
    const list = byOrder.get(order) ?? [];
    const same = list.find((t) => t.winner === winner && t.other === other);
    if (same) same.roles.push(role);
    else list.push({ roles: [role], winner, other });
    byOrder.set(order, list);
  }
  const orders = [...byOrder.keys()].sort((a, b) => orderIds.compare(a, b));
  const who = (c: number): string => `${consultationIds.at(c)} (${agentIds[agentOf[c]!]!})`;
  const out: string[] = [];
  for (const order of orders.slice(0, TIES_NAMED)) {
    for (const { roles, winner, other } of byOrder.get(order)!) {
      const names = roles.sort().map((r) => (r === 0 ? "落实下单 placeAgent" : "落实付款 payAgent"));
      out.push(
        `orders: ${orderIds.at(order)}'s ${names.join(" and ")} ${names.length > 1 ? "are" : "is"} ${agentIds[agentOf[winner]!]!} by the order of the rows: ` +
          `consultations ${who(other)} and ${who(winner)} served its buyer as late and were first answered at the same instant, and the later row counts; ` +
          `listed the other way round, ${agentIds[agentOf[other]!]!} would be`,
      );
    }
  }
  if (orders.length > TIES_NAMED) out.push(`orders: ${orders.length - TIES_NAMED} more orders whose placeAgent or payAgent the order of the consultations' rows decided`);
  return out;
}

/** The money of the booked orders must stay below 2^53 fen for its sums to be exact: else the order that passes it is named. */
function checkTotal(total: number, amount: Float64Array, booked: Uint8Array): void {
  if (total <= Number.MAX_SAFE_INTEGER) return;
  let sum = 0;
  for (let i = 0; i < amount.length; i++) {
    if (booked[i] !== 1) continue;
    sum += amount[i]!;
    if (sum > Number.MAX_SAFE_INTEGER) {
      throw new KefuKpiError([
        { code: IssueCode.invalidValue, path: ["orders", i, "amount"], message: `brings the period's paid total past ${formatFen(Number.MAX_SAFE_INTEGER)} yuan, beyond what sums exactly; split the period` },
      ]);
    }
  }
}

function agentSalesOf(agentId: string, a: number, acc: Float64Array, deductRefunds: boolean): AgentSales {
  const base = a * WIDTH;
  const sales = tallyAt(acc, base + SALES);
  return {
    agentId,
    sales,
    commissionable: deductRefunds ? sales.net : sales.gross,
    breakdown: {
      ownPlaceOwnPay: tallyAt(acc, base + BREAKDOWN + 3 * OWN_OWN),
      ownPlaceOtherPay: tallyAt(acc, base + BREAKDOWN + 3 * OWN_OTHER),
      otherPlaceOwnPay: tallyAt(acc, base + BREAKDOWN + 3 * OTHER_OWN),
      silentOrderOwnPay: tallyAt(acc, base + BREAKDOWN + 3 * SILENT_OWN),
    },
    addressChecks: acc[base + ADDRESS]!,
  };
}

/** {@link attributeSales} returning `{ success, data | issues }` instead of throwing. */
export function safeAttributeSales(
  input: SalesInput | DecodedMonth,
  policy?: PolicyInput | Policy,
  options?: AttributeOptions,
): SafeResult<SalesAttribution> {
  return safely(() => attributeSales(input, policy, options));
}

function newTallies(count: number): Float64Array {
  return float64s(3 * count);
}

/** Adds one order (gross and refund in fen) to the tally (orders, gross, refunds) at `at`. */
export function add(acc: Float64Array, at: number, gross: number, refund: number): void {
  acc[at]!++;
  acc[at + 1]! += gross;
  acc[at + 2]! += refund;
}

/** The tally (orders, gross, refunds) at `at`, as money text. */
export function tallyAt(acc: Float64Array, at: number): Tally {
  const gross = acc[at + 1]!;
  const refunds = acc[at + 2]!;
  return { orders: acc[at]!, gross: formatFen(gross), refunds: formatFen(refunds), net: formatFen(gross - refunds) };
}
