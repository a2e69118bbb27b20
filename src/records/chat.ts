/**
 * The chat log (R8): the agents' sub-accounts, and the consultations its messages make. A month
 * given messages and no consultations gets its consultations table derived here, in the decoded
 * month's own columns, so attribution, the KPIs and the service levels read it unchanged; a month
 * given both gets the derived figures checked against the given ones (warnings).
 *
 * The rules (docs/rules.md, R8):
 * - A message is between an agent (one of the agents' `accounts`) and a buyer (any other account).
 *   A bot line — a sender or receiver that is a bot account (`chat.botAccounts`: the account, or its
 *   sub-account name after the first `:`), or a text starting with a marker (`chat.botMarkers`) —
 *   is left out of every figure, and counted in a warning.
 * - Messages with a `consultationId` make one consultation per id; the others, per agent and buyer
 *   (and shop), are split where more than `chat.sessionGapMinutes` pass without a message.
 * - In a consultation, messages are taken in time order, a buyer's before an agent's at the same
 *   instant (an answer in the same millisecond answers it); the row order of the file changes no
 *   figure (it orders only two messages of one side at one instant).
 * - Each run of buyer messages answered by the agent's next message is one response: the agent's
 *   message time − the run's first buyer message time, in whole seconds rounded down. A run the
 *   agent never answers is no response.
 */
import { IssueCode, type IssueList } from "../errors.js";
import type { Policy } from "../policy/schema.js";
import type { Zone } from "../time/zone.js";
import type { AgentList, BuyerList } from "./lists.js";
import { SHOP_SEPARATOR } from "./lists.js";
import { wallText } from "./rules.js";
import type { Table } from "./table.js";
import { recordIndex, sourceOf } from "./table.js";
import { TextColumn } from "./textColumn.js";
import { DenseIds } from "../ids/denseIds.js";
import { columnBuffer, float64s, grown, int32s } from "../memory.js";

/** The characters that separate an agent's sub-accounts in the `accounts` column. */
export const ACCOUNT_SEPARATORS = /[;|]/;

/** How many differences of a cross-check are named (the rest are counted). */
const NAMED = 20;

/**
 * Each sub-account of the agents' `accounts` column, to its agent's number. A sub-account listed
 * under two agents, or an empty one between separators, is an issue at the agents' row.
 */
export function agentAccounts(agents: Table<"agents"> | undefined, list: AgentList, issues: IssueList): Map<string, number> {
  const accounts = new Map<string, number>();
  if (agents === undefined) return accounts;
  const column = agents.columns.accounts;
  if (column === null) return accounts;
  const rowOf = new Map<string, number>();
  for (let i = 0; i < agents.count; i++) {
    const cell = column.at(i);
    if (cell === "") continue;
    const agentId = agents.columns.agentId.at(i);
    const agent = list.find(agentId);
    for (const part of cell.split(ACCOUNT_SEPARATORS)) {
      const account = part.trim();
      const source = sourceOf(agents, i, "accounts");
      if (account === "") {
        issues.add({ code: IssueCode.invalidValue, path: ["agents", recordIndex(agents, i), "accounts"], message: `${JSON.stringify(cell)} has an empty sub-account; expected sub-accounts separated by ; or |`, ...(source === undefined ? {} : { source }) });
        continue;
      }
      const first = rowOf.get(account);
      if (first !== undefined && first !== i) {
        const other = agents.columns.agentId.at(first);
        const related = sourceOf(agents, first, "accounts");
        issues.add({
          code: IssueCode.invalidValue,
          path: ["agents", recordIndex(agents, i), "accounts"],
          message: `sub-account ${JSON.stringify(account)} is listed under agent ${JSON.stringify(agentId)} and agent ${JSON.stringify(other)}; a sub-account belongs to one agent`,
          recordId: `agentId ${JSON.stringify(agentId)}`,
          related: { path: ["agents", recordIndex(agents, first), "accounts"], recordId: `agentId ${JSON.stringify(other)}`, ...(related === undefined ? {} : { source: related }) },
          ...(source === undefined ? {} : { source }),
        });
        continue;
      }
      rowOf.set(account, i);
      if (agent !== undefined) accounts.set(account, agent);
    }
  }
  return accounts;
}

