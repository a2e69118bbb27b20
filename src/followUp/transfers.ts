/**
 * Transfers (转接): consultations that name the agent the buyer was transferred to (`transferredTo`)
 * or from (`transferredFrom`), counted per agent, out and in, and by pair of agents. Who counts the
 * buyer is the KPIs' rule: a consultation transferred out counts the agent's work (its messages and
 * responses) but not its buyer, who counts for the agent the buyer went to (unless the buyer has no
 * other consultation of the period).
 *
 * Bots (group bot): a person's transfer to a bot is a transfer out like any other (its pair names the
 * bot, and the bot's consultations answer the check that someone served the buyer after it). A bot's
 * hand-over to a person is the bots section's (`handedOver`), not a transfer in: the section counts
 * what people did, so its transfers out and in agree when every consultation names both ends.
 */
import type { DecodedMonth } from "../records/month.js";
import type { Period } from "../time/period.js";

/** One agent's transfers over the period. */
export interface AgentTransfers {
  readonly agentId: string;
  /** Consultations the agent transferred to another agent (转出). */
  readonly transfersOut: number;
  /** Consultations the agent took over from another agent (转入). */
  readonly transfersIn: number;
}

/** The transfers of a period. */
export interface TransfersReport {
  readonly period: string;
  /** Consultations of the period transferred out (with `transferredTo`). */
  readonly transfers: number;
  /** Every agent with a transfer out or in, by agentId. */
  readonly agents: readonly AgentTransfers[];
  /** Transfers out by agent pair, by from, then to. */
  readonly pairs: readonly { readonly from: string; readonly to: string; readonly count: number }[];
  /** What the reader must know: transfers to an agent with no later consultation with the buyer. */
  readonly warnings: readonly string[];
}

/**
 * The transfers (转接) of `period`: per agent the consultations transferred out and taken over,
 * by pair of agents; a transfer to an agent who has no consultation with the buyer at or after the
 * transferred one's start is warned of. Null when the consultations name no transfer.
 */
export function transfersOfPeriod(month: DecodedMonth, period: Period): TransfersReport | null {
  const table = month.tables.consultations;
  if (table === undefined || (!table.given.has("transferredTo") && !table.given.has("transferredFrom"))) return null;
  const c = table.columns;
  const ids = month.agents.ids;
  const agentCount = ids.length;
  // The bots are numbered after the people.
  const firstBot = agentCount - (month.bots?.ids.length ?? 0);
  const botTable = month.bots?.consultations;
  // Transfers named by the bots' consultations alone (their hand-overs) are the bots section's.
  if (botTable !== undefined && !namesTransfer(table.columns, table.count, firstBot) && namesTransfer(botTable.columns, botTable.count, agentCount)) return null;
  const out = new Int32Array(agentCount);
  const into = new Int32Array(agentCount);
  const pairs = new Map<number, number>();
  // The latest start of each agent's (or bot's) consultations with each buyer, to check the transfers out against.
  const latest = new Map<number, number>();
  for (const t of botTable === undefined ? [table] : [table, botTable]) {
    for (let i = 0; i < t.count; i++) {
      const key = t.columns.buyerId[i]! * agentCount + t.columns.agentId[i]!;
      const s = t.columns.startedAt[i]!;
      if (!(latest.get(key)! >= s)) latest.set(key, s);
    }
  }
  let transfers = 0;
  const unmatched: string[] = [];
  for (let i = 0; i < table.count; i++) {
    const started = c.startedAt[i]!;
    if (started < period.start || started >= period.end) continue;
    const a = c.agentId[i]!;
    const to = c.transferredTo[i]!;
    const from = c.transferredFrom[i]!;
    if (from >= 0 && from < firstBot) into[a]!++;
    if (to < 0) continue;
    transfers++;
    out[a]!++;
    const key = a * agentCount + to;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
    if (!(latest.get(c.buyerId[i]! * agentCount + to)! >= started)) unmatched.push(c.consultationId.at(i));
  }
  const warnings: string[] = [];
  if (unmatched.length > 0) {
    unmatched.sort();
    warnings.push(
      `transfers: ${unmatched.length} ${unmatched.length === 1 ? "consultation was" : "consultations were"} transferred to an agent with no consultation of the buyer from then on (${unmatched.slice(0, 3).join(", ")}${unmatched.length > 3 ? " …" : ""}); check the consultations`,
    );
  }
  const byId = (x: number, y: number): number => (ids[x]! < ids[y]! ? -1 : ids[x]! > ids[y]! ? 1 : 0);
  const agents: number[] = [];
  for (let a = 0; a < agentCount; a++) if (out[a]! > 0 || into[a]! > 0) agents.push(a);
  return {
    period: period.label,
    transfers,
    agents: agents.sort(byId).map((a) => ({ agentId: ids[a]!, transfersOut: out[a]!, transfersIn: into[a]! })),
    pairs: [...pairs]
      .map(([key, count]) => ({ from: Math.floor(key / agentCount), to: key % agentCount, count }))
      .sort((x, y) => byId(x.from, y.from) || byId(x.to, y.to))
      .map(({ from, to, count }) => ({ from: ids[from]!, to: ids[to]!, count })),
    warnings,
  };
}

/** Whether a consultation names a transfer out, or one in from an agent numbered below `fromBelow`. */
function namesTransfer(c: { readonly transferredTo: ArrayLike<number>; readonly transferredFrom: ArrayLike<number> }, count: number, fromBelow: number): boolean {
  for (let i = 0; i < count; i++) if (c.transferredTo[i]! >= 0 || (c.transferredFrom[i]! >= 0 && c.transferredFrom[i]! < fromBelow)) return true;
  return false;
}
