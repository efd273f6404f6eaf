/**
 * Bulk API 2.0 (`/services/data/vXX.X/jobs/query` and `/jobs/ingest`) over the sandbox store.
 * https://developer.salesforce.com/docs/platform/api-asynch/guide/bulk-api-2-0.html
 *
 * Query jobs evaluate their SOQL once, at creation, to references to the matching stored records
 * (one pointer per row) and render CSV one results page at a time, so no whole-result string is
 * ever held. Ingest jobs keep their one CSV upload until processing, then run every row through
 * the same createRecord/updateRecord/upsertRecord/deleteRecord as REST (same validation, same error
 * codes), each row in its own store transaction: rows are independent (partial success).
 *
 * Processing is simulated deterministically: a job closed for processing (a new query job, an
 * ingest job set to UploadComplete) reports InProgress for `statusReadsBeforeComplete` status reads
 * (GET job info), and the next read completes it (ingest rows are written then). Processing thus
 * always happens inside a request, so the server's persister (which saves after any request that
 * changed the store) picks the writes up.
 *
 * Error codes: where the Salesforce docs give one it is used (delete of an unfinished query job:
 * 400 API_ERROR; results with another API version: 409); elsewhere the sandbox answers 409
 * INVALIDJOBSTATE for an operation the job's state does not allow, 404 NOT_FOUND for an unknown job,
 * and 400 with the Bulk error names (INVALIDJOB, INVALIDENTITY, API_ERROR) for bad requests.
 */
import { SalesforceApiError, notFound } from '../errors';
import { makeId, normaliseId } from '../ids';
import type { FieldDef, ObjectDef } from '../schema';
import { prepareSoql } from '../soql/evaluate';
import type { FlatColumn, PreparedQuery } from '../soql/evaluate';
import type { Store } from '../store';
import type { ApiContext, ApiRequest, ApiResponse } from './api';
import { CsvFormatError, csvRow, isColumnDelimiter, isLineEnding, parseCsv } from './csv';
import type { ColumnDelimiter, LineEnding } from './csv';
import { DmlFailure, createRecord, deleteRecord, sfDateTime, updateRecord, upsertRecord } from './records';
import type { DmlError, WriteContext } from './records';

/** How the sandbox's Bulk API 2.0 behaves; `configureBulk2` changes it per org. */
export interface Bulk2Options {
  /** Status reads that report InProgress before a job completes; 0 completes it at once. */
  statusReadsBeforeComplete: number;
  /** Rows in a query results page when the request has no `maxRecords` (Salesforce decides its own). */
  defaultMaxRecords: number;
  /** A results page ends before it would pass this many bytes of CSV ("still subject to the size limits"). */
  maxPageBytes: number;
  /** Upload size per ingest job, in bytes of base64 (Salesforce: 150 MB "of base64 encoded content"). */
  maxUploadBase64Bytes: number;
  /** Jobs kept in memory; beyond it the oldest finished job is forgotten (Salesforce keeps them 7 days). */
  maxRetainedJobs: number;
}

export const DEFAULT_BULK2_OPTIONS: Readonly<Bulk2Options> = Object.freeze({
  statusReadsBeforeComplete: 1,
  defaultMaxRecords: 50_000,
  maxPageBytes: 16 * 1024 * 1024,
  maxUploadBase64Bytes: 150 * 1024 * 1024,
  maxRetainedJobs: 1_000,
});

/** Job key prefix (AsyncApexJob / Bulk jobs are `750…`). */
const JOB_KEY_PREFIX = '750';
/** Rows per page of the job lists ("up to 1000 result rows per request"). */
const JOB_LIST_PAGE = 1_000;

type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';
type QueryOperation = 'query' | 'queryAll';
type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
const INGEST_OPERATIONS: readonly IngestOperation[] = ['insert', 'update', 'upsert', 'delete', 'hardDelete'];

interface JobBase {
  id: string;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  apiVersion: string;
  lineEnding: LineEnding;
  columnDelimiter: ColumnDelimiter;
  /** Status reads left that report InProgress. */
  statusReadsLeft: number;
  /** Milliseconds spent evaluating or writing. */
  totalProcessingTime: number;
}

interface QueryJob extends JobBase {
  jobType: 'V2Query';
  operation: QueryOperation;
  query: string;
  /** The evaluated query; dropped when the job is aborted. */
  prepared: PreparedQuery | null;
}

interface RowResult {
  id: string;
  cells: string[];
}

