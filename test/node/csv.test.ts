import { describe, it, expect } from "vitest";
import { detectDelimiter, parseCsv, parseCsvWithLines } from "../../src/node/csv.js";

describe("parseCsv", () => {
  it("parses simple rows with LF", () => {
    expect(parseCsv("a,b,c\n1,2,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });

  it("handles CRLF and lone CR line ends", () => {
    expect(parseCsv("a,b\r\n1,2\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a,b\r1,2\r")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("does not add an empty row for a trailing newline, and keeps the last row without one", () => {
    expect(parseCsv("a\n1")).toEqual([["a"], ["1"]]);
    expect(parseCsv("a\n1\r\n")).toEqual([["a"], ["1"]]);
  });

  it("skips fully empty lines but keeps lines of empty cells", () => {
    expect(parseCsv("a,b\n\n\r\n1,2\n,\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["", ""],
    ]);
  });

  it("returns no rows for empty text", () => {
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\r\n\n")).toEqual([]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(parseCsv("a,,c,\n")).toEqual([["a", "", "c", ""]]);
  });

  it("parses quoted fields with commas, newlines and escaped quotes", () => {
    const text = 'id,remark\n1,"hello, world"\n2,"line1\r\nline2"\n3,"say ""hi"""\n4,""\n';
    expect(parseCsv(text)).toEqual([
      ["id", "remark"],
      ["1", "hello, world"],
      ["2", "line1\r\nline2"],
      ["3", 'say "hi"'],
      ["4", ""],
    ]);
  });

  it("appends text after a closing quote", () => {
    expect(parseCsv('"ab"cd,e\n')).toEqual([["abcd", "e"]]);
  });

  it("keeps quotes inside an unquoted field literally", () => {
    expect(parseCsv('a"b,c\n')).toEqual([['a"b', "c"]]);
  });

  it("does not trim ordinary spaces", () => {
    expect(parseCsv(" a , b \n")).toEqual([[" a ", " b "]]);
  });

  it("unwraps the Excel text guard =\"…\"", () => {
    expect(parseCsv('订单编号,金额\n="1234567890123456",="0012"\n')).toEqual([
      ["订单编号", "金额"],
      ["1234567890123456", "0012"],
    ]);
  });

  it("unwraps a text guard written inside a quoted field, with escaped inner quotes", () => {
    expect(parseCsv('"=""123""",x\n"=""a""""b""",y\n')).toEqual([
      ["123", "x"],
      ['a"b', "y"],
    ]);
  });

  it("leaves things that only look like a guard alone", () => {
    expect(parseCsv('=1+2,="",="a"b"\n')).toEqual([["=1+2", "", '="a"b"']]);
    expect(parseCsv('="1",="\n')).toEqual([["1", '="']]);
  });

  it("strips leading and trailing tabs inside cells", () => {
    expect(parseCsv('"\t2020123456789",\tx\t,"\t=""77"""\n')).toEqual([["2020123456789", "x", "77"]]);
  });

  it("strips a leading U+FEFF", () => {
    expect(parseCsv("\ufeff订单编号,总金额\n")).toEqual([["订单编号", "总金额"]]);
  });

  it("throws on an unterminated quoted field, naming the line where it opens", () => {
    const text = 'a,b\n1,2\n\n3,"x\ny\n4,5\n';
    expect(() => parseCsv(text)).toThrow(/^line 4: unterminated quoted field$/);
    expect(() => parseCsv('a,b\r\n"ok\r\nstill ok",2\r\n"broken')).toThrow("line 4: unterminated quoted field");
  });

  it("parses tab-separated files", () => {
    expect(parseCsv("订单编号\t总金额\n1001\t12.50\n")).toEqual([
      ["订单编号", "总金额"],
      ["1001", "12.50"],
    ]);
  });

  it("keeps commas in TSV cells and tabs in quoted CSV cells", () => {
    expect(parseCsv("a\tb\n1,5\t2\n")).toEqual([
      ["a", "b"],
      ["1,5", "2"],
    ]);
    expect(parseCsv('a,b\n"x\ty",2\n')).toEqual([
      ["a", "b"],
      ["x\ty", "2"],
    ]);
  });

  it("honours an explicit delimiter", () => {
    expect(parseCsv("a\tb,c\n", { delimiter: "\t" })).toEqual([["a", "b,c"]]);
  });

  // Speed is measured by `npm run bench`, never by a timed unit test; this checks a large input.
  it("parses 100k rows of an export", () => {
    const line = '="2020022112345678",tb_buyer,128.00,100.00,"北京市, 朝阳区",2020/2/21 0:00,2020/2/21 0:05,28.00\r\n';
    const text = "订单编号,买家会员名,总金额,买家实际支付金额,收货地址,订单创建时间,订单付款时间,退款金额\r\n" +
      line.repeat(100_000);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(100_001);
    expect(rows[100_000]).toEqual([
      "2020022112345678",
      "tb_buyer",
      "128.00",
      "100.00",
      "北京市, 朝阳区",
      "2020/2/21 0:00",
      "2020/2/21 0:05",
      "28.00",
    ]);
  });

  it("reads a huge quoted field full of escaped quotes", () => {
    const text = `"${'""'.repeat(500_000)}"\n`;
    const rows = parseCsv(text);
    expect(rows[0]?.[0]).toHaveLength(500_000);
  });
});

describe("parseCsvWithLines", () => {
  it("reports the physical line each record starts on", () => {
    const result = parseCsvWithLines('a,b\n\n"x\r\ny",z\r\nq,r\rs,t\n');
    expect(result.rows).toEqual([
      ["a", "b"],
      ["x\r\ny", "z"],
      ["q", "r"],
      ["s", "t"],
    ]);
    expect(result.lines).toEqual([1, 3, 5, 6]);
  });

  it("counts a lone CR inside a quoted field as a line end", () => {
    const result = parseCsvWithLines('"a\rb",c\rd,e\r');
    expect(result.rows).toEqual([
      ["a\rb", "c"],
      ["d", "e"],
    ]);
    expect(result.lines).toEqual([1, 3]);
    expect(() => parseCsv('"a\rb",c\r"open')).toThrow("line 3: unterminated quoted field");
  });
});

describe("detectDelimiter", () => {
  it("detects tab when the first line has a tab and no comma", () => {
    expect(detectDelimiter("a\tb\n1,2\n")).toBe("\t");
  });

  it("uses comma when the first line has a comma, even with tabs", () => {
    expect(detectDelimiter("a,b\tc\n")).toBe(",");
    expect(detectDelimiter("a,b\n1\t2\n")).toBe(",");
  });

  it("defaults to comma for a single column or empty text", () => {
    expect(detectDelimiter("订单编号\n1\n")).toBe(",");
    expect(detectDelimiter("")).toBe(",");
  });

  it("looks at the first non-empty line, past a BOM", () => {
    expect(detectDelimiter("\ufeff\r\n\na\tb\n")).toBe("\t");
  });
});
