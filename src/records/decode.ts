/**
 * The decoder: one per kind, driven by the kind's definition. It takes records one at a time — a
 * plain object (the library's arrays, a JSON file), a row of text cells (a CSV file) or a row of
 * sheet values — and writes each field straight into its column, reading it with the field type's
 * reader (`values.ts`). Every problem becomes an issue naming the record, the field and the value;
 * nothing is dropped or coerced. No object is made per record.
 */
import { IssueCode, type Issue, type IssueList, type IssueSource } from "../errors.js";
import { repeatedIds } from "../ids/repeatedIds.js";
import { hash } from "../ids/stringIds.js";
import { columnBuffer } from "../memory.js";
import type { Zone } from "../time/zone.js";
import { TextColumn } from "./textColumn.js";
import { KINDS, type FieldSpec, type RecordKind } from "./kinds.js";
import { SHOP_SEPARATOR, type AgentList, type BuyerList } from "./lists.js";
import { RULES, type Rule } from "./rules.js";
import type { Columns, Table, TableSource } from "./table.js";
import { sourceOf } from "./table.js";
import { describeValue } from "../input.js";
import { ABSENT, NO_DATE, OK, controlFailure, describeFailure, isMoneyFailure, isNegativeMoney, readInstant, readListedId, readValue, reading, show } from "./values.js";

/** What the kinds of one month share while they are decoded. */
export interface DecodeContext {
  readonly zone: Zone;
  readonly agents: AgentList;
  readonly buyers: BuyerList;
  readonly issues: IssueList;
}

export interface TableOptions {
  /** How many records to expect (columns are sized for them and grow past that). */
  readonly expected?: number;
  /** Where the records come from, to name them in issues. */
  readonly source?: TableSource | null;
  /** A key a record has that is no field of its kind: an issue (the library's records) or only collected in `unknownKeys` (a month folder's JSON, which warns). */
  readonly unknownKeys?: "error" | "collect";
  /**
   * The fields to keep in columns (default: every field). The others are read and checked all the
   * same — a record is valid or not whatever the caller needs of it — but not kept, so an entry
   * point that reads a few fields of millions of records holds only those (their columns are null).
   * Only for records given as objects ({@link TableBuilder.addObjects}).
   */
  readonly keep?: readonly string[];
  /**
   * `"lookup"`: the kind's buyers are looked up among those the month has (the orders'), not added:
   * a buyer no earlier kind holds is -1 (attribution reads a consultation only for a buyer with
   * orders, and a smaller buyer list is faster). Default `"add"`.
   */
  readonly buyers?: "add" | "lookup";
}

/** Records read at a time by the bulk decoder (a block's objects stay in the cache for all its fields). */
const BLOCK = 2048;

// Column kinds, by how a field is kept.
const TEXT = 0;
const AGENT = 1;
const BUYER = 2;
const INSTANT = 3;
const MONEY = 4;
const INT = 5; // count, score, month, date
const SMALL = 6; // boolean, enum

function columnKind(spec: FieldSpec): number {
  switch (spec.type) {
    case "id":
    case "text":
      return TEXT;
    case "agent":
      return AGENT;
    case "buyer":
      return BUYER;
    case "instant":
      return INSTANT;
    case "money":
      return MONEY;
    case "boolean":
    case "enum":
      return SMALL;
    default:
      return INT;
  }
}

type Column = Float64Array | Int32Array | Int8Array | TextColumn | null;

function absentInt(spec: FieldSpec): number {
  return spec.type === "date" ? NO_DATE : -1;
}

