/**
 * Raise a dispute: reason from the domain catalogue, disputed amount per invoice, evidence note.
 * Routed to the account's sales owner with the catalogue SLA date (slaDueDate); existing disputes
 * show the status coming back from the owner, and the owner (signed in) answers theirs here (issue 19).
 */
import { DisputeLifecycle } from '../ui/Lifecycle';
import { AnswerForm } from '../disputes/AnswerForm';
import type { Dispute, DisputeReason, Money } from '../../../connector/domain/model';
import type { CollectionsPort, DisputeOwnerPort, RaiseDisputeInput } from '../../../connector/port';
import { DISPUTE_REASONS, slaDueDate } from '../../../connector/domain/disputes';
import { isDisputeActive } from '../domain';
import { date, editableAmount, money, parseAmount, words } from '../format';
import { useData, useEnv } from '../state/context';
import { ActionForm, Choice, Field, InvoicePicker, InvoiceWarnings, openInvoices, Problems, useActionForm, type Keyed, type OnDone } from './common';

export interface DisputeValues {
  reason: DisputeReason | '';
  invoiceIds: string[];
  /** Typed disputed amount per invoice id; until one is typed, the invoice is disputed in full (see disputedText). */
  amounts: Record<string, string>;
  evidence: string;
}

export function emptyDispute(): DisputeValues {
  return { reason: '', invoiceIds: [], amounts: {}, evidence: '' };
}

type InvoiceBalance = { id: string; number: string; balance: Money };

/** The disputed amount of a ticked invoice as typed, else its whole balance (what the field shows). */
function disputedText(values: DisputeValues, invoice: InvoiceBalance, locale: string): string {
  return values.amounts[invoice.id] ?? editableAmount(invoice.balance, locale);
}

type DisputeCheck = { ok: true; input: Omit<RaiseDisputeInput, 'idempotencyKey' | 'accountId' | 'contactId'> } | { ok: false; problems: string[] };

export function disputeInput(values: DisputeValues, invoices: InvoiceBalance[], locale: string, asOf: string): DisputeCheck {
  const problems: string[] = [];
  if (!values.reason) {
    problems.push('Dispute reason: choose one.');
  }
  if (values.invoiceIds.length === 0) {
    problems.push('Disputed invoices: tick at least one.');
  }
  const lines: RaiseDisputeInput['lines'] = [];
  for (const id of values.invoiceIds) {
    const invoice = invoices.find((i) => i.id === id);
    if (!invoice) {
      continue;
    }
    const amount = parseAmount(disputedText(values, invoice, locale), invoice.balance.currency, locale);
    if (!amount || amount.amountMinor <= 0 || amount.amountMinor > invoice.balance.amountMinor) {
      problems.push(`Disputed amount for ${invoice.number}: enter more than zero and at most its balance, ${money(invoice.balance, locale)}.`);
    } else {
      lines.push({ invoiceId: id, amount });
    }
  }
  if (problems.length > 0 || !values.reason) {
    return { ok: false, problems };
  }
  return { ok: true, input: { reason: values.reason, lines, evidence: values.evidence, slaDueDate: slaDueDate(asOf, values.reason) } };
}

export function DisputeFields({ values, update, idPrefix }: { values: DisputeValues; update: (p: Partial<DisputeValues>) => void; idPrefix: string }) {
  const { locale } = useEnv();
  const { snapshot, asOf } = useData();
  const invoices = openInvoices(snapshot.invoices);
  const info = values.reason ? DISPUTE_REASONS[values.reason] : null;
  const fields = { value: values, update };
  const typeAmount = (typed: Record<string, string>) => update({ amounts: { ...values.amounts, ...typed } });
  return (
    <fieldset>
      <legend>Dispute</legend>
      <Choice
        id={`${idPrefix}-reason`}
        label="Reason"
        value={values.reason}
        placeholder="Choose a reason…"
        options={Object.values(DISPUTE_REASONS).map((r) => [r.reason, r.label])}
        onChange={(reason) => update({ reason: reason as DisputeReason })}
      />
      {info && (
        <p class="weak">
          Goes to {snapshot.account.owner.name} (sales owner) · {info.routeTo} · answer due {date(slaDueDate(asOf, info.reason), locale)}. Evidence:{' '}
          {info.evidence.join(', ')}.
        </p>
      )}
      <InvoicePicker
        invoices={invoices}
        selected={values.invoiceIds}
        locale={locale}
        legend="Disputed invoices"
        onChange={(invoiceIds) => update({ invoiceIds })}
      />
      <InvoiceWarnings ids={values.invoiceIds} />
      {values.invoiceIds.map((id) => {
        const inv = invoices.find((i) => i.id === id);
        return inv ? (
          <Field key={id} of={{ value: { [id]: disputedText(values, inv, locale) }, update: typeAmount }} name={id} id={`${idPrefix}-amt-${id}`} label={`Disputed amount on ${inv.number}`} currency={inv.balance.currency} />
        ) : null;
      })}
      <Field of={fields} name="evidence" id={`${idPrefix}-evidence`} label="Evidence / what the customer says" multiline />
    </fieldset>
  );
}

