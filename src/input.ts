/**
 * The checks an entry point makes of its arguments before it reads them: the input is an object,
 * each kind of record in it an array of records (objects), the options an object of known
 * options, each of its own form. A wrong shape is an issue at the argument
 * (`orders: expected an array of order records, got an object`), never a TypeError from deep
 * inside, nor a kind silently read as empty.
 */
import { IssueCode, IssueList, KefuKpiError, type Issue } from "./errors.js";

/** A short, safe description of any value for a message: `null`, `an object`, `the number 5`, `the text "x"`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "undefined":
      return "nothing";
    case "string":
      return value.length > 40 ? `the text ${JSON.stringify(value.slice(0, 40))}…` : `the text ${JSON.stringify(value)}`;
    case "number":
    case "bigint":
    case "boolean":
      return `${typeof value === "boolean" ? "" : "the number "}${String(value)}${typeof value === "bigint" ? "n" : ""}`;
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      try {
        return Array.isArray(value) ? "an array" : "an object";
      } catch {
        // A revoked Proxy.
        return "an object";
      }
  }
}

/** The first `max` UTF-16 code units of `text`, one fewer when the last would split a surrogate pair. */
export function headOf(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * A value as a message quotes it: as JSON for text, finite numbers, booleans and null (`"A01"`,
 * `5`, `null`), else by {@link describeValue} — never a throw (a bigint, a symbol, an object
 * without a prototype or with a throwing `toString`).
 */
export function quoteValue(value: unknown): string {
  if (value === null || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) return JSON.stringify(value);
  return describeValue(value);
}

/** An object that is not an array (a record, an input, an options object). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// How one record of each kind is called in messages.
const RECORD_NAMES: Readonly<Record<string, string>> = {
  agents: "an agent record",
  consultations: "a consultation record",
  messages: "a chat message record",
  orders: "an order record",
  shipments: "a shipment record",
  orderAnomalies: "an order anomaly record",
  tickets: "a ticket record",
  afterSales: "an after-sales record",
  reviews: "a review record",
  complaints: "a complaint record",
  qc: "a QC inspection record",
  calls: "a call record",
  violations: "a violation record",
  rewards: "a reward record",
  assessments: "an assessment record",
  probation: "a probation evaluation record",
  scores: "a score record",
  roster: "a roster record",
  returnedParcels: "a returned-parcel record",
  shopReviews: "a shop review record",
  traffic: "a traffic record",
  attendance: "an attendance record",
};

function recordName(kind: string): string {
  return Object.hasOwn(RECORD_NAMES, kind) ? RECORD_NAMES[kind]! : "a record";
}

/**
 * Checks that `input` is an object whose given kinds are arrays of records.
 *
 * @param input - the input argument as given
 * @param kinds - the kinds it may hold; a kind left out (`undefined`) is no data
 * @param required - the kinds it must hold
 * @throws {KefuKpiError} naming each kind that is not an array and each record that is not an object
 */
export function checkInput(input: unknown, kinds: readonly string[], required: readonly string[] = []): void {
  if (!isObject(input)) {
    throw new KefuKpiError([
      { code: IssueCode.invalidType, path: ["input"], message: `expected an object of record arrays like { ${kinds[0] ?? "orders"}: [...] }, got ${describeValue(input)}` },
    ]);
  }
  const issues = new IssueList();
  for (const kind of kinds) {
    const value = input[kind];
    if (value === undefined) {
      if (required.includes(kind)) issues.add({ code: IssueCode.missingField, path: [kind], message: `is missing; expected an array of ${kind} records` });
      continue;
    }
    checkRecords(kind, value, issues);
  }
  issues.throwIfAny();
}

/** Adds an issue when `value` is not an array of records (objects), and one per record that is not. */
export function checkRecords(kind: string, value: unknown, issues: IssueList): void {
  if (!Array.isArray(value)) {
    issues.add({ code: IssueCode.invalidType, path: [kind], message: `expected an array of ${kind} records, got ${describeValue(value)}` });
    return;
  }
  // A for loop, not forEach: a hole in the array is a record that is missing, not one to skip.
  const records: readonly unknown[] = value;
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (!isObject(record)) {
      issues.add({ code: IssueCode.invalidType, path: [kind, i], message: `is not ${recordName(kind)}; expected an object, got ${describeValue(record)}` });
    }
  }
}

