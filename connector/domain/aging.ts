/**
 * Receivables aging and the "why this balance" breakdown (domain-rules.md (b), (e), (h)).
 *
 * - Age from the DUE date (not the invoice date) against an explicit `asOf` date.
 * - Buckets in days past due: current (not yet due, or due today), 1-30, 31-60, 61-90, 91-120, 120+.
 * - Only `open` / `partially_paid` invoices with a positive balance count.
 * - Disputed amounts (active dispute lines, capped at each invoice's balance) are shown apart and
 *   excluded from `collectable` (SAP worklist "amount in dispute"; B2B: hold the disputed line,
 *   chase the rest).
 * - Promised amounts (pending promises) and amounts on an active plan are reported apart but stay
 *   collectable: a promise changes *when* to chase, not *whether* the money is owed.
 * - Credit notes and unapplied cash net against the open balance: net = open − credits.
 * - Never mixes currencies: one block per currency; optional reporting-currency totals use explicit
 *   dated rates on `asOf`.
 */
import { compareDates, daysBetween, parseIsoDate } from './dates';
import { disputedAmountByInvoice } from './dispute-holds';
import { integerIn, invalid, parseInput } from './errors';
import * as guards from './guards';
import type { Credit, Dispute, Invoice, IsoDate, Money, PaymentPlan, PromiseToPay } from './model';
import { assertMoney, convert, currencyCodeOf, type FxRate, parseArray, roundedQuotient } from './money';

/** Aging buckets in days past due, in display order. */
export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '91-120', '120+'] as const;
/** One aging bucket. */
export type AgingBucket = (typeof AGING_BUCKETS)[number];
/** Buckets counted as "over 90 days past due" (CRF: "over 91 days past due"). */
export const OVER_90_BUCKETS: readonly AgingBucket[] = ['91-120', '120+'];

/**
 * Days past due: `asOf − dueDate` in calendar days, 0 when not yet due (or due today).
 * @throws DomainValidationError `invalid_date` naming `dueDate` / `asOf`.
 */
export function daysPastDue(dueDate: IsoDate, asOf: IsoDate): number {
  return Math.max(0, daysBetween(parseIsoDate(dueDate, 'dueDate'), parseIsoDate(asOf, 'asOf')));
}

/** Bucket for a days-past-due count (0 → `current`, 1-30 → `1-30`, …, 121+ → `120+`). */
export function agingBucket(dpd: number): AgingBucket {
  integerIn(dpd, 'dpd', 0);
  if (dpd === 0) {
    return 'current';
  }
  if (dpd <= 30) {
    return '1-30';
  }
  if (dpd <= 60) {
    return '31-60';
  }
  if (dpd <= 90) {
    return '61-90';
  }
  return dpd <= 120 ? '91-120' : '120+';
}

/** Input of {@link ageInvoices}. */
export interface AgingInput {
  invoices: readonly Invoice[];
  disputes?: readonly Dispute[];
  promises?: readonly PromiseToPay[];
  plans?: readonly PaymentPlan[];
  credits?: readonly Credit[];
  asOf: IsoDate;
  /** When set, also return totals converted into this currency with `rates` dated ≤ `asOf`. */
  reportingCurrency?: string | null;
  rates?: readonly FxRate[];
}

/** One open invoice, aged. */
export interface AgedInvoice {
  invoiceId: string;
  number: string;
  dueDate: IsoDate;
  dpd: number;
  bucket: AgingBucket;
  balance: Money;
  disputed: Money;
  collectable: Money;
}

/** A signed component of the net balance; the components of a block sum exactly to `netBalance`. */
export interface BalanceComponent {
  kind: 'collectable' | 'disputed' | 'credit_notes' | 'unapplied_cash';
  label: string;
  /** Positive for amounts owed, negative for credits. */
  amount: Money;
  /** Source record ids (invoices or credits) behind this component. */
  sourceIds: string[];
}

/** Aging for one currency. */
export interface CurrencyAging {
  currency: string;
  /** Σ balances of open invoices; equals Σ buckets exactly. */
  openBalance: Money;
  buckets: Record<AgingBucket, Money>;
  disputed: Money;
  /** open − disputed. */
  collectable: Money;
  /** Pending promises in this currency, capped at the open balance; part of collectable. */
  promised: Money;
  /** Unpaid instalments of active plans in this currency, capped at the open balance; part of collectable. */
  onPlan: Money;
  creditNotes: Money;
  unappliedCash: Money;
  /** open − credit notes − unapplied cash (negative = the customer is in credit). */
  netBalance: Money;
  /** Signed components that sum exactly to `netBalance` ("why this balance"). */
  breakdown: BalanceComponent[];
  /** current ÷ open × 100, 2 dp half-up; null when nothing is open. */
  percentCurrent: number | null;
  /** (91-120 + 120+) ÷ open × 100, 2 dp half-up; null when nothing is open. */
  percentOver90: number | null;
  /** Open invoice with the highest DPD (ties: earliest due date, then number). */
  oldestOpenItem: { invoiceId: string; number: string; dueDate: IsoDate; dpd: number } | null;
  maxDpd: number;
  invoices: AgedInvoice[];
}

