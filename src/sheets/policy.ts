/**
 * A policy kept in a sheet as key/value rows:
 *
 * | setting                    | value      |
 * |----------------------------|------------|
 * | attribution.windowHours    | 72         |
 * | attribution.rule           | pay        |
 * | duties.returnedParcels.inspectBy | 17:30 |
 *
 * Keys are the policy's dotted paths (an optional header row `setting`/`设置` is skipped). A cell's
 * value is read as the setting's default is typed: text settings take a number as its text (`8` →
 * `"8"`) and a time-of-day serial as `HH:mm` (Excel stores 17:30 as 0.7291…), switches take
 * TRUE/FALSE (or 是/否), numbers stay numbers. Validation is the policy's own (unknown keys and bad
 * values are issues), each placed at its row.
 */
import { IssueCode, type Issue } from "../errors.js";
import { defaultPolicy } from "../policy/resolve.js";
import type { PolicyInput } from "../policy/schema.js";
import { columnName, isBlank, isDate, parseOrigin, type Cell, type Range } from "./read.js";

export interface PolicyCells {
  readonly policy: PolicyInput;
  readonly issues: Issue[];
  /** The value cell of each key (`attribution.windowHours` → `B3`). */
  readonly cells: Map<string, string>;
}

const HEADER_KEYS = new Set(["setting", "key", "设置", "参数", "项目"]);
const TRUE = new Set(["true", "是", "1", "yes"]);
const FALSE = new Set(["false", "否", "0", "no"]);

/**
 * Reads key/value rows into a (partial) policy.
 *
 * @example
 * policyFromCells([["attribution.windowHours", 72], ["attribution.deductRefunds", false]]).policy
 * //=> { attribution: { windowHours: 72, deductRefunds: false } }
 */
export function policyFromCells(range: Range, where: { sheet?: string; origin?: string } = {}): PolicyCells {
  const sheet = where.sheet ?? "设置";
  const origin = parseOrigin(where.origin ?? "A1");
  const defaults = defaultPolicy() as unknown as Record<string, unknown>;
  const policy: Record<string, unknown> = {};
  const issues: Issue[] = [];
  const cells = new Map<string, string>();
  range.forEach((row, r) => {
    const keyCell = row?.[0];
    if (isBlank(keyCell)) {
      if ((row ?? []).some((c) => !isBlank(c))) {
        issues.push(at(sheet, `${columnName(origin.col)}${origin.row + r}`, ["policy"], "a value without a setting name in the first column"));
      }
      return;
    }
    const key = String(keyCell).trim();
    if (r === 0 && HEADER_KEYS.has(key.toLowerCase())) return;
    const valueAt = `${columnName(origin.col + 1)}${origin.row + r}`;
    const path = key.split(".");
    if (!/^[A-Za-z][\w.]*$/.test(key) || path.some((p) => p === "")) {
      issues.push(at(sheet, `${columnName(origin.col)}${origin.row + r}`, ["policy", key], `"${key}" is not a setting name like attribution.windowHours`));
      return;
    }
    if (cells.has(key)) {
      issues.push(at(sheet, `${columnName(origin.col)}${origin.row + r}`, ["policy", ...path], `"${key}" is set twice (first at ${cells.get(key)!})`));
      return;
    }
    cells.set(key, valueAt);
    const read = valueFor(row?.[1], defaultAt(defaults, path));
    if ("error" in read) {
      issues.push(at(sheet, valueAt, ["policy", ...path], read.error));
      return;
    }
    let node = policy;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      if (typeof next !== "object" || next === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[path[path.length - 1]!] = read.value;
  });
  return { policy: policy as PolicyInput, issues, cells };
}

function at(file: string, cell: string, path: (string | number)[], message: string): Issue {
  return { code: IssueCode.invalidPolicy, path, message, source: { file, cell } };
}

function defaultAt(defaults: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = defaults;
  for (const part of path) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

function valueFor(cell: Cell, typical: unknown): { value: unknown } | { error: string } {
  if (isBlank(cell)) return { error: "has no value" };
  if (isDate(cell)) return { error: "a date is not a setting value" };
  if (typeof typical === "boolean") {
    if (typeof cell === "boolean") return { value: cell };
    const text = String(cell).trim().toLowerCase();
    if (TRUE.has(text)) return { value: true };
    if (FALSE.has(text)) return { value: false };
    return { error: `"${String(cell)}" is not TRUE or FALSE` };
  }
  if (typeof typical === "string" && typeof cell === "number") {
    // A time of day typed into Excel arrives as a fraction of a day.
    if (/^\d\d:\d\d$/.test(typical) && cell >= 0 && cell < 1) {
      const minutes = Math.round(cell * 1440);
      return { value: `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}` };
    }
    return { value: String(cell) };
  }
  if (typeof typical === "number" && typeof cell === "string") {
    const text = cell.trim();
    return /^-?\d+(\.\d+)?$/.test(text) ? { value: Number(text) } : { value: text };
  }
  return { value: typeof cell === "string" ? cell.trim() : cell };
}
