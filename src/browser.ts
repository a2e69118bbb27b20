// The browser global bundle (`KefuKpi`): the whole library plus the spreadsheet adapter as
// `KefuKpi.sheets`. Named re-exports only.
export * from "./index.js";
export * as sheets from "./sheets/index.js";
