/**
 * The sales owner's answer to one dispute (issue 19), in one step: confirm and request a credit note
 * (full or partial), reject with a reason, or ask the collector for more information. One write
 * (`answerDispute`) with a key fixed when the form opens, so a retry is the same answer. Used by
 * "Disputes waiting for me" and by the account panel's dispute list for the dispute's owner.
 */
import { useState } from 'preact/hooks';
import type { AnswerDisputeInput, OwnerDispute, WriteResult } from '../../../connector/port';
import { money, parseAmount } from '../format';

export interface AnswerEnv {
  port: { answerDispute(input: AnswerDisputeInput): Promise<WriteResult> };
  locale: string;
}

/** The disputed total of a dispute, in its lines' currency. */
export function disputed(item: Pick<OwnerDispute, 'dispute' | 'account'>) {
  const lines = item.dispute.lines;
  const currency = lines[0]?.amount.currency ?? item.account.currency;
  return { amountMinor: lines.reduce((sum, l) => sum + l.amount.amountMinor, 0), currency };
}

function newKey(): string {
  return `answer-${crypto.randomUUID()}`;
}

export function AnswerForm({ item, env, onDone }: { item: Pick<OwnerDispute, 'dispute' | 'account'>; env: AnswerEnv; onDone: () => void }) {
  const total = disputed(item);
  const [answer, setAnswer] = useState<AnswerDisputeInput['answer']>('credit_note');
  const [amount, setAmount] = useState(money(total, env.locale).replace(/[^\d.,]/g, ''));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newKey);
  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    const creditNote = answer === 'credit_note' ? parseAmount(amount, total.currency, env.locale) : null;
    if (answer === 'credit_note' && !creditNote) {
      setError('Enter the credit note amount.');
      return;
    }
    setBusy(true);
    try {
      await env.port.answerDispute({ idempotencyKey: key, accountId: item.account.id, disputeId: item.dispute.id, answer, creditNote, note });
      onDone();
    } catch (failure) {
      setError((failure as { userMessage?: string }).userMessage ?? 'The answer could not be saved. Try again.');
    } finally {
      setBusy(false);
    }
  }
  const id = item.dispute.id;
  return (
    <form class="answer" onSubmit={submit} aria-label={`Answer the dispute of ${item.account.name}`}>
      <fieldset>
        <legend>Your answer</legend>
        <label><input type="radio" name={`a-${id}`} checked={answer === 'credit_note'} onChange={() => setAnswer('credit_note')} /> Confirm and request a credit note</label>
        <label><input type="radio" name={`a-${id}`} checked={answer === 'rejected'} onChange={() => setAnswer('rejected')} /> Reject</label>
        <label><input type="radio" name={`a-${id}`} checked={answer === 'more_info'} onChange={() => setAnswer('more_info')} /> Ask the collector for more information</label>
      </fieldset>
      {answer === 'credit_note' && (
        <label>Credit note amount ({total.currency}, at most {money(total, env.locale)})
          <input name="creditNote" inputMode="decimal" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
        </label>
      )}
      <label>{answer === 'rejected' ? 'Reason for rejecting' : answer === 'more_info' ? 'What the collector should find out' : 'Note (optional)'}
        <textarea name="note" value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Send answer'}</button>
    </form>
  );
}

