// The one decoder: what it refuses and how it says so, what it reads, and what joins the kinds.
import { describe, expect, it } from "vitest";
import { attributeSales, computeKpis, formatIssue } from "../../src/index.js";
import { MonthDecoder, decodeMonth } from "../../src/records/month.js";
import { safeRun } from "./helpers.js";

const order = { orderId: "O1", buyerId: "b1", createdAt: "2020-02-21 10:05", paidAt: "2020-02-21 10:06", amount: "128.00" };
const consultation = { consultationId: "C1", agentId: "A1", buyerId: "b1", startedAt: "2020-02-21 09:58", firstReplyAt: "2020-02-21 09:59", endedAt: "2020-02-21 10:10" };

function problems(input: unknown): string[] {
  const r = safeRun(() => decodeMonth(input as never, {}));
  return r.success ? [] : r.issues.map(formatIssue);
}

describe("values the decoder refuses, and why", () => {
  it("an id Excel turned into scientific notation (its last digits are lost)", () => {
    expect(problems({ orders: [{ ...order, orderId: "8.43512E+17" }] })).toEqual([
      'orders[0], orderId: "8.43512E+17" looks like a number in scientific notation (a long id Excel has shortened, its last digits lost); expected the id as text — format the column as text before saving',
    ]);
  });

  // Found by the fuzz suite: a buyer id #N/A (a VLOOKUP that found nothing, saved by Excel as
  // text) was read as a buyer who never chatted: the order fully silent, exit 0.
  it("an id that is a spreadsheet's error value (#N/A, #VALUE!, #REF! …): a formula that failed, not an id", () => {
    expect(problems({ orders: [{ ...order, buyerId: "#N/A" }, { ...order, orderId: "#REF!" }, { ...order, orderId: "O3", buyerId: " #div/0! " }] })).toEqual([
      'orders[0] (orderId "O1"), buyerId: "#N/A" is a spreadsheet\'s error value (a formula that failed: #N/A, #VALUE!, #REF! …); expected the buyer id (text)',
      'orders[1], orderId: "#REF!" is a spreadsheet\'s error value (a formula that failed: #N/A, #VALUE!, #REF! …); expected an id (text)',
      'orders[2] (orderId "O3"), buyerId: " #div/0! " is a spreadsheet\'s error value (a formula that failed: #N/A, #VALUE!, #REF! …); expected the buyer id (text)',
    ]);
    // Ids that only start with # are ids; free text may say #N/A.
    expect(problems({ orders: [{ ...order, buyerId: "#NA" }, { ...order, orderId: "O2", buyerId: "#1" }], agents: [{ agentId: "A1", name: "#N/A" }] })).toEqual([]);
  });

  // An id's reading is remembered for the field's last two ids (a chat log's sender and receiver
  // alternate): an id read again is read as it was — equal text, whether the same string or not —
  // and a refused one is refused every time.
  it("an id repeated after others reads as it did the first time, refused each time it is refused", () => {
    const agents = [{ agentId: "A1", name: "王", group: "presale", grade: "junior", accounts: "店:小王" }];
    const m = (k: number, from: string, to: string) => ({ at: `2020-02-21 10:${String(k).padStart(2, "0")}`, from, to, text: "在吗" });
    const bad = "b1\u0007";
    const messages = [m(0, "b1", "店:小王"), m(1, "店:小王", "b1"), m(2, ["b", "1"].join(""), "店:小王"), m(3, bad, "店:小王"), m(4, "店:小王", " b1 "), m(5, bad, "店:小王"), m(6, "b1", "店:小王")];
    expect(problems({ agents, messages })).toEqual([
      'messages[3], from: "b1\\u0007" holds a control character (U+0007): it would not match the id without it; expected an id (text)',
      'messages[5], from: "b1\\u0007" holds a control character (U+0007): it would not match the id without it; expected an id (text)',
    ]);
    // Without the refused rows: one buyer, b1 (the padded " b1 " read as b1).
    const month = decodeMonth({ agents, messages: messages.filter((_, k) => k !== 3 && k !== 5) });
    expect(month.buyers.size).toBe(1);
    expect(month.tables.consultations!.count).toBe(1);
  });

  it("an id given as a number: expected text, not 'missing'", () => {
    expect(problems({ orders: [{ ...order, orderId: 843512000000000000 }] })).toEqual([
      "orders[0], orderId: is the number 843512000000000000; expected an id (text) (write ids as text: a number may have lost digits)",
    ]);
    const r = safeRun(() => decodeMonth({ orders: [{ ...order, orderId: 5 }] } as never));
    expect(!r.success && r.issues[0]!.code).toBe("invalid_type");
  });

  it("a negative zero amount, as text or as a number", () => {
    expect(problems({ orders: [{ ...order, amount: "-0" }, { ...order, orderId: "O2", amount: "-0.00" }, { ...order, orderId: "O3", amount: -0 }] })).toEqual([
      'orders[0] (orderId "O1"), amount: "-0" is a negative zero; expected an amount like 123.45 (write 0)',
      'orders[1] (orderId "O2"), amount: "-0.00" is a negative zero; expected an amount like 123.45 (write 0)',
      'orders[2] (orderId "O3"), amount: -0 is a negative zero; expected an amount like 123.45 (write 0)',
    ]);
  });

  it("a count too large is echoed as given, not as the float it would round to", () => {
    expect(problems({ consultations: [{ ...consultation, responseCount: "9007199254740993", responseSeconds: "1" }] })).toEqual([
      'consultations[0] (consultationId "C1"), responseCount: "9007199254740993" is out of range; expected a whole number ≥ 0',
    ]);
  });

  it("a key that is no field: an error, with the field it misspells", () => {
    expect(problems({ orders: [{ ...order, refundamount: "28.00" }, { ...order, orderId: "O2", refund_Amount: "1" }, { ...order, orderId: "O3", note: "x" }] })).toEqual([
      'orders[0] (orderId "O1"): unknown field "refundamount" (did you mean "refundAmount"?); expected only the fields orderId, buyerId, createdAt, paidAt, amount, refundAmount, remarkAgentId, flag, shopId',
      'orders[1] (orderId "O2"): unknown field "refund_Amount" (did you mean "refundAmount"?); expected only the fields orderId, buyerId, createdAt, paidAt, amount, refundAmount, remarkAgentId, flag, shopId',
      'orders[2] (orderId "O3"): unknown field "note"; expected only the fields orderId, buyerId, createdAt, paidAt, amount, refundAmount, remarkAgentId, flag, shopId',
    ]);
  });

  it("ids are trimmed: ' O1 ' and 'O1' are one id", () => {
    expect(problems({ orders: [order, { ...order, orderId: " O1 " }] })).toEqual([
      'orders[1] (orderId "O1"), orderId: "O1" appears more than once; each order must be listed once (first at orders[0])',
    ]);
    // The first holder is data on the issue, not text to parse back out of the message.
    const repeated = safeRun(() => decodeMonth({ orders: [order, { ...order, orderId: " O1 " }] }));
    expect(repeated.success ? null : repeated.issues[0]).toMatchObject({
      message: '"O1" appears more than once; each order must be listed once',
      related: { path: ["orders", 0], recordId: 'orderId "O1"' },
    });
    const month = decodeMonth({ orders: [{ ...order, orderId: "\tO1 ", buyerId: " b1" }] });
    expect(month.tables.orders!.columns.orderId.toArray()).toEqual(["O1"]);
    expect(month.buyers.buyerId(0)).toBe("b1");
  });

  it("a record that is no object, a kind that is no list, a key that is no kind", () => {
    expect(problems(null)).toEqual(["input: expected an object of record arrays like { agents: [...] }, got null"]);
    expect(problems({ orders: { O1: order } })).toEqual(["orders: expected an array of orders records, got an object"]);
    expect(problems({ orders: [order], consultation: [consultation] })).toEqual([
      'consultation: is no kind of record (did you mean "consultations"?); expected agents, consultations, messages, orders, shipments, orderAnomalies, tickets, afterSales, reviews, complaints, qc, calls, violations, rewards, assessments, probation, scores, roster, returnedParcels, shopReviews, traffic, attendance',
    ]);
    expect(problems({ orders: [order, null, "O3", [order]] })).toEqual([
      "orders[1]: is not an order record; expected an object with the fields orderId, buyerId, createdAt, paidAt, amount, got null",
      'orders[2]: is not an order record; expected an object with the fields orderId, buyerId, createdAt, paidAt, amount, got the text "O3"',
      "orders[3]: is not an order record; expected an object with the fields orderId, buyerId, createdAt, paidAt, amount, got an array",
    ]);
  });

  it("a record whose getter throws is named, not a crash", () => {
    const bad = Object.defineProperty({ ...order }, "amount", { enumerable: true, get: () => { throw new Error("boom"); } });
    expect(problems({ orders: [bad] })).toEqual(["orders[0]: could not be read (boom)"]);
  });

  it("the library's entry points refuse a kind that is no list (it used to read as no orders at all)", () => {
    const r = safeRun(() => attributeSales({ orders: { 0: order } } as never));
    expect(r.success ? [] : r.issues.map(formatIssue)).toEqual(["orders: expected an array of orders records, got an object"]);
  });
});

