// 催付 outcomes: every payment reminder owed says when its order was paid, and the duties tally per
// owner (the SMS, each agent, nobody) the reminders owed, paid before the period's end and what
// those orders paid (挽回金额).
import { describe, expect, it } from "vitest";
import { assignDuties, buildMonthReport, type DutyOrder } from "../../src/index.js";
import { renderMonthHtml, renderPeopleTable } from "../../src/render/index.js";
import { SAMPLE_MONTH, sampleRecords } from "../../src/sample/index.js";
import { ReminderOutcomesSchema } from "../../src/schemas.js";

// Friday 21 February: A02 works the night; Thursday 27th: no night shift (nobody owns a reminder);
// nobody is rostered on 1 March.
const roster = [
  { agentId: "A01", date: "2020-02-21", shift: "day" },
  { agentId: "A02", date: "2020-02-21", shift: "night" },
  { agentId: "A01", date: "2020-02-27", shift: "day" },
  { agentId: "A02", date: "2020-02-27", shift: "off" },
  { agentId: "A02", date: "2020-02-29", shift: "day" }, // Saturday
];
const order = (orderId: string, createdAt: string, amount: string, paidAt: string | null = null, placeAgent: string | null = null): DutyOrder => ({ orderId, createdAt, amount, paidAt, placeAgent });
const orders = [
  order("O1", "2020-02-21 10:00", "100.00", "2020-02-21 10:20"), // SMS only, paid after it
  order("O2", "2020-02-21 10:00", "200.50", "2020-02-21 12:00"), // SMS and human (A02), paid after both
  order("O3", "2020-02-21 10:00", "300.00"), // never paid
  order("O4", "2020-02-27 10:00", "8.00", "2020-02-27 11:00"), // no SMS (8.00); human unowned, paid
  order("O5", "2020-02-29 23:00", "50.00", "2020-03-01 00:10"), // February's reminders, paid in March: still unpaid at the month's end
  order("O6", "2020-02-21 10:00", "70.00", "2020-02-21 10:10"), // paid before any reminder: none owed
];

describe("payment reminder outcomes", () => {
  const r = assignDuties({ roster, orders }, {}, { period: "2020-02" });

  it("gives each reminder its order's payment, whenever the orders show it", () => {
    const paid = r.duties.filter((d) => d.kind === "smsReminder" || d.kind === "humanReminder").map((d) => [d.kind, d.ref, d.owner, d.paidAt]);
    expect(paid).toEqual([
      ["smsReminder", "O1", null, "2020-02-21T10:20:00+08:00"],
      ["smsReminder", "O2", null, "2020-02-21T12:00:00+08:00"],
      ["smsReminder", "O3", null, null],
      ["humanReminder", "O2", "A02", "2020-02-21T12:00:00+08:00"],
      ["humanReminder", "O3", "A02", null],
      ["humanReminder", "O4", null, "2020-02-27T11:00:00+08:00"],
      ["smsReminder", "O5", null, "2020-03-01T00:10:00+08:00"],
      // Due Saturday 29th 23:30, after A02's day shift; nobody is rostered on 1 March.
      ["humanReminder", "O5", null, "2020-03-01T00:10:00+08:00"],
    ]);
  });

  it("tallies per owner what was owed, paid before the period's end and recovered", () => {
    expect(r.reminders).toEqual({
      // O1 100.00 + O2 200.50 paid; O3 and O5 (paid in March) not.
      sms: { owed: 4, paid: 2, recovered: "300.50", rate: "0.5000", unpaid: 2 },
      human: { owed: 4, paid: 2, recovered: "208.50", rate: "0.5000", unpaid: 2 },
      agents: [{ agentId: "A02", owed: 2, paid: 1, recovered: "200.50", rate: "0.5000", unpaid: 1 }],
      // O4 (Thursday 27th, no night shift) paid; O5 not by the month's end.
      unowned: { owed: 2, paid: 1, recovered: "8.00", rate: "0.5000", unpaid: 1 },
    });
    expect(ReminderOutcomesSchema.parse(r.reminders)).toEqual(r.reminders);
  });

  it("counts a payment after the period's end when the period is the whole data (no period)", () => {
    const all = assignDuties({ roster, orders });
    expect(all.reminders.sms).toEqual({ owed: 4, paid: 3, recovered: "350.50", rate: "0.7500", unpaid: 1 });
  });

  it("follows the owner rule: under buyersAgent the placeAgent's reminders are theirs", () => {
    const own = assignDuties({ roster, orders: orders.map((o) => (o.orderId === "O2" ? { ...o, placeAgent: "A01" } : o)) }, { duties: { paymentReminder: { owner: "buyersAgent" } } }, { period: "2020-02" });
    expect(own.reminders.agents.map((a) => [a.agentId, a.owed, a.paid, a.recovered])).toEqual([
      ["A01", 1, 1, "200.50"],
      ["A02", 1, 0, "0.00"],
    ]);
  });

  it("owes nothing and divides by nothing without orders", () => {
    const none = assignDuties({ roster }, {}, { period: "2020-02" });
    expect(none.reminders).toEqual({
      sms: { owed: 0, paid: 0, recovered: "0.00", rate: null, unpaid: 0 },
      human: { owed: 0, paid: 0, recovered: "0.00", rate: null, unpaid: 0 },
      agents: [],
      unowned: { owed: 0, paid: 0, recovered: "0.00", rate: null, unpaid: 0 },
    });
  });
});

describe("payment reminder outcomes in the month report", () => {
  const report = buildMonthReport(sampleRecords, {}, { month: SAMPLE_MONTH });

  it("are printed under the duties and are a section of the HTML report, with the JSON's figures", () => {
    const r = report.people.duties.reminders;
    const text = renderPeopleTable(report.people, { lang: "zh", width: 200 });
    expect(text).toContain(`催付效果：短信催付 应催 ${r.sms.owed}，月底前付款 ${r.sms.paid}（挽回 ${r.sms.recovered} 元，成功率 ${r.sms.rate}），仍未付款 ${r.sms.unpaid}`);
    expect(text).toContain("人工催付 应催 25，月底前付款 4（挽回 4047.00 元，成功率 0.1600），仍未付款 21");
    expect(text).toMatch(/\nA06 +3 +1 +1009\.00 +0\.3333 +2\n/);
    expect(text).toMatch(/\n无人负责 +1 +0 +0\.00 +0\.0000 +1\n/);
    const html = renderMonthHtml(report, [], { lang: "en" });
    expect(html).toContain("<h2>Payment reminders (yuan)</h2>");
    expect(html).toMatch(/<td>SMS<\/td><td class="num">44<\/td><td class="num">24<\/td><td class="num">8047\.00<\/td>/);
  });
});
