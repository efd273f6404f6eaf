/**
 * An account's next collection action under a strategy: which step of its segment's ladder, when,
 * to whom, and why in plain words. One function for the worklist and the panel, so they cannot
 * disagree (issue "The collector's day"; docs/decisions/0015).
 *
 * Ladder position: steps fall on the due date of the oldest open invoice still on the ladder plus
 * the step's offset (Upflow's "carrying invoice", portfolio-and-data.md §3). The step in force is
 * the last one whose day has come; it is done once the customer was contacted on or after its day,
 * and then the next step is due on its own day. An account found late on the ladder starts at the
 * step in force, not at the first one.
 *
 * Pauses (portfolio-and-data.md §3): a wholly disputed invoice leaves the ladder (its amount stays
 * in the figures: the caller's facts); a pending promise pauses until its date plus tolerance days
 * (SAP FSCM); an active plan whose instalments are at most tolerance days late pauses; a minimum gap
 * between contacts (SAP dunning interval, Upflow minimum contact delay); a compliance block moves
 * the step to the engine's `nextAllowedAt`.
 */
import type { Account, Contact, IsoDate, Money, UserRef } from '../model';
import type { RiskRating } from '../portfolio/book';
import type { HistoryActivity } from '../compliance/engine';
import type { PolicyRules } from '../compliance/profile';
import { checkContactWithRules } from '../compliance/engine';
import { addDays, compareDates, daysBetween, parseIsoDate } from '../dates';
import { instantFromZoned, parseInstant, requireTimeZone, zonedParts } from '../time';
import { requireObject } from '../errors';
import { DEFAULT_STRATEGY } from './defaults';
import { parseStrategy } from './parse';
import type { Strategy, StrategySegment, StrategyStep } from './schema';
import type { StrategyAction } from './vocabulary';
import { chooseRecipients } from './recipients';
import type { Recipient } from './recipients';
import { matchSegment } from './segments';
import { longDate } from './words';

/** What the ladder needs to know about one account (from a snapshot or from portfolio facts). */
export interface LadderFacts {
  accountId: string;
  /** IANA zone whose calendar the account's days are counted in. */
  zone: string;
  /** Collectable amount in the strategy's currency (the caller converts at its dated rate). */
  collectable: Money;
  /** Due date of the oldest open invoice with an undisputed balance; null when none is open. */
  oldestDueDate: IsoDate | null;
  /** Open invoices held off the ladder because an active dispute covers their whole balance. */
  disputedInvoices: number;
  /** Date of the earliest pending promise to pay, if any. */
  promiseDueDate: IsoDate | null;
  /** The active payment plan, if any: its oldest unpaid instalment date and the next one ahead. */
  plan: { oldestUnpaidDueDate: IsoDate | null; nextInstalmentDate: IsoDate | null } | null;
  /** Last outbound contact with the customer (any channel). */
  lastContactAt: string | null;
  riskRating: RiskRating | null;
  keyAccount: boolean;
  /** ISO 3166-1 alpha-2 country. */
  country: string | null;
  complianceProfile: string | null;
  /** The account's owner (sales), for escalations. */
  owner: UserRef | null;
  /** The customer's contacts; null where they were not read (the worklist): recipients are then left to the panel. */
  contacts: readonly Contact[] | null;
}

/** The compliance engine's inputs besides contact, channel and time (what the panel's snapshot carries). */
export interface LadderCompliance {
  rules: PolicyRules;
  account: Account;
  history: readonly HistoryActivity[];
  holidays?: Readonly<Record<string, readonly string[]>>;
}

/** Options for {@link nextAction}. */
export interface NextActionOptions {
  /** Now: an ISO instant with Z or an offset. */
  at: string;
  /** Strategy as data (validated on first use); default {@link DEFAULT_STRATEGY}. */
  strategy?: unknown;
  /** When given, e-mails and calls are checked by the compliance engine and moved to `nextAllowedAt`. */
  compliance?: LadderCompliance | null;
}