/** Builds the columns of one kind, record by record. */
export class TableBuilder<K extends RecordKind> {
  private count = 0;
  private capacity: number;
  private readonly specs: FieldSpec[];
  private readonly names: string[];
  private readonly ckinds: Int8Array;
  private readonly cols: (Column | undefined)[];
  private readonly given: Uint8Array;
  /** 1 for a field kept in its column; 0 for one only checked (read into `scratch`). */
  private readonly kept: Uint8Array;
  /** Per field not kept, a block's worth of values (the record rules read them). */
  private readonly scratch: (Float64Array | Int32Array | Int8Array | null)[];
  private locators: Int32Array | null;
  private readonly source: TableSource | null;
  /**
   * Whether text columns copy their values into blocks: for text read from a file (a CSV row's
   * cells would otherwise be millions of strings, or slices keeping rows alive); the values of
   * the library's arrays and of a sheet's ranges are kept as given (the caller holds them anyway).
   */
  private readonly joinText: boolean;
  private readonly unknownMode: "error" | "collect";
  private readonly known: Set<string>;
  /** Keys of object records that are no field of the kind. */
  readonly unknownKeys = new Set<string>();
  private readonly keyField: number;
  private readonly lookupBuyers: boolean;
  private readonly shopField: number;
  private readonly buyerField: number;
  private readonly rule: Rule | undefined;
  /** The field index of each of the rule's fields. */
  private readonly ruleFields: Int32Array;
  private readonly ruleValues: Float64Array;
  // The record being read.
  private failed = 0; // a bit per field that could not be read
  private rowIssues: Issue[] = [];
  private buyerText: string | null = null;
  private readonly out = reading();
  private readonly failRule = (at: number, code: IssueCode, message: string): void => this.fail(this.ruleFields[at]!, code, message);

  constructor(
    readonly kind: K,
    private readonly ctx: DecodeContext,
    options: TableOptions = {},
  ) {
    const fields = KINDS[kind].fields as Readonly<Record<string, FieldSpec>>;
    this.names = Object.keys(fields);
    this.specs = this.names.map((n) => fields[n]!);
    this.known = new Set(this.names);
    this.ckinds = Int8Array.from(this.specs.map(columnKind));
    this.capacity = Math.max(16, options.expected ?? 0);
    this.source = options.source ?? null;
    this.joinText = this.source !== null && this.source.style !== "cell";
    this.locators = null;
    this.unknownMode = options.unknownKeys ?? "error";
    this.cols = [];
    this.given = new Uint8Array(this.names.length);
    // The record's id and shop are always kept: issues name the record, and a buyer is numbered
    // within its shop; so is an agent's group: a bot (group bot) is set apart from the people.
    const key = (KINDS[kind] as { key?: string }).key;
    this.kept = Uint8Array.from(this.names, (name) =>
      options.keep === undefined || options.keep.includes(name) || name === key || name === "shopId" || (kind === "agents" && name === "group") ? 1 : 0,
    );
    this.scratch = this.specs.map((_, f) => {
      if (this.kept[f] === 1 || this.ckinds[f] === TEXT) return null;
      const kind = this.ckinds[f];
      return kind === INSTANT || kind === MONEY ? new Float64Array(BLOCK) : kind === SMALL ? new Int8Array(BLOCK) : new Int32Array(BLOCK);
    });
    this.keyField = key === undefined ? -1 : this.names.indexOf(key);
    this.lookupBuyers = options.buyers === "lookup";
    this.shopField = this.names.indexOf("shopId");
    this.buyerField = this.specs.findIndex((s) => s.type === "buyer");
    this.rule = RULES[kind];
    this.ruleFields = Int32Array.from((this.rule?.fields ?? []).map((name) => this.names.indexOf(name)));
    this.ruleValues = new Float64Array(this.ruleFields.length);
    // Field by field, the shop before the buyer (a buyer is numbered within its shop).
    this.bulkOrder = this.names.map((_, f) => f);
    if (this.shopField >= 0 && this.buyerField >= 0) {
      this.bulkOrder.splice(this.bulkOrder.indexOf(this.shopField), 1);
      this.bulkOrder.splice(this.bulkOrder.indexOf(this.buyerField), 0, this.shopField);
    }
    this.allocate(this.capacity);
  }
  private readonly bulkOrder: number[];

