/**
 * Public API of the domain's part B: zoned time, contact compliance, prioritisation.
 * (The lead merges this barrel with part A's into the domain index.)
 */
export {
  addDaysToIsoDate,
  canonicalTimeZone,
  daysBetweenIsoDates,
  epochFromZoned,
  formatLocalTime,
  formatLocalTimeWithZone,
  instantFromZoned,
  isValidTimeZone,
  parseInstant,
  requireIsoDate,
  requireTimeZone,
  toInstant,
  weekdayOfIsoDate,
  zoneAbbreviation,
  zonedParts,
} from './time';
export type { Weekday, ZonedParts } from './time';

export { checkContact } from './compliance/engine';
export type {
  CheckContactInput,
  ComplianceReason,
  ComplianceRequirement,
  ComplianceResult,
  HistoryActivity,
  ReasonSeverity,
} from './compliance/engine';
export { getProfile, PROFILE_IDS, PROFILES } from './compliance/profiles';
export {
  ChannelScheduleSchema,
  ConversationPauseSchema,
  CounterScopeSchema,
  FlagEffectSchema,
  FlagRuleSchema,
  FrequencyCapSchema,
  PolicyProfileSchema,
  ReasonCodeSchema,
  TimeOfDaySchema,
  TimeRangeSchema,
  WeekdaySchema,
} from './compliance/profile';
export type {
  ChannelSchedule,
  ConversationPause,
  CounterScope,
  FlagEffect,
  FlagRule,
  FrequencyCap,
  PolicyProfile,
  ReasonCode,
  TimeRange,
} from './compliance/profile';

export { DEFAULT_PRIORITY_WEIGHTS, rankAccounts, scoreAccount } from './priority';
export type { PriorityClock, PriorityComponent, PriorityFacts, PriorityResult, PriorityWeights, RankedAccount } from './priority';
