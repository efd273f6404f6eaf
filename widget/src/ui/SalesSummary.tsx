/**
 * "Selling to a customer who is behind" (issue 19, decision 0025): what a sales rep needs before
 * selling more on credit — overdue amount and days, open disputes, broken promises, credit limit and
 * use — and the policy's credit-hold suggestion with its reasons in words. Every figure is a domain
 * result (aging, promises, disputes-sla/credit-hold.ts); this component only lays them out.
 */
import { useMemo } from 'preact/hooks';
import { brokenPromiseCount } from '../../../connector/domain/promise-counts';
import { defaultCreditHoldPolicy, suggestCreditHold } from '../../../connector/domain/disputes-sla/credit-hold';
import { addDays, agingView, daysPastDue, isDisputeActive } from '../domain';
import type { AccountSnapshot } from '../../../connector/port';
import { integer, money, percent } from '../format';
import { useData, useEnv } from '../state/context';

export interface SalesStanding {
  overdue: AccountSnapshot['invoices'][number]['balance'][];
  oldestOverdueDays: number;
  openDisputes: number;
  brokenPromises: number;
  creditLimit: AccountSnapshot['invoices'][number]['balance'] | null;
  utilisationPercent: number | null;
  holdSuggested: boolean;
  reasons: string[];
}

/** The rep's figures for one snapshot and day; the credit-hold rule runs once per currency (no silent conversion). */
export function salesStanding(snapshot: AccountSnapshot, asOf: string, locale: string): SalesStanding {
  const view = agingView(snapshot, asOf, null, []);
  const open = snapshot.invoices.filter((inv) => inv.balance.amountMinor > 0);
  const oldestOverdueDays = open.reduce((max, inv) => Math.max(max, daysPastDue(inv.dueDate, asOf)), 0);
  const limit = snapshot.account.creditLimit ?? null;
  const currencies = [...new Set(open.map((inv) => inv.balance.currency))];
  let utilisationPercent: number | null = null;
  const reasons: string[] = [];
  for (const currency of currencies) {
    const own = limit && limit.currency === currency ? limit : null;
    const result = suggestCreditHold({ invoices: open.filter((inv) => inv.balance.currency === currency), creditLimit: own, asOf, currency }, defaultCreditHoldPolicy(currency), locale);
    if (own) {
      utilisationPercent = result.utilisationPercent;
    }
    reasons.push(...result.reasons);
  }
  if (limit && !currencies.includes(limit.currency)) {
    utilisationPercent = 0;
  }
  return {
    overdue: view.currencies.map((c) => c.overdue).filter((m) => m.amountMinor > 0),
    oldestOverdueDays,
    openDisputes: snapshot.disputes.filter((d) => isDisputeActive(d)).length,
    brokenPromises: brokenPromiseCount(snapshot.promises, { from: addDays(asOf, -365), to: asOf }),
    creditLimit: limit && limit.amountMinor > 0 ? limit : null,
    utilisationPercent,
    holdSuggested: reasons.length > 0,
    reasons,
  };
}

export function SalesSummary() {
  const { locale } = useEnv();
  const { snapshot, asOf } = useData();
  const s = useMemo(() => salesStanding(snapshot, asOf, locale), [snapshot, asOf, locale]);
  return (
    <section aria-label="Before you sell" class="sales-summary" data-testid="sales-summary">
      <p class={s.holdSuggested ? 'alert warn' : 'alert info'} role="note" data-testid="credit-hold">
        <strong>{s.holdSuggested ? 'Credit hold suggested' : 'No credit hold suggested'}</strong>
        {s.holdSuggested ? ': check with collections before selling more on credit.' : ' by the credit policy.'}
      </p>
      {s.reasons.length > 0 && (
        <ul class="reasons" data-testid="credit-hold-reasons">
          {s.reasons.map((reason, i) => (
            <li key={i}>{reason}</li>
          ))}
        </ul>
      )}
      <dl class="figures">
        <div>
          <dt>Overdue</dt>
          <dd>{s.overdue.length ? s.overdue.map((m) => money(m, locale)).join(' + ') : 'Nothing overdue'}</dd>
        </div>
        <div>
          <dt>Oldest overdue</dt>
          <dd>{s.oldestOverdueDays > 0 ? `${integer(s.oldestOverdueDays, locale)} days` : '—'}</dd>
        </div>
        <div>
          <dt>Open disputes</dt>
          <dd>{integer(s.openDisputes, locale)}</dd>
        </div>
        <div>
          <dt>Broken promises (last year)</dt>
          <dd>{integer(s.brokenPromises, locale)}</dd>
        </div>
        <div>
          <dt>Credit limit</dt>
          <dd>{s.creditLimit ? money(s.creditLimit, locale) : 'None set'}</dd>
        </div>
        <div>
          <dt>Limit used</dt>
          <dd>{s.utilisationPercent === null ? '—' : percent(s.utilisationPercent / 100, locale)}</dd>
        </div>
      </dl>
    </section>
  );
}