  /**
   * (Re)allocates the columns for `size` records, keeping what they hold. The numeric columns share
   * one buffer: V8 counts typed-array memory as external, and each large allocation beside a large
   * input can set off a full collection of the whole heap, so one allocation a table is cheaper
   * than one a column.
   */
  private allocate(size: number): void {
    const numeric = this.specs.map((_, f) => this.ckinds[f] !== TEXT && this.kept[f] === 1);
    const width = (f: number): number => (this.ckinds[f] === INSTANT || this.ckinds[f] === MONEY ? 8 : this.ckinds[f] === SMALL ? 1 : 4);
    let bytes = 0;
    const order = this.specs.map((_, f) => f).filter((f) => numeric[f]).sort((a, b) => width(b) - width(a));
    const offsets = new Map<number, number>();
    for (const f of order) {
      offsets.set(f, bytes);
      bytes += width(f) * size;
    }
    // After the 1-byte columns: rounded up to the locators' 4-byte alignment, then the key hashes.
    const locatorsAt = Math.ceil(bytes / 4) * 4;
    bytes = locatorsAt + (this.source !== null ? 4 * size : 0);
    const hashesAt = bytes;
    if (this.keyField >= 0) bytes += 4 * size;
    const buffer = columnBuffer(bytes);
    for (let f = 0; f < this.specs.length; f++) {
      const old = this.cols[f];
      if (!numeric[f]) {
        if (old === undefined) this.cols[f] = this.specs[f]!.required && this.kept[f] === 1 && this.ckinds[f] === TEXT ? new TextColumn(size, this.joinText) : null;
        continue;
      }
      const at = offsets.get(f)!;
      const kind = this.ckinds[f];
      const col =
        kind === INSTANT || kind === MONEY ? new Float64Array(buffer, at, size) : kind === SMALL ? new Int8Array(buffer, at, size) : new Int32Array(buffer, at, size);
      const keep = old === undefined || old === null || old instanceof TextColumn ? 0 : Math.min(old.length, size);
      if (keep > 0) col.set((old as Float64Array).subarray(0, keep));
      // No fill: every record added writes every field (its value, or its absence).
      this.cols[f] = col;
    }
    if (this.source !== null) {
      const locators = new Int32Array(buffer, locatorsAt, size);
      if (this.locators) locators.set(this.locators.subarray(0, Math.min(this.locators.length, size)));
      this.locators = locators;
    }
    if (this.keyField >= 0) {
      const hashes = new Int32Array(buffer, hashesAt, size);
      if (this.keyHashes !== null) hashes.set(this.keyHashes.subarray(0, Math.min(this.keyHashes.length, size)));
      this.keyHashes = hashes;
    }
    this.capacity = size;
  }

  /** Makes room for `more` records after the current ones. */
  private ensure(more: number): void {
    if (this.count + more <= this.capacity) return;
    this.allocate(Math.max(this.count + more, this.capacity * 2));
  }

  /** The fields a header (or sheet) gives, so that optional columns a file has count as given even when all empty. */
  markGiven(fields: readonly (string | null)[]): void {
    for (const name of fields) {
      const f = name === null ? -1 : this.names.indexOf(name);
      if (f >= 0) this.given[f] = 1;
    }
  }

  // ------------------------------------------------------------------------------------------
  // A record

  private begin(locator: number): void {
    this.ensure(1);
    if (this.locators) this.locators[this.count] = locator;
    this.failed = 0;
    this.buyerText = null;
  }

  private issueSource(i: number, field: string | undefined): IssueSource | undefined {
    return this.source === null ? undefined : sourceOf({ source: this.source, locators: this.locators }, i, field);
  }

  private fail(f: number, code: IssueCode, message: string): void {
    const i = this.count;
    const field = f >= 0 ? this.names[f] : undefined;
    const path: (string | number)[] = field === undefined ? [this.kind, i] : [this.kind, i, field];
    const source = this.issueSource(i, field);
    this.rowIssues.push(source === undefined ? { code, path, message } : { code, path, message, source });
    if (f >= 0) this.failed |= 1 << f;
  }

  private failRead(f: number, code: number, v: unknown): void {
    const failure = this.failureOf(f, code, v);
    this.fail(f, failure.code, failure.message);
  }

  /** The issue code and message of a failed reading of field `f`. */
  private failureOf(f: number, code: number, v: unknown): { code: IssueCode; message: string } {
    const spec = this.specs[f]!;
    const natural = typeof v === "string" || (typeof v === "number" && (spec.type === "money" || spec.type === "count" || spec.type === "score")) || (typeof v === "boolean" && spec.type === "boolean");
    const issueCode =
      code === ABSENT
        ? IssueCode.missingField
        : spec.type === "instant"
          ? IssueCode.invalidDate
          : isNegativeMoney(code)
            ? IssueCode.negativeMoney
            : isMoneyFailure(code)
              ? IssueCode.invalidMoney
              : natural
                ? IssueCode.invalidValue
                : IssueCode.invalidType;
    return { code: issueCode, message: describeFailure(code, v, spec, this.ctx.zone) };
  }

