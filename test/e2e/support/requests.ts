/**
 * Deterministic "the network has settled" for request-count assertions: a fixed sleep before
 * counting misses a request that arrives late; this waits until the count has stopped changing
 * for a quiet window, and fails (never returns silently) if it keeps changing.
 */

export interface SettleOptions {
  /** How long the count must stay unchanged (default 750 ms: longer than any panel debounce). */
  quietMs?: number;
  /** Give up with an error after this long (default 20 s). */
  timeoutMs?: number;
  /** Named in the error, e.g. "sandbox API requests". */
  what?: string;
}

/**
 * Resolves once `count()` has not changed for `quietMs`; returns the settled count.
 * Throws when the count is still changing after `timeoutMs` (a request loop is a bug, not noise).
 */
export async function settleCount(count: () => number, options: SettleOptions = {}): Promise<number> {
  const quietMs = options.quietMs ?? 750;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let last = count();
  let stableSince = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = count();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs) {
      return now;
    }
    if (Date.now() > deadline) {
      throw new Error(`${options.what ?? 'request count'} never settled: still changing after ${options.timeoutMs ?? 20_000} ms (now ${now})`);
    }
  }
}
