import { afterEach, describe, expect, it } from 'vitest';
import { FakePort } from '../../widget/test/fakePort';
import { inrSnapshot } from '../../widget/test/fixtures';
import { createDurablePort, isOutboxPort } from './outbox-port';
import { forgetPageOutboxes, withPageOutbox } from './page-outbox';
import type { PageOutboxGlobals } from './page-outbox';
import { memoryOutboxStorage } from './outbox';

afterEach(forgetPageOutboxes);

function page(): PageOutboxGlobals & { online: (() => void)[] } {
  const online: (() => void)[] = [];
  return { online, window: { addEventListener: (_type, listener) => void online.push(listener) }, indexedDB: {} };
}

const call = (key: string) => ({
  idempotencyKey: key, accountId: '001000000000001AAA', contactId: null, direction: 'outbound' as const, disposition: 'reached' as const, conversation: true,
  durationSeconds: 60, occurredAt: '2026-11-20T13:00:00Z', notes: 'Offline call', followUpDate: null, invoiceIds: [], complianceOverride: null,
});

describe('the durable outbox by default in a page', () => {
  it('wraps a port in a page with IndexedDB: an offline call is queued and sent when the connection is back', async () => {
    const crm = new FakePort([inrSnapshot()]);
    const globals = page();
    const port = withPageOutbox(crm, 'https://org.example', { globals, durable: { storage: memoryOutboxStorage(), intervalMs: 0 } });
    expect(isOutboxPort(port)).toBe(true);
    crm.failNext('logCall', 'network');
    expect((await port.logCall(call('page-call-0001'))).queued).toBe(true);
    expect(crm.recordsWithKey('logCall', 'page-call-0001')).toBe(0);
    globals.online.forEach((listener) => listener());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(crm.recordsWithKey('logCall', 'page-call-0001')).toBe(1);
    // A host that still wraps it itself gets the same port back: one outbox, one replayer.
    expect(createDurablePort(port, { storage: memoryOutboxStorage(), intervalMs: 0 })).toBe(port);
  });

  it('leaves the port as it is outside a page (service worker, Node), when opted out, and shares one outbox per org in a page', () => {
    const crm = new FakePort([inrSnapshot()]);
    expect(withPageOutbox(crm, 'https://org.example', { globals: {} })).toBe(crm);
    expect(withPageOutbox(crm, 'https://org.example', { globals: { indexedDB: {} } })).toBe(crm); // a worker: no window
    expect(withPageOutbox(crm, 'https://org.example', { globals: page(), enabled: false })).toBe(crm);
    const globals = page();
    const first = withPageOutbox(crm, 'https://org.example', { globals, durable: { storage: memoryOutboxStorage(), intervalMs: 0 } });
    const again = withPageOutbox(new FakePort([inrSnapshot()]), 'https://org.example', { globals, durable: { storage: memoryOutboxStorage(), intervalMs: 0 } });
    expect(again.logCall).toBe(first.logCall);
    expect(globals.online).toHaveLength(1); // one replayer per org in the page
  });
});
