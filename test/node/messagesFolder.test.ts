// A month folder with the chat log (messages.csv, Chinese column names) and no consultations: the
// folder reader derives the consultations, its problems are named by file, row and field, and the
// CLI's report credits the same sales as with the equivalent consultations.csv (cli.test.ts).
import { describe, expect, it } from "vitest";
import { readMonthFolder } from "../../src/node/index.js";
import { decodedRecords } from "../../src/records/view.js";
import { MonthReportSchema } from "../../src/schemas.js";
import { parseCsv } from "../../src/node/csv.js";
import { attributionTable, toCells } from "../../src/sheets/index.js";
import { gbk } from "./gbk.js";
import { AGENTS, CONSULTATIONS, ORDERS, cli, monthFolder , folderProblems } from "./helpers.js";

// A01 uses one sub-account, A02 two (separated by |).
const AGENTS_WITH_ACCOUNTS = AGENTS.replace("probationEndsAt\n", "probationEndsAt,accounts\n")
  .replace("2019-06-01,\n", "2019-06-01,,某某旗舰店:小王\n")
  .replace("2020-02-01\n", "2020-02-01,某某旗舰店:小李|某某旗舰店:娜娜\n");

// The conversations behind helpers.ts's C1 and C2 (same start, first reply and end).
const MESSAGES = `时间,发送人,接收人,内容
2020-02-10 09:58:00,b1,某某旗舰店:小王,在吗
2020-02-10 09:59:00,某某旗舰店:小王,b1,您好
2020-02-10 10:20:00,b1,某某旗舰店:小王,好的
2020-02-11 14:00:00,b2,某某旗舰店:小李,有货吗
2020-02-11 14:00:30,某某旗舰店:娜娜,b2,有的
2020-02-11 14:10:00,b2,某某旗舰店:小李,谢谢
`;

const problems = folderProblems;

