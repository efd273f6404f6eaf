/**
 * The contact-compliance engine: may this user contact this person on this channel now, why not,
 * and when next? (domain-rules.md f.1-f.11)
 *
 * It interprets a {@link PolicyProfile} (data) with no per-profile branches. Checks, all reported
 * (never just the first):
 * 1. blocked states: account flags (f.11) and the contact's channel opt-outs (US-8);
 * 2. the local-time window per channel and weekday, in every candidate zone when the profile
 *    requires the intersection (US-1, US-2), with excluded days and supplied public holidays (IE-1);
 * 3. rolling frequency caps (US-6 7-in-7, MA-1 2-in-7, policy caps);
 * 4. the pause after a conversation (US-6: the conversation's date is day 1).
 *
 * `nextAllowedAt` is found by jumping to the latest "earliest possible" instant of every failing
 * check and re-checking everything there, until all checks pass (or a block is permanent).
 * Day arithmetic is in the debtor's local calendar per zone, so DST days are 23 or 25 hours long.
 */
import * as guards from '../guards';
import { DomainValidationError } from '../errors';
import { addDays, dayOfWeek, parseIsoDate } from '../dates';
import { canonicalTimeZone, epochFromZoned, parseInstant, requireTimeZone, toInstant, weekdayKey, zonedParts } from '../time';
import type { Account, AccountFlag, Activity, Channel, Contact } from '../model';
import type { ChannelSchedule, ConversationPause, CounterScope, FlagRule, FrequencyCap, PolicyProfile, PolicyRules, ReasonCode } from './profile';
import { weekendOf } from './working-week';

/**
 * How a reason weighs:
 * - `hard`: a legal stop; never overridable (cease, bankruptcy, opt-out …);
 * - `block`: blocks; overridable only when the profile lists its code (consent to a call outside hours);
 * - `soft`: specialist handling; overridable with a reason when the profile permits overrides (UK-7);
 * - `info`: does not block (fallback zone used, advisory flag, missing holiday calendar).
 */
export type ReasonSeverity = 'hard' | 'block' | 'soft' | 'info';

/** One finding, with the rule it comes from. */
export interface ComplianceReason {
  code: ReasonCode;
  severity: ReasonSeverity;
  message: string;
  /** Rule id and citation, e.g. 'US-6 Reg F 1006.14(b)(2)(i)(A)'. */
  rule: string;
  /** The candidate zone the finding is about (window, cap and pause checks). */
  zone?: string;
  /** The account flag behind an `account_flag` reason. */
  flag?: AccountFlag;
  /** The frequency cap behind a `frequency_cap` reason. */
  capId?: string;
}

/** Something the contact must include when it goes ahead (US-9 opt-out sentence). */
export interface ComplianceRequirement {
  code: 'opt_out_notice';
  message: string;
  rule: string;
}

/** A history entry: an Activity, optionally tagged with the debts it concerned (US-6c). */
export type HistoryActivity = Activity & {
  /** Debts this activity concerned; absent/empty = the whole account (counts for every debt, US-6c). */
  debtRefs?: readonly string[] | null;
};

/** Input to `checkContact` (check-contact.ts) and {@link checkContactWithRules}. */
export interface CheckContactInput {
  /**
   * The policy to apply (validated): rules or a complete profile; `checkContact` also takes a
   * shipped profile id.
   */
  profile: PolicyRules | PolicyProfile | string;
  channel: Channel;
  /** When the contact would happen (e-mail/SMS: send time, US-4). ISO instant with Z or offset. */
  at: string;
  contact: Contact;
  account: Account;
  /** Contact history for the account (all contacts); later entries than `at` are ignored. */
  history: readonly HistoryActivity[];
  /** Public holidays keyed by IANA zone or ISO country ('IE'), as `YYYY-MM-DD` local dates. */
  holidays?: Readonly<Record<string, readonly string[]>>;
  /** The debt being collected, for per-debt caps (Reg F "particular debt"). */
  debtRef?: string | null;
}

