/** "OK to call until 19:00 IST" / "Blocked: cease communication" for the contact a collector would call first. */
import { badgeText, nextAllowedText, rulesNotCheckedWords, runCompliance } from '../state/compliance';
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
  const why = rulesNotCheckedWords(snapshot);
  return (
    <>
      <p>
        {/* A live status: a screen-reader user hears when the calling window opens or closes while the panel is open. */}
        <span class={`badge ${badge.tone}`} role="status" aria-label="Call compliance">
          {badge.text}
        </span>
      </p>
      {check.ok && !check.result.allowed && <p class="weak">{nextAllowedText(check.result, env.locale)}</p>}
      {/* Why the check is unavailable only when the rules could not be worked out (the LWC, decision 0026): words
          for the collector; never the engine's own message (field paths, profile ids). */}
      {why && <p class="weak">{why}</p>}
    </>
  );
}
