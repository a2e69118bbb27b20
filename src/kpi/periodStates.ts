/**
 * The KPI states of many periods of one decoded month (the days or weeks of a trend) in one go.
 *
 * Collecting each day's state from the whole month (as `collectKpiState` with a day's period does)
 * reads every record once per day. Here each kind's records are first cut by period (a counting
 * sort of the record numbers by the instants that place them: the ones `collectKpiState` reads);
 * for each period in turn, the columns a state reads are gathered from its records into buffers
 * the size of the largest period, reused period after period (see {@link Gathered}), and the state
 * collected from them alone, its buyers numbered afresh. The work stays proportional to the
 * month, not to the month times its days. Each state equals the one `collectKpiState` gives for
 * that period with the same credits (`test/kpi/periodStates.test.ts`).
 */
import { type DecodedMonth, type MonthTables } from "../records/month.js";
import { TextColumn } from "../records/textColumn.js";
import type { Table } from "../records/table.js";
import type { Period } from "../time/period.js";
import { collectState, repeatPayments } from "./collect.js";
import { columnBuffer, int32s } from "../memory.js";
import type { KpiState } from "./state.js";

/** The kinds a state reads, with the instants that place a record in a period. */
const PLACED_BY: Readonly<Record<string, readonly string[]>> = {
  consultations: ["startedAt"],
  orders: ["createdAt", "paidAt"],
  tickets: ["createdAt"],
  afterSales: ["appliedAt", "refundedAt"],
  reviews: ["at"],
  shopReviews: ["at"],
  qc: ["at"],
  calls: ["at"],
};

/**
 * The columns a state reads of each kind (`collect.ts`); a period's table holds these, its other
 * columns empty (a read of one would find no value, and the tests comparing each period with the
 * period collected alone would fail).
 */
const READ: Readonly<Record<string, readonly string[]>> = {
  consultations: ["startedAt", "firstReplyAt", "endedAt", "agentId", "buyerId", "buyerMessages", "agentMessages", "responseCount", "responseSeconds", "transferredTo"],
  orders: ["orderId", "buyerId", "createdAt", "paidAt", "amount", "refundAmount"],
  tickets: ["createdAt", "firstReplyAt", "agentId", "closedOnFirstReply"],
  afterSales: ["appliedAt", "refundedAt", "reviewedAt", "agentId", "satisfaction", "refundAmount"],
  reviews: ["at", "agentId", "rating"],
  shopReviews: ["at", "handlerId", "outcome"],
  qc: ["at", "agentId", "score"],
  calls: ["at", "agentId", "answered"],
};

type Typed = Float64Array | Int32Array | Int8Array | Uint8Array;
type Column = TextColumn | Typed;

/**
 * Which records each period holds: period p's are records `rows[start[p]] … rows[start[p + 1] - 1]`,
 * in input order (a record placed by two instants in two periods is in both).
 */
interface Cut {
  readonly start: Int32Array;
  readonly rows: Int32Array;
  /** The most records of one period. */
  readonly largest: number;
}

/**
 * A column a state reads, as each period's stretch is gathered into: one buffer the size of the
 * largest period, reused period after period (a state keeps nothing of the tables it is
 * collected from, and fresh memory costs more to touch than the copying).
 */
interface Gathered {
  readonly name: string;
  readonly column: Column;
  readonly buffer: Typed | null;
}

/**
 * The state of each period, in the order given.
 *
 * @param periods - ascending and not overlapping (the days or weeks of a month)
 * @param credits - the credited agent's number of each order (by attribution), or null
 * @param options - `orderIds: false` leaves the states' order ids empty (a state finalized at once
 *   needs none; only merging and the state's JSON read them), which saves making a string per order
 */
