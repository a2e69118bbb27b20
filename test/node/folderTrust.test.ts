// The folder reader under bad input: misnamed files, near-miss headers, short rows, empty files,
// mixed encodings, files that are not regular files. Each is an error naming file and row (or a
// warning naming what is not read), never a silently different month.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FolderError, readMonthFolder, readPolicyFile, reportFolder } from "../../src/node/index.js";
import { bytesOf, gbk } from "./gbk.js";
import { AGENTS, CONSULTATIONS, ORDERS, monthFolder , folderProblems } from "./helpers.js";
import { decodedRecords } from "../../src/records/view.js";

const problems = folderProblems;

async function folderError(dir: string): Promise<string> {
  try {
    await readMonthFolder(dir);
  } catch (error) {
    if (error instanceof FolderError) return error.message;
    throw error;
  }
  throw new Error("no error");
}

const BASE = { "agents.csv": AGENTS, "consultations.csv": CONSULTATIONS, "orders.csv": ORDERS };

describe("file names (a misnamed file is never silently left out)", () => {
  it("reads Consultations.csv as the consultations: orders are attributed, not fully silent", async () => {
    const folder = await readMonthFolder(monthFolder({ "agents.csv": AGENTS, "Consultations.CSV": CONSULTATIONS, "Orders.csv": ORDERS }));
    const report = reportFolder(folder, {}, "2020-02");
    expect(report.shop.silent.orders).toBe(1);
    expect(report.agents.map((a) => [a.agentId, a.sales.net])).toEqual([["A01", "128.00"], ["A02", "90.00"]]);
  });

  it("makes consultation.csv, orderss.csv and consultations.cvs errors that say the name", async () => {
    expect(await problems({ "agents.csv": AGENTS, "consultation.csv": CONSULTATIONS, "orders.csv": ORDERS })).toEqual([
      expect.stringMatching(/^consultation\.csv: is not a name this folder reads: did you mean consultations\.csv\?/),
    ]);
    expect((await problems({ "orderss.csv": ORDERS }))[0]).toMatch(/^orderss\.csv: is not a name this folder reads: did you mean orders\.csv\?/);
    expect(await problems({ "consultations.cvs": CONSULTATIONS, "orders.csv": ORDERS })).toEqual([
      "consultations.cvs: is not read: a consultations file is consultations.csv or consultations.json",
    ]);
  });

  it("names every other file as not read", async () => {
    const folder = await readMonthFolder(monthFolder({ ...BASE, "README.md": "# Feb", "notes.txt": "x", "summary.csv": "a,b\n1,2\n" }));
    expect(folder.unread).toEqual(["README.md", "notes.txt", "summary.csv"]);
  });
});

