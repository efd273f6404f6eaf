/**
 * Contract backend #1: msw `setupServer` (onUnhandledRequest: 'error') in front of the in-memory
 * FakeOrg. Handlers exist for exactly the REST shapes the connector sends; anything else fails
 * the test. Intercepts both global fetch (fetch client) and node-fetch/http (jsforce client).
 */
import { http, HttpResponse } from 'msw';
import type { HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import type { ContractBackend } from './connector-contract';
import { FakeOrg } from './fake-org';

export interface MswBackend extends ContractBackend {
  readonly org: FakeOrg;
  /** Every request seen: method, path, and the headers the connector sent. */
  readonly seen: { method: string; path: string; headers: Record<string, string> }[];
  /** Add per-test handlers in front of the org (e.g. to answer UNABLE_TO_LOCK_ROW). */
  use(...handlers: HttpHandler[]): void;
  resetHandlers(): void;
}

export interface MswBackendOptions {
  instanceUrl?: string;
  accessToken?: string;
  apiVersion?: string;
  extraObjects?: ConstructorParameters<typeof FakeOrg>[0]['extraObjects'];
}

/** Start an msw server serving a fresh FakeOrg. */
export function createMswBackend(options: MswBackendOptions = {}): MswBackend {
  const instanceUrl = options.instanceUrl ?? 'https://contract-test.my.salesforce.com';
  const accessToken = options.accessToken ?? '00DCONTRACT!AQ.contract-session-token';
  const org = new FakeOrg({ instanceUrl, ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}), ...(options.extraObjects ? { extraObjects: options.extraObjects } : {}) });
  const seen: MswBackend['seen'] = [];
  let count = 0;
  const failures: { method?: string; pathIncludes?: string }[] = [];

  const handle = async ({ request }: { request: Request }): Promise<Response> => {
    count += 1;
    const url = new URL(request.url);
    const path = `${url.pathname}${url.search}`;
    seen.push({ method: request.method, path, headers: Object.fromEntries(request.headers.entries()) });
    if (request.headers.get('authorization') !== `Bearer ${accessToken}`) {
      return HttpResponse.json([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }], { status: 401 });
    }
    const text = request.method === 'GET' ? '' : await request.text();
    let body: unknown;
    if (text) {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        return HttpResponse.json([{ message: 'Unexpected character', errorCode: 'JSON_PARSER_ERROR' }], { status: 400 });
      }
    }
    const answer = org.handle(request.method, path, body);
    const failIndex = failures.findIndex((f) => (!f.method || f.method === request.method) && (!f.pathIncludes || decodeURIComponent(path).includes(f.pathIncludes)));
    if (failIndex >= 0) {
      failures.splice(failIndex, 1);
      // Committed on the server; the client sees a dropped connection.
      return HttpResponse.error();
    }
    if (answer.status === 204) {
      return new HttpResponse(null, { status: 204, headers: answer.headers ?? {} });
    }
    return HttpResponse.json(answer.body as never, { status: answer.status, headers: answer.headers ?? {} });
  };

  const base = `${instanceUrl}/services/data/:version`;
  const server = setupServer(
    http.get(`${base}/query`, handle),
    http.post(`${base}/composite`, handle),
    http.get(`${base}/limits`, handle),
    http.get(`${base}/sobjects`, handle),
    http.get(`${base}/sobjects/:sobject/describe`, handle),
    http.post(`${base}/sobjects/:sobject`, handle),
    http.patch(`${base}/sobjects/:sobject/:id`, handle),
    http.patch(`${base}/sobjects/:sobject/:field/:key`, handle),
  );
  server.listen({ onUnhandledRequest: 'error' });

  return {
    instanceUrl,
    accessToken,
    org,
    seen,
    async seed(dataset) {
      org.seed(dataset);
    },
    async records(sobject) {
      return org.records(sobject);
    },
    requestCount: () => count,
    resetRequestCount: () => {
      count = 0;
      seen.length = 0;
    },
    failNextResponseAfterProcessing(match) {
      failures.push(match);
    },
    use: (...handlers) => server.use(...handlers),
    resetHandlers: () => server.resetHandlers(),
    async close() {
      server.close();
    },
  };
}
