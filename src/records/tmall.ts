import { IssueCode, KefuKpiError } from "../errors.js";
import { describeValue } from "../input.js";
import { KINDS } from "./kinds.js";

/** One order of a Tmall/Taobao seller back-office export, mapped to the library's field names. */
export interface TmallOrderRow {
  /** 订单编号 */
  orderId: string;
  /** 买家会员名; null when the export has no such column or the cell is empty. */
  buyerId: string | null;
  /** 订单创建时间, trimmed but not parsed (e.g. `2020/2/21 0:00`). */
  createdAt: string;
  /** 订单付款时间, trimmed; null when empty (unpaid). */
  paidAt: string | null;
  /** 总金额: gross paid before refunds, as a decimal string without ¥. */
  amount: string;
  /** 退款金额 as a decimal string; "0" when the cell is empty. */
  refundAmount: string;
  /** 订单备注; null when absent or empty. */
  remark: string | null;
  /** 订单状态; null when absent or empty. */
  status: string | null;
  /** 发货时间, trimmed but not parsed; null when the export has no such column or the cell is empty (not shipped). */
  shippedAt: string | null;
  /** 物流单号; null when absent or empty. */
  trackingNo: string | null;
  /** 物流公司; null when absent or empty. */
  carrier: string | null;
  /** The remark's flag (旗帜: 红旗, 黄, …) as written, trimmed; null when absent or empty. */
  flag: string | null;
  /** 1-based line in the file (header = 1). */
  row: number;
}

/** A rejected row or header problem. `field` is a column name, or "" when the whole row is at fault. */
export interface TmallImportError {
  row: number;
  field: string;
  /** The problem with its location (`orders.csv row 3, 总金额: …`). */
  message: string;
  /** The problem alone, for callers that locate it themselves (a sheet cell). */
  detail: string;
}

/** Result of {@link mapTmallOrders}. */
export interface TmallImport {
  orders: TmallOrderRow[];
  /** Whether the export has a 发货时间 column (its orders' shipments). */
  shipping: boolean;
  warnings: string[];
  errors: TmallImportError[];
}

/** Options for {@link mapTmallOrders}. */
export interface TmallMapOptions {
  /**
   * Line number of each record (`lines[i]` for `rows[i]`), as returned by `parseCsvWithLines`;
   * without it, `rows[i]` is reported as row `i + 1`.
   */
  lines?: readonly number[];
}

const ORDER_ID = "订单编号";
const BUYER_ID = "买家会员名";
const TOTAL = "总金额";
const PAID = "买家实际支付金额";
const REFUND = "退款金额";
const CREATED_AT = "订单创建时间";
const PAID_AT = "订单付款时间";
const REMARK = "订单备注";
const STATUS = "订单状态";
const SHIPPED_AT = "发货时间";
const TRACKING_NO = "物流单号";
const CARRIER = "物流公司";
const FLAG = "旗帜";
/** The other names of the flag column (the orders kind's). */
const FLAG_ALSO = (KINDS.orders.fields.flag.aliases as readonly string[]).filter((name) => name !== FLAG);

const RECOGNISED = [ORDER_ID, TOTAL, PAID, CREATED_AT] as const;
const REQUIRED = [ORDER_ID, TOTAL, PAID, REFUND, CREATED_AT, PAID_AT] as const;
const OPTIONAL = [BUYER_ID, REMARK, STATUS, SHIPPED_AT, TRACKING_NO, CARRIER, FLAG, ...FLAG_ALSO];

/**
 * Tells whether a header row is a Tmall/Taobao order export (has 订单编号, 总金额, 买家实际支付金额, 订单创建时间).
 *
 * Cells are trimmed of spaces, full-width spaces (U+3000), tabs and a BOM before comparing.
 *
 * @example
 * isTmallOrderHeader(["订单编号", "总金额 ", "买家实际支付金额", "收货地址", "订单创建时间"]); // true
 */
export function isTmallOrderHeader(header: readonly string[]): boolean {
  if (!Array.isArray(header)) return false;
  const names = new Set(header.map((cell: unknown) => (typeof cell === "string" ? cell.trim() : "")));
  return RECOGNISED.every((name) => names.has(name));
}

