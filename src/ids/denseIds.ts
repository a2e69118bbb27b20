/**
 * Interns strings to dense numbers 0, 1, 2 … in the order they are first seen, for the keys a rule
 * family meets millions of times but that no single record array holds (the KPI buyers come from
 * consultations and orders alike).
 *
 * A lookup among a million keys costs its cache misses, not its arithmetic, so the table is laid
 * out for one miss a lookup: a slot is 32 bytes (half a cache line, never straddling one) holding
 * the key's 32-bit FNV-1a hash, its number and length, and the key itself when it has at most 12
 * UTF-16 code units (most buyer ids: `tb_123456789`, `小明2020`), two units to a 32-bit word. A
 * longer key's slot points into an "arena" holding its code units. Unlike `StringIds`, which reads
 * a key back from its record to confirm a hit (an array load and then the string), and unlike a
 * slot pointing to a copy of every key (a second miss per hit), a short key is confirmed within its
 * slot. Hits are confirmed code unit by code unit, so the numbers are exact whatever the hash does.
 */
import { hash } from "./stringIds.js";
import { int32s, uint16s } from "../memory.js";

/** 32-bit words a slot: hash, (number + 1) × 16 + length code, then six words of key (or its arena offset). */
const SLOT = 8;
/** Longest key held in its slot, in UTF-16 code units. */
const INLINE = 12;
/** The length code of a key held in the arena. */
const LONG = 15;
/** Keys a table numbers at most. */
const MAX_KEYS = 2 ** 27 - 1;

export class DenseIds {
  private slots: Int32Array;
  private mask: number;
  private arena: Uint16Array;
  private used = 0;
  private count = 0;

  /**
   * @param expected - how many distinct strings to size the table for (it grows past that)
   * @param meanLength - the expected mean length of a key over 12 code units, to size the arena (it grows past that)
   */
  constructor(expected: number, meanLength = 16) {
    let capacity = 16;
    while (capacity * 3 < expected * 4) capacity *= 2;
    this.slots = int32s(capacity * SLOT);
    this.mask = capacity - 1;
    this.arena = uint16s(Math.max(64, Math.min(expected, 1 << 16) * (meanLength + 2)));
  }

  /** How many distinct strings were interned (the next new string gets this number). */
  get size(): number {
    return this.count;
  }

  /** The number of `s`, giving it the next number when new. */
  intern(s: string): number {
    return this.internRange(s, 0, s.length);
  }

  /**
   * The number of the code units `from` to `to` of `s` (as `s.slice(from, to)` would intern), read in
   * place: a column of values joined into one string is interned without a string per value.
   */
  internRange(s: string, from: number, to: number): number {
    const n = to - from;
    let h = -2128831035; // the FNV-1a of `hash`, over the range
    for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    const at = this.probe(s, from, n, h);
    const slots = this.slots;
    const word = slots[at * SLOT + 1]!;
    if (word !== 0) return (word >>> 4) - 1;
    // A slot's number word holds (number + 1) × 16: numbers below 2^27.
    if (this.count >= MAX_KEYS) throw new RangeError(`more than ${MAX_KEYS} distinct keys`);
    const id = this.count++;
    const base = at * SLOT;
    slots[base] = h;
    slots[base + 1] = ((id + 1) << 4) | (n <= INLINE ? n : LONG);
    if (n <= INLINE) {
      for (let j = 0; 2 * j < n; j++) slots[base + 2 + j] = 2 * j + 1 < n ? s.charCodeAt(from + 2 * j) | (s.charCodeAt(from + 2 * j + 1) << 16) : s.charCodeAt(from + 2 * j);
    } else slots[base + 2] = this.copy(s, from, n);
    if (this.count * 4 > (this.mask + 1) * 3) this.grow();
    return id;
  }

  /** The number of `s`, or -1 when it was never interned. */
  find(s: string): number {
    const at = this.probe(s, 0, s.length, hash(s));
    return (this.slots[at * SLOT + 1]! >>> 4) - 1;
  }

  /** The slot holding the `n` code units of `s` from `from`, or the empty slot where they would go. */
  private probe(s: string, from: number, n: number, h: number): number {
    const code = n <= INLINE ? n : LONG;
    const slots = this.slots;
    let at = h & this.mask;
    for (;;) {
      const base = at * SLOT;
      const word = slots[base + 1]!;
      if (word === 0) return at;
      if (slots[base] === h && (word & 15) === code && (code === LONG ? this.sameLong(s, from, n, slots[base + 2]!) : sameInline(s, from, n, slots, base + 2))) return at;
      at = (at + 1) & this.mask;
    }
  }

  /** Are the `n` code units of `s` from `from` the key whose code units start at `start` of the arena (after its two-unit length)? */
  private sameLong(s: string, from: number, n: number, start: number): boolean {
    const arena = this.arena;
    if ((arena[start]! | (arena[start + 1]! << 16)) !== n) return false;
    let k = 0;
    while (k < n && arena[start + 2 + k] === s.charCodeAt(from + k)) k++;
    return k === n;
  }

  /** Appends the length and the `n` code units of `s` from `from` to the arena; returns where they start. */
  private copy(s: string, from: number, n: number): number {
    const start = this.used;
    if (start + 2 + n > this.arena.length) {
      const bigger = uint16s(Math.max(this.arena.length * 2, start + 2 + n));
      bigger.set(this.arena);
      this.arena = bigger;
    }
    const arena = this.arena;
    arena[start] = n & 0xffff;
    arena[start + 1] = n >>> 16;
    for (let k = 0; k < n; k++) arena[start + 2 + k] = s.charCodeAt(from + k);
    this.used = start + 2 + n;
    return start;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    const slots = int32s(capacity * SLOT);
    const mask = capacity - 1;
    for (let p = 0; p < old.length; p += SLOT) {
      if (old[p + 1] === 0) continue;
      let at = old[p]! & mask;
      while (slots[at * SLOT + 1] !== 0) at = (at + 1) & mask;
      for (let w = 0; w < SLOT; w++) slots[at * SLOT + w] = old[p + w]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** Are the `n` ≤ 12 code units of `s` from `from` the key held in the words from `at`, two code units to a word? */
function sameInline(s: string, from: number, n: number, slots: Int32Array, at: number): boolean {
  let j = 0;
  for (; 2 * j + 1 < n; j++) if (slots[at + j] !== (s.charCodeAt(from + 2 * j) | (s.charCodeAt(from + 2 * j + 1) << 16))) return false;
  return 2 * j === n || slots[at + j] === s.charCodeAt(from + 2 * j);
}
