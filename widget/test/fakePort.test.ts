import { describe, expect, it } from 'vitest';
import type { LogCallInput } from '../../connector/port';
import { FakePort } from './fakePort';
import { inrSnapshot } from './fixtures';

const ACCOUNT = '001000000000001AAA';

function call(idempotencyKey: string): LogCallInput {
  return {
    idempotencyKey,
    accountId: ACCOUNT,
    contactId: null,
    direction: 'outbound',
    disposition: 'reached',
    conversation: true,
    durationSeconds: 60,
    occurredAt: '2026-11-20T13:00:00Z',
    notes: 'Spoke with accounts payable',
    followUpDate: null,
    invoiceIds: [],
    complianceOverride: null,
  };
}

const calls = (port: FakePort) => port.snapshots.get(ACCOUNT)?.activities.filter((a) => a.kind === 'call').length;

describe('FakePort idempotency (the real port contract)', () => {
  it('a repeated key returns the existing record id with created:false and writes nothing', async () => {
    const port = new FakePort([inrSnapshot()]);
    const before = calls(port);
    const first = await port.logCall(call('key-00000001'));
    const again = await port.logCall(call('key-00000001'));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(calls(port)).toBe((before ?? 0) + 1);
    expect(port.count('logCall')).toBe(2);
    expect(port.created('logCall')).toBe(1);
  });

  it('a failure before the write creates nothing; one after the write keeps the record for the retry', async () => {
    const port = new FakePort([inrSnapshot()]);
    const before = calls(port) ?? 0;
    port.failNext('logCall', 'network');
    await expect(port.logCall(call('key-00000002'))).rejects.toMatchObject({ kind: 'network' });
    expect(calls(port)).toBe(before);

    port.failNext('logCall', 'timeout', { afterWrite: true });
    await expect(port.logCall(call('key-00000003'))).rejects.toMatchObject({ kind: 'timeout' });
    expect(calls(port)).toBe(before + 1);
    const retry = await port.logCall(call('key-00000003'));
    expect(retry.created).toBe(false);
    expect(calls(port)).toBe(before + 1);
    expect(port.count('logCall')).toBe(3);
  });

  it('scopes keys per write kind', async () => {
    const port = new FakePort([inrSnapshot()]);
    await port.logCall(call('key-00000004'));
    const promise = await port.recordPromise({ idempotencyKey: 'key-00000004', accountId: ACCOUNT, contactId: null, amount: { amountMinor: 100, currency: 'INR' }, dueDate: '2026-11-30', invoiceIds: [], note: null });
    expect(promise.created).toBe(true);
  });
});
