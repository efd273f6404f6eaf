/**
 * Bulk API 2.0 query jobs on the fetch transport: create, wait (our timeout, resumable), abort, and
 * stream the CSV results page by page.
 *
 * Salesforce references (Bulk API 2.0 and Bulk API Developer Guide, API 66.0):
 * - Create a Query Job: https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_create_job.htm
 * - Get Information About a Query Job: https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_one_job.htm
 * - Get Results for a Query Job: https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm
 *   Each results request returns one CSV page WITH its own header row, `Sforce-NumberOfRecords` (rows
 *   in this page) and `Sforce-Locator` (the next page, the string "null" after the last). A locator
 *   stays valid as long as the job exists, so a page can be fetched again. `maxRecords` caps a page.
 *   Results must be read with the API version that created the job, else 409. Columns come in the
 *   SELECT order (API 50.0+); relationship fields as dotted paths (`Account__r.Name`).
 * - Abort a Query Job: https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_abort_job.htm
 *
 * API cost of `bulkQuery`: 1 (create) + N polls + P pages, each one API request.
 */
import { ConnectorError } from '../../errors';
import type { RequestOptions } from '../client';
import { malformed } from '../errors';
import { parseCsvStream } from './csv';
import type { CsvRow } from './csv';
import { BulkJobError, asJobError, assertJobId, cancelledError, jobRequest, jobsPath, pollJob } from './jobs';
import type { BulkClient, BulkJobInfo, WaitOptions } from './jobs';

export type QueryOperation = 'query' | 'queryAll';

export interface QueryJobInfo extends BulkJobInfo {
  operation: QueryOperation;
}

export interface CreateQueryJobOptions extends RequestOptions {
  /** 'queryAll' also returns deleted and archived records. Default 'query'. */
  operation?: QueryOperation;
}

export interface QueryResultsOptions extends RequestOptions {
  /** Rows per page at most (Salesforce still applies its size limits). Omitted: Salesforce's default. */
  maxRecords?: number;
  /** Start from this page (a `nextLocator` from an earlier page) instead of the first. */
  locator?: string;
}

/** One page of results: one results request, one batch. */
export interface QueryResultPage {
  jobId: string;
  /** 0 for the page fetched first by this call. */
  pageIndex: number;
  /** The locator that fetched this page (null for the first page). Refetch the page with it. */
  locator: string | null;
  /** `Sforce-Locator`: resume from here to get the next page; null after the last page. */
  nextLocator: string | null;
  /** `Sforce-NumberOfRecords`, when Salesforce sent it (checked against the rows parsed). */
  numberOfRecords: number | null;
  /** Rows keyed by the CSV header; values are strings as Salesforce wrote them, empty → null (see CsvRow). */
  records: CsvRow[];
}

function queryJobPath(client: BulkClient, jobId: string): string {
  return `${jobsPath(client, 'query')}/${assertJobId(jobId)}`;
}

