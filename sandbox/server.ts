/**
 * The sandbox CRM: a local HTTP server on 127.0.0.1 that speaks the Salesforce REST subset our
 * connector uses, signs in like Salesforce (dev token, OAuth, SOAP login), persists to a JSON
 * snapshot plus a journal (every write fsynced before it is answered; persistence.ts) and serves a
 * Lightning-like demo page with the real panel embedded. Browsers may call it cross-origin only from
 * its own origin, extensions and `allowOrigins`, and only under a Host name it answers to
 * (`origin-policy.ts`); its test hooks need a bearer token.
 *
 * `createSandbox()` is the in-process API (tests); `sandbox/cli.ts` is the command line.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_DEV_TOKEN, authorizeDecision, authorizeEndpoint, bearerToken, soapLogin, tokenEndpoint, userForToken, userInfo } from './auth';
import type { AuthContext, AuthResult } from './auth';
import { handleDemoRoute } from './demo/routes';
import { SalesforceApiError } from './errors';
import { assertTokenSafeForHost, createHostPolicy, createOriginPolicy, normalizeAllowHost, normalizeOrigin, refusesCrossOrigin } from './origin-policy';
import type { OriginVerdict } from './origin-policy';
import { JournalPersister } from './persistence';
import type { ApiResponse } from './rest/api';
import { API_DAILY_LIMIT, createDataApiService } from './rest/service';
import { seedOptions, seedStore } from './seed/index';
import type { SeedOptions } from './seed/index';
import type { Store } from './store';

export { API_DAILY_LIMIT } from './rest/service';
const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** Bulk API 2.0 job data: up to 150 MB of base64, about 112.5 MB as sent (rest/bulk2.ts checks the exact limit). */
const MAX_BULK_UPLOAD_BYTES = Math.ceil((150 * 1024 * 1024 * 3) / 4);
const BULK_UPLOAD_PATH = /^\/services\/data\/v\d+\.\d\/jobs\/ingest\/[^/]+\/batches\/?$/;
/** The request log keeps the newest entries only… */
export const REQUEST_LOG_MAX_ENTRIES = 1_000;
/** …each JSON body up to this many bytes (longer ones are cut and marked `bodyTruncated`)… */
export const REQUEST_LOG_MAX_BODY_BYTES = 16 * 1024;
/** …and this many body bytes in all: past it the oldest entries lose their bodies. */
export const REQUEST_LOG_BODY_BUDGET_BYTES = 2 * 1024 * 1024;

export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /**
   * Host to bind; loopback only by default. Any other host needs a private `token`/`SANDBOX_TOKEN`
   * (the default token is public): createSandbox throws SandboxConfigError otherwise.
   */
  host?: string;
  /**
   * Extra origins browsers may call the sandbox from (CORS), e.g. `['http://localhost:3000']`.
   * Always allowed: the sandbox's own origin and `chrome-extension://` / `moz-extension://` origins.
   */
  allowOrigins?: readonly string[];
  /**
   * Extra Host header names the sandbox answers to (`--allow-host`), e.g. `['crm.test']` (any port)
   * or `['crm.test:8080']`. Always allowed: 127.0.0.1, localhost and [::1] on its port, and the
   * bound host (every interface address when bound to 0.0.0.0). Others get 421 (DNS rebinding).
   */
  allowHosts?: readonly string[];
  /** Data file; null keeps everything in memory. Default `.sandbox-data/sandbox.json`. */
  dataFile?: string | null;
  /** Re-seed even when the data file exists. */
  reset?: boolean;
  /** Seed used when the data file is absent (or on reset). */
  seed?: Partial<SeedOptions>;
  /** Use this store as is (tests). */
  store?: Store;
  /** Development access token (default DEFAULT_DEV_TOKEN or env SANDBOX_TOKEN). */
  token?: string;
  /** The org's "today" for SOQL date literals (ISO date); default: the real UTC date. */
  today?: string;
  /** Enables `/__sandbox/faults` (test-only fault injection). */
  enableFaults?: boolean;
  /** Directory served at `/widget/` (default dist/widget). */
  widgetDir?: string;
  /** Directory served at `/connector/` (default dist/connector). */
  connectorDir?: string;
  /** Log each request to stderr. */
  verbose?: boolean;
  /** API calls allowed before REQUEST_LIMIT_EXCEEDED (default API_DAILY_LIMIT, a Developer org's 15,000). */
  apiLimit?: number;
  /** Journal size that starts a background compaction (default 64 MiB; benchmarks lower it). */
  journalCompactAtBytes?: number;
}

