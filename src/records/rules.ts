/**
 * The rules that join two fields of one record (an order is not paid before it was placed; a
 * consultation is not answered before it started …). A rule reads the record's decoded values of
 * the fields it names, in their order: a number (epoch ms, fen, a count, an agent's number; NaN,
 * or -1 for an agent, when the field is absent), and a bit per field that could not be read (its
 * own issue says why; the rule stays silent about it).
 */
import { IssueCode } from "../errors.js";
import { formatFen } from "../money/fen.js";
import type { Zone } from "../time/zone.js";
import type { RecordKind } from "./kinds.js";

/** Reports a broken rule at the field in position `at` of the rule's fields. */
export type Fail = (at: number, code: IssueCode, message: string) => void;

export interface Rule {
  /** The fields the rule reads, in the order of `values`. */
  readonly fields: readonly string[];
  /**
   * @param v - the values of `fields` (NaN when absent)
   * @param failed - bit `k` set when `fields[k]` could not be read
   */
  check(v: Float64Array, failed: number, fail: Fail, zone: Zone): void;
}

const given = (x: number): boolean => x === x;
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** An instant as the shop's wall time, as exports write it: `2020-02-21 09:59` (seconds when not 0). */
export function wallText(ms: number, zone: Zone): string {
  const w = zone.wallOf(ms);
  const seconds = w.second !== 0 || w.millisecond !== 0 ? `:${pad(w.second)}${w.millisecond !== 0 ? `.${String(w.millisecond).padStart(3, "0")}` : ""}` : "";
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}${seconds}`;
}
const unread = (failed: number, k: number): boolean => (failed & (1 << k)) !== 0;

// An instant (or amount) `v[a]` not before `v[b]`: false when it is.
function notBefore(v: Float64Array, failed: number, fail: Fail, zone: Zone, fields: readonly string[], a: number, b: number, code: IssueCode = IssueCode.invalidValue, what?: string): boolean {
  if (unread(failed, a) || unread(failed, b)) return true;
  const x = v[a]!;
  const y = v[b]!;
  if (given(x) && given(y) && x < y) {
    fail(a, code, what === undefined ? `${wallText(x, zone)} is before ${fields[b]} ${wallText(y, zone)}` : `${wallText(x, zone)} is before ${what} (${wallText(y, zone)})`);
    return false;
  }
  return true;
}

const ORDER = ["createdAt", "paidAt", "amount", "refundAmount"] as const;
const CONSULTATION = ["startedAt", "firstReplyAt", "endedAt", "responseCount", "responseSeconds", "maxResponseSeconds", "agentId", "transferredTo", "transferredFrom"] as const;
const TICKET = ["createdAt", "firstReplyAt", "closedAt"] as const;
const AFTER_SALE = ["appliedAt", "reviewedAt", "goodsReceivedAt", "refundedAt", "refundAmount"] as const;
const SHIPMENT = ["shippedAt", "pickedUpAt"] as const;
const ANOMALY = ["raisedAt", "verifiedAt"] as const;
const COMPLAINT = ["at", "repliedAt"] as const;
const REWARD = ["kind", "amount"] as const;
/** The reward kinds that carry their own amount (the others are paid the policy's). */
const AWARDS = new Set([2, 3]); // performanceAward, specialAward (indexes in the kind's values)

const VIOLATION = ["agentId", "condonedBy"] as const;

/** The record rules of each kind that has any. */
export const RULES: Partial<Record<RecordKind, Rule>> = {
  violations: {
    fields: VIOLATION,
    // Agents are compared by their number in the month's agent list (-1 or NaN: not given).
    check(v, failed, fail) {
      if (unread(failed, 0) || unread(failed, 1)) return;
      const violator = v[0]!;
      if (violator >= 0 && violator === v[1]!) fail(1, IssueCode.invalidValue, "is the violator; condonedBy names the supervisor who saw it");
    },
  },
  rewards: {
    fields: REWARD,
    check(v, failed, fail) {
      if (unread(failed, 0) || unread(failed, 1) || !AWARDS.has(v[0]!) || given(v[1]!)) return;
      fail(1, IssueCode.missingField, `is missing; ${v[0] === 2 ? "a performanceAward" : "a specialAward"} carries its amount, like 200.00`);
    },
  },
  orders: {
    fields: ORDER,
    check(v, failed, fail, zone) {
      const [CREATED, PAID, AMOUNT, REFUND] = [0, 1, 2, 3];
      notBefore(v, failed, fail, zone, ORDER, PAID, CREATED, IssueCode.paidBeforeCreated);
      const refund = v[REFUND]!;
      if (unread(failed, REFUND) || !given(refund)) return;
      const amount = v[AMOUNT]!;
      if (!unread(failed, AMOUNT) && given(amount) && refund > amount) {
        fail(REFUND, IssueCode.refundExceedsAmount, `${formatFen(refund)} is more than the amount ${formatFen(amount)}`);
      } else if (refund > 0 && !unread(failed, PAID) && !given(v[PAID]!)) {
        // Only an absent paidAt means unpaid; an unreadable one has its own issue.
        fail(REFUND, IssueCode.refundOnUnpaidOrder, `${formatFen(refund)} is refunded on an order that was never paid`);
      }
    },
  },
  consultations: {
    fields: CONSULTATION,
    check(v, failed, fail, zone) {
      const [STARTED, REPLIED, ENDED, COUNT, SECONDS, MAX, AGENT, TO, FROM] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
      // A transfer is between two agents (agents by their number; -1 or NaN: not given).
      for (const [k, word] of [[TO, "to"], [FROM, "from"]] as const) {
        if (!unread(failed, AGENT) && !unread(failed, k) && v[AGENT]! >= 0 && v[k] === v[AGENT]) {
          fail(k, IssueCode.invalidValue, `is the consultation's own agent; a transfer goes ${word} another agent`);
        }
      }
      if (given(v[REPLIED]!)) {
        if (notBefore(v, failed, fail, zone, CONSULTATION, REPLIED, STARTED, IssueCode.replyBeforeStart, "the consultation started")) {
          notBefore(v, failed, fail, zone, CONSULTATION, ENDED, REPLIED, IssueCode.endBeforeReply, "the first reply");
        }
      } else if (!unread(failed, REPLIED)) notBefore(v, failed, fail, zone, CONSULTATION, ENDED, STARTED, IssueCode.endBeforeStart, "the consultation started");
      if (unread(failed, COUNT) || unread(failed, SECONDS)) return;
      const rc = v[COUNT]!;
      const rs = v[SECONDS]!;
      const max = v[MAX]!;
      if (given(rc) !== given(rs)) {
        const [missing, other] = given(rc) ? [SECONDS, "responseCount"] : [COUNT, "responseSeconds"];
        fail(missing, IssueCode.missingField, `is missing; expected it beside ${other} (the two go together)`);
      } else if (!unread(failed, MAX) && given(max) && given(rs) && max > rs) {
        fail(MAX, IssueCode.invalidValue, `${max} is more than the sum of the response intervals (responseSeconds ${rs})`);
      } else if (rc === 0 && rs > 0) {
        fail(SECONDS, IssueCode.invalidValue, `${rs} seconds over 0 responses`);
      }
    },
  },
  shipments: {
    fields: SHIPMENT,
    check(v, failed, fail, zone) {
      const [SHIPPED, PICKED] = [0, 1];
      if (!unread(failed, SHIPPED) && !given(v[SHIPPED]!) && !unread(failed, PICKED) && given(v[PICKED]!)) {
        fail(SHIPPED, IssueCode.missingField, `is missing; the carrier picked the order up at ${wallText(v[PICKED]!, zone)}, so it was shipped`);
      } else notBefore(v, failed, fail, zone, SHIPMENT, PICKED, SHIPPED);
    },
  },
  orderAnomalies: {
    fields: ANOMALY,
    check(v, failed, fail, zone) {
      notBefore(v, failed, fail, zone, ANOMALY, 1, 0);
    },
  },
  shopReviews: {
    fields: ["outcome", "handlerId"],
    check(v, failed, fail) {
      // An enum or agent that is absent reads as NaN or -1.
      const [OUTCOME, HANDLER] = [0, 1];
      if (unread(failed, OUTCOME) || unread(failed, HANDLER)) return;
      if (v[OUTCOME]! >= 0 && !(v[HANDLER]! >= 0)) fail(HANDLER, IssueCode.missingField, "is missing; a handled review (one with an outcome) names the agent who handled it");
    },
  },
  complaints: {
    fields: COMPLAINT,
    check(v, failed, fail, zone) {
      notBefore(v, failed, fail, zone, COMPLAINT, 1, 0);
    },
  },
  tickets: {
    fields: TICKET,
    check(v, failed, fail, zone) {
      notBefore(v, failed, fail, zone, TICKET, 1, 0);
      notBefore(v, failed, fail, zone, TICKET, 2, 0);
    },
  },
  afterSales: {
    fields: AFTER_SALE,
    check(v, failed, fail, zone) {
      const [APPLIED, REVIEWED, RECEIVED, REFUNDED, AMOUNT] = [0, 1, 2, 3, 4];
      notBefore(v, failed, fail, zone, AFTER_SALE, REVIEWED, APPLIED);
      notBefore(v, failed, fail, zone, AFTER_SALE, RECEIVED, APPLIED);
      notBefore(v, failed, fail, zone, AFTER_SALE, REFUNDED, APPLIED);
      if (given(v[REFUNDED]!) && !unread(failed, AMOUNT) && !given(v[AMOUNT]!)) {
        fail(AMOUNT, IssueCode.missingField, "is missing; expected the amount refunded at refundedAt");
      }
    },
  },
};
