/**
 * Promises by their stored statuses: the broken count of prioritisation and the promise to honour
 * first (domain-rules.md (c), (g)). Apart from the evaluation against payments (promises.ts) so the
 * panel's first paint, which needs only these, does not carry it (issue 18); promises.ts re-exports them.
 */
import { parseIsoDate, compareDates } from './dates';
import { invalid, parseInput } from './errors';
import * as guards from './guards';
import type { IsoDate, PromiseStatus, PromiseToPay } from './model';
import { assertMoney, parseArray } from './money';

/** One promise checked (shape, positive amount, dates). @internal (promises.ts) */
export function parsePromise(value: unknown, field: string): PromiseToPay {
  const promise = parseInput(guards.promiseToPay, value, field);
  const amount = assertMoney(promise.amount, `${field}.amount`);
  if (amount.amountMinor <= 0) {
    invalid(`${field}.amount.amountMinor`, 'a promised amount must be positive', 'out_of_range');
  }
  parseIsoDate(promise.takenOn, `${field}.takenOn`);
  parseIsoDate(promise.dueDate, `${field}.dueDate`);
  return promise;
}

export interface BrokenCountOptions {
  from: IsoDate;
  to: IsoDate;
  /** Also count partially kept promises as breaks. Default false. */
  includePartial?: boolean;
}

/**
 * Number of broken promises with a promise date in [from, to] — the `broken_promises` input of
 * prioritisation (domain-rules (c), (g): "+ broken promises in last 90 days") — by their stored statuses.
 */
export function brokenPromiseCount(promises: readonly PromiseToPay[], options: BrokenCountOptions): number {
  return countBroken(promises, options, () => (promise) => promise.status);
}

/**
 * Dates, then promises, then (via `statusBy`) payments are checked in this order, so the first bad input is
 * named. @internal (promises.ts)
 */
export function countBroken(promises: readonly PromiseToPay[], options: BrokenCountOptions, statusBy: () => (promise: PromiseToPay) => PromiseStatus): number {
  const from = parseIsoDate(options?.from, 'from');
  const to = parseIsoDate(options.to, 'to');
  const parsed = parseArray(promises, 'promises', parsePromise);
  const statusOf = statusBy();
  return parsed.filter((promise) => {
    if (compareDates(promise.dueDate, from) < 0 || compareDates(promise.dueDate, to) > 0) {
      return false;
    }
    const status = statusOf(promise);
    return status === 'broken' || (options.includePartial === true && status === 'partially_kept');
  }).length;
}

/**
 * The pending promise the customer must honour first: the earliest due date (then the earliest
 * taken), whatever order the CRM returned them in (issue 17: a later promise was shown). Null when none is pending.
 */
export function earliestPendingPromise<T extends Pick<PromiseToPay, 'status' | 'dueDate' | 'takenOn'>>(promises: readonly T[]): T | null {
  let first: T | null = null;
  for (const promise of promises) {
    if (promise.status !== 'pending') {
      continue;
    }
    if (!first || promise.dueDate < first.dueDate || (promise.dueDate === first.dueDate && promise.takenOn < first.takenOn)) {
      first = promise;
    }
  }
  return first;
}
