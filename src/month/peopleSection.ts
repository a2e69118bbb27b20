/**
 * The people rules of a month (R3 grades, R4 discipline and rewards, R6 roster and the R1 duties),
 * joined here from their rule families for the month report, all computed from the decoded month.
 * The duties get each order's payAgent from the month's sales attribution as data.
 */
import { monthOf } from "../records/options.js";
import { byAgentId } from "../compare.js";
import type { SalesCredits } from "../attribution/attributeSales.js";
import { disciplineOfMonth } from "../discipline/evaluateDiscipline.js";
import { rewardsOfMonth } from "../discipline/evaluateRewards.js";
import { IssueList, KefuKpiError } from "../errors.js";
import { gradesOfMonth } from "../grading/evaluateGrades.js";
import { formatScore } from "../grading/evaluateProbation.js";
import { rankOfMonth } from "../grading/rankAgents.js";
import { throwInMonthOrder, type DecodedMonth } from "../records/month.js";
import { dutiesOfMonth } from "../roster/assignDuties.js";
import { eachOnce, readOnce, readSelected, withLazy } from "../lazy.js";
import { rosterOfMonth } from "../roster/checkRoster.js";
import { daysInMonth } from "../time/parse.js";
import { businessDayNumber, dateOfDayNumber, formatInstant } from "../time/period.js";
import { employmentOfMonth, onProbationDuring, rosterAfterDismissal, type Employment } from "./employment.js";
import type { PeopleReport } from "../report/peopleSchema.js";
import { int32s } from "../memory.js";

/** The input kinds of the people rules (records as given; decoded with the month). */
export interface PeopleInput {
  readonly violations?: readonly unknown[];
  readonly rewards?: readonly unknown[];
  readonly assessments?: readonly unknown[];
  readonly probation?: readonly unknown[];
  readonly scores?: readonly unknown[];
  readonly roster?: readonly unknown[];
  readonly returnedParcels?: readonly unknown[];
  readonly shopReviews?: readonly unknown[];
  /** The buyers' complaints: the upheld ones step the penalty ladder (`discipline.complaintRule`). */
  readonly complaints?: readonly unknown[];
  /** Sign-ins and sign-outs (考勤): against the roster, late, leaving early and absent step the ladders (`discipline.attendance`). */
  readonly attendance?: readonly unknown[];
}

/** The people section, with what the other sections read from it. */
export interface PeopleSection {
  readonly report: PeopleReport;
  /** Each agent of the agents file's employment: the dismissal that counts (the earlier of the two). */
  readonly employment: ReadonlyMap<string, Employment>;
  /** Agents on probation during the month (not regularized for all of it): no KPI bonus, not ranked. */
  readonly onProbation: ReadonlyMap<string, string>;
  /** The business day of each reward line (parallel to `report.rewards.lines`). */
  readonly rewardDays: readonly number[];
  /** What the reader must know (roster days after a dismissal, scores not ranked). */
  readonly warnings: readonly string[];
}

/**
 * Computes the people section of the month report. Problems of every kind are gathered and thrown
 * together, so one run names all the bad rows.
 *
 * @param month - the decoded month; its scores hold this month's scorecard scores too (see buildMonthReport)
 * @param label - the month, `YYYY-MM`
 * @param credits - the sales attribution of the month's orders (each order's payAgent and placeAgent, and whether it is booked)
 * @param scoreText - each agent's score of the month as the report shows it
 */