/**
 * - `due`: the action is due today or late; `scheduled`: it falls on a later day;
 * - `paused`: a promise or plan holds the ladder (the step shown comes after the pause);
 * - `blocked`: compliance forbids the contact with no known end;
 * - `none`: nothing to chase on the ladder (nothing open, all disputed, every step done).
 */
export type NextActionStatus = 'due' | 'scheduled' | 'paused' | 'blocked' | 'none';

/** The answer: next action, its day and the reason in words. */
export interface NextAction {
  accountId: string;
  strategyId: string;
  segmentId: string | null;
  segmentName: string | null;
  status: NextActionStatus;
  step: StrategyStep | null;
  action: StrategyAction | null;
  /** The account's local day the action is due (after pauses, gap and compliance). */
  dueOn: IsoDate | null;
  /** First allowed instant when compliance moved or timed the contact; else null. */
  dueAt: string | null;
  /** Days the action is late (due before today); 0 otherwise. */
  daysLate: number;
  /** Days past due of the oldest invoice on the ladder (negative before it falls due). */
  daysPastDue: number | null;
  recipients: Recipient[];
  /** Plain words for the collector. */
  reason: string;
}

const COMPLIANCE_CHANNEL: Partial<Record<StrategyAction, 'email' | 'call'>> = { email: 'email', call: 'call' };
const validated = new WeakMap<object, Strategy>();

/** Parse a strategy once per object (the worklist asks for thousands of accounts); default {@link DEFAULT_STRATEGY}. */
export function strategyOf(input: unknown): Strategy {
  const key = requireObject(input === undefined ? DEFAULT_STRATEGY : input, 'strategy') as object;
  let strategy = validated.get(key);
  if (strategy === undefined) {
    strategy = parseStrategy(key);
    validated.set(key, strategy);
    validated.set(strategy, strategy);
  }
  return strategy;
}

/**
 * The next action for one account.
 * @throws DomainValidationError for an invalid strategy (naming segment, step and field), malformed
 * facts, or a collectable amount in another currency than the strategy's (`currency_mismatch`).
 */
export function nextAction(facts: LadderFacts, options: NextActionOptions): NextAction {
  requireObject(options, 'options');
  return nextActionUnder(facts, strategyOf(options.strategy), options, checkContactWithRules);
}

/** The compliance engine's check, passed in so a caller without compliance (the page connector) does not bundle it. */
export type ContactCheck = typeof checkContactWithRules;

/**
 * {@link nextAction} under a strategy already validated: {@link DEFAULT_STRATEGY} (which parseStrategy
 * accepts unchanged, tested in defaults.test.ts) or one parseStrategy returned. The page connector
 * calls this without compliance, so page bundles carry the ladder but neither the strategy's
 * validation nor the compliance engine (the panel checks compliance live; issue 18).
 */
