/**
 * A result's long lists (every order explained, every breach, every duty) are built on first read:
 * an enumerable getter, so JSON, spreads and deep equality see a plain array, while a caller who
 * reads only the totals of a month of millions of records pays for no list objects.
 *
 * Readers that need less than the whole kept list ask for less: a writer that streams a result
 * (the CLI's JSON report) takes each list's items one at a time ({@link eachOnce}) or builds it
 * for the write only ({@link readOnce}); a renderer builds only the part it shows
 * ({@link readSelected}). Each gives the items the whole list holds, in its order.
 */

// Shared by every copy of the library (the ESM and CJS builds, the node entry): a registered symbol.
const BUILDERS = Symbol.for("kefu-kpi.lazyLists");

/** A part of a list, as a renderer needs it: its first items, or its unowned duties. */
export interface Selection {
  readonly first?: number;
  readonly unowned?: boolean;
}

/** What a lazy list can give besides the whole list. */
export interface LazyParts<V> {
  /** A part of the list, built without the rest. */
  readonly select?: (selection: Selection) => V;
  /**
   * The list's items one at a time, in its order, none of them kept. Each item is plain data (the
   * JSON writer relies on it): an object of a few values — strings, finite numbers, booleans,
   * null, small arrays and objects of the same — with no `toJSON` and no lazy list of its own.
   */
  readonly each?: () => Iterable<unknown>;
}

interface Builder extends LazyParts<unknown> {
  readonly build: () => unknown;
  readonly built: () => boolean;
}

function builderOf(target: object, key: string): Builder | undefined {
  return (target as { [BUILDERS]?: Record<string, Builder> })[BUILDERS]?.[key];
}

/** Defines `target[key]` as a list built on its first read and kept, with the `parts` it can give alone. */
export function withLazy<T extends object, K extends string, V>(target: T, key: K, build: () => V, parts: LazyParts<V> = {}): T & { readonly [P in K]: V } {
  let value: V | undefined;
  let built = false;
  let builders = (target as { [BUILDERS]?: Record<string, Builder> })[BUILDERS];
  if (builders === undefined) {
    builders = Object.create(null) as Record<string, Builder>;
    Object.defineProperty(target, BUILDERS, { value: builders, enumerable: false });
  }
  builders[key] = { ...parts, build, built: () => built };
  return Object.defineProperty(target, key, {
    enumerable: true,
    configurable: false,
    get: () => {
      if (!built) {
        value = build();
        built = true;
        // A frozen result stays frozen all the way down: its lists too, when they are built.
        if (Object.isFrozen(target)) freezeDeep(value);
      }
      return value;
    },
  }) as T & { readonly [P in K]: V };
}

/**
 * Freezes plain data all the way down. A lazy list is not read for it (that would build it): it
 * is frozen when it is built, or now if it has been.
 */
export function freezeDeep<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) freezeDeep(item);
    return value;
  }
  for (const key of Object.keys(value)) {
    const property = Object.getOwnPropertyDescriptor(value, key);
    if (property === undefined) continue;
    if ("value" in property) freezeDeep(property.value);
    else if (builderOf(value, key)?.built() === true) freezeDeep((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * `target[key]`, except that a list {@link withLazy} has not built yet is built afresh and not
 * kept (the next read builds it again). For a writer that reads each list once.
 */
export function readOnce(target: object, key: string): unknown {
  const builder = builderOf(target, key);
  return builder !== undefined && !builder.built() ? builder.build() : (target as Record<string, unknown>)[key];
}

/** The items of a lazy list not built yet, one at a time and none kept; undefined for anything else. */
export function eachOnce(target: object, key: string): Iterable<unknown> | undefined {
  const builder = builderOf(target, key);
  return builder?.each !== undefined && !builder.built() ? builder.each() : undefined;
}

/** Whether `target` has a list {@link withLazy} has not built yet (reading it would build it). */
export function hasUnbuiltList(target: object): boolean {
  const builders = (target as { [BUILDERS]?: Record<string, Builder> })[BUILDERS];
  if (builders === undefined) return false;
  for (const key in builders) if (!builders[key]!.built()) return true;
  return false;
}

/**
 * A part of the list at `key`: built alone when the list is lazy, unbuilt and can select;
 * otherwise `part` of the whole list (a list built already, or a result read back from JSON).
 */
export function readSelected<V>(target: object, key: string, selection: Selection, part: (all: V) => V): V {
  const builder = builderOf(target, key);
  if (builder?.select !== undefined && !builder.built()) return builder.select(selection) as V;
  return part((target as Record<string, unknown>)[key] as V);
}
