/**
 * Lost inquiries (询单流失): the buyers who asked an agent before buying and then bought nothing,
 * listed per agent for the follow-up the seeds ask for (seed 000: 拍下没有下单的客户…进一步咨询;
 * seed 004: 和未下单客户做多次销售).
 *
 * An inquiry is a consultation started in the period with an agent of one of the policy's
 * `attribution.inquiryGroups` (presale by default; an agent without a group counts). It is
 * converted when its buyer placed an order, or paid one, from the inquiry's start to
 * `attribution.windowHours` after its end (the attribution window, ends included). Per agent and
 * buyer: converted when one of the agent's inquiries with the buyer is; otherwise open while the
 * window of one of them reaches the end of the period, and lost once every window has closed.
 * The shop counts each buyer once, over all agents' inquiries. converted + lost + open = the
 * inquiring buyers. An inquiry transferred out (转接) counts its buyer for the agent it went to, as
 * the KPIs do.
 */
import { ratio } from "../money/decimal.js";
import type { DecodedMonth } from "../records/month.js";
import { formatInstant, type Period } from "../time/period.js";
import { int32s } from "../memory.js";
import { withLazy } from "../lazy.js";

/** The figures of one agent, or of the shop. */
export interface LostInquiryFigures {
  /** Distinct buyers with an inquiry in the period. */
  readonly inquiringBuyers: number;
  /** Of them, those who placed or paid an order within the window of one of their inquiries. */
  readonly convertedBuyers: number;
  /** Neither, and every window closed before the period's end: 询单流失. */
  readonly lostBuyers: number;
  /** Neither yet, with a window still open at the period's end (decided next period). */
  readonly openBuyers: number;
  /** lostBuyers / inquiringBuyers, 4 decimals; null without inquiries. */
  readonly lostRate: string | null;
}

/** The last message of a lost inquiry, from the chat log. */
export interface LostInquiryMessage {
  readonly at: string;
  /** Who wrote it. */
  readonly from: "buyer" | "agent";
  readonly text: string;
}

/** One lost buyer of one agent: the agent's last inquiry with the buyer, to review and follow up. */
export interface LostInquiry {
  readonly agentId: string;
  readonly buyerId: string;
  /** The agent's last inquiry with the buyer in the period (latest start; on a tie, the later row). */
  readonly consultationId: string;
  readonly startedAt: string;
  readonly endedAt: string;
  /** endedAt − startedAt, whole seconds (rounded down). */
  readonly durationSeconds: number;
  /** The listed inquiry was answered (an unanswered one is also a reply-rate matter). */
  readonly replied: boolean;
  /** How many inquiries the buyer made with the agent in the period. */
  readonly inquiries: number;
  /** With a chat log, the listed inquiry's last message (latest time; on a tie, the later row); null otherwise. */
  readonly lastMessage: LostInquiryMessage | null;
}

/** The lost inquiries of a period. */
export interface LostInquiriesReport {
  readonly period: string;
  /** The attribution window the inquiries were given (hours; null: none, so nothing is ever lost). */
  readonly windowHours: number | null;
  /** The agent groups whose consultations are inquiries. */
  readonly groups: readonly ("presale" | "insale" | "aftersale")[];
  readonly shop: LostInquiryFigures;
  /** Every agent with an inquiry in the period, by agentId. */
  readonly agents: readonly ({ readonly agentId: string } & LostInquiryFigures)[];
  /** Every lost buyer of every agent, by agentId, then the inquiry's start, then consultationId. */
  readonly items: readonly LostInquiry[];
}

const GROUPS = ["presale", "insale", "aftersale"] as const;

/**
 * The lost inquiries (询单流失) of `period`: per agent and for the shop the inquiring buyers, and
 * how many of them converted, were lost or are still open; and every lost buyer with the agent's
 * last inquiry. Null without consultations or without orders (nothing to judge by).
 */
