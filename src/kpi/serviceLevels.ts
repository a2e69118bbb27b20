/**
 * The service-level rules of DOMAIN.md R2 as named checks (policy `kpi.serviceLevels`): each gives
 * how many records it checked, how many complied, the compliance rate and every breach (record id,
 * agent, deadline and how late). Online hours are wall-clock times in the shop zone.
 *
 * A record is checked in the period of its first instant (a consultation's `startedAt`, a ticket's
 * `createdAt`, an after-sales request's `appliedAt`, or `goodsReceivedAt` for the refund rule).
 * The rules whose data the inputs do not carry (order anomaly verification, shipping and pickup
 * scan) are listed with status `noData`.
 */
import { safely, type SafeResult } from "../errors.js";
import { ratio } from "../money/decimal.js";
import { formatInstant, parseTimeOfDay } from "../time/period.js";
import { parseInstant } from "../time/parse.js";
import type { Zone } from "../time/zone.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { collectKpiState, kpiContext, type KpiOptions } from "./computeKpis.js";
import type { AfterSale, Ticket } from "./schema.js";
import type { KpiAgentLike, KpiConsultationLike } from "./types.js";

export type ServiceLevelId =
  | "firstReply"
  | "overnight"
  | "ticketReply"
  | "afterSaleReview"
  | "refundAfterReceipt"
  | "presaleWait"
  | "orderAnomaly"
  | "shipping"
  | "pickupScan";

export interface ServiceLevelBreach {
  readonly recordId: string;
  readonly agentId: string;
  /** The record's first instant (arrival, creation, application, goods received). */
  readonly at: string;
  /** When the answer was due (for the wait rule: the longest allowed wait ends). */
  readonly deadline: string;
  /** Seconds past the deadline (a decimal string), or null when it never happened (unreplied, unreviewed …). */
  readonly lateSeconds: string | null;
  readonly reason: string;
}

export interface ServiceLevelCheck {
  readonly id: ServiceLevelId;
  /** The rule in words, with the policy's numbers. */
  readonly rule: string;
  /** `ok`: checked; `noData`: nothing to check (or no such data in the inputs); `disabled` by policy. */
  readonly status: "ok" | "noData" | "disabled";
  readonly checked: number;
  readonly compliant: number;
  /** compliant / checked, 4 decimals, or null when nothing was checked. */
  readonly complianceRate: string | null;
  /** Every breach, by instant then record id. */
  readonly breaches: readonly ServiceLevelBreach[];
}

export interface ServiceLevelInput {
  readonly agents?: readonly KpiAgentLike[];
  readonly consultations?: readonly KpiConsultationLike[];
  readonly tickets?: readonly Ticket[];
  readonly afterSales?: readonly AfterSale[];
}

/** A breach before formatting. */
interface Pending {
  recordId: string;
  agentId: string;
  at: number;
  deadline: number;
  /** When it happened, or NaN. */
  done: number;
  what: string;
  /** The deadline itself is a breach (a wait of exactly the limit is "≥ 2 min"). */
  strict: boolean;
}

/** The records of one check: all are counted, only the breaches kept (a month has millions of compliant ones). */
class Tally {
  checked = 0;
  readonly breaches: Pending[] = [];

