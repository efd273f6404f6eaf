/**
 * Lifecycles on the plan, settlement and dispute rows (issue 17): mark a proposed plan agreed or
 * cancel a plan; approve or reject a settlement awaiting approval (approvers only); resolve or
 * reject a dispute with its outcome. Each decision is one port write with its own idempotency key,
 * kept until it succeeds, so a retry after a lost answer is the same write.
 */
import { useState } from 'preact/hooks';
import type { Dispute, PaymentPlan, SettlementOffer } from '../../../connector/domain/model';
import type { FollowUp } from '../../../connector/port';
import { isDisputeActive } from '../domain';
import { date, money, words } from '../format';
import { useData, useEnv } from '../state/context';
import { newIdempotencyKey, useWrite } from '../state/useWrite';
import { ErrorView } from './ErrorView';

/** One decision flow: a key per decision (the same on Retry), the write, then a reload. */
function useDecision() {
  const { reload } = useData();
  const write = useWrite();
  const [keys, setKeys] = useState<Record<string, string>>({});
  const [last, setLast] = useState<{ name: string; send: (key: string) => Promise<string> } | null>(null);
  const decide = async (name: string, send: (key: string) => Promise<string>) => {
    const key = keys[name] ?? newIdempotencyKey();
    setKeys((all) => ({ ...all, [name]: key }));
    setLast({ name, send });
    if (await write.run(() => send(key))) {
      setKeys((all) => {
        const { [name]: _done, ...rest } = all;
        return rest;
      });
      reload();
    }
  };
  const retry = () => last && void decide(last.name, last.send);
  return { status: write.status, decide, retry };
}

function DecisionStatus({ decision }: { decision: ReturnType<typeof useDecision> }) {
  const { status } = decision;
  if (status.phase === 'saved') {
    return <p role="status">{status.message}</p>;
  }
  if (status.phase === 'failed') {
    return <ErrorView error={status.error} onRetry={decision.retry} />;
  }
  return null;
}

/** "Mark agreed" / "Cancel plan" for a proposed or active plan. */
export function PlanLifecycle({ plan }: { plan: PaymentPlan }) {
  const env = useEnv();
  const { snapshot } = useData();
  const decision = useDecision();
  if (plan.status !== 'proposed' && plan.status !== 'active') {
    return null;
  }
  const busy = decision.status.phase === 'saving';
  const setStatus = (status: 'active' | 'cancelled') =>
    decision.decide(`plan-${plan.id}-${status}`, async (idempotencyKey) => {
      await env.port.savePaymentPlan({
        idempotencyKey,
        accountId: snapshot.account.id,
        planId: plan.id,
        status,
        frequency: plan.frequency,
        total: plan.total,
        downPayment: plan.downPayment ?? null,
        instalments: plan.instalments,
        invoiceIds: plan.invoiceIds,
      });
      return status === 'active' ? 'Plan marked as agreed.' : 'Plan cancelled.';
    });
  const label = `plan of ${money(plan.total, env.locale)}`;
  return (
    <div class="row-actions">
      {plan.status === 'proposed' && (
        <button type="button" disabled={busy} aria-label={`Mark agreed: ${label}`} onClick={() => void setStatus('active')}>
          Mark agreed
        </button>
      )}
      <button type="button" disabled={busy} aria-label={`Cancel plan: ${label}`} onClick={() => void setStatus('cancelled')}>
        Cancel plan
      </button>
      <DecisionStatus decision={decision} />
    </div>
  );
}

/** Resolve (credit) or reject an active dispute, with the outcome the customer is told. */
export function DisputeLifecycle({ dispute }: { dispute: Dispute }) {
  const env = useEnv();
  const { snapshot } = useData();
  const decision = useDecision();
  const [outcome, setOutcome] = useState('');
  if (!isDisputeActive(dispute)) {
    return null;
  }
  const busy = decision.status.phase === 'saving';
  const trimmed = outcome.trim();
  const close = (status: 'resolved_credit' | 'resolved_rejected') =>
    decision.decide(`dispute-${dispute.id}-${status}`, async (idempotencyKey) => {
      await env.port.updateDispute({ idempotencyKey, accountId: snapshot.account.id, disputeId: dispute.id, status, resolution: trimmed });
      return status === 'resolved_credit' ? 'Dispute resolved with a credit.' : 'Dispute rejected.';
    });
  const fieldId = `cp-outcome-${dispute.id}`;
  return (
    <div class="row-actions">
      <label for={fieldId}>Outcome (told to the customer)</label>
      <textarea id={fieldId} value={outcome} maxLength={32_000} onInput={(e) => setOutcome((e.target as HTMLTextAreaElement).value)} />
      {trimmed === '' && <p class="weak">Write the outcome to resolve or reject.</p>}
      <button type="button" disabled={busy || trimmed === ''} onClick={() => void close('resolved_credit')}>
        Resolve with credit
      </button>
      <button type="button" disabled={busy || trimmed === ''} onClick={() => void close('resolved_rejected')}>
        Reject dispute
      </button>
      <DecisionStatus decision={decision} />
    </div>
  );
}

