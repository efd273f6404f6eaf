/**
 * Shipped policy profiles (domain-rules.md f.3). Pure data: the engine reads these fields and has
 * no code path per profile. Rule ids (US-1, MA-1, IN-1, UK-3, IE-1 …) refer to domain-rules.md (f).
 *
 * Windows are `[start, end)` in the debtor's local time: 08:00 is allowed, 21:00 is not
 * (US-1 "after 8 a.m. and before 9 p.m.").
 */
import { DomainValidationError } from '../errors';
import type { Channel } from '../model';
import type { ChannelSchedule, FlagRule, FrequencyCap, PolicyProfile, TimeRange } from './profile';

const ALL_CHANNELS: Channel[] = ['call', 'email', 'sms', 'visit'];

function everyDay(range: TimeRange): ChannelSchedule['days'] {
  return { mon: range, tue: range, wed: range, thu: range, fri: range, sat: range, sun: range };
}

function weekdays(range: TimeRange): ChannelSchedule['days'] {
  return { mon: range, tue: range, wed: range, thu: range, fri: range };
}

/** The same schedule for every channel (profiles whose policy does not distinguish channels). */
function onEveryChannel(schedule: ChannelSchedule): PolicyProfile['windows'] {
  return { call: schedule, sms: schedule, email: schedule, visit: schedule };
}

/** A policy cap of 3 calls per contact in any 7 local days (voicemails and unanswered attempts count). */
function threeCallsPerWeek(id: string, rule: string): FrequencyCap {
  return {
    id,
    channels: ['call'],
    max: 3,
    windowDays: 7,
    per: 'contact',
    countsVoicemail: true,
    countsUnanswered: true,
    rule,
    description: 'at most 3 calls to this contact in 7 days',
  };
}

/**
 * Account flags every profile honours (domain-rules.md f.11). Profiles list them explicitly (by
 * spreading this and replacing entries) so each profile reads as a complete table.
 */
const BLOCKED_STATE_RULES: readonly FlagRule[] = [
  {
    flag: 'cease_communication',
    effect: 'hard',
    channels: ALL_CHANNELS,
    rule: 'US-11 FDCPA §1692c(c)',
    message: 'The debtor asked us to cease communication; only the three permitted notices may be sent by letter.',
  },
  {
    flag: 'attorney_represented',
    effect: 'hard',
    channels: ALL_CHANNELS,
    exemptRoles: ['attorney'],
    rule: 'US-12 FDCPA §1692c(a)(2); Reg F 1006.6(b)(2)',
    message: 'The debtor is represented by an attorney: contact the attorney only.',
  },
  {
    flag: 'bankruptcy',
    effect: 'hard',
    channels: ALL_CHANNELS,
    rule: 'US-18 11 U.S.C. §362 automatic stay',
    message: 'Bankruptcy stay: no calls, letters or e-mails about pre-petition debts.',
  },
  {
    flag: 'breathing_space',
    effect: 'hard',
    channels: ALL_CHANNELS,
    rule: 'UK-8 Breathing Space SI 2020/1311',
    message: 'Breathing space: no payment requests or enforcement while the moratorium lasts.',
  },
  {
    flag: 'deceased',
    effect: 'hard',
    channels: ALL_CHANNELS,
    exemptRoles: ['estate_representative'],
    rule: 'US-15 Reg F 1006.6(a)(4)',
    message: 'Debtor deceased: contact the estate representative only.',
  },
  {
    flag: 'dispute_pending_verification',
    effect: 'hard',
    channels: ALL_CHANNELS,
    rule: 'US-14 FDCPA §1692g(b); Reg F 1006.38; UK-4 CONC 7.14.1R',
    message: 'Dispute pending verification: collection of the debt is suspended until it is verified.',
  },
  {
    flag: 'vulnerable',
    effect: 'soft',
    channels: ALL_CHANNELS,
    rule: 'UK-7 FCA FG21/1',
    message: 'Vulnerable customer: route to a specialist; ordinary collection contact is paused.',
  },
  {
    flag: 'time_barred',
    effect: 'advisory',
    channels: ALL_CHANNELS,
    rule: 'US-16 Reg F 1006.26(b); UK-6 CONC 7.15',
    message: 'Time-barred debt: do not sue or threaten suit; stop demands if the customer invokes it.',
  },
  {
    flag: 'grievance_pending',
    effect: 'advisory',
    channels: ALL_CHANNELS,
    rule: 'IN-2 RBI/2007-2008/296',
    message: 'A grievance is pending: no recovery-agent allocation until it is resolved.',
  },
];