/** The engine's answer. */
export interface ComplianceResult {
  allowed: boolean;
  /** Every finding at `at`: blocking ones and informational ones. */
  reasons: ComplianceReason[];
  /** `at` when allowed; the first instant all checks pass; null when blocked with no known end. */
  nextAllowedAt: string | null;
  /** When allowed and the channel is time-windowed: the window closes at `until` (badge "OK until 19:00 IST"). */
  window?: { until: string; zone: string };
  /** True when every blocking reason may be overridden by recording a reason (what to record: the profile's `override.rule`). */
  overridable: boolean;
  /** Zones checked, as spelled in the input, aliases deduped ('US/Eastern' = 'America/New_York'); or the profile's fallback zone. */
  zones: string[];
  requirements: ComplianceRequirement[];
  profileId: string;
}

/** How far ahead nextAllowedAt is searched; beyond it the block counts as open-ended. */
const SEARCH_HORIZON_DAYS = 400;
const MAX_SEARCH_STEPS = 500;
const DAY_MS = 86_400_000;

/**
 * Check one prospective contact against policy rules given as data: a tenant's profile, or the
 * rules the connector resolved for the account (`AccountSnapshot.complianceRules`). The rules are
 * validated like every domain input. This module holds no profile table, so a page that gets its
 * rules with the data never ships the shipped profiles (decision 0009); `checkContact` in
 * check-contact.ts also takes a shipped profile id.
 * @throws DomainValidationError for malformed input (`invalid_time_zone`, `invalid_date`, `invalid_input`), naming the field.
 */
export function checkContactWithRules(input: CheckContactInput): ComplianceResult {
  return checkResolved(input, (profile) => guards.policyRules(profile, 'profile'));
}

/**
 * The engine proper, for entries that resolve `input.profile` their own way (check-contact.ts).
 * `resolveProfile` validates and returns the rules to apply.
 */
export function checkResolved(input: CheckContactInput, resolveProfile: (profile: unknown) => PolicyRules): ComplianceResult {
  const ctx = buildContext(input, resolveProfile);
  const atMs = ctx.atMs;
  const evaluation = evaluate(ctx, atMs);
  const reasons = [...ctx.staticInfo, ...evaluation.reasons];
  const blocking = evaluation.reasons.filter((reason) => reason.severity !== 'info');
  const allowed = blocking.length === 0;

  const requirements: ComplianceRequirement[] = [];
  const notice = ctx.profile.optOutNotice;
  if (notice && notice.channels.includes(ctx.channel)) {
    requirements.push({ code: 'opt_out_notice', message: notice.message, rule: notice.rule });
  }

  const result: ComplianceResult = {
    allowed,
    reasons,
    nextAllowedAt: allowed ? toInstant(atMs) : findNextAllowed(ctx, atMs, evaluation.earliest),
    overridable: !allowed && isOverridable(ctx.profile, blocking),
    zones: ctx.zones,
    requirements,
    profileId: ctx.profile.id,
  };
  if (allowed && evaluation.windowEnd) {
    result.window = { until: toInstant(evaluation.windowEnd.ms), zone: evaluation.windowEnd.zone };
  }
  return result;
}

function isOverridable(profile: PolicyRules, blocking: readonly ComplianceReason[]): boolean {
  if (!profile.override.permitted) {
    return false;
  }
  return blocking.every(
    (reason) => reason.severity === 'soft' || (reason.severity === 'block' && profile.override.codes.includes(reason.code)),
  );
}

// ---------------------------------------------------------------------------------------------
// Context: validated input plus per-call caches

interface TimedActivity {
  activity: HistoryActivity;
  ms: number;
}

