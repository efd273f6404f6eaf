/**
 * The rules of the shipped policy profiles (domain-rules.md f.3): exactly what the engine reads,
 * and nothing it does not. Each profile's documentation (name, description, sources, and the
 * override guidance `override.rule`) lives in profiles.ts, which the engine does not import, so it
 * stays out of the page (decision 0008).
 * Pure data: the engine has no code path per profile. Rule ids (US-1, MA-1, IN-1, UK-3, IE-1 …)
 * refer to domain-rules.md (f); reason messages and rule citations here are shown to users.
 *
 * Windows are `[start, end)` in the debtor's local time: 08:00 is allowed, 21:00 is not
 * (US-1 "after 8 a.m. and before 9 p.m.").
 */
import { DomainValidationError } from '../errors';
import type { AccountFlag, Channel, ContactRole } from '../model';
import type { ChannelSchedule, FlagEffect, FlagRule, FrequencyCap, PolicyRules, TimeRange } from './profile';

const ALL_CHANNELS: Channel[] = ['call', 'email', 'sms', 'visit'];

function everyDay(range: TimeRange): ChannelSchedule['days'] {
  return { mon: range, tue: range, wed: range, thu: range, fri: range, sat: range, sun: range };
}

function weekdays(range: TimeRange): ChannelSchedule['days'] {
  return { mon: range, tue: range, wed: range, thu: range, fri: range };
}

/** The same schedule for every channel (profiles whose policy does not distinguish channels). */
function onEveryChannel(schedule: ChannelSchedule): PolicyRules['windows'] {
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

/** A flag rule on every channel (every shipped flag rule restricts all channels alike). */
function onAllChannels(flag: AccountFlag, effect: FlagEffect, rule: string, message: string, exemptRoles?: ContactRole[]): FlagRule {
  const flagRule: FlagRule = { flag, effect, channels: ALL_CHANNELS, rule, message };
  if (exemptRoles) {
    flagRule.exemptRoles = exemptRoles;
  }
  return flagRule;
}

/**
 * Account flags every profile honours (domain-rules.md f.11). Profiles list them explicitly (by
 * taking this table and replacing entries) so each profile reads as a complete table.
 */
const BLOCKED_STATE_RULES: readonly FlagRule[] = [
  onAllChannels(
    'cease_communication',
    'hard',
    'US-11 FDCPA §1692c(c)',
    'The debtor asked us to cease communication; only the three permitted notices may be sent by letter.',
  ),
  onAllChannels(
    'attorney_represented',
    'hard',
    'US-12 FDCPA §1692c(a)(2); Reg F 1006.6(b)(2)',
    'The debtor is represented by an attorney: contact the attorney only.',
    ['attorney'],
  ),
  onAllChannels('bankruptcy', 'hard', 'US-18 11 U.S.C. §362 automatic stay', 'Bankruptcy stay: no calls, letters or e-mails about pre-petition debts.'),
  onAllChannels(
    'breathing_space',
    'hard',
    'UK-8 Breathing Space SI 2020/1311',
    'Breathing space: no payment requests or enforcement while the moratorium lasts.',
  ),
  onAllChannels('deceased', 'hard', 'US-15 Reg F 1006.6(a)(4)', 'Debtor deceased: contact the estate representative only.', ['estate_representative']),
  onAllChannels(
    'dispute_pending_verification',
    'hard',
    'US-14 FDCPA §1692g(b); Reg F 1006.38; UK-4 CONC 7.14.1R',
    'Dispute pending verification: collection of the debt is suspended until it is verified.',
  ),
  onAllChannels('vulnerable', 'soft', 'UK-7 FCA FG21/1', 'Vulnerable customer: route to a specialist; ordinary collection contact is paused.'),
  onAllChannels(
    'time_barred',
    'advisory',
    'US-16 Reg F 1006.26(b); UK-6 CONC 7.15',
    'Time-barred debt: do not sue or threaten suit; stop demands if the customer invokes it.',
  ),
  onAllChannels('grievance_pending', 'advisory', 'IN-2 RBI/2007-2008/296', 'A grievance is pending: no recovery-agent allocation until it is resolved.'),
];

function flagRules(...replacements: FlagRule[]): FlagRule[] {
  return BLOCKED_STATE_RULES.map((base) => replacements.find((rule) => rule.flag === base.flag) ?? base);
}

const US_DAYS = everyDay({ start: '08:00', end: '21:00' });
const US_WINDOW_RULE = 'US-1 FDCPA §1692c(a)(1); Reg F 1006.6(b)(1)(i)';
const US_ELECTRONIC_RULE = `${US_WINDOW_RULE}; US-4 e-mail/SMS occur when sent`;

/** US federal: FDCPA and Reg F (12 CFR 1006), consumer debt (domain-rules.md f.4). */
const US_FDCPA: PolicyRules = {
  id: 'us-fdcpa',
  defaultZone: 'America/New_York',
  defaultHolidayCalendar: 'US',
  // US-2: mobile area code and address may disagree; the window must hold in all of them.
  requireAllCandidateZones: true,
  windows: {
    call: { days: US_DAYS, excludeHolidays: false, rule: US_WINDOW_RULE },
    sms: { days: US_DAYS, excludeHolidays: false, rule: US_ELECTRONIC_RULE },
    email: { days: US_DAYS, excludeHolidays: false, rule: US_ELECTRONIC_RULE },
    visit: { days: US_DAYS, excludeHolidays: false, rule: US_WINDOW_RULE },
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
  },
};

/** Massachusetts: federal rules plus 940 CMR 7.04(1)(f) (creditors too, domain-rules.md f.5). */
const US_MA: PolicyRules = {
  ...US_FDCPA,
  id: 'us-ma',
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
  },
};

