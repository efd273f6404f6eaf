/**
 * Contact-compliance policy profiles are DATA (domain-rules.md f.1: "law and company policy are
 * separate rule sources"; one profile per debtor jurisdiction or policy). The engine has no
 * per-profile branches: everything a jurisdiction needs is expressed with the fields below, and a
 * tenant can ship its own profile as JSON validated by {@link PolicyProfileSchema}.
 */
import * as z from 'zod/mini';
import * as V from '../vocabulary';
import { AccountFlagSchema, ActivityKindSchema, ChannelSchema, ContactRoleSchema } from '../model';

/** Local wall-clock time `HH:MM`, 00:00-23:59. */
export const TimeOfDaySchema = z.string().check(z.regex(V.TIME_OF_DAY_PATTERN, 'must be HH:MM (00:00-23:59)'));

/** Weekday keys used in schedules ('mon' … 'sun'); map a date with `weekdayKey(dayOfWeek(date))`. */
export const WeekdaySchema = z.enum(V.WEEKDAYS);
/** Inferred from {@link WeekdaySchema}. */
export type Weekday = z.infer<typeof WeekdaySchema>;

/** A same-day window `[start, end)` in the debtor's local time: `start` allowed, `end` not (US-1 "before 9 p.m."). */
export const TimeRangeSchema = z.object({ start: TimeOfDaySchema, end: TimeOfDaySchema }).check(
  z.refine((range) => range.start < range.end, 'start must be before end (windows do not span midnight)'),
);
/** Inferred from {@link TimeRangeSchema}. */
export type TimeRange = z.infer<typeof TimeRangeSchema>;

/** When one channel may be used, per local weekday. A weekday left out is an excluded day (IE-1 Sundays). */
export const ChannelScheduleSchema = z.object({
  days: z.partialRecord(WeekdaySchema, TimeRangeSchema),
  /** Public holidays from the supplied calendar are excluded days (IE-1, B2B policy f.10). */
  excludeHolidays: z.boolean(),
  /**
   * `days` describe the debtor's working week, not fixed weekdays (B2B business hours): the debtor
   * country's weekend days are excluded and its other days take Monday's window (working-week.ts;
   * a Kuwaiti customer is called on Sunday, not on Friday). Absent/false: `days` are literal (law).
   */
  workingDays: z.optional(z.boolean()),
  /** Rule id(s) cited in reasons, e.g. 'US-1 §1692c(a)(1); Reg F 1006.6(b)(1)(i)'. */
  rule: z.string(),
});
/** Inferred from {@link ChannelScheduleSchema}. */
export type ChannelSchedule = z.infer<typeof ChannelScheduleSchema>;

/**
 * Scope of a counter:
 * - `debt`: Reg F's "particular person … particular debt" (US-6): this contact's activities about
 *   `debtRef` (untagged activities count for every debt, US-6c), across all their numbers (US-6a);
 * - `contact`: this contact's activities, all debts;
 * - `account`: every activity in the supplied history, any contact (household/account caps).
 */
export const CounterScopeSchema = z.enum(V.COUNTER_SCOPES);
/** Inferred from {@link CounterScopeSchema}. */
export type CounterScope = z.infer<typeof CounterScopeSchema>;

/** Rolling frequency cap: at most `max` counted activities in any `windowDays` consecutive local days. */
export const FrequencyCapSchema = z.object({
  id: z.string().check(z.minLength(1)),
  /** Channels counted and gated together (MA-1 counts calls and texts as one budget). */
  channels: z.array(ChannelSchema).check(z.minLength(1)),
  max: z.int().check(z.gte(1)),
  windowDays: z.int().check(z.gte(1)),
  per: CounterScopeSchema,
  /** Inbound activities count (default false: US-6b, inbound calls do not count toward 7-in-7). */
  countsInbound: z.optional(z.boolean()),
  /** Calls that left a voicemail count (default true; MA-1 *Watkins*). */
  countsVoicemail: z.optional(z.boolean()),
  /** Calls with no answer / wrong number count (default true: Reg F counts placed calls). */
  countsUnanswered: z.optional(z.boolean()),
  rule: z.string(),
  description: z.string(),
});
/** Inferred from {@link FrequencyCapSchema}. */
export type FrequencyCap = z.infer<typeof FrequencyCapSchema>;

