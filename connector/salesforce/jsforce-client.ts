/**
 * Node-only SalesforceClient on jsforce 3.10.16 (node-fetch transport). Same contract as the fetch
 * client; exported only from `./node` so jsforce never reaches a page bundle.
 *
 * - `version` is always set (jsforce's default is 50.0);
 * - `callOptions: { client: 'CollectionsPanel' }` → jsforce sends `Sforce-Call-Options` on every request;
 * - composite goes through `conn.requestPost` (jsforce has no /composite method);
 * - REST calls use raw `conn.request` on the same paths as the fetch client, so both hit identical shapes;
 * - `bulk2Query` is for Node-side portfolio work (aging across all accounts), not the panel.
 */
import { Connection } from 'jsforce';
import { ConnectorError } from '../errors';
import type { ApiUsage } from '../port';
import { CALL_OPTIONS_CLIENT, DEFAULT_API_VERSION, dataPathFor, pathSegment } from './client';
import type {
  CompositeRequest,
  CompositeResponse,
  DescribeGlobalResult,
  DescribeSObjectResult,
  LimitsResult,
  QueryResult,
  RequestOptions,
  SalesforceClient,
  SaveResult,
} from './client';
import { malformed, mapSalesforceError, mapTransportError } from './errors';
import { instanceOrigin } from './fetch-client';
import { isSalesforceId } from './ids';
import { assertApiName } from './soql';

export interface JsforceClientOptions {
  instanceUrl: string;
  accessToken: string;
  /** Called on INVALID_SESSION_ID (jsforce's refresh delegate); must return a fresh token. */
  refreshAccessToken?: () => Promise<string>;
  apiVersion?: string;
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
}

export interface JsforceClient extends SalesforceClient {
  readonly connection: Connection;
  /** Bulk API 2.0 query, all rows (Node-side portfolio jobs). */
  bulk2Query(soql: string, options?: { pollIntervalMs?: number; pollTimeoutMs?: number }): Promise<Record<string, unknown>[]>;
}

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  INVALID_SESSION_ID: 401,
  REQUEST_LIMIT_EXCEEDED: 403,
  INSUFFICIENT_ACCESS_OR_READONLY: 403,
  API_DISABLED_FOR_ORG: 403,
  API_CURRENTLY_DISABLED: 403,
  NOT_FOUND: 404,
};

/** jsforce HttpApiError → ConnectorError (jsforce hides the status, so it is recovered from the code). */
function mapJsforceError(error: unknown, context: string): ConnectorError {
  if (error instanceof ConnectorError) {
    return error;
  }
  const e = error as { errorCode?: unknown; data?: unknown; name?: unknown; message?: unknown };
  if (typeof e?.errorCode === 'string' && e.name !== 'FetchError') {
    const code = e.errorCode;
    const httpStatus = /^ERROR_HTTP_(\d{3})$/.exec(code);
    const status = httpStatus ? Number(httpStatus[1]) : STATUS_BY_CODE[code] ?? 400;
    const body = code === 'MULTIPLE_API_ERRORS' && Array.isArray(e.data)
      ? e.data
      : e.data && typeof e.data === 'object'
        ? [e.data]
        : [{ errorCode: code, message: typeof e.message === 'string' ? e.message : code }];
    return mapSalesforceError(status, body, context);
  }
  return mapTransportError(error, context);
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, signal: AbortSignal | undefined, context: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ConnectorError({ kind: 'timeout', detail: `${context}: no answer within ${timeoutMs} ms` })), timeoutMs);
    const onAbort = (): void => reject(new ConnectorError({ kind: 'network', detail: `${context}: cancelled`, retryable: false }));
    if (signal?.aborted) {
      onAbort();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(mapJsforceError(error, context));
      },
    );
  });
}