/** Whether an account is one of the shop's bots: equal to a listed bot account, or its sub-account name (after the first `:`) is one. */
function botAccount(account: string, bots: ReadonlySet<string>): boolean {
  if (bots.has(account)) return true;
  const at = account.indexOf(":");
  return at >= 0 && bots.has(account.slice(at + 1).trim());
}

const BUYER = 0;
const AGENT = 1;

/** What {@link deriveConsultations} needs of the month being decoded. */
export interface ChatContext {
  readonly policy: Policy;
  readonly zone: Zone;
  readonly agents: AgentList;
  readonly buyers: BuyerList;
  readonly issues: IssueList;
  readonly warnings: string[];
  /** The bots' sub-accounts (agents of group bot): bot lines, as the policy's chat.botAccounts. */
  readonly botAccounts?: readonly string[];
}

/**
 * Each message of the chat log linked to the month: who wrote it, to whom, in which consultation,
 * and the response it closes. Made when the month is decoded; the chat standards (the chat family)
 * read it.
 */
export interface ChatLink {
  /** Per message: 0 the buyer's, 1 the agent's, -1 a bot line. */
  readonly role: Int8Array;
  /** Per message: its agent's number in the month's agent list (meaningless for a bot line). */
  readonly agent: Int32Array;
  /** Per message: its buyer's number in the month's buyer list (meaningless for a bot line). */
  readonly buyer: Int32Array;
  /**
   * Per message: the row of the month's consultations table it belongs to (a given consultation
   * when consultations are given and one matches the conversation), -1 for none.
   */
  readonly consultation: Int32Array;
  /** Per agent message that answers a run of buyer messages: the response's whole seconds; -1 otherwise. */
  readonly responseSeconds: Int32Array;
}

/**
 * The consultations the messages make, as a consultations table (ordered by start, then agent,
 * then buyer, then id), with each message's link to them; null when a message could not be linked
 * (the issues say why).
 */
