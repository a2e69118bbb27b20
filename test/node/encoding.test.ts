// The encoding of a file is decided strictly, for the whole file: UTF-8, GB18030 (GBK) or — with a
// byte-order mark — UTF-16; a file mixing UTF-8 and GBK rows is an error naming the row that differs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/node/decode.js";
import { LineClass, classifyLine, isGb18030 } from "../../src/node/encoding.js";
import { bytesOf, gbk, gbkCharacters, utf8 } from "./gbk.js";

const HEADER = "orderId,buyerId\n";
const decodeError = (bytes: Uint8Array): { message: string; line: number | null } | null => {
  try {
    decodeText(bytes);
    return null;
  } catch (error) {
    return { message: (error as Error).message, line: (error as { line: number | null }).line };
  }
};

// GBK characters whose two bytes are a valid 2-byte UTF-8 sequence too (lead C2–DF, trail A1–BF):
// 隆垄拢 in GBK read "¡¢£" as UTF-8.
const CHANCE2 = gbkCharacters((l, t) => l >= 0xc2 && l <= 0xdf && t >= 0xa1 && t <= 0xbf, 3).join("");
// Three GBK characters whose six bytes tile into two 3-byte UTF-8 sequences (E1–EC, 80–BF, 80–BF).
const CHANCE3 = [
  gbkCharacters((l, t) => l >= 0xe1 && l <= 0xec && t >= 0xa1 && t <= 0xbf, 1)[0],
  gbkCharacters((l, t) => l >= 0xb0 && l <= 0xbf && t >= 0xe1 && t <= 0xec, 1)[0],
  gbkCharacters((l, t) => l >= 0xb0 && l <= 0xbf && t >= 0xa1 && t <= 0xbf, 1)[0],
].join("");

describe("classifyLine", () => {
  it("tells UTF-8, GBK, both and neither apart", () => {
    const line = (bytes: Uint8Array): LineClass => classifyLine(bytes, 0, bytes.length);
    expect(line(utf8("O1,b1"))).toBe(LineClass.ascii);
    expect(line(utf8("O1,张三丰"))).toBe(LineClass.utf8); // 9 bytes: the last pairs with nothing in GB18030
    expect(line(utf8("O1,张三"))).toBe(LineClass.both3); // 6 bytes that happen to be 3 GB18030 pairs
    expect(line(gbk("O1,王五"))).toBe(LineClass.gbk);
    expect(line(gbk(`O1,${CHANCE2}`))).toBe(LineClass.both2);
    expect(line(gbk(`O1,${CHANCE3}`))).toBe(LineClass.both3);
    expect(line(new Uint8Array([0x4f, 0xff]))).toBe(LineClass.neither);
    // The chance lines really are valid UTF-8, decoding to other text.
    expect(new TextDecoder("utf-8", { fatal: true }).decode(gbk(CHANCE2))).toBe("¡¢£");
    expect(new TextDecoder("utf-8", { fatal: true }).decode(gbk(CHANCE3))).toHaveLength(2);
  });

  it("isGb18030 agrees with Node's own GB18030 decoder on any bytes", () => {
    const fatal = new TextDecoder("gb18030", { fatal: true });
    // Pieces shaped like GB18030's forms (valid or nearly), and any byte.
    const byte = (min: number, max: number) => fc.integer({ min, max });
    const piece = fc.oneof(
      fc.tuple(byte(0, 0xff)),
      fc.tuple(byte(0x81, 0xff), byte(0x30, 0xff)),
      fc.tuple(byte(0x81, 0xfe), byte(0x30, 0x39), byte(0x80, 0xff), byte(0x2f, 0x3a)),
      fc.tuple(fc.constantFrom(0x84, 0x85, 0x8f, 0x90, 0xe3, 0xe4, 0xfe), byte(0x30, 0x39), byte(0x81, 0xfe), byte(0x30, 0x39)),
    );
    const bytes = fc.array(piece, { maxLength: 6 }).map((pieces) => new Uint8Array(pieces.flat()));
    fc.assert(
      fc.property(bytes, (bytes) => {
        let valid = true;
        try {
          fatal.decode(bytes);
        } catch {
          valid = false;
        }
        expect(isGb18030(bytes, 0, bytes.length)).toBe(valid);
      }),
      { seed: 11, numRuns: 20_000 },
    );
  });
});