/** The expected form of each option, named in its issues. */
export const OPTION_FORMS = {
  month: "a month YYYY-MM like 2020-02",
  period: "a period: a day YYYY-MM-DD, an ISO week YYYY-Www, a month YYYY-MM or a range YYYY-MM-DD..YYYY-MM-DD",
  asOf: "a date YYYY-MM-DD like 2020-02-29",
  throughMonth: "a month YYYY-MM like 2020-02",
  warnings: "a list of texts",
  listAgents: "a list of agent ids (texts)",
  notScoredBecause: "a text saying why the agent is not scored",
  previous: "the settled month report of an earlier month",
  agents: "the agents (an array of agent records)",
  exclude: "a list of agent ids (texts) to leave out",
  payAgents: "each order's payAgent by attribution (an agent id or null per order)",
  placeAgents: "each order's placeAgent by attribution (an agent id or null per order)",
  credits: "the credited agent of each order by attribution: { orderId, agentId } per order",
  shop: "a shop's id (shopId), as the records name it",
  by: '"day" or "week" (the parts a trend cuts its period into)',
  metrics: "a list of KPI metric ids (replyRate, conversionRate …)",
} as const;
export type OptionName = keyof typeof OPTION_FORMS;

/**
 * Checks an options argument: `undefined` is no options; anything else must be an object of the
 * `allowed` options only. Each option's value is then read by {@link textOption} or its reader.
 *
 * @throws {KefuKpiError} at `options` or `options.<name>` of an unknown option
 */
export function checkOptions(options: unknown, allowed: readonly OptionName[]): Record<string, unknown> {
  if (options === undefined) return {};
  const list = allowed.join(", ");
  if (!isObject(options)) {
    throw new KefuKpiError([{ code: IssueCode.invalidType, path: ["options"], message: `expected an options object${list ? ` with ${list}` : ""}, got ${describeValue(options)}` }]);
  }
  const issues: Issue[] = [];
  for (const key of Object.keys(options)) {
    if (!(allowed as readonly string[]).includes(key) && options[key] !== undefined) {
      issues.push({ code: IssueCode.invalidValue, path: ["options", key], message: `is not an option here; expected ${list ? `one of ${list}` : "none"}` });
    }
  }
  if (issues.length > 0) throw new KefuKpiError(issues);
  return options;
}

/**
 * An option that must be text when given.
 *
 * @throws {KefuKpiError} at `options.<name>` naming its form
 */
export function textOption(options: Record<string, unknown>, name: OptionName): string | undefined {
  const value = options[name];
  if (value === undefined || typeof value === "string") return value;
  throw new KefuKpiError([{ code: IssueCode.invalidType, path: ["options", name], message: `expected ${OPTION_FORMS[name]}, got ${describeValue(value)}` }]);
}

/**
 * An option that must be a list of texts when given.
 *
 * @throws {KefuKpiError} at `options.<name>` (or the item) naming its form
 */
export function textsOption(options: Record<string, unknown>, name: OptionName): readonly string[] | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new KefuKpiError([{ code: IssueCode.invalidType, path: ["options", name], message: `expected ${OPTION_FORMS[name]}, got ${describeValue(value)}` }]);
  }
  const list: readonly unknown[] = value;
  const issues: Issue[] = [];
  for (let i = 0; i < list.length; i++) {
    if (typeof list[i] !== "string") issues.push({ code: IssueCode.invalidType, path: ["options", name, i], message: `expected text, got ${describeValue(list[i])}` });
  }
  if (issues.length > 0) throw new KefuKpiError(issues);
  return list as readonly string[];
}

/**
 * Reads a text option with `read` (a date, month or period reader that throws a RangeError),
 * turning its error into a {@link KefuKpiError} at `options.<name>` naming the option's own form.
 */
export function readTextOption<T>(options: Record<string, unknown>, name: OptionName, read: (text: string) => T): T | undefined {
  const text = textOption(options, name);
  if (text === undefined) return undefined;
  try {
    return read(text);
  } catch (error) {
    if (error instanceof RangeError) throw new KefuKpiError([{ code: IssueCode.invalidValue, path: ["options", name], message: error.message }]);
    throw error;
  }
}
