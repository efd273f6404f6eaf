import { describe, expect, it } from 'vitest';
import { runInSlices, runToEnd } from './main-thread';
import type { Steps } from './main-thread';

/** 100 pieces of work that each take 3 ms on a fake clock. */
function* work(clock: { t: number }, log: string[]): Steps<number> {
  let sum = 0;
  for (let i = 0; i < 100; i++) {
    clock.t += 3;
    sum += i;
    log.push(`w${i}`);
    yield;
  }
  return sum;
}

describe('runInSlices', () => {
  it('gives the main thread back each time a slice has used its budget, and returns what the work returns', async () => {
    const clock = { t: 0 };
    const log: string[] = [];
    const result = await runInSlices(work(clock, log), { budgetMs: 10, clock: () => clock.t, yieldToMain: async () => void log.push('yield') });
    expect(result).toBe(4950);
    // 3 ms a piece, 10 ms budget: a pause after every 4th piece (12 ms), never more than 4 pieces in a row.
    expect(log.filter((l) => l === 'yield')).toHaveLength(25);
    const runs = log.join(' ').split('yield').map((run) => run.trim().split(' ').filter(Boolean).length);
    expect(Math.max(...runs)).toBe(4);
  });

  it('stops between slices once the signal aborted, with the caller\'s error', async () => {
    const clock = { t: 0 };
    const controller = new AbortController();
    const log: string[] = [];
    const attempt = runInSlices(work(clock, log), {
      budgetMs: 10, signal: controller.signal, clock: () => clock.t, cancelled: () => new Error('cancelled'),
      yieldToMain: async () => controller.abort(),
    });
    await expect(attempt).rejects.toThrow('cancelled');
    expect(log).toHaveLength(4);
  });

  it('runToEnd runs the same steps in one go', () => {
    expect(runToEnd(work({ t: 0 }, []))).toBe(4950);
  });
});