/**
 * Maps a parsed Tmall order export (rows[0] = header) to orders, checking 总金额 = 买家实际支付金额 + 退款金额.
 *
 * In this export 买家实际支付金额 is already net of refunds (R9, README), so the output `amount` is
 * 总金额 (gross) and `refundAmount` is 退款金额; net = amount − refundAmount. A paid order must satisfy
 * the identity exactly (in fen); an unpaid one (empty 订单付款时间) must show 0 paid and 0 refunded.
 * A row with any error is left out of `orders`. Missing required columns give one error each and no
 * orders; a missing 买家会员名 column gives one warning (the orders will count as fully silent).
 *
 * @example
 * mapTmallOrders(
 *   [
 *     ["订单编号", "买家会员名", "总金额", "买家实际支付金额", "退款金额", "订单创建时间", "订单付款时间"],
 *     ["1001", "tb_amy", "¥128.00", "100.00", "28", "2020/2/21 0:00", "2020/2/21 0:05"],
 *   ],
 *   "orders.csv",
 * ).orders[0]; // { orderId: "1001", buyerId: "tb_amy", amount: "128.00", refundAmount: "28", row: 2, … }
 */
export function mapTmallOrders(
  rows: readonly (readonly string[])[],
  file: string,
  options: TmallMapOptions = {},
): TmallImport {
  checkRows(rows, file);
  const orders: TmallOrderRow[] = [];
  const warnings: string[] = [];
  const errors: TmallImportError[] = [];
  const header = (rows[0] ?? []).map((cell) => cell.trim());

  const columns = new Map<string, number>();
  for (const name of [...REQUIRED, ...OPTIONAL]) {
    const first = header.indexOf(name);
    if (first === -1) continue;
    const again = header.indexOf(name, first + 1);
    if (again !== -1) {
      errors.push({
        row: 1,
        field: name,
        ...located(file, `column ${name} appears more than once (columns ${first + 1} and ${again + 1})`),
      });
    }
    columns.set(name, first);
  }
  for (const name of REQUIRED) {
    if (!columns.has(name)) {
      errors.push({ row: 1, field: name, ...located(file, `missing column ${name}`) });
    }
  }
  const flagColumns = [FLAG, ...FLAG_ALSO].filter((name) => columns.has(name));
  if (flagColumns.length > 1) {
    errors.push({ row: 1, field: flagColumns[1]!, ...located(file, `columns ${flagColumns.join(" and ")} both give the order's flag; keep one`) });
  }
  if (errors.length > 0) return { orders, warnings, errors, shipping: false };

  const cellOf = (row: readonly string[], name: string): string | null => {
    const index = columns.get(name);
    return index === undefined ? null : (row[index] ?? "").trim();
  };
  const seen = new Map<string, number>();

  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    if (row === undefined || row.every((cell) => cell.trim() === "")) continue;
    const rowNo = options.lines?.[i] ?? i + 1;
    const at = `${file} row ${rowNo}`;

    if (row.length < header.length) {
      errors.push({
        row: rowNo,
        field: "",
        ...located(at, `${row.length} cells but the header has ${header.length} columns`),
      });
      continue;
    }
    if (row.slice(header.length).some((cell) => cell.trim() !== "")) {
      errors.push({
        row: rowNo,
        field: "",
        ...located(at, `${row.length} cells but the header has ${header.length} columns (an unquoted comma in a value?)`),
      });
      continue;
    }

    const rowErrors: TmallImportError[] = [];
    // A problem of one cell is located at the row and column; a whole-row one (field named for the
    // reader's sake, e.g. the amount identity) at the row.
    const fail = (field: string, detail: string, wholeRow = false): void => {
      rowErrors.push({ row: rowNo, field, ...located(wholeRow ? at : `${at}, ${field}`, detail) });
    };

    const orderId = cellOf(row, ORDER_ID) ?? "";
    if (orderId === "") fail(ORDER_ID, "empty");
    const createdAt = cellOf(row, CREATED_AT) ?? "";
    if (createdAt === "") fail(CREATED_AT, "empty");
    const paidAtCell = cellOf(row, PAID_AT) ?? "";
    const paidAt = paidAtCell === "" ? null : paidAtCell;

    const money = (name: string, emptyIsZero: boolean): { text: string; fen: bigint } | null => {
      let text = stripCurrency(cellOf(row, name) ?? "");
      if (text === "" && emptyIsZero) text = "0";
      const fen = toFen(text);
      if (fen === null) {
        fail(name, `${JSON.stringify(text)} is not an amount (expected a decimal like 123.45)`);
        return null;
      }
      return { text, fen };
    };
    const total = money(TOTAL, false);
    const paid = money(PAID, false);
    const refund = money(REFUND, true);

    if (total !== null && paid !== null && refund !== null) {
      if (paidAt !== null) {
        if (total.fen !== paid.fen + refund.fen) {
          fail(
            TOTAL,
            `${TOTAL} ${formatFen(total.fen)} ≠ ${PAID} ${formatFen(paid.fen)} + ${REFUND} ${formatFen(refund.fen)}`,
            true,
          );
        }
      } else {
        for (const [name, value] of [
          [PAID, paid],
          [REFUND, refund],
        ] as const) {
          if (value.fen !== 0n) {
            fail(
              name,
              `unpaid order (empty ${PAID_AT}) has ${name} ${formatFen(value.fen)}, expected 0`,
              true,
            );
          }
        }
      }
    }

    if (orderId !== "") {
      const previous = seen.get(orderId);
      if (previous !== undefined) {
        fail(ORDER_ID, `${orderId} already appears in row ${previous}`);
      } else {
        seen.set(orderId, rowNo);
      }
    }

    if (rowErrors.length > 0 || total === null || refund === null) {
      errors.push(...rowErrors);
      continue;
    }
    orders.push({
      orderId,
      buyerId: emptyToNull(cellOf(row, BUYER_ID)),
      createdAt,
      paidAt,
      amount: total.text,
      refundAmount: refund.text,
      remark: emptyToNull(cellOf(row, REMARK)),
      status: emptyToNull(cellOf(row, STATUS)),
      shippedAt: emptyToNull(cellOf(row, SHIPPED_AT)),
      trackingNo: emptyToNull(cellOf(row, TRACKING_NO)),
      carrier: emptyToNull(cellOf(row, CARRIER)),
      flag: flagColumns.length === 0 ? null : emptyToNull(cellOf(row, flagColumns[0]!)),
      row: rowNo,
    });
  }

  if (!columns.has(BUYER_ID)) {
    warnings.push(
      `${file}: no ${BUYER_ID} (buyer id) column, so orders cannot be linked to chats; all ${orders.length} orders count as fully silent`,
    );
  }
  return { orders, warnings, errors, shipping: columns.has(SHIPPED_AT) };
}

