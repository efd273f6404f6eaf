/**
 * A dispute's SLA on the debtor's business days: the date sales must answer by, the reminder and
 * escalation steps around it (strategy data, strategy/dispute-sla.ts), and where a dispute stands
 * on a given day, in words for people. Pure: the caller passes the day (`asOf`), the policy and
 * the calendar.
 */
import { addBusinessDays, compareDates, parseIsoDate } from '../dates';
import { ACTIVE_DISPUTE_STATUSES } from '../disputes';
import type { DisputeReason, DisputeStatus, IsoDate } from '../model';
import type { DisputeSlaPolicy, DisputeSlaStep } from '../strategy/dispute-sla';
import { parseDisputeSlaPolicy } from '../strategy/dispute-sla';
import type { CompanyCalendar } from './calendar';
import { businessDaysBetween, debtorCalendar } from './calendar';

/** Where the SLA is read from: the strategy's policy, the debtor's country and the company calendar. */
export interface DisputeSlaContext {
  policy: DisputeSlaPolicy;
  /** ISO 3166-1 alpha-2 country of the debtor; null = Saturday–Sunday weekend, company holidays only. */
  country: string | null;
  calendar?: CompanyCalendar;
}

/** The dispute facts the SLA needs. */
export interface DisputeSlaFacts {
  openedOn: IsoDate;
  reason: DisputeReason;
  status: DisputeStatus;
  /** The SLA date already recorded on the dispute (it wins: it is what the owner was told). */
  slaDueDate?: IsoDate | null;
  /** True once the sales owner has answered: the owner's clock stops. */
  answered?: boolean;
}

/** A step of the schedule on its calendar date. */
export interface ScheduledSlaStep {
  step: DisputeSlaStep;
  date: IsoDate;
}

/** Business days to answer a dispute of this reason under the policy. */
export function slaBusinessDaysFor(policy: DisputeSlaPolicy, reason: DisputeReason): number {
  return policy.byReason?.[reason] ?? policy.resolveBusinessDays;
}

/** The SLA date of a dispute opened on `openedOn`: N business days on the debtor's calendar. */
export function disputeSlaDueDate(openedOn: IsoDate, reason: DisputeReason, context: DisputeSlaContext): IsoDate {
  const policy = parseDisputeSlaPolicy(context.policy, 'policy');
  const { holidays, weekend } = debtorCalendar(context.country, context.calendar);
  return addBusinessDays(parseIsoDate(openedOn, 'openedOn'), slaBusinessDaysFor(policy, reason), holidays, weekend);
}

/** The SLA date and every step of the policy on its date (business days from the SLA date). */
export function disputeSlaSchedule(facts: DisputeSlaFacts, context: DisputeSlaContext): { dueDate: IsoDate; steps: ScheduledSlaStep[] } {
  const policy = parseDisputeSlaPolicy(context.policy, 'policy');
  const { holidays, weekend } = debtorCalendar(context.country, context.calendar);
  const dueDate = facts.slaDueDate != null
    ? parseIsoDate(facts.slaDueDate, 'slaDueDate')
    : addBusinessDays(parseIsoDate(facts.openedOn, 'openedOn'), slaBusinessDaysFor(policy, facts.reason), holidays, weekend);
  return {
    dueDate,
    steps: policy.steps.map((step) => ({ step, date: addBusinessDays(dueDate, step.offsetBusinessDays, holidays, weekend) })),
  };
}

/** Where a dispute stands on the owner's SLA. */
export type DisputeSlaState = 'on_track' | 'due_soon' | 'overdue' | 'answered' | 'closed';

/** A dispute's SLA on `asOf`. */
export interface DisputeSlaStatus {
  state: DisputeSlaState;
  dueDate: IsoDate;
  /** Business days left until the SLA date (0 = due today; negative = business days past it). */
  businessDaysLeft: number;
  /** Steps whose date has come (on or before `asOf`) while the owner's clock runs; the caller writes those not yet written. */
  dueSteps: ScheduledSlaStep[];
  /** True when an escalation step is due: the dispute shows "escalated". */
  escalated: boolean;
  /** The time left, in words: "3 business days left", "Due today", "2 business days past the SLA". */
  words: string;
}

/** The SLA of one dispute on `asOf`: state, time left, and the steps due. */
export function disputeSlaStatus(facts: DisputeSlaFacts, context: DisputeSlaContext & { asOf: IsoDate }): DisputeSlaStatus {
  const asOf = parseIsoDate(context.asOf, 'asOf');
  const { dueDate, steps } = disputeSlaSchedule(facts, context);
  const options = debtorCalendar(context.country, context.calendar);
  const businessDaysLeft = businessDaysBetween(asOf, dueDate, options);
  if (!ACTIVE_DISPUTE_STATUSES.includes(facts.status)) {
    return { state: 'closed', dueDate, businessDaysLeft, dueSteps: [], escalated: false, words: 'Closed' };
  }
  if (facts.answered === true) {
    return { state: 'answered', dueDate, businessDaysLeft, dueSteps: [], escalated: false, words: 'Answered by the sales owner' };
  }
  const dueSteps = steps.filter((s) => compareDates(s.date, asOf) <= 0);
  const escalated = dueSteps.some((s) => s.step.action === 'escalate_owner_manager');
  const pastDue = compareDates(asOf, dueDate) > 0;
  const reminderDue = dueSteps.some((s) => s.step.action === 'remind_owner');
  const state: DisputeSlaState = pastDue ? 'overdue' : reminderDue ? 'due_soon' : 'on_track';
  return { state, dueDate, businessDaysLeft, dueSteps, escalated, words: slaWords(businessDaysLeft, pastDue) };
}

function slaWords(left: number, pastDue: boolean): string {
  const days = (n: number): string => `${n} business day${n === 1 ? '' : 's'}`;
  if (pastDue) {
    // Past the date but on a weekend or holiday: no business day has passed yet.
    return left === 0 ? 'Past the SLA date' : `${days(-left)} past the SLA`;
  }
  return left === 0 ? 'Due today' : `${days(left)} left`;
}