describe("headers (a misspelt column is never silently dropped)", () => {
  it("makes refundamount, refund Amount and refundAmout errors that suggest refundAmount", async () => {
    for (const near of ["refundamount", "refund Amount", "refundAmout"]) {
      expect(await problems({ ...BASE, "orders.csv": ORDERS.replace("refundAmount", near) })).toEqual([
        `orders.csv row 1: column "${near}" is not a column of orders: did you mean refundAmount (退款金额)? (names match exactly, case included)`,
      ]);
    }
  });

  it("reads Chinese column names as their fields", async () => {
    const chinese = ORDERS.replace("orderId,buyerId,createdAt,paidAt,amount,refundAmount,remarkAgentId", "订单编号,买家会员名,下单时间,付款时间,实付金额,退款金额,备注工号");
    const folder = await readMonthFolder(monthFolder({ ...BASE, "orders.csv": chinese }));
    const plain = await readMonthFolder(monthFolder(BASE));
    expect(decodedRecords(folder.month, "orders")).toEqual(decodedRecords(plain.month, "orders"));
  });

  it("makes a near-miss key of JSON records an error, an unknown key a warning", async () => {
    const orders = [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-10 10:05", paidat: "2020-02-10 10:06", amount: "10.00" }];
    expect(await problems({ "orders.json": JSON.stringify(orders) })).toEqual([
      'orders.json: key "paidat" is not a key of orders: did you mean paidAt (订单付款时间 / 付款时间)? (names match exactly, case included)',
    ]);
  });
});

describe("rows", () => {
  it("makes a short row an error naming file and row (not a missing refund)", async () => {
    const short = ORDERS.replace("O2,b2,2020-02-12 09:00:00,2020-02-12 09:01:00,99.50,9.50,", "O2,b2,2020-02-12 09:00:00,2020-02-12 09:01:00,99.50");
    expect(await problems({ ...BASE, "orders.csv": short })).toEqual([
      "orders.csv row 3: has 5 cells but the header has 7 columns: a cell is missing (the row was cut short, or a separator lost)",
    ]);
  });

  it("makes a long row an error naming file and row; trailing empty cells are fine", async () => {
    const long = ORDERS.replace("O3,b3,2020-02-12 11:00:00,2020-02-12 11:30:00,60.00,0.00,", "O3,b3,2020-02-12 11:00:00,2020-02-12 11:30:00,60,00,0.00,A01");
    expect(await problems({ ...BASE, "orders.csv": long })).toEqual(["orders.csv row 4: has 8 cells but the header has 7 columns (an unquoted comma in a value?)"]);
    expect(await problems({ ...BASE, "orders.csv": ORDERS.replace(/\n/g, ",,\n") })).toEqual([]);
  });

  // Found by the fuzz suite: a doubled cell in a row whose last cell is empty moved the values after
  // it one column right, and the row was read (its extra cell empty) — the review time became the
  // receipt time, and the KPIs changed with exit 0.
  const AFTER_SALES = "afterSaleId,agentId,orderId,appliedAt,reviewedAt,goodsReceivedAt,refundedAt,refundAmount,satisfaction\n";
  const AS1 = "AS1,A01,,2020-02-06 09:00:00,2020-02-06 13:00:00,,,,";
  const AS2 = "AS2,A01,,2020-02-07 09:00:00,2020-02-07 11:00:00,,,,";
  const AS1_SHIFTED = "AS1,A01,,2020-02-06 09:00:00,2020-02-06 09:00:00,2020-02-06 13:00:00,,,,";

  it("makes one row longer than the others an error even when its extra cell is empty (its values may have moved)", async () => {
    expect(await problems({ ...BASE, "afterSales.csv": `${AFTER_SALES}${AS2}\n${AS1_SHIFTED}\n` })).toEqual([
      "afterSales.csv row 3: has 10 cells but the header has 9 columns and row 2 has 9: the extra cell is empty, but the values before it may have moved (a doubled cell or a stray separator?); rows may end in empty cells beyond the header only all alike",
    ]);
    // The longer row first: it is the one named.
    expect(await problems({ ...BASE, "afterSales.csv": `${AFTER_SALES}${AS1_SHIFTED}\n${AS2}\n` })).toEqual([
      "afterSales.csv row 2: has 10 cells but the header has 9 columns and row 3 has 9: the extra cell is empty, but the values before it may have moved (a doubled cell or a stray separator?); rows may end in empty cells beyond the header only all alike",
    ]);
  });

  it("reads rows that all end in the same empty cells beyond the header (a separator ending every data line)", async () => {
    const folder = await readMonthFolder(monthFolder({ ...BASE, "afterSales.csv": `${AFTER_SALES}${AS1},\n${AS2},\n` }));
    expect(decodedRecords(folder.month, "afterSales").map((a) => a["reviewedAt"])).toEqual(["2020-02-06T13:00:00+08:00", "2020-02-07T11:00:00+08:00"]);
    expect(await problems({ ...BASE, "orders.csv": ORDERS.replace(/\n/g, ",\n").replace(",\n", "\n") })).toEqual([]);
  });

  it("says an empty file is empty, once", async () => {
    for (const empty of ["", "\ufeff", "\n\r\n\n"]) {
      expect(await problems({ ...BASE, "consultations.csv": empty })).toEqual([
        "consultations.csv: is empty: no header row (expected columns consultationId, agentId, buyerId, startedAt, firstReplyAt, endedAt)",
      ]);
    }
  });

  it("says a ;-separated file is ;-separated", async () => {
    expect(await problems({ ...BASE, "orders.csv": ORDERS.replaceAll(",", ";") })).toEqual([
      "orders.csv row 1: is separated by semicolons (;), not commas or tabs: save it as CSV with commas (CSV UTF-8 in Excel) or as tab-separated text",
    ]);
  });
});

describe("encodings", () => {
  const CN_CONSULTATIONS = CONSULTATIONS.replace(",b1,", ",张三丰,").replace(",b2,", ",李四,");
  const CN_ORDERS = ORDERS.replace(",b1,", ",张三丰,").replace(",b2,", ",李四,");

  it("refuses a UTF-8 orders file with one GBK row, naming the row (Chinese buyer ids would stop matching)", async () => {
    const [header, o1, o2, ...rest] = CN_ORDERS.split("\n");
    const mixed = bytesOf(`${header}\n${o1}\n`, gbk(`${o2}\n`), rest.join("\n"));
    expect(await problems({ ...BASE, "consultations.csv": CN_CONSULTATIONS, "orders.csv": mixed })).toEqual([
      "orders.csv row 3: is GBK (GB18030) text in a UTF-8 file (UTF-8: row 2), the only such row; save the whole file in one encoding, preferably UTF-8",
    ]);
  });

  it("reads a GBK orders file: its Chinese buyer ids match the UTF-8 consultations", async () => {
    const folder = await readMonthFolder(monthFolder({ ...BASE, "consultations.csv": CN_CONSULTATIONS, "orders.csv": gbk(CN_ORDERS) }));
    const report = reportFolder(folder, {}, "2020-02");
    expect(report.agents.map((a) => [a.agentId, a.sales.net])).toEqual([["A01", "128.00"], ["A02", "90.00"]]);
  });

  it("refuses a Tmall export (under its own name) that mixes encodings, rather than leaving it out", async () => {
    const tmall = bytesOf(gbk("订单编号,买家会员名,总金额,买家实际支付金额,订单创建时间,订单付款时间,退款金额\n"), gbk("1001,王五,10.00,10.00,2020/2/10 10:05,2020/2/10 10:06,0\n"), "1002,张三丰,10.00,10.00,2020/2/10 10:05,2020/2/10 10:06,0\n", gbk("1003,赵六,10.00,10.00,2020/2/10 10:05,2020/2/10 10:06,0\n"));
    expect(await problems({ "ExportOrderList202002.csv": tmall })).toEqual([
      "ExportOrderList202002.csv row 3: is UTF-8 text in a GBK (GB18030) file (GBK (GB18030): row 1 and 2 others), the only such row; save the whole file in one encoding, preferably UTF-8",
    ]);
  });

  it("reads a UTF-16 file (Excel's Unicode text, tab-separated)", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CN_ORDERS.replaceAll(",", "\t"), "utf16le")]);
    const folder = await readMonthFolder(monthFolder({ ...BASE, "orders.csv": utf16 }));
    expect(decodedRecords(folder.month, "orders")[0]).toMatchObject({ orderId: "O1", buyerId: "张三丰" });
  });
});

