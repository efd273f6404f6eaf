/**
 * Bulk API 2.0 ingest jobs (insert, update, upsert) on the fetch transport.
 *
 * Salesforce references (Bulk API 2.0 and Bulk API Developer Guide, API 66.0):
 * - Create a Job: https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/create_job.htm
 * - Upload Job Data: https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/upload_job_data.htm
 *   PUT text/csv to /jobs/ingest/{id}/batches, answered 201. At most 150 MB of base64-encoded data per
 *   request; Salesforce base64-encodes on receipt (+~50 %), so upload at most 100 MB of CSV. We upload
 *   once per job and split larger inputs into several jobs (default limit 100 000 000 bytes of UTF-8).
 * - Close or Abort a Job: https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/close_job.htm
 *   PATCH {state: 'UploadComplete'} starts processing; PATCH {state: 'Aborted'} cancels.
 * - Get Job Successful / Failed / Unprocessed Record Results:
 *   https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_successful_results.htm
 *   (`sf__Id`, `sf__Created` + the uploaded fields), get_job_failed_results.htm (`sf__Id`, `sf__Error` + the
 *   uploaded fields), get_job_unprocessed_results.htm (the uploaded fields). Row order is NOT the upload order.
 * - Prepare CSV Files / Valid CSV Record Rows: see csv.ts (`#N/A` sets null, an empty value is ignored on update).
 *
 * API cost of one `bulkIngest` job: create + upload + close + N polls + 3 result requests = 6 + N.
 */
import { ConnectorError } from '../../errors';
import type { RequestOptions } from '../client';
import { assertApiName } from '../soql';
import { csvHeader, csvLine, parseCsvText, utf8Length } from './csv';
import type { CsvRow, CsvValue } from './csv';
import { BulkJobError, asJobError, assertJobId, cancelledError, jobRequest, jobsPath, pollJob } from './jobs';
import type { BulkClient, BulkJobInfo, JobState, WaitOptions } from './jobs';

export type IngestOperation = 'insert' | 'update' | 'upsert';

export interface IngestJobInfo extends BulkJobInfo {
  operation: IngestOperation;
  object: string;
  externalIdFieldName?: string;
  numberRecordsFailed?: number;
  errorMessage?: string;
  contentUrl?: string;
}

export interface CreateIngestJobOptions extends RequestOptions {
  object: string;
  operation: IngestOperation;
  /** Required for 'upsert'. */
  externalIdFieldName?: string;
  /** Must match the data; `toCsv` writes LF. */
  lineEnding?: 'LF';
}

/** Per Salesforce: ≤ 150 MB base64 per upload ≈ 100 MB of CSV before encoding. */
export const MAX_UPLOAD_BYTES = 100_000_000;

function ingestJobPath(client: BulkClient, jobId: string): string {
  return `${jobsPath(client, 'ingest')}/${assertJobId(jobId)}`;
}

function signalOf(options: RequestOptions): { signal?: AbortSignal } {
  return options.signal === undefined ? {} : { signal: options.signal };
}

function validName(name: string | undefined, field: string): string {
  try {
    return assertApiName(name ?? '');
  } catch {
    throw new ConnectorError({ kind: 'invalid_input', fields: [field], detail: `createIngestJob: ${field} is not an API name: ${JSON.stringify(name)}` });
  }
}

/** POST /jobs/ingest → an Open job, ready for one upload. */
export async function createIngestJob(client: BulkClient, options: CreateIngestJobOptions): Promise<IngestJobInfo> {
  const object = validName(options.object, 'object');
  if (!['insert', 'update', 'upsert'].includes(options.operation)) {
    throw new ConnectorError({ kind: 'invalid_input', fields: ['operation'], detail: `createIngestJob: unsupported operation ${JSON.stringify(options.operation)}` });
  }
  if (options.operation === 'upsert' && options.externalIdFieldName === undefined) {
    throw new ConnectorError({ kind: 'invalid_input', fields: ['externalIdFieldName'], detail: 'createIngestJob: upsert needs externalIdFieldName' });
  }
  const body = {
    object,
    operation: options.operation,
    ...(options.externalIdFieldName === undefined ? {} : { externalIdFieldName: validName(options.externalIdFieldName, 'externalIdFieldName') }),
    contentType: 'CSV',
    columnDelimiter: 'COMMA',
    lineEnding: options.lineEnding ?? 'LF',
  };
  const info = await jobRequest(client, 'POST', jobsPath(client, 'ingest'), body, { context: `create bulk ingest job (${object})`, jobKind: 'ingest', ...signalOf(options) });
  return info as IngestJobInfo;
}

/** GET /jobs/ingest/{id}. */
export async function getIngestJob(client: BulkClient, jobId: string, options: RequestOptions = {}): Promise<IngestJobInfo> {
  const info = await jobRequest(client, 'GET', ingestJobPath(client, jobId), undefined, { context: 'get bulk ingest job', jobKind: 'ingest', jobId, ...signalOf(options) });
  return info as IngestJobInfo;
}

