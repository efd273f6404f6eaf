/**
 * The management report: every report of the issue "Reports for management" from one history and
 * the portfolio's aggregates, with the options they were computed under. The xlsx, the CSVs, the
 * CLI's --json and the on-screen view all show this one object.
 */
import { invalid } from '../errors';
import type { PortfolioAggregates } from '../portfolio/aggregate';
import { agingReport, type AgingReportRows } from './aging';
import { explainBalance, type BalanceLine } from './balance';
import { cashCollected, type CashCollectedReport } from './cash';
import { collectorProductivity, type CollectorProductivity } from './collectors';
import { disputesReport, type DisputesReport } from './disputes';
import { parseHistory, parseOptions, type ReportHistory, type ReportOptions } from './history';
import { promisesReport, type PromisesReport } from './promises';
import { monthEndReport, type MonthEndReport } from './receivables';

/** Everything a management report shows. */
export interface ManagementReport {
  from: string;
  to: string;
  asOf: string;
  currency: string;
  /** Accounts the history held (after any filter the caller applied). */
  accounts: number;
  aging: AgingReportRows | null;
  /** Why the book's balance is what it is (null without aggregates). */
  balance: BalanceLine[] | null;
  cash: CashCollectedReport;
  promises: PromisesReport;
  receivables: MonthEndReport;
  collectors: CollectorProductivity[];
  disputes: DisputesReport;
}

/**
 * Build every report. `aggregates` (aggregate.ts, from the portfolio facts as of `asOf`) gives the
 * aging and the balance explanation; without it those are null.
 * @throws DomainValidationError naming the bad option or record (history.ts), or `rates` when a
 * conversion has no rate dated on or before its day.
 */
export function buildManagementReport(history: ReportHistory, options: ReportOptions, aggregates?: PortfolioAggregates | null): ManagementReport {
  const parsed = parseOptions(options);
  const accounts = parseHistory(history, parsed.timeZone);
  if (aggregates != null && aggregates.currency !== parsed.reportingCurrency) {
    invalid('aggregates.currency', `aggregates are in ${aggregates.currency}, the report in ${parsed.reportingCurrency}`, 'currency_mismatch');
  }
  return {
    from: options.from,
    to: options.to,
    asOf: parsed.asOf,
    currency: parsed.reportingCurrency,
    accounts: accounts.length,
    aging: aggregates ? agingReport(aggregates) : null,
    balance: aggregates ? explainBalance(aggregates.total) : null,
    cash: cashCollected(accounts, parsed),
    promises: promisesReport(accounts, parsed),
    receivables: monthEndReport(accounts, parsed),
    collectors: collectorProductivity(accounts, parsed),
    disputes: disputesReport(accounts, parsed),
  };
}