  consider(recordId: string, agentId: string, at: number, deadline: number, done: number, what: string, strict = false): void {
    this.checked++;
    if (done === done && (strict ? done < deadline : done <= deadline)) return;
    this.breaches.push({ recordId, agentId, at, deadline, done, what, strict });
  }
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Runs every service-level check over a period.
 *
 * @throws {KefuKpiError} naming every invalid record (the same validation as `computeKpis`)
 * @example
 * checkServiceLevels({ consultations }, {}, { period: "2020-02" }).find((c) => c.id === "firstReply")
 * //=> { id: "firstReply", checked: 120, compliant: 118, complianceRate: "0.9833", breaches: [ … ], … }
 */
export function checkServiceLevels(input: ServiceLevelInput, policy: PolicyInput | Policy | undefined, options: KpiOptions): ServiceLevelCheck[] {
  // Validate as the KPIs do (one set of rules, one set of messages).
  collectKpiState(input, policy, options);
  return checkValidServiceLevels(input, policy, options);
}

/**
 * {@link checkServiceLevels} of records already validated (by `computeKpis` over the same input):
 * the month report runs both and need not read a million records twice.
 */
export function checkValidServiceLevels(input: ServiceLevelInput, policy: PolicyInput | Policy | undefined, options: KpiOptions): ServiceLevelCheck[] {
  const { policy: resolved, zone, period } = kpiContext(policy, options);
  const sl = resolved.kpi.serviceLevels;
  const inPeriod = (t: number) => t >= period.start && t < period.end;
  const from = parseTimeOfDay(sl.firstReply.onlineFrom);
  const to = parseTimeOfDay(sl.firstReply.onlineTo);
  const answerBy = parseTimeOfDay(sl.overnight.answerBy);
  const presale = input.agents ? new Set(input.agents.filter((a) => a.group === "presale").map((a) => a.agentId)) : null;

  const first = new Tally();
  const night = new Tally();
  const wait = new Tally();
  for (const c of input.consultations ?? []) {
    const start = parseInstant(c.startedAt, zone);
    if (!inPeriod(start)) continue;
    const reply = c.firstReplyAt ? parseInstant(c.firstReplyAt, zone) : NaN;
    // The wall time of day in the shop zone (the whole wall time only for the overnight deadline).
    const local = start + zone.offsetAt(start) * MINUTE;
    const msOfDay = ((local % DAY) + DAY) % DAY;
    const minuteOfDay = Math.floor(msOfDay / MINUTE);
    const exact = msOfDay % MINUTE === 0;
    const overnight = minuteOfDay >= to || minuteOfDay < from || (minuteOfDay === from && exact);
    const recordId = c.consultationId;
    const agentId = c.agentId;
    if (!overnight) first.consider(recordId, agentId, start, start + sl.firstReply.maxSeconds * 1000, reply, "first reply");
    else {
      const w = zone.wallOf(start);
      const dayShift = minuteOfDay >= to ? 1 : 0;
      const deadline = zone.fromWall(w.year, w.month, w.day + dayShift, Math.floor(answerBy / 60), answerBy % 60, 0, 0);
      night.consider(recordId, agentId, start, deadline, reply, "first reply");
    }
    if ((presale === null || presale.has(agentId)) && typeof c.maxResponseSeconds === "number") {
      // The longest wait: the first response or the longest later one.
      const longest = Math.max(c.maxResponseSeconds * 1000, reply === reply ? reply - start : 0);
      wait.consider(recordId, agentId, start, start + sl.presaleWait.maxWaitSeconds * 1000, start + longest, "longest wait", true);
    }
  }
  const tickets = new Tally();
  for (const t of input.tickets ?? []) {
    const created = parseInstant(t.createdAt, zone);
    if (!inPeriod(created)) continue;
    if (sl.ticketReply.kinds !== null && !sl.ticketReply.kinds.includes(t.kind ?? "")) continue;
    tickets.consider(t.ticketId, t.agentId, created, created + sl.ticketReply.maxMinutes * 60_000, t.firstReplyAt ? parseInstant(t.firstReplyAt, zone) : NaN, "first reply");
  }
  const reviews = new Tally();
  const refunds = new Tally();
  for (const s of input.afterSales ?? []) {
    const applied = parseInstant(s.appliedAt, zone);
    if (inPeriod(applied)) {
      reviews.consider(s.afterSaleId, s.agentId, applied, applied + sl.afterSaleReview.maxHours * 3_600_000, s.reviewedAt ? parseInstant(s.reviewedAt, zone) : NaN, "review");
    }
    const received = s.goodsReceivedAt ? parseInstant(s.goodsReceivedAt, zone) : NaN;
    if (inPeriod(received)) {
      refunds.consider(s.afterSaleId, s.agentId, received, received + sl.refundAfterReceipt.maxHours * 3_600_000, s.refundedAt ? parseInstant(s.refundedAt, zone) : NaN, "refund");
    }
  }

  const noInput = (kind: string) => `no ${kind} given`;
  return [
    check("firstReply", `first reply within ${sl.firstReply.maxSeconds} s for consultations arriving ${sl.firstReply.onlineFrom}–${sl.firstReply.onlineTo}`, sl.firstReply.enabled, input.consultations ? first : null, zone, noInput("consultations")),
    check("overnight", `consultations arriving ${sl.firstReply.onlineTo}–${sl.firstReply.onlineFrom} (inclusive) answered by ${sl.overnight.answerBy}`, sl.overnight.enabled, input.consultations ? night : null, zone, noInput("consultations")),
    check("ticketReply", `tickets${sl.ticketReply.kinds ? ` of kind ${sl.ticketReply.kinds.join(", ")}` : ""} answered within ${sl.ticketReply.maxMinutes} min`, sl.ticketReply.enabled, input.tickets ? tickets : null, zone, noInput("tickets")),
    check("afterSaleReview", `after-sales requests reviewed within ${sl.afterSaleReview.maxHours} h`, sl.afterSaleReview.enabled, input.afterSales ? reviews : null, zone, noInput("afterSales")),
    check("refundAfterReceipt", `refund within ${sl.refundAfterReceipt.maxHours} h after the returned goods arrive`, sl.refundAfterReceipt.enabled, input.afterSales ? refunds : null, zone, noInput("afterSales")),
    check("presaleWait", `a pre-sales buyer never waits ${sl.presaleWait.maxWaitSeconds} s or more`, sl.presaleWait.enabled, input.consultations && wait.checked > 0 ? wait : null, zone, "no consultation carries maxResponseSeconds (the longest wait)"),
    unsupported("orderAnomaly", "order anomaly verified within 24 h", "the inputs carry no order anomaly reports"),
    unsupported("shipping", "shipped within 24 h of the order", "the inputs carry no shipping times"),
    unsupported("pickupScan", "pickup scan within 48 h of the order", "the inputs carry no pickup scans"),
  ];
}

function unsupported(id: ServiceLevelId, rule: string, why: string): ServiceLevelCheck {
  return { id, rule: `${rule} (${why})`, status: "noData", checked: 0, compliant: 0, complianceRate: null, breaches: [] };
}

function check(id: ServiceLevelId, rule: string, enabled: boolean, records: Tally | null, zone: Zone, whyNoData: string): ServiceLevelCheck {
  if (!enabled) return { id, rule, status: "disabled", checked: 0, compliant: 0, complianceRate: null, breaches: [] };
  if (records === null) return { id, rule: `${rule} (${whyNoData})`, status: "noData", checked: 0, compliant: 0, complianceRate: null, breaches: [] };
  const breaches: ServiceLevelBreach[] = [];
  const at: number[] = [];
  // Instants repeat (minute-resolution exports): each is formatted once.
  const formatted = new Map<number, string>();
  const format = (ms: number): string => {
    let text = formatted.get(ms);
    if (text === undefined) formatted.set(ms, (text = formatInstant(ms, zone)));
    return text;
  };
  for (const r of records.breaches) {
    const never = r.done !== r.done;
    const late = never ? null : seconds(r.done - r.deadline);
    const deadline = format(r.deadline);
    at.push(r.at);
    breaches.push({
      recordId: r.recordId,
      agentId: r.agentId,
      at: format(r.at),
      deadline,
      lateSeconds: late,
      reason: never
        ? `no ${r.what} (due by ${deadline})`
        : r.strict
          ? `${r.what} ${seconds(r.done - r.at)} s, at or over the limit`
          : `${r.what} at ${format(r.done)}, ${late} s late`,
    });
  }
  // In time order, ties by record id.
  const order = breaches.map((_, i) => i);
  order.sort((i, j) => at[i]! - at[j]! || (breaches[i]!.recordId < breaches[j]!.recordId ? -1 : breaches[i]!.recordId > breaches[j]!.recordId ? 1 : 0));
  const checked = records.checked;
  return {
    id,
    rule,
    status: checked === 0 ? "noData" : "ok",
    checked,
    compliant: checked - breaches.length,
    complianceRate: ratio(checked - breaches.length, checked, 4),
    breaches: order.map((i) => breaches[i]!),
  };
}

/** Integer milliseconds as exact decimal seconds: 1500 → "1.5", 61000 → "61". */
function seconds(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const rest = ms - whole * 1000;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(3, "0").replace(/0+$/, "")}`;
}

/** {@link checkServiceLevels} returning `{ success, data | issues }` instead of throwing. */
export function safeCheckServiceLevels(input: ServiceLevelInput, policy: PolicyInput | Policy | undefined, options: KpiOptions): SafeResult<ServiceLevelCheck[]> {
  return safely(() => checkServiceLevels(input, policy, options));
}
