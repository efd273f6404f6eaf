/** Contact history and account events, newest first. CRM text is rendered as text only. */
import type { Activity } from '../../../connector/domain/model';
import { CALL_DISPOSITION_LABELS } from '../../../connector/domain/vocabulary';
import { DISPUTE_REASONS } from '../domain';
import { date, instant, money, words } from '../format';
import { useData, useEnv } from '../state/context';

interface Entry {
  id: string;
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

function dayKey(iso: string): number {
  // Calendar dates sort at midday UTC so same-day instants land around them consistently.
  return Date.parse(`${iso}T12:00:00Z`);
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
    ].filter(Boolean);
    entries.push({
      id: `a-${a.id}`,
      sortKey: Date.parse(a.occurredAt),
      when: instant(a.occurredAt, locale, userTimeZone),
      kind: KIND_LABELS[a.kind],
      title: [a.subject, parts.join(' · ')].filter(Boolean).join(' — ') || KIND_LABELS[a.kind],
      detail: [a.body, a.complianceOverride ? `Compliance override: ${a.complianceOverride}` : null].filter(Boolean).join('\n'),
      queued: a.queued === true,
    });
  }
  // Promises, payments, disputes, plans and settlements are dated records: one shape, sorted by their calendar day.
  const dated = (id: string, day: string, kind: string, title: string, detail?: string | null, queued?: boolean) =>
    entries.push({ id, sortKey: dayKey(day), when: date(day, locale), kind, title, detail, queued: queued === true });
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
  for (const plan of snapshot.plans) {
    dated(`pl-${plan.id}`, plan.createdOn, 'Plan', `${money(plan.total, locale)}, ${plan.instalments.filter((i) => i.sequence > 0).length} × ${plan.frequency} — ${plan.status}`);
  }
  for (const s of snapshot.settlements) {
    dated(`s-${s.id}`, s.createdOn, 'Settlement', `${money(s.offerAmount, locale)} for ${money(s.balance, locale)} — ${words(s.status)}`);
  }
  entries.sort((a, b) => b.sortKey - a.sortKey);

  if (entries.length === 0) {
    return <p>No contact history yet.</p>;
  }
  return (
    <ol class="timeline" aria-label="Timeline, newest first">
      {entries.map((e) => (
        <li key={e.id}>
          <span class="marker">{e.kind}</span> <span class="weak">{e.when}</span>
          {e.queued && <strong class="queued"> queued — will be sent</strong>}
          <div>{e.title}</div>
          {e.detail && <div class="pre">{e.detail}</div>}
        </li>
      ))}
    </ol>
  );
}
