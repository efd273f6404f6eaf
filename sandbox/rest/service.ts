/**
 * The `/services/data` service around handleDataApi: API-call accounting (`Sforce-Limit-Info`,
 * REQUEST_LIMIT_EXCEEDED), bearer authentication, JSON body parsing and Salesforce-shaped errors.
 * Shared by the HTTP server (server.ts) and the socket-free in-process org (in-process.ts), so
 * both answer exactly alike.
 */
import { randomUUID } from 'node:crypto';
import { bearerToken } from '../auth';
import { SalesforceApiError } from '../errors';
import type { Store } from '../store';
import { CursorStore, apiVersionList, handleDataApi } from './api';
import type { ApiContext, ApiResponse } from './api';

/** Daily API allocation the sandbox reports (a Developer Edition org). */
export const API_DAILY_LIMIT = 15_000;

export interface DataApiServiceOptions {
  store: Store;
  /** User id for a bearer token, or null (→ 401 INVALID_SESSION_ID). */
  authenticate: (token: string | null) => string | null;
  /** Org "today" (ISO date) for SOQL date literals. */
  today: () => string;
  /** API calls allowed before REQUEST_LIMIT_EXCEEDED. */
  apiLimit: number;
  now?: () => Date;
}

/** One `/services/data` request as received. */
export interface DataApiRequest {
  method: string;
  url: URL;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  rawBody: string;
}

export interface DataApiService {
  /** Answers one request (never throws: unexpected failures are 500 UNKNOWN_EXCEPTION). */
  handle(req: DataApiRequest): ApiResponse;
  apiUsage(): { used: number; max: number };
  /** `Sforce-Limit-Info` header value. */
  limitInfo(): string;
}

function parseJsonBody(raw: string): unknown {
  if (raw.length === 0) {
    return undefined;
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', `Unexpected character in JSON body: ${(error as Error).message}`);
  }
}

/** Creates the service for one org (its own API usage counter and query cursors). */
export function createDataApiService(options: DataApiServiceOptions): DataApiService {
  let used = 0;
  const cursors = new CursorStore();
  const now = options.now ?? ((): Date => new Date());
  const apiUsage = (): { used: number; max: number } => ({ used, max: options.apiLimit });

  const answer = (req: DataApiRequest): ApiResponse => {
    if (req.method === 'GET' && /^\/services\/data\/?$/.test(req.url.pathname)) {
      // "You don't need authentication to retrieve the list of versions" (REST API Developer Guide,
      // List Available REST API Versions): answered without a session and not counted.
      return { status: 200, body: apiVersionList() };
    }
    const userId = options.authenticate(bearerToken(req.headers.authorization));
    if (!userId) {
      // Not counted: the allocation belongs to the org a session is for. Counting anonymous requests
      // would let any web page (an <img> pointing at 127.0.0.1) use up the developer's allowance.
      return { status: 401, headers: { 'WWW-Authenticate': 'Token' }, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] };
    }
    // Every authenticated request counts, like Salesforce (a /composite is one call whatever it contains).
    used++;
    if (used > options.apiLimit) {
      // The allocation is for the life of this org (a restart is a new "day").
      return { status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] };
    }
    const ctx: ApiContext = { store: options.store, userId, now, today: options.today, cursors, apiUsage };
    // Bulk API 2.0 job data is CSV: handed on as text (every other body is JSON).
    const isCsv = /^text\/csv\b/i.test(req.headers['content-type'] ?? '');
    const body = ['POST', 'PATCH', 'PUT'].includes(req.method) ? (isCsv ? req.rawBody : parseJsonBody(req.rawBody)) : undefined;
    return handleDataApi(ctx, { method: req.method, path: req.url.pathname, query: req.url.searchParams, headers: req.headers, body });
  };

  return {
    handle(req) {
      try {
        return answer(req);
      } catch (error) {
        if (error instanceof SalesforceApiError) {
          return { status: error.status, body: error.toBody() };
        }
        console.error('[sandbox] unexpected error', error);
        return { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${randomUUID()}` }] };
      }
    },
    apiUsage,
    limitInfo: () => `api-usage=${used}/${options.apiLimit}`,
  };
}