/** The owner's answer on their own open, unanswered dispute, when the port can write it (issue 19). */
function OwnerAnswer({ dispute }: { dispute: Dispute }) {
  const { port, locale, userId } = useEnv();
  const { snapshot, reload } = useData();
  const owner = port as CollectionsPort & Partial<Pick<DisputeOwnerPort, 'answerDispute'>>;
  if (!userId || dispute.owner.id !== userId || dispute.ownerAnswer || !isDisputeActive(dispute) || typeof owner.answerDispute !== 'function') {
    return null;
  }
  const a = snapshot.account;
  const account = { id: a.id, name: a.name, country: a.country ?? null, currency: a.currency, zone: a.timeZone ?? null };
  return <AnswerForm item={{ dispute, account }} env={{ port: { answerDispute: (input) => owner.answerDispute!(input) }, locale }} onDone={reload} />;
}

/** Disputes on the account with the status coming back from the owner. */
export function DisputeList() {
  const { locale } = useEnv();
  const { snapshot } = useData();
  if (snapshot.disputes.length === 0) {
    return null;
  }
  const numberOf = new Map(snapshot.invoices.map((i) => [i.id, i.number]));
  return (
    <div class="card">
      <h3 id="cp-disputes">Disputes</h3>
      <ul aria-labelledby="cp-disputes">
        {snapshot.disputes.map((d) => (
          <li key={d.id}>
            {d.reference ? `${d.reference} · ` : ''}
            {DISPUTE_REASONS[d.reason]?.label ?? d.reason} · <strong>{words(d.status)}</strong> · {d.owner.name} · due {date(d.slaDueDate, locale)}
            {isDisputeActive(d) ? '' : ' (closed)'}
            <div class="weak">{d.lines.map((l) => `${numberOf.get(l.invoiceId) ?? l.invoiceId}: ${money(l.amount, locale)}`).join('; ')}</div>
            {d.resolution && <div class="pre">{d.resolution}</div>}
            <DisputeLifecycle dispute={d} />
            <OwnerAnswer dispute={d} />
          </li>
        ))}
      </ul>
    </div>
  );
}

interface DisputeDraft extends DisputeValues, Keyed {}

export function DisputeForm({ onDone }: { onDone: OnDone }) {
  const env = useEnv();
  const { snapshot, asOf, selectedInvoiceIds } = useData();
  const invoices = openInvoices(snapshot.invoices);
  const { draft, action, save } = useActionForm<DisputeDraft>('dispute', {
    ...emptyDispute(),
    invoiceIds: selectedInvoiceIds.filter((id) => invoices.some((i) => i.id === id)),
  }, onDone);
  const checked = disputeInput(draft.value, invoices, env.locale, asOf);
  const submit = () =>
    checked.ok &&
    save(async (ids) => {
      await env.port.raiseDispute({ ...checked.input, ...ids, contactId: null });
      return `Dispute sent to ${snapshot.account.owner.name}, answer due ${date(checked.input.slaDueDate, env.locale)}.`;
    });

  return (
    <ActionForm name="Raise a dispute" action={action} submit={submit} label="Send to sales owner" disabled={!checked.ok}>
      <DisputeFields values={draft.value} update={draft.update} idPrefix="dsp" />
      <Problems items={checked.ok || !draft.value.reason ? [] : checked.problems} />
    </ActionForm>
  );
}
