import { IssueCode, IssueList, safely, type SafeResult } from "../errors.js";
import { checkInput, checkOptions, readTextOption } from "../input.js";
import { formatFen, parseFen } from "../money/fen.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { resolvePolicy } from "../policy/resolve.js";
import { formatInstant, parsePeriod, parseTimeOfDay, type Period } from "../time/period.js";
import { zoneOf } from "../time/zone.js";
import { AgentIndex, buyerKey, readConsultations, readOrders, type ConsultationLike, type OrderLike } from "./columns.js";
import { matchOrders } from "./match.js";
import { StringIds } from "../ids/stringIds.js";
import type { AgentSales, AttributedOrder, CreditedBy, OrderStatus, SalesAttribution, Tally } from "./types.js";

/** What {@link attributeSales} reads. */
export interface SalesInput {
  readonly orders: readonly OrderLike[];
  readonly consultations?: readonly ConsultationLike[];
  /** The roster. When given, every agentId in consultations and remarks must be in it, and every
   * rostered agent appears in the result (with zero sales if need be). */
  readonly agents?: readonly { readonly agentId: string }[];
}

export interface AttributeOptions {
  /** Book only orders paid in this period (`2020-02`, `2020-W08`, `2020-02-21`,
   * `2020-02-01..2020-02-15`, cut in the policy's zone). Consultations before it still count. */
  readonly period?: string;
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
const UNPAID = 7;
const STATUS: readonly OrderStatus[] = ["unpaid", "unpaid", "unpaid", "unpaid", "assisted", "silent-order", "fully-silent", "unpaid"];
const [BY_NONE, BY_PLACE, BY_PAY, BY_REMARK] = [0, 1, 2, 3] as const;
const CREDITED_BY: readonly (CreditedBy | null)[] = [null, "placeAgent", "payAgent", "remark"];

/**
 * Attributes every paid order to an agent (DOMAIN.md R1): finds placeAgent (落实下单) and payAgent
 * (落实付款), classifies the order (assisted / silent-order / fully-silent), credits it by the
 * policy's rule and source, and totals the sales per agent and for the shop.
 *
 * @param input - orders, consultations and optionally the roster of agents
 * @param policy - a policy or any part of one (defaults of DOMAIN.md for the rest)
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
  input: SalesInput,
  policy?: PolicyInput | Policy,
  options: AttributeOptions = {},
): SalesAttribution {
  checkInput(input, ["orders", "consultations", "agents"], ["orders"]);
  const opts = checkOptions(options, ["period"]);
  const resolved = resolvePolicy(policy);
  const rules = resolved.attribution;
  const zone = zoneOf(resolved);
  const cutover = parseTimeOfDay(resolved.businessDayStartsAt);
  const period: Period | null = readTextOption(opts, "period", (label) => parsePeriod(label, zone, cutover)) ?? null;

  const issues = new IssueList();
  const consultations = input.consultations ?? [];
  const roster = input.agents ? rosterOf(input.agents, issues) : null;
  const agents = new AgentIndex(roster);
  // Buyer keys are interned from the orders; a hit is confirmed against the first order's key.
  const keys = new StringIds(input.orders.length, (i) => buyerKey(input.orders[i]!.shopId, input.orders[i]!.buyerId!));
  const orders = readOrders(input.orders, zone, keys, agents, issues);
  const cons = readConsultations(consultations, zone, keys, agents, issues);
  issues.throwIfAny();

  const matches = matchOrders(orders, cons, rules.windowHours * 3_600_000);

  // Tally every order.
  const agentCount = agents.ids.length;
  const acc = new Float64Array(agentCount * WIDTH);
  const shop = newTallies(7);
  let unpaid = 0;
  let outside = 0;
  let unlinked = 0;
  const useChat = rules.source !== "remark";
  const useRemark = rules.source !== "chat";
  const start = period ? period.start : -Infinity;
  const end = period ? period.end : Infinity;
  const status = new Uint8Array(orders.count); // index into STATUS
  const credited = new Int32Array(orders.count).fill(-1);
  const creditedBy = new Uint8Array(orders.count); // index into CREDITED_BY
  const booked = new Uint8Array(orders.count);
  for (let i = 0; i < orders.count; i++) {
    const paid = orders.paidAt[i]!;
    const placeCon = matches.place[i]!;
    const payCon = matches.pay[i]!;
    if (paid !== paid) {
      status[i] = UNPAID;
      unpaid++;
      continue;
    }
    const place = placeCon >= 0 ? cons.agent[placeCon]! : -1;
    const pay = payCon >= 0 ? cons.agent[payCon]! : -1;
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
    const remarked = orders.remarkAgent === null ? -1 : orders.remarkAgent[i]!;
    if (who < 0 && useRemark && remarked >= 0) {
      who = remarked;
      by = BY_REMARK;
    }
    credited[i] = who;
    creditedBy[i] = by;
    if (paid < start || paid >= end) {
      outside++;
      continue;
    }
    booked[i] = 1;
    if (orders.key[i]! < 0) unlinked++;
    const order = input.orders[i]!;
    const gross = parseFen(order.amount);
    const refund = isAbsentMoney(order.refundAmount) ? 0 : parseFen(order.refundAmount);
    add(shop, 3 * PAID, gross, refund);
    add(shop, 3 * kind, gross, refund);
    add(shop, 3 * (who >= 0 ? CREDITED : kind === FULLY_SILENT ? SILENT : UNCREDITED), gross, refund);
    if (who >= 0) add(acc, who * WIDTH + SALES, gross, refund);
    if (place >= 0) {
      add(acc, place * WIDTH + BREAKDOWN + 3 * (pay === place ? OWN_OWN : OWN_OTHER), gross, refund);
    }
    if (pay >= 0) {
      acc[pay * WIDTH + ADDRESS]!++;
      if (place < 0) add(acc, pay * WIDTH + BREAKDOWN + 3 * SILENT_OWN, gross, refund);
      else if (place !== pay) add(acc, pay * WIDTH + BREAKDOWN + 3 * OTHER_OWN, gross, refund);
    }
  }

  const agentSales: AgentSales[] = agents.ids
    .map((agentId, a) => ({ agentId, a }))
    .sort((x, y) => (x.agentId < y.agentId ? -1 : x.agentId > y.agentId ? 1 : 0))
    .map(({ agentId, a }) => {
      const base = a * WIDTH;
      const sales = tallyAt(acc, base + SALES);
      return {
        agentId,
        sales,
        commissionable: rules.deductRefunds ? sales.net : sales.gross,
        breakdown: {
          ownPlaceOwnPay: tallyAt(acc, base + BREAKDOWN + 3 * OWN_OWN),
          ownPlaceOtherPay: tallyAt(acc, base + BREAKDOWN + 3 * OWN_OTHER),
          otherPlaceOwnPay: tallyAt(acc, base + BREAKDOWN + 3 * OTHER_OWN),
          silentOrderOwnPay: tallyAt(acc, base + BREAKDOWN + 3 * SILENT_OWN),
        },
        addressChecks: acc[base + ADDRESS]!,
      };
    });

  // Per-order explanations are built on first access of `result.orders` (a getter), from compact
  // columns: a caller of a million-order month who needs the totals does not pay ~100 MB for them.
  const place = matches.place;
  const pay = matches.pay;
  const conIndex = cons.index;
  const conAgent = cons.agent;
  const agentIds = agents.ids;
  const inputOrders = input.orders;
  const explain = (): AttributedOrder[] => {
    const attributed: AttributedOrder[] = new Array(inputOrders.length);
    for (let i = 0; i < attributed.length; i++) {
      const placeCon = place[i]!;
      const payCon = pay[i]!;
      const who = credited[i]!;
      const placeId = placeCon >= 0 ? consultations[conIndex[placeCon]!]!.consultationId : null;
      attributed[i] = {
        orderId: inputOrders[i]!.orderId,
        status: STATUS[status[i]!]!,
        booked: booked[i] === 1,
        placeAgent: placeCon >= 0 ? agentIds[conAgent[placeCon]!]! : null,
        placeConsultationId: placeId,
        payAgent: payCon >= 0 ? agentIds[conAgent[payCon]!]! : null,
        payConsultationId: payCon < 0 ? null : payCon === placeCon ? placeId : consultations[conIndex[payCon]!]!.consultationId,
        creditedAgent: who >= 0 ? agentIds[who]! : null,
        creditedBy: CREDITED_BY[creditedBy[i]!]!,
      };
    }
    return attributed;
  };

  const result: Omit<SalesAttribution, "orders"> = {
    policy: rules,
    period: period
      ? { label: period.label, start: formatInstant(period.start, zone), end: formatInstant(period.end, zone) }
      : null,
    shop: {
      sales: tallyAt(shop, 3 * PAID),
      credited: tallyAt(shop, 3 * CREDITED),
      silent: tallyAt(shop, 3 * SILENT),
      uncredited: tallyAt(shop, 3 * UNCREDITED),
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
  let explained: readonly AttributedOrder[] | undefined;
  return Object.defineProperty(result, "orders", {
    enumerable: true,
    get: () => (explained ??= explain()),
  }) as SalesAttribution;
}

/** {@link attributeSales} returning `{ success, data | issues }` instead of throwing. */
export function safeAttributeSales(
  input: SalesInput,
  policy?: PolicyInput | Policy,
  options?: AttributeOptions,
): SafeResult<SalesAttribution> {
  return safely(() => attributeSales(input, policy, options));
}

function rosterOf(agents: readonly { readonly agentId: string }[], issues: IssueList): Set<string> {
  const roster = new Set<string>();
  agents.forEach((agent, i) => {
    const id = agent?.agentId;
    if (typeof id !== "string" || id.length === 0) {
      issues.add({ code: IssueCode.missingField, path: ["agents", i, "agentId"], message: "is missing; expected the agent's 工号" });
    } else if (roster.has(id)) {
      issues.add({ code: IssueCode.duplicateId, path: ["agents", i, "agentId"], message: `"${id}" appears more than once`, recordId: `agentId "${id}"` });
    } else roster.add(id);
  });
  return roster;
}

function isAbsentMoney(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function newTallies(count: number): Float64Array {
  return new Float64Array(3 * count);
}

function add(acc: Float64Array, at: number, gross: number, refund: number): void {
  acc[at]!++;
  acc[at + 1]! += gross;
  acc[at + 2]! += refund;
}

function tallyAt(acc: Float64Array, at: number): Tally {
  const gross = acc[at + 1]!;
  const refunds = acc[at + 2]!;
  return { orders: acc[at]!, gross: formatFen(gross), refunds: formatFen(refunds), net: formatFen(gross - refunds) };
}
