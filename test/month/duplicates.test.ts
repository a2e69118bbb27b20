import { describe, expect, it } from "vitest";
import { formatIssue, safeBuildMonthReport } from "../../src/index.js";

const consultation = (id: string, buyerId: string) => ({ consultationId: id, agentId: "A01", buyerId, startedAt: "2020-02-10 09:00", firstReplyAt: "2020-02-10 09:01", endedAt: "2020-02-10 09:10" });
const orders = [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-10 10:00", paidAt: "2020-02-10 10:01", amount: "10.00" }];

describe("month report: repeated consultation ids", () => {
  it("names every repeated row and its first holder, before attribution runs", () => {
    const consultations = [consultation("C1", "b1"), consultation("C2", "b2"), consultation("C1", "b3"), consultation("C3", "b1"), consultation("C1", "b1")];
    const r = safeBuildMonthReport({ consultations, orders }, {}, { month: "2020-02" });
    expect(r.success ? [] : r.issues.map(formatIssue)).toEqual([
      'consultations[2] (consultationId "C1"), consultationId: "C1" appears more than once; each consultation must be listed once (first at consultations[0])',
      'consultations[4] (consultationId "C1"), consultationId: "C1" appears more than once; each consultation must be listed once (first at consultations[0])',
    ]);
  });

  it("leaves ids that are equal but for case apart; spaces around an id are no part of it", () => {
    expect(safeBuildMonthReport({ consultations: [consultation("C1", "b1"), consultation("c1", "b1")], orders }, {}, { month: "2020-02" }).success).toBe(true);
    // Ids are trimmed everywhere (a CSV cell, a sheet cell, a record of the library): "C1 " is C1.
    const r = safeBuildMonthReport({ consultations: [consultation("C1", "b1"), consultation("C1 ", "b1")], orders }, {}, { month: "2020-02" });
    expect(r.success ? [] : r.issues.map((i) => [i.code, i.path.join(".")])).toEqual([["duplicate_id", "consultations.1.consultationId"]]);
  });
});
