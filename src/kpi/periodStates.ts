/**
 * The KPI states of many periods of one decoded month (the days or weeks of a trend) in one go.
 *
 * Collecting each day's state from the whole month (as `collectKpiState` with a day's period does)
 * reads every record once per day. Here each kind's records are first cut by period (a counting
 * sort by the instants that place them: the ones `collectKpiState` reads), the columns a state
 * reads copied once in that order (each read in input order, written to one stream per period), so
 * that each period's records are one stretch of every column (over buffers that do not set off
 * collections of the caller's heap, see `memory.ts`); each period's state is then
 * collected from its stretch alone, its buyers numbered afresh. The work stays proportional to the
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
 * Where each record goes: period p's records are places `start[p] … start[p + 1]` (in input
 * order); record i is at place `at[i]` (-1: in no period) and, placed in a second period by its
 * other instant, also at `also[i]`.
 */
interface Cut {
  readonly start: Int32Array;
  readonly at: Int32Array;
  readonly also: Int32Array | null;
}

/**
 * The state of each period, in the order given.
 *
 * @param periods - ascending and not overlapping (the days or weeks of a month)
 * @param credits - the credited agent's number of each order (by attribution), or null
 */
export function collectPeriodStates(month: DecodedMonth, periods: readonly Period[], credits: Int32Array | null): KpiState[] {
  const starts = periods.map((p) => p.start);
  const ends = periods.map((p) => p.end);
  // The period holding instant t, or -1.
  const periodOf = (t: number): number => {
    if (!(t >= starts[0]!)) return -1; // also NaN
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return t < ends[lo]! ? lo : -1;
  };
  const kinds: { kind: string; table: Table; cut: Cut; columns: Record<string, Column | null>; rows: Int32Array | null }[] = [];
  for (const [kind, instants] of Object.entries(PLACED_BY)) {
    const table = month.tables[kind as keyof MonthTables] as Table | undefined;
    if (table === undefined) continue;
    const cut = cutByPeriod(table, instants, periods.length, periodOf);
    kinds.push({ kind, table, cut, ...reordered(table, cut) });
  }
  const orderCut = kinds.find((k) => k.kind === "orders")?.cut;
  const orders = month.tables.orders;
  const repeat = orders === undefined || orderCut === undefined ? undefined : reorder(repeatPayments(month, orders.columns.buyerId, orders.columns.paidAt, orders.count), orderCut);
  const creditsInOrder = credits === null || orderCut === undefined ? credits : reorder(credits, orderCut);
  // A buyer's number in the period being collected (-1: not met yet), reset after each period.
  const local = int32s(month.buyers.size).fill(-1);
  const met: number[] = [];
  return periods.map((period, p) => {
    const buyerKeys: string[] = [];
    const tables: Record<string, Table> = { ...(month.tables as Record<string, Table>) };
    for (const { kind, table, cut, columns, rows } of kinds) {
      const from = cut.start[p]!;
      const to = cut.start[p + 1]!;
      const part = Object.create(null) as Record<string, unknown>;
      for (const [name, column] of Object.entries(columns)) {
        if (column === null || column === TextColumn.EMPTY || column.length === 0) part[name] = column;
        else if (column instanceof TextColumn) part[name] = TextColumn.written(to - from, (i, parts) => parts.push(column.at(rows![from + i]!)));
        else part[name] = column.subarray(from, to);
      }
      const buyers = part["buyerId"];
      if (buyers instanceof Int32Array) renumber(buyers, local, met, month.buyers.keys, buyerKeys);
      tables[kind] = { kind: table.kind, count: to - from, columns: part as unknown as Table["columns"], given: table.given, source: null, locators: null };
    }
    const slice = <T extends Typed | null | undefined>(a: T): T => (a == null || orderCut === undefined ? a : (a.subarray(orderCut.start[p]!, orderCut.start[p + 1]!) as T));
    const state = collectState({ ...month, tables: tables as MonthTables }, period, slice(creditsInOrder), { repeat: slice(repeat), buyerKeys });
    for (const b of met) local[b] = -1;
    met.length = 0;
    return state;
  });
}

