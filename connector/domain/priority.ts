/**
 * Explainable worklist priority per account (domain-rules.md (g)).
 *
 * 1. Eligibility gate: an account the compliance engine blocks (cease, bankruptcy, breathing space,
 *    dispute, window, cap …) is not ranked now; it carries the engine's reasons and
 *    `nextPermittedContactAt`. Nothing collectable → not eligible either.
 * 2. Expected value: `collectable × urgency(DPD)`, `urgency = 1 + β·ln(1 + min(DPD, cap))`. The DPD
 *    cap stops old, low-probability debt from dominating ((g) 2: "cap DPD or use expected value").
 * 3. Modifiers ((g) 3), each a multiplier:
 *    broken promises in the last 90 days (+), promise due today/tomorrow (+), promise in force not
 *    yet due (suppress), recent right-party conversation (−, Reg F 7-day clock), risk rating, key
 *    account (+), approaching a bucket boundary (+, e.g. DPD 25-30 before 31-60).
 *
 * THE SCORE IS EXACTLY THE PRODUCT OF THE COMPONENT VALUES, in order:
 *   score = eligibility(0|1) × collectable × urgency × brokenPromises × promiseDueSoon
 *           × promiseInForce × recentConversation × risk × keyAccount × bucketBoundary
 * `collectable` is the reporting-currency amount in minor units, so scores are comparable only
 * within one reporting currency (rankAccounts enforces it).
 *
 * Inputs are precomputed facts (amounts, DPD, promise dates): this module does not compute aging
 * or promise status itself.
 */
import type { ComplianceReason, ComplianceResult } from './compliance/engine';
import { integerIn, invalid } from './errors';
import type { PRIORITY_COMPONENTS} from './vocabulary';
import { RISK_RATINGS } from './vocabulary';
import { nonEmpty, nullish, oneOf } from './guard';
import { currencyCode, priorityResult } from './guards';
import { addDays, daysBetween, parseIsoDate } from './dates';
import { parseInstant, requireTimeZone, zonedParts } from './time';

/** Tunable weights. Defaults are placeholders to recalibrate against PTP/roll-rate data ((g) 5). */
export interface PriorityWeights {
  /** β in `urgency = 1 + β·ln(1 + DPD)`. */
  urgencyBeta: number;
  /** DPD beyond this adds no urgency. */
  dpdCap: number;
  /** Each broken promise in the last 90 days multiplies by (1 + this) … */
  brokenPromiseStep: number;
  /** … counting at most this many promises. */
  brokenPromiseMaxCount: number;
  /** Multiplier when a promise falls due today or tomorrow (chase on the day). */
  promiseDueSoon: number;
  /** Multiplier when a promise is in force and not yet due (suppress: give it a chance). */
  promiseInForce: number;
  /** Local days after a conversation during which the account is de-prioritised (Reg F 7-day clock). */
  recentConversationDays: number;
  /** Multiplier during that period. */
  recentConversation: number;
  /** Multiplier per risk rating (unknown rating = 1). */
  risk: { low: number; medium: number; high: number };
  /** Multiplier for key accounts (route to owner, gentler tone). */
  keyAccount: number;
  /** Upper DPD edges of aging buckets (0-30, 31-60, 61-90, 91-120 → 30, 60, 90, 120). */
  bucketBoundaries: number[];
  /** Boost applies when DPD is within this many days up to a boundary (25-30 for 30). */
  boundaryLeadDays: number;
  /** Multiplier before a boundary. */
  bucketBoundary: number;
}

/** Documented defaults. (`@__PURE__`: a bundle that never reads them drops them; issue 18.) */
export const DEFAULT_PRIORITY_WEIGHTS: Readonly<PriorityWeights> = /* @__PURE__ */ Object.freeze({
  urgencyBeta: 0.5,
  dpdCap: 180,
  brokenPromiseStep: 0.15,
  brokenPromiseMaxCount: 3,
  promiseDueSoon: 1.3,
  promiseInForce: 0.2,
  recentConversationDays: 7,
  recentConversation: 0.5,
  risk: /* @__PURE__ */ Object.freeze({ low: 0.9, medium: 1, high: 1.25 }),
  keyAccount: 1.2,
  bucketBoundaries: /* @__PURE__ */ Object.freeze([30, 60, 90, 120]) as unknown as number[],
  boundaryLeadDays: 5,
  bucketBoundary: 1.2,
});

