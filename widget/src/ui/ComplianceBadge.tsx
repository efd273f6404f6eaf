/** "OK to call until 19:00 IST" / "Blocked: cease communication" for the contact a collector would call first. */
import { badgeText, nextAllowedText, runCompliance } from '../state/compliance';
import { useData, useEnv } from '../state/context';
import { useMinuteTick } from '../state/useMinuteTick';
import { defaultContact } from './Header';

export function ComplianceBadge() {
  const env = useEnv();
  const { snapshot } = useData();
  useMinuteTick();
  const contact = defaultContact(snapshot.contacts);
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
    </>
  );
}
