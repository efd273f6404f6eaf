/**
 * Portfolio aging for the report (domain-rules.md (b): buckets in days past due, from the due date;
 * disputed shown apart from collectable): one row for the book, then by collector, by segment and by
 * account currency, all in the reporting currency. The sums are aggregate.ts `aggregatePortfolio`
 * (the one implementation); this only lays them out as rows.
 */
import { AGING_BUCKETS, type AgingBucket } from '../aging';
import type { PortfolioAggregates, PortfolioTotals } from '../portfolio/aggregate';

/** One row of the aging sheet. */
export interface AgingRow {
  grouping: 'book' | 'collector' | 'segment' | 'currency';
  /** The group in words: "All accounts", a collector's name, "Business", "Consumer", a currency code. */
  group: string;
  accounts: number;
  accountsOverdue: number;
  /** Reporting-currency minor units. */
  open: number;
  overdue: number;
  disputed: number;
  collectable: number;
  buckets: Record<AgingBucket, number>;
  /** For currency rows: the open amount in that currency's own minor units. */
  nativeOpen?: number;
}

/** Result of {@link agingReport}. */
export interface AgingReportRows {
  asOf: string;
  currency: string;
  rows: AgingRow[];
}

const SEGMENT_WORDS = { b2b: 'Business', b2c: 'Consumer' } as const;

function row(grouping: AgingRow['grouping'], group: string, t: PortfolioTotals): AgingRow {
  return {
    grouping,
    group,
    accounts: t.accounts,
    accountsOverdue: t.accountsOverdue,
    open: t.open.amountMinor,
    overdue: t.overdue.amountMinor,
    disputed: t.disputed.amountMinor,
    collectable: t.collectable.amountMinor,
    buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, t.buckets[b].amountMinor])) as Record<AgingBucket, number>,
  };
}

/** The aging rows of a portfolio's aggregates. */
export function agingReport(aggregates: PortfolioAggregates): AgingReportRows {
  return {
    asOf: aggregates.asOf,
    currency: aggregates.currency,
    rows: [
      row('book', 'All accounts', aggregates.total),
      ...aggregates.byCollector.map((c) => row('collector', c.collector?.name ?? 'Unassigned', c)),
      ...aggregates.bySegment.map((s) => row('segment', SEGMENT_WORDS[s.segment], s)),
      ...aggregates.byAccountCurrency.map((c) => ({ ...row('currency', c.accountCurrency, c), nativeOpen: c.native.open.amountMinor })),
    ],
  };
}
