/**
 * Per-account facts for a whole portfolio in one pass over the book's columns
 * (domain-rules.md (b) aging and balances, (c) promises, (g) prioritisation inputs, (h) metrics).
 *
 * One definition of each fact: the numbers are those the per-account functions give for the same
 * records (facts.test.ts checks them against `ageInvoices` and `brokenPromiseCount` on random
 * accounts), computed here without objects per record:
 * - as of each account's LOCAL date: `asOf` read in the account's zone (`zoneOf`, else the account's
 *   own zone, else `defaultZone`), as connector/snapshot-derived.ts does; computed once per zone;
 * - account currency: aging.ts's block for the account's own currency: open (Σ buckets), buckets by
 *   days past due of the due date, disputed (active dispute lines, each invoice's total capped at its
 *   balance; disputes.ts `disputedAmountByInvoice`), collectable = open − disputed, overdue = open −
 *   current bucket, promised (pending promises, capped at open), on plan (unpaid instalments of
 *   active plans, capped at open), credit notes and unapplied cash, net = open − credits;
 * - reporting currency: as aging.ts `reporting`: every currency's buckets converted one by one at
 *   the latest rate dated on or before the account's as-of date (money.ts findRate/convert, exact,
 *   half-even) and summed; open = Σ converted buckets; disputed = Σ converted disputed, at most open;
 *   collectable = open − disputed; credits converted per currency; promised and on plan converted
 *   per currency and capped at open. So each account-currency total is converted once.
 * - max days past due over all currencies; broken promises with a promise date in the last 90 days
 *   (stored status, promises.ts `brokenPromiseCount`); earliest pending promise date; last payment
 *   date; last contact (call, e-mail, SMS, visit or letter) and last conversation; earliest open
 *   follow-up; credit limit utilisation (open ÷ limit × 100, 2 dp half-up like metrics.ts; in the
 *   limit's currency when all open invoices are in it, else reporting open ÷ converted limit; null
 *   without a positive limit); account flags in force on the as-of date (since/until inclusive).
 *
 * Data problems that the per-account functions would throw on and that only show across records
 * (a dispute line in another currency than its invoice) leave that line out and are listed in
 * `issues`, so one record cannot cost the whole portfolio its facts. A missing exchange rate is a
 * caller error (the caller chooses the rates): `missing_rate` lists every missing pair at once.
 */
import { AGING_BUCKETS, agingBucket, type AgingBucket } from '../aging';
import { fromEpochDay, toEpochDay } from '../dates';
import { DomainValidationError, integerIn, invalid, requireObject } from '../errors';
import type { AccountFlag, Instant, IsoDate, Money, Segment, UserRef } from '../model';
import { currencyCodeOf, type FxRate } from '../money';
import { parseInstant, requireTimeZone, toInstant, zonedParts } from '../time';
import { RISK_RATINGS, SEGMENTS } from '../vocabulary';
import { type BookTables, NO_EARLIEST_DAY, NO_INDEX, NO_LATEST_DAY, NO_LATEST_MS, type PortfolioBook, type RiskRating } from './book';
import { type FxConverter, fxConverter, percentOf } from './exact';
import { flagsOf, HARD_BLOCK_MASK } from './flags';

/** "No date" in every day column of the facts. */
export const NO_DAY = NO_LATEST_DAY;
/** "No instant" in the epoch-millisecond columns of the facts. */
export const NO_INSTANT = NO_LATEST_MS;
/** "No utilisation" (no positive credit limit) in `creditUtilisationPct`. */
export const NO_UTILISATION = -1;

const BUCKETS = AGING_BUCKETS.length;
/** Stride of BlockSums.aging, and the slots after the buckets. */
const LINE = 8;
const LINE_AS_OF = 6;
const LINE_EARLIEST_DUE = 7;
const PROMISE_PENDING = 0; // vocabulary PROMISE_STATUSES order
const PROMISE_BROKEN = 3;
const CREDIT_NOTE = 0; // vocabulary CREDIT_KINDS order
/** brokenPromiseCount window used by prioritisation ((g) 3: "broken promises in last 90 days"). */
const BROKEN_PROMISE_WINDOW_DAYS = 90;

/** Options of {@link computeFacts}. */
export interface PortfolioFactsOptions {
  /** "Now": each account's as-of date is this instant's date in the account's zone. */
  asOf: Instant;
  reportingCurrency: string;
  /** Dated rates into the reporting currency (no inverse or cross rates are derived). */
  rates?: readonly FxRate[];
  /** Zone of accounts with none. Default `UTC`. */
  defaultZone?: string;
  /** The zone of an account when the caller knows better (e.g. a contact's zone); null = the account's own. */
  zoneOf?: (accountIndex: number) => string | null | undefined;
}

/** A cross-record data problem: the record part left out of the facts. */
export interface PortfolioIssue {
  accountId: string;
  recordKind: 'dispute';
  recordId: string | null;
  message: string;
}

/** Amounts of one account in its own currency (aging.ts `CurrencyAging`). */
export interface AccountCurrencyFacts {
  currency: string;
  open: Money;
  overdue: Money;
  collectable: Money;
  disputed: Money;
  promised: Money;
  onPlan: Money;
  creditNotes: Money;
  unappliedCash: Money;
  netBalance: Money;
  buckets: Record<AgingBucket, Money>;
}

/** Amounts of one account, all currencies, in the reporting currency (aging.ts `ReportingTotals`). */
export interface ReportingFacts {
  currency: string;
  rateDate: IsoDate;
  open: Money;
  overdue: Money;
  collectable: Money;
  disputed: Money;
  promised: Money;
  onPlan: Money;
  credits: Money;
  netBalance: Money;
  buckets: Record<AgingBucket, Money>;
}