export function collectPeriodStates(month: DecodedMonth, periods: readonly Period[], credits: Int32Array | null, options: { readonly orderIds?: boolean } = {}): KpiState[] {
  const orderIds = options.orderIds ?? true;
  const periodOf = periodFinder(periods);
  const kinds: { kind: string; table: Table; cut: Cut; empty: Record<string, Column | null>; read: Gathered[] }[] = [];
  for (const [kind, instants] of Object.entries(PLACED_BY)) {
    const table = month.tables[kind as keyof MonthTables] as Table | undefined;
    if (table === undefined) continue;
    const cut = cutByPeriod(table, instants, periods.length, periodOf);
    const read = READ[kind]!.filter((name) => orderIds || kind !== "orders" || name !== "orderId");
    const empty = Object.create(null) as Record<string, Column | null>;
    const gathered: Gathered[] = [];
    for (const [name, column] of Object.entries(table.columns as unknown as Record<string, Column | null>)) {
      if (column === null) empty[name] = null;
      else if (!read.includes(name)) empty[name] = column instanceof TextColumn ? TextColumn.EMPTY : new (column.constructor as new (n: number) => Typed)(0);
      else gathered.push({ name, column, buffer: column instanceof TextColumn || column.length === 0 ? null : bufferLike(column, cut.largest) });
    }
    kinds.push({ kind, table, cut, empty, read: gathered });
  }
  const orderCut = kinds.find((k) => k.kind === "orders")?.cut;
  const orders = month.tables.orders;
  const repeat = orders === undefined || orderCut === undefined ? undefined : { column: repeatPayments(month, orders.columns.buyerId, orders.columns.paidAt, orders.count), buffer: new Uint8Array(columnBuffer(orderCut.largest)) };
  const creditsOf = credits === null || orderCut === undefined ? null : { column: credits, buffer: int32s(orderCut.largest) };
  // A buyer's number in the period being collected (-1: not met yet), reset after each period;
  // `met` the buyers met, by their number in it (typed arrays: a string pushed per buyer and
  // period would cost more than the collecting).
  const local = int32s(month.buyers.size).fill(-1);
  const met = int32s(month.buyers.size);
  const monthKeys = month.buyers.keys;
  return periods.map((period, p) => {
    let count = 0;
    const tables: Record<string, Table> = { ...(month.tables as Record<string, Table>) };
    for (const { kind, table, cut, empty, read } of kinds) {
      const from = cut.start[p]!;
      const to = cut.start[p + 1]!;
      const rows = cut.rows.subarray(from, to);
      const part = Object.assign(Object.create(null) as Record<string, Column | null>, empty);
      for (const { name, column, buffer } of read) {
        if (column instanceof TextColumn) part[name] = TextColumn.written(to - from, (i, parts) => parts.push(column.at(rows[i]!)));
        else if (buffer === null) part[name] = column;
        else part[name] = gather(column, rows, buffer);
      }
      const buyers = part["buyerId"];
      if (buyers instanceof Int32Array) count = renumber(buyers, local, met, count);
      tables[kind] = { kind: table.kind, count: to - from, columns: part as unknown as Table["columns"], given: table.given, source: null, locators: null };
    }
    // Written into an array of its size (pushing is slower; below 32M entries it stays a plain array).
    const buyerKeys = new Array<string>(count);
    for (let k = 0; k < count; k++) buyerKeys[k] = monthKeys[met[k]!]!;
    const orderRows = orderCut?.rows.subarray(orderCut.start[p]!, orderCut.start[p + 1]!);
    const partCredits = creditsOf === null || orderRows === undefined ? credits : gather(creditsOf.column, orderRows, creditsOf.buffer);
    const partRepeat = repeat === undefined || orderRows === undefined ? undefined : gather(repeat.column, orderRows, repeat.buffer);
    const state = collectState({ ...month, tables: tables as MonthTables }, period, partCredits, { repeat: partRepeat, buyerKeys });
    for (let k = 0; k < count; k++) local[met[k]!] = -1;
    return state;
  });
}

/**
 * The period holding an instant (-1: none, NaN included), in constant time: a table gives, per
 * hour from the first period's start, the first period not over by that hour's start, and the
 * instant's period is that one or one of the next few (a period lasts hours, not minutes).
 */