interface IngestOutcome {
  header: string[];
  successful: Array<RowResult & { created: boolean }>;
  failed: Array<RowResult & { error: string }>;
  unprocessed: string[][];
}

interface IngestJob extends JobBase {
  jobType: 'V2Ingest';
  operation: IngestOperation;
  externalIdFieldName: string | null;
  assignmentRuleId: string | null;
  /** The uploaded CSV until it is processed (Bulk API 2.0 takes one upload per job). */
  upload: string | null;
  outcome: IngestOutcome | null;
  errorMessage: string | null;
}

type Bulk2Job = QueryJob | IngestJob;

/** The Bulk API 2.0 jobs of one org. */
export class Bulk2Jobs {
  options: Bulk2Options;
  private readonly jobs = new Map<string, Bulk2Job>();

  constructor(private readonly store: Store, options: Partial<Bulk2Options> = {}) {
    this.options = { ...DEFAULT_BULK2_OPTIONS, ...options };
  }

  /** A new job id; the counter lives in the store header so ids are not reused after a restart. */
  nextId(): string {
    const n = (this.store.header.counters[JOB_KEY_PREFIX] ?? 0) + 1;
    this.store.header.counters[JOB_KEY_PREFIX] = n;
    return makeId(JOB_KEY_PREFIX, n);
  }

  add(job: Bulk2Job): void {
    while (this.jobs.size >= this.options.maxRetainedJobs) {
      const finished = [...this.jobs.values()].find((j) => isTerminal(j.state));
      const evicted = finished ?? this.jobs.values().next().value;
      if (!evicted) {
        break;
      }
      this.jobs.delete(evicted.id);
    }
    this.jobs.set(job.id, job);
  }

  get(id: string): Bulk2Job | undefined {
    const normalised = normaliseId(id);
    return normalised ? this.jobs.get(normalised) : undefined;
  }

  delete(id: string): void {
    this.jobs.delete(id);
  }

  list(): Bulk2Job[] {
    return [...this.jobs.values()];
  }

  get size(): number {
    return this.jobs.size;
  }
}

const registries = new WeakMap<Store, Bulk2Jobs>();

/** The org's Bulk API 2.0 jobs (in memory: jobs do not survive a restart, records written by them do). */
export function bulk2JobsFor(store: Store): Bulk2Jobs {
  let jobs = registries.get(store);
  if (!jobs) {
    jobs = new Bulk2Jobs(store);
    registries.set(store, jobs);
  }
  return jobs;
}

/** Changes how the org's Bulk API 2.0 behaves, running jobs included (tests: `configureBulk2(sandbox.store, { statusReadsBeforeComplete: 0 })`). */
export function configureBulk2(store: Store, options: Partial<Bulk2Options>): Bulk2Jobs {
  const jobs = bulk2JobsFor(store);
  jobs.options = { ...jobs.options, ...options };
  const reads = options.statusReadsBeforeComplete;
  if (reads !== undefined) {
    // Jobs already running speed up too (tests: "the org has finished them by now").
    for (const job of jobs.list()) {
      job.statusReadsLeft = Math.min(job.statusReadsLeft, reads);
    }
  }
  return jobs;
}

// ------------------------------------------------------------------------------------------------
// Shared helpers

function isTerminal(state: JobState): boolean {
  return state === 'JobComplete' || state === 'Aborted' || state === 'Failed';
}

const badRequest = (errorCode: string, message: string): SalesforceApiError => new SalesforceApiError(400, errorCode, message);
const wrongState = (message: string): SalesforceApiError => new SalesforceApiError(409, 'INVALIDJOBSTATE', message);

function json(status: number, body?: unknown): ApiResponse {
  return { status, body };
}

function csvResponse(data: string, headers?: Record<string, string>): ApiResponse {
  return { status: 200, headers, raw: { contentType: 'text/csv', data } };
}

function methodNotAllowed(method: string, allowed: string): SalesforceApiError {
  return new SalesforceApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed}`);
}

function requestObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

/** Enum values Salesforce deserializes (an unknown value is a JSON_PARSER_ERROR there too). */
function enumValue<T extends string>(body: Record<string, unknown>, key: string, accept: (v: unknown) => v is T, fallback: T): T {
  const value = body[key];
  if (value === undefined || value === null) {
    return fallback;
  }
  if (!accept(value)) {
    throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize value of ${key} from String "${String(value)}"`);
  }
  return value;
}

