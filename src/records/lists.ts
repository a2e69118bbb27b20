/**
 * The month's shared lists: agents and buyers are numbered once for the whole month, so every rule
 * family meets the same agent number in consultations, orders, tickets and violations, and the
 * same buyer number in consultations and orders.
 */
import { DenseIds } from "../ids/denseIds.js";

/**
 * The agents of a month. With a roster (the agents kind), the agents are numbered in its order and
 * an id that is not in it gets -1; without one, ids are numbered as they are met.
 */
export class AgentList {
  readonly ids: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** How many agents the roster holds, or -1 when the month has no roster. */
  rosterSize = -1;
  /** How many bots (agents of group bot) follow the roster's agents: numbers `rosterSize` on. */
  botCount = 0;

  /**
   * Makes `ids` the roster (before any other kind is decoded); the `bots` are numbered after it,
   * outside the roster: the rule families that list the roster's agents do not meet them.
   */
  setRoster(ids: readonly string[], bots: readonly string[] = []): void {
    for (const id of ids) if (!this.numbers.has(id)) this.numbers.set(id, this.ids.push(id) - 1);
    this.rosterSize = this.ids.length;
    for (const id of bots) if (!this.numbers.has(id)) this.numbers.set(id, this.ids.push(id) - 1);
    this.botCount = this.ids.length - this.rosterSize;
  }

  /** Whether agent number `n` is a bot. */
  isBot(n: number): boolean {
    return this.botCount > 0 && n >= this.rosterSize;
  }

  /** The number of an agent id: -1 when a roster is given and does not hold it. */
  number(id: string): number {
    const n = this.numbers.get(id);
    if (n !== undefined) return n;
    if (this.rosterSize >= 0) return -1;
    const added = this.ids.push(id) - 1;
    this.numbers.set(id, added);
    return added;
  }

  /** The number of an agent id, or undefined when it is not listed. */
  find(id: string): number | undefined {
    return this.numbers.get(id);
  }
}

/** Separates a shop id from a buyer id in a buyer key. */
export const SHOP_SEPARATOR = "\u0001";

/** The buyers of a month, keyed by buyer id within its shop (`shop + U+0001 + buyer` when the record names a shop). */
export class BuyerList {
  readonly keys: string[] = [];
  private readonly table: DenseIds;

  constructor(expected: number) {
    this.table = new DenseIds(expected);
  }

  /** The number of a buyer key, adding it when new. */
  number(key: string): number {
    const n = this.table.intern(key);
    if (n === this.keys.length) this.keys.push(key);
    return n;
  }

  /** The number of a buyer key, or -1 when no record has added it (see `TableOptions.buyers`). */
  find(key: string): number {
    return this.table.find(key);
  }

  get size(): number {
    return this.keys.length;
  }

  /** The buyer id of buyer `n` (without its shop). */
  buyerId(n: number): string {
    const key = this.keys[n]!;
    const at = key.indexOf(SHOP_SEPARATOR);
    return at < 0 ? key : key.slice(at + 1);
  }

  /** The shop id of buyer `n`, or null. */
  shopId(n: number): string | null {
    const key = this.keys[n]!;
    const at = key.indexOf(SHOP_SEPARATOR);
    return at < 0 ? null : key.slice(0, at);
  }
}
