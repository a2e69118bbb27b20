import type { KpiKind, KpiMetricId, KpiUnit } from "../policy/kpiMetrics.js";

export type { KpiKind, KpiUnit };
import type { RecordOf } from "../records/schema.js";


/** What the KPIs read of a consultation: the consultation record (response columns included). */
export type KpiConsultationLike = Readonly<RecordOf<"consultations">>;

/** What the KPIs read of an order. */
export type KpiOrderLike = Readonly<RecordOf<"orders">>;

/** The agent of the roster as the KPIs see it. */
export interface KpiAgentLike {
  readonly agentId: string;
  readonly group?: "presale" | "insale" | "aftersale" | null | undefined;
  readonly probationEndsAt?: string | null | undefined;
}

/** The input of {@link computeKpis}. */
export interface KpiInput {
  /** The roster: when given, every agentId of the other kinds must be in it, and every rostered agent is measured. */
  readonly agents?: readonly RecordOf<"agents">[];
  readonly consultations?: readonly KpiConsultationLike[];
  readonly orders?: readonly KpiOrderLike[];
  /** The credited agent of orders by R1 attribution (computed elsewhere and passed in as data):
   * `agentSales`, `agentSalesShare` and `averageOrderValue` are null without it. */
  readonly credits?: readonly { readonly orderId: string; readonly agentId: string | null }[];
  readonly tickets?: readonly RecordOf<"tickets">[];
  readonly afterSales?: readonly RecordOf<"afterSales">[];
  readonly reviews?: readonly RecordOf<"reviews">[];
  readonly qc?: readonly RecordOf<"qc">[];
  readonly calls?: readonly RecordOf<"calls">[];
  /** 中差评 with their outcome and handler: `reviewRecoveryRate`. */
  readonly shopReviews?: readonly RecordOf<"shopReviews">[];
}

/** `ok`: a value; `noData`: the denominator is zero or the data was not given; `insufficient`: under the policy's minimum sample. */
export type KpiStatus = "ok" | "noData" | "insufficient";


/** One metric's value, with what it was computed from. */
export interface KpiValue {
  /** Decimal string (rates as fractions, `"0.9667"`), or null when there is no data. */
  readonly value: string | null;
  readonly status: KpiStatus;
  readonly unit: KpiUnit;
  /** The numerator and denominator (decimal strings); the denominator is null for sums and counts. */
  readonly numerator: string | null;
  readonly denominator: string | null;
  /** How the value follows from the data, in words. */
  readonly reason: string;
}

export type KpiTable = Readonly<Record<KpiMetricId, KpiValue>>;

/** The metrics of one agent. */
export interface AgentKpis {
  readonly agentId: string;
  readonly kpis: KpiTable;
}

/** The result of {@link computeKpis}. */
export interface KpiResult {
  readonly period: { readonly label: string; readonly start: string; readonly end: string };
  readonly agents: readonly AgentKpis[];
  readonly shop: { readonly kpis: KpiTable };
}