export function peopleSection(month: DecodedMonth, label: string, credits: SalesCredits, scoreText: ReadonlyMap<string, string | null>): PeopleSection {
  const asOf = `${label}-${String(daysInMonth(Number(label.slice(0, 4)), Number(label.slice(5, 7)))).padStart(2, "0")}`;
  const found = new IssueList(Infinity);
  const attempt = <T>(fn: () => T): T | null => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof KefuKpiError) {
        for (const issue of error.issues) found.add(issue);
        return null;
      }
      throw error;
    }
  };
  const { zone, cutover } = month;
  const ids = month.agents.ids;
  const agents = month.tables.agents;
  const period = monthOf(month, label);
  const dayOf = (ms: number): number => businessDayNumber(ms, zone, cutover);
  const discipline = attempt(() => disciplineOfMonth(month, { month: label }));
  // A dismissal by the penalty ladder (R4) ends the agent's standing (R3) as one in the agents file
  // does; the earlier of the two counts, in every section.
  const byNumber = employmentOfMonth(month, discipline?.dismissals);
  const employment = new Map([...byNumber].map(([a, e]) => [ids[a]!, e]));
  const laterDismissal = new Map([...byNumber].filter(([, e]) => e.dismissedBy !== null).map(([a, e]) => [a, e.dismissedMs]));
  const standings = agents === undefined ? [] : attempt(() => gradesOfMonth(month, { asOf, throughMonth: label }, laterDismissal));
  // 末位淘汰 ranks the agents who can be eliminated: not those on probation during the month, nor
  // those dismissed by its end or hired after it.
  const onProbation = new Map<string, string>();
  for (const s of standings ?? []) {
    const row = month.agents.find(s.agentId)!;
    if (onProbationDuring(s.probation.status, agents!.columns.probationEndsAt[row]!, period.start)) {
      onProbation.set(s.agentId, probationReason(s.probation.status, s.probation.endsOn));
    }
  }
  const lastDay = dayOf(period.end) - 1;
  const hiredAfter = (e: Employment): boolean => e.fromDay !== null && e.fromDay > lastDay;
  const gone = [...employment].filter(([, e]) => e.dismissedMs < period.end || hiredAfter(e)).map(([id]) => id);
  const ranking = attempt(() => rankOfMonth(month, { month: label, exclude: [...onProbation.keys(), ...gone] }));
  const rewards = attempt(() => rewardsOfMonth(month, { month: label }));
  // A rostered day after the agent's dismissal owns no duties, and nobody is on shift.
  const warnings: string[] = [];
  const skipRoster = rosterAfterDismissal(month, byNumber, (ms) => formatInstant(ms, zone), warnings);
  const roster = month.tables.roster === undefined ? null : attempt(() => rosterOfMonth(month, label, skipRoster));
  // The duties own the address checks of the booked orders, by their payAgent.
  const payAgent = int32s(credits.payAgent.length).fill(-1);
  for (let i = 0; i < payAgent.length; i++) if (credits.booked[i] === 1) payAgent[i] = credits.payAgent[i]!;
  // The human payment reminders may go to the buyer's agent (duties.paymentReminder.owner): each order's placeAgent.
  const duties = attempt(() => dutiesOfMonth(month, { period: label }, { payAgent, placeAgent: credits.placeAgent, skipRoster, countAddressChecks: true }));
  // Several families check the same rows (the scores, the roster): name each problem once.
  if (found.size > 0) {
    const seen = new Set<string>();
    const unique = new IssueList(Infinity);
    for (const i of found.items) {
      const key = `${i.code}\u0000${i.path.join("\u0000")}\u0000${i.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      unique.add(i);
    }
    throwInMonthOrder(unique);
  }
  const ranked = new Set(ranking!.ranking.map((r) => r.agentId));
  const report = {
    asOf,
    standings: standings!,
    ranking: { ...ranking!, unranked: (agents?.columns.agentId.toArray() ?? []).filter((id) => !ranked.has(id)).sort() },
    discipline: { window: discipline!.result.window, lines: discipline!.result.lines, agents: discipline!.result.agents },
    rewards: rewards!.result,
    fund: discipline!.result.fund,
    roster,
    // The duty list is made on first read (a month of a million orders owes a million reminders).
    duties: withLazy({ agents: duties!.agents, system: duties!.system, unowned: duties!.unowned, reminders: duties!.reminders }, "items",
      () => readOnce(duties!, "duties") as NonNullable<typeof duties>["duties"],
      {
        select: (selection) => readSelected(duties!, "duties", selection, (all: NonNullable<typeof duties>["duties"]) => all),
        each: () => eachOnce(duties!, "duties") ?? (readOnce(duties!, "duties") as NonNullable<typeof duties>["duties"]),
      },
    ),
  };
  // By agentId, whatever the order of the scores rows (one row per agent and month: repeats are errors).
  const target = Number(label.slice(0, 4)) * 12 + Number(label.slice(5, 7)) - 1;
  const scores = month.tables.scores;
  const rows: { agentId: string; h: number }[] = [];
  for (let i = 0; i < (scores?.count ?? 0); i++) {
    if (scores!.columns.month[i] === target) rows.push({ agentId: ids[scores!.columns.agentId[i]!]!, h: scores!.columns.score[i]! });
  }
  rows.sort(byAgentId);
  for (const r of rows) {
    if (ranked.has(r.agentId) || !employment.has(r.agentId)) continue;
    const score = scoreText.get(r.agentId) ?? formatScore(r.h);
    const probation = onProbation.get(r.agentId);
    const e = employment.get(r.agentId)!;
    if (probation !== undefined) {
      warnings.push(`scores: ${r.agentId}'s ${label} score ${score} earns no KPI bonus and is not ranked (末位淘汰): ${r.agentId} is ${probation}, so ${label} is a probation month`);
    } else if (e.dismissedMs < period.end) {
      warnings.push(`scores: ${r.agentId}'s ${label} score ${score} is not ranked (末位淘汰): ${r.agentId} was dismissed on ${formatInstant(e.dismissedMs, zone)}`);
    } else if (hiredAfter(e)) {
      warnings.push(`scores: ${r.agentId}'s ${label} score ${score} is not ranked (末位淘汰): ${r.agentId} was hired on ${dateOfDayNumber(e.fromDay!)}, after ${label}`);
    }
  }
  // The rule families return readonly structures; the report's schema type is their mutable twin.
  return { report: report as PeopleReport, employment, onProbation, rewardDays: rewards!.days, warnings };
}

function probationReason(status: string, endsOn: string | null): string {
  if (status === "failed") return "not regularized (the probation evaluation failed)";
  if (status === "evaluationIncomplete") return "not regularized (the probation evaluation is incomplete)";
  return `on probation until ${endsOn ?? "—"}`;
}