const IN_DAYS = everyDay({ start: '08:00', end: '19:00' });
const IN_RULE = 'IN-1 RBI/2022-23/108 (no calls before 08:00 or after 19:00)';
const IN_CAP_RULE = 'IN-1 RBI/2022-23/108 "persistently calling" (policy cap)';

/** India, RBI-regulated entities and their agents; used as the default policy for Indian trade debt (f.6). */
const IN_RBI: PolicyRules = {
  id: 'in-rbi',
  defaultZone: 'Asia/Kolkata',
  defaultHolidayCalendar: 'IN',
  requireAllCandidateZones: true,
  windows: {
    call: { days: IN_DAYS, excludeHolidays: false, rule: IN_RULE },
    sms: { days: IN_DAYS, excludeHolidays: false, rule: IN_RULE },
    visit: { days: IN_DAYS, excludeHolidays: false, rule: `${IN_RULE}; IN-2 RBI/2007-2008/296` },
  },
  caps: [
    {
      id: 'in-policy-daily-calls',
      channels: ['call'],
      max: 3,
      windowDays: 1,
      per: 'contact',
      rule: IN_CAP_RULE,
      description: 'at most 3 calls to this contact a day',
    },
    {
      id: 'in-policy-weekly-calls',
      channels: ['call'],
      max: 10,
      windowDays: 7,
      per: 'contact',
      rule: IN_CAP_RULE,
      description: 'at most 10 calls to this contact in 7 days',
    },
  ],
  conversationPause: null,
  flagRules: flagRules(
    onAllChannels(
      'grievance_pending',
      'soft',
      'IN-2 RBI/2007-2008/296 (no agent while a grievance is pending)',
      'A grievance is pending: no recovery-agent contact until it is resolved (unless judged frivolous).',
    ),
  ),
  optOutRule: 'IN-6 DPDP Act 2023 (withdrawal of consent); IN-7 TRAI TCCCPR',
  optOutNotice: null,
  override: {
    permitted: true,
    // The 08:00-19:00 window is a regulator's bright line; only the policy caps may be overridden.
    codes: ['frequency_cap'],
  },
};

/**
 * UK consumer credit (FCA CONC 7). CONC has no clock or numeric cap ("not unreasonable", UK-3), so
 * the window and cap are company policy: Mon-Fri 08:00-21:00, Sat 09:00-17:00, no Sundays or bank
 * holidays; 3 calls per contact in 7 days.
 */
