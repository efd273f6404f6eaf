/**
 * The durable outbox by default in a page (issue 16): an embed host that builds its port with the
 * connector bundle's `createSalesforcePort` gets writes that survive being offline or an outage
 * without wrapping anything itself. One outbox per org per page (IndexedDB database per org, shared
 * by every tab under a Web Lock), replayed on startup, when the connection is back and every 15 s.
 * Not in a service worker or Node (no `window`): the extension's worker owns its outbox
 * (extension/src/outbox-owner.ts) and wraps the port itself; tests and the CLI write directly.
 */
import type { CollectionsPort } from '../port';
import { indexedDbOutboxStorage } from './outbox-idb';
import { createDurablePort, isOutboxPort } from './outbox-port';
import type { DurablePortOptions, OutboxPort } from './outbox-port';

/** The browser parts a page outbox needs; absent outside a page. */
export interface PageOutboxGlobals {
  window?: { addEventListener(type: 'online', listener: () => void): void };
  indexedDB?: unknown;
  navigator?: { locks?: { request<T>(name: string, task: () => Promise<T>): Promise<T> } };
}

const pageOutboxes = new Map<string, OutboxPort>();

/** Forget the page's outboxes (tests). */
export function forgetPageOutboxes(): void {
  pageOutboxes.clear();
}

/**
 * `port` with the org's durable outbox when running in a page with IndexedDB; `port` itself
 * elsewhere, when already wrapped, or when the host opts out (`enabled: false`). The first port of
 * an org in the page owns the outbox's replays; later ports (a panel mounted again) share its queue.
 */
export function withPageOutbox<P extends CollectionsPort>(port: P, orgKey: string, options: { enabled?: boolean; globals?: PageOutboxGlobals; durable?: Partial<DurablePortOptions> } = {}): P {
  const globals = options.globals ?? (globalThis as PageOutboxGlobals);
  if (options.enabled === false || isOutboxPort(port) || typeof globals.window === 'undefined' || typeof globals.indexedDB === 'undefined') {
    return port;
  }
  let durable = pageOutboxes.get(orgKey);
  if (!durable) {
    const locks = globals.navigator?.locks;
    durable = createDurablePort(port, {
      storage: indexedDbOutboxStorage(`collections-outbox:${orgKey}`),
      ...(locks ? { lock: <T>(task: () => Promise<T>) => locks.request(`collections-outbox:${orgKey}`, task) } : {}),
      onOnline: (listener) => globals.window!.addEventListener('online', listener),
      ...options.durable,
    });
    pageOutboxes.set(orgKey, durable);
  }
  // Also for a later port of the org (a panel mounted again in the page): the org's durable port answers
  // the panel (the first port's transport, the one queue); the new port's extras stay.
  return { ...port, ...durable } as P;
}
