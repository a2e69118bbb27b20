/**
 * The people part of the month report (R3, R4, R6 and the R1 duties), as a zod schema: each
 * agent's standing, the discipline and reward lines, the fund ledger, the roster check and the
 * duties. Mirrors the result types of src/grading, src/discipline and src/roster.
 */
import * as z from "zod";
import { DISCIPLINARY_ACTIONS, GRADES } from "../policy/people.js";

const money = z.string().regex(/^-?\d+\.\d{2}$/);
const text = z.string();
const maybeText = z.string().nullable();
const count = z.number().int();
const dutyKind = z.enum(["smsReminder", "humanReminder", "returnedParcel", "shopReview", "addressCheck"]);

export const GradeStandingSchema = z.object({
  agentId: text,
  grade: z.enum(GRADES),
  gradeLabel: text,
  baseSalary: money,
  gradeSince: maybeText,
  monthsInGrade: count.nullable(),
  nextGrade: z.enum(GRADES).nullable(),
  promotion: z.object({
    eligible: z.boolean(),
    monthsReachedOn: maybeText,
    gate: z.array(z.object({ month: text, score: maybeText, passed: z.boolean() })),
    requirements: z.array(z.object({ requirement: text, passed: z.boolean().nullable(), at: maybeText })),
    reasons: z.array(z.object({ code: text, message: text })),
  }),
  probation: z.object({
    status: z.enum(["none", "inProbation", "earlyRegularization", "regularized", "failed", "evaluationIncomplete"]),
    endsOn: maybeText,
    evaluation: z
      .object({
        items: z.array(
          z.object({
            item: z.enum(["work", "rules", "team"]),
            score: maybeText,
            evaluator: maybeText,
            at: maybeText,
            passed: z.boolean().nullable(),
          }),
        ),
        result: z.enum(["pass", "fail", "incomplete"]),
        early: z.boolean(),
        explanation: text,
      })
      .nullable(),
  }),
  dismissed: z.boolean(),
});

export const DisciplineLineSchema = z.object({
  violationId: text,
  rule: text,
  ruleLabel: text,
  ladderRule: text,
  agentId: text,
  liability: z.enum(["violator", "supervisor"]),
  violatorId: text,
  at: text,
  date: text,
  window: text,
  occurrence: count.positive(),
  step: count.positive().nullable(),
  actions: z.array(z.enum(DISCIPLINARY_ACTIONS)),
  fine: money,
  outcome: z.enum(["penalized", "afterDismissal"]),
  explanation: text,
});

export const DutySchema = z.object({
  kind: dutyKind,
  ref: text,
  orderId: maybeText,
  due: text,
  deadline: maybeText,
  owner: maybeText,
  by: z.enum(["system", "agent"]),
  alsoEligible: z.array(text),
  rule: text,
  unowned: maybeText,
  /** A payment reminder's outcome: when its order was paid (after the reminder); null while unpaid and for the other duties. */
  paidAt: maybeText,
});

const reminderTally = {
  owed: count,
  paid: count,
  recovered: z.string().regex(/^\d+\.\d{2}$/),
  rate: z.string().regex(/^\d+\.\d{4}$/).nullable(),
  unpaid: count,
};

/** The payment reminders' outcomes (催付效果). */
export const ReminderOutcomesSchema = z.object({
  sms: z.object(reminderTally),
  human: z.object(reminderTally),
  agents: z.array(z.object({ agentId: text, ...reminderTally })),
  unowned: z.object(reminderTally),
});

export const PeopleReportSchema = z.object({
  /** The evaluation date of the standings: the month's last day. */
  asOf: text,
  /** Per agent of the agents file, by agentId (empty without one). */
  standings: z.array(GradeStandingSchema),
  /** The month's scores ranked, with the bottom-N list (末位淘汰); agents without a score are unranked. */
  ranking: z.object({
    ranking: z.array(z.object({ agentId: text, score: text, rank: count.positive() })),
    bottom: z.array(text),
    bottomN: count.nonnegative(),
    unranked: z.array(text),
  }),
  discipline: z.object({
    window: z.enum(["sinceHire", "calendarMonth"]),
    lines: z.array(DisciplineLineSchema),
    agents: z.array(z.object({ agentId: text, lines: count, fines: money, dismissedAt: maybeText, dismissedBy: maybeText })),
  }),
  rewards: z.object({
    lines: z.array(
      z.object({
        rewardId: maybeText,
        agentId: text,
        at: text,
        date: text,
        kind: z.enum(["dataErrorFound", "suggestionAdopted", "performanceAward", "specialAward"]),
        amount: money,
        rule: text,
        note: maybeText,
      }),
    ),
    agents: z.array(z.object({ agentId: text, count: count, total: money })),
    outsidePeriod: count.nonnegative(),
  }),
  /** 部门活动经费: fines of earlier months (in the violations given) open it. */
  fund: z.object({
    opening: money,
    entries: z.array(
      z.object({
        date: text,
        at: text,
        agentId: text,
        violationId: text,
        rule: text,
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
      month: text,
      agents: z.array(
        z.object({
          agentId: text,
          shifts: z.object({ day: count, halfDay: count, night: count, off: count }),
          restDays: count,
          unrosteredDays: count,
          minutes: count,
          hours: text,
        }),
      ),
      meanHours: maybeText,
      breaches: z.array(
        z.object({
          agentId: text,
          date: maybeText,
          rule: z.enum(["restDays", "nightThenDay", "consecutiveDays", "handover", "wholeDayOff", "hoursSpread", "unrosteredDays"]),
          message: text,
        }),
      ),
      /** The service hours and the stretches of them with fewer agents on shift than asked, by date and time. */
      coverage: z.object({
        serviceHours: text,
        minOnShift: count,
        gaps: z.array(z.object({ date: text, from: text, to: text, onShift: count, required: count })),
      }),
      /** Work past a shift's end while a buyer was still being served, by date then agent. */
      overtime: z.array(
        z.object({
          agentId: text,
          date: text,
          shift: z.enum(["day", "halfDay", "night"]),
          shiftEnd: text,
          until: text,
          seconds: count,
          consultations: count,
        }),
      ),
    })
    .nullable(),
  duties: z.object({
    /** Duties owed per agent and kind (address checks included). */
    agents: z.array(z.object({ agentId: text, counts: z.record(dutyKind, count) })),
    system: count,
    unowned: count,
    /** The payment reminders' outcomes: paid before the month's end, the amount recovered, the rate, still unpaid. */
    reminders: ReminderOutcomesSchema,
    /** Every duty of the month except the address checks (one per booked order: see `orders[].payAgent`, or the `duties` command). */
    items: z.array(DutySchema),
  }),
});

export type PeopleReport = z.infer<typeof PeopleReportSchema>;
