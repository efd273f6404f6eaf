/**
 * Log a call: the most frequent action, fully keyboard-operable. Pick contact → click-to-call
 * (`tel:`) starts a duration timer → disposition → notes → next follow-up. "Promise to pay" and
 * "Dispute raised" open those forms inline and are saved in the same submit.
 *
 * The compliance engine runs BEFORE the call: when it blocks, the number is not dialable and the
 * panel says why and when calling becomes allowed. Overrides are opt-in: only when the host set
 * `policy.allowOverrides === true` AND the engine marks the block `overridable` does a typed reason
 * unlock it (recorded on the call); hard blocks (cease communication, bankruptcy) never are.
 *
 * Saving is up to three writes (call, inline promise, inline dispute). Each step's key is stored
 * before sending and its CRM id after success, so Retry (also after a reload) resends only the
 * failed steps with their same keys and the call is never logged twice.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CallDisposition } from '../../../connector/domain/model';
import { addDays } from '../domain';
import { money } from '../format';
import { nextAllowedText, runCompliance } from '../state/compliance';
import { useData, useEnv } from '../state/context';
import { newIdempotencyKey } from '../state/useWrite';
import { defaultContact } from '../ui/default-contact';
import { CALL_DISPOSITION_LABELS } from '../../../connector/domain/vocabulary';
import { clock } from '../ui/Timeline';
import { ActionForm, blockingReasons, Choice, Field, limitsOf, openInvoices, Problems, useActionForm, type OnDone } from './common';
import { disputeInput, DisputeFields, emptyDispute, type DisputeValues } from './DisputeForm';
import { emptyPromise, promiseInput, PromiseFields, type PromiseValues } from './PromiseForm';

/**
 * Dispositions where the collector spoke with the debtor or their representative: a
 * "conversation" that starts the Reg F 1006.14(b)(2)(ii) 7-day pause the engine enforces.
 */
const CONVERSATION: ReadonlySet<CallDisposition> = new Set(['reached', 'promise_to_pay', 'refused', 'dispute_raised', 'call_back_requested']);

const DIRECTIONS: [value: CallDraft['direction'], label: string][] = [
  ['outbound', 'Outbound'],
  ['inbound', 'Inbound'],
];

/** Shortest override reason accepted: a word or two is not a documented business reason. */
const MIN_OVERRIDE_REASON = 10;

interface CallDraft {
  contactId: string;
  direction: 'outbound' | 'inbound';
  startedAt: number | null;
  durationSeconds: number;
  disposition: CallDisposition | '';
  notes: string;
  followUpDate: string;
  overrideReason: string;
  promise: PromiseValues;
  dispute: DisputeValues;
  /** Idempotency keys of the three writes, absent until the first send. */
  callKey?: string | null;
  promiseKey?: string | null;
  disputeKey?: string | null;
  /**
   * CRM ids of the steps already saved. A Retry after "call saved, promise failed" skips them and
   * resends only what failed, with the same keys; kept in the draft so this survives a reload.
   */
  callId?: string;
  promiseId?: string;
  disputeId?: string;
}