/** Cuts a table's records by period (a counting sort; a record placed by two instants in two periods is in both). */
function cutByPeriod(table: Table, instants: readonly string[], periods: number, periodOf: (t: number) => number): Cut {
  const columns = instants.map((name) => (table.columns as unknown as Record<string, Float64Array>)[name]!);
  const n = table.count;
  const at = int32s(n);
  const also = columns.length > 1 ? int32s(n).fill(-1) : null;
  const start = new Int32Array(periods + 1);
  for (let i = 0; i < n; i++) {
    const a = periodOf(columns[0]![i]!);
    at[i] = a;
    if (a >= 0) start[a + 1]!++;
    if (also !== null) {
      const b = periodOf(columns[1]![i]!);
      if (b >= 0 && b !== a) {
        also[i] = b;
        start[b + 1]!++;
      }
    }
  }
  for (let p = 0; p < periods; p++) start[p + 1]! += start[p]!;
  const next = start.slice(0, periods);
  for (let i = 0; i < n; i++) {
    if (at[i]! >= 0) at[i] = next[at[i]!]!++;
    if (also !== null && also[i]! >= 0) also[i] = next[also[i]!]!++;
  }
  return { start, at, also };
}

/**
 * The columns a state reads, in period order; the others empty. A text column is kept as it is,
 * with the record number of each place (`rows`), and read when its period is collected.
 */
function reordered(table: Table, cut: Cut): { columns: Record<string, Column | null>; rows: Int32Array | null } {
  const read = READ[table.kind]!;
  const columns = Object.create(null) as Record<string, Column | null>;
  let rows: Int32Array | null = null;
  for (const [name, column] of Object.entries(table.columns as unknown as Record<string, Column | null>)) {
    if (column === null) columns[name] = null;
    else if (!read.includes(name)) columns[name] = column instanceof TextColumn ? TextColumn.EMPTY : new (column.constructor as new (n: number) => Typed)(0);
    else if (column instanceof TextColumn) {
      rows ??= reorder(int32s(table.count).map((_, i) => i), cut);
      columns[name] = column;
    } else columns[name] = reorder(column, cut);
  }
  return { columns, rows };
}

/** A column in period order: each value read in input order, written to its period's stretch. */
function reorder<T extends Typed>(column: T, cut: Cut): T {
  const size = cut.start[cut.start.length - 1]!;
  // One loop per array type: a loop that met every type would be slow for all.
  const out = new (column.constructor as new (b: ArrayBuffer) => T)(columnBuffer(size * column.BYTES_PER_ELEMENT));
  if (column instanceof Float64Array) return reorderFloats(column, cut, out as Float64Array) as T;
  if (column instanceof Int32Array) return reorderInts(column, cut, out as Int32Array) as T;
  const { at, also } = cut;
  for (let i = 0; i < at.length; i++) {
    if (at[i]! >= 0) out[at[i]!] = column[i]!;
    if (also !== null && also[i]! >= 0) out[also[i]!] = column[i]!;
  }
  return out;
}

function reorderFloats(column: Float64Array, { at, also }: Cut, out: Float64Array): Float64Array {
  for (let i = 0; i < at.length; i++) {
    if (at[i]! >= 0) out[at[i]!] = column[i]!;
    if (also !== null && also[i]! >= 0) out[also[i]!] = column[i]!;
  }
  return out;
}

function reorderInts(column: Int32Array, { at, also }: Cut, out: Int32Array): Int32Array {
  for (let i = 0; i < at.length; i++) {
    if (at[i]! >= 0) out[at[i]!] = column[i]!;
    if (also !== null && also[i]! >= 0) out[also[i]!] = column[i]!;
  }
  return out;
}

/** Numbers a period's buyers afresh, in place: their keys pushed to `keys` (`local` holds the numbers given, `met` the buyers met). */
function renumber(buyers: Int32Array, local: Int32Array, met: number[], monthKeys: readonly string[], keys: string[]): void {
  for (let i = 0; i < buyers.length; i++) {
    const b = buyers[i]!;
    if (b < 0) continue;
    if (local[b]! < 0) {
      local[b] = keys.push(monthKeys[b]!) - 1;
      met.push(b);
    }
    buyers[i] = local[b]!;
  }
}
