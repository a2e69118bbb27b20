import { describe, it, expect } from "vitest";
import { decodeText } from "../../src/node/decode.js";

// "订单编号,总金额\r\n1001,￥12.50\r\n" in GBK (python3: '…'.encode('gbk')).
const GBK_SAMPLE = new Uint8Array([
  182, 169, 181, 165, 177, 224, 186, 197, 44, 215, 220, 189, 240, 182, 238, 13, 10, 49, 48, 48, 49, 44,
  163, 164, 49, 50, 46, 53, 48, 13, 10,
]);

describe("decodeText", () => {
  it("decodes GBK bytes that are not valid UTF-8", () => {
    expect(decodeText(GBK_SAMPLE)).toEqual({
      text: "订单编号,总金额\r\n1001,￥12.50\r\n",
      encoding: "gbk",
    });
  });

  it("decodes plain UTF-8", () => {
    const bytes = new TextEncoder().encode("订单编号,总金额\n");
    expect(decodeText(bytes)).toEqual({ text: "订单编号,总金额\n", encoding: "utf-8" });
  });

  it("reports pure ASCII as utf-8", () => {
    expect(decodeText(new TextEncoder().encode("a,b\n1,2\n"))).toEqual({
      text: "a,b\n1,2\n",
      encoding: "utf-8",
    });
  });

  it("strips a UTF-8 BOM", () => {
    const body = new TextEncoder().encode("订单编号");
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    const result = decodeText(bytes);
    expect(result.encoding).toBe("utf-8");
    expect(result.text).toBe("订单编号");
    expect(result.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("strips only one UTF-8 BOM (a second one is content)", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61]);
    expect(decodeText(bytes).text).toBe("\ufeffa");
  });

  it("decodes UTF-16LE with a BOM", () => {
    // FF FE, then "订单,1" as UTF-16LE: 订 U+8BA2, 单 U+5355.
    const bytes = new Uint8Array([0xff, 0xfe, 0xa2, 0x8b, 0x55, 0x53, 0x2c, 0x00, 0x31, 0x00]);
    expect(decodeText(bytes)).toEqual({ text: "订单,1", encoding: "utf-16le" });
  });

  it("refuses GBK after a UTF-8 BOM: the mark says UTF-8, and the line is named", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0xb6, 0xa9, 0xb5, 0xa5]);
    expect(() => decodeText(bytes)).toThrow(expect.objectContaining({ line: 2, message: expect.stringMatching(/not valid UTF-8, although the file starts with a UTF-8 byte-order mark/) }));
  });

  it("decodes empty input", () => {
    expect(decodeText(new Uint8Array([]))).toEqual({ text: "", encoding: "utf-8" });
  });
});
