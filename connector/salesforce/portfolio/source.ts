/**
 * The Salesforce PortfolioSource (decision 0011). A pass reads one flat query per record kind
 * (queries.ts) and streams the mapped records page by page.
 *
 * Cost is counted in API requests because Salesforce counts them org-wide and blocks every user of
 * the org once the daily allocation is spent ("API Request Limits and Allocations",
 * developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta). Per kind:
 * - REST query paging costs one request per 2,000 rows (the default batch);
 * - a Bulk API 2.0 query job costs one create, one results request per page (the server picks the
 *   page size) and its share of the status polls, which cover every job of the pass at once.
 * `mode: 'auto'` first counts every kind's rows in ONE composite request (COUNT() queries, at most
 * five per composite), then reads small kinds through REST and large ones through Bulk, so a pass
 * costs a handful of requests whatever the size of the org.
 */
import { ConnectorError } from '../../errors';
import type {
  PortfolioKind,
  PortfolioTimeout,
  PortfolioPassStats,
  PortfolioProgress,
  PortfolioReadOptions,
  PortfolioRecord,
  PortfolioSource,
} from '../../portfolio-source';
import { PORTFOLIO_KINDS } from '../../portfolio-source';
import type { QueryResult, SalesforceClient, SalesforceRecord } from '../client';
import type { MappingConfig } from '../mapping/schema';
import type { KindQuery } from './queries';
import { portfolioQueries } from './queries';
import { PortfolioRowConverter, fromCsvRow } from './rows';

/** REST's default query batch ("Query", REST API Developer Guide: 2,000 records per batch). */
export const REST_BATCH_SIZE = 2_000;
/** Salesforce allows five query subrequests in one composite request ("Composite", REST API Developer Guide). */
const QUERIES_PER_COMPOSITE = 5;

/** The Bulk API 2.0 query calls the source needs (implemented over the fetch transport in bulk.ts). */
export interface BulkQueryApi {
  /** Creates a query job; resolves to its id. One request. */
  create(soql: string, signal?: AbortSignal): Promise<string>;
  /** States of several jobs in ONE request when possible. */
  states(jobIds: readonly string[], signal?: AbortSignal): Promise<Map<string, BulkJobState>>;
  /** Result pages (one request each), rows keyed by CSV header, empty values as null. */
  pages(jobId: string, signal?: AbortSignal): AsyncIterable<{ rows: Record<string, string | null>[]; numberOfRecords: number | null }>;
  /** Aborts a job that is not finished (one request). */
  abort(jobId: string): Promise<void>;
  /** Requests made so far. */
  requests(): number;
}

export interface BulkJobState {
  state: 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted' | string;
  numberRecordsProcessed: number | null;
  errorMessage: string | null;
}