export function nextActionUnder(facts: LadderFacts, strategy: Strategy, options: Omit<NextActionOptions, 'strategy'>, checkContact?: ContactCheck): NextAction {
  requireObject(facts, 'facts');
  requireObject(options, 'options');
  if (options.compliance && !checkContact) {
    throw new TypeError('nextActionUnder: compliance needs the contact check (checkContactWithRules)');
  }
  parseInstant(options.at, 'at');
  const zone = requireTimeZone(facts.zone, 'facts.zone');
  const today = zonedParts(options.at, zone).date;
  const base: NextAction = {
    accountId: facts.accountId,
    strategyId: strategy.id,
    segmentId: null,
    segmentName: null,
    status: 'none',
    step: null,
    action: null,
    dueOn: null,
    dueAt: null,
    daysLate: 0,
    daysPastDue: null,
    recipients: [],
    reason: '',
  };
  const segment = matchSegment(strategy, facts);
  Object.assign(base, { segmentId: segment.id, segmentName: segment.name });
  const disputedWords = facts.disputedInvoices > 0 ? ` ${plural(facts.disputedInvoices, 'disputed invoice')} wait for their disputes and stay in the figures.` : '';
  if (facts.oldestDueDate === null) {
    const reason = facts.disputedInvoices > 0 ? `Every open invoice is disputed: nothing to chase until the disputes are settled.` : 'Nothing open to chase.';
    return { ...base, reason: facts.disputedInvoices > 0 ? `${reason} The amounts stay in the figures.` : reason };
  }
  const oldestDue = parseIsoDate(facts.oldestDueDate, 'facts.oldestDueDate');
  const daysPastDue = daysBetween(oldestDue, today);
  base.daysPastDue = daysPastDue;
  if (facts.collectable.amountMinor <= 0) {
    return { ...base, reason: `Nothing collectable: credits or disputes cover the open balance.${disputedWords}` };
  }
  const lastContactDay = facts.lastContactAt === null ? null : zonedParts(facts.lastContactAt, zone).date;
  const position = ladderPosition(segment, oldestDue, today, lastContactDay);
  if (position.index === null) {
    const last = segment.steps[segment.steps.length - 1]!;
    return {
      ...base,
      reason: `Every step of the ${segment.name.toLowerCase()} ladder is done (the last, "${last.label}", on ${longDate(addDays(oldestDue, last.offsetDays))}): review the account.${disputedWords}`,
    };
  }
  const step = segment.steps[position.index]!;
  const stepDay = addDays(oldestDue, step.offsetDays);
  let dueOn = stepDay;
  const why: string[] = [position.words(step, stepDay)];
  let paused = false;

  const pauses = strategy.pauses;
  if (facts.plan !== null) {
    const late = facts.plan.oldestUnpaidDueDate === null ? null : daysBetween(parseIsoDate(facts.plan.oldestUnpaidDueDate, 'facts.plan.oldestUnpaidDueDate'), today);
    if (late === null || late <= pauses.planToleranceDays) {
      const watch = facts.plan.oldestUnpaidDueDate ?? facts.plan.nextInstalmentDate;
      paused = true;
      if (watch === null) {
        return { ...base, status: 'paused', step, action: step.action, reason: 'Paused: the payment plan is being honoured.' + disputedWords };
      }
      const resume = addDays(parseIsoDate(watch, 'facts.plan'), pauses.planToleranceDays + 1);
      dueOn = later(dueOn, resume);
      why.push(`Paused while the payment plan is honoured; the instalment of ${longDate(watch)} is watched until ${longDate(addDays(resume, -1))}.`);
    } else {
      why.push(`The payment plan is behind: the instalment of ${longDate(facts.plan.oldestUnpaidDueDate!)} is ${plural(late, 'day')} late.`);
    }
  }
  if (facts.promiseDueDate !== null) {
    const promised = parseIsoDate(facts.promiseDueDate, 'facts.promiseDueDate');
    const lastKeptDay = addDays(promised, pauses.promiseToleranceDays);
    if (compareDates(today, lastKeptDay) <= 0) {
      paused = true;
      dueOn = later(dueOn, addDays(lastKeptDay, 1));
      why.push(`Paused: the customer promised to pay by ${longDate(promised)}${pauses.promiseToleranceDays > 0 ? ` (plus ${plural(pauses.promiseToleranceDays, 'day')} for the money to arrive)` : ''}.`);
    } else {
      why.push(`The promise to pay by ${longDate(promised)} was not kept.`);
    }
  }
  if (lastContactDay !== null && pauses.minGapDays > 0) {
    const gapEnd = addDays(lastContactDay, pauses.minGapDays);
    if (compareDates(gapEnd, dueOn) > 0) {
      dueOn = gapEnd;
      why.push(`Last contact was on ${longDate(lastContactDay)}; contacts are at least ${plural(pauses.minGapDays, 'day')} apart.`);
    }
  }

  const chosen = chooseRecipients(step, strategy, facts.contacts, facts.owner);
  if (chosen.note) {
    why.push(chosen.note);
  }
  let dueAt: string | null = null;
  const channel = COMPLIANCE_CHANNEL[step.action];
  const to = chosen.recipients[0];
  if (options.compliance && checkContact && channel && to?.kind === 'contact') {
    const contact = facts.contacts!.find((candidate) => candidate.id === to.contactId)!;
    const nowMs = parseInstant(options.at, 'at');
    const dayStart = instantFromZoned(dueOn, '00:00', zone);
    const checkAt = parseInstant(dayStart, 'dueOn') > nowMs ? dayStart : options.at;
    const answer = checkContact({
      profile: options.compliance.rules,
      channel,
      at: checkAt,
      contact,
      account: options.compliance.account,
      history: options.compliance.history,
      holidays: options.compliance.holidays,
    });
    if (answer.allowed) {
      dueAt = checkAt;
    } else if (answer.nextAllowedAt === null) {
      const blocking = answer.reasons.find((reason) => reason.severity !== 'info');
      return {
        ...base,
        status: 'blocked',
        step,
        action: step.action,
        recipients: chosen.recipients,
        reason: [...why, `Blocked: ${blocking?.message ?? 'contact is not allowed'}, with no known end.`].join(' '),
      };
    } else {
      dueAt = answer.nextAllowedAt;
      const movedTo = zonedParts(dueAt, zone).date;
      if (compareDates(movedTo, dueOn) > 0 || checkAt === options.at) {
        const blocking = answer.reasons.find((reason) => reason.severity !== 'info');
        why.push(`Not allowed ${checkAt === options.at ? 'now' : `on ${longDate(dueOn)}`}${blocking ? ` (${lowerFirst(blocking.message)})` : ''}: moved to the next allowed time, ${longDate(movedTo)}.`);
      }
      dueOn = later(dueOn, movedTo);
    }
  }
  const daysLate = Math.max(0, daysBetween(dueOn, today));
  const status: NextActionStatus = paused ? 'paused' : compareDates(dueOn, today) <= 0 ? 'due' : 'scheduled';
  return {
    ...base,
    status,
    step,
    action: step.action,
    dueOn,
    dueAt,
    daysLate,
    recipients: chosen.recipients,
    reason: (why.join(' ') + disputedWords).trim(),
  };
}

