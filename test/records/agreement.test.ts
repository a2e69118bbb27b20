// The decoder and the zod schemas are two readings of one definition per kind: on any record, they
// accept the same and read the same values. fast-check draws records from valid and broken values
// of every field type (and stray keys), for every kind.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KINDS, RECORD_KINDS, type FieldSpec, type RecordKind } from "../../src/records/kinds.js";
import { MonthDecoder, decodeMonth, throwInMonthOrder, type DecodedMonth } from "../../src/records/month.js";
import { recordSchema } from "../../src/records/schema.js";
import { TextColumn } from "../../src/records/textColumn.js";
import { NO_DATE } from "../../src/records/values.js";
import { safeRun } from "./helpers.js";

const ZONE = "America/New_York";

// Values that are valid for some field type, broken for others, or for none.
const TEXT = ["A1", " A1 ", "", "   ", "b-9", "小王", "8.43512E+17", "1E+5", "O 1", "\t x"];
const INSTANTS = ["2020-02-21 09:00", "2020-02-21T09:00:00+08:00", "2020/2/21 9:00", "2020-02-31 10:00", "2020-02-21", " 2020-02-21 09:00 ", "yesterday", "2020-03-08 02:30", "2020-11-01 01:30"];
const MONEY = ["12.30", "0", "-0", "-0.00", "1.005", "1,000", "99", "10000000000.01", "  7.5  "];
const NUMBERS = [0, -0, 1, 5, 6, 101, 80.125, 86.5, -1, 2 ** 31, 2 ** 53 + 2, Number.NaN, Number.POSITIVE_INFINITY, 0.1 + 0.2, 12.3];
const COUNTS = ["3", "03", "+3", "3.0", "9007199254740993", "2147483646", "2147483647", " 4 "];
const FLAGS = [true, false, "true", "FALSE", "yes", "是", "否", "maybe", "1", "0", 1, 0];
const DATES = ["2020-02-29", "2019-02-29", "2020-2-3", "2020-02"];
const ENUMS = ["presale", "售前", "junior", "初级", "good", "好评", "night", "晚班", "neutral", "dataErrorFound", "work", "PRESALE"];
const OTHER: unknown[] = [null, undefined, {}, [], ["A1"]];

const anyValue = fc.oneof(
  fc.constantFrom<unknown>(...TEXT, ...INSTANTS, ...MONEY, ...COUNTS, ...FLAGS, ...DATES, ...ENUMS, ...OTHER),
  fc.constantFrom<unknown>(...NUMBERS),
);

// Good and broken values of each field type.
function pools(spec: FieldSpec): { good: readonly unknown[]; bad: readonly unknown[] } {
  switch (spec.type) {
    case "instant":
      return { good: ["2020-02-21 09:00", "2020-02-21T09:00:00+08:00", "2020/2/21 9:00", "2020-02-21", " 2020-02-22 10:00 ", "2020-02-21 09:00:00.250"], bad: ["2020-02-31 10:00", "yesterday", "2020-02-21 24:00", 43882.5] };
    case "money":
      return { good: ["12.30", "0", "99", "  7.5  ", 12.3, 0, "0.01"], bad: ["-0", "-0.00", "1.005", "1,000", "10000000000.01", -0, 0.1 + 0.2, -5, "¥5"] };
    case "count":
      return { good: ["3", "03", " 4 ", 0, 1, 3, 5, 2147483646], bad: ["+3", "3.0", "9007199254740993", "2147483647", -1, 2.5, 6, -0] };
    case "score":
      return { good: ["86.5", "100", "0", 86.5, 79.99, "60.05"], bad: ["100.01", 80.125, 101, -0, "86.", "eighty"] };
    case "boolean":
      return { good: [true, false, "true", "FALSE", "yes", "是", "否", "1", "0"], bad: ["maybe", 1, 0, "2"] };
    case "enum":
      return { good: [...spec.values!, ...Object.values(spec.labels ?? {})], bad: ["other", spec.values![0]!.toUpperCase(), 1] };
    case "date":
      return { good: ["2020-02-29", "2020-03-01"], bad: ["2019-02-29", "2020-2-3", "2020-02", 18321] };
    case "month":
      return { good: ["2020-02", " 2020-12 "], bad: ["2020-13", "2020-2", 202002] };
    default:
      return { good: ["A1", " A1 ", "b-9", "小王", "O 1", "A01"], bad: ["8.43512E+17", "1E+5", 843512, true, {}, ["A1"]] };
  }
}

