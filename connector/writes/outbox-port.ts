/**
 * A CollectionsPort whose writes go through the durable outbox: sent at once when the CRM answers,
 * otherwise stored and answered `{ id: 'queued:<key>', created: true, queued: true }` so the panel
 * can say "queued — will be sent". The snapshot's history lists the account's queued calls,
 * activities and notes (`queued: true`), so the timeline shows them and the compliance engine's
 * frequency caps count them; `listQueued` lists every queued write.
 */
import type { Activity, PromiseToPay } from '../domain/model';
import type { AccountSnapshot, CollectionsPort, WriteResult } from '../port';
import { PORT_METHODS } from '../port';
import { createOutbox, keepsQueued } from './outbox';
import type { Outbox, OutboxEntry, OutboxStorage } from './outbox';
import type { PortWriteInputs, PortWriteMethod } from './plan';

export const QUEUED_ID_PREFIX = 'queued:';

export interface OutboxPort extends CollectionsPort {
  /** Writes of an account waiting in the outbox, oldest first. */
  listQueued(accountId: string): Promise<OutboxEntry[]>;
}

/** Calls and activities still in the outbox for an account: they count against contact frequency caps. */
export function queuedContacts(entries: readonly OutboxEntry[]): { occurredAt: string; conversation: boolean; contactId: string | null }[] {
  return entries
    .filter((e) => e.state === 'queued' && (e.method === 'logCall' || e.method === 'logActivity'))
    .map((e) => {
      const input = e.input as PortWriteInputs['logCall'] | PortWriteInputs['logActivity'];
      return { occurredAt: input.occurredAt, conversation: input.conversation, contactId: input.contactId };
    });
}

/** A queued call, activity or note as a timeline entry (`queued: true`), so caps and the panel see it. */
export function queuedActivity(entry: OutboxEntry): Activity | null {
  const id = `${QUEUED_ID_PREFIX}${entry.key}`;
  if (entry.state !== 'queued') {
    return null;
  }
  if (entry.method === 'logCall') {
    const c = entry.input as PortWriteInputs['logCall'];
    return { id, kind: 'call', direction: c.direction, occurredAt: c.occurredAt, contactId: c.contactId, disposition: c.disposition, durationSeconds: c.durationSeconds, conversation: c.conversation, subject: 'Call', body: c.notes, complianceOverride: c.complianceOverride, queued: true };
  }
  if (entry.method === 'logActivity') {
    const a = entry.input as PortWriteInputs['logActivity'];
    return { id, kind: a.kind, direction: 'outbound', occurredAt: a.occurredAt, contactId: a.contactId, conversation: a.conversation, subject: a.subject, body: a.body, complianceOverride: a.complianceOverride, queued: true };
  }
  if (entry.method === 'addNote') {
    const n = entry.input as PortWriteInputs['addNote'];
    return { id, kind: 'note', direction: 'outbound', occurredAt: entry.queuedAt, conversation: false, subject: n.title, body: n.body, queued: true };
  }
  return null;
}

/**
 * A queued promise as the snapshot's promise (`queued: true`, pending, taken on the day it was
 * queued), so the summary, the invoice list and the timeline show it "queued — will be sent" and the
 * ladder and priority see a promise in force, as they will once it is sent.
 */
export function queuedPromise(entry: OutboxEntry): PromiseToPay | null {
  if (entry.state !== 'queued' || entry.method !== 'recordPromise') {
    return null;
  }
  const p = entry.input as PortWriteInputs['recordPromise'];
  return { id: `${QUEUED_ID_PREFIX}${entry.key}`, takenOn: entry.queuedAt.slice(0, 10), dueDate: p.dueDate, amount: p.amount, invoiceIds: p.invoiceIds, status: 'pending', contactId: p.contactId, note: p.note, queued: true };
}

/** The snapshot with the account's queued calls, activities, notes (history, newest first) and promises. */
async function withQueued(snapshot: AccountSnapshot, outbox: Outbox): Promise<AccountSnapshot> {
  const entries = await outbox.list(snapshot.account.id);
  const queued = entries.map(queuedActivity).filter((a): a is Activity => a !== null);
  const promises = entries.map(queuedPromise).filter((p): p is PromiseToPay => p !== null);
  if (queued.length === 0 && promises.length === 0) {
    return snapshot;
  }
  const activities = [...queued, ...snapshot.activities].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
  return { ...snapshot, activities, promises: [...promises, ...snapshot.promises] };
}

/** True for a port whose writes already go through an outbox. */
export function isOutboxPort(port: CollectionsPort): port is OutboxPort {
  return typeof (port as Partial<OutboxPort>).listQueued === 'function';
}

export function withOutbox(port: CollectionsPort, outbox: Outbox): OutboxPort {
  /** The last snapshot per record loaded: offline, the panel still shows it (its `fetchedAt` says when) with what is queued. */
  const lastLoaded = new Map<string, AccountSnapshot>();
  const wrapped: Record<string, unknown> = {
    loadSnapshot: async (...args: Parameters<CollectionsPort['loadSnapshot']>) => {
      const [ref] = args;
      let snapshot: AccountSnapshot;
      try {
        snapshot = await port.loadSnapshot(...args);
      } catch (error) {
        const cached = lastLoaded.get(ref.id);
        if (!cached || !keepsQueued(error)) {
          throw error;
        }
        snapshot = cached;
      }
      lastLoaded.set(ref.id, snapshot);
      return withQueued(snapshot, outbox);
    },
    listContacts: port.listContacts.bind(port),
    listQueued: (accountId: string) => outbox.list(accountId),
  };
  for (const method of PORT_METHODS) {
    if (method === 'loadSnapshot' || method === 'listContacts') {
      continue;
    }
    wrapped[method] = async (input: PortWriteInputs[PortWriteMethod]): Promise<WriteResult> => {
      const outcome = await outbox.submit(method, input);
      return outcome.status === 'sent' ? outcome.result : { id: `${QUEUED_ID_PREFIX}${input.idempotencyKey}`, created: true, queued: true };
    };
  }
  return wrapped as unknown as OutboxPort;
}

export interface DurablePortOptions {
  storage: OutboxStorage;
  /** Cross-tab lock, e.g. `(task) => navigator.locks.request('collections-outbox', task)`. */
  lock?: <T>(task: () => Promise<T>) => Promise<T>;
  /** Registers a listener for "the connection is back" (`window` 'online'). */
  onOnline?: (listener: () => void) => void;
  /** Retry what is due this often (ms); 0 = never. Default 15 s. */
  intervalMs?: number;
  setInterval?: (task: () => void, ms: number) => unknown;
}

/**
 * For page hosts (the embed, the demo page): the port with a durable outbox that replays on startup,
 * when the connection comes back (ignoring the backoff) and every `intervalMs`.
 */
export function createDurablePort(port: CollectionsPort, options: DurablePortOptions): OutboxPort {
  if (isOutboxPort(port)) {
    return port; // already durable (the connector bundle's page port is): one outbox, one replayer
  }
  const outbox = createOutbox({ storage: options.storage, port, ...(options.lock ? { lock: options.lock } : {}) });
  const replay = (ignoreBackoff: boolean) => void outbox.replay({ ignoreBackoff }).catch(() => undefined);
  options.onOnline?.(() => replay(true));
  const interval = options.intervalMs ?? 15_000;
  if (interval > 0) {
    (options.setInterval ?? ((task, ms) => setInterval(task, ms)))(() => replay(false), interval);
  }
  replay(false);
  return withOutbox(port, outbox);
}
