import { IssueCode, IssueList, KefuKpiError, safely, type SafeResult } from "../errors.js";
import { OPTION_FORMS, checkOptions, checkRecords, textsOption } from "../input.js";
import { periodOption } from "../records/options.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { isDecodedMonth, monthFor, type DecodedMonth } from "../records/month.js";
import { TextColumn } from "../records/textColumn.js";
import { formatInstant, type Period } from "../time/period.js";
import { finalizeState } from "./finalize.js";
import { collectState } from "./collect.js";
import { checkKpiState, type KpiState } from "./state.js";
import type { KpiAgentLike, KpiInput, KpiResult } from "./types.js";
import { resolvePolicy } from "../policy/resolve.js";

export interface KpiOptions {
  /** The period: `2020-02-21` (a business day), `2020-W08` (ISO week), `2020-02` (month) or
   * `2020-02-01..2020-02-15` (inclusive dates), cut in the policy's zone at its business-day cut-over. */
  readonly period: string;
  /** Agents to list even when no record of the period names them (their counts are 0, their rates `null`). */
  readonly listAgents?: readonly string[];
  /**
   * With a decoded month (which holds records only): the credited agent of each order by
   * attribution, as `KpiInput.credits` gives it for records.
   */
  readonly credits?: KpiInput["credits"];
}

/** The kinds the KPIs read. */
export const KPI_RECORD_KINDS = ["agents", "consultations", "orders", "tickets", "afterSales", "reviews", "qc", "calls", "shopReviews"] as const;

/** The period of a KPI call, cut in the month's zone, and the agents to list; bad options are issues at `options…`. */
export function kpiPeriod(month: DecodedMonth, options: unknown): Period {
  return kpiOptions(month, options).period;
}

/** The options of a KPI call read: the period (required) and the agents to list. */
export function kpiOptions(month: DecodedMonth, options: unknown): { period: Period; listAgents: readonly string[] } {
  const opts = checkOptions(options, ["period", "listAgents", "credits"]);
  if (opts["period"] === undefined) {
    throw new KefuKpiError([{ code: IssueCode.missingField, path: ["options", "period"], message: `is missing; expected ${OPTION_FORMS.period}` }]);
  }
  const period = periodOption(month, opts)!;
  return { period, listAgents: textsOption(opts, "listAgents") ?? [] };
}

/**
 * The decoded month of a KPI call and the credits of its orders: the credits given as data (the
 * credited agent of each order, by attribution) become agent numbers by order.
 */
export function kpiMonth(input: KpiInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options?: unknown): { month: DecodedMonth; credits: Int32Array | null } {
  const fromOptions = typeof options === "object" && options !== null ? (options as { credits?: unknown }).credits : undefined;
  const given = typeof input === "object" && input !== null && !isDecodedMonth(input) ? ((input as { credits?: unknown }).credits ?? fromOptions) : fromOptions;
  let credits: Int32Array | null = null;
  const month = monthFor(input, policy, KPI_RECORD_KINDS, {
    extra: ["credits"],
    check: (partial, issues) => {
      if (given !== undefined) credits = creditsOf(partial, given, issues);
    },
  });
  if (given !== undefined && credits === null) {
    // A decoded month: its credits are checked now.
    const issues = new IssueList();
    credits = creditsOf(month, given, issues);
    issues.throwIfAny();
  }
  return { month, credits };
}

// Credits are usually parallel to the orders (as attribution returns them): then the order is
// found by position; otherwise by id.
function creditsOf(month: DecodedMonth, credits: unknown, issues: IssueList): Int32Array {
  const orders = month.tables.orders;
  const ids = orders?.columns.orderId ?? TextColumn.EMPTY;
  const out = new Int32Array(ids.length).fill(-1);
  if (!Array.isArray(credits)) {
    issues.add({ code: IssueCode.invalidType, path: ["credits"], message: "is not a list; expected an array of { orderId, agentId }" });
    return out;
  }
  let byId: Map<string, number> | null = null;
  credits.forEach((c: unknown, i) => {
    const id = typeof c === "object" && c !== null ? (c as { orderId?: unknown }).orderId : undefined;
    const agentId = typeof c === "object" && c !== null ? (c as { agentId?: unknown }).agentId : undefined;
    let at = typeof id === "string" && ids.at(i) === id ? i : -1;
    if (at < 0 && typeof id === "string") {
      byId ??= new Map(ids.toArray().map((o, k) => [o, k]));
      at = byId.get(id) ?? -1;
    }
    if (at < 0) {
      issues.add({ code: IssueCode.invalidValue, path: ["credits", i, "orderId"], message: `${JSON.stringify(id) ?? "undefined"} is not an order of the input` });
      return;
    }
    if (agentId === null) return;
    if (typeof agentId !== "string" || agentId === "") {
      issues.add({ code: IssueCode.missingField, path: ["credits", i, "agentId"], message: "is missing; expected the credited agent's 工号 or null" });
      return;
    }
    const n = month.agents.number(agentId);
    if (n < 0) issues.add({ code: IssueCode.unknownAgent, path: ["credits", i, "agentId"], message: `"${agentId}" is not in the agents list` });
    else out[at] = n;
  });
  return out;
}