/** One request as seen by the sandbox (tests read these). */
export interface RequestLogEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  /** Query string including `?`, or ''. */
  search: string;
  status: number;
  durationMs: number;
  /** A REST API request (`/services/data…`); counted against the allowance when authenticated. */
  api: boolean;
  userAgent: string | null;
  referer: string | null;
  origin: string | null;
  /**
   * Parsed JSON request body, when there was one: cut to REQUEST_LOG_MAX_BODY_BYTES (then the text),
   * and never kept for refused requests (401, 403, 421).
   */
  body: unknown;
  /** Size of the request body as received, in bytes. */
  bodyBytes: number;
  /** `body` was cut short, or dropped to stay within the log's memory budget. */
  bodyTruncated: boolean;
  /** Fault rule that acted on this request, if any. */
  fault: string | null;
}

/** A test-only fault rule (`POST /__sandbox/faults`). */
export interface FaultRule {
  id: string;
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Path prefix to match, e.g. `/services/data/v66.0/composite`. */
  path?: string;
  /** Regex tested against path + query string (as sent, encoded). */
  pattern?: string;
  /** Substring of the decoded path + query string, e.g. `/sobjects/Task` or `/Promise_To_Pay__c/`. */
  includes?: string;
  /**
   * - `drop-after-processing`: handle the request (writes happen), then drop the connection unanswered;
   * - `drop-before-processing`: drop without handling;
   * - `respond`: answer with `status`/`body` without handling (e.g. 503, 429);
   * - `delay`: wait `delayMs`, then handle normally.
   */
  action: 'drop-after-processing' | 'drop-before-processing' | 'respond' | 'delay';
  status?: number;
  body?: unknown;
  delayMs?: number;
  /** How many matching requests to affect (default 1). */
  times?: number;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** The development access token. */
  token: string;
  store: Store;
  /** Live request log (oldest first; the newest REQUEST_LOG_MAX_ENTRIES). */
  readonly requestLog: RequestLogEntry[];
  resetRequestLog(): void;
  /** API calls counted so far. */
  apiUsage(): { used: number; max: number };
  /** Adds a fault rule (also possible over HTTP when enabled). */
  addFault(rule: Omit<FaultRule, 'id'>): FaultRule;
  /** Makes every change so far durable (journal fsync); requests already do this before answering. */
  flush(): Promise<void>;
  /** Stops the server, then compacts the journal into the data file. */
  close(): Promise<void>;
}

interface ParsedRequest {
  method: string;
  url: URL;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

function headerMap(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      throw new SalesforceApiError(413, 'REQUEST_ENTITY_TOO_LARGE', 'request body too large');
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) {
    return undefined;
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', `Unexpected character in JSON body: ${(error as Error).message}`);
  }
}

