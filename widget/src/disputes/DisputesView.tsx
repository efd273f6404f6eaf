/**
 * "Disputes waiting for me" (issue 19): the signed-in user's open disputes as sales owner (and those
 * escalated to them as manager), with the disputed amount, reason, evidence and the time left on the
 * SLA on the debtor's business days (the domain's disputeSlaStatus on the strategy's policy), and the
 * answer in one step: credit note (full or partial), reject with a reason, or ask for more
 * information. CRM text is rendered as text only.
 */
import { useEffect, useState } from 'preact/hooks';
import { AnswerForm, disputed } from './AnswerForm';
import type { AnswerDisputeInput, OwnerDispute, OwnerDisputeList, WriteResult } from '../../../connector/port';
import { DISPUTE_REASONS } from '../../../connector/domain/disputes';
import { disputeSlaStatus } from '../../../connector/domain/disputes-sla/sla';
import type { CompanyCalendar } from '../../../connector/domain/disputes-sla/calendar';
import type { DisputeSlaPolicy } from '../../../connector/domain/strategy/dispute-sla';
import { date, money } from '../format';
import { zonedParts } from '../../../connector/domain/time';

export interface DisputesEnv {
  port: { listDisputesForOwner(userId: string): Promise<OwnerDisputeList>; answerDispute(input: AnswerDisputeInput): Promise<WriteResult> };
  userId: string;
  locale: string;
  userTimeZone: string;
  now: () => Date;
  policy: DisputeSlaPolicy;
  calendar?: CompanyCalendar;
}

function Row({ item, env, onDone }: { item: OwnerDispute; env: DisputesEnv; onDone: () => void }) {
  const d = item.dispute;
  const asOf = zonedParts(env.now().toISOString(), item.account.zone ?? env.userTimeZone).date;
  const sla = disputeSlaStatus(
    { openedOn: d.openedOn, reason: d.reason, status: d.status, slaDueDate: d.slaDueDate, answered: !!d.ownerAnswer },
    { policy: env.policy, country: item.account.country, ...(env.calendar ? { calendar: env.calendar } : {}), asOf },
  );
  const escalated = !!d.escalatedAt || (sla.escalated && !d.ownerAnswer);
  return (
    <li class="dispute" data-dispute-id={d.id}>
      <h2>{item.account.name} · {DISPUTE_REASONS[d.reason]?.label ?? d.reason}{d.reference ? ` · ${d.reference}` : ''}</h2>
      <p class="facts">
        <strong>{money(disputed(item), env.locale)}</strong> disputed on {d.lines.length} invoice{d.lines.length === 1 ? '' : 's'} ·
        {' '}SLA {date(sla.dueDate, env.locale)}: <span class={`sla ${sla.state}`}>{sla.words}</span>
        {escalated && <span class="badge escalated">Escalated</span>}
        {item.escalatedToMe && <span class="badge">Escalated to you (owner {d.owner.name})</span>}
      </p>
      {d.evidence && <p class="evidence">{d.evidence}</p>}
      {d.ownerAnswer ? <p class="answered">Answered: {d.ownerAnswer.kind === 'credit_note' ? 'credit note requested' : d.ownerAnswer.kind === 'rejected' ? 'rejected' : 'more information requested'}</p> : <AnswerForm item={item} env={env} onDone={onDone} />}
    </li>
  );
}

export function DisputesView({ env }: { env: DisputesEnv }) {
  const [list, setList] = useState<OwnerDisputeList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    env.port.listDisputesForOwner(env.userId).then((next) => live && setList(next), (failure) => live && setError((failure as { userMessage?: string }).userMessage ?? 'The disputes could not be loaded.'));
    return () => {
      live = false;
    };
  }, [round]);
  if (error) {
    return <p class="error" role="alert">{error}</p>;
  }
  if (!list) {
    return <p aria-busy="true">Loading the disputes waiting for you…</p>;
  }
  const waiting = list.items.filter((i) => !i.dispute.ownerAnswer);
  return (
    <section class="disputes" aria-label="Disputes waiting for me">
      <p class="summary">{waiting.length === 0 ? 'No disputes are waiting for you.' : `${waiting.length} dispute${waiting.length === 1 ? '' : 's'} waiting for your answer.`}</p>
      <ul>{list.items.map((item) => <Row key={item.dispute.id} item={item} env={env} onDone={() => setRound(round + 1)} />)}</ul>
    </section>
  );
}
