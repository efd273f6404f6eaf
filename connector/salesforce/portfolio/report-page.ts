/**
 * The reports tab's reader (dist/connector/collections-reports.iife.js, global `CollectionsReportsReader`):
 * the same report pass as the `collections report` CLI (connector/report-pass.ts) over REST, giving
 * the history and the aggregates the reports view (widget/src/reports) builds the management report
 * from. Its own bundle: the worklist page does not carry the facts and the report pass.
 */
import { aggregatePortfolio } from '../../domain/portfolio/aggregate';
import type { PortfolioAggregates } from '../../domain/portfolio/aggregate';
import { computeFacts } from '../../domain/portfolio/facts';
import type { FxRate } from '../../domain/money';
import type { ReportHistory } from '../../domain/reports/history';
import type { DataQualityNote } from '../../port';
import type { PortfolioScope, PortfolioSource } from '../../portfolio-source';
import type { SalesforceClient } from '../client';
import { monthsBefore, readReportPass } from '../../report-pass';
import type { PageReaderOptions } from './page';
import { restOnlySource } from './page';
import { readOrgCurrencies } from './rates';
import type { OrgCurrencies } from './rates';

export interface PageReportReader {
  /** A report pass (history window from 12 months before `from`) and the aggregates as of now, per currency offered. */
  readReport(options?: { from?: string; scope?: PortfolioScope; signal?: AbortSignal }): Promise<PageReportData>;
}

/** What the reports view mounts with (ReportsViewProps' data). */
export interface PageReportData {
  history: ReportHistory;
  /** Aggregates as of `asOf` for each of `currencies`. */
  aggregates: Record<string, PortfolioAggregates>;
  /** Reporting currencies offered: the org's corporate currency (else the book's only currency; none when it has several and no rates). */
  currencies: string[];
  rates: FxRate[];
  /** Day of the pass, YYYY-MM-DD (UTC, as the CLI's `asOf`). */
  asOf: string;
  /** Months a person can pick from, YYYY-MM: `from` (default: 11 months before this one) to the month of `asOf`. */
  firstMonth: string;
  lastMonth: string;
  notes: DataQualityNote[];
  apiRequests: number;
}

/** Months shown by default: this one and the eleven before it. */
const DEFAULT_REPORT_MONTHS = 12;

function offeredCurrencies(org: OrgCurrencies, bookCurrencies: readonly string[]): string[] {
  // The org's rates are dated corporate-currency rates: only the corporate currency can take every
  // account's amounts (as the CLI's default). Without rates only a single-currency book can be reported.
  if (org.corporateCurrency) {
    return [org.corporateCurrency];
  }
  return bookCurrencies.length === 1 ? [...bookCurrencies] : [];
}

/** The reports tab's reader, for a page with a session (instance URL + token). */
export function createReportReader(options: PageReaderOptions): PageReportReader {
  const { client, source } = restOnlySource(options);
  return reportReaderOver(client, source, options.now);
}

/** The reports reader over any client and REST-shaped source (the Lightning tab's go through Apex). */
export function reportReaderOver(client: SalesforceClient, source: PortfolioSource, clock?: () => Date): PageReportReader {
  const now = clock ?? ((): Date => new Date());
  return {
    readReport: async ({ from, scope, signal } = {}) => {
      const instant = now().toISOString();
      const lastMonth = instant.slice(0, 7);
      const firstMonth = from ?? monthsBefore(lastMonth, DEFAULT_REPORT_MONTHS - 1).slice(0, 7);
      const org = await readOrgCurrencies(client, signal);
      const pass = await readReportPass(source, { scope: scope ?? { kind: 'org' }, from: firstMonth, mode: 'rest', signal });
      const currencies = offeredCurrencies(org, pass.book.currencyCodes());
      const aggregates: Record<string, PortfolioAggregates> = {};
      for (const currency of currencies) {
        aggregates[currency] = aggregatePortfolio(computeFacts(pass.book, { asOf: instant, reportingCurrency: currency, rates: org.rates }));
      }
      return { history: pass.history.history(), aggregates, currencies, rates: org.rates, asOf: instant.slice(0, 10), firstMonth, lastMonth, notes: pass.notes, apiRequests: (source.lastPass()?.apiRequests ?? 0) + 1 };
    },
  };
}
