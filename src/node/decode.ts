/** Encodings {@link decodeText} can detect. */
export type DetectedEncoding = "utf-8" | "gbk" | "utf-16le";

/** Result of {@link decodeText}: the text (without any byte-order mark) and the encoding used. */
export interface DecodedText {
  text: string;
  encoding: DetectedEncoding;
}

/**
 * Decodes a file's bytes as UTF-8 (with or without BOM), UTF-16LE (with BOM) or, failing UTF-8, GBK.
 *
 * A UTF-8 BOM (EF BB BF) or UTF-16LE BOM (FF FE) is removed. Bytes that are not valid UTF-8 are
 * decoded as GB18030, the superset of GBK that Chinese seller back offices write, and reported as
 * `"gbk"`. A short GBK text that happens to be valid UTF-8 too is read as UTF-8; real exports, with a
 * Chinese header row, practically never are.
 *
 * @example
 * decodeText(new Uint8Array([0xb6, 0xa9, 0xb5, 0xa5])); // { text: "订单", encoding: "gbk" }
 * decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])); // { text: "a", encoding: "utf-8" }
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = new TextDecoder("utf-16le", { ignoreBOM: true }).decode(bytes.subarray(2));
    return { text, encoding: "utf-16le" };
  }
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      ? bytes.subarray(3)
      : bytes;
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: "utf-8" };
  } catch {
    const text = new TextDecoder("gb18030", { ignoreBOM: true }).decode(body);
    return { text, encoding: "gbk" };
  }
}
