/**
 * The policy of the people rules: grades and promotion (R3), discipline and rewards (R4), shifts
 * and the roster (R6) and the owners of the duties of R1. Data only: closed lists, no functions.
 * Numbers DOMAIN.md quotes from the seeds are defaults; numbers it leaves open (base salaries,
 * the assessment threshold, probation pass marks, the hours tolerance) are defaults of this file,
 * named in the README, for the shop to set.
 */
import * as z from "zod";

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time of day HH:mm");
const amount = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, "expected an amount ≥ 0 with at most 2 decimals, like 10.00");
const score = z.number().min(0).max(100);

/** 初级 / 中级 / 高级 / 资深, in order. */
export const GRADES = ["junior", "intermediate", "senior", "expert"] as const;

const GradeLevelSchema = z.strictObject({
  grade: z.enum(GRADES),
  label: z.string().min(1),
  baseSalary: amount.describe("底薪 of the grade (monthly, CNY)"),
  minMonths: z
    .number()
    .int()
    .min(0)
    .max(120)
    .default(3)
    .describe("whole months in this grade before promotion to the next may be proposed"),
  requirements: z
    .array(z.string().min(1))
    .default([])
    .describe("qualitative requirements (ids of `assessments` rows) an agent must have passed to be promoted INTO this grade"),
});

const DEFAULT_LEVELS = [
  { grade: "junior", label: "初级客服", baseSalary: "3000.00", minMonths: 3, requirements: [] },
  { grade: "intermediate", label: "中级客服", baseSalary: "3500.00", minMonths: 3, requirements: ["promotionReview"] },
  { grade: "senior", label: "高级客服", baseSalary: "4000.00", minMonths: 3, requirements: ["promotionReview"] },
  { grade: "expert", label: "资深客服", baseSalary: "4500.00", minMonths: 3, requirements: ["promotionReview"] },
] as const;

/** R3: grades, the promotion gate, probation and the ranking. */
export const GradesPolicySchema = z
  .strictObject({
    levels: z
      .array(GradeLevelSchema)
      .length(4, "expected the four grades junior, intermediate, senior, expert, in that order")
      .refine((ls) => ls.every((l, i) => l.grade === GRADES[i]), "expected the four grades junior, intermediate, senior, expert, in that order")
      .default(DEFAULT_LEVELS.map((l) => ({ ...l, requirements: [...l.requirements] })))
      .describe("the grades in order with label, base salary, minimum months and requirements"),
    assessment: z
      .strictObject({
        minScore: score.default(80).describe("scorecard score (0–100) needed in each assessed month"),
        months: z.number().int().min(0).max(24).default(3).describe("how many months, ending with the evaluated month, must each reach minScore"),
      })
      .prefault({}),
    probation: z
      .strictObject({
        passScore: score.default(60).describe("each of the three items (work 工作项, rules 制度项, team 团队项) must score at least this"),
        earlyScore: score.default(90).describe("every item at least this: the probationer may be regularized early (提前转正)"),
      })
      .prefault({}),
    ranking: z
      .strictObject({ bottomN: z.number().int().min(0).max(1000).default(1).describe("末位淘汰: how many agents the bottom list names") })
      .prefault({}),
  })
  .prefault({});

/** Disciplinary actions of seed 001 (and the verbal warning of seed 000). */
export const DISCIPLINARY_ACTIONS = [
  "verbalWarning",
  "warning",
  "noticeOfCriticism",
  "minorDemerit",
  "majorDemerit",
  "compensation",
  "dismissal",
] as const;

const LadderStepSchema = z.strictObject({
  actions: z.array(z.enum(DISCIPLINARY_ACTIONS)).default([]),
  fine: amount.default("0.00").describe("罚款 of the step, paid into the department activity fund"),
});

const DEFAULT_LADDER = [
  { actions: ["verbalWarning"], fine: "10.00" },
  { actions: [], fine: "30.00" },
  { actions: ["dismissal"], fine: "0.00" },
] as const;

