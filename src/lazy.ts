/**
 * A result's long lists (every order explained, every breach, every duty) are built on first read:
 * an enumerable getter, so JSON, spreads and deep equality see a plain array, while a caller who
 * reads only the totals of a month of millions of records pays for no list objects.
 *
 * A writer that streams a result (the CLI's JSON report) reads each list once with
 * {@link readOnce}: built afresh and not kept, so a month's lists are held one at a time, not all
 * together until the end.
 */

// Shared by every copy of the library (the ESM and CJS builds, the node entry): a registered symbol.
const BUILDERS = Symbol.for("kefu-kpi.lazyLists");

interface Builder {
  readonly build: () => unknown;
  readonly built: () => boolean;
  readonly select?: (selection: Selection) => unknown;
}

/** A part of a list, as a renderer needs it: its first items, or its unowned duties. */
export interface Selection {
  readonly first?: number;
  readonly unowned?: boolean;
}

/**
 * Defines `target[key]` as a list built on its first read and kept. `select`, when given, builds a
 * part of it without the rest ({@link readSelected}).
 */
export function withLazy<T extends object, K extends string, V>(target: T, key: K, build: () => V, select?: (selection: Selection) => V): T & { readonly [P in K]: V } {
  let value: V | undefined;
  let built = false;
  let builders = (target as { [BUILDERS]?: Record<string, Builder> })[BUILDERS];
  if (builders === undefined) {
    builders = Object.create(null) as Record<string, Builder>;
    Object.defineProperty(target, BUILDERS, { value: builders, enumerable: false });
  }
  builders[key] = { build, built: () => built, ...(select !== undefined && { select }) };
  return Object.defineProperty(target, key, {
    enumerable: true,
    configurable: false,
    get: () => {
      if (!built) {
        value = build();
        built = true;
      }
      return value;
    },
  }) as T & { readonly [P in K]: V };
}

/**
 * `target[key]`, except that a list {@link withLazy} has not built yet is built afresh and not
 * kept (the next read builds it again). For a writer that reads each list once.
 */
export function readOnce(target: object, key: string): unknown {
  const builder = (target as { [BUILDERS]?: Record<string, Builder> })[BUILDERS]?.[key];
  return builder !== undefined && !builder.built() ? builder.build() : (target as Record<string, unknown>)[key];
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
  const builder = (target as { [BUILDERS]?: Record<string, Builder> })[BUILDERS]?.[key];
  if (builder?.select !== undefined && !builder.built()) return builder.select(selection) as V;
  return part((target as Record<string, unknown>)[key] as V);
}
