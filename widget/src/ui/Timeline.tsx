/** Contact history and account events, newest first. CRM text is rendered as text only. */
import type { Activity } from '../../../connector/domain/model';
import { CALL_DISPOSITION_LABELS } from '../../../connector/domain/vocabulary';
import { DISPUTE_REASONS } from '../../../connector/domain/disputes';
import { zonedParts } from '../domain';
import { date, instant, integer, money, words } from '../format';
import { useData, useEnv } from '../state/context';

interface Entry {
  id: string;
  /** The calendar day in the collector's zone, then the instant (dated records have none: after that day's timed entries). */
  day: string;
  sortKey: number;
  when: string;
  kind: string;
  title: string;
  detail?: string | null | undefined;
  /** Waiting in the outbox (logged while the CRM was unreachable). */
  queued?: boolean;
}

/** A call duration as m:ss (shared by the timeline and the call timer). */
export function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}


const KIND_LABELS: Record<Activity['kind'], string> = { call: 'Call', email: 'E-mail', sms: 'SMS', visit: 'Visit', note: 'Note', letter: 'Letter' };

/** Bodies longer than this fold behind their first line (details/summary): long e-mails no longer bury the timeline. */
export const FOLD_AFTER_CHARS = 280;

/**
 * The entry's title without words already shown: the kind marker ("Call") and a subject that
 * already says the outcome ("Call: Reached" + "Reached" read "Call: Reached — Reached").
 */
export function activityTitle(kind: string, subject: string | null | undefined, parts: string[]): string {
  const prefix = new RegExp(`^\\s*(?:${kind}|call|e-?mail)\\s*(?:[:–—-]\\s*|$)`, 'i');
  const lead = (subject ?? '').replace(prefix, '').trim();
  const said = lead.toLowerCase();
  const rest = parts.filter((p) => !said.includes(p.toLowerCase()));
  return [lead, rest.join(' · ')].filter(Boolean).join(' — ') || kind;
}

function localDay(instantIso: string, zone: string): string {
  try {
    return zonedParts(instantIso, zone).date;
  } catch (_error) {
    return instantIso.slice(0, 10);
  }
}