const ladder = z
  .array(LadderStepSchema)
  .min(1, "a ladder needs at least one step")
  .max(20)
  .refine(
    (steps) => steps.every((s, i) => i === steps.length - 1 || !s.actions.includes("dismissal")),
    "only the last step of a ladder may dismiss",
  );

const ViolationRuleSchema = z.strictObject({
  label: z.string().min(1),
  ladder: ladder.optional().describe("this rule's own ladder; the default ladder when left out"),
});

/** R4: penalty ladders, the counting window, supervisor liability. */
export const DisciplinePolicySchema = z
  .strictObject({
    window: z
      .enum(["sinceHire", "calendarMonth"])
      .default("sinceHire")
      .describe("occurrences counted since hire, or afresh each calendar month"),
    ladder: ladder
      .default(DEFAULT_LADDER.map((s) => ({ actions: [...s.actions], fine: s.fine })))
      .describe("default ladder: 1st verbal warning + 10 yuan, 2nd 30 yuan, 3rd dismissal"),
    rules: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "expected a rule id like nonWorkActivity"), ViolationRuleSchema)
      .default({
        nonWorkActivity: { label: "上班做与工作无关的事 (QQ、私人旺旺、视频、游戏)" },
        unauthorizedSoftware: { label: "私自下载安装软件" },
      })
      .describe("the violation rules `violations.rule` may name (a closed list)"),
    supervisorLiability: z
      .boolean()
      .default(true)
      .describe("a supervisor who saw a violation and did not stop it (condonedBy) is penalized on the same ladder"),
  })
  .prefault({});

/** R4: rewards. */
export const RewardsPolicySchema = z
  .strictObject({
    dataErrorFound: amount.default("10.00").describe("每发现一个宝贝数据类的错误"),
    suggestionAdopted: amount.default("30.00").describe("每提供一项好的建议被采纳"),
  })
  .prefault({});

// Each end of a shift defaults on its own, so a policy may move only one of them.
const shift = (start: string, end: string, label: string) =>
  z
    .strictObject({ start: timeOfDay.default(start), end: timeOfDay.default(end) })
    .refine((s) => s.start < s.end, "a shift ends after it starts, on the same day")
    .prefault({})
    .describe(`${label}, default ${start}–${end}`);

/** R6: shift definitions and the roster rules. */
export const RosterPolicySchema = z
  .strictObject({
    shifts: z
      .strictObject({
        day: shift("09:00", "17:30", "白班"),
        halfDay: shift("10:00", "15:30", "半白班"),
        night: shift("17:00", "23:30", "晚班"),
      })
      .prefault({}),
    restDaysPerMonth: z.number().int().min(0).max(31).default(4).describe("每月四天休息: rest days each agent has in a month (exactly)"),
    hoursTolerance: z
      .number()
      .min(0)
      .max(744)
      .default(16)
      .describe("an agent's monthly hours may differ from the team mean by at most this many hours"),
  })
  .prefault({});

/** Owners of the neutral/negative shop reviews (中差评) by the parity of the day of the buyer's first review. */
export const ShopReviewDutyPolicySchema = z
  .strictObject({
    odd: z.array(z.string().min(1)).default([]).describe("agents (in order of preference) for reviews whose first-review day is odd"),
    even: z.array(z.string().min(1)).default([]).describe("agents for even days"),
    handleWithinHours: z.number().positive().max(720).default(24),
  })
  .prefault({});

export type GradesPolicy = z.output<typeof GradesPolicySchema>;
export type DisciplinePolicy = z.output<typeof DisciplinePolicySchema>;
export type RewardsPolicy = z.output<typeof RewardsPolicySchema>;
export type RosterPolicy = z.output<typeof RosterPolicySchema>;
export type ShopReviewDutyPolicy = z.output<typeof ShopReviewDutyPolicySchema>;
