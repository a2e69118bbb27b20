/**
 * JSON text in pieces: the same text as `JSON.stringify(value, null, indent)`, produced as chunks
 * of about `chunkSize` characters, so a report of any size is written without ever being one
 * string (V8 refuses strings beyond about 512 MB: `RangeError: Invalid string length`).
 */
import { eachOnce, hasUnbuiltList, readOnce } from "../lazy.js";

/**
 * Yields `JSON.stringify(value, null, indent)` in chunks (their concatenation is that text).
 *
 * Follows `JSON.stringify`: `toJSON` is called, `undefined`, functions and symbols are left out of
 * objects and are `null` in arrays, non-finite numbers are `null`, keys come in property order.
 * Strings are escaped by `JSON.stringify` itself. A BigInt or a cycle throws as there. A value
 * that has no JSON text (`undefined` alone) yields nothing.
 *
 * @example
 * [...jsonChunks({ a: [1, "x"] })].join("") === JSON.stringify({ a: [1, "x"] }, null, 2) //=> true
 */
export function* jsonChunks(value: unknown, indent = 2, chunkSize = 1 << 14): Generator<string, void, undefined> {
  let out = "";
  const pads: string[] = [];
  const pad = (depth: number): string => (pads[depth] ??= indent > 0 ? "\n" + " ".repeat(indent * depth) : "");
  const colon = indent > 0 ? ": " : ":";
  const open = new Set<object>();

  // Objects and arrays recurse as generators (to yield full chunks from any depth); primitives are appended inline.
  function* container(v: object, depth: number): Generator<string, void, undefined> {
    if (open.has(v)) throw new TypeError("Converting circular structure to JSON");
    open.add(v);
    if (Array.isArray(v)) yield* elements(v, depth);
    else {
      let first = true;
      for (const key of Object.keys(v)) {
        // A long list a result builds on first read is written item by item, or built for this
        // write only, never kept (eachOnce, readOnce).
        const items = eachOnce(v, key);
        const item = items === undefined ? resolve(readOnce(v, key), key) : null;
        const text = items !== undefined || (typeof item === "object" && item !== null) ? null : primitive(item);
        if (text === undefined) continue;
        out += (first ? "{" : ",") + pad(depth + 1) + JSON.stringify(key) + colon;
        first = false;
        if (items !== undefined) yield* elements(items, depth + 1, true);
        else if (text === null) yield* container(item as object, depth + 1);
        else out += text;
        if (out.length >= chunkSize) {
          yield out;
          out = "";
        }
      }
      out += first ? "{}" : pad(depth) + "}";
    }
    open.delete(v);
  }

  // The items of an array (or of a lazy list, one at a time) as a JSON array. A lazy list's items
  // are plain data by its contract (LazyParts.each): small, no toJSON, no lists of their own.
  function* elements(items: Iterable<unknown>, depth: number, plain = false): Generator<string, void, undefined> {
    let i = 0;
    let written = 0;
    // Small items (an order, a duty, a breach) are written a batch at a time by JSON.stringify
    // itself: one call for many items costs less than one an item. The batch is written nested in
    // `depth` arrays, so JSON.stringify indents its items' lines to this depth, and the text between
    // the wrapping brackets is what the items need here. A batch is sized to about a quarter of a
    // chunk, from the items so far.
    const batch: object[] = [];
    let wrapped: unknown = batch;
    for (let d = 0; d < depth; d++) wrapped = [wrapped];
    let head = 1; // "[" pad(1) "[" pad(2) … "[" before the first item's pad(depth + 1)
    let tail = pad(depth).length + 1; // pad(depth) "]" pad(depth - 1) "]" … pad(0) "]"
    for (let d = 1; d <= depth; d++) head += 1 + pad(d).length;
    for (let d = 0; d < depth; d++) tail += pad(d).length + 1;
    let limit = 8;
    const inner = pad(depth + 1);
    const batchText = (): string => {
      const text = JSON.stringify(wrapped, null, indent);
      const part = (written === 0 ? "[" : ",") + text.slice(head, text.length - tail);
      written += batch.length;
      limit = Math.max(1, Math.min(BATCH, Math.floor((chunkSize / 4) * (batch.length / part.length))));
      batch.length = 0;
      return part;
    };
    for (const raw of items) {
      const item = plain ? raw : resolve(raw, String(i));
      i++;
      const small = typeof item === "object" && item !== null && (plain || isSmall(item));
      if (small) {
        batch.push(item);
        if (batch.length < limit) continue;
      }
      // A full batch, or the batch before an item written the long way.
      if (batch.length > 0) {
        const text = batchText();
        if (out.length > 0 && out.length + text.length > chunkSize) {
          yield out;
          out = "";
        }
        out += text;
      }
      if (!small) {
        out += (written === 0 ? "[" : ",") + inner;
        written++;
        if (typeof item === "object" && item !== null) yield* container(item, depth + 1);
        else out += primitive(item) ?? "null";
      }
      if (out.length >= chunkSize) {
        yield out;
        out = "";
      }
    }
    if (batch.length > 0) out += batchText();
    out += written === 0 ? "[]" : pad(depth) + "]";
  }

  const top = resolve(value, "");
  if (typeof top === "object" && top !== null) yield* container(top, 0);
  else out += primitive(top) ?? "";
  if (out !== "") yield out;
}

/** At most this many values in all make an array's item small enough to write in one piece. */
const SMALL = 4096;

/** Small items written together (a batch of the largest holds at most about a million values). */
const BATCH = 256;

/**
 * Whether an object holds at most {@link SMALL} values, its nested ones included, none with a
 * `toJSON` or a list not yet built (those go the long way, as do large items). A cycle spends the
 * allowance and goes the long way too, where it throws as JSON.stringify does.
 */
function isSmall(value: object): boolean {
  return allowanceLeft(value, SMALL) >= 0;
}

/** What is left of `left` values once `v`'s are counted, or −1 (too many, a `toJSON`, an unbuilt list). */
function allowanceLeft(v: object, left: number): number {
  if (typeof (v as { toJSON?: unknown }).toJSON === "function" || hasUnbuiltList(v)) return -1;
  const values = Array.isArray(v) ? (v as unknown[]) : Object.values(v);
  left -= values.length;
  for (let i = 0; i < values.length && left >= 0; i++) {
    const x = values[i];
    if (typeof x === "object" && x !== null) left = allowanceLeft(x, left);
  }
  return left;
}

/** The value JSON writes for `v`: its `toJSON(key)` when it has one. */
function resolve(v: unknown, key: string): unknown {
  if (typeof v === "object" && v !== null && typeof (v as { toJSON?: unknown }).toJSON === "function") {
    return (v as { toJSON(key: string): unknown }).toJSON(key);
  }
  return v;
}

/** A primitive's JSON text, or undefined for what JSON leaves out (undefined, functions, symbols). */
function primitive(v: unknown): string | undefined {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return Number.isFinite(v) ? String(v) : "null";
    case "boolean":
      return v ? "true" : "false";
    case "bigint":
      throw new TypeError("Do not know how to serialize a BigInt");
    default:
      return v === null ? "null" : undefined;
  }
}
