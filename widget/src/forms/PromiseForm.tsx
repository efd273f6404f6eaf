/**
 * Promise to pay: amount, date, invoices; shows the customer's past kept rate (domain keptRate)
 * while the promise is being taken. Used on its own and inline in Log a call.
 */
import type { RecordPromiseInput } from '../../../connector/port';
import { addDays } from '../domain';
// Straight from the domain module: a re-export in ../domain would keep promises.ts in the panel's core chunk (decision 0018).
import { keptRate } from '../../../connector/domain/promises';
import { editableAmount, money, parseAmount } from '../format';
import { useData, useEnv } from '../state/context';
import { checkPromiseTerms, DEFAULT_NEGOTIATION_LIMITS, type NegotiationLimits } from '../../../connector/domain/negotiation-checks';
import { ActionForm, balanceOf, Field, InvoicePicker, InvoiceWarnings, limitsOf, openInvoices, Problems, useActionForm, type Keyed, type OnDone } from './common';

export interface PromiseValues {
  amount: string;
  dueDate: string;
  invoiceIds: string[];
  note: string;
}

export function emptyPromise(): PromiseValues {
  return { amount: '', dueDate: '', invoiceIds: [], note: '' };
}

/** Validate typed values into a port input (minus key/account), or the problems to show. */
export function promiseInput(
  values: PromiseValues,
  currency: string,
  locale: string,
  asOf: string,
  limits: NegotiationLimits = DEFAULT_NEGOTIATION_LIMITS,
): { ok: true; input: Omit<RecordPromiseInput, 'idempotencyKey' | 'accountId' | 'contactId'> } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const amount = parseAmount(values.amount, currency, locale);
  if (!amount || amount.amountMinor <= 0) {
    problems.push(`Promise amount: enter a positive amount in ${currency}.`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.dueDate)) {
    problems.push('Promise date: choose a date.');
  } else {
    // The domain's rule, the one the port applies too (negotiation-checks.ts).
    problems.push(...checkPromiseTerms({ dueDate: values.dueDate }, asOf, limits).map((i) => i.message));
  }
  if (problems.length > 0 || !amount) {
    return { ok: false, problems };
  }
  return { ok: true, input: { amount, dueDate: values.dueDate, invoiceIds: values.invoiceIds, note: values.note.trim() || null } };
}

/** "Kept 3 of 4 promises in the last 12 months (75%)" from the domain's kept rate. */
export function KeptRate() {
  const { snapshot, asOf } = useData();
  let text: string;
  try {
    const rate = keptRate(snapshot.promises, snapshot.payments, { asOf, from: addDays(asOf, -365), to: asOf });
    text =
      rate.due === 0
        ? 'No promises fell due in the last 12 months.'
        : `Kept ${rate.kept} of ${rate.due} promises in the last 12 months${rate.byCountPct === null ? '' : ` (${rate.byCountPct}%)`}${rate.partiallyKept ? `, ${rate.partiallyKept} partly` : ''}.`;
  } catch (_error) {
    text = 'Kept rate unavailable (some promise records are incomplete).';
  }
  return (
    <p class="weak">
      {text}
    </p>
  );
}

export function PromiseFields({ values, update, currency, idPrefix }: { values: PromiseValues; update: (p: Partial<PromiseValues>) => void; currency: string; idPrefix: string }) {
  const { locale } = useEnv();
  const { snapshot } = useData();
  const invoices = openInvoices(snapshot.invoices, currency);
  const selectedTotal = balanceOf(invoices, values.invoiceIds, currency);
  const fields = { value: values, update };
  return (
    <fieldset>
      <legend>Promise to pay</legend>
      <KeptRate />
      <div class="row">
        <Field of={fields} name="amount" id={`${idPrefix}-amount`} label="Amount" currency={currency} autoComplete="off" />
        <Field of={fields} name="dueDate" id={`${idPrefix}-date`} label="Pay by" type="date" />
      </div>
      <InvoicePicker
        invoices={invoices}
        selected={values.invoiceIds}
        locale={locale}
        legend="Invoices covered"
        onChange={(ids) => {
          const total = balanceOf(invoices, ids, currency);
          // Prefill the amount with the selection's balance unless the collector typed something else.
          const typed = parseAmount(values.amount, currency, locale);
          const follow = !values.amount || (typed && typed.amountMinor === selectedTotal.amountMinor);
          update(follow && total.amountMinor > 0 ? { invoiceIds: ids, amount: editableAmount(total, locale) } : { invoiceIds: ids });
        }}
      />
      {values.invoiceIds.length > 0 && <p class="weak">Selected balance: {money(selectedTotal, locale)}</p>}
      <InvoiceWarnings ids={values.invoiceIds} />
      <Field of={fields} name="note" id={`${idPrefix}-note`} label="Promise note" multiline />
    </fieldset>
  );
}

interface PromiseDraft extends PromiseValues, Keyed {}

export function PromiseForm({ onDone }: { onDone: OnDone }) {
  const env = useEnv();
  const { snapshot, asOf, selectedInvoiceIds } = useData();
  const currency = snapshot.account.currency;
  const { draft, action, save } = useActionForm<PromiseDraft>('promise', { ...emptyPromise(), invoiceIds: selectedInvoiceIds }, onDone);
  const checked = promiseInput(draft.value, currency, env.locale, asOf, limitsOf(env.policy));
  const submit = () =>
    checked.ok &&
    save(async (ids) => {
      await env.port.recordPromise({ ...checked.input, ...ids, contactId: null });
      return `Promise of ${money(checked.input.amount, env.locale)} saved.`;
    });

  return (
    <ActionForm name="Promise to pay" action={action} submit={submit} label="Save promise" disabled={!checked.ok}>
      <PromiseFields values={draft.value} update={draft.update} currency={currency} idPrefix="ptp" />
      <Problems items={checked.ok || !draft.value.amount ? [] : checked.problems} />
    </ActionForm>
  );
}
