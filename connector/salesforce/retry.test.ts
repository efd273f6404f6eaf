import { describe, expect, it, vi } from 'vitest';
import { ConnectorError } from '../errors';
import { withRowLockRetry } from './retry';

const rowLock = (): ConnectorError => new ConnectorError({ kind: 'row_lock', crmCode: 'UNABLE_TO_LOCK_ROW' });

describe('row-lock retry', () => {
  it('retries UNABLE_TO_LOCK_ROW with bounded, jittered exponential backoff, then succeeds', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withRowLockRetry(
      async () => {
        calls += 1;
        if (calls < 4) {
          throw rowLock();
        }
        return 'ok';
      },
      { sleep: async (ms) => void sleeps.push(ms), random: () => 1, baseDelayMs: 100, maxDelayMs: 300, maxAttempts: 5 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(4);
    // ceilings 100, 200, 300 (capped); random()=1 → full ceiling.
    expect(sleeps).toEqual([100, 200, 300]);
  });

  it('waits at least half the ceiling (jitter never collapses to zero)', async () => {
    const sleeps: number[] = [];
    await expect(withRowLockRetry(async () => {
      throw rowLock();
    }, { sleep: async (ms) => void sleeps.push(ms), random: () => 0, baseDelayMs: 100, maxAttempts: 3 })).rejects.toMatchObject({ kind: 'row_lock' });
    expect(sleeps).toEqual([50, 100]);
  });

  it('gives up after maxAttempts with a row_lock error', async () => {
    const operation = vi.fn(async () => {
      throw rowLock();
    });
    await expect(withRowLockRetry(operation, { sleep: async () => {}, maxAttempts: 3 })).rejects.toMatchObject({ kind: 'row_lock' });
    expect(operation).toHaveBeenCalledTimes(3);
  });

  it('never retries other errors', async () => {
    const operation = vi.fn(async () => {
      throw new ConnectorError({ kind: 'validation' });
    });
    await expect(withRowLockRetry(operation, { sleep: async () => {} })).rejects.toMatchObject({ kind: 'validation' });
    expect(operation).toHaveBeenCalledTimes(1);
  });
});