/** One account's facts as a plain object ({@link PortfolioFacts.account}). */
export interface PortfolioAccountFacts {
  accountIndex: number;
  accountId: string;
  name: string;
  segment: Segment;
  collector: UserRef | null;
  zone: string;
  /** The account's local date of `asOf`. */
  asOf: IsoDate;
  accountCurrency: AccountCurrencyFacts;
  reporting: ReportingFacts;
  /** Other currencies the account has open invoices, credits, promises or plans in (counted in `reporting` only). */
  otherCurrencies: string[];
  /**
   * Collectable (open − disputed) in each of the account's currencies, in that currency: the
   * account's own first, then `otherCurrencies`' (aging.ts `byCurrency[].collectable`). The
   * strategy's bands convert these (decision 0028), not the reporting figure.
   */
  collectableByCurrency: Money[];
  maxDaysPastDue: number;
  brokenPromisesLast90Days: number;
  nextPromiseDueDate: IsoDate | null;
  lastPaymentDate: IsoDate | null;
  lastContactAt: Instant | null;
  lastConversationAt: Instant | null;
  nextFollowUpDate: IsoDate | null;
  riskRating: RiskRating | null;
  keyAccount: boolean;
  creditLimit: Money | null;
  creditUtilisationPct: number | null;
  /** Flags in force on `asOf`. */
  flags: AccountFlag[];
  /** True when a hard-block flag is in force (flags.ts): not ranked. */
  hardBlocked: boolean;
}

/** Amount columns of one currency view (account currency or reporting currency), minor units. */
export interface AmountColumns {
  open: Float64Array;
  overdue: Float64Array;
  collectable: Float64Array;
  disputed: Float64Array;
  promised: Float64Array;
  onPlan: Float64Array;
  /** Account currency: credit notes only; reporting: all credits. */
  credits: Float64Array;
  /** accountCount × 6, AGING_BUCKETS order. */
  buckets: Float64Array;
}

/** The facts of every account of a book as columns: index = account index. */
export interface PortfolioFactsColumns {
  /** The `asOf` the facts were computed for, as given. */
  readonly asOf: Instant;
  readonly reportingCurrency: string;
  /** Accounts in the book when the facts were computed (including ids only referenced). */
  readonly accountCount: number;
  /** 1 when the account's own record was added; 0 for ids only referenced (left out everywhere). */
  readonly known: Uint8Array;
  /** Zone per account: index into `zones`. */
  readonly zoneIndex: Uint16Array;
  readonly zones: readonly string[];
  /** Local as-of date per account, epoch days. */
  readonly asOfDay: Int32Array;
  /** Amounts in the account's own currency (`credits` = credit notes; unapplied cash apart). */
  readonly accountCurrency: AmountColumns & { unappliedCash: Float64Array };
  /** Amounts of all the account's currencies in the reporting currency (`credits` = all credits). */
  readonly reporting: AmountColumns;
  readonly maxDaysPastDue: Int32Array;
  readonly brokenPromisesLast90Days: Int32Array;
  /** Epoch days; {@link NO_DAY} when none. */
  readonly nextPromiseDueDay: Int32Array;
  readonly lastPaymentDay: Int32Array;
  readonly nextFollowUpDay: Int32Array;
  /** Epoch ms; {@link NO_INSTANT} when none. */
  readonly lastContactMs: Float64Array;
  readonly lastConversationMs: Float64Array;
  /** 2 dp; {@link NO_UTILISATION} without a positive limit. */
  readonly creditUtilisationPct: Float64Array;
  /** Bit i = ACCOUNT_FLAGS[i] in force on the as-of date. */
  readonly flags: Uint16Array;
  /** Risk rating code per account: 0 none, 1 low, 2 medium, 3 high. */
  readonly riskCode: Uint8Array;
  readonly keyAccount: Uint8Array;
  /** Index into vocabulary SEGMENTS. */
  readonly segmentCode: Uint8Array;
  /** Collector index per account (`collectorByIndex`), -1 when none. */
  readonly collectorIndex: Int32Array;
  /** Account currency per account (`currency(index)`). */
  readonly currencyIndex: Uint16Array;
  readonly issues: readonly PortfolioIssue[];
  /** Ids named by records whose account never arrived. */
  readonly orphanAccountIds: readonly string[];
}

/** The facts of every account, with lookups and a plain-object accessor for one account. */
export interface PortfolioFacts extends PortfolioFactsColumns {
  /** Index of `accountId` in the book, or -1. */
  indexOf(accountId: string): number;
  accountId(accountIndex: number): string;
  /** Every account id in index order. */
  accountIds(): readonly string[];
  /** Currency code of a currency index. */
  currency(currencyIndex: number): string;
  collector(accountIndex: number): UserRef | null;
  /** A collector by collector index (`collectorIndex` column). */
  collectorByIndex(collectorIndex: number): UserRef;
  zone(accountIndex: number): string;
  /** True when the account has a hard-block flag in force (flags.ts). */
  hardBlocked(accountIndex: number): boolean;
  /**
   * One account's facts as a plain object.
   * @throws DomainValidationError naming `accountIndex` when out of range or the account never arrived.
   */
  account(accountIndex: number): PortfolioAccountFacts;
}

/** What the accessor needs besides the columns. */
interface FactsSources {
  book: PortfolioBook;
  foreign: ForeignBlocks;
  /** open − disputed of each foreign block (index block − accountCount), minor units of its currency. */
  foreignCollectable: Float64Array;
  creditLimit: { minor: Float64Array; currency: Uint16Array };
}

