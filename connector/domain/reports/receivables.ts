/**
 * Receivables rebuilt as of each month-end, and the month-end metrics built on them
 * (domain-rules.md (h): DSO count-back, best possible DSO, ADD, CEI with N in months, % over 90).
 *
 * As of a month-end E an invoice counts when it was issued on or before E and is not cancelled; its
 * open amount is its total less the payments applied to it received on or before E (never below
 * zero). It ages from its due date (domain-rules (b)): not yet due on E is "current". Credit notes
 * and unapplied cash (credits issued on or before E) are reported apart and netted only in `net`;
 * the metrics use the invoice receivables, as the CRF inputs do (domain-rules (h) Notes: say which).
 * Limits of the rebuild, stated rather than guessed: a cancelled invoice is left out of every
 * month (the CRM keeps no cancellation date), and a payment in another currency than its invoice
 * does not reduce it.
 *
 * Amounts are in the reporting currency at the rate of the month-end (one FX date per column).
 * Sales of a month = totals of the invoices issued in it (credit sales), at the same rate.
 */
import { AGING_BUCKETS, agingBucket, type AgingBucket, OVER_90_BUCKETS } from '../aging';
import { fromEpochDay } from '../dates';
import { averageDaysDelinquent, bestPossibleDso, collectionEffectivenessIndex, dsoCountBack, percentOver90, type SalesPeriod } from '../metrics';
import type { IsoDate, Money } from '../model';
import { inReporting, monthAt, type ParsedAccount, type ParsedOptions, type ReportMonth } from './history';

/** Receivables of the book as of one month-end, in the reporting currency (minor units). */
export interface MonthEndReceivables {
  month: string;
  asOf: IsoDate;
  /** Open invoice amounts. */
  total: number;
  /** Not yet due on the month-end. */
  current: number;
  /** More than 90 days past due. */
  over90: number;
  buckets: Record<AgingBucket, number>;
  creditNotes: number;
  unappliedCash: number;
  /** total − credit notes − unapplied cash. */
  net: number;
  /** Totals of the invoices issued in the month (credit sales). */
  sales: number;
}

/** Month-end metrics; null where a denominator is zero or the history is too short. */
export interface MonthEndMetrics extends MonthEndReceivables {
  /** Days in the month on the chosen basis (calendar or 30). */
  days: number;
  /** Count-back DSO; null when the sales history cannot absorb the receivables. */
  dsoCountBack: number | null;
  bestPossibleDso: number | null;
  averageDaysDelinquent: number | null;
  /** CEI for the month alone (N = 1). */
  cei: number | null;
  percentOver90: number | null;
}

/** Result of {@link monthEndReport}. */
export interface MonthEndReport {
  currency: string;
  dayBasis: 'calendar' | 30;
  months: MonthEndMetrics[];
  /** CEI over the whole window, N = its number of months (CRF). */
  periodCei: number | null;
  /** Receivables at the end of the month before the window (CEI's beginning A/R). */
  opening: MonthEndReceivables;
}

/** Figures are rounded once, half-up, to this many decimals (the worked examples are stated at one). */
export const REPORT_DECIMALS = 1;

function emptyBuckets(): Record<AgingBucket, number> {
  return Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, 0])) as Record<AgingBucket, number>;
}

/**
 * Receivables as of each of `monthEnds` (epoch days, ascending), one sweep per invoice over its
 * applied payments. Equals the definition in the module comment (tested against a brute-force
 * recomputation over random histories).
 * @internal
 */
export function rebuildMonthEnds(accounts: readonly ParsedAccount[], months: readonly ReportMonth[], options: ParsedOptions): MonthEndReceivables[] {
  const out = months.map((m) => ({
    month: m.month,
    asOf: fromEpochDay(m.lastDay),
    total: 0,
    current: 0,
    over90: 0,
    buckets: emptyBuckets(),
    creditNotes: 0,
    unappliedCash: 0,
    net: 0,
    sales: 0,
  }));
  for (const account of accounts) {
    const applied = new Map<string, { day: number; amount: Money }[]>();
    for (const { record, day } of account.payments) {
      if (record.invoiceId != null) {
        const list = applied.get(record.invoiceId) ?? [];
        list.push({ day, amount: record.amount });
        applied.set(record.invoiceId, list);
      }
    }
    for (const list of applied.values()) {
      list.sort((a, b) => a.day - b.day);
    }
    for (const { record, issueDay, dueDay } of account.invoices) {
      if (record.status === 'cancelled') {
        continue;
      }
      const payments = (applied.get(record.id) ?? []).filter((p) => p.amount.currency === record.total.currency);
      let next = 0;
      let paid = 0;
      months.forEach((m, k) => {
        const row = out[k] as MonthEndReceivables;
        if (issueDay >= m.firstDay && issueDay <= m.lastDay) {
          row.sales += inReporting(record.total, m.lastDay, options);
        }
        if (issueDay > m.lastDay) {
          return;
        }
        while (next < payments.length && (payments[next] as { day: number }).day <= m.lastDay) {
          paid += (payments[next] as { amount: Money }).amount.amountMinor;
          next += 1;
        }
        const openMinor = Math.max(0, record.total.amountMinor - paid);
        if (openMinor === 0) {
          return;
        }
        const open = inReporting({ amountMinor: openMinor, currency: record.total.currency }, m.lastDay, options);
        const bucket = agingBucket(Math.max(0, m.lastDay - dueDay));
        row.total += open;
        row.buckets[bucket] += open;
        if (bucket === 'current') {
          row.current += open;
        }
        if (OVER_90_BUCKETS.includes(bucket)) {
          row.over90 += open;
        }
      });
    }
    for (const { record, day } of account.credits) {
      months.forEach((m, k) => {
        if (day <= m.lastDay) {
          const row = out[k] as MonthEndReceivables;
          const amount = inReporting(record.amount, m.lastDay, options);
          if (record.kind === 'credit_note') {
            row.creditNotes += amount;
          } else {
            row.unappliedCash += amount;
          }
        }
      });
    }
  }
  for (const row of out) {
    row.net = row.total - row.creditNotes - row.unappliedCash;
  }
  return out;
}