/** Totals converted into the reporting currency (buckets converted one by one, then summed). */
export interface ReportingTotals {
  currency: string;
  rateDate: IsoDate;
  openBalance: Money;
  buckets: Record<AgingBucket, Money>;
  disputed: Money;
  collectable: Money;
  credits: Money;
  netBalance: Money;
  percentCurrent: number | null;
  percentOver90: number | null;
}

/** Result of {@link ageInvoices}. */
export interface AgingReport {
  asOf: IsoDate;
  /** One block per currency that has open invoices or credits, sorted by code. */
  byCurrency: CurrencyAging[];
  reporting: ReportingTotals | null;
}

function emptyBuckets(currency: string): Record<AgingBucket, Money> {
  return Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, { amountMinor: 0, currency }])) as Record<AgingBucket, Money>;
}

function m(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor)) {
    invalid('aging', 'totals exceed the safe integer range of minor units', 'out_of_range');
  }
  return { amountMinor: amountMinor === 0 ? 0 : amountMinor, currency };
}

function pct(part: number, whole: number): number | null {
  return roundedQuotient(BigInt(part) * 100n, BigInt(whole));
}

/**
 * The figures a currency block and the reporting totals share, derived from the buckets so that
 * open = Σ buckets, collectable = open − disputed and net = open − credits hold exactly.
 */
function totalsOf(buckets: Record<AgingBucket, Money>, disputedMinor: number, creditsMinor: number, currency: string) {
  const openMinor = AGING_BUCKETS.reduce((acc, b) => acc + buckets[b].amountMinor, 0);
  // Converted per bucket, the reporting buckets can sum a unit below the converted disputed total:
  // clamp (per currency it is a no-op, each invoice's disputed amount being capped at its balance).
  const disputed = Math.min(disputedMinor, openMinor);
  return {
    openBalance: m(openMinor, currency),
    buckets,
    disputed: m(disputed, currency),
    collectable: m(openMinor - disputed, currency),
    netBalance: m(openMinor - creditsMinor, currency),
    percentCurrent: pct(buckets.current.amountMinor, openMinor),
    percentOver90: pct(OVER_90_BUCKETS.reduce((acc, b) => acc + buckets[b].amountMinor, 0), openMinor),
  };
}

function parseInvoice(value: unknown, field: string): Invoice {
  const invoice = parseInput(guards.invoice, value, field);
  const total = assertMoney(invoice.total, `${field}.total`);
  const balance = assertMoney(invoice.balance, `${field}.balance`);
  parseIsoDate(invoice.dueDate, `${field}.dueDate`);
  if (balance.currency !== total.currency) {
    invalid(`${field}.balance.currency`, `invoice total is in ${total.currency}`, 'currency_mismatch');
  }
  if (balance.amountMinor < 0) {
    invalid(`${field}.balance.amountMinor`, 'an invoice balance is never negative (credits are separate records)', 'out_of_range');
  }
  return invoice;
}

function isOpen(invoice: Invoice): boolean {
  return (invoice.status === 'open' || invoice.status === 'partially_paid') && invoice.balance.amountMinor > 0;
}

/**
 * Age open invoices as of `asOf`, per currency, with disputed/collectable split, promised and
 * on-plan amounts, credits and a breakdown that sums exactly to the net balance.
 * @throws DomainValidationError naming the offending record field (e.g. `invoices[2].dueDate`,
 *   `credits[0].amount.amountMinor`, `disputes[1].lines[0].amount.currency`), or `missing_rate`.
 */
