/**
 * The decoded month: every kind of record decoded once into columns, under one policy (its zone
 * reads the wall times), with one agent list and one buyer list for all kinds. Every rule family
 * computes from it; the entry points that take raw records decode them first, and also take a
 * decoded month, so that an app or a sheet asking for several results decodes once.
 */
import { IssueCode, IssueList, KefuKpiError, type Issue } from "../errors.js";
import { resolvePolicy } from "../policy/resolve.js";
import type { Policy, PolicyInput } from "../policy/schema.js";
import { parseTimeOfDay } from "../time/period.js";
import { zoneOf, type Zone } from "../time/zone.js";
import { ACCOUNT_SEPARATORS, agentAccounts, crossCheck, deriveConsultations, type ChatLink } from "./chat.js";
import { TableBuilder, suggestion, type TableOptions } from "./decode.js";
import { KINDS, RECORD_KINDS, type FieldSpec, type RecordKind } from "./kinds.js";
import { AgentList, BuyerList } from "./lists.js";
import { pickRows, sourceOf, type Table } from "./table.js";
import { recordIssue } from "./rows.js";
import { wallText } from "./rules.js";
import { describeValue } from "../input.js";
import type { TextColumn } from "./textColumn.js";
import { DenseIds } from "../ids/denseIds.js";
import { checkShops } from "./shops.js";

/** A month's records as the library takes them: an array of plain objects per kind; a kind left out is "no such data". */
export type MonthRecords = { readonly [K in RecordKind]?: readonly unknown[] };

export type MonthTables = { readonly [K in RecordKind]?: Table<K> };

const BRAND = "kefu-kpi/decoded-month";

/** A month decoded by {@link decodeMonth} (or the folder reader, or the sheets). */
export interface DecodedMonth {
  readonly kind: typeof BRAND;
  /** The resolved policy the month was decoded under (its zone read the wall times). */
  readonly policy: Policy;
  readonly zone: Zone;
  /** The business-day cut-over, minutes after midnight. */
  readonly cutover: number;
  /** The agents: the roster's first (`agents.rosterSize` of them, -1 without a roster), then any other id met. */
  readonly agents: AgentList;
  readonly buyers: BuyerList;
  /** The decoded kinds; a kind not given is absent. */
  readonly tables: MonthTables;
  /** What the reader noticed without it being an error (unused columns …). */
  readonly warnings: readonly string[];
  /** With a chat log (messages), each message linked to its agent, buyer, consultation and response. */
  readonly chat?: ChatLink;
  /** With orders and shipments, each shipment's order: its index among the orders (-1: not among them). */
  readonly shipmentOrders?: Int32Array;
  /** With agents of group bot (店小蜜): the bots and their consultations, set apart from the people's. */
  readonly bots?: MonthBots;
}

/**
 * The bots of a month (agents of group `bot`: 店小蜜, auto-reply accounts). They are numbered in
 * the agent list after the roster; their rows are not in the agents table, and their
 * consultations are not in the consultations table: every human figure is computed without them.
 */
export interface MonthBots {
  /** The bots' agent ids, in the agents file's order. */
  readonly ids: readonly string[];
  /** The bots' rows of the agents file. */
  readonly agents: Table<"agents">;
  /** The bots' consultations (absent: the month has no consultations). */
  readonly consultations?: Table<"consultations">;
}

/** Is `value` a decoded month? */
export function isDecodedMonth(value: unknown): value is DecodedMonth {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === BRAND;
}

/**
 * Decodes a month kind by kind. The agents (the roster) come first: the other kinds' agent ids are
 * checked against them. {@link decodeMonth} does it for arrays of objects; the folder reader and the
 * sheets feed rows of cells.
 */
