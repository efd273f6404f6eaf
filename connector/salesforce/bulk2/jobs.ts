/**
 * What Bulk API 2.0 query and ingest jobs share: job info, job-state errors, JSON job requests on the
 * fetch transport, and the poller.
 *
 * Salesforce references (Bulk API 2.0 and Bulk API Developer Guide, API 66.0):
 * - Job states: https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/bulk_api_2_job_states.htm
 *   (Open → UploadComplete → InProgress → JobComplete | Failed | Aborted);
 * - Get Information About a Query Job: https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_one_job.htm
 * - Get Job Info (ingest): https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/get_job_info.htm
 * - Results of terminal jobs are deleted after 7 days (Limits), so a 404 on a known id means "expired".
 *
 * Traps avoided (jsforce 3.10.16 src/api/bulk2.ts): its poll timeout is 30 s by default, and its
 * timeout error is named 'JobPollingTimeout' while the cleanup checks for 'JobPollingTimeoutError', so a
 * client-side timeout DELETES the still-running job. Here the timeout is ours (10 min default), it
 * throws BulkJobError { reason: 'timeout', jobId } and never touches the job, so the caller can resume.
 */
import { ConnectorError } from '../../errors';
import type { ConnectorErrorKind } from '../../errors';
import type { HttpMethod, RawRequestClient, RequestOptions } from '../client';
import { malformed } from '../errors';
import { isSalesforceId } from '../ids';

/** The transport bulk2 needs: `createFetchClient(...)` (connector/salesforce/fetch-client.ts). */
export type BulkClient = RawRequestClient;

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** Fields every job info carries (the rest are kept as Salesforce sent them). */
export interface BulkJobInfo {
  id: string;
  state: JobState;
  operation: string;
  object?: string;
  apiVersion?: number;
  createdDate?: string;
  systemModstamp?: string;
  numberRecordsProcessed?: number;
  retries?: number;
  totalProcessingTime?: number;
  [field: string]: unknown;
}

export type BulkJobKind = 'query' | 'ingest';

/**
 * Why a bulk job call failed, beyond the transport:
 * - 'timeout': our wait ran out; the job runs on in Salesforce, resume with `jobId`;
 * - 'failed' / 'aborted': the job ended in that state (`errorMessage` when Salesforce gave one);
 * - 'wrong_state': HTTP 409, the job is not in a state that allows the call (or the results are read
 *   with another API version than the one that created the job);
 * - 'not_found': HTTP 404, unknown id (or deleted: terminal jobs live 7 days);
 * - 'cancelled': the caller's AbortSignal fired.
 */
export type BulkJobErrorReason = 'timeout' | 'failed' | 'aborted' | 'wrong_state' | 'not_found' | 'cancelled';

const REASON_KINDS: Record<BulkJobErrorReason, ConnectorErrorKind> = {
  timeout: 'timeout',
  failed: 'unknown',
  aborted: 'unknown',
  wrong_state: 'invalid_input',
  not_found: 'not_found',
  cancelled: 'network',
};

const REASON_MESSAGES: Partial<Record<BulkJobErrorReason, string>> = {
  timeout: 'Salesforce is still working on the bulk job. It keeps running; try again later to pick up its results.',
  not_found: 'The Salesforce bulk job no longer exists (finished jobs are deleted after 7 days).',
  failed: 'The Salesforce bulk job failed.',
  aborted: 'The Salesforce bulk job was aborted.',
};

export interface BulkJobErrorInit {
  reason: BulkJobErrorReason;
  jobKind: BulkJobKind;
  jobId: string;
  detail: string;
  state?: JobState;
  status?: number;
  crmCode?: string;
  cause?: unknown;
}

/** A ConnectorError that names the bulk job, so the caller can resume it (`timeout`) or report it. */
export class BulkJobError extends ConnectorError {
  readonly reason: BulkJobErrorReason;
  readonly jobKind: BulkJobKind;
  readonly jobId: string;
  /** Last state seen, when known. */
  readonly state: JobState | undefined;

  constructor(init: BulkJobErrorInit) {
    const userMessage = REASON_MESSAGES[init.reason];
    super({
      kind: REASON_KINDS[init.reason],
      detail: init.detail,
      retryable: init.reason === 'timeout',
      ...(userMessage === undefined ? {} : { userMessage }),
      ...(init.status === undefined ? {} : { status: init.status }),
      ...(init.crmCode === undefined ? {} : { crmCode: init.crmCode }),
      ...(init.cause === undefined ? {} : { cause: init.cause }),
    });
    this.reason = init.reason;
    this.jobKind = init.jobKind;
    this.jobId = init.jobId;
    this.state = init.state;
  }
}

