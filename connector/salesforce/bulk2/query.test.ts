import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetchClient } from '../fetch-client';
import { to18 } from '../ids';
import { createBulkOrg, fakeClock, ORIGIN, V } from './fake-bulk-org';
import { BulkJobError, backoffDelay } from './jobs';
import { bulkQuery, createQueryJob, getQueryJob, queryResults, waitForQueryJob } from './query';
import type { QueryResultPage } from './query';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = createFetchClient({ instanceUrl: ORIGIN, getAccessToken: () => 'TOKEN' });
const SOQL = 'SELECT Id, Name, Description, Account__r.Name, Amount__c FROM Collections_Invoice__c';

// Three pages as Salesforce writes them: every value quoted, a header row on EVERY page, null as empty.
const PAGES = [
  '"Id","Name","Description","Account__r.Name","Amount__c"\n'
    + '"a01R00000000001AAA","CINV-000001","Net 30, paid late","Acme, Inc.","1250.5"\n'
    + '"a01R00000000002AAA","CINV-000002","He said ""next week""","Zürich AG","0"\n',
  '"Id","Name","Description","Account__r.Name","Amount__c"\n'
    + '"a01R00000000003AAA","CINV-000003","line one\nline two","東京商事",""\n'
    + '"a01R00000000004AAA","CINV-000004",,"Ünïcødé 👍",""\n',
  '"Id","Name","Description","Account__r.Name","Amount__c"\n'
    + '"a01R00000000005AAA","CINV-000005","","",""\n',
];

async function collect(pages: AsyncIterable<QueryResultPage>): Promise<QueryResultPage[]> {
  const all: QueryResultPage[] = [];
  for await (const page of pages) {
    all.push(page);
  }
  return all;
}

