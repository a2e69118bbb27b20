/**
 * A result's long lists (every order explained, every breach, every duty) are built on first read:
 * an enumerable getter, so JSON, spreads and deep equality see a plain array, while a caller who
 * reads only the totals of a month of millions of records pays for no list objects.
 */
export function withLazy<T extends object, K extends string, V>(target: T, key: K, build: () => V): T & { readonly [P in K]: V } {
  let value: V | undefined;
  let built = false;
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
