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
 *   instant (an answer in the same millisecond answers it); the row order of the file decides nothing.
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
import { sourceOf } from "./table.js";
import { TextColumn } from "./textColumn.js";
import { DenseIds } from "../ids/denseIds.js";

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
        issues.add({ code: IssueCode.invalidValue, path: ["agents", i, "accounts"], message: `${JSON.stringify(cell)} has an empty sub-account; expected sub-accounts separated by ; or |`, ...(source === undefined ? {} : { source }) });
        continue;
      }
      const first = rowOf.get(account);
      if (first !== undefined && first !== i) {
        const other = agents.columns.agentId.at(first);
        const related = sourceOf(agents, first, "accounts");
        issues.add({
          code: IssueCode.invalidValue,
          path: ["agents", i, "accounts"],
          message: `sub-account ${JSON.stringify(account)} is listed under agent ${JSON.stringify(agentId)} and agent ${JSON.stringify(other)}; a sub-account belongs to one agent`,
          recordId: `agentId ${JSON.stringify(agentId)}`,
          related: { path: ["agents", first, "accounts"], recordId: `agentId ${JSON.stringify(other)}`, ...(related === undefined ? {} : { source: related }) },
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
  const bots = new Set(ctx.policy.chat.botAccounts);
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
  const agentOf = new Int32Array(n);
  const buyerOf = new Int32Array(n);
  const role = new Int8Array(n).fill(-1);
  const groupOf = new Int32Array(n).fill(-1);
  const groups = new Map<string, number>();
  const groupIds: string[] = [];
  // The accounts numbered in place (a log repeats a few accounts millions of times: no string per
  // message), and what each is, found once per account: an agent's number (≥ 0), a bot
  // (BOT_ACCOUNT), or a buyer — without shops, the buyer's number, -3 - n.
  const numbers = new DenseIds(1024);
  const fromIds = from.numbered(numbers);
  const toIds = to.numbered(numbers);
  const UNSEEN = -(2 ** 31);
  const kindOf = new Int32Array(numbers.size).fill(UNSEEN);
  const classify = (id: number, column: TextColumn, i: number): number => {
    let k = kindOf[id]!;
    if (k === UNSEEN) {
      const account = column.at(i);
      k = botAccount(account, bots) ? BOT_ACCOUNT : (accounts.get(account) ?? (shops === null ? -3 - ctx.buyers.number(account) : OTHER_ACCOUNT));
      kindOf[id] = k;
    }
    return k;
  };
  let bot = 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const t = at[i]!;
    if (t !== t || fromIds[i]! < 0 || toIds[i]! < 0) {
      bad++; // its own issue names it
      continue;
    }
    const sk = classify(fromIds[i]!, from, i);
    const rk = classify(toIds[i]!, to, i);
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

  const order = conversationOrder(n, role, groupOf, groupIds.length, agentOf, buyerOf, at, ctx.buyers.size);
  const m = order.length;

  const gap = ctx.policy.chat.sessionGapMinutes * 60_000;
  // The consultations, at most one per buyer message, in typed columns (no object per consultation).
  let cap = 0;
  for (let k = 0; k < m; k++) if (role[order[k]!] === BUYER) cap++;
  const cGroup = new Int32Array(cap);
  const cAgent = new Int32Array(cap);
  const cBuyer = new Int32Array(cap);
  const cStarted = new Float64Array(cap);
  const cReply = new Float64Array(cap);
  const cEnded = new Float64Array(cap);
  const cBuyerMessages = new Int32Array(cap);
  const cAgentMessages = new Int32Array(cap);
  const cResponses = new Int32Array(cap);
  const cSeconds = new Int32Array(cap);
  const cLongest = new Int32Array(cap);
  const consultationOf = new Int32Array(n).fill(-1);
  const responseOf = new Int32Array(n).fill(-1);
  let agentOnly = 0;
  let c = 0;
  let k = 0;
  while (k < m) {
    const from = k;
    const first = order[k]!;
    const g = groupOf[first]!;
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
    for (; k < m; k++) {
      const i = order[k]!;
      if (groupOf[i] !== g) break;
      if (agentOf[i] !== agent || buyerOf[i] !== buyer) {
        if (g < 0) break;
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
    for (let q = from; q < k; q++) {
      const i = order[q]!;
      if (agentOf[i] === agent && buyerOf[i] === buyer) consultationOf[i] = c;
    }
    cGroup[c] = g;
    cAgent[c] = agent;
    cBuyer[c] = buyer;
    cStarted[c] = started;
    cReply[c] = reply;
    cEnded[c] = last;
    cBuyerMessages[c] = buyers;
    cAgentMessages[c] = agentsSent;
    cResponses[c] = responses;
    cSeconds[c] = seconds;
    cLongest[c] = longest;
    c++;
  }
  if (agentOnly > 0) {
    ctx.warnings.push(`messages: ${agentOnly} agent message${agentOnly === 1 ? "" : "s"} in conversations where the buyer never wrote make no consultation`);
  }

  // The consultations in an order the file's row order does not decide: by start, agent (its place
  // in the roster), buyer id (within its shop), then id. Buyer numbers follow the rows' order, so
  // buyers are compared by their text, and only between consultations of one start and agent.
  const rank = new Int32Array(c);
  for (let j = 0; j < c; j++) rank[j] = j;
  const keys = ctx.buyers.keys;
  // A consultation's id: its conversation id, or made from its shop, agent, buyer and start.
  const wall = wallTexts(ctx.zone);
  const idOf = (x: number): string => {
    if (cGroup[x]! >= 0) return groupIds[cGroup[x]!]!;
    const buyer = cBuyer[x]!;
    const shopKey = shops === null ? "" : (ctx.buyers.shopId(buyer) ?? "");
    return `${shopKey === "" ? "" : `${shopKey}/`}${ctx.agents.ids[cAgent[x]!]}/${ctx.buyers.buyerId(buyer)}/${wall(cStarted[x]!)}`;
  };
  rank.sort((x, y) => cStarted[x]! - cStarted[y]! || cAgent[x]! - cAgent[y]! || cmp(keys[cBuyer[x]!]!, keys[cBuyer[y]!]!) || cmp(idOf(x), idOf(y)));
  const rowOf = new Int32Array(c);
  for (let j = 0; j < c; j++) rowOf[rank[j]!] = j;
  for (let i = 0; i < n; i++) if (consultationOf[i]! >= 0) consultationOf[i] = rowOf[consultationOf[i]!]!;
  const ints = (values: Int32Array): Int32Array => {
    const out = new Int32Array(c);
    for (let j = 0; j < c; j++) out[j] = values[rank[j]!]!;
    return out;
  };
  const floats = (values: Float64Array): Float64Array => {
    const out = new Float64Array(c);
    for (let j = 0; j < c; j++) out[j] = values[rank[j]!]!;
    return out;
  };
  const idColumn = new TextColumn(c);
  let hasShop = false;
  for (let j = 0; j < c; j++) {
    idColumn.set(j, idOf(rank[j]!));
    if (shops !== null && !hasShop && ctx.buyers.shopId(cBuyer[j]!) !== null) hasShop = true;
  }
  let shopColumn: TextColumn | null = null;
  if (hasShop) {
    shopColumn = new TextColumn(c);
    for (let j = 0; j < c; j++) shopColumn.set(j, ctx.buyers.shopId(cBuyer[rank[j]!]!) ?? "");
  }
  const given = new Set(["consultationId", "agentId", "buyerId", "startedAt", "firstReplyAt", "endedAt", "buyerMessages", "agentMessages", "responseCount", "responseSeconds", "maxResponseSeconds"]);
  if (hasShop) given.add("shopId");
  const table: Table<"consultations"> = {
    kind: "consultations",
    count: c,
    columns: {
      consultationId: idColumn.pack(),
      agentId: ints(cAgent),
      buyerId: ints(cBuyer),
      startedAt: floats(cStarted),
      firstReplyAt: floats(cReply),
      endedAt: floats(cEnded),
      buyerMessages: ints(cBuyerMessages),
      agentMessages: ints(cAgentMessages),
      source: null,
      shopId: shopColumn === null ? null : shopColumn.pack(),
      responseCount: ints(cResponses),
      responseSeconds: ints(cSeconds),
      maxResponseSeconds: ints(cLongest),
    },
    given,
    source: null,
    locators: null,
  };
  return { table, link: { role, agent: agentOf, buyer: buyerOf, consultation: consultationOf, responseSeconds: responseOf } };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * {@link wallText} for instants that share their minutes (the consultations' starts): each
 * minute's wall text made once, its seconds added. A zone whose offset is not whole minutes (old
 * local mean times) is written instant by instant.
 */
function wallTexts(zone: Zone): (ms: number) => string {
  const minutes = new Map<number, string>();
  return (ms) => {
    const within = ((ms % 60_000) + 60_000) % 60_000;
    const minute = ms - within;
    let text = minutes.get(minute);
    if (text === undefined) {
      text = wallText(minute, zone);
      // A minute whose wall text shows seconds (an offset of odd seconds) is not a wall minute.
      if (text.length !== 16) return wallText(ms, zone);
      if (minutes.size < 100_000) minutes.set(minute, text);
    }
    if (within === 0) return text;
    const second = Math.floor(within / 1000);
    const milli = within % 1000;
    return `${text}:${second < 10 ? "0" : ""}${second}${milli === 0 ? "" : `.${String(milli).padStart(3, "0")}`}`;
  };
}

/** {@link deriveConsultations}'s account kinds besides an agent's number and a buyer's -3 - n. */
const BOT_ACCOUNT = -2;
const OTHER_ACCOUNT = -1;

function startsWithMarker(text: TextColumn, i: number, markers: readonly string[]): boolean {
  for (const marker of markers) if (text.startsWith(i, marker)) return true;
  return false;
}

/**
 * The linked messages (role ≥ 0) in conversation order: the messages of one `consultationId`
 * together (by agent, buyer, time, the buyer's first), then each buyer's other messages together
 * (by agent, time, the buyer's first). Counting sorts by conversation id and by buyer number, then
 * a sort of a run only when its rows are out of order: near-linear in the log, as an export is in
 * time order already.
 */
function conversationOrder(n: number, role: Int8Array, groupOf: Int32Array, groups: number, agentOf: Int32Array, buyerOf: Int32Array, at: Float64Array, buyers: number): Int32Array {
  // Buckets: the conversation ids first (0 … groups - 1), then one per buyer number.
  const buckets = groups + buyers;
  const starts = new Int32Array(buckets + 1);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (role[i]! < 0) continue;
    m++;
    starts[(groupOf[i]! >= 0 ? groupOf[i]! : groups + buyerOf[i]!) + 1]!++;
  }
  for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!;
  const order = new Int32Array(m);
  const next = starts.slice(0, buckets);
  for (let i = 0; i < n; i++) if (role[i]! >= 0) order[next[groupOf[i]! >= 0 ? groupOf[i]! : groups + buyerOf[i]!]!++] = i;
  const byTurn = (x: number, y: number): number => agentOf[x]! - agentOf[y]! || buyerOf[x]! - buyerOf[y]! || at[x]! - at[y]! || role[x]! - role[y]!;
  for (let b = 0; b < buckets; b++) {
    const s = starts[b]!;
    const e = starts[b + 1]!;
    let sorted = true;
    for (let k = s + 1; k < e && sorted; k++) if (byTurn(order[k - 1]!, order[k]!) > 0) sorted = false;
    if (!sorted) order.subarray(s, e).sort(byTurn);
  }
  return order;
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