  /** Reads value `v` of field `f` into the current record. */
  private put(f: number, v: unknown): void {
    const i = this.count;
    const spec = this.specs[f]!;
    const out = this.out;
    let code: number;
    switch (this.ckinds[f]) {
      case INSTANT:
        code = readInstant(v, this.ctx.zone, this.cols[f] as Float64Array, i);
        if (code !== OK) (this.cols[f] as Float64Array)[i] = NaN;
        break;
      case BUYER:
        if (v === null && spec.nullable) {
          this.given[f] = 1;
          (this.cols[f] as Int32Array)[i] = -1;
          return;
        }
        code = readListedId(v, out);
        if (code === OK) this.buyerText = out.str;
        else (this.cols[f] as Int32Array)[i] = -1;
        break;
      case AGENT:
        code = readListedId(v, out);
        if (code === OK) {
          const known = this.ctx.agents.ids.length;
          const n = this.ctx.agents.number(out.str);
          if (this.ctx.agents.ids.length > known && controlFailure(out.str) !== OK) {
            code = controlFailure(out.str);
            (this.cols[f] as Int32Array)[i] = -1;
            break;
          }
          (this.cols[f] as Int32Array)[i] = n;
          if (n < 0) {
            this.given[f] = 1;
            this.fail(f, IssueCode.unknownAgent, `${show(out.str)} is not in the agents list`);
            return;
          }
        } else (this.cols[f] as Int32Array)[i] = -1;
        break;
      case TEXT: {
        code = readValue(v, spec, out);
        let col = this.cols[f] as TextColumn | null;
        if (code === OK) {
          if (col === null) col = this.cols[f] = new TextColumn(this.capacity, this.joinText);
          col.set(i, out.str);
        } else if (col !== null) col.set(i, "");
        break;
      }
      case MONEY:
        code = readValue(v, spec, out);
        (this.cols[f] as Float64Array)[i] = code === OK ? out.num : NaN;
        break;
      case SMALL:
        code = readValue(v, spec, out);
        (this.cols[f] as Int8Array)[i] = code === OK ? out.num : -1;
        break;
      default:
        code = readValue(v, spec, out);
        (this.cols[f] as Int32Array)[i] = code === OK ? out.num : absentInt(spec);
    }
    if (code === OK) {
      this.given[f] = 1;
      return;
    }
    if (code === ABSENT) {
      if (spec.required && !spec.emptyAllowed) this.failRead(f, ABSENT, v);
      return;
    }
    this.given[f] = 1;
    this.failRead(f, code, v);
  }

  private end(): void {
    const i = this.count;
    if (this.buyerField >= 0 && this.buyerText !== null) {
      const known = this.ctx.buyers.size;
      const b = this.buyerNumber(this.buyerText, i);
      (this.cols[this.buyerField] as Int32Array)[i] = b;
      const control = this.ctx.buyers.size > known || b < 0 ? controlFailure(this.buyerText) : OK;
      if (control !== OK) this.failRead(this.buyerField, control, this.buyerText);
    }
    this.hashKey(i);
    // Record by record every field is kept in its column (the record's own row, i).
    if (this.rule !== undefined) this.runRuleAt(i, i);
    if (this.rowIssues.length > 0) this.flushIssues(i);
    this.count = i + 1;
  }

  /** Runs the kind's record rules on record `i` (fields that could not be read are null to them), its fields not kept at `j` of the block's scratch. */
  private runRuleAt(i: number, j: number): void {
    const values = this.ruleValues;
    const fields = this.ruleFields;
    let failed = 0;
    for (let k = 0; k < fields.length; k++) {
      const f = fields[k]!;
      if ((this.failed & (1 << f)) !== 0) failed |= 1 << k;
      const kept = this.kept[f] === 1;
      const col = (kept ? this.cols[f] : this.scratch[f]) as Float64Array | Int32Array;
      const x = col[kept ? i : j]!;
      values[k] = (this.ckinds[f] === INT || this.ckinds[f] === SMALL) && x < 0 ? NaN : x;
    }
    this.rule!.check(values, failed, this.failRule, this.ctx.zone);
  }

  private flushIssues(i: number): void {
    let recordId: string | undefined;
    const key = this.keyField;
    if (key >= 0 && (this.failed & (1 << key)) === 0) {
      const col = this.cols[key] as TextColumn | null;
      const id = col === null ? "" : col.at(i);
      if (id) recordId = `${this.names[key]} ${JSON.stringify(id)}`;
    }
    for (const issue of this.rowIssues) this.ctx.issues.add(recordId === undefined ? issue : { ...issue, recordId });
    this.rowIssues = [];
  }

