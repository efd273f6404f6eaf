import { describe, expect, it } from 'vitest';
import { createUnknownOutcomeStore } from './unknown-outcomes';

function memoryArea() {
  const data: Record<string, unknown> = {};
  return {
    data,
    async get(key: string) {
      return key in data ? { [key]: structuredClone(data[key]) } : {};
    },
    async set(items: Record<string, unknown>) {
      Object.assign(data, structuredClone(items));
    },
  };
}

describe('unknown outcome store', () => {
  it('remembers keys across store instances (worker restarts) and forgets deleted ones', async () => {
    const area = memoryArea();
    const first = createUnknownOutcomeStore(area as never);
    await Promise.all([first.add('call-key-0001'), first.add('note-key-0002')]);
    const afterRestart = createUnknownOutcomeStore(area as never);
    expect(await afterRestart.has('call-key-0001')).toBe(true);
    expect(await afterRestart.has('note-key-0002')).toBe(true);
    await afterRestart.delete('call-key-0001');
    expect(await afterRestart.has('call-key-0001')).toBe(false);
  });

  it('drops keys older than a week', async () => {
    const area = memoryArea();
    let now = 0;
    const store = createUnknownOutcomeStore(area as never, () => now);
    await store.add('old-key-0001');
    now = 8 * 24 * 60 * 60 * 1000;
    await store.add('new-key-0002');
    expect(await store.has('old-key-0001')).toBe(false);
    expect(await store.has('new-key-0002')).toBe(true);
  });
});