/** Precomputed facts about one account. */
export interface PriorityFacts {
  accountId: string;
  /** Collectable (undisputed, open) balance converted to the reporting currency, minor units. */
  collectableReportingMinor: number;
  /** Reporting currency (ISO 4217). */
  currency: string;
  /** Days past due of the oldest overdue invoice (0 when nothing is overdue). */
  maxDaysPastDue: number;
  /** Promises broken in the last 90 days. */
  brokenPromisesLast90Days: number;
  /** Due date of the nearest pending promise to pay, if any. */
  nextPromiseDueDate?: string | null;
  /** Last right-party conversation, if any. */
  lastConversationAt?: string | null;
  riskRating?: 'low' | 'medium' | 'high' | null;
  keyAccount?: boolean | null;
  /** The compliance engine's answer for the account's primary contact/channel (eligibility gate). */
  compliance?: Pick<ComplianceResult, 'allowed' | 'nextAllowedAt' | 'reasons'> | null;
}

/** When and where "today" is (promise due dates and the conversation clock are local calendar days). */
export interface PriorityClock {
  asOf: string;
  zone: string;
}

/** One factor of the score, with its multiplier and a plain-language explanation. */
export interface PriorityComponent {
  name: (typeof PRIORITY_COMPONENTS)[number];
  /** Factor in the product (collectable: the amount itself). */
  value: number;
  explanation: string;
}

/** An account's score, eligibility, components (whose product is the score) and blocking reasons. */
/** Why an account is not eligible: a blocking compliance reason, or nothing to collect. */
export interface PriorityReason {
  code: ComplianceReason['code'] | 'nothing_collectable';
  message: string;
  rule: string;
}

export interface PriorityResult {
  accountId: string;
  eligible: boolean;
  /** Product of all component values. */
  score: number;
  components: PriorityComponent[];
  /** Why the account is not eligible now (compliance blocking reasons, or nothing collectable). */
  reasons: PriorityReason[];
  /** When ineligible because of compliance: the engine's next allowed instant (null = no known end). */
  nextPermittedContactAt: string | null;
}

function requireCount(value: unknown, field: string): number {
  return integerIn(value, field, 0, undefined, 'invalid_input');
}

function requireFactor(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    invalid(field, 'expected a finite non-negative number');
  }
}

function validateWeights(weights: PriorityWeights): void {
  // Every numeric default names a plain factor; risk and bucketBoundaries are checked below.
  for (const [key, fallback] of Object.entries(DEFAULT_PRIORITY_WEIGHTS)) {
    if (typeof fallback === 'number') {
      requireFactor(weights[key as keyof PriorityWeights], `weights.${key}`);
    }
  }
  for (const key of RISK_RATINGS) {
    requireFactor(weights.risk?.[key], `weights.risk.${key}`);
  }
  if (!Array.isArray(weights.bucketBoundaries)) {
    invalid('weights.bucketBoundaries', 'expected an array of DPD values');
  }
  weights.bucketBoundaries.forEach((edge, index) => requireCount(edge, `weights.bucketBoundaries.${index}`));
}

function round(value: number, digits = 3): string {
  return String(Math.round(value * 10 ** digits) / 10 ** digits);
}

/**
 * Score one account. `weights` may override any default.
 * @throws DomainValidationError naming the offending field (`facts.maxDaysPastDue`, `clock.zone` …).
 */
export function scoreAccount(facts: PriorityFacts, clock: PriorityClock, weights: Partial<PriorityWeights> = {}): PriorityResult {
  return scoreWithRoot(facts, clock, weights, 'facts');
}

