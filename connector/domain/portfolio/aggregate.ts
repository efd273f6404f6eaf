/**
 * Portfolio totals for reports (domain-rules.md (b) aging, (h) metrics inputs): the grand total and
 * totals by collector, by segment and by account currency, summed from the per-account facts.
 *
 * Every amount is in REPORTING-currency minor units (each account's reporting facts, converted at
 * its as-of date's rates; facts.ts), so groups add up: the groups of one grouping sum exactly to
 * the grand total. Groups by account currency also carry `native` sums in that currency: the
 * account-currency facts, which cover the invoices in the account's own currency only (other
 * currencies an account bills in appear in the reporting sums alone). Accounts whose own record
 * never arrived are left out. Sums are exact integers; beyond the safe range they throw
 * `out_of_range` rather than round.
 */
import { AGING_BUCKETS, type AgingBucket } from '../aging';
import { invalid } from '../errors';
import type { Money, Segment, UserRef } from '../model';
import { SEGMENTS } from '../vocabulary';
import type { AmountColumns, PortfolioFacts } from './facts';

/** Totals of a group of accounts. */
export interface PortfolioTotals {
  accounts: number;
  /** Accounts with an open balance. */
  accountsWithOpen: number;
  /** Accounts with an overdue balance. */
  accountsOverdue: number;
  open: Money;
  overdue: Money;
  collectable: Money;
  disputed: Money;
  promised: Money;
  onPlan: Money;
  /** Credit notes and unapplied cash. */
  credits: Money;
  /** open − credits. */
  netBalance: Money;
  buckets: Record<AgingBucket, Money>;
}

/** Totals in one currency without the account counts (the `native` part of a currency group). */
export type AmountTotals = Omit<PortfolioTotals, 'accounts' | 'accountsWithOpen' | 'accountsOverdue'>;

export interface CollectorTotals extends PortfolioTotals {
  /** Null: accounts with neither a collector nor an owner (compact rows without one). */
  collector: UserRef | null;
}

export interface SegmentTotals extends PortfolioTotals {
  segment: Segment;
}

export interface AccountCurrencyTotals extends PortfolioTotals {
  accountCurrency: string;
  /** The same accounts' account-currency facts, in that currency. */
  native: AmountTotals;
}

/** Result of {@link aggregatePortfolio}. */
export interface PortfolioAggregates {
  asOf: string;
  currency: string;
  total: PortfolioTotals;
  /** By collector name, then id; unassigned last. */
  byCollector: CollectorTotals[];
  /** In vocabulary order (b2b, b2c), groups with accounts only. */
  bySegment: SegmentTotals[];
  /** By currency code. */
  byAccountCurrency: AccountCurrencyTotals[];
}

const BUCKETS = AGING_BUCKETS.length;
// Layout of one group's sums: three counts, seven amounts, then the six buckets.
const ACCOUNTS = 0;
const WITH_OPEN = 1;
const OVERDUE_ACCOUNTS = 2;
const AMOUNT_FIELDS = ['open', 'overdue', 'collectable', 'disputed', 'promised', 'onPlan', 'credits'] as const;
const FIRST_AMOUNT = 3;
const FIRST_BUCKET = FIRST_AMOUNT + AMOUNT_FIELDS.length;
const WIDTH = FIRST_BUCKET + BUCKETS;

/** Sums per group key, WIDTH numbers per group. */
class GroupSums {
  private sums = new Float64Array(0);
  private readonly slotByKey = new Map<number, number>();
  readonly keys: number[] = [];

  /** Add account `i` from `columns` (with `credits` = all credits of that view) to the group `key`. */
  add(key: number, columns: AmountColumns, credits: number, i: number): void {
    let slot = this.slotByKey.get(key);
    if (slot === undefined) {
      slot = this.keys.push(key) - 1;
      this.slotByKey.set(key, slot);
      const grown = new Float64Array(this.keys.length * WIDTH);
      grown.set(this.sums);
      this.sums = grown;
    }
    const base = slot * WIDTH;
    const open = columns.open[i] ?? 0;
    const overdue = columns.overdue[i] ?? 0;
    this.bump(base + ACCOUNTS, 1);
    this.bump(base + WITH_OPEN, open > 0 ? 1 : 0);
    this.bump(base + OVERDUE_ACCOUNTS, overdue > 0 ? 1 : 0);
    // AMOUNT_FIELDS order
    this.bump(base + FIRST_AMOUNT, open);
    this.bump(base + FIRST_AMOUNT + 1, overdue);
    this.bump(base + FIRST_AMOUNT + 2, columns.collectable[i] ?? 0);
    this.bump(base + FIRST_AMOUNT + 3, columns.disputed[i] ?? 0);
    this.bump(base + FIRST_AMOUNT + 4, columns.promised[i] ?? 0);
    this.bump(base + FIRST_AMOUNT + 5, columns.onPlan[i] ?? 0);
    this.bump(base + FIRST_AMOUNT + 6, credits);
    for (let k = 0; k < BUCKETS; k++) {
      this.bump(base + FIRST_BUCKET + k, columns.buckets[i * BUCKETS + k] ?? 0);
    }
  }

