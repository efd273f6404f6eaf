/**
 * The durable outbox: a call, promise or note logged offline or during an outage is stored first,
 * then sent; what could not be sent stays queued and is replayed — on reconnect, on startup, with
 * backoff — under the SAME idempotency key, so it is written exactly once (the port's write-once
 * layer and the CRM's unique keys, decisions 0016 and 0017, make a replay of something that did
 * commit a no-op). CRM-neutral: it drives any CollectionsPort. The storage is the host's (IndexedDB,
 * owned by the extension's service worker; outbox-idb.ts); replays are serialised by the host's lock
 * (Web Locks across tabs) so several tabs never send one entry at once.
 */
import type { CollectionsPort, WriteResult } from '../port';
import type { PortWriteInputs, PortWriteMethod } from './plan';
import { isUnknownOutcome } from './write-once';

export interface OutboxEntry<M extends PortWriteMethod = PortWriteMethod> {
  /** The write's idempotency key: one entry per logical write. */
  key: string;
  method: M;
  input: PortWriteInputs[M];
  accountId: string;
  /** When it was queued (ISO instant). */
  queuedAt: string;
  attempts: number;
  /** Epoch ms before which it is not sent again (backoff). */
  nextAttemptAt: number;
  /** Why the last attempt failed, in words (null before the first failure). */
  lastError: string | null;
  /** 'queued': will be sent; 'refused': the CRM refused it for good, the collector must look at it. */
  state: 'queued' | 'refused';
}

/** Where entries live. Every method is durable before it resolves. */
export interface OutboxStorage {
  get(key: string): Promise<OutboxEntry | undefined>;
  set(entry: OutboxEntry): Promise<void>;
  delete(key: string): Promise<void>;
  all(): Promise<OutboxEntry[]>;
}

export interface OutboxOptions {
  storage: OutboxStorage;
  port: CollectionsPort;
  now?: () => number;
  /** First retry after `baseMs`, doubling up to `maxMs`. Default 5 s … 5 min. */
  backoff?: { baseMs: number; maxMs: number };
  /** Runs `task` while no other tab or worker replays (e.g. `navigator.locks.request`). Default: in-process only. */
  lock?: <T>(task: () => Promise<T>) => Promise<T>;
  /** Told after every change (to refresh "queued — will be sent" in the panel). */
  onChange?: () => void;
}

export type SubmitOutcome = { status: 'sent'; result: WriteResult } | { status: 'queued'; entry: OutboxEntry };

export interface Outbox {
  /** Store the write, then try to send it. Offline or an unknown outcome → queued. A refusal (invalid input...) throws and nothing stays queued. */
  submit<M extends PortWriteMethod>(method: M, input: PortWriteInputs[M]): Promise<SubmitOutcome>;
  /** Send every due entry once, in the order queued (`ignoreBackoff`: every queued entry — the connection is back). */
  replay(options?: { ignoreBackoff?: boolean }): Promise<{ sent: number; queued: number; refused: number }>;
  /** Entries (of one account), oldest first. */
  list(accountId?: string): Promise<OutboxEntry[]>;
}

const DEFAULT_BACKOFF = { baseMs: 5_000, maxMs: 5 * 60_000 };

function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'userMessage' in error && typeof error.userMessage === 'string') {
    return error.userMessage;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether a failed send stays queued: offline, an unknown outcome (resolved by key on the replay), a
 * busy record, the daily API allowance, an expired session (sent after the next sign-in). Anything
 * else is a refusal the collector must see.
 */
export function keepsQueued(error: unknown): boolean {
  if (isUnknownOutcome(error)) {
    return true;
  }
  const e = error as { retryable?: unknown; kind?: unknown } | null;
  return e?.retryable === true || e?.kind === 'session_expired' || e?.kind === 'limit_exceeded';
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { storage, port } = options;
  const now = options.now ?? (() => Date.now());
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let tail: Promise<unknown> = Promise.resolve();
  const localLock = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.then(() => undefined, () => undefined);
    return run;
  };
  const lock = options.lock ? <T>(task: () => Promise<T>) => localLock(() => options.lock!(task)) : localLock;
  const changed = (): void => options.onChange?.();

  function send(entry: OutboxEntry): Promise<WriteResult> {
    const method = port[entry.method] as (input: unknown) => Promise<WriteResult>;
    return method.call(port, entry.input);
  }

  /** One attempt; the entry's fate is stored before this resolves. */
  async function attempt(entry: OutboxEntry): Promise<{ sent: WriteResult } | { queued: OutboxEntry } | { refused: unknown }> {
    try {
      const result = await send(entry);
      await storage.delete(entry.key);
      return { sent: result };
    } catch (error) {
      if (keepsQueued(error)) {
        const attempts = entry.attempts + 1;
        const delay = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempts - 1));
        const queued: OutboxEntry = { ...entry, attempts, nextAttemptAt: now() + delay, lastError: describeError(error) };
        await storage.set(queued);
        return { queued };
      }
      return { refused: error };
    }
  }

  return {
    async submit(method, input) {
      const entry: OutboxEntry = {
        key: input.idempotencyKey, method, input, accountId: input.accountId, queuedAt: new Date(now()).toISOString(),
        attempts: 0, nextAttemptAt: now(), lastError: null, state: 'queued',
      };
      // Durable first: a reload or a crash from here on replays it under the same key.
      const existing = await storage.get(entry.key);
      if (!existing) {
        await storage.set(entry);
        changed();
      }
      const outcome = await lock(async () => {
        const current = await storage.get(entry.key);
        if (!current) {
          // Another tab sent it meanwhile: the port answers from the CRM by key, nothing is written twice.
          return { sent: await send(entry) };
        }
        return attempt(current);
      });
      changed();
      if ('sent' in outcome) {
        return { status: 'sent', result: outcome.sent };
      }
      if ('queued' in outcome) {
        return { status: 'queued', entry: outcome.queued };
      }
      await storage.delete(entry.key);
      changed();
      throw outcome.refused;
    },

    replay(replayOptions = {}) {
      return lock(async () => {
        let sent = 0;
        let refused = 0;
        const entries = (await storage.all()).filter((e) => e.state === 'queued').sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
        for (const entry of entries) {
          if (!replayOptions.ignoreBackoff && entry.nextAttemptAt > now()) {
            continue;
          }
          const outcome = await attempt(entry);
          if ('sent' in outcome) {
            sent += 1;
          } else if ('refused' in outcome) {
            refused += 1;
            await storage.set({ ...entry, state: 'refused', attempts: entry.attempts + 1, lastError: describeError(outcome.refused) });
          }
        }
        changed();
        const queued = (await storage.all()).filter((e) => e.state === 'queued').length;
        return { sent, queued, refused };
      });
    },

    async list(accountId) {
      const entries = await storage.all();
      return entries.filter((e) => accountId === undefined || e.accountId === accountId).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    },
  };
}

/** Storage in memory (tests; hosts without IndexedDB — then nothing survives a reload). */
export function memoryOutboxStorage(): OutboxStorage {
  const entries = new Map<string, OutboxEntry>();
  return {
    get: async (key) => structuredClone(entries.get(key)),
    set: async (entry) => void entries.set(entry.key, structuredClone(entry)),
    delete: async (key) => void entries.delete(key),
    all: async () => [...entries.values()].map((e) => structuredClone(e)),
  };
}