/** `/services/data/vXX.X/jobs/{kind}` for this client. */
export function jobsPath(client: BulkClient, kind: BulkJobKind): string {
  return `${client.dataPath}/jobs/${kind}`;
}

/** Job ids are record ids (prefix 750); anything else never reaches a URL. */
export function assertJobId(jobId: string): string {
  if (!isSalesforceId(jobId)) {
    throw new ConnectorError({ kind: 'invalid_input', fields: ['jobId'], detail: `Not a Salesforce bulk job id: ${JSON.stringify(jobId)}` });
  }
  return jobId;
}

/** Give 409/404 answers about a known job their bulk meaning; anything else passes through. */
export function asJobError(error: unknown, jobKind: BulkJobKind, jobId: string, context: string): unknown {
  if (!(error instanceof ConnectorError) || error instanceof BulkJobError) {
    return error;
  }
  const crm = error.crmCode === undefined ? {} : { crmCode: error.crmCode };
  if (error.status === 409) {
    return new BulkJobError({
      reason: 'wrong_state', jobKind, jobId, status: 409, ...crm, cause: error,
      detail: `${context}: ${jobKind} job ${jobId} is not in a state that allows this (HTTP 409; results must also be read with the API version that created the job): ${error.message}`,
    });
  }
  if (error.status === 404) {
    return new BulkJobError({
      reason: 'not_found', jobKind, jobId, status: 404, ...crm, cause: error,
      detail: `${context}: ${jobKind} job ${jobId} not found (unknown id, another org, or deleted 7 days after it finished): ${error.message}`,
    });
  }
  return error;
}

const JOB_STATES = new Set<string>(['Open', 'UploadComplete', 'InProgress', 'JobComplete', 'Failed', 'Aborted']);

function asJobInfo(body: unknown, context: string): BulkJobInfo {
  if (!body || typeof body !== 'object') {
    throw malformed(context, 'job answer is not an object');
  }
  const info = body as Record<string, unknown>;
  if (typeof info.id !== 'string' || typeof info.state !== 'string' || !JOB_STATES.has(info.state)) {
    throw malformed(context, 'job answer has no id or a state we do not know');
  }
  return info as BulkJobInfo;
}

/** A JSON request about a job (create, get, PATCH state), answered by its job info. */
export async function jobRequest(
  client: BulkClient,
  method: HttpMethod,
  path: string,
  body: unknown,
  options: RequestOptions & { context: string; jobKind: BulkJobKind; jobId?: string },
): Promise<BulkJobInfo> {
  let text: string;
  try {
    const answer = await client.requestRaw(method, path, {
      ...(body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json; charset=UTF-8' }),
      accept: 'application/json',
      context: options.context,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    text = answer.body;
  } catch (error) {
    throw options.jobId === undefined ? error : asJobError(error, options.jobKind, options.jobId, options.context);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw malformed(options.context, 'job answer is not JSON');
  }
  return asJobInfo(parsed, options.context);
}

/** Time and randomness, injectable so tests can check the backoff without waiting. */
export interface PollClock {
  now(): number;
  /** Resolve after `ms`, or reject with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** In [0, 1). */
  random(): number;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('aborted', 'AbortError');
}

export const realClock: PollClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  }),
  random: () => Math.random(),
};

export interface PollInfo {
  /** 1 for the first poll. */
  attempt: number;
  elapsedMs: number;
  /** Wait before the next poll, or null when this poll ended the wait. */
  nextDelayMs: number | null;
}

export interface WaitOptions<I extends BulkJobInfo = BulkJobInfo> extends RequestOptions {
  /** First wait between polls (default 1 000 ms); doubles each poll up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  /** Longest wait between polls (default 30 000 ms). */
  maxPollIntervalMs?: number;
  /** How long we wait in total (default 600 000 ms = 10 min) before BulkJobError 'timeout'. The job is left running. */
  timeoutMs?: number;
  /** Wait one interval before the first poll (for a job just created or closed: it is never done yet). Default false. */
  delayFirstPoll?: boolean;
  /** Called after every poll with the job info. */
  onPoll?: (info: I, poll: PollInfo) => void;
  /** Tests only. */
  clock?: PollClock;
}

export const DEFAULT_POLL_INTERVAL_MS = 1_000;
export const DEFAULT_MAX_POLL_INTERVAL_MS = 30_000;
export const DEFAULT_WAIT_TIMEOUT_MS = 600_000;
/** Status reads that may fail in a row (network, timeout) before the wait gives up. */
export const MAX_FAILED_POLLS_IN_A_ROW = 3;