/** PUT the CSV (header + rows, ≤ MAX_UPLOAD_BYTES) to an Open job. */
export async function uploadJobData(client: BulkClient, jobId: string, csvText: string, options: RequestOptions = {}): Promise<void> {
  const context = `upload bulk ingest data (job ${jobId})`;
  const bytes = utf8Length(csvText);
  if (bytes > MAX_UPLOAD_BYTES) {
    throw new ConnectorError({ kind: 'invalid_input', detail: `${context}: ${bytes} bytes of CSV exceed ${MAX_UPLOAD_BYTES} (Salesforce: 150 MB after base64); split it with splitCsvUploads` });
  }
  try {
    await client.requestRaw('PUT', `${ingestJobPath(client, jobId)}/batches`, { body: csvText, contentType: 'text/csv', accept: 'application/json', context, ...signalOf(options) });
  } catch (error) {
    throw asJobError(error, 'ingest', jobId, context);
  }
}

/** PATCH {state: 'UploadComplete'}: processing starts; no more uploads. */
export async function closeIngestJob(client: BulkClient, jobId: string, options: RequestOptions = {}): Promise<IngestJobInfo> {
  const info = await jobRequest(client, 'PATCH', ingestJobPath(client, jobId), { state: 'UploadComplete' }, { context: 'close bulk ingest job', jobKind: 'ingest', jobId, ...signalOf(options) });
  return info as IngestJobInfo;
}

/** PATCH {state: 'Aborted'}. */
export async function abortIngestJob(client: BulkClient, jobId: string, options: RequestOptions = {}): Promise<IngestJobInfo> {
  const info = await jobRequest(client, 'PATCH', ingestJobPath(client, jobId), { state: 'Aborted' }, { context: 'abort bulk ingest job', jobKind: 'ingest', jobId, ...signalOf(options) });
  return info as IngestJobInfo;
}

/** Poll until JobComplete; BulkJobError 'failed' (with Salesforce's errorMessage), 'aborted', 'timeout' (job untouched), 'cancelled', or 'wrong_state' for a job still Open. */
export function waitForIngestJob(client: BulkClient, jobId: string, options: WaitOptions<IngestJobInfo> = {}): Promise<IngestJobInfo> {
  assertJobId(jobId);
  return pollJob<IngestJobInfo>('ingest', jobId, (signal) => getIngestJob(client, jobId, signal === undefined ? {} : { signal }), options);
}

/** A successfully processed row: `sf__Id`, `sf__Created` ('true'/'false') and the uploaded fields. */
export type SuccessfulRow = CsvRow & { sf__Id: string | null; sf__Created: string | null };
/** A failed row: `sf__Id` (often null), `sf__Error` ("CODE:message:fields") and the uploaded fields. */
export type FailedRow = CsvRow & { sf__Id: string | null; sf__Error: string | null };

export interface IngestResults {
  successful: SuccessfulRow[];
  failed: FailedRow[];
  /** Rows Salesforce did not process (job aborted or failed): the uploaded fields only. */
  unprocessed: CsvRow[];
}

async function resultCsv(client: BulkClient, jobId: string, resource: string, options: RequestOptions): Promise<CsvRow[]> {
  const context = `bulk ingest ${resource} (job ${jobId})`;
  let text: string;
  try {
    const answer = await client.requestRaw('GET', `${ingestJobPath(client, jobId)}/${resource}`, { accept: 'text/csv', context, ...signalOf(options) });
    text = answer.body;
  } catch (error) {
    throw asJobError(error, 'ingest', jobId, context);
  }
  return text.trim() === '' ? [] : parseCsvText(text, context);
}

/** GET successfulResults, failedResults and unprocessedrecords (3 API requests, one after the other). */
export async function ingestResults(client: BulkClient, jobId: string, options: RequestOptions = {}): Promise<IngestResults> {
  const successful = (await resultCsv(client, jobId, 'successfulResults', options)) as SuccessfulRow[];
  const failed = (await resultCsv(client, jobId, 'failedResults', options)) as FailedRow[];
  const unprocessed = await resultCsv(client, jobId, 'unprocessedrecords', options);
  return { successful, failed, unprocessed };
}

/**
 * Rows → CSV texts of at most `maxBytes` each (UTF-8, header repeated in each), one per ingest job.
 * A single row larger than the limit is refused.
 */
export function splitCsvUploads(rows: readonly Readonly<Record<string, CsvValue>>[], columns: readonly string[], maxBytes = MAX_UPLOAD_BYTES): string[] {
  const header = csvHeader(columns);
  const headerBytes = utf8Length(header);
  const uploads: string[] = [];
  let current = '';
  let currentBytes = 0;
  let count = 0;
  rows.forEach((row, index) => {
    const line = csvLine(row, columns, index);
    const lineBytes = utf8Length(line);
    if (headerBytes + lineBytes > maxBytes) {
      throw new ConnectorError({ kind: 'invalid_input', detail: `splitCsvUploads: row ${index} alone is ${lineBytes} bytes, over the ${maxBytes}-byte upload limit` });
    }
    if (count > 0 && headerBytes + currentBytes + lineBytes > maxBytes) {
      uploads.push(header + current);
      current = '';
      currentBytes = 0;
      count = 0;
    }
    current += line;
    currentBytes += lineBytes;
    count += 1;
  });
  if (count > 0) {
    uploads.push(header + current);
  }
  return uploads;
}