export function Timeline() {
  const { locale, userTimeZone } = useEnv();
  const { snapshot } = useData();
  const contactName = new Map(snapshot.contacts.map((c) => [c.id, c.name]));
  const invoiceNumber = new Map(snapshot.invoices.map((i) => [i.id, i.number]));
  const entries: Entry[] = [];

  for (const a of snapshot.activities) {
    const who = a.contactId ? contactName.get(a.contactId) : undefined;
    const parts = [
      a.disposition ? CALL_DISPOSITION_LABELS[a.disposition] : null,
      who ?? null,
      a.durationSeconds ? clock(a.durationSeconds) : null,
    ].filter((p): p is string => !!p);
    entries.push({
      id: `a-${a.id}`,
      day: localDay(a.occurredAt, userTimeZone),
      sortKey: Date.parse(a.occurredAt),
      when: instant(a.occurredAt, locale, userTimeZone),
      // Payment terms a rep agreed (issue 19): marked, so the collector does not chase what sales deferred.
      kind: a.agreedBySales ? 'Agreed by sales' : KIND_LABELS[a.kind],
      title: a.agreedBySales ? `Payment terms: ${a.subject ?? ''}${a.createdBy?.name ? ` (${a.createdBy.name})` : ''}` : activityTitle(KIND_LABELS[a.kind], a.subject, parts),
      detail: [a.body, a.complianceOverride ? `Compliance override: ${a.complianceOverride}` : null].filter(Boolean).join('\n'),
      queued: a.queued === true,
    });
  }
  // Promises, payments, disputes, plans and settlements are dated records (a day, no time).
  const dated = (id: string, day: string, kind: string, title: string, detail?: string | null, queued?: boolean) =>
    entries.push({ id, day, sortKey: Number.NEGATIVE_INFINITY, when: date(day, locale), kind, title, detail, queued: queued === true });
  for (const p of snapshot.promises) {
    dated(`p-${p.id}`, p.takenOn, 'Promise', `${money(p.amount, locale)} by ${date(p.dueDate, locale)} — ${words(p.status)}`, p.note, p.queued);
  }
  for (const pay of snapshot.payments) {
    const invoice = pay.invoiceId && invoiceNumber.get(pay.invoiceId);
    dated(`pay-${pay.id}`, pay.receivedOn, 'Payment', `${money(pay.amount, locale)} received${invoice ? ` for ${invoice}` : ''}`, pay.reference);
  }
  for (const d of snapshot.disputes) {
    dated(
      `d-${d.id}`,
      d.openedOn,
      'Dispute',
      `${DISPUTE_REASONS[d.reason]?.label ?? d.reason} — ${words(d.status)}, ${d.owner.name}, due ${date(d.slaDueDate, locale)}`,
      [d.evidence, d.resolution].filter(Boolean).join('\n'),
    );
  }
  // The sales owner's answer and an SLA escalation (issue 19), at the moment they happened.
  for (const d of snapshot.disputes) {
    const answer = d.ownerAnswer;
    if (answer?.answeredAt) {
      const what = answer.kind === 'credit_note' ? `credit note requested${answer.creditNote ? ` for ${money(answer.creditNote, locale)}` : ''}`
        : answer.kind === 'rejected' ? 'dispute rejected' : 'more information requested';
      entries.push({ id: `da-${d.id}`, day: localDay(answer.answeredAt, userTimeZone), sortKey: Date.parse(answer.answeredAt), when: instant(answer.answeredAt, locale, userTimeZone), kind: 'Dispute', title: `Sales owner ${d.owner.name}: ${what}`, detail: answer.note });
    }
    if (d.escalatedAt) {
      entries.push({ id: `de-${d.id}`, day: localDay(d.escalatedAt, userTimeZone), sortKey: Date.parse(d.escalatedAt), when: instant(d.escalatedAt, locale, userTimeZone), kind: 'Dispute', title: `Escalated: past its SLA (${date(d.slaDueDate, locale)}) without an answer from sales` });
    }
  }
  for (const plan of snapshot.plans) {
    dated(`pl-${plan.id}`, plan.createdOn, 'Plan', `${money(plan.total, locale)}, ${plan.instalments.filter((i) => i.sequence > 0).length} × ${plan.frequency} — ${plan.status}`);
  }
  for (const s of snapshot.settlements) {
    dated(`s-${s.id}`, s.createdOn, 'Settlement', `${money(s.offerAmount, locale)} for ${money(s.balance, locale)} — ${words(s.status)}`);
  }
  // Newest day first; within a day, by time (newest first), then that day's dated records.
  entries.sort((a, b) => (a.day !== b.day ? (a.day < b.day ? 1 : -1) : b.sortKey === a.sortKey ? 0 : b.sortKey > a.sortKey ? 1 : -1));

  const older = snapshot.olderActivities ?? 0;
  if (entries.length === 0 && older === 0) {
    return <p>No contact history yet.</p>;
  }
  return (
    <>
      {older > 0 && (
        // The connector sends the newest activities and those compliance counts (decision 0019).
        <p class="weak">
          {integer(older, locale)} older {older === 1 ? 'activity is' : 'activities are'} not shown here; they are in the CRM's activity history.
        </p>
      )}
      <ol class="timeline" aria-label="Timeline, newest first">
        {entries.map((e) => (
          <li key={e.id}>
            <span class="marker">{e.kind}</span> <span class="weak">{e.when}</span>
            {e.queued && <strong class="queued"> queued — will be sent</strong>}
            <div>{e.title}</div>
            {e.detail &&
              (e.detail.length > FOLD_AFTER_CHARS ? (
                <details>
                  <summary>{`${e.detail.slice(0, 80).split('\n')[0]?.trimEnd()}…`}</summary>
                  <div class="pre">{e.detail}</div>
                </details>
              ) : (
                <div class="pre">{e.detail}</div>
              ))}
          </li>
        ))}
      </ol>
    </>
  );
}
