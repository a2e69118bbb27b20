// The sample month as ranges (header row + rows of text), one per kind file of the folder, as a
// workbook with one sheet per kind would hold it.
import { existsSync, readFileSync } from "node:fs";
import { RECORD_KINDS, type RecordKind } from "../../src/records/kinds.js";
import { parseCsv } from "../../src/node/csv.js";

export const sampleDir = new URL("../../fixtures/sample-month/", import.meta.url).pathname;

export function sampleRanges(): Record<"orders" | "consultations" | "agents", string[][]> & Partial<Record<RecordKind, string[][]>> {
  const ranges: Partial<Record<RecordKind, string[][]>> = {};
  for (const kind of RECORD_KINDS) {
    const file = `${sampleDir}${kind}.csv`;
    if (existsSync(file)) ranges[kind] = parseCsv(readFileSync(file, "utf8"));
  }
  return ranges as Record<"orders" | "consultations" | "agents", string[][]>;
}