function flagRules(replacements: readonly FlagRule[] = []): FlagRule[] {
  return BLOCKED_STATE_RULES.map((base) => replacements.find((rule) => rule.flag === base.flag) ?? base);
}

const US_WINDOW: TimeRange = { start: '08:00', end: '21:00' };
const US_WINDOW_RULE = 'US-1 FDCPA §1692c(a)(1); Reg F 1006.6(b)(1)(i)';
const US_ELECTRONIC_RULE = `${US_WINDOW_RULE}; US-4 e-mail/SMS occur when sent`;

/** US federal: FDCPA and Reg F (12 CFR 1006), consumer debt (domain-rules.md f.4). */
const US_FDCPA: PolicyProfile = {
  id: 'us-fdcpa',
  name: 'US federal (FDCPA / Reg F)',
  description:
    'Consumer debt collected by third parties. 08:00-21:00 debtor-local in every candidate zone; at most 7 placed calls per ' +
    'person and debt in 7 consecutive days; no call in the 7 days after a telephone conversation (its date is day 1).',
  defaultZone: 'America/New_York',
  defaultHolidayCalendar: 'US',
  // US-2: mobile area code and address may disagree; the window must hold in all of them.
  requireAllCandidateZones: true,
  windows: {
    call: { days: everyDay(US_WINDOW), excludeHolidays: false, rule: US_WINDOW_RULE },
    sms: { days: everyDay(US_WINDOW), excludeHolidays: false, rule: US_ELECTRONIC_RULE },
    email: { days: everyDay(US_WINDOW), excludeHolidays: false, rule: US_ELECTRONIC_RULE },
    visit: { days: everyDay(US_WINDOW), excludeHolidays: false, rule: US_WINDOW_RULE },
  },
  caps: [
    {
      id: 'reg-f-7-in-7',
      channels: ['call'],
      max: 7,
      windowDays: 7,
      per: 'debt',
      countsInbound: false, // US-6b
      countsVoicemail: true,
      countsUnanswered: true, // placed calls, answered or not (US-6)
      rule: 'US-6 Reg F 1006.14(b)(2)(i)(A)',
      description: 'at most 7 calls to this person about this debt in 7 consecutive days',
    },
  ],
  conversationPause: {
    days: 7,
    channels: ['call'],
    startedBy: ['call'],
    per: 'debt',
    countsInbound: true, // US-6b: inbound calls start the conversation clock
    rule: 'US-6 Reg F 1006.14(b)(2)(i)(B)',
  },
  flagRules: flagRules(),
  optOutRule: 'US-8 Reg F 1006.14(h)(1); TCPA-2 (FCC 24-18)',
  optOutNotice: {
    channels: ['email', 'sms'],
    rule: 'US-9 Reg F 1006.6(e)',
    message: 'Include a clear, simple way to opt out of e-mail/text at this address (e.g. "Reply STOP to opt out").',
  },
  override: {
    permitted: true,
    // §1692c(a) "without the prior consent of the consumer"; US-6d consent window (1006.14(b)(3)).
    codes: ['outside_window', 'frequency_cap', 'conversation_pause'],
    rule: 'Consumer consent given directly to the collector (§1692c(a); US-6d Reg F 1006.14(b)(3)): record it',
  },
  sources: ['domain-rules.md f.2, f.3, f.4, f.11'],
};

