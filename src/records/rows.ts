/**
 * Reading a decoded month's records in the rule families: an agent's row in the agents table, a
 * record's id for messages, and issues that name a record the way the decoder's do (its kind,
 * index and field, its id, and its file and row when it was read from one).
 */
import { IssueCode, type Issue } from "../errors.js";
import { repeatedIds } from "../ids/repeatedIds.js";
import { KINDS } from "./kinds.js";
import type { DecodedMonth } from "./month.js";
import { recordIndex, sourceOf, type Table } from "./table.js";
import type { TextColumn } from "./textColumn.js";

/**
 * The row in the agents table of each agent number (-1: an agent met only in the other kinds, or
 * no agents table). In a month decoded without problems agent `a` is row `a`; a month still being
 * checked may hold a repeated or empty id, which shifts the numbers.
 */
export function agentRows(month: DecodedMonth): Int32Array {
  const rows = new Int32Array(month.agents.ids.length).fill(-1);
  const table = month.tables.agents;
  if (table === undefined) return rows;
  const ids = table.columns.agentId;
  for (let r = 0; r < table.count; r++) {
    const a = month.agents.find(ids.at(r));
    if (a !== undefined && rows[a] === -1) rows[a] = r;
  }
  return rows;
}

/** The record's id as messages name it (`violationId "V1"`), when its kind has one and the record gives it. */
export function recordIdOf(table: Table, i: number): string | undefined {
  const key = (KINDS[table.kind] as { readonly key?: string }).key;
  if (key === undefined) return undefined;
  const ids = (table.columns as unknown as Record<string, TextColumn | null>)[key];
  const id = ids?.at(i);
  return id ? `${key} ${JSON.stringify(id)}` : undefined;
}

/** Record `i` of a table as the record an issue relates to: its path, id and place. */
export function relatedRecord(table: Table, i: number): NonNullable<Issue["related"]> {
  const recordId = recordIdOf(table, i);
  const source = table.source === null ? undefined : sourceOf(table, i);
  return { path: [table.kind, recordIndex(table, i)], ...(recordId === undefined ? {} : { recordId }), ...(source === undefined ? {} : { source }) };
}

/**
 * The records of a table that repeat an earlier record's key (an id, an agent and day …), each
 * with the first record holding it, reported as `duplicate_id` issues at `field` naming that first
 * record (`related`). Records whose key is undefined are skipped.
 *
 * @param message - what is repeated and the rule, for record `i` (without the first's place: the issue carries it)
 */
export function repeatIssues(table: Table, field: string, keyOf: (i: number) => string | undefined, message: (i: number) => string): Issue[] {
  const issues: Issue[] = [];
  for (const [i, first] of repeatedIds(table.count, keyOf)) issues.push(recordIssue(table, i, field, IssueCode.duplicateId, message(i), { first }));
  return issues; // in record order
}

/**
 * An issue at `field` of record `i`, named as the decoder names it: by path, id (or `recordId`),
 * and file and row when the table was read from one.
 *
 * @param first - another record the problem involves (the first of a repeated pair)
 */
export function recordIssue(table: Table, i: number, field: string, code: IssueCode, message: string, options: { readonly recordId?: string | undefined; readonly first?: number } = {}): Issue {
  const recordId = options.recordId ?? recordIdOf(table, i);
  const source = sourceOf(table, i, field);
  const first = options.first;
  const related = first === undefined ? undefined : relatedRecord(table, first);
  return {
    code,
    path: [table.kind, recordIndex(table, i), field],
    message,
    ...(recordId === undefined ? {} : { recordId }),
    ...(source === undefined ? {} : { source }),
    ...(related === undefined ? {} : { related }),
  };
}