describe('bulk query', () => {
  it('creates, polls and reads three pages following Sforce-Locator until "null": one batch per page', async () => {
    const org = createBulkOrg(server);
    org.planQuery({ pages: PAGES, readsBeforeComplete: 2 });
    const clock = fakeClock();
    const polls: string[] = [];
    const pages = await collect(bulkQuery(client, SOQL, { maxRecords: 2, clock, onPoll: (info) => polls.push(info.state) }));

    expect(pages.map((p) => p.records.length)).toEqual([2, 2, 1]);
    expect(pages.map((p) => p.numberOfRecords)).toEqual([2, 2, 1]);
    expect(pages.map((p) => p.locator)).toEqual([null, org.locatorFor(1), org.locatorFor(2)]);
    expect(pages.map((p) => p.nextLocator)).toEqual([org.locatorFor(1), org.locatorFor(2), null]);
    expect(pages[0]?.records[0]).toEqual({ Id: 'a01R00000000001AAA', Name: 'CINV-000001', Description: 'Net 30, paid late', 'Account__r.Name': 'Acme, Inc.', Amount__c: '1250.5' });
    expect(pages[0]?.records[1]).toMatchObject({ Description: 'He said "next week"', 'Account__r.Name': 'Zürich AG', Amount__c: '0' });
    expect(pages[1]?.records[0]).toMatchObject({ Description: 'line one\nline two', 'Account__r.Name': '東京商事', Amount__c: null });
    expect(pages[1]?.records[1]).toMatchObject({ Description: null, 'Account__r.Name': 'Ünïcødé 👍' });
    expect(pages[2]?.records[0]).toEqual({ Id: 'a01R00000000005AAA', Name: 'CINV-000005', Description: null, 'Account__r.Name': null, Amount__c: null });

    // API cost: 1 create + 3 polls (InProgress, InProgress, JobComplete) + 3 pages = 7 requests.
    expect(polls).toEqual(['InProgress', 'InProgress', 'JobComplete']);
    expect(org.seen.map((s) => `${s.method} ${s.path.replace(/7505f\w+/, '{id}')}`)).toEqual([
      `POST ${V}/jobs/query`,
      `GET ${V}/jobs/query/{id}`, `GET ${V}/jobs/query/{id}`, `GET ${V}/jobs/query/{id}`,
      `GET ${V}/jobs/query/{id}/results`, `GET ${V}/jobs/query/{id}/results`, `GET ${V}/jobs/query/{id}/results`,
    ]);
    expect(org.seen[0]?.body && JSON.parse(org.seen[0].body)).toEqual({ operation: 'query', query: SOQL, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' });
    expect(org.seen.slice(4).map((s) => s.search)).toEqual(['?maxRecords=2', `?locator=${org.locatorFor(1)}&maxRecords=2`, `?locator=${org.locatorFor(2)}&maxRecords=2`]);
    expect(org.seen[4]?.accept).toBe('text/csv');
    // The first poll waits one interval (a job just created is never done), then the backoff.
    expect(clock.sleeps).toEqual([1000, 750, 1500]);
  });

  it('resumes by job id (no new job) and from a page locator', async () => {
    const org = createBulkOrg(server);
    org.planQuery({ pages: PAGES, readsBeforeComplete: 0 });
    const job = await createQueryJob(client, SOQL, { operation: 'queryAll' });
    expect(job.state).toBe('UploadComplete');
    expect(JSON.parse(org.seen[0]?.body ?? '{}')).toMatchObject({ operation: 'queryAll' });

    const resumed = await collect(bulkQuery(client, SOQL, { resumeJobId: job.id, locator: org.locatorFor(2), clock: fakeClock() }));
    expect(resumed).toHaveLength(1);
    expect(resumed[0]).toMatchObject({ jobId: job.id, pageIndex: 0, locator: org.locatorFor(2), nextLocator: null });
    expect(org.seen.filter((s) => s.method === 'POST')).toHaveLength(1);

    // A locator can be read again: the same page twice gives the same rows.
    const again = await collect(queryResults(client, job.id, { locator: org.locatorFor(2) }));
    expect(again[0]?.records).toEqual(resumed[0]?.records);
  });

  it('backs off exponentially with jitter and times out with a resumable error that leaves the job alone', async () => {
    const org = createBulkOrg(server);
    org.planQuery({ pages: PAGES, readsBeforeComplete: Number.POSITIVE_INFINITY });
    const job = await createQueryJob(client, SOQL);
    const clock = fakeClock(0.5);
    const error = await waitForQueryJob(client, job.id, { clock, pollIntervalMs: 1000, maxPollIntervalMs: 8000, timeoutMs: 20_000 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BulkJobError);
    expect(error).toMatchObject({ reason: 'timeout', kind: 'timeout', retryable: true, jobId: job.id, jobKind: 'query', state: 'InProgress' });
    // Steps 1, 2, 4, 8, 8 s with "equal jitter" at random 0.5 (75 %), the last wait cut to the deadline.
    expect(clock.sleeps).toEqual([750, 1500, 3000, 6000, 6000, 2750]);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(20_000);
    // 7 status reads, and nothing that would abort or delete the job.
    expect(org.seen.filter((s) => s.method === 'GET')).toHaveLength(7);
    expect(org.seen.filter((s) => s.method !== 'GET' && s.method !== 'POST')).toEqual([]);
    expect(org.queryJobs.get(job.id)?.state).toBe('InProgress');

    // Resume later by id: the job finishes and its results are read.
    const running = org.queryJobs.get(job.id);
    if (running) {
      running.plan = { ...running.plan, readsBeforeComplete: 0 };
    }
    const pages = await collect(bulkQuery(client, SOQL, { resumeJobId: (error as BulkJobError).jobId, clock: fakeClock() }));
    expect(pages.flatMap((p) => p.records)).toHaveLength(5);
  });

  it('rides out a transient poll failure, but not three in a row', async () => {
    const org = createBulkOrg(server);
    org.planQuery({ pages: PAGES, readsBeforeComplete: 0 });
    const job = await createQueryJob(client, SOQL);
    let failures = 1;
    server.use(http.get(`${ORIGIN}${V}/jobs/query/:id`, () => (failures-- > 0 ? HttpResponse.error() : undefined)));
    const clock = fakeClock();
    await expect(waitForQueryJob(client, job.id, { clock })).resolves.toMatchObject({ state: 'JobComplete' });
    expect(clock.sleeps).toEqual([750]);

    failures = 4;
    const flaky = fakeClock();
    await expect(waitForQueryJob(client, job.id, { clock: flaky })).rejects.toMatchObject({ kind: 'network' });
    expect(flaky.sleeps).toEqual([750, 1500, 3000]);
  });

  it('bounds the jitter: each wait lies between half and all of its step, capped', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 1000, 30_000, 0))).toEqual([500, 1000, 2000, 4000, 8000, 15_000]);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 1000, 30_000, 1))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000]);
    expect(backoffDelay(80, 1000, 30_000, 1)).toBe(30_000);
  });

  it('aborts the Salesforce job (PATCH Aborted) when the caller cancels, then rethrows', async () => {
    const org = createBulkOrg(server);
    org.planQuery({ pages: PAGES, readsBeforeComplete: Number.POSITIVE_INFINITY });
    const controller = new AbortController();
    const error = await collect(bulkQuery(client, SOQL, {
      signal: controller.signal,
      clock: fakeClock(),
      onPoll: (_, poll) => {
        if (poll.attempt === 2) {
          controller.abort();
        }
      },
    })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkJobError);
    expect(error).toMatchObject({ reason: 'cancelled', kind: 'network', retryable: false });
    const patch = org.seen.find((s) => s.method === 'PATCH');
    expect(patch?.path).toBe(`${V}/jobs/query/${(error as BulkJobError).jobId}`);
    expect(JSON.parse(patch?.body ?? '{}')).toEqual({ state: 'Aborted' });
    expect(org.queryJobs.get((error as BulkJobError).jobId)?.state).toBe('Aborted');
  });

  it('maps 404 (unknown job) and 409 (wrong state) to BulkJobErrors naming the job', async () => {
    createBulkOrg(server);
    const unknown = to18('7505f0000099999');
    await expect(getQueryJob(client, unknown)).rejects.toMatchObject({ reason: 'not_found', kind: 'not_found', status: 404, crmCode: 'NOT_FOUND', jobId: unknown });

    const org = createBulkOrg(server);
    org.planQuery({ pages: PAGES, readsBeforeComplete: 5 });
    const job = await createQueryJob(client, SOQL);
    const early = await collect(queryResults(client, job.id)).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(BulkJobError);
    expect(early).toMatchObject({ reason: 'wrong_state', kind: 'invalid_input', status: 409, crmCode: 'INVALIDJOBSTATE', jobId: job.id, retryable: false });
    expect((early as Error).message).toMatch(/results are available when it is JobComplete/);
    await expect(getQueryJob(client, 'not-an-id')).rejects.toMatchObject({ kind: 'invalid_input' });
  });

  it('tells a query the org cannot answer (configuration) from a bad query (invalid_input)', async () => {
    createBulkOrg(server);
    server.use(http.post(`${ORIGIN}${V}/jobs/query`, async ({ request }) => {
      const { query } = (await request.json()) as { query: string };
      return query.includes('Nope__c')
        ? HttpResponse.json([{ errorCode: 'INVALID_FIELD', message: "No such column 'Nope__c' on entity 'Account'." }], { status: 400 })
        : HttpResponse.json([{ errorCode: 'API_ERROR', message: 'Aggregate Relationships not supported in Bulk Query' }], { status: 400 });
    }));
    await expect(createQueryJob(client, 'SELECT Nope__c FROM Account')).rejects.toMatchObject({ kind: 'configuration', crmCode: 'INVALID_FIELD', status: 400 });
    await expect(createQueryJob(client, 'SELECT COUNT() FROM Account')).rejects.toMatchObject({ kind: 'invalid_input', crmCode: 'API_ERROR' });
  });

  it('reports a Failed job, and a page whose row count disagrees with Sforce-NumberOfRecords', async () => {
    const org = createBulkOrg(server);
    org.planQuery({ pages: PAGES, readsBeforeComplete: 0, finalState: 'Failed' });
    await expect(collect(bulkQuery(client, SOQL, { clock: fakeClock() }))).rejects.toMatchObject({ reason: 'failed', state: 'Failed' });

    org.planQuery({ pages: PAGES, readsBeforeComplete: 0, counts: [2, 3, 1] });
    await expect(collect(bulkQuery(client, SOQL, { clock: fakeClock() }))).rejects.toMatchObject({ kind: 'malformed_response', message: expect.stringMatching(/says 3, the CSV had 2 rows/) as unknown });
  });

  it('stops downloading when the caller leaves after the first page', async () => {
    const org = createBulkOrg(server);
    org.planQuery({ pages: PAGES, readsBeforeComplete: 0 });
    for await (const page of bulkQuery(client, SOQL, { clock: fakeClock() })) {
      expect(page.pageIndex).toBe(0);
      break;
    }
    expect(org.seen.filter((s) => s.path.endsWith('/results'))).toHaveLength(1);
  });
});
