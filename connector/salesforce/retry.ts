/**
 * Bounded, jittered exponential backoff for UNABLE_TO_LOCK_ROW. Only `row_lock` errors are retried:
 * a locked row means Salesforce rolled the request back, so resending cannot duplicate anything.
 */
import { ConnectorError } from '../errors';

export interface RowLockRetryOptions {
  /** Total attempts including the first (default 4). */
  maxAttempts?: number;
  /** First delay in ms (default 250); doubles each time, capped at `maxDelayMs` (default 4000). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** 0..1, injectable for tests (default Math.random). */
  random?: () => number;
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Run `operation`, retrying row-lock failures with full-jitter backoff; other errors pass through at once. */
export async function withRowLockRetry<T>(operation: () => Promise<T>, options: RowLockRetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 4;
  const base = options.baseDelayMs ?? 250;
  const cap = options.maxDelayMs ?? 4000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.kind !== 'row_lock' || attempt >= maxAttempts) {
        throw error;
      }
      const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
      // Half fixed, half jitter: spreads competing retries but never waits zero.
      await sleep(Math.round(ceiling / 2 + random() * (ceiling / 2)));
    }
  }
}
