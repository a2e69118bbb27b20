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
export function* jsonChunks(value: unknown, indent = 2, chunkSize = 1 << 16): Generator<string, void, undefined> {
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
        if (items !== undefined) yield* elements(items, depth + 1);
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

  // The items of an array (or of a lazy list, one at a time) as a JSON array.
  function* elements(items: Iterable<unknown>, depth: number): Generator<string, void, undefined> {
    let i = 0;
    for (const raw of items) {
      out += (i === 0 ? "[" : ",") + pad(depth + 1);
      const item = resolve(raw, String(i));
      i++;
      if (typeof item === "object" && item !== null) {
        // A small item (an order, a duty, a breach) at once, by JSON.stringify itself, its lines
        // indented to this depth (JSON text holds line breaks only between its values).
        if (isSmall(item)) {
          const text = JSON.stringify(item, null, indent);
          out += indent > 0 ? text.replaceAll("\n", pad(depth + 1)) : text;
        } else yield* container(item, depth + 1);
      } else out += primitive(item) ?? "null";
      if (out.length >= chunkSize) {
        yield out;
        out = "";
      }
    }
    out += i === 0 ? "[]" : pad(depth) + "]";
  }

  const top = resolve(value, "");
  if (typeof top === "object" && top !== null) yield* container(top, 0);
  else out += primitive(top) ?? "";
  if (out !== "") yield out;
}

/** At most this many values in all make an array's item small enough to write in one piece. */
const SMALL = 4096;

/**
 * Whether an object holds at most {@link SMALL} values, its nested ones included, none with a
 * `toJSON`, a list not yet built or a cycle (those go the long way, as do large items).
 */
function isSmall(value: object): boolean {
  let left = SMALL;
  const seen: object[] = [];
  const walk = (v: object): boolean => {
    if (typeof (v as { toJSON?: unknown }).toJSON === "function" || hasUnbuiltList(v) || seen.includes(v)) return false;
    seen.push(v);
    const values = Array.isArray(v) ? v : Object.values(v);
    left -= values.length;
    if (left < 0) return false;
    for (const x of values) if (typeof x === "object" && x !== null && !walk(x)) return false;
    seen.pop();
    return true;
  };
  return walk(value);
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
