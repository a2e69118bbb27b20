// Type tests: checked by `npm run typecheck` (tsc over test/), not run by vitest.
import { expectTypeOf } from "vitest";
import {
  attributeSales,
  buildMonthReport,
  resolvePolicy,
  safeAttributeSales,
  type AttributedOrder,
  type MonthReport,
  type Policy,
  type PolicyInput,
  type SafeResult,
  type SalesAttribution,
  assignDuties,
  checkRoster,
  evaluateDiscipline,
  evaluateGrades,
  evaluateRewards,
  rankAgents,
  safeEvaluateDiscipline,
  type DisciplineResult,
  type Duty,
  type GradeStanding,
  type PeopleReport,
  type RosterCheck,
  type ViolationInput,
} from "../src/index.js";

// A policy file may hold any part of the policy; a resolved one has every field.
expectTypeOf<{ attribution: { rule: "pay" } }>().toMatchTypeOf<PolicyInput>();
expectTypeOf(resolvePolicy({})).toEqualTypeOf<Policy>();
expectTypeOf<Policy["attribution"]["rule"]>().toEqualTypeOf<"placeFirst" | "place" | "pay">();
expectTypeOf<Policy["attribution"]["windowHours"]>().toEqualTypeOf<number>();

// Attribution: money is a decimal string, agents may be absent (null), never undefined.
expectTypeOf(attributeSales).returns.toEqualTypeOf<SalesAttribution>();
expectTypeOf<SalesAttribution["agents"][number]["sales"]["net"]>().toEqualTypeOf<string>();
expectTypeOf<AttributedOrder["placeAgent"]>().toEqualTypeOf<string | null>();
expectTypeOf<AttributedOrder["status"]>().toEqualTypeOf<"unpaid" | "assisted" | "silent-order" | "fully-silent">();
expectTypeOf(safeAttributeSales).returns.toEqualTypeOf<SafeResult<SalesAttribution>>();

// The month report is the zod schema's type.
expectTypeOf(buildMonthReport).returns.toEqualTypeOf<MonthReport>();
expectTypeOf<MonthReport["shop"]["silent"]["gross"]>().toEqualTypeOf<string>();

// Orders must carry an id and an amount.
// @ts-expect-error amount is required
attributeSales({ orders: [{ orderId: "O1", buyerId: "b", createdAt: "2020-02-21 10:00" }] });

// People rules (R3, R4, R6): outcomes are data with closed lists of codes and kinds.

expectTypeOf(evaluateGrades).returns.toEqualTypeOf<GradeStanding[]>();
expectTypeOf<GradeStanding["grade"]>().toEqualTypeOf<"junior" | "intermediate" | "senior" | "expert">();
expectTypeOf<GradeStanding["promotion"]["reasons"][number]["code"]>().toEqualTypeOf<
  "topGrade" | "dismissed" | "inProbation" | "probationFailed" | "noGradeSince" | "tooFewMonths" | "scoreMissing" | "scoreBelow" | "requirementMissing" | "requirementFailed"
>();
expectTypeOf(evaluateDiscipline).returns.toEqualTypeOf<DisciplineResult>();
expectTypeOf(safeEvaluateDiscipline).returns.toEqualTypeOf<SafeResult<DisciplineResult>>();
expectTypeOf<DisciplineResult["lines"][number]["fine"]>().toEqualTypeOf<string>();
expectTypeOf<DisciplineResult["lines"][number]["step"]>().toEqualTypeOf<number | null>();
expectTypeOf<ViolationInput["condonedBy"]>().toEqualTypeOf<string | null | undefined>();
expectTypeOf(evaluateRewards).returns.toHaveProperty("lines");
expectTypeOf(rankAgents).returns.toHaveProperty("bottom");
expectTypeOf(checkRoster).returns.toEqualTypeOf<RosterCheck>();
expectTypeOf<Duty["kind"]>().toEqualTypeOf<"smsReminder" | "humanReminder" | "returnedParcel" | "shopReview" | "addressCheck">();
expectTypeOf(assignDuties).returns.toHaveProperty("unowned");
expectTypeOf<MonthReport["people"]>().toEqualTypeOf<PeopleReport>();
expectTypeOf<Policy["discipline"]["window"]>().toEqualTypeOf<"sinceHire" | "calendarMonth">();

// evaluateGrades needs the evaluation date: no clock is read.
// @ts-expect-error asOf is required
evaluateGrades({ agents: [] }, {}, {});
