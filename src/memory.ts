/**
 * Memory for the columns a month is computed in (typed arrays sized by the records).
 *
 * V8 counts an ArrayBuffer's memory as external, and every 64 MB of it allocated since the last
 * full collection starts another full collection — of the whole heap, the caller's records
 * included: at a million orders given as objects, 0.7 s each, three or four of them in a month's
 * computation. A SharedArrayBuffer's memory is not counted so. Where the platform offers one (Node,
 * a cross-origin-isolated page) the large columns are plain typed arrays over one, never handed to
 * another thread; elsewhere over an ordinary buffer. Either way zero-filled, and freed when no
 * longer referenced.
 */
const Shared: typeof SharedArrayBuffer | undefined = typeof SharedArrayBuffer === "function" ? SharedArrayBuffer : undefined;

/** Below this many bytes an ordinary buffer (small buffers hardly count). */
const LARGE = 1 << 20;

/** A zero-filled buffer of `bytes` bytes. */
export function columnBuffer(bytes: number): ArrayBuffer {
  // Typed as ArrayBuffer: the columns use no property a SharedArrayBuffer lacks.
  return (Shared !== undefined && bytes >= LARGE ? new Shared(bytes) : new ArrayBuffer(bytes)) as ArrayBuffer;
}

/** A zero-filled column of `n` 32-bit integers. */
export function int32s(n: number): Int32Array {
  return new Int32Array(columnBuffer(n * 4));
}

/** A zero-filled column of `n` doubles. */
export function float64s(n: number): Float64Array {
  return new Float64Array(columnBuffer(n * 8));
}

/** A zero-filled column of `n` bytes. */
export function uint8s(n: number): Uint8Array {
  return new Uint8Array(columnBuffer(n));
}

/** A zero-filled column of `n` UTF-16 code units. */
export function uint16s(n: number): Uint16Array {
  return new Uint16Array(columnBuffer(n * 2));
}

type Column = Uint8Array | Int8Array | Uint16Array | Int32Array | Float64Array;

/** A column of `size` elements (zero-filled past them) holding `a`'s elements first: a column grown. */
export function grown<T extends Column>(a: T, size: number): T {
  const make = a.constructor as new (buffer: ArrayBuffer) => T;
  const b = new make(columnBuffer(size * a.BYTES_PER_ELEMENT));
  b.set(a as never);
  return b;
}
