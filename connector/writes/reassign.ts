/**
 * Reassigning an account to another collector (the manager view, issue 13; decision 0024), CRM-neutral.
 * A reassignment sets one field to a value, so it is idempotent by nature; what it must not do is
 * overwrite someone else's reassignment made since the manager's list was read. So it is a
 * compare-and-set on the account's collector, resolved as write-once resolves any write (0016):
 *
 * - the collector is already the target → done, nothing sent (a retry, a second tab, a double click);
 * - it is still the one the manager saw (`fromCollectorId`) → the update is sent once;
 * - it is someone else → refused in words (reassigned meanwhile), nothing sent;
 * - an unknown outcome (network, timeout, 5xx) → read again: the target → success; else the error.
 *
 * A key done by this instance answers from memory; calls with one key run one after the other.
 */
import { ConnectorError } from '../errors';
import type { CallOptions } from '../port';
import { isUnknownOutcome } from './write-once';

export interface ReassignInput {
  accountId: string;
  /** The collector (CRM user id) the account goes to. */
  collectorId: string;
  /** The collector the manager's list showed (null: none); a different one now refuses the change. */
  fromCollectorId: string | null;
  /** The client's key: the same key is the same reassignment. */
  idempotencyKey: string;
}

export interface ReassignResult {
  accountId: string;
  collectorId: string;
  /** False when the account already had this collector (nothing was sent). */
  changed: boolean;
}

/** What a CRM adapter provides: its id rules, read the account's collector, and set it. */
export interface CollectorFieldAdapter {
  /** Whether a value is one of this CRM's record ids (checked before anything is read). */
  isRecordId(value: string): boolean;
  /** Whether two valid ids name the same record (a CRM may have several forms of one id). */
  sameRecord(a: string, b: string): boolean;
  /** The account's collector id now (null: none); not_found when the account is not visible. */
  readCollector(accountId: string, call?: CallOptions): Promise<string | null>;
  /** Set the account's collector (one update; must not retry an unknown outcome itself). */
  writeCollector(accountId: string, collectorId: string, idempotencyKey: string, call?: CallOptions): Promise<void>;
}

export type Reassign = (input: ReassignInput, call?: CallOptions) => Promise<ReassignResult>;

function checkInput(input: ReassignInput, isId: (value: string) => boolean): void {
  const bad = (detail: string) => new ConnectorError({ kind: 'invalid_input', retryable: false, detail });
  if (!input || typeof input !== 'object') {
    throw bad('A reassignment needs an account, a collector and a key.');
  }
  if (typeof input.accountId !== 'string' || !isId(input.accountId)) {
    throw bad(`Not an account id: ${String(input.accountId)}`);
  }
  if (typeof input.collectorId !== 'string' || !isId(input.collectorId)) {
    throw bad(`Not a user id for the collector: ${String(input.collectorId)}`);
  }
  if (input.fromCollectorId !== null && (typeof input.fromCollectorId !== 'string' || !isId(input.fromCollectorId))) {
    throw bad(`Not a user id for the current collector: ${String(input.fromCollectorId)}`);
  }
  if (typeof input.idempotencyKey !== 'string' || input.idempotencyKey.length < 8 || input.idempotencyKey.length > 80) {
    throw bad('A reassignment needs an idempotency key of 8 to 80 characters.');
  }
}

export function createReassign(adapter: CollectorFieldAdapter, options: { memory?: number } = {}): Reassign {
  /** Two collectors (null: none) are the same by the CRM's own id rule. */
  const sameId = (a: string | null, b: string | null): boolean => a === b || (a !== null && b !== null && adapter.sameRecord(a, b));
  const done = new Map<string, ReassignResult>();
  const running = new Map<string, Promise<ReassignResult>>();
  const memory = options.memory ?? 500;

  async function once(input: ReassignInput, call?: CallOptions): Promise<ReassignResult> {
    const known = done.get(input.idempotencyKey);
    if (known) {
      return { ...known, changed: false };
    }
    const current = await adapter.readCollector(input.accountId, call);
    if (sameId(current, input.collectorId)) {
      return remember(input, false);
    }
    if (!sameId(current, input.fromCollectorId)) {
      throw new ConnectorError({
        kind: 'validation',
        retryable: false,
        detail: `Account ${input.accountId} was reassigned meanwhile (collector ${current ?? 'none'}, expected ${input.fromCollectorId ?? 'none'}).`,
        userMessage: 'Someone else reassigned this account since your list was read. Refresh the list and try again.',
      });
    }
    try {
      await adapter.writeCollector(input.accountId, input.collectorId, input.idempotencyKey, call);
    } catch (error) {
      if (isUnknownOutcome(error)) {
        const after = await adapter.readCollector(input.accountId, call).catch(() => null);
        if (sameId(after, input.collectorId)) {
          return remember(input, true);
        }
      }
      throw error;
    }
    return remember(input, true);
  }

  function remember(input: ReassignInput, changed: boolean): ReassignResult {
    const result = { accountId: input.accountId, collectorId: input.collectorId, changed };
    done.set(input.idempotencyKey, result);
    if (done.size > memory) {
      done.delete(done.keys().next().value!);
    }
    return result;
  }

  return async (input, call) => {
    checkInput(input, (value) => adapter.isRecordId(value));
    const key = input.idempotencyKey;
    const before = running.get(key) ?? Promise.resolve(null);
    const attempt = before.catch(() => null).then(() => once(input, call));
    running.set(key, attempt);
    try {
      return await attempt;
    } finally {
      if (running.get(key) === attempt) {
        running.delete(key);
      }
    }
  };
}