interface Context {
  profile: PolicyRules;
  channel: Channel;
  atMs: number;
  contact: Contact;
  account: Account;
  history: TimedActivity[];
  zones: string[];
  holidaysByZone: Map<string, Set<string>>;
  /** The channel's schedule with the debtor's working week applied (`workingDays`); undefined when the channel has none. */
  schedule: ChannelSchedule | undefined;
  debtRef: string | null;
  /** Info reasons that do not depend on the instant (fallback zone, missing calendar). */
  staticInfo: ComplianceReason[];
  localDateCache: Map<string, string>;
}

function buildContext(input: CheckContactInput, resolveProfile: (profile: unknown) => PolicyRules): Context {
  if (input === null || typeof input !== 'object') {
    throw new DomainValidationError('invalid_input', 'input', 'expected a checkContact input object');
  }
  const profile = resolveProfile(input.profile);
  requireTimeZone(profile.defaultZone, 'profile.defaultZone');
  const channel = guards.channel(input.channel, 'channel');
  const atMs = parseInstant(input.at, 'at');
  const contact = guards.contact(input.contact, 'contact');
  const account = guards.account(input.account, 'account');
  if (!Array.isArray(input.history)) {
    throw new DomainValidationError('invalid_input', 'history', 'expected an array of activities');
  }
  const history = input.history.map((entry, index) => {
    const activity = guards.historyActivity(entry, `history.${index}`);
    return { activity, ms: parseInstant(activity.occurredAt, `history.${index}.occurredAt`) };
  });
  const debtRef = input.debtRef ?? null;
  if (debtRef !== null && typeof debtRef !== 'string') {
    throw new DomainValidationError('invalid_input', 'debtRef', 'expected a string');
  }

  const staticInfo: ComplianceReason[] = [];
  const zones = candidateZones(contact, account, profile);
  if (zones.length === 0) {
    zones.push(requireTimeZone(profile.defaultZone, 'profile.defaultZone'));
    staticInfo.push({
      code: 'default_zone_used',
      severity: 'info',
      message: `No time zone is known for ${contact.name}; using ${profile.defaultZone}. Confirm where the debtor is (US-3: do not rely on one signal).`,
      rule: 'US-1 / US-3 debtor-local time',
      zone: zones[0] as string,
    });
  }

  const holidaysByZone = holidayCalendars(input.holidays, zones, account, profile);
  const schedule = workingWeekSchedule(profile.windows[channel], account, profile);
  if (schedule?.excludeHolidays) {
    for (const zone of zones) {
      if (!holidaysByZone.has(zone)) {
        const key = account.country ?? profile.defaultHolidayCalendar ?? zone;
        staticInfo.push({
          code: 'holiday_calendar_missing',
          severity: 'info',
          message: `No public-holiday calendar supplied for ${key} / ${zone}: public holidays were not checked.`,
          rule: schedule.rule,
          zone,
        });
      }
    }
  }

  return { profile, channel, atMs, contact, account, history, zones, holidaysByZone, schedule, debtRef, staticInfo, localDateCache: new Map() };
}

/**
 * A `workingDays` schedule on the debtor country's working week (working-week.ts): its weekend days
 * excluded, its other days on their own window or else Monday's. Literal schedules are returned as given.
 */
function workingWeekSchedule(schedule: ChannelSchedule | undefined, account: Account, profile: PolicyRules): ChannelSchedule | undefined {
  const country = account.country ?? profile.defaultHolidayCalendar;
  if (!schedule?.workingDays || !country) {
    return schedule;
  }
  const weekend = weekendOf(country);
  const workday = schedule.days.mon;
  const days: ChannelSchedule['days'] = {};
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const) {
    const range = schedule.days[day] ?? workday;
    if (!weekend.includes(day) && range) {
      days[day] = range;
    }
  }
  return { ...schedule, days };
}

