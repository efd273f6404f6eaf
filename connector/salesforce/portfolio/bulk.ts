/**
 * The portfolio source's Bulk API 2.0 calls (source.ts `BulkQueryApi`) on the fetch transport's
 * bulk2 client, counting every request. Several jobs are polled with ONE request: "Get Information
 * About All Query Jobs" (`GET /jobs/query`) lists them with their state; a job not on its first
 * page is read on its own.
 */
import type { RawRequestClient } from '../client';
import { abortQueryJob, createQueryJob, getQueryJob, queryResults } from '../bulk2';
import type { BulkJobState, BulkQueryApi } from './source';

interface ListedJob {
  id?: unknown;
  state?: unknown;
  numberRecordsProcessed?: unknown;
  errorMessage?: unknown;
}

function stateOf(job: ListedJob): BulkJobState {
  return {
    state: String(job.state ?? ''),
    numberRecordsProcessed: typeof job.numberRecordsProcessed === 'number' ? job.numberRecordsProcessed : null,
    errorMessage: typeof job.errorMessage === 'string' ? job.errorMessage : null,
  };
}

/** The client with every request counted (every bulk2 call goes through `requestRaw`): what a pass costs. */
export function countingClient(client: RawRequestClient): { client: RawRequestClient; requests: () => number } {
  let requests = 0;
  const counted: RawRequestClient = {
    dataPath: client.dataPath,
    requestRaw: ((...args: Parameters<RawRequestClient['requestRaw']>) => {
      requests += 1;
      return (client.requestRaw as (...a: Parameters<RawRequestClient['requestRaw']>) => ReturnType<RawRequestClient['requestRaw']>)(...args);
    }) as RawRequestClient['requestRaw'],
  };
  return { client: counted, requests: () => requests };
}

export function createBulkQueryApi(client: RawRequestClient): BulkQueryApi {
  const { client: counted, requests } = countingClient(client);

  return {
    async create(soql, signal) {
      const info = await createQueryJob(counted, soql, signal ? { signal } : {});
      return info.id;
    },
    async states(jobIds, signal) {
      const states = new Map<string, BulkJobState>();
      if (jobIds.length > 1) {
        const answer = await counted.requestRaw('GET', `${client.dataPath}/jobs/query?jobType=V2Query`, { accept: 'application/json', context: 'list query jobs', ...(signal ? { signal } : {}) });
        const listed = (JSON.parse(answer.body) as { records?: ListedJob[] }).records ?? [];
        for (const job of listed) {
          if (typeof job.id === 'string' && jobIds.includes(job.id)) {
            states.set(job.id, stateOf(job));
          }
        }
      }
      for (const id of jobIds.filter((jobId) => !states.has(jobId))) {
        states.set(id, stateOf((await getQueryJob(counted, id, signal ? { signal } : {})) as ListedJob));
      }
      return states;
    },
    async *pages(jobId, signal) {
      for await (const page of queryResults(counted, jobId, signal ? { signal } : {})) {
        yield { rows: page.records, numberOfRecords: page.numberOfRecords };
      }
    },
    async abort(jobId) {
      await abortQueryJob(counted, jobId);
    },
    requests,
  };
}
