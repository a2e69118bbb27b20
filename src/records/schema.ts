/**
 * The record kinds as zod schemas and TypeScript types, derived from their definitions
 * (`kinds.ts`): for apps that validate one record at a time, for the JSON Schema of a record, and
 * for the types of the library's record arrays. A schema reads every field with the same value
 * reader as the decoder and checks the same record rules, so it accepts exactly what the decoder
 * accepts (a property test holds the two together); its output is the decoded record (instants in
 * epoch ms, money in fen, counts as numbers, scores in hundredths, enums and booleans as values).
 */
import * as z from "zod";
import { IssueCode } from "../errors.js";
import { createZone, zoneOf, type AmbiguousTimes, type Zone } from "../time/zone.js";
import { KINDS, MAX_COUNT, RECORD_KINDS, type FieldSpec, type Kinds, type RecordKind } from "./kinds.js";
import { RULES } from "./rules.js";
import { ABSENT, OK, describeFailure, readInstant, readValue, reading } from "./values.js";

type Spec = FieldSpec;

/** The value of a field as a record may give it. */
type InputValue<S extends Spec> = S["type"] extends "money"
  ? string | number
  : S["type"] extends "count" | "score"
    ? number | string
    : S["type"] extends "boolean"
      ? boolean | string
      : S extends { readonly values: readonly (infer V extends string)[] }
        ?
            | V
            | (S extends { readonly labels: Readonly<Record<string, infer L extends string>> } ? L : never)
            | (S extends { readonly synonyms: Readonly<Record<string, readonly (infer Y extends string)[]>> } ? Y : never)
        : string;

type Nullable<S extends Spec> = S extends { readonly nullable: true } ? null : never;
type RequiredKeys<F> = { [K in keyof F]: F[K] extends { readonly required: true } ? (F[K] extends { readonly emptyAllowed: true } ? never : K) : never }[keyof F];
type EmptyAllowedKeys<F> = { [K in keyof F]: F[K] extends { readonly required: true; readonly emptyAllowed: true } ? K : never }[keyof F];
type OptionalKeys<F> = Exclude<keyof F, RequiredKeys<F> | EmptyAllowedKeys<F>>;

/** A record of kind `K` as the library takes it (a JSON file's objects have the same shape). */
export type RecordOf<K extends RecordKind> = {
  -readonly [F in RequiredKeys<Kinds[K]["fields"]>]: Value<Kinds[K]["fields"][F]> | NullOf<Kinds[K]["fields"][F]>;
} & {
  -readonly [F in EmptyAllowedKeys<Kinds[K]["fields"]>]?: Value<Kinds[K]["fields"][F]> | null | "" | undefined;
} & {
  -readonly [F in OptionalKeys<Kinds[K]["fields"]>]?: Value<Kinds[K]["fields"][F]> | null | "" | undefined;
};
type Value<S> = S extends Spec ? InputValue<S> : never;
type NullOf<S> = S extends Spec ? Nullable<S> : never;

/** The decoded value of one field. */
export type DecodedValue = number | string | boolean | null;

const UTC = createZone("UTC");

/** What a field's value looks like, for the JSON Schema (the readers decide the rest). */
function shapeOf(spec: FieldSpec): z.ZodType {
  const shape =
    spec.type === "money" || spec.type === "count" || spec.type === "score"
      ? z.union([z.string(), z.number()])
      : spec.type === "boolean"
        ? z.union([z.boolean(), z.string()])
        : spec.type === "enum"
          ? z.enum([...spec.values!, ...Object.values(spec.labels ?? {}), ...Object.values(spec.synonyms ?? {}).flat()] as [string, ...string[]])
          : z.string();
  const described = spec.description === undefined ? shape : shape.describe(spec.description);
  return spec.nullable ? described.nullable() : described;
}

