/**
 * The priority figure with its explanation: the snapshot's priority (scored where the snapshot is
 * assembled, connector/snapshot-derived.ts) gated by the live compliance check of the contact a
 * collector would call first, so "contact now" follows the clock like the badge does.
 */
import { withComplianceGate, type PriorityResult } from '../domain';
import { integer } from '../format';
import { runCompliance } from '../state/compliance';
import { useData, useEnv } from '../state/context';
import { defaultContact } from './Header';

/** The domain's explanation: scoring factors that moved the score, or why the account is not eligible. */
function reasonsOf(priority: PriorityResult): string[] {
  return priority.eligible
    ? priority.components.filter((c) => c.name !== 'eligibility' && c.value !== 1).map((c) => c.explanation)
    : priority.reasons.map((r) => r.message);
}

export function PriorityFigure() {
  const env = useEnv();
  const { snapshot } = useData();
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
  const reasons = reasonsOf(priority);
  return (
    <div>
      <dt>Priority</dt>
      <dd>
        {priority.eligible ? 'Contact now' : 'Not contactable now'}
        {reasons.length > 0 && (
          // The domain's explanation is detailed (factors and formulas): one click away, not in the way.
          <details>
            <summary class="weak">Why (score {integer(priority.score, env.locale)})</summary>
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
