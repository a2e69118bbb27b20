/**
 * Shops (店铺): a team that serves several shops gives each record of a shop's business its
 * `shopId` — the orders, consultations, chat messages, shipments, tickets, after-sales, reviews,
 * complaints, inspections, calls, returned parcels, shop reviews and traffic. The people kinds
 * (agents, violations, rewards, assessments, probation, scores, roster, attendance) are the team's
 * and name no shop. Here: what must agree between the kinds' shops (checked when a month is
 * decoded), the month's shops, and one shop's month, cut from the team's.
 */
import { IssueCode, IssueList, KefuKpiError } from "../errors.js";
import { KINDS, RECORD_KINDS, type RecordKind } from "./kinds.js";
import type { DecodedMonth, MonthTables } from "./month.js";
import { recordIssue } from "./rows.js";
import { pickRows, type Table } from "./table.js";
import type { TextColumn } from "./textColumn.js";

/** The kinds whose records belong to a shop (they have a `shopId` field), in the month's order. */
export const SHOP_KINDS: readonly RecordKind[] = RECORD_KINDS.filter((k) => "shopId" in KINDS[k].fields);

/** The kinds whose records name an order (`orderId`): their shop must be the order's. */
const ORDER_KINDS = ["shipments", "orderAnomalies", "afterSales", "returnedParcels", "shopReviews"] as const;

const shopColumn = (table: Table): TextColumn | null => (table.columns as unknown as { shopId?: TextColumn | null }).shopId ?? null;

/**
 * Checks what joins the kinds' shops: a record that names an order names the order's shop (when
 * both name one), and no kind names a shop whose id differs only in case from an order's or a
 * consultation's shop (an error: it would be a shop of its own). A shop that no order or
 * consultation names is a warning.
 */
export function checkShops(tables: MonthTables, issues: IssueList, warnings: string[]): void {
  const orders = tables.orders;
  const orderShops = orders === undefined ? null : shopColumn(orders as Table);
  if (orders !== undefined && orderShops !== null) {
    let byId: Map<string, number> | null = null;
    for (const kind of ORDER_KINDS) {
      const table = tables[kind] as Table | undefined;
      if (table === undefined) continue;
      const shops = shopColumn(table);
      const ids = (table.columns as unknown as { orderId: TextColumn | null }).orderId;
      if (shops === null || ids === null) continue;
      if (byId === null) {
        byId = new Map();
        for (let i = 0; i < orders.count; i++) byId.set(orders.columns.orderId.at(i), i);
      }
      for (let i = 0; i < table.count; i++) {
        const order = byId.get(ids.at(i));
        if (order === undefined) continue;
        const mine = shops.at(i);
        const theirs = orderShops.at(order);
        if (mine === theirs) continue;
        issues.add(
          recordIssue(
            table,
            i,
            "shopId",
            IssueCode.invalidValue,
            `${mine === "" ? "names no shop" : `is shop ${JSON.stringify(mine)}`}, but its order ${JSON.stringify(ids.at(i))} is ${theirs === "" ? "of no shop" : `of shop ${JSON.stringify(theirs)}`}; a record of an order names the order's shop`,
          ),
        );
      }
    }
  }
  // The shops the orders and consultations name; another kind's shop must be one of them.
  const known = new Map<string, string>();
  for (const kind of ["orders", "consultations", "messages"] as const) {
    const table = tables[kind] as Table | undefined;
    const shops = table === undefined ? null : shopColumn(table);
    if (shops === null) continue;
    for (const id of distinct(shops, table!.count)) if (id !== "") known.set(id.toLowerCase(), id);
  }
  if (known.size === 0) return;
  for (const kind of SHOP_KINDS) {
    if (kind === "orders" || kind === "consultations" || kind === "messages") continue;
    const table = tables[kind] as Table | undefined;
    const shops = table === undefined ? null : shopColumn(table);
    if (shops === null) continue;
    for (const id of distinct(shops, table!.count)) {
      if (id === "") continue;
      const other = known.get(id.toLowerCase());
      if (other === id) continue;
      if (other !== undefined) {
        issues.add({
          code: IssueCode.invalidValue,
          path: [kind, "shopId"],
          message: `shop ${JSON.stringify(id)} differs only in case from the orders' or consultations' shop ${JSON.stringify(other)}; shop ids must match exactly`,
        });
      } else {
        warnings.push(`${kind}: shop ${JSON.stringify(id)} is named by no order or consultation (their shops: ${[...new Set(known.values())].sort().join(", ")})`);
      }
    }
  }
}

/** The month with only `kinds` (and the links between them). */
function onlyKinds(month: DecodedMonth, kinds: readonly RecordKind[]): DecodedMonth {
  const { chat, shipmentOrders, ...rest } = month;
  const tables = Object.fromEntries(Object.entries(month.tables).filter(([kind]) => kinds.includes(kind as RecordKind))) as MonthTables;
  return {
    ...rest,
    tables,
    ...(chat !== undefined && tables.messages !== undefined ? { chat } : {}),
    ...(shipmentOrders !== undefined && tables.shipments !== undefined && tables.orders !== undefined ? { shipmentOrders } : {}),
  };
}

function distinct(column: TextColumn, n: number): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) seen.add(column.at(i));
  return [...seen];
}

/**
 * The shops the month's records name (every kind's `shopId`), sorted; empty when none names one.
 * With `blankIsShop`, records that name no shop make a shop `""` of their own (listed first).
 */
