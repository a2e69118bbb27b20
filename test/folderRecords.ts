// A month folder's CSV files as the library's record arrays (every cell as text, an empty cell left
// out): for tests that change a record of the sample month before computing it. The library reads
// folders straight into a decoded month; this is the same data as plain records.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../src/node/csv.js";
import { RECORD_KINDS, type RecordKind } from "../src/records/kinds.js";
import type { MonthInput } from "../src/month/buildMonthReport.js";

export function folderRecords(dir: string): MonthInput {
  const input: Partial<Record<RecordKind, Record<string, string>[]>> = {};
  for (const name of readdirSync(dir)) {
    const kind = RECORD_KINDS.find((k) => `${k}.csv` === name);
    if (kind === undefined) continue;
    const [header = [], ...rows] = parseCsv(readFileSync(join(dir, name), "utf8"));
    input[kind] = rows.map((row) => {
      const record: Record<string, string> = {};
      header.forEach((column, c) => {
        const cell = (row[c] ?? "").trim();
        if (cell !== "") record[column.trim()] = cell;
      });
      return record;
    });
  }
  return input as unknown as MonthInput;
}
