/**
 * Every typed error, through BOTH transports (fetch and jsforce), from real Salesforce error answers.
 */
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SalesforceClient } from './client';
import { createFetchClient } from './fetch-client';
import { createJsforceClient } from './jsforce-client';

const ORIGIN = 'https://errors.my.salesforce.com';
const V = '/services/data/v66.0';
const server = setupServer();
const headers: Headers[] = [];
server.events.on('request:start', ({ request }) => {
  headers.push(request.headers);
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const clients: [string, (timeoutMs?: number) => SalesforceClient][] = [
  ['fetch', (timeoutMs = 2_000) => createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'T', timeoutMs })],
  ['jsforce', (timeoutMs = 2_000) => createJsforceClient({ instanceUrl: ORIGIN, accessToken: 'T', timeoutMs })],
];

const errorCases: [number, string, string, string[]][] = [
  [401, 'INVALID_SESSION_ID', 'session_expired', []],
  [403, 'API_DISABLED_FOR_ORG', 'api_disabled', []],
  [403, 'REQUEST_LIMIT_EXCEEDED', 'limit_exceeded', []],
  [400, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'validation', ['Due_Date__c']],
  [400, 'REQUIRED_FIELD_MISSING', 'validation', ['Status__c']],
  [400, 'UNABLE_TO_LOCK_ROW', 'row_lock', []],
  [403, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient_access', []],
  [404, 'NOT_FOUND', 'not_found', []],
  [400, 'ENTITY_IS_DELETED', 'not_found', []],
];

for (const [label, make] of clients) {
  describe(`${label} client errors`, () => {
    it.each(errorCases)('HTTP %i %s → %s', async (status, errorCode, kind, fields) => {
      server.use(http.patch(`${ORIGIN}${V}/sobjects/Case/:id`, () => HttpResponse.json([{ errorCode, message: `${errorCode}: details`, fields }], { status })));
      await expect(make().update('Case', '500000000000001AAA', { Status: 'Closed' })).rejects.toMatchObject({ kind, fields });
    });

    it('"session not valid for the REST API" → api_disabled', async () => {
      server.use(http.get(`${ORIGIN}${V}/query`, () => HttpResponse.json([{ errorCode: 'INVALID_SESSION_ID', message: 'This session is not valid for use with the REST API' }], { status: 401 })));
      await expect(make().query('SELECT Id FROM Account')).rejects.toMatchObject({ kind: 'api_disabled' });
    });

    it('dropped connection → network; slow answer → timeout', async () => {
      server.use(http.post(`${ORIGIN}${V}/sobjects/Task`, () => HttpResponse.error()));
      await expect(make().create('Task', { Subject: 'x' })).rejects.toMatchObject({ kind: 'network' });
      server.use(http.get(`${ORIGIN}${V}/limits`, async () => {
        await delay(400);
        return HttpResponse.json({});
      }));
      await expect(make(40).limits()).rejects.toMatchObject({ kind: 'timeout' });
    });

    it('malformed JSON answer → malformed_response', async () => {
      server.use(http.get(`${ORIGIN}${V}/query`, () => HttpResponse.json({ unexpected: true })));
      await expect(make().query('SELECT Id FROM Account')).rejects.toMatchObject({ kind: 'malformed_response' });
    });

    it('sends Sforce-Call-Options: client=CollectionsPanel and API v66.0', async () => {
      headers.length = 0;
      server.use(http.get(`${ORIGIN}${V}/sobjects`, () => HttpResponse.json({ sobjects: [{ name: 'Account', queryable: true, createable: true, updateable: true }] })));
      const result = await make().describeGlobal();
      expect(result.sobjects[0]?.name).toBe('Account');
      expect(headers.at(-1)?.get('sforce-call-options')).toBe('client=CollectionsPanel');
      expect(headers.at(-1)?.get('authorization')).toBe('Bearer T');
    });
  });
}

describe('jsforce client setup', () => {
  it('sets the API version explicitly (never jsforce default 50.0)', () => {
    const client = createJsforceClient({ instanceUrl: ORIGIN, accessToken: 'T' });
    expect(client.connection.version).toBe('66.0');
    expect(createJsforceClient({ instanceUrl: ORIGIN, accessToken: 'T', apiVersion: '64.0' }).connection.version).toBe('64.0');
  });
});
