/**
 * Interns strings to dense numbers 0, 1, 2 … in the order they are first seen, for the keys a rule
 * family meets millions of times but that no single record array holds (the KPI buyers come from
 * consultations and orders alike).
 *
 * Unlike `StringIds`, which reads a key back from its record to confirm a hit (an array load
 * and then the string, two cache misses), the table keeps a copy of each distinct key's UTF-16
 * code units in one typed array, its "arena", right after a small header (number, length). A slot
 * holds the key's 32-bit FNV-1a hash and where its copy starts, so a lookup costs the slot and the
 * copy: at 5M lookups of 1.3M keys about 1.5× as fast as `StringIds`, for about 2 bytes a
 * code unit more. Hits are confirmed code unit by code unit, so the numbers are exact whatever the
 * hash does.
 */
import { doubled, hash } from "./stringIds.js";
import { int32s, uint16s } from "../memory.js";

const HEADER = 4; // number, length: each as low 16 bits, high 16 bits

export class DenseIds {
  // Pairs (hash, arena offset + 1); 0 marks an empty slot.
  private slots: Int32Array;
  private mask: number;
  private arena: Uint16Array;
  private used = 0;
  private count = 0;

  /**
   * @param expected - how many distinct strings to size the table for (it grows past that)
   * @param meanLength - the expected mean length of a key, to size the arena (it grows past that)
   */
  constructor(expected: number, meanLength = 12) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = int32s(capacity * 2);
    this.mask = capacity - 1;
    this.arena = uint16s(Math.max(64, expected * (meanLength + HEADER)));
  }

  /** How many distinct strings were interned (the next new string gets this number). */
  get size(): number {
    return this.count;
  }

  /** The number of `s`, giving it the next number when new. */
  intern(s: string): number {
    const n = s.length;
    const h = hash(s);
    const slots = this.slots;
    const arena = this.arena;
    let at = h & this.mask;
    for (;;) {
      const start = slots[2 * at + 1]! - 1;
      if (start < 0) break;
      if (slots[2 * at] === h && (arena[start + 2]! | (arena[start + 3]! << 16)) === n) {
        const chars = start + HEADER;
        let k = 0;
        while (k < n && arena[chars + k] === s.charCodeAt(k)) k++;
        if (k === n) return arena[start]! | (arena[start + 1]! << 16);
      }
      at = (at + 1) & this.mask;
    }
    const id = this.count++;
    const start = this.copy(s, id);
    slots[2 * at] = h;
    slots[2 * at + 1] = start + 1;
    if (this.count * 2 > this.mask + 1) this.grow();
    return id;
  }

  /** The number of `s`, or -1 when it was never interned. */
  find(s: string): number {
    const n = s.length;
    const h = hash(s);
    const slots = this.slots;
    const arena = this.arena;
    let at = h & this.mask;
    for (;;) {
      const start = slots[2 * at + 1]! - 1;
      if (start < 0) return -1;
      if (slots[2 * at] === h && (arena[start + 2]! | (arena[start + 3]! << 16)) === n) {
        const chars = start + HEADER;
        let k = 0;
        while (k < n && arena[chars + k] === s.charCodeAt(k)) k++;
        if (k === n) return arena[start]! | (arena[start + 1]! << 16);
      }
      at = (at + 1) & this.mask;
    }
  }

  /** Appends the header and code units of key `id` to the arena; returns where they start. */
  private copy(s: string, id: number): number {
    const n = s.length;
    const start = this.used;
    if (start + HEADER + n > this.arena.length) {
      const bigger = uint16s(Math.max(this.arena.length * 2, start + HEADER + n));
      bigger.set(this.arena);
      this.arena = bigger;
    }
    const arena = this.arena;
    arena[start] = id & 0xffff;
    arena[start + 1] = id >>> 16;
    arena[start + 2] = n & 0xffff;
    arena[start + 3] = n >>> 16;
    for (let k = 0; k < n; k++) arena[start + HEADER + k] = s.charCodeAt(k);
    this.used = start + HEADER + n;
    return start;
  }

  private grow(): void {
    this.slots = doubled(this.slots);
    this.mask = this.mask * 2 + 1;
  }
}