export class MonthDecoder {
  readonly policy: Policy;
  readonly zone: Zone;
  readonly cutover: number;
  readonly issues = new IssueList();
  readonly warnings: string[] = [];
  private readonly agents = new AgentList();
  private readonly buyers: BuyerList;
  private readonly tables: { [K in RecordKind]?: Table<K> } = {};
  private started = false;
  private chat: ChatLink | undefined;
  private readonly offered: { table: Table; unused: string }[] = [];
  private shipmentOrders: Int32Array | null = null;
  private bots: MonthBots | undefined;
  private botAccounts: readonly string[] = [];

  /**
   * @param policy - the policy (resolved here)
   * @param expectedBuyers - roughly how many buyer ids the month holds (sizes the buyer list)
   */
  constructor(policy: PolicyInput | Policy | undefined, expectedBuyers = 1024) {
    this.policy = resolvePolicy(policy);
    this.zone = zoneOf(this.policy);
    this.cutover = parseTimeOfDay(this.policy.businessDayStartsAt);
    this.buyers = new BuyerList(expectedBuyers);
  }

  /** A builder for one kind's records (the agents first, if given). */
  builder<K extends RecordKind>(kind: K, options: TableOptions = {}): TableBuilder<K> {
    if (kind === "agents" && this.started) throw new Error("the agents are decoded before the other kinds");
    if (kind !== "agents") this.started = true;
    return new TableBuilder(kind, { zone: this.zone, agents: this.agents, buyers: this.buyers, issues: this.issues }, options);
  }

  /** Keeps a finished table; the agents' table becomes the roster. */
  add<K extends RecordKind>(table: Table<K>): void {
    if (this.tables[table.kind] !== undefined) throw new Error(`${table.kind} are decoded once`);
    if (table.kind === "agents") {
      // The bots (group bot) are set apart: numbered after the roster, their rows out of the table.
      const agents = table as Table<"agents">;
      const { people, bots, botAccounts } = splitBots(agents, this.issues);
      const botIds = bots.map((r) => agents.columns.agentId.at(r));
      this.botAccounts = botAccounts;
      (this.tables as Record<string, Table>).agents = people;
      this.agents.setRoster(
        people.columns.agentId.toArray().filter((id) => id !== ""),
        botIds,
      );
      if (bots.length > 0) this.bots = { ids: botIds, agents: pickRows(agents, Int32Array.from(bots)) };
      return;
    }
    (this.tables as Record<string, Table>)[table.kind] = table as Table;
  }

  /**
   * Keeps a table that another kind's file carries (a Tmall export's shipments): the month's
   * unless the kind is given on its own, when `unused` is said instead.
   */
  offer<K extends RecordKind>(table: Table<K>, unused: string): void {
    this.offered.push({ table: table as Table, unused });
  }

  /** Decodes an array of objects of one kind (`options.keep`: the fields to keep; all are checked). */
  addRecords(kind: RecordKind, records: readonly unknown[], options: TableOptions = {}): void {
    const b = this.builder(kind, { expected: records.length, ...options });
    b.addObjects(records);
    this.add(b.finish());
  }

  /**
   * Checks what joins the kinds, and returns the month.
   *
   * @throws {KefuKpiError} listing every problem found while decoding
   */
  finish(): DecodedMonth {
    for (const { table, unused } of this.offered) {
      if (this.tables[table.kind] === undefined) this.add(table);
      else this.warnings.push(unused);
    }
    this.offered.length = 0;
    // The bots first: the chat log's consultations are checked against the people's.
    this.setBotsApart();
    this.chatLog();
    linkShops(this.tables, this.buyers, this.issues, this.warnings);
    checkShops(this.tables, this.issues, this.warnings);
    this.shipmentOrders = linkShipments(this.tables, this.issues, this.warnings, this.zone);
    throwInMonthOrder(this.issues);
    return this.month();
  }

