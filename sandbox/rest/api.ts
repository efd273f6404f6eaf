/**
 * The `/services/data` REST subset, as a pure function of a parsed request, so `/composite` can
 * dispatch its subrequests through the same code. Authentication happens before this (server.ts).
 */
import { SalesforceApiError, notFound } from '../errors';
import { makeId, normaliseId } from '../ids';
import { API_VERSIONS } from '../schema';
import type { ObjectDef, OrgSchema } from '../schema';
import { planQueryIds } from '../soql/evaluate';
import type { ResultRecord } from '../soql/evaluate';
import type { Store, StoredRecord } from '../store';
import { handleBulk2 } from './bulk2';
import { describeGlobal, describeObject, objectInfo } from './describe';
import { DmlFailure, createRecord, deleteRecord, updateRecord, upsertRecord, writableObject } from './records';
import type { WriteContext } from './records';

export interface ApiRequest {
  method: string;
  /** Path without query string, e.g. `/services/data/v66.0/query`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** Parsed JSON body, or undefined. */
  body: unknown;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; `raw` for non-JSON bodies (note content). */
  body?: unknown;
  raw?: { contentType: string; data: string | Buffer };
}

/** State shared by every API call of one sandbox. */
export interface ApiContext {
  store: Store;
  userId: string;
  now: () => Date;
  /** Org "today" (ISO date) for SOQL date literals. */
  today: () => string;
  cursors: CursorStore;
  /** API calls so far (for /limits and Sforce-Limit-Info). */
  apiUsage: () => { used: number; max: number };
}

/** What a cursor pages through: ids projected per page, or the few rows of an aggregate query. */
export type CursorSource =
  | { kind: 'records'; ids: readonly string[]; project(ids: readonly string[]): ResultRecord[] }
  | { kind: 'rows'; rows: readonly ResultRecord[] };

interface Cursor {
  source: CursorSource;
  totalSize: number;
  batchSize: number;
  /** Position of the next page when the locator carries none. */
  position: number;
  openedAt: number;
}

export interface CursorStoreOptions {
  /** Ids (and aggregate rows) held across all open cursors; beyond it the oldest cursors are evicted. */
  maxHeld?: number;
  /** Open cursors; beyond it the oldest is evicted. */
  maxCursors?: number;
  /** Lifetime of a cursor (Salesforce keeps query locators for 2 days). */
  ttlMs?: number;
  now?: () => number;
}

/** One million ids: about 8 MB of references to id strings the store holds anyway. */
export const CURSOR_MAX_HELD = 1_000_000;
export const CURSOR_MAX_OPEN = 1_000;
/** "Each locator and its associated results are available for two days" (Salesforce help 000004410, API 56.0+). */
export const CURSOR_TTL_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Open query cursors for `nextRecordsUrl`. A record query's cursor keeps its ordered ids only and
 * projects each page when it is read, so open cursors cost little memory. Salesforce (API 56.0+)
 * has no limit on open cursors; the sandbox bounds what they hold (ids across all cursors, and
 * their number) by evicting the oldest, and expires them after two days: a later page of an
 * evicted or expired cursor answers INVALID_QUERY_LOCATOR, as Salesforce does for an expired one.
 */