/** Massachusetts: federal rules plus 940 CMR 7.04(1)(f) (creditors too, domain-rules.md f.5). */
const US_MA: PolicyProfile = {
  ...US_FDCPA,
  id: 'us-ma',
  name: 'US Massachusetts (FDCPA / Reg F + 940 CMR 7.00)',
  description:
    'Federal rules plus MA-1: at most 2 telephone communications (calls, texts, recorded messages) per debt in 7 days. ' +
    'The 2-per-30-days limit for non-personal numbers needs the dialled number type and is not modelled.',
  caps: [
    ...US_FDCPA.caps,
    {
      id: 'ma-2-in-7',
      channels: ['call', 'sms'],
      max: 2,
      windowDays: 7,
      per: 'debt',
      countsInbound: false,
      countsVoicemail: true, // Watkins v. Glenn Associates: a voicemail counts
      countsUnanswered: false, // failed attempts that neither reach nor leave a message are excluded
      rule: 'MA-1 940 CMR 7.04(1)(f); MA-2 209 CMR 18.16',
      description: 'at most 2 calls or texts about this debt in 7 days',
    },
  ],
  override: {
    permitted: true,
    // MA-1 is an absolute limit (no consent exception), so frequency_cap is not overridable here.
    codes: ['outside_window', 'conversation_pause'],
    rule: 'Consumer consent given directly to the collector (§1692c(a); US-6d): record it',
  },
  sources: ['domain-rules.md f.4, f.5 (MA-1, MA-2)'],
};

const IN_WINDOW: TimeRange = { start: '08:00', end: '19:00' };
const IN_RULE = 'IN-1 RBI/2022-23/108 (no calls before 08:00 or after 19:00)';

/** India, RBI-regulated entities and their agents; used as the default policy for Indian trade debt (f.6). */
const IN_RBI: PolicyProfile = {
  id: 'in-rbi',
  name: 'India (RBI recovery conduct)',
  description:
    '08:00-19:00 IST for calls, texts and visits (IN-1, IN-3 draft); no persistent calling: policy cap of 3 calls a day and ' +
    '10 a week per contact. E-mail is not time-gated.',
  defaultZone: 'Asia/Kolkata',
  defaultHolidayCalendar: 'IN',
  requireAllCandidateZones: true,
  windows: {
    call: { days: everyDay(IN_WINDOW), excludeHolidays: false, rule: IN_RULE },
    sms: { days: everyDay(IN_WINDOW), excludeHolidays: false, rule: IN_RULE },
    visit: { days: everyDay(IN_WINDOW), excludeHolidays: false, rule: `${IN_RULE}; IN-2 RBI/2007-2008/296` },
  },
  caps: [
    {
      id: 'in-policy-daily-calls',
      channels: ['call'],
      max: 3,
      windowDays: 1,
      per: 'contact',
      rule: 'IN-1 RBI/2022-23/108 "persistently calling" (policy cap)',
      description: 'at most 3 calls to this contact a day',
    },
    {
      id: 'in-policy-weekly-calls',
      channels: ['call'],
      max: 10,
      windowDays: 7,
      per: 'contact',
      rule: 'IN-1 RBI/2022-23/108 "persistently calling" (policy cap)',
      description: 'at most 10 calls to this contact in 7 days',
    },
  ],
  conversationPause: null,
  flagRules: flagRules([
    {
      flag: 'grievance_pending',
      effect: 'soft',
      channels: ALL_CHANNELS,
      rule: 'IN-2 RBI/2007-2008/296 (no agent while a grievance is pending)',
      message: 'A grievance is pending: no recovery-agent contact until it is resolved (unless judged frivolous).',
    },
  ]),
  optOutRule: 'IN-6 DPDP Act 2023 (withdrawal of consent); IN-7 TRAI TCCCPR',
  optOutNotice: null,
  override: {
    permitted: true,
    // The 08:00-19:00 window is a regulator's bright line; only the policy caps may be overridden.
    codes: ['frequency_cap'],
    rule: 'Documented reason (e.g. borrower asked for a call back today)',
  },
  sources: ['domain-rules.md f.6 (IN-1, IN-2, IN-3)'],
};