  /**
   * The chat log: the agents' sub-accounts checked; with messages and no consultations, the
   * consultations the messages make become the month's; with both, the given ones are checked
   * against them (warnings).
   */
  private chatLog(): void {
    const ctx = { policy: this.policy, zone: this.zone, agents: this.agents, buyers: this.buyers, issues: this.issues, warnings: this.warnings, botAccounts: this.botAccounts };
    const messages = this.tables.messages;
    if (messages === undefined) {
      agentAccounts(this.tables.agents, this.agents, this.issues);
      return;
    }
    if (this.issues.size > 0) {
      // Records in error: their own issues are reported; the accounts are still checked.
      agentAccounts(this.tables.agents, this.agents, this.issues);
      return;
    }
    const derived = deriveConsultations(messages, this.tables.agents, ctx);
    if (derived === null || this.issues.size > 0) return;
    const given = this.tables.consultations;
    if (given === undefined) {
      this.add(derived.table);
      this.chat = derived.link;
      // Said, as a missing kind is: every figure from consultations now rests on the chat log.
      this.warnings.push(`consultations: none given; the ${derived.table.count} consultation${derived.table.count === 1 ? " is" : "s are"} made from the chat log (messages)`);
      return;
    }
    // The messages belong to the given consultations their conversations matched.
    const matched = crossCheck(given, derived.table, ctx);
    const consultation = derived.link.consultation.map((row) => (row < 0 ? -1 : matched[row]!));
    this.chat = { ...derived.link, consultation };
  }

  /**
   * The bots' consultations taken out of the consultations; a bot named anywhere else (a remark,
   * a ticket, a roster row …) is an error: a bot serves buyers, it has no other record.
   */
  private setBotsApart(): void {
    if (this.bots === undefined) return;
    const agents = this.agents;
    for (const kind of RECORD_KINDS) {
      const table = this.tables[kind] as Table | undefined;
      if (table === undefined || kind === "agents") continue;
      const fields = KINDS[kind].fields as Readonly<Record<string, FieldSpec>>;
      const columns = table.columns as unknown as Record<string, Int32Array | null>;
      for (const [field, spec] of Object.entries(fields)) {
        // A consultation is a bot's, or transferred from or to one (店小蜜 hands buyers over).
        if (spec.type !== "agent" || kind === "consultations") continue;
        const column = columns[field];
        if (column === null || column === undefined) continue;
        for (let i = 0; i < table.count; i++) {
          const a = column[i]!;
          if (a >= 0 && agents.isBot(a)) {
            this.issues.add(recordIssue(table, i, field, IssueCode.invalidValue, `${JSON.stringify(agents.ids[a])} is a bot (group bot in the agents list); a bot serves buyers in consultations and has no ${kind} records`));
          }
        }
      }
    }
    const consultations = this.tables.consultations;
    if (consultations === undefined) return;
    // The bots are the agents numbered from the roster's size on.
    const agentOf = consultations.columns.agentId;
    const n = consultations.count;
    const firstBot = agents.rosterSize;
    let botCount = 0;
    for (let i = 0; i < n; i++) if (agentOf[i]! >= firstBot) botCount++;
    const people = new Int32Array(n - botCount);
    const bots = new Int32Array(botCount);
    for (let i = 0, p = 0, b = 0; i < n; i++) {
      if (agentOf[i]! >= firstBot) bots[b++] = i;
      else people[p++] = i;
    }
    (this.tables as Record<string, Table>).consultations = pickRows(consultations, people);
    this.bots = { ...this.bots, consultations: pickRows(consultations, bots) };
  }

  /** The month decoded so far, problems or not (to check what joins it to other inputs before {@link finish} reports everything). */
  month(): DecodedMonth {
    return {
      kind: BRAND,
      policy: this.policy,
      zone: this.zone,
      cutover: this.cutover,
      agents: this.agents,
      buyers: this.buyers,
      tables: this.tables,
      warnings: this.warnings,
      ...(this.chat === undefined ? {} : { chat: this.chat }),
      ...(this.shipmentOrders === null ? {} : { shipmentOrders: this.shipmentOrders }),
      ...(this.bots === undefined ? {} : { bots: this.bots }),
    };
  }
}