export class CursorStore {
  private readonly cursors = new Map<string, Cursor>();
  private counter = 0;
  private held = 0;
  private readonly maxHeld: number;
  private readonly maxCursors: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: CursorStoreOptions = {}) {
    this.maxHeld = options.maxHeld ?? CURSOR_MAX_HELD;
    this.maxCursors = options.maxCursors ?? CURSOR_MAX_OPEN;
    this.ttlMs = options.ttlMs ?? CURSOR_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** Opens a cursor whose next page starts at `position`; returns its key (`01g…`). */
  open(source: CursorSource, position: number, totalSize: number, batchSize: number): string {
    this.counter++;
    const key = makeId('01g', this.counter);
    this.cursors.set(key, { source, position, totalSize, batchSize, openedAt: this.now() });
    this.held += sizeOf(source);
    // Oldest first (Map order); the cursor just opened stays even when it alone exceeds the cap.
    for (const oldest of this.cursors.keys()) {
      if (oldest === key || (this.held <= this.maxHeld && this.cursors.size <= this.maxCursors)) {
        break;
      }
      this.close(oldest);
    }
    return key;
  }

  /** The cursor of a locator `{key}-{position}`, or undefined when unknown, evicted or expired. */
  take(locator: string): (Cursor & { key: string }) | undefined {
    const [key, positionText] = locator.split('-');
    const cursor = key ? this.cursors.get(key) : undefined;
    if (!cursor || !key) {
      return undefined;
    }
    if (this.now() - cursor.openedAt > this.ttlMs) {
      this.close(key);
      return undefined;
    }
    const position = Number(positionText ?? cursor.position);
    return { ...cursor, position: Number.isFinite(position) ? position : cursor.position, key };
  }

  close(key: string): void {
    const cursor = this.cursors.get(key);
    if (cursor) {
      this.held -= sizeOf(cursor.source);
      this.cursors.delete(key);
    }
  }

  /** What the open cursors hold (tests and benchmarks). */
  usage(): { cursors: number; ids: number; rows: number } {
    let ids = 0;
    let rows = 0;
    for (const { source } of this.cursors.values()) {
      if (source.kind === 'records') {
        ids += source.ids.length;
      } else {
        rows += source.rows.length;
      }
    }
    return { cursors: this.cursors.size, ids, rows };
  }
}

function sizeOf(source: CursorSource): number {
  return source.kind === 'records' ? source.ids.length : source.rows.length;
}

const COMPOSITE_MAX_SUBREQUESTS = 25;
const COMPOSITE_MAX_QUERIES = 5;
const COLLECTION_MAX_RECORDS = 200;
const DEFAULT_BATCH_SIZE = 2000;

function json(status: number, body?: unknown, headers?: Record<string, string>): ApiResponse {
  return { status, body, headers };
}

function dmlResponse(error: unknown): ApiResponse {
  if (error instanceof DmlFailure) {
    return json(error.status, error.errors.map((e) => ({ message: e.message, errorCode: e.errorCode, fields: e.fields })));
  }
  throw error;
}

function batchSizeFrom(headers: Record<string, string | undefined>): number {
  const header = headers['sforce-query-options'] ?? '';
  const match = /batchSize\s*=\s*(\d+)/i.exec(header);
  if (!match) {
    return DEFAULT_BATCH_SIZE;
  }
  // Salesforce: min 200, max 2000.
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(200, Number(match[1])));
}

function queryPage(ctx: ApiContext, version: string, source: CursorSource, position: number, totalSize: number, batchSize: number, key?: string): ApiResponse {
  const size = source.kind === 'records' ? source.ids.length : source.rows.length;
  const start = Math.min(size, Math.max(0, position));
  const end = Math.min(size, start + batchSize);
  const page = source.kind === 'records' ? source.project(source.ids.slice(start, end)) : source.rows.slice(start, end);
  const done = end >= size;
  const body: Record<string, unknown> = { totalSize, done, records: page };
  if (!done) {
    body.nextRecordsUrl = `/services/data/v${version}/query/${key ?? ctx.cursors.open(source, end, totalSize, batchSize)}-${end}`;
  } else if (key) {
    ctx.cursors.close(key);
  }
  return json(200, body);
}

function runQuery(ctx: ApiContext, version: string, req: ApiRequest): ApiResponse {
  const soql = req.query.get('q');
  if (!soql) {
    throw new SalesforceApiError(400, 'MALFORMED_QUERY', 'A query string must be provided.');
  }
  const planned = planQueryIds(soql, { store: ctx.store, today: ctx.today(), apiVersion: version });
  const batchSize = batchSizeFrom(req.headers);
  if (planned.kind === 'rows') {
    return queryPage(ctx, version, { kind: 'rows', rows: planned.rows }, 0, planned.totalSize, batchSize);
  }
  return queryPage(ctx, version, planned, 0, planned.ids.length, batchSize);
}

