/**
 * Staffing (seed 002 客服配置: the service capacity matched to the shop's chats): how many agents an
 * hour needs so that a share of the buyers get a first reply within the target.
 *
 * The model is **Erlang C** — the M/M/N queue of the contact-centre literature (A. K. Erlang, 1917;
 * as set out in N. Gans, G. Koole and A. Mandelbaum, "Telephone call centers: tutorial, review, and
 * research prospects", Manufacturing & Service Operations Management 5(2), 2003, §4.1): arrivals at
 * random (Poisson) at λ an hour, each held for a time with mean h, N servers, a buyer waiting only
 * when every server is taken. With the offered load A = λ·h (in erlangs) and N > A, the chance to
 * wait is C(N, A) and the share answered within t seconds is
 *
 *     SL(t) = 1 − C(N, A) · e^(−(N − A)·t / h)
 *
 * **Chats, not calls**: an agent holds `c` chats at once (`routing.maxConcurrent`), so each agent
 * is `c` servers — the queue is M/M/(N·c) — and h is the consultation's measured length (its start
 * to its end), which was measured while agents held several chats and so already carries the stretch
 * concurrency gives a chat. The usual alternative for chat (an effective handling time h / c on N
 * servers) would count that stretch twice and pools less; the slot model is also exactly how R7
 * counts an agent busy. It is an approximation (a chat does not use a whole agent), stated as one.
 *
 * Plain IEEE arithmetic: these are planning figures, not money. C(N, A) by Erlang B's recursion
 * (B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)); C = N·B / (N − A·(1 − B))), which stays in range
 * for any N.
 */

/** The chance an arrival waits, C(N, A), for `servers` N and an offered load A (erlangs); 1 when N ≤ A. */
export function erlangC(servers: number, load: number): number {
  if (load <= 0) return 0;
  if (servers <= load) return 1;
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return (servers * b) / (servers - load * (1 - b));
}

/** The share of arrivals answered within `targetSeconds` with `servers` N, load A and mean holding time `holdSeconds`; 0 when N ≤ A. */
export function serviceLevel(servers: number, load: number, targetSeconds: number, holdSeconds: number): number {
  if (load <= 0) return 1;
  if (servers <= load) return 0;
  return 1 - erlangC(servers, load) * Math.exp((-(servers - load) * targetSeconds) / holdSeconds);
}

export interface StaffingNeed {
  /** Arrivals in the hour. */
  readonly arrivals: number;
  /** Mean length of a consultation, seconds (> 0). */
  readonly holdSeconds: number;
  /** Chats an agent holds at once (≥ 1). */
  readonly chatsPerAgent: number;
  /** The first-reply target, seconds. */
  readonly targetSeconds: number;
  /** The share to answer within the target, 0 < s < 1. */
  readonly serviceLevel: number;
}

/**
 * The fewest agents N (each `chatsPerAgent` servers) whose service level for the hour's arrivals
 * reaches the target; 0 for an hour with no arrival. The servers are tried in turn from one, Erlang
 * B carried from each to the next, so the search is linear in the answer.
 */
export function agentsNeeded(need: StaffingNeed): number {
  const { arrivals, holdSeconds, chatsPerAgent, targetSeconds } = need;
  if (arrivals <= 0) return 0;
  const load = (arrivals * holdSeconds) / 3600;
  let b = 1;
  for (let servers = 1; ; servers++) {
    b = (load * b) / (servers + load * b);
    if (servers % chatsPerAgent !== 0 || servers <= load) continue;
    const wait = (servers * b) / (servers - load * (1 - b));
    if (1 - wait * Math.exp((-(servers - load) * targetSeconds) / holdSeconds) >= need.serviceLevel) return servers / chatsPerAgent;
  }
}