/** Create the jsforce-backed client. */
export function createJsforceClient(options: JsforceClientOptions): JsforceClient {
  const origin = instanceOrigin(options.instanceUrl);
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
  const dataPath = dataPathFor(apiVersion);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const refresh = options.refreshAccessToken;
  const connection = new Connection({
    instanceUrl: origin,
    accessToken: options.accessToken,
    version: apiVersion,
    callOptions: { client: CALL_OPTIONS_CLIENT },
    ...(refresh
      ? {
          refreshFn: (_conn: Connection, callback: (error: Error | null, token?: string) => void) => {
            refresh().then((token) => callback(null, token), (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
          },
        }
      : {}),
  });

  function request<T>(method: 'GET' | 'POST' | 'PATCH', url: string, body: unknown, requestOptions: RequestOptions | undefined, context: string): Promise<T> {
    const sent = connection.request<T>({
      method,
      url,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    });
    return withTimeout(Promise.resolve(sent), timeoutMs, requestOptions?.signal, context);
  }

  const objectPath = (sobject: string): string => `${dataPath}/sobjects/${assertApiName(sobject)}`;

  function asQuery<R>(body: unknown, context: string): QueryResult<R> {
    if (!body || typeof body !== 'object' || !Array.isArray((body as QueryResult<R>).records)) {
      throw malformed(context, 'query answer has no records array');
    }
    return body as QueryResult<R>;
  }

  return {
    apiVersion,
    dataPath,
    connection,
    async query<R>(soql: string, requestOptions?: RequestOptions) {
      return asQuery<R>(await request('GET', `${dataPath}/query?q=${encodeURIComponent(soql)}`, undefined, requestOptions, 'query'), 'query');
    },
    async queryMore<R>(nextRecordsUrl: string, requestOptions?: RequestOptions) {
      if (!nextRecordsUrl.startsWith('/services/data/')) {
        throw new ConnectorError({ kind: 'invalid_input', detail: 'nextRecordsUrl must be an instance-relative /services/data/ path' });
      }
      return asQuery<R>(await request('GET', nextRecordsUrl, undefined, requestOptions, 'queryMore'), 'queryMore');
    },
    async composite(body: CompositeRequest, requestOptions?: RequestOptions) {
      const sent = connection.requestPost<CompositeResponse>(`${dataPath}/composite`, body);
      const answer = await withTimeout(Promise.resolve(sent), timeoutMs, requestOptions?.signal, 'composite');
      if (!answer || !Array.isArray(answer.compositeResponse)) {
        throw malformed('composite', 'answer has no compositeResponse array');
      }
      return answer;
    },
    async create(sobject: string, record: Record<string, unknown>, requestOptions?: RequestOptions) {
      const answer = await request<SaveResult>('POST', `${objectPath(sobject)}/`, record, requestOptions, `create ${sobject}`);
      if (!answer || typeof answer.id !== 'string') {
        throw malformed(`create ${sobject}`, 'no id');
      }
      return { id: answer.id, success: true, errors: [], created: true };
    },
    async update(sobject: string, id: string, record: Record<string, unknown>, requestOptions?: RequestOptions) {
      if (!isSalesforceId(id)) {
        throw new ConnectorError({ kind: 'invalid_input', fields: ['id'], detail: `Not a valid Salesforce record id: ${JSON.stringify(id)}` });
      }
      await request<unknown>('PATCH', `${objectPath(sobject)}/${id}`, record, requestOptions, `update ${sobject}`);
    },
    async upsert(sobject: string, externalIdField: string, externalId: string, record: Record<string, unknown>, requestOptions?: RequestOptions) {
      const context = `upsert ${sobject}`;
      const answer = await request<SaveResult | undefined>('PATCH', `${objectPath(sobject)}/${assertApiName(externalIdField)}/${pathSegment(externalId)}`, record, requestOptions, context);
      if (!answer || typeof answer.id !== 'string') {
        throw malformed(context, 'upsert answered without a record id');
      }
      // jsforce hides the status; API 46.0+ bodies carry `created`.
      return { id: answer.id, success: answer.success !== false, errors: answer.errors ?? [], created: answer.created === true };
    },
    async describe(sobject: string, requestOptions?: RequestOptions) {
      return request<DescribeSObjectResult>('GET', `${objectPath(sobject)}/describe`, undefined, requestOptions, `describe ${sobject}`);
    },
    async describeGlobal(requestOptions?: RequestOptions) {
      return request<DescribeGlobalResult>('GET', `${dataPath}/sobjects`, undefined, requestOptions, 'describeGlobal');
    },
    async limits(requestOptions?: RequestOptions) {
      return request<LimitsResult>('GET', `${dataPath}/limits`, undefined, requestOptions, 'limits');
    },
    lastApiUsage(): ApiUsage | null {
      const usage = connection.limitInfo?.apiUsage;
      return usage ? { used: usage.used, total: usage.limit } : null;
    },
    async bulk2Query(soql: string, bulkOptions = {}) {
      try {
        const stream = await connection.bulk2.query(soql, {
          pollInterval: bulkOptions.pollIntervalMs ?? 2_000,
          pollTimeout: bulkOptions.pollTimeoutMs ?? 600_000,
        });
        const rows: Record<string, unknown>[] = [];
        for await (const row of stream as AsyncIterable<Record<string, unknown>>) {
          rows.push(row);
        }
        return rows;
      } catch (error) {
        throw mapJsforceError(error, 'bulk2Query');
      }
    },
  };
}