function retrieve(def: ObjectDef, record: StoredRecord, version: string, fieldsParam: string | null): ResultRecord {
  const out: ResultRecord = { attributes: { type: def.name, url: `/services/data/v${version}/sobjects/${def.name}/${String(record.Id)}` } };
  const wanted = fieldsParam ? fieldsParam.split(',').map((f) => f.trim()).filter(Boolean) : def.fields.map((f) => f.name);
  for (const name of wanted) {
    const field = def.fieldIndex.get(name.toLowerCase());
    if (!field) {
      throw new SalesforceApiError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${def.name}`);
    }
    const value = record[field.name] ?? null;
    out[field.name] = def.storage === 'ContentNote' && field.name === 'Content' && value !== null
      ? `/services/data/v${version}/sobjects/ContentNote/${String(record.Id)}/Content`
      : value;
  }
  return out;
}

function findOfType(ctx: ApiContext, def: ObjectDef, rawId: string): StoredRecord | undefined {
  const id = normaliseId(rawId);
  const found = id ? ctx.store.get(id) : undefined;
  return found && ctx.store.schema.objectDef(found.object)?.storage === def.storage ? found.record : undefined;
}

function writeContext(ctx: ApiContext): WriteContext {
  return { store: ctx.store, userId: ctx.userId, now: ctx.now };
}

function sobjectRoute(ctx: ApiContext, version: string, req: ApiRequest, parts: string[]): ApiResponse {
  const [objectName, second, third, fourth] = parts;
  const def = objectName ? ctx.store.schema.objectDef(objectName) : undefined;
  if (!def) {
    throw notFound();
  }
  const method = req.method;
  if (second === undefined) {
    if (method === 'GET') {
      return json(200, objectInfo(def, version));
    }
    if (method === 'POST') {
      try {
        const id = ctx.store.transaction(() => createRecord(writeContext(ctx), writableObject(ctx.store.schema, def.name), req.body), () => true);
        return json(201, { id, success: true, errors: [] }, { Location: `/services/data/v${version}/sobjects/${def.name}/${id}` });
      } catch (error) {
        return dmlResponse(error);
      }
    }
    throw new SalesforceApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are HEAD,GET,POST`);
  }
  if (second === 'describe' && third === undefined) {
    if (method !== 'GET') {
      throw new SalesforceApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are HEAD,GET`);
    }
    return json(200, describeObject(def, version));
  }
  if (third === undefined) {
    // /sobjects/X/{id}
    const record = findOfType(ctx, def, second);
    if (method === 'GET') {
      if (!record) {
        throw notFound();
      }
      return json(200, retrieve(def, record, version, req.query.get('fields')));
    }
    if (method === 'PATCH') {
      try {
        ctx.store.transaction(() => updateRecord(writeContext(ctx), writableObject(ctx.store.schema, def.name), normaliseId(second) ?? second, req.body), () => true);
        return json(204);
      } catch (error) {
        return dmlResponse(error);
      }
    }
    if (method === 'DELETE') {
      try {
        deleteRecord(writeContext(ctx), writableObject(ctx.store.schema, def.name), normaliseId(second) ?? second);
        return json(204);
      } catch (error) {
        return dmlResponse(error);
      }
    }
    throw new SalesforceApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are HEAD,GET,PATCH,DELETE`);
  }
  if (def.storage === 'ContentNote' && third === 'Content' && fourth === undefined && method === 'GET') {
    const record = findOfType(ctx, def, second);
    if (!record) {
      throw notFound();
    }
    const content = typeof record.Content === 'string' ? Buffer.from(record.Content, 'base64') : Buffer.alloc(0);
    return { status: 200, raw: { contentType: 'text/plain; charset=utf-8', data: content } };
  }
  if (fourth === undefined) {
    // /sobjects/X/{externalIdField}/{value}
    const fieldName = second;
    // Already percent-decoded with the other path segments (decoding twice would mangle a literal '%').
    const value = third;
    if (method === 'PATCH') {
      try {
        const result = ctx.store.transaction(() => upsertRecord(writeContext(ctx), writableObject(ctx.store.schema, def.name), fieldName, value, req.body ?? {}), () => true);
        return json(result.created ? 201 : 200, { id: result.id, success: true, errors: [], created: result.created },
          result.created ? { Location: `/services/data/v${version}/sobjects/${def.name}/${result.id}` } : undefined);
      } catch (error) {
        return dmlResponse(error);
      }
    }
    const field = def.fieldIndex.get(fieldName.toLowerCase());
    if (!field || !(field.externalId || field.idLookup)) {
      throw notFound(`Provided external ID field does not exist or is not accessible: ${fieldName}`);
    }
    const id = field.name === 'Id' ? normaliseId(value) : ctx.store.findUnique(def.storage, field.name, value);
    const record = id ? findOfType(ctx, def, id) : undefined;
    if (!record) {
      throw notFound();
    }
    if (method === 'GET') {
      return json(200, retrieve(def, record, version, req.query.get('fields')));
    }
    if (method === 'DELETE') {
      ctx.store.delete(record.Id as string);
      return json(204);
    }
    throw new SalesforceApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are HEAD,GET,PATCH,DELETE`);
  }
  throw notFound();
}

// ------------------------------------------------------------------------------------------------
// Composite

interface CompositeSubrequest {
  method?: string;
  url?: string;
  referenceId?: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

interface CompositeSubresponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

const ROLLED_BACK = { errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' };

class UnresolvedReference extends Error {}

/** Follows `id`, `records[0].Name`, `Account__r.Owner.Id` through a subresponse body. */
function pathValue(body: unknown, path: string): unknown {
  let current: unknown = body;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Replaces `@{ref.path}` in a string from earlier subresponses. */
function resolveReferences(text: string, results: Map<string, CompositeSubresponse>): string {
  return text.replace(/@\{([A-Za-z0-9_]+)\.([^}]+)\}/g, (_m, ref: string, path: string) => {
    const earlier = results.get(ref);
    const value = earlier && earlier.httpStatusCode < 300 ? pathValue(earlier.body, path) : undefined;
    if (value === undefined || value === null || typeof value === 'object') {
      throw new UnresolvedReference(`Invalid reference specified. No value for ${ref}.${path} found in ${ref}. Provided referenceId ('${ref}') must be of the form [a-zA-Z0-9_]+.`);
    }
    return String(value);
  });
}

function resolveInBody(body: unknown, results: Map<string, CompositeSubresponse>): unknown {
  if (typeof body === 'string') {
    return resolveReferences(body, results);
  }
  if (Array.isArray(body)) {
    return body.map((item) => resolveInBody(item, results));
  }
  if (body && typeof body === 'object') {
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, resolveInBody(v, results)]));
  }
  return body;
}

function isFailedCollection(body: unknown): boolean {
  return Array.isArray(body) && body.some((item) => item !== null && typeof item === 'object' && (item as { success?: unknown }).success === false);
}

function composite(ctx: ApiContext, version: string, req: ApiRequest): ApiResponse {
  const payload = req.body as { allOrNone?: boolean; compositeRequest?: CompositeSubrequest[] } | undefined;
  const subrequests = payload?.compositeRequest;
  if (!Array.isArray(subrequests) || subrequests.length === 0) {
    throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'compositeRequest is required and must be a non-empty array');
  }
  if (subrequests.length > COMPOSITE_MAX_SUBREQUESTS) {
    throw new SalesforceApiError(400, 'LIMIT_EXCEEDED', `Composite requests cannot exceed ${COMPOSITE_MAX_SUBREQUESTS} subrequests`);
  }
  const queries = subrequests.filter((s) => /\/(query|queryAll)(\/|\?|$)/.test(s.url ?? '')).length;
  if (queries > COMPOSITE_MAX_QUERIES) {
    throw new SalesforceApiError(400, 'LIMIT_EXCEEDED', `Composite requests cannot contain more than ${COMPOSITE_MAX_QUERIES} query operations`);
  }
  const seen = new Set<string>();
  for (const sub of subrequests) {
    if (!sub.referenceId || !/^[A-Za-z0-9_]+$/.test(sub.referenceId) || seen.has(sub.referenceId)) {
      throw new SalesforceApiError(400, 'INVALID_INPUT', `Invalid or duplicate referenceId: ${String(sub.referenceId)}`);
    }
    seen.add(sub.referenceId);
    if (!sub.url || !sub.method) {
      throw new SalesforceApiError(400, 'INVALID_INPUT', `Subrequest ${sub.referenceId} needs method and url`);
    }
  }
  const allOrNone = payload?.allOrNone === true;
  const results = new Map<string, CompositeSubresponse>();
  const responses: CompositeSubresponse[] = [];
  const failed = { value: false };

  ctx.store.transaction(() => {
    for (const sub of subrequests) {
      const referenceId = sub.referenceId as string;
      if (allOrNone && failed.value) {
        responses.push({ body: [ROLLED_BACK], httpHeaders: {}, httpStatusCode: 400, referenceId });
        continue;
      }
      let response: CompositeSubresponse;
      try {
        const url = resolveReferences(sub.url as string, results);
        const body = resolveInBody(sub.body, results);
        // A literal '#' in an unencoded SOQL string is data, not a fragment.
        const parsed = new URL(url.replace(/#/g, '%23'), 'http://composite.invalid');
        // sObject Collections (`/composite/sobjects`) may be a subrequest, as in Salesforce; nested composites may not.
        if (!parsed.pathname.startsWith('/services/data/') || /\/composite(\/(?!sobjects(\/|$))|$)/.test(parsed.pathname)) {
          throw new SalesforceApiError(400, 'INVALID_INPUT', `The composite resource does not support ${parsed.pathname}`);
        }
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(sub.httpHeaders ?? {})) {
          headers[k.toLowerCase()] = v;
        }
        const result = handleDataApi(ctx, {
          method: (sub.method as string).toUpperCase(), path: parsed.pathname, query: parsed.searchParams, headers, body,
        }, true);
        response = { body: result.body ?? null, httpHeaders: result.headers ?? {}, httpStatusCode: result.status, referenceId };
      } catch (error) {
        if (error instanceof UnresolvedReference) {
          response = { body: [{ errorCode: 'PROCESSING_HALTED', message: error.message }], httpHeaders: {}, httpStatusCode: 400, referenceId };
        } else if (error instanceof SalesforceApiError) {
          response = { body: error.toBody(), httpHeaders: {}, httpStatusCode: error.status, referenceId };
        } else {
          throw error;
        }
      }
      // An sObject Collections subrequest answers 200 with per-record results; a failed record
      // fails the subrequest for allOrNone (the whole transaction rolls back, as in Salesforce).
      if (response.httpStatusCode >= 400 || isFailedCollection(response.body)) {
        failed.value = true;
      }
      results.set(referenceId, response);
      responses.push(response);
    }
    if (allOrNone && failed.value) {
      // Every successful subrequest is rolled back and reported as halted.
      for (const response of responses) {
        if (response.httpStatusCode < 400 && !isFailedCollection(response.body)) {
          response.body = [ROLLED_BACK];
          response.httpHeaders = {};
          response.httpStatusCode = 400;
        }
      }
    }
  }, () => !(allOrNone && failed.value));
  return json(200, { compositeResponse: responses });
}

// ------------------------------------------------------------------------------------------------
// sObject Collections

type CollectionResult = { id: string | null; success: boolean; errors: Array<{ statusCode: string; message: string; fields: string[] }>; created?: boolean };

function collectionRecords(body: unknown): { allOrNone: boolean; records: Array<Record<string, unknown>> } {
  const payload = body as { allOrNone?: boolean; records?: unknown } | undefined;
  if (!payload || !Array.isArray(payload.records)) {
    throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'records is required');
  }
  if (payload.records.length > COLLECTION_MAX_RECORDS) {
    throw new SalesforceApiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${COLLECTION_MAX_RECORDS} records into this call`);
  }
  return { allOrNone: payload.allOrNone === true, records: payload.records as Array<Record<string, unknown>> };
}

