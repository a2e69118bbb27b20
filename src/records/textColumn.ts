/**
 * A column of text values (ids, names, notes) kept as a few large strings: the values of each
 * block of 4096 records joined into one string, with where each value ends. A month of millions of
 * records then holds thousands of strings instead of millions: the engine's collector has that
 * many fewer objects to copy and mark while a large file is read, and a value read from a CSV row
 * is copied out of it, never a slice that keeps the whole row's text alive.
 *
 * Values are written in record order (a record may be written again before the next one is) and
 * read by index with {@link TextColumn.at}; an unwritten value reads as `""`.
 *
 * A column of values the caller holds anyway (records given as objects) keeps them as they are
 * (`join: false`): copying them would only add to the memory.
 */
import { grown, int32s, uint8s } from "../memory.js";
import type { DenseIds } from "../ids/denseIds.js";

const SHIFT = 12;
const SIZE = 1 << SHIFT;
const MASK = SIZE - 1;

export class TextColumn implements Iterable<string> {
  /** The joined values of each full block. */
  private readonly blocks: string[] = [];
  /** Per record of a full block, where its value ends in its block's text. */
  private ends: Int32Array;
  /** The values of the block being written (record `sealed + k` at `k`). */
  private open: string[] = [];
  /** Records in full blocks. */
  private sealed = 0;
  private size = 0;

  /**
   * @param expected - how many records to make room for (it grows past that)
   * @param join - whether full blocks are joined (false: the values are kept as given)
   */
  constructor(
    expected = 0,
    private readonly join = true,
  ) {
    this.ends = join ? int32s(Math.max(SIZE, expected)) : new Int32Array(0);
    // Kept as given: one array of the values, sized once (grown by writes, it would leave copies behind).
    if (!join && expected > 0) this.open = new Array<string>(expected);
  }

  /** A column of no records. */
  static readonly EMPTY: TextColumn = new TextColumn(0).pack();

  /** A column of `values`, in order. */
  static of(values: Iterable<string>): TextColumn {
    const column = new TextColumn();
    let i = 0;
    for (const v of values) column.set(i++, v);
    return column;
  }

  /**
   * A packed column of `count` records, record `i`'s value the concatenation of the parts
   * `write(i, parts)` pushes onto `parts`: each block's parts are joined once, and no string is
   * made per value (values made of a few shared parts, such as ids made of an agent, a buyer and a time).
   */
  static written(count: number, write: (i: number, parts: string[]) => void): TextColumn {
    const column = new TextColumn(count);
    for (let base = 0; base < count; base += SIZE) {
      const n = Math.min(SIZE, count - base);
      const parts: string[] = [];
      let end = 0;
      for (let k = 0; k < n; k++) {
        const from = parts.length;
        write(base + k, parts);
        for (let p = from; p < parts.length; p++) end += parts[p]!.length;
        column.ends[base + k] = end;
      }
      column.blocks.push(parts.join(""));
      column.sealed += n;
    }
    column.size = count;
    column.packed = true;
    return column;
  }

  /** How many records the column holds (the last written, plus one; or as set by {@link truncate}). */
  get length(): number {
    return this.size;
  }

  /** The value of record `i` (`""` when unwritten or out of range). */
  at(i: number): string {
    if (i < this.sealed) {
      if (i < 0) return "";
      const start = (i & MASK) === 0 ? 0 : this.ends[i - 1]!;
      const end = this.ends[i]!;
      return end === start ? "" : this.blocks[i >> SHIFT]!.slice(start, end);
    }
    return i < this.size ? (this.open[i - this.sealed] ?? "") : "";
  }

