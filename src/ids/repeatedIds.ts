import { int32s } from "../memory.js";
import { StringIds, hash } from "./stringIds.js";

/**
 * The records that repeat an earlier record's id, each mapped to the first record holding it
 * (records whose id is not a non-empty string are skipped: the caller reports those).
 *
 * Ids are nearly always unique, so the check is built for "no repeats" and stays exact otherwise.
 * A first pass keeps one bit per hash value (16 to 32 bits a record, 8 MB at 4M records): a record whose
 * bit is set already may repeat an id, or merely share its bit. Only the records whose bits were
 * hit twice are then compared exactly, in record order, so the first holder is the earliest. A
 * table holding every id (as {@link StringIds}) would take 64 MB at 4M records, and allocating that
 * much memory beside a large input sets off a full garbage collection. The hashes may be given
 * (`hashes[r]`, 0 for a record without an id), computed while each id was read, so that only the
 * few records whose bits meet have their ids read again.
 */
export function repeatedIds(count: number, idOf: (record: number) => unknown, hashes?: Int32Array): Map<number, number> {
  let bits = 1024;
  while (bits < count * 16 && bits < 2 ** 30) bits *= 2;
  const mask = bits - 1;
  const seen = int32s(bits >>> 5);
  const twice = int32s(bits >>> 5);
  // The hash of record r's id, or null when it has no id. Hashes given are 0 for no id (and for
  // the rare id hashing to 0: its text tells).
  const hashOf = (r: number): number | null => {
    if (hashes !== undefined) {
      const h = hashes[r]!;
      if (h !== 0) return h;
    }
    const id = idOf(r);
    return typeof id !== "string" || id.length === 0 ? null : hash(id);
  };
  let suspects = 0;
  for (let r = 0; r < count; r++) {
    const h = hashOf(r);
    if (h === null) continue;
    const b = h & mask;
    const bit = 1 << (b & 31);
    if ((seen[b >>> 5]! & bit) === 0) seen[b >>> 5]! |= bit;
    else {
      twice[b >>> 5]! |= bit;
      suspects++;
    }
  }
  const repeats = new Map<number, number>();
  if (suspects === 0) return repeats;
  const exact = new StringIds(suspects * 2, (record) => idOf(record) as string);
  // The ids hashed again when no hashes are given, rather than their hashes kept (4 bytes a
  // record less to allocate).
  for (let r = 0; r < count; r++) {
    const h = hashOf(r);
    if (h === null) continue;
    const b = h & mask;
    if ((twice[b >>> 5]! & (1 << (b & 31))) === 0) continue;
    const first = exact.intern(idOf(r) as string, r);
    if (!exact.added) repeats.set(r, first);
  }
  return repeats;
}