const UK_FCA: PolicyRules = {
  id: 'uk-fca',
  defaultZone: 'Europe/London',
  defaultHolidayCalendar: 'GB',
  requireAllCandidateZones: true,
  windows: onEveryChannel({
    days: { ...weekdays({ start: '08:00', end: '21:00' }), sat: { start: '09:00', end: '17:00' } },
    excludeHolidays: true,
    rule: 'UK-3 CONC 7.9 (no unreasonable times; policy window Mon-Fri 08:00-21:00, Sat 09:00-17:00)',
  }),
  caps: [threeCallsPerWeek('uk-policy-weekly-calls', 'UK-3 CONC 7.9 (policy cap; CONC sets no number)')],
  conversationPause: null,
  flagRules: flagRules(
    onAllChannels(
      'time_barred',
      'soft',
      'UK-6 CONC 7.15.7-7.15.8',
      'Statute-barred: no suggestion of court action, and no demands once the customer has invoked it.',
    ),
  ),
  optOutRule: 'UK-3 CONC 7.9 (regard reasonable requests about how to contact); EU-1 UK GDPR Art. 21',
  optOutNotice: null,
  override: {
    permitted: true,
    // UK-3: the customer's reasonable request (e.g. a shift worker asking for a Sunday call) can move contact.
    codes: ['outside_window', 'excluded_day', 'public_holiday', 'frequency_cap'],
  },
};

const IE_HOURS: TimeRange = { start: '09:00', end: '21:00' };
const IE_DAYS: ChannelSchedule['days'] = { ...weekdays(IE_HOURS), sat: IE_HOURS };
const IE_RULE = 'IE-1 Consumer Credit Act 1995 s.46 (not 21:00-09:00, Sundays or public holidays)';

/** Ireland: Consumer Credit Act 1995 s.46 (domain-rules.md f.8). */
const IE_CCA: PolicyRules = {
  id: 'ie-cca',
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
  },
};

/** Business-to-business default policy (domain-rules.md f.10): no consumer statute, policy only. */
const B2B_DEFAULT: PolicyRules = {
  id: 'b2b-default',
  defaultZone: 'UTC',
  defaultHolidayCalendar: null,
  // One business location: the contact's zone (else their phone's, else the account's).
  requireAllCandidateZones: false,
  windows: onEveryChannel({
    days: weekdays({ start: '09:00', end: '18:00' }),
    excludeHolidays: true,
    // Mon-Fri means the debtor's working week: Sun-Thu in Kuwait (issue 17).
    workingDays: true,
    rule: "B2B policy (f.10): debtor business hours 09:00-18:00 on the debtor country's working days (Mon-Fri where the weekend is Sat-Sun), no local public holidays",
  }),
  caps: [threeCallsPerWeek('b2b-weekly-calls', 'B2B policy (f.10): weekly attempt cap per contact')],
  conversationPause: null,
  flagRules: flagRules(
    onAllChannels(
      'dispute_pending_verification',
      'advisory',
      'f.11 (B2B: disputed amount only); (e) disputes',
      'Dispute pending: chase only the undisputed invoices; the disputed amount goes to the dispute owner.',
    ),
    onAllChannels(
      'cease_communication',
      'hard',
      'B2B policy: honour a written stop request (US-11 by analogy)',
      'The customer asked us to stop contacting them; escalate instead of calling.',
    ),
  ),
  optOutRule: 'f.10 honour the designated AP contact and channel; EU-1 GDPR Art. 21',
  optOutNotice: null,
  override: {
    permitted: true,
    codes: ['outside_window', 'excluded_day', 'public_holiday', 'frequency_cap'],
  },
};

/**
 * The shipped profiles' rules, by id. Not exported from the domain: callers get the documented,
 * deeply frozen profiles from profiles.ts (`PROFILES`, `getProfile`), which share these objects.
 */
export const SHIPPED_RULES: Readonly<Record<string, PolicyRules>> = {
  [US_FDCPA.id]: US_FDCPA,
  [US_MA.id]: US_MA,
  [IN_RBI.id]: IN_RBI,
  [UK_FCA.id]: UK_FCA,
  [IE_CCA.id]: IE_CCA,
  [B2B_DEFAULT.id]: B2B_DEFAULT,
};

/**
 * A shipped profile's rules by id (e.g. `account.complianceProfile`).
 * @throws DomainValidationError `invalid_input` naming `field` when the id is unknown.
 */
export function shippedRules(id: string, field = 'profile'): PolicyRules {
  const rules = Object.prototype.hasOwnProperty.call(SHIPPED_RULES, id) ? SHIPPED_RULES[id] : undefined;
  if (!rules) {
    const known = Object.keys(SHIPPED_RULES).join(', ');
    throw new DomainValidationError('invalid_input', field, `unknown compliance profile ${JSON.stringify(id)} (known: ${known})`);
  }
  return rules;
}
