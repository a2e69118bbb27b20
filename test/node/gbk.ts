// GBK bytes for test text, from the decoder itself: every two-byte code decoded once, inverted.
let table: Map<string, readonly [number, number]> | null = null;

function codes(): Map<string, readonly [number, number]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder("gb18030");
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (!table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
}

/** `text` encoded as GBK (ASCII as is; every other character must have a two-byte GBK code). */
export function gbk(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = codes().get(ch);
      if (!pair) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return new Uint8Array(bytes);
}

/** The Chinese characters whose GBK bytes match `test` (lead, trail), in code order. */
export function gbkCharacters(test: (lead: number, trail: number) => boolean, count: number): string[] {
  const found: string[] = [];
  for (const [ch, [lead, trail]] of codes()) {
    if (/^[\u4e00-\u9fff]$/.test(ch) && test(lead, trail)) found.push(ch);
    if (found.length === count) break;
  }
  return found;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function bytesOf(...parts: (Uint8Array | string)[]): Uint8Array {
  const arrays = parts.map((p) => (typeof p === "string" ? utf8(p) : p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}