export function LogCallForm({ onDone }: { onDone: OnDone }) {
  const env = useEnv();
  const { snapshot, asOf, selectedInvoiceIds } = useData();
  const { account, contacts } = snapshot;
  const first = defaultContact(contacts);
  const { draft, action } = useActionForm<CallDraft>('call', {
    contactId: first?.id ?? '',
    direction: 'outbound',
    startedAt: null,
    durationSeconds: 0,
    disposition: '',
    notes: '',
    followUpDate: '',
    overrideReason: '',
    promise: { ...emptyPromise(), invoiceIds: selectedInvoiceIds },
    dispute: emptyDispute(),
  }, onDone);
  const v = draft.value;
  const [tick, setTick] = useState(0);

  // Timer display only; the duration is derived from startedAt so a reload mid-call keeps counting.
  useEffect(() => {
    if (v.startedAt === null) {
      return;
    }
    const id = setInterval(() => setTick((t) => t + 1), 1000);
    return () => clearInterval(id);
  }, [v.startedAt]);

  const contact = contacts.find((c) => c.id === v.contactId) ?? first;
  const check = contact ? runCompliance(env, snapshot, 'call', contact) : null;
  // Fail closed: an outbound call the engine could not check (no rules for the profile, a bad zone)
  // is neither dialled nor logged as made; an inbound call can still be logged.
  const unchecked = v.direction === 'outbound' && check !== null && !check.ok;
  const blocked = unchecked || (v.direction === 'outbound' && check?.ok === true && !check.result.allowed);
  const overrideAllowed = blocked && check?.ok === true && check.result.overridable && env.policy.allowOverrides === true;
  const overridden = overrideAllowed && v.overrideReason.trim().length >= MIN_OVERRIDE_REASON;
  const mayDial = !blocked || overridden;
  // Read the clock at the moment of use (stop, save), not at the last render.
  const currentElapsed = () => (v.startedAt === null ? v.durationSeconds : Math.max(0, Math.round((env.now() - v.startedAt) / 1000)));
  const elapsed = currentElapsed();
  void tick;

  const promiseCheck = v.disposition === 'promise_to_pay' ? promiseInput(v.promise, account.currency, env.locale, asOf, limitsOf(env.policy)) : null;
  const disputeCheck = v.disposition === 'dispute_raised' ? disputeInput(v.dispute, openInvoices(snapshot.invoices), env.locale, asOf) : null;
  const problems = [
    ...(v.disposition ? [] : ['Outcome: choose one.']),
    // Once the call is saved, a later block (e.g. the conversation pause it started) must not stop the retry of its promise or dispute.
    ...(blocked && !overridden && !v.callId
      ? [unchecked ? 'Outbound call cannot be checked against the contact rules (see above).' : 'Outbound call blocked by the compliance policy (see above).']
      : []),
    ...(promiseCheck && !promiseCheck.ok ? promiseCheck.problems : []),
    ...(disputeCheck && !disputeCheck.ok ? disputeCheck.problems : []),
  ];

  const startTimer = () => draft.update({ startedAt: env.now(), durationSeconds: 0 });
  const stopTimer = () => draft.update({ startedAt: null, durationSeconds: currentElapsed() });

  const submit = async () => {
    if (problems.length > 0 || !v.disposition) {
      return;
    }
    const disposition = v.disposition;
    // Keys are stored in the draft BEFORE sending: a retry, even after a reload, reuses them.
    const keys = {
      callKey: v.callKey ?? newIdempotencyKey(),
      promiseKey: promiseCheck ? (v.promiseKey ?? newIdempotencyKey()) : null,
      disputeKey: disputeCheck ? (v.disputeKey ?? newIdempotencyKey()) : null,
    };
    const durationSeconds = currentElapsed();
    draft.update({ ...keys, startedAt: null, durationSeconds });
    const override =
      blocked && overridden && check?.ok
        ? `${blockingReasons(check.result).map((r) => r.code).join(', ')}: ${v.overrideReason.trim()}`.slice(0, 255)
        : null;
    const parts = [`Call logged: ${CALL_DISPOSITION_LABELS[disposition]}`];
    const contactId = contact?.id ?? null;
    // Each finished step is recorded before the next starts: Retry never sends it again.
    let queued = false;
    const once = async (saved: 'callId' | 'promiseId' | 'disputeId', send: () => Promise<{ id: string; queued?: boolean }>) => {
      if (!v[saved]) {
        const result = await send();
        queued ||= result.queued === true;
        draft.update({ [saved]: result.id });
      }
    };
    await action.run(async () => {
      await once('callId', () =>
        env.port.logCall({
          idempotencyKey: keys.callKey,
          accountId: account.id,
          contactId,
          direction: v.direction,
          disposition,
          conversation: CONVERSATION.has(disposition),
          durationSeconds: Math.min(durationSeconds, 86_400),
          occurredAt: new Date(env.now() - durationSeconds * 1000).toISOString(),
          notes: v.notes,
          followUpDate: v.followUpDate || null,
          invoiceIds: promiseCheck?.ok ? promiseCheck.input.invoiceIds : disputeCheck?.ok ? disputeCheck.input.lines.map((l) => l.invoiceId) : [],
          complianceOverride: override,
        }),
      );
      if (promiseCheck?.ok && keys.promiseKey) {
        const idempotencyKey = keys.promiseKey;
        await once('promiseId', () => env.port.recordPromise({ ...promiseCheck.input, idempotencyKey, accountId: account.id, contactId }));
        parts.push(`promise of ${money(promiseCheck.input.amount, env.locale)} saved`);
      }
      if (disputeCheck?.ok && keys.disputeKey) {
        const idempotencyKey = keys.disputeKey;
        await once('disputeId', () => env.port.raiseDispute({ ...disputeCheck.input, idempotencyKey, accountId: account.id, contactId }));
        parts.push(`dispute sent to ${account.owner.name}`);
      }
      // Offline or during an outage the outbox keeps it and sends it with the same key later.
      return queued ? `${parts.join('; ')} — queued, will be sent when Salesforce is reachable.` : `${parts.join('; ')}.`;
    });
  };

  return (
    <ActionForm name="Log a call" action={action} submit={submit} label="Save call" disabled={problems.length > 0}>
      <div class="row">
        <Choice
          id="call-contact"
          label="Contact"
          value={v.contactId}
          options={contacts.map((c) => [c.id, c.title ? `${c.name} (${c.title})` : c.name])}
          onChange={(contactId) => draft.update({ contactId, overrideReason: '' })}
        />
        <Choice id="call-direction" label="Direction" value={v.direction} options={DIRECTIONS} onChange={(direction) => draft.update({ direction: direction as CallDraft['direction'] })} />
      </div>

      {check && !check.ok && (
        <p class={unchecked ? 'alert' : 'alert warn'} role={unchecked ? 'alert' : undefined}>
          Compliance check unavailable: {check.message}
          {unchecked ? ' Outbound calls stay blocked until it works; an inbound call can still be logged.' : ''}
        </p>
      )}
      {blocked && check?.ok && (
        <div class="alert" role="alert">
          <h3>Calling is blocked now</h3>
          <ul>
            {blockingReasons(check.result).map((r) => (
                <li key={`${r.code}-${r.rule}`}>
                  {r.message} <span class="weak">({r.rule})</span>
                </li>
              ))}
          </ul>
          <p>{nextAllowedText(check.result, env.locale)}</p>
          {overrideAllowed && <Field of={draft} name="overrideReason" id="call-override" label="Override reason (recorded on the call)" multiline />}
        </div>
      )}
      {check?.ok && check.result.allowed && check.result.reasons.some((r) => r.severity === 'info') && (
        <ul class="weak">
          {check.result.reasons.map((r) => (
            <li key={`${r.code}-${r.rule}`}>{r.message}</li>
          ))}
        </ul>
      )}

      {contact &&
        (contact.phones.length > 0 ? (
          <p>
            {contact.phones.map((phone) =>
              mayDial && v.direction === 'outbound' ? (
                <a key={phone.number} class="button" href={`tel:${phone.number.replace(/[^\d+]/g, '')}`} onClick={startTimer}>
                  Call {phone.kind} {phone.number}
                </a>
              ) : (
                <span key={phone.number} class="marker">
                  {phone.kind} {phone.number}
                </span>
              ),
            )}
          </p>
        ) : (
          // Still loggable: an inbound call, or one dialled from another phone.
          <p class="alert warn">
            No phone number on this contact — add one in the CRM.
          </p>
        ))}
      <p>
        <span aria-live="off">
          Duration {clock(elapsed)}
        </span>{' '}
        <button type="button" onClick={v.startedAt === null ? startTimer : stopTimer}>
          {v.startedAt === null ? 'Start timer' : 'Stop timer'}
        </button>
      </p>

      <Choice
        id="call-disposition"
        label="Outcome"
        value={v.disposition}
        disabled={!!v.callId}
        placeholder="Choose an outcome…"
        // The outcome is what every call needs; the contact defaults to the best one (keyboard flow, issue 17).
        autoFocus
        options={Object.entries(CALL_DISPOSITION_LABELS)}
        onChange={(disposition) => draft.update({ disposition: disposition as CallDisposition })}
      />
      {v.disposition === 'promise_to_pay' && <PromiseFields values={v.promise} update={(p) => draft.update({ promise: { ...v.promise, ...p } })} currency={account.currency} idPrefix="call-ptp" />}
      {v.disposition === 'dispute_raised' && <DisputeFields values={v.dispute} update={(p) => draft.update({ dispute: { ...v.dispute, ...p } })} idPrefix="call-dsp" />}
      <Field of={draft} name="notes" id="call-notes" label="Notes" multiline />
      {/* Quick picks before the date field: one Tab from Notes, not through its day/month/year segments. */}
      <p class="actions">
        <button type="button" onClick={() => draft.update({ followUpDate: addDays(asOf, 1) })}>
          Tomorrow
        </button>
        <button type="button" onClick={() => draft.update({ followUpDate: addDays(asOf, 7) })}>
          In a week
        </button>
      </p>
      <Field of={draft} name="followUpDate" id="call-followup" label="Next follow-up" type="date" min={asOf} />
      {v.callId && (
        <p class="alert warn">
          The call is saved; Retry saves only what failed.
        </p>
      )}
      <Problems items={v.disposition ? problems : []} />
    </ActionForm>
  );
}