/** Starts a sandbox. */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const devToken = options.token ?? process.env.SANDBOX_TOKEN ?? DEFAULT_DEV_TOKEN;
  // Fail fast, before seeding or binding: a public token on a reachable host, a malformed origin.
  assertTokenSafeForHost(host, devToken, DEFAULT_DEV_TOKEN);
  const allowOrigins = (options.allowOrigins ?? []).map(normalizeOrigin);
  const allowHosts = (options.allowHosts ?? []).map(normalizeAllowHost);
  const dataFile = options.dataFile === undefined ? '.sandbox-data/sandbox.json' : options.dataFile;
  let store: Store;
  let persister: JournalPersister | null = null;
  if (options.store) {
    store = options.store;
    persister = dataFile ? await JournalPersister.adopt(store, dataFile, { compactAtBytes: options.journalCompactAtBytes }) : null;
  } else if (dataFile) {
    // Loads snapshot + journal (or seeds when the file is absent or on reset), then compacts.
    persister = await JournalPersister.open(dataFile, { reset: options.reset, seed: () => seedStore(seedOptions(options.seed)), compactAtBytes: options.journalCompactAtBytes });
    store = persister.store;
  } else {
    store = seedStore(seedOptions(options.seed));
  }
  const requestLog: RequestLogEntry[] = [];
  /** Bytes of request bodies the log holds (bounded by REQUEST_LOG_BODY_BUDGET_BYTES). */
  let loggedBodyBytes = 0;
  const faults: FaultRule[] = [];
  let seq = 0;
  let baseUrl = '';
  const today = (): string => options.today ?? new Date().toISOString().slice(0, 10);
  const authContext: AuthContext = {
    store, devToken, baseUrl: () => baseUrl, now: () => new Date(), isOwnOrigin: (origin) => originPolicy.classify(origin) === 'same-or-none',
  };
  const dataApi = createDataApiService({ store, authenticate: (token) => userForToken(authContext, token), today, apiLimit: options.apiLimit ?? API_DAILY_LIMIT });
  const apiUsage = dataApi.apiUsage;

  const addFault = (rule: Omit<FaultRule, 'id'>): FaultRule => {
    const full: FaultRule = { times: 1, ...rule, id: randomUUID() };
    faults.push(full);
    return full;
  };
  const matchFault = (method: string, url: URL): FaultRule | undefined => {
    const index = faults.findIndex((rule) =>
      (!rule.method || rule.method.toUpperCase() === method)
      && (!rule.path || url.pathname.startsWith(rule.path))
      && (!rule.pattern || new RegExp(rule.pattern).test(url.pathname + url.search))
      && (!rule.includes || safeDecode(url.pathname + url.search).includes(rule.includes)));
    const rule = index >= 0 ? faults[index] : undefined;
    if (rule) {
      rule.times = (rule.times ?? 1) - 1;
      if (rule.times <= 0) {
        faults.splice(index, 1);
      }
    }
    return rule;
  };

  const resetRequestLog = (): void => {
    requestLog.length = 0;
    loggedBodyBytes = 0;
  };
  const loggedBodySize = (entry: RequestLogEntry): number => (entry.body === null ? 0 : Math.min(entry.bodyBytes, REQUEST_LOG_MAX_BODY_BYTES));
  const appendToLog = (entry: RequestLogEntry): void => {
    requestLog.push(entry);
    loggedBodyBytes += loggedBodySize(entry);
    while (requestLog.length > REQUEST_LOG_MAX_ENTRIES) {
      loggedBodyBytes -= loggedBodySize(requestLog.shift() as RequestLogEntry);
    }
    for (let i = 0; loggedBodyBytes > REQUEST_LOG_BODY_BUDGET_BYTES && i < requestLog.length; i++) {
      const oldest = requestLog[i] as RequestLogEntry;
      loggedBodyBytes -= loggedBodySize(oldest);
      if (oldest.body !== null) {
        oldest.body = null;
        oldest.bodyTruncated = true;
      }
    }
  };
  /** The request log and fault injection read bodies and change behaviour: not for anonymous callers. */
  const unauthorizedHook = (req: ParsedRequest): ApiResponse | null =>
    userForToken(authContext, bearerToken(req.headers.authorization))
      ? null
      : { status: 401, headers: { 'WWW-Authenticate': 'Bearer' }, body: [{ errorCode: 'INVALID_SESSION_ID', message: `${req.url.pathname} needs the development token: Authorization: Bearer <token>` }] };

  const sandboxRoute = (req: ParsedRequest): ApiResponse | null => {
    const path = req.url.pathname;
    if (path === '/__sandbox/requests' || path === '/__sandbox/requests/reset') {
      const refusal = unauthorizedHook(req);
      if (refusal) {
        return refusal;
      }
      if (path === '/__sandbox/requests' && req.method === 'GET') {
        return { status: 200, body: requestLog };
      }
      if (path === '/__sandbox/requests/reset' && req.method === 'POST') {
        resetRequestLog();
        return { status: 204 };
      }
      return null;
    }
    if (path === '/__sandbox/health') {
      return { status: 200, body: { ok: true, apiUsage: apiUsage(), meta: store.header.meta } };
    }
    if (path === '/__sandbox/faults') {
      if (!options.enableFaults) {
        return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'fault injection is disabled (start with --enable-test-faults)' }] };
      }
      const refusal = unauthorizedHook(req);
      if (refusal) {
        return refusal;
      }
      if (req.method === 'GET') {
        return { status: 200, body: faults };
      }
      if (req.method === 'DELETE') {
        faults.length = 0;
        return { status: 204 };
      }
      if (req.method === 'POST') {
        const rule = parseJsonBody(req.rawBody) as Omit<FaultRule, 'id'> | undefined;
        if (!rule || !['drop-after-processing', 'drop-before-processing', 'respond', 'delay'].includes(rule.action)) {
          return { status: 400, body: [{ errorCode: 'INVALID_INPUT', message: 'action must be drop-after-processing, drop-before-processing, respond or delay' }] };
        }
        return { status: 201, body: addFault(rule) };
      }
    }
    return null;
  };

  const fromAuth = (result: AuthResult): ApiResponse => ({ status: result.status, headers: result.headers, body: result.body, raw: result.raw });

  const route = (req: ParsedRequest): ApiResponse => {
    const path = req.url.pathname;
    if (path === '/services/data' || path.startsWith('/services/data/')) {
      return dataApi.handle({ method: req.method, url: req.url, headers: req.headers, rawBody: req.rawBody.toString('utf8') });
    }
    if (path === '/services/oauth2/token' && req.method === 'POST') {
      const contentType = req.headers['content-type'] ?? '';
      const text = req.rawBody.toString('utf8');
      const form = contentType.includes('json') ? new URLSearchParams(Object.entries((JSON.parse(text || '{}') as Record<string, string>))) : new URLSearchParams(text);
      return fromAuth(tokenEndpoint(authContext, form));
    }
    if (path === '/services/oauth2/authorize' && req.method === 'GET') {
      return fromAuth(authorizeEndpoint(authContext, req.url.searchParams));
    }
    if (path === '/services/oauth2/authorize' && req.method === 'POST') {
      return fromAuth(authorizeDecision(authContext, new URLSearchParams(req.rawBody.toString('utf8'))));
    }
    if (path === '/services/oauth2/userinfo' || /^\/id\/00D\w+\/005\w+$/.test(path)) {
      const userId = userForToken(authContext, bearerToken(req.headers.authorization) ?? req.url.searchParams.get('oauth_token'));
      if (!userId) {
        return { status: 403, raw: { contentType: 'text/plain', data: 'Bad_OAuth_Token' } };
      }
      return fromAuth(userInfo(authContext, userId));
    }
    if (path === '/services/oauth2/revoke' && req.method === 'POST') {
      const token = new URLSearchParams(req.rawBody.toString('utf8')).get('token') ?? req.url.searchParams.get('token') ?? '';
      delete store.header.sessions[token];
      delete store.header.refreshTokens[token];
      store.mutationCount++;
      return { status: 200 };
    }
    const soap = /^\/services\/Soap\/u\/(\d+\.\d)(\/.*)?$/.exec(path);
    if (soap && req.method === 'POST') {
      return fromAuth(soapLogin(authContext, req.rawBody.toString('utf8'), soap[1] ?? '66.0'));
    }
    const sandboxResponse = sandboxRoute(req);
    if (sandboxResponse) {
      return sandboxResponse;
    }
    const demo = handleDemoRoute({ store, method: req.method, url: req.url, baseUrl, widgetDir: options.widgetDir ?? 'dist/widget', connectorDir: options.connectorDir ?? 'dist/connector', devToken });
    if (demo) {
      return demo;
    }
    return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
  };

  // Set once listening (the sandbox's own origins and host names include the port).
  let originPolicy = createOriginPolicy({ host, port: 0, allowOrigins });
  let hostPolicy = createHostPolicy({ host, port: 0, allowHosts });
  /** CORS response headers: only for origins the policy allows (a denied origin gets none). */
  const corsHeaders = (origin: string | undefined, verdict: OriginVerdict): Record<string, string> =>
    origin !== undefined && verdict !== 'denied'
      ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Sforce-Limit-Info', Vary: 'Origin' }
      : { Vary: 'Origin' };

  const send = (res: ServerResponse, origin: string | undefined, response: ApiResponse): void => {
    const headers: Record<string, string> = {
      'Sforce-Limit-Info': dataApi.limitInfo(),
      ...corsHeaders(origin, originPolicy.classify(origin)),
      ...response.headers,
    };
    if (response.raw) {
      res.writeHead(response.status, { ...headers, 'Content-Type': response.raw.contentType });
      res.end(response.raw.data);
    } else if (response.body === undefined || response.status === 204) {
      res.writeHead(response.status, headers);
      res.end();
    } else {
      res.writeHead(response.status, { ...headers, 'Content-Type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify(response.body));
    }
  };

  const server: Server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const headers = headerMap(req);
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const entry: RequestLogEntry = {
      seq: ++seq, at: new Date().toISOString(), method, path: url.pathname, search: url.search, status: 0, durationMs: 0,
      api: url.pathname.startsWith('/services/data'), userAgent: headers['user-agent'] ?? null, referer: headers.referer ?? null,
      origin: headers.origin ?? null, body: null, bodyBytes: 0, bodyTruncated: false, fault: null,
    };
    const log = !url.pathname.startsWith('/__sandbox/requests');
    let receivedBody: Buffer | null = null;
    const finish = (status: number): void => {
      entry.status = status;
      entry.durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      // Refused requests keep no body: anyone can send them, so their bodies must not cost memory.
      const refused = status === 401 || status === 403 || status === 421;
      if (log && receivedBody && !refused && (headers['content-type'] ?? '').includes('json')) {
        const kept = receivedBody.subarray(0, REQUEST_LOG_MAX_BODY_BYTES).toString('utf8');
        entry.bodyTruncated = receivedBody.length > REQUEST_LOG_MAX_BODY_BYTES;
        try {
          entry.body = entry.bodyTruncated ? kept : JSON.parse(kept) as unknown;
        } catch {
          entry.body = kept;
        }
      }
      receivedBody = null;
      if (log) {
        appendToLog(entry);
      }
      if (options.verbose) {
        console.error(`[sandbox] ${method} ${url.pathname}${url.search} -> ${status} (${entry.durationMs.toFixed(1)} ms)`);
      }
    };
    void (async () => {
      try {
        if (!hostPolicy.allows(headers.host)) {
          // DNS rebinding: a site whose name resolves to 127.0.0.1 is same-origin in the browser, but
          // names itself in Host. 421 Misdirected Request (RFC 9110 §15.5.20): not a name served here.
          const message = `Host ${JSON.stringify(headers.host ?? '')} is not a name this sandbox answers to (DNS rebinding protection): use ${baseUrl}, or start it with --allow-host NAME`;
          res.writeHead(421, { 'Content-Type': 'application/json;charset=UTF-8' });
          res.end(JSON.stringify([{ errorCode: 'MISDIRECTED_REQUEST', message }]));
          finish(421);
          return;
        }
        const verdict = originPolicy.classify(headers.origin);
        if (verdict === 'denied' && refusesCrossOrigin(method, headers)) {
          // Another website (the dev token is public): no Access-Control-Allow-* headers, not handled.
          // Like a Salesforce org's CORS allowlist, except that the refusal is explicit.
          const message = `Origin ${headers.origin ?? ''} may not call the sandbox: only its own origin, browser extensions and --allow-origin origins may`;
          res.writeHead(403, { Vary: 'Origin', 'Content-Type': 'application/json;charset=UTF-8' });
          res.end(JSON.stringify([{ errorCode: 'CORS_ORIGIN_NOT_ALLOWED', message }]));
          finish(403);
          return;
        }
        if (method === 'OPTIONS') {
          // CORS preflight from an allowed origin (or a plain OPTIONS without Origin).
          res.writeHead(204, {
            ...corsHeaders(headers.origin, verdict),
            ...(headers.origin !== undefined ? {
              'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
              'Access-Control-Allow-Headers': headers['access-control-request-headers'] ?? 'Authorization, Content-Type, Sforce-Query-Options',
              'Access-Control-Max-Age': '600',
            } : { Allow: 'GET, HEAD, POST, PATCH, PUT, DELETE, OPTIONS' }),
            'Sforce-Limit-Info': dataApi.limitInfo(),
          });
          res.end();
          finish(204);
          return;
        }
        const rawBody = await readBody(req, method === 'PUT' && BULK_UPLOAD_PATH.test(url.pathname) ? MAX_BULK_UPLOAD_BYTES : MAX_BODY_BYTES);
        entry.bodyBytes = rawBody.length;
        receivedBody = rawBody.length > 0 ? rawBody : null;
        const fault = url.pathname.startsWith('/__sandbox/') ? undefined : matchFault(method, url);
        entry.fault = fault?.action ?? null;
        if (fault?.action === 'drop-before-processing') {
          req.socket.destroy();
          finish(0);
          return;
        }
        if (fault?.action === 'respond') {
          send(res, headers.origin, { status: fault.status ?? 503, body: fault.body ?? [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Injected fault' }] });
          finish(fault.status ?? 503);
          return;
        }
        if (fault?.action === 'delay') {
          await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
        }
        let response: ApiResponse;
        try {
          response = route({ method, url, headers, rawBody });
        } catch (error) {
          if (error instanceof SalesforceApiError) {
            response = { status: error.status, body: error.toBody() };
          } else {
            console.error('[sandbox] unexpected error', error);
            response = { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${randomUUID()}` }] };
          }
        }
        try {
          // Durable before acknowledged: this request's changes are fsynced to the journal first
          // (concurrent requests share the fsync); committed synchronously after route(), in order.
          await persister?.commit();
        } catch (error) {
          console.error('[sandbox] journal write failed', error);
          response = { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'The change was applied but could not be saved to the data file.' }] };
        }
        if (fault?.action === 'drop-after-processing') {
          req.socket.destroy();
          finish(0);
          return;
        }
        send(res, headers.origin, response);
        finish(response.status);
      } catch (error) {
        const apiError = error instanceof SalesforceApiError ? error : null;
        if (!apiError) {
          console.error('[sandbox] unexpected error', error);
        }
        if (!res.headersSent) {
          send(res, headers.origin, apiError
            ? { status: apiError.status, body: apiError.toBody() }
            : { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.' }] });
        } else {
          res.destroy();
        }
        finish(apiError?.status ?? 500);
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
  originPolicy = createOriginPolicy({ host, port, allowOrigins });
  hostPolicy = createHostPolicy({ host, port, allowHosts });

  let closed = false;
  return {
    url: baseUrl,
    port,
    token: devToken,
    store,
    requestLog,
    resetRequestLog,
    apiUsage,
    addFault,
    flush: async () => {
      await persister?.commit();
    },
    close: async () => {
      if (closed) {
        return;
      }
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await persister?.close();
    },
  };
}
