/**
 * Payment plans: schedule building, instalment evaluation, break detection and policy checks
 * (domain-rules.md (d)).
 *
 * Invariant: Σ instalments (down payment included) = total, exactly, in every exponent.
 * Split rule: Convention A (instalments 1…n−1 = floor(rest ÷ n), last = base + remainder).
 */
import { addDays, addMonthsClamped, compareDates, daysBetween, parseIsoDate } from './dates';
import { integerIn, invalid, parseInput } from './errors';
import * as guards from './guards';
import type { Instalment, IsoDate, Money, Payment, PaymentPlan, PlanFrequency, PlanStatus } from './model';
import { allocate, assertMoney, moneyFromBigInt, parseArray, parsePercent, pow10 } from './money';
import { graceDaysOf } from './promises';

/** Upper bound on instalment count unless a policy says otherwise (10 years monthly). */
export const DEFAULT_MAX_INSTALMENTS = 120;

/** Input of {@link buildSchedule}. */
export interface ScheduleRequest {
  /** Amount the plan covers, down payment included. */
  total: Money;
  /** Number of regular instalments (down payment not counted). */
  count: number;
  firstDueDate: IsoDate;
  frequency: PlanFrequency;
  /** Optional up-front payment (sequence 0); must be ≥ 0 and < total. */
  downPayment?: Money | null;
  /** Required with a positive down payment; on or before `firstDueDate`. */
  downPaymentDate?: IsoDate | null;
  /** Defaults to {@link DEFAULT_MAX_INSTALMENTS}. */
  maxCount?: number;
}

/**
 * Due date of regular instalment `k` (1-based) counted from the first; monthly keeps the first
 * date's day as anchor.
 * @throws DomainValidationError naming `firstDueDate`/`date`, `frequency` or `k`.
 */
export function instalmentDueDate(firstDueDate: IsoDate, frequency: PlanFrequency, k: number): IsoDate {
  parseIsoDate(firstDueDate, 'firstDueDate');
  const index = integerIn(k, 'k', 1) - 1;
  switch (parseInput(guards.planFrequency, frequency, 'frequency')) {
    case 'weekly':
      return addDays(firstDueDate, 7 * index);
    case 'biweekly':
      return addDays(firstDueDate, 14 * index);
    case 'monthly':
      // Computed from the first date each time: 31 Jan → 28 Feb → 31 Mar (policy [U], domain-rules (d)).
      return addMonthsClamped(firstDueDate, index);
  }
}

/**
 * Build an instalment schedule: sequence 0 is the down payment (if any), 1…count the regular
 * instalments of `(total − downPayment)` split with Convention A. Amounts sum exactly to `total`.
 * @throws DomainValidationError naming `count`, `total`, `downPayment`, `downPaymentDate`,
 *   `firstDueDate` or `frequency`.
 */
export function buildSchedule(request: ScheduleRequest): Instalment[] {
  if (request == null || typeof request !== 'object') {
    invalid('request', 'must be an object');
  }
  const maxCount = integerIn(request.maxCount ?? DEFAULT_MAX_INSTALMENTS, 'maxCount', 1);
  const total = assertMoney(request.total, 'total');
  if (total.amountMinor <= 0) {
    invalid('total.amountMinor', 'a plan total must be positive', 'out_of_range');
  }
  const count = integerIn(request.count, 'count', 1, maxCount);
  const firstDueDate = parseIsoDate(request.firstDueDate, 'firstDueDate');
  const frequency = parseInput(guards.planFrequency, request.frequency, 'frequency');

  const instalments: Instalment[] = [];
  let downMinor = 0;
  if (request.downPayment != null) {
    const down = assertMoney(request.downPayment, 'downPayment');
    if (down.currency !== total.currency) {
      invalid('downPayment.currency', `expected ${total.currency}, got ${down.currency}`, 'currency_mismatch');
    }
    if (down.amountMinor < 0) {
      invalid('downPayment.amountMinor', 'must not be negative', 'out_of_range');
    }
    if (down.amountMinor >= total.amountMinor) {
      invalid('downPayment.amountMinor', 'must be less than the plan total', 'out_of_range');
    }
    downMinor = down.amountMinor;
    if (downMinor > 0) {
      if (request.downPaymentDate == null) {
        invalid('downPaymentDate', 'is required with a down payment');
      }
      const downDate = parseIsoDate(request.downPaymentDate, 'downPaymentDate');
      if (compareDates(downDate, firstDueDate) > 0) {
        invalid('downPaymentDate', 'must be on or before the first instalment', 'out_of_range');
      }
      instalments.push({ id: null, sequence: 0, dueDate: downDate, amount: down, paidAmount: { amountMinor: 0, currency: total.currency }, status: 'scheduled' });
    }
  }
  const rest = total.amountMinor - downMinor;
  if (rest < count) {
    invalid('count', `${count} instalments would leave some at zero; the balance after the down payment is ${rest} minor units`, 'out_of_range');
  }
  allocate({ amountMinor: rest, currency: total.currency }, count).forEach((amount, index) => {
    instalments.push({
      id: null,
      sequence: index + 1,
      dueDate: instalmentDueDate(firstDueDate, frequency, index + 1),
      amount,
      paidAmount: { amountMinor: 0, currency: total.currency },
      status: 'scheduled',
    });
  });
  return instalments;
}