/** The records a mapped export gives the month: its orders, and with 发货时间 its shipments. */
export interface TmallRecords {
  readonly orders: Record<string, unknown>[];
  /** The export's row of each order. */
  readonly orderRows: number[];
  /** One per order with a 发货时间 (null when the export has no such column). */
  readonly shipments: Record<string, unknown>[] | null;
  readonly shipmentRows: number[];
  /** How many orders carry a remark (订单备注). */
  readonly remarks: number;
}

/**
 * The orders of a mapped export as records (the 工号 in a remark found among `roster`, the
 * rostered agents' ids, when given) and its shipments: the orders with a 发货时间, with their
 * 物流单号 and 物流公司; an order with none is not shipped.
 */
export function tmallRecords(mapped: TmallImport, roster: readonly string[] | null): TmallRecords {
  const orders: Record<string, unknown>[] = [];
  const orderRows: number[] = [];
  const shipments: Record<string, unknown>[] | null = mapped.shipping ? [] : null;
  const shipmentRows: number[] = [];
  let remarks = 0;
  for (const o of mapped.orders) {
    const order: Record<string, unknown> = { orderId: o.orderId, buyerId: o.buyerId, createdAt: o.createdAt, paidAt: o.paidAt, amount: o.amount, refundAmount: o.refundAmount };
    // The flag column, else a flag mark that opens the remark (【红旗】).
    const flag = o.flag ?? (o.remark === null ? null : flagInRemark(o.remark));
    if (flag !== null) order["flag"] = flag;
    if (o.remark !== null) {
      remarks++;
      // Remarks are free text: the 工号 of a rostered agent found in one is the remark's agent.
      const id = roster === null ? null : agentIdInRemark(o.remark, roster);
      if (id !== null) order["remarkAgentId"] = id;
    }
    orders.push(order);
    orderRows.push(o.row);
    if (shipments !== null && o.shippedAt !== null) {
      shipments.push({ orderId: o.orderId, shippedAt: o.shippedAt, trackingNo: o.trackingNo ?? undefined, carrier: o.carrier ?? undefined });
      shipmentRows.push(o.row);
    }
  }
  return { orders, orderRows, shipments, shipmentRows, remarks };
}

