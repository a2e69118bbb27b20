/**
 * Points issues at the places their records came from: an issue a rule family raised about
 * `violations[3]` of a month read from a folder or a sheet names `violations.csv row 5` or
 * `违规!C5`. (The decoder's own issues are located when they are made.)
 */
import type { Issue } from "../errors.js";
import type { RecordKind } from "./kinds.js";
import type { DecodedMonth } from "./month.js";
import { sourceOf, type Table } from "./table.js";

/** The issues with the place of their record (and of the record it repeats, `related`), where the month knows it. */
export function locateIssues(issues: readonly Issue[], month: DecodedMonth): Issue[] {
  const tableOf = (kind: unknown): Table | undefined => (typeof kind === "string" ? (month.tables as Record<string, Table | undefined>)[kind as RecordKind] : undefined);
  // The place of record `path[1]` of kind `path[0]` (its `path[2]` field, if any), where the month knows it.
  const placeOf = (path: readonly (string | number)[]) => {
    const table = tableOf(path[0]);
    const index = path[1];
    if (table === undefined || typeof index !== "number" || index >= table.count) return undefined;
    return sourceOf(table, index, typeof path[2] === "string" ? path[2] : undefined);
  };
  return issues.map((original) => {
    let issue = original;
    if (issue.related && !issue.related.source) {
      const source = placeOf(issue.related.path);
      if (source !== undefined) issue = { ...issue, related: { ...issue.related, source } };
    }
    if (issue.source) return issue;
    const source = placeOf(issue.path);
    return source === undefined ? issue : { ...issue, source };
  });
}