function readFormat(body: Record<string, unknown>): { lineEnding: LineEnding; columnDelimiter: ColumnDelimiter } {
  enumValue(body, 'contentType', (v): v is 'CSV' => v === 'CSV', 'CSV');
  return {
    lineEnding: enumValue(body, 'lineEnding', isLineEnding, 'LF'),
    columnDelimiter: enumValue(body, 'columnDelimiter', isColumnDelimiter, 'COMMA'),
  };
}

function newJobBase(ctx: ApiContext, jobs: Bulk2Jobs, version: string, object: string, format: { lineEnding: LineEnding; columnDelimiter: ColumnDelimiter }): JobBase {
  const now = sfDateTime(ctx.now());
  return {
    id: jobs.nextId(),
    object,
    createdById: ctx.userId,
    createdDate: now,
    systemModstamp: now,
    state: 'Open',
    apiVersion: version,
    ...format,
    statusReadsLeft: jobs.options.statusReadsBeforeComplete,
    totalProcessingTime: 0,
  };
}

function setState(ctx: ApiContext, job: Bulk2Job, state: JobState): void {
  job.state = state;
  job.systemModstamp = sfDateTime(ctx.now());
}

/** Fields every job info shows, in Salesforce's order. */
function baseInfo(job: Bulk2Job): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    ...(job.jobType === 'V2Ingest' && job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    ...(job.jobType === 'V2Ingest' && job.assignmentRuleId ? { assignmentRuleId: job.assignmentRuleId } : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    ...(job.jobType === 'V2Ingest' ? { contentUrl: `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches` } : {}),
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
  };
}