/**
 * Throws the issues (if any) kind by kind in the kinds' order (what an entry point takes besides
 * records after the orders, anything else last), then record by record; the issues of one record
 * keep their order.
 */
export function throwInMonthOrder(issues: IssueList): void {
  if (issues.size === 0) return;
  const order: string[] = [...RECORD_KINDS];
  order.splice(order.indexOf("orders") + 1, 0, "credits");
  const rank = (i: Issue): number => {
    const k = order.indexOf(String(i.path[0]));
    return k < 0 ? order.length : k;
  };
  const at = (i: Issue): number => (typeof i.path[1] === "number" ? i.path[1] : -1);
  issues.items.sort((a, b) => rank(a) - rank(b) || at(a) - at(b));
  issues.throwIfAny();
}

/**
 * Decodes a month of records once, for every rule family to compute from.
 *
 * @param input - the records, an array per kind (a kind left out means "no such data")
 * @param policy - a policy or any part of one
 * @returns the decoded month
 * @throws {KefuKpiError} naming every invalid record and field (and every unknown kind)
 * @example
 * const month = decodeMonth({ orders, consultations }, { timeZone: "Asia/Shanghai" })
 * attributeSales(month, undefined, { period: "2020-02" }) // decodes nothing again
 */
export function decodeMonth(input: MonthRecords, policy?: PolicyInput | Policy): DecodedMonth {
  const kinds = checkMonthInput(input);
  const decoder = new MonthDecoder(policy, expectedBuyers(input, kinds, []));
  for (const kind of kinds) decoder.addRecords(kind, input[kind]!);
  return decoder.finish();
}

/**
 * How many buyers to size the buyer list for: at most one per order, about one per four
 * consultations (only the orders' when the consultations look theirs up). Sized for the most, so
 * that the buyer table is allocated once: a table that grows allocates twice, and each large
 * allocation beside a large input can set off a full collection.
 */
function expectedBuyers(input: MonthRecords, kinds: readonly RecordKind[], lookup: readonly RecordKind[]): number {
  let expected = 0;
  for (const kind of kinds) {
    if (kind === "orders") expected += input[kind]?.length ?? 0;
    else if (kind === "consultations" && !lookup.includes(kind)) expected += (input[kind]?.length ?? 0) >> 2;
  }
  return expected;
}

/**
 * The kinds an input gives, in decoding order; anything that is not a month of records (not an
 * object, a kind that is not an array, a key that is no kind) is an error.
 */
export function checkMonthInput(input: unknown, allowed: readonly string[] = []): RecordKind[] {
  const issues: Issue[] = [];
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new KefuKpiError([{ code: IssueCode.invalidType, path: ["input"], message: `expected an object of record arrays like { agents: [...] }, got ${describeValue(input)}` }]);
  }
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if ((RECORD_KINDS as readonly string[]).includes(key) || allowed.includes(key)) continue;
    issues.push({ code: IssueCode.invalidValue, path: [key], message: `is no kind of record${suggestion(key, RECORD_KINDS)}; expected ${RECORD_KINDS.join(", ")}` });
  }
  const kinds: RecordKind[] = [];
  for (const kind of RECORD_KINDS) {
    const v = record[kind];
    if (v === undefined) continue;
    if (!Array.isArray(v)) {
      issues.push({ code: IssueCode.invalidType, path: [kind], message: `expected an array of ${kind} records, got ${describeValue(v)}` });
      continue;
    }
    kinds.push(kind);
  }
  if (issues.length > 0) throw new KefuKpiError(issues);
  return kinds;
}

/**
 * For each shipment, the index of its order among the orders (-1: not among them). The ids are
 * interned in place (no string per record): one pass over each column.
 */
