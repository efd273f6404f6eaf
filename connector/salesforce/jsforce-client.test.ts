import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsforceClient } from './jsforce-client';

const ORIGIN = 'https://bulk.my.salesforce.com';
const JOBS = `${ORIGIN}/services/data/v66.0/jobs/query`;
const JOB_ID = '750000000000001AAA';
const server = setupServer(
  http.post(JOBS, async ({ request }) => {
    const body = (await request.json()) as { query: string; operation: string };
    expect(body).toMatchObject({ operation: 'query', query: 'SELECT Id, Name FROM Account' });
    return HttpResponse.json({ id: JOB_ID, operation: 'query', object: 'Account', state: 'UploadComplete' });
  }),
  http.get(`${JOBS}/${JOB_ID}`, () => HttpResponse.json({ id: JOB_ID, state: 'JobComplete', numberRecordsProcessed: 2 })),
  http.get(`${JOBS}/${JOB_ID}/results`, () => new HttpResponse('"Id","Name"\n"001000000000001AAA","Kaveri Textiles"\n"001000000000002AAA","Acme, Inc."\n', {
    headers: { 'Content-Type': 'text/csv', 'Sforce-Locator': 'null', 'Sforce-NumberOfRecords': '2' },
  })),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('jsforce client (Node only)', () => {
  it('runs a Bulk API 2.0 query for portfolio work and returns every row', async () => {
    const client = createJsforceClient({ instanceUrl: ORIGIN, accessToken: 'T' });
    const rows = await client.bulk2Query('SELECT Id, Name FROM Account', { pollIntervalMs: 10, pollTimeoutMs: 5_000 });
    expect(rows).toEqual([
      { Id: '001000000000001AAA', Name: 'Kaveri Textiles' },
      { Id: '001000000000002AAA', Name: 'Acme, Inc.' },
    ]);
  });

  it('refuses a non-HTTPS instance and maps Lightning hosts (jsforce would throw on them)', () => {
    expect(() => createJsforceClient({ instanceUrl: 'http://acme.my.salesforce.com', accessToken: 'T' })).toThrow();
    expect(createJsforceClient({ instanceUrl: 'https://acme.lightning.force.com', accessToken: 'T' }).connection.instanceUrl).toBe('https://acme.my.salesforce.com');
  });
});
