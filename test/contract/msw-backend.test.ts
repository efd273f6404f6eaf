import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractDataset, IDS } from './dataset';
import { createMswBackend } from './msw-backend';
import type { MswBackend } from './msw-backend';

let backend: MswBackend;
beforeAll(async () => {
  backend = createMswBackend({ instanceUrl: 'https://msw-backend.my.salesforce.com' });
  await backend.seed(contractDataset());
});
afterAll(async () => backend.close());

const V = '/services/data/v66.0';
const auth = (): Record<string, string> => ({ Authorization: `Bearer ${backend.accessToken}` });

describe('msw contract backend (sandbox in-process org behind msw)', () => {
  it('serves the seeded dataset through the sandbox handler and counts requests', async () => {
    backend.resetRequestCount();
    const response = await fetch(`${backend.instanceUrl}${V}/query?q=${encodeURIComponent(`SELECT Name FROM Account WHERE Id = '${IDS.account}'`)}`, { headers: auth() });
    expect(response.status).toBe(200);
    expect(response.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/15000$/);
    const body = await response.json() as { records: Array<{ Name: string }> };
    expect(body.records).toHaveLength(1);
    expect(backend.requestCount()).toBe(1);
    expect(backend.seen[0]).toMatchObject({ method: 'GET', path: expect.stringContaining('/query?q=') });
  });

  it('fails requests the connector never sends (onUnhandledRequest: error)', async () => {
    await expect(fetch(`${backend.instanceUrl}${V}/sobjects/Account/${IDS.account}`, { method: 'DELETE', headers: auth() })).rejects.toThrow();
    expect((await backend.records('Account')).some((a) => a.Id === IDS.account)).toBe(true);
  });

  it('seed replaces whole records by Id, and records() returns copies', async () => {
    const original = contractDataset().Account?.[0] ?? {};
    await backend.seed({ Account: [{ Id: IDS.account, Name: 'Replaced Ltd' }] });
    const [account] = (await backend.records('Account')).filter((a) => a.Id === IDS.account);
    expect(account?.Name).toBe('Replaced Ltd');
    // Fields the new version leaves out are not carried over.
    const droppedField = Object.keys(original).find((k) => k !== 'Id' && k !== 'Name' && original[k] !== null && typeof original[k] !== 'boolean');
    expect(droppedField).toBeDefined();
    expect(account?.[droppedField as string] ?? null).toBeNull();
    if (account) {
      account.Name = 'mutated copy';
    }
    expect((await backend.records('Account')).find((a) => a.Id === IDS.account)?.Name).toBe('Replaced Ltd');
    await backend.seed({ Account: [original] });
  });

  it('failNextResponseAfterProcessing commits the write but the client sees a network failure', async () => {
    backend.failNextResponseAfterProcessing({ method: 'POST', pathIncludes: '/sobjects/Task' });
    const send = fetch(`${backend.instanceUrl}${V}/sobjects/Task`, {
      method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: JSON.stringify({ Subject: 'lost answer', WhatId: IDS.account }),
    });
    await expect(send).rejects.toThrow();
    expect((await backend.records('Task')).filter((task) => task.Subject === 'lost answer')).toHaveLength(1);
  });
});
