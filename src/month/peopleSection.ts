/**
 * The people rules of a month (R3 grades, R4 discipline and rewards, R6 roster and the R1 duties),
 * joined here from their rule families for the month report. The duties get each order's payAgent
 * from the month's sales attribution as plain data.
 */
import type { SalesAttribution } from "../attribution/types.js";
import { evaluateDiscipline } from "../discipline/evaluateDiscipline.js";
import { evaluateRewards } from "../discipline/evaluateRewards.js";
import { KefuKpiError, type Issue } from "../errors.js";
import { evaluateGrades } from "../grading/evaluateGrades.js";
import { rankAgents } from "../grading/rankAgents.js";
import type { Policy } from "../policy/schema.js";
import { assignDuties, type DutyOrder } from "../roster/assignDuties.js";
import { checkRoster } from "../roster/checkRoster.js";
import type { Agent } from "../schema/records.js";
import { daysInMonth, parseInstant } from "../time/parse.js";
import { businessDayNumber, dateOfDayNumber, dayNumberOfDate, formatInstant, monthPeriod, parseTimeOfDay } from "../time/period.js";
import { zoneOf } from "../time/zone.js";
import { employmentOf, onProbationDuring, type Employment } from "./employment.js";
import type { PeopleReport } from "./peopleSchema.js";

/** The input kinds of the people rules (rows as read; validated by their rule families). */
export interface PeopleInput {
  readonly violations?: readonly unknown[];
  readonly rewards?: readonly unknown[];
  readonly assessments?: readonly unknown[];
  readonly probation?: readonly unknown[];
  readonly scores?: readonly unknown[];
  readonly roster?: readonly unknown[];
  readonly returnedParcels?: readonly unknown[];
  readonly shopReviews?: readonly unknown[];
}

/** The people section, with what the other sections read from it. */
export interface PeopleSection {
  readonly report: PeopleReport;
  /** Each agent of the agents file's employment: the dismissal that counts (the earlier of the two). */
  readonly employment: ReadonlyMap<string, Employment>;
  /** Agents on probation during the month (not regularized for all of it): no KPI bonus, not ranked. */
  readonly onProbation: ReadonlyMap<string, string>;
  /** What the reader must know (roster days after a dismissal, scores not ranked). */
  readonly warnings: readonly string[];
}

/**
 * Computes the people section of the month report. Problems of every kind are gathered and thrown
 * together, so one run names all the bad rows.
 */