  private bump(offset: number, value: number): void {
    this.sums[offset] = (this.sums[offset] ?? 0) + value;
  }

  totals(key: number, currency: string, field: string): PortfolioTotals {
    const base = (this.slotByKey.get(key) ?? 0) * WIDTH;
    const value = (offset: number, name: string): number => {
      const sum = this.sums[base + offset] ?? 0;
      if (!Number.isSafeInteger(sum)) {
        invalid(`${field}.${name}`, 'the sum exceeds the safe integer range of minor units', 'out_of_range');
      }
      return sum;
    };
    const money = (offset: number, name: string): Money => ({ amountMinor: value(offset, name), currency });
    const amounts = Object.fromEntries(AMOUNT_FIELDS.map((name, k) => [name, money(FIRST_AMOUNT + k, name)])) as Record<(typeof AMOUNT_FIELDS)[number], Money>;
    return {
      accounts: value(ACCOUNTS, 'accounts'),
      accountsWithOpen: value(WITH_OPEN, 'accountsWithOpen'),
      accountsOverdue: value(OVERDUE_ACCOUNTS, 'accountsOverdue'),
      ...amounts,
      netBalance: { amountMinor: amounts.open.amountMinor - amounts.credits.amountMinor, currency },
      buckets: Object.fromEntries(AGING_BUCKETS.map((bucket, k) => [bucket, money(FIRST_BUCKET + k, `buckets.${bucket}`)])) as Record<AgingBucket, Money>,
    };
  }
}

function amountsOnly({ accounts: _a, accountsWithOpen: _w, accountsOverdue: _o, ...amounts }: PortfolioTotals): AmountTotals {
  return amounts;
}

/**
 * Totals of every account of the facts, by collector, segment and account currency.
 * @throws DomainValidationError `out_of_range` naming the group and field whose sum is not a safe integer.
 */
export function aggregatePortfolio(facts: PortfolioFacts): PortfolioAggregates {
  const total = new GroupSums();
  const byCollector = new GroupSums();
  const bySegment = new GroupSums();
  const byCurrency = new GroupSums();
  const native = new GroupSums();
  for (let i = 0; i < facts.accountCount; i++) {
    if (facts.known[i] !== 1) {
      continue;
    }
    const credits = facts.reporting.credits[i] ?? 0;
    total.add(0, facts.reporting, credits, i);
    byCollector.add(facts.collectorIndex[i] ?? -1, facts.reporting, credits, i);
    bySegment.add(facts.segmentCode[i] ?? 0, facts.reporting, credits, i);
    const currency = facts.currencyIndex[i] ?? 0;
    byCurrency.add(currency, facts.reporting, credits, i);
    native.add(currency, facts.accountCurrency, (facts.accountCurrency.credits[i] ?? 0) + (facts.accountCurrency.unappliedCash[i] ?? 0), i);
  }
  const target = facts.reportingCurrency;
  const collectors = byCollector.keys
    .map((key) => ({ key, collector: key < 0 ? null : facts.collectorByIndex(key) }))
    .sort((a, b) => compareCollectors(a.collector, b.collector));
  return {
    asOf: facts.asOf,
    currency: target,
    total: total.keys.length > 0 ? total.totals(0, target, 'total') : emptyTotals(target),
    byCollector: collectors.map(({ key, collector }) => ({ collector, ...byCollector.totals(key, target, `byCollector.${collector?.id ?? 'unassigned'}`) })),
    bySegment: [...bySegment.keys].sort((a, b) => a - b).map((key) => ({ segment: SEGMENTS[key] as Segment, ...bySegment.totals(key, target, `bySegment.${SEGMENTS[key]}`) })),
    byAccountCurrency: byCurrency.keys
      .map((key) => ({ key, code: facts.currency(key) }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map(({ key, code }) => ({
        accountCurrency: code,
        ...byCurrency.totals(key, target, `byAccountCurrency.${code}`),
        native: amountsOnly(native.totals(key, code, `byAccountCurrency.${code}.native`)),
      })),
  };
}

function compareCollectors(a: UserRef | null, b: UserRef | null): number {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? 1 : -1;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function emptyTotals(currency: string): PortfolioTotals {
  return new GroupSums().totals(-1, currency, 'total');
}
