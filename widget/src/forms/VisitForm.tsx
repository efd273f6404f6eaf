/** Field visit log with outcome (logged via port.logActivity, kind 'visit'); compliance-checked for the visit channel. */
import { runCompliance } from '../state/compliance';
import { useData, useEnv } from '../state/context';
import { defaultContact } from '../ui/default-contact';
import { ActionForm, BlockedNotice, Choice, Field, Problems, useActionForm, type Keyed, type OnDone } from './common';

/** Outcome codes; the `met_…` ones are where the collector spoke with the customer (a conversation for contact-frequency rules). */
export const VISIT_OUTCOMES: Record<string, string> = {
  met_payment_collected: 'Met, payment collected',
  met_promise: 'Met, promise to pay',
  met_refused: 'Met, refused to pay',
  met_dispute: 'Met, dispute raised',
  not_available: 'Customer not available',
  premises_closed: 'Premises closed',
};


interface VisitDraft extends Keyed {
  contactId: string;
  outcome: string;
  notes: string;
  followUpDate: string;
}

export function VisitForm({ onDone }: { onDone: OnDone }) {
  const env = useEnv();
  const { snapshot, asOf } = useData();
  const { contacts } = snapshot;
  const { draft, action, save } = useActionForm<VisitDraft>('visit', {
    contactId: defaultContact(contacts)?.id ?? '',
    outcome: '',
    notes: '',
    followUpDate: '',
  }, onDone);
  const v = draft.value;
  const contact = contacts.find((c) => c.id === v.contactId);
  const check = contact ? runCompliance(env, snapshot, 'visit', contact) : null;
  const problems = v.outcome ? [] : ['Outcome: choose one.'];

  const submit = () =>
    problems.length === 0 &&
    save(async (ids) => {
      const label = VISIT_OUTCOMES[v.outcome] ?? v.outcome;
      await env.port.logActivity({
        ...ids,
        kind: 'visit',
        contactId: contact?.id ?? null,
        occurredAt: new Date(env.now()).toISOString(),
        subject: `Visit: ${label}`,
        body: v.notes,
        outcome: v.outcome,
        conversation: v.outcome.startsWith('met_'),
        followUpDate: v.followUpDate || null,
        complianceOverride: null,
      });
      return `Visit logged: ${label}.`;
    });

  return (
    <ActionForm name="Log a visit" action={action} submit={submit} label="Save visit" disabled={problems.length > 0}>
      <Choice id="visit-contact" label="Met with" value={v.contactId} options={contacts.map((c) => [c.id, c.name])} onChange={(contactId) => draft.update({ contactId })} />
      {check && !check.ok && <p class="alert warn">Compliance check unavailable: {check.message}</p>}
      {check?.ok && !check.result.allowed && <BlockedNotice result={check.result} lead="Visits are restricted now" locale={env.locale} warn />}
      <Choice
        id="visit-outcome"
        label="Outcome"
        value={v.outcome}
        placeholder="Choose an outcome…"
        options={Object.entries(VISIT_OUTCOMES)}
        onChange={(outcome) => draft.update({ outcome })}
      />
      <Field of={draft} name="notes" id="visit-notes" label="Notes" multiline />
      <Field of={draft} name="followUpDate" id="visit-followup" label="Next follow-up" type="date" min={asOf} />
      <Problems items={v.outcome ? problems : []} />
    </ActionForm>
  );
}
