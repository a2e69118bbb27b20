/**
 * The people part of the month report (R3, R4, R6 and the R1 duties), as a zod schema: each
 * agent's standing, the discipline and reward lines, the fund ledger, the roster check and the
 * duties. Mirrors the result types of src/grading, src/discipline and src/roster.
 */
import * as z from "zod";
import { DISCIPLINARY_ACTIONS, GRADES } from "../policy/people.js";

const money = z.string().regex(/^-?\d+\.\d{2}$/);
const dutyKind = z.enum(["smsReminder", "humanReminder", "returnedParcel", "shopReview", "addressCheck"]);

export const GradeStandingSchema = z.object({
  agentId: z.string(),
  grade: z.enum(GRADES),
  gradeLabel: z.string(),
  baseSalary: money,
  gradeSince: z.string().nullable(),
  monthsInGrade: z.number().int().nullable(),
  nextGrade: z.enum(GRADES).nullable(),
  promotion: z.object({
    eligible: z.boolean(),
    monthsReachedOn: z.string().nullable(),
    gate: z.array(z.object({ month: z.string(), score: z.string().nullable(), passed: z.boolean() })),
    requirements: z.array(z.object({ requirement: z.string(), passed: z.boolean().nullable(), at: z.string().nullable() })),
    reasons: z.array(z.object({ code: z.string(), message: z.string() })),
  }),
  probation: z.object({
    status: z.enum(["none", "inProbation", "earlyRegularization", "regularized", "failed", "evaluationIncomplete"]),
    endsOn: z.string().nullable(),
    evaluation: z
      .object({
        items: z.array(
          z.object({
            item: z.enum(["work", "rules", "team"]),
            score: z.string().nullable(),
            evaluator: z.string().nullable(),
            at: z.string().nullable(),
            passed: z.boolean().nullable(),
          }),
        ),
        result: z.enum(["pass", "fail", "incomplete"]),
        early: z.boolean(),
        explanation: z.string(),
      })
      .nullable(),
  }),
  dismissed: z.boolean(),
});

export const DisciplineLineSchema = z.object({
  violationId: z.string(),
  rule: z.string(),
  ruleLabel: z.string(),
  agentId: z.string(),
  liability: z.enum(["violator", "supervisor"]),
  violatorId: z.string(),
  at: z.string(),
  date: z.string(),
  window: z.string(),
  occurrence: z.number().int().positive(),
  step: z.number().int().positive().nullable(),
  actions: z.array(z.enum(DISCIPLINARY_ACTIONS)),
  fine: money,
  outcome: z.enum(["penalized", "afterDismissal"]),
  explanation: z.string(),
});

export const DutySchema = z.object({
  kind: dutyKind,
  ref: z.string(),
  orderId: z.string().nullable(),
  due: z.string(),
  deadline: z.string().nullable(),
  owner: z.string().nullable(),
  by: z.enum(["system", "agent"]),
  alsoEligible: z.array(z.string()),
  rule: z.string(),
  unowned: z.string().nullable(),
});

export const PeopleReportSchema = z.object({
  /** The evaluation date of the standings: the month's last day. */
  asOf: z.string(),
  /** Per agent of the agents file, by agentId (empty without one). */
  standings: z.array(GradeStandingSchema),
  /** The month's scores ranked, with the bottom-N list (末位淘汰); agents without a score are unranked. */
  ranking: z.object({
    ranking: z.array(z.object({ agentId: z.string(), score: z.string(), rank: z.number().int().positive() })),
    bottom: z.array(z.string()),
    bottomN: z.number().int().nonnegative(),
    unranked: z.array(z.string()),
  }),
  discipline: z.object({
    window: z.enum(["sinceHire", "calendarMonth"]),
    lines: z.array(DisciplineLineSchema),
    agents: z.array(z.object({ agentId: z.string(), lines: z.number().int(), fines: money, dismissedAt: z.string().nullable(), dismissedBy: z.string().nullable() })),
  }),
  rewards: z.object({
    lines: z.array(
      z.object({
        rewardId: z.string().nullable(),
        agentId: z.string(),
        at: z.string(),
        date: z.string(),
        kind: z.enum(["dataErrorFound", "suggestionAdopted", "performanceAward", "specialAward"]),
        amount: money,
        rule: z.string(),
        note: z.string().nullable(),
      }),
    ),
    agents: z.array(z.object({ agentId: z.string(), count: z.number().int(), total: money })),
    outsidePeriod: z.number().int().nonnegative(),
  }),
  /** 部门活动经费: fines of earlier months (in the violations given) open it. */
  fund: z.object({
    opening: money,
    entries: z.array(
      z.object({
        date: z.string(),
        at: z.string(),
        agentId: z.string(),
        violationId: z.string(),
        rule: z.string(),
        liability: z.enum(["violator", "supervisor"]),
        amount: money,
        balance: money,
      }),
    ),
    fines: money,
    closing: money,
  }),
  /** The roster check of the month; null without a roster. */
  roster: z
    .object({
      month: z.string(),
      agents: z.array(
        z.object({
          agentId: z.string(),
          shifts: z.object({ day: z.number().int(), halfDay: z.number().int(), night: z.number().int(), off: z.number().int() }),
          restDays: z.number().int(),
          unrosteredDays: z.number().int(),
          minutes: z.number().int(),
          hours: z.string(),
        }),
      ),
      meanHours: z.string().nullable(),
      breaches: z.array(
        z.object({
          agentId: z.string(),
          date: z.string().nullable(),
          rule: z.enum(["restDays", "nightThenDay", "wholeDayOff", "hoursSpread", "unrosteredDays"]),
          message: z.string(),
        }),
      ),
    })
    .nullable(),
  duties: z.object({
    /** Duties owed per agent and kind (address checks included). */
    agents: z.array(z.object({ agentId: z.string(), counts: z.record(dutyKind, z.number().int()) })),
    system: z.number().int(),
    unowned: z.number().int(),
    /** Every duty of the month except the address checks (one per booked order: see `orders[].payAgent`, or the `duties` command). */
    items: z.array(DutySchema),
  }),
});

export type PeopleReport = z.infer<typeof PeopleReportSchema>;