function portfolioFacts(columns: PortfolioFactsColumns, sources: FactsSources): PortfolioFacts {
  const { book } = sources;
  const currency = (currencyIndex: number): string => book.currencyCodes()[currencyIndex] as string;
  const facts: PortfolioFacts = {
    ...columns,
    indexOf: (accountId) => book.indexOf(accountId),
    accountId: (accountIndex) => book.accountId(accountIndex),
    accountIds: () => book.accountIds(),
    currency,
    collector: (accountIndex) => {
      const index = columns.collectorIndex[accountIndex] ?? -1;
      return index < 0 ? null : book.collector(index);
    },
    collectorByIndex: (collectorIndex) => book.collector(collectorIndex),
    zone: (accountIndex) => columns.zones[columns.zoneIndex[accountIndex] ?? 0] as string,
    hardBlocked: (accountIndex) => ((columns.flags[accountIndex] ?? 0) & HARD_BLOCK_MASK) !== 0,
    account: (accountIndex) => accountFacts(facts, sources, accountIndex),
  };
  return facts;
}

function accountFacts(facts: PortfolioFacts, { book, foreign, foreignCollectable, creditLimit }: FactsSources, i: number): PortfolioAccountFacts {
  integerIn(i, 'accountIndex', 0, facts.accountCount - 1);
  if (facts.known[i] !== 1) {
    invalid('accountIndex', `only records referring to account ${book.accountId(i)} were added, not the account`);
  }
  const own = facts.currency(facts.currencyIndex[i] ?? 0);
  const target = facts.reportingCurrency;
  const limitCurrency = creditLimit.currency[i] ?? NO_INDEX;
  const utilisation = facts.creditUtilisationPct[i] ?? NO_UTILISATION;
  const rating = facts.riskCode[i] ?? 0;
  const local = facts.accountCurrency;
  return {
    accountIndex: i,
    accountId: book.accountId(i),
    name: book.accountName(i),
    segment: SEGMENTS[facts.segmentCode[i] ?? 0] as Segment,
    collector: facts.collector(i),
    zone: facts.zone(i),
    asOf: fromEpochDay(facts.asOfDay[i] ?? 0),
    accountCurrency: {
      ...amountsOf(local, i, own),
      creditNotes: money(local.credits, i, own),
      unappliedCash: money(local.unappliedCash, i, own),
      netBalance: { amountMinor: (local.open[i] ?? 0) - (local.credits[i] ?? 0) - (local.unappliedCash[i] ?? 0), currency: own },
    },
    reporting: {
      ...amountsOf(facts.reporting, i, target),
      rateDate: fromEpochDay(facts.asOfDay[i] ?? 0),
      credits: money(facts.reporting.credits, i, target),
      netBalance: { amountMinor: (facts.reporting.open[i] ?? 0) - (facts.reporting.credits[i] ?? 0), currency: target },
    },
    otherCurrencies: foreign.currenciesOf(i).map((index) => facts.currency(index)),
    collectableByCurrency: [
      money(local.collectable, i, own),
      ...foreign.blocksOf(i).map((block) => money(foreignCollectable, block - facts.accountCount, facts.currency(foreign.currencyOfBlock(block)))),
    ],
    maxDaysPastDue: facts.maxDaysPastDue[i] ?? 0,
    brokenPromisesLast90Days: facts.brokenPromisesLast90Days[i] ?? 0,
    nextPromiseDueDate: dateOrNull(facts.nextPromiseDueDay[i]),
    lastPaymentDate: dateOrNull(facts.lastPaymentDay[i]),
    lastContactAt: instantOrNull(facts.lastContactMs[i]),
    lastConversationAt: instantOrNull(facts.lastConversationMs[i]),
    nextFollowUpDate: dateOrNull(facts.nextFollowUpDay[i]),
    riskRating: rating === 0 ? null : (RISK_RATINGS[rating - 1] as RiskRating),
    keyAccount: facts.keyAccount[i] === 1,
    creditLimit: limitCurrency === NO_INDEX ? null : { amountMinor: creditLimit.minor[i] ?? 0, currency: facts.currency(limitCurrency) },
    creditUtilisationPct: utilisation === NO_UTILISATION ? null : utilisation,
    flags: flagsOf(facts.flags[i] ?? 0),
    hardBlocked: facts.hardBlocked(i),
  };
}

function money(column: Float64Array, index: number, currency: string): Money {
  return { amountMinor: column[index] ?? 0, currency };
}

function amountsOf(columns: AmountColumns, i: number, currency: string) {
  return {
    currency,
    open: money(columns.open, i, currency),
    overdue: money(columns.overdue, i, currency),
    collectable: money(columns.collectable, i, currency),
    disputed: money(columns.disputed, i, currency),
    promised: money(columns.promised, i, currency),
    onPlan: money(columns.onPlan, i, currency),
    buckets: Object.fromEntries(
      AGING_BUCKETS.map((bucket, k) => [bucket, { amountMinor: columns.buckets[i * BUCKETS + k] ?? 0, currency }]),
    ) as Record<AgingBucket, Money>,
  };
}

function dateOrNull(day: number | undefined): IsoDate | null {
  return day === undefined || day === NO_DAY || day === NO_EARLIEST_DAY ? null : fromEpochDay(day);
}

function instantOrNull(ms: number | undefined): Instant | null {
  return ms === undefined || ms === NO_INSTANT ? null : toInstant(ms);
}

function addTo(column: Float64Array, index: number, value: number): void {
  column[index] = (column[index] ?? 0) + value;
}