describe("what joins orders to consultations: the shop", () => {
  it("a shopId on one side only links nothing: an error naming the consequence", () => {
    expect(problems({ orders: [{ ...order, shopId: "S1" }], consultations: [consultation] })).toEqual([
      "consultations.shopId: orders name a shop (shopId) but consultations do not, so no order could be linked to a consultation (every paid order would count as fully silent); give shopId in both or in neither",
    ]);
    expect(problems({ orders: [order], consultations: [{ ...consultation, shopId: "S1" }] })).toEqual([
      "orders.shopId: consultations name a shop (shopId) but orders do not, so no order could be linked to a consultation (every paid order would count as fully silent); give shopId in both or in neither",
    ]);
  });

  it("shop ids that differ in case only: an error on each side", () => {
    expect(problems({ orders: [{ ...order, shopId: "S1" }], consultations: [{ ...consultation, shopId: "s1" }] })).toEqual([
      'consultations.shopId: shop "s1" differs only in case from "S1" of the orders; shop ids must match exactly to link orders to consultations',
      'orders.shopId: shop "S1" differs only in case from "s1" of the consultations; shop ids must match exactly to link orders to consultations',
    ]);
  });

  it("a shop with orders and no consultations is a warning (its orders are fully silent)", () => {
    const month = decodeMonth({ orders: [{ ...order, shopId: "S1" }, { ...order, orderId: "O2", shopId: "S2" }], consultations: [{ ...consultation, shopId: "S1" }] });
    expect(month.warnings).toEqual(['orders: shop "S2" has 1 orders and no consultations: its paid orders count as fully silent (全静默)']);
    const sales = attributeSales(month);
    expect(sales.orders.map((o) => o.status)).toEqual(["assisted", "fully-silent"]);
  });

  it("the same buyer id in two shops is two buyers", () => {
    const month = decodeMonth({ orders: [{ ...order, shopId: "S1" }, { ...order, orderId: "O2", shopId: "S2" }], consultations: [{ ...consultation, shopId: "S1" }, { ...consultation, consultationId: "C2", shopId: "S2", agentId: "A2" }] });
    expect(month.buyers.size).toBe(2);
    expect(attributeSales(month).orders.map((o) => o.creditedAgent)).toEqual(["A1", "A2"]);
  });
});