// A value for a field: mostly a good one (so that many records are valid), sometimes a broken or
// absent one or anything at all.
function valueFor(spec: FieldSpec): fc.Arbitrary<unknown> {
  const { good, bad } = pools(spec);
  return fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom(...good) },
    { weight: 1, arbitrary: fc.constantFrom(...bad) },
    { weight: 1, arbitrary: anyValue },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, "", "  ") },
  );
}

function recordFor(kind: RecordKind): fc.Arbitrary<Record<string, unknown>> {
  const fields = KINDS[kind].fields as Readonly<Record<string, FieldSpec>>;
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, spec] of Object.entries(fields)) shape[name] = valueFor(spec);
  return fc.tuple(fc.record(shape), fc.integer({ min: 0, max: 19 }), fc.constantFrom("refundamount", "note2", "agentID")).map(([record, stray, key]) => {
    const r: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) if (v !== undefined) r[k] = v;
    if (stray === 0) r[key] = "x";
    return r;
  });
}

/** A month of one kind's one record decoded, its record issues thrown, no rule joining kinds checked. */
function recordOnly(kind: RecordKind, record: Record<string, unknown>): DecodedMonth {
  const decoder = new MonthDecoder({ timeZone: ZONE });
  decoder.addRecords(kind, [record]);
  throwInMonthOrder(decoder.issues);
  return decoder.month();
}

/** What the decoder read of record 0 of `kind`, field by field, in the schema's output form. */
function decoded(kind: RecordKind, record: Record<string, unknown>): { ok: true; values: Record<string, unknown> } | { ok: false } {
  // The record alone: a month of messages also needs the agents' sub-accounts (a rule joining kinds, tested in chat.test.ts).
  const result = safeRun(() => (kind === "messages" ? recordOnly(kind, record) : decodeMonth({ [kind]: [record] }, { timeZone: ZONE })));
  if (!result.success) return { ok: false };
  const month = result.data;
  // A bot (an agent of group bot) is set apart: its row is the bots' table.
  const table = kind === "agents" && month.tables.agents!.count === 0 ? month.bots!.agents : month.tables[kind]!;
  const fields = KINDS[kind].fields as Readonly<Record<string, FieldSpec>>;
  const columns = table.columns as unknown as Record<string, ArrayLike<number> | TextColumn | null>;
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields)) {
    const col = columns[name];
    const v = col === null || col === undefined ? undefined : col instanceof TextColumn ? col.at(0) : col[0];
    let out: unknown = null;
    switch (spec.type) {
      case "id":
      case "text":
        out = v === undefined || v === "" ? null : v;
        break;
      case "agent":
        out = (v as number) >= 0 ? month.agents.ids[v as number] : null;
        break;
      case "buyer":
        out = (v as number) >= 0 ? month.buyers.buyerId(v as number) : null;
        break;
      case "instant":
      case "money":
        out = v === v ? v : null;
        break;
      case "date":
        out = v === NO_DATE ? null : v;
        break;
      case "boolean":
        out = (v as number) < 0 ? null : v === 1;
        break;
      case "enum":
        out = (v as number) < 0 ? null : spec.values![v as number];
        break;
      default:
        out = (v as number) < 0 ? null : v;
    }
    values[name] = out;
  }
  return { ok: true, values };
}

describe("the decoder and the record schemas agree", () => {
  for (const kind of RECORD_KINDS) {
    it(`${kind}: the same records pass, with the same values`, () => {
      const schema = recordSchema(kind, ZONE);
      let valid = 0;
      fc.assert(
        fc.property(recordFor(kind), (record) => {
          const parsed = schema.safeParse(record);
          const mine = decoded(kind, record);
          expect(mine.ok).toBe(parsed.success);
          if (!mine.ok || !parsed.success) return;
          valid++;
          const out: Record<string, unknown> = {};
          for (const name of Object.keys(KINDS[kind].fields)) out[name] = (parsed.data as Record<string, unknown>)[name] ?? null;
          expect(mine.values).toEqual(out);
        }),
        { numRuns: 400, seed: 20261130 + RECORD_KINDS.indexOf(kind) },
      );
      // Both sides of the agreement are exercised: many records pass, many fail.
      expect(valid).toBeGreaterThan(20);
      expect(valid).toBeLessThan(380);
    });
  }
});
