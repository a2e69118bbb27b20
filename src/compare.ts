/**
 * The one order of ids and names in every list the library prints: by UTF-16 code units, as
 * JavaScript compares strings — the same on every machine and locale (no `localeCompare`).
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** {@link byCodeUnits} of two records' `orderId`. */
export function byOrderId(a: { readonly orderId: string }, b: { readonly orderId: string }): number {
  return byCodeUnits(a.orderId, b.orderId);
}

/** {@link byCodeUnits} of two records' `agentId`. */
export function byAgentId(a: { readonly agentId: string }, b: { readonly agentId: string }): number {
  return byCodeUnits(a.agentId, b.agentId);
}
