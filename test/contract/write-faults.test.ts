/**
 * Write-once under faults: the real connector (fetch client, REST port, the write-once layer) against
 * the sandbox over real HTTP, with the sandbox's fault injection (`addFault`: drop-after-processing,
 * drop-before-processing, delay). Every case must end with EXACTLY ONE record (decisions 0016, 0017).
 * A gateway answering 5xx or garbage after the server committed is a `fetch` in front of the port:
 * the request reaches the sandbox and commits, the connector sees the gateway's answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../connector/errors';
import type { LogCallInput, RecordPromiseInput, WriteResult } from '../../connector/port';
import { createSalesforcePort } from '../../connector/salesforce/index';
import type { SalesforcePortExtras, UnknownOutcomeStore } from '../../connector/salesforce/index';
import { contractDataset, DATASET_NOW, IDS } from './dataset';
import { createSandboxBackend } from './sandbox-backend';
import type { SandboxContractBackend } from './sandbox-backend';

let backend: SandboxContractBackend;
beforeAll(async () => {
  backend = await createSandboxBackend();
  await backend.seed(contractDataset());
});
afterAll(async () => backend?.close());

type PortOptions = Partial<SalesforcePortExtras> & { fetch?: typeof fetch; timeoutMs?: number };
const port = (extras: PortOptions = {}) => createSalesforcePort({
  instanceUrl: backend.instanceUrl, getAccessToken: () => backend.accessToken, now: () => DATASET_NOW, timeZone: 'Asia/Kolkata',
  rowLockRetry: { sleep: async () => {} }, timeoutMs: 5_000, ...extras,
});

let seq = 0;
const key = (label: string): string => `fault-${label}-${(seq += 1)}-${Date.now().toString(36)}`;
const call = (label: string): LogCallInput => ({
  idempotencyKey: key(label), accountId: IDS.account, contactId: IDS.contactAp, direction: 'outbound', disposition: 'reached', conversation: true,
  durationSeconds: 60, occurredAt: '2026-11-20T08:00:00.000Z', notes: 'Spoke to AP', followUpDate: null, invoiceIds: [], complianceOverride: null,
});
const promise = (label: string): RecordPromiseInput => ({
  idempotencyKey: key(label), accountId: IDS.account, contactId: null, amount: { amountMinor: 50_000, currency: 'INR' }, dueDate: '2026-11-30', invoiceIds: [], note: null,
});
const tasks = async (k: string) => (await backend.records('Task')).filter((t) => t.Idempotency_Key__c === k);
const promises = async (k: string) => (await backend.records('Promise_To_Pay__c')).filter((p) => p.Idempotency_Key__c === k);
const persistentStore = (): UnknownOutcomeStore => {
  const keys = new Set<string>();
  return { has: (k) => keys.has(k), add: (k) => void keys.add(k), delete: (k) => void keys.delete(k) };
};

/** A gateway in front of the sandbox: the first request matching `match` is forwarded (it commits), then answered with `answer`. */
function gatewayAfterCommit(match: (url: string, init?: RequestInit) => boolean, answer: () => Response): typeof fetch {
  let armed = true;
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const response = await fetch(input, init);
    if (armed && match(url, init)) {
      armed = false;
      await response.arrayBuffer();
      return answer();
    }
    return response;
  };
}
const isWrite = (url: string, init?: RequestInit): boolean => (init?.method ?? 'GET') !== 'GET' && url.includes('/services/data/');