/**
 * Collects the mergeable state of one period (see `state.ts`): apps may collect one day at a time
 * and merge the days with {@link mergeKpiStates}, or merge shards; {@link finalizeKpis} turns a
 * state into the metric table.
 *
 * Which instant places a record in the period: a consultation its `startedAt`; an order its
 * `createdAt` (for ordering buyers) and its `paidAt` (for paying buyers and sales); a ticket its
 * `createdAt`; an after-sales request its `appliedAt` (review time, satisfaction) and its
 * `refundedAt` (refunded amount); a review, a QC inspection and a call their `at`.
 *
 * @throws {KefuKpiError} listing every invalid record and field
 */
export function collectKpiState(input: KpiInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: KpiOptions): KpiState {
  const { month, credits } = kpiMonth(input, policy, options);
  return collectState(month, kpiPeriod(month, options), credits);
}

/** Turns a state into the metric table, per agent (sorted by agentId) and for the shop. */
export function finalizeKpis(
  state: KpiState,
  policy?: PolicyInput | Policy,
  options: { readonly agents?: readonly KpiAgentLike[]; readonly listAgents?: readonly string[] } = {},
): Omit<KpiResult, "period"> {
  checkKpiState(state, "state");
  const opts = checkOptions(options, ["agents", "listAgents"]);
  const issues = new IssueList();
  if (opts["agents"] !== undefined) checkRecords("agents", opts["agents"], issues);
  issues.throwIfAny();
  const listAgents = textsOption(opts, "listAgents") ?? [];
  return finalizeState(state, resolvePolicy(policy), options.agents ?? [], listAgents);
}

/**
 * Computes every KPI metric (and the figures beside it) per agent and for the shop over a period.
 *
 * @param input - consultations, orders, R1 credits, tickets, after-sales, reviews, QC, calls (or a
 *   month decoded by `decodeMonth`); a kind left out means "no such data": its metrics are `null`
 *   with status `noData`
 * @param policy - a policy or any part of one
 * @param options - the period
 * @returns the metric table: each value a decimal string with its numerator, denominator and reason
 * @throws {KefuKpiError} listing every invalid record and field
 * @example
 * const r = computeKpis({ consultations: [{ consultationId: "C1", agentId: "A1", buyerId: "b1",
 *   startedAt: "2020-02-21 09:00:00", firstReplyAt: "2020-02-21 09:00:20", endedAt: "2020-02-21 09:10:00" }] },
 *   {}, { period: "2020-02-21" })
 * r.agents[0].kpis.avgFirstResponseSeconds.value //=> "20.00"
 * r.agents[0].kpis.goodReviewRate.status //=> "noData" (no reviews given)
 */
export function computeKpis(input: KpiInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: KpiOptions): KpiResult {
  const { month, credits } = kpiMonth(input, policy, options);
  return kpisOfMonth(month, credits, options);
}

/** {@link computeKpis} of a decoded month, with the credits by order number. */
export function kpisOfMonth(month: DecodedMonth, credits: Int32Array | null, options: KpiOptions): KpiResult {
  const { period, listAgents } = kpiOptions(month, options);
  const state = collectState(month, period, credits);
  const table = finalizeState(state, month.policy, rosterOf(month), listAgents);
  return {
    period: { label: period.label, start: formatInstant(period.start, month.zone), end: formatInstant(period.end, month.zone) },
    ...table,
  };
}

/** The month's agents as the KPIs see them (group and probation end). */
export function rosterOf(month: DecodedMonth): KpiAgentLike[] {
  const agents = month.tables.agents;
  if (agents === undefined) return [];
  const groups = ["presale", "insale", "aftersale"] as const;
  const c = agents.columns;
  return c.agentId.toArray().map((agentId, i) => ({ agentId, group: c.group[i]! >= 0 ? groups[c.group[i]!]! : null }));
}

/** {@link computeKpis} returning `{ success, data | issues }` instead of throwing. */
export function safeComputeKpis(input: KpiInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: KpiOptions): SafeResult<KpiResult> {
  return safely(() => computeKpis(input, policy, options));
}

/** {@link collectKpiState} returning `{ success, data | issues }` instead of throwing. */
export function safeCollectKpiState(input: KpiInput | DecodedMonth, policy: PolicyInput | Policy | undefined, options: KpiOptions): SafeResult<KpiState> {
  return safely(() => collectKpiState(input, policy, options));
}
