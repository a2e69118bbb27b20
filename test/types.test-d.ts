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
  computeKpis,
  KPI_METRICS,
  KPI_METRIC_IDS,
  type KpiMetricId,
  type KpiResult,
  type KpiUnit,
  type KpiValue,
} from "../src/index.js";

// A policy file may hold any part of the policy; a resolved one has every field.
expectTypeOf<{ attribution: { rule: "pay" } }>().toMatchTypeOf<PolicyInput>();
expectTypeOf(resolvePolicy({})).toEqualTypeOf<Policy>();
expectTypeOf<Policy["attribution"]["rule"]>().toEqualTypeOf<"placeFirst" | "place" | "pay">();
// null: no window.
expectTypeOf<Policy["attribution"]["windowHours"]>().toEqualTypeOf<number | null>();

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

// A policy is checked as it is written: a misspelt key or a value outside a closed list is a type error.
// @ts-expect-error windowHour is not a setting (windowHours is)
attributeSales({ orders: [] }, { attribution: { windowHour: 48 } });
// @ts-expect-error "first" is not an attribution rule
attributeSales({ orders: [] }, { attribution: { rule: "first" } });
// @ts-expect-error a time zone is text
resolvePolicy({ timeZone: 8 });
const policyInput: PolicyInput = { attribution: { rule: "pay", windowHours: 24 }, kpi: { minSample: { replyRate: 10 } } };
expectTypeOf(policyInput).toMatchTypeOf<PolicyInput>();
// @ts-expect-error minSample is keyed by metric id
const badSample: PolicyInput = { kpi: { minSample: { replyRates: 10 } } };
void badSample;

// A result's fields are what the report shows; a misspelt one is a type error, not undefined.
declare const sales: SalesAttribution;
expectTypeOf(sales.shop.silent.gross).toEqualTypeOf<string>();
// @ts-expect-error there is no "nett" (net)
void sales.agents[0]!.sales.nett;

// The KPIs: every metric of the table by id, each a KpiValue whose value is a decimal string or null.
expectTypeOf(computeKpis).returns.toEqualTypeOf<KpiResult>();
expectTypeOf<KpiResult["shop"]["kpis"]["orderedUnpaidBuyers"]>().toEqualTypeOf<KpiValue>();
expectTypeOf<KpiValue["value"]>().toEqualTypeOf<string | null>();
expectTypeOf<KpiValue["status"]>().toEqualTypeOf<"ok" | "noData" | "insufficient">();
expectTypeOf<"replyRate">().toMatchTypeOf<KpiMetricId>();
expectTypeOf(KPI_METRIC_IDS[0]).toEqualTypeOf<KpiMetricId>();
expectTypeOf(KPI_METRICS[0]!.unit).toEqualTypeOf<KpiUnit>();
expectTypeOf(KPI_METRICS[0]!.id).toEqualTypeOf<KpiMetricId>();
declare const kpis: KpiResult;
// @ts-expect-error there is no metric "replyRat"
void kpis.shop.kpis.replyRat;
