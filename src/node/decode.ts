import { EncodingScan, TextFileError, type EncodingDecision } from "./encoding.js";

/** Encodings {@link decodeText} can detect (`"gbk"`: GB18030, the superset of GBK). */
export type DetectedEncoding = "utf-8" | "gbk" | "utf-16le" | "utf-16be";

/** Result of {@link decodeText}: the text (without any byte-order mark) and the encoding used. */
export interface DecodedText {
  text: string;
  encoding: DetectedEncoding;
}

/**
 * Decodes a whole file's bytes, deciding the encoding strictly by the rule of `./encoding.ts`:
 * a byte-order mark decides (UTF-8, UTF-16LE or UTF-16BE, and the rest must be valid in it);
 * otherwise UTF-8 when no line is GBK, GB18030 when the lines are GBK (some may be valid UTF-8 by
 * chance), and an error naming the line when the file mixes the two or is neither.
 *
 * @throws {TextFileError} naming the first line that cannot be read in the file's encoding
 * @example
 * decodeText(new Uint8Array([0xb6, 0xa9, 0xb5, 0xa5])); // { text: "订单", encoding: "gbk" }
 * decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])); // { text: "a", encoding: "utf-8" }
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  let decision: EncodingDecision | "rescan" = "rescan";
  for (const lineMode of [false, true]) {
    const scan = new EncodingScan(lineMode);
    if (scan.add(bytes) === "rescan") continue;
    decision = scan.decide();
    if (decision !== "rescan") break;
  }
  if (decision === "rescan") throw new Error("encoding scan: the line scan asked for a rescan");
  if ("error" in decision) throw new TextFileError(decision.error, decision.line);
  const text = new TextDecoder(decision.encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(decision.bom));
  return { text, encoding: decision.encoding === "gb18030" ? "gbk" : decision.encoding };
}