const UK_WEEKDAY: TimeRange = { start: '08:00', end: '21:00' };
const UK_SATURDAY: TimeRange = { start: '09:00', end: '17:00' };
const UK_DAYS: ChannelSchedule['days'] = { ...weekdays(UK_WEEKDAY), sat: UK_SATURDAY };
const UK_RULE = 'UK-3 CONC 7.9 (no unreasonable times; policy window Mon-Fri 08:00-21:00, Sat 09:00-17:00)';

/**
 * UK consumer credit (FCA CONC 7). CONC has no clock or numeric cap ("not unreasonable", UK-3), so
 * the window and cap are company policy: Mon-Fri 08:00-21:00, Sat 09:00-17:00, no Sundays or bank
 * holidays; 3 calls per contact in 7 days.
 */
const UK_FCA: PolicyProfile = {
  id: 'uk-fca',
  name: 'UK consumer credit (FCA CONC 7)',
  description:
    'Policy window Mon-Fri 08:00-21:00, Sat 09:00-17:00, never Sundays or bank holidays (CONC 7.9 has no clock); policy cap ' +
    '3 calls per contact in 7 days; vulnerable customers go to a specialist (UK-7); breathing space blocks payment requests (UK-8).',
  defaultZone: 'Europe/London',
  defaultHolidayCalendar: 'GB',
  requireAllCandidateZones: true,
  windows: onEveryChannel({ days: UK_DAYS, excludeHolidays: true, rule: UK_RULE }),
  caps: [threeCallsPerWeek('uk-policy-weekly-calls', 'UK-3 CONC 7.9 (policy cap; CONC sets no number)')],
  conversationPause: null,
  flagRules: flagRules([
    {
      flag: 'time_barred',
      effect: 'soft',
      channels: ALL_CHANNELS,
      rule: 'UK-6 CONC 7.15.7-7.15.8',
      message: 'Statute-barred: no suggestion of court action, and no demands once the customer has invoked it.',
    },
  ]),
  optOutRule: 'UK-3 CONC 7.9 (regard reasonable requests about how to contact); EU-1 UK GDPR Art. 21',
  optOutNotice: null,
  override: {
    permitted: true,
    // UK-3: the customer's reasonable request (e.g. a shift worker asking for a Sunday call) can move contact.
    codes: ['outside_window', 'excluded_day', 'public_holiday', 'frequency_cap'],
    rule: "Customer's reasonable request about when to be contacted (UK-3 CONC 7.9): record it",
  },
  sources: ['domain-rules.md f.7 (UK-3, UK-4, UK-6, UK-7, UK-8)'],
};

const IE_DAYS: ChannelSchedule['days'] = {
  mon: { start: '09:00', end: '21:00' },
  tue: { start: '09:00', end: '21:00' },
  wed: { start: '09:00', end: '21:00' },
  thu: { start: '09:00', end: '21:00' },
  fri: { start: '09:00', end: '21:00' },
  sat: { start: '09:00', end: '21:00' },
};
const IE_RULE = 'IE-1 Consumer Credit Act 1995 s.46 (not 21:00-09:00, Sundays or public holidays)';

/** Ireland: Consumer Credit Act 1995 s.46 (domain-rules.md f.8). */
const IE_CCA: PolicyProfile = {
  id: 'ie-cca',
  name: 'Ireland (Consumer Credit Act 1995 s.46)',
  description:
    'Calls and visits Mon-Sat 09:00-21:00 only, never on a Sunday or a public holiday (from the supplied calendar, key "IE"); ' +
    'texts follow the same window by policy; e-mail is not time-gated.',
  defaultZone: 'Europe/Dublin',
  defaultHolidayCalendar: 'IE',
  requireAllCandidateZones: true,
  windows: {
    call: { days: IE_DAYS, excludeHolidays: true, rule: IE_RULE },
    visit: { days: IE_DAYS, excludeHolidays: true, rule: IE_RULE },
    sms: { days: IE_DAYS, excludeHolidays: true, rule: `${IE_RULE} (applied to texts by policy)` },
  },
  caps: [],
  conversationPause: null,
  flagRules: flagRules(),
  optOutRule: 'EU-1 GDPR Art. 21 (objection)',
  optOutNotice: null,
  override: {
    permitted: true,
    // s.46 forbids these calls "without consent": consumer consent lifts the time restriction.
    codes: ['outside_window', 'excluded_day', 'public_holiday'],
    rule: "Consumer's consent to the call or visit (IE-1 s.46): record it",
  },
  sources: ['domain-rules.md f.8 (IE-1)'],
};

