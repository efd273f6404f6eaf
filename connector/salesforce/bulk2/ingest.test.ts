import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetchClient } from '../fetch-client';
import { to18 } from '../ids';
import { createBulkOrg, fakeClock, ORIGIN, V } from './fake-bulk-org';
import {
  bulkIngest, closeIngestJob, createIngestJob, ingestResults, splitCsvUploads, uploadJobData, waitForIngestJob,
} from './ingest';
import type { IngestProgress } from './ingest';
import { BulkJobError } from './jobs';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'TOKEN' });
const columns = ['Name', 'Idempotency_Key__c', 'Amount__c', 'Note__c'];
const rows = [
  { Name: 'Acme, Inc.', Idempotency_Key__c: 'k-1', Amount__c: 1250.5, Note__c: 'He said "next week"' },
  { Name: '', Idempotency_Key__c: 'k-2', Amount__c: 10, Note__c: null },
  { Name: 'Zürich AG', Idempotency_Key__c: 'k-3', Amount__c: 0, Note__c: 'line one\nline two' },
];

describe('bulk ingest', () => {
  it('creates, uploads CSV, closes, waits and parses successful and failed results', async () => {
    const org = createBulkOrg(server);
    org.planIngest({ readsBeforeComplete: 1 });
    const progress: IngestProgress[] = [];
    const summary = await bulkIngest(client, {
      object: 'Promise_To_Pay__c', operation: 'upsert', externalIdFieldName: 'Idempotency_Key__c', rows, columns,
      clock: fakeClock(), onProgress: (p) => progress.push(p),
    });

    expect(summary).toMatchObject({ processed: 3, succeeded: 2, failed: 1, unprocessed: 0 });
    expect(summary.jobIds).toHaveLength(1);
    expect(summary.failures).toEqual([{
      jobId: summary.jobIds[0],
      error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --',
      row: { sf__Id: null, sf__Error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --', Name: null, Idempotency_Key__c: 'k-2', Amount__c: '10', Note__c: '#N/A' },
    }]);
    expect(summary.successful.map((r) => [r.sf__Created, r.Name, r.Note__c])).toEqual([['false', 'Acme, Inc.', 'He said "next week"'], ['false', 'Zürich AG', 'line one\nline two']]);
    expect(summary.successful.every((r) => /^001R0000003/.test(r.sf__Id ?? ''))).toBe(true);
    expect(progress.map((p) => p.state)).toEqual(['Open', 'InProgress', 'JobComplete']);

    // create + upload + close + 2 polls + 3 result files = 8 requests.
    expect(org.seen.map((s) => `${s.method} ${s.path.replace(/7505f\w+/, '{id}')}`)).toEqual([
      `POST ${V}/jobs/ingest`, `PUT ${V}/jobs/ingest/{id}/batches`, `PATCH ${V}/jobs/ingest/{id}`,
      `GET ${V}/jobs/ingest/{id}`, `GET ${V}/jobs/ingest/{id}`,
      `GET ${V}/jobs/ingest/{id}/successfulResults`, `GET ${V}/jobs/ingest/{id}/failedResults`, `GET ${V}/jobs/ingest/{id}/unprocessedrecords`,
    ]);
    expect(JSON.parse(org.seen[0]?.body ?? '{}')).toEqual({ object: 'Promise_To_Pay__c', operation: 'upsert', externalIdFieldName: 'Idempotency_Key__c', contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' });
    expect(org.seen[1]?.contentType).toBe('text/csv');
    expect(org.seen[1]?.body).toBe('Name,Idempotency_Key__c,Amount__c,Note__c\n"Acme, Inc.",k-1,1250.5,"He said ""next week"""\n,k-2,10,#N/A\nZürich AG,k-3,0,"line one\nline two"\n');
    expect(JSON.parse(org.seen[2]?.body ?? '{}')).toEqual({ state: 'UploadComplete' });
  });

  it('splits data over the upload limit into several jobs, each CSV with its header', async () => {
    const org = createBulkOrg(server);
    org.planIngest({ readsBeforeComplete: 0, failure: () => null });
    const many = Array.from({ length: 10 }, (_, i) => ({ Name: `Account ${i}`, Idempotency_Key__c: `k-${i}`, Amount__c: i, Note__c: 'ü' }));
    const summary = await bulkIngest(client, { object: 'Account', operation: 'insert', rows: many, columns, maxUploadBytes: 120, clock: fakeClock() });
    const uploads = org.seen.filter((s) => s.method === 'PUT').map((s) => s.body);
    expect(summary.jobIds.length).toBe(uploads.length);
    expect(uploads.length).toBeGreaterThan(2);
    for (const upload of uploads) {
      expect(new TextEncoder().encode(upload).length).toBeLessThanOrEqual(120);
      expect(upload.startsWith('Name,Idempotency_Key__c,Amount__c,Note__c\n')).toBe(true);
    }
    expect(uploads.flatMap((u) => u.trim().split('\n').slice(1))).toHaveLength(10);
    expect(summary).toMatchObject({ processed: 10, succeeded: 10, failed: 0 });
    expect(summary.successful.every((r) => r.sf__Created === 'true')).toBe(true);
    expect(() => splitCsvUploads([{ Name: 'x'.repeat(200) }], ['Name'], 120)).toThrow(/over the 120-byte upload limit/);
  });

  it('aborts the Salesforce job (PATCH Aborted) when the caller cancels, then rethrows', async () => {
    const org = createBulkOrg(server);
    org.planIngest({ readsBeforeComplete: Number.POSITIVE_INFINITY });
    const controller = new AbortController();
    const error = await bulkIngest(client, {
      object: 'Account', operation: 'insert', rows, columns, signal: controller.signal, clock: fakeClock(),
      onProgress: (p) => {
        if (p.state === 'InProgress') {
          controller.abort();
        }
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkJobError);
    expect(error).toMatchObject({ reason: 'cancelled', jobKind: 'ingest' });
    const patches = org.seen.filter((s) => s.method === 'PATCH').map((s) => JSON.parse(s.body) as unknown);
    expect(patches).toEqual([{ state: 'UploadComplete' }, { state: 'Aborted' }]);
    expect(org.ingestJobs.get((error as BulkJobError).jobId)?.state).toBe('Aborted');
  });

  it('times out with the job id and leaves the job running; resuming reads its results', async () => {
    const org = createBulkOrg(server);
    org.planIngest({ readsBeforeComplete: Number.POSITIVE_INFINITY });
    const error = await bulkIngest(client, { object: 'Account', operation: 'insert', rows, columns, clock: fakeClock(), timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'timeout', kind: 'timeout', state: 'InProgress' });
    const jobId = (error as BulkJobError).jobId;
    expect(org.seen.filter((s) => s.method === 'PATCH').map((s) => s.body)).toEqual(['{"state":"UploadComplete"}']);
    const job = org.ingestJobs.get(jobId);
    if (job) {
      job.plan = { readsBeforeComplete: 0 };
    }
    await waitForIngestJob(client, jobId, { clock: fakeClock() });
    const results = await ingestResults(client, jobId);
    expect([results.successful.length, results.failed.length, results.unprocessed.length]).toEqual([2, 1, 0]);
  });

  it('reports a Failed job with Salesforce\'s message, and lists its unprocessed rows', async () => {
    const org = createBulkOrg(server);
    org.planIngest({ readsBeforeComplete: 0, finalState: 'Failed', errorMessage: 'InvalidBatch : Field name not found : Note__c' });
    const job = await createIngestJob(client, { object: 'Account', operation: 'insert' });
    await uploadJobData(client, job.id, 'Name,Note__c\nAcme,x\n');
    await closeIngestJob(client, job.id);
    await expect(waitForIngestJob(client, job.id, { clock: fakeClock() })).rejects.toMatchObject({
      reason: 'failed', state: 'Failed', message: expect.stringContaining('Field name not found : Note__c') as unknown,
    });
    expect((await ingestResults(client, job.id)).unprocessed).toEqual([{ Name: 'Acme', Note__c: 'x' }]);
  });

  it('maps 409 (wrong state) and 404 (unknown job) to BulkJobErrors; an Open job is not waited on', async () => {
    createBulkOrg(server);
    const job = await createIngestJob(client, { object: 'Account', operation: 'insert' });
    await expect(waitForIngestJob(client, job.id, { clock: fakeClock() })).rejects.toMatchObject({ reason: 'wrong_state', state: 'Open' });
    await uploadJobData(client, job.id, 'Name\nAcme\n');
    await closeIngestJob(client, job.id);
    await expect(closeIngestJob(client, job.id)).rejects.toMatchObject({ reason: 'wrong_state', kind: 'invalid_input', status: 409, crmCode: 'INVALIDJOBSTATE', jobId: job.id });
    await expect(uploadJobData(client, job.id, 'Name\nAgain\n')).rejects.toMatchObject({ reason: 'wrong_state', status: 409 });
    await expect(ingestResults(client, job.id)).rejects.toMatchObject({ reason: 'wrong_state', status: 409 });
    await expect(closeIngestJob(client, '750../../sobjects')).rejects.toMatchObject({ kind: 'invalid_input' });
    const unknown = to18('7505f0000088888');
    await expect(closeIngestJob(client, unknown)).rejects.toMatchObject({ reason: 'not_found', kind: 'not_found', status: 404, jobId: unknown });
  });

  it('refuses bad input before any request', async () => {
    const org = createBulkOrg(server);
    await expect(createIngestJob(client, { object: 'Account; DROP', operation: 'insert' })).rejects.toMatchObject({ kind: 'invalid_input', fields: ['object'] });
    await expect(createIngestJob(client, { object: 'Account', operation: 'upsert' })).rejects.toMatchObject({ fields: ['externalIdFieldName'] });
    await expect(bulkIngest(client, { object: 'Account', operation: 'insert', rows: [{ Name: Number.NaN }], columns: ['Name'] })).rejects.toMatchObject({ kind: 'invalid_input', fields: ['Name'] });
    expect(org.seen).toHaveLength(0);
  });
});
