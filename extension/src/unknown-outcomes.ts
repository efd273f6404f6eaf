/**
 * The connector's "unknown outcome" key store (writes that timed out: the retry checks before creating), persisted
 * in storage.local so a service-worker restart between the timeout and the retry cannot cause a duplicate.
 */
import type { UnknownOutcomeStore } from '../../connector/salesforce/index';

const KEY = 'unknown-outcome-keys';
/** Keys older than this are dropped: a collector retries within minutes, not days. */
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export function createUnknownOutcomeStore(area: Pick<chrome.storage.StorageArea, 'get' | 'set'>, now: () => number = Date.now): UnknownOutcomeStore {
  // Serialise read-modify-write cycles so concurrent writes cannot lose each other's keys.
  let queue: Promise<unknown> = Promise.resolve();
  const load = async (): Promise<Record<string, number>> => {
    const stored = (await area.get(KEY))[KEY];
    return typeof stored === 'object' && stored !== null ? (stored as Record<string, number>) : {};
  };
  const update = (change: (keys: Record<string, number>) => void): Promise<void> => {
    const next = queue.then(async () => {
      const keys = await load();
      change(keys);
      for (const [key, at] of Object.entries(keys)) {
        if (now() - at > MAX_AGE_MS) {
          delete keys[key];
        }
      }
      await area.set({ [KEY]: keys });
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    async has(key) {
      await queue;
      return Object.prototype.hasOwnProperty.call(await load(), key);
    },
    add(key) {
      return update((keys) => {
        keys[key] = now();
      });
    },
    delete(key) {
      return update((keys) => {
        delete keys[key];
      });
    },
  };
}
