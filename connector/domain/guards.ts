/**
 * Boundary guards for the domain model: the same rules as the zod/mini schemas in model.ts and
 * compliance/profile.ts (which stay the contract for the connector), built with guard.ts so the
 * page-loaded domain functions validate without bundling zod. Each guard is typed against the
 * schema's inferred type, so a key added to a schema fails to compile here until it is guarded,
 * and guards.test.ts checks that both accept and reject the same inputs and name the same field.
 */
import { array, bool, finite, type Guard, int, matching, nonEmpty, satisfying, nullable, nullish, object, oneOf, optional, partialRecord, type Shape, str } from './guard';
import type {
  Account,
  AccountFlagEntry,
  Contact,
  Credit,
  Dispute,
  DisputeAnswer,
  Invoice,
  Money,
  Payment,
  PaymentPlan,
  PromiseToPay,
  UserRef,
} from './model';
import type { ChannelSchedule, PolicyProfile, PolicyRules, TimeRange } from './compliance/profile';
import type { HistoryActivity } from './compliance/engine';
import type { PriorityComponent, PriorityReason, PriorityResult } from './priority';
import * as V from './vocabulary';
import { DomainValidationError } from './errors';

const id = nonEmpty;
const optionalText = nullish(str);

/** {@link CurrencyCodeSchema}. */
export const currencyCode = matching(V.CURRENCY_CODE_PATTERN, V.CURRENCY_CODE_MESSAGE);
/** {@link IsoDateSchema}. */
export const isoDate = satisfying(V.isIsoDateText, 'must be a valid date YYYY-MM-DD', 'invalid_date');
/** {@link InstantSchema}. */
export const instant = satisfying(V.isInstantText, 'must be an ISO 8601 date-time with Z or an offset', 'invalid_date');

export const channel = oneOf(V.CHANNELS);
export const planFrequency = oneOf(V.PLAN_FREQUENCIES);
export const disputeReason = oneOf(V.DISPUTE_REASON_CODES);
export const disputeStatus = oneOf(V.DISPUTE_STATUSES);

/** {@link MoneySchema}. */
export const money: Guard<Money> = object<Money>({ amountMinor: int(), currency: currencyCode });

const userRef: Guard<UserRef> = object<UserRef>({ id, name: str, email: optionalText });

/** {@link AccountSchema}. */
export const account: Guard<Account> = object<Account>({
  id,
  name: str,
  accountNumber: optionalText,
  owner: userRef,
  collector: nullish(userRef),
  segment: oneOf(V.SEGMENTS),
  country: optionalText,
  region: optionalText,
  city: optionalText,
  timeZone: optionalText,
  complianceProfile: optionalText,
  currency: currencyCode,
  creditLimit: nullish(money),
  riskRating: nullish(oneOf(V.RISK_RATINGS)),
  keyAccount: optional(bool),
  flags: array(
    object<AccountFlagEntry>({ flag: oneOf(V.ACCOUNT_FLAGS), since: nullish(isoDate), until: nullish(isoDate), note: optionalText }),
  ),
});

/** {@link ContactSchema}. */
export const contact: Guard<Contact> = object<Contact>({
  id,
  name: str,
  title: optionalText,
  email: optionalText,
  phones: array(object<Contact['phones'][number]>({ number: str, kind: oneOf(V.PHONE_KINDS), timeZone: optionalText })),
  timeZone: optionalText,
  role: oneOf(V.CONTACT_ROLES),
  optOuts: array(channel),
  primary: optional(bool),
});

/** {@link InvoiceSchema}. */
export const invoice: Guard<Invoice> = object<Invoice>({
  id,
  number: str,
  issueDate: isoDate,
  dueDate: isoDate,
  total: money,
  balance: money,
  status: oneOf(V.INVOICE_STATUSES),
  poNumber: optionalText,
});

/** {@link PaymentSchema}. */
export const payment: Guard<Payment> = object<Payment>({ id, receivedOn: isoDate, amount: money, invoiceId: optionalText, reference: optionalText });

/** {@link CreditSchema}. */
export const credit: Guard<Credit> = object<Credit>({ id, kind: oneOf(V.CREDIT_KINDS), amount: money, issuedOn: isoDate, reference: optionalText });

/** {@link PromiseToPaySchema}. */
export const promiseToPay: Guard<PromiseToPay> = object<PromiseToPay>({
  id,
  takenOn: isoDate,
  dueDate: isoDate,
  amount: money,
  invoiceIds: array(str),
  status: oneOf(V.PROMISE_STATUSES),
  contactId: optionalText,
  note: optionalText,
  queued: optional(bool),
});

/** {@link PaymentPlanSchema}. */
export const paymentPlan: Guard<PaymentPlan> = object<PaymentPlan>({
  id,
  status: oneOf(V.PLAN_STATUSES),
  frequency: planFrequency,
  total: money,
  downPayment: nullish(money),
  instalments: array(
    object<PaymentPlan['instalments'][number]>({
      id: optionalText,
      sequence: int(0),
      dueDate: isoDate,
      amount: money,
      paidAmount: money,
      status: oneOf(V.INSTALMENT_STATUSES),
    }),
  ),
  invoiceIds: array(str),
  createdOn: isoDate,
});