  // ------------------------------------------------------------------------------------------
  // The three ways records come in

  /** Adds a record given as an object (the library's arrays, a JSON file's array). */
  addObject(record: unknown, locator = this.count): void {
    this.begin(locator);
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      this.fail(-1, IssueCode.invalidType, `is not ${KINDS[this.kind].noun} record; expected an object with the fields ${this.requiredNames()}, got ${describeValue(record)}`);
      for (let f = 0; f < this.names.length; f++) this.failed |= 1 << f;
      this.end();
      return;
    }
    const r = record as Record<string, unknown>;
    try {
      for (let f = 0; f < this.names.length; f++) this.put(f, r[this.names[f]!]);
      for (const k in r) {
        if (this.known.has(k)) continue;
        if (this.unknownMode === "collect") this.unknownKeys.add(k);
        else this.fail(-1, IssueCode.invalidValue, `unknown field ${JSON.stringify(k)}${suggestion(k, this.names)}; expected only the fields ${this.names.join(", ")}`);
      }
    } catch (error) {
      // A getter or proxy that throws: the record cannot be read.
      this.fail(-1, IssueCode.invalidType, `could not be read (${error instanceof Error ? error.message : String(error)})`);
      for (let f = 0; f < this.names.length; f++) this.failed |= 1 << f;
    }
    this.end();
  }

  /**
   * Adds an array of records given as objects (`locators[k]`: the line or row record `k` came from;
   * by default its index), field by field: one pass over the records per field
   * reads the same property in a tight loop (much faster than record by record for millions of
   * records), then the record rules run. Issues come out in record order, as {@link addObject}'s do.
   */
  addObjects(records: readonly unknown[], locators?: ArrayLike<number>): void {
    const n = records.length;
    if (n === 0) return;
    const base = this.count;
    this.ensure(n);
    if (this.locators) for (let k = 0; k < n; k++) this.locators[base + k] = locators === undefined ? base + k : locators[k]!;
    // Records that are no objects (or cannot be read) are named once and skipped by every field.
    let bad: Uint8Array | null = null;
    for (let k = 0; k < n; k++) {
      const r = records[k];
      if (typeof r === "object" && r !== null && !Array.isArray(r)) continue;
      bad ??= new Uint8Array(n);
      bad[k] = 1;
    }
    const pending = new PendingIssues(n);
    // Block by block, field by field within a block: each loop reads one property of the records
    // (one shape of access for the engine), and a block's records stay in the cache for all its
    // fields; then the block's records are checked whole (record rules, stray keys) and their
    // issues handed on, record by record.
    for (let from = 0; from < n; from += BLOCK) {
      const to = Math.min(n, from + BLOCK);
      for (const f of this.bulkOrder) bad = this.readField(records, f, base, from, to, bad, pending);
      const failedFields = pending.failedFields();
      for (let k = from; k < to; k++) {
        const isBad = bad !== null && bad[k] === 1;
        const r = records[k];
        if (isBad && (typeof r !== "object" || r === null || Array.isArray(r))) {
          pending.add(k, -1, IssueCode.invalidType, `is not ${KINDS[this.kind].noun} record; expected an object with the fields ${this.requiredNames()}, got ${describeValue(r)}`);
        }
        if (!isBad) this.checkKeys(r as Record<string, unknown>, k, pending);
        this.count = base + k;
        this.hashKey(base + k);
        this.failed = isBad ? -1 : failedFields === null ? 0 : failedFields[k]!;
        if (this.rule !== undefined && !isBad) this.runRuleAt(base + k, k - from);
        const mine = pending.of(k);
        if (mine !== null) for (const p of mine) this.rowIssues.push(this.issueAt(base + k, p.f, p.code, p.message));
        if (this.rowIssues.length > 0) {
          this.rowIssues.sort((x, y) => this.fieldOrder(x) - this.fieldOrder(y));
          this.flushIssues(base + k);
        }
      }
    }
    this.count = base + n;
    if (pending.dropped > 0) this.ctx.issues.drop(pending.dropped);
  }

  /**
   * Reads field `f` of records `from … to` into its column (record `k` to row `base + k`), or — a
   * field not kept — into the block's scratch column; a record whose property cannot be read is
   * marked bad. Every row gets a value: the field's, or its absence.
   */
  private readField(records: readonly unknown[], f: number, base: number, from: number, to: number, bad: Uint8Array | null, pending: PendingIssues): Uint8Array | null {
    if (this.ckinds[f] === INSTANT && bad === null) {
      const done = this.readInstants(records, f, base, from, to);
      if (done === to) return null;
      // A value that is no plain instant (absent, bad, unreadable): the general loop from there on.
      from = done;
    }
    const name = this.names[f]!;
    const spec = this.specs[f]!;
    const kind = this.ckinds[f]!;
    const keep = this.kept[f] === 1;
    const col = keep ? this.cols[f]! : (this.scratch[f] ?? null);
    const offset = keep ? base : -from;
    const out = this.out;
    const zone = this.ctx.zone;
    const missingIsIssue = spec.required === true && spec.emptyAllowed !== true;
    const absent = kind === INSTANT || kind === MONEY ? NaN : kind === INT ? absentInt(spec) : -1;
    let given = false;
    // An id's reading depends on its text alone: the field's last two ids read (a chat log's
    // sender and receiver alternate between two accounts; a shop id repeats) are read again as they were.
    const isId = spec.type === "id";
    let seen0: unknown = undefined;
    let read0 = "";
    let seen1: unknown = undefined;
    let read1 = "";
    for (let k = from; k < to; k++) {
      if (bad !== null && bad[k] === 1) continue;
      const i = k + offset;
      let v: unknown;
      try {
        v = (records[k] as Record<string, unknown>)[name];
      } catch (error) {
        bad ??= new Uint8Array(records.length);
        bad[k] = 1;
        pending.add(k, -1, IssueCode.invalidType, `could not be read (${error instanceof Error ? error.message : String(error)})`);
        continue;
      }
      let code: number;
      if (kind === INSTANT) {
        code = readInstant(v, zone, col as Float64Array, i);
        if (code === OK) {
          given = true;
          continue;
        }
      } else if (kind === INT) {
        code = readValue(v, spec, out);
        if (code === OK) {
          (col as Int32Array)[i] = out.num;
          given = true;
          continue;
        }
      } else if (kind === AGENT) {
        code = readListedId(v, out);
        if (code === OK) {
          const known = this.ctx.agents.ids.length;
          const a = this.ctx.agents.number(out.str);
          if (this.ctx.agents.ids.length > known) code = controlFailure(out.str);
          if (code === OK) {
            given = true;
            (col as Int32Array)[i] = a;
            if (a < 0) pending.add(k, f, IssueCode.unknownAgent, `${show(out.str)} is not in the agents list`);
            continue;
          }
        }
      } else if (kind === BUYER) {
        if (v === null && spec.nullable) {
          (col as Int32Array)[i] = -1;
          given = true;
          continue;
        }
        code = readListedId(v, out);
        if (code === OK) {
          const known = this.ctx.buyers.size;
          const b = this.buyerNumber(out.str, base + k);
          // A buyer id is checked once, when first met (or, looked up and not found, each time).
          if (this.ctx.buyers.size > known || b < 0) code = controlFailure(out.str);
          if (code === OK) {
            given = true;
            (col as Int32Array)[i] = b;
            continue;
          }
        }
      } else if (kind === TEXT) {
        if (isId && typeof v === "string" && (v === seen0 || v === seen1)) {
          out.str = v === seen0 ? read0 : read1;
          code = OK;
        } else {
          code = readValue(v, spec, out);
          if (isId && code === OK) {
            seen1 = seen0;
            read1 = read0;
            seen0 = v;
            read0 = out.str;
          }
        }
        let text = this.cols[f] as TextColumn | null;
        if (code === OK) {
          given = true;
          if (!keep) continue;
          if (text === null) text = this.cols[f] = new TextColumn(this.capacity, this.joinText);
          text.set(i, out.str);
          continue;
        }
        if (text !== null) text.set(i, "");
      } else {
        code = readValue(v, spec, out);
        if (code === OK) {
          (col as Float64Array | Int8Array)[i] = out.num;
          given = true;
          continue;
        }
      }
      if (kind !== TEXT) (col as Float64Array | Int32Array | Int8Array)[i] = absent;
      if (code === ABSENT) {
        if (missingIsIssue) pending.addRead(k, f, this.failureOf(f, ABSENT, v));
        continue;
      }
      given = true;
      pending.addRead(k, f, this.failureOf(f, code, v));
    }
    if (given) this.given[f] = 1;
    return bad;
  }

  /**
   * The common case of an instant field, in a loop of its own: every value text that reads as an
   * instant. Returns where it stopped (`to`, or the first record it leaves to the general loop).
   */
  private readInstants(records: readonly unknown[], f: number, base: number, from: number, to: number): number {
    const name = this.names[f]!;
    const keep = this.kept[f] === 1;
    const col = (keep ? this.cols[f] : this.scratch[f]) as Float64Array;
    const offset = keep ? base : -from;
    const zone = this.ctx.zone;
    const spec = this.specs[f]!;
    const mayBeAbsent = spec.required !== true || spec.emptyAllowed === true;
    let k = from;
    let given = false;
    try {
      for (; k < to; k++) {
        const v = (records[k] as Record<string, unknown>)[name];
        const code = readInstant(v, zone, col, k + offset);
        if (code === OK) {
          given = true;
          continue;
        }
        if (code === ABSENT && mayBeAbsent) {
          col[k + offset] = NaN;
          continue;
        }
        break;
      }
    } catch {
      // A getter that throws: the general loop names it.
    }
    if (given) this.given[f] = 1;
    return k;
  }

  /** The last sequence of keys found all known: records of one shape list the same keys, compared by identity. */
  private knownKeys: string[] = [];

  /** Names each key of record `k` that is no field of the kind. */
  private checkKeys(r: Record<string, unknown>, k: number, pending: PendingIssues): void {
    const seen = this.knownKeys;
    let j = 0;
    let same = true;
    for (const key in r) {
      if (same && seen[j] === key) {
        j++;
        continue;
      }
      same = false;
      if (this.known.has(key)) continue;
      if (this.unknownMode === "collect") this.unknownKeys.add(key);
      else pending.add(k, -1, IssueCode.invalidValue, `unknown field ${JSON.stringify(key)}${suggestion(key, this.names)}; expected only the fields ${this.names.join(", ")}`);
    }
    if (same && j === seen.length) return;
    // Another shape: remember it when all its keys are fields.
    const keys: string[] = [];
    for (const key in r) {
      if (!this.known.has(key)) return;
      keys.push(key);
    }
    this.knownKeys = keys;
  }

  private fieldOrder(issue: Issue): number {
    const field = issue.path[2];
    return typeof field === "string" ? this.names.indexOf(field) : -1;
  }

  private issueAt(i: number, f: number, code: IssueCode, message: string): Issue {
    const field = f >= 0 ? this.names[f] : undefined;
    const path: (string | number)[] = field === undefined ? [this.kind, i] : [this.kind, i, field];
    const source = this.issueSource(i, field);
    return source === undefined ? { code, path, message } : { code, path, message, source };
  }

  private buyerNumber(buyer: string, i: number): number {
    const shops = this.shopField >= 0 ? (this.cols[this.shopField] as TextColumn | null) : null;
    const shop = shops === null ? "" : shops.at(i);
    const key = shop === "" ? buyer : shop + SHOP_SEPARATOR + buyer;
    return this.lookupBuyers ? this.ctx.buyers.find(key) : this.ctx.buyers.number(key);
  }

  /**
   * Adds a row of cells (text from a CSV file, or values from a sheet), `fieldOfColumn[c]` being
   * the field index of column `c` (-1: a column the kind does not use); see {@link fieldIndexes}.
   */
  addCells(cells: readonly unknown[], fieldOfColumn: Int32Array, locator: number): void {
    this.begin(locator);
    for (let f = 0; f < this.names.length; f++) this.missing[f] = 1;
    const n = Math.min(cells.length, fieldOfColumn.length);
    for (let c = 0; c < n; c++) {
      const f = fieldOfColumn[c]!;
      if (f < 0) continue;
      this.missing[f] = 0;
      this.put(f, cells[c]);
    }
    for (let f = 0; f < this.names.length; f++) if (this.missing[f] === 1) this.put(f, undefined);
    this.end();
  }
  private readonly missing = new Uint8Array(32);

  /** The field index of each header column (`fields[c]` a field name or null). */
  fieldIndexes(fields: readonly (string | null)[]): Int32Array {
    return Int32Array.from(fields.map((name) => (name === null ? -1 : this.names.indexOf(name))));
  }

  private requiredNames(): string {
    return this.names.filter((_, f) => this.specs[f]!.required).join(", ");
  }

  /** The records so far. */
  get size(): number {
    return this.count;
  }

  /** Checks the ids, and returns the table. */
  finish(): Table<K> {
    const n = this.count;
    const cols = this.cols.map((col, f) => {
      if (col === null || col === undefined) return null;
      if (col instanceof TextColumn) {
        col.truncate(n);
        return col.pack();
      }
      void f;
      return col.length === n ? col : col.slice(0, n);
    });
    if (this.keyField >= 0) this.checkRepeats(cols[this.keyField] as TextColumn | null, n);
    const columns: Record<string, Column> = Object.create(null) as Record<string, Column>;
    this.names.forEach((name, f) => (columns[name] = cols[f]!));
    const given = new Set(this.names.filter((_, f) => this.given[f] === 1));
    return {
      kind: this.kind,
      count: n,
      columns: columns as unknown as Columns<K>,
      given,
      source: this.source,
      locators: this.locators === null ? null : this.locators.length === n ? this.locators : this.locators.slice(0, n),
    };
  }

  /**
   * The hash of record i's key while its text is fresh in the cache, so that the check for
   * repeated keys reads the hashes, and the texts only of the few records whose hashes meet.
   */
  private hashKey(i: number): void {
    if (this.keyHashes === null) return;
    const id = (this.cols[this.keyField] as TextColumn | null)?.at(i);
    this.keyHashes[i] = typeof id === "string" && id.length > 0 ? hash(id) : 0;
  }
  private keyHashes: Int32Array | null = null;

  private checkRepeats(ids: TextColumn | null, n: number): void {
    if (ids === null) return;
    const name = this.names[this.keyField]!;
    const noun = KINDS[this.kind].noun;
    for (const [i, first] of repeatedIds(n, (r) => ids.at(r), this.keyHashes ?? undefined)) {
      const id = ids.at(i);
      const path = [this.kind, i, name];
      const source = this.issueSource(i, name);
      const recordId = `${name} ${JSON.stringify(id)}`;
      const issue: Issue = {
        code: IssueCode.duplicateId,
        path,
        message: `${JSON.stringify(id)} appears more than once; each ${noun.replace(/^an? /, "")} must be listed once`,
        recordId,
        related: { path: [this.kind, first], recordId, ...(this.source === null ? {} : { source: this.issueSource(first, undefined)! }) },
      };
      this.ctx.issues.add(source === undefined ? issue : { ...issue, source });
    }
  }
}