describe("sums stay exact or the record that breaks them is named", () => {
  it("the period's paid total past 2^53 fen", () => {
    const big = Array.from({ length: 9010 }, (_, i) => ({ ...order, orderId: `O${i}`, amount: "10000000000.00" }));
    const r = safeRun(() => attributeSales({ orders: big }, {}, { period: "2020-02" }));
    expect(r.success ? [] : r.issues.map(formatIssue)).toEqual([
      "orders[9007], amount: brings the period's paid total past 90071992547409.91 yuan, beyond what sums exactly; split the period",
    ]);
  });

  it("a KPI counter past 2^53 (100-year waits, summed)", () => {
    const slow = Array.from({ length: 3000 }, (_, i) => ({ ...consultation, consultationId: `C${i}`, startedAt: "1921-02-01 00:00", firstReplyAt: "2020-02-21 09:59", endedAt: "2020-02-21 10:00" }));
    const r = safeRun(() => computeKpis({ consultations: slow }, { timeZone: "UTC" }, { period: "1921-02" }));
    expect(r.success ? [] : r.issues.map(formatIssue)).toEqual(["kpi.A1.firstResponseMs: the sum of firstResponseMs of A1 passes 2^53 and would no longer be exact; compute a shorter period"]);
  });
});

describe("one decoded month for several results", () => {
  it("an entry point given a decoded month decodes nothing again: under the month's policy, or another of the same zone", () => {
    const month = decodeMonth({ orders: [order], consultations: [consultation] }, { attribution: { windowHours: 24 } });
    expect(attributeSales(month).policy.windowHours).toBe(24);
    // The chat ended 10:10, the order was placed 10:05: another window or rule reads the same columns.
    expect(attributeSales(month, { attribution: { windowHours: 12, rule: "pay" } }).policy).toMatchObject({ windowHours: 12, rule: "pay" });
    const r = safeRun(() => attributeSales(month, { timeZone: "UTC" }));
    expect(r.success ? [] : r.issues.map(formatIssue)).toEqual([
      "policy.timeZone: the month was decoded with timeZone Asia/Shanghai (ambiguousTimes error); its wall times read otherwise under this policy: decode the month under it (decodeMonth(records, policy))",
    ]);
  });
});

