/**
 * A CollectionsPort whose writes go through the durable outbox: sent at once when the CRM answers,
 * otherwise stored and answered `{ id: 'queued:<key>', created: true, queued: true }` so the panel
 * can say "queued — will be sent". Reads pass straight through. `listQueued` lets the panel and the
 * timeline show what is waiting, and frequency caps count queued calls (`queuedContacts`).
 */
import type { CollectionsPort, WriteResult } from '../port';
import { PORT_METHODS } from '../port';
import type { Outbox, OutboxEntry } from './outbox';
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

export function withOutbox(port: CollectionsPort, outbox: Outbox): OutboxPort {
  const wrapped: Record<string, unknown> = {
    loadSnapshot: port.loadSnapshot.bind(port),
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
