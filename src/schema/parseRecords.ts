/**
 * Validates the records of one input kind against its zod schema, turning every failure into an
 * {@link Issue} that names the kind, the record's index, the field and what was expected
 * (`violations[3].rule: "qq" is not one of nonWorkActivity, unauthorizedSoftware`). The folder
 * reader's `locateIssues` then points `violations[3]` at `violations.csv row 5`.
 */
import type * as z from "zod";
import { IssueCode, KefuKpiError, type Issue, type IssueList } from "../errors.js";
import { quoteValue } from "../input.js";

/**
 * @param kind - the input kind (`violations`), the first element of each issue's path
 * @param records - the raw records
 * @param schema - the record schema
 * @param issues - where problems are collected
 * @param idField - the record's id field: named in issues and checked for duplicates
 * @returns the valid records, each with its input index
 */
export function parseRecords<S extends z.ZodType>(
  kind: string,
  records: readonly unknown[],
  schema: S,
  issues: IssueList,
  idField?: string,
): { readonly record: z.output<S>; readonly index: number }[] {
  const out: { record: z.output<S>; index: number }[] = [];
  const seen = new Map<string, number>();
  records.forEach((raw, index) => {
    const idValue = idField === undefined ? undefined : (raw as Record<string, unknown> | null)?.[idField];
    const recordId = typeof idValue === "string" && idValue.trim() !== "" ? `${idField} "${idValue}"` : undefined;
    const add = (issue: Omit<Issue, "recordId">): void => issues.add(recordId === undefined ? issue : { ...issue, recordId });
    let duplicate = false;
    if (idField !== undefined && typeof idValue === "string" && idValue.trim() !== "") {
      const first = seen.get(idValue.trim());
      if (first !== undefined) {
        duplicate = true;
        add({
          code: IssueCode.duplicateId,
          path: [kind, index, idField],
          message: `"${idValue}" appears more than once (first at ${kind}[${first}]); each ${idField} must be unique`,
        });
      } else seen.set(idValue.trim(), index);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        add({
          code: issue.code === "invalid_type" && valueAt(raw, issue.path) !== undefined ? IssueCode.invalidType : valueAt(raw, issue.path) === undefined && issue.path.length > 0 ? IssueCode.missingField : IssueCode.invalidValue,
          path: [kind, index, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
          message: describe(issue, raw),
        });
      }
      return;
    }
    if (duplicate) return;
    out.push({ record: parsed.data, index });
  });
  return out;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const key of path) v = typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function describe(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.code === "unrecognized_keys") return `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  const value = valueAt(raw, issue.path);
  if (issue.code === "invalid_value") return `${quoteValue(value)} is not one of ${issue.values.map(String).join(", ")}`;
  if (issue.code === "invalid_union" && value !== undefined && issue.errors.length > 0) {
    // A union of accepted spellings: name the value and the last alternative's expectation.
    const last = issue.errors[issue.errors.length - 1]?.[0];
    if (last?.code === "invalid_value") return `${quoteValue(value)} is not one of ${last.values.map(String).join(", ")}`;
    if (last) return last.message;
  }
  if (value === undefined || value === "") return issue.message.startsWith("is missing") ? issue.message : `is missing; ${issue.message}`;
  return issue.message;
}

/** Throws the collected issues (if any) ordered by record index, keeping their order within a record. */
export function throwInRecordOrder(issues: IssueList): void {
  const kinds: unknown[] = [];
  for (const i of issues.items) if (!kinds.includes(i.path[0])) kinds.push(i.path[0]);
  const at = (i: Issue): number => (typeof i.path[1] === "number" ? i.path[1] : -1);
  issues.items.sort((a, b) => kinds.indexOf(a.path[0]) - kinds.indexOf(b.path[0]) || at(a) - at(b));
  issues.throwIfAny();
}

/**
 * Reads an option (a date, month or period label) with `read`, turning its RangeError into a
 * {@link KefuKpiError} at `options.<name>`, so the `safe…` twins return it as an issue.
 */
export function readOption<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RangeError) throw new KefuKpiError([{ code: IssueCode.invalidValue, path: ["options", name], message: error.message }]);
    throw error;
  }
}