/**
 * The wait before poll `attempt + 1`: exponential (×2) up to the cap, with "equal jitter" (half fixed,
 * half random: AWS Architecture Blog, "Exponential Backoff And Jitter", 2015) so many clients polling
 * many jobs do not poll in lockstep, while no wait drops below half its step.
 */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: number): number {
  const step = Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(step / 2 + (step / 2) * random);
}

/** Wrap an abort seen while waiting into a BulkJobError 'cancelled'. */
export function cancelledError(jobKind: BulkJobKind, jobId: string, context: string, cause: unknown, state?: JobState): BulkJobError {
  return new BulkJobError({ reason: 'cancelled', jobKind, jobId, detail: `${context}: cancelled while waiting for ${jobKind} job ${jobId}`, cause, ...(state === undefined ? {} : { state }) });
}

/**
 * Poll `get` until the job is JobComplete (returned), Failed or Aborted (BulkJobError), or our
 * timeout runs out (BulkJobError 'timeout', job left alone). The last poll happens at the deadline.
 * A retryable failure of a status read (network, timeout) is retried with the same backoff, up to
 * MAX_FAILED_POLLS_IN_A_ROW in a row; anything else (401 after refresh, limit exceeded, 404) ends the wait.
 */
export async function pollJob<I extends BulkJobInfo>(
  jobKind: BulkJobKind,
  jobId: string,
  get: (signal: AbortSignal | undefined) => Promise<I>,
  options: WaitOptions<I>,
): Promise<I> {
  const clock = options.clock ?? realClock;
  const initial = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const max = Math.max(initial, options.maxPollIntervalMs ?? DEFAULT_MAX_POLL_INTERVAL_MS);
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  const context = `wait for ${jobKind} job`;
  if (!(initial > 0) || !(timeoutMs >= 0)) {
    throw new ConnectorError({ kind: 'invalid_input', detail: `${context}: pollIntervalMs must be > 0 and timeoutMs >= 0` });
  }
  const started = clock.now();
  const deadline = started + timeoutMs;
  const signal = options.signal;
  const sleep = async (ms: number, state?: JobState): Promise<void> => {
    try {
      await clock.sleep(ms, signal);
    } catch (error) {
      throw cancelledError(jobKind, jobId, context, error, state);
    }
  };
  let failedPolls = 0;
  if (options.delayFirstPoll) {
    await sleep(Math.min(initial, timeoutMs));
  }
  for (let attempt = 1; ; attempt += 1) {
    if (signal?.aborted) {
      throw cancelledError(jobKind, jobId, context, abortReason(signal));
    }
    let info: I;
    try {
      info = await get(signal);
      failedPolls = 0;
    } catch (error) {
      if (signal?.aborted) {
        throw cancelledError(jobKind, jobId, context, error);
      }
      // A status read is idempotent: a network blip or a slow answer must not end a long wait.
      const transient = error instanceof ConnectorError && error.retryable && !(error instanceof BulkJobError);
      failedPolls += 1;
      const remainingNow = deadline - clock.now();
      if (!transient || failedPolls > MAX_FAILED_POLLS_IN_A_ROW || remainingNow <= 0) {
        throw error;
      }
      await sleep(Math.min(backoffDelay(attempt, initial, max, clock.random()), remainingNow));
      continue;
    }
    const now = clock.now();
    const terminal = info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted' || info.state === 'Open';
    const remaining = deadline - now;
    const nextDelayMs = terminal || remaining <= 0 ? null : Math.min(backoffDelay(attempt, initial, max, clock.random()), remaining);
    options.onPoll?.(info, { attempt, elapsedMs: now - started, nextDelayMs });
    switch (info.state) {
      case 'JobComplete':
        return info;
      case 'Failed': {
        const message = typeof info.errorMessage === 'string' && info.errorMessage !== '' ? info.errorMessage : 'no error message';
        throw new BulkJobError({ reason: 'failed', jobKind, jobId, state: info.state, detail: `${jobKind} job ${jobId} failed: ${message}` });
      }
      case 'Aborted':
        throw new BulkJobError({ reason: 'aborted', jobKind, jobId, state: info.state, detail: `${jobKind} job ${jobId} was aborted` });
      case 'Open':
        // Ingest only: Salesforce never starts an Open job; waiting would only burn the timeout.
        throw new BulkJobError({ reason: 'wrong_state', jobKind, jobId, state: info.state, detail: `${jobKind} job ${jobId} is still Open: close it (UploadComplete) before waiting` });
      default:
        break;
    }
    if (nextDelayMs === null) {
      throw new BulkJobError({
        reason: 'timeout', jobKind, jobId, state: info.state,
        detail: `${jobKind} job ${jobId} still ${info.state} after ${now - started} ms (our limit ${timeoutMs} ms); it keeps running in Salesforce: resume with its id`,
      });
    }
    await sleep(nextDelayMs, info.state);
  }
}
