// The sample month as ranges (header row + rows of text), as a sheet would hold it.
import { readFileSync } from "node:fs";
import { parseCsv } from "../../src/node/csv.js";

export const sampleDir = new URL("../../fixtures/sample-month/", import.meta.url).pathname;

export function sampleRanges(): Record<"orders" | "consultations" | "agents", string[][]> {
  const read = (name: string): string[][] => parseCsv(readFileSync(`${sampleDir}${name}.csv`, "utf8"));
  return { orders: read("orders"), consultations: read("consultations"), agents: read("agents") };
}