function scoreWithRoot(facts: PriorityFacts, clock: PriorityClock, weights: Partial<PriorityWeights>, root: string): PriorityResult {
  const w: PriorityWeights = { ...DEFAULT_PRIORITY_WEIGHTS, ...weights };
  validateWeights(w);
  if (facts === null || typeof facts !== 'object') {
    invalid(root, 'expected an object');
  }
  nonEmpty(facts.accountId, `${root}.accountId`);
  integerIn(facts.collectableReportingMinor, `${root}.collectableReportingMinor`, undefined, undefined, 'invalid_input');
  currencyCode(facts.currency, `${root}.currency`);
  integerIn(facts.maxDaysPastDue, `${root}.maxDaysPastDue`, undefined, undefined, 'invalid_input');
  const brokenPromises = requireCount(facts.brokenPromisesLast90Days, `${root}.brokenPromisesLast90Days`);
  const promiseDue = facts.nextPromiseDueDate == null ? null : parseIsoDate(facts.nextPromiseDueDate, `${root}.nextPromiseDueDate`);
  const lastConversationMs = facts.lastConversationAt == null ? null : parseInstant(facts.lastConversationAt, `${root}.lastConversationAt`);
  nullish(oneOf(RISK_RATINGS))(facts.riskRating, `${root}.riskRating`);
  const zone = requireTimeZone(clock?.zone, 'clock.zone');
  const asOfMs = parseInstant(clock?.asOf, 'clock.asOf');
  const today = zonedParts(asOfMs, zone).date;
  const tomorrow = addDays(today, 1);

  // 1. Eligibility gate
  const reasons: PriorityResult['reasons'] = [];
  if (facts.collectableReportingMinor <= 0) {
    reasons.push({ code: 'nothing_collectable', message: 'No collectable balance (paid, disputed or in credit).', rule: '(g) 1 eligibility' });
  }
  const components: PriorityComponent[] = [eligibilityComponent(reasons, null)];

  // 2. Expected value core
  const collectable = Math.max(0, facts.collectableReportingMinor);
  components.push({ name: 'collectable', value: collectable, explanation: `Collectable ${collectable} ${facts.currency} minor units.` });
  const dpd = Math.min(Math.max(0, facts.maxDaysPastDue), w.dpdCap);
  const urgency = 1 + w.urgencyBeta * Math.log(1 + dpd);
  components.push({
    name: 'urgency',
    value: urgency,
    explanation: `1 + ${w.urgencyBeta}·ln(1 + ${dpd}) = ${round(urgency)} (DPD ${facts.maxDaysPastDue}${facts.maxDaysPastDue > w.dpdCap ? `, capped at ${w.dpdCap}` : ''}).`,
  });

  // 3. Modifiers
  const counted = Math.min(brokenPromises, w.brokenPromiseMaxCount);
  components.push({
    name: 'brokenPromises',
    value: 1 + w.brokenPromiseStep * counted,
    explanation: counted === 0 ? 'No broken promises in the last 90 days.' : `${brokenPromises} broken promise(s) in 90 days: × (1 + ${w.brokenPromiseStep}·${counted}).`,
  });

  const dueSoon = promiseDue !== null && (promiseDue === today || promiseDue === tomorrow);
  components.push({
    name: 'promiseDueSoon',
    value: dueSoon ? w.promiseDueSoon : 1,
    explanation: dueSoon ? `Promise due ${promiseDue === today ? 'today' : 'tomorrow'} (${promiseDue}): follow up.` : 'No promise due today or tomorrow.',
  });
  const inForce = promiseDue !== null && promiseDue > tomorrow;
  components.push({
    name: 'promiseInForce',
    value: inForce ? w.promiseInForce : 1,
    explanation: inForce ? `Promise in force, due ${promiseDue}: suppressed until then.` : 'No promise in force beyond tomorrow.',
  });

  let conversationValue = 1;
  let conversationExplanation = 'No right-party conversation recorded.';
  if (lastConversationMs !== null) {
    const conversationDay = zonedParts(lastConversationMs, zone).date;
    const dayNumber = daysBetween(conversationDay, today) + 1; // conversation day is day 1 (Reg F 1006.14(b)(2))
    if (dayNumber >= 1 && dayNumber <= w.recentConversationDays) {
      conversationValue = w.recentConversation;
      conversationExplanation = `Conversation on ${conversationDay} (day ${dayNumber} of ${w.recentConversationDays}): de-prioritised (Reg F 1006.14(b)(2) clock).`;
    } else {
      conversationExplanation = `Last conversation on ${conversationDay}, outside the ${w.recentConversationDays}-day period.`;
    }
  }
  components.push({ name: 'recentConversation', value: conversationValue, explanation: conversationExplanation });

  const rating = facts.riskRating ?? null;
  components.push({
    name: 'risk',
    value: rating ? w.risk[rating] : 1,
    explanation: rating ? `Risk rating ${rating}.` : 'No risk rating.',
  });
  components.push({
    name: 'keyAccount',
    value: facts.keyAccount ? w.keyAccount : 1,
    explanation: facts.keyAccount ? 'Key account: route to owner.' : 'Not a key account.',
  });

  const boundary = w.bucketBoundaries.find((edge) => facts.maxDaysPastDue <= edge && facts.maxDaysPastDue >= edge - w.boundaryLeadDays);
  components.push({
    name: 'bucketBoundary',
    value: boundary !== undefined ? w.bucketBoundary : 1,
    explanation:
      boundary !== undefined
        ? `DPD ${facts.maxDaysPastDue} is within ${w.boundaryLeadDays} days of rolling past ${boundary}: act before it ages into the next bucket.`
        : 'Not near an aging-bucket boundary.',
  });

  const score = components.reduce((product, component) => product * component.value, 1);
  // Scored without the compliance gate, then gated: the same two steps as a snapshot's priority
  // scored by the connector and gated by the panel at the minute (withComplianceGate).
  const ungated: PriorityResult = { accountId: facts.accountId, eligible: reasons.length === 0, score, components, reasons, nextPermittedContactAt: null };
  return applyComplianceGate(ungated, facts.compliance ?? null);
}