export function peopleSection(
  input: PeopleInput & { readonly orders?: readonly { readonly orderId: string; readonly createdAt: string; readonly paidAt?: string | null | undefined; readonly amount: string | number }[] },
  agents: readonly Agent[] | undefined,
  policy: Policy,
  month: string,
  sales: SalesAttribution,
): PeopleSection {
  const asOf = `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, "0")}`;
  // The problems are listed by kind (scores, violations, …), whatever order the rules run in.
  const FAMILIES = ["ranking", "discipline", "grades", "rewards", "roster", "duties"] as const;
  const found = new Map<(typeof FAMILIES)[number], readonly Issue[]>();
  const attempt = <T>(family: (typeof FAMILIES)[number], fn: () => T): T | null => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof KefuKpiError) {
        found.set(family, error.issues);
        return null;
      }
      throw error;
    }
  };
  const staff = agents === undefined ? {} : { agents };
  const zone = zoneOf(policy);
  const cutover = parseTimeOfDay(policy.businessDayStartsAt);
  const period = monthPeriod(month, zone, cutover);
  const dayOf = (ms: number): number => businessDayNumber(ms, zone, cutover);
  const discipline = attempt("discipline", () => evaluateDiscipline({ ...staff, violations: input.violations ?? [] }, policy, { month }));
  // A dismissal by the penalty ladder (R4) ends the agent's standing (R3) as one in the agents file
  // does; the earlier of the two counts, in every section.
  const byLadder = new Map(
    (discipline?.agents ?? []).filter((a) => a.dismissedBy !== null && a.dismissedAt !== null).map((a) => [a.agentId, { ms: parseInstant(a.dismissedAt, zone), by: a.dismissedBy }]),
  );
  const employment = new Map(
    (agents ?? []).map((a) => [a.agentId, employmentOf(parseInstant(a.hiredAt, zone), parseInstant(a.dismissedAt, zone), byLadder.get(a.agentId), dayOf)]),
  );
  const graded = agents?.map((a) => {
    const e = employment.get(a.agentId)!;
    return e.dismissedBy === null ? a : { ...a, dismissedAt: formatInstant(e.dismissedMs, zone) };
  });
  const standings =
    graded === undefined
      ? []
      : attempt("grades", () => evaluateGrades({ agents: graded, scores: input.scores ?? [], assessments: input.assessments ?? [], probation: input.probation ?? [] }, policy, { asOf, throughMonth: month }));
  // 末位淘汰 ranks the agents who can be eliminated: not those on probation during the month, nor
  // those dismissed by its end or hired after it.
  const byId = new Map((agents ?? []).map((a) => [a.agentId, a]));
  const onProbation = new Map<string, string>();
  for (const s of standings ?? []) {
    if (onProbationDuring(s.probation.status, parseInstant(byId.get(s.agentId)?.probationEndsAt, zone), period.start)) {
      onProbation.set(s.agentId, probationReason(s.probation.status, s.probation.endsOn));
    }
  }
  const lastDay = dayOf(period.end) - 1;
  const hiredAfter = (e: Employment): boolean => e.fromDay !== null && e.fromDay > lastDay;
  const gone = [...employment].filter(([, e]) => e.dismissedMs < period.end || hiredAfter(e)).map(([id]) => id);
  const ranking = attempt("ranking", () => rankAgents(input.scores ?? [], policy, { month, exclude: [...onProbation.keys(), ...gone] }));
  const rewards = attempt("rewards", () => evaluateRewards({ ...staff, rewards: input.rewards ?? [] }, policy, { month }));
  const roster = input.roster === undefined ? null : attempt("roster", () => checkRoster({ ...staff, roster: input.roster! }, policy, month));
  const orders: DutyOrder[] = [];
  sales.orders.forEach((o, i) => {
    const source = input.orders?.[i];
    if (source) orders.push({ orderId: source.orderId, createdAt: source.createdAt, paidAt: source.paidAt, amount: source.amount, payAgent: o.booked ? o.payAgent : null });
  });
  // A rostered day after the agent's dismissal owns no duties.
  const warnings: string[] = [];
  const dutyRoster = rosterWhileEmployed(input.roster ?? [], employment, (ms) => formatInstant(ms, zone), warnings);
  const duties = attempt("duties", () =>
    assignDuties(
      { ...staff, roster: dutyRoster, orders, returnedParcels: input.returnedParcels ?? [], shopReviews: input.shopReviews ?? [] },
      policy,
      { period: month },
    ),
  );
  // The scores are checked by the grades and by the ranking: name each problem once.
  const seen = new Set<string>();
  const unique = FAMILIES.flatMap((f) => found.get(f) ?? []).filter((i) => {
    const key = `${i.code}\u0000${i.path.join("\u0000")}\u0000${i.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  if (unique.length > 0) throw new KefuKpiError(unique);
  const ranked = new Set(ranking!.ranking.map((r) => r.agentId));
  const report = {
    asOf,
    standings: standings!,
    ranking: { ...ranking!, unranked: (agents ?? []).map((a) => a.agentId).filter((id) => !ranked.has(id)).sort() },
    discipline: { window: discipline!.window, lines: discipline!.lines, agents: discipline!.agents },
    rewards: rewards!,
    fund: discipline!.fund,
    roster,
    duties: {
      agents: duties!.agents,
      system: duties!.system,
      unowned: duties!.unowned,
      items: duties!.duties.filter((d) => d.kind !== "addressCheck"),
    },
  };
  // By agentId, whatever the order of the scores rows (one row per agent and month: repeats are errors).
  const unrankedRows = (input.scores ?? [])
    .map((row) => row as { agentId?: unknown; month?: unknown; score?: unknown })
    .filter((r): r is { agentId: string; month: unknown; score: unknown } => r.month === month && typeof r.agentId === "string")
    .sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  for (const r of unrankedRows) {
    if (ranked.has(r.agentId) || !employment.has(r.agentId)) continue;
    const probation = onProbation.get(r.agentId);
    const e = employment.get(r.agentId)!;
    if (probation !== undefined) {
      warnings.push(`scores: ${r.agentId}'s ${month} score ${String(r.score)} earns no KPI bonus and is not ranked (末位淘汰): ${r.agentId} is ${probation}, so ${month} is a probation month`);
    } else if (e.dismissedMs < period.end) {
      warnings.push(`scores: ${r.agentId}'s ${month} score ${String(r.score)} is not ranked (末位淘汰): ${r.agentId} was dismissed on ${formatInstant(e.dismissedMs, zone)}`);
    } else if (hiredAfter(e)) {
      warnings.push(`scores: ${r.agentId}'s ${month} score ${String(r.score)} is not ranked (末位淘汰): ${r.agentId} was hired on ${dateOfDayNumber(e.fromDay!)}, after ${month}`);
    }
  }
  // The rule families return readonly structures; the report's schema type is their mutable twin.
  return { report: report as PeopleReport, employment, onProbation, warnings };
}

function probationReason(status: string, endsOn: string | null): string {
  if (status === "failed") return "not regularized (the probation evaluation failed)";
  if (status === "evaluationIncomplete") return "not regularized (the probation evaluation is incomplete)";
  return `on probation until ${endsOn ?? "—"}`;
}

/**
 * The roster rows of days the agent is employed on: a row of an agent of the agents file dated
 * after the agent's dismissal day is left out (and named in a warning). Rows that are not
 * well-formed stay, for the roster's own checks to name.
 */
function rosterWhileEmployed(
  roster: readonly unknown[],
  employment: ReadonlyMap<string, Employment>,
  formatMs: (ms: number) => string,
  warnings: string[],
): unknown[] {
  const after = new Map<string, string[]>();
  const kept = roster.filter((row) => {
    const r = row as { agentId?: unknown; date?: unknown; shift?: unknown } | null;
    if (typeof r?.agentId !== "string" || typeof r.date !== "string" || r.shift === "off" || !/^\d{4}-\d{2}-\d{2}$/.test(r.date)) return true;
    const e = employment.get(r.agentId);
    if (e === undefined || e.throughDay === null || dayNumberOfDate(r.date) <= e.throughDay) return true;
    after.set(r.agentId, [...(after.get(r.agentId) ?? []), r.date]);
    return false;
  });
  for (const [agentId, dates] of [...after].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    dates.sort();
    warnings.push(
      `roster: ${agentId} is rostered on ${dates.join(", ")}, after the dismissal on ${formatMs(employment.get(agentId)!.dismissedMs)}: those days own no duties`,
    );
  }
  return kept;
}