/** `GET …/jobs/{type}/{id}`: the full job info. */
function fullInfo(job: Bulk2Job): Record<string, unknown> {
  if (job.jobType === 'V2Query') {
    return {
      ...baseInfo(job),
      jobType: job.jobType,
      numberRecordsProcessed: job.state === 'JobComplete' ? job.prepared?.records.length ?? 0 : 0,
      retries: 0,
      totalProcessingTime: job.totalProcessingTime,
      isPkChunkingSupported: true,
    };
  }
  const outcome = job.outcome;
  return {
    ...baseInfo(job),
    jobType: job.jobType,
    numberRecordsProcessed: outcome ? outcome.successful.length + outcome.failed.length : 0,
    numberRecordsFailed: outcome?.failed.length ?? 0,
    retries: 0,
    totalProcessingTime: job.totalProcessingTime,
    apiActiveProcessingTime: job.totalProcessingTime,
    apexProcessingTime: 0,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}

/** Opaque locators in Salesforce's style ("MTAwMDA" is base64 of 10000), unpadded. */
function encodeLocator(offset: number): string {
  return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}

function decodeLocator(locator: string, max: number): number {
  const text = Buffer.from(locator, 'base64').toString('utf8');
  const offset = Number(text);
  if (!/^\d+$/.test(text) || encodeLocator(offset) !== locator || offset > max) {
    throw badRequest('API_ERROR', `Invalid locator: ${locator}`);
  }
  return offset;
}

/** `GET …/jobs/{type}`: every job of one type, 1,000 a page, with `nextRecordsUrl` for the rest. */
function listJobs(ctx: ApiContext, jobs: Bulk2Jobs, version: string, jobType: Bulk2Job['jobType'], query: URLSearchParams): ApiResponse {
  const wantedType = query.get('jobType');
  const all = wantedType && wantedType !== jobType ? [] : jobs.list().filter((j) => j.jobType === jobType);
  const locator = query.get('queryLocator');
  const start = locator ? decodeLocator(locator, all.length) : 0;
  const end = Math.min(all.length, start + JOB_LIST_PAGE);
  const done = end >= all.length;
  // Listing is a status read too: a client may poll many jobs with one list request.
  for (const job of all.slice(start, end)) {
    advance(ctx, job);
  }
  const kind = jobType === 'V2Query' ? 'query' : 'ingest';
  return json(200, {
    done,
    records: all.slice(start, end).map((job) => ({ ...baseInfo(job), jobType: job.jobType })),
    nextRecordsUrl: done ? null : `/services/data/v${version}/jobs/${kind}?queryLocator=${encodeLocator(end)}`,
  });
}

function findJob<T extends Bulk2Job['jobType']>(jobs: Bulk2Jobs, id: string, jobType: T): Extract<Bulk2Job, { jobType: T }> {
  const job = jobs.get(id);
  if (!job || job.jobType !== jobType) {
    throw notFound('Job not found');
  }
  return job as Extract<Bulk2Job, { jobType: T }>;
}

/** A status read: a job being processed reports InProgress `statusReadsBeforeComplete` times, then completes. */
function advance(ctx: ApiContext, job: Bulk2Job): void {
  if (job.state !== 'UploadComplete' && job.state !== 'InProgress') {
    return;
  }
  if (job.statusReadsLeft > 0) {
    job.statusReadsLeft--;
    if (job.state !== 'InProgress') {
      setState(ctx, job, 'InProgress');
    }
    return;
  }
  complete(ctx, job);
}

function complete(ctx: ApiContext, job: Bulk2Job): void {
  if (job.jobType === 'V2Ingest') {
    processIngest(ctx, job);
    return;
  }
  setState(ctx, job, 'JobComplete');
}

/** `PATCH …/jobs/{type}/{id}` with `{ state: 'Aborted' }`. */
function abort(ctx: ApiContext, job: Bulk2Job): void {
  const abortable: JobState[] = job.jobType === 'V2Query' ? ['UploadComplete', 'InProgress'] : ['Open', 'UploadComplete', 'InProgress'];
  if (!abortable.includes(job.state)) {
    throw wrongState(`Aborting a job in state ${job.state} is not allowed`);
  }
  setState(ctx, job, 'Aborted');
  if (job.jobType === 'V2Query') {
    job.prepared = null;
  }
}

/** `DELETE …/jobs/{type}/{id}`. */
function deleteJob(jobs: Bulk2Jobs, job: Bulk2Job): ApiResponse {
  const deletable: JobState[] = job.jobType === 'V2Query' ? ['JobComplete', 'Aborted', 'Failed'] : ['UploadComplete', 'JobComplete', 'Aborted', 'Failed'];
  if (!deletable.includes(job.state)) {
    // Documented for query jobs ("Delete a Query Job"); ingest jobs answer alike here.
    throw badRequest('API_ERROR', 'Error encountered when deleting the job because the job is not terminated');
  }
  jobs.delete(job.id);
  return json(204);
}

// ------------------------------------------------------------------------------------------------
// Query jobs

function createQueryJob(ctx: ApiContext, jobs: Bulk2Jobs, version: string, rawBody: unknown): ApiResponse {
  const body = requestObject(rawBody);
  const operation = enumValue(body, 'operation', (v): v is QueryOperation => v === 'query' || v === 'queryAll', 'query');
  if (body.operation === undefined) {
    throw badRequest('INVALIDJOB', 'operation is required: query or queryAll');
  }
  const soql = body.query;
  if (typeof soql !== 'string' || soql.trim() === '') {
    throw badRequest('INVALIDJOB', 'query is required');
  }
  const format = readFormat(body);
  const started = Date.now();
  // queryAll = query: the sandbox deletes are hard (no recycle bin), as in REST.
  const prepared = prepareSoql(soql, { store: ctx.store, today: ctx.today(), apiVersion: version });
  if (prepared.shape.childSubquery || prepared.shape.aggregate) {
    // The message Salesforce gives for both (Data Loader matches on it).
    throw badRequest('API_ERROR', 'Aggregate Relationships not supported in Bulk Query');
  }
  if (prepared.shape.offset) {
    throw badRequest('API_ERROR', 'OFFSET is not supported in Bulk Query');
  }
  const job: QueryJob = {
    ...newJobBase(ctx, jobs, version, prepared.object, format),
    jobType: 'V2Query',
    operation,
    query: soql,
    prepared,
    state: 'UploadComplete',
  };
  job.totalProcessingTime = Date.now() - started;
  jobs.add(job);
  const created = baseInfo(job);
  if (job.statusReadsLeft === 0) {
    complete(ctx, job);
  }
  // The creation response always says UploadComplete, as Salesforce's does.
  return json(200, created);
}

function csvValue(value: unknown, column: FlatColumn): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'boolean' || typeof value === 'number') {
    return String(value);
  }
  if (typeof value === 'string') {
    // Bulk CSV writes datetimes in UTC with 'Z' (REST JSON writes '+0000').
    return column.fieldType === 'datetime' ? value.replace(/\+0000$/, 'Z') : value;
  }
  return JSON.stringify(value);
}

function flatValue(record: Record<string, unknown>, column: FlatColumn): string {
  let current: unknown = record;
  for (const key of column.path) {
    if (current === null || typeof current !== 'object') {
      return '';
    }
    current = (current as Record<string, unknown>)[key];
  }
  return csvValue(current, column);
}

