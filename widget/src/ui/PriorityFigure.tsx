/** The priority figure with its explanation (domain scoreAccount), part of the lazily loaded views. */
import type { AgingView } from '../domain';
import { priorityView } from '../domain-views';
import { integer } from '../format';
import { runCompliance } from '../state/compliance';
import { useData, useEnv } from '../state/context';
import { customerZone, defaultContact } from './Header';

export function PriorityFigure({ aging }: { aging: AgingView }) {
  const env = useEnv();
  const { snapshot, asOf } = useData();
  const contact = defaultContact(snapshot.contacts);
  const check = contact ? runCompliance(env, snapshot, 'call', contact) : null;
  let priority: ReturnType<typeof priorityView> = null;
  try {
    priority = priorityView(snapshot, aging, asOf, env.now(), customerZone(snapshot.account, snapshot.contacts) ?? env.userTimeZone, check?.ok ? check.result : null);
  } catch (error) {
    // Priority is advisory: a record it cannot score must not blank the figures.
    console.warn('[collections-panel] priority unavailable', error);
  }
  if (!priority) {
    return null;
  }
  return (
    <div>
      <dt>Priority</dt>
      <dd>
        {priority.eligible ? 'Contact now' : 'Not contactable now'}
        {priority.reasons.length > 0 && (
          // The domain's explanation is detailed (factors and formulas): one click away, not in the way.
          <details>
            <summary class="weak">Why (score {integer(priority.score, env.locale)})</summary>
            <ul class="weak">
              {priority.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </details>
        )}
      </dd>
    </div>
  );
}
