/**
 * The small Salesforce REST transport every other module uses. Two implementations pass the same
 * contract tests: `fetch-client.ts` (page-safe, injected fetch) and `jsforce-client.ts` (Node only).
 * Implementations throw `ConnectorError` (mapped by `errors.ts`); they never retry writes themselves.
 */
import type { ApiUsage } from '../port';

/** Default REST API version (Spring '26). jsforce's own default (50.0) is never used. */
export const DEFAULT_API_VERSION = '66.0';
/** Usage attribution: sent as `Sforce-Call-Options: client=CollectionsPanel` on every request. */
export const CALL_OPTIONS_CLIENT = 'CollectionsPanel';

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface SObjectAttributes {
  type: string;
  url?: string;
}

/** A record as returned by the REST API. */
export interface SalesforceRecord {
  attributes?: SObjectAttributes;
  Id?: string;
  [field: string]: unknown;
}

export interface QueryResult<R = SalesforceRecord> {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: R[];
}

export interface SalesforceErrorItem {
  errorCode?: string;
  statusCode?: string;
  message: string;
  fields?: string[];
}

export interface CompositeSubrequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path from the instance root, e.g. `/services/data/v66.0/query?q=…`; may contain `@{ref.field}` references. */
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

export interface CompositeRequest {
  allOrNone: boolean;
  /** `collateSubrequests` is left at Salesforce's default. */
  compositeRequest: CompositeSubrequest[];
}

export interface CompositeSubresponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

export interface CompositeResponse {
  compositeResponse: CompositeSubresponse[];
}

export interface SaveResult {
  id: string;
  success: boolean;
  errors: SalesforceErrorItem[];
  /** Upserts: true when a new record was inserted. */
  created?: boolean;
}

export interface DescribeField {
  name: string;
  type: string;
  createable: boolean;
  updateable: boolean;
  nillable?: boolean;
  externalId?: boolean;
  referenceTo?: string[];
  relationshipName?: string | null;
  picklistValues?: { value: string; label: string; active: boolean }[];
}

export interface DescribeSObjectResult {
  name: string;
  queryable: boolean;
  createable: boolean;
  updateable: boolean;
  fields: DescribeField[];
  childRelationships?: { childSObject: string; field: string; relationshipName: string | null }[];
}

export interface DescribeGlobalResult {
  sobjects: { name: string; queryable: boolean; createable: boolean; updateable: boolean }[];
}

export type LimitsResult = Record<string, { Max: number; Remaining: number }>;

/** The transport. */
export interface SalesforceClient {
  readonly apiVersion: string;
  /** `/services/data/vXX.X` for this client. */
  readonly dataPath: string;
  query<R = SalesforceRecord>(soql: string, options?: RequestOptions): Promise<QueryResult<R>>;
  queryMore<R = SalesforceRecord>(nextRecordsUrl: string, options?: RequestOptions): Promise<QueryResult<R>>;
  composite(request: CompositeRequest, options?: RequestOptions): Promise<CompositeResponse>;
  create(sobject: string, record: Record<string, unknown>, options?: RequestOptions): Promise<SaveResult>;
  update(sobject: string, id: string, record: Record<string, unknown>, options?: RequestOptions): Promise<void>;
  /** PATCH `/sobjects/{sobject}/{externalIdField}/{externalId}`: `created` tells insert from update. */
  upsert(sobject: string, externalIdField: string, externalId: string, record: Record<string, unknown>, options?: RequestOptions): Promise<SaveResult>;
  describe(sobject: string, options?: RequestOptions): Promise<DescribeSObjectResult>;
  describeGlobal(options?: RequestOptions): Promise<DescribeGlobalResult>;
  limits(options?: RequestOptions): Promise<LimitsResult>;
  /** Last `Sforce-Limit-Info: api-usage=used/total` seen, or null. */
  lastApiUsage(): ApiUsage | null;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A non-JSON (or hand-parsed) request on the same transport as the JSON calls: same auth, single-flight
 * refresh, origin pinning, timeout, `Sforce-Limit-Info` and error mapping. Used by Bulk API 2.0 (CSV).
 */
export interface RawRequestOptions extends RequestOptions {
  /** Sent as is (already serialised: CSV text, JSON text). Strings only, so a refresh retry can resend it. */
  body?: string;
  /** Content-Type of `body`; default `application/json` when a body is given. */
  contentType?: string;
  /** Default `application/json`. */
  accept?: string;
  /**
   * 'text' (default) buffers the body into a string. 'stream' hands back the response body unread, so a
   * large CSV page is parsed as it arrives; the timeout then applies to the headers and to each chunk
   * (an idle timeout), not to the whole download.
   */
  responseType?: 'text' | 'stream';
  /** Names the call in error details (default `METHOD /path`). */
  context?: string;
}

/** A successful (2xx) raw answer; HTTP errors are thrown as ConnectorError like the JSON calls. */
export interface RawResponse<B extends ReadableStream<Uint8Array> | string = ReadableStream<Uint8Array> | string> {
  status: number;
  headers: Headers;
  body: B;
}

/** Implemented by the fetch client (connector/salesforce/fetch-client.ts). */
export interface RawRequestClient {
  readonly dataPath: string;
  requestRaw(method: HttpMethod, path: string, options: RawRequestOptions & { responseType: 'stream' }): Promise<RawResponse<ReadableStream<Uint8Array>>>;
  requestRaw(method: HttpMethod, path: string, options?: RawRequestOptions & { responseType?: 'text' }): Promise<RawResponse<string>>;
}

/** `/services/data/v66.0` from a version like '66.0'. */
export function dataPathFor(apiVersion: string): string {
  if (!/^\d{2,3}\.0$/.test(apiVersion)) {
    throw new TypeError(`API version must look like "66.0", got ${JSON.stringify(apiVersion)}`);
  }
  return `/services/data/v${apiVersion}`;
}

/** Parse `api-usage=25/15000` from a `Sforce-Limit-Info` header value. */
export function parseLimitInfo(header: string | null | undefined): ApiUsage | null {
  if (!header) {
    return null;
  }
  const match = /api-usage=(\d+)\/(\d+)/.exec(header);
  if (!match) {
    return null;
  }
  return { used: Number(match[1]), total: Number(match[2]) };
}

/** Encode one path segment (sObject name, external id value) for a REST URL. */
export function pathSegment(value: string): string {
  return encodeURIComponent(value);
}
