/**
 * PortfolioSource: the CRM-neutral port for reading MANY accounts' collections records, beside
 * `CollectionsPort` (one customer, one round trip). A worklist, a report or the `collections` CLI
 * reads the book through it; each CRM adapter decides how (Salesforce: REST query paging for small
 * scopes, Bulk API 2.0 query jobs for large ones; decision 0011).
 *
 * Records stream page by page as async iterables, object by object (all invoices, then all
 * promises …), so a pass never holds the whole org as objects; the domain's portfolio book keeps
 * compact columns. Progress is reported as pages arrive; an AbortSignal cancels the pass (and any
 * server-side job it started).
 */
import type { Account, Activity, Credit, Dispute, Invoice, IsoDate, Payment, PaymentPlan, PromiseToPay } from './domain/model';
import type { PortfolioBook } from './domain/portfolio/book';
import type { DataQualityNote } from './port';

/** Which accounts a pass reads. */
export type PortfolioScope =
  | { kind: 'org' }
  /** Accounts whose collector is one of these users (CRM user ids). */
  | { kind: 'collectors'; collectorIds: readonly string[] };

/**
 * Record kinds a caller can ask for. Accounts always come (with their first invoice row: an account
 * never invoiced has nothing to collect or report).
 * - ranking needs invoices, disputes, promises and activities (`RANKING_KINDS`);
 * - payments (last payment, credits, unapplied cash) and plans (amount on plan) complete the facts.
 */
export const PORTFOLIO_KINDS = ['invoices', 'disputes', 'promises', 'activities', 'payments', 'plans'] as const;
export type PortfolioKind = (typeof PORTFOLIO_KINDS)[number];
export const RANKING_KINDS: readonly PortfolioKind[] = ['invoices', 'disputes', 'promises', 'activities'];

/** An open task for the collector (next follow-up). */
export interface FollowUp {
  id: string;
  dueDate: IsoDate;
  subject: string | null;
}

/** One record of the book, in domain terms, with the account it belongs to. */
export type PortfolioRecord =
  | { kind: 'account'; account: Account }
  | { kind: 'invoice'; accountId: string; invoice: Invoice }
  | { kind: 'payment'; accountId: string; payment: Payment }
  | { kind: 'credit'; accountId: string; credit: Credit }
  | { kind: 'promise'; accountId: string; promise: PromiseToPay }
  | { kind: 'plan'; accountId: string; plan: PaymentPlan }
  /** `resolvedOn`: the day the dispute's case closed (account zone), asked for with `history` only. */
  | { kind: 'dispute'; accountId: string; dispute: Dispute; resolvedOn?: IsoDate | null }
  | { kind: 'activity'; accountId: string; activity: Activity }
  | { kind: 'followUp'; accountId: string; followUp: FollowUp }
  /** A CRM record that could not be read: reported, never silently dropped. */
  | { kind: 'dataQuality'; note: DataQualityNote };

export interface PortfolioProgress {
  /** The record kind being read. */
  kind: PortfolioKind;
  /** 'rest' (query paging) or 'bulk' (Bulk API 2.0 query job). */
  via: 'rest' | 'bulk';
  /** CRM rows of this kind read so far. */
  rows: number;
  /** Total rows of this kind when the CRM said (REST totalSize, job's record count), else null. */
  total: number | null;
  pages: number;
  /** API requests this pass has made so far (all kinds). */
  apiRequests: number;
  /** e.g. 'waiting for the query job' while a job runs. */
  phase: 'starting' | 'waiting' | 'reading' | 'done';
}

export interface PortfolioReadOptions {
  scope: PortfolioScope;
  /** Default: every kind. */
  kinds?: readonly PortfolioKind[];
  /** 'auto' (default) picks by estimated cost in API requests. */
  mode?: 'auto' | 'rest' | 'bulk';
  signal?: AbortSignal;
  onProgress?: (progress: PortfolioProgress) => void;
  /** Activities since this many days (default 180: the snapshot's lookback). */
  activityLookbackDays?: number;
  /**
   * Server-side jobs of an earlier pass that timed out on the client (`PortfolioTimeoutError.jobs`):
   * read instead of starting new ones, so a long query is never run twice.
   */
  resumeJobs?: Partial<Record<PortfolioKind, string>>;
  /**
   * A report's history window instead of the worklist's: invoices issued on or after `since` (and
   * every open one), payments received and activities created on or after `since`, and the day
   * each dispute's case closed. Reports rebuild month-end balances from these (domain reports/).
   */
  history?: { since: IsoDate };
}

/** Details of a pass that gave up waiting while the CRM keeps working (the error's `kind` is 'timeout'). */
export interface PortfolioTimeout {
  /** The jobs still running, by kind: pass them as `resumeJobs` to pick them up. */
  jobs: Partial<Record<PortfolioKind, string>>;
}

/** What a pass cost, for the caller's figures (API allocation is org-wide). */
export interface PortfolioPassStats {
  apiRequests: number;
  via: 'rest' | 'bulk';
  rows: number;
}

export interface PortfolioSource {
  /** Pages of records; the iterator's `return` (break) and `signal` both stop the pass cleanly. */
  read(options: PortfolioReadOptions): AsyncIterable<PortfolioRecord[]>;
  /** Stats of the last completed (or cancelled) pass. */
  lastPass(): PortfolioPassStats | null;
}

/** One account's score to store on the account (list views and reports sort by it). */
export interface ScoreWrite {
  accountId: string;
  score: number;
  scoredAt: string;
}

export interface ScoreWriteResult {
  written: number;
  failed: { accountId: string; message: string }[];
  apiRequests: number;
}

/** Stores scores on the CRM's account records in bulk (Salesforce: one Bulk API 2.0 ingest job). */
export interface PortfolioScoreSink {
  writeScores(rows: readonly ScoreWrite[], options?: { signal?: AbortSignal; onProgress?: (message: string) => void }): Promise<ScoreWriteResult>;
}

/**
 * Puts one record of a pass into the domain's compact book (every host builds its book this way);
 * a data-quality note is returned for the caller to report, never dropped.
 */
export function addRecordToBook(book: PortfolioBook, record: PortfolioRecord): DataQualityNote | null {
  switch (record.kind) {
    case 'account':
      book.addAccount(record.account);
      break;
    case 'invoice':
      book.addInvoice(record.accountId, record.invoice);
      break;
    case 'payment':
      book.addPayment(record.accountId, record.payment);
      break;
    case 'credit':
      book.addCredit(record.accountId, record.credit);
      break;
    case 'promise':
      book.addPromise(record.accountId, record.promise);
      break;
    case 'plan':
      book.addPlan(record.accountId, record.plan);
      break;
    case 'dispute':
      book.addDispute(record.accountId, record.dispute);
      break;
    case 'activity':
      book.addActivity(record.accountId, record.activity);
      break;
    case 'followUp':
      book.addFollowUp(record.accountId, { id: record.followUp.id, dueDate: record.followUp.dueDate, open: true });
      break;
    case 'dataQuality':
      return record.note;
  }
  return null;
}
