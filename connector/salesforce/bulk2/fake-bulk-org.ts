/**
 * Test support: msw handlers that answer Bulk API 2.0 like Salesforce does (payload shapes from the
 * Bulk API 2.0 Developer Guide examples: job info fields, CSV results with a header row on every page,
 * `Sforce-Locator` base64-like and "null" after the last page, `Sforce-NumberOfRecords`, 409
 * INVALIDJOBSTATE for a state that does not allow the call, 404 NOT_FOUND for an unknown job).
 * Used by query.test.ts and ingest.test.ts only.
 */
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { to18 } from '../ids';
import type { JobState } from './jobs';
import type { PollClock } from './jobs';

export const ORIGIN = 'https://acme.my.salesforce.com';
export const V = '/services/data/v66.0';
const CREATED = '2026-11-20T10:00:00.000+0000';
const USER = '005R0000000GiwjIAC';

export interface QueryPlan {
  /** One CSV text per page, each with its header row. */
  pages: string[];
  /** Status reads answered InProgress before the job completes (Infinity: never). */
  readsBeforeComplete?: number;
  finalState?: 'JobComplete' | 'Failed';
  /** Override Sforce-NumberOfRecords per page (null: header left out). */
  counts?: (number | null)[];
}

export interface IngestPlan {
  readsBeforeComplete?: number;
  finalState?: 'JobComplete' | 'Failed';
  errorMessage?: string;
  /** Which uploaded rows fail, and with what sf__Error. Default: a row with an empty Name. */
  failure?: (row: Record<string, string>) => string | null;
}

interface QueryJob { id: string; soql: string; operation: string; state: JobState; reads: number; plan: QueryPlan }
interface IngestJob { id: string; object: string; operation: string; state: JobState; reads: number; plan: IngestPlan; upload: string | null; externalIdFieldName?: string }

export interface SeenRequest { method: string; path: string; search: string; contentType: string | null; accept: string | null; body: string }

const errors = (status: number, errorCode: string, message: string): Response => HttpResponse.json([{ errorCode, message }], { status });

/** Salesforce locators look like base64 of an offset without padding (`MTAwMDA` = "10000"). */
function locatorFor(page: number): string {
  return btoa(String(page * 1000)).replace(/=+$/, '');
}

