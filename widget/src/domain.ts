/**
 * The panel's bridge to the collections domain (connector/domain). The widget never computes
 * aging, schedules, kept rates, SLAs, priority or compliance itself; it calls these and renders
 * the answers.
 *
 * Imports name the domain modules directly rather than the domain barrel: the barrel would pull
 * modules with top-level data the panel never reads (the shipped compliance profiles and their
 * documentation, metrics) into the page, which the size budget (widget/size.test.ts) does not allow.
 * Plans, settlements, promises and the dispute catalogue/SLA are not re-exported: only the lazily loaded forms use them, and a re-export
 * here would pull them into the panel's core chunk (decision 0018); those forms import them directly.
 */
export { isDisputeActive, disputedAmountByInvoice } from '../../connector/domain/dispute-holds';
export { addDays, daysBetween, compareDates } from '../../connector/domain/dates';
export { sum, add, subtract, compare, isZero } from '../../connector/domain/money';
export { currencyExponent } from '../../connector/domain/currencies';
export { customerZone, formatLocalTimeWithZone, zonedParts, formatLocalTime, zoneAbbreviation } from '../../connector/domain/time';
export { ageInvoices, AGING_BUCKETS } from '../../connector/domain/aging';
export { checkContactWithRules } from '../../connector/domain/compliance/engine';
export { withComplianceGate } from '../../connector/domain/priority';
export type { PriorityResult } from '../../connector/domain/priority';
export type { ComplianceResult, ComplianceReason } from '../../connector/domain/compliance/engine';

import type { Money } from '../../connector/domain/model';
import type { AccountSnapshot } from '../../connector/port';
import { ageInvoices, AGING_BUCKETS, type AgingBucket } from '../../connector/domain/aging';
import type { FxRate } from '../../connector/domain/money';
import { convert, subtract as subtractMoney } from '../../connector/domain/money';
import { DomainValidationError } from '../../connector/domain/errors';

export interface BucketAmount {
  key: AgingBucket;
  amount: Money;
}

/** Per-currency figures for the summary, straight from ageInvoices. */
export interface CurrencyAging {
  currency: string;
  total: Money;
  /** Open balance minus the not-yet-due bucket. */
  overdue: Money;
  buckets: BucketAmount[];
  disputed: Money;
  promised: Money;
  collectable: Money;
}

export interface AgingView {
  currencies: CurrencyAging[];
  reporting: { total: Money; collectable: Money; disputed: Money } | null;
  /** Why there is no reporting total (missing FX rate), shown instead of a wrong number. */
  reportingNote: string | null;
  oldest: { number: string; dueDate: string; daysPastDue: number } | null;
}

/** Summary view of the domain aging report (reporting total only for multi-currency accounts). */
export function agingView(snapshot: AccountSnapshot, asOf: string, reportingCurrency: string | null, rates: readonly FxRate[]): AgingView {
  const input = { invoices: snapshot.invoices, disputes: snapshot.disputes, promises: snapshot.promises, plans: snapshot.plans, credits: snapshot.credits, asOf };
  let report = ageInvoices(input);
  let reportingNote: string | null = null;
  const multi = report.byCurrency.length > 1;
  if (multi && reportingCurrency) {
    try {
      report = ageInvoices({ ...input, reportingCurrency, rates });
    } catch (error) {
      if (!(error instanceof DomainValidationError) || error.code !== 'missing_rate') {
        throw error;
      }
      reportingNote = `No exchange rate to ${reportingCurrency}; figures are shown per currency.`;
    }
  }
  const currencies = report.byCurrency
    .filter((c) => c.openBalance.amountMinor > 0)
    .map((c) => ({
      currency: c.currency,
      total: c.openBalance,
      overdue: subtractMoney(c.openBalance, c.buckets.current),
      buckets: AGING_BUCKETS.map((key) => ({ key, amount: c.buckets[key] })),
      disputed: c.disputed,
      promised: c.promised,
      collectable: c.collectable,
    }));
  const oldest = report.byCurrency
    .map((c) => c.oldestOpenItem)
    .filter((o): o is NonNullable<typeof o> => o !== null)
    .sort((a, b) => b.dpd - a.dpd)[0];
  return {
    currencies,
    reporting: multi && report.reporting ? { total: report.reporting.openBalance, collectable: report.reporting.collectable, disputed: report.reporting.disputed } : null,
    reportingNote,
    oldest: oldest ? { number: oldest.number, dueDate: oldest.dueDate, daysPastDue: oldest.dpd } : null,
  };
}

/** Credit-limit utilisation and which invoices it covers. */
export interface CreditUse {
  /** Open balance ÷ limit (1 = 100 %). */
  ratio: number;
  /** What the ratio covers when the account bills in more than the limit's currency; null when it covers everything. */
  scope: string | null;
}

/**
 * Utilisation of the credit limit. Single-currency accounts: open balance ÷ limit. Multi-currency:
 * the reporting-currency total (aging converted with explicit dated rates) ÷ the limit converted
 * with the domain's `convert` at the same date; when that is not possible (no reporting currency,
 * no dated rate), only the limit's currency is counted and the scope says so, never a silently
 * understated figure.
 */
export function creditUse(view: AgingView, limit: Money | null | undefined, rates: readonly FxRate[], asOf: string): CreditUse | null {
  if (!limit || limit.amountMinor <= 0) {
    return null;
  }
  const own = view.currencies.find((c) => c.currency === limit.currency)?.total.amountMinor ?? 0;
  if (view.currencies.every((c) => c.currency === limit.currency)) {
    return { ratio: own / limit.amountMinor, scope: null };
  }
  if (view.reporting) {
    const target = view.reporting.total.currency;
    try {
      const cap = convert(limit, target, rates, asOf).amountMinor;
      if (cap > 0) {
        return { ratio: view.reporting.total.amountMinor / cap, scope: `all currencies, converted to ${target} at dated rates` };
      }
    } catch (error) {
      // No dated rate for the limit's currency (or an unusable one): fall back to the labelled figure below.
      if (!(error instanceof DomainValidationError)) {
        throw error;
      }
    }
  }
  return { ratio: own / limit.amountMinor, scope: `${limit.currency} invoices only` };
}
export { daysPastDue } from '../../connector/domain/aging';
