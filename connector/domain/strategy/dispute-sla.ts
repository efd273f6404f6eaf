/**
 * The dispute SLA as strategy data (issue 19): how many business days sales has to answer a
 * dispute (per reason, else the default), and the steps around that date: a reminder to the sales
 * owner before it, an escalation to the owner's manager after it. Offsets count BUSINESS days on
 * the debtor's calendar (disputes-sla/calendar.ts) from the SLA date: negative = before it, positive =
 * after it has passed. Nothing here is hard-coded in the flow: `disputeSlaSchedule` reads only this.
 *
 * `DisputeSlaPolicySchema` (zod/mini, dispute-sla-schema.ts) is the connector's contract; `parseDisputeSlaPolicy` validates
 * the same shape with the zod-free guards plus the rules a schema cannot say (steps in date order,
 * reminders before the date, escalations after it, unique ids); dispute-sla.test.ts proves parity.
 */
import type { Guard } from '../guard';
import { matching, object, oneOf, optional, partialRecord, str } from '../guard';
import { DomainValidationError } from '../errors';
import { DISPUTE_REASON_CODES } from '../vocabulary';
import type { DisputeReason } from '../model';
import { intIn, list } from './field-guards';

/** What a dispute SLA step does: remind the sales owner, or escalate to the owner's manager. */
export const DISPUTE_SLA_ACTIONS = ['remind_owner', 'escalate_owner_manager'] as const;
/** One of {@link DISPUTE_SLA_ACTIONS}. */
export type DisputeSlaAction = (typeof DISPUTE_SLA_ACTIONS)[number];

const ID_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** One step around the SLA date. */
export interface DisputeSlaStep {
  id: string;
  label: string;
  /** Business days from the SLA date: negative = before it (reminders), positive = after it (escalations). */
  offsetBusinessDays: number;
  action: DisputeSlaAction;
}

/** The SLA: days to answer (per reason, else the default) and the steps around the date. */
export interface DisputeSlaPolicy {
  resolveBusinessDays: number;
  byReason?: Partial<Record<DisputeReason, number>> | undefined;
  steps: DisputeSlaStep[];
}

/**
 * The shipped SLA: answer in 10 business days (domain-rules.md (e) Controls: "resolve in 10
 * business days, escalate by amount/tier", finortal.com [S]); remind the owner 2 business days
 * before; escalate to the owner's manager on the first business day after the date has passed.
 */
export const DEFAULT_DISPUTE_SLA_POLICY: DisputeSlaPolicy = Object.freeze({
  resolveBusinessDays: 10,
  steps: Object.freeze([
    Object.freeze({ id: 'owner-reminder', label: 'Remind the sales owner', offsetBusinessDays: -2, action: 'remind_owner' as const }),
    Object.freeze({ id: 'manager-escalation', label: "Escalate to the owner's manager", offsetBusinessDays: 1, action: 'escalate_owner_manager' as const }),
  ]) as DisputeSlaStep[],
}) as DisputeSlaPolicy;

function text(max: number, pattern?: RegExp): Guard<string> {
  return (value, path) => {
    const s = pattern ? matching(pattern, 'must be letters, digits, dot, dash or underscore')(value, path) : str(value, path);
    if (s.length < 1 || s.length > max) {
      throw new DomainValidationError('invalid_input', path, `must be 1 to ${max} characters`);
    }
    return s;
  };
}

const step = object<DisputeSlaStep>({
  id: text(80, ID_PATTERN),
  label: text(120),
  offsetBusinessDays: intIn(-20, 20),
  action: oneOf(DISPUTE_SLA_ACTIONS),
});
/** The shape check alone (the strategy's parser embeds it). @internal */
export const disputeSlaPolicyShape = object<DisputeSlaPolicy>({
  resolveBusinessDays: intIn(1, 60),
  byReason: optional(partialRecord(DISPUTE_REASON_CODES, intIn(1, 60))) as Guard<Partial<Record<DisputeReason, number>> | undefined>,
  steps: list(step, 1, 10),
});

/**
 * Validate a dispute SLA policy given as data.
 * @throws DomainValidationError naming the dotted field (`steps.1.offsetBusinessDays`) and the step by id.
 */
export function parseDisputeSlaPolicy(input: unknown, field = 'disputeSla'): DisputeSlaPolicy {
  const policy = disputeSlaPolicyShape(input, field);
  const seen = new Set<string>();
  policy.steps.forEach((current, i) => {
    const at = `${field}.steps.${i}`;
    if (seen.has(current.id)) {
      throw new DomainValidationError('invalid_input', `${at}.id`, `step id '${current.id}' is used twice`);
    }
    seen.add(current.id);
    const previous = policy.steps[i - 1];
    if (previous && current.offsetBusinessDays <= previous.offsetBusinessDays) {
      throw new DomainValidationError('invalid_input', `${at}.offsetBusinessDays`, `step '${current.id}' must come after step '${previous.id}' (steps run in date order)`);
    }
    if (current.action === 'remind_owner' && current.offsetBusinessDays >= 0) {
      throw new DomainValidationError('invalid_input', `${at}.offsetBusinessDays`, `step '${current.id}': a reminder comes before the SLA date (a negative offset)`);
    }
    if (current.action === 'escalate_owner_manager' && current.offsetBusinessDays <= 0) {
      throw new DomainValidationError('invalid_input', `${at}.offsetBusinessDays`, `step '${current.id}': an escalation comes after the SLA date has passed (a positive offset)`);
    }
  });
  return policy;
}

/** The dispute SLA of a strategy: its own section, else the shipped policy (strategies written before issue 19 have none). */
export function disputeSlaPolicyOf(strategy: { disputeSla?: DisputeSlaPolicy | undefined }): DisputeSlaPolicy {
  return strategy.disputeSla ?? DEFAULT_DISPUTE_SLA_POLICY;
}