describe("ids hold no invisible characters", () => {
  it("a control character, a direction override or U+FFFD in an id is an error (it would silently stop matching)", () => {
    expect(problems({ orders: [{ ...order, buyerId: "b\u00001" }, { ...order, orderId: "O2", buyerId: "b\u001b[31m1" }, { ...order, orderId: "O3", buyerId: "b\u202e1" }, { ...order, orderId: "O\ufffd4" }] })).toEqual([
      'orders[0] (orderId "O1"), buyerId: "b\\u00001" holds a control character (U+0000): it would not match the id without it; expected the buyer id (text)',
      'orders[1] (orderId "O2"), buyerId: "b\\u001b[31m1" holds a control character (U+001B): it would not match the id without it; expected the buyer id (text)',
      'orders[2] (orderId "O3"), buyerId: "b\u202e1" holds a direction mark or override (U+202E): it would not match the id without it; expected the buyer id (text)',
      'orders[3], orderId: "O\ufffd4" holds a character the file\'s encoding could not read (U+FFFD): it would not match the id without it; expected an id (text)',
    ]);
  });
  // Found by the fuzz suite: a BOM, a zero-width space or a lone quote put into a buyer id of
  // orders.csv left the order without its chat (fully silent) and the agent without its sales, exit 0.
  it("an invisible character (a BOM inside the text, a zero-width space, a soft hyphen …), a line separator or a double quote in an id is an error", () => {
    const ids = ["b01\ufeff01", "b01\u200b01", "b01\u00ad01", "b01\u2060", "b01\u200e01", "b01\u061c01", "b01\u202801", 'b01"01'];
    expect(problems({ orders: ids.map((buyerId, i) => ({ ...order, orderId: `O${i}`, buyerId })) })).toEqual([
      'orders[0] (orderId "O0"), buyerId: "b01\ufeff01" holds an invisible character (U+FEFF): it would not match the id without it; expected the buyer id (text)',
      'orders[1] (orderId "O1"), buyerId: "b01\u200b01" holds an invisible character (U+200B): it would not match the id without it; expected the buyer id (text)',
      'orders[2] (orderId "O2"), buyerId: "b01\u00ad01" holds an invisible character (U+00AD): it would not match the id without it; expected the buyer id (text)',
      'orders[3] (orderId "O3"), buyerId: "b01\u2060" holds an invisible character (U+2060): it would not match the id without it; expected the buyer id (text)',
      'orders[4] (orderId "O4"), buyerId: "b01\u200e01" holds a direction mark or override (U+200E): it would not match the id without it; expected the buyer id (text)',
      'orders[5] (orderId "O5"), buyerId: "b01\u061c01" holds a direction mark or override (U+061C): it would not match the id without it; expected the buyer id (text)',
      'orders[6] (orderId "O6"), buyerId: "b01\u202801" holds a line or paragraph separator (U+2028): it would not match the id without it; expected the buyer id (text)',
      'orders[7] (orderId "O7"), buyerId: "b01\\"01" holds a double quote (U+0022): it would not match the id without it; expected the buyer id (text)',
    ]);
    // A BOM or a no-break space at either end is white space, trimmed as spaces are.
    expect(problems({ orders: [{ ...order, buyerId: "\ufeffb1\u00a0" }] })).toEqual([]);
  });
  it("free text (a name, a note) may hold them; the renderers escape them", () => {
    expect(problems({ agents: [{ agentId: "A1", name: "王\u001b[2J芳" }] })).toEqual([]);
  });
});

describe("the decoder's columns", () => {
  it("hold any number of records read from a file (the locators stay aligned after 1-byte columns)", () => {
    for (const n of [1, 3, 17, 18, 19, 1025]) {
      const decoder = new MonthDecoder({});
      const builder = decoder.builder("agents", { source: { file: "agents.json", style: "index" }, expected: n });
      builder.addObjects(Array.from({ length: n }, (_, i) => ({ agentId: `A${i}`, name: "x", group: "presale", grade: "junior" })));
      decoder.add(builder.finish());
      const month = decoder.finish();
      expect(month.tables.agents!.count).toBe(n);
      expect(month.tables.agents!.columns.group.every((g) => g === 0)).toBe(true);
    }
  });
  it("say what a value of the wrong type is", () => {
    expect(problems({ orders: [{ ...order, createdAt: { at: 1 } }, { ...order, orderId: "O2", createdAt: [1] }] })).toEqual([
      'orders[0] (orderId "O1"), createdAt: is an object; expected a date-time like 2020-02-21 09:00:00',
      'orders[1] (orderId "O2"), createdAt: is an array; expected a date-time like 2020-02-21 09:00:00',
    ]);
  });
});

describe("the KPIs of a decoded month", () => {
  it("take attribution's credits as an option (a decoded month holds records only)", () => {
    const month = decodeMonth({ orders: [order], consultations: [consultation] });
    const credits = attributeSales(month, undefined, { period: "2020-02" }).orders.map((o) => ({ orderId: o.orderId, agentId: o.creditedAgent }));
    expect(computeKpis(month, undefined, { period: "2020-02" }).shop.kpis.agentSales.status).toBe("noData");
    expect(computeKpis(month, undefined, { period: "2020-02", credits }).shop.kpis.agentSales.value).toBe("128.00");
  });
});
