import { describe, expect, it } from 'vitest';
import { localStorageAdapter } from './storage';

/** A Storage with a quota in UTF-16 code units, like a browser's (keys and values count). */
class QuotaStorage implements Storage {
  readonly map = new Map<string, string>();
  failNextWrite = false;
  constructor(private readonly quotaChars = Number.POSITIVE_INFINITY) {}
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    const others = [...this.map].filter(([k]) => k !== key).reduce((n, [k, v]) => n + k.length + v.length, 0);
    if (this.failNextWrite || others + key.length + value.length > this.quotaChars) {
      this.failNextWrite = false;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  clear() {
    this.map.clear();
  }
  /** Bytes used by the panel's entries (UTF-16). */
  panelBytes() {
    return [...this.map].filter(([k]) => k.startsWith('collections-panel:')).reduce((n, [k, v]) => n + 2 * (k.length + v.length), 0);
  }
}

/** A saved copy of about `kb` kilobytes in storage. */
const copy = (kb: number, tag = 'x') => ({ tag, body: 'a'.repeat(kb * 512) });
const BUDGET = 100_000;

describe('saved copies within a byte budget', () => {
  it('evicts the least recently used copies, never a draft, and stays under the budget', async () => {
    const store = new QuotaStorage();
    const storage = localStorageAdapter(store, BUDGET);
    await storage.set('draft:001:call', { note: 'half-typed note' });
    await storage.set('snapshot:A', copy(30, 'A'));
    await storage.set('snapshot:B', copy(30, 'B'));
    await storage.set('snapshot:C', copy(30, 'C'));
    // Reading A makes B the least recently used.
    expect(await storage.get('snapshot:A')).toMatchObject({ tag: 'A' });
    await storage.set('snapshot:D', copy(30, 'D'));
    expect(await storage.get('snapshot:B')).toBeUndefined();
    expect(await storage.get('snapshot:A')).toMatchObject({ tag: 'A' });
    expect(await storage.get('snapshot:C')).toMatchObject({ tag: 'C' });
    expect(await storage.get('snapshot:D')).toMatchObject({ tag: 'D' });
    expect(await storage.get('draft:001:call')).toEqual({ note: 'half-typed note' });
    expect(store.panelBytes()).toBeLessThanOrEqual(BUDGET + 2_000); // the small index on top
  });

  it('does not keep a copy bigger than the budget (and drops its superseded copy), keeping the others', async () => {
    const store = new QuotaStorage();
    const storage = localStorageAdapter(store, BUDGET);
    await storage.set('snapshot:A', copy(20, 'A'));
    await storage.set('snapshot:BIG', copy(20, 'old'));
    await storage.set('snapshot:BIG', copy(120, 'new'));
    expect(await storage.get('snapshot:BIG')).toBeUndefined();
    expect(await storage.get('snapshot:A')).toMatchObject({ tag: 'A' });
  });

  it('loses nothing else on a quota error from the host', async () => {
    const store = new QuotaStorage();
    const storage = localStorageAdapter(store, BUDGET);
    await storage.set('snapshot:A', copy(20, 'A'));
    await storage.set('snapshot:B', copy(20, 'B1'));
    await storage.set('draft:x', { note: 'keep me' });
    store.failNextWrite = true;
    await expect(storage.set('snapshot:B', copy(20, 'B2'))).resolves.toBeUndefined();
    expect(await storage.get('snapshot:A')).toMatchObject({ tag: 'A' });
    expect(await storage.get('snapshot:B')).toMatchObject({ tag: 'B1' });
    expect(await storage.get('draft:x')).toEqual({ note: 'keep me' });
    // A host that filled its quota: the write fails quietly, nothing is removed.
    const full = new QuotaStorage(15_000);
    const host = localStorageAdapter(full, BUDGET);
    await host.set('snapshot:A', copy(20, 'A'));
    await host.set('snapshot:B', copy(20, 'B'));
    expect(await host.get('snapshot:A')).toMatchObject({ tag: 'A' });
    expect(await host.get('snapshot:B')).toBeUndefined();
  });

  it('counts copies saved before the budget existed as least recently used, and evicts them first', async () => {
    const store = new QuotaStorage();
    store.setItem('collections-panel:snapshot:OLD', JSON.stringify(copy(60, 'old')));
    store.setItem('host-key', 'the host page keeps its own data');
    const storage = localStorageAdapter(store, BUDGET);
    await storage.set('snapshot:NEW', copy(60, 'new'));
    expect(store.getItem('collections-panel:snapshot:OLD')).toBeNull();
    expect(await storage.get('snapshot:NEW')).toMatchObject({ tag: 'new' });
    expect(store.getItem('host-key')).toBe('the host page keeps its own data');
  });

  it('shares the budget with another panel on the same page (a second adapter reads the index)', async () => {
    const store = new QuotaStorage();
    await localStorageAdapter(store, BUDGET).set('snapshot:A', copy(40, 'A'));
    const second = localStorageAdapter(store, BUDGET);
    await second.set('snapshot:B', copy(40, 'B'));
    await second.set('snapshot:C', copy(40, 'C'));
    expect(await second.get('snapshot:A')).toBeUndefined();
    expect(store.panelBytes()).toBeLessThanOrEqual(BUDGET + 2_000);
  });
});
