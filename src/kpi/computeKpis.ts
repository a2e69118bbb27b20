import { IssueCode, IssueList, KefuKpiError, safely, type SafeResult } from "../errors.js";
import { checkInput, checkOptions, checkRecords, OPTION_FORMS, readTextOption, textsOption } from "../input.js";
import { resolvePolicy } from "../policy/resolve.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { formatInstant, parsePeriod, parseTimeOfDay, type Period } from "../time/period.js";
import { type Zone, zoneOf } from "../time/zone.js";
import { finalizeState } from "./finalize.js";
import { checkKpiState, collectState, type KpiState } from "./state.js";
import type { KpiAgentLike, KpiInput, KpiResult } from "./types.js";

export interface KpiOptions {
  /** The period: `2020-02-21` (a business day), `2020-W08` (ISO week), `2020-02` (month) or
   * `2020-02-01..2020-02-15` (inclusive dates), cut in the policy's zone at its business-day cut-over. */
  readonly period: string;
  /** Agents to list even when no record of the period names them (their counts are 0, their rates `null`). */
  readonly listAgents?: readonly string[];
}

/** The kinds of record a KPI call reads. */
export const KPI_INPUT_KINDS = ["agents", "consultations", "orders", "credits", "tickets", "afterSales", "reviews", "qc", "calls"] as const;

/**
 * Resolves the policy, zone, cut-over and period of a KPI call, and its agents to list; bad
 * options (a missing or bad period) are issues.
 */
export function kpiContext(
  policy: PolicyInput | Policy | undefined,
  options: unknown,
): { policy: Policy; zone: Zone; cutover: number; period: Period; listAgents: readonly string[] } {
  const opts = checkOptions(options, ["period", "listAgents"]);
  if (opts["period"] === undefined) {
    throw new KefuKpiError([{ code: IssueCode.missingField, path: ["options", "period"], message: `is missing; expected ${OPTION_FORMS.period}` }]);
  }
  const listAgents = textsOption(opts, "listAgents") ?? [];
  const resolved = resolvePolicy(policy);
  const zone = zoneOf(resolved);
  const cutover = parseTimeOfDay(resolved.businessDayStartsAt);
  const period = readTextOption(opts, "period", (label) => parsePeriod(label, zone, cutover))!;
  return { policy: resolved, zone, cutover, period, listAgents };
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
export function collectKpiState(input: KpiInput, policy: PolicyInput | Policy | undefined, options: KpiOptions): KpiState {
  checkInput(input, KPI_INPUT_KINDS);
  const ctx = kpiContext(policy, options);
  return collectState(input, ctx.policy, ctx.period, ctx.zone, ctx.cutover);
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
 * Computes every metric of DOMAIN.md R2 (and the figures beside it) per agent and for the shop
 * over a period.
 *
 * @param input - consultations, orders, R1 credits, tickets, after-sales, reviews, QC, calls; a kind
 *   left out means "no such data": its metrics are `null` with status `noData`
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
export function computeKpis(input: KpiInput, policy: PolicyInput | Policy | undefined, options: KpiOptions): KpiResult {
  checkInput(input, KPI_INPUT_KINDS);
  const ctx = kpiContext(policy, options);
  const state = collectState(input, ctx.policy, ctx.period, ctx.zone, ctx.cutover);
  const table = finalizeState(state, ctx.policy, input.agents ?? [], ctx.listAgents);
  return {
    period: { label: ctx.period.label, start: formatInstant(ctx.period.start, ctx.zone), end: formatInstant(ctx.period.end, ctx.zone) },
    ...table,
  };
}

/** {@link computeKpis} returning `{ success, data | issues }` instead of throwing. */
export function safeComputeKpis(input: KpiInput, policy: PolicyInput | Policy | undefined, options: KpiOptions): SafeResult<KpiResult> {
  return safely(() => computeKpis(input, policy, options));
}

/** {@link collectKpiState} returning `{ success, data | issues }` instead of throwing. */
export function safeCollectKpiState(input: KpiInput, policy: PolicyInput | Policy | undefined, options: KpiOptions): SafeResult<KpiState> {
  return safely(() => collectKpiState(input, policy, options));
}