  /**
   * Each record's value numbered by `ids` (interned in place: no string is made per record); -1 for
   * an empty value.
   */
  numbered(ids: DenseIds): Int32Array {
    const out = int32s(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.internAt(i, ids);
    return out;
  }

  /**
   * The number of record `i`'s value in `ids` (interned in place: no string is made for a value
   * in a full block); -1 for an empty value.
   */
  internAt(i: number, ids: DenseIds): number {
    if (i >= this.sealed || i < 0) {
      const v = this.at(i);
      return v === "" ? -1 : ids.intern(v);
    }
    const start = (i & MASK) === 0 ? 0 : this.ends[i - 1]!;
    const end = this.ends[i]!;
    return end === start ? -1 : ids.internRange(this.blocks[i >> SHIFT]!, start, end);
  }

  /**
   * For two columns of one table (a sender and a receiver): per record, 1 when its two values are
   * those of the record before, 2 when they are those of the record before the other way round,
   * else 0. Compared in place (no string is made), in one pass.
   */
  static repeats(a: TextColumn, b: TextColumn): Uint8Array {
    const n = Math.max(a.size, b.size);
    const out = uint8s(n);
    if (!a.join && !b.join && a.sealed === 0 && b.sealed === 0) {
      // Values kept as given: compared as strings (the same string, or equal text).
      const x = a.open;
      const y = b.open;
      for (let i = 1; i < n; i++) {
        const xi = x[i] ?? "";
        const yi = y[i] ?? "";
        const xp = x[i - 1] ?? "";
        const yp = y[i - 1] ?? "";
        out[i] = xi === yp && yi === xp ? 2 : xi === xp && yi === yp ? 1 : 0;
      }
      return out;
    }
    for (let i = 1; i < n; i++) out[i] = a.same(i, b, i - 1) && b.same(i, a, i - 1) ? 2 : a.same(i, a, i - 1) && b.same(i, b, i - 1) ? 1 : 0;
    return out;
  }

  /** Whether record `i`'s value equals record `j`'s of `other` (read in place: no string is made). */
  same(i: number, other: TextColumn, j: number): boolean {
    if (i >= this.sealed || j >= other.sealed || i < 0 || j < 0) return this.at(i) === other.at(j);
    const p = (i & MASK) === 0 ? 0 : this.ends[i - 1]!;
    const q = (j & MASK) === 0 ? 0 : other.ends[j - 1]!;
    const n = this.ends[i]! - p;
    if (other.ends[j]! - q !== n) return false;
    const a = this.blocks[i >> SHIFT]!;
    const b = other.blocks[j >> SHIFT]!;
    for (let k = 0; k < n; k++) if (a.charCodeAt(p + k) !== b.charCodeAt(q + k)) return false;
    return true;
  }

  /** Whether record `i`'s value starts with `prefix` (read in place: no string is made). */
  startsWith(i: number, prefix: string): boolean {
    if (i >= this.sealed || i < 0) return this.at(i).startsWith(prefix);
    const start = (i & MASK) === 0 ? 0 : this.ends[i - 1]!;
    return this.ends[i]! - start >= prefix.length && this.blocks[i >> SHIFT]!.startsWith(prefix, start);
  }

  /**
   * Records `i` and `j`'s values compared by UTF-16 code units (as `<` compares strings): negative,
   * zero or positive. Reads the values in place (a sort by id makes no strings).
   */
  compare(i: number, j: number): number {
    if (i >= this.sealed || j >= this.sealed) {
      const x = this.at(i);
      const y = this.at(j);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const ends = this.ends;
    const a = this.blocks[i >> SHIFT]!;
    const b = this.blocks[j >> SHIFT]!;
    let p = (i & MASK) === 0 ? 0 : ends[i - 1]!;
    let q = (j & MASK) === 0 ? 0 : ends[j - 1]!;
    const pe = ends[i]!;
    const qe = ends[j]!;
    for (; p < pe && q < qe; p++, q++) {
      const d = a.charCodeAt(p) - b.charCodeAt(q);
      if (d !== 0) return d;
    }
    return pe - p - (qe - q);
  }

  /** How many leading UTF-16 code units records `i` and `j`'s values share. */
  commonPrefix(i: number, j: number): number {
    if (i >= this.sealed || j >= this.sealed || i < 0 || j < 0) {
      const x = this.at(i);
      const y = this.at(j);
      let n = 0;
      while (n < x.length && n < y.length && x.charCodeAt(n) === y.charCodeAt(n)) n++;
      return n;
    }
    const ends = this.ends;
    const a = this.blocks[i >> SHIFT]!;
    const b = this.blocks[j >> SHIFT]!;
    const p = (i & MASK) === 0 ? 0 : ends[i - 1]!;
    const q = (j & MASK) === 0 ? 0 : ends[j - 1]!;
    const most = Math.min(ends[i]! - p, ends[j]! - q);
    let n = 0;
    while (n < most && a.charCodeAt(p + n) === b.charCodeAt(q + n)) n++;
    return n;
  }

  /**
   * Three UTF-16 code units of record `i`'s value from position `from` packed in one number (each
   * unit plus one, 0 past the end): values equal before `from` order as their keys do, and equal
   * keys need {@link compare}. A sort of many values reads each key once instead of comparing texts.
   */
  key3(i: number, from: number): number {
    let s: string;
    let p: number;
    let end: number;
    if (i >= this.sealed || i < 0) {
      s = this.at(i);
      p = from;
      end = s.length;
    } else {
      s = this.blocks[i >> SHIFT]!;
      p = ((i & MASK) === 0 ? 0 : this.ends[i - 1]!) + from;
      end = this.ends[i]!;
    }
    const u0 = p < end ? s.charCodeAt(p) + 1 : 0;
    const u1 = p + 1 < end ? s.charCodeAt(p + 1) + 1 : 0;
    const u2 = p + 2 < end ? s.charCodeAt(p + 2) + 1 : 0;
    return u0 * 17_179_869_184 + u1 * 131_072 + u2;
  }

  /** Writes record `i`'s value; `i` is the last record written or a later one. */
  set(i: number, value: string): void {
    if (i < this.sealed || this.packed) throw new RangeError(`TextColumn: record ${i} cannot be written (records are written in order, before pack)`);
    if (this.join) while (i - this.sealed >= SIZE) this.seal();
    this.open[i - this.sealed] = value;
    if (i >= this.size) this.size = i + 1;
  }

  /** Joins the last, partly filled block too: the column is read only from now on. */
  pack(): this {
    if (this.join && !this.packed && this.size > this.sealed) this.seal(this.size - this.sealed);
    this.packed = true;
    return this;
  }
  private packed = false;

  /** Keeps the first `n` records (`n` at least the records of full blocks; more leaves `""`s). */
  truncate(n: number): void {
    if (n < this.sealed || (this.packed && n !== this.size)) throw new RangeError(`TextColumn: cannot cut to ${n} records, ${this.sealed} are in full blocks`);
    if (n - this.sealed < this.open.length) this.open.length = n - this.sealed;
    this.size = n;
  }

  /** The values in order, as a new array. */
  toArray(): string[] {
    const out = new Array<string>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.at(i);
    return out;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; i < this.size; i++) yield this.at(i);
  }

  /** The values as an array in JSON (a column is data, not an object of its fields). */
  toJSON(): string[] {
    return this.toArray();
  }

  /** Joins the open block's first `n` values (its holes as `""`) into one string. */
  private seal(n = SIZE): void {
    const open = this.open;
    const base = this.sealed;
    if (this.ends.length < base + SIZE) {
      this.ends = grown(this.ends, Math.max(this.ends.length * 2, base + SIZE));
    }
    open.length = n;
    let end = 0;
    for (let k = 0; k < n; k++) {
      const v = open[k];
      if (v === undefined) open[k] = "";
      else end += v.length;
      this.ends[base + k] = end;
    }
    // One flat string: join copies each value, so a value sliced from a longer text keeps nothing of it.
    this.blocks.push(open.join(""));
    this.open = [];
    this.sealed += n;
  }
}