const B2B_DAYS = weekdays({ start: '09:00', end: '18:00' });
const B2B_RULE = 'B2B policy (f.10): debtor business hours Mon-Fri 09:00-18:00, no local public holidays';

/** Business-to-business default policy (domain-rules.md f.10): no consumer statute, policy only. */
const B2B_DEFAULT: PolicyProfile = {
  id: 'b2b-default',
  name: 'B2B default policy',
  description:
    "Mon-Fri 09:00-18:00 in the debtor's zone (the contact's own zone first), no public holidays; at most 3 calls per contact " +
    'a week; disputes restrict only the disputed amount.',
  defaultZone: 'UTC',
  defaultHolidayCalendar: null,
  // One business location: the contact's zone (else their phone's, else the account's).
  requireAllCandidateZones: false,
  windows: onEveryChannel({ days: B2B_DAYS, excludeHolidays: true, rule: B2B_RULE }),
  caps: [threeCallsPerWeek('b2b-weekly-calls', 'B2B policy (f.10): weekly attempt cap per contact')],
  conversationPause: null,
  flagRules: flagRules([
    {
      flag: 'dispute_pending_verification',
      effect: 'advisory',
      channels: ALL_CHANNELS,
      rule: 'f.11 (B2B: disputed amount only); (e) disputes',
      message: 'Dispute pending: chase only the undisputed invoices; the disputed amount goes to the dispute owner.',
    },
    {
      flag: 'cease_communication',
      effect: 'hard',
      channels: ALL_CHANNELS,
      rule: 'B2B policy: honour a written stop request (US-11 by analogy)',
      message: 'The customer asked us to stop contacting them; escalate instead of calling.',
    },
  ]),
  optOutRule: 'f.10 honour the designated AP contact and channel; EU-1 GDPR Art. 21',
  optOutNotice: null,
  override: {
    permitted: true,
    codes: ['outside_window', 'excluded_day', 'public_holiday', 'frequency_cap'],
    rule: 'Documented business reason (e.g. the customer asked for a call at this time)',
  },
  sources: ['domain-rules.md f.10, f.11; US-18 binds all creditors; UK-8 covers sole traders'],
};

/** Shared data must not be edited by one caller under another's feet: freeze the whole tree. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) {
      deepFreeze(child);
    }
  }
  return value;
}

/** Every shipped profile, by id (deeply frozen; spread and replace fields to derive a custom profile). */
export const PROFILES: Readonly<Record<string, PolicyProfile>> = deepFreeze({
  [US_FDCPA.id]: US_FDCPA,
  [US_MA.id]: US_MA,
  [IN_RBI.id]: IN_RBI,
  [UK_FCA.id]: UK_FCA,
  [IE_CCA.id]: IE_CCA,
  [B2B_DEFAULT.id]: B2B_DEFAULT,
});

/** Ids of the shipped profiles. */
export const PROFILE_IDS = Object.freeze(Object.keys(PROFILES));

/**
 * A shipped profile by id (e.g. `account.complianceProfile`).
 * @throws DomainValidationError `invalid_input` naming `field` when the id is unknown.
 */
export function getProfile(id: string, field = 'profile'): PolicyProfile {
  const profile = Object.prototype.hasOwnProperty.call(PROFILES, id) ? PROFILES[id] : undefined;
  if (!profile) {
    throw new DomainValidationError('invalid_input', field, `unknown compliance profile ${JSON.stringify(id)} (known: ${PROFILE_IDS.join(', ')})`);
  }
  return profile;
}