export function joinShipments(orders: Table<"orders">, shipments: Table<"shipments">): Int32Array {
  const ids = new DenseIds(orders.count + (shipments.count >> 4) + 16);
  // Order ids are unique (the kind's key) and present: order i is numbered i.
  const orderOf = orders.columns.orderId.numbered(ids);
  const indexOf = new Int32Array(ids.size).fill(-1);
  orderOf.forEach((n, i) => n >= 0 && (indexOf[n] = i));
  const known = ids.size;
  const out = new Int32Array(shipments.count);
  for (let k = 0; k < shipments.count; k++) {
    const n = shipments.columns.orderId.internAt(k, ids);
    out[k] = n >= 0 && n < known ? indexOf[n]! : -1;
  }
  return out;
}

/**
 * The shipments name their orders: a shipment of an order the month's orders lack (one of an
 * earlier month's) is checked by no rule, and said; one before its order was placed is an error.
 * Returns {@link joinShipments}'s join (null without both kinds).
 */
function linkShipments(tables: MonthTables, issues: IssueList, warnings: string[], zone: Zone): Int32Array | null {
  const { orders, shipments } = tables;
  if (orders === undefined || shipments === undefined) return null;
  const orderOf = joinShipments(orders, shipments);
  // How many name no order, and the first three of them (a million of them make no list).
  let missing = 0;
  const some: string[] = [];
  for (let k = 0; k < shipments.count; k++) {
    const i = orderOf[k]!;
    if (i < 0) {
      if (missing++ < 3) some.push(JSON.stringify(shipments.columns.orderId.at(k)));
      continue;
    }
    const shipped = shipments.columns.shippedAt[k]!;
    const created = orders.columns.createdAt[i]!;
    if (shipped < created) {
      const source = sourceOf(shipments, k, "shippedAt");
      issues.add({
        code: IssueCode.invalidValue,
        path: ["shipments", k, "shippedAt"],
        message: `${wallText(shipped, zone)} is before the order was placed (its createdAt ${wallText(created, zone)})`,
        recordId: `orderId ${JSON.stringify(shipments.columns.orderId.at(k))}`,
        ...(source === undefined ? {} : { source }),
      });
    }
  }
  if (missing > 0) {
    warnings.push(`shipments: ${missing} shipment${missing === 1 ? " is of an order" : "s are of orders"} not among the orders (${some.join(", ")}${missing > 3 ? " …" : ""}), so no shipping rule checks ${missing === 1 ? "it" : "them"}`);
  }
  return orderOf;
}

/**
 * Orders and consultations are linked by buyer within a shop when they name shops. A `shopId` on
 * one side only, or shop ids that differ in case only, would link nothing: an error. A shop with
 * orders and no consultations is a warning (its paid orders are all fully silent).
 */
