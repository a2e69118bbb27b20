/**
 * Points issues at the places their records came from: an issue a rule family raised about
 * `violations[3]` of a month read from a folder or a sheet names `violations.csv row 5` or
 * `违规!C5`. (The decoder's own issues are located when they are made.)
 */
import { relocateFirstAt, formatIssueSource, type Issue } from "../errors.js";
import type { RecordKind } from "./kinds.js";
import type { DecodedMonth } from "./month.js";
import { sourceOf, type Table } from "./table.js";

/** The issues with the place of their record (and of a "(first at kind[i])" it names), where the month knows it. */
export function locateIssues(issues: readonly Issue[], month: DecodedMonth): Issue[] {
  const tableOf = (kind: unknown): Table | undefined => (typeof kind === "string" ? (month.tables as Record<string, Table | undefined>)[kind as RecordKind] : undefined);
  return issues.map((original) => {
    const message = relocateFirstAt(original.message, (kind, index) => {
      const table = tableOf(kind);
      const source = table === undefined || index >= table.count ? undefined : sourceOf(table, index);
      return source === undefined ? null : formatIssueSource(source);
    });
    const issue = message === original.message ? original : { ...original, message };
    if (issue.source) return issue;
    const table = tableOf(issue.path[0]);
    const index = issue.path[1];
    if (table === undefined || typeof index !== "number" || index >= table.count) return issue;
    const field = typeof issue.path[2] === "string" ? issue.path[2] : undefined;
    const source = sourceOf(table, index, field);
    return source === undefined ? issue : { ...issue, source };
  });
}