/** US-2: every place the debtor may be: contact address, each phone's zone, account address; deduped. */
function candidateZones(contact: Contact, account: Account, profile: PolicyRules): string[] {
  const sources: Array<[unknown, string]> = [[contact.timeZone, 'contact.timeZone']];
  contact.phones.forEach((phone, index) => sources.push([phone.timeZone, `contact.phones.${index}.timeZone`]));
  sources.push([account.timeZone, 'account.timeZone']);
  const zones: string[] = [];
  const seen = new Set<string>();
  for (const [zone, field] of sources) {
    if (zone === null || zone === undefined) {
      continue;
    }
    // Dedupe aliases ('US/Eastern' = 'America/New_York'); keep the first spelling for display.
    const canonical = canonicalTimeZone(zone, field);
    if (!seen.has(canonical)) {
      seen.add(canonical);
      zones.push(requireTimeZone(zone, field));
    }
  }
  return profile.requireAllCandidateZones ? zones : zones.slice(0, 1);
}

function holidayCalendars(
  holidays: CheckContactInput['holidays'],
  zones: readonly string[],
  account: Account,
  profile: PolicyRules,
): Map<string, Set<string>> {
  const byKey = new Map<string, Set<string>>();
  if (holidays !== undefined && holidays !== null) {
    if (typeof holidays !== 'object') {
      throw new DomainValidationError('invalid_input', 'holidays', 'expected a record of zone or country → dates');
    }
    for (const [key, dates] of Object.entries(holidays)) {
      if (!Array.isArray(dates)) {
        throw new DomainValidationError('invalid_input', `holidays.${key}`, 'expected an array of YYYY-MM-DD dates');
      }
      const set = new Set<string>();
      dates.forEach((date, index) => set.add(parseIsoDate(date, `holidays.${key}.${index}`)));
      // Zone keys are matched canonically ('Asia/Calcutta' = 'Asia/Kolkata'); country keys upper-cased.
      const canonicalKey = isZoneKey(key) ? canonicalTimeZone(key, `holidays.${key}`) : key.toUpperCase();
      byKey.set(canonicalKey, new Set([...(byKey.get(canonicalKey) ?? []), ...set]));
    }
  }
  const countryKey = (account.country ?? profile.defaultHolidayCalendar ?? '').toUpperCase();
  const byZone = new Map<string, Set<string>>();
  for (const zone of zones) {
    const byZoneKey = byKey.get(canonicalTimeZone(zone));
    const byCountry = countryKey ? byKey.get(countryKey) : undefined;
    // A calendar supplied with no dates (no holiday in the coming weeks) is a checked calendar, not a missing one.
    if (byZoneKey || byCountry) {
      byZone.set(zone, new Set([...(byZoneKey ?? []), ...(byCountry ?? [])]));
    }
  }
  return byZone;
}

/** Calendar keys: ISO country codes ('IE', 'US') or IANA zones ('Europe/Dublin', 'UTC'). */
function isZoneKey(key: string): boolean {
  return key.includes('/') || !/^[A-Za-z]{2,3}$/.test(key);
}

function localDate(ctx: Context, ms: number, zone: string): string {
  const key = `${zone}|${ms}`;
  let date = ctx.localDateCache.get(key);
  if (date === undefined) {
    date = zonedParts(ms, zone).date;
    ctx.localDateCache.set(key, date);
  }
  return date;
}

function startOfLocalDay(date: string, zone: string): number {
  return epochFromZoned(date, '00:00', zone);
}

// ---------------------------------------------------------------------------------------------
// Evaluation at one instant

interface Evaluation {
  reasons: ComplianceReason[];
  /**
   * Earliest instant at which every failing check could pass (max of per-check lower bounds);
   * null when some block has no known end.
   */
  earliest: number | null;
  /** When everything passes: the soonest window end among the zones. */
  windowEnd?: { ms: number; zone: string };
}