function located(where: string, detail: string): { message: string; detail: string } {
  return { message: `${where}: ${detail}`, detail };
}

function emptyToNull(value: string | null): string | null {
  return value === null || value === "" ? null : value;
}

/** Trims and removes one leading ¥ (U+00A5) or ￥ (U+FFE5). */
function stripCurrency(cell: string): string {
  const text = cell.trim();
  return text.startsWith("¥") || text.startsWith("￥") ? text.slice(1).trim() : text;
}

const AMOUNT = /^(\d+)(?:\.(\d{1,2}))?$/;

/** "123.45" / "123.4" / "123" → integer fen; null when not a non-negative decimal with ≤ 2 places. */
function toFen(text: string): bigint | null {
  const match = AMOUNT.exec(text);
  if (match === null) return null;
  const yuan = match[1] ?? "0";
  const fraction = (match[2] ?? "").padEnd(2, "0");
  return BigInt(yuan) * 100n + BigInt(fraction);
}

/** Integer fen → "123.45". */
function formatFen(fen: bigint): string {
  const sign = fen < 0n ? "-" : "";
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${(abs / 100n).toString()}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/**
 * The flag mark that opens a remark, in brackets (【红旗】, [红], （紫色） …): the colour's character
 * with 色, 旗 or 色旗, or none, optionally after 小; null when the remark opens with none. A colour
 * word elsewhere in the remark is text, not a mark.
 *
 * @example
 * flagInRemark("【绿旗】A03 延时发货") //=> "绿"
 * flagInRemark("A03 红色款") //=> null
 */
export function flagInRemark(remark: string): string | null {
  const m = /^\s*[【[（(]\s*小?([红黄绿蓝紫])(?:色旗|色|旗)?\s*[】\]）)]/.exec(remark);
  return m === null ? null : m[1]!;
}

/**
 * Finds the 工号 of a rostered agent in a free-text order remark (e.g. `A03 发顺丰`): the earliest
 * id that stands as a token (not inside a longer run of letters or digits).
 *
 * @example
 * agentIdInRemark("1号客服 A03，发顺丰", ["A01", "A03"]) //=> "A03"
 */
export function agentIdInRemark(remark: string, agentIds: readonly string[]): string | null {
  let best: string | null = null;
  let bestAt = Infinity;
  for (const id of agentIds) {
    let at = remark.indexOf(id);
    while (at >= 0) {
      const before = remark[at - 1] ?? " ";
      const after = remark[at + id.length] ?? " ";
      if (!/[A-Za-z0-9]/.test(before) && !/[A-Za-z0-9]/.test(after)) break;
      at = remark.indexOf(id, at + 1);
    }
    if (at >= 0 && (at < bestAt || (at === bestAt && best !== null && id.length > best.length))) {
      best = id;
      bestAt = at;
    }
  }
  return best;
}

// The export as parsed text: a list of rows of cells, each a string (a CSV reader's output).
function checkRows(rows: unknown, file: unknown): asserts rows is readonly (readonly string[])[] {
  const fail = (path: readonly (string | number)[], message: string): never => {
    throw new KefuKpiError([{ code: IssueCode.invalidType, path, message }]);
  };
  if (typeof file !== "string") fail(["file"], `expected the export's file name, got ${describeValue(file)}`);
  if (!Array.isArray(rows)) fail(["rows"], `expected the export's rows (a list of rows of text cells, the header first), got ${describeValue(rows)}`);
  (rows as unknown[]).forEach((row, r) => {
    if (!Array.isArray(row)) fail(["rows", r], `expected a row of text cells, got ${describeValue(row)}`);
    (row as unknown[]).forEach((cell, c) => {
      if (typeof cell !== "string") fail(["rows", r, c], `expected a text cell, got ${describeValue(cell)}`);
    });
  });
}