function linkShops(tables: MonthTables, buyers: BuyerList, issues: IssueList, warnings: string[]): void {
  const orders = tables.orders;
  const consultations = tables.consultations;
  if (orders === undefined || consultations === undefined || orders.count === 0 || consultations.count === 0) return;
  const shopsOf = (ids: TextColumn | null, n: number): Map<string, number> => {
    const shops = new Map<string, number>();
    if (ids === null) return shops;
    for (let i = 0; i < n; i++) {
      const id = ids.at(i);
      shops.set(id, (shops.get(id) ?? 0) + 1);
    }
    return shops;
  };
  const orderShops = shopsOf(orders.columns.shopId, orders.count);
  const chatShops = shopsOf(consultations.columns.shopId, consultations.count);
  if (orderShops.size === 0 && chatShops.size === 0) return;
  const withShop = (m: Map<string, number>): number => [...m].reduce((n, [shop, k]) => (shop === "" ? n : n + k), 0);
  const ordersWith = withShop(orderShops);
  const chatsWith = withShop(chatShops);
  if ((ordersWith === 0) !== (chatsWith === 0)) {
    const [has, lacks] = ordersWith > 0 ? ["orders", "consultations"] : ["consultations", "orders"];
    issues.add({
      code: IssueCode.invalidValue,
      path: [lacks, "shopId"],
      message: `${has} name a shop (shopId) but ${lacks} do not, so no order could be linked to a consultation (every paid order would count as fully silent); give shopId in both or in neither`,
    });
    return;
  }
  for (const [kind, mine, theirs] of [["orders", orderShops, chatShops], ["consultations", chatShops, orderShops]] as const) {
    const byCase = new Map([...theirs.keys()].map((s) => [s.toLowerCase(), s]));
    for (const shop of mine.keys()) {
      if (theirs.has(shop)) continue;
      const other = byCase.get(shop.toLowerCase());
      if (other !== undefined) {
        issues.add({
          code: IssueCode.invalidValue,
          path: [kind, "shopId"],
          message: `shop ${JSON.stringify(shop)} differs only in case from ${JSON.stringify(other)} of the ${kind === "orders" ? "consultations" : "orders"}; shop ids must match exactly to link orders to consultations`,
        });
      } else if (kind === "orders") {
        warnings.push(`orders: shop ${shop === "" ? "(none)" : JSON.stringify(shop)} has ${mine.get(shop)} orders and no consultations: its paid orders count as fully silent (全静默)`);
      }
    }
  }
  void buyers;
}

/**
 * The decoded month an entry point computes from: the one it was given (whose policy must be the
 * policy asked for, if one is), or the given records of `kinds` decoded now.
 *
 * @param extra - keys the entry point takes besides record kinds (they are not decoded here)
 * @param required - kinds that must be given
 */
export function monthFor(
  input: unknown,
  policy: PolicyInput | Policy | undefined,
  kinds: readonly RecordKind[],
  options: {
    readonly extra?: readonly string[];
    readonly required?: readonly RecordKind[];
    /** Checks what the entry point takes besides records against the month (its problems are reported with the records'). */
    readonly check?: (month: DecodedMonth, issues: IssueList) => void;
    /**
     * Per kind, the fields the entry point reads: only they are kept in columns (every field of
     * every record is checked all the same). The month made is the entry point's own, never handed out.
     */
    readonly keep?: Partial<Record<RecordKind, readonly string[]>>;
    /** Kinds whose buyers are looked up among the orders' (decoded first), not added (see `TableOptions.buyers`). */
    readonly lookupBuyers?: readonly RecordKind[];
  } = {},
): DecodedMonth {
  if (isDecodedMonth(input)) return underPolicy(input, policy);
  const given = checkMonthInput(input, options.extra ?? []);
  const record = input as MonthRecords;
  // The chat log stands for the consultations it makes: an entry point that reads consultations reads the messages too.
  if (kinds.includes("consultations") && record.messages !== undefined) kinds = [...kinds, "messages"];
  const missing = (options.required ?? []).filter((k) => record[k] === undefined && !(k === "consultations" && record.messages !== undefined));
  if (missing.length > 0) {
    throw new KefuKpiError(missing.map((k) => ({ code: IssueCode.missingField, path: [k], message: `is missing; expected an array of ${k} records` })));
  }
  // With a chat log the consultations are checked against it by buyer: every buyer is numbered.
  const lookup = record.messages !== undefined ? [] : (options.lookupBuyers ?? []);
  const decoder = new MonthDecoder(policy, expectedBuyers(record, given, lookup));
  // The kinds that look their buyers up come after the others (the orders), the agents first.
  const order = [...given.filter((k) => !lookup.includes(k)), ...given.filter((k) => lookup.includes(k))];
  for (const kind of order) {
    let keep = options.keep?.[kind];
    if (kind === "agents" && keep !== undefined && kinds.includes("messages")) keep = [...keep, "accounts"];
    // Consultations given beside a chat log are checked against it, every figure: all are kept.
    if (kind === "consultations" && kinds.includes("messages")) keep = undefined;
    if (kinds.includes(kind)) decoder.addRecords(kind, record[kind]!, { ...(keep === undefined ? {} : { keep }), ...(lookup.includes(kind) ? { buyers: "lookup" as const } : {}) });
  }
  options.check?.(decoder.month(), decoder.issues);
  return decoder.finish();
}

