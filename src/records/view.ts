/**
 * A decoded kind seen as plain records again, each value in its one canonical form: instants as
 * ISO 8601 with the shop's offset, money as `"12.30"`, scores as decimal text, enums by their
 * value, booleans as booleans, dates and months as text — what the decoder read, to show or
 * export it (or to check a file was read as meant). The rule families read the columns.
 */
import { formatFen } from "../money/fen.js";
import { dateOfDayNumber, formatInstant, monthLabel } from "../time/period.js";
import { KINDS, type FieldSpec, type RecordKind } from "./kinds.js";
import { IssueCode, KefuKpiError } from "../errors.js";
import { describeValue } from "../input.js";
import { isDecodedMonth, type DecodedMonth } from "./month.js";
import { NO_DATE } from "./values.js";
import { TextColumn } from "./textColumn.js";

/** Hundredths as the shortest decimal text: 8650 → "86.5", 8600 → "86". */
export function hundredthsText(h: number): string {
  const whole = Math.floor(h / 100);
  const rest = h - whole * 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}

/**
 * The records of one kind of a decoded month, in input order (an absent field is left out).
 *
 * @example
 * decodedRecords(decodeMonth({ orders: [{ orderId: " O1", buyerId: "b1", createdAt: "2020/2/21 9:00", amount: 12.3 }] }), "orders")
 * //=> [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-21T09:00:00+08:00", amount: "12.30" }]
 */
export function decodedRecords(month: DecodedMonth, kind: RecordKind): Record<string, unknown>[] {
  if (!isDecodedMonth(month)) throw new KefuKpiError([{ code: IssueCode.invalidType, path: ["month"], message: `expected a month decoded by decodeMonth, got ${describeValue(month)}` }]);
  if (typeof kind !== "string" || !Object.hasOwn(KINDS, kind)) throw new KefuKpiError([{ code: IssueCode.invalidValue, path: ["kind"], message: `expected a record kind (${Object.keys(KINDS).join(", ")}), got ${describeValue(kind)}` }]);
  const table = month.tables[kind];
  if (table === undefined) return [];
  const fields = KINDS[kind].fields as Readonly<Record<string, FieldSpec>>;
  const columns = table.columns as unknown as Record<string, ArrayLike<number> | TextColumn | null>;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < table.count; i++) {
    const record: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(fields)) {
      const col = columns[name];
      if (col === null || col === undefined) continue;
      const v = col instanceof TextColumn ? col.at(i) : col[i]!;
      switch (spec.type) {
        case "id":
        case "text":
          if (v !== "") record[name] = v;
          break;
        case "agent":
          if ((v as number) >= 0) record[name] = month.agents.ids[v as number];
          break;
        case "buyer":
          if ((v as number) >= 0) record[name] = month.buyers.buyerId(v as number);
          else if (spec.nullable && table.given.has(name)) record[name] = null;
          break;
        case "instant":
          if (v === v) record[name] = formatInstant(v as number, month.zone);
          break;
        case "money":
          if (v === v) record[name] = formatFen(v as number);
          break;
        case "count":
          if ((v as number) >= 0) record[name] = v;
          break;
        case "score":
          if ((v as number) >= 0) record[name] = hundredthsText(v as number);
          break;
        case "month":
          if ((v as number) >= 0) record[name] = monthLabel(v as number);
          break;
        case "date":
          if (v !== NO_DATE) record[name] = dateOfDayNumber(v as number);
          break;
        case "boolean":
          if ((v as number) >= 0) record[name] = v === 1;
          break;
        case "enum":
          if ((v as number) >= 0) record[name] = spec.values![v as number];
          break;
      }
    }
    out.push(record);
  }
  return out;
}