/** After a conversation on local day D (day 1), `channels` are blocked through D + days − 1 (US-6). */
export const ConversationPauseSchema = z.object({
  days: z.int().check(z.gte(1)),
  channels: z.array(ChannelSchema).check(z.minLength(1)),
  /** Activity kinds whose `conversation: true` starts the clock (Reg F: telephone conversations). */
  startedBy: z.array(ActivityKindSchema).check(z.minLength(1)),
  per: CounterScopeSchema,
  /** Inbound conversations start the clock too (US-6b). */
  countsInbound: z.boolean(),
  rule: z.string(),
});
/** Inferred from {@link ConversationPauseSchema}. */
export type ConversationPause = z.infer<typeof ConversationPauseSchema>;

/**
 * What an account flag does to contact:
 * - `hard`: blocked, never overridable (legal stop: cease, bankruptcy stay, breathing space);
 * - `soft`: blocked for the ordinary worklist; specialist handling or a documented override (UK-7);
 * - `advisory`: contact allowed, the reason is shown (B2B dispute: chase only the undisputed rest).
 */
export const FlagEffectSchema = z.enum(V.FLAG_EFFECTS);
/** Inferred from {@link FlagEffectSchema}. */
export type FlagEffect = z.infer<typeof FlagEffectSchema>;

/** How one account flag restricts which channels, for whom (`exemptRoles`), citing the rule. */
export const FlagRuleSchema = z.object({
  flag: AccountFlagSchema,
  effect: FlagEffectSchema,
  channels: z.array(ChannelSchema).check(z.minLength(1)),
  /** Contacts with these roles are exempt (attorney_represented → attorney only, US-12; deceased → estate representative, US-15). */
  exemptRoles: z.optional(z.array(ContactRoleSchema)),
  rule: z.string(),
  message: z.string(),
});
/** Inferred from {@link FlagRuleSchema}. */
export type FlagRule = z.infer<typeof FlagRuleSchema>;

/** Every reason code the engine can emit. */
export const ReasonCodeSchema = z.enum(V.REASON_CODES);
/** Inferred from {@link ReasonCodeSchema}. */
export type ReasonCode = z.infer<typeof ReasonCodeSchema>;

/**
 * A jurisdiction's contact policy as data (windows, caps, conversation pause, flag rules, override
 * policy): what the engine reads, i.e. a profile without its documentation. The connector resolves the account's
 * profile (or the host's override) to these rules and delivers them with the snapshot
 * (`AccountSnapshot.complianceRules`, decision 0009).
 */
export const PolicyRulesSchema = z.object({
  id: z.string().check(z.regex(V.PROFILE_ID_PATTERN, 'lower-case letters, digits and dashes')),
  defaultZone: z.string(),
  defaultHolidayCalendar: z.optional(z.nullable(z.string())),
  requireAllCandidateZones: z.boolean(),
  windows: z.partialRecord(ChannelSchema, ChannelScheduleSchema),
  caps: z.array(FrequencyCapSchema),
  conversationPause: z.nullable(ConversationPauseSchema),
  flagRules: z.array(FlagRuleSchema),
  optOutRule: z.string(),
  optOutNotice: z.nullable(z.object({ channels: z.array(ChannelSchema), rule: z.string(), message: z.string() })),
  override: z.object({ permitted: z.boolean(), codes: z.array(ReasonCodeSchema) }),
});

/** A complete profile: the rules plus their documentation (name, description, what to record on override, sources). */
export const PolicyProfileSchema = z.extend(PolicyRulesSchema, {
  name: z.string(),
  description: z.string(),
  override: z.object({ permitted: z.boolean(), codes: z.array(ReasonCodeSchema), rule: z.string() }),
  sources: z.array(z.string()),
});
export type PolicyProfile = z.infer<typeof PolicyProfileSchema>;

/**
 * A profile's documentation: for people (reports, options pages, the override form's guidance),
 * never read by the engine. `overrideRule` is the profile's `override.rule`.
 */
export interface PolicyDocumentation {
  name: string;
  description: string;
  /** What a user records to proceed against an overridable block (`PolicyProfile.override.rule`). */
  overrideRule: string;
  sources: string[];
}

/**
 * What the engine reads: a {@link PolicyProfile} without its documentation. Every PolicyProfile is
 * one, so a tenant's own (validated) profile is checked exactly like a shipped one.
 */
export type PolicyRules = z.infer<typeof PolicyRulesSchema>;
