/**
 * Key figures in seconds: how much, how late, what is promised, what is disputed. Every figure is
 * a domain result (aging, priority, plan status); this component only lays them out in a <dl>.
 */
import { useMemo } from 'preact/hooks';
import { earliestPendingPromise } from '../../../connector/domain/promise-counts';
import { agingView, creditUse, type CurrencyAging } from '../domain';
import { date, money, percent } from '../format';
import { PriorityFigure } from './PriorityFigure';
import { useData, useEnv } from '../state/context';
import { useNextAction } from '../state/next-action';
import { AgingBar } from './AgingBar';

function CurrencyFigures({ aging, locale, multi }: { aging: CurrencyAging; locale: string; multi: boolean }) {
  const suffix = multi ? ` (${aging.currency})` : '';
  return (
    <>
      <dl class="figures">
        <div>
          <dt>Total due{suffix}</dt>
          <dd>{money(aging.total, locale)}</dd>
        </div>
        <div>
          <dt>Overdue{suffix}</dt>
          <dd>{money(aging.overdue, locale)}</dd>
        </div>
        <div>
          <dt>Collectable{suffix}</dt>
          <dd>{money(aging.collectable, locale)}</dd>
        </div>
        <div>
          <dt>Disputed{suffix}</dt>
          <dd>{money(aging.disputed, locale)}</dd>
        </div>
        <div>
          <dt>Promised{suffix}</dt>
          <dd>{money(aging.promised, locale)}</dd>
        </div>
      </dl>
      <AgingBar buckets={aging.buckets} locale={locale} caption={`Aging by days past due${suffix}`} />
    </>
  );
}

export function Summary() {
  const env = useEnv();
  const { snapshot, asOf } = useData();
  const { locale } = env;
  const nextAction = useNextAction(snapshot);
  // Aged once per snapshot and day, not on every re-render of the panel (opening a form, a tab).
  const view = useMemo(() => agingView(snapshot, asOf, env.reportingCurrency, env.fxRates), [snapshot, asOf, env.reportingCurrency, env.fxRates]);
  const limit = snapshot.account.creditLimit;
  const use = creditUse(view, limit, env.fxRates, asOf);
  // The promise due first, whatever order the CRM listed them in (issue 17).
  const pendingPromise = earliestPendingPromise(snapshot.promises);
  const laterPromises = snapshot.promises.filter((p) => p.status === 'pending').length - (pendingPromise ? 1 : 0);
  // The plan in force; proposals are not agreed yet and are shown apart.
  const activePlan = snapshot.plans.find((p) => p.status === 'active');
  const proposedPlans = snapshot.plans.filter((p) => p.status === 'proposed');
  const nextInstalment = activePlan?.instalments.filter((i) => i.status !== 'paid').sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))[0];
  const multi = view.currencies.length > 1;

  if (view.currencies.length === 0) {
    return (
      <section aria-label="Summary">
        <p>No open invoices: nothing to collect for this customer.</p>
      </section>
    );
  }
  return (
    <section aria-label="Summary">
      {view.currencies.map((aging) => (
        <CurrencyFigures key={aging.currency} aging={aging} locale={locale} multi={multi} />
      ))}
      <dl class="figures">
        {view.reporting && (
          <div>
            <dt>Total in {view.reporting.total.currency}</dt>
            <dd>{money(view.reporting.total, locale)}</dd>
          </div>
        )}
        {view.reportingNote && (
          <div>
            <dt>Reporting total</dt>
            <dd class="weak">{view.reportingNote}</dd>
          </div>
        )}
        {view.oldest && (
          <div>
            <dt>Oldest invoice</dt>
            <dd>
              {view.oldest.number}, {view.oldest.daysPastDue > 0 ? `${view.oldest.daysPastDue} days late` : `due ${date(view.oldest.dueDate, locale)}`}
            </dd>
          </div>
        )}
        {limit && (
          <div>
            <dt>Credit limit</dt>
            <dd>
              {money(limit, locale)}
              {use && ` · ${percent(use.ratio, locale)} used${use.scope ? ` (${use.scope})` : ''}`}
            </dd>
          </div>
        )}
        <PriorityFigure />
        {nextAction && (
          <div>
            <dt>Next action</dt>
            <dd>
              {nextAction.label ?? 'None'}
              {nextAction.dueOn && ` · ${date(nextAction.dueOn, locale)}`}
              <span class="weak"> {nextAction.reason}</span>
            </dd>
          </div>
        )}
        <div>
          <dt>Promise</dt>
          <dd>
            {pendingPromise ? `${money(pendingPromise.amount, locale)} by ${date(pendingPromise.dueDate, locale)}` : 'None pending'}
            {laterPromises > 0 && <span class="weak"> · {laterPromises === 1 ? '1 more later' : `${laterPromises} more later`}</span>}
            {pendingPromise?.queued && <strong class="queued"> queued — will be sent</strong>}
          </dd>
        </div>
        <div>
          <dt>Payment plan</dt>
          <dd>
            {activePlan
              ? `Active${nextInstalment ? ` · next ${money(nextInstalment.amount, locale)} on ${date(nextInstalment.dueDate, locale)}` : ''}`
              : 'None active'}
          </dd>
        </div>
        {proposedPlans.length > 0 && (
          <div>
            <dt>Proposed plan{proposedPlans.length > 1 ? 's' : ''}</dt>
            <dd>{proposedPlans.map((plan) => `${money(plan.total, locale)} in ${plan.instalments.length} instalments, not agreed yet`).join('; ')}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
