/**
 * Page-safe Salesforce REST client on an injected `fetch` (the Jetstream pattern): runs unchanged in
 * the extension service worker, the sandbox demo page, Node and tests.
 *
 * Care taken (Salesforce Inspector Reloaded / Jetstream):
 * - every URL is resolved against the instance origin and must stay on it (HTTPS; plain HTTP only for
 *   loopback hosts, i.e. the local sandbox), so a crafted `nextRecordsUrl` cannot send the token elsewhere;
 * - `Sforce-Call-Options: client=CollectionsPanel` is set LAST so no caller header can override it;
 * - N concurrent INVALID_SESSION_ID answers collapse into ONE `refreshAccessToken()` call;
 * - `Sforce-Limit-Info` is read on every response; timeouts become ConnectorError 'timeout'.
 * `requestRaw` (CSV bodies, streamed answers: Bulk API 2.0, connector/salesforce/bulk2/) takes the same path.
 */
import { ConnectorError } from '../errors';
import type { ApiUsage } from '../port';
import {
  CALL_OPTIONS_CLIENT,
  DEFAULT_API_VERSION,
  dataPathFor,
  parseLimitInfo,
  pathSegment,
} from './client';
import type {
  CompositeRequest,
  CompositeResponse,
  DescribeGlobalResult,
  DescribeSObjectResult,
  HttpMethod,
  LimitsResult,
  QueryResult,
  RawRequestClient,
  RawRequestOptions,
  RawResponse,
  RequestOptions,
  SalesforceClient,
  SaveResult,
} from './client';
import { errorItems, malformed, mapSalesforceError, mapTransportError } from './errors';
import { isSalesforceId } from './ids';
import { assertApiName } from './soql';

export interface FetchClientOptions {
  /** `https://acme.my.salesforce.com` (or `http://127.0.0.1:PORT` for the local sandbox). */
  instanceUrl: string;
  getAccessToken: () => Promise<string> | string;
  /** When given, an INVALID_SESSION_ID answer triggers ONE refresh (shared by concurrent callers) and one retry. */
  refreshAccessToken?: () => Promise<string>;
  /** Default '66.0'. */
  apiVersion?: string;
  fetch?: typeof fetch;
  /** Per-request timeout in ms (default 30 000); exceeded → ConnectorError 'timeout'. */
  timeoutMs?: number;
  onApiUsage?: (usage: ApiUsage) => void;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The API host for a Salesforce UI host (Salesforce Inspector Reloaded `getMyDomain`): Lightning hosts
 * redirect API calls, and a redirect drops the Authorization header. Sandbox/enhanced-domain prefixes
 * are kept (`acme--uat.sandbox.lightning.force.com` → `acme--uat.sandbox.my.salesforce.com`).
 */
export function apiHostFor(host: string): string {
  return host
    .replace(/\.mcas\.ms$/, '')
    .replace(/\.lightning\.force\./, '.my.salesforce.')
    .replace(/\.lightning\.([^.]+)\.force\.com$/, '.my.$1.salesforce.com');
}

/**
 * Validate and normalise the instance URL to its origin.
 * @throws ConnectorError 'invalid_input' for non-HTTPS (non-loopback) or malformed URLs.
 */
export function instanceOrigin(instanceUrl: string): string {
  let url: URL;
  try {
    url = new URL(instanceUrl);
  } catch {
    throw new ConnectorError({ kind: 'invalid_input', detail: `Instance URL is not a URL: ${JSON.stringify(instanceUrl)}` });
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConnectorError({ kind: 'invalid_input', detail: `Instance URL must use HTTPS: ${url.origin}` });
  }
  if (url.username || url.password) {
    throw new ConnectorError({ kind: 'invalid_input', detail: 'Instance URL must not carry credentials' });
  }
  const host = apiHostFor(url.host);
  return `${url.protocol}//${host}`;
}

interface HttpAnswer {
  status: number;
  body: unknown;
}

/** What one request needs besides the URL; shared by the JSON calls and `requestRaw`. */
interface Exchange {
  method: string;
  body: string | undefined;
  contentType: string | undefined;
  accept: string;
  signal: AbortSignal | undefined;
  /** Hand a 2xx body back unread (never for errors: those are small and must be parsed to be mapped). */
  stream: boolean;
}

/** A received answer: errors (status >= 400) and non-streamed answers always come as text. */
type Answer =
  | { status: number; headers: Headers; text: string; stream?: undefined }
  | { status: number; headers: Headers; stream: ReadableStream<Uint8Array>; text?: undefined };

/** The client: the transport every module uses, plus raw (CSV, streamed) requests for Bulk API 2.0. */
export type FetchSalesforceClient = SalesforceClient & RawRequestClient;

/** Salesforce error bodies are JSON `[{errorCode, message}]`; anything else (an HTML error page) keeps its status. */
function errorBody(text: string, status: number): unknown {
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return [{ errorCode: `HTTP_${status}`, message: text.slice(0, 300) }];
  }
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.close();
    },
  });
}