/** `GET …/jobs/query/{id}/results?locator=&maxRecords=`: one page, header row included. */
function queryResults(jobs: Bulk2Jobs, version: string, job: QueryJob, query: URLSearchParams): ApiResponse {
  if (version !== job.apiVersion) {
    // "Use the same API version to get query results that you used to create the query. Otherwise, the call returns a 409 error."
    throw new SalesforceApiError(409, 'API_ERROR', `The job was created in API version ${job.apiVersion}; get its results with the same version`);
  }
  if (job.state !== 'JobComplete' || !job.prepared) {
    throw wrongState(`Job is in state ${job.state}; results are available when it is JobComplete`);
  }
  const maxRecordsParam = query.get('maxRecords');
  let maxRecords = jobs.options.defaultMaxRecords;
  if (maxRecordsParam !== null) {
    maxRecords = Number(maxRecordsParam);
    if (!/^\d+$/.test(maxRecordsParam) || maxRecords < 1) {
      throw badRequest('API_ERROR', `maxRecords must be a positive integer: ${maxRecordsParam}`);
    }
  }
  const { records, columns, project } = job.prepared;
  const locator = query.get('locator');
  const start = locator ? decodeLocator(locator, records.length) : 0;
  const header = csvRow(columns.map((c) => c.name), job.columnDelimiter, job.lineEnding);
  const lines = [header];
  let bytes = Buffer.byteLength(header);
  let index = start;
  while (index < records.length && index - start < maxRecords) {
    const projected = project(records[index] as (typeof records)[number]);
    const line = csvRow(columns.map((c) => flatValue(projected, c)), job.columnDelimiter, job.lineEnding);
    const lineBytes = Buffer.byteLength(line);
    if (index > start && bytes + lineBytes > jobs.options.maxPageBytes) {
      break;
    }
    lines.push(line);
    bytes += lineBytes;
    index++;
  }
  return csvResponse(lines.join(''), {
    'Sforce-Locator': index < records.length ? encodeLocator(index) : 'null',
    'Sforce-NumberOfRecords': String(index - start),
  });
}

function queryRoute(ctx: ApiContext, jobs: Bulk2Jobs, version: string, req: ApiRequest, id: string | undefined, sub: string | undefined): ApiResponse {
  if (id === undefined) {
    if (req.method === 'POST') {
      return createQueryJob(ctx, jobs, version, req.body);
    }
    if (req.method === 'GET') {
      return listJobs(ctx, jobs, version, 'V2Query', req.query);
    }
    throw methodNotAllowed(req.method, 'HEAD,GET,POST');
  }
  const job = findJob(jobs, id, 'V2Query');
  if (sub === 'results') {
    if (req.method !== 'GET') {
      throw methodNotAllowed(req.method, 'HEAD,GET');
    }
    return queryResults(jobs, version, job, req.query);
  }
  if (sub !== undefined) {
    throw notFound();
  }
  switch (req.method) {
    case 'GET':
      advance(ctx, job);
      return json(200, fullInfo(job));
    case 'PATCH': {
      const state = requestObject(req.body).state;
      if (state !== 'Aborted') {
        throw badRequest('INVALIDJOBSTATE', `A query job can only be set to Aborted, not ${String(state)}`);
      }
      abort(ctx, job);
      return json(200, baseInfo(job));
    }
    case 'DELETE':
      return deleteJob(jobs, job);
    default:
      throw methodNotAllowed(req.method, 'HEAD,GET,PATCH,DELETE');
  }
}

// ------------------------------------------------------------------------------------------------
// Ingest jobs

function createIngestJob(ctx: ApiContext, jobs: Bulk2Jobs, version: string, rawBody: unknown): ApiResponse {
  const body = requestObject(rawBody);
  const operation = enumValue(body, 'operation', (v): v is IngestOperation => INGEST_OPERATIONS.includes(v as IngestOperation), 'insert');
  if (body.operation === undefined) {
    throw badRequest('INVALIDJOB', 'operation is required: insert, update, upsert, delete or hardDelete');
  }
  if (typeof body.object !== 'string' || body.object === '') {
    throw badRequest('INVALIDJOB', 'object is required');
  }
  const def = ctx.store.schema.objectDef(body.object);
  if (!def) {
    throw badRequest('INVALIDJOB', `Unable to find object: ${body.object}`);
  }
  if (!def.createable) {
    throw badRequest('INVALIDENTITY', `Entity '${def.name}' is not supported by the Bulk API.`);
  }
  const format = readFormat(body);
  let externalIdFieldName: string | null = null;
  if (operation === 'upsert') {
    const name = body.externalIdFieldName;
    if (typeof name !== 'string' || name === '') {
      throw badRequest('INVALIDJOB', 'externalIdFieldName is required for upsert');
    }
    const field = def.fieldIndex.get(name.toLowerCase());
    if (!field || !(field.externalId || field.idLookup)) {
      throw badRequest('INVALIDJOB', `Field name provided, ${name} does not match an External ID, Salesforce Id, or indexed field for ${def.name}`);
    }
    externalIdFieldName = field.name;
  }
  const job: IngestJob = {
    ...newJobBase(ctx, jobs, version, def.name, format),
    jobType: 'V2Ingest',
    operation,
    externalIdFieldName,
    assignmentRuleId: typeof body.assignmentRuleId === 'string' ? body.assignmentRuleId : null,
    upload: null,
    outcome: null,
    errorMessage: null,
  };
  jobs.add(job);
  return json(200, baseInfo(job));
}

