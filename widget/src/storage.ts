/**
 * A small async key-value adapter for drafts and the last snapshot. The extension passes a
 * chrome.storage-backed one; pages get localStorage; tests use memory.
 */
export interface StorageAdapter {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

const PREFIX = 'collections-panel:';

/**
 * localStorage-backed adapter. Quota errors and private-mode denials are swallowed: drafts are a
 * convenience and must never break the panel.
 */
export function localStorageAdapter(store: Storage | undefined = safeLocalStorage()): StorageAdapter {
  return {
    async get(key) {
      try {
        const raw = store?.getItem(PREFIX + key);
        return raw == null ? undefined : (JSON.parse(raw) as unknown);
      } catch (_error) {
        return undefined;
      }
    },
    async set(key, value) {
      try {
        store?.setItem(PREFIX + key, JSON.stringify(value));
      } catch (_error) {
        // Quota exceeded or storage disabled: keep working without persistence.
      }
    },
    async remove(key) {
      try {
        store?.removeItem(PREFIX + key);
      } catch (_error) {
        // ignore, see set()
      }
    },
  };
}

/** In-memory adapter (tests, or hosts without storage). Values are cloned like real storage would. */
export function memoryStorage(initial: Record<string, unknown> = {}): StorageAdapter & { data: Map<string, string> } {
  const data = new Map<string, string>(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  return {
    data,
    async get(key) {
      const raw = data.get(key);
      return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
    },
    async set(key, value) {
      data.set(key, JSON.stringify(value));
    },
    async remove(key) {
      data.delete(key);
    },
  };
}

function safeLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch (_error) {
    // Sandboxed iframes throw on access.
    return undefined;
  }
}
