import { describe, expect, it } from 'vitest';
import { FakePort } from '../../widget/test/fakePort';
import { inrSnapshot } from '../../widget/test/fixtures';
import { createOutbox, memoryOutboxStorage } from './outbox';
import { queuedContacts, withOutbox } from './outbox-port';

const ACCOUNT = '001000000000001AAA';

describe('withOutbox', () => {
  it('answers "queued" while the CRM is unreachable, lists the write, counts it as a contact, and sends it once on replay', async () => {
    const crm = new FakePort([inrSnapshot()]);
    let clock = 0;
    const outbox = createOutbox({ storage: memoryOutboxStorage(), port: crm, now: () => clock });
    const port = withOutbox(crm, outbox);
    crm.failNext('logCall', 'network');
    const input = {
      idempotencyKey: 'outbox-port-0001', accountId: ACCOUNT, contactId: '003000000000001AAA', direction: 'outbound' as const, disposition: 'reached' as const, conversation: true,
      durationSeconds: 60, occurredAt: '2026-11-20T13:00:00Z', notes: 'Queued', followUpDate: null, invoiceIds: [], complianceOverride: null,
    };
    expect(await port.logCall(input)).toEqual({ id: 'queued:outbox-port-0001', created: true, queued: true });
    const queued = await port.listQueued(ACCOUNT);
    expect(queued.map((e) => e.method)).toEqual(['logCall']);
    expect(queuedContacts(queued)).toEqual([{ occurredAt: input.occurredAt, conversation: true, contactId: input.contactId }]);
    // The history the compliance engine's frequency caps count includes the queued call.
    const snapshot = await port.loadSnapshot({ id: ACCOUNT });
    expect(snapshot.activities[0]).toMatchObject({ id: 'queued:outbox-port-0001', kind: 'call', queued: true, conversation: true, occurredAt: input.occurredAt });
    clock += 60_000; // reconnect, after the backoff
    expect(await outbox.replay()).toEqual({ sent: 1, queued: 0, refused: 0 });
    expect(crm.recordsWithKey('logCall', input.idempotencyKey)).toBe(1);
    expect(await port.listQueued(ACCOUNT)).toEqual([]);
  });

  it('offline, the snapshot is the last one loaded with the queued writes in its history', async () => {
    const crm = new FakePort([inrSnapshot()]);
    const port = withOutbox(crm, createOutbox({ storage: memoryOutboxStorage(), port: crm }));
    const online = await port.loadSnapshot({ id: ACCOUNT });
    crm.failNext('addNote', 'network');
    await port.addNote({ idempotencyKey: 'outbox-port-0003', accountId: ACCOUNT, title: 'Offline note', body: 'B' });
    crm.failNext('loadSnapshot', 'network');
    const offline = await port.loadSnapshot({ id: ACCOUNT });
    expect(offline.fetchedAt).toBe(online.fetchedAt);
    expect(offline.activities[0]).toMatchObject({ kind: 'note', subject: 'Offline note', queued: true });
    // A refusal is not hidden behind the old snapshot.
    crm.failNext('loadSnapshot', 'insufficient_access');
    await expect(port.loadSnapshot({ id: ACCOUNT })).rejects.toMatchObject({ kind: 'insufficient_access' });
  });

  it('passes a write straight through when the CRM answers', async () => {
    const crm = new FakePort([inrSnapshot()]);
    const port = withOutbox(crm, createOutbox({ storage: memoryOutboxStorage(), port: crm }));
    const result = await port.addNote({ idempotencyKey: 'outbox-port-0002', accountId: ACCOUNT, title: 'T', body: 'B' });
    expect(result).toMatchObject({ created: true });
    expect(result.queued).toBeUndefined();
    expect(await port.listQueued(ACCOUNT)).toEqual([]);
  });
});