/** Retries like the panel's Retry button: until an answer, at most `limit` times. */
async function retryUntilAnswered(send: () => Promise<WriteResult>, limit = 10): Promise<WriteResult> {
  let last: unknown;
  for (let attempt = 0; attempt < limit; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

describe('write-once under faults, real connector against the sandbox over HTTP', () => {
  it('drop after commit: the lost answer is resolved by key; one Task, one promise', async () => {
    const c = call('drop');
    backend.sandbox.addFault({ action: 'drop-after-processing', method: 'POST', includes: '/composite' });
    const p = port();
    const first = await p.logCall(c);
    expect(first.id).toBe((await tasks(c.idempotencyKey))[0]?.Id);
    expect(await p.logCall(c)).toEqual({ id: first.id, created: false });
    expect(await tasks(c.idempotencyKey)).toHaveLength(1);

    const pr = promise('drop');
    backend.sandbox.addFault({ action: 'drop-after-processing', method: 'POST', includes: '/sobjects/Promise_To_Pay__c' });
    await p.recordPromise(pr);
    expect(await promises(pr.idempotencyKey)).toHaveLength(1);
  });

  it('5xx after commit (gateway 504, then an unreadable 200), retried after a worker restart: one Task, one promise', async () => {
    const store = persistentStore();
    const c = call('504');
    const gateway504 = gatewayAfterCommit(isWrite, () => new Response('<html>504 Gateway Time-out</html>', { status: 504, headers: { 'Content-Type': 'text/html' } }));
    // The check by key right after the 504 fails too (the gateway is still down): the outcome stays unknown.
    backend.sandbox.addFault({ action: 'drop-before-processing', method: 'GET', includes: '/query' });
    await expect(port({ fetch: gateway504, unknownOutcomeKeys: store }).logCall(c)).rejects.toBeInstanceOf(ConnectorError);
    expect(await tasks(c.idempotencyKey)).toHaveLength(1); // it did commit
    // A restarted service worker: a new port, the same persistent store, the same key.
    const retried = await port({ unknownOutcomeKeys: store }).logCall(c);
    expect(retried).toEqual({ id: (await tasks(c.idempotencyKey))[0]?.Id, created: false });
    expect(await tasks(c.idempotencyKey)).toHaveLength(1);

    const pr = promise('garbage');
    const garbage = gatewayAfterCommit(isWrite, () => new Response('{"id": "a07', { status: 201, headers: { 'Content-Type': 'application/json' } }));
    const resolved = await port({ fetch: garbage }).recordPromise(pr);
    expect(resolved.id).toBe((await promises(pr.idempotencyKey))[0]?.Id);
    expect(await promises(pr.idempotencyKey)).toHaveLength(1);
  });

  it('the timeout race: the client gives up while the server is still working, retries at once; the slow original commits later', async () => {
    const c = call('race');
    const delayMs = 600;
    // A storm: three attempts in a row time out while the server sits on each of them.
    backend.sandbox.addFault({ action: 'delay', method: 'POST', includes: '/composite', delayMs, times: 3 });
    const impatient = port({ timeoutMs: 150 });
    const answered = await retryUntilAnswered(() => impatient.logCall(c));
    // Let every delayed original reach the store.
    await new Promise((resolve) => setTimeout(resolve, delayMs * 2));
    const rows = await tasks(c.idempotencyKey);
    expect(rows).toHaveLength(1);
    expect(answered.id).toBe(rows[0]?.Id);
    // The delayed originals were processed and refused on the receipt's unique key.
    const refused = backend.sandbox.requestLog.filter((e) => e.fault === 'delay' && e.path.endsWith('/composite'));
    expect(refused).toHaveLength(3);
    expect(refused.every((e) => e.status === 200 || e.status === 400)).toBe(true);

    const pr = promise('race');
    backend.sandbox.addFault({ action: 'delay', method: 'POST', includes: '/sobjects/Promise_To_Pay__c', delayMs, times: 2 });
    await retryUntilAnswered(() => impatient.recordPromise(pr));
    await new Promise((resolve) => setTimeout(resolve, delayMs * 2));
    expect(await promises(pr.idempotencyKey)).toHaveLength(1);
  });

  it('a reload without a store (a new port that knows nothing) re-sending a written key: one Task, one promise, nothing overwritten', async () => {
    const c = call('reload');
    const first = await port().logCall(c);
    expect(await port().logCall(c)).toEqual({ id: first.id, created: false });
    expect(await tasks(c.idempotencyKey)).toHaveLength(1);

    const pr = promise('reload');
    const written = await port().recordPromise(pr);
    const row = (await promises(pr.idempotencyKey))[0];
    await backend.seed({ Promise_To_Pay__c: [{ ...row, Status__c: 'Kept' }] });
    expect(await port().recordPromise(pr)).toEqual({ id: written.id, created: false });
    const after = await promises(pr.idempotencyKey);
    expect(after).toHaveLength(1);
    expect(after[0]?.Status__c).toBe('Kept');
  });

  it('50 tabs sharing one key (50 ports, concurrently): one Task, one promise, every tab gets its id', async () => {
    const c = call('tabs');
    const results = await Promise.all(Array.from({ length: 50 }, () => port().logCall(c)));
    const rows = await tasks(c.idempotencyKey);
    expect(rows).toHaveLength(1);
    expect(new Set(results.map((r) => r.id))).toEqual(new Set([rows[0]?.Id]));
    expect(results.filter((r) => r.created)).toHaveLength(1);

    const pr = promise('tabs');
    const promiseResults = await Promise.all(Array.from({ length: 50 }, () => port().recordPromise(pr)));
    expect(await promises(pr.idempotencyKey)).toHaveLength(1);
    expect(new Set(promiseResults.map((r) => r.id)).size).toBe(1);
  });
});