function evaluate(ctx: Context, ms: number): Evaluation {
  const reasons: ComplianceReason[] = [];
  let earliest: number | null = ms;
  const raise = (bound: number | null): void => {
    earliest = bound === null || earliest === null ? null : Math.max(earliest, bound);
  };

  raise(checkOptOut(ctx, reasons));
  raise(checkFlags(ctx, ms, reasons));
  const window = checkWindow(ctx, ms, reasons);
  raise(window.earliest);
  for (const cap of ctx.profile.caps) {
    if (cap.channels.includes(ctx.channel)) {
      raise(checkCap(ctx, cap, ms, reasons));
    }
  }
  const pause = ctx.profile.conversationPause;
  if (pause && pause.channels.includes(ctx.channel)) {
    raise(checkPause(ctx, pause, ms, reasons));
  }
  const evaluation: Evaluation = { reasons, earliest };
  if (window.end) {
    evaluation.windowEnd = window.end;
  }
  return evaluation;
}

/** US-8 prohibited medium / TCPA-2 revocation / EU-1 objection: the contact opted out of this channel. */
function checkOptOut(ctx: Context, reasons: ComplianceReason[]): number | null {
  if (!ctx.contact.optOuts.includes(ctx.channel)) {
    return ctx.atMs;
  }
  reasons.push({
    code: 'channel_opt_out',
    severity: 'hard',
    message: `${ctx.contact.name} has opted out of ${ctx.channel}; use another channel they have not refused.`,
    rule: ctx.profile.optOutRule,
  });
  return null;
}

/** f.11 blocked states. A flag with an `until` date blocks through that local date. */
function checkFlags(ctx: Context, ms: number, reasons: ComplianceReason[]): number | null {
  let earliest: number | null = ms;
  const primaryZone = ctx.zones[0] as string;
  const today = localDate(ctx, ms, primaryZone);
  for (const entry of ctx.account.flags) {
    if ((entry.since && entry.since > today) || (entry.until && entry.until < today)) {
      continue;
    }
    for (const rule of ctx.profile.flagRules) {
      if (!flagRuleApplies(rule, entry.flag, ctx)) {
        continue;
      }
      const severity: ReasonSeverity = rule.effect === 'hard' ? 'hard' : rule.effect === 'soft' ? 'soft' : 'info';
      const until = entry.until ? ` until ${entry.until}` : '';
      reasons.push({
        code: 'account_flag',
        severity,
        message: `${rule.message}${until}${entry.note ? ` (${entry.note})` : ''}`,
        rule: rule.rule,
        flag: entry.flag,
      });
      if (severity === 'info') {
        continue;
      }
      if (!entry.until) {
        earliest = null;
      } else if (earliest !== null) {
        // Lifted from the start of the next local day in every zone (the latest of them).
        const liftDate = addDays(entry.until, 1);
        earliest = Math.max(earliest, ...ctx.zones.map((zone) => startOfLocalDay(liftDate, zone)));
      }
    }
  }
  return earliest;
}

function flagRuleApplies(rule: FlagRule, flag: AccountFlag, ctx: Context): boolean {
  return rule.flag === flag && rule.channels.includes(ctx.channel) && !(rule.exemptRoles ?? []).includes(ctx.contact.role);
}

interface WindowCheck {
  earliest: number | null;
  end?: { ms: number; zone: string };
}