/** {@link DisputeSchema}. */
export const dispute: Guard<Dispute> = object<Dispute>({
  id,
  reference: optionalText,
  reason: disputeReason,
  status: disputeStatus,
  lines: array(object<Dispute['lines'][number]>({ invoiceId: str, amount: money })),
  owner: userRef,
  openedOn: isoDate,
  slaDueDate: isoDate,
  evidence: optionalText,
  resolution: optionalText,
  ownerAnswer: nullish(object<DisputeAnswer>({ kind: oneOf(V.DISPUTE_OWNER_ANSWERS), note: optionalText, creditNote: nullish(money), answeredAt: nullish(instant) })),
  escalatedAt: nullish(instant),
});

/** {@link ActivitySchema} extended with `debtRefs` (compliance engine history). */
export const historyActivity: Guard<HistoryActivity> = object<HistoryActivity>({
  id,
  kind: oneOf(V.ACTIVITY_KINDS),
  direction: oneOf(V.ACTIVITY_DIRECTIONS),
  occurredAt: instant,
  contactId: optionalText,
  disposition: nullish(oneOf(V.CALL_DISPOSITIONS)),
  durationSeconds: nullish(int(0)),
  conversation: bool,
  subject: optionalText,
  body: optionalText,
  complianceOverride: optionalText,
  createdBy: nullish(userRef),
  queued: optional(bool),
  agreedBySales: optional(bool),
  debtRefs: nullish(array(str)),
});

/** {@link PriorityResultSchema}: an account's priority as scored where the snapshot is assembled (`AccountSnapshot.priority`). */
export const priorityResult: Guard<PriorityResult> = object<PriorityResult>({
  accountId: id,
  eligible: bool,
  score: finite(0),
  components: array(object<PriorityComponent>({ name: oneOf(V.PRIORITY_COMPONENTS), value: finite(0), explanation: str })),
  reasons: array(object<PriorityReason>({ code: oneOf([...V.REASON_CODES, 'nothing_collectable'] as const), message: str, rule: str })),
  nextPermittedContactAt: nullable(instant),
});

// ---------------------------------------------------------------------------------------------
// Compliance policy profiles (compliance/profile.ts)

const timeOfDay = matching(V.TIME_OF_DAY_PATTERN, 'must be HH:MM (00:00-23:59)');
const channels = array(channel, 1);
const counterScope = oneOf(V.COUNTER_SCOPES);

const timeRange: Guard<TimeRange> = object<TimeRange>({ start: timeOfDay, end: timeOfDay }, (range, path) => {
  if (!(range.start < range.end)) {
    throw new DomainValidationError('invalid_input', path, 'start must be before end (windows do not span midnight)');
  }
});

const channelSchedule: Guard<ChannelSchedule> = object<ChannelSchedule>({
  days: partialRecord(V.WEEKDAYS, timeRange),
  excludeHolidays: bool,
  workingDays: optional(bool),
  rule: str,
});

type Cap = PolicyProfile['caps'][number];
type Pause = NonNullable<PolicyProfile['conversationPause']>;
type FlagRule = PolicyProfile['flagRules'][number];
type Notice = NonNullable<PolicyProfile['optOutNotice']>;

const rulesShape: Shape<PolicyRules> = {
  id: matching(V.PROFILE_ID_PATTERN, 'lower-case letters, digits and dashes'),
  defaultZone: str,
  defaultHolidayCalendar: optionalText,
  requireAllCandidateZones: bool,
  windows: partialRecord(V.CHANNELS, channelSchedule),
  caps: array(
    object<Cap>({
      id: nonEmpty,
      channels,
      max: int(1),
      windowDays: int(1),
      per: counterScope,
      countsInbound: optional(bool),
      countsVoicemail: optional(bool),
      countsUnanswered: optional(bool),
      rule: str,
      description: str,
    }),
  ),
  conversationPause: nullable(
    object<Pause>({ days: int(1), channels, startedBy: array(oneOf(V.ACTIVITY_KINDS), 1), per: counterScope, countsInbound: bool, rule: str }),
  ),
  flagRules: array(
    object<FlagRule>({
      flag: oneOf(V.ACCOUNT_FLAGS),
      effect: oneOf(V.FLAG_EFFECTS),
      channels,
      exemptRoles: optional(array(oneOf(V.CONTACT_ROLES))),
      rule: str,
      message: str,
    }),
  ),
  optOutRule: str,
  optOutNotice: nullable(object<Notice>({ channels: array(channel), rule: str, message: str })),
  override: object<PolicyRules['override']>({ permitted: bool, codes: array(oneOf(V.REASON_CODES)) }),
};

/** {@link PolicyRulesSchema}: the rules the engine reads (e.g. `AccountSnapshot.complianceRules` from the connector). */
export const policyRules: Guard<PolicyRules> = object<PolicyRules>(rulesShape);

/** {@link PolicyProfileSchema}: a tenant's own complete profile passed to the compliance engine. */
export const policyProfile: Guard<PolicyProfile> = object<PolicyProfile>({
  ...rulesShape,
  name: str,
  description: str,
  override: object<PolicyProfile['override']>({ permitted: bool, codes: array(oneOf(V.REASON_CODES)), rule: str }),
  sources: array(str),
});