/**
 * A decoded month computed under `policy`: the month itself when no policy is given, else the
 * month with that policy — which must read wall times as the month was read (the same time zone
 * and ambiguous-time rule); every other setting (attribution, pay, KPIs, the business-day
 * cut-over) may differ, so one decoded month serves several policies (`compare`).
 *
 * @throws {KefuKpiError} at `policy` when the policy's zone differs from the month's
 */
export function underPolicy(month: DecodedMonth, policy: PolicyInput | Policy | undefined): DecodedMonth {
  if (policy === undefined || policy === month.policy) return month;
  const resolved = resolvePolicy(policy);
  if (resolved.timeZone !== month.policy.timeZone || resolved.ambiguousTimes !== month.policy.ambiguousTimes) {
    throw new KefuKpiError([
      {
        code: IssueCode.invalidPolicy,
        path: ["policy", resolved.timeZone !== month.policy.timeZone ? "timeZone" : "ambiguousTimes"],
        message: `the month was decoded with timeZone ${month.policy.timeZone} (ambiguousTimes ${month.policy.ambiguousTimes}); its wall times read otherwise under this policy: decode the month under it (decodeMonth(records, policy))`,
      },
    ]);
  }
  if (month.tables.messages !== undefined) {
    // The consultations were made from the chat log under the month's chat settings.
    const [was, now] = [month.policy.chat, resolved.chat];
    const changed = (["sessionGapMinutes", "botAccounts", "botMarkers"] as const).find((key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]));
    if (changed !== undefined) {
      throw new KefuKpiError([
        {
          code: IssueCode.invalidPolicy,
          path: ["policy", "chat", changed],
          message: `the month's chat log was read with chat.${changed} ${JSON.stringify(was[changed])}; its consultations differ under this policy: decode the month under it (decodeMonth(records, policy))`,
        },
      ]);
    }
  }
  return { ...month, policy: resolved, cutover: parseTimeOfDay(resolved.businessDayStartsAt) };
}

/**
 * The agents table without the bots (group bot), the bots' rows, and the bots' chat sub-accounts:
 * the chat log treats them as the policy's chat.botAccounts (their lines are left out of the
 * consultations it makes). A sub-account both a bot's and a person's is an issue.
 */
function splitBots(agents: Table<"agents">, issues: IssueList): { people: Table<"agents">; bots: number[]; botAccounts: string[] } {
  const group = agents.columns.group;
  const people: number[] = [];
  const bots: number[] = [];
  for (let r = 0; r < agents.count; r++) (group[r] === BOT_GROUP ? bots : people).push(r);
  if (bots.length === 0) return { people: agents, bots, botAccounts: [] };
  const column = agents.columns.accounts;
  const accountsOf = (r: number): string[] => (column === null ? [] : column.at(r).split(ACCOUNT_SEPARATORS).map((a) => a.trim()).filter((a) => a !== ""));
  const botAccounts = bots.flatMap(accountsOf);
  if (botAccounts.length > 0) {
    const ofBots = new Set(botAccounts);
    for (const r of people) {
      const shared = accountsOf(r).find((a) => ofBots.has(a));
      if (shared !== undefined) {
        issues.add(recordIssue(agents, r, "accounts", IssueCode.invalidValue, `sub-account ${JSON.stringify(shared)} is also a bot's (group bot); a sub-account belongs to one agent`));
      }
    }
  }
  return { people: pickRows(agents, Int32Array.from(people)), bots, botAccounts };
}

const BOT_GROUP = KINDS.agents.fields.group.values.indexOf("bot");
