/**
 * The sandbox org without a socket: the same store, REST handler (handleDataApi), composite and
 * SOQL evaluator as the HTTP server, answering fetch `Request`s in memory. For tests that intercept
 * HTTP (msw) rather than listen on a port; nothing is written to disk.
 */
import { makeId } from './ids';
import { buildOrgSchema } from './schema';
import type { OrgSchema, OrgSchemaOptions } from './schema';
import type { ApiResponse } from './rest/api';
import { API_DAILY_LIMIT, createDataApiService } from './rest/service';
import { Store } from './store';

/** The API user's id when the org has no User records (as in the contract dataset's absence). */
export const IN_PROCESS_API_USER_ID = makeId('005', 99);

export interface InProcessOrgOptions {
  /** The one bearer token accepted; anything else → 401 INVALID_SESSION_ID. */
  accessToken: string;
  /** Start from this store (its schema applies); default: an empty store with `schema`. */
  store?: Store;
  /** Schema settings for a new store: single-currency org, extra (managed package) objects. */
  schema?: OrgSchemaOptions;
  /** Acting user (CreatedById of new records); default IN_PROCESS_API_USER_ID. */
  userId?: string;
  /** Org "today" for SOQL date literals (ISO date); default the real UTC date. */
  today?: string;
  /** API calls allowed before REQUEST_LIMIT_EXCEEDED (default 15,000). */
  apiLimit?: number;
}

export interface InProcessOrg {
  store: Store;
  schema: OrgSchema;
  /** Answers a `/services/data/...` request exactly as the HTTP sandbox would. */
  handle(request: Request): Promise<Response>;
  apiUsage(): { used: number; max: number };
}

function toResponse(answer: ApiResponse, limitInfo: string): Response {
  const headers = new Headers({ 'Sforce-Limit-Info': limitInfo, ...answer.headers });
  if (answer.raw) {
    headers.set('Content-Type', answer.raw.contentType);
    return new Response(typeof answer.raw.data === 'string' ? answer.raw.data : new Uint8Array(answer.raw.data), { status: answer.status, headers });
  }
  if (answer.body === undefined || answer.status === 204) {
    return new Response(null, { status: answer.status, headers });
  }
  headers.set('Content-Type', 'application/json;charset=UTF-8');
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
}

/** Creates an in-memory org answering fetch requests. */
export function createInProcessOrg(options: InProcessOrgOptions): InProcessOrg {
  const store = options.store ?? new Store(undefined, buildOrgSchema(options.schema));
  const userId = options.userId ?? IN_PROCESS_API_USER_ID;
  const service = createDataApiService({
    store,
    authenticate: (token) => (token === options.accessToken ? userId : null),
    today: () => options.today ?? new Date().toISOString().slice(0, 10),
    apiLimit: options.apiLimit ?? API_DAILY_LIMIT,
  });
  return {
    store,
    schema: store.schema,
    async handle(request) {
      const headers: Record<string, string | undefined> = {};
      request.headers.forEach((value, key) => {
        headers[key.toLowerCase()] = value;
      });
      const rawBody = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      const answer = service.handle({ method: request.method.toUpperCase(), url: new URL(request.url), headers, rawBody });
      return toResponse(answer, service.limitInfo());
    },
    apiUsage: service.apiUsage,
  };
}
