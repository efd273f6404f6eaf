/**
 * Credit-hold suggestion from policy (issue 19: "over the limit, or 90+ days overdue above a
 * threshold"): whether to hold further sales to a customer who is behind, with every reason in
 * plain words. A suggestion for a person to act on, never an automatic block (portfolio-and-data.md
 * §3: ladders end with "suggest a credit hold"). Amounts are exact, in the account's currency.
 */
import { daysPastDue } from '../aging';
import { parseIsoDate } from '../dates';
import { DomainValidationError } from '../errors';
import type { Invoice, IsoDate, Money } from '../model';
import { assertMoney, compare, formatMoney, sum } from '../money';

/** The policy, as data. */
export interface CreditHoldPolicy {
  /** Suggest a hold when the open balance is above the credit limit. */
  overLimit: boolean;
  /** Invoices at least this many days past due count as seriously overdue (e.g. 90). */
  overdueDays: number;
  /** Suggest a hold when the seriously overdue amount is above this (same currency as the invoices). */
  overdueThreshold: Money;
}

/** The answer, with every reason that applies. */
export interface CreditHoldSuggestion {
  suggested: boolean;
  reasons: string[];
  openBalance: Money;
  seriouslyOverdue: Money;
  /** Open balance ÷ credit limit in whole percent (rounded down), null without a limit. */
  utilisationPercent: number | null;
}

/**
 * Should sales hold further credit? Open invoices only (balance > 0); all in one currency, the
 * credit limit and the threshold included (`currency_mismatch` otherwise: no silent conversion).
 */
export function suggestCreditHold(
  input: { invoices: readonly Pick<Invoice, 'dueDate' | 'balance'>[]; creditLimit: Money | null; asOf: IsoDate; currency: string },
  policy: CreditHoldPolicy,
  locale = 'en-US',
): CreditHoldSuggestion {
  const asOf = parseIsoDate(input.asOf, 'asOf');
  const currency = input.currency;
  const threshold = assertMoney(policy.overdueThreshold, 'policy.overdueThreshold');
  if (!Number.isInteger(policy.overdueDays) || policy.overdueDays < 1 || policy.overdueDays > 3650) {
    throw new DomainValidationError('out_of_range', 'policy.overdueDays', 'must be a whole number of days from 1 to 3650');
  }
  const sameCurrency = (money: Money, field: string): Money => {
    const m = assertMoney(money, field);
    if (m.currency !== currency) {
      throw new DomainValidationError('currency_mismatch', `${field}.currency`, `is ${m.currency}, the account's amounts are in ${currency}`);
    }
    return m;
  };
  sameCurrency(threshold, 'policy.overdueThreshold');
  const open = input.invoices.map((inv, i) => ({ due: parseIsoDate(inv.dueDate, `invoices[${i}].dueDate`), balance: sameCurrency(inv.balance, `invoices[${i}].balance`) }))
    .filter((inv) => inv.balance.amountMinor > 0);
  const openBalance = sum(open.map((inv) => inv.balance), currency);
  const seriouslyOverdue = sum(open.filter((inv) => daysPastDue(inv.due, asOf) >= policy.overdueDays).map((inv) => inv.balance), currency);
  const limit = input.creditLimit === null ? null : sameCurrency(input.creditLimit, 'creditLimit');
  const reasons: string[] = [];
  const say = (m: Money): string => formatMoney(m, locale);
  let utilisationPercent: number | null = null;
  if (limit !== null && limit.amountMinor > 0) {
    utilisationPercent = Number((BigInt(openBalance.amountMinor) * 100n) / BigInt(limit.amountMinor));
    if (policy.overLimit && compare(openBalance, limit) > 0) {
      reasons.push(`Over the credit limit: owes ${say(openBalance)} against a limit of ${say(limit)} (${utilisationPercent}% used).`);
    }
  }
  if (compare(seriouslyOverdue, threshold) > 0) {
    // A zero threshold (the shipped policy: anything that late) needs no "above ₹0.00" in the sentence.
    reasons.push(threshold.amountMinor === 0
      ? `${say(seriouslyOverdue)} is ${policy.overdueDays} or more days overdue.`
      : `${say(seriouslyOverdue)} is ${policy.overdueDays} or more days overdue, above the ${say(threshold)} the policy allows.`);
  }
  return { suggested: reasons.length > 0, reasons, openBalance, seriouslyOverdue, utilisationPercent };
}

/**
 * The shipped policy when the host gives none (decision 0025): over the limit, or anything 90 or more
 * days overdue (threshold zero in the account's currency). Data, so a company may pass its own.
 */
export function defaultCreditHoldPolicy(currency: string): CreditHoldPolicy {
  return { overLimit: true, overdueDays: 90, overdueThreshold: { amountMinor: 0, currency } };
}