function fieldSchema(spec: FieldSpec, zone: Zone): z.ZodType<DecodedValue> {
  const out = reading();
  const slot = new Float64Array(1);
  const decoded = z.unknown().transform((v, ctx): DecodedValue => {
    if (v === null && spec.nullable) return null;
    const code = spec.type === "instant" ? readInstant(v, zone, slot, 0) : readValue(v, spec, out);
    if (code === OK) {
      switch (spec.type) {
        case "instant":
          return slot[0]!;
        case "id":
        case "text":
        case "agent":
        case "buyer":
          return out.str;
        case "boolean":
          return out.num === 1;
        case "enum":
          return spec.values![out.num]!;
        default:
          return out.num;
      }
    }
    if (code === ABSENT && !(spec.required && !spec.emptyAllowed)) return null;
    ctx.issues.push({ code: "custom", message: describeFailure(code, v, spec, zone), input: v });
    return z.NEVER;
  });
  return decoded;
}

/**
 * The zod schema of a kind's records, reading wall times in `timeZone` (default UTC; a wall time
 * that the zone skips or repeats is refused unless `ambiguousTimes` picks one). Its output is
 * the decoded record; unknown keys are errors, as they are for the library's arrays.
 *
 * @example
 * recordSchema("orders", "Asia/Shanghai").parse({ orderId: "O1", buyerId: "b1", createdAt: "2020-02-21 10:00", paidAt: "", amount: "9.90" })
 * //=> { orderId: "O1", buyerId: "b1", createdAt: 1582250400000, paidAt: null, amount: 990, … }
 */
export function recordSchema<K extends RecordKind>(kind: K, timeZone = "UTC", ambiguousTimes: AmbiguousTimes = "error"): z.ZodType<Record<string, DecodedValue>, RecordOf<K>> {
  const zone = timeZone === "UTC" ? UTC : zoneOf({ timeZone, ambiguousTimes });
  const fields = KINDS[kind].fields as Readonly<Record<string, FieldSpec>>;
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(fields)) shape[name] = spec.required && !spec.emptyAllowed ? fieldSchema(spec, zone) : fieldSchema(spec, zone).optional();
  const rule = RULES[kind];
  const object = z.strictObject(shape);
  if (rule === undefined) return object as unknown as z.ZodType<Record<string, DecodedValue>, RecordOf<K>>;
  const values = new Float64Array(rule.fields.length);
  return object.superRefine((record, ctx) => {
    const r = record as Record<string, DecodedValue | undefined>;
    // Agents are numbered within the record, as the month's agent list would: the same id, the same number.
    const agents: string[] = [];
    rule.fields.forEach((name, k) => {
      const v = r[name];
      const spec = fields[name]!;
      values[k] =
        typeof v === "number"
          ? v
          : spec.type === "enum" && typeof v === "string"
            ? spec.values!.indexOf(v)
            : spec.type === "agent" && typeof v === "string"
              ? numberIn(agents, v)
              : NaN;
    });
    rule.check(values, 0, (at, code, message) => ctx.addIssue({ code: "custom", path: [rule.fields[at]!], message, params: { issueCode: code } }), zone);
  }) as unknown as z.ZodType<Record<string, DecodedValue>, RecordOf<K>>;
}

/** The number of `id` in `list`, adding it when new. */
function numberIn(list: string[], id: string): number {
  const at = list.indexOf(id);
  return at >= 0 ? at : list.push(id) - 1;
}

/** The JSON Schema (draft 2020-12) of a kind's records, as a month folder's JSON file or the library's arrays hold them. */
export function recordJsonSchema(kind: RecordKind): Record<string, unknown> {
  const fields = KINDS[kind].fields as Readonly<Record<string, FieldSpec>>;
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(fields)) shape[name] = spec.required && !spec.emptyAllowed ? shapeOf(spec) : shapeOf(spec).optional();
  return z.toJSONSchema(z.strictObject(shape), { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
}

/** The schemas of every kind (wall times read in UTC: give `recordSchema(kind, zone)` for the shop's). */
export const RECORD_SCHEMAS: { readonly [K in RecordKind]: z.ZodType<Record<string, DecodedValue>, RecordOf<K>> } = Object.fromEntries(
  RECORD_KINDS.map((kind) => [kind, recordSchema(kind)]),
) as never;

void IssueCode;
void MAX_COUNT;
