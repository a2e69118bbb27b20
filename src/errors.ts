/**
 * Bad input is data: every problem is an {@link Issue} with a stable `code`, a `path` to the
 * offending record and field, and a human `message`. Entry points throw one {@link KefuKpiError}
 * carrying all issues; their `safe…` twins return `{ success: false, issues }` instead.
 */

/** The closed list of issue codes. */
export const IssueCode = {
  invalidType: "invalid_type",
  missingField: "missing_field",
  missingColumn: "missing_column",
  invalidDate: "invalid_date",
  invalidMoney: "invalid_money",
  negativeMoney: "negative_money",
  refundExceedsAmount: "refund_exceeds_amount",
  replyBeforeStart: "reply_before_start",
  endBeforeReply: "end_before_reply",
  endBeforeStart: "end_before_start",
  paidBeforeCreated: "paid_before_created",
  refundOnUnpaidOrder: "refund_on_unpaid_order",
  duplicateId: "duplicate_id",
  unknownAgent: "unknown_agent",
  invalidValue: "invalid_value",
  invalidPolicy: "invalid_policy",
  invalidFile: "invalid_file",
  tooManyIssues: "too_many_issues",
  /** Reading the input threw (a getter, a Proxy, a revoked object): only the `safe…` twins say so. */
  unreadableInput: "unreadable_input",
} as const;
export type IssueCode = (typeof IssueCode)[keyof typeof IssueCode];

/** Where a record came from when it was read from a file (set by the file readers). */
export interface IssueSource {
  readonly file: string;
  /** 1-based line of a CSV file (the header is line 1). */
  readonly row?: number;
  /** Index of the record in a JSON file's array. */
  readonly index?: number;
  /** A1-style address of the cell, when `file` is a spreadsheet's sheet name (`订单!E17`). */
  readonly cell?: string;
}

/** One problem with the input. */
export interface Issue {
  readonly code: IssueCode;
  /** Path to the value, e.g. `["orders", 17, "paidAt"]`. */
  readonly path: readonly (string | number)[];
  /** What is wrong and what was expected, without the location. */
  readonly message: string;
  /** The id of the record, when it has one, so a reader can find it (`orderId "O-17"`). */
  readonly recordId?: string;
  readonly source?: IssueSource;
  /**
   * The record this one repeats (the first holder of a repeated id, or of a repeated agent and
   * day): its path (`["orders", 3]`), id and, when read from a file or sheet, place.
   * {@link formatIssue} names it: `… (first at orders.csv row 5)`.
   */
  readonly related?: { readonly path: readonly (string | number)[]; readonly recordId?: string; readonly source?: IssueSource };
}