export interface IngestProgress {
  jobId: string;
  /** 0-based index of this job among `jobs`. */
  job: number;
  jobs: number;
  state: JobState;
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
}

export interface BulkIngestOptions extends Omit<WaitOptions<IngestJobInfo>, 'onPoll' | 'delayFirstPoll'> {
  object: string;
  operation: IngestOperation;
  externalIdFieldName?: string;
  rows: readonly Readonly<Record<string, CsvValue>>[];
  columns: readonly string[];
  /** Bytes of CSV per job (default MAX_UPLOAD_BYTES); more data → more jobs. */
  maxUploadBytes?: number;
  /** After each job state change we see (creation, each poll, completion). */
  onProgress?: (progress: IngestProgress) => void;
}

export interface BulkIngestFailure {
  /** The row as Salesforce echoed it back (uploaded values as text); results do not keep upload order. */
  row: CsvRow;
  /** `sf__Error`, e.g. "REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --". */
  error: string;
  jobId: string;
}

export interface BulkIngestSummary {
  jobIds: string[];
  /** numberRecordsProcessed summed over the jobs (successes + failures, per Salesforce). */
  processed: number;
  succeeded: number;
  failed: number;
  unprocessed: number;
  failures: BulkIngestFailure[];
  successful: SuccessfulRow[];
}

/**
 * rows → CSV → one ingest job per ≤ maxUploadBytes: create, upload, close, wait, read results.
 * Jobs run one after the other. On the caller's AbortSignal the current Salesforce job is aborted
 * (PATCH Aborted) and BulkJobError 'cancelled' is thrown; on our timeout BulkJobError 'timeout'
 * carries the job id and the job is left running (read it later with waitForIngestJob + ingestResults).
 * A failed upload aborts its job (an Open job would never run) and rethrows.
 */
export async function bulkIngest(client: BulkClient, options: BulkIngestOptions): Promise<BulkIngestSummary> {
  const uploads = splitCsvUploads(options.rows, options.columns, options.maxUploadBytes ?? MAX_UPLOAD_BYTES);
  const signal = options.signal;
  const summary: BulkIngestSummary = { jobIds: [], processed: 0, succeeded: 0, failed: 0, unprocessed: 0, failures: [], successful: [] };
  for (const [index, csv] of uploads.entries()) {
    const progress = (info: IngestJobInfo): void => options.onProgress?.({
      jobId: info.id, job: index, jobs: uploads.length, state: info.state,
      numberRecordsProcessed: info.numberRecordsProcessed ?? 0, numberRecordsFailed: info.numberRecordsFailed ?? 0,
    });
    const created = await createIngestJob(client, {
      object: options.object, operation: options.operation,
      ...(options.externalIdFieldName === undefined ? {} : { externalIdFieldName: options.externalIdFieldName }),
      ...signalOf(options),
    });
    const jobId = created.id;
    summary.jobIds.push(jobId);
    progress(created);
    let state: JobState = created.state;
    try {
      try {
        await uploadJobData(client, jobId, csv, signalOf(options));
        state = (await closeIngestJob(client, jobId, signalOf(options))).state;
      } catch (error) {
        if (!signal?.aborted) {
          await abortIngestJob(client, jobId).catch(() => undefined);
        }
        throw error;
      }
      const done = await waitForIngestJob(client, jobId, {
        ...options,
        delayFirstPoll: true,
        onPoll: (info) => {
          state = info.state;
          progress(info);
        },
      });
      const results = await ingestResults(client, jobId, signalOf(options));
      summary.processed += done.numberRecordsProcessed ?? results.successful.length + results.failed.length;
      summary.succeeded += results.successful.length;
      summary.failed += results.failed.length;
      summary.unprocessed += results.unprocessed.length;
      summary.successful.push(...results.successful);
      for (const row of results.failed) {
        summary.failures.push({ row, error: row.sf__Error ?? '', jobId });
      }
    } catch (error) {
      if (signal?.aborted) {
        if (state !== 'JobComplete' && state !== 'Failed' && state !== 'Aborted') {
          // No signal on this one: the caller's has fired, and the abort must still reach Salesforce.
          await abortIngestJob(client, jobId).catch(() => undefined);
        }
        throw error instanceof BulkJobError && error.reason === 'cancelled' ? error : cancelledError('ingest', jobId, 'bulk ingest', error, state);
      }
      throw error;
    }
  }
  return summary;
}