/** Sales of the book per month from the first invoice month up to `last` (count-back needs the months before the window). */
function salesHistory(accounts: readonly ParsedAccount[], start: ReportMonth, last: ReportMonth): ReportMonth[] {
  let first = start.firstDay;
  for (const account of accounts) {
    for (const { issueDay, record } of account.invoices) {
      if (record.status !== 'cancelled' && issueDay < first) {
        first = issueDay;
      }
    }
  }
  const [year, month] = fromEpochDay(first).split('-').map(Number) as [number, number];
  const months: ReportMonth[] = [];
  for (let k = 0; ; k++) {
    const m = monthAt(year, month + k);
    months.push(m);
    if (m.lastDay >= last.lastDay) {
      return months;
    }
  }
}

/**
 * Month-end receivables and metrics for every month of the window (domain-rules (h); formulas in
 * metrics.ts, the one implementation of each).
 * @internal
 */
export function monthEndReport(accounts: readonly ParsedAccount[], options: ParsedOptions): MonthEndReport {
  const window = options.months;
  const first = window[0] as ReportMonth;
  const last = window[window.length - 1] as ReportMonth;
  const [fy, fm] = first.month.split('-').map(Number) as [number, number];
  const before = monthAt(fy, fm - 1);
  const history = salesHistory(accounts, first, last);
  // One rebuild over the sales history, the month before the window and the window itself.
  const allMonths = history.some((m) => m.month === before.month) ? history : [before, ...history];
  const rebuilt = rebuildMonthEnds(accounts, allMonths, options);
  const byMonth = new Map(rebuilt.map((row) => [row.month, row]));
  const currency = options.reportingCurrency;
  const money = (amountMinor: number): Money => ({ amountMinor, currency });
  const daysOf = (m: ReportMonth): number => (options.dayBasis === 30 ? 30 : m.days);
  const opening = byMonth.get(before.month) as MonthEndReceivables;
  let previous = opening;
  const months = window.map((m) => {
    const row = byMonth.get(m.month) as MonthEndReceivables;
    const days = daysOf(m);
    const latestFirst: SalesPeriod[] = allMonths
      .filter((h) => h.lastDay <= m.lastDay)
      .reverse()
      .map((h) => ({ sales: money((byMonth.get(h.month) as MonthEndReceivables).sales), days: daysOf(h) }));
    let countBack: number | null;
    try {
      countBack = dsoCountBack({ receivables: money(row.total), periods: latestFirst, decimals: REPORT_DECIMALS });
    } catch {
      // The whole history's sales are less than the receivables (data starts mid-stream): no figure.
      countBack = null;
    }
    const sales = money(row.sales);
    const metrics: MonthEndMetrics = {
      ...row,
      days,
      dsoCountBack: countBack,
      bestPossibleDso: bestPossibleDso({ currentReceivables: money(row.current), creditSales: sales, days, decimals: REPORT_DECIMALS }),
      averageDaysDelinquent: averageDaysDelinquent({ receivables: money(row.total), currentReceivables: money(row.current), creditSales: sales, days, decimals: REPORT_DECIMALS }),
      cei: cei(previous.total, row.sales, 1, row.total, row.current, currency),
      percentOver90: percentOver90({ over90: money(row.over90), total: money(row.total), decimals: REPORT_DECIMALS }),
    };
    previous = row;
    return metrics;
  });
  const end = months[months.length - 1] as MonthEndMetrics;
  const windowSales = months.reduce((sum, m) => sum + m.sales, 0);
  return {
    currency,
    dayBasis: options.dayBasis,
    months,
    periodCei: cei(opening.total, windowSales, months.length, end.total, end.current, currency),
    opening,
  };
}

function cei(begin: number, sales: number, months: number, end: number, endCurrent: number, currency: string): number | null {
  const money = (amountMinor: number): Money => ({ amountMinor, currency });
  return collectionEffectivenessIndex({
    beginningReceivables: money(begin),
    creditSales: money(sales),
    months,
    endingReceivables: money(end),
    endingCurrentReceivables: money(endCurrent),
    decimals: REPORT_DECIMALS,
  });
}