function hhmm(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** US-1/US-2 window in every zone; IE-1 excluded days and public holidays. */
function checkWindow(ctx: Context, ms: number, reasons: ComplianceReason[]): WindowCheck {
  const schedule = ctx.schedule;
  if (!schedule) {
    return { earliest: ms };
  }
  let earliest: number | null = ms;
  let end: { ms: number; zone: string } | undefined;
  for (const zone of ctx.zones) {
    const parts = zonedParts(ms, zone);
    const now = hhmm(parts.hour, parts.minute);
    const range = schedule.days[parts.weekday];
    const holiday = schedule.excludeHolidays && (ctx.holidaysByZone.get(zone)?.has(parts.date) ?? false);
    const where = `${now} on ${weekdayName(parts.weekday)} ${parts.date} in ${zone}`;
    let failure: { code: ReasonCode; message: string } | null = null;
    if (!range) {
      const weekend = schedule.workingDays ? ` (the weekend in ${ctx.account.country ?? ctx.profile.defaultHolidayCalendar ?? zone})` : '';
      failure = { code: 'excluded_day', message: `It is ${where}: no ${ctx.channel} contact on ${weekdayName(parts.weekday)}s${weekend}.` };
    } else if (holiday) {
      failure = { code: 'public_holiday', message: `It is ${where}, a public holiday: no ${ctx.channel} contact.` };
    } else if (now < range.start || now >= range.end) {
      failure = { code: 'outside_window', message: `It is ${where}: ${ctx.channel} contact is allowed ${range.start}-${range.end} local time.` };
    }
    if (failure) {
      reasons.push({ ...failure, severity: 'block', rule: schedule.rule, zone });
      const next = nextWindowStart(ctx, schedule, zone, ms, parts.date);
      earliest = next === null || earliest === null ? null : Math.max(earliest, next);
      if (next === null) {
        reasons.push({
          code: 'channel_not_permitted',
          severity: 'hard',
          message: `The ${ctx.profile.id} profile allows no ${ctx.channel} contact within the next ${SEARCH_HORIZON_DAYS} days in ${zone}.`,
          rule: schedule.rule,
          zone,
        });
      }
    } else if (range) {
      const closes = epochFromZoned(parts.date, range.end, zone);
      if (!end || closes < end.ms) {
        end = { ms: closes, zone };
      }
    }
  }
  return end ? { earliest, end } : { earliest };
}

/** Start of the next allowed window in `zone` after `ms` (today's if it has not opened yet). */
function nextWindowStart(ctx: Context, schedule: ChannelSchedule, zone: string, ms: number, today: string): number | null {
  for (let offset = 0; offset <= SEARCH_HORIZON_DAYS; offset += 1) {
    const date = addDays(today, offset);
    const range = schedule.days[weekdayKey(dayOfWeek(date))];
    if (!range || (schedule.excludeHolidays && (ctx.holidaysByZone.get(zone)?.has(date) ?? false))) {
      continue;
    }
    const opens = epochFromZoned(date, range.start, zone);
    const closes = epochFromZoned(date, range.end, zone);
    if (closes > ms) {
      return Math.max(opens, ms);
    }
  }
  return null;
}

function weekdayName(weekday: string): string {
  const names: Record<string, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
  return names[weekday] ?? weekday;
}

/** Activities in a counter's scope (see CounterScopeSchema), up to `ms`. */
function inScope(ctx: Context, scope: CounterScope, ms: number): TimedActivity[] {
  return ctx.history.filter(({ activity, ms: at }) => {
    if (at > ms) {
      return false;
    }
    if (scope === 'account') {
      return true;
    }
    if (activity.contactId !== ctx.contact.id) {
      return false;
    }
    if (scope === 'contact' || ctx.debtRef === null) {
      return true;
    }
    const refs = activity.debtRefs ?? [];
    return refs.length === 0 || refs.includes(ctx.debtRef);
  });
}

function countsForCap(cap: FrequencyCap, activity: Activity): boolean {
  if (!(cap.channels as readonly string[]).includes(activity.kind)) {
    return false;
  }
  if (activity.direction === 'inbound' && !(cap.countsInbound ?? false)) {
    return false;
  }
  if (activity.disposition === 'left_voicemail' && !(cap.countsVoicemail ?? true)) {
    return false;
  }
  if ((activity.disposition === 'no_answer' || activity.disposition === 'wrong_number') && !(cap.countsUnanswered ?? true)) {
    return false;
  }
  return true;
}

/**
 * Rolling cap over local calendar days: the contact at local day d is allowed when fewer than `max`
 * counted activities fall on days d-(windowDays-1)…d. When over, it reopens on the day the oldest
 * excess activity leaves the window (US-6 worked example: 7 calls on days 1-7 → day 8).
 */
function checkCap(ctx: Context, cap: FrequencyCap, ms: number, reasons: ComplianceReason[]): number {
  const counted = inScope(ctx, cap.per, ms).filter(({ activity }) => countsForCap(cap, activity));
  let earliest = ms;
  let reported = false;
  for (const zone of ctx.zones) {
    const today = localDate(ctx, ms, zone);
    const firstDay = addDays(today, -(cap.windowDays - 1));
    const days = counted
      .map(({ ms: at }) => localDate(ctx, at, zone))
      .filter((day) => day >= firstDay && day <= today)
      .sort();
    if (days.length < cap.max) {
      continue;
    }
    // Dropping the oldest (count - max + 1) entries brings the count under max.
    const reopens = addDays(days[days.length - cap.max] as string, cap.windowDays);
    // Near midnight the reopening day can differ by zone: the latest start of day wins.
    earliest = Math.max(earliest, startOfLocalDay(reopens, zone));
    if (!reported) {
      // One reason per cap: other zones say the same with shifted dates.
      reported = true;
      reasons.push({
        code: 'frequency_cap',
        severity: 'block',
        message: `${days.length} counted ${cap.channels.join('/')} contact(s) from ${firstDay} to ${today} (${zone}); the limit is ${cap.description}. Possible again from ${reopens}.`,
        rule: cap.rule,
        zone,
        capId: cap.id,
      });
    }
  }
  return earliest;
}

/** US-6 Reg F 1006.14(b)(2)(i)(B): a conversation on local day D (day 1) blocks through D + days − 1. */
function checkPause(ctx: Context, pause: ConversationPause, ms: number, reasons: ComplianceReason[]): number {
  const conversations = inScope(ctx, pause.per, ms).filter(
    ({ activity }) =>
      activity.conversation &&
      (pause.startedBy as readonly string[]).includes(activity.kind) &&
      (activity.direction === 'outbound' || pause.countsInbound),
  );
  if (conversations.length === 0) {
    return ms;
  }
  let earliest = ms;
  let reported = false;
  for (const zone of ctx.zones) {
    const today = localDate(ctx, ms, zone);
    const lastDay = conversations.map(({ ms: at }) => localDate(ctx, at, zone)).sort().at(-1) as string;
    const resumes = addDays(lastDay, pause.days);
    if (today >= resumes) {
      continue;
    }
    earliest = Math.max(earliest, startOfLocalDay(resumes, zone));
    if (!reported) {
      reported = true;
      reasons.push({
        code: 'conversation_pause',
        severity: 'block',
        message: `Conversation on ${lastDay} (${zone}, day 1): no ${pause.channels.join('/')} until ${resumes}.`,
        rule: pause.rule,
        zone,
      });
    }
  }
  return earliest;
}

// ---------------------------------------------------------------------------------------------
// nextAllowedAt

function findNextAllowed(ctx: Context, fromMs: number, firstEarliest: number | null): string | null {
  const horizon = fromMs + SEARCH_HORIZON_DAYS * DAY_MS;
  let candidate = firstEarliest;
  for (let step = 0; step < MAX_SEARCH_STEPS && candidate !== null && candidate <= horizon; step += 1) {
    const evaluation = evaluate(ctx, candidate);
    if (evaluation.reasons.every((reason) => reason.severity === 'info')) {
      return toInstant(candidate);
    }
    if (evaluation.earliest === null) {
      return null;
    }
    // Bounds normally move forward; inside a DST fall-back overlap a wall-clock bound can point
    // back in time, so creep a minute instead of looping.
    candidate = evaluation.earliest > candidate ? evaluation.earliest : candidate + 60_000;
  }
  return null;
}