export function lostInquiriesOfPeriod(month: DecodedMonth, period: Period): LostInquiriesReport | null {
  const consultations = month.tables.consultations;
  const orders = month.tables.orders;
  if (consultations === undefined || orders === undefined) return null;
  const { policy, zone } = month;
  const windowMs = policy.attribution.windowHours === null ? Infinity : policy.attribution.windowHours * 3_600_000;
  const groups = policy.attribution.inquiryGroups;

  // Which agents' consultations are inquiries: by group; an agent without a group counts.
  const agentCount = month.agents.ids.length;
  const asks = new Uint8Array(agentCount).fill(1);
  const agents = month.tables.agents;
  for (let a = 0; a < Math.min(agentCount, agents?.count ?? 0); a++) {
    const g = agents!.columns.group[a]!;
    if (g >= 0 && !groups.includes(GROUPS[g]!)) asks[a] = 0;
  }

  // Each buyer's order events (placing, paying), sorted: buckets by buyer number.
  const o = orders.columns;
  const buyerCount = month.buyers.size;
  const start = int32s(buyerCount + 1);
  const paid = (i: number): boolean => o.paidAt[i]! === o.paidAt[i]!;
  for (let i = 0; i < orders.count; i++) {
    const b = o.buyerId[i]!;
    if (b >= 0) start[b + 1]! += paid(i) ? 2 : 1;
  }
  for (let b = 0; b < buyerCount; b++) start[b + 1]! += start[b]!;
  const events = new Float64Array(start[buyerCount]!);
  const fill = start.slice(0, buyerCount);
  for (let i = 0; i < orders.count; i++) {
    const b = o.buyerId[i]!;
    if (b < 0) continue;
    events[fill[b]!++] = o.createdAt[i]!;
    if (paid(i)) events[fill[b]!++] = o.paidAt[i]!;
  }
  // Most buyers' events are already in order (one order: placed, then paid): sort only the others.
  for (let b = 0; b < buyerCount; b++) {
    let sorted = true;
    for (let j = start[b]! + 1; j < start[b + 1]! && sorted; j++) sorted = events[j - 1]! <= events[j]!;
    if (!sorted) events.subarray(start[b]!, start[b + 1]!).sort();
  }
  /** Is there an event of buyer `b` in [from, to]? */
  const orderedWithin = (b: number, from: number, to: number): boolean => {
    let lo = start[b]!;
    let hi = start[b + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (events[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < start[b + 1]! && events[lo]! <= to;
  };

  // A lost buyer of an agent: the agent's last inquiry with the buyer and how many there were.
  interface Pair {
    readonly agent: number;
    readonly last: number;
    readonly inquiries: number;
  }
  const c = consultations.columns;
  const n = consultations.count;
  const isInquiry = (i: number): boolean => c.startedAt[i]! >= period.start && c.startedAt[i]! < period.end && asks[c.agentId[i]!] === 1;
  // 转接, as the KPIs count it: an inquiry transferred out (transferredTo) is not the transferring
  // agent's buyer when the buyer has an inquiry of the period not transferred out.
  const kept = new Uint8Array(buyerCount);
  for (let i = 0; i < n; i++) if (c.transferredTo[i]! < 0 && isInquiry(i) && c.buyerId[i]! >= 0) kept[c.buyerId[i]!] = 1;
  const counted = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (isInquiry(i) && !(c.transferredTo[i]! >= 0 && kept[c.buyerId[i]!] === 1)) counted[i] = 1;
  const counts = (i: number): boolean => counted[i] === 1;

  // The inquiries, bucketed by buyer (a counting sort; input order within a buyer).
  const from = int32s(buyerCount + 1);
  for (let i = 0; i < n; i++) {
    if (!counts(i)) continue;
    const b = c.buyerId[i]!;
    // A month decoded whole numbers every consultation's buyer (attribution alone leaves out those without orders).
    if (b < 0) throw new Error(`lost inquiries: consultation ${c.consultationId.at(i)}'s buyer is not numbered; decode the month whole`);
    from[b + 1]!++;
  }
  for (let b = 0; b < buyerCount; b++) from[b + 1]! += from[b]!;
  const items = int32s(from[buyerCount]!);
  const next = from.slice(0, buyerCount);
  for (let i = 0; i < n; i++) if (counts(i)) items[next[c.buyerId[i]!]!++] = i;

  // Buyer by buyer: the shop's state of the buyer, and each of the buyer's agents' (a buyer asks few
  // agents: their pairs sit in small scratch arrays). A state: 0 converted, 1 lost, 2 open.
  const state = (converted: boolean, closes: number): 0 | 1 | 2 => (converted ? 0 : closes < period.end ? 1 : 2);
  const agentTally = new Int32Array(agentCount * 4); // converted, lost, open, inquiring, by agent
  const shopTally = [0, 0, 0, 0];
  const lost: Pair[] = [];
  const pAgent: number[] = [];
  const pConverted: boolean[] = [];
  const pCloses: number[] = [];
  const pLast: number[] = [];
  const pCount: number[] = [];
  for (let b = 0; b < buyerCount; b++) {
    if (from[b] === from[b + 1]) continue;
    let converted = false;
    let closes = -Infinity;
    let k = 0;
    for (let j = from[b]!; j < from[b + 1]!; j++) {
      const i = items[j]!;
      const started = c.startedAt[i]!;
      const ends = c.endedAt[i]! + windowMs;
      const mine = orderedWithin(b, started, ends);
      converted ||= mine;
      closes = Math.max(closes, ends);
      const a = c.agentId[i]!;
      let p = 0;
      while (p < k && pAgent[p] !== a) p++;
      if (p === k) {
        k++;
        pAgent[p] = a;
        pConverted[p] = mine;
        pCloses[p] = ends;
        pLast[p] = i;
        pCount[p] = 1;
        continue;
      }
      pConverted[p] ||= mine;
      pCloses[p] = Math.max(pCloses[p]!, ends);
      pCount[p]!++;
      if (started >= c.startedAt[pLast[p]!]!) pLast[p] = i;
    }
    shopTally[state(converted, closes)]!++;
    shopTally[3]!++;
    for (let p = 0; p < k; p++) {
      const a = pAgent[p]!;
      const st = state(pConverted[p]!, pCloses[p]!);
      agentTally[a * 4 + st]!++;
      agentTally[a * 4 + 3]!++;
      if (st === 1) lost.push({ agent: a, last: pLast[p]!, inquiries: pCount[p]! });
    }
  }
  const figures = (t: ArrayLike<number>, at = 0): LostInquiryFigures => ({
    inquiringBuyers: t[at + 3]!,
    convertedBuyers: t[at]!,
    lostBuyers: t[at + 1]!,
    openBuyers: t[at + 2]!,
    lostRate: ratio(t[at + 1]!, t[at + 3]!, 4),
  });
  const ids = month.agents.ids;
  const byId = (x: number, y: number): number => (ids[x]! < ids[y]! ? -1 : ids[x]! > ids[y]! ? 1 : 0);

  // The listed inquiries' last messages, in one pass over the chat log.
  const lastMessage = new Map<number, number>();
  const chat = month.chat;
  const messages = month.tables.messages;
  if (chat !== undefined && messages !== undefined && lost.length > 0) {
    for (const p of lost) lastMessage.set(p.last, -1);
    const at = messages.columns.at;
    for (let m = 0; m < messages.count; m++) {
      const row = chat.consultation[m]!;
      if (row < 0 || chat.role[m]! < 0) continue;
      const seen = lastMessage.get(row);
      if (seen !== undefined && (seen < 0 || at[m]! >= at[seen]!)) lastMessage.set(row, m);
    }
  }
  // The list's order, made when the list is read: agents by their rank of agentId.
  let ordered = false;
  const inOrder = (): Pair[] => {
    if (ordered) return lost;
    const rank = new Int32Array(agentCount);
    Array.from({ length: agentCount }, (_, a) => a)
      .sort(byId)
      .forEach((a, r) => (rank[a] = r));
    lost.sort((x, y) => rank[x.agent]! - rank[y.agent]! || c.startedAt[x.last]! - c.startedAt[y.last]! || c.consultationId.compare(x.last, y.last));
    ordered = true;
    return lost;
  };
  const item = (p: Pair): LostInquiry => {
    const i = p.last;
    const m = lastMessage.get(i) ?? -1;
    return {
      agentId: ids[p.agent]!,
      buyerId: month.buyers.buyerId(c.buyerId[i]!),
      consultationId: c.consultationId.at(i),
      startedAt: formatInstant(c.startedAt[i]!, zone),
      endedAt: formatInstant(c.endedAt[i]!, zone),
      durationSeconds: Math.floor((c.endedAt[i]! - c.startedAt[i]!) / 1000),
      replied: c.firstReplyAt[i]! === c.firstReplyAt[i]!,
      inquiries: p.inquiries,
      lastMessage:
        m < 0
          ? null
          : { at: formatInstant(messages!.columns.at[m]!, zone), from: chat!.role[m] === 0 ? "buyer" : "agent", text: messages!.columns.text.at(m) },
    };
  };
  const report = {
    period: period.label,
    windowHours: policy.attribution.windowHours,
    groups: [...groups],
    shop: figures(shopTally),
    agents: Array.from({ length: agentCount }, (_, a) => a)
      .filter((a) => agentTally[a * 4 + 3]! > 0)
      .sort(byId)
      .map((a) => ({ agentId: ids[a]!, ...figures(agentTally, a * 4) })),
    items: [] as LostInquiry[], // made on first read, below (the key keeps its place)
  };
  // The list on first read: a month of a million inquiries makes no item objects unless it is read.
  function* each(): Generator<LostInquiry, void, undefined> {
    for (const p of inOrder()) yield item(p);
  }
  return withLazy(report, "items", () => inOrder().map(item), { each });
}
