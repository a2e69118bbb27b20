/**
 * Matching a header row (or the keys of JSON records) to the fields of a record kind, by the one
 * table of kinds (`KINDS`): a column holds a field when its text is the field's id or one
 * of its Chinese names, exactly (after trimming the cell). A column that misses a field's name only
 * by case, spaces, `_`/`-` or one typo (`refundamount`, `refund Amount`, `refundAmout`) is an
 * error that suggests the name: such a column would otherwise be dropped as unknown, and with it
 * every value in it. Pure and browser-safe: the folder reader, the sheets adapter and the decoder
 * share it.
 */
import { IssueCode } from "../errors.js";
import { KINDS, type FieldSpec, type RecordKind } from "./kinds.js";

const fieldsOf = (kind: RecordKind): Readonly<Record<string, FieldSpec>> => KINDS[kind].fields;

/** A problem with a header: `column` is the 0-based column it is about, or null for the whole header. */
export interface HeaderIssue {
  readonly code: IssueCode;
  readonly column: number | null;
  readonly message: string;
}

/** What {@link matchHeader} found. */
export interface HeaderMatch {
  /** Per column, the field it holds, or null (blank, unknown or a near miss). */
  readonly fields: readonly (string | null)[];
  /** Missing required columns, repeated columns, near misses of a field's name. */
  readonly issues: readonly HeaderIssue[];
  /** The columns that hold no field and resemble none (to name in a warning), in order. */
  readonly unused: readonly string[];
}

/** Options for {@link matchHeader}. */
export interface HeaderOptions {
  /** Report the required fields no column holds (default true; false for the keys of JSON records, checked record by record). */
  readonly required?: boolean;
  /** What a column is called in messages: `column` (default) or `key`. */
  readonly noun?: "column" | "key";
}

/**
 * Matches header cells to the fields of `kind`.
 *
 * Cells are trimmed (spaces, U+3000, tabs, a BOM); a blank cell holds nothing. A near miss is
 * an error only when the field it resembles is held by no other column (`amount` and `amounts`
 * side by side: `amounts` is an unused column, not a typo). The typo rule (one letter added,
 * dropped, changed or two swapped) applies to field ids of 5 letters or more, so short ids
 * (`at`, `rule`, `note`) match only up to case and spaces.
 *
 * @example
 * matchHeader("orders", ["orderId", "buyerId", "createdAt", "paidAt", "amount", "refundamount"]).issues
 * //=> [{ code: "invalid_file", column: 5, message: 'column "refundamount" is not a column of orders: did you mean refundAmount? (names match exactly, case included)' }]
 */
export function matchHeader(kind: RecordKind, cells: readonly string[], options: HeaderOptions = {}): HeaderMatch {
  const noun = options.noun ?? "column";
  const specs = fieldsOf(kind);
  const names = fieldNames(kind);
  const fields: (string | null)[] = [];
  const issues: HeaderIssue[] = [];
  const firstColumn = new Map<string, number>();
  const text = cells.map(trimHeader);

  text.forEach((cell, column) => {
    const field = cell === "" ? null : (names.exact.get(cell) ?? null);
    fields.push(field);
    if (field === null) return;
    const first = firstColumn.get(field);
    if (first === undefined) firstColumn.set(field, column);
    else {
      const message =
        text[first] === cell ? `${noun} ${cell} appears more than once` : `${noun}s ${text[first]} and ${cell} both name ${field}`;
      issues.push({ code: IssueCode.invalidFile, column, message });
    }
  });

  const unused: string[] = [];
  const suggested = new Set<string>();
  text.forEach((cell, column) => {
    if (cell === "" || fields[column] !== null) return;
    const near = nearMisses(cell, names).filter((f) => !firstColumn.has(f));
    if (near.length === 0) {
      unused.push(cell);
      return;
    }
    for (const f of near) suggested.add(f);
    const which = near.map((f) => spellings(f, specs[f]?.aliases)).join(" or ");
    issues.push({
      code: IssueCode.invalidFile,
      column,
      message: `${noun} "${cell}" is not a ${noun} of ${kind}: did you mean ${which}? (names match exactly, case included)`,
    });
  });

  if (options.required !== false) {
    // A file of a kind holds its required columns, and the agents file what the month report needs of an agent.
    const required = Object.keys(specs).filter((f) => specs[f]?.required === true || specs[f]?.forMonth === true);
    for (const field of required) {
      if (firstColumn.has(field) || suggested.has(field)) continue;
      issues.push({ code: IssueCode.missingColumn, column: null, message: `missing ${noun} ${field} (expected ${noun}s ${required.join(", ")})` });
    }
  }
  return { fields, issues, unused };
}