/** POST /jobs/query. The job starts right away (state UploadComplete). */
export async function createQueryJob(client: BulkClient, soql: string, options: CreateQueryJobOptions = {}): Promise<QueryJobInfo> {
  if (typeof soql !== 'string' || soql.trim() === '') {
    throw new ConnectorError({ kind: 'invalid_input', detail: 'createQueryJob: empty SOQL' });
  }
  const operation = options.operation ?? 'query';
  try {
    const info = await jobRequest(client, 'POST', jobsPath(client, 'query'), { operation, query: soql, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' }, {
      context: 'create bulk query job', jobKind: 'query', ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return info as QueryJobInfo;
  } catch (error) {
    throw queryRejection(error);
  }
}

/**
 * mapSalesforceError reads a 400 as "Salesforce rejected the record" (it is written for saves). Here
 * a 400 rejects the SOQL: INVALID_FIELD means the org lacks a field ('configuration'); MALFORMED_QUERY,
 * API_ERROR ("Aggregate Relationships not supported in Bulk Query") and the like mean a bad query.
 */
function queryRejection(error: unknown): unknown {
  if (!(error instanceof ConnectorError) || error.kind !== 'validation') {
    return error;
  }
  return new ConnectorError({
    kind: error.crmCode === 'INVALID_FIELD' ? 'configuration' : 'invalid_input',
    detail: error.message,
    fields: error.fields,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.crmCode === undefined ? {} : { crmCode: error.crmCode }),
    cause: error,
  });
}

/** GET /jobs/query/{id}. */
export async function getQueryJob(client: BulkClient, jobId: string, options: RequestOptions = {}): Promise<QueryJobInfo> {
  const info = await jobRequest(client, 'GET', queryJobPath(client, jobId), undefined, {
    context: 'get bulk query job', jobKind: 'query', jobId, ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return info as QueryJobInfo;
}

/** PATCH /jobs/query/{id} {state: 'Aborted'}. */
export async function abortQueryJob(client: BulkClient, jobId: string, options: RequestOptions = {}): Promise<QueryJobInfo> {
  const info = await jobRequest(client, 'PATCH', queryJobPath(client, jobId), { state: 'Aborted' }, {
    context: 'abort bulk query job', jobKind: 'query', jobId, ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return info as QueryJobInfo;
}

/**
 * Poll until JobComplete. Throws BulkJobError: 'failed' / 'aborted' for those end states, 'timeout'
 * (job id attached, job NOT touched: resume later with the id), 'cancelled' on the signal.
 */
export function waitForQueryJob(client: BulkClient, jobId: string, options: WaitOptions<QueryJobInfo> = {}): Promise<QueryJobInfo> {
  assertJobId(jobId);
  return pollJob<QueryJobInfo>('query', jobId, (signal) => getQueryJob(client, jobId, signal === undefined ? {} : { signal }), options);
}

function resultsPath(client: BulkClient, jobId: string, locator: string | null, maxRecords: number | undefined): string {
  const params = new URLSearchParams();
  if (locator !== null) {
    params.set('locator', locator);
  }
  if (maxRecords !== undefined) {
    params.set('maxRecords', String(maxRecords));
  }
  const query = params.toString();
  return `${queryJobPath(client, jobId)}/results${query === '' ? '' : `?${query}`}`;
}

/**
 * The results of a JobComplete query job, one batch per page, each page's CSV parsed as it streams
 * in (the page's rows are collected into its batch; bound memory with `maxRecords`). Follows
 * `Sforce-Locator` until "null". Leaving the loop early cancels the download in progress.
 */
export async function* queryResults(client: BulkClient, jobId: string, options: QueryResultsOptions = {}): AsyncGenerator<QueryResultPage, void, undefined> {
  assertJobId(jobId);
  const { maxRecords } = options;
  if (maxRecords !== undefined && !(Number.isSafeInteger(maxRecords) && maxRecords > 0)) {
    throw new ConnectorError({ kind: 'invalid_input', fields: ['maxRecords'], detail: `queryResults: maxRecords must be a positive integer, got ${maxRecords}` });
  }
  let locator: string | null = options.locator ?? null;
  for (let pageIndex = 0; ; pageIndex += 1) {
    const context = `bulk query results (job ${jobId}, page ${pageIndex})`;
    let answer;
    try {
      answer = await client.requestRaw('GET', resultsPath(client, jobId, locator, maxRecords), {
        accept: 'text/csv', responseType: 'stream', context, ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } catch (error) {
      throw asJobError(error, 'query', jobId, context);
    }
    const countHeader = answer.headers.get('Sforce-NumberOfRecords');
    const numberOfRecords = countHeader === null || countHeader === '' ? null : Number(countHeader);
    const locatorHeader = answer.headers.get('Sforce-Locator');
    // The docs: the string "null" after the last page. A missing header is treated the same (no next page).
    const nextLocator = locatorHeader === null || locatorHeader === '' || locatorHeader === 'null' ? null : locatorHeader;
    const records: CsvRow[] = [];
    for await (const row of parseCsvStream(answer.body, context)) {
      records.push(row);
    }
    if (numberOfRecords !== null && (!Number.isSafeInteger(numberOfRecords) || numberOfRecords !== records.length)) {
      // A cut connection can end a body at a row boundary: the count is the only way to notice.
      throw malformed(context, `Sforce-NumberOfRecords says ${countHeader}, the CSV had ${records.length} rows`);
    }
    yield { jobId, pageIndex, locator, nextLocator, numberOfRecords, records };
    if (nextLocator === null) {
      return;
    }
    if (nextLocator === locator) {
      throw malformed(context, `Sforce-Locator repeats ${JSON.stringify(locator)}: refusing to loop`);
    }
    locator = nextLocator;
  }
}

export interface BulkQueryOptions extends WaitOptions<QueryJobInfo> {
  operation?: QueryOperation;
  maxRecords?: number;
  /** Skip creation: wait for (and read) this job, e.g. the `jobId` of a BulkJobError 'timeout'. */
  resumeJobId?: string;
  /** With `resumeJobId`: start the results at this page (a page's `nextLocator`). */
  locator?: string;
  /** Called once the job id is known (created or resumed): store it to resume after a crash. */
  onJob?: (info: QueryJobInfo) => void;
}

/**
 * create (or resume) → wait → results, as one async iterable of pages. On the caller's AbortSignal
 * the Salesforce job is aborted (PATCH Aborted) and BulkJobError 'cancelled' is thrown; on our
 * timeout the job is left running and BulkJobError 'timeout' carries its id.
 */
export async function* bulkQuery(client: BulkClient, soql: string, options: BulkQueryOptions = {}): AsyncGenerator<QueryResultPage, void, undefined> {
  const signal = options.signal;
  let info: QueryJobInfo;
  if (options.resumeJobId !== undefined) {
    info = await getQueryJob(client, options.resumeJobId, signal === undefined ? {} : { signal });
  } else {
    if (options.locator !== undefined) {
      throw new ConnectorError({ kind: 'invalid_input', fields: ['locator'], detail: 'bulkQuery: a locator only makes sense with resumeJobId' });
    }
    info = await createQueryJob(client, soql, { ...(options.operation === undefined ? {} : { operation: options.operation }), ...(signal === undefined ? {} : { signal }) });
  }
  const jobId = info.id;
  options.onJob?.(info);
  try {
    if (info.state !== 'JobComplete') {
      info = await waitForQueryJob(client, jobId, { ...options, delayFirstPoll: options.resumeJobId === undefined });
    }
    yield* queryResults(client, jobId, {
      ...(options.maxRecords === undefined ? {} : { maxRecords: options.maxRecords }),
      ...(options.locator === undefined ? {} : { locator: options.locator }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    if (signal?.aborted) {
      await abortQuietly(client, jobId, info.state);
      throw error instanceof BulkJobError && error.reason === 'cancelled' ? error : cancelledError('query', jobId, 'bulk query', error, info.state);
    }
    throw error;
  }
}

/** Abort a query job on cancel; a job already finished (or gone) answers 4xx, which changes nothing. */
async function abortQuietly(client: BulkClient, jobId: string, lastState: QueryJobInfo['state']): Promise<void> {
  if (lastState === 'JobComplete' || lastState === 'Failed' || lastState === 'Aborted') {
    return;
  }
  // No signal: the caller's has fired, and this request must still go out (bounded by the client timeout).
  await abortQueryJob(client, jobId).catch(() => undefined);
}
