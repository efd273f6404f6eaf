import { describe, expect, it } from 'vitest';
import { createOutbox, memoryOutboxStorage } from '../../connector/writes/outbox';
import type { OutboxStorage } from '../../connector/writes/outbox';
import { FakePort } from '../../widget/test/fakePort';
import { inrSnapshot } from '../../widget/test/fixtures';
import { createOutboxOwner } from './outbox-owner';

const input = (key: string) => ({
  idempotencyKey: key, accountId: '001000000000001AAA', contactId: null, direction: 'outbound' as const, disposition: 'reached' as const, conversation: true,
  durationSeconds: 60, occurredAt: '2026-11-20T13:00:00Z', notes: 'Offline call', followUpDate: null, invoiceIds: [], complianceOverride: null,
});

describe('the service worker owns the outbox', () => {
  it('queues while offline, replays when the worker restarts and when the browser is back online; one Task each', async () => {
    const storages = new Map<string, OutboxStorage>();
    const storageFor = (org: string) => storages.get(org) ?? storages.set(org, memoryOutboxStorage()).get(org)!;
    let clock = 0;
    const online: (() => void)[] = [];
    const deps = { storageFor, onOnline: (l: () => void) => void online.push(l), setInterval: () => 0, now: () => clock };

    const crm = new FakePort([inrSnapshot()]);
    const worker = createOutboxOwner(deps);
    const port = worker.wrap('org-a', crm);
    crm.failNext('logCall', 'network');
    expect((await port.logCall(input('sw-call-0001'))).queued).toBe(true);
    expect(crm.recordsWithKey('logCall', 'sw-call-0001')).toBe(0);

    // The browser comes back online after the backoff.
    clock += 60_000;
    online.forEach((listener) => listener());
    await new Promise((resolve) => setTimeout(resolve, 0));
    await worker.replayAll();
    expect(crm.recordsWithKey('logCall', 'sw-call-0001')).toBe(1);

    // Queued in one worker life, replayed by the next one as soon as the org's port exists again.
    crm.failNext('logCall', 'network');
    expect((await port.logCall(input('sw-call-0002'))).queued).toBe(true);
    clock += 60_000;
    const restarted = createOutboxOwner(deps);
    restarted.wrap('org-a', crm.restarted());
    await restarted.replayAll();
    expect(crm.recordsWithKey('logCall', 'sw-call-0002')).toBe(1);
    expect(await createOutbox({ storage: storageFor('org-a'), port: crm }).list()).toEqual([]);
  });

  it('replays at startup once per org, not every time the worker wraps a port for a request', async () => {
    const storage = memoryOutboxStorage();
    let listed = 0;
    const counting: OutboxStorage = { ...storage, all: async () => { listed += 1; return storage.all(); } };
    const worker = createOutboxOwner({ storageFor: () => counting, onOnline: () => undefined, setInterval: () => 0, now: () => 0 });
    const crm = new FakePort([inrSnapshot()]);
    for (let i = 0; i < 5; i++) {
      worker.wrap('org-a', crm);
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    const afterWraps = listed;
    expect(afterWraps).toBeGreaterThan(0);
    // A second org gets its own startup replay.
    worker.wrap('org-b', crm);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(listed).toBeGreaterThan(afterWraps);
    const perReplay = listed - afterWraps;
    expect(afterWraps).toBe(perReplay); // five wraps of org-a cost one replay, as one wrap of org-b
  });
});
