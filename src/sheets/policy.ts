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
 * TRUE/FALSE (or 是/否), numbers stay numbers; `none` (or `null`, 无, 不限) sets a number setting to
 * null, which those that may be switched off take. Validation is the policy's own (unknown keys and bad
 * values are issues), each placed at its row.
 */
import { IssueCode, unreadable, type Issue } from "../errors.js";
import { describeValue, isObject } from "../input.js";
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
const NONE = new Set(["none", "null", "无", "不限"]);
const FALSE = new Set(["false", "否", "0", "no"]);

/**
 * Reads key/value rows into a (partial) policy.
 *
 * @example
 * policyFromCells([["attribution.windowHours", 72], ["attribution.deductRefunds", false]]).policy
 * //=> { attribution: { windowHours: 72, deductRefunds: false } }
 */
export function policyFromCells(range: Range, where: { sheet?: string; origin?: string } = {}): PolicyCells {
  try {
    return readPolicyCells(range, where);
  } catch (error) {
    // A range that throws when read (a revoked Proxy, a getter) is an issue too: nothing throws.
    return { policy: {}, issues: [{ ...unreadable(error), path: ["policy"] }], cells: new Map() };
  }
}

function readPolicyCells(range: Range, where: { sheet?: string; origin?: string } | null | undefined): PolicyCells {
  const policy: Record<string, unknown> = {};
  const issues: Issue[] = [];
  const cells = new Map<string, string>();
  const sheet = isObject(where) && typeof where["sheet"] === "string" ? where["sheet"] : "设置";
  const fail = (message: string, path: (string | number)[] = ["policy"]): PolicyCells => ({ policy, issues: [{ code: IssueCode.invalidPolicy, path, message, source: { file: sheet } }], cells });
  if (where !== undefined && where !== null && !isObject(where)) return fail(`expected { sheet, origin } for where the range sits, got ${describeValue(where)}`);
  const originText: unknown = where?.origin ?? "A1";
  if (typeof originText !== "string") return fail(`expected the range's top-left cell (like A1) as text, got ${describeValue(originText)}`);
  let origin: ReturnType<typeof parseOrigin>;
  try {
    origin = parseOrigin(originText);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (!Array.isArray(range)) return fail(`expected a range of key/value rows, got ${describeValue(range)}`);
  const defaults = defaultPolicy() as unknown as Record<string, unknown>;
  for (let r = 0; r < range.length; r++) {
    const row: unknown = range[r];
    const keyAt = `${columnName(origin.col)}${origin.row + r}`;
    if (row !== undefined && row !== null && !Array.isArray(row)) {
      issues.push(at(sheet, keyAt, ["policy"], `expected a row of cells, got ${describeValue(row)}`));
      continue;
    }
    const cellsOfRow: readonly Cell[] = row ?? [];
    const keyCell = cellsOfRow[0];
    if (isBlank(keyCell)) {
      if (cellsOfRow.some((c) => !isBlank(c))) issues.push(at(sheet, keyAt, ["policy"], "a value without a setting name in the first column"));
      continue;
    }
    if (typeof keyCell !== "string") {
      issues.push(at(sheet, keyAt, ["policy"], `expected a setting name like attribution.windowHours, got ${describeValue(keyCell)}`));
      continue;
    }
    const key = keyCell.trim();
    if (r === 0 && HEADER_KEYS.has(key.toLowerCase())) continue;
    const valueAt = `${columnName(origin.col + 1)}${origin.row + r}`;
    const path = key.split(".");
    if (!/^[A-Za-z][\w.]*$/.test(key) || path.some((p) => p === "")) {
      issues.push(at(sheet, keyAt, ["policy", key], `"${key}" is not a setting name like attribution.windowHours`));
      continue;
    }
    // A path through an object's own machinery is no setting, and must never be walked.
    const reserved = path.find(isReservedKey);
    if (reserved !== undefined) {
      issues.push(at(sheet, keyAt, ["policy", key], `"${key}" is not a setting name: "${reserved}" is reserved`));
      continue;
    }
    if (cells.has(key)) {
      issues.push(at(sheet, keyAt, ["policy", ...path], `"${key}" is set twice (first at ${cells.get(key)!})`));
      continue;
    }
    const read = valueFor(cellsOfRow[1], defaultAt(defaults, path));
    if ("error" in read) {
      cells.set(key, valueAt);
      issues.push(at(sheet, valueAt, ["policy", ...path], read.error));
      continue;
    }
    // Only own properties are walked: a key that is a prefix of another (`a` and `a.b`) is an issue.
    let node = policy;
    let clash: string | null = null;
    for (let i = 0; i < path.length - 1; i++) {
      const part = path[i]!;
      if (!Object.hasOwn(node, part)) node[part] = {};
      const next = node[part];
      if (!isObject(next)) {
        clash = path.slice(0, i + 1).join(".");
        break;
      }
      node = next;
    }
    const last = path[path.length - 1]!;
    if (clash === null && Object.hasOwn(node, last) && isObject(node[last])) clash = key;
    if (clash !== null) {
      issues.push(at(sheet, keyAt, ["policy", ...path], `"${key}" and another row both set "${clash}" (one as a value, one as a group of settings)`));
      continue;
    }
    cells.set(key, valueAt);
    node[last] = read.value;
  }
  return { policy: policy as PolicyInput, issues, cells };
}

const RESERVED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Is `key` one that names an object's own machinery (`__proto__`, `constructor`, `prototype`) rather than a setting? */
export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.has(key);
}

function at(file: string, cell: string, path: (string | number)[], message: string): Issue {
  return { code: IssueCode.invalidPolicy, path, message, source: { file, cell } };
}

function defaultAt(defaults: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = defaults;
  for (const part of path) node = isObject(node) && Object.hasOwn(node, part) ? node[part] : undefined;
  return node;
}

function valueFor(cell: Cell, typical: unknown): { value: unknown } | { error: string } {
  if (isBlank(cell)) return { error: "has no value" };
  if (isDate(cell)) return { error: "a date is not a setting value" };
  if (typeof cell !== "string" && typeof cell !== "number" && typeof cell !== "boolean") return { error: `expected text, a number or TRUE/FALSE, got ${describeValue(cell)}` };
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
    // A number setting that may be switched off (attribution.windowHours, chat.waitLimitSeconds) takes none.
    if (NONE.has(text.toLowerCase())) return { value: null };
    return /^-?\d+(\.\d+)?$/.test(text) ? { value: Number(text) } : { value: text };
  }
  return { value: typeof cell === "string" ? cell.trim() : cell };
}
