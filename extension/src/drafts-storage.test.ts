import { describe, expect, it } from 'vitest';
import { extensionStorageAdapter } from './drafts-storage';

function memoryArea(options: { failing?: boolean } = {}) {
  const data: Record<string, unknown> = {};
  const fail = async (): Promise<never> => {
    throw new Error('Extension context invalidated.');
  };
  return {
    data,
    get: options.failing ? fail : async (key: string) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: options.failing ? fail : async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
    remove: options.failing ? fail : async (key: string) => void delete data[key],
  };
}

describe('extension storage adapter for widget drafts', () => {
  it('stores values under a namespaced key and round-trips them', async () => {
    const area = memoryArea();
    const storage = extensionStorageAdapter(area as never);
    await storage.set('draft:call:001', { notes: 'Called, no answer', durationSeconds: 30 });
    expect(Object.keys(area.data)).toEqual(['panel:draft:call:001']);
    expect(await storage.get('draft:call:001')).toEqual({ notes: 'Called, no answer', durationSeconds: 30 });
    await storage.remove('draft:call:001');
    expect(await storage.get('draft:call:001')).toBeUndefined();
  });

  it('never throws into the panel when extension storage fails', async () => {
    const storage = extensionStorageAdapter(memoryArea({ failing: true }) as never);
    await expect(storage.set('k', 1)).resolves.toBeUndefined();
    await expect(storage.get('k')).resolves.toBeUndefined();
    await expect(storage.remove('k')).resolves.toBeUndefined();
  });
});
