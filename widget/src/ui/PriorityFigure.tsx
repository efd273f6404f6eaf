/**
 * The priority figure with its explanation: the snapshot's priority (scored where the snapshot is
 * assembled, connector/snapshot-derived.ts) gated by the live compliance check of the contact a
 * collector would call first, so "contact now" follows the clock like the badge does.
 */
import { withComplianceGate, type PriorityResult } from '../domain';
import { useForms } from '../forms/lazy';
import { CHECKING_RULES, rulesNotCheckedWords, runCompliance } from '../state/compliance';
import { useData, useEnv } from '../state/context';
import { useMinuteTick } from '../state/useMinuteTick';
import { defaultContact } from './default-contact';

export function PriorityFigure() {
  const env = useEnv();
  const { snapshot, asOf } = useData();
  useMinuteTick();
  // The sentence behind "Why" (one click away) comes with the forms chunk, on idle after first paint (issue 18).
  const { forms } = useForms(false);
  if (snapshot.priority === undefined) {
    // Scored and gated after paint (the LWC, decision 0026): neither "contact now" nor "not contactable" yet,
    // or, when that step failed, never: the collector is told so and what to do.
    return (
      <div>
        <dt>Priority</dt>
        <dd>{rulesNotCheckedWords(snapshot) ?? CHECKING_RULES}</dd>
      </div>
    );
  }
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
  const why = contactable && forms ? safely(() => forms.whyInWords(snapshot, asOf, env.locale)) : null;
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