/** `PUT …/jobs/ingest/{id}/batches` with the CSV as the body. */
function uploadData(jobs: Bulk2Jobs, job: IngestJob, body: unknown): ApiResponse {
  if (job.state !== 'Open') {
    throw wrongState(`Job is in state ${job.state}; data can be uploaded only while it is Open`);
  }
  if (job.upload !== null) {
    // One upload per job ("an empty parent batch which is related to the initial upload").
    throw wrongState('Job data was already uploaded; create another job for more data');
  }
  if (typeof body !== 'string') {
    throw badRequest('INVALIDBATCH', 'Job data must be sent as text/csv');
  }
  const base64Bytes = Math.ceil(Buffer.byteLength(body) / 3) * 4;
  if (base64Bytes > jobs.options.maxUploadBase64Bytes) {
    throw new SalesforceApiError(413, 'REQUEST_ENTITY_TOO_LARGE',
      `Job data exceeds ${jobs.options.maxUploadBase64Bytes} bytes of base64 encoded content (${base64Bytes})`);
  }
  job.upload = body;
  return json(201);
}

/** How one CSV column maps to the object. */
type IngestColumn =
  | { kind: 'field'; field: FieldDef }
  | { kind: 'lookup'; field: FieldDef; target: ObjectDef; key: FieldDef };

function resolveColumn(def: ObjectDef, store: Store, name: string): IngestColumn | null {
  const dot = name.indexOf('.');
  if (dot < 0) {
    const field = def.fieldIndex.get(name.toLowerCase());
    return field ? { kind: 'field', field } : null;
  }
  // Parent by external id: `Invoice__r.External_Id__c`.
  const field = def.parentRelationships.get(name.slice(0, dot).toLowerCase());
  const targets = field?.referenceTo ?? [];
  const target = targets.length === 1 ? store.schema.objectDef(targets[0] as string) : undefined;
  const key = target?.fieldIndex.get(name.slice(dot + 1).toLowerCase());
  if (!field || !target || !key || !(key.externalId || key.idLookup)) {
    return null;
  }
  return { kind: 'lookup', field, target, key };
}

/** Salesforce's result-file error text: `CODE:message:Field1,Field2 --`, or `CODE:message:--`. */
function formatErrors(errors: readonly DmlError[]): string {
  return errors.map((e) => `${e.errorCode}:${e.message}:${e.fields.length > 0 ? `${e.fields.join(',')} ` : ''}--`).join('\n');
}

function rowFailure(errorCode: string, message: string, fields: string[] = []): DmlFailure {
  return new DmlFailure([{ errorCode, message, fields }]);
}

/** One CSV row as a REST-style body: empty cells are left out, `#N/A` sets null. */
function rowBody(store: Store, columns: readonly IngestColumn[], cells: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  columns.forEach((column, i) => {
    const cell = cells[i] ?? '';
    if (cell === '') {
      return;
    }
    const value = cell === '#N/A' ? null : cell;
    if (column.kind === 'field') {
      // CSV booleans are text; REST's validation takes true/false.
      body[column.field.name] = column.field.type === 'boolean' && value !== null && /^(true|false|1|0)$/i.test(value)
        ? /^(true|1)$/i.test(value)
        : value;
      return;
    }
    if (value === null) {
      body[column.field.name] = null;
      return;
    }
    const parentId = column.key.name === 'Id' ? normaliseId(value) : store.findUnique(column.target.storage, column.key.name, value);
    if (!parentId || !store.get(parentId)) {
      throw rowFailure('INVALID_FIELD', `Foreign key external ID: ${value} not found for field ${column.key.name} in entity ${column.target.name}`);
    }
    body[column.field.name] = parentId;
  });
  return body;
}

