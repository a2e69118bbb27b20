// readCsvFile: a file read in chunks gives the records parseCsvWithLines gives for its whole text,
// however the chunks cut it, in any of the encodings it decides on.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parseCsvWithLines } from "../../src/node/csv.js";
import { parseCsvWithLines as referenceParse } from "./csvReference.js";
import { readCsvFile, type CsvFileInfo, type CsvReadOptions } from "../../src/node/csvStream.js";
import { bytesOf, gbk } from "./gbk.js";

const dir = mkdtempSync(join(tmpdir(), "kefu-kpi-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

async function read(content: string | Uint8Array, options: CsvReadOptions = {}): Promise<{ rows: string[][]; lines: number[]; info: CsvFileInfo }> {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, content);
  const handle = await open(path);
  const rows: string[][] = [];
  const lines: number[] = [];
  const keep = (cells: string[], line: number) => {
    rows.push(cells);
    lines.push(line);
  };
  try {
    const info = await readCsvFile(handle, { header: keep, row: keep }, options);
    return { rows, lines, info };
  } finally {
    await handle.close();
  }
}

async function failure(content: string | Uint8Array, options: CsvReadOptions = {}): Promise<{ message: string; line: number | null }> {
  try {
    await read(content, options);
  } catch (error) {
    return { message: (error as Error).message, line: (error as { line: number | null }).line };
  }
  throw new Error("no error");
}

describe("readCsvFile", () => {
  it("parses as the first release's string parser did (parseCsvWithLines too)", async () => {
    const alphabet = fc.constantFrom("a", "1", "张", "€", "😀", ",", ",", '"', '"', "\r", "\n", "\n", "\t", "=", " ");
    const text = fc.array(alphabet, { maxLength: 60 }).map((chars) => chars.join(""));
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 9 }), async (text, chunkSize) => {
        let expected: { rows: string[][]; lines: number[] } | { error: string };
        try {
          expected = referenceParse(text);
        } catch (error) {
          expected = { error: (error as Error).message };
        }
        if ("error" in expected) {
          expect(() => parseCsvWithLines(text)).toThrow(expected.error);
          expect((await failure(text, { chunkSize })).line).toBe(Number(/^line (\d+)/.exec(expected.error)![1]));
        } else {
          expect(parseCsvWithLines(text)).toEqual(expected);
          const got = await read(text, { chunkSize });
          expect({ rows: got.rows, lines: got.lines }).toEqual(expected);
        }
      }),
      { seed: 5, numRuns: 800 },
    );
  });

  it("gives the records and lines of parseCsvWithLines, whatever the chunk size", async () => {
    const alphabet = fc.constantFrom("a", "1", "张", "€", "😀", ",", ",", '"', '"', "\r", "\n", "\n", "\t", "=", " ");
    const text = fc.tuple(fc.boolean(), fc.array(alphabet, { maxLength: 40 })).map(([bom, chars]) => (bom ? "\ufeff" : "") + chars.join(""));
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 17 }), async (text, chunkSize) => {
        let expected: { rows: string[][]; lines: number[] } | { error: string };
        try {
          expected = parseCsvWithLines(text);
        } catch (error) {
          expected = { error: (error as Error).message };
        }
        if ("error" in expected) {
          const got = await failure(text, { chunkSize });
          expect(`line ${got.line}: ${got.message}`).toMatch(new RegExp(`^${expected.error.replace(/:.*/, "")}: unterminated quoted field`));
        } else {
          const got = await read(text, { chunkSize });
          expect({ rows: got.rows, lines: got.lines }).toEqual(expected);
        }
      }),
      { seed: 7, numRuns: 600 },
    );
  });

  it("reads quoted line breaks, Excel text guards and tabs, naming the line each record starts on", async () => {
    const got = await read('id,remark\r\n="0012","two\r\nlines"\r\n\r\n"\t3\t","say ""hi"""\r\n', { chunkSize: 5 });
    expect(got.rows).toEqual([
      ["id", "remark"],
      ["0012", "two\r\nlines"],
      ["3", 'say "hi"'],
    ]);
    expect(got.lines).toEqual([1, 2, 5]);
    expect(got.info).toEqual({ encoding: "utf-8", delimiter: ",", records: 3 });
  });

  it("reads GBK with characters cut between chunks", async () => {
    const text = "订单编号,买家会员名\r\n1001,王五\r\n1002,\"北京市, 朝阳区\"\r\n";
    for (const chunkSize of [1, 2, 3, 7, 64]) {
      const got = await read(gbk(text), { chunkSize });
      expect(got.rows).toEqual([["订单编号", "买家会员名"], ["1001", "王五"], ["1002", "北京市, 朝阳区"]]);
      expect(got.info.encoding).toBe("gb18030");
    }
  });

  it("reads UTF-16LE tab-separated text (Excel's Unicode text) and UTF-16BE", async () => {
    const text = "订单编号\t买家会员名\r\n1001\t王五\r\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [bytes, encoding] of [[le, "utf-16le"], [be, "utf-16be"]] as const) {
      const got = await read(bytes, { chunkSize: 3 });
      expect(got.rows).toEqual([["订单编号", "买家会员名"], ["1001", "王五"]]);
      expect(got.info).toEqual({ encoding, delimiter: "\t", records: 2 });
    }
  });

  it("refuses a file that mixes UTF-8 and GBK rows, naming the row", async () => {
    const mixed = bytesOf("orderId,buyerId\n", "O1,张三丰\n", "O2,李四丰\n", gbk("O3,王五\n"));
    expect(await failure(mixed, { chunkSize: 4 })).toEqual({
      line: 4,
      message: "is GBK (GB18030) text in a UTF-8 file (UTF-8: row 2 and 1 other), the only such row; save the whole file in one encoding, preferably UTF-8",
    });
  });

  it("says what it found in a ;-separated file", async () => {
    expect(await failure("\n\norderId;buyerId;amount\nO1;b1;10.00\n")).toEqual({
      line: 3,
      message: "is separated by semicolons (;), not commas or tabs: save it as CSV with commas (CSV UTF-8 in Excel) or as tab-separated text",
    });
  });

  it("names the line an unterminated quoted field opens on", async () => {
    expect(await failure('a,b\n1,2\n3,"x\ny\n', { chunkSize: 2 })).toEqual({ line: 3, message: 'unterminated quoted field (a " opens a value that never closes)' });
  });

  it("reads no record from an empty file, a lone BOM or blank lines", async () => {
    for (const content of ["", "\ufeff", "\r\n\n\r", new Uint8Array([0xff, 0xfe])]) {
      const got = await read(content);
      expect(got.rows).toEqual([]);
      expect(got.info.records).toBe(0);
      expect(got.info.delimiter).toBeNull();
    }
  });

  it("reads a record longer than many chunks", async () => {
    const long = "x".repeat(100_000);
    const got = await read(`a,b\n"${long}\n${long}",2\n`, { chunkSize: 1000 });
    expect(got.rows[1]).toEqual([`${long}\n${long}`, "2"]);
  });
});
