/**
 * Why an account ranks where it does, in words for people (no formulas, no minor units): the
 * collectable amount, how late the oldest invoice is, broken and pending promises, disputed amounts
 * left out, risk and key-account status. The CLI's "why" column, the worklist's priority line and
 * the panel's priority figure (issue 17: the panel showed "Why (score 39,08,58,492)" and formulas).
 */
import { formatMoney } from '../money';
import type { IsoDate, Money } from '../model';
import type { RiskRating } from './book';
import type { PortfolioAccountFacts } from './facts';

/** What the sentence is made of: from the portfolio's facts (CLI, worklist) or one account's snapshot (panel). */
export interface PriorityWordsInput {
  collectable: Money;
  maxDaysPastDue: number;
  brokenPromisesLast90Days: number;
  nextPromiseDueDate: IsoDate | null;
  disputed: Money | null;
  riskRating: RiskRating | null;
  keyAccount: boolean;
}

/** `formatDate` writes the promise date for the reader (default: as stored, YYYY-MM-DD). */
export function priorityPartsInWords(input: PriorityWordsInput, locale: string, formatDate: (date: IsoDate) => string = (date) => date): string {
  const parts = [`${formatMoney(input.collectable, locale)} collectable`];
  if (input.maxDaysPastDue > 0) {
    parts.push(`oldest invoice ${input.maxDaysPastDue} ${input.maxDaysPastDue === 1 ? 'day' : 'days'} late`);
  }
  if (input.brokenPromisesLast90Days > 0) {
    parts.push(`${input.brokenPromisesLast90Days} broken ${input.brokenPromisesLast90Days === 1 ? 'promise' : 'promises'} in 90 days`);
  }
  if (input.nextPromiseDueDate) {
    parts.push(`promise due ${formatDate(input.nextPromiseDueDate)}`);
  }
  if (input.disputed && input.disputed.amountMinor > 0) {
    parts.push(`${formatMoney(input.disputed, locale)} disputed (not chased)`);
  }
  if (input.riskRating === 'high') {
    parts.push('high risk');
  }
  if (input.keyAccount) {
    parts.push('key account');
  }
  return parts.join('; ');
}

export function priorityInWords(account: PortfolioAccountFacts, locale: string): string {
  return priorityPartsInWords({
    collectable: account.reporting.collectable,
    maxDaysPastDue: account.maxDaysPastDue,
    brokenPromisesLast90Days: account.brokenPromisesLast90Days,
    nextPromiseDueDate: account.nextPromiseDueDate,
    disputed: account.accountCurrency.disputed,
    riskRating: account.riskRating,
    keyAccount: account.keyAccount,
  }, locale);
}