/** ` (did you mean "refundAmount"?)` when `name` is one edit, a case or a space away from a field. */
export function suggestion(name: string, fields: readonly string[]): string {
  const near = nearestField(name, fields);
  return near === null ? "" : ` (did you mean ${JSON.stringify(near)}?)`;
}

/** The field `name` misspells: equal but for case, spaces, `_`/`-`, or one edit (insert, delete, change or swap of two letters). */
export function nearestField(name: string, fields: readonly string[]): string | null {
  const norm = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, "");
  const n = norm(name);
  if (n.length === 0) return null;
  for (const f of fields) if (norm(f) === n) return f;
  for (const f of fields) if (n.length >= 4 && withinOneEdit(n, norm(f))) return f;
  return null;
}

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one change
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // one swap
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Issues found field by field, handed out record by record (the messages of the first records only: a file of a million bad rows is named by its first). */
class PendingIssues {
  private readonly byRecord = new Map<number, { f: number; code: IssueCode; message: string }[]>();
  private bits: Int32Array | null = null;
  /** Issues not kept (past the first records with issues). */
  dropped = 0;
  constructor(private readonly n: number) {}
  add(k: number, f: number, code: IssueCode, message: string): void {
    if (f >= 0) (this.bits ??= new Int32Array(this.n))[k]! |= 1 << f;
    let list = this.byRecord.get(k);
    if (list === undefined) {
      if (this.byRecord.size >= 1000) {
        this.dropped++;
        return;
      }
      this.byRecord.set(k, (list = []));
    }
    list.push({ f, code, message });
  }
  addRead(k: number, f: number, failure: { code: IssueCode; message: string }): void {
    this.add(k, f, failure.code, failure.message);
  }
  of(k: number): readonly { f: number; code: IssueCode; message: string }[] | null {
    return this.byRecord.size === 0 ? null : (this.byRecord.get(k) ?? null);
  }
  /** A bit per field that could not be read, per record; null when every field was read. */
  failedFields(): Int32Array | null {
    return this.bits;
  }
}
