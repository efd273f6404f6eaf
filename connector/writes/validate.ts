/**
 * The write rules every port applies before it sends anything, CRM-neutral (one implementation for
 * the Salesforce REST port, the LWC/Apex host and the FakePort): amounts greater than zero, a
 * settlement no larger than the balance it settles, dates within sane bounds, dispute lines within
 * their invoice's balance and in its currency (the domain's `validateDisputeLines`). The port's
 * schemas check shapes; these check meaning. Bad input → ConnectorError 'invalid_input' naming
 * every offending field, with words for the collector.
 */
import { ConnectorError } from '../errors';
import { addDays, compareDates } from '../domain/dates';
import { validateDisputeLines } from '../domain/disputes';
import type { Invoice, Money } from '../domain/model';
import { checkPlanAgainstInvoices, checkPlanTerms, checkPromiseTerms, checkSettlementTerms, NEGOTIATION_CEILINGS, type NegotiationIssue } from '../domain/negotiation-checks';
import type { PortWriteMethod, PortWriteInputs } from './plan';

/** A due date, expiry or follow-up may lie at most this far ahead (a 200-instalment monthly plan spans < 17 years). */
export const FUTURE_DATE_HORIZON_DAYS = 20 * 366;
/** ...and may be yesterday: "today" in a collector's zone behind the port's clock. */
export const PAST_DATE_TOLERANCE_DAYS = 1;
/** A call, visit or email may be logged up to a year after it happened, never more than a day ahead (zones). */
export const OCCURRED_AT_MAX_AGE_DAYS = 366;
export const OCCURRED_AT_MAX_AHEAD_MS = 24 * 60 * 60 * 1000;

export interface WriteRuleContext {
  /** Today in the collector's zone (`YYYY-MM-DD`). */
  today: string;
  /** The port's clock. */
  now: Date;
}

interface Issue {
  field: string;
  message: string;
}

class Issues {
  readonly list: Issue[] = [];

  positive(money: Money | null | undefined, field: string, what: string): void {
    if (money && money.amountMinor <= 0) {
      this.list.push({ field: `${field}.amountMinor`, message: `${what} is zero or less: enter an amount above zero.` });
    }
  }

  futureDate(date: string | null | undefined, field: string, what: string, today: string): void {
    if (!date) {
      return;
    }
    if (compareDates(date, addDays(today, -PAST_DATE_TOLERANCE_DAYS)) < 0) {
      this.list.push({ field, message: `${what} is in the past: choose today or a later date.` });
    } else if (compareDates(date, addDays(today, FUTURE_DATE_HORIZON_DAYS)) > 0) {
      this.list.push({ field, message: `${what} is more than 20 years away: choose an earlier date.` });
    }
  }

  occurredAt(instant: string, field: string, now: Date): void {
    const at = Date.parse(instant);
    if (at > now.getTime() + OCCURRED_AT_MAX_AHEAD_MS) {
      this.list.push({ field, message: 'The time is in the future: enter when it happened.' });
    } else if (at < now.getTime() - OCCURRED_AT_MAX_AGE_DAYS * 24 * 60 * 60 * 1000) {
      this.list.push({ field, message: 'The time is more than a year ago: log only contacts from the last 12 months.' });
    }
  }

  /** Issues from the domain's negotiation checks (already sentences with the limit and what to do). */
  add(found: readonly NegotiationIssue[]): void {
    this.list.push(...found.map(({ field, message }) => ({ field, message })));
  }

