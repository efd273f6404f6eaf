/**
 * The priority figure with its explanation: the snapshot's priority (scored where the snapshot is
 * assembled, connector/snapshot-derived.ts) gated by the live compliance check of the contact a
 * collector would call first, so "contact now" follows the clock like the badge does.
 */
import type { AccountSnapshot } from '../../../connector/port';
import { priorityPartsInWords } from '../../../connector/domain/portfolio/why';
import { brokenPromiseCount } from '../../../connector/domain/promise-counts';
import { addDays, ageInvoices, withComplianceGate, type PriorityResult } from '../domain';
import { date } from '../format';
import { runCompliance } from '../state/compliance';
import { useData, useEnv } from '../state/context';
import { useMinuteTick } from '../state/useMinuteTick';
import { defaultContact } from './Header';

/**
 * Why, in plain words and money (the worklist's and the CLI's sentence, domain priorityPartsInWords):
 * "₹7,35,000.50 collectable; oldest invoice 97 days late; …", in the account's currency.
 */
function whyInWords(snapshot: AccountSnapshot, asOf: string, locale: string): string | null {
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

export function PriorityFigure() {
  const env = useEnv();
  const { snapshot, asOf } = useData();
  useMinuteTick();
  if (!snapshot.priority) {
    return null;
  }
  const contact = defaultContact(snapshot.contacts);
  const check = contact ? runCompliance(env, snapshot, 'call', contact) : null;
  let priority: PriorityResult;
  try {
    priority = withComplianceGate(snapshot.priority, check?.ok ? check.result : null);
  } catch (error) {
    // Priority is advisory: a priority the panel cannot read must not blank the figures.
    console.warn('[collections-panel] priority unavailable', error);
    return null;
  }
  // Fail closed like the call form: contact that cannot be checked is not "contact now".
  const unchecked = check !== null && !check.ok;
  const contactable = priority.eligible && !unchecked;
  // Not contactable: the engine's reasons; else what makes the account worth a call, in words.
  const why = contactable ? safely(() => whyInWords(snapshot, asOf, env.locale)) : null;
  const reasons = unchecked ? [check.message] : contactable ? (why ? [why] : []) : priority.reasons.map((r) => r.message);
  return (
    <div>
      <dt>Priority</dt>
      <dd>
        {contactable ? 'Contact now' : 'Not contactable now'}
        {reasons.length > 0 && (
          // One click away, not in the way; no score or formula (words for people).
          <details>
            <summary class="weak">Why</summary>
            <ul class="weak">
              {reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </details>
        )}
      </dd>
    </div>
  );
}

/** The explanation is advisory: data it cannot read leaves it out rather than blanking the figure. */
function safely(compute: () => string | null): string | null {
  try {
    return compute();
  } catch (_error) {
    return null;
  }
}
