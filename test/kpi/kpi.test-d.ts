// Type tests of the KPI API: checked by `npm run typecheck`, not run by vitest.
import { expectTypeOf } from "vitest";
import {
  collectKpiState,
  computeKpis,
  finalizeKpis,
  mergeKpiStates,
  safeComputeKpis,
  scoreAgent,
  type AgentScore,
  type KpiMetricId,
  type KpiReport,
  type KpiResult,
  type KpiState,
  type KpiStatus,
  type KpiValue,
  type MonthReport,
  type Policy,
  type SafeResult,
} from "../../src/index.js";

expectTypeOf(computeKpis).returns.toEqualTypeOf<KpiResult>();
expectTypeOf(safeComputeKpis).returns.toEqualTypeOf<SafeResult<KpiResult>>();
expectTypeOf(collectKpiState).returns.toEqualTypeOf<KpiState>();
expectTypeOf(mergeKpiStates).parameters.toEqualTypeOf<[KpiState, KpiState, ...KpiState[]]>();
expectTypeOf(finalizeKpis).returns.toEqualTypeOf<Omit<KpiResult, "period">>();
expectTypeOf(scoreAgent).returns.toEqualTypeOf<AgentScore>();
// Values are decimal strings or null, never numbers.
expectTypeOf<KpiValue["value"]>().toEqualTypeOf<string | null>();
expectTypeOf<KpiStatus>().toEqualTypeOf<"ok" | "noData" | "insufficient">();
expectTypeOf<KpiResult["shop"]["kpis"]["replyRate"]>().toEqualTypeOf<KpiValue>();
expectTypeOf<"replyRate">().toMatchTypeOf<KpiMetricId>();
// @ts-expect-error — metric ids form a closed list
expectTypeOf<"happiness">().toMatchTypeOf<KpiMetricId>();
expectTypeOf<Policy["kpi"]["qc"]["weeklyCap"]>().toEqualTypeOf<number>();
expectTypeOf<MonthReport["agents"][number]["score"]["score"]>().toEqualTypeOf<string | null>();
expectTypeOf<KpiReport["kind"]>().toEqualTypeOf<"kefu-kpi/kpi-report">();
