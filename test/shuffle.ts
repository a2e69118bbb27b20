// A seeded shuffle for the tests that check a result does not depend on the rows' order.

/** `items` in an order drawn from `seed` (Fisher–Yates over a linear congruential generator); the input is not changed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed;
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    const j = Math.abs(s) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
