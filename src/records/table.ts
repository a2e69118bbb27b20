/**
 * A decoded kind: its records as columns, one typed array (or text column) per field, row `i`
 * being record `i` of the input. What each column holds (see `kinds.ts` for the types):
 * - `id`, `text`: a {@link TextColumn} (`column.at(i)`, `""` when absent); an optional field no
 *   record gives is `null`;
 * - `agent`, `buyer`: the number in the month's agent or buyer list (-1 when absent or null);
 * - `instant`: epoch ms, `money`: integer fen (NaN when absent);
 * - `count`: the number, `score`: hundredths, `month`: `year * 12 + month - 1` (-1 when absent);
 * - `date`: days since 1970-01-01 ({@link NO_DATE} when absent);
 * - `boolean`: 1 or 0, `enum`: the value's index in the field's `values` (-1 when absent).
 */
import type { IssueSource } from "../errors.js";
import type { Kinds, RecordKind } from "./kinds.js";
import { TextColumn } from "./textColumn.js";

type Spec = { readonly type: string; readonly required?: boolean };

/** The column type of a field spec. */
export type ColumnOf<S extends Spec> = S["type"] extends "id" | "text"
  ? S extends { readonly required: true }
    ? TextColumn
    : TextColumn | null
  : S["type"] extends "instant" | "money"
    ? Float64Array
    : S["type"] extends "boolean" | "enum"
      ? Int8Array
      : Int32Array;

/** The columns of a kind. */
export type Columns<K extends RecordKind> = {
  readonly [F in keyof Kinds[K]["fields"]]: Kinds[K]["fields"][F] extends Spec ? ColumnOf<Kinds[K]["fields"][F]> : never;
};

/** Where the records of a table came from, to name them in messages. */
export interface TableSource {
  /** The file or sheet name (`orders.csv`, `订单`). */
  readonly file: string;
  /** How `locators[i]` names record `i`: a CSV line, an index in a JSON array, or a sheet row (with `columnOf` for the cell). */
  readonly style: "row" | "index" | "cell";
  /** For sheets: the column letter of a field. */
  readonly columnOf?: (field: string) => string | undefined;
}

export interface Table<K extends RecordKind = RecordKind> {
  readonly kind: K;
  readonly count: number;
  readonly columns: Columns<K>;
  /** The fields some record gives (or whose column the file has). */
  readonly given: ReadonlySet<string>;
  /** Where the records came from, when read from a file or sheet; `locators[i]` is record `i`'s line, index or sheet row. */
  readonly source: TableSource | null;
  readonly locators: Int32Array | null;
  /**
   * When the table holds some of the records given (the agents and consultations without the
   * bots'): record `i` here is record `rows[i]` of the input, as paths name it.
   */
  readonly rows?: Int32Array;
}

/** The index in the input (as paths name it) of record `i` of a table. */
export function recordIndex(table: Pick<Table, "rows">, i: number): number {
  return table.rows === undefined ? i : table.rows[i]!;
}

/** The place of record `i` of a table (null when it came from the library's arrays). */
export function sourceOf(table: Pick<Table, "source" | "locators">, i: number, field?: string): IssueSource | undefined {
  const { source, locators } = table;
  if (source === null || locators === null) return undefined;
  const at = locators[i]!;
  if (source.style === "row") return { file: source.file, row: at };
  if (source.style === "index") return { file: source.file, index: at };
  const column = (field !== undefined && source.columnOf?.(field)) || source.columnOf?.("") || "A";
  return { file: source.file, cell: `${column}${at}` };
}

/**
 * The records `rows` (ascending indices) of a table, as a table of their own: each column picked,
 * the records' places and input indices kept, so that issues still name them as given.
 */
export function pickRows<K extends RecordKind>(table: Table<K>, rows: Int32Array): Table<K> {
  const columns = Object.create(null) as Record<string, unknown>;
  for (const [name, column] of Object.entries(table.columns as unknown as Record<string, TextColumn | Float64Array | Int32Array | Int8Array | null>)) {
    if (column === null) columns[name] = null;
    else if (column instanceof TextColumn) columns[name] = TextColumn.written(rows.length, (i, parts) => parts.push(column.at(rows[i]!)));
    else if (column instanceof Float64Array) columns[name] = pickFloats(column, rows);
    else if (column instanceof Int32Array) columns[name] = pickInts(column, rows);
    else columns[name] = pickBytes(column, rows);
  }
  const original = table.rows;
  return {
    kind: table.kind,
    count: rows.length,
    columns: columns as unknown as Columns<K>,
    given: table.given,
    source: table.source,
    locators: table.locators === null ? null : rows.map((r) => table.locators![r]!),
    rows: original === undefined ? rows : rows.map((r) => original[r]!),
  };
}

// One loop per array type: a loop that met every type would be slow for all.
function pickFloats(column: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]!]!;
  return out;
}

function pickInts(column: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]!]!;
  return out;
}

function pickBytes(column: Int8Array, rows: Int32Array): Int8Array {
  const out = new Int8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]!]!;
  return out;
}