/**
 * Bucket index (AGING_BUCKETS order) per days past due 0…121, read from aging.ts `agingBucket` (the
 * one definition; 121 and above: 120+). A table instead of a chain of comparisons: invoices arrive
 * in no particular order, so those branches would be mispredicted about every other invoice.
 */
const BUCKET_OF_DPD = Uint8Array.from({ length: 122 }, (_, dpd) => AGING_BUCKETS.indexOf(agingBucket(dpd)));
const LAST_DPD_IN_TABLE = BUCKET_OF_DPD.length - 1;

function bucketIndex(dpd: number): number {
  return BUCKET_OF_DPD[Math.min(dpd, LAST_DPD_IN_TABLE)] ?? 5;
}

// ---------------------------------------------------------------------------------------------
// Zones and local dates

interface AccountClocks {
  zones: string[];
  zoneIndex: Uint16Array;
  asOfDay: Int32Array;
  /** Distinct as-of days, and each account's position in that list (rates are looked up per day). */
  days: number[];
  dayIndex: Uint8Array;
}

/** Each account's zone and local as-of date; the local date is computed once per distinct zone. */
function accountClocks(book: PortfolioBook, t: BookTables, asOfMs: number, defaultZone: string, zoneOf: PortfolioFactsOptions['zoneOf']): AccountClocks {
  const zones: string[] = [];
  const zoneByName = new Map<string, number>();
  const localZone = (zone: string, field: string): number => {
    let index = zoneByName.get(zone);
    if (index === undefined) {
      index = zones.push(requireTimeZone(zone, field)) - 1;
      zoneByName.set(zone, index);
    }
    return index;
  };
  const fallback = localZone(defaultZone, 'defaultZone');
  const bookZones = book.zoneNames().map((zone) => localZone(zone, 'zone'));
  const zoneIndex = new Uint16Array(t.accountCount);
  for (let i = 0; i < t.accountCount; i++) {
    const chosen = zoneOf?.(i);
    const own = t.accountZone[i] ?? NO_INDEX;
    zoneIndex[i] = chosen != null ? localZone(chosen, `zoneOf(${i})`) : own === NO_INDEX ? fallback : (bookZones[own] ?? fallback);
  }
  const zoneDay = zones.map((zone) => toEpochDay(zonedParts(asOfMs, zone).date));
  const days = [...new Set(zoneDay)].sort((a, b) => a - b);
  const asOfDay = new Int32Array(t.accountCount);
  const dayIndex = new Uint8Array(t.accountCount);
  for (let i = 0; i < t.accountCount; i++) {
    const day = zoneDay[zoneIndex[i] ?? 0] ?? 0;
    asOfDay[i] = day;
    dayIndex[i] = days.indexOf(day);
  }
  return { zones, zoneIndex, asOfDay, days, dayIndex };
}

// ---------------------------------------------------------------------------------------------
// Currency blocks: an account's amounts per currency. Block i < accountCount is account i in its own
// currency; other currencies get blocks after them, chained per account.

class ForeignBlocks {
  private readonly byKey = new Map<number, number>();
  readonly account: number[] = [];
  readonly currency: number[] = [];
  private readonly next: number[] = [];
  private readonly head: Int32Array;

  constructor(
    private readonly accountCount: number,
    private readonly currencyCount: number,
  ) {
    this.head = new Int32Array(accountCount).fill(-1);
  }

  get count(): number {
    return this.account.length;
  }

  /** Block of (account, currency), created on first use during discovery. */
  blockOf(account: number, currency: number, ownCurrency: number): number {
    if (currency === ownCurrency) {
      return account;
    }
    const key = account * this.currencyCount + currency;
    let foreign = this.byKey.get(key);
    if (foreign === undefined) {
      foreign = this.account.push(account) - 1;
      this.currency.push(currency);
      this.next.push(this.head[account] ?? -1);
      this.head[account] = foreign;
      this.byKey.set(key, foreign);
    }
    return this.accountCount + foreign;
  }

  /** First foreign block (≥ accountCount) of an account, or -1. */
  firstBlockOf(account: number): number {
    const foreign = this.head[account] ?? -1;
    return foreign < 0 ? -1 : this.accountCount + foreign;
  }

  /** The account's foreign block after `block`, or -1. */
  nextBlock(block: number): number {
    const foreign = this.next[block - this.accountCount] ?? -1;
    return foreign < 0 ? -1 : this.accountCount + foreign;
  }

  currencyOfBlock(block: number): number {
    return this.currency[block - this.accountCount] ?? 0;
  }

  /** Foreign block numbers (≥ accountCount) of an account. */
  blocksOf(account: number): number[] {
    const blocks: number[] = [];
    for (let block = this.firstBlockOf(account); block >= 0; block = this.nextBlock(block)) {
      blocks.push(block);
    }
    return blocks;
  }

  currenciesOf(account: number): number[] {
    return this.blocksOf(account)
      .map((block) => this.currency[block - this.accountCount] ?? 0)
      .sort((a, b) => a - b);
  }
}

/**
 * Per-block sums, minor units of the block's currency. The invoice pass touches one 64-byte line
 * per invoice (`aging`: the six buckets, the block's as-of day and earliest due day), not five
 * arrays: with invoices in arrival order, account by account at random, that is what keeps the
 * pass fast (one cache miss per invoice instead of one per array).
 */