/** What {@link fromZodIssues} reads of a zod issue. */
interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * zod's issues as ours (the one mapping from zod's): each at `at` followed by its path, with
 * `code` (or the code a function picks from zod's), its message (rewritten by `message`), the
 * `source` given, the first `limit` of them.
 */
export function fromZodIssues(
  issues: readonly ZodIssueLike[],
  options: { readonly at: readonly (string | number)[]; readonly code: IssueCode | ((zodCode: string) => IssueCode); readonly message?: (text: string) => string; readonly source?: IssueSource; readonly limit?: number },
): Issue[] {
  return issues.slice(0, options.limit ?? issues.length).map((issue) => ({
    code: typeof options.code === "function" ? options.code(issue.code) : options.code,
    path: [...options.at, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
    message: options.message ? options.message(issue.message) : issue.message,
    ...(options.source === undefined ? {} : { source: options.source }),
  }));
}

/** Renders a place in the input: `orders.csv row 19`, `orders.json[17]` or `订单!E17`. */
export function formatIssueSource(source: IssueSource): string {
  const { file, row, index, cell } = source;
  return file + (cell !== undefined ? `!${cell}` : row !== undefined ? ` row ${row}` : index !== undefined ? `[${index}]` : "");
}

/** Renders an issue's location: `orders.csv row 19 (orderId "O-17"), paidAt`, `订单!E17 (orderId "O-17"), paidAt` or `orders[17].paidAt`. */
export function formatIssueLocation(issue: Issue): string {
  const { path } = issue;
  // A record path (`["orders", 17, "paidAt"]`) names the record, then the field.
  const isRecord = typeof path[1] === "number";
  let where: string;
  if (issue.source) {
    where = formatIssueSource(issue.source);
  } else if (isRecord) {
    where = `${String(path[0])}[${String(path[1])}]`;
  } else {
    return path.join(".");
  }
  if (issue.recordId !== undefined) where += ` (${issue.recordId})`;
  // After the record (`orders[17]`) or, for a whole-file issue, after the kind (`orders`).
  const field = path.slice(isRecord ? 2 : 1).join(".");
  return field ? `${where}, ${field}` : where;
}

/** Renders one issue as a line: location, then message, then the record it repeats. */
export function formatIssue(issue: Issue): string {
  const where = formatIssueLocation(issue);
  const text = where ? `${where}: ${issue.message}` : issue.message;
  return issue.related ? `${text} (first at ${formatRelated(issue.related)})` : text;
}

// The repeated record's place: its file and row (or sheet cell), else its path `orders[3]`.
function formatRelated(related: NonNullable<Issue["related"]>): string {
  if (related.source) return formatIssueSource(related.source);
  const [kind, index] = related.path;
  return typeof index === "number" ? `${String(kind)}[${index}]` : related.path.join(".");
}

// The brand of a KefuKpiError, in the global symbol registry: shared by every copy of kefu-kpi in
// a process (its ESM and CJS builds, two installed versions), where `instanceof` is not.
const BRAND = Symbol.for("kefu-kpi.KefuKpiError");

/**
 * Is `error` a {@link KefuKpiError}, thrown by any copy of kefu-kpi (the ESM or the CJS build, or
 * another installed version)? Use it rather than `instanceof` where errors cross packages.
 *
 * @example
 * try { resolvePolicy({ attribution: { windowHours: -1 } }) } catch (e) { isKefuKpiError(e) } //=> true
 */
export function isKefuKpiError(error: unknown): error is KefuKpiError {
  return typeof error === "object" && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true && Array.isArray((error as { issues?: unknown }).issues);
}

/**
 * The one error kefu-kpi throws for bad input; `issues` holds every problem found. `instanceof
 * KefuKpiError` holds for an error of any copy of kefu-kpi (see {@link isKefuKpiError}).
 */
export class KefuKpiError extends Error {
  override readonly name = "KefuKpiError";
  readonly issues: readonly Issue[];
  /** True for an error of any copy of kefu-kpi (the brand check of {@link isKefuKpiError}), so the
   * ESM and CJS builds recognise each other's errors. A subclass keeps the ordinary check. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value) || (this === KefuKpiError && isKefuKpiError(value));
  }
  constructor(issues: readonly Issue[]) {
    const shown = issues.slice(0, 20).map(formatIssue);
    if (issues.length > 20) shown.push(`… and ${issues.length - 20} more`);
    super(
      issues.length <= 1
        ? (shown[0] ?? "invalid input")
        : `${issues.length} problems in the input:\n  ${shown.join("\n  ")}`,
    );
    this.issues = issues;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** The result of a `safe…` entry point. */
export type SafeResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly issues: readonly Issue[] };

/** Runs `fn`, turning a thrown {@link KefuKpiError} (of any copy of kefu-kpi) into `{ success: false, issues }`; other errors pass. */
export function toSafe<T>(fn: () => T): SafeResult<T> {
  try {
    return { success: true, data: fn() };
  } catch (error) {
    if (isKefuKpiError(error)) return { success: false, issues: error.issues };
    throw error;
  }
}

/**
 * What the `safe…` twins run: {@link toSafe}, and any other error — one thrown while reading the
 * input (a getter, a Proxy trap, a revoked Proxy) — as an `unreadable_input` issue, so a twin
 * returns its error value for any input whatsoever.
 */
export function safely<T>(fn: () => T): SafeResult<T> {
  try {
    return toSafe(fn);
  } catch (error) {
    return { success: false, issues: [unreadable(error)] };
  }
}

/** The issue of an error thrown while reading the input. */
export function unreadable(error: unknown): Issue {
  return {
    code: IssueCode.unreadableInput,
    path: [],
    message: `the input could not be read (${errorText(error)}); give plain data: objects, arrays, text, numbers`,
  };
}

function errorText(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`;
    return String(error);
  } catch {
    return "an unprintable error";
  }
}

/** Collects issues up to a limit, so a file with a million bad rows fails fast and readably. */
export class IssueList {
  readonly items: Issue[] = [];
  private dropped = 0;
  constructor(private readonly limit = 200) {}
  add(issue: Issue): void {
    if (this.items.length < this.limit) this.items.push(issue);
    else this.dropped++;
  }
  get size(): number {
    return this.items.length + this.dropped;
  }
  /** Counts `n` problems found but not kept. */
  drop(n: number): void {
    this.dropped += n;
  }
  /** Throws a {@link KefuKpiError} when any issue was collected. */
  throwIfAny(): void {
    if (this.size === 0) return;
    const all = this.items.slice();
    if (this.dropped > 0) {
      all.push({
        code: IssueCode.tooManyIssues,
        path: [],
        message: `${this.dropped} further problems not listed`,
      });
    }
    throw new KefuKpiError(all);
  }
}
