/**
 * Settlement offer: balance, offer, expiry, remainder treatment (CONC 7.4.2R). The domain's
 * evaluateSettlementOffer decides ceiling and approval routing; above the approval threshold the
 * offer is saved as pending_approval instead of offered.
 */
import type { SettlementOffer } from '../../../connector/domain/model';
import { addDays, sum } from '../domain';
// Straight from the domain module: a re-export in ../domain would keep settlements.ts in the panel's core chunk (decision 0018).
import { evaluateSettlementOffer, type SettlementEvaluation } from '../../../connector/domain/settlements';
import { date, editableAmount, money, parseAmount, words } from '../format';
import { useData, useEnv } from '../state/context';
import { checkSettlementTerms } from '../../../connector/domain/negotiation-checks';
import { ActionForm, Choice, Field, limitsOf, openInvoices, orProblem, Problems, useActionForm, type Keyed, type OnDone } from './common';

interface SettlementDraft extends Keyed {
  offer: string;
  expiresOn: string;
  remainderTreatment: SettlementOffer['remainderTreatment'];
  note: string;
}

export function SettlementForm({ onDone }: { onDone: OnDone }) {
  const env = useEnv();
  const { snapshot, asOf } = useData();
  const { locale, policy } = env;
  const currency = snapshot.account.currency;
  const invoices = openInvoices(snapshot.invoices, currency);
  const balance = sum(invoices.map((i) => i.balance), currency);
  const { draft, action, save } = useActionForm<SettlementDraft>('settlement', {
    offer: '',
    expiresOn: addDays(asOf, 14),
    remainderTreatment: 'extinguished',
    note: '',
  }, onDone);
  const v = draft.value;
  const offer = parseAmount(v.offer, currency, locale);
  const problems: string[] = [];
  let evaluation: SettlementEvaluation | undefined;
  if (v.offer && (!offer || offer.amountMinor <= 0)) {
    problems.push(`Offer: enter a positive amount in ${currency}.`);
  } else if (offer) {
    evaluation = orProblem(problems, () =>
      evaluateSettlementOffer(
        { balance, offerAmount: offer, remainderTreatment: v.remainderTreatment },
        { maxDiscountPct: policy.settlementCeilingPercent ?? 30, approvalThresholdPct: policy.settlementApprovalPercent ?? 15 },
      ),
    );
  }
  // The domain's rule, the one the port applies too (negotiation-checks.ts).
  problems.push(...checkSettlementTerms({ expiresOn: v.expiresOn }, asOf, limitsOf(policy)).map((i) => i.message));
  const canSave = !!evaluation && evaluation.allowed && problems.length === 0 && snapshot.capabilities.settlements;

  const submit = () =>
    canSave &&
    evaluation &&
    offer &&
    save(async (ids) => {
      const status = evaluation.needsApproval ? 'pending_approval' : 'offered';
      await env.port.recordSettlementOffer({
        ...ids,
        balance,
        offerAmount: offer,
        expiresOn: v.expiresOn,
        invoiceIds: invoices.map((i) => i.id),
        remainderTreatment: v.remainderTreatment,
        status,
        note: v.note.trim() || null,
      });
      return status === 'pending_approval' ? 'Settlement sent for approval.' : `Settlement of ${money(offer, locale)} offered.`;
    });

  return (
    <ActionForm name="Settlement offer" action={action} submit={submit} label={evaluation?.needsApproval ? 'Send for approval' : 'Record offer'} disabled={!canSave}>
      <p>
        Balance to settle: <strong>{money(balance, locale)}</strong>
      </p>
      <div class="row">
        <Field of={draft} name="offer" id="stl-offer" label="Customer pays" currency={currency} placeholder={editableAmount(balance, locale)} />
        <Field of={draft} name="expiresOn" id="stl-expires" label="Offer valid until" type="date" />
      </div>
      <Choice
        id="stl-remainder"
        label="The remainder"
        value={v.remainderTreatment}
        options={[
          ['extinguished', 'is written off (debt closed)'],
          ['may_be_pursued', 'may still be pursued or sold'],
        ]}
        onChange={(treatment) => draft.update({ remainderTreatment: treatment as SettlementDraft['remainderTreatment'] })}
      />
      {evaluation && (
        <div class={`alert ${evaluation.allowed ? (evaluation.needsApproval ? 'warn' : 'info') : ''}`}>
          <p>
            Discount {money(evaluation.discount, locale)} ({evaluation.discountPct}%).{' '}
            {!evaluation.allowed ? 'Above the ceiling: cannot be offered.' : evaluation.needsApproval ? 'Needs approval before it is offered.' : 'Within your authority.'}
          </p>
          {evaluation.reasons.length > 0 && (
            <ul>
              {evaluation.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          <p>Tell the customer: {evaluation.remainderStatement}</p>
        </div>
      )}
      <Field of={draft} name="note" id="stl-note" label="Note" multiline />
      <Problems items={problems} />
      {snapshot.settlements.length > 0 && (
        <ul>
          {snapshot.settlements.map((s) => (
            <li key={s.id}>
              {money(s.offerAmount, locale)} for {money(s.balance, locale)} · {words(s.status)} · until {date(s.expiresOn, locale)}
            </li>
          ))}
        </ul>
      )}
    </ActionForm>
  );
}
