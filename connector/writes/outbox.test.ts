import { describe, expect, it } from 'vitest';
import { FakePort } from '../../widget/test/fakePort';
import { inrSnapshot } from '../../widget/test/fixtures';
import type { LogCallInput } from '../port';
import { createOutbox, memoryOutboxStorage } from './outbox';

const ACCOUNT = '001000000000001AAA';
let seq = 0;
const call = (): LogCallInput => ({
  idempotencyKey: `outbox-call-${(seq += 1)}`, accountId: ACCOUNT, contactId: null, direction: 'outbound', disposition: 'reached', conversation: true,
  durationSeconds: 60, occurredAt: '2026-11-20T13:00:00Z', notes: 'Spoke with AP', followUpDate: null, invoiceIds: [], complianceOverride: null,
});
const tasksWith = (port: FakePort, key: string): number => port.recordsWithKey('logCall', key);

/** A lock shared by several outboxes, like Web Locks across tabs. */
function sharedLock(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.then(() => undefined, () => undefined);
    return run;
  };
}

describe('outbox', () => {
  it('offline: the call is queued (stored), shown, then sent once on reconnect', async () => {
    const port = new FakePort([inrSnapshot()]);
    const storage = memoryOutboxStorage();
    let clock = 1_000_000;
    const outbox = createOutbox({ storage, port, now: () => clock });
    const input = call();
    port.failNext('logCall', 'network');
    const outcome = await outbox.submit('logCall', input);
    expect(outcome.status).toBe('queued');
    expect((await outbox.list(ACCOUNT)).map((e) => [e.key, e.state, e.attempts])).toEqual([[input.idempotencyKey, 'queued', 1]]);
    expect(tasksWith(port, input.idempotencyKey)).toBe(0);
    // Backoff: not before its time.
    expect(await outbox.replay()).toEqual({ sent: 0, queued: 1, refused: 0 });
    clock += 5_000;
    expect(await outbox.replay()).toEqual({ sent: 1, queued: 0, refused: 0 });
    expect(tasksWith(port, input.idempotencyKey)).toBe(1);
    expect(await outbox.list()).toEqual([]);
  });

  it('an answer lost after the commit, then a reload (new port, new outbox, same storage): exactly one Task', async () => {
    const port = new FakePort([inrSnapshot()]);
    const storage = memoryOutboxStorage();
    const input = call();
    port.failNext('logCall', 'timeout', { afterWrite: true });
    expect((await createOutbox({ storage, port }).submit('logCall', input)).status).toBe('queued');
    const reloaded = createOutbox({ storage, port: port.restarted(), now: () => Date.now() + 60_000 });
    expect(await reloaded.replay()).toEqual({ sent: 1, queued: 0, refused: 0 });
    expect(tasksWith(port, input.idempotencyKey)).toBe(1);
  });

  it('several tabs replaying the same stored entries at once send each one once', async () => {
    const port = new FakePort([inrSnapshot()]);
    const storage = memoryOutboxStorage();
    const lock = sharedLock();
    const inputs = [call(), call(), call()];
    for (const input of inputs) {
      port.failNext('logCall', 'network');
      await createOutbox({ storage, port, lock }).submit('logCall', input);
    }
    const tabPorts = Array.from({ length: 5 }, () => port.restarted());
    const tabs = tabPorts.map((tabPort) => createOutbox({ storage, port: tabPort, lock, now: () => Date.now() + 60_000 }));
    const results = await Promise.all(tabs.map((tab) => tab.replay()));
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(3);
    for (const input of inputs) {
      expect(tasksWith(port, input.idempotencyKey)).toBe(1);
    }
    // No entry was sent by two tabs.
    expect(tabPorts.reduce((sum, tabPort) => sum + tabPort.count('logCall'), 0)).toBe(3);
  });

  it('a refusal (invalid input) throws and leaves nothing queued; a refusal on replay is kept for the collector', async () => {
    const port = new FakePort([inrSnapshot()]);
    const outbox = createOutbox({ storage: memoryOutboxStorage(), port });
    await expect(outbox.submit('recordPromise', { idempotencyKey: 'outbox-ptp-0001', accountId: ACCOUNT, contactId: null, amount: { amountMinor: 0, currency: 'INR' }, dueDate: '2026-11-30', invoiceIds: [], note: null }))
      .rejects.toMatchObject({ kind: 'invalid_input' });
    expect(await outbox.list()).toEqual([]);

    const storage = memoryOutboxStorage();
    const queued = createOutbox({ storage, port, now: () => 0 });
    port.failNext('logCall', 'network');
    const input = call();
    await queued.submit('logCall', input);
    port.failNext('logCall', 'insufficient_access');
    expect(await createOutbox({ storage, port, now: () => 10 ** 12 }).replay()).toEqual({ sent: 0, queued: 0, refused: 1 });
    expect((await queued.list())[0]).toMatchObject({ key: input.idempotencyKey, state: 'refused' });
  });

  it('sent at once when online: nothing stays queued', async () => {
    const port = new FakePort([inrSnapshot()]);
    const outbox = createOutbox({ storage: memoryOutboxStorage(), port });
    const outcome = await outbox.submit('logCall', call());
    expect(outcome).toMatchObject({ status: 'sent', result: { created: true } });
    expect(await outbox.list()).toEqual([]);
  });
});
