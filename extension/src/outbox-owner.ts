/**
 * The service worker owns the outbox (one per org, in the worker's IndexedDB, so every tab shares
 * it): each org's connector port is wrapped so writes that cannot reach Salesforce are queued, and
 * queued writes are replayed — when the worker starts (the first port of an org), when the browser
 * comes back online, and every `intervalMs` while the worker is awake — one replayer at a time
 * across the worker and any page (Web Locks), always with the writes' own keys.
 */
import type { CollectionsPort } from '../../connector/port';
import { createOutbox } from '../../connector/writes/outbox';
import type { Outbox, OutboxStorage } from '../../connector/writes/outbox';
import { withOutbox } from '../../connector/writes/outbox-port';
import type { OutboxPort } from '../../connector/writes/outbox-port';

export interface OutboxOwnerDeps {
  /** The org's durable storage (IndexedDB database per org origin). */
  storageFor(orgKey: string): OutboxStorage;
  /** `navigator.locks` when available. */
  locks?: { request<T>(name: string, task: () => Promise<T>): Promise<T> };
  /** Registers a listener for the browser coming back online. */
  onOnline(listener: () => void): void;
  setInterval(task: () => void, ms: number): unknown;
  intervalMs?: number;
  now?: () => number;
  log?: (message: string, error: unknown) => void;
}

export interface OutboxOwner {
  /** The org's port with its writes through the org's outbox; starts a replay of what is queued. */
  wrap(orgKey: string, port: CollectionsPort): OutboxPort;
  /** Replays every org's outbox once. */
  replayAll(): Promise<void>;
}

export function createOutboxOwner(deps: OutboxOwnerDeps): OutboxOwner {
  const outboxes = new Map<string, Outbox>();
  const replay = (orgKey: string, outbox: Outbox): Promise<void> =>
    outbox.replay().then(() => undefined, (error: unknown) => deps.log?.(`outbox replay for ${orgKey} failed`, error));
  const replayAll = async (): Promise<void> => {
    await Promise.all([...outboxes].map(([orgKey, outbox]) => replay(orgKey, outbox)));
  };
  deps.onOnline(() => void replayAll());
  deps.setInterval(() => void replayAll(), deps.intervalMs ?? 30_000);
  return {
    wrap(orgKey, port) {
      const locks = deps.locks;
      const outbox = createOutbox({
        storage: deps.storageFor(orgKey),
        port,
        ...(deps.now ? { now: deps.now } : {}),
        ...(locks ? { lock: <T>(task: () => Promise<T>) => locks.request(`collections-outbox:${orgKey}`, task) } : {}),
      });
      // Replay at startup once per org (its first port in this worker's life), not on every wrap:
      // the worker wraps a port per request, and each replay costs a read of the queue at least.
      const first = !outboxes.has(orgKey);
      outboxes.set(orgKey, outbox); // the latest port sends what is replayed later (fresh settings)
      if (first) {
        void replay(orgKey, outbox);
      }
      return withOutbox(port, outbox);
    },
    replayAll,
  };
}
