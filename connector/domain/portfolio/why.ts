/**
 * Why an account ranks where it does, in words for people (no formulas, no minor units): the
 * collectable amount, how late the oldest invoice is, broken and pending promises, disputed amounts
 * left out, risk and key-account status. The CLI's "why" column and the worklist's priority line.
 */
import { formatMoney } from '../money';
import type { PortfolioAccountFacts } from './facts';

export function priorityInWords(account: PortfolioAccountFacts, locale: string): string {
  const parts = [`${formatMoney(account.reporting.collectable, locale)} collectable`];
  if (account.maxDaysPastDue > 0) {
    parts.push(`oldest invoice ${account.maxDaysPastDue} ${account.maxDaysPastDue === 1 ? 'day' : 'days'} late`);
  }
  if (account.brokenPromisesLast90Days > 0) {
    parts.push(`${account.brokenPromisesLast90Days} broken ${account.brokenPromisesLast90Days === 1 ? 'promise' : 'promises'} in 90 days`);
  }
  if (account.nextPromiseDueDate) {
    parts.push(`promise due ${account.nextPromiseDueDate}`);
  }
  if (account.accountCurrency.disputed.amountMinor > 0) {
    parts.push(`${formatMoney(account.accountCurrency.disputed, locale)} disputed (not chased)`);
  }
  if (account.riskRating === 'high') {
    parts.push('high risk');
  }
  if (account.keyAccount) {
    parts.push('key account');
  }
  return parts.join('; ');
}