function runCollection<T extends Record<string, unknown> | string>(
  ctx: ApiContext,
  items: T[],
  allOrNone: boolean,
  one: (item: T) => { id: string; created?: boolean },
): CollectionResult[] {
  const results: CollectionResult[] = [];
  let failed = false;
  ctx.store.transaction(() => {
    for (const item of items) {
      try {
        // Each record is its own savepoint so a failed one leaves nothing behind.
        const outcome = ctx.store.transaction(() => one(item), () => true);
        results.push({ id: outcome.id, success: true, errors: [], ...(outcome.created !== undefined ? { created: outcome.created } : {}) });
      } catch (error) {
        if (!(error instanceof DmlFailure) && !(error instanceof SalesforceApiError)) {
          throw error;
        }
        failed = true;
        const errors = error instanceof DmlFailure
          ? error.errors.map((e) => ({ statusCode: e.errorCode, message: e.message, fields: e.fields }))
          : [{ statusCode: error.errorCode, message: error.message, fields: error.fields ?? [] }];
        results.push({ id: typeof item === 'string' ? item : null, success: false, errors });
      }
    }
    if (allOrNone && failed) {
      for (let i = 0; i < results.length; i++) {
        const result = results[i] as CollectionResult;
        if (result.success) {
          results[i] = {
            id: null,
            success: false,
            errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }],
          };
        }
      }
    }
  }, () => !(allOrNone && failed));
  return results;
}