describe("policy files", () => {
  it("makes a policy.json holding null, an array or a number an error naming the file", async () => {
    expect(await problems({ ...BASE, "policy.json": "null" })).toEqual(["policy.json: holds null; expected a JSON object of settings (write {} for the defaults)"]);
    expect(await problems({ ...BASE, "policy.json": "[]" })).toEqual(["policy.json: holds an array; expected a JSON object of settings (write {} for the defaults)"]);
    const dir = monthFolder({ "p.json": "3" });
    await expect(readPolicyFile(join(dir, "p.json"))).rejects.toThrow(`${join(dir, "p.json")}: holds a number; expected a JSON object of settings`);
  });
});

describe("only regular files are read", () => {
  it("names a folder where a file should be", async () => {
    const dir = monthFolder(BASE);
    mkdirSync(join(dir, "calls.csv"));
    expect(await folderError(dir)).toBe(`${join(dir, "calls.csv")}: is a folder, not a file`);
  });

  it("names a dangling symbolic link and a loop", async () => {
    const dir = monthFolder(BASE);
    symlinkSync(join(dir, "nowhere.csv"), join(dir, "calls.csv"));
    expect(await folderError(dir)).toBe(`${join(dir, "calls.csv")}: is a symbolic link to nothing (its target does not exist)`);
    const loop = monthFolder(BASE);
    symlinkSync(join(loop, "reviews.csv"), join(loop, "reviews.csv"));
    expect(await folderError(loop)).toBe(`${join(loop, "reviews.csv")}: is a symbolic link that loops (it leads back to itself)`);
  });

  it("names a FIFO instead of waiting on it forever", async () => {
    const dir = monthFolder(BASE);
    execFileSync("mkfifo", [join(dir, "qc.csv")]);
    expect(await folderError(dir)).toBe(`${join(dir, "qc.csv")}: is a named pipe (FIFO), not a regular file`);
  });

  it("names the month folder when it is a file or missing", async () => {
    const dir = monthFolder(BASE);
    expect(await folderError(join(dir, "orders.csv"))).toBe(`${join(dir, "orders.csv")} is not a folder (a file); give the month folder`);
    expect(await folderError(join(dir, "missing"))).toBe(`${join(dir, "missing")}: does not exist`);
  });

  // Root reads any file: the permission check cannot be seen as root.
  it.skipIf(process.getuid?.() === 0)("names a file that cannot be read", async () => {
    const dir = monthFolder(BASE);
    writeFileSync(join(dir, "calls.csv"), "agentId,at,answered\n");
    chmodSync(join(dir, "calls.csv"), 0o000);
    expect(await folderError(dir)).toBe(`${join(dir, "calls.csv")}: cannot be read (permission denied)`);
  });
});