export function deriveConsultations(
  messages: Table<"messages">,
  agentsTable: Table<"agents"> | undefined,
  ctx: ChatContext,
): { readonly table: Table<"consultations">; readonly link: ChatLink } | null {
  const n = messages.count;
  const { at, from, to, text } = messages.columns;
  const cids = messages.columns.consultationId;
  const shops = messages.columns.shopId;
  const accounts = agentAccounts(agentsTable, ctx.agents, ctx.issues);
  const bots = new Set([...ctx.policy.chat.botAccounts, ...(ctx.botAccounts ?? [])]);
  const markers = ctx.policy.chat.botMarkers;
  if (n > 0 && accounts.size === 0) {
    ctx.issues.add({
      code: IssueCode.missingColumn,
      path: ["agents", "accounts"],
      message: "the chat log (messages) needs the agents' sub-accounts: give the agents an accounts column (子账号) naming each agent's sub-accounts",
    });
    return null;
  }
  // Per message: its agent, buyer, role (buyer's or agent's; -1 for a bot line or a message in error) and conversation id.
  const agentOf = int32s(n);
  const buyerOf = int32s(n);
  const role = new Int8Array(columnBuffer(n)).fill(-1);
  const groupOf = int32s(n).fill(-1);
  const groups = new Map<string, number>();
  const groupIds: string[] = [];
  // What each account is: an agent's number (≥ 0), a bot (BOT_ACCOUNT), or a buyer — without
  // shops, the buyer's number, -3 - n — found once per account, its text numbered in place (no
  // string per message). An export lists a conversation's messages together, so most messages
  // name the accounts of the message before (the same way, or the other way round): those take
  // its kinds after a comparison in place, and only the others are looked up.
  const numbers = new DenseIds(1024);
  let kinds = new Int32Array(1024).fill(UNSEEN);
  const kindOf = (column: TextColumn, i: number): number => {
    const id = column.internAt(i, numbers);
    if (id < 0) return EMPTY_ACCOUNT;
    if (id >= kinds.length) kinds = grown(kinds, kinds.length * 2).fill(UNSEEN, kinds.length);
    let k = kinds[id]!;
    if (k === UNSEEN) {
      const account = column.at(i);
      k = botAccount(account, bots) ? BOT_ACCOUNT : (accounts.get(account) ?? (shops === null ? -3 - ctx.buyers.number(account) : OTHER_ACCOUNT));
      kinds[id] = k;
    }
    return k;
  };
  let bot = 0;
  let bad = 0;
  let sk = EMPTY_ACCOUNT;
  let rk = EMPTY_ACCOUNT;
  const repeats = TextColumn.repeats(from, to);
  for (let i = 0; i < n; i++) {
    const repeat = repeats[i]!;
    if (repeat === 2) {
      const swap = sk;
      sk = rk;
      rk = swap;
    } else if (repeat === 0) {
      sk = kindOf(from, i);
      rk = kindOf(to, i);
    }
    const t = at[i]!;
    if (t !== t || sk === EMPTY_ACCOUNT || rk === EMPTY_ACCOUNT) {
      bad++; // its own issue names it
      continue;
    }
    if (sk === BOT_ACCOUNT || rk === BOT_ACCOUNT || (markers.length > 0 && startsWithMarker(text, i, markers))) {
      bot++;
      continue;
    }
    const fa = sk >= 0 ? sk : undefined;
    const ta = rk >= 0 ? rk : undefined;
    if ((fa === undefined) === (ta === undefined)) {
      const sender = from.at(i);
      const receiver = to.at(i);
      bad++;
      const source = sourceOf(messages, i, fa === undefined ? "from" : "to");
      ctx.issues.add({
        code: IssueCode.unknownAgent,
        path: ["messages", i, fa === undefined ? "from" : "to"],
        message:
          fa === undefined
            ? `neither ${JSON.stringify(sender)} nor ${JSON.stringify(receiver)} is an agent's sub-account (the agents' accounts column); a message is between an agent and a buyer`
            : `${JSON.stringify(sender)} and ${JSON.stringify(receiver)} are both agents' sub-accounts; a message is between an agent and a buyer`,
        ...(source === undefined ? {} : { source }),
      });
      continue;
    }
    const bk = fa === undefined ? sk : rk;
    role[i] = fa === undefined ? BUYER : AGENT;
    agentOf[i] = fa ?? ta!;
    if (bk <= -3) buyerOf[i] = -3 - bk;
    else {
      const shop = shops === null ? "" : shops.at(i);
      const buyer = fa === undefined ? from.at(i) : to.at(i);
      buyerOf[i] = ctx.buyers.number(shop === "" ? buyer : shop + SHOP_SEPARATOR + buyer);
    }
    const cid = cids === null ? "" : cids.at(i);
    if (cid !== "") {
      let g = groups.get(cid);
      if (g === undefined) groups.set(cid, (g = groupIds.push(cid) - 1));
      groupOf[i] = g;
    }
  }
  if (bot > 0) ctx.warnings.push(`messages: ${bot} bot line${bot === 1 ? "" : "s"} (chat.botAccounts, chat.botMarkers) left out of the consultation figures`);
  if (bad > 0) return null;

  const idCount = groupIds.length;
  const runs = conversationRuns(n, role, groupOf, idCount, agentOf, buyerOf, at, ctx.buyers.size, ctx.agents.ids.length);
  const byTurn = (x: number, y: number): number => agentOf[x]! - agentOf[y]! || buyerOf[x]! - buyerOf[y]! || at[x]! - at[y]! || role[x]! - role[y]! || x - y;

  const gap = ctx.policy.chat.sessionGapMinutes * 60_000;
  // The consultations, one record of FIELDS numbers each (no object per consultation), grown as needed.
  let records = float64s(Math.max(16, runs.count) * FIELDS);
  const consultationOf = int32s(n).fill(-1);
  const responseOf = int32s(n).fill(-1);
  let agentOnly = 0;
  let c = 0;
  // Bucket by bucket (a conversation id's messages, or a buyer's others): its messages in
  // conversation order in `rows`, then split into conversations: one agent's messages with the
  // buyer, cut at a gap (not within a conversation id).
  let rows = new Int32Array(1024);
  for (let bucket = 0; bucket < runs.buckets; bucket++) {
    const rs = runs.starts[bucket]!;
    const re = runs.starts[bucket + 1]!;
    if (rs === re) continue;
    let size = 0;
    let inOrder = true;
    for (let k = rs; k < re; k++) {
      const q = runs.sorted[k]!;
      const first = runs.first[q]!;
      const end = runs.end[q]!;
      // A run follows the one before when its first message comes after that one's last.
      if (k > rs && inOrder && byTurn(runs.end[runs.sorted[k - 1]!]! - 1, first) > 0) inOrder = false;
      if (size + (end - first) > rows.length) rows = grown(rows, Math.max(rows.length * 2, size + (end - first)));
      for (let i = first; i < end; i++) if (role[i]! >= 0) rows[size++] = i;
    }
    if (!inOrder) rows.subarray(0, size).sort(byTurn);
    const g = bucket < idCount ? bucket : -1;
    let k = 0;
    while (k < size) {
      const start = k;
      const first = rows[k]!;
      const agent = agentOf[first]!;
      const buyer = buyerOf[first]!;
      let started = NaN;
      let reply = NaN;
      let last = at[first]!;
      let buyers = 0;
      let agentsSent = 0;
      let runStart = NaN;
      let responses = 0;
      let seconds = 0;
      let longest = 0;
      let strays = 0;
      for (; k < size; k++) {
        const i = rows[k]!;
        if (agentOf[i] !== agent || buyerOf[i] !== buyer) {
          if (g < 0) break;
          strays++;
          ctx.issues.add({
            code: IssueCode.invalidValue,
            path: ["messages", i, "consultationId"],
            message: `consultation ${JSON.stringify(groupIds[g])} holds messages of two conversations (another agent or buyer); a consultation is one agent's conversation with one buyer`,
            ...sourceField(messages, i, "consultationId"),
          });
          continue;
        }
        const t = at[i]!;
        if (g < 0 && t - last > gap) break;
        last = t;
        if (role[i] === BUYER) {
          buyers++;
          if (started !== started) started = t;
          if (runStart !== runStart) runStart = t;
        } else {
          agentsSent++;
          if (started === started && reply !== reply) reply = t;
          if (runStart === runStart) {
            const s = Math.floor((t - runStart) / 1000);
            responses++;
            responseOf[i] = s;
            seconds += s;
            if (s > longest) longest = s;
            runStart = NaN;
          }
        }
      }
      if (buyers === 0) {
        agentOnly += agentsSent;
        continue;
      }
      for (let q = start; q < k; q++) {
        const i = rows[q]!;
        if (strays === 0 || (agentOf[i] === agent && buyerOf[i] === buyer)) consultationOf[i] = c;
      }
      if ((c + 1) * FIELDS > records.length) records = grown(records, records.length * 2);
      const r = c * FIELDS;
      records[r + GROUP] = g;
      records[r + AGENT_NO] = agent;
      records[r + BUYER_NO] = buyer;
      records[r + STARTED] = started;
      records[r + REPLY] = reply;
      records[r + ENDED] = last;
      records[r + BUYER_MESSAGES] = buyers;
      records[r + AGENT_MESSAGES] = agentsSent;
      records[r + RESPONSES] = responses;
      records[r + SECONDS] = seconds;
      records[r + LONGEST] = longest;
      c++;
    }
  }
  if (agentOnly > 0) {
    ctx.warnings.push(`messages: ${agentOnly} agent message${agentOnly === 1 ? "" : "s"} in conversations where the buyer never wrote make no consultation`);
  }

  // A consultation's id: its conversation id, or made from its shop, agent, buyer and start.
  const wall = wallTexts(ctx.zone);
  const agentPart = ctx.agents.ids.map((id) => `${id}/`);
  const idParts = (x: number, parts: string[]): void => {
    const r = x * FIELDS;
    if (records[r + GROUP]! >= 0) {
      parts.push(groupIds[records[r + GROUP]!]!);
      return;
    }
    const buyer = records[r + BUYER_NO]!;
    const shopKey = shops === null ? null : ctx.buyers.shopId(buyer);
    if (shopKey !== null && shopKey !== "") parts.push(shopKey, "/");
    parts.push(agentPart[records[r + AGENT_NO]!]!, ctx.buyers.buyerId(buyer), "/", wall(records[r + STARTED]!));
  };
  const idOf = (x: number): string => {
    const parts: string[] = [];
    idParts(x, parts);
    return parts.join("");
  };
  const rank = consultationRank(records, c, ctx.agents.ids.length, ctx.buyers.keys, idOf);
  const rowOf = int32s(c);
  for (let j = 0; j < c; j++) rowOf[rank[j]!] = j;
  for (let i = 0; i < n; i++) if (consultationOf[i]! >= 0) consultationOf[i] = rowOf[consultationOf[i]!]!;
  // The columns, in rank order.
  const cAgent = int32s(c);
  const cBuyer = int32s(c);
  const cStarted = float64s(c);
  const cReply = float64s(c);
  const cEnded = float64s(c);
  const cBuyerMessages = int32s(c);
  const cAgentMessages = int32s(c);
  const cResponses = int32s(c);
  const cSeconds = int32s(c);
  const cLongest = int32s(c);
  let hasShop = false;
  // One pass in rank order: each consultation's record read once, whole, into the columns and its id.
  const idColumn = TextColumn.written(c, (j, parts) => {
    const x = rank[j]!;
    const r = x * FIELDS;
    cAgent[j] = records[r + AGENT_NO]!;
    cBuyer[j] = records[r + BUYER_NO]!;
    cStarted[j] = records[r + STARTED]!;
    cReply[j] = records[r + REPLY]!;
    cEnded[j] = records[r + ENDED]!;
    cBuyerMessages[j] = records[r + BUYER_MESSAGES]!;
    cAgentMessages[j] = records[r + AGENT_MESSAGES]!;
    cResponses[j] = records[r + RESPONSES]!;
    cSeconds[j] = records[r + SECONDS]!;
    cLongest[j] = records[r + LONGEST]!;
    idParts(x, parts);
    if (shops !== null && !hasShop && ctx.buyers.shopId(cBuyer[j]!) !== null) hasShop = true;
  });
  let shopColumn: TextColumn | null = null;
  if (hasShop) {
    shopColumn = new TextColumn(c);
    for (let j = 0; j < c; j++) shopColumn.set(j, ctx.buyers.shopId(cBuyer[j]!) ?? "");
  }
  const given = new Set(["consultationId", "agentId", "buyerId", "startedAt", "firstReplyAt", "endedAt", "buyerMessages", "agentMessages", "responseCount", "responseSeconds", "maxResponseSeconds"]);
  if (hasShop) given.add("shopId");
  const transfers = seenTransfers(cAgent, cBuyer, cStarted, cEnded, ctx.buyers.size, gap);
  if (transfers.count > 0) given.add("transferredTo").add("transferredFrom");
  const table: Table<"consultations"> = {
    kind: "consultations",
    count: c,
    columns: {
      consultationId: idColumn,
      agentId: cAgent,
      buyerId: cBuyer,
      startedAt: cStarted,
      firstReplyAt: cReply,
      endedAt: cEnded,
      buyerMessages: cBuyerMessages,
      agentMessages: cAgentMessages,
      source: null,
      shopId: shopColumn === null ? null : shopColumn.pack(),
      responseCount: cResponses,
      responseSeconds: cSeconds,
      maxResponseSeconds: cLongest,
      // 转接 as the chat log shows it: the buyer's next conversation is another agent's, within the gap.
      transferredTo: transfers.to,
      transferredFrom: transfers.from,
    },
    given,
    source: null,
    locators: null,
  };
  return { table, link: { role, agent: agentOf, buyer: buyerOf, consultation: consultationOf, responseSeconds: responseOf } };
}