describe("decodeText: one encoding per file", () => {
  it("refuses a UTF-8 file with one GBK row, naming that row", () => {
    // Rows 2–3 UTF-8 (张三 even looks like GB18030 too), row 4 GBK.
    const bytes = bytesOf(HEADER, "O1,张三\n", "O2,李四丰\n", gbk("O3,王五\n"), "O4,b4\n");
    expect(decodeError(bytes)).toEqual({
      line: 4,
      message: "is GBK (GB18030) text in a UTF-8 file (UTF-8: row 2 and 1 other), the only such row; save the whole file in one encoding, preferably UTF-8",
    });
  });

  it("refuses a UTF-8 file with one GBK row even when every UTF-8 row is also valid GB18030", () => {
    // 张三 and 李四 in UTF-8 are 6 bytes each: valid as three GB18030 pairs. They still outnumber the GBK row.
    const bytes = bytesOf(HEADER, "O1,张三\n", "O2,李四\n", gbk("O3,王五\n"));
    expect(decodeError(bytes)?.line).toBe(4);
  });

  it("refuses a GBK file with one UTF-8 row, naming that row", () => {
    const bytes = bytesOf(gbk("订单编号,买家会员名\n"), gbk("O1,王五\n"), gbk("O2,赵六\n"), "O3,张三丰\n", gbk("O4,孙七\n"));
    expect(decodeError(bytes)).toEqual({
      line: 4,
      message: "is UTF-8 text in a GBK (GB18030) file (GBK (GB18030): row 1 and 3 others), the only such row; save the whole file in one encoding, preferably UTF-8",
    });
  });

  it("reads a GBK file whose rows are sometimes valid UTF-8 by chance as GBK, whole", () => {
    const text = `订单编号,买家会员名\nO1,王五\nO2,${CHANCE2}\nO3,${CHANCE3}\nO4,赵六\n`;
    expect(decodeText(gbk(text))).toEqual({ text, encoding: "gbk" });
  });

  it("reads a UTF-8 file whose only non-ASCII rows are also valid GB18030 as UTF-8", () => {
    const text = `${HEADER}O1,张三\nO2,李四\n`;
    expect(decodeText(utf8(text))).toEqual({ text, encoding: "utf-8" });
  });

  it("refuses bytes that are neither UTF-8 nor GB18030, naming the row", () => {
    expect(decodeError(bytesOf(HEADER, "O1,b1\n", new Uint8Array([0x4f, 0x32, 0x2c, 0xff, 0x0a])))).toEqual({
      line: 3,
      message: "is neither UTF-8 nor GB18030 (GBK) text; save the file as UTF-8",
    });
  });

  it("counts rows across CRLF, CR and LF line ends", () => {
    const bytes = bytesOf("a,b\r\n", "\r", "O1,张三丰\r\n", gbk("O2,王五\n"));
    expect(decodeError(bytes)?.line).toBe(4);
  });

  it("reads UTF-16 with a byte-order mark, little and big endian", () => {
    const text = "订单编号\t买家会员名\r\nO1\t张三\r\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(le)).toEqual({ text, encoding: "utf-16le" });
    expect(decodeText(be)).toEqual({ text, encoding: "utf-16be" });
  });

  it("refuses UTF-16 with half a character, naming the row", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a\nb\n", "utf16le"), Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    expect(decodeError(le)).toEqual({ line: 3, message: "has half a character (a lone surrogate): not valid UTF-16LE" });
    expect(decodeError(Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x62]))?.message).toBe("ends in the middle of a character: not valid UTF-16LE");
  });
});
