/**
 * The domain's closed vocabularies (enum values) and string formats, as plain constants with no
 * validator library attached. model.ts builds its zod/mini schemas from these and guards.ts its
 * light boundary validators, so both accept exactly the same values from one definition while the
 * page bundle, which only needs guards.ts, carries no zod (widget/size.test.ts budget).
 */

/** ISO 4217 alphabetic code shape (whether it is a *known* currency is checked by money.ts). */
export const CURRENCY_CODE_PATTERN = /^[A-Z]{3}$/;
/** Message for {@link CURRENCY_CODE_PATTERN}. */
export const CURRENCY_CODE_MESSAGE = 'must be a 3-letter ISO 4217 code';

// Same source as zod's `z.iso.date()` (zod/v4/core/regexes.js `dateSource`): a real Gregorian
// `YYYY-MM-DD`, 29 February only in leap years.
const DATE_SOURCE =
  '(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))';
/** Calendar date `YYYY-MM-DD`; accepts exactly what `z.iso.date()` accepts. */
export const ISO_DATE_PATTERN = new RegExp(`^${DATE_SOURCE}$`);
/** ISO 8601 instant with seconds and `Z` or `±HH:MM`; accepts exactly what `z.iso.datetime({ offset: true })` accepts. */
export const INSTANT_PATTERN = new RegExp(`^${DATE_SOURCE}T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$`);
/** Local wall-clock time `HH:MM`, 00:00-23:59. */
export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Policy profile ids: lower-case letters, digits and dashes. */
export const PROFILE_ID_PATTERN = /^[a-z0-9-]+$/;

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