interface BlockSums {
  /** Σ buckets, filled after the invoice pass. */
  open: Float64Array;
  /** LINE numbers per block: buckets (AGING_BUCKETS order), as-of epoch day, earliest due epoch day. */
  aging: Float64Array;
  disputed: Float64Array;
  promised: Float64Array;
  onPlan: Float64Array;
  creditNotes: Float64Array;
  unapplied: Float64Array;
}

function discoverBlocks(t: BookTables, currencyCount: number): ForeignBlocks {
  const blocks = new ForeignBlocks(t.accountCount, currencyCount);
  const visit = (accounts: Int32Array, currencies: Uint16Array, include?: (row: number) => boolean): void => {
    for (let row = 0; row < accounts.length; row++) {
      const account = accounts[row] ?? 0;
      if (t.accountKnown[account] === 1 && (include === undefined || include(row))) {
        blocks.blockOf(account, currencies[row] ?? 0, t.accountCurrency[account] ?? NO_INDEX);
      }
    }
  };
  visit(t.invoiceAccount, t.invoiceCurrency);
  visit(t.creditAccount, t.creditCurrency);
  visit(t.promiseAccount, t.promiseCurrency, (row) => t.promiseStatus[row] === PROMISE_PENDING);
  visit(t.planAccount, t.planCurrency);
  return blocks;
}

/** Each block's line: its account's as-of day, no due date yet. */
function startAgingLines(sums: BlockSums, blocks: ForeignBlocks, asOfDay: Int32Array): void {
  for (let block = 0; block < sums.open.length; block++) {
    const account = block < asOfDay.length ? block : (blocks.account[block - asOfDay.length] ?? 0);
    sums.aging[block * LINE + LINE_AS_OF] = asOfDay[account] ?? 0;
    sums.aging[block * LINE + LINE_EARLIEST_DUE] = Number.POSITIVE_INFINITY;
  }
}

/** Open balances by bucket of days past due (aging.ts), and each block's earliest due date. */
function ageInvoiceRows(t: BookTables, blocks: ForeignBlocks, sums: BlockSums): void {
  const { invoiceAccount, invoiceCurrency, invoiceDueDay, invoiceBalance, accountCurrency } = t;
  const aging = sums.aging;
  for (let row = 0; row < invoiceAccount.length; row++) {
    const account = invoiceAccount[row] ?? 0;
    const currency = invoiceCurrency[row] ?? 0;
    // Accounts never added have no currency, so their rows take this branch and are skipped.
    const block = currency === accountCurrency[account] ? account : t.accountKnown[account] === 1 ? blocks.blockOf(account, currency, NO_INDEX) : -1;
    if (block < 0) {
      continue;
    }
    const line = block * LINE;
    const due = invoiceDueDay[row] ?? 0;
    const dpd = Math.max(0, (aging[line + LINE_AS_OF] ?? 0) - due);
    const slot = line + bucketIndex(dpd);
    aging[slot] = (aging[slot] ?? 0) + (invoiceBalance[row] ?? 0);
    if (due < (aging[line + LINE_EARLIEST_DUE] ?? 0)) {
      aging[line + LINE_EARLIEST_DUE] = due;
    }
  }
}

/** Open = Σ buckets per block; max days past due per account over all its currencies. */
function finishAging(sums: BlockSums, blocks: ForeignBlocks, accountCount: number): Int32Array {
  const maxDpd = new Int32Array(accountCount);
  for (let block = 0; block < sums.open.length; block++) {
    const line = block * LINE;
    let open = 0;
    for (let k = 0; k < BUCKETS; k++) {
      open += sums.aging[line + k] ?? 0;
    }
    sums.open[block] = open;
    const earliestDue = sums.aging[line + LINE_EARLIEST_DUE] ?? Number.POSITIVE_INFINITY;
    if (earliestDue !== Number.POSITIVE_INFINITY) {
      const account = block < accountCount ? block : (blocks.account[block - accountCount] ?? 0);
      maxDpd[account] = Math.max(maxDpd[account] ?? 0, (sums.aging[line + LINE_AS_OF] ?? 0) - earliestDue);
    }
  }
  return maxDpd;
}

/**
 * Disputed per invoice (disputes.ts `disputedAmountByInvoice` with the account's open invoices):
 * lines of active disputes, negative lines as 0, summed per invoice and capped at its balance.
 */
function holdDisputedAmounts(book: PortfolioBook, t: BookTables, blocks: ForeignBlocks, sums: BlockSums, issues: PortfolioIssue[]): void {
  const heldByInvoice = new Map<number, number>();
  for (let line = 0; line < t.disputeAccount.length; line++) {
    const account = t.disputeAccount[line] ?? 0;
    const row = t.resolveDisputeInvoice(line);
    if (t.accountKnown[account] !== 1 || row < 0 || t.invoiceAccount[row] !== account) {
      continue; // the invoice is not an open invoice of this account: the line holds nothing
    }
    const invoiceCurrency = t.invoiceCurrency[row] ?? 0;
    if (t.disputeCurrency[line] !== invoiceCurrency) {
      issues.push({
        accountId: book.accountId(account),
        recordKind: 'dispute',
        recordId: t.disputeIdOf(line),
        message: `a dispute line is in ${book.currencyCodes()[t.disputeCurrency[line] ?? 0]} but its invoice is in ${book.currencyCodes()[invoiceCurrency]}: line left out`,
      });
      continue;
    }
    heldByInvoice.set(row, (heldByInvoice.get(row) ?? 0) + Math.max(0, t.disputeAmount[line] ?? 0));
  }
  for (const [row, held] of heldByInvoice) {
    const account = t.invoiceAccount[row] ?? 0;
    const block = blocks.blockOf(account, t.invoiceCurrency[row] ?? 0, t.accountCurrency[account] ?? NO_INDEX);
    addTo(sums.disputed, block, Math.min(held, t.invoiceBalance[row] ?? 0));
  }
}

