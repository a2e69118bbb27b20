/**
 * Fast checks of the smaller KPI kinds: `true` only when a record is certainly valid by its zod
 * schema (`schema.ts`) and would come out of it unchanged (no key to drop, no id to trim), so the
 * record itself can be used; anything else goes through zod, which names every problem. At a
 * million orders these kinds hold ~400k records, which zod would copy one by one.
 *
 * Instants are only checked to be text here: the collection reads each one in the shop zone and
 * reports an unreadable one with the message zod would give (`describeInstantError`).
 * `test/kpi/fastValid.test.ts` holds the fast checks to their schemas.
 */
import { parseFen } from "../money/fen.js";

type Rec = Record<string, unknown>;

const isId = (v: unknown): boolean => typeof v === "string" && v.length > 0 && v.trim() === v;
const isInstantText = (v: unknown): boolean => typeof v === "string" && v !== "";
const isOptionalInstant = (v: unknown): boolean => v === undefined || v === null || typeof v === "string";
const isOptionalText = (v: unknown): boolean => v === undefined || typeof v === "string";

function onlyKeys(r: Rec, allowed: ReadonlySet<string>): boolean {
  for (const k in r) if (!allowed.has(k)) return false;
  return true;
}

const isRecord = (r: unknown): r is Rec => typeof r === "object" && r !== null && !Array.isArray(r);

const TICKET = new Set(["ticketId", "agentId", "createdAt", "firstReplyAt", "closedAt", "closedOnFirstReply", "kind"]);
export function fastTicket(r: unknown): boolean {
  return (
    isRecord(r) && onlyKeys(r, TICKET) && isId(r["ticketId"]) && isId(r["agentId"]) && isInstantText(r["createdAt"]) &&
    isOptionalInstant(r["firstReplyAt"]) && isOptionalInstant(r["closedAt"]) &&
    (r["closedOnFirstReply"] === undefined || typeof r["closedOnFirstReply"] === "boolean") && isOptionalText(r["kind"])
  );
}

const AFTER_SALE = new Set(["afterSaleId", "agentId", "orderId", "appliedAt", "reviewedAt", "goodsReceivedAt", "refundedAt", "refundAmount", "satisfaction"]);
export function fastAfterSale(r: unknown): boolean {
  if (!isRecord(r) || !onlyKeys(r, AFTER_SALE)) return false;
  const amount = r["refundAmount"];
  const satisfaction = r["satisfaction"];
  return (
    isId(r["afterSaleId"]) && isId(r["agentId"]) && isOptionalText(r["orderId"]) && isInstantText(r["appliedAt"]) &&
    isOptionalInstant(r["reviewedAt"]) && isOptionalInstant(r["goodsReceivedAt"]) && isOptionalInstant(r["refundedAt"]) &&
    (amount === undefined || amount === null || amount === "" || ((typeof amount === "string" || typeof amount === "number") && parseFen(amount) >= 0)) &&
    (satisfaction === undefined || satisfaction === null || (typeof satisfaction === "number" && Number.isInteger(satisfaction) && satisfaction >= 1 && satisfaction <= 5))
  );
}

const REVIEW = new Set(["reviewId", "agentId", "at", "rating"]);
export function fastReview(r: unknown): boolean {
  if (!isRecord(r) || !onlyKeys(r, REVIEW)) return false;
  const rating = r["rating"];
  return isOptionalText(r["reviewId"]) && isId(r["agentId"]) && isInstantText(r["at"]) && (rating === "good" || rating === "neutral" || rating === "bad");
}

const QC = new Set(["conversationId", "agentId", "at", "score"]);
export function fastQc(r: unknown): boolean {
  if (!isRecord(r) || !onlyKeys(r, QC)) return false;
  const score = r["score"];
  return (
    isId(r["conversationId"]) && isId(r["agentId"]) && isInstantText(r["at"]) &&
    typeof score === "number" && score >= 0 && score <= 100 && (Number.isInteger(score) || /^\d+\.\d{1,2}$/.test(String(score)))
  );
}

const CALL = new Set(["callId", "agentId", "at", "answered"]);
export function fastCall(r: unknown): boolean {
  return isRecord(r) && onlyKeys(r, CALL) && isOptionalText(r["callId"]) && isId(r["agentId"]) && isInstantText(r["at"]) && typeof r["answered"] === "boolean";
}