  throwIfAny(method: string): void {
    if (this.list.length === 0) {
      return;
    }
    throw new ConnectorError({
      kind: 'invalid_input',
      fields: this.list.map((i) => i.field),
      userMessage: [...new Set(this.list.map((i) => i.message))].join(' '),
      detail: `${method}: ${this.list.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
    });
  }
}

/**
 * Throw invalid_input unless `input` (already shape-checked by the port's schema) makes sense.
 * Rules that need the account's invoices are in {@link checkDisputeAgainstInvoices}.
 */
export function checkWriteRules<M extends PortWriteMethod>(method: M, input: PortWriteInputs[M], context: WriteRuleContext): void {
  const issues = new Issues();
  const { today, now } = context;
  switch (method) {
    case 'logCall':
    case 'logActivity': {
      const call = input as PortWriteInputs['logCall'] | PortWriteInputs['logActivity'];
      issues.occurredAt(call.occurredAt, 'occurredAt', now);
      issues.futureDate(call.followUpDate, 'followUpDate', 'The follow-up date', today);
      break;
    }
    case 'recordPromise': {
      const promise = input as PortWriteInputs['recordPromise'];
      issues.positive(promise.amount, 'amount', 'The promised amount');
      issues.add(checkPromiseTerms(promise, { today, slackDays: PAST_DATE_TOLERANCE_DAYS }, NEGOTIATION_CEILINGS));
      break;
    }
    case 'savePaymentPlan': {
      const plan = input as PortWriteInputs['savePaymentPlan'];
      if (plan.planId === null) {
        issues.positive(plan.total, 'total', 'The plan total');
        issues.positive(plan.downPayment, 'downPayment', 'The down payment');
        plan.instalments.forEach((instalment, index) => {
          issues.positive(instalment.amount, `instalments.${index}.amount`, 'An instalment');
        });
        issues.add(checkPlanTerms(plan, { today, slackDays: PAST_DATE_TOLERANCE_DAYS }, NEGOTIATION_CEILINGS));
      }
      break;
    }
    case 'raiseDispute': {
      const dispute = input as PortWriteInputs['raiseDispute'];
      dispute.lines.forEach((line, index) => issues.positive(line.amount, `lines.${index}.amount`, 'A disputed amount'));
      issues.futureDate(dispute.slaDueDate, 'slaDueDate', 'The dispute deadline', today);
      break;
    }
    case 'recordSettlementOffer': {
      const offer = input as PortWriteInputs['recordSettlementOffer'];
      issues.positive(offer.balance, 'balance', 'The balance');
      issues.positive(offer.offerAmount, 'offerAmount', 'The settlement amount');
      if (offer.offerAmount.currency !== offer.balance.currency) {
        issues.list.push({ field: 'offerAmount.currency', message: `The settlement is in another currency than the balance: enter it in ${offer.balance.currency}.` });
      } else if (offer.offerAmount.amountMinor > offer.balance.amountMinor) {
        issues.list.push({ field: 'offerAmount.amountMinor', message: 'The settlement is more than the balance: offer at most the balance.' });
      }
      issues.add(checkSettlementTerms(offer, { today, slackDays: PAST_DATE_TOLERANCE_DAYS }, NEGOTIATION_CEILINGS));
      break;
    }
    default:
      break;
  }
  issues.throwIfAny(method);
}

/**
 * Throw invalid_input unless every dispute line names one of the account's invoices, in its
 * currency, for more than zero and at most its open balance (domain `validateDisputeLines`).
 */
export function checkDisputeAgainstInvoices(input: PortWriteInputs['raiseDispute'], invoices: readonly Invoice[]): void {
  const found = validateDisputeLines(input.lines, invoices);
  if (found.length === 0) {
    return;
  }
  const issues = new Issues();
  for (const issue of found) {
    issues.list.push({ field: issue.field.replace(/\[(\d+)\]/g, '.$1'), message: issue.message });
  }
  issues.throwIfAny('raiseDispute');
}

/**
 * Throw invalid_input unless a new plan's total is at most the collectable balance of the invoices
 * it names, as the CRM lists them now (domain `checkPlanAgainstInvoices`).
 */
export function checkPlanAgainstAccountInvoices(input: PortWriteInputs['savePaymentPlan'], invoices: readonly Invoice[]): void {
  if (input.planId !== null) {
    return;
  }
  const issue = checkPlanAgainstInvoices(input, invoices);
  const issues = new Issues();
  issues.add(issue ? [issue] : []);
  issues.throwIfAny('savePaymentPlan');
}