function addCredits(t: BookTables, blocks: ForeignBlocks, sums: BlockSums): void {
  for (let row = 0; row < t.creditAccount.length; row++) {
    const account = t.creditAccount[row] ?? 0;
    if (t.accountKnown[account] === 1) {
      const block = blocks.blockOf(account, t.creditCurrency[row] ?? 0, t.accountCurrency[account] ?? NO_INDEX);
      addTo(t.creditKind[row] === CREDIT_NOTE ? sums.creditNotes : sums.unapplied, block, t.creditAmount[row] ?? 0);
    }
  }
}

interface PromiseFacts {
  broken: Int32Array;
  nextDue: Int32Array;
}

/** Pending promises (promised amount, earliest date) and broken promises due in the last 90 local days. */
function addPromises(t: BookTables, blocks: ForeignBlocks, asOfDay: Int32Array, sums: BlockSums): PromiseFacts {
  const broken = new Int32Array(t.accountCount);
  const nextDue = new Int32Array(t.accountCount).fill(NO_DAY);
  for (let row = 0; row < t.promiseAccount.length; row++) {
    const account = t.promiseAccount[row] ?? 0;
    if (t.accountKnown[account] !== 1) {
      continue;
    }
    const status = t.promiseStatus[row];
    const due = t.promiseDueDay[row] ?? 0;
    if (status === PROMISE_PENDING) {
      const block = blocks.blockOf(account, t.promiseCurrency[row] ?? 0, t.accountCurrency[account] ?? NO_INDEX);
      addTo(sums.promised, block, t.promiseAmount[row] ?? 0);
      const current = nextDue[account] ?? NO_DAY;
      nextDue[account] = current === NO_DAY ? due : Math.min(current, due);
    } else if (status === PROMISE_BROKEN) {
      const today = asOfDay[account] ?? 0;
      if (due >= today - BROKEN_PROMISE_WINDOW_DAYS && due <= today) {
        broken[account] = (broken[account] ?? 0) + 1;
      }
    }
  }
  return { broken, nextDue };
}

function addPlans(t: BookTables, blocks: ForeignBlocks, sums: BlockSums): void {
  for (let row = 0; row < t.planAccount.length; row++) {
    const account = t.planAccount[row] ?? 0;
    if (t.accountKnown[account] === 1) {
      addTo(sums.onPlan, blocks.blockOf(account, t.planCurrency[row] ?? 0, t.accountCurrency[account] ?? NO_INDEX), t.planUnpaid[row] ?? 0);
    }
  }
}