export function monthShops(month: DecodedMonth, blankIsShop = false): string[] {
  const all = new Set<string>();
  let blank = false;
  const tables: (Table | undefined)[] = [...SHOP_KINDS.map((k) => month.tables[k] as Table | undefined), month.bots?.consultations];
  for (const table of tables) {
    if (table === undefined || table.count === 0) continue;
    const shops = shopColumn(table);
    const ids = shops === null ? [""] : distinct(shops, table.count);
    for (const id of ids) {
      if (id === "") blank = true;
      else all.add(id);
    }
  }
  const named = [...all].sort();
  return blankIsShop && blank && named.length > 0 ? ["", ...named] : named;
}

export interface CutOptions {
  /** Only these kinds are cut (and checked); the month's other kinds are left out of the cut month (default: all). */
  readonly kinds?: readonly RecordKind[];
}

/**
 * One shop's month: every kind of the shop's business cut to the records of `shop`; the people
 * kinds (the team's) whole; the agent and buyer lists unchanged. Issues raised on the cut month
 * still name each record by its place in the input.
 *
 * @throws {KefuKpiError} when no record names `shop`, or when a kind of the shop's business has
 *   records that name no shop (they could not be told apart: they would be lost or counted twice)
 */
export function cutToShop(whole: DecodedMonth, shop: string, options: CutOptions = {}): DecodedMonth {
  const month = options.kinds === undefined ? whole : onlyKinds(whole, options.kinds);
  const shops = monthShops(month);
  if (!shops.includes(shop)) {
    throw new KefuKpiError([
      {
        code: IssueCode.invalidValue,
        path: ["options", "shop"],
        message: shops.length === 0 ? `names shop ${JSON.stringify(shop)}, but no record names a shop (shopId)` : `names shop ${JSON.stringify(shop)}, which no record names; the month's shops are ${shops.map((s) => JSON.stringify(s)).join(", ")}`,
      },
    ]);
  }
  const issues = new IssueList();
  const kept = new Map<Table, Int32Array>();
  const cut = (table: Table | undefined): void => {
    if (table === undefined || table.count === 0) return;
    const shops = shopColumn(table);
    if (shops === null) {
      issues.add({
        code: IssueCode.missingField,
        path: [table.kind, "shopId"],
        message: `is given by no ${KINDS[table.kind].noun.replace(/^an? /, "")} record, but the month names shops: one shop's figures need the shop of every record of the shop's business (give shopId, or leave the kind out)`,
      });
      return;
    }
    const rows: number[] = [];
    for (let i = 0; i < table.count; i++) {
      const id = shops.at(i);
      if (id === shop) rows.push(i);
      else if (id === "") issues.add(recordIssue(table, i, "shopId", IssueCode.missingField, "is empty, but the month names shops: one shop's figures need every record's shop"));
    }
    kept.set(table, Int32Array.from(rows));
  };
  for (const kind of SHOP_KINDS) cut(month.tables[kind] as Table | undefined);
  cut(month.bots?.consultations);
  issues.throwIfAny();

  const tables: Record<string, Table> = { ...(month.tables as Record<string, Table>) };
  // Each cut table's new row of an old row (-1: another shop's), for what refers to rows.
  const renumber = (table: Table | undefined): Int32Array | null => {
    const rows = table === undefined ? undefined : kept.get(table);
    if (rows === undefined) return null;
    const to = new Int32Array(table!.count).fill(-1);
    for (let r = 0; r < rows.length; r++) to[rows[r]!] = r;
    return to;
  };
  const orderRow = renumber(month.tables.orders as Table | undefined);
  const consultationRow = renumber(month.tables.consultations as Table | undefined);
  for (const kind of SHOP_KINDS) {
    const table = month.tables[kind] as Table | undefined;
    const rows = table === undefined ? undefined : kept.get(table);
    if (rows !== undefined) tables[kind] = pickRows(table!, rows);
  }
  let chat = month.chat;
  const messages = month.tables.messages;
  const messageRows = messages === undefined ? undefined : kept.get(messages as Table);
  if (chat !== undefined && messageRows !== undefined) {
    const pick8 = (a: Int8Array): Int8Array => Int8Array.from(messageRows, (r) => a[r]!);
    const pick32 = (a: Int32Array): Int32Array => Int32Array.from(messageRows, (r) => a[r]!);
    const consultation = pick32(chat.consultation);
    if (consultationRow !== null) for (let i = 0; i < consultation.length; i++) if (consultation[i]! >= 0) consultation[i] = consultationRow[consultation[i]!]!;
    chat = { role: pick8(chat.role), agent: pick32(chat.agent), buyer: pick32(chat.buyer), consultation, responseSeconds: pick32(chat.responseSeconds) };
  }
  let shipmentOrders = month.shipmentOrders;
  const shipments = month.tables.shipments;
  const shipmentRows = shipments === undefined ? undefined : kept.get(shipments as Table);
  if (shipmentOrders !== undefined && shipmentRows !== undefined && orderRow !== null) {
    const from = shipmentOrders;
    shipmentOrders = Int32Array.from(shipmentRows, (r) => (from[r]! < 0 ? -1 : orderRow[from[r]!]!));
  }
  const botConsultations = month.bots?.consultations;
  const botRows = botConsultations === undefined ? undefined : kept.get(botConsultations as Table);
  const bots = month.bots === undefined ? undefined : botRows === undefined ? month.bots : { ...month.bots, consultations: pickRows(botConsultations!, botRows) };
  return {
    ...month,
    tables: tables as MonthTables,
    ...(chat === undefined ? {} : { chat }),
    ...(shipmentOrders === undefined ? {} : { shipmentOrders }),
    ...(bots === undefined ? {} : { bots }),
  };
}
