/** Field visit log with outcome (logged via port.logActivity, kind 'visit'); compliance-checked for the visit channel. */
import { nextAllowedText, runCompliance } from '../state/compliance';
import { useData, useEnv } from '../state/context';
import { useDraft } from '../state/useDraft';
import { newIdempotencyKey, useWrite } from '../state/useWrite';
import { defaultContact } from '../ui/Header';
import { Problems, SaveFooter } from './common';

export const VISIT_OUTCOMES: Record<string, string> = {
  met_payment_collected: 'Met, payment collected',
  met_promise: 'Met, promise to pay',
  met_refused: 'Met, refused to pay',
  met_dispute: 'Met, dispute raised',
  not_available: 'Customer not available',
  premises_closed: 'Premises closed',
};

/** Outcomes where the collector spoke with the customer (a conversation for contact-frequency rules). */
const MET = new Set(['met_payment_collected', 'met_promise', 'met_refused', 'met_dispute']);

interface VisitDraft {
  contactId: string;
  outcome: string;
  notes: string;
  followUpDate: string;
  idempotencyKey: string | null;
}

export function VisitForm({ onDone }: { onDone: (message: string | null) => void }) {
  const env = useEnv();
  const { snapshot, asOf, reload } = useData();
  const { account, contacts } = snapshot;
  const draft = useDraft<VisitDraft>(env.storage, `${account.id}:visit`, {
    contactId: defaultContact(contacts)?.id ?? '',
    outcome: '',
    notes: '',
    followUpDate: '',
    idempotencyKey: null,
  });
  const v = draft.value;
  const write = useWrite();
  const contact = contacts.find((c) => c.id === v.contactId);
  const check = contact ? runCompliance(env, snapshot, 'visit', contact) : null;
  const problems = v.outcome ? [] : ['Outcome: choose one.'];

  const submit = async () => {
    if (problems.length > 0) {
      return;
    }
    const key = v.idempotencyKey ?? newIdempotencyKey();
    draft.update({ idempotencyKey: key });
    const label = VISIT_OUTCOMES[v.outcome] ?? v.outcome;
    const message = `Visit logged: ${label}.`;
    const ok = await write.run(async () => {
      await env.port.logActivity({
        idempotencyKey: key,
        accountId: account.id,
        kind: 'visit',
        contactId: contact?.id ?? null,
        occurredAt: new Date(env.now()).toISOString(),
        subject: `Visit: ${label}`,
        body: v.notes,
        outcome: v.outcome,
        conversation: MET.has(v.outcome),
        followUpDate: v.followUpDate || null,
        complianceOverride: null,
      });
      return message;
    });
    if (ok) {
      draft.clear();
      reload();
      onDone(message);
    }
  };

  return (
    <form
      aria-label="Log a visit"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label for="visit-contact">
        Met with
        <select id="visit-contact" value={v.contactId} onChange={(e) => draft.update({ contactId: e.currentTarget.value })}>
          {contacts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {check?.ok && !check.result.allowed && (
        <div class="alert warn" role="alert">
          <p>Visits are restricted now: {check.result.reasons.filter((r) => r.severity !== 'info').map((r) => r.message).join(' ')}</p>
          <p>{nextAllowedText(check.result, env.locale)}</p>
        </div>
      )}
      <label for="visit-outcome">
        Outcome
        <select id="visit-outcome" value={v.outcome} onChange={(e) => draft.update({ outcome: e.currentTarget.value })}>
          <option value="">Choose an outcome…</option>
          {Object.entries(VISIT_OUTCOMES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label for="visit-notes">
        Notes
        <textarea id="visit-notes" value={v.notes} onInput={(e) => draft.update({ notes: e.currentTarget.value })} />
      </label>
      <label for="visit-followup">
        Next follow-up
        <input id="visit-followup" type="date" min={asOf} value={v.followUpDate} onInput={(e) => draft.update({ followUpDate: e.currentTarget.value })} />
      </label>
      <Problems items={v.outcome ? problems : []} />
      <SaveFooter status={write.status} label="Save visit" disabled={problems.length > 0} onRetry={() => void submit()} onCancel={() => { draft.clear(); onDone(null); }} />
    </form>
  );
}
