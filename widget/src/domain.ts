/**
 * The panel's ONE bridge to the collections domain (connector/domain). The widget never computes
 * aging, schedules, kept rates, SLAs or compliance itself; it calls these and renders the answers.
 */
export { buildSchedule, checkPlanPolicy } from '../../connector/domain/plans';
export type { PlanPolicyViolation, ScheduleRequest } from '../../connector/domain/plans';
export { DISPUTE_REASONS, isDisputeActive, slaDueDate, validateDisputeLines, disputedAmountByInvoice } from '../../connector/domain/disputes';
export { checkContact } from '../../connector/domain/compliance/engine';
export type { ComplianceResult, ComplianceReason } from '../../connector/domain/compliance/engine';
export { getProfile } from '../../connector/domain/compliance/profiles';
export { addDays, daysBetween, compareDates } from '../../connector/domain/dates';
export { sum, add, subtract, compare, isZero } from '../../connector/domain/money';
export { currencyExponent } from '../../connector/domain/currencies';
export { formatLocalTimeWithZone, zonedParts, formatLocalTime, zoneAbbreviation } from '../../connector/domain/time';
export { keptRate, evaluatePromise } from '../../connector/domain/promises';
export { ageInvoices, AGING_BUCKETS } from '../../connector/domain/aging';

import type { Money } from '../../connector/domain/model';
import type { AccountSnapshot } from '../../connector/port';
import { ageInvoices, AGING_BUCKETS, type AgingBucket } from '../../connector/domain/aging';
import type { FxRate } from '../../connector/domain/money';
import { subtract as subtractMoney } from '../../connector/domain/money';
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
export { evaluateSettlementOffer } from '../../connector/domain/settlements';
export type { SettlementEvaluation } from '../../connector/domain/settlements';

import { scoreAccount } from '../../connector/domain/priority';
import { brokenPromiseCount } from '../../connector/domain/promises';
import { addDays as addDaysDomain } from '../../connector/domain/dates';
import type { ComplianceResult as ComplianceAnswer } from '../../connector/domain/compliance/engine';

export interface PriorityView {
  eligible: boolean;
  score: number;
  /** Plain-language explanations from the domain's scoring components or ineligibility reasons. */
  reasons: string[];
}

/**
 * Account priority with its explanation, from the domain's scoreAccount. The facts are read off
 * the snapshot and the domain's aging; the scoring itself is entirely the domain's.
 */
export function priorityView(
  snapshot: AccountSnapshot,
  aging: AgingView,
  asOf: string,
  nowMs: number,
  zone: string,
  compliance: ComplianceAnswer | null,
): PriorityView | null {
  const main = aging.currencies.find((c) => c.currency === snapshot.account.currency) ?? aging.currencies[0];
  if (!main) {
    return null;
  }
  const pending = snapshot.promises.filter((p) => p.status === 'pending').map((p) => p.dueDate).sort();
  const lastConversation = snapshot.activities.filter((a) => a.conversation).map((a) => a.occurredAt).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  const reportingCollectable = aging.reporting?.collectable;
  const result = scoreAccount(
    {
      accountId: snapshot.account.id,
      collectableReportingMinor: reportingCollectable ? reportingCollectable.amountMinor : main.collectable.amountMinor,
      currency: reportingCollectable ? reportingCollectable.currency : main.currency,
      maxDaysPastDue: aging.oldest?.daysPastDue ?? 0,
      brokenPromisesLast90Days: brokenPromiseCount(snapshot.promises, { from: addDaysDomain(asOf, -90), to: asOf }),
      nextPromiseDueDate: pending[0] ?? null,
      lastConversationAt: lastConversation ?? null,
      riskRating: snapshot.account.riskRating ?? null,
      keyAccount: snapshot.account.keyAccount ?? null,
      compliance,
    },
    { asOf: new Date(nowMs).toISOString(), zone },
  );
  return {
    eligible: result.eligible,
    score: result.score,
    reasons: result.eligible
      ? result.components.filter((c) => c.name !== 'eligibility' && c.value !== 1).map((c) => c.explanation)
      : result.reasons.map((r) => r.message),
  };
}