/** Promised and on-plan amounts are capped at the block's open balance (aging.ts); totals must stay safe integers. */
function capBlocks(sums: BlockSums, book: PortfolioBook, blocks: ForeignBlocks, accountCount: number): void {
  for (let block = 0; block < sums.open.length; block++) {
    const open = sums.open[block] ?? 0;
    const largest = Math.max(open, sums.promised[block] ?? 0, sums.onPlan[block] ?? 0, (sums.creditNotes[block] ?? 0) + (sums.unapplied[block] ?? 0));
    if (largest > Number.MAX_SAFE_INTEGER) {
      const account = block < accountCount ? block : (blocks.account[block - accountCount] ?? 0);
      invalid(`accounts.${book.accountId(account)}`, 'totals exceed the safe integer range of minor units', 'out_of_range');
    }
    sums.promised[block] = Math.min(sums.promised[block] ?? 0, open);
    sums.onPlan[block] = Math.min(sums.onPlan[block] ?? 0, open);
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting currency

/** Converters per (as-of day, currency), created when first needed; missing rates are collected. */
class ReportingRates {
  private readonly converters = new Map<number, FxConverter | null>();
  readonly missing = new Set<string>();

  constructor(
    private readonly book: PortfolioBook,
    private readonly target: string,
    private readonly rates: readonly FxRate[],
    private readonly days: readonly number[],
  ) {}

  /** The converter of `currency` at as-of day `dayIndex`; null (and recorded) when no rate exists. */
  converter(currency: number, dayIndex: number): FxConverter | null {
    const key = dayIndex * 65_536 + currency;
    let converter = this.converters.get(key);
    if (converter === undefined) {
      converter = this.create(this.book.currencyCodes()[currency] as string, fromEpochDay(this.days[dayIndex] ?? 0));
      this.converters.set(key, converter);
    }
    return converter;
  }

  /** One amount converted; zero needs no rate (aging.ts). */
  convert(amountMinor: number, currency: number, dayIndex: number): number {
    return amountMinor === 0 ? 0 : (this.converter(currency, dayIndex)?.convert(amountMinor) ?? 0);
  }

  private create(from: string, onDate: IsoDate): FxConverter | null {
    try {
      return fxConverter(from, this.target, this.rates, onDate);
    } catch (error) {
      if (error instanceof DomainValidationError && error.code === 'missing_rate') {
        this.missing.add(`${from}→${this.target} on ${onDate}`);
        return null;
      }
      throw error;
    }
  }
}

function amountColumns(count: number): AmountColumns {
  const column = (): Float64Array => new Float64Array(count);
  return {
    open: column(),
    overdue: column(),
    collectable: column(),
    disputed: column(),
    promised: column(),
    onPlan: column(),
    credits: column(),
    buckets: new Float64Array(count * BUCKETS),
  };
}

/** The account-currency view: the account's own block, derived as aging.ts derives a currency block. */
function accountCurrencyColumns(sums: BlockSums, accountCount: number): AmountColumns & { unappliedCash: Float64Array } {
  const out = { ...amountColumns(accountCount), unappliedCash: sums.unapplied.slice(0, accountCount) };
  for (let i = 0; i < accountCount; i++) {
    const open = sums.open[i] ?? 0;
    const disputed = sums.disputed[i] ?? 0;
    out.open[i] = open;
    out.overdue[i] = open - (sums.aging[i * LINE] ?? 0);
    for (let k = 0; k < BUCKETS; k++) {
      out.buckets[i * BUCKETS + k] = sums.aging[i * LINE + k] ?? 0;
    }
    out.disputed[i] = disputed;
    out.collectable[i] = open - disputed;
    out.promised[i] = sums.promised[i] ?? 0;
    out.onPlan[i] = sums.onPlan[i] ?? 0;
    out.credits[i] = sums.creditNotes[i] ?? 0;
  }
  return out;
}

/** Reporting-currency sums of one account while its blocks are converted. */
class ReportingAccumulator {
  readonly buckets = new Float64Array(BUCKETS);
  disputed = 0;
  credits = 0;
  promised = 0;
  onPlan = 0;

  reset(): void {
    this.buckets.fill(0);
    this.disputed = 0;
    this.credits = 0;
    this.promised = 0;
    this.onPlan = 0;
  }

  /** Convert one block's amounts (each bucket apart, as aging.ts) and add them. */
  add(sums: BlockSums, block: number, converter: FxConverter): void {
    for (let k = 0; k < BUCKETS; k++) {
      const amount = sums.aging[block * LINE + k] ?? 0;
      if (amount !== 0) {
        this.buckets[k] = (this.buckets[k] ?? 0) + converter.convert(amount);
      }
    }
    this.disputed += converter.convert(sums.disputed[block] ?? 0);
    this.credits += converter.convert((sums.creditNotes[block] ?? 0) + (sums.unapplied[block] ?? 0));
    this.promised += converter.convert(sums.promised[block] ?? 0);
    this.onPlan += converter.convert(sums.onPlan[block] ?? 0);
  }
}

function holdsAnything(sums: BlockSums, block: number): boolean {
  return (sums.open[block] ?? 0) !== 0 || (sums.creditNotes[block] ?? 0) !== 0 || (sums.unapplied[block] ?? 0) !== 0 || (sums.promised[block] ?? 0) !== 0 || (sums.onPlan[block] ?? 0) !== 0;
}

/** The reporting view: every block of the account converted (buckets one by one) and summed, as aging.ts `reporting`. */
function reportingColumns(t: BookTables, sums: BlockSums, blocks: ForeignBlocks, clocks: AccountClocks, rates: ReportingRates): AmountColumns {
  const out = amountColumns(t.accountCount);
  const sum = new ReportingAccumulator();
  const addBlock = (block: number, currency: number, day: number): void => {
    // A block with nothing in it needs no rate (aging.ts: zero is converted without one).
    const converter = holdsAnything(sums, block) ? rates.converter(currency, day) : null;
    if (converter !== null) {
      sum.add(sums, block, converter);
    }
  };
  for (let i = 0; i < t.accountCount; i++) {
    if (t.accountKnown[i] !== 1) {
      continue;
    }
    const day = clocks.dayIndex[i] ?? 0;
    sum.reset();
    addBlock(i, t.accountCurrency[i] ?? 0, day);
    for (let block = blocks.firstBlockOf(i); block >= 0; block = blocks.nextBlock(block)) {
      addBlock(block, blocks.currencyOfBlock(block), day);
    }
    let open = 0;
    for (let k = 0; k < BUCKETS; k++) {
      open += sum.buckets[k] ?? 0;
    }
    out.buckets.set(sum.buckets, i * BUCKETS);
    // Converted bucket by bucket, open can fall a unit below the converted disputed total: clamp (aging.ts totalsOf).
    const held = Math.min(sum.disputed, open);
    out.open[i] = open;
    out.overdue[i] = open - (sum.buckets[0] ?? 0);
    out.disputed[i] = held;
    out.collectable[i] = open - held;
    out.promised[i] = Math.min(sum.promised, open);
    out.onPlan[i] = Math.min(sum.onPlan, open);
    out.credits[i] = sum.credits;
  }
  return out;
}

/**
 * Utilisation of the credit limit, as the panel's `creditUse` decides what it covers: in the
 * limit's currency when every open invoice is in it, else reporting open ÷ the converted limit.
 */
function creditUtilisation(t: BookTables, sums: BlockSums, blocks: ForeignBlocks, clocks: AccountClocks, reporting: AmountColumns, rates: ReportingRates): Float64Array {
  const out = new Float64Array(t.accountCount).fill(NO_UTILISATION);
  for (let i = 0; i < t.accountCount; i++) {
    const limit = t.creditLimitMinor[i] ?? 0;
    const limitCurrency = t.creditLimitCurrency[i] ?? NO_INDEX;
    if (t.accountKnown[i] !== 1 || limitCurrency === NO_INDEX || limit <= 0) {
      continue;
    }
    let inLimitCurrency = 0;
    let elsewhere = false;
    for (const block of [i, ...blocks.blocksOf(i)]) {
      const currency = block === i ? (t.accountCurrency[i] ?? 0) : (blocks.currency[block - t.accountCount] ?? 0);
      const open = sums.open[block] ?? 0;
      if (currency === limitCurrency) {
        inLimitCurrency += open;
      } else if (open > 0) {
        elsewhere = true;
      }
    }
    const pct = elsewhere
      ? percentOf(reporting.open[i] ?? 0, rates.convert(limit, limitCurrency, clocks.dayIndex[i] ?? 0))
      : percentOf(inLimitCurrency, limit);
    out[i] = pct ?? NO_UTILISATION;
  }
  return out;
}

/** Flags in force on each account's as-of date (since/until inclusive, as the compliance engine reads them). */
function activeFlags(t: BookTables, asOfDay: Int32Array): Uint16Array {
  const out = new Uint16Array(t.accountCount);
  for (let row = 0; row < t.flagAccount.length; row++) {
    const account = t.flagAccount[row] ?? 0;
    const today = asOfDay[account] ?? 0;
    if ((t.flagSince[row] ?? 0) <= today && today <= (t.flagUntil[row] ?? 0)) {
      out[account] = (out[account] ?? 0) | (1 << (t.flagCode[row] ?? 0));
    }
  }
  return out;
}

function requireSafeTotals(book: PortfolioBook, columns: AmountColumns): void {
  for (let i = 0; i < columns.open.length; i++) {
    if ((columns.open[i] ?? 0) > Number.MAX_SAFE_INTEGER || (columns.credits[i] ?? 0) > Number.MAX_SAFE_INTEGER) {
      invalid(`accounts.${book.accountId(i)}`, 'reporting totals exceed the safe integer range of minor units', 'out_of_range');
    }
  }
}

/**
 * Facts of every account in `book` as of `options.asOf` (see the module comment for each definition).
 * @throws DomainValidationError naming `asOf`, `reportingCurrency`, `defaultZone`, `zoneOf(i)`, `rates`
 *   (`missing_rate`, listing every missing pair) or `accounts.<id>` (`out_of_range` totals).
 */
export function computeFacts(book: PortfolioBook, options: PortfolioFactsOptions): PortfolioFacts {
  requireObject(options, 'options');
  const asOfMs = parseInstant(options.asOf, 'asOf');
  const reportingCurrency = currencyCodeOf(options.reportingCurrency, 'reportingCurrency');
  const rateList = options.rates ?? [];
  if (!Array.isArray(rateList)) {
    invalid('rates', 'must be an array of dated rates');
  }
  const t = book.tables();
  const n = t.accountCount;
  const clocks = accountClocks(book, t, asOfMs, options.defaultZone ?? 'UTC', options.zoneOf);
  const blocks = discoverBlocks(t, book.currencyCodes().length);
  const blockCount = n + blocks.count;
  const sums: BlockSums = {
    open: new Float64Array(blockCount),
    aging: new Float64Array(blockCount * LINE),
    disputed: new Float64Array(blockCount),
    promised: new Float64Array(blockCount),
    onPlan: new Float64Array(blockCount),
    creditNotes: new Float64Array(blockCount),
    unapplied: new Float64Array(blockCount),
  };
  const issues: PortfolioIssue[] = [];
  startAgingLines(sums, blocks, clocks.asOfDay);
  ageInvoiceRows(t, blocks, sums);
  const maxDpd = finishAging(sums, blocks, n);
  holdDisputedAmounts(book, t, blocks, sums, issues);
  addCredits(t, blocks, sums);
  const promises = addPromises(t, blocks, clocks.asOfDay, sums);
  addPlans(t, blocks, sums);
  capBlocks(sums, book, blocks, n);

  const rates = new ReportingRates(book, reportingCurrency, rateList, clocks.days);
  const reporting = reportingColumns(t, sums, blocks, clocks, rates);
  const utilisation = creditUtilisation(t, sums, blocks, clocks, reporting, rates);
  if (rates.missing.size > 0) {
    invalid('rates', `no dated rate on or before the as-of date for ${[...rates.missing].sort().join(', ')}`, 'missing_rate');
  }
  requireSafeTotals(book, reporting);

  const orphanAccountIds: string[] = [];
  for (let i = 0; i < n; i++) {
    if (t.accountKnown[i] !== 1) {
      orphanAccountIds.push(book.accountId(i));
    }
  }
  return portfolioFacts(
    {
      asOf: options.asOf,
      reportingCurrency,
      accountCount: n,
      known: t.accountKnown.slice(),
      zoneIndex: clocks.zoneIndex,
      zones: clocks.zones,
      asOfDay: clocks.asOfDay,
      accountCurrency: accountCurrencyColumns(sums, n),
      reporting,
      maxDaysPastDue: maxDpd,
      brokenPromisesLast90Days: promises.broken,
      nextPromiseDueDay: promises.nextDue,
      lastPaymentDay: t.lastPaymentDay.slice(),
      nextFollowUpDay: t.nextFollowUpDay.map((day) => (day === NO_EARLIEST_DAY ? NO_DAY : day)),
      lastContactMs: t.lastContactMs.slice(),
      lastConversationMs: t.lastConversationMs.slice(),
      creditUtilisationPct: utilisation,
      flags: activeFlags(t, clocks.asOfDay),
      riskCode: t.accountRisk.slice(),
      keyAccount: t.accountKey.slice(),
      segmentCode: t.accountSegment.slice(),
      collectorIndex: t.accountCollector.slice(),
      currencyIndex: t.accountCurrency.slice(),
      issues,
      orphanAccountIds,
    },
    {
      book,
      foreign: blocks,
      // As the account-currency view derives it (accountCurrencyColumns): collectable = open − disputed.
      foreignCollectable: sums.open.subarray(n).map((open, k) => open - (sums.disputed[n + k] ?? 0)),
      creditLimit: { minor: t.creditLimitMinor.slice(), currency: t.creditLimitCurrency.slice() },
    },
  );
}