function SettlementRow({ offer, approver }: { offer: SettlementOffer; approver: boolean }) {
  const env = useEnv();
  const { snapshot } = useData();
  const decision = useDecision();
  const busy = decision.status.phase === 'saving';
  const decide = (choice: 'approved' | 'rejected') =>
    decision.decide(`settlement-${offer.id}-${choice}`, async (idempotencyKey) => {
      await env.port.decideSettlement({ idempotencyKey, accountId: snapshot.account.id, settlementId: offer.id, decision: choice });
      return choice === 'approved' ? 'Settlement approved: it can be offered now.' : 'Settlement rejected.';
    });
  return (
    <li>
      {money(offer.offerAmount, env.locale)} of {money(offer.balance, env.locale)} · <strong>{words(offer.status)}</strong> · valid until {date(offer.expiresOn, env.locale)}
      {offer.status === 'pending_approval' &&
        (approver ? (
          <div class="row-actions">
            <button type="button" disabled={busy} onClick={() => void decide('approved')}>
              Approve
            </button>
            <button type="button" disabled={busy} onClick={() => void decide('rejected')}>
              Reject
            </button>
            <DecisionStatus decision={decision} />
          </div>
        ) : (
          <div class="weak">Waiting for an approver.</div>
        ))}
    </li>
  );
}

/** Settlement offers with their status; approvers (`policy.settlementApprover`) decide pending ones. */
export function SettlementList() {
  const env = useEnv();
  const { snapshot } = useData();
  if (snapshot.settlements.length === 0) {
    return null;
  }
  const approver = env.policy.settlementApprover === true;
  return (
    <div class="card">
      <h3 id="cp-settlements">Settlement offers</h3>
      <ul aria-labelledby="cp-settlements">
        {snapshot.settlements.map((offer) => (
          <SettlementRow key={offer.id} offer={offer} approver={approver} />
        ))}
      </ul>
    </div>
  );
}

function FollowUpRow({ followUp }: { followUp: FollowUp }) {
  const env = useEnv();
  const { snapshot, asOf } = useData();
  const decision = useDecision();
  const contact = snapshot.contacts.find((c) => c.id === followUp.contactId);
  const overdue = followUp.dueDate !== null && followUp.dueDate < asOf;
  const when = followUp.dueDate === null ? 'no due date' : followUp.dueDate === asOf ? 'due today' : `${overdue ? 'was due' : 'due'} ${date(followUp.dueDate, env.locale)}`;
  return (
    <li>
      {followUp.subject}
      {contact ? ` · ${contact.name}` : ''} · <span class={overdue ? 'overdue' : undefined}>{when}</span>{' '}
      <button
        type="button"
        disabled={decision.status.phase === 'saving'}
        aria-label={`Done: ${followUp.subject}, ${when}`}
        onClick={() =>
          void decision.decide(`followup-${followUp.id}`, async (idempotencyKey) => {
            await env.port.completeFollowUp({ idempotencyKey, accountId: snapshot.account.id, taskId: followUp.id });
            return 'Follow-up completed.';
          })
        }
      >
        Done
      </button>
      <DecisionStatus decision={decision} />
    </li>
  );
}

/** Open follow-ups on the account (the panel's and ones created in the CRM), earliest due first. */
export function FollowUpList() {
  const { snapshot } = useData();
  const open = snapshot.followUps ?? [];
  if (open.length === 0) {
    return null;
  }
  return (
    <div class="card">
      <h3 id="cp-followups">Open follow-ups</h3>
      <ul aria-labelledby="cp-followups">
        {open.map((followUp) => (
          <FollowUpRow key={followUp.id} followUp={followUp} />
        ))}
      </ul>
    </div>
  );
}
