/**
 * Bulk API 2.0 client on the fetch transport (connector/salesforce/fetch-client.ts `requestRaw`).
 * Node (CLI, portfolio sources) today; a page or service-worker bundle needs web-streams-shim.ts and a
 * `Buffer` global for csv-parse (see that file). Not exported from connector/salesforce/index.ts.
 */
export { BulkJobError, DEFAULT_MAX_POLL_INTERVAL_MS, DEFAULT_POLL_INTERVAL_MS, DEFAULT_WAIT_TIMEOUT_MS, backoffDelay } from './jobs';
export type { BulkClient, BulkJobErrorReason, BulkJobInfo, BulkJobKind, JobState, PollClock, PollInfo, WaitOptions } from './jobs';
export { abortQueryJob, bulkQuery, createQueryJob, getQueryJob, queryResults, waitForQueryJob } from './query';
export type { BulkQueryOptions, CreateQueryJobOptions, QueryJobInfo, QueryOperation, QueryResultPage, QueryResultsOptions } from './query';
export {
  MAX_UPLOAD_BYTES, abortIngestJob, bulkIngest, closeIngestJob, createIngestJob, getIngestJob, ingestResults, splitCsvUploads,
  uploadJobData, waitForIngestJob,
} from './ingest';
export type {
  BulkIngestFailure, BulkIngestOptions, BulkIngestSummary, CreateIngestJobOptions, FailedRow, IngestJobInfo, IngestOperation,
  IngestProgress, IngestResults, SuccessfulRow,
} from './ingest';
export { parseCsvStream, parseCsvText, toCsv } from './csv';
export type { CsvRow, CsvValue } from './csv';