/** Create the fetch-based client. */
export function createFetchClient(options: FetchClientOptions): FetchSalesforceClient {
  const origin = instanceOrigin(options.instanceUrl);
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
  const dataPath = dataPathFor(apiVersion);
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  let usage: ApiUsage | null = null;
  let refreshInFlight: Promise<string> | null = null;
  let lastRefresh: { from: string; to: string } | null = null;

  function resolve(path: string): string {
    const url = new URL(path, origin);
    if (url.origin !== origin || !url.pathname.startsWith('/services/data/')) {
      throw new ConnectorError({ kind: 'invalid_input', detail: `Refusing to send the session to ${url.origin}${url.pathname}` });
    }
    return url.toString();
  }

  async function refreshFrom(staleToken: string): Promise<string> {
    if (lastRefresh && lastRefresh.from === staleToken) {
      return lastRefresh.to;
    }
    if (!refreshInFlight) {
      const refresh = options.refreshAccessToken as () => Promise<string>;
      refreshInFlight = (async () => {
        try {
          const fresh = await refresh();
          lastRefresh = { from: staleToken, to: fresh };
          return fresh;
        } catch (error) {
          throw new ConnectorError({ kind: 'session_expired', detail: `session refresh failed: ${error instanceof Error ? error.message : String(error)}`, cause: error });
        } finally {
          refreshInFlight = null;
        }
      })();
    }
    return refreshInFlight;
  }

  /** Auth, one refresh-and-retry on INVALID_SESSION_ID, error mapping: the one path every request takes. */
  async function exchange(path: string, request: Exchange, context: string): Promise<Answer> {
    const url = resolve(path);
    let token: string;
    try {
      token = await options.getAccessToken();
    } catch (error) {
      throw new ConnectorError({ kind: 'session_expired', detail: `${context}: no access token (${error instanceof Error ? error.message : String(error)})`, cause: error });
    }
    if (lastRefresh && lastRefresh.from === token) {
      token = lastRefresh.to;
    }
    for (let attempt = 0; ; attempt += 1) {
      const answer = await sendOnce(url, request, token, context);
      if (answer.status < 400) {
        return answer;
      }
      const body = errorBody(answer.text ?? '', answer.status);
      const items = errorItems(body);
      const sessionExpired = answer.status === 401 && items.some((e) => e.errorCode === 'INVALID_SESSION_ID')
        && !items.some((e) => /not valid for use with the REST API/i.test(e.message));
      if (sessionExpired && options.refreshAccessToken && attempt === 0) {
        token = await refreshFrom(token);
        continue;
      }
      throw mapSalesforceError(answer.status, body, context);
    }
  }

  async function send(method: string, path: string, body: unknown, requestOptions: RequestOptions | undefined, context: string): Promise<HttpAnswer> {
    const answer = await exchange(path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      contentType: body === undefined ? undefined : 'application/json',
      accept: 'application/json',
      signal: requestOptions?.signal,
      stream: false,
    }, context);
    const text = answer.text ?? '';
    if (text === '') {
      return { status: answer.status, body: undefined };
    }
    try {
      return { status: answer.status, body: JSON.parse(text) as unknown };
    } catch {
      throw malformed(context, `HTTP ${answer.status} body is not JSON`);
    }
  }

  async function sendOnce(url: string, request: Exchange, token: string, context: string): Promise<Answer> {
    const controller = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    };
    const disarm = (): void => clearTimeout(timer);
    const outer = request.signal;
    const onOuterAbort = (): void => controller.abort();
    const release = (): void => {
      disarm();
      outer?.removeEventListener('abort', onOuterAbort);
    };
    const failure = (error: unknown, what: string): ConnectorError => {
      if (timedOut) {
        return new ConnectorError({ kind: 'timeout', detail: `${context}: ${what} within ${timeoutMs} ms`, cause: error });
      }
      if (outer?.aborted) {
        return new ConnectorError({ kind: 'network', detail: `${context}: cancelled`, retryable: false, cause: error });
      }
      return mapTransportError(error, context);
    };
    arm();
    if (outer) {
      if (outer.aborted) {
        controller.abort();
      } else {
        outer.addEventListener('abort', onOuterAbort, { once: true });
      }
    }
    const headers: Record<string, string> = { Accept: request.accept };
    if (request.body !== undefined) {
      headers['Content-Type'] = request.contentType ?? 'application/json';
    }
    headers.Authorization = `Bearer ${token}`;
    // Set LAST so nothing above can override the attribution (Salesforce Inspector Reloaded does the same).
    headers['Sforce-Call-Options'] = `client=${CALL_OPTIONS_CLIENT}`;
    let handedOff = false;
    try {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: request.method,
          headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          signal: controller.signal,
          // Never follow redirects: a redirect would drop or leak the Authorization header.
          redirect: 'manual',
        });
      } catch (error) {
        throw failure(error, 'no answer');
      }
      const limit = parseLimitInfo(response.headers.get('Sforce-Limit-Info'));
      if (limit) {
        usage = limit;
        options.onApiUsage?.(limit);
      }
      // `redirect: 'manual'` in browsers yields an opaque redirect with status 0.
      if (response.type === 'opaqueredirect' || response.status === 0 || (response.status >= 300 && response.status < 400)) {
        await response.body?.cancel().catch(() => undefined);
        throw new ConnectorError({ kind: 'unknown', status: response.status, detail: `${context}: unexpected redirect (HTTP ${response.status})` });
      }
      if (request.stream && response.status < 400 && response.status !== 204 && response.body) {
        handedOff = true;
        return { status: response.status, headers: response.headers, stream: guardedBody(response.body, controller.signal, arm, disarm, release, failure) };
      }
      try {
        const text = response.status === 204 ? '' : await response.text();
        return { status: response.status, headers: response.headers, text };
      } catch (error) {
        throw failure(error, 'body not received');
      }
    } finally {
      if (!handedOff) {
        release();
      }
    }
  }

  /**
   * The response body, with the timeout re-armed for each chunk while we wait on the network (and
   * paused while the caller is busy with what it got), the caller's AbortSignal still wired, and
   * read failures mapped to ConnectorError like every other transport failure. The abort is raced
   * explicitly: not every fetch (mocks, some polyfills) errors a body already handed over.
   */
  function guardedBody(
    source: ReadableStream<Uint8Array>,
    signal: AbortSignal,
    arm: () => void,
    disarm: () => void,
    release: () => void,
    failure: (error: unknown, what: string) => ConnectorError,
  ): ReadableStream<Uint8Array> {
    const reader = source.getReader();
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => undefined);
    const finish = (): void => {
      release();
      if (onAbort) {
        signal.removeEventListener('abort', onAbort);
      }
    };
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        arm();
        try {
          const chunk = await Promise.race([reader.read(), aborted]);
          disarm();
          if (chunk.done) {
            finish();
            controller.close();
          } else {
            controller.enqueue(chunk.value);
          }
        } catch (error) {
          finish();
          controller.error(failure(error, 'body stalled: no data'));
          // Not awaited: a source stuck in its own pull may never settle the cancel.
          reader.cancel().catch(() => undefined);
        }
      },
      cancel(reason) {
        finish();
        reader.cancel(reason).catch(() => undefined);
      },
    });
  }

  function requestRaw(method: HttpMethod, path: string, rawOptions: RawRequestOptions & { responseType: 'stream' }): Promise<RawResponse<ReadableStream<Uint8Array>>>;
  function requestRaw(method: HttpMethod, path: string, rawOptions?: RawRequestOptions & { responseType?: 'text' }): Promise<RawResponse<string>>;
  async function requestRaw(method: HttpMethod, path: string, rawOptions: RawRequestOptions = {}): Promise<RawResponse> {
    const stream = rawOptions.responseType === 'stream';
    const context = rawOptions.context ?? `${method} ${path.split('?')[0] ?? path}`;
    const answer = await exchange(path, {
      method,
      body: rawOptions.body,
      contentType: rawOptions.contentType,
      accept: rawOptions.accept ?? 'application/json',
      signal: rawOptions.signal,
      stream,
    }, context);
    if (stream) {
      return { status: answer.status, headers: answer.headers, body: answer.stream ?? emptyStream() };
    }
    return { status: answer.status, headers: answer.headers, body: answer.text ?? '' };
  }

  function objectPath(sobject: string): string {
    return `${dataPath}/sobjects/${assertApiName(sobject)}`;
  }

  function assertId(id: string): string {
    if (!isSalesforceId(id)) {
      throw new ConnectorError({ kind: 'invalid_input', fields: ['id'], detail: `Not a valid Salesforce record id: ${JSON.stringify(id)}` });
    }
    return id;
  }

  function asQueryResult<R>(body: unknown, context: string): QueryResult<R> {
    if (!body || typeof body !== 'object' || !Array.isArray((body as QueryResult<R>).records)) {
      throw malformed(context, 'query answer has no records array');
    }
    return body as QueryResult<R>;
  }

  function asSaveResult(body: unknown, context: string, created?: boolean): SaveResult {
    if (!body || typeof body !== 'object' || typeof (body as SaveResult).id !== 'string') {
      throw malformed(context, 'save answer has no id');
    }
    const result = body as SaveResult;
    return { id: result.id, success: result.success !== false, errors: result.errors ?? [], ...(created === undefined && result.created === undefined ? {} : { created: result.created ?? created }) };
  }

  return {
    apiVersion,
    dataPath,
    async query<R>(soql: string, requestOptions?: RequestOptions) {
      const answer = await send('GET', `${dataPath}/query?q=${encodeURIComponent(soql)}`, undefined, requestOptions, 'query');
      return asQueryResult<R>(answer.body, 'query');
    },
    async queryMore<R>(nextRecordsUrl: string, requestOptions?: RequestOptions) {
      const answer = await send('GET', nextRecordsUrl, undefined, requestOptions, 'queryMore');
      return asQueryResult<R>(answer.body, 'queryMore');
    },
    async composite(request: CompositeRequest, requestOptions?: RequestOptions) {
      const answer = await send('POST', `${dataPath}/composite`, request, requestOptions, 'composite');
      const body = answer.body as CompositeResponse | undefined;
      if (!body || !Array.isArray(body.compositeResponse)) {
        throw malformed('composite', 'answer has no compositeResponse array');
      }
      return body;
    },
    async create(sobject: string, record: Record<string, unknown>, requestOptions?: RequestOptions) {
      const answer = await send('POST', `${objectPath(sobject)}/`, record, requestOptions, `create ${sobject}`);
      return asSaveResult(answer.body, `create ${sobject}`, true);
    },
    async update(sobject: string, id: string, record: Record<string, unknown>, requestOptions?: RequestOptions) {
      await send('PATCH', `${objectPath(sobject)}/${assertId(id)}`, record, requestOptions, `update ${sobject}`);
    },
    async upsert(sobject: string, externalIdField: string, externalId: string, record: Record<string, unknown>, requestOptions?: RequestOptions) {
      const context = `upsert ${sobject}`;
      const answer = await send('PATCH', `${objectPath(sobject)}/${assertApiName(externalIdField)}/${pathSegment(externalId)}`, record, requestOptions, context);
      // 201 Created = inserted; 200 (API 46.0+) or 204 = existing record updated.
      if (answer.status === 204 || answer.body === undefined) {
        throw malformed(context, 'upsert answered without a record id');
      }
      return asSaveResult(answer.body, context, answer.status === 201);
    },
    async describe(sobject: string, requestOptions?: RequestOptions) {
      const answer = await send('GET', `${objectPath(sobject)}/describe`, undefined, requestOptions, `describe ${sobject}`);
      const body = answer.body as DescribeSObjectResult | undefined;
      if (!body || !Array.isArray(body.fields)) {
        throw malformed(`describe ${sobject}`, 'answer has no fields');
      }
      return body;
    },
    async describeGlobal(requestOptions?: RequestOptions) {
      const answer = await send('GET', `${dataPath}/sobjects`, undefined, requestOptions, 'describeGlobal');
      const body = answer.body as DescribeGlobalResult | undefined;
      if (!body || !Array.isArray(body.sobjects)) {
        throw malformed('describeGlobal', 'answer has no sobjects');
      }
      return body;
    },
    async limits(requestOptions?: RequestOptions) {
      const answer = await send('GET', `${dataPath}/limits`, undefined, requestOptions, 'limits');
      if (!answer.body || typeof answer.body !== 'object') {
        throw malformed('limits', 'answer is not an object');
      }
      return answer.body as LimitsResult;
    },
    requestRaw,
    lastApiUsage: () => usage,
  };
}