function recordType(schema: OrgSchema, record: Record<string, unknown>): ObjectDef {
  const type = (record.attributes as { type?: string } | undefined)?.type;
  const def = type ? schema.objectDef(type) : undefined;
  if (!def) {
    throw new DmlFailure([{ errorCode: 'INVALID_TYPE', message: `sObject type '${String(type)}' is not supported.`, fields: [] }]);
  }
  return writableObject(schema, def.name);
}

function collections(ctx: ApiContext, version: string, req: ApiRequest, parts: string[]): ApiResponse {
  const wctx = writeContext(ctx);
  const [objectName, extField] = parts;
  if (req.method === 'POST' && !objectName) {
    const { allOrNone, records } = collectionRecords(req.body);
    return json(200, runCollection(ctx, records, allOrNone, (record) => ({ id: createRecord(wctx, recordType(ctx.store.schema, record), record) })));
  }
  if (req.method === 'PATCH' && !objectName) {
    const { allOrNone, records } = collectionRecords(req.body);
    return json(200, runCollection(ctx, records, allOrNone, (record) => {
      // Field names are case-insensitive: jsforce sends `id`.
      const idKey = Object.keys(record).find((k) => k.toLowerCase() === 'id');
      const rawId = idKey ? record[idKey] : undefined;
      const id = typeof rawId === 'string' ? normaliseId(rawId) : null;
      if (!id) {
        throw new DmlFailure([{ errorCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] }]);
      }
      updateRecord(wctx, recordType(ctx.store.schema, record), id, record);
      return { id };
    }));
  }
  if (req.method === 'PATCH' && objectName && extField) {
    const def = writableObject(ctx.store.schema, objectName);
    const { allOrNone, records } = collectionRecords(req.body);
    return json(200, runCollection(ctx, records, allOrNone, (record) => {
      const field = def.fieldIndex.get(extField.toLowerCase());
      const key = Object.keys(record).find((k) => k.toLowerCase() === extField.toLowerCase());
      const value = key ? record[key] : undefined;
      if (!field || value === undefined || value === null) {
        throw new DmlFailure([{ errorCode: 'MISSING_ARGUMENT', message: `${extField} not specified`, fields: [extField] }]);
      }
      const rest = { ...record };
      if (key) {
        delete rest[key];
      }
      return upsertRecord(wctx, def, field.name, String(value), rest);
    }));
  }
  if (req.method === 'DELETE' && !objectName) {
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
    if (ids.length > COLLECTION_MAX_RECORDS) {
      throw new SalesforceApiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${COLLECTION_MAX_RECORDS} records into this call`);
    }
    return json(200, runCollection(ctx, ids, req.query.get('allOrNone') === 'true', (rawId) => {
      const id = normaliseId(rawId);
      const found = id ? ctx.store.get(id) : undefined;
      if (!found || !id) {
        throw new DmlFailure([{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }]);
      }
      deleteRecord(wctx, writableObject(ctx.store.schema, found.object), id);
      return { id };
    }));
  }
  if (req.method === 'POST' && objectName && !extField) {
    // Retrieve many by POST (what jsforce's retrieve([...]) sends): { ids, fields }.
    const def = ctx.store.schema.objectDef(objectName);
    const payload = req.body as { ids?: unknown; fields?: unknown } | undefined;
    if (!def || !Array.isArray(payload?.ids) || !Array.isArray(payload?.fields)) {
      throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'ids and fields are required');
    }
    const fields = payload.fields.map(String).join(',');
    return json(200, payload.ids.map((id) => {
      const record = findOfType(ctx, def, String(id));
      return record ? retrieve(def, record, version, fields) : null;
    }));
  }
  if (req.method === 'GET' && objectName) {
    const def = ctx.store.schema.objectDef(objectName);
    if (!def) {
      throw notFound();
    }
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
    return json(200, ids.map((id) => {
      const record = findOfType(ctx, def, id);
      return record ? retrieve(def, record, version, req.query.get('fields')) : null;
    }));
  }
  throw notFound();
}

// ------------------------------------------------------------------------------------------------

function limits(ctx: ApiContext): Record<string, unknown> {
  const usage = ctx.apiUsage();
  const limit = (max: number, used = 0): { Max: number; Remaining: number } => ({ Max: max, Remaining: max - used });
  return {
    DailyApiRequests: limit(usage.max, usage.used),
    DailyBulkV2QueryJobs: limit(10_000),
    DailyBulkApiBatches: limit(15_000),
    DataStorageMB: limit(1024, 12),
    FileStorageMB: limit(1024, 3),
    SingleEmail: limit(5000),
    ConcurrentAsyncGetReportInstances: limit(200),
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Malformed percent-encoding names no resource.
    throw notFound();
  }
}

/** The Versions resource (`GET /services/data`): public on Salesforce, no session needed. */
export function apiVersionList(): Array<{ label: string; url: string; version: string }> {
  return API_VERSIONS.map((v) => ({ label: `Sandbox ${v}`, url: `/services/data/v${v}`, version: v }));
}

/** Handles one `/services/data...` request; `inComposite` forbids nesting composites. */
export function handleDataApi(ctx: ApiContext, req: ApiRequest, inComposite = false): ApiResponse {
  const segments = req.path.replace(/\/+$/, '').split('/').filter(Boolean).map(decodeSegment);
  // ['services', 'data', 'v66.0', resource, ...]
  if (segments.length === 2) {
    return json(200, apiVersionList());
  }
  const versionSegment = segments[2] ?? '';
  const version = versionSegment.replace(/^v/, '');
  if (!/^v\d+\.\d$/.test(versionSegment) || !(API_VERSIONS as readonly string[]).includes(version)) {
    throw notFound();
  }
  const [resource, ...rest] = segments.slice(3);
  const base = `/services/data/v${version}`;
  switch (resource) {
    case undefined:
      return json(200, {
        sobjects: `${base}/sobjects`, query: `${base}/query`, queryAll: `${base}/queryAll`, composite: `${base}/composite`, limits: `${base}/limits`,
      });
    case 'query':
    case 'queryAll':
      if (req.method !== 'GET') {
        throw new SalesforceApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are HEAD,GET`);
      }
      if (rest[0]) {
        const cursor = ctx.cursors.take(rest[0]);
        if (!cursor) {
          // Unknown, evicted or expired (Salesforce help 000004410: "Using an invalid or expired query locator ... throws an INVALID_QUERY_LOCATOR error").
          throw new SalesforceApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
        }
        return queryPage(ctx, version, cursor.source, cursor.position, cursor.totalSize, cursor.batchSize, cursor.key);
      }
      return runQuery(ctx, version, req);
    case 'sobjects':
      if (rest.length === 0) {
        return json(200, describeGlobal(ctx.store.schema, version));
      }
      return sobjectRoute(ctx, version, req, rest);
    case 'composite':
      if (rest[0] === 'sobjects') {
        return collections(ctx, version, req, rest.slice(1));
      }
      if (inComposite) {
        throw new SalesforceApiError(400, 'INVALID_INPUT', 'Composite requests cannot be nested');
      }
      if (rest.length === 0 && req.method === 'POST') {
        return composite(ctx, version, req);
      }
      throw notFound();
    case 'limits':
      return json(200, limits(ctx));
    case 'jobs':
      return handleBulk2(ctx, version, req, rest, inComposite);
    default:
      throw notFound();
  }
}