function periodFinder(periods: readonly Period[]): (t: number) => number {
  const HOUR = 3_600_000;
  const starts = Float64Array.from(periods, (p) => p.start);
  // Past the last period, an end no instant reaches: the search below stops there.
  const ends = Float64Array.from([...periods.map((p) => p.end), Infinity]);
  const first = starts[0] ?? 0;
  const last = periods.length === 0 ? first : ends[periods.length - 1]!;
  const hours = Math.max(0, Math.ceil((last - first) / HOUR));
  const firstOpen = new Int32Array(hours + 1);
  for (let h = 0, p = 0; h <= hours; h++) {
    while (p < periods.length && ends[p]! <= first + h * HOUR) p++;
    firstOpen[h] = p;
  }
  return (t) => {
    if (!(t >= first && t < last)) return -1;
    let p = firstOpen[Math.floor((t - first) / HOUR)]!;
    while (ends[p]! <= t) p++;
    return t >= starts[p]! ? p : -1;
  };
}

/** Cuts a table's records by period (a counting sort; a record placed by two instants in two periods is in both). */
function cutByPeriod(table: Table, instants: readonly string[], periods: number, periodOf: (t: number) => number): Cut {
  const [one, two] = instants.map((name) => (table.columns as unknown as Record<string, Float64Array>)[name]!);
  const n = table.count;
  // Per record its period by the first instant and by the second when that differs (-1: none).
  const place = int32s(two === undefined ? n : 2 * n);
  const start = new Int32Array(periods + 1);
  for (let i = 0; i < n; i++) {
    const a = periodOf(one![i]!);
    place[i] = a;
    if (a >= 0) start[a + 1]!++;
    if (two !== undefined) {
      const b = periodOf(two[i]!);
      place[n + i] = b === a ? -1 : b;
      if (b >= 0 && b !== a) start[b + 1]!++;
    }
  }
  let largest = 0;
  for (let p = 0; p < periods; p++) {
    largest = Math.max(largest, start[p + 1]!);
    start[p + 1]! += start[p]!;
  }
  const next = start.slice(0, periods);
  const rows = int32s(start[periods]!);
  for (let i = 0; i < n; i++) {
    if (place[i]! >= 0) rows[next[place[i]!]!++] = i;
    if (two !== undefined && place[n + i]! >= 0) rows[next[place[n + i]!]!++] = i;
  }
  return { start, rows, largest };
}

/** An empty column of `column`'s type, `size` long. */
function bufferLike(column: Typed, size: number): Typed {
  return new (column.constructor as new (b: ArrayBuffer) => Typed)(columnBuffer(size * column.BYTES_PER_ELEMENT));
}

/** The values of `rows` of a column, gathered into the start of `buffer` (the part returned). */
function gather<T extends Typed>(column: T, rows: Int32Array, buffer: T): T {
  // One loop per array type: a loop that met every type would be slow for all.
  if (column instanceof Float64Array) return gatherFloats(column, rows, buffer as Float64Array) as T;
  if (column instanceof Int32Array) return gatherInts(column, rows, buffer as Int32Array) as T;
  const out = buffer.subarray(0, rows.length) as T;
  for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]!]!;
  return out;
}

function gatherFloats(column: Float64Array, rows: Int32Array, buffer: Float64Array): Float64Array {
  const out = buffer.subarray(0, rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]!]!;
  return out;
}

function gatherInts(column: Int32Array, rows: Int32Array, buffer: Int32Array): Int32Array {
  const out = buffer.subarray(0, rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]!]!;
  return out;
}

/**
 * Numbers a period's buyers afresh, in place, after the `count` met so far: `local` holds the
 * numbers given, `met` the buyers met by their new number. Returns how many are met now.
 */
function renumber(buyers: Int32Array, local: Int32Array, met: Int32Array, count: number): number {
  for (let i = 0; i < buyers.length; i++) {
    const b = buyers[i]!;
    if (b < 0) continue;
    let n = local[b]!;
    if (n < 0) {
      n = local[b] = count++;
      met[n] = b;
    }
    buyers[i] = n;
  }
  return count;
}
