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

/** A response body that sends `chunks` with `gapMs` between them, then optionally stalls instead of ending. */
function slowBody(chunks: string[], gapMs: number, stallAtEnd = false): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (index > 0) {
        await delay(gapMs);
      }
      const chunk = chunks[index];
      index += 1;
      if (chunk !== undefined) {
        controller.enqueue(encoder.encode(chunk));
      } else if (stallAtEnd) {
        await delay(60_000);
      } else {
        controller.close();
      }
    },
  });
}

/** Read a stream chunk by chunk, calling `each` (which may pause) after every chunk. */
async function readAll(stream: ReadableStream<Uint8Array>, each?: () => Promise<void>): Promise<string> {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let text = '';
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    text += decoder.decode(chunk.value, { stream: true });
    await each?.();
  }
  return text + decoder.decode();
}

describe('requestRaw (CSV, streamed answers)', () => {
  const JOBS = `${ORIGIN}${V}/jobs`;

  it('sends a text body with its content type on the same authenticated, attributed path', async () => {
    server.use(http.put(`${JOBS}/ingest/:id/batches`, () => new HttpResponse(null, { status: 201, headers: { 'Sforce-Limit-Info': 'api-usage=7/15000' } })));
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'TOKEN' });
    const answer = await client.requestRaw('PUT', `${V}/jobs/ingest/7508d00000Ab1cDAAR/batches`, { body: 'Name\nAcme\n', contentType: 'text/csv' });
    expect(answer).toMatchObject({ status: 201, body: '' });
    const request = seen[0];
    expect(request?.headers.get('Content-Type')).toBe('text/csv');
    expect(request?.headers.get('Authorization')).toBe('Bearer TOKEN');
    expect(request?.headers.get('Sforce-Call-Options')).toBe('client=CollectionsPanel');
    expect(await request?.text()).toBe('Name\nAcme\n');
    expect(client.lastApiUsage()).toEqual({ used: 7, total: 15000 });
  });

  it('hands a streamed body over before the last byte arrives', async () => {
    server.use(http.get(`${JOBS}/query/:id/results`, () => new HttpResponse(slowBody(['"Id"\n', '"001000000000001AAA"\n'], 150), {
      headers: { 'Content-Type': 'text/csv', 'Sforce-Locator': 'null' },
    })));
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'T' });
    const started = Date.now();
    const answer = await client.requestRaw('GET', `${V}/jobs/query/750000000000001AAA/results`, { accept: 'text/csv', responseType: 'stream' });
    expect(answer.headers.get('Sforce-Locator')).toBe('null');
    const reader = answer.body.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('"Id"\n');
    expect(Date.now() - started).toBeLessThan(140);
    reader.releaseLock();
    expect(await readAll(answer.body)).toBe('"001000000000001AAA"\n');
  });

  it('refreshes an expired session once and resends the same body', async () => {
    server.use(http.post(`${JOBS}/query`, ({ request }) => request.headers.get('Authorization') === 'Bearer FRESH'
      ? HttpResponse.json({ id: '750000000000001AAA', state: 'UploadComplete' })
      : HttpResponse.json([{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }], { status: 401 })));
    const refresh = vi.fn(async () => 'FRESH');
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'STALE', refreshAccessToken: refresh });
    const answer = await client.requestRaw('POST', `${V}/jobs/query`, { body: '{"operation":"query","query":"SELECT Id FROM Account"}' });
    expect(JSON.parse(answer.body)).toMatchObject({ id: '750000000000001AAA' });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(seen).toHaveLength(2);
    expect(await seen[1]?.text()).toBe('{"operation":"query","query":"SELECT Id FROM Account"}');
  });

  it('maps error answers through mapSalesforceError, even when a stream was asked for', async () => {
    server.use(http.get(`${JOBS}/query/:id/results`, () => HttpResponse.json([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }], { status: 404 })));
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'T' });
    await expect(client.requestRaw('GET', `${V}/jobs/query/750000000000001AAA/results`, { responseType: 'stream', context: 'bulk results' }))
      .rejects.toMatchObject({ kind: 'not_found', status: 404, crmCode: 'NOT_FOUND', message: expect.stringContaining('bulk results: HTTP 404') as unknown });
  });

  it('refuses paths off the instance or outside /services/data', async () => {
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'T' });
    await expect(client.requestRaw('GET', 'https://evil.example/services/data/v66.0/jobs/query')).rejects.toMatchObject({ kind: 'invalid_input' });
    await expect(client.requestRaw('GET', '/secur/frontdoor.jsp')).rejects.toMatchObject({ kind: 'invalid_input' });
    expect(seen).toHaveLength(0);
  });

  it('times out a stalled stream per chunk, but not a slow reader', async () => {
    server.use(http.get(`${JOBS}/query/:id/results`, () => new HttpResponse(slowBody(['a\n', 'b\n', 'c\n'], 10), { headers: { 'Content-Type': 'text/csv' } })));
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'T', timeoutMs: 60 });
    // The reader pauses 150 ms (2.5 × the timeout) after each chunk: the timer is paused meanwhile.
    const answer = await client.requestRaw('GET', `${V}/jobs/query/750000000000001AAA/results`, { responseType: 'stream' });
    expect(await readAll(answer.body, () => delay(150))).toBe('a\nb\nc\n');

    server.use(http.get(`${JOBS}/query/:id/results`, () => new HttpResponse(slowBody(['a\n'], 10, true), { headers: { 'Content-Type': 'text/csv' } })));
    const stalled = await client.requestRaw('GET', `${V}/jobs/query/750000000000001AAA/results`, { responseType: 'stream' });
    await expect(readAll(stalled.body)).rejects.toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('cancels a stream in flight when the caller aborts', async () => {
    server.use(http.get(`${JOBS}/query/:id/results`, () => new HttpResponse(slowBody(['a\n', 'b\n', 'c\n'], 200), { headers: { 'Content-Type': 'text/csv' } })));
    const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'T' });
    const controller = new AbortController();
    const answer = await client.requestRaw('GET', `${V}/jobs/query/750000000000001AAA/results`, { responseType: 'stream', signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(readAll(answer.body)).rejects.toMatchObject({ kind: 'network', retryable: false });
  });
});