interface LadderPosition {
  /** Index of the next step; null when every step is done. */
  index: number | null;
  words: (step: StrategyStep, stepDay: IsoDate) => string;
}

/** Which step comes next, given the ladder's days and the last contact. */
function ladderPosition(segment: StrategySegment, oldestDue: IsoDate, today: IsoDate, lastContactDay: IsoDate | null): LadderPosition {
  const steps = segment.steps;
  let current = -1;
  for (let i = 0; i < steps.length; i += 1) {
    if (compareDates(addDays(oldestDue, steps[i]!.offsetDays), today) <= 0) {
      current = i;
    }
  }
  const dpd = daysBetween(oldestDue, today);
  const age = dpd > 0 ? `The oldest invoice is ${plural(dpd, 'day')} past due.` : dpd === 0 ? 'The oldest invoice falls due today.' : `The oldest invoice falls due in ${plural(-dpd, 'day')}.`;
  if (current === -1) {
    return { index: 0, words: (step, day) => `${age} First step: ${lowerFirst(step.label)} on ${longDate(day)}.` };
  }
  const currentDay = addDays(oldestDue, steps[current]!.offsetDays);
  const done = lastContactDay !== null && compareDates(lastContactDay, currentDay) >= 0;
  if (!done) {
    return { index: current, words: (step, day) => `${age} ${step.label} was due on ${longDate(day)}.` };
  }
  if (current + 1 >= steps.length) {
    return { index: null, words: () => age };
  }
  return {
    index: current + 1,
    words: (step, day) => `${age} "${steps[current]!.label}" was done (contact on ${longDate(lastContactDay)}); next, ${lowerFirst(step.label)} on ${longDate(day)}.`,
  };
}

function later(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0]!.toLowerCase() + text.slice(1) : text;
}
