/**
 * Shared by the rule families that meet millions of ids (attribution, KPIs).
 *
 * Interns strings to integer ids: the id of a string is the index of the first record that holds
 * it. An open-addressing table in a typed array holds each string's 32-bit FNV-1a hash and that
 * record; a hit is confirmed by comparing the string with the record's (read back through `keyOf`),
 * so the ids are exact whatever the hash does, and the table keeps no strings of its own.
 *
 * At a million keys this is about twice as fast as a `Map` (one cache miss a probe instead of a
 * chain of them) and takes 8 bytes a slot off the JS heap, where a `Map` would grow the heap by
 * tens of MB and, beside a large input, set off a full garbage collection in the middle of a call.
 */
import { int32s } from "../memory.js";
export class StringIds {
  // Pairs (hash, record + 1); record + 1 = 0 marks an empty slot.
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  /** Whether the last {@link intern} added its string. */
  added = false;

  /**
   * @param expected - how many distinct strings to size the table for (it grows past that)
   * @param keyOf - the string of a record given to {@link intern}
   */
  constructor(
    expected: number,
    private readonly keyOf: (record: number) => string,
  ) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = int32s(capacity * 2);
    this.mask = capacity - 1;
  }

  /** How many distinct strings were interned. */
  get size(): number {
    return this.count;
  }

  /** The id of `s` (the first record holding it), or -1 when it was never interned. */
  get(s: string): number {
    const h = hash(s);
    const slots = this.slots;
    let at = h & this.mask;
    for (;;) {
      const record = slots[2 * at + 1]! - 1;
      if (record < 0) return -1;
      if (slots[2 * at] === h && this.keyOf(record) === s) return record;
      at = (at + 1) & this.mask;
    }
  }

  /** The id of `s`, the key of `record`, adding it when new (then {@link added} is true). */
  intern(s: string, record: number): number {
    const h = hash(s);
    const slots = this.slots;
    let at = h & this.mask;
    for (;;) {
      const first = slots[2 * at + 1]! - 1;
      if (first < 0) break;
      if (slots[2 * at] === h && this.keyOf(first) === s) {
        this.added = false;
        return first;
      }
      at = (at + 1) & this.mask;
    }
    slots[2 * at] = h;
    slots[2 * at + 1] = record + 1;
    if (++this.count * 2 > this.mask + 1) this.grow();
    this.added = true;
    return record;
  }

  private grow(): void {
    this.slots = doubled(this.slots);
    this.mask = this.mask * 2 + 1;
  }
}

/**
 * An open-addressing table of (hash, value + 1) slot pairs, 0 marking an empty slot (the layout of
 * `StringIds` and `DenseIds`), rehashed into one of twice the capacity.
 */
export function doubled(old: Int32Array): Int32Array {
  const capacity = old.length; // slots: old.length / 2 pairs now, old.length after
  const slots = int32s(capacity * 2);
  const mask = capacity - 1;
  for (let p = 0; p < old.length; p += 2) {
    if (old[p + 1] === 0) continue;
    let at = old[p]! & mask;
    while (slots[2 * at + 1] !== 0) at = (at + 1) & mask;
    slots[2 * at] = old[p]!;
    slots[2 * at + 1] = old[p + 1]!;
  }
  return slots;
}

/** FNV-1a over UTF-16 code units. */
export function hash(s: string): number {
  let h = -2128831035;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h;
}