/** Minimal RFC 4180 reader for what the client uploads (the client's own parser is under test elsewhere). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const q = (value: string): string => `"${value.replaceAll('"', '""')}"`;

export function createBulkOrg(server: SetupServer) {
  let counter = 0;
  const queryJobs = new Map<string, QueryJob>();
  const ingestJobs = new Map<string, IngestJob>();
  const seen: SeenRequest[] = [];
  let nextQueryPlan: QueryPlan = { pages: ['"Id"\n'] };
  let nextIngestPlan: IngestPlan = {};

  const newId = (): string => {
    counter += 1;
    return to18(`7505f00000${String(counter).padStart(5, '0')}`);
  };

  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname.includes('/jobs/')) {
      const entry: SeenRequest = { method: request.method, path: url.pathname, search: url.search, contentType: request.headers.get('Content-Type'), accept: request.headers.get('Accept'), body: '' };
      seen.push(entry);
      // Filled in before the handler answers (the handler reads the same body after this).
      void request.clone().text().then((body: string) => {
        entry.body = body;
      });
    }
  });

  const queryInfo = (job: QueryJob, detail: boolean): Record<string, unknown> => ({
    id: job.id, operation: job.operation, object: 'Account', createdById: USER, createdDate: CREATED, systemModstamp: CREATED,
    state: job.state, concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: 66.0,
    ...(detail ? { jobType: 'V2Query', numberRecordsProcessed: job.state === 'JobComplete' ? job.plan.pages.reduce((n, p) => n + readCsv(p).length - 1, 0) : 0, retries: 0, totalProcessingTime: 334, isPkChunkingSupported: true } : {}),
    lineEnding: 'LF', columnDelimiter: 'COMMA',
  });

  const ingestInfo = (job: IngestJob): Record<string, unknown> => {
    const rows = job.upload === null ? [] : readCsv(job.upload).slice(1);
    const header = job.upload === null ? [] : readCsv(job.upload)[0] ?? [];
    const failed = job.state === 'JobComplete' ? rows.filter((r) => failureOf(job, header, r) !== null).length : 0;
    return {
      id: job.id, operation: job.operation, object: job.object, createdById: USER, createdDate: CREATED, systemModstamp: CREATED,
      state: job.state, ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
      concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: 66.0, jobType: 'V2Ingest',
      contentUrl: `services/data/v66.0/jobs/ingest/${job.id}/batches`, lineEnding: 'LF', columnDelimiter: 'COMMA',
      numberRecordsProcessed: job.state === 'JobComplete' ? rows.length : 0, numberRecordsFailed: failed, retries: 0,
      totalProcessingTime: 0, apiActiveProcessingTime: 0, apexProcessingTime: 0,
      ...(job.state === 'Failed' ? { errorMessage: job.plan.errorMessage ?? 'InvalidBatch : Failed to process query' } : {}),
    };
  };

  function failureOf(job: IngestJob, header: string[], cells: string[]): string | null {
    const row = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    if (job.plan.failure) {
      return job.plan.failure(row);
    }
    return row.Name === '' ? 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --' : null;
  }

  const advance = (job: { state: JobState; reads: number; plan: { readsBeforeComplete?: number; finalState?: 'JobComplete' | 'Failed' } }): void => {
    if (job.state === 'UploadComplete' || job.state === 'InProgress') {
      if (job.reads < (job.plan.readsBeforeComplete ?? 1)) {
        job.state = 'InProgress';
      } else {
        job.state = job.plan.finalState ?? 'JobComplete';
      }
      job.reads += 1;
    }
  };

  const J = `${ORIGIN}${V}/jobs`;
  server.use(
    http.post(`${J}/query`, async ({ request }) => {
      const body = (await request.json()) as { operation: string; query: string };
      const job: QueryJob = { id: newId(), soql: body.query, operation: body.operation, state: 'UploadComplete', reads: 0, plan: nextQueryPlan };
      queryJobs.set(job.id, job);
      return HttpResponse.json(queryInfo(job, false));
    }),
    http.get(`${J}/query/:id`, ({ params }) => {
      const job = queryJobs.get(String(params.id));
      if (!job) {
        return errors(404, 'NOT_FOUND', 'The requested resource does not exist');
      }
      advance(job);
      return HttpResponse.json(queryInfo(job, true));
    }),
    http.patch(`${J}/query/:id`, ({ params }) => {
      const job = queryJobs.get(String(params.id));
      if (!job) {
        return errors(404, 'NOT_FOUND', 'The requested resource does not exist');
      }
      if (job.state !== 'UploadComplete' && job.state !== 'InProgress') {
        return errors(409, 'INVALIDJOBSTATE', `Aborting a job in state ${job.state} is not allowed`);
      }
      job.state = 'Aborted';
      return HttpResponse.json(queryInfo(job, false));
    }),
    http.get(`${J}/query/:id/results`, ({ params, request }) => {
      const job = queryJobs.get(String(params.id));
      if (!job) {
        return errors(404, 'NOT_FOUND', 'The requested resource does not exist');
      }
      if (job.state !== 'JobComplete') {
        return errors(409, 'INVALIDJOBSTATE', `Job is in state ${job.state}; results are available when it is JobComplete`);
      }
      const locator = new URL(request.url).searchParams.get('locator');
      const page = locator === null ? 0 : job.plan.pages.findIndex((_, i) => i > 0 && locatorFor(i) === locator);
      const csv = job.plan.pages[page];
      if (page < 0 || csv === undefined) {
        return errors(400, 'INVALID_LOCATOR', 'Invalid locator');
      }
      const count = job.plan.counts?.[page] !== undefined ? job.plan.counts[page] : readCsv(csv).length - 1;
      const last = page === job.plan.pages.length - 1;
      return new HttpResponse(csv, {
        headers: {
          'Content-Type': 'text/csv',
          'Sforce-Locator': last ? 'null' : locatorFor(page + 1),
          ...(count === null ? {} : { 'Sforce-NumberOfRecords': String(count) }),
          'Sforce-Limit-Info': 'api-usage=42/15000',
        },
      });
    }),
    http.post(`${J}/ingest`, async ({ request }) => {
      const body = (await request.json()) as { object: string; operation: string; externalIdFieldName?: string };
      const job: IngestJob = { id: newId(), object: body.object, operation: body.operation, state: 'Open', reads: 0, plan: nextIngestPlan, upload: null, ...(body.externalIdFieldName ? { externalIdFieldName: body.externalIdFieldName } : {}) };
      ingestJobs.set(job.id, job);
      return HttpResponse.json(ingestInfo(job));
    }),
    http.put(`${J}/ingest/:id/batches`, async ({ params, request }) => {
      const job = ingestJobs.get(String(params.id));
      if (!job) {
        return errors(404, 'NOT_FOUND', 'The requested resource does not exist');
      }
      if (job.state !== 'Open') {
        return errors(409, 'INVALIDJOBSTATE', `Job is in state ${job.state}; data can be uploaded only while it is Open`);
      }
      if (job.upload !== null) {
        return errors(409, 'INVALIDJOBSTATE', 'Job data was already uploaded; create another job for more data');
      }
      job.upload = await request.text();
      return new HttpResponse(null, { status: 201 });
    }),
    http.get(`${J}/ingest/:id`, ({ params }) => {
      const job = ingestJobs.get(String(params.id));
      if (!job) {
        return errors(404, 'NOT_FOUND', 'The requested resource does not exist');
      }
      advance(job);
      return HttpResponse.json(ingestInfo(job));
    }),
    http.patch(`${J}/ingest/:id`, async ({ params, request }) => {
      const job = ingestJobs.get(String(params.id));
      if (!job) {
        return errors(404, 'NOT_FOUND', 'The requested resource does not exist');
      }
      const { state } = (await request.json()) as { state: string };
      if (state === 'UploadComplete') {
        if (job.state !== 'Open') {
          return errors(409, 'INVALIDJOBSTATE', `Job is in state ${job.state}; only an Open job can be closed`);
        }
        job.state = 'UploadComplete';
      } else if (state === 'Aborted') {
        if (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted') {
          return errors(409, 'INVALIDJOBSTATE', `Aborting a job in state ${job.state} is not allowed`);
        }
        job.state = 'Aborted';
      } else {
        return errors(400, 'INVALIDJOBSTATE', `An ingest job can be set to UploadComplete or Aborted, not ${state}`);
      }
      return HttpResponse.json(ingestInfo(job));
    }),
    http.get(`${J}/ingest/:id/:resource`, ({ params }) => {
      const job = ingestJobs.get(String(params.id));
      if (!job) {
        return errors(404, 'NOT_FOUND', 'The requested resource does not exist');
      }
      if (job.state !== 'JobComplete' && job.state !== 'Failed' && job.state !== 'Aborted') {
        return errors(409, 'INVALIDJOBSTATE', `Job is in state ${job.state}; results are available when it is JobComplete`);
      }
      const [header = [], ...rows] = job.upload === null ? [] : readCsv(job.upload);
      const line = (cells: string[]): string => `${cells.map(q).join(',')}\n`;
      const resource = String(params.resource);
      let csv: string;
      if (resource === 'successfulResults') {
        const ok = job.state === 'JobComplete' ? rows.filter((r) => failureOf(job, header, r) === null) : [];
        csv = line(['sf__Id', 'sf__Created', ...header]) + ok.map((r, i) => line([to18(`001R0000003${String(i).padStart(4, '0')}`), job.operation === 'insert' ? 'true' : 'false', ...r])).join('');
      } else if (resource === 'failedResults') {
        const bad = job.state === 'JobComplete' ? rows.filter((r) => failureOf(job, header, r) !== null) : [];
        csv = line(['sf__Id', 'sf__Error', ...header]) + bad.map((r) => line(['', failureOf(job, header, r) ?? '', ...r])).join('');
      } else if (resource === 'unprocessedrecords') {
        csv = line(header) + (job.state === 'JobComplete' ? [] : rows).map(line).join('');
      } else {
        return errors(404, 'NOT_FOUND', 'The requested resource does not exist');
      }
      return new HttpResponse(csv, { headers: { 'Content-Type': 'text/csv' } });
    }),
  );

  return {
    seen,
    queryJobs,
    ingestJobs,
    planQuery(plan: QueryPlan): void {
      nextQueryPlan = plan;
    },
    planIngest(plan: IngestPlan): void {
      nextIngestPlan = plan;
    },
    locatorFor,
  };
}

/** A clock that never waits: `sleep` records the delay and moves `now` on; it still honours an abort. */
export function fakeClock(random = 0.5): PollClock & { sleeps: number[] } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    random: () => random,
    sleep: async (ms, signal) => {
      if (signal?.aborted) {
        throw signal.reason;
      }
      sleeps.push(ms);
      now += ms;
      await Promise.resolve();
      if (signal?.aborted) {
        throw signal.reason;
      }
    },
  };
}
