// The fast checks of the smaller kinds accept only what their zod schema accepts unchanged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AfterSaleSchema, PhoneCallSchema, QcInspectionSchema, ServiceReviewSchema, TicketSchema } from "../../src/index.js";
import { fastAfterSale, fastCall, fastQc, fastReview, fastTicket } from "../../src/kpi/fastValid.js";

const anyValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("A1", "good", "2020-02-03 10:00", true, 5, 87.5, "12.50") },
  { weight: 4, arbitrary: fc.constantFrom(undefined, null, "", " A1", "A1 ", "bad", "neutral", "great", "2020-02-31 10:00", "-1", "1.005", false, 0, 1, 6, 3.5, 80.125, 59.5, 100, 101, -0.5) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
  { weight: 1, arbitrary: fc.double({ min: -10, max: 120, noNaN: true }) },
);
// Each key present or not, with a value often valid for some field; now and then an unknown key.
const recordOf = (keys: readonly string[]) =>
  fc.record({ ...Object.fromEntries(keys.map((k) => [k, anyValue])), extra: anyValue }, { requiredKeys: [] }).map((r) =>
    Math.abs(JSON.stringify(r).length % 7) === 0 ? r : Object.fromEntries(Object.entries(r).filter(([k]) => k !== "extra")),
  );

const cases = [
  ["tickets", fastTicket, TicketSchema, ["ticketId", "agentId", "createdAt", "firstReplyAt", "closedAt", "closedOnFirstReply", "kind"]],
  ["afterSales", fastAfterSale, AfterSaleSchema, ["afterSaleId", "agentId", "orderId", "appliedAt", "reviewedAt", "goodsReceivedAt", "refundedAt", "refundAmount", "satisfaction"]],
  ["reviews", fastReview, ServiceReviewSchema, ["reviewId", "agentId", "at", "rating"]],
  ["qc", fastQc, QcInspectionSchema, ["conversationId", "agentId", "at", "score"]],
  ["calls", fastCall, PhoneCallSchema, ["callId", "agentId", "at", "answered"]],
] as const;

describe("fast checks agree with the schemas", () => {
  for (const [kind, fast, schema, keys] of cases) {
    it(`${kind}: fast ⇒ the schema accepts the record unchanged (instants are read later)`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(recordOf(keys), (r) => {
          if (!fast(r)) return;
          accepted++;
          // Instants are checked by the collection, in the shop zone: give the schema valid ones.
          const withInstants = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, /At$|^at$/.test(k) && typeof v === "string" && v !== "" ? "2020-02-03 10:00" : v]));
          const parsed = schema.safeParse(withInstants);
          expect(parsed.success).toBe(true);
          if (parsed.success) expect(parsed.data).toEqual(withInstants);
        }),
        { numRuns: 3000 },
      );
      expect(accepted).toBeGreaterThan(0); // the property was exercised
    });
  }

  it("accept the ordinary valid records", () => {
    expect(fastTicket({ ticketId: "T1", agentId: "A1", createdAt: "2020-02-03 10:00", firstReplyAt: "", closedOnFirstReply: true, kind: "urgent" })).toBe(true);
    expect(fastAfterSale({ afterSaleId: "S1", agentId: "A1", appliedAt: "2020-02-03 10:00", refundedAt: "2020-02-04 10:00", refundAmount: "12.50", satisfaction: 5 })).toBe(true);
    expect(fastReview({ agentId: "A1", at: "2020-02-03 10:00", rating: "neutral" })).toBe(true);
    expect(fastQc({ conversationId: "C1", agentId: "A1", at: "2020-02-03 10:00", score: 87.5 })).toBe(true);
    expect(fastCall({ agentId: "A1", at: "2020-02-03 10:00", answered: false })).toBe(true);
    expect(fastQc({ conversationId: "C1", agentId: "A1", at: "2020-02-03 10:00", score: 80.125 })).toBe(false);
    expect(fastReview({ agentId: " A1", at: "2020-02-03 10:00", rating: "good" })).toBe(false);
  });
});