export function ageInvoices(input: AgingInput): AgingReport {
  if (input == null || typeof input !== 'object') {
    invalid('input', 'must be an object');
  }
  const asOf = parseIsoDate(input.asOf, 'asOf');
  const invoices = parseArray(input.invoices, 'invoices', parseInvoice);
  const credits = parseArray(input.credits ?? [], 'credits', (value, field) => {
    const credit = parseInput(guards.credit, value, field);
    const amount = assertMoney(credit.amount, `${field}.amount`);
    if (amount.amountMinor < 0) {
      invalid(`${field}.amount.amountMinor`, 'credits are recorded as positive amounts', 'out_of_range');
    }
    return credit;
  });
  const promises = parseArray(input.promises ?? [], 'promises', (value, field) => {
    const promise = parseInput(guards.promiseToPay, value, field);
    assertMoney(promise.amount, `${field}.amount`);
    return promise;
  });
  const plans = parseArray(input.plans ?? [], 'plans', (value, field) => {
    const plan = parseInput(guards.paymentPlan, value, field);
    assertMoney(plan.total, `${field}.total`);
    plan.instalments.forEach((instalment, index) => {
      assertMoney(instalment.amount, `${field}.instalments[${index}].amount`);
      assertMoney(instalment.paidAmount, `${field}.instalments[${index}].paidAmount`);
    });
    return plan;
  });

  const open = invoices.filter(isOpen);
  const disputedById = disputedAmountByInvoice(input.disputes ?? [], open);

  const currencies = new Set<string>([...open.map((i) => i.balance.currency), ...credits.map((c) => c.amount.currency)]);
  const byCurrency = [...currencies].sort().map((currency): CurrencyAging => {
    const buckets = emptyBuckets(currency);
    const aged: AgedInvoice[] = open
      .filter((invoice) => invoice.balance.currency === currency)
      .map((invoice) => {
        const dpd = Math.max(0, daysBetween(invoice.dueDate, asOf));
        const bucket = agingBucket(dpd);
        const disputed = disputedById.get(invoice.id)?.amountMinor ?? 0;
        buckets[bucket] = m(buckets[bucket].amountMinor + invoice.balance.amountMinor, currency);
        return {
          invoiceId: invoice.id,
          number: invoice.number,
          dueDate: invoice.dueDate,
          dpd,
          bucket,
          balance: invoice.balance,
          disputed: m(disputed, currency),
          collectable: m(invoice.balance.amountMinor - disputed, currency),
        };
      })
      .sort((a, b) => b.dpd - a.dpd || compareDates(a.dueDate, b.dueDate) || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));

    const openMinor = aged.reduce((acc, i) => acc + i.balance.amountMinor, 0);
    const disputedMinor = aged.reduce((acc, i) => acc + i.disputed.amountMinor, 0);
    const collectableMinor = openMinor - disputedMinor;
    const creditNotes = credits.filter((c) => c.amount.currency === currency && c.kind === 'credit_note');
    const unapplied = credits.filter((c) => c.amount.currency === currency && c.kind === 'unapplied_cash');
    const creditNotesMinor = creditNotes.reduce((acc, c) => acc + c.amount.amountMinor, 0);
    const unappliedMinor = unapplied.reduce((acc, c) => acc + c.amount.amountMinor, 0);
    const promisedMinor = promises
      .filter((p) => p.status === 'pending' && p.amount.currency === currency)
      .reduce((acc, p) => acc + p.amount.amountMinor, 0);
    const onPlanMinor = plans
      .filter((plan) => plan.status === 'active' && plan.total.currency === currency)
      .flatMap((plan) => plan.instalments)
      .reduce((acc, i) => acc + Math.max(0, i.amount.amountMinor - i.paidAmount.amountMinor), 0);
    const oldest = aged[0];
    const breakdown: BalanceComponent[] = [
      { kind: 'collectable', label: 'Open invoices, not disputed', amount: m(collectableMinor, currency), sourceIds: aged.filter((i) => i.collectable.amountMinor > 0).map((i) => i.invoiceId) },
      { kind: 'disputed', label: 'Open invoices, disputed', amount: m(disputedMinor, currency), sourceIds: aged.filter((i) => i.disputed.amountMinor > 0).map((i) => i.invoiceId) },
      { kind: 'credit_notes', label: 'Credit notes', amount: m(-creditNotesMinor, currency), sourceIds: creditNotes.map((c) => c.id) },
      { kind: 'unapplied_cash', label: 'Unapplied cash', amount: m(-unappliedMinor, currency), sourceIds: unapplied.map((c) => c.id) },
    ];
    return {
      currency,
      ...totalsOf(buckets, disputedMinor, creditNotesMinor + unappliedMinor, currency),
      promised: m(Math.min(promisedMinor, openMinor), currency),
      onPlan: m(Math.min(onPlanMinor, openMinor), currency),
      creditNotes: m(creditNotesMinor, currency),
      unappliedCash: m(unappliedMinor, currency),
      breakdown,
      oldestOpenItem: oldest ? { invoiceId: oldest.invoiceId, number: oldest.number, dueDate: oldest.dueDate, dpd: oldest.dpd } : null,
      maxDpd: oldest?.dpd ?? 0,
      invoices: aged,
    };
  });

  let reporting: ReportingTotals | null = null;
  if (input.reportingCurrency != null) {
    const target = currencyCodeOf(input.reportingCurrency, 'reportingCurrency');
    const rates = input.rates ?? [];
    // Zero needs no rate: a currency with nothing in a bucket must not demand an FX quote for it.
    const toTarget = (value: Money): Money => (value.amountMinor === 0 ? m(0, target) : convert(value, target, rates, asOf));
    const buckets = emptyBuckets(target);
    let disputed = 0;
    let credits = 0;
    for (const block of byCurrency) {
      for (const bucket of AGING_BUCKETS) {
        buckets[bucket] = m(buckets[bucket].amountMinor + toTarget(block.buckets[bucket]).amountMinor, target);
      }
      disputed += toTarget(block.disputed).amountMinor;
      credits += toTarget(m(block.creditNotes.amountMinor + block.unappliedCash.amountMinor, block.currency)).amountMinor;
    }
    // Open, collectable and net are derived from the converted buckets rather than converted themselves.
    reporting = { currency: target, rateDate: asOf, ...totalsOf(buckets, disputed, credits, target), credits: m(credits, target) };
  }
  return { asOf, byCurrency, reporting };
}
