/** "OK to call until 19:00 IST" / "Blocked: cease communication" for the contact a collector would call first. */
import { badgeText, nextAllowedText, runCompliance } from '../state/compliance';
import { useData, useEnv } from '../state/context';
import { useMinuteTick } from '../state/useMinuteTick';
import { defaultContact } from './default-contact';
import { useHardStops } from './HardStop';

export function ComplianceBadge() {
  const env = useEnv();
  const { snapshot } = useData();
  useMinuteTick();
  const stops = useHardStops();
  const contact = defaultContact(snapshot.contacts);
  if (stops[0]) {
    // A legal stop on the whole account leads, whatever the contact's own opt-outs say (issue 17).
    return (
      <p>
        <span class="badge blocked" role="status" aria-label="Call compliance">
          Blocked: {stops.map((s) => s.title.toLowerCase()).join(', ')}
        </span>
      </p>
    );
  }
  if (!contact) {
    return null;
  }
  const check = runCompliance(env, snapshot, 'call', contact);
  const badge = badgeText(check, 'call', env.locale);
  return (
    <>
      <p>
        {/* A live status: a screen-reader user hears when the calling window opens or closes while the panel is open. */}
        <span class={`badge ${badge.tone}`} role="status" aria-label="Call compliance">
          {badge.text}
        </span>
      </p>
      {check.ok && !check.result.allowed && <p class="weak">{nextAllowedText(check.result, env.locale)}</p>}
      {/* "Compliance check unavailable": why, and what to do when there is something to do (decision 0026). */}
      {!check.ok && !check.pending && <p class="weak">{check.message}</p>}
    </>
  );
}