// ---------------------------------------------------------------------------------------------
// Evaluation against payments

/** Options for {@link evaluateInstalments}. */
export interface InstalmentEvaluationOptions {
  asOf: IsoDate;
  /** Days after the due date before an unpaid instalment counts as missed. Default 0. */
  graceDays?: number;
}

/** Result of {@link evaluateInstalments}. */
export interface InstalmentEvaluation {
  instalments: Instalment[];
  /** Money applied to instalments. */
  applied: Money;
  /** Payments beyond the whole schedule (credit to refund or apply elsewhere). */
  overpayment: Money;
  /** Unpaid remainder of the schedule. */
  remaining: Money;
}

/**
 * Payments that belong to the plan: same currency, received on or after the plan was created,
 * not after `asOf`, and either unallocated or allocated to one of the plan's invoices.
 */
function planPayments(plan: PaymentPlan, payments: Payment[], asOf: IsoDate): Payment[] {
  const invoiceIds = new Set(plan.invoiceIds);
  return payments
    .filter((p, index) => {
      assertMoney(p.amount, `payments[${index}].amount`);
      parseIsoDate(p.receivedOn, `payments[${index}].receivedOn`);
      return (
        p.amount.currency === plan.total.currency &&
        p.amount.amountMinor > 0 &&
        compareDates(p.receivedOn, plan.createdOn) >= 0 &&
        compareDates(p.receivedOn, asOf) <= 0 &&
        (p.invoiceId == null || invoiceIds.size === 0 || invoiceIds.has(p.invoiceId))
      );
    })
    .sort((a, b) => compareDates(a.receivedOn, b.receivedOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function validatePlan(plan: unknown): PaymentPlan {
  const parsed = parseInput(guards.paymentPlan, plan, 'plan');
  const total = assertMoney(parsed.total, 'plan.total');
  parseIsoDate(parsed.createdOn, 'plan.createdOn');
  parsed.instalments.forEach((instalment, index) => {
    const amount = assertMoney(instalment.amount, `plan.instalments[${index}].amount`);
    parseIsoDate(instalment.dueDate, `plan.instalments[${index}].dueDate`);
    if (amount.currency !== total.currency) {
      invalid(`plan.instalments[${index}].amount.currency`, `expected ${total.currency}`, 'currency_mismatch');
    }
    if (amount.amountMinor < 0) {
      invalid(`plan.instalments[${index}].amount.amountMinor`, 'must not be negative', 'out_of_range');
    }
  });
  return parsed;
}

/**
 * Apply payments oldest-first to instalments in sequence order (a waterfall) and set each
 * instalment's status as of `asOf` (domain-rules (d) "Missed instalments"):
 * - `paid`: fully covered;
 * - `partial`: something applied but not all;
 * - `missed`: nothing applied and `asOf` is after due date + grace;
 * - `scheduled`: nothing applied yet and still within due date + grace.
 */
export function evaluateInstalments(plan: PaymentPlan, payments: readonly Payment[], options: InstalmentEvaluationOptions): InstalmentEvaluation {
  const parsedPlan = validatePlan(plan);
  const parsedPayments = parseArray(payments, 'payments', (value, field) => parseInput(guards.payment, value, field));
  if (options == null || typeof options !== 'object') {
    invalid('options', 'must be {asOf, graceDays?}');
  }
  const asOf = parseIsoDate(options.asOf, 'asOf');
  const grace = graceDaysOf(options.graceDays);
  const currency = parsedPlan.total.currency;

  let pool = planPayments(parsedPlan, parsedPayments, asOf).reduce((acc, p) => acc + p.amount.amountMinor, 0);
  const totalPaid = pool;
  const ordered = [...parsedPlan.instalments].sort((a, b) => a.sequence - b.sequence);
  const instalments = ordered.map((instalment): Instalment => {
    const applied = Math.min(pool, instalment.amount.amountMinor);
    pool -= applied;
    const overdue = daysBetween(instalment.dueDate, asOf) > grace;
    const status: Instalment['status'] =
      applied >= instalment.amount.amountMinor ? 'paid' : applied > 0 ? 'partial' : overdue ? 'missed' : 'scheduled';
    return { ...instalment, paidAmount: { amountMinor: applied, currency }, status };
  });
  const scheduled = ordered.reduce((acc, i) => acc + i.amount.amountMinor, 0);
  const applied = totalPaid - pool;
  return {
    instalments,
    applied: { amountMinor: applied, currency },
    overpayment: { amountMinor: pool, currency },
    remaining: { amountMinor: scheduled - applied, currency },
  };
}

/** Break policy for {@link planStatus} (domain-rules (d): "missed_count ≥ k (e.g. 1 or 2 consecutive)"). */
export interface PlanBreakPolicy {
  asOf: IsoDate;
  graceDays?: number;
  /** k: the plan breaks once k instalments are missed (past due + grace and not fully paid). */
  breakAfterMisses: number;
  /** When true, only k *consecutive* misses break the plan. Default false (cumulative). */
  consecutive?: boolean;
  /** Optional: break when the cumulative shortfall on past-due instalments exceeds this many minor units. */
  shortfallToleranceMinor?: number;
}

/** Result of {@link planStatus}. */
export interface PlanStatusResult {
  status: PlanStatus;
  missedCount: number;
  maxConsecutiveMisses: number;
  /** Unpaid amount on instalments past due + grace. */
  shortfall: Money;
  reason: string;
  evaluation: InstalmentEvaluation;
}

/**
 * Plan status as of `asOf`. `cancelled` and `proposed` plans keep their status; otherwise
 * `completed` when every instalment is paid, `broken` when the break policy triggers (a `partial`
 * past due + grace counts as a miss: the customer did not do what was agreed), else `active`.
 * Each break should increment the account's broken-promise count (domain-rules (d), feeds (g)).
 */
export function planStatus(plan: PaymentPlan, payments: readonly Payment[], policy: PlanBreakPolicy): PlanStatusResult {
  if (policy == null || typeof policy !== 'object') {
    invalid('policy', 'must be {asOf, breakAfterMisses, ...}');
  }
  const evaluation = evaluateInstalments(plan, payments, { asOf: policy.asOf, graceDays: policy.graceDays });
  const k = integerIn(policy.breakAfterMisses, 'breakAfterMisses', 1);
  const tolerance = policy.shortfallToleranceMinor === undefined ? undefined : integerIn(policy.shortfallToleranceMinor, 'shortfallToleranceMinor', 0);
  const grace = graceDaysOf(policy.graceDays);
  const currency = evaluation.applied.currency;
  let missedCount = 0;
  let run = 0;
  let maxRun = 0;
  let shortfall = 0;
  for (const instalment of evaluation.instalments) {
    const pastGrace = daysBetween(instalment.dueDate, policy.asOf) > grace;
    if (pastGrace && instalment.status !== 'paid') {
      missedCount += 1;
      run += 1;
      maxRun = Math.max(maxRun, run);
      shortfall += instalment.amount.amountMinor - instalment.paidAmount.amountMinor;
    } else if (pastGrace) {
      run = 0;
    }
  }
  const base = { missedCount, maxConsecutiveMisses: maxRun, shortfall: { amountMinor: shortfall, currency }, evaluation };
  const stored = plan.status;
  if (stored === 'cancelled' || stored === 'proposed') {
    return { ...base, status: stored, reason: `plan is ${stored}` };
  }
  if (evaluation.instalments.length > 0 && evaluation.instalments.every((i) => i.status === 'paid')) {
    return { ...base, status: 'completed', reason: 'every instalment is paid' };
  }
  const misses = policy.consecutive ? maxRun : missedCount;
  if (misses >= k) {
    return {
      ...base,
      status: 'broken',
      reason: policy.consecutive ? `${maxRun} consecutive missed instalment(s) (limit ${k})` : `${missedCount} missed instalment(s) (limit ${k})`,
    };
  }
  if (tolerance !== undefined && shortfall > tolerance) {
    return { ...base, status: 'broken', reason: `cumulative shortfall ${shortfall} exceeds tolerance ${tolerance} minor units` };
  }
  return { ...base, status: 'active', reason: missedCount > 0 ? `${missedCount} missed instalment(s), below the limit of ${k}` : 'on track' };
}

// ---------------------------------------------------------------------------------------------
// Policy checks

/** A plan proposal to check against policy before it is offered. */
export interface PlanDraft extends ScheduleRequest {
  /** Day the plan is agreed; the term runs from here to the last due date. Defaults to the first payment date. */
  agreedOn?: IsoDate | null;
}

/** Company policy for plans (commercial plans "typically 6 to 12 months", "a meaningful initial payment"). */
export interface PlanPolicy {
  maxTermMonths: number;
  /** Minimum down payment as a percentage of the total, e.g. 10 or "12.5". 0 = none required. */
  minDownPaymentPct: number | string;
  maxCount?: number;
}

/** One policy breach, with the field it concerns. */
export interface PlanPolicyViolation {
  code: 'term_too_long' | 'down_payment_too_small' | 'too_many_instalments';
  field: string;
  message: string;
  /** down_payment_too_small: the smallest down payment the policy accepts (for a form to show in money). */
  required?: Money;
}

/**
 * Check a draft against policy; returns every violation (empty = compliant). Malformed drafts
 * (bad currency, down payment ≥ total...) still throw, as in {@link buildSchedule}.
 * UK consumers: CONC 7.3.10R forbids pressing for unreasonably large or few payments, so a
 * minimum down payment is a company choice that must stay affordable.
 */
export function checkPlanPolicy(draft: PlanDraft, policy: PlanPolicy): PlanPolicyViolation[] {
  const maxTermMonths = integerIn(policy?.maxTermMonths, 'policy.maxTermMonths', 1);
  const minPct = parsePercent(policy.minDownPaymentPct, 'policy.minDownPaymentPct');
  const violations: PlanPolicyViolation[] = [];
  const maxCount = policy.maxCount ?? DEFAULT_MAX_INSTALMENTS;
  if (typeof draft?.count === 'number' && Number.isSafeInteger(draft.count) && draft.count > maxCount) {
    violations.push({ code: 'too_many_instalments', field: 'count', message: `${draft.count} instalments are more than the policy allows (${maxCount}): use at most ${maxCount}.` });
  }
  // Build with a generous cap so an over-long draft is reported as a violation, not thrown.
  const schedule = buildSchedule({ ...draft, maxCount: Math.max(maxCount, Math.min(draft?.count ?? 1, 10 * DEFAULT_MAX_INSTALMENTS)) });
  const firstPayment = schedule[0] as Instalment;
  const last = schedule[schedule.length - 1] as Instalment;
  const agreedOn = draft.agreedOn == null ? firstPayment.dueDate : parseIsoDate(draft.agreedOn, 'agreedOn');
  const termEnd = addMonthsClamped(agreedOn, maxTermMonths);
  if (compareDates(last.dueDate, termEnd) > 0) {
    violations.push({
      code: 'term_too_long',
      field: 'count',
      message: `The plan runs longer than ${maxTermMonths} months (last payment ${last.dueDate}, limit ${termEnd}): use fewer or more frequent payments.`,
    });
  }
  const down = draft.downPayment?.amountMinor ?? 0;
  // down × 100 × 10^scale < total × pct units  ⇔  down/total < pct/100
  if (BigInt(down) * 100n * pow10(minPct.scale) < BigInt(draft.total.amountMinor) * minPct.units) {
    const required = moneyFromBigInt(
      (BigInt(draft.total.amountMinor) * minPct.units + 100n * pow10(minPct.scale) - 1n) / (100n * pow10(minPct.scale)),
      draft.total.currency,
      'downPayment',
    );
    violations.push({
      code: 'down_payment_too_small',
      field: 'downPayment',
      message: `The down payment is below the policy's minimum of ${String(policy.minDownPaymentPct)}% of the total: raise it to at least that.`,
      required,
    });
  }
  return violations;
}
