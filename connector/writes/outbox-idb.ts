/**
 * The outbox's entries in IndexedDB (idb-keyval 6.3.0, pinned): they survive a reload, a browser
 * restart and a service-worker restart. One database per origin — in the extension it is the
 * service worker's (its origin is the extension's), so every tab shares one outbox.
 */
import { createStore, del, get, set, values } from 'idb-keyval';
import type { OutboxEntry, OutboxStorage } from './outbox';

export const OUTBOX_DB = 'collections-outbox';
export const OUTBOX_STORE = 'entries';

export function indexedDbOutboxStorage(dbName = OUTBOX_DB): OutboxStorage {
  const store = createStore(dbName, OUTBOX_STORE);
  return {
    get: (key) => get<OutboxEntry>(key, store),
    set: (entry) => set(entry.key, entry, store),
    delete: (key) => del(key, store),
    all: () => values<OutboxEntry>(store),
  };
}
