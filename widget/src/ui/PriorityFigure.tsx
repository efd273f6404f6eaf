/**
 * The priority figure with its explanation: the snapshot's priority (scored where the snapshot is
 * assembled, connector/snapshot-derived.ts) gated by the live compliance check of the contact a
 * collector would call first, so "contact now" follows the clock like the badge does.
 */
import { withComplianceGate, type PriorityResult } from '../domain';
import { integer } from '../format';
import { runCompliance } from '../state/compliance';
import { useData, useEnv } from '../state/context';
import { useMinuteTick } from '../state/useMinuteTick';
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
  const reasons = unchecked ? [check.message] : reasonsOf(priority);
  return (
    <div>
      <dt>Priority</dt>
      <dd>
        {contactable ? 'Contact now' : 'Not contactable now'}
        {reasons.length > 0 && (
          // The domain's explanation is detailed (factors and formulas): one click away, not in the way.
          <details>
            <summary class="weak">Why (score {integer(contactable ? priority.score : 0, env.locale)})</summary>
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
