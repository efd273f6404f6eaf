/**
 * Write-once, implemented ONCE for every CRM (decisions 0005, 0016, 0017). An adapter says how to
 * send a neutral write and how to find the record a key wrote; this module decides when to do which:
 *
 * 1. Calls with one key run one after the other in this process (a double click is one write).
 * 2. A key written by this instance answers `{ id, created: false }` with no request.
 * 3. A key attempted before — by this instance, or listed by the `OutcomeStore` (attempts made by an
 *    earlier process: a restarted service worker, a reloaded page) — is resolved BY KEY FIRST: the
 *    record exists → `created: false`, nothing is sent (so a retry never re-sends a promise's Status
 *    or a dispute's owner that changed since).
 * 4. Otherwise the key is added to the store and the write is sent once.
 *    - Unknown outcome (network error, timeout, 5xx, unreadable answer, abort): it is resolved by key
 *      straight away; found → the write succeeded after all. Not found → the error is thrown and the
 *      key stays in the store, so the next attempt checks again before it sends.
 *    - The key is already taken (DUPLICATE_VALUE: another tab, port or a slow first attempt committed
 *      it — the server-side deduplication of decision 0017) → resolved by key, `created: false`.
 *    - A definite refusal (validation, access...) → nothing was written: the key leaves the store.
 *
 * The timeout race (a retry's check runs before the slow original commits) is closed by the
 * adapter, not by waiting: each write carries a key the CRM keeps unique in the same transaction
 * (external-id upsert, or a write receipt beside a Task/note), so whichever commits second fails
 * with DUPLICATE_VALUE instead of duplicating (decision 0017). An adapter that cannot do that sets
 * `verifyFirst` for the write: every send is preceded by a check.
 */
import { ConnectorError } from '../errors';
import type { CallOptions, WriteResult } from '../port';
import type { NeutralWrite } from './plan';

/**
 * Keys that were attempted and whose outcome a later process cannot know. Persistent in the
 * extension (service worker) and the outbox; in memory otherwise. Implementations keep a key until
 * it expires (7 days in the extension).
 */
export interface OutcomeStore {
  has(key: string): boolean | Promise<boolean>;
  add(key: string): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

/** What an adapter does for the write-once layer; it compiles the neutral write into its CRM's calls. */
export interface KeyedWriteAdapter {
  /** The id of the record `write` created under its key, or null when none exists (an authoritative read). */
  findByKey(write: NeutralWrite, call?: CallOptions): Promise<string | null>;
  /** Send the write once. Must not retry an unknown outcome itself (row-lock retries are fine: nothing was written). */
  send(write: NeutralWrite, call?: CallOptions): Promise<WriteResult>;
  /** True when this write cannot be deduplicated by the CRM: check by key before every send. */
  verifyFirst?(write: NeutralWrite): boolean;
}

export interface WriteOnceOptions {
  /** Keys attempted by an earlier process (persistent where the host allows). Default: this instance's memory only. */
  outcomeStore?: OutcomeStore;
  /** How many keys this instance remembers (written → id, attempted). Default 1000. */
  memory?: number;
}

export type WriteOnce = (write: NeutralWrite, call?: CallOptions) => Promise<WriteResult>;

const DEFAULT_MEMORY = 1000;

/** True when an error leaves the write's outcome unknown: it may have committed. */
export function isUnknownOutcome(error: unknown): boolean {
  if (!(error instanceof ConnectorError)) {
    // AbortError, a TypeError from a dropped connection, anything unexpected: the request may have gone out.
    return true;
  }
  switch (error.kind) {
    case 'network':
    case 'timeout':
    case 'malformed_response':
      return true;
    case 'unknown':
      return error.status === undefined || error.status >= 500;
    default:
      return false;
  }
}

/** True when the CRM refused the write because its key is already taken: the write exists. */
export function isKeyTaken(error: unknown): boolean {
  return error instanceof ConnectorError && (error.crmCode === 'DUPLICATE_VALUE' || error.crmCode === 'DUPLICATE_EXTERNAL_ID');
}

/** A small insertion-ordered LRU. */
class Recent<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      this.map.delete(this.map.keys().next().value as string);
    }
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

/** The write-once layer around `adapter`. One instance per port instance. */
export function createWriteOnce(adapter: KeyedWriteAdapter, options: WriteOnceOptions = {}): WriteOnce {
  const capacity = options.memory ?? DEFAULT_MEMORY;
  const written = new Recent<string>(capacity);
  const attempted = new Recent<true>(capacity);
  const store: OutcomeStore = options.outcomeStore ?? {
    has: (key) => attempted.has(key),
    add: () => {},
    delete: () => {},
  };
  const running = new Map<string, Promise<unknown>>();

  /** Scope keys per write kind: one external-id field per object in the CRM. */
  const scoped = (write: NeutralWrite): string => `${write.recordKind}:${write.key}`;

  function oneAtATime<T>(key: string, operation: () => Promise<T>): Promise<T> {
    const previous = running.get(key) ?? Promise.resolve();
    const result = previous.then(operation, operation);
    const tail = result.then(() => undefined, () => undefined);
    running.set(key, tail);
    void tail.then(() => {
      if (running.get(key) === tail) {
        running.delete(key);
      }
    });
    return result;
  }

  async function existing(write: NeutralWrite, memoryKey: string, call?: CallOptions): Promise<WriteResult | null> {
    const id = await adapter.findByKey(write, call);
    if (id === null) {
      return null;
    }
    written.set(memoryKey, id);
    return { id, created: false };
  }

  return (write, call) => {
    if (write.operation === 'update') {
      // Setting a status to a value is the same write however often it is sent: no key to resolve.
      return adapter.send(write, call);
    }
    const memoryKey = scoped(write);
    return oneAtATime(memoryKey, async () => {
      const known = written.get(memoryKey);
      if (known !== undefined) {
        return { id: known, created: false };
      }
      const checkFirst = adapter.verifyFirst?.(write) === true || attempted.has(memoryKey) || (await store.has(write.key));
      if (checkFirst) {
        const found = await existing(write, memoryKey, call);
        if (found) {
          return found;
        }
      }
      attempted.set(memoryKey, true);
      await store.add(write.key);
      try {
        const result = await adapter.send(write, call);
        written.set(memoryKey, result.id);
        // The key stays in the store: after a restart this memory is gone and a repeat must check first.
        return result;
      } catch (error) {
        if (isKeyTaken(error)) {
          const found = await existing(write, memoryKey, call);
          if (found) {
            return found;
          }
          throw error;
        }
        if (isUnknownOutcome(error)) {
          // Resolve now when we can: a 504 after the commit is a success. If the check fails too, the
          // key stays attempted and the next call checks before it sends.
          const found = await existing(write, memoryKey, call).catch(() => null);
          if (found) {
            return found;
          }
          throw error;
        }
        await store.delete(write.key);
        attempted.delete(memoryKey);
        throw error;
      }
    });
  };
}
