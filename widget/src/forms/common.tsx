/** Pieces every form shares: the submit flow, form shell, invoice picker, save footer with the one error view and retry. */
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { DomainValidationError } from '../../../connector/domain/errors';
import type { Invoice, Money } from '../../../connector/domain/model';
import { invoiceSelectionWarnings, invoiceWarningText, negotiationLimits, type NegotiationLimits } from '../../../connector/domain/negotiation-checks';
import type { PanelPolicy } from '../types';
import type { ComplianceResult } from '../domain';
import { sum } from '../domain';
import { date, money } from '../format';
import { nextAllowedText } from '../state/compliance';
import { useData, useEnv } from '../state/context';
import { useDraft, type DraftApi } from '../state/useDraft';
import { newIdempotencyKey, useWrite, type WriteStatus } from '../state/useWrite';
import { ErrorView } from '../ui/ErrorView';
import { domainProblemInWords } from '../problem-words';

/** What an action form reports when it closes: the success message, or null on cancel. */
export type OnDone = (message: string | null) => void;

/** Draft field of single-write forms: the idempotency key of the pending write (absent until the first send). */
export interface Keyed {
  idempotencyKey?: string;
}

/**
 * The draft's idempotency key, stored in the draft BEFORE the first send so every retry (same
 * session or after a reload) resends the SAME key and the write is never duplicated.
 */
function keyOf(draft: DraftApi<Keyed>): string {
  const key = draft.value.idempotencyKey ?? newIdempotencyKey();
  draft.update({ idempotencyKey: key });
  return key;
}

export interface Action {
  status: WriteStatus;
  /**
   * Send the write(s); `send` resolves to the success message. On success the draft is cleared, the
   * snapshot reloaded and the form closed with the message; on failure the draft (everything typed,
   * keys included) is kept and the footer shows the error with Retry.
   */
  run(send: () => Promise<string>): Promise<void>;
  /** Forget the draft and close the form without a message. */
  cancel(): void;
}

/** What every single write carries besides its content: the draft's idempotency key and the account. */
export interface WriteIds {
  idempotencyKey: string;
  accountId: string;
}

/**
 * The draft and submit flow of every action form. The draft is stored as `<account id>:<name>`, so
 * it survives a reload; `action` is described at {@link Action}; `save` is `action.run` for a form
 * with one write: `send` gets the draft's idempotency key (see {@link keyOf}) and the account id.
 */
export function useActionForm<T extends object>(name: string, initial: T, onDone: OnDone) {
  const { storage } = useEnv();
  const { snapshot, reload } = useData();
  const accountId = snapshot.account.id;
  const draft = useDraft(storage, `${accountId}:${name}`, initial);
  const write = useWrite();
  const action: Action = {
    status: write.status,
    async run(send) {
      let message = '';
      if (await write.run(async () => (message = await send()))) {
        draft.clear();
        reload();
        onDone(message);
      }
    },
    cancel() {
      draft.clear();
      onDone(null);
    },
  };
  // The key lives in the draft's `idempotencyKey` (forms that call save declare it via Keyed).
  const save = (send: (ids: WriteIds) => Promise<string>) => action.run(() => send({ idempotencyKey: keyOf(draft as DraftApi<Keyed>), accountId }));
  return { draft, action, save };
}

/**
 * The shell of an action form: a named form whose submit (Enter or the save button) and Retry both
 * call `submit`, then the save footer with the error view and Cancel.
 */
export function ActionForm({
  name,
  action,
  submit,
  label,
  disabled,
  children,
}: {
  name: string;
  action: Action;
  submit: () => unknown;
  label: string;
  disabled: boolean;
  children: ComponentChildren;
}) {
  return (
    <form
      aria-label={name}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {children}
      <SaveFooter status={action.status} label={label} disabled={disabled} onRetry={() => void submit()} onCancel={action.cancel} />
    </form>
  );
}

/** Sum of the balances of the invoices among `invoices` whose ids are in `ids` (zero in `currency` when none). */
export function balanceOf(invoices: Invoice[], ids: string[], currency: string): Money {
  return sum(
    invoices.filter((i) => ids.includes(i.id)).map((i) => i.balance),
    currency,
  );
}

/** The negotiation bounds of the panel's policy (domain defaults, never past the domain's ceilings). */
export function limitsOf(policy: PanelPolicy): NegotiationLimits {
  return negotiationLimits({ promiseMaxDays: policy.maxPromiseDays, settlementMaxValidityDays: policy.maxSettlementValidityDays, planMaxTermMonths: policy.maxPlanTermMonths });
}

/** "INV-1 is already in a payment plan." for each chosen invoice that deserves a second look. */
export function InvoiceWarnings({ ids }: { ids: string[] }) {
  const { snapshot, asOf } = useData();
  const warnings = invoiceSelectionWarnings(ids, { invoices: snapshot.invoices, plans: snapshot.plans, disputes: snapshot.disputes, asOf });
  if (warnings.length === 0) {
    return null;
  }
  return (
    <ul class="alert warn" aria-live="polite">
      {warnings.map((w) => (
        <li key={w.invoiceId}>{invoiceWarningText(w)}</li>
      ))}
    </ul>
  );
}

/** `compute` with the domain's validation error (a bad input) added to `problems` instead of thrown. */
export function orProblem<R>(problems: string[], compute: () => R): R | undefined {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof DomainValidationError)) {
      throw error;
    }
    problems.push(domainProblemInWords(error));
  }
}

