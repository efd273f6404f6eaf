/**
 * Under the header badge: the best contact allowed NOW (channel, then person) and the channels that
 * are blocked for everyone, with why (issue 17: the badge spoke of one contact's calls only).
 *
 * Each check validates the account's whole history, and up to three per contact run: on a big account
 * (20 contacts, 100+ activities) that was ~25 ms of the first render, the biggest part of its long
 * task (issue 18, Chromium trace). There the checks run after the first paint, in slices.
 */
import { useEffect, useState } from 'preact/hooks';
import { runInSlices, runToEnd, type Steps } from '../../../connector/main-thread';
import type { Channel, Contact } from '../../../connector/domain/model';
import { rulesPending, runCompliance, shortReason, type ComplianceCheck } from '../state/compliance';
import type { PanelEnv } from '../state/context';
import { useData, useEnv } from '../state/context';
import type { AccountSnapshot } from '../../../connector/port';
import { defaultContact } from './default-contact';

/** Channels in the order a collector prefers them (a conversation first); visits are planned, not "now". */
const ORDER: readonly Channel[] = ['call', 'email', 'sms'];
const NAMES: Record<Channel, string> = { call: 'call', email: 'e-mail', sms: 'text', visit: 'visit' };

/** The contact can be reached on the channel at all (a number, a mobile for texts, an address). */
function reachable(contact: Contact, channel: Channel): boolean {
  if (channel === 'call') {
    return contact.phones.length > 0;
  }
  if (channel === 'sms') {
    return contact.phones.some((p) => p.kind === 'mobile');
  }
  return channel === 'email' ? !!contact.email : false;
}

export interface BestContactSummary {
  best: { channel: Channel; contact: Contact } | null;
  /** Channels no contact may use now, each with the first blocking reason. */
  blocked: { channel: Channel; reason: string }[];
}

export function bestContact(env: PanelEnv, snapshot: AccountSnapshot): BestContactSummary {
  return runToEnd(bestContactSteps(env, snapshot));
}

/** The checks one by one, a pause point after each (connector/main-thread.ts). */
function* bestContactSteps(env: PanelEnv, snapshot: AccountSnapshot): Steps<BestContactSummary> {
  const first = defaultContact(snapshot.contacts);
  const contacts = first ? [first, ...snapshot.contacts.filter((c) => c !== first)] : [];
  let best: BestContactSummary['best'] = null;
  const blocked: BestContactSummary['blocked'] = [];
  for (const channel of ORDER) {
    let allowed: Contact | null = null;
    let reason: string | null = null;
    for (const contact of contacts.filter((c) => reachable(c, channel))) {
      const check: ComplianceCheck = runCompliance(env, snapshot, channel, contact);
      if (check.ok && check.result.allowed) {
        allowed = contact;
        break;
      }
      reason ??= check.ok ? shortReason(check.result) : 'cannot be checked';
      yield;
    }
    if (allowed) {
      best ??= { channel, contact: allowed };
    } else if (reason) {
      blocked.push({ channel, reason });
    }
  }
  return { best, blocked };
}

/**
 * Contacts × activities above which the checks wait for the first paint: a few checks on a short
 * history take well under a millisecond, so ordinary accounts show the answer in the first render.
 */
export const DEFER_CHECKS_ABOVE = 1_000;

export function BestContact() {
  const env = useEnv();
  const { snapshot } = useData();
  // No tick of its own: it re-renders with the Header, which ticks every minute.
  const minute = Math.floor(env.now() / 60_000);
  const defer = snapshot.contacts.length * snapshot.activities.length > DEFER_CHECKS_ABOVE;
  const [later, setLater] = useState<{ snapshot: AccountSnapshot; minute: number; summary: BestContactSummary } | null>(null);
  useEffect(() => {
    if (!defer) {
      return undefined;
    }
    const controller = new AbortController();
    runInSlices(bestContactSteps(env, snapshot), { signal: controller.signal })
      .then((summary) => setLater({ snapshot, minute, summary }))
      .catch(() => undefined); // aborted: a newer snapshot or minute is being checked
    return () => controller.abort();
  }, [defer, env, snapshot, minute]);
  // While the next minute is checked (a few ms), the last answer for this snapshot stays up; the
  // badge above is checked every render.
  // Rules not known yet (worked out after paint in the LWC, decision 0026): no answer either way. If that step
  // failed, every channel "cannot be checked", as with an unknown profile.
  const summary = rulesPending(snapshot) ? null : defer ? (later?.snapshot === snapshot ? later.summary : null) : bestContact(env, snapshot);
  if (!summary) {
    return (
      <p class="weak" data-testid="best-contact" aria-busy="true">
        Checking who may be contacted now…
      </p>
    );
  }
  const { best, blocked } = summary;
  const lead = best ? `Best now: ${NAMES[best.channel]} ${best.contact.name}` : 'No contact allowed now';
  const others = blocked.map((b) => `${NAMES[b.channel]} blocked (${b.reason})`).join(', ');
  return (
    <p class="weak" data-testid="best-contact">
      {lead}
      {others ? ` · ${others.charAt(0).toUpperCase()}${others.slice(1)}` : ''}
    </p>
  );
}
