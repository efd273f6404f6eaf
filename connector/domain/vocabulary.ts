/**
 * The domain's closed vocabularies (enum values) and string formats, as plain constants with no
 * validator library attached. model.ts builds its zod/mini schemas from these and guards.ts its
 * light boundary validators, so both accept exactly the same values from one definition while the
 * page bundle, which only needs guards.ts, carries no zod (widget/size.test.ts budget).
 */
import { daysInMonth } from './dates';

/** ISO 4217 alphabetic code shape (whether it is a *known* currency is checked by money.ts). */
export const CURRENCY_CODE_PATTERN = /^[A-Z]{3}$/;
/** Message for {@link CURRENCY_CODE_PATTERN}. */
export const CURRENCY_CODE_MESSAGE = 'must be a 3-letter ISO 4217 code';

// zod's `z.iso.date()` spells the Gregorian calendar out in a 300-character regex
// (zod/v4/core/regexes.js `dateSource`); here the shape is a regex and the calendar is dates.ts's
// daysInMonth, which accepts the same dates: any year 0000-9999, 29 February only in leap years.
const DATE_SHAPE = '(\\d{4})-(\\d\\d)-(\\d\\d)';
const DATE_PATTERN = new RegExp(`^${DATE_SHAPE}$`);
const INSTANT_PATTERN = new RegExp(`^${DATE_SHAPE}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$`);

/** True when the year, month and day captured by a date shape name a real calendar day. */
function isRealDay(match: RegExpExecArray | null): boolean {
  if (!match) {
    return false;
  }
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(match[1]), month);
}

/** Calendar date `YYYY-MM-DD`; accepts exactly what `z.iso.date()` accepts. */
export function isIsoDateText(text: string): boolean {
  return isRealDay(DATE_PATTERN.exec(text));
}

/** ISO 8601 instant with seconds and `Z` or `±HH:MM`; accepts exactly what `z.iso.datetime({ offset: true })` accepts. */
export function isInstantText(text: string): boolean {
  return isRealDay(INSTANT_PATTERN.exec(text));
}
/** Local wall-clock time `HH:MM`, 00:00-23:59. */
export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Policy profile ids: lower-case letters, digits and dashes. */
export const PROFILE_ID_PATTERN = /^[a-z0-9-]+$/;
/** Longest compliance profile id a host may ask for (`loadSnapshot(ref, { complianceProfile })`, panel and extension settings). */
export const PROFILE_ID_MAX_LENGTH = 40;
/** A compliance profile id a host may ask for: lower-case letters, digits and dashes, at most 40 characters. */
export function isProfileId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= PROFILE_ID_MAX_LENGTH && PROFILE_ID_PATTERN.test(value);
}
/** Profile for accounts that name none: business-to-business policy (domain-rules.md f.10). */
export const DEFAULT_COMPLIANCE_PROFILE = 'b2b-default';

export const SEGMENTS = ['b2b', 'b2c'] as const;
export const ACCOUNT_FLAGS = [
  'cease_communication',
  'attorney_represented',
  'bankruptcy',
  'breathing_space',
  'deceased',
  'dispute_pending_verification',
  'vulnerable',
  'time_barred',
  'grievance_pending',
] as const;
export const RISK_RATINGS = ['low', 'medium', 'high'] as const;
export const CHANNELS = ['call', 'email', 'sms', 'visit'] as const;
export const PHONE_KINDS = ['mobile', 'work', 'home', 'other'] as const;
export const CONTACT_ROLES = ['debtor', 'accounts_payable', 'estate_representative', 'attorney', 'guarantor', 'other'] as const;
export const INVOICE_STATUSES = ['open', 'partially_paid', 'paid', 'cancelled'] as const;
export const CREDIT_KINDS = ['credit_note', 'unapplied_cash'] as const;
export const PROMISE_STATUSES = ['pending', 'kept', 'partially_kept', 'broken', 'cancelled'] as const;
export const PLAN_FREQUENCIES = ['weekly', 'biweekly', 'monthly'] as const;
export const INSTALMENT_STATUSES = ['scheduled', 'paid', 'partial', 'missed'] as const;
export const PLAN_STATUSES = ['proposed', 'active', 'completed', 'broken', 'cancelled'] as const;
export const SETTLEMENT_STATUSES = ['draft', 'pending_approval', 'offered', 'accepted', 'rejected', 'expired'] as const;
export const REMAINDER_TREATMENTS = ['extinguished', 'may_be_pursued'] as const;
export const DISPUTE_REASON_CODES = [
  'pricing',
  'quantity',
  'damaged_quality',
  'not_received',
  'wrong_item',
  'duplicate_billing',
  'tax',
  'po_missing',
  'service_not_rendered',
  'other',
] as const;
export const DISPUTE_STATUSES = ['open', 'pending_verification', 'in_review', 'resolved_credit', 'resolved_rejected', 'closed'] as const;
/** The sales owner's answer to a dispute (issue 19): a credit note requested, rejected, or more information asked of the collector. */
export const DISPUTE_OWNER_ANSWERS = ['credit_note', 'rejected', 'more_info'] as const;
export const CALL_DISPOSITIONS = [
  'reached',
  'left_voicemail',
  'no_answer',
  'wrong_number',
  'promise_to_pay',
  'refused',
  'dispute_raised',
  'call_back_requested',
] as const;
/** Human label per call outcome: what the panel shows and what CRMs store as the call result. */
export const CALL_DISPOSITION_LABELS: Readonly<Record<(typeof CALL_DISPOSITIONS)[number], string>> = {
  reached: 'Reached',
  left_voicemail: 'Left voicemail',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
  promise_to_pay: 'Promise to pay',
  refused: 'Refused to pay',
  dispute_raised: 'Dispute raised',
  call_back_requested: 'Call back requested',
};
export const ACTIVITY_KINDS = ['call', 'email', 'sms', 'visit', 'note', 'letter'] as const;
export const ACTIVITY_DIRECTIONS = ['outbound', 'inbound'] as const;

// Compliance policy profiles (compliance/profile.ts).
/** The factors of an account's priority score (domain-rules.md (g)), in their order. */
export const PRIORITY_COMPONENTS = [
  'eligibility',
  'collectable',
  'urgency',
  'brokenPromises',
  'promiseDueSoon',
  'promiseInForce',
  'recentConversation',
  'risk',
  'keyAccount',
  'bucketBoundary',
] as const;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const COUNTER_SCOPES = ['debt', 'contact', 'account'] as const;
export const FLAG_EFFECTS = ['hard', 'soft', 'advisory'] as const;
export const REASON_CODES = [
  'account_flag',
  'channel_opt_out',
  'outside_window',
  'excluded_day',
  'public_holiday',
  'channel_not_permitted',
  'frequency_cap',
  'conversation_pause',
  'default_zone_used',
  'holiday_calendar_missing',
] as const;
