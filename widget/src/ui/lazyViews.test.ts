import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('./views');
  vi.resetModules();
});

describe('loadViews', () => {
  it('forgets a failed chunk load so the next attempt retries', async () => {
    vi.resetModules();
    let fail = true;
    vi.doMock('./views', () => {
      if (fail) {
        throw new Error('chunk gone');
      }
      return { marker: 'views' };
    });
    const { loadViews } = await import('./lazyViews');
    await expect(loadViews()).rejects.toThrow();
    fail = false;
    vi.resetModules();
    await expect(loadViews()).resolves.toMatchObject({ marker: 'views' });
  });
});