export interface SalesforcePortfolioSourceOptions {
  client: SalesforceClient;
  mapping: MappingConfig;
  bulk: BulkQueryApi;
  now?: () => Date;
  /** How long to wait for query jobs before giving up (default 10 minutes; jsforce's 30 s is too short for large orgs). */
  jobTimeoutMs?: number;
  /** First wait between status polls (doubles up to 10 s). Default 500 ms. */
  pollIntervalMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A request started now and awaited later (or never, when the consumer stops early or an earlier
 * kind fails): its failure is handled where it is awaited, not reported as an unhandled rejection.
 */
function awaitedLater<T>(request: Promise<T>): Promise<T> {
  request.catch(() => undefined);
  return request;
}

function cancelled(signal: AbortSignal | undefined): ConnectorError {
  return new ConnectorError({ kind: 'network', retryable: false, userMessage: 'The portfolio pass was cancelled.', detail: `cancelled: ${String(signal?.reason ?? 'aborted')}` });
}

/** `SELECT COUNT() FROM …` with the same filters. */
export function countQuery(soql: string): string {
  return soql.replace(/^SELECT .+? FROM /, 'SELECT COUNT() FROM ');
}

/** Pages a kind costs through REST, and what it would cost as a Bulk API 2.0 job (create + one page + a poll). */
export function chooseTransport(rows: number): 'rest' | 'bulk' {
  const restRequests = Math.max(1, Math.ceil(rows / REST_BATCH_SIZE));
  return restRequests > 3 ? 'bulk' : 'rest';
}

/** A pass that stopped waiting for query jobs the org is still running (they are left running to be resumed). */
export class PortfolioTimeoutError extends ConnectorError implements PortfolioTimeout {
  constructor(kind: PortfolioKind, readonly jobs: Partial<Record<PortfolioKind, string>>, waitedMs: number) {
    super({
      kind: 'timeout',
      userMessage: `Salesforce is still running the ${kind} query job after ${Math.round(waitedMs / 1000)} s; it keeps running and the pass can pick it up later.`,
      detail: `Bulk API 2.0 jobs still running: ${Object.entries(jobs).map(([k, id]) => `${k}=${id}`).join(',')}`,
    });
  }
}

export function createSalesforcePortfolioSource(options: SalesforcePortfolioSourceOptions): PortfolioSource {
  const now = options.now ?? ((): Date => new Date());
  const sleep = options.sleep ?? abortableSleep;
  let last: PortfolioPassStats | null = null;

  async function* read(readOptions: PortfolioReadOptions): AsyncGenerator<PortfolioRecord[]> {
    // Every request of the pass runs under the pass's own signal, linked to the caller's: the lookahead
    // (step 3) starts requests before they are needed, and when the pass ends early (a kind failed, the
    // consumer stopped or cancelled) the finally below aborts them instead of letting them cost API calls.
    const callerSignal = readOptions.signal;
    const pass = new AbortController();
    const forwardAbort = (): void => pass.abort(callerSignal?.reason);
    if (callerSignal?.aborted) {
      forwardAbort();
    } else {
      callerSignal?.addEventListener('abort', forwardAbort, { once: true });
    }
    const { signal } = pass;
    const kinds = readOptions.kinds ?? PORTFOLIO_KINDS;
    const queries = portfolioQueries({ mapping: options.mapping, scope: readOptions.scope, now: now(), activityLookbackDays: readOptions.activityLookbackDays ?? options.mapping.activity.lookbackDays, historySince: readOptions.history?.since }, kinds);
    const converter = new PortfolioRowConverter(options.mapping);
    let restRequests = 0;
    const bulkAtStart = options.bulk.requests();
    const apiRequests = (): number => restRequests + options.bulk.requests() - bulkAtStart;
    let totalRows = 0;
    const report = (p: Omit<PortfolioProgress, 'apiRequests'>): void => readOptions.onProgress?.({ ...p, apiRequests: apiRequests() });

    const jobs = new Map<PortfolioKind, string>();
    const finished = new Set<string>();
    let timedOut = false;
    let keepJobs = false;
    let completed = false;
    try {
      // 1. Decide each kind's transport.
      const counts = new Map<PortfolioKind, number>();
      const mode = readOptions.mode ?? 'auto';
      if (mode === 'auto') {
        for (let i = 0; i < queries.length; i += QUERIES_PER_COMPOSITE) {
          const chunk = queries.slice(i, i + QUERIES_PER_COMPOSITE);
          restRequests += 1;
          const answer = await options.client.composite({
            allOrNone: false,
            compositeRequest: chunk.map((q, index) => ({ method: 'GET', referenceId: `count${index}`, url: `${options.client.dataPath}/query?q=${encodeURIComponent(countQuery(q.soql))}` })),
          }, { signal });
          chunk.forEach((q, index) => {
            const sub = answer.compositeResponse.find((r) => r.referenceId === `count${index}`);
            const size = (sub?.body as { totalSize?: unknown } | undefined)?.totalSize;
            if (!sub || sub.httpStatusCode >= 400 || typeof size !== 'number') {
              throw new ConnectorError({ kind: 'malformed_response', detail: `counting ${q.object} rows failed (HTTP ${sub?.httpStatusCode ?? 'no answer'}): ${JSON.stringify(sub?.body ?? null).slice(0, 300)}` });
            }
            counts.set(q.kind, size);
          });
        }
      }
      const via = (q: KindQuery): 'rest' | 'bulk' => (mode === 'auto' ? chooseTransport(counts.get(q.kind) ?? 0) : mode);

      // 2. Start every Bulk job at once, so they run while earlier kinds are read.
      for (const q of queries.filter((query) => via(query) === 'bulk')) {
        const resumed = readOptions.resumeJobs?.[q.kind];
        if (resumed) {
          jobs.set(q.kind, resumed);
          continue;
        }
        report({ kind: q.kind, via: 'bulk', rows: 0, total: counts.get(q.kind) ?? null, pages: 0, phase: 'starting' });
        jobs.set(q.kind, await options.bulk.create(q.soql, signal));
      }

      // 3. Every REST kind's first page at once, and each next page before the current one is
      // converted: the org runs the queries while this side maps rows. Independent queries may run
      // concurrently; one query's pages stay sequential (each nextRecordsUrl comes with the page
      // before it, "Execute a SOQL Query", REST API Developer Guide). Lookahead is one page per query.
      const firstPages = new Map<PortfolioKind, Promise<QueryResult<SalesforceRecord>>>();
      for (const q of queries.filter((query) => via(query) === 'rest')) {
        restRequests += 1;
        firstPages.set(q.kind, awaitedLater(options.client.query<SalesforceRecord>(q.soql, { signal })));
      }

      // 4. Read kind by kind (invoices first: they bring the accounts).
      for (const q of queries) {
        let rows = 0;
        let pages = 0;
        const transport = via(q);
        if (transport === 'rest') {
          let page = await (firstPages.get(q.kind) as Promise<QueryResult<SalesforceRecord>>);
          for (;;) {
            let nextPage: Promise<QueryResult<SalesforceRecord>> | null = null;
            if (!page.done && page.nextRecordsUrl) {
              restRequests += 1;
              nextPage = awaitedLater(options.client.queryMore<SalesforceRecord>(page.nextRecordsUrl, { signal }));
            }
            pages += 1;
            rows += page.records.length;
            report({ kind: q.kind, via: 'rest', rows, total: page.totalSize, pages, phase: 'reading' });
            // REST records keep their `attributes`: the mappers read named fields only (as the panel's do).
            yield page.records.flatMap((r) => converter.convert(q, r));
            if (!nextPage) {
              break;
            }
            page = await nextPage;
          }
        } else {
          const jobId = jobs.get(q.kind) as string;
          await waitForJobs([...jobs.values()].filter((id) => !finished.has(id)), jobId, q.kind);
          for await (const page of options.bulk.pages(jobId, signal)) {
            pages += 1;
            rows += page.rows.length;
            report({ kind: q.kind, via: 'bulk', rows, total: counts.get(q.kind) ?? null, pages, phase: 'reading' });
            yield page.rows.flatMap((r) => converter.convert(q, fromCsvRow(r, q)));
          }
        }
        const assembled = converter.finishKind(q);
        if (assembled.length > 0) {
          yield assembled;
        }
        totalRows += rows;
        report({ kind: q.kind, via: transport, rows, total: rows, pages, phase: 'done' });
      }
      last = { apiRequests: apiRequests(), via: jobs.size > 0 ? 'bulk' : 'rest', rows: totalRows };
      completed = true;
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'timeout' && timedOut) {
        // The org keeps working: leave the jobs running for a resumed pass instead of paying for them twice.
        keepJobs = true;
      }
      throw error;
    } finally {
      // Cancelled or failed (or the consumer stopped early): abort the requests still in flight (lookahead
      // pages, counts), then what is still running server-side.
      callerSignal?.removeEventListener('abort', forwardAbort);
      pass.abort(callerSignal?.reason ?? new Error('the portfolio pass ended'));
      const unfinished = keepJobs ? [] : [...jobs.values()].filter((id) => !finished.has(id));
      // This pass's own outcome: `last` may still hold an earlier pass's.
      if (!completed) {
        for (const jobId of unfinished) {
          await options.bulk.abort(jobId).catch(() => undefined);
        }
        last = { apiRequests: apiRequests(), via: jobs.size > 0 ? 'bulk' : 'rest', rows: totalRows };
      }
    }

    /** Polls every unfinished job of the pass in one request per round until `jobId` is done. */
    async function waitForJobs(pending: string[], jobId: string, kind: PortfolioKind): Promise<void> {
      if (finished.has(jobId)) {
        return;
      }
      const deadline = Date.now() + (options.jobTimeoutMs ?? 600_000);
      let wait = options.pollIntervalMs ?? 500;
      for (;;) {
        if (signal?.aborted) {
          throw cancelled(signal);
        }
        const states = await options.bulk.states(pending, signal);
        for (const [id, state] of states) {
          if (state.state === 'Failed' || state.state === 'Aborted') {
            throw new ConnectorError({ kind: 'unknown', userMessage: `Salesforce could not run the ${kind} query job.`, detail: `Bulk API 2.0 job ${id} ${state.state}: ${state.errorMessage ?? 'no message'}` });
          }
          if (state.state === 'JobComplete') {
            finished.add(id);
          }
        }
        if (finished.has(jobId)) {
          return;
        }
        if (Date.now() + wait > deadline) {
          timedOut = true;
          throw new PortfolioTimeoutError(kind, Object.fromEntries([...jobs].filter(([, id]) => !finished.has(id))), options.jobTimeoutMs ?? 600_000);
        }
        report({ kind, via: 'bulk', rows: 0, total: null, pages: 0, phase: 'waiting' });
        try {
          await sleep(wait, signal);
        } catch {
          throw cancelled(signal);
        }
        wait = Math.min(wait * 2, 10_000);
      }
    }
  }

  return {
    read: (readOptions) => read(readOptions),
    lastPass: () => last,
  };
}
