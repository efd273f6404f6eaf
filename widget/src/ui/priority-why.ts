/**
 * The priority's "Why" sentence (issue 17, words for people), loaded with the forms chunk (issue 18):
 * it sits behind a collapsed "Why", so the panel's first paint does not carry it.
 */
import type { AccountSnapshot } from '../../../connector/port';
import { priorityPartsInWords } from '../../../connector/domain/portfolio/why';
import { brokenPromiseCount } from '../../../connector/domain/promise-counts';
import { addDays, ageInvoices } from '../domain';
import { date } from '../format';

/**
 * Why, in plain words and money (the worklist's and the CLI's sentence, domain priorityPartsInWords):
 * "₹7,35,000.50 collectable; oldest invoice 97 days late; …", in the account's currency.
 */
export function whyInWords(snapshot: AccountSnapshot, asOf: string, locale: string): string | null {
  const report = ageInvoices({ invoices: snapshot.invoices, disputes: snapshot.disputes, promises: snapshot.promises, plans: snapshot.plans, credits: snapshot.credits, asOf });
  const main = report.byCurrency.find((c) => c.currency === snapshot.account.currency && c.openBalance.amountMinor > 0) ?? report.byCurrency.find((c) => c.openBalance.amountMinor > 0);
  if (!main) {
    return null;
  }
  const pending = snapshot.promises.filter((p) => p.status === 'pending').map((p) => p.dueDate).sort();
  return priorityPartsInWords({
    collectable: main.collectable,
    maxDaysPastDue: Math.max(0, ...report.byCurrency.map((c) => c.oldestOpenItem?.dpd ?? 0)),
    brokenPromisesLast90Days: brokenPromiseCount(snapshot.promises, { from: addDays(asOf, -90), to: asOf }),
    nextPromiseDueDate: pending[0] ?? null,
    disputed: main.disputed,
    riskRating: snapshot.account.riskRating ?? null,
    keyAccount: snapshot.account.keyAccount ?? false,
  }, locale, (d) => date(d, locale));
}