function fieldValue(header: readonly string[], cells: readonly string[], name: string): string {
  const index = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  return index >= 0 ? cells[index] ?? '' : '';
}

function failJob(ctx: ApiContext, job: IngestJob, message: string, header: string[], rows: string[][]): void {
  job.errorMessage = message;
  job.outcome = { header, successful: [], failed: [], unprocessed: rows };
  job.upload = null;
  setState(ctx, job, 'Failed');
}

/** Writes every uploaded row; each row is its own transaction (partial success). */
function processIngest(ctx: ApiContext, job: IngestJob): void {
  const started = Date.now();
  let rows: string[][];
  try {
    rows = parseCsv(job.upload ?? '', job.columnDelimiter, job.lineEnding);
  } catch (error) {
    if (!(error instanceof CsvFormatError)) {
      throw error;
    }
    failJob(ctx, job, error.message, [], []);
    return;
  }
  const [header, ...data] = rows;
  if (!header) {
    failJob(ctx, job, 'InvalidBatch : No data was uploaded for this job', [], []);
    return;
  }
  const def = ctx.store.schema.objectDef(job.object) as ObjectDef;
  const columns: IngestColumn[] = [];
  for (const name of header) {
    const column = resolveColumn(def, ctx.store, name);
    if (!column) {
      failJob(ctx, job, `InvalidBatch : Field name not found : ${name}`, header, data);
      return;
    }
    columns.push(column);
  }
  const ragged = data.findIndex((cells) => cells.length !== header.length);
  if (ragged >= 0) {
    failJob(ctx, job, `InvalidBatch : Row ${ragged + 1} has ${data[ragged]?.length ?? 0} columns; the header has ${header.length}`, header, data);
    return;
  }
  const wctx: WriteContext = { store: ctx.store, userId: job.createdById, now: ctx.now };
  const outcome: IngestOutcome = { header, successful: [], failed: [], unprocessed: [] };
  for (const cells of data) {
    const givenId = fieldValue(header, cells, 'Id');
    try {
      const result = ctx.store.transaction(() => writeRow(ctx.store, wctx, job, def, columns, header, cells), () => true);
      outcome.successful.push({ id: result.id, created: result.created, cells });
    } catch (error) {
      let errors: DmlError[];
      if (error instanceof DmlFailure) {
        errors = error.errors;
      } else if (error instanceof SalesforceApiError) {
        errors = [{ errorCode: error.errorCode, message: error.message, fields: error.fields ?? [] }];
      } else {
        console.error('[sandbox] bulk ingest row failed unexpectedly', error);
        errors = [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.', fields: [] }];
      }
      outcome.failed.push({ id: job.operation === 'insert' || job.operation === 'upsert' ? '' : givenId, error: formatErrors(errors), cells });
    }
  }
  job.outcome = outcome;
  job.upload = null;
  job.totalProcessingTime = Date.now() - started;
  setState(ctx, job, 'JobComplete');
}

function writeRow(
  store: Store,
  wctx: WriteContext,
  job: IngestJob,
  def: ObjectDef,
  columns: readonly IngestColumn[],
  header: readonly string[],
  cells: readonly string[],
): { id: string; created: boolean } {
  switch (job.operation) {
    case 'insert':
      return { id: createRecord(wctx, def, rowBody(store, columns, cells)), created: true };
    case 'update': {
      const id = normaliseId(fieldValue(header, cells, 'Id'));
      if (!id) {
        throw rowFailure('MISSING_ARGUMENT', 'Id not specified in an update call');
      }
      updateRecord(wctx, def, id, rowBody(store, columns, cells));
      return { id, created: false };
    }
    case 'upsert': {
      const key = job.externalIdFieldName as string;
      const value = fieldValue(header, cells, key);
      if (value === '') {
        throw rowFailure('MISSING_ARGUMENT', `${key} not specified`, [key]);
      }
      return upsertRecord(wctx, def, key, value, rowBody(store, columns, cells));
    }
    case 'delete':
    case 'hardDelete': {
      // No recycle bin in the sandbox: delete and hardDelete both remove the record.
      const id = normaliseId(fieldValue(header, cells, 'Id'));
      if (!id) {
        throw rowFailure('MALFORMED_ID', `bad id ${fieldValue(header, cells, 'Id')}`, ['Id']);
      }
      deleteRecord(wctx, def, id);
      return { id, created: false };
    }
  }
}

/** The rows nobody processed: an unprocessed upload (open, closed, aborted job), or what a failed run left. */
function unprocessedRows(job: IngestJob): { header: string[]; rows: string[][] } {
  if (job.outcome) {
    return { header: job.outcome.header, rows: job.outcome.unprocessed };
  }
  if (job.upload === null) {
    return { header: [], rows: [] };
  }
  try {
    const [header = [], ...rows] = parseCsv(job.upload, job.columnDelimiter, job.lineEnding);
    return { header, rows };
  } catch {
    // Data the job could not parse has no rows to list.
    return { header: [], rows: [] };
  }
}

function ingestResults(job: IngestJob, kind: 'successfulresults' | 'failedresults' | 'unprocessedrecords'): ApiResponse {
  const row = (cells: readonly string[]): string => csvRow(cells, job.columnDelimiter, job.lineEnding);
  if (kind === 'unprocessedrecords') {
    const { header, rows } = unprocessedRows(job);
    return csvResponse(header.length === 0 ? '' : [row(header), ...rows.map(row)].join(''));
  }
  if (job.state !== 'JobComplete' && job.state !== 'Failed' && job.state !== 'Aborted') {
    throw wrongState(`Job is in state ${job.state}; results are available when it is JobComplete`);
  }
  const header = job.outcome?.header ?? [];
  if (kind === 'successfulresults') {
    const lines = [row(['sf__Id', 'sf__Created', ...header]), ...(job.outcome?.successful ?? []).map((r) => row([r.id, String(r.created), ...r.cells]))];
    return csvResponse(lines.join(''));
  }
  const lines = [row(['sf__Id', 'sf__Error', ...header]), ...(job.outcome?.failed ?? []).map((r) => row([r.id, r.error, ...r.cells]))];
  return csvResponse(lines.join(''));
}

function ingestRoute(ctx: ApiContext, jobs: Bulk2Jobs, version: string, req: ApiRequest, id: string | undefined, sub: string | undefined): ApiResponse {
  if (id === undefined) {
    if (req.method === 'POST') {
      return createIngestJob(ctx, jobs, version, req.body);
    }
    if (req.method === 'GET') {
      return listJobs(ctx, jobs, version, 'V2Ingest', req.query);
    }
    throw methodNotAllowed(req.method, 'HEAD,GET,POST');
  }
  const job = findJob(jobs, id, 'V2Ingest');
  if (sub !== undefined) {
    const resource = sub.toLowerCase();
    if (resource === 'batches') {
      if (req.method !== 'PUT') {
        throw methodNotAllowed(req.method, 'PUT');
      }
      return uploadData(jobs, job, req.body);
    }
    if (resource === 'successfulresults' || resource === 'failedresults' || resource === 'unprocessedrecords') {
      if (req.method !== 'GET') {
        throw methodNotAllowed(req.method, 'HEAD,GET');
      }
      return ingestResults(job, resource);
    }
    throw notFound();
  }
  switch (req.method) {
    case 'GET':
      advance(ctx, job);
      return json(200, fullInfo(job));
    case 'PATCH': {
      const state = requestObject(req.body).state;
      if (state === 'Aborted') {
        abort(ctx, job);
        return json(200, baseInfo(job));
      }
      if (state !== 'UploadComplete') {
        throw badRequest('INVALIDJOBSTATE', `An ingest job can be set to UploadComplete or Aborted, not ${String(state)}`);
      }
      if (job.state !== 'Open') {
        throw wrongState(`Job is in state ${job.state}; only an Open job can be closed`);
      }
      setState(ctx, job, 'UploadComplete');
      const info = baseInfo(job);
      if (job.statusReadsLeft === 0) {
        complete(ctx, job);
      }
      return json(200, info);
    }
    case 'DELETE':
      return deleteJob(jobs, job);
    default:
      throw methodNotAllowed(req.method, 'HEAD,GET,PATCH,DELETE');
  }
}

/** Handles `/services/data/vXX.X/jobs/...`; `parts` follow `jobs`. */
export function handleBulk2(ctx: ApiContext, version: string, req: ApiRequest, parts: readonly string[], inComposite: boolean): ApiResponse {
  if (inComposite) {
    throw badRequest('INVALID_INPUT', 'The composite resource does not support Bulk API 2.0 jobs');
  }
  const [kind, id, sub, extra] = parts;
  if (extra !== undefined) {
    throw notFound();
  }
  const jobs = bulk2JobsFor(ctx.store);
  if (kind === 'query') {
    return queryRoute(ctx, jobs, version, req, id, sub);
  }
  if (kind === 'ingest') {
    return ingestRoute(ctx, jobs, version, req, id, sub);
  }
  throw notFound();
}
