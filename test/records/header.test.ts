// Header matching: exact ids and Chinese names are columns; near misses (case, spaces, one typo)
// are errors that suggest the name; anything else is an unused column.
import { describe, expect, it } from "vitest";
import { matchHeader, nearNames } from "../../src/records/header.js";

const ORDERS = ["orderId", "buyerId", "createdAt", "paidAt", "amount"];

describe("matchHeader", () => {
  it("maps ids and Chinese names to fields, trimming cells, and lists unused columns", () => {
    const m = matchHeader("orders", [" orderId", "买家会员名", "createdAt\t", "付款时间", "amount", "channel", ""]);
    expect(m.fields).toEqual(["orderId", "buyerId", "createdAt", "paidAt", "amount", null, null]);
    expect(m.issues).toEqual([]);
    expect(m.unused).toEqual(["channel"]);
  });

  it("makes a column that misses a field by case, spaces, _ or one typo an error naming the field", () => {
    for (const near of ["refundamount", "refund Amount", "RefundAmount", "refund_amount", "refundAmout", "refundAmmount", "refnudAmount", " refundAmount2"]) {
      const m = matchHeader("orders", [...ORDERS, near]);
      expect(m.fields[5], near).toBeNull();
      expect(m.unused, near).toEqual([]);
      expect(m.issues, near).toEqual([
        {
          code: "invalid_file",
          column: 5,
          message: `column "${near.trim()}" is not a column of orders: did you mean refundAmount (退款金额)? (names match exactly, case included)`,
        },
      ]);
    }
  });

  it("suggests a required field instead of calling it missing", () => {
    const m = matchHeader("orders", ["orderId", "buyerId", "createdAt", "paidat", "amount"]);
    expect(m.issues.map((i) => i.message)).toEqual([
      'column "paidat" is not a column of orders: did you mean paidAt (订单付款时间 / 付款时间)? (names match exactly, case included)',
    ]);
  });

  it("matches Chinese names up to spaces, never by a one-character difference", () => {
    expect(matchHeader("orders", [...ORDERS, "退款 金额"]).issues.map((i) => i.column)).toEqual([5]);
    expect(matchHeader("orders", [...ORDERS, "退货金额"]).unused).toEqual(["退货金额"]);
  });

  it("applies the typo rule to ids of 5 letters or more only", () => {
    // `rule` vs `role`, `note` vs `notes`: short ids match only up to case and spaces.
    const violations = ["violationId", "agentId", "at", "rule", "role", "notes", "Note "];
    const m = matchHeader("violations", violations);
    expect(m.unused).toEqual(["role", "notes"]);
    expect(m.issues.map((i) => i.message)).toEqual(['column "Note" is not a column of violations: did you mean note (备注)? (names match exactly, case included)']);
  });

  it("leaves a near miss of a field that another column holds as an unused column", () => {
    const m = matchHeader("orders", [...ORDERS, "amounts"]);
    expect(m.issues).toEqual([]);
    expect(m.unused).toEqual(["amounts"]);
  });

  it("reports missing required columns and a field given twice", () => {
    expect(matchHeader("orders", ["orderId", "buyerId", "amount"]).issues.map((i) => i.message)).toEqual([
      "missing column createdAt (expected columns orderId, buyerId, createdAt, paidAt, amount)",
      "missing column paidAt (expected columns orderId, buyerId, createdAt, paidAt, amount)",
    ]);
    expect(matchHeader("orders", [...ORDERS, "订单编号", "amount"]).issues.map((i) => [i.column, i.message])).toEqual([
      [5, "columns orderId and 订单编号 both name orderId"],
      [6, "column amount appears more than once"],
    ]);
  });

  it("matches the keys of JSON records the same way, without requiring any", () => {
    const m = matchHeader("orders", ["orderId", "paidat", "note"], { required: false, noun: "key" });
    expect(m.issues.map((i) => i.message)).toEqual(['key "paidat" is not a key of orders: did you mean paidAt (订单付款时间 / 付款时间)? (names match exactly, case included)']);
    expect(m.unused).toEqual(["note"]);
  });

  it("is not fooled by keys that name Object.prototype", () => {
    const m = matchHeader("orders", ["__proto__", "constructor", "toString", ...ORDERS]);
    expect(m.fields.slice(0, 3)).toEqual([null, null, null]);
    expect(m.unused).toEqual(["__proto__", "constructor", "toString"]);
  });
});

describe("nearNames", () => {
  it("finds names one typo, a case or a space away, and not the name itself", () => {
    const kinds = ["agents", "consultations", "orders", "qc", "calls"];
    expect(nearNames("consultation", kinds)).toEqual(["consultations"]);
    expect(nearNames("orderss", kinds)).toEqual(["orders"]);
    expect(nearNames("Orders", kinds)).toEqual(["orders"]);
    expect(nearNames("orders", kinds)).toEqual([]);
    expect(nearNames("qa", kinds)).toEqual([]);
    expect(nearNames("ExportOrderList202002", kinds)).toEqual([]);
  });
});