function eligibilityComponent(reasons: PriorityResult['reasons'], nextPermittedContactAt: string | null): PriorityComponent {
  return reasons.length === 0
    ? { name: 'eligibility', value: 1, explanation: 'Contactable now (compliance gate passed).' }
    : {
        name: 'eligibility',
        value: 0,
        explanation: `Not contactable now: ${reasons.map((reason) => reason.code).join(', ')}${nextPermittedContactAt ? `; next permitted ${nextPermittedContactAt}` : ''}.`,
      };
}

/** Eligibility (g) 1: a blocking compliance answer makes the account ineligible and its score 0, with the blocking reasons first. */
function applyComplianceGate(ungated: PriorityResult, compliance: PriorityFacts['compliance']): PriorityResult {
  if (!compliance || compliance.allowed) {
    return ungated;
  }
  const blocking = compliance.reasons.filter((reason) => reason.severity !== 'info').map(({ code, message, rule }) => ({ code, message, rule }));
  const reasons = [...blocking, ...ungated.reasons];
  const next = compliance.nextAllowedAt;
  return {
    ...ungated,
    eligible: false,
    score: 0,
    components: ungated.components.map((component) => (component.name === 'eligibility' ? eligibilityComponent(reasons, next) : component)),
    reasons,
    nextPermittedContactAt: next,
  };
}

/**
 * A priority scored without a compliance answer (e.g. `AccountSnapshot.priority`, scored where the
 * snapshot is assembled) gated by the compliance answer of now: exactly what {@link scoreAccount}
 * returns for the same facts with that answer. The panel re-gates it every minute with the live
 * check, so "contact now" never goes stale while the figures stay those of the snapshot.
 * @throws DomainValidationError naming `priority.…` for a malformed or already gated priority.
 */
export function withComplianceGate(ungated: PriorityResult, compliance: PriorityFacts['compliance']): PriorityResult {
  const priority = priorityResult(ungated, 'priority');
  if (priority.reasons.some((reason) => reason.code !== 'nothing_collectable')) {
    invalid('priority.reasons', 'is already gated by a compliance answer');
  }
  return applyComplianceGate(priority, compliance);
}

/** A ranked worklist row. */
export interface RankedAccount extends PriorityResult {
  /** 1-based position. */
  rank: number;
}

/**
 * Score and order accounts: eligible first by score (highest first); then ineligible ones by
 * `nextPermittedContactAt` (soonest first, unknown last). Stable: ties keep input order.
 * @throws DomainValidationError `currency_mismatch` when accounts use different reporting currencies.
 */
export function rankAccounts(list: readonly PriorityFacts[], clock: PriorityClock, weights: Partial<PriorityWeights> = {}): RankedAccount[] {
  if (!Array.isArray(list)) {
    invalid('list', 'expected an array of account facts');
  }
  // Validate the clock even for an empty list: a bad clock is a caller bug whatever the list holds.
  requireTimeZone(clock?.zone, 'clock.zone');
  parseInstant(clock?.asOf, 'clock.asOf');
  const currency = list[0]?.currency;
  list.forEach((facts, index) => {
    if (facts?.currency !== currency) {
      invalid(`list.${index}.currency`, `all accounts must use one reporting currency (${String(currency)})`, 'currency_mismatch');
    }
  });
  const scored = list.map((facts, index) => ({ result: scoreWithRoot(facts, clock, weights, `list.${index}`), index }));
  // Array.prototype.sort is stable (ES2019); the index tie-break makes it explicit.
  scored.sort((a, b) => compareResults(a.result, b.result) || a.index - b.index);
  return scored.map(({ result }, position) => ({ ...result, rank: position + 1 }));
}

function compareResults(a: PriorityResult, b: PriorityResult): number {
  if (a.eligible !== b.eligible) {
    return a.eligible ? -1 : 1;
  }
  if (a.eligible) {
    return b.score - a.score;
  }
  const aNext = a.nextPermittedContactAt === null ? Number.POSITIVE_INFINITY : Date.parse(a.nextPermittedContactAt);
  const bNext = b.nextPermittedContactAt === null ? Number.POSITIVE_INFINITY : Date.parse(b.nextPermittedContactAt);
  return aNext === bNext ? 0 : aNext < bNext ? -1 : 1;
}
