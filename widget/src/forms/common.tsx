/** Pieces every form shares: invoice picker, save footer with the one error view and retry. */
import type { Invoice } from '../../../connector/domain/model';
import { date, money } from '../format';
import type { WriteStatus } from '../state/useWrite';
import { ErrorView } from '../ui/ErrorView';

/** Open invoices a form can act on (balance > 0, not cancelled). */
export function openInvoices(invoices: Invoice[]): Invoice[] {
  return invoices.filter((i) => i.balance.amountMinor > 0 && i.status !== 'cancelled' && i.status !== 'paid');
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

export function SaveFooter({
  status,
  label,
  onCancel,
  disabled,
  onRetry,
}: {
  status: WriteStatus;
  label: string;
  onCancel?: () => void;
  disabled?: boolean;
  onRetry: () => void;
}) {
  return (
    <div>
      {status.phase === 'failed' && <ErrorView error={status.error} onRetry={onRetry} retryLabel="Retry save" />}
      <div class="actions">
        <button type="submit" class="primary" disabled={disabled || status.phase === 'saving'}>
          {status.phase === 'saving' ? 'Saving…' : label}
        </button>
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
