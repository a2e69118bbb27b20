// kefu-kpi/sheets: the spreadsheet adapter (2-D arrays in, 2-D arrays out). Filled in by issue 6.
export {};