/** Trims a header cell of spaces, full-width spaces (U+3000), tabs and a BOM. */
export function trimHeader(cell: string): string {
  return cell.replace(/^[\s\u3000\uFEFF]+|[\s\u3000\uFEFF]+$/g, "");
}

/**
 * The names in `candidates` that `name` misses by case, spaces, `_`/`-` only, or — for names of 5
 * letters or more — by one typo (one letter added, dropped, changed, or two neighbours swapped),
 * compared without case and spaces. Exact matches are not near misses.
 *
 * @example
 * nearNames("consultation", ["agents", "consultations", "orders"]) //=> ["consultations"]
 * nearNames("Orders", ["orders"])                                  //=> ["orders"]
 */
export function nearNames(name: string, candidates: readonly string[]): string[] {
  const folded = fold(name);
  return candidates.filter((c) => c !== name && isNear(folded, fold(c)));
}

// ---------------------------------------------------------------------------------------------

interface FieldNames {
  /** Exact spelling (id or Chinese name) → field. */
  readonly exact: ReadonlyMap<string, string>;
  /** Each field with its spellings, folded. */
  readonly folded: readonly { readonly field: string; readonly forms: readonly { readonly folded: string; readonly typos: boolean }[] }[];
}

const cache = new Map<RecordKind, FieldNames>();

function fieldNames(kind: RecordKind): FieldNames {
  let names = cache.get(kind);
  if (names) return names;
  const exact = new Map<string, string>();
  const folded: { field: string; forms: { folded: string; typos: boolean }[] }[] = [];
  for (const [field, spec] of Object.entries(fieldsOf(kind))) {
    exact.set(field, field);
    for (const alias of spec.aliases ?? []) if (!exact.has(alias)) exact.set(alias, field);
    // Typos are looked for in the English ids only: one character is a whole word in Chinese
    // (退款金额 and 退货金额 are different columns).
    folded.push({ field, forms: [{ folded: fold(field), typos: true }, ...(spec.aliases ?? []).map((a) => ({ folded: fold(a), typos: false }))] });
  }
  names = { exact, folded };
  cache.set(kind, names);
  return names;
}

function nearMisses(cell: string, names: FieldNames): string[] {
  const folded = fold(cell);
  const found: string[] = [];
  for (const { field, forms } of names.folded) {
    if (forms.some((f) => f.folded === folded || (f.typos && isNear(folded, f.folded)))) found.push(field);
  }
  return found;
}

function spellings(field: string, aliases: readonly string[] | undefined): string {
  return aliases && aliases.length > 0 ? `${field} (${aliases.join(" / ")})` : field;
}

/** Lower case, without spaces (also U+3000), `_` and `-`. */
function fold(text: string): string {
  return text.toLowerCase().replace(/[\s\u3000_-]+/g, "");
}

/** Equal, or — for a target of 5 or more characters — one edit apart (optimal string alignment). */
function isNear(a: string, b: string): boolean {
  if (a === b) return true;
  if (b.length < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // The rest after the first difference must match up to one edit.
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // two swapped
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // one added or dropped
}