/** Open invoices a form can act on (balance > 0, not cancelled), only those in `currency` when given. */
export function openInvoices(invoices: Invoice[], currency?: string): Invoice[] {
  return invoices.filter((i) => i.balance.amountMinor > 0 && i.status !== 'cancelled' && i.status !== 'paid' && (!currency || i.balance.currency === currency));
}

export function InvoicePicker({
  invoices,
  selected,
  onChange,
  locale,
  legend = 'Invoices',
}: {
  invoices: Invoice[];
  selected: string[];
  onChange: (ids: string[]) => void;
  locale: string;
  legend?: string;
}) {
  if (invoices.length === 0) {
    return null;
  }
  const set = new Set(selected);
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div class="scroll" style={{ maxHeight: '8rem' }}>
        {invoices.map((inv) => (
          <label class="inline" key={inv.id}>
            <input
              type="checkbox"
              checked={set.has(inv.id)}
              onChange={() => onChange(set.has(inv.id) ? selected.filter((id) => id !== inv.id) : [...selected, inv.id])}
            />
            {inv.number} · {money(inv.balance, locale)} · due {date(inv.dueDate, locale)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Error view with Retry, the primary control (a submit button unless `primary` replaces it), Cancel and the saved status. */
export function SaveFooter({
  status,
  label,
  onCancel,
  disabled,
  onRetry,
  retryLabel = 'Retry save',
  primary,
}: {
  status: WriteStatus;
  label?: string;
  onCancel?: () => void;
  disabled?: boolean;
  onRetry: () => void;
  retryLabel?: string;
  primary?: ComponentChildren;
}) {
  return (
    <div>
      {status.phase === 'failed' && <ErrorView error={status.error} onRetry={onRetry} retryLabel={retryLabel} />}
      <div class="actions">
        {primary ?? (
          <button type="submit" class="primary" disabled={disabled || status.phase === 'saving'}>
            {status.phase === 'saving' ? 'Saving…' : label}
          </button>
        )}
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <p role="status" class="status">
        {status.phase === 'saved' ? status.message : ''}
      </p>
    </div>
  );
}

/**
 * A labelled select over [value, label] pairs, with an optional empty first option (the placeholder).
 * `id` ties label and select (`for`), and tests address fields by it (e.g. `#call-disposition`).
 */
export function Choice({
  id,
  label,
  value,
  options,
  placeholder,
  disabled,
  autoFocus,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [value: string, label: string])[];
  placeholder?: string;
  disabled?: boolean;
  /** The field the panel focuses when the form opens (the panel shell reads `data-autofocus`). */
  autoFocus?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <label for={id}>
      {label}
      <select id={id} value={value} disabled={disabled} data-autofocus={autoFocus ? '' : undefined} onChange={(e) => onChange(e.currentTarget.value)}>
        {placeholder && <option value="">{placeholder}</option>}
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A field-level problem list (domain validation or policy), announced politely. */
export function Problems({ items }: { items: string[] }) {
  if (items.length === 0) {
    return null;
  }
  return (
    <ul class="error-text" aria-live="polite">
      {items.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

/** Anything holding values with a merging update: a draft, or the values/update pair of inline fields. */
export interface Editable<T> {
  value: T;
  update(patch: Partial<T>): void;
}

/** The keys of T whose values are strings (what a text field can edit). */
type TextKeys<T> = { [K in keyof T]-?: T[K] extends string ? K : never }[keyof T];

/**
 * A labelled text input (or textarea when `multiline`) bound to the string field `name` of `of`.
 * `id` ties label and control (`for`), and tests address fields by it (e.g. `#call-notes`). With
 * `currency` it is a money amount: decimal keypad, and the currency named in the label.
 */
export function Field<T>({
  of,
  name,
  id,
  label,
  multiline,
  currency,
  type = 'text',
  ...input
}: {
  of: Editable<T>;
  name: TextKeys<T>;
  id: string;
  label: string;
  multiline?: boolean;
  currency?: string;
  /** Input type (ignored with `multiline`). */
  type?: 'text' | 'date' | 'number';
  min?: string | number;
  max?: number;
  placeholder?: string;
  autoComplete?: string;
}) {
  const control = {
    id,
    value: (of.value[name] ?? '') as string,
    onInput: (e: { currentTarget: { value: string } }) => of.update({ [name]: e.currentTarget.value } as Partial<T>),
    ...(currency ? { inputMode: 'decimal' as const } : {}),
    ...input,
  };
  // Cast: preact types `type` and `min`/`max` as a discriminated union a variable `type` cannot narrow.
  return (
    <label for={id}>
      {currency ? `${label} (${currency})` : label}
      {multiline ? <textarea {...control} /> : <input {...({ ...control, type } as InputHTMLAttributes)} />}
    </label>
  );
}

/** The reasons that block a contact (info notes left out). */
export function blockingReasons(result: ComplianceResult) {
  return result.reasons.filter((r) => r.severity !== 'info');
}

/** Why the engine blocks this channel now, after `lead` ("E-mail is blocked now"), and when it becomes allowed. */
export function BlockedNotice({ result, lead, locale, warn }: { result: ComplianceResult; lead: string; locale: string; warn?: boolean }) {
  return (
    <div class={warn ? 'alert warn' : 'alert'} role="alert">
      <p>
        {lead}: {blockingReasons(result).map((r) => r.message).join(' ')}
      </p>
      <p>{nextAllowedText(result, locale)}</p>
    </div>
  );
}