describe("a month folder with messages.csv", () => {
  it("reads the chat log under its Chinese column names into consultations", async () => {
    const folder = await readMonthFolder(monthFolder({ "agents.csv": AGENTS_WITH_ACCOUNTS, "messages.csv": MESSAGES, "orders.csv": ORDERS }));
    const c = decodedRecords(folder.month, "consultations");
    expect(c.map((r) => [r["agentId"], r["buyerId"], r["buyerMessages"], r["agentMessages"], r["responseCount"], r["responseSeconds"]])).toEqual([
      ["A01", "b1", 2, 1, 1, 60], // 09:59:00 − 09:58:00; the 10:20 message is unanswered
      ["A02", "b2", 2, 1, 1, 30], // answered from A02's second sub-account
    ]);
    expect(c.map((r) => r["consultationId"])).toEqual(["A01/b1/2020-02-10 09:58", "A02/b2/2020-02-11 14:00"]);
  });

  it("reads a chat log saved in GBK as the same consultations", async () => {
    const utf = await readMonthFolder(monthFolder({ "agents.csv": AGENTS_WITH_ACCOUNTS, "messages.csv": MESSAGES }));
    const folder = await readMonthFolder(monthFolder({ "agents.csv": gbk(AGENTS_WITH_ACCOUNTS), "messages.csv": gbk(MESSAGES) }));
    expect(decodedRecords(folder.month, "consultations")).toEqual(decodedRecords(utf.month, "consultations"));
    expect(decodedRecords(folder.month, "consultations")).toHaveLength(2);
  });

  it("names a bad time, a missing column and a message of no agent by file, row and field", async () => {
    const badTime = await problems({ "agents.csv": AGENTS_WITH_ACCOUNTS, "messages.csv": MESSAGES.replace("2020-02-10 09:59:00", "2020-02-10 25:59:00") });
    expect(badTime).toHaveLength(1);
    expect(badTime[0]).toMatch(/^messages\.csv row 3, at: "2020-02-10 25:59:00" /);
    const missing = await problems({ "agents.csv": AGENTS_WITH_ACCOUNTS, "messages.csv": MESSAGES.replace("时间,发送人,接收人,内容", "时间,发送人,内容").replace(/,某某旗舰店:[^,]+,/g, ",").replace(/,b[12],/g, ",") });
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatch(/^messages\.csv row 1: missing column to /);
    expect(await problems({ "agents.csv": AGENTS_WITH_ACCOUNTS, "messages.csv": MESSAGES.replace("b2,某某旗舰店:小李,谢谢", "b2,某某旗舰店:小张,谢谢") })).toEqual([
      'messages.csv row 7, from: neither "b2" nor "某某旗舰店:小张" is an agent\'s sub-account (the agents\' accounts column); a message is between an agent and a buyer',
    ]);
  });

  it("refuses one sub-account under two agents, naming both rows", async () => {
    const found = await problems({ "agents.csv": AGENTS_WITH_ACCOUNTS.replace("某某旗舰店:小李|", "某某旗舰店:小李|某某旗舰店:小王|"), "messages.csv": MESSAGES });
    expect(found).toEqual(['agents.csv row 3 (agentId "A02"), accounts: sub-account "某某旗舰店:小王" is listed under agent "A02" and agent "A01"; a sub-account belongs to one agent (first at agents.csv row 2)']);
  });

  it("kefu-kpi report credits the same sales as with the equivalent consultations.csv", async () => {
    const chat = await cli("report", monthFolder({ "agents.csv": AGENTS_WITH_ACCOUNTS, "messages.csv": MESSAGES, "orders.csv": ORDERS }), "--format", "json");
    const file = await cli("report", monthFolder({ "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS }), "--format", "json");
    expect(chat.code).toBe(0);
    const fromChat = MonthReportSchema.parse(JSON.parse(chat.stdout));
    const fromFile = MonthReportSchema.parse(JSON.parse(file.stdout));
    // As cli.test.ts has it: O1 to A01 (128.00), O2 to A02 (99.50 − 9.50), O3 fully silent.
    expect(fromChat.agents.map((a) => [a.agentId, a.sales.net])).toEqual([
      ["A01", "128.00"],
      ["A02", "90.00"],
    ]);
    // The sales figures (the message counts, and so the KPIs read from them, differ from consultations.csv's).
    expect([fromChat.shop.sales, fromChat.shop.silent, fromChat.shop.unpaidOrders]).toEqual([fromFile.shop.sales, fromFile.shop.silent, fromFile.shop.unpaidOrders]);
    expect(fromChat.shop.sales).toEqual({ orders: 3, gross: "287.50", refunds: "9.50", net: "278.00" });
  });

  it("warns of each figure that differs when consultations.csv is given too", async () => {
    const folder = await readMonthFolder(monthFolder({ "agents.csv": AGENTS_WITH_ACCOUNTS, "messages.csv": MESSAGES, "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS }));
    // C1 says 5 buyer and 6 agent messages, the chat log 2 and 1; C2 says 3 and 3, the chat log 2 and 1.
    expect(folder.warnings.filter((w) => w.includes("the chat log gives"))).toEqual([
      'consultations: "C1" buyerMessages is 5, the chat log gives 2',
      'consultations: "C1" agentMessages is 6, the chat log gives 1',
      'consultations: "C2" buyerMessages is 3, the chat log gives 2',
      'consultations: "C2" agentMessages is 3, the chat log gives 1',
    ]);
  });

  it("a sheet's range of messages attributes as the consultations range does", () => {
    const range = (text: string): string[][] => parseCsv(text);
    const fromChat = toCells(attributionTable({ agents: range(AGENTS_WITH_ACCOUNTS), messages: range(MESSAGES), orders: range(ORDERS) }, { month: "2020-02" }));
    const fromFile = toCells(attributionTable({ agents: range(AGENTS), consultations: range(CONSULTATIONS), orders: range(ORDERS) }, { month: "2020-02" }));
    expect(fromChat).toEqual(fromFile);
    // Row A01: month, agentId, name, group, grade, orders 1, gross 128 (O1).
    expect(fromChat[1]?.slice(0, 7)).toEqual(["2020-02", "A01", "王芳", "presale", "senior", 1, 128]);
  });
});
