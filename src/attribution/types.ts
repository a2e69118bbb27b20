import type { AttributionPolicy } from "../policy/schema.js";
import type { FlagColour } from "../policy/flags.js";

/** Classification of an order (R1). */
export type OrderStatus = "unpaid" | "assisted" | "silent-order" | "fully-silent";

/** Which rule gave the credit: the chat's placeAgent or payAgent, or the order remark. */
export type CreditedBy = "placeAgent" | "payAgent" | "remark";

/** A count of orders with their money (decimal strings, CNY). */
export interface Tally {
  readonly orders: number;
  /** What the buyers paid, before refunds. */
  readonly gross: string;
  readonly refunds: string;
  /** gross − refunds. */
  readonly net: string;
}

/** How one order was attributed; `orders[i]` of the result explains `input.orders[i]`. */
export interface AttributedOrder {
  readonly orderId: string;
  readonly status: OrderStatus;
  /** Paid within the requested period (always true for paid orders when no period is given). */
  readonly booked: boolean;
  /** 落实下单客服 and the consultation that made it. */
  readonly placeAgent: string | null;
  readonly placeConsultationId: string | null;
  /** 落实付款客服 and the consultation that made it. */
  readonly payAgent: string | null;
  readonly payConsultationId: string | null;
  /** Who the sale counts for, and by which rule; null when nobody (silent or left uncredited). */
  readonly creditedAgent: string | null;
  readonly creditedBy: CreditedBy | null;
  /** The remark's flag (备注小旗), or null. */
  readonly flag: FlagColour | null;
  /** The flag is one of the policy's `attribution.excludeFlags`: the order counts for no agent. */
  readonly excluded: boolean;
  /**
   * A fully silent order that a bot (店小蜜, an agent of group bot) served as R1 would have an
   * agent serve it (before placing or before paying, within the window): that consultation.
   * No agent's commission: the order is fully silent all the same. Null otherwise.
   */
  readonly botConsultationId: string | null;
}

/** The 赤兔-style breakdown of an agent's orders by who placed and who paid. */
export interface AgentBreakdown {
  /** placeAgent and payAgent are both this agent. */
  readonly ownPlaceOwnPay: Tally;
  /** placeAgent is this agent; payAgent is another agent or nobody. */
  readonly ownPlaceOtherPay: Tally;
  /** placeAgent is another agent; payAgent is this agent. */
  readonly otherPlaceOwnPay: Tally;
  /** No placeAgent (silent order); payAgent is this agent. */
  readonly silentOrderOwnPay: Tally;
}

/** One agent's attributed sales over the period. */
export interface AgentSales {
  readonly agentId: string;
  /** Orders credited to this agent. */
  readonly sales: Tally;
  /** The commission base: `sales.net` when refunds are deducted, else `sales.gross`. */
  readonly commissionable: string;
  readonly breakdown: AgentBreakdown;
  /** 核对地址: paid orders, not fully silent, whose payAgent is this agent. */
  readonly addressChecks: number;
}

/** The shop's side: every paid order booked is in exactly one of credited / silent / uncredited / excluded. */
export interface ShopSales {
  /** All paid orders booked in the period. */
  readonly sales: Tally;
  /** Credited to an agent. */
  readonly credited: Tally;
  /** Fully silent orders (no service before placing nor paying) that nobody is credited with. */
  readonly silent: Tally;
  /** Served orders the credit rule leaves to nobody (e.g. silent orders under `place`, unremarked
   * orders under `remark`). Always empty under `placeFirst` with the chat source. */
  readonly uncredited: Tally;
  /** Orders whose remark flag the policy excludes (`attribution.excludeFlags`, e.g. 补单): no agent's,
   * whoever served them (a fully silent order with such a flag is here too, not in `silent`). */
  readonly excluded: Tally;
  /** Of the silent orders, those a bot (店小蜜) served as R1 would have an agent serve them: no agent's sale, the bots' own line. */
  readonly botServed: Tally;
  /** The same paid orders by classification. */
  readonly byStatus: {
    readonly assisted: Tally;
    readonly silentOrder: Tally;
    readonly fullySilent: Tally;
  };
  /** Orders in the input that were never paid. */
  readonly unpaidOrders: number;
  /** Paid orders outside the period (not booked here). */
  readonly paidOutsidePeriod: number;
  /** Booked orders without a buyer id: they cannot be linked to chats, so they are fully silent. */
  readonly unlinkedOrders: number;
}

/** The result of `attributeSales`. */
export interface SalesAttribution {
  readonly policy: AttributionPolicy;
  /** The period sales were booked in (by `paidAt`), or null for all paid orders. */
  readonly period: { readonly label: string; readonly start: string; readonly end: string } | null;
  readonly shop: ShopSales;
  /** Every agent of the roster (or seen in the data), by agentId. */
  readonly agents: readonly AgentSales[];
  /** Parallel to the input orders. Built on first access (an enumerable getter, so JSON, spreads
   * and deep equality see a plain array): totals of a million-order month cost no explanations. */
  readonly orders: readonly AttributedOrder[];
}
