/**
 * One report pass over any PortfolioSource: the history window `since` (PortfolioReadOptions
 * `history`), every record put into the domain's book (for the aggregates as of today: aging and
 * the balance explanation) and into the report's history (ReportHistoryCollector). Shared by the
 * `collections report` CLI and the page's reports tab (connector/salesforce/portfolio/page.ts), so
 * both read the same records the same way.
 */
import { PortfolioBook } from './domain/portfolio/book';
import type { DataQualityNote } from './port';
import type { PortfolioProgress, PortfolioScope, PortfolioSource } from './portfolio-source';
import { PORTFOLIO_KINDS, addRecordToBook } from './portfolio-source';
import { ReportHistoryCollector } from './report-history';

/** Months of sales read before the first reported month, so the count-back DSO of that month has history to count back through. */
export const SALES_HISTORY_MONTHS = 12;

/** First day of the month `months` before `month` (YYYY-MM): where a report's history window starts. */
export function monthsBefore(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

export interface ReportPassOptions {
  scope: PortfolioScope;
  /** First reported month, YYYY-MM: the pass reads from SALES_HISTORY_MONTHS before it. */
  from: string;
  mode?: 'auto' | 'rest' | 'bulk';
  signal?: AbortSignal;
  onProgress?: (progress: PortfolioProgress) => void;
}

export interface ReportPass {
  book: PortfolioBook;
  history: ReportHistoryCollector;
  /** Records that could not be read: the caller reports them, none is dropped silently. */
  notes: DataQualityNote[];
}

export async function readReportPass(source: PortfolioSource, options: ReportPassOptions): Promise<ReportPass> {
  const book = new PortfolioBook();
  const history = new ReportHistoryCollector();
  const notes: DataQualityNote[] = [];
  const since = monthsBefore(options.from, SALES_HISTORY_MONTHS);
  for await (const page of source.read({ scope: options.scope, kinds: PORTFOLIO_KINDS, mode: options.mode, history: { since }, signal: options.signal, onProgress: options.onProgress })) {
    for (const record of page) {
      const note = addRecordToBook(book, record);
      if (note) {
        notes.push(note);
      }
      history.add(record);
    }
  }
  return { book, history, notes };
}
