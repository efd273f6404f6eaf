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
/** Sizes and last use of our entries, so the budget holds without parsing every copy. */
const INDEX_KEY = `${PREFIX}__index`;

/**
 * Bytes of the host's localStorage the panel may use (issue 18: about 5 MB per origin, shared
 * with the host page). Saved snapshot copies are evicted least recently used first to stay under
 * it; a copy bigger than the whole budget is not kept (decision 0019).
 */
export const LOCAL_STORAGE_BUDGET_BYTES = 1_000_000;

/** Only saved snapshot copies are evicted: a draft is the collector's unsaved work. */
function evictable(key: string): boolean {
  return key.startsWith('snapshot:');
}

/** localStorage keeps UTF-16: two bytes a code unit, key included. */
function bytesOf(key: string, raw: string): number {
  return 2 * (PREFIX.length + key.length + raw.length);
}

type Index = Map<string, { bytes: number; used: number }>;

/**
 * localStorage-backed adapter with a byte budget (least-recently-used eviction of saved copies).
 * Quota errors and private-mode denials are swallowed: drafts and copies are a convenience and
 * must never break the panel; a failed write removes nothing but what the budget required.
 */
export function localStorageAdapter(store: Storage | undefined = safeLocalStorage(), budgetBytes = LOCAL_STORAGE_BUDGET_BYTES): StorageAdapter {
  let index: Index | null = null;
  let clock = 0;

  /** The index, reconciled with what is really stored (other tabs, copies saved before the budget existed). */
  const load = (s: Storage): Index => {
    if (index) {
      return index;
    }
    const saved = new Map<string, { bytes: number; used: number }>();
    try {
      const raw = s.getItem(INDEX_KEY);
      for (const [key, entry] of Object.entries(raw ? (JSON.parse(raw) as Record<string, { bytes: number; used: number }>) : {})) {
        saved.set(key, entry);
      }
    } catch (_error) {
      // A corrupt index is rebuilt from the keys below.
    }
    const next: Index = new Map();
    for (let i = 0; i < s.length; i++) {
      const full = s.key(i);
      if (!full || !full.startsWith(PREFIX) || full === INDEX_KEY) {
        continue;
      }
      const key = full.slice(PREFIX.length);
      const known = saved.get(key);
      // Unknown entries (written before the budget) count as least recently used.
      next.set(key, known ?? { bytes: bytesOf(key, s.getItem(full) ?? ''), used: 0 });
    }
    clock = Math.max(0, ...[...next.values()].map((e) => e.used));
    index = next;
    return next;
  };

  const saveIndex = (s: Storage, current: Index) => {
    try {
      s.setItem(INDEX_KEY, JSON.stringify(Object.fromEntries(current)));
    } catch (_error) {
      // Rebuilt from the keys next time (load()).
    }
  };

  const total = (current: Index): number => [...current.values()].reduce((sum, e) => sum + e.bytes, 0);

  return {
    async get(key) {
      try {
        const raw = store?.getItem(PREFIX + key);
        if (raw == null || !store) {
          return undefined;
        }
        const current = load(store);
        const entry = current.get(key);
        if (entry) {
          entry.used = ++clock;
          saveIndex(store, current);
        }
        return JSON.parse(raw) as unknown;
      } catch (_error) {
        return undefined;
      }
    },
    async set(key, value) {
      try {
        if (!store) {
          return;
        }
        const raw = JSON.stringify(value);
        const bytes = bytesOf(key, raw);
        const current = load(store);
        if (evictable(key) && bytes > budgetBytes) {
          // Too big to keep within the budget: the older copy goes too (it is superseded).
          store.removeItem(PREFIX + key);
          current.delete(key);
          saveIndex(store, current);
          return;
        }
        // Least recently used copies first, until the new entry fits (its own old value is replaced).
        let used = total(current) - (current.get(key)?.bytes ?? 0);
        const victims = [...current.entries()].filter(([k]) => k !== key && evictable(k)).sort((a, b) => a[1].used - b[1].used);
        for (const [victim, entry] of victims) {
          if (used + bytes <= budgetBytes) {
            break;
          }
          store.removeItem(PREFIX + victim);
          current.delete(victim);
          used -= entry.bytes;
        }
        if (evictable(key) && used + bytes > budgetBytes) {
          saveIndex(store, current);
          return;
        }
        store.setItem(PREFIX + key, raw);
        current.set(key, { bytes, used: ++clock });
        saveIndex(store, current);
      } catch (_error) {
        // Quota exceeded or storage disabled: keep working without persistence. The failed
        // setItem changed nothing, so every other entry (and this key's old value) is intact.
      }
    },
    async remove(key) {
      try {
        store?.removeItem(PREFIX + key);
        if (store && index?.delete(key)) {
          saveIndex(store, index);
        }
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
