/**
 * The policy of the people rules: grades and promotion (R3), discipline and rewards (R4), shifts
 * and the roster (R6) and the owners of the duties of R1. Data only: closed lists, no functions.
 * Numbers the shop handbooks quote are defaults; numbers they leave open (base salaries,
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
  baseSalary: amount,
  minMonths: z
    .number()
    .int()
    .min(0)
    .max(120)
    .default(3),
  requirements: z
    .array(z.string().min(1))
    .default([]),
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
      .default(DEFAULT_LEVELS.map((l) => ({ ...l, requirements: [...l.requirements] }))),
    assessment: z
      .strictObject({
        minScore: score.default(80),
        months: z.number().int().min(0).max(24).default(3),
      })
      .prefault({}),
    probation: z
      .strictObject({
        passScore: score.default(60),
        earlyScore: score.default(90),
      })
      .prefault({}),
    ranking: z
      .strictObject({ bottomN: z.number().int().min(0).max(1000).default(1) })
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
  fine: amount.default("0.00"),
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

const ruleId = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "expected a rule id like nonWorkActivity");

const ViolationRuleSchema = z.strictObject({
  label: z.string().min(1),
  ladder: ladder.optional(),
  /** Another rule whose ladder and count this rule's occurrences share (one handbook item split into several rules). */
  countsWith: ruleId.optional(),
});

/** R4: penalty ladders, the counting window, supervisor liability. */
export const DisciplinePolicySchema = z
  .strictObject({
    window: z
      .enum(["sinceHire", "calendarMonth"])
      .default("sinceHire"),
    ladder: ladder
      .default(DEFAULT_LADDER.map((s) => ({ actions: [...s.actions], fine: s.fine })))
      ,
    // Seed 000 states one item with one ladder: QQ, 私人旺旺, videos, games and installing software
    // count together, so the two default rules share nonWorkActivity's count.
    rules: z
      .record(ruleId, ViolationRuleSchema)
      .superRefine((rules, ctx) => {
        for (const [id, rule] of Object.entries(rules)) {
          const target = rule.countsWith;
          if (target === undefined) continue;
          const path = [id, "countsWith"];
          if (target === id) ctx.addIssue({ code: "custom", path, message: "a rule cannot count with itself; leave countsWith out" });
          else if (!Object.hasOwn(rules, target)) ctx.addIssue({ code: "custom", path, message: `"${target}" is not a rule of the policy; expected one of ${Object.keys(rules).join(", ")}` });
          else if (rules[target]!.countsWith !== undefined) ctx.addIssue({ code: "custom", path, message: `"${target}" itself counts with "${rules[target]!.countsWith}"; name that rule instead` });
          if (rule.ladder !== undefined) ctx.addIssue({ code: "custom", path: [id, "ladder"], message: `a rule that counts with "${target}" steps that rule's ladder; leave its own ladder out` });
        }
      })
      .default({
        nonWorkActivity: { label: "上班做与工作无关的事 (QQ、私人旺旺、视频、游戏)" },
        unauthorizedSoftware: { label: "私自下载安装软件", countsWith: "nonWorkActivity" },
        serviceComplaint: { label: "因服务原因收到买家投诉" },
        late: { label: "迟到" },
        leftEarly: { label: "早退" },
        absent: { label: "旷工" },
      }),
    // The rule an upheld complaint (complaints, upheld) steps; null: complaints step no ladder.
    complaintRule: ruleId.nullable().default("serviceComplaint"),
    // Seed 000 (不迟到、不早退、不旷工): the rule each attendance finding steps (null: not checked),
    // and the minutes a sign-in may come after the shift's start (a sign-out before its end).
    attendance: z
      .strictObject({
        late: ruleId.nullable().default("late"),
        leftEarly: ruleId.nullable().default("leftEarly"),
        absent: ruleId.nullable().default("absent"),
        graceMinutes: z.number().int().min(0).max(240).default(0),
      })
      .prefault({}),
    supervisorLiability: z
      .boolean()
      .default(true),
  })
  .prefault({});

/** R4: rewards. */
export const RewardsPolicySchema = z
  .strictObject({
    dataErrorFound: amount.default("10.00"),
    suggestionAdopted: amount.default("30.00"),
  })
  .prefault({});

// Each end of a shift defaults on its own, so a policy may move only one of them.
const shift = (start: string, end: string, what = "a shift ends after it starts") =>
  z
    .strictObject({ start: timeOfDay.default(start), end: timeOfDay.default(end) })
    .refine((s) => s.start < s.end, `${what}, on the same day`)
    .prefault({});

/** R6: shift definitions and the roster rules. */
export const RosterPolicySchema = z
  .strictObject({
    shifts: z
      .strictObject({
        day: shift("09:00", "17:30"),
        halfDay: shift("10:00", "15:30"),
        night: shift("17:00", "23:30"),
      })
      .prefault({}),
    restDaysPerMonth: z.number().int().min(0).max(31).default(4),
    hoursTolerance: z
      .number()
      .min(0)
      .max(744)
      .default(16),
    /** 做六休一: working days in a row an agent may be rostered. */
    maxConsecutiveDays: z.number().int().min(1).max(31).default(6),
    /** 客服部在线时间: the hours of each day someone must be on shift. */
    serviceHours: shift("09:00", "23:30", "the service hours end after they start"),
    /** Agents on shift at every minute of the service hours; 0 checks no coverage. */
    minOnShift: z.number().int().min(0).max(1000).default(1),
  })
  .prefault({});

/** Owners of the neutral/negative shop reviews (中差评) by the parity of the day of the buyer's first review. */
export const ShopReviewDutyPolicySchema = z
  .strictObject({
    odd: z.array(z.string().min(1)).default([]),
    even: z.array(z.string().min(1)).default([]),
    handleWithinHours: z.number().positive().max(720).default(24),
  })
  .prefault({});

export type GradesPolicy = z.output<typeof GradesPolicySchema>;
export type DisciplinePolicy = z.output<typeof DisciplinePolicySchema>;
export type RewardsPolicy = z.output<typeof RewardsPolicySchema>;
export type RosterPolicy = z.output<typeof RosterPolicySchema>;
export type ShopReviewDutyPolicy = z.output<typeof ShopReviewDutyPolicySchema>;
