/**
 * Promises report: promises taken in the window (count and amount), and of those falling due in it
 * kept, partially kept, broken and still in grace, with the kept rate by count and by amount
 * (domain-rules.md (c), (h) "PTP kept rate"). The evaluation is promises.ts `keptRate`, run per
 * account and month (a payment counts for its own account's promises only, oldest promise first
 * within a month), then summed, so the months add up to the window; amounts are in the reporting
 * currency at the rate of the month-end.
 */
import { fromEpochDay, toEpochDay } from '../dates';
import type { UserRef } from '../model';
import { roundedQuotient } from '../money';
import { keptRate } from '../promises';
import { compareCollectors } from './cash';
import { inReporting, type ParsedAccount, type ParsedOptions } from './history';
import { REPORT_DECIMALS } from './receivables';

/** Promise figures of one group (the book, a month or a collector). */
export interface PromiseFigures {
  taken: number;
  takenAmount: number;
  /** Fell due in the window and decided: kept + partially kept + broken. */
  due: number;
  kept: number;
  partiallyKept: number;
  broken: number;
  /** Fell due but still inside the grace days: in neither rate. */
  pending: number;
  promisedAmount: number;
  /** Received by the deadline, capped at each promise's amount. */
  receivedAmount: number;
  keptRateByCount: number | null;
  keptRateByAmount: number | null;
}

/** Result of {@link promisesReport}. */
export interface PromisesReport {
  currency: string;
  total: PromiseFigures;
  /** By the month the promise fell due in (taken: by the month taken). */
  byMonth: (PromiseFigures & { month: string })[];
  byCollector: (PromiseFigures & { collector: UserRef | null })[];
}

function empty(): PromiseFigures {
  return { taken: 0, takenAmount: 0, due: 0, kept: 0, partiallyKept: 0, broken: 0, pending: 0, promisedAmount: 0, receivedAmount: 0, keptRateByCount: null, keptRateByAmount: null };
}

function withRates(f: PromiseFigures): PromiseFigures {
  return {
    ...f,
    keptRateByCount: roundedQuotient(BigInt(f.kept) * 100n, BigInt(f.due), REPORT_DECIMALS),
    keptRateByAmount: roundedQuotient(BigInt(f.receivedAmount) * 100n, BigInt(f.promisedAmount), REPORT_DECIMALS),
  };
}

/** @internal */
export function promisesReport(accounts: readonly ParsedAccount[], options: ParsedOptions): PromisesReport {
  const total = empty();
  const byMonth = new Map<string, PromiseFigures>(options.months.map((m) => [m.month, empty()]));
  const byCollector = new Map<string, { collector: UserRef | null; figures: PromiseFigures }>();
  const from = fromEpochDay((options.months[0] as { firstDay: number }).firstDay);
  const to = fromEpochDay((options.months[options.months.length - 1] as { lastDay: number }).lastDay);
  const evaluation = { asOf: options.asOf, graceDays: options.promiseGraceDays };
  for (const account of accounts) {
    const key = account.collector?.id ?? '';
    const collector = byCollector.get(key) ?? { collector: account.collector, figures: empty() };
    byCollector.set(key, collector);
    const groupsOf = (date: string): PromiseFigures[] => [total, collector.figures, ...(byMonth.has(date.slice(0, 7)) ? [byMonth.get(date.slice(0, 7)) as PromiseFigures] : [])];
    for (const promise of account.promises) {
      if (promise.takenOn >= from && promise.takenOn <= to && promise.status !== 'cancelled') {
        const amount = inReporting(promise.amount, toEpochDay(promise.takenOn), options);
        for (const g of groupsOf(promise.takenOn)) {
          g.taken += 1;
          g.takenAmount += amount;
        }
      }
    }
    const payments = account.payments.map((p) => p.record);
    for (const month of options.months) {
      const result = keptRate(account.promises, payments, { ...evaluation, from: fromEpochDay(month.firstDay), to: fromEpochDay(month.lastDay) });
      if (result.due + result.pending === 0) {
        continue;
      }
      const groups = [total, collector.figures, byMonth.get(month.month) as PromiseFigures];
      for (const g of groups) {
        g.kept += result.kept;
        g.partiallyKept += result.partiallyKept;
        g.broken += result.broken;
        g.pending += result.pending;
        g.due += result.due;
        for (const amounts of result.byAmount) {
          g.promisedAmount += inReporting(amounts.promised, month.lastDay, options);
          g.receivedAmount += inReporting(amounts.received, month.lastDay, options);
        }
      }
    }
  }
  return {
    currency: options.reportingCurrency,
    total: withRates(total),
    byMonth: [...byMonth.entries()].map(([month, f]) => ({ month, ...withRates(f) })),
    byCollector: [...byCollector.values()].sort((a, b) => compareCollectors(a.collector, b.collector)).map(({ collector, figures }) => ({ collector, ...withRates(figures) })),
  };
}
