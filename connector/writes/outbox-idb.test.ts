import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FakePort } from '../../widget/test/fakePort';
import { inrSnapshot } from '../../widget/test/fixtures';
import { createOutbox } from './outbox';
import { indexedDbOutboxStorage } from './outbox-idb';

describe('outbox in IndexedDB', () => {
  it('keeps a queued call across a reload (a new storage handle on the same database) and sends it once', async () => {
    const port = new FakePort([inrSnapshot()]);
    const input = {
      idempotencyKey: 'idb-call-00000001', accountId: '001000000000001AAA', contactId: null, direction: 'outbound' as const, disposition: 'reached' as const, conversation: true,
      durationSeconds: 60, occurredAt: '2026-11-20T13:00:00Z', notes: 'Queued offline', followUpDate: null, invoiceIds: [], complianceOverride: null,
    };
    port.failNext('logCall', 'network');
    expect((await createOutbox({ storage: indexedDbOutboxStorage('outbox-test'), port }).submit('logCall', input)).status).toBe('queued');

    const reloaded = createOutbox({ storage: indexedDbOutboxStorage('outbox-test'), port: port.restarted(), now: () => Date.now() + 60_000 });
    expect((await reloaded.list()).map((e) => e.key)).toEqual([input.idempotencyKey]);
    expect(await reloaded.replay()).toEqual({ sent: 1, queued: 0, refused: 0 });
    expect(port.recordsWithKey('logCall', input.idempotencyKey)).toBe(1);
    expect(await reloaded.list()).toEqual([]);
  });
});
