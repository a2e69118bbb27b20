const SHIFT = { D: "day", H: "halfDay", N: "night", O: "off" } as const;

/** Roster rows of February 2020 from a pattern, one letter per day from the 1st: D day, H halfDay, N night, O off, . none. */
export function february(agentId: string, pattern: string): { agentId: string; date: string; shift: string }[] {
  const rows: { agentId: string; date: string; shift: string }[] = [];
  [...pattern].forEach((c, i) => {
    if (c === ".") return;
    rows.push({ agentId, date: `2020-02-${String(i + 1).padStart(2, "0")}`, shift: SHIFT[c as keyof typeof SHIFT] });
  });
  return rows;
}
