import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConnectorError } from '../errors';
import { createFetchClient, instanceOrigin } from './fetch-client';

const ORIGIN = 'https://acme.my.salesforce.com';
const V = '/services/data/v66.0';
const seen: Request[] = [];
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());
server.events.on('request:start', ({ request }) => {
  seen.push(request.clone());
});

const emptyQuery = { totalSize: 0, done: true, records: [] };

describe('fetch client', () => {
  it('sends Bearer auth, API version 66.0 by default and Sforce-Call-Options on every request', async () => {
    server.use(
      http.get(`${ORIGIN}${V}/query`, () => HttpResponse.json(emptyQuery, { headers: { 'Sforce-Limit-Info': 'api-usage=25/15000' } })),
      http.post(`${ORIGIN}${V}/composite`, () => HttpResponse.json({ compositeResponse: [] })),
      http.patch(`${ORIGIN}${V}/sobjects/Promise_To_Pay__c/Idempotency_Key__c/:key`, () => HttpResponse.json({ id: 'a03000000000001AAA', success: true, errors: [], created: true }, { status: 201 })),
      http.get(`${ORIGIN}${V}/limits`, () => HttpResponse.json({ DailyApiRequests: { Max: 15000, Remaining: 14975 } })),
    );
    const usage = vi.fn();
    const client = createFetchClient({ instanceUrl: `${ORIGIN}/lightning/page`, getAccessToken: async () => 'TOKEN', onApiUsage: usage });
    await client.query('SELECT Id FROM Account');
    await client.composite({ allOrNone: false, compositeRequest: [] });
    const upsert = await client.upsert('Promise_To_Pay__c', 'Idempotency_Key__c', 'key-000001', { Amount__c: 1 });
    await client.limits();
    expect(upsert.created).toBe(true);
    expect(seen).toHaveLength(4);
    for (const request of seen) {
      expect(request.headers.get('Sforce-Call-Options')).toBe('client=CollectionsPanel');
      expect(request.headers.get('Authorization')).toBe('Bearer TOKEN');
      expect(new URL(request.url).pathname.startsWith('/services/data/v66.0/')).toBe(true);
    }
    expect(usage).toHaveBeenCalledWith({ used: 25, total: 15000 });
    expect(client.lastApiUsage()).toEqual({ used: 25, total: 15000 });
  });

  it('tells created from existing upserts by status (201 vs 200)', async () => {
    server.use(http.patch(`${ORIGIN}${V}/sobjects/Settlement_Offer__c/Idempotency_Key__c/:key`, () => HttpResponse.json({ id: 'a07000000000001AAA', success: true, errors: [] }, { status: 200 })));
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'T' });
    expect((await client.upsert('Settlement_Offer__c', 'Idempotency_Key__c', 'k/with?odd#chars', {})).created).toBe(false);
    expect(new URL(seen[0]?.url ?? '').pathname).toBe(`${V}/sobjects/Settlement_Offer__c/Idempotency_Key__c/k%2Fwith%3Fodd%23chars`);
  });

  it('pins every URL to the instance origin over HTTPS (plain HTTP only on loopback)', async () => {
    expect(() => createFetchClient({ instanceUrl: 'http://acme.my.salesforce.com', getAccessToken: () => 'T' })).toThrow(ConnectorError);
    expect(instanceOrigin('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(instanceOrigin('http://localhost:8787')).toBe('http://localhost:8787');
    expect(instanceOrigin('http://[::1]:8787')).toBe('http://[::1]:8787');
    expect(() => instanceOrigin('https://user:pw@acme.my.salesforce.com')).toThrow(ConnectorError);
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'T' });
    await expect(client.queryMore('https://evil.example/services/data/v66.0/query/01g-2000')).rejects.toMatchObject({ kind: 'invalid_input' });
    await expect(client.queryMore('//evil.example/services/data/v66.0/query/01g')).rejects.toMatchObject({ kind: 'invalid_input' });
    await expect(client.queryMore('/secur/frontdoor.jsp?sid=x')).rejects.toMatchObject({ kind: 'invalid_input' });
    await expect(client.describe('Account/../../x')).rejects.toThrow();
    expect(seen).toHaveLength(0);
  });

  it('collapses N concurrent INVALID_SESSION_ID answers into ONE refresh', async () => {
    server.use(
      http.get(`${ORIGIN}${V}/query`, ({ request }) =>
        request.headers.get('Authorization') === 'Bearer FRESH'
          ? HttpResponse.json(emptyQuery)
          : HttpResponse.json([{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }], { status: 401 })),
    );
    const refresh = vi.fn(async () => {
      await delay(20);
      return 'FRESH';
    });
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'STALE', refreshAccessToken: refresh });
    const results = await Promise.all(Array.from({ length: 5 }, () => client.query('SELECT Id FROM Account')));
    expect(results).toHaveLength(5);
    expect(refresh).toHaveBeenCalledTimes(1);
    // Later calls reuse the refreshed token without another refresh.
    await client.query('SELECT Id FROM Account');
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('reports a failed refresh as session_expired, once for all concurrent callers', async () => {
    server.use(http.get(`${ORIGIN}${V}/query`, () => HttpResponse.json([{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }], { status: 401 })));
    const refresh = vi.fn(async () => {
      await delay(10);
      throw new Error('refresh token revoked');
    });
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'STALE', refreshAccessToken: refresh });
    const results = await Promise.allSettled([client.query('SELECT Id FROM Account'), client.query('SELECT Id FROM Contact')]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as ConnectorError).kind)).toEqual(['session_expired', 'session_expired']);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('does not refresh when the session is not valid for the REST API (api_disabled)', async () => {
    server.use(http.get(`${ORIGIN}${V}/query`, () => HttpResponse.json([{ errorCode: 'INVALID_SESSION_ID', message: 'This session is not valid for use with the REST API' }], { status: 401 })));
    const refresh = vi.fn(async () => 'X');
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'T', refreshAccessToken: refresh });
    await expect(client.query('SELECT Id FROM Account')).rejects.toMatchObject({ kind: 'api_disabled' });
    expect(refresh).not.toHaveBeenCalled();
  });

  it('turns a slow answer into a timeout error, and honours AbortSignal', async () => {
    server.use(http.get(`${ORIGIN}${V}/query`, async () => {
      await delay(500);
      return HttpResponse.json(emptyQuery);
    }));
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'T', timeoutMs: 30 });
    await expect(client.query('SELECT Id FROM Account')).rejects.toMatchObject({ kind: 'timeout', retryable: true });
    const controller = new AbortController();
    const slow = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'T', timeoutMs: 5_000 });
    const pending = slow.query('SELECT Id FROM Account', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'network', retryable: false });
  });

  it('maps a dropped connection to network and a non-JSON answer to malformed_response', async () => {
    server.use(http.get(`${ORIGIN}${V}/query`, () => HttpResponse.error()));
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'T' });
    await expect(client.query('SELECT Id FROM Account')).rejects.toMatchObject({ kind: 'network' });
    server.use(http.get(`${ORIGIN}${V}/query`, () => new HttpResponse('<html>maintenance</html>', { status: 200, headers: { 'Content-Type': 'text/html' } })));
    await expect(client.query('SELECT Id FROM Account')).rejects.toMatchObject({ kind: 'malformed_response' });
    server.use(http.get(`${ORIGIN}${V}/query`, () => HttpResponse.json({ nope: true })));
    await expect(client.query('SELECT Id FROM Account')).rejects.toMatchObject({ kind: 'malformed_response' });
  });
});

describe('instance host', () => {
  it('maps Lightning and MCAS hosts to the API host (a redirect would drop the Authorization header)', () => {
    expect(instanceOrigin('https://acme.lightning.force.com/lightning/r/Account/001/view')).toBe('https://acme.my.salesforce.com');
    expect(instanceOrigin('https://acme--uat.sandbox.lightning.force.com')).toBe('https://acme--uat.sandbox.my.salesforce.com');
    expect(instanceOrigin('https://acme-dev-ed.develop.lightning.force.com')).toBe('https://acme-dev-ed.develop.my.salesforce.com');
    expect(instanceOrigin('https://acme.my.salesforce.com.mcas.ms')).toBe('https://acme.my.salesforce.com');
    expect(instanceOrigin('https://acme.my.salesforce.com:443/')).toBe('https://acme.my.salesforce.com');
  });

  it('reports a failing token source as session_expired without sending anything', async () => {
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: async () => {
      throw new Error('signed out');
    } });
    await expect(client.query('SELECT Id FROM Account')).rejects.toMatchObject({ kind: 'session_expired' });
    expect(seen).toHaveLength(0);
  });
});
