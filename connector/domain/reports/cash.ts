/**
 * Cash collected: payments received in the window by day, ISO week (Monday first), month and
 * collector. Each payment is converted to the reporting currency at the rate of the day it was
 * received. Collector = the account's collector (owner attribution; domain-rules.md (h) "Cash per
 * collector": attributed cash, last touch or owner; we use the owner and say so).
 */
import { dayOfWeek, fromEpochDay } from '../dates';
import type { UserRef } from '../model';
import { inReporting, type ParsedAccount, type ParsedOptions } from './history';

/** Cash of one period. */
export interface CashPeriod {
  /** `YYYY-MM-DD` (day), the Monday `YYYY-MM-DD` (week) or `YYYY-MM` (month). */
  period: string;
  /** Reporting-currency minor units. */
  amount: number;
  payments: number;
}

/** Cash of one collector over the window. */
export interface CollectorCash {
  collector: UserRef | null;
  amount: number;
  payments: number;
}

/** Result of {@link cashCollected}. */
export interface CashCollectedReport {
  currency: string;
  total: number;
  payments: number;
  byDay: CashPeriod[];
  byWeek: CashPeriod[];
  byMonth: CashPeriod[];
  byCollector: CollectorCash[];
}

function bump(map: Map<string, CashPeriod>, period: string, amount: number): void {
  const row = map.get(period) ?? { period, amount: 0, payments: 0 };
  row.amount += amount;
  row.payments += 1;
  map.set(period, row);
}

function sorted(map: Map<string, CashPeriod>): CashPeriod[] {
  return [...map.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}

/** Collectors by name then id, nobody last (the order of aggregate.ts). @internal */
export function compareCollectors(a: UserRef | null, b: UserRef | null): number {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? 1 : -1;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** @internal */
export function cashCollected(accounts: readonly ParsedAccount[], options: ParsedOptions): CashCollectedReport {
  const first = (options.months[0] as { firstDay: number }).firstDay;
  const last = (options.months[options.months.length - 1] as { lastDay: number }).lastDay;
  const byDay = new Map<string, CashPeriod>();
  const byWeek = new Map<string, CashPeriod>();
  const byMonth = new Map<string, CashPeriod>();
  const byCollector = new Map<string, CollectorCash>();
  let total = 0;
  let payments = 0;
  for (const account of accounts) {
    for (const { record, day } of account.payments) {
      if (day < first || day > last) {
        continue;
      }
      const amount = inReporting(record.amount, day, options);
      const date = fromEpochDay(day);
      bump(byDay, date, amount);
      bump(byWeek, fromEpochDay(day - (dayOfWeek(date) - 1)), amount);
      bump(byMonth, date.slice(0, 7), amount);
      const key = account.collector?.id ?? '';
      const row = byCollector.get(key) ?? { collector: account.collector, amount: 0, payments: 0 };
      row.amount += amount;
      row.payments += 1;
      byCollector.set(key, row);
      total += amount;
      payments += 1;
    }
  }
  return {
    currency: options.reportingCurrency,
    total,
    payments,
    byDay: sorted(byDay),
    byWeek: sorted(byWeek),
    byMonth: sorted(byMonth),
    byCollector: [...byCollector.values()].sort((a, b) => compareCollectors(a.collector, b.collector)),
  };
}