/** A derived consultation's record: the places of its numbers. */
const GROUP = 0;
const AGENT_NO = 1;
const BUYER_NO = 2;
const STARTED = 3;
const REPLY = 4;
const ENDED = 5;
const BUYER_MESSAGES = 6;
const AGENT_MESSAGES = 7;
const RESPONSES = 8;
const SECONDS = 9;
const LONGEST = 10;
const FIELDS = 11;

/** Seconds a count of the consultations' starts spans at least (a month's: 31 days are 2,678,400). */
const SECONDS_COUNTED = 1 << 22;

/**
 * The consultations in an order the file's row order does not decide: by start, agent (its place
 * in the roster), buyer id (within its shop), then id. Two stable counting sorts, by agent and then
 * by the start's second (when the starts span no more than a month of seconds or a few times their
 * count; else one sort), then the consultations of one second compared only where they are out of that order.
 * Buyer numbers follow the rows' order, so buyers are compared by their text.
 */
function consultationRank(records: Float64Array, c: number, agents: number, keys: readonly string[], idOf: (x: number) => string): Int32Array {
  // The starts and agents on their own (read many times below), the rest in the records.
  const starts = float64s(c);
  const agentNo = int32s(c);
  for (let x = 0; x < c; x++) {
    starts[x] = records[x * FIELDS + STARTED]!;
    agentNo[x] = records[x * FIELDS + AGENT_NO]!;
  }
  const started = (x: number): number => starts[x]!;
  const agent = (x: number): number => agentNo[x]!;
  const byStart = (x: number, y: number): number =>
    started(x) - started(y) || agent(x) - agent(y) || cmp(keys[records[x * FIELDS + BUYER_NO]!]!, keys[records[y * FIELDS + BUYER_NO]!]!) || cmp(idOf(x), idOf(y));
  const rank = int32s(c);
  let first = Infinity;
  let last = -Infinity;
  for (let x = 0; x < c; x++) {
    const t = started(x);
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const span = c === 0 ? 0 : Math.floor((last - first) / 1000) + 1;
  if (span > 4 * c + SECONDS_COUNTED) {
    for (let j = 0; j < c; j++) rank[j] = j;
    return rank.sort(byStart);
  }
  const seconds = int32s(c);
  for (let x = 0; x < c; x++) seconds[x] = Math.floor((starts[x]! - first) / 1000);
  const perAgent = int32s(agents + 1);
  for (let x = 0; x < c; x++) perAgent[agentNo[x]! + 1]!++;
  for (let a = 0; a < agents; a++) perAgent[a + 1]! += perAgent[a]!;
  const byAgent = int32s(c);
  for (let x = 0; x < c; x++) byAgent[perAgent[agentNo[x]!]!++] = x;
  const perSecond = int32s(span + 1);
  for (let x = 0; x < c; x++) perSecond[seconds[x]! + 1]!++;
  for (let t = 0; t < span; t++) perSecond[t + 1]! += perSecond[t]!;
  // Each consultation's second and agent written beside its place (read in sequence below).
  const secondAt = int32s(c);
  const agentAt = int32s(c);
  for (let k = 0; k < c; k++) {
    const x = byAgent[k]!;
    const p = perSecond[seconds[x]!]!++;
    rank[p] = x;
    secondAt[p] = seconds[x]!;
    agentAt[p] = agentNo[x]!;
  }
  // Each second's consultations, by agent now. Where every start is a whole second, those of one
  // second and agent are sorted (by buyer); else each second's are, when two are out of order.
  const whole = starts.every((t) => t % 1000 === 0);
  for (let from = 0; from < c; ) {
    let to = from + 1;
    while (to < c && secondAt[to] === secondAt[from] && (!whole || agentAt[to] === agentAt[from])) to++;
    if (to - from > 1) {
      let inOrder = true;
      for (let k = from + 1; k < to && inOrder; k++) if (byStart(rank[k - 1]!, rank[k]!) > 0) inOrder = false;
      if (!inOrder) rank.subarray(from, to).sort(byStart);
    }
    from = to;
  }
  return rank;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * {@link wallText} for instants that share their minutes (the consultations' starts): each
 * minute's wall text made once, its seconds added. A zone whose offset is not whole minutes (old
 * local mean times) is written instant by instant.
 */
function wallTexts(zone: Zone): (ms: number) => string {
  const minutes = new Map<number, string>();
  // The last minute asked for (the consultations' ids are made in order of start).
  let lastMinute = NaN;
  let lastText = "";
  return (ms) => {
    const within = ((ms % 60_000) + 60_000) % 60_000;
    const minute = ms - within;
    let text = minute === lastMinute ? lastText : minutes.get(minute);
    if (text === undefined) {
      text = wallText(minute, zone);
      // A minute whose wall text shows seconds (an offset of odd seconds) is not a wall minute.
      if (text.length !== 16) return wallText(ms, zone);
      if (minutes.size < 100_000) minutes.set(minute, text);
    }
    lastMinute = minute;
    lastText = text;
    if (within === 0) return text;
    const second = Math.floor(within / 1000);
    const milli = within % 1000;
    return `${text}:${second < 10 ? "0" : ""}${second}${milli === 0 ? "" : `.${String(milli).padStart(3, "0")}`}`;
  };
}

/** {@link deriveConsultations}'s account kinds besides an agent's number and a buyer's -3 - n. */
const BOT_ACCOUNT = -2;
const OTHER_ACCOUNT = -1;
/** An empty sender or receiver (its own issue names it). */
const EMPTY_ACCOUNT = -(2 ** 31);
/** An account not classified yet. */
const UNSEEN = -(2 ** 31) + 1;

function startsWithMarker(text: TextColumn, i: number, markers: readonly string[]): boolean {
  for (const marker of markers) if (text.startsWith(i, marker)) return true;
  return false;
}

/** The log's runs, in conversation order ({@link conversationRuns}). */
interface Runs {
  /** How many runs. */
  readonly count: number;
  /** How many buckets: the conversation ids (0 … ids - 1), then one per buyer number. */
  readonly buckets: number;
  /** Where each bucket's runs start in `sorted`, and (at `buckets`) where the last ends. */
  readonly starts: Int32Array;
  /** The runs, bucket by bucket, each bucket's by agent and then in row order. */
  readonly sorted: Int32Array;
  /** Per run: its first row, and the row after its last. */
  readonly first: Int32Array;
  readonly end: Int32Array;
}

/**
 * The linked messages (role ≥ 0) as runs, put in conversation order. An export lists a
 * conversation's messages together and in time order, so the log is read as runs: consecutive
 * linked messages of one conversation id (or none), agent and buyer, each not before the one before
 * it (time, then the buyer's first). The runs, not the messages, are put in order: two stable
 * counting sorts, by agent and then by bucket (the conversation id, or the buyer). Read run after
 * run, a bucket is in conversation order when each run's first message comes after the run
 * before's last; else its messages are sorted. Linear in the log either way, and the fewer the
 * runs, the fewer the rows read at random (a log sorted by time alone, where conversations
 * interleave, has more).
 */
function conversationRuns(n: number, role: Int8Array, groupOf: Int32Array, groups: number, agentOf: Int32Array, buyerOf: Int32Array, at: Float64Array, buyers: number, agents: number): Runs {
  const bucketOf = (i: number): number => (groupOf[i]! >= 0 ? groupOf[i]! : groups + buyerOf[i]!);
  // Whether linked message i continues the run whose last message is p.
  const continues = (p: number, i: number): boolean =>
    groupOf[i] === groupOf[p] && agentOf[i] === agentOf[p] && buyerOf[i] === buyerOf[p] && (at[i]! > at[p]! || (at[i] === at[p] && role[i]! >= role[p]!));
  let count = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    if (role[i]! < 0) continue;
    if (last < 0 || !continues(last, i)) count++;
    last = i;
  }
  const first = int32s(count);
  const end = int32s(count);
  const runAgent = int32s(count);
  const runBucket = int32s(count);
  let r = -1;
  last = -1;
  for (let i = 0; i < n; i++) {
    if (role[i]! < 0) continue;
    if (last < 0 || !continues(last, i)) {
      first[++r] = i;
      runAgent[r] = agentOf[i]!;
      runBucket[r] = bucketOf(i);
    }
    end[r] = i + 1;
    last = i;
  }
  // By agent, then (stable) by bucket.
  const perAgent = int32s(agents + 1);
  for (let q = 0; q < count; q++) perAgent[runAgent[q]! + 1]!++;
  for (let a = 0; a < agents; a++) perAgent[a + 1]! += perAgent[a]!;
  const byAgent = int32s(count);
  for (let q = 0; q < count; q++) byAgent[perAgent[runAgent[q]!]!++] = q;
  const buckets = groups + buyers;
  const starts = int32s(buckets + 1);
  for (let q = 0; q < count; q++) starts[runBucket[q]! + 1]!++;
  for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!;
  const sorted = int32s(count);
  const next = starts.slice(0, buckets);
  for (let k = 0; k < count; k++) {
    const q = byAgent[k]!;
    sorted[next[runBucket[q]!]!++] = q;
  }
  return { count, buckets, starts, sorted, first, end };
}

function sourceField(table: Table, i: number, field: string): { source?: ReturnType<typeof sourceOf> & object } {
  const source = sourceOf(table, i, field);
  return source === undefined ? {} : { source };
}

/** The figures the cross-check compares, with the field each is read from. */
const FIGURES = ["firstReplyAt", "endedAt", "buyerMessages", "agentMessages", "responseCount", "responseSeconds", "maxResponseSeconds"] as const;

/**
 * The given consultations checked against those the messages make: a consultation is matched by
 * its id, else by agent, buyer and start; each figure that differs, each given consultation the
 * chat log does not hold and each conversation no given consultation holds is a warning. A given
 * consultation whose agent has no conversation with its buyer in the log is outside what the log
 * covers (a log of some sub-accounts or days): such consultations are counted in one warning, not named.
 *
 * @returns per derived consultation, the given one it matched (-1: none)
 */
export function crossCheck(given: Table<"consultations">, derived: Table<"consultations">, ctx: ChatContext): Int32Array {
  const byId = new Map<string, number>();
  const byStart = new Map<string, number>();
  const startKey = (t: Table<"consultations">, i: number): string => `${t.columns.agentId[i]}/${t.columns.buyerId[i]}/${t.columns.startedAt[i]}`;
  const pairsInLog = new Set<string>();
  for (let j = 0; j < derived.count; j++) {
    byId.set(derived.columns.consultationId.at(j), j);
    byStart.set(startKey(derived, j), j);
    pairsInLog.add(`${derived.columns.agentId[j]}/${derived.columns.buyerId[j]}`);
  }
  let uncovered = 0;
  const matched = new Int32Array(derived.count).fill(-1);
  const found: string[] = [];
  let more = 0;
  const say = (line: string): void => {
    if (found.length < NAMED) found.push(line);
    else more++;
  };
  const show = (field: string, v: number): string => (field.endsWith("At") ? (v === v ? wallText(v, ctx.zone) : "empty") : String(v));
  for (let i = 0; i < given.count; i++) {
    const id = given.columns.consultationId.at(i);
    const j = byId.get(id) ?? byStart.get(startKey(given, i));
    if (j === undefined && !pairsInLog.has(`${given.columns.agentId[i]}/${given.columns.buyerId[i]}`)) {
      uncovered++;
      continue;
    }
    if (j === undefined) {
      say(`consultations: ${JSON.stringify(id)} is not in the chat log (no conversation of its agent and buyer starts at its startedAt)`);
      continue;
    }
    matched[j] = i;
    for (const field of ["startedAt", ...FIGURES] as const) {
      if (!given.given.has(field)) continue;
      const a = (given.columns[field] as Float64Array | Int32Array)[i]!;
      const b = (derived.columns[field] as Float64Array | Int32Array)[j]!;
      if (a === b || (a !== a && b !== b)) continue;
      say(`consultations: ${JSON.stringify(id)} ${field} is ${show(field, a)}, the chat log gives ${show(field, b)}`);
    }
  }
  for (let j = 0; j < derived.count; j++) {
    if (matched[j] === -1) say(`messages: the conversation ${JSON.stringify(derived.columns.consultationId.at(j))} is in no consultation given`);
  }
  if (uncovered > 0) {
    ctx.warnings.push(`consultations: ${uncovered} of ${given.count} given consultations have no conversation of their agent and buyer in the chat log, so they are not checked against it`);
  }
  ctx.warnings.push(...found);
  if (more > 0) ctx.warnings.push(`consultations: ${more} more difference${more === 1 ? "" : "s"} from the chat log`);
  return matched;
}

/**
 * The transfers (转接) the chat log shows: a buyer's conversation is followed by another agent's
 * conversation with the buyer (the next by start, in the same shop) that starts no later than the
 * session gap after it ended: the first is transferred to that agent, the second from the first's.
 * Consultations `j` are in start order; an agent's several sub-accounts are one agent, so moving
 * between them is no transfer.
 */
function seenTransfers(agent: Int32Array, buyer: Int32Array, started: Float64Array, ended: Float64Array, buyers: number, gap: number): { to: Int32Array; from: Int32Array; count: number } {
  const c = agent.length;
  const to = int32s(c).fill(-1);
  const from = int32s(c).fill(-1);
  // Each buyer's latest consultation so far (in start order), -1 before the first.
  const last = int32s(buyers).fill(-1);
  let count = 0;
  for (let j = 0; j < c; j++) {
    const b = buyer[j]!;
    const previous = last[b]!;
    last[b] = j;
    if (previous < 0 || agent[previous] === agent[j] || started[j]! - ended[previous]! > gap) continue;
    to[previous] = agent[j]!;
    from[j] = agent[previous]!;
    count++;
  }
  return { to, from, count };
}
